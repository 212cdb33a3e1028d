"""The figures (the theory of change, the roadmap) as the built pages show them: drawn
from each language's own sections (scripts/figures.py, scripts/hooks/figures.py)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from conftest import build_site, copy_project, page_folder
from scripts.figures import Figure, FigureError, draw, figures_of
from scripts.ui_text import ui

LANGUAGE_ROOTS = {"fr": "", "en": "en/", "es": "es/"}
FIGURE_PAGES = ["theory-of-change.md", "strategic-plan.md"]


def _soup(site: Path, locale: str, rel: str) -> BeautifulSoup:
    path = site / LANGUAGE_ROOTS[locale] / page_folder(rel) / "index.html"
    return BeautifulSoup(path.read_text("utf-8"), "lxml")


def _texts(node) -> list[str]:
    """The words of each heading, paragraph and list item under ``node``, in order
    (a heading without its permalink)."""
    texts = []
    for element in node.find_all(["h2", "h3", "p", "li"]):
        if element.name == "li" and element.find(["p", "ul", "ol", "h2", "h3"]):
            continue  # a stage: its parts are listed one by one
        words = "".join(t for t in element.find_all(string=True)
                        if not t.find_parent(class_="headerlink"))
        texts.append(" ".join(words.split()))
    return texts


def _markdown_texts(path: Path, section) -> list[str]:
    """The heading, then the paragraphs and list items of ``section`` of the Markdown
    file at ``path``, outside quotes: what the figure must show of it."""
    lines = path.read_text("utf-8").splitlines()[section.line - 1: section.end_line]
    texts, quoted = [section.title], 0
    tokens = MarkdownIt("commonmark").parse("\n".join(lines))
    for index, token in enumerate(tokens):
        quoted += {"blockquote_open": 1, "blockquote_close": -1}.get(token.type, 0)
        if token.type == "inline" and not quoted and tokens[index - 1].type == "paragraph_open":
            texts.append(" ".join("".join(c.content for c in token.children
                                          if c.type in ("text", "code_inline")).split()))
    return texts


def _expected(config, pages, locale: str, rel: str, figure: Figure) -> list[str]:
    """What ``figure`` must show, in order, from the Markdown of ``locale``."""
    texts = []
    for stage in figure.stages:
        other, _, section_id = stage.rpartition("#")
        page = pages[(locale, other or rel)]
        section = page.section(section_id)
        texts += _markdown_texts(config.docs_dir / locale / (other or rel), section)
    return texts


@pytest.mark.parametrize("rel", FIGURE_PAGES)
def test_each_figure_shows_all_its_items_in_the_page_language(site, config, pages, rel):
    for locale in config.locales:
        soup = _soup(site, locale, rel)
        assert soup.html["lang"] == locale
        [figure] = figures_of(config.hub, rel)
        drawn = soup.select(f"article figure.hub-figure--{figure.name}")
        assert len(drawn) == 1, f"{locale}/{rel}: {len(drawn)} figures"
        caption = drawn[0].find("figcaption")
        title = pages[(locale, rel)].section(figure.title).title
        assert caption.get_text() == ui("figure_caption", locale).format(title=title)
        expected = _expected(config, pages, locale, rel, figure)
        shown = _texts(drawn[0])
        assert [" ".join(t.split()) for t in expected] == shown, f"{locale}/{rel}"


@pytest.mark.parametrize("rel", FIGURE_PAGES)
def test_figure_headings_keep_their_ids_permalinks_and_table_of_contents(site, config, pages, rel):
    for locale in config.locales:
        soup = _soup(site, locale, rel)
        [figure] = figures_of(config.hub, rel)
        drawn = soup.select_one(f"figure.hub-figure--{figure.name}")
        toc = {a["href"] for a in soup.select(".md-sidebar--secondary a.md-nav__link")}
        for stage in figure.stages:
            if "#" in stage:
                continue
            heading = drawn.find(id=stage)
            assert heading is not None and heading.name in ("h2", "h3"), f"{locale}/{rel}: #{stage}"
            assert heading.select_one(f'a.headerlink[href="#{stage}"]'), f"{locale}/{rel}: #{stage}"
            assert f"#{stage}" in toc, f"{locale}/{rel}: #{stage} left the table of contents"


@pytest.mark.parametrize("rel", FIGURE_PAGES)
def test_figure_links_lead_to_sections_that_exist(site, config, rel):
    for locale in config.locales:
        page_dir = site / LANGUAGE_ROOTS[locale] / page_folder(rel)
        drawn = _soup(site, locale, rel).select_one("figure.hub-figure")
        links = drawn.find_all("a", href=True)
        assert links
        for link in links:
            href = link["href"]
            if urlsplit(href).scheme:
                continue
            path, _, fragment = href.partition("#")
            target = (page_dir / unquote(path)).resolve()
            target = target / "index.html" if target.is_dir() else target
            assert target.is_file(), f"{locale}/{rel}: {href} leads nowhere"
            if fragment:
                ids = {node["id"] for node in BeautifulSoup(target.read_text("utf-8"), "lxml")
                       .find_all(id=True)}
                assert fragment in ids, f"{locale}/{rel}: {href} has no #{fragment}"


def test_the_roadmap_labels_link_to_what_explains_them(site, config):
    for locale in config.locales:
        drawn = _soup(site, locale, "strategic-plan.md").select_one("figure.hub-figure--roadmap")
        outcome = [a["href"] for a in drawn.find(id="outcome-areas").parent.select("ol > li > a")]
        strategies = [a["href"] for a in drawn.find(id="roadmap-strategies").parent.select("ul > li > a")]
        assert outcome == ["#domain-1", "#domain-2", "#domain-3", "#domain-4"]
        assert strategies == ["#link", "#learn", "#improve", "#influence"]
        principles = drawn.select_one(".hub-figure__stage--foreign .hub-figure__label a")
        assert principles["href"] == "../core-principles/#principles"


def test_a_quote_of_a_stage_section_follows_the_figure(site, config):
    for locale in config.locales:
        drawn = _soup(site, locale, "strategic-plan.md").select_one("figure.hub-figure--roadmap")
        assert drawn.find("blockquote") is None
        assert drawn.find_next_sibling().name == "blockquote"


def test_a_changed_list_item_changes_the_figure_in_every_language(tmp_path):
    """A French list item and its translations changed, here and in the principles: the
    figures follow at the next build, in each language."""
    project = copy_project(tmp_path / "hub")
    changes = {
        "theory-of-change.md": {"fr": ("Construire des collaborations inclusives",
                                       "Construire des collaborations inclusives et durables"),
                                "en": ("Building inclusive collaborations", "Building lasting inclusive collaborations"),
                                "es": ("Construir colaboraciones inclusivas",
                                       "Construir colaboraciones inclusivas y duraderas")},
        "core-principles.md": {"fr": ("Nous adoptons le féminisme intersectionnel.",
                                      "Nous adoptons pleinement le féminisme intersectionnel."),
                               "en": ("We embrace intersectional feminism.",
                                      "We fully embrace intersectional feminism."),
                               "es": ("Abrazamos el feminismo interseccional.",
                                      "Abrazamos plenamente el feminismo interseccional.")},
    }
    for rel, by_locale in changes.items():
        for locale, (old, new) in by_locale.items():
            path = project / "docs" / locale / rel
            text = path.read_text("utf-8")
            assert old in text, f"{path}: the test expects “{old}”"
            path.write_text(text.replace(old, new), "utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    for locale in LANGUAGE_ROOTS:
        toc = " ".join(_texts(_soup(site, locale, "theory-of-change.md").select_one("figure.hub-figure")))
        roadmap = " ".join(_texts(_soup(site, locale, "strategic-plan.md").select_one("figure.hub-figure")))
        old, new = changes["theory-of-change.md"][locale]
        assert new in toc
        old, new = changes["core-principles.md"][locale]
        assert new in roadmap and old not in roadmap


SAMPLE = ('<h1 id="top">Title</h1><p>Intro</p><h2 id="a">A</h2><p>Lead</p><ul><li>one</li></ul>'
          '<h2 id="b">B</h2><ul><li>two</li></ul><blockquote><p>Quote</p></blockquote>'
          '<h2 id="c">C</h2><p>Rest</p>')


def test_a_figure_moves_its_sections_and_leaves_quotes_after_it():
    html = draw(SAMPLE, Figure("x", "flow", "top", ("a", "b")), "Diagram: {title}", {}, "docs/en/x.md")
    soup = BeautifulSoup(html, "html.parser")
    figure = soup.figure
    assert figure.figcaption.get_text() == "Diagram: Title"
    assert [li.h2["id"] for li in figure.select("ol > li")] == ["a", "b"]
    assert figure.find_next_sibling().name == "blockquote"
    assert soup.find(id="c").find_previous_sibling().name == "blockquote"
    assert soup.p.get_text() == "Intro"


@pytest.mark.parametrize("stages, message", [
    (("a", "missing"), "has the section #missing as a stage, which the page lacks"),
    (("a", "c"), "must be consecutive sections; #c does not follow"),
])
def test_a_figure_that_cannot_be_drawn_says_why(stages, message):
    with pytest.raises(FigureError) as error:
        draw(SAMPLE, Figure("x", "flow", "top", stages), "{title}", {}, "docs/en/x.md")
    assert str(error.value).startswith("docs/en/x.md: ")
    assert message in str(error.value) and "mkdocs.yml" in str(error.value)


def test_a_figure_setting_that_is_wrong_is_explained():
    with pytest.raises(FigureError, match="layout 'grid'; use one of flow, layers"):
        figures_of({"figures": {"x.md": [{"name": "x", "layout": "grid", "title": "t", "stages": []}]}}, "x.md")
    with pytest.raises(FigureError, match="needs `name`, `layout`, `title` and `stages`"):
        figures_of({"figures": {"x.md": [{"name": "x"}]}}, "x.md")


def test_the_figures_setting_names_sections_of_every_language(config, pages):
    """The settings hold no words: section IDs only, found in every language."""
    for rel in FIGURE_PAGES:
        for figure in figures_of(config.hub, rel):
            for stage in figure.stages + (figure.title,):
                other, _, section_id = stage.rpartition("#")
                for locale in config.locales:
                    assert pages[(locale, other or rel)].section(section_id), f"{locale}: {stage}"

