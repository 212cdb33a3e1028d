"""The PDF handouts, as a trainer downloads and prints them (scripts/handouts/)."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from functools import cache
from pathlib import Path

import pikepdf
import pymupdf
import pyphen
import pytest
import segno
import yaml
from bs4 import BeautifulSoup
from ruamel.yaml import YAML
from weasyprint.formatting_structure import boxes

import printed
from conftest import build_site, copy_project, page_folder
from scripts.benchmarks.loop import fetched, free_port
from scripts.handouts.article import SETTINGS
from scripts.handouts.build import Sources, build_handouts, is_loopback, public_site_url
from scripts.handouts.catalog import HANDBOOK, catalog
from scripts.figures import figures_of
from scripts.glossary import glossary
from scripts.handouts.compose import COVER_DOCUMENT, SHORT_DOCUMENT
from scripts.handouts.conformance import findings
from scripts.handouts.errors import HandoutError
from scripts.handouts.render import hyphenation_patterns, lay_out
from scripts.site_config import ROOT
from scripts.site_urls import page_url
from test_serve import _wait_for
from scripts.ui_text import ui

LANGUAGE_ROOTS = {"fr": "", "en": "en/", "es": "es/"}
MANIFEST_KEYS = {"document", "languages", "paper", "path", "pages", "bytes"}
# The most frequent short words of each language, to tell which one a text is in.
COMMON_WORDS = {
    "fr": {"le", "la", "les", "des", "et", "est", "une", "du", "nous", "pour"},
    "en": {"the", "and", "of", "to", "is", "our", "we", "for", "that", "with"},
    "es": {"el", "los", "las", "y", "es", "una", "del", "nuestra", "para", "que"},
}
# The shipped font's faces, as pdffonts names them (after the subset's prefix).
SHIPPED_FACES = re.compile(r"SourceSans3(-Bold|-Italic|-BoldItalic)?")
# The handouts in which printing showed stranded lines and headings (issue 13), laid
# out again in the tests to see every line on every page.
LAID_OUT = ("theory-of-change.fr-en.letter", "theory-of-change.en-es.letter",
            "handbook.es.letter", "strategic-plan.fr-es.a4",
            # and where a trainer's review of the merged figures found them again
            "theory-of-change.fr-es.a4", "theory-of-change.fr-en.a4", "strategic-plan.en.letter",
            "strategic-plan.fr.a4",
            # and where a trainer photocopying them found the roadmap's columns apart (issue 21)
            "strategic-plan.fr-es.letter",
            # and where a trainer's cold review of issue 21's pages found a figure split
            # over pages or over three (issue 21b)
            "theory-of-change.fr-es.letter", "strategic-plan.en-es.a4", "strategic-plan.en.a4",
            "strategic-plan.es.a4", "strategic-plan.es.letter", "strategic-plan.fr.letter",
            "handbook.fr.a4", "handbook.es.a4")
# What outloud may still warn about: the column headings of a bilingual handout,
# repeated as the table's header on each page (a /THead the cells of that page refer to).
REPEATED_COLUMN_HEADINGS = "PAG-001"


@pytest.fixture(scope="module")
def manifest(site) -> dict:
    return json.loads((site / "handouts" / "manifest.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def site_url() -> str:
    """The address the handouts lead to (SITE_URL, as in mkdocs.yml)."""
    return public_site_url(ROOT)


@pytest.fixture(scope="session")
def handouts(config):
    return catalog(config)


@cache
def _text(path: Path) -> str:
    """The PDF's text, one space for any run of white space (pymupdf: twenty times as
    fast as pypdf, which also loses the space at some line ends)."""
    with pymupdf.open(path) as document:
        return " ".join(" ".join(page.get_text() for page in document).split())


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.lower())


def _language_of(text: str) -> str:
    counts = Counter(_words(text))
    return max(COMMON_WORDS, key=lambda loc: sum(counts[word] for word in COMMON_WORDS[loc]))


def _plain(title: str) -> str:
    return " ".join(title.replace("*", "").split())


def _poppler(tool: str, path: Path) -> str:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is missing: install Debian's poppler-utils (.ci/run does).")
    return subprocess.run([tool, str(path)], capture_output=True, text=True, check=True).stdout


def test_every_handout_exists_and_is_in_the_manifest(site, manifest, handouts, config):
    documents = config.hub["handouts"]["documents"]
    pairs, papers = config.hub["handouts"]["pairs"], config.hub["handouts"]["papers"]
    expected = len(papers) * (len(documents) * (len(config.locales) + len(pairs)) + len(config.locales))
    assert len(handouts) == expected
    files = manifest["files"]
    assert sorted(f["path"] for f in files) == sorted(h.path for h in handouts)
    for entry in files:
        assert set(entry) == MANIFEST_KEYS
        path = site / entry["path"]
        assert path.stat().st_size == entry["bytes"]
        with pymupdf.open(path) as document:
            assert document.page_count == entry["pages"]
        assert entry["paper"] in papers and set(entry["languages"]) <= set(config.locales)


def test_each_document_in_every_language_and_paper(manifest, config):
    listed = {(f["document"], tuple(f["languages"]), f["paper"]) for f in manifest["files"]}
    for paper in config.hub["handouts"]["papers"]:
        for locale in config.locales:
            assert (HANDBOOK, (locale,), paper) in listed
            for page in config.hub["handouts"]["documents"]:
                assert (page.removesuffix(".md"), (locale,), paper) in listed
        for pair in config.hub["handouts"]["pairs"]:
            for page in config.hub["handouts"]["documents"]:
                assert (page.removesuffix(".md"), tuple(pair), paper) in listed


def test_single_language_handouts_are_in_their_language_with_every_heading(site, manifest, pages, config):
    for entry in manifest["files"]:
        if len(entry["languages"]) != 1:
            continue
        locale = entry["languages"][0]
        text = _text(site / entry["path"])
        assert _language_of(text) == locale, entry["path"]
        handout_pages = (config.hub["handouts"]["handbook"] if entry["document"] == HANDBOOK
                         else [entry["document"] + ".md"])
        for rel in handout_pages:
            for section in pages[(locale, rel)].headings:
                assert _plain(section.title) in text, f"{entry['path']}: no heading “{section.title}”"


def test_bilingual_handouts_face_each_section_with_its_translation(site, manifest, pages, config):
    """Both languages' headings for every section, in the same order: left, right, next row
    (a section with no text of its own shares its row of headings with the next one's)."""
    for entry in manifest["files"]:
        if len(entry["languages"]) != 2:
            continue
        left, right = entry["languages"]
        text = _text(site / entry["path"])
        names = {language.locale: language.name for language in config.languages}
        body = text[text.index(names[left].upper()):]  # the table, after cover and contents
        rel = entry["document"] + ".md"
        position = 0
        # A figure's stages face each other as one figure per column (test_figures_in_reading_order).
        stages = {stage for figure in figures_of(config.hub, rel) for stage in figure.stages}
        row: list[tuple[str, str]] = []  # the (left, right) headings of one row
        for section in pages[(left, rel)].headings:
            if section.id in stages:
                continue
            if section.level == 1 and _plain(section.title) == _plain(pages[(left, rel)].meta["title"]):
                continue  # the handout's title, above the table
            row.append((section.title, pages[(right, rel)].counterpart(section).title))
            if not section.blocks and section is not pages[(left, rel)].headings[-1]:
                continue
            for title in [left_title for left_title, _ in row] + [right_title for _, right_title in row]:
                found = body.find(_plain(title), position)
                assert found >= 0, f"{entry['path']}: “{title}” missing or out of order"
                position = found + 1
            row = []
        counts = Counter(_words(body))
        for locale in (left, right):
            assert sum(counts[word] for word in COMMON_WORDS[locale]) > 20, f"{entry['path']}: little {locale}"


def test_bilingual_columns_carry_their_language(site, config, site_url, handouts):
    sources = Sources(config, site, site_url)
    handout = next(h for h in handouts if h.is_bilingual)
    soup = BeautifulSoup(sources.compose(handout), "lxml")
    assert soup.html["lang"] == handout.languages[0]
    for row in soup.select("table.bilingual tbody tr"):
        cells = row.find_all("td", recursive=False)
        assert [cell["lang"] for cell in cells] == list(handout.languages)
        ids = [[h["id"].split("--")[-1] for h in cell.find_all(re.compile("^h[1-6]$"))] for cell in cells]
        assert ids[0] == ids[1]


def test_pdfs_are_tagged_with_bookmarks_metadata_and_the_paper_they_say(site, manifest, pages, config):
    for entry in manifest["files"]:
        path = site / entry["path"]
        info = _poppler("pdfinfo", path)
        assert re.search(r"^Tagged:\s+yes$", info, re.M), f"{entry['path']} is not a tagged PDF"
        paper = {"a4": "(A4)", "letter": "(letter)"}[entry["paper"]]
        assert paper in info, f"{entry['path']}: not {paper}"
        locale = entry["languages"][0]
        with pymupdf.open(path) as document:
            assert document.xref_get_key(document.pdf_catalog(), "Lang") == ("string", locale)
            assert document.metadata["author"] == ui("organisation", locale)
            if entry["document"] != HANDBOOK:
                assert document.metadata["title"].startswith(pages[(locale, entry["document"] + ".md")].meta["title"])
            bookmarks = [title for level, title, _ in document.get_toc() if level == 1]
            assert bookmarks, f"{entry['path']}: no bookmarks"
            pages_sizes = {(round(p.mediabox.width), round(p.mediabox.height)) for p in document}
        assert pages_sizes == {{"a4": (595, 842), "letter": (612, 792)}[entry["paper"]]}


def test_every_font_is_the_shipped_one_embedded_and_subset(site, manifest):
    for entry in manifest["files"]:
        rows = _poppler("pdffonts", site / entry["path"]).splitlines()[2:]
        assert rows, f"{entry['path']}: no font"
        for row in rows:
            name, *_, emb, sub, uni, _obj, _gen = row.split()
            assert (emb, sub, uni) == ("yes", "yes", "yes"), f"{entry['path']}: {row}"
            assert SHIPPED_FACES.fullmatch(name.split("+", 1)[1]), f"{entry['path']}: {name} is not shipped"


def test_links_leave_for_the_site_or_stay_inside(site, site_url):
    """The handbook links to its own pages inside the PDF, to other pages on the site."""
    path = site / "handouts" / "handbook.en.a4.pdf"
    uris = _uris(path)
    with pikepdf.open(path) as pdf:
        inside = [str(annotation.Dest) for page in pdf.pages for annotation in page.get("/Annots", [])
                  if "/Dest" in annotation]
    assert any("strategic-plan--link" in dest for dest in inside), "theory of change → strategic plan"
    assert site_url.rstrip("/") + "/en/handouts/#handouts" in uris, "home page → handouts page, absolute"
    assert all(uri.startswith(("http://", "https://", "mailto:")) for uri in uris)


def test_hyphenation_in_french_and_spanish_never_leaves_two_letters(site):
    for name in ("strategic-plan.fr-es.a4.pdf", "theory-of-change.fr.letter.pdf"):
        with pymupdf.open(site / "handouts" / name) as document:
            text = "\n".join(page.get_text() for page in document)
        splits = re.findall(r"([^\W\d_]+)-\n([^\W\d_]+)", text)
        assert splits, f"{name}: no hyphenation"
        short = [f"{a}-{b}" for a, b in splits if len(a) < 3 or len(b) < 3]
        assert not short, f"{name}: {short}"


def test_single_documents_are_small(manifest):
    for entry in manifest["files"]:
        if entry["document"] != HANDBOOK and len(entry["languages"]) == 1:
            # 90 kB: the strategic plan with its roadmap (issue 11) and domain 3's boxed
            # editorial note (issue 23) is 80-85.3 kB (es, Letter: the largest)
            assert entry["bytes"] < 90_000, entry["path"]


@pytest.mark.parametrize("locale", ["fr", "en", "es"])
def test_handouts_page_lists_every_pdf_with_size_and_pages(site, manifest, locale):
    page_dir = site / LANGUAGE_ROOTS[locale] / "handouts"
    soup = BeautifulSoup((page_dir / "index.html").read_text("utf-8"), "lxml")
    links = {(page_dir / a["href"]).resolve(): a for a in soup.select("article table a[href$='.pdf']")}
    expected = {(site / entry["path"]).resolve(): entry for entry in manifest["files"]}
    assert set(links) == set(expected)
    for path, link in links.items():
        size = link.find_next_sibling("span").get_text()
        pages = expected[path]["pages"]  # "1 page", "2 pages": the singular has its own text
        assert ui("handouts_page" if pages == 1 else "handouts_pages", locale).format(n=pages) in size


@pytest.mark.parametrize("locale", ["fr", "en", "es"])
def test_document_pages_link_to_their_pdfs(site, config, locale):
    for rel in config.hub["handouts"]["documents"]:
        page_dir = site / LANGUAGE_ROOTS[locale] / page_folder(rel)
        soup = BeautifulSoup((page_dir / "index.html").read_text("utf-8"), "lxml")
        links = [a["href"] for a in soup.select("article .hub-download a[href$='.pdf']")]
        name = rel.removesuffix(".md")
        assert any(href.endswith(f"/{name}.{locale}.a4.pdf") for href in links)
        assert all((page_dir / href).exists() for href in links)


def test_a_rebuild_with_nothing_changed_renders_nothing(site, site_url, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    outcome = build_handouts(ROOT, copy, site_url, "on", report=lambda message: None)
    assert outcome.rendered == 0 and not outcome.skipped
    assert (copy / "handouts" / "manifest.json").read_text() == (site / "handouts" / "manifest.json").read_text()


def test_cached_mode_renders_nothing_and_leaves_out_what_is_missing(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    outcome = build_handouts(ROOT, copy, "https://example.org/", "cached",
                             report=lambda message: None, cache_dir=tmp_path / "empty-cache")
    assert outcome.rendered == 0 and outcome.written == []
    assert len(outcome.skipped) == len(json.loads((site / "handouts" / "manifest.json").read_text())["files"])


def test_a_wrong_switch_is_reported_without_a_traceback(site):
    result = subprocess.run([sys.executable, "-m", "scripts.handouts", str(site)], cwd=ROOT,
                            env={**os.environ, "HUB_HANDOUTS": "maybe"}, capture_output=True, text=True)
    assert result.returncode == 1
    assert "HUB_HANDOUTS='maybe'" in result.stderr and "on, cached, background, off" in result.stderr
    assert "Traceback" not in result.stderr


def test_off_makes_no_pdf_and_says_so(tmp_path):
    project = copy_project(tmp_path / "project")
    _built(project, tmp_path / "site", "off")
    assert not list((tmp_path / "site").rglob("*.pdf"))
    page = BeautifulSoup((tmp_path / "site" / "en" / "handouts" / "index.html").read_text("utf-8"), "lxml")
    assert ui("handouts_not_built", "en") in page.get_text()
    assert not page.select(".hub-download")


def test_a_wrong_setting_in_mkdocs_yml_is_explained(config):
    broken = dataclasses.replace(config, hub={"handouts": {"documents": ["code-of-conduct.md"],
                                                           "pairs": [["fr", "de"]]}})
    with pytest.raises(HandoutError, match=r"mkdocs.yml \(extra.hub.handouts\): the pair \['fr', 'de'\]"):
        catalog(broken)
    broken = dataclasses.replace(config, hub={"handouts": {"documents": ["codeofconduct.md"]}})
    with pytest.raises(HandoutError, match="codeofconduct.md, not in the site's nav"):
        catalog(broken)


def _squeezed(text: str) -> str:
    """Text without spaces and hyphens, so that words split at the end of a line (by
    hyphenation or at a hyphen) still match."""
    return re.sub(r"[\s\-]", "", text)


def test_figures_in_reading_order(site, manifest, config):
    """Each handout carrying a figure page holds, in each language, the figure's caption
    and every heading, paragraph and list item in the site's order: the PDF's content
    order (``pdftotext -raw``), which its tags and screen readers follow. (pdftotext's
    default mode guesses an order from the layout, and mixes up five narrow columns.)"""
    figure_pages = [rel for rel in config.hub["handouts"]["documents"] if figures_of(config.hub, rel)]
    checked = 0
    for entry in manifest["files"]:
        pages_in = (config.hub["handouts"]["handbook"] if entry["document"] == HANDBOOK
                    else [entry["document"] + ".md"])
        text = _squeezed(_poppler_text(site / entry["path"]))
        for rel in (rel for rel in pages_in if rel in figure_pages):
            for locale in entry["languages"]:
                built = site / LANGUAGE_ROOTS[locale] / page_folder(rel) / "index.html"
                figure = BeautifulSoup(built.read_text("utf-8"), "lxml").select_one("figure.hub-figure")
                position = 0
                for part in _figure_texts(figure):
                    found = text.find(_squeezed(part), position)
                    assert found >= 0, f"{entry['path']}: “{part}” ({locale}) missing or out of order"
                    position = found + len(_squeezed(part))
                checked += 1
    settings = config.hub["handouts"]
    in_handbook = [rel for rel in settings["handbook"] if rel in figure_pages]
    per_paper = len(figure_pages) * (len(config.locales) + 2 * len(settings["pairs"])) \
        + len(config.locales) * len(in_handbook)
    assert checked == per_paper * len(settings["papers"])


def _figure_texts(node) -> list[str]:
    """The caption, headings, paragraphs and list items under ``node``, in order."""
    texts = []
    for element in node.find_all(["figcaption", "h2", "h3", "p", "li"]):
        if element.name == "li" and element.find(["p", "ul", "ol", "h2", "h3"]):
            continue
        words = "".join(t for t in element.find_all(string=True) if not t.find_parent(class_="headerlink"))
        texts.append(" ".join(words.split()))
    return texts


def _poppler_text(path: Path) -> str:
    """The whole text of the PDF in its content order (``pdftotext -raw``)."""
    return _poppler_args(["pdftotext", "-raw", str(path), "-"])


# Proven accessibility, the public address and print polish (issue 13).

@pytest.fixture(scope="session")  # (one worker: xdist_group, conftest.py)
def composed(site, config, site_url, handouts) -> dict[str, str]:
    """Each handout's HTML, as the build rendered it, by path."""
    sources = Sources(config, site, site_url)
    return {handout.path: sources.compose(handout) for handout in handouts}


@pytest.fixture(scope="session")  # (one worker: xdist_group, conftest.py)
def laid_out(composed) -> dict[str, object]:
    """The handouts of LAID_OUT, laid out in pages by WeasyPrint as the build does."""
    return {path: lay_out(html) for path, html in composed.items()
            if Path(path).name.removesuffix(".pdf") in LAID_OUT}


@cache
def _pages_text(path: Path, mode: str = "-layout") -> list[str]:
    """The text of each page, by pdftotext: laid out (-layout), in the order it is
    painted with every line's end as printed (-raw), or in reading order, hyphenated
    words joined again ("")."""
    return _poppler_args(["pdftotext", *[mode] * bool(mode), str(path), "-"]).split("\f")[:-1]


def _uris(path: Path) -> list[str]:
    """The addresses of the PDF's links, page by page."""
    with pikepdf.open(path) as pdf:
        return [str(annotation.A.URI) for page in pdf.pages for annotation in page.get("/Annots", [])
                if "/A" in annotation and "/URI" in annotation.A]


def _poppler_args(command: list[str]) -> str:
    if shutil.which(command[0]) is None:
        pytest.fail(f"{command[0]} is missing: install Debian's poppler-utils (.ci/run does).")
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def test_every_handout_passes_pdf_ua_1_in_both_checkers(site, manifest, config):
    """page-validation (PDF/UA-1 profile) and outloud: no error; of outloud's warnings,
    only the bilingual column headings repeated on each page."""
    names = {language.locale: language.name.upper() for language in config.languages}
    problems = []
    for entry in manifest["files"]:
        for finding in findings(site / entry["path"]):
            bilingual_header = (finding.rule == REPEATED_COLUMN_HEADINGS and len(entry["languages"]) == 2
                                and finding.evidence.split() == [names[loc] for loc in entry["languages"]])
            if finding.severity == "error" or not bilingual_header:
                problems.append(f"{entry['path']}: {finding}")
    assert not problems, "\n".join(problems)


def _structure(path: Path) -> list[tuple[tuple[str, ...], str | None]]:
    """The PDF's structure elements in reading order: (its role and its ancestors', its /Lang)."""
    found = []
    with pikepdf.open(path) as pdf:
        pending = [((), kid) for kid in reversed(list(pdf.Root.StructTreeRoot.K))]
        while pending:
            roles, element = pending.pop()
            roles = roles + (str(element.get("/S")),)
            found.append((roles, str(element["/Lang"]) if "/Lang" in element else None))
            kids = element.get("/K", [])
            for kid in reversed(list(kids) if isinstance(kids, pikepdf.Array) else [kids]):
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                    pending.append((roles, kid))
    return found


def test_the_title_is_the_first_heading_and_each_column_reads_in_its_language(site, manifest):
    for entry in manifest["files"]:
        elements = list(_structure(site / entry["path"]))
        headings = [roles[-1] for roles, _ in elements if re.fullmatch(r"/H[1-6]", roles[-1])]
        assert headings[0] == "/H1" and headings.count("/H1") == 1, f"{entry['path']}: {headings[:5]}"
        if len(entry["languages"]) != 2:
            continue
        cells = [lang for roles, lang in elements
                 if roles == ("/Document", "/Part", "/Table", "/TBody", "/TR", "/TD")]
        assert cells, f"{entry['path']}: no table cells"
        assert cells == list(entry["languages"]) * (len(cells) // 2), f"{entry['path']}: {cells}"


def test_no_loopback_address_in_any_handout_when_site_url_is_unset(site, manifest, config):
    if os.environ.get("SITE_URL") and not is_loopback(os.environ["SITE_URL"]):
        pytest.skip("SITE_URL is set to a public address: the handouts rightly use it")
    public = config.hub["public_url"]
    for entry in manifest["files"]:
        path = site / entry["path"]
        text = " ".join(_pages_text(path, ""))
        assert not re.search(r"127\.0\.0\.1|localhost|\[::1\]", text), f"{entry['path']}: a loopback address"
        uris = _uris(path)
        assert uris[0].startswith(public), f"{entry['path']}: the cover leads to {uris[0]}"
        assert not [uri for uri in uris if is_loopback(uri)], entry["path"]


def test_the_public_address_is_site_url_unless_it_is_a_loopback_one(monkeypatch, config):
    monkeypatch.setenv("SITE_URL", "https://trainers.example.org/hub/")
    assert public_site_url(ROOT) == "https://trainers.example.org/hub/"
    for local in ("http://127.0.0.1:8000/", "http://localhost:8000/", "http://[::1]:8000/", ""):
        monkeypatch.setenv("SITE_URL", local)
        assert public_site_url(ROOT) == config.hub["public_url"]


def test_no_table_row_is_split_across_pages(site, manifest, composed):
    """Each row of a table (the bilingual layout's own rows aside) is one /TR: a row
    split over two pages would be two."""
    checked = 0
    for entry in manifest["files"]:
        soup = BeautifulSoup(composed[entry["path"]], "lxml")
        rows = [row for row in soup.select("tbody > tr")
                if "bilingual" not in row.find_parent("table").get("class", [])]
        if not rows:
            continue
        bilingual = len(entry["languages"]) == 2
        tagged = [roles for roles, _ in _structure(site / entry["path"])
                  if roles[-2:] == ("/TBody", "/TR") and not (bilingual and len(roles) == 5)]
        assert len(tagged) == len(rows), f"{entry['path']}: {len(rows)} rows printed as {len(tagged)}"
        checked += 1
    assert checked, "no handout with a table"


def _lines(document):
    """(page number, element, line box) of each line of text in the pages' content."""
    def walk(box, element, page):
        if isinstance(box, boxes.MarginBox):
            return
        if isinstance(box, boxes.LineBox):
            yield page, element, box
            return
        if isinstance(box, boxes.BlockContainerBox) and box.element is not None:
            element = box.element
        for child in getattr(box, "children", []):
            yield from walk(child, element, page)

    for number, page in enumerate(document.pages, 1):
        yield from walk(page._page_box, None, number)


def test_no_paragraph_leaves_a_single_line_on_a_page_and_no_heading_ends_one(laid_out):
    assert len(laid_out) == len(LAID_OUT)
    problems = []
    for path, document in laid_out.items():
        intros = _list_introductions(document.pages[0]._page_box.children[0].element)
        lines: dict[object, Counter] = {}
        lowest: dict[int, tuple[float, object]] = {}
        for page, element, line in _lines(document):
            lines.setdefault(element, Counter())[page] += 1
            bottom = line.position_y + line.height
            if bottom >= lowest.get(page, (0, None))[0]:
                lowest[page] = (bottom, element)
        for element, pages in lines.items():
            if element is not None and element.tag == "th":
                continue  # a table's header, repeated on each page
            if len(pages) > 1 and min(pages.values()) < 2:
                text = " ".join(element.itertext()).split()
                problems.append(f"{path}: pages {dict(pages)}: one line of “{' '.join(text[:8])}…”")
        for page, (_, element) in lowest.items():
            if page < len(document.pages) and element is not None and re.fullmatch(r"h[1-6]", element.tag):
                problems.append(f"{path}: page {page} ends with the heading “{''.join(element.itertext())}”")
            if page < len(document.pages) and element is not None and _leads_in(element, intros):
                problems.append(f"{path}: page {page} ends with “{' '.join(element.itertext())[:60]}”, "
                                "which leads into the next page")
    assert not problems, "\n".join(problems)


def _list_introductions(root) -> set:
    """The paragraphs right before a list of four items or fewer (in the ElementTree
    WeasyPrint laid out)."""
    return {before for parent in root.iter() for before, after in zip(parent, list(parent)[1:])
            if before.tag == "p" and after.tag in ("ul", "ol") and len(after) <= 4}


def _leads_in(element, intros: set) -> bool:
    """Whether ``element`` only leads into what follows it: a bold line under a heading
    ("Outcome area 2: …"), or a short list's introduction."""
    if element.tag != "p":
        return False
    children = list(element)
    bold_line = (len(children) == 1 and children[0].tag == "strong"
                 and not (element.text or "").strip() and not (children[0].tail or "").strip())
    return bold_line or element in intros


def test_names_and_last_words_are_never_hyphenated(site, manifest, composed):
    """No word of data/handouts.yml split at a line's end, and no paragraph ending on a
    line that holds only the end of a hyphenated word ("clima-/tique.")."""
    words = [word.lower() for word in yaml.safe_load(SETTINGS.read_text("utf-8"))["never_hyphenated"]]
    problems = []
    for entry in manifest["files"]:
        soup = BeautifulSoup(composed[entry["path"]], "lxml")
        # the text with a space between elements, and without ("nous-<span>mêmes.</span>")
        source = " ".join(soup.get_text(" ").split()) + "\n" + " ".join(soup.get_text().split())
        text = "\n".join(_pages_text(site / entry["path"], "-raw"))
        for before, after, rest in re.findall(r"(\w+)-\n(\w+)([^\n]*)", text):
            if f"{before}-{after}" in source:
                continue  # a hyphen of the text itself ("code-of-conduct")
            if (before + after).lower() not in source.lower():
                continue  # a line of each column: a bilingual cell running over to the next page
            if any(word in (before + after).lower() for word in words):
                problems.append(f"{entry['path']}: {before}-/{after}")
            elif not rest.strip(" .,;:!?»”)\u00a0\u202f"):
                problems.append(f"{entry['path']}: a paragraph's last word split, {before}-/{after}{rest}")
    assert not problems, "\n".join(problems)


def test_one_footer_style_in_the_handout_languages(site, manifest):
    """"Page 2 / 6", "Page – Página 2 / 9": on every page but a cover."""
    for entry in manifest["files"]:
        labels = " – ".join(dict.fromkeys(ui("handout_page", loc) for loc in entry["languages"]))
        pages = _pages_text(site / entry["path"])
        for number, page in enumerate(pages, 1):
            footer = [line.strip() for line in page.splitlines() if line.strip()][-1]
            if number == 1 and "Page" not in footer and ui("handout_page", "es") not in footer:
                continue  # a cover page
            assert footer == f"{labels} {number} / {len(pages)}", f"{entry['path']}, page {number}: “{footer}”"


def test_short_documents_have_a_title_block_instead_of_a_cover(site, manifest, composed):
    """Under SHORT_DOCUMENT characters of text (in each of its languages) a document starts
    on its first page, under a title block, with no table of contents; a longer one too,
    its introduction then its contents under the title block (issue 21: a few pages need
    no sheet for a cover); only one of COVER_DOCUMENT characters or more (the handbook)
    has a cover page, then its contents. The Code of Conduct and the Accountability
    Standards print on one sheet, in one language or two."""
    soups = {entry["path"]: BeautifulSoup(composed[entry["path"]], "lxml") for entry in manifest["files"]}
    length = {(entry["document"], entry["languages"][0]): len(soups[entry["path"]].main.get_text(" ", strip=True))
              for entry in manifest["files"] if len(entry["languages"]) == 1}
    for entry in manifest["files"]:
        soup = soups[entry["path"]]
        lengths = [length[(entry["document"], loc)] for loc in entry["languages"]]
        short, cover = max(lengths) < SHORT_DOCUMENT, max(lengths) >= COVER_DOCUMENT
        text = soup.select_one(".lead") or soup.main  # an introduction comes before the contents
        opening = " ".join(text.get_text(" ", strip=True).split()[:4]).lower()
        first_page = " ".join(_pages_text(site / entry["path"], "")[0].split()).lower()
        assert soup.select_one("section.cover" if cover else "section.title-block"), entry["path"]
        assert soup.h1.find_parent("section"), f"{entry['path']}: the H1 is not the handout's title"
        assert bool(soup.select("nav.contents")) != short, entry["path"]
        if cover:
            assert opening not in first_page, f"{entry['path']}: the cover is not a page of its own"
            continue
        assert opening in first_page, f"{entry['path']}: the text does not start on the first page"
        if len(entry["languages"]) == 1 and not short:  # no untitled text after the contents
            assert re.fullmatch(r"h[2-6]", soup.main.find(True).find(True).name), \
                f"{entry['path']}: untitled text after the contents"
    longer = [f"{entry['path']}: {entry['pages']} pages" for entry in manifest["files"]
              if entry["document"] in ("code-of-conduct", "accountability-standards") and entry["pages"] != 1]
    assert not longer, "a one-page document, in one language or two, prints on more than one sheet:\n" + "\n".join(longer)


def test_under_serve_an_edited_page_keeps_its_last_pdf_and_its_links(tmp_path):
    """`make serve` rebuilds with HUB_HANDOUTS=cached: after an edit, the page's PDFs are
    their last rendering, reported as out of date, and every link to them resolves. Two
    real builds of a copy of the hub that makes only the Code of Conduct's A4 PDFs."""
    project = _project_with_handouts(tmp_path / "project", ["code-of-conduct.md"])
    _built(project, tmp_path / "first", "on")
    page = project / "docs" / "en" / "code-of-conduct.md"
    page.write_text(page.read_text("utf-8") + "\nA sentence added while serving.\n", "utf-8")
    second = _built(project, tmp_path / "second", "cached")
    assert "out of date, their last rendering kept: handouts/code-of-conduct.en.a4.pdf" in second.stderr
    stale = tmp_path / "second" / "handouts" / "code-of-conduct.en.a4.pdf"
    assert stale.read_bytes() == (tmp_path / "first" / "handouts" / "code-of-conduct.en.a4.pdf").read_bytes()
    for root in LANGUAGE_ROOTS.values():
        page_dir = tmp_path / "second" / root / "code-of-conduct"
        soup = BeautifulSoup((page_dir / "index.html").read_text("utf-8"), "lxml")
        links = [a["href"] for a in soup.select(".hub-download a[href$='.pdf']")]
        assert links, f"{root or 'fr/'}: no printable version"
        assert all((page_dir / href).resolve().exists() for href in links), links


def test_under_serve_an_edited_page_shows_at_once_and_its_pdf_follows(tmp_path):
    """`make serve` (HUB_HANDOUTS=background): the first build makes the handouts; after
    an edit, the rebuilt page shows the new text while its PDF keeps its last rendering,
    and the PDF rendered again in the background replaces it (polled; not a timing)."""
    project = _project_with_handouts(tmp_path / "project", ["code-of-conduct.md"])
    address = f"127.0.0.1:{free_port()}"
    page_url, pdf_url = f"http://{address}/en/code-of-conduct/", f"http://{address}/handouts/code-of-conduct.en.a4.pdf"
    added = "A sentence added while serving."
    with (tmp_path / "serve.log").open("w") as log:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", address],
                                  cwd=project, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "HUB_HANDOUTS": "background",
                                       "SITE_URL": f"http://{address}/"})
    try:
        assert _wait_for(page_url, ".pdf", server), (tmp_path / "serve.log").read_text()[-3000:]
        first = fetched(pdf_url)
        assert first.startswith(b"%PDF"), "the first build of serve made no handout"
        page = project / "docs" / "en" / "code-of-conduct.md"
        page.write_text(page.read_text("utf-8") + f"\n{added}\n", "utf-8")
        assert _wait_for(page_url, added, server), "the edit was not rebuilt"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and fetched(pdf_url) in (first, b""):
            time.sleep(0.5)
        again = fetched(pdf_url)
        assert again not in (first, b""), "the edited page's PDF was not rendered again"
        with pymupdf.open(stream=again, filetype="pdf") as document:
            assert added in " ".join(document[-1].get_text().split())
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _built(project: Path, site: Path, handouts: str):
    """A strict build of ``project`` into ``site`` with HUB_HANDOUTS=``handouts``, which passed."""
    result = build_site(project, site, HUB_HANDOUTS=handouts)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def _project_with_handouts(destination: Path, documents: list[str]) -> Path:
    """A copy of the hub that makes only the A4 PDFs of ``documents``, one language each."""
    project = copy_project(destination)
    settings_file = project / "mkdocs.yml"
    yaml_rt = YAML()
    settings = yaml_rt.load(settings_file.read_text("utf-8"))
    settings["extra"]["hub"]["handouts"] = {"documents": documents, "handbook": [],
                                            "pairs": [], "papers": ["a4"]}
    with settings_file.open("w", encoding="utf-8") as stream:
        yaml_rt.dump(settings, stream)
    return project


def test_only_the_edited_pages_handouts_are_made_again_and_the_same_html_makes_the_same_bytes(tmp_path):
    """After an edit of the English Code of Conduct, a build composes and renders its PDF
    alone, the others taken from the cache as they were; with the cache emptied, each PDF
    is rendered again byte for byte the same."""
    project = _project_with_handouts(tmp_path / "project", ["code-of-conduct.md", "core-principles.md"])
    first = _built(project, tmp_path / "first", "on")
    assert "Rendered 6 handouts" in first.stderr
    page = project / "docs" / "en" / "code-of-conduct.md"
    page.write_text(page.read_text("utf-8") + "\nA sentence added since.\n", "utf-8")
    second = _built(project, tmp_path / "second", "on")
    assert "Rendered 1 handouts" in second.stderr
    assert "5 handouts whose pages did not change were not composed again" in second.stderr
    edited = "code-of-conduct.en.a4.pdf"
    made = {pdf.name: pdf.read_bytes() for pdf in (tmp_path / "second" / "handouts").glob("*.pdf")}
    assert len(made) == 6
    for name, data in made.items():
        assert (data == (tmp_path / "first" / "handouts" / name).read_bytes()) == (name != edited), name
    shutil.rmtree(project / ".cache")
    third = _built(project, tmp_path / "third", "on")
    assert "Rendered 6 handouts" in third.stderr
    different = [name for name, data in made.items()
                 if (tmp_path / "third" / "handouts" / name).read_bytes() != data]
    assert not different, f"rendered again from the same HTML, these PDFs changed: {different}"


def test_a_stylesheet_edit_alone_renders_the_handouts_again(tmp_path):
    """An edit of the handouts' stylesheet, with no page changed and no commit, makes
    new PDFs: none is taken from the cache of what the pages composed before."""
    project = _project_with_handouts(tmp_path / "project", ["code-of-conduct.md"])
    _built(project, tmp_path / "first", "on")
    stylesheet = project / "scripts" / "handouts" / "handout.css"
    stylesheet.write_text(stylesheet.read_text("utf-8") + "\nh1 { letter-spacing: 0.01em; }\n", "utf-8")
    second = _built(project, tmp_path / "second", "on")
    assert "Rendered 3 handouts" in second.stderr and "not composed again" not in second.stderr
    for pdf in (tmp_path / "second" / "handouts").glob("*.pdf"):
        assert pdf.read_bytes() != (tmp_path / "first" / "handouts" / pdf.name).read_bytes(), pdf.name


# Print fixes after issues 11, 12 and 13 met (a trainer's review of the merged PDFs).

def _boxes_of(box, test):
    """Every box under ``box`` (a WeasyPrint box) for which ``test`` is true."""
    if test(box):
        yield box
    for child in getattr(box, "children", []):
        yield from _boxes_of(child, test)


def _handout(name: str) -> str:
    """A handout's path in the manifest (and the laid_out fixture), from its name."""
    return f"handouts/{name}.pdf"


def _texts_of(box):
    return _boxes_of(box, lambda b: isinstance(b, boxes.TextBox))


def test_roadmap_tiles_hold_their_numbers_and_words(laid_out):
    """Each numbered tile of the roadmap keeps its number and its text inside its
    border ("8. We strive to decolonise…", never "decolonise9.")."""
    document = laid_out[_handout("strategic-plan.fr-es.a4")]
    stages = [box for page in document.pages for box in _boxes_of(
        page._page_box, lambda b: isinstance(b, boxes.BlockBox) and b.element_tag == "li"
        and "hub-figure__stage" in (b.element.get("class") or ""))]
    tiles = [tile for stage in stages for numbered in stage.children if numbered.element_tag == "ol"
             for tile in numbered.children if tile.element_tag == "li"]
    assert tiles, "no numbered tile in the roadmap"
    for tile in tiles:
        left, right = tile.border_box_x(), tile.border_box_x() + tile.border_width()
        texts = list(_texts_of(tile))
        assert re.fullmatch(r"\d+\.\s*", texts[0].text), f"the tile does not start with its number: {texts[0].text!r}"
        for text in texts:
            assert left < text.position_x and text.position_x + text.width <= right + 0.5, \
                f"“{text.text}” is outside its tile"


def test_the_handbook_prints_no_glossary_column_label_in_its_cells(composed):
    """The glossary's cells show their column's name only on a phone's stacked layout."""
    for path, html in composed.items():
        if Path(path).name.startswith(HANDBOOK + "."):
            assert not BeautifulSoup(html, "lxml").select(".hub-glossary__label"), path


def test_the_handbook_lists_its_documents_one_title_and_line_each(site, manifest):
    """On the handbook's home page each document's title and its summary share the
    block: no bullet alone on a line above its title."""
    for entry in manifest["files"]:
        if entry["document"] != HANDBOOK:
            continue
        lines = [line.strip() for page in _pages_text(site / entry["path"]) for line in page.splitlines()]
        assert not [line for line in lines if line in ("•", "-", "–")], f"{entry['path']}: a marker alone on a line"


def test_bilingual_figures_start_side_by_side(laid_out):
    """A bilingual theory of change draws both columns' diagrams from the same line of
    the same page (the table of contents gives one page for both)."""
    for path in ("theory-of-change.fr-en.letter", "theory-of-change.fr-en.a4"):
        pages = [[round(box.position_y, 1) for box in _boxes_of(page._page_box, lambda b: b.element_tag == "figure")]
                 for page in laid_out[_handout(path)].pages]
        first = next((starts for starts in pages if starts), [])
        assert len(first) >= 2 and first[0] == first[1], \
            f"{path}: the columns' figures start on page {pages.index(first) + 1} at {first}"


def test_the_flow_on_a_page_wide_has_roomy_unhyphenated_boxes(laid_out):
    """The theory of change across a page (the handbook): wide boxes (one under the
    other since issue 21), none of whose words is hyphenated."""
    document = laid_out[_handout("handbook.es.letter")]
    stages = [box for page in document.pages for box in _boxes_of(
        page._page_box, lambda b: isinstance(b, boxes.BlockBox) and b.element_tag == "li"
        and "hub-figure__stage" in (b.element.get("class") or ""))]
    flow = [stage for _, stage in _stages(document, "flow")]
    assert flow, "no box of the flow laid out across the page"
    millimetre = 96 / 25.4
    for stage in flow:
        assert stage.border_width() > 45 * millimetre, f"a box {stage.border_width() / millimetre:.0f} mm wide"
        hyphenated = [text.text for text in _texts_of(stage) if text.text.endswith("-")]
        assert not hyphenated, f"hyphenated in a box: {hyphenated}"


# A trainer photocopying thirty copies (issue 21): nothing clipped, nothing wasted.

EDGE_MM = 10  # copiers lose the paper's outer 4-5 mm


def test_nothing_is_printed_within_10_mm_of_an_edge_and_the_side_margins_are_equal(site, manifest):
    """On every page of every handout, A4 and Letter: the QR code, the running title, the
    page number, the bilingual columns."""
    problems = []
    for entry in manifest["files"]:
        handout = printed.read(site / entry["path"])
        for page in handout.pages:
            edges = page.edges()
            if min(edges) < EDGE_MM:
                sides = ", ".join(f"{name} {mm:.1f} mm" for name, mm in zip(("left", "top", "right", "bottom"), edges))
                problems.append(f"{entry['path']} p{page.number}: {sides}")
        left = min(page.edges()[0] for page in handout.pages)
        right = min(page.edges()[2] for page in handout.pages)
        if abs(left - right) > 1.5:
            problems.append(f"{entry['path']}: margins {left:.1f} mm left, {right:.1f} mm right")
    assert not problems, "\n".join(problems)


def test_no_page_is_wasted(site, manifest, composed):
    """No page but the last is less than a third full (the cover aside), and the last
    page holds more than a few lines, or only what the page before could not take."""
    problems = []
    for entry in manifest["files"]:
        handout = printed.read(site / entry["path"])
        cover = bool(BeautifulSoup(composed[entry["path"]], "lxml").select("section.cover"))
        fill = handout.fill(cover)
        for page in handout.pages[int(cover):-1]:
            if fill[page.number - 1] < 1 / 3:
                problems.append(f"{entry['path']} p{page.number}: {fill[page.number - 1]:.0%} full")
        if len(handout.pages) > 1 + cover and fill[-1] < printed.FEW_LINES:
            top, bottom = handout.area(cover)
            room = bottom - top - handout.used(len(handout.pages) - 1)
            if handout.used(len(handout.pages)) <= room:
                problems.append(f"{entry['path']}: the last page's few lines ({fill[-1]:.0%}) fit on the one before")
            else:
                problems.append(f"{entry['path']}: the last page holds only a few lines ({fill[-1]:.0%})")
    assert not problems, "\n".join(problems)


def test_addresses_break_only_after_a_slash_and_dates_keep_their_year(site, manifest, composed):
    problems = []
    for entry in manifest["files"]:
        path = site / entry["path"]
        uris = {uri.split("://", 1)[-1].removeprefix("www.").rstrip("/") for uri in _uris(path)}
        lines = "\n".join(_pages_text(path, "-raw")).replace("\u2060", "").splitlines()
        for line, after in zip(lines, lines[1:]):
            if line.endswith("-") and after:
                joined = line.split()[-1] + after.split()[0]
                if any(joined.rstrip(".,;)") in uri or uri in joined for uri in uris):
                    problems.append(f"{entry['path']}: an address broken at a hyphen: “{line.split()[-1]}” / “{after}”")
        first = " ".join(_pages_text(path, "-raw")[0].replace("\u00a0", " ").split("\n"))
        for date in BeautifulSoup(composed[entry["path"]], "lxml").select(".cover-date span[lang]"):
            text = " ".join(date.get_text().replace("\u00a0", " ").split())
            on_lines = [" ".join(line.replace("\u00a0", " ").split()) for line in _pages_text(path, "-raw")[0].splitlines()]
            if not any(text in line for line in on_lines):
                problems.append(f"{entry['path']}: “{text}” broken over two lines")
        assert first
    assert not problems, "\n".join(problems)


def _hyphenation_languages(html: str) -> dict[str, set[str]]:
    """Each word of ``html`` (lower case) -> the languages it is written in (its nearest
    ``lang``); a word the glossary keeps in English in every language is English."""
    soup = BeautifulSoup(html, "lxml")
    found: dict[str, set[str]] = {}
    for text in soup.find_all(string=True):
        holder = text.find_parent(lang=True)
        for word in re.findall(r"[^\W\d_]+", str(text)):
            found.setdefault(word.lower(), set()).add(holder["lang"] if holder else soup.html["lang"])
    for terms in glossary().values():
        for term in terms:
            if len(set(term.names.values())) == 1:  # "backlash" in every language
                found[term.names["en"].lower()] = {"en"}
    return found


def test_each_word_is_hyphenated_by_its_language_and_no_name_or_title_is(site, manifest, composed):
    """"buil-ding" in an English cell of the French glossary, "bac-klash" in Spanish,
    "Cren-shaw", "Amé-rique", "Straté-gique": none of these."""
    problems = []
    for entry in manifest["files"]:
        source = composed[entry["path"]]
        languages = _hyphenation_languages(source)
        plain = " ".join(BeautifulSoup(source, "lxml").get_text().split())
        text = "\n".join(_pages_text(site / entry["path"], "-raw"))
        for before, after in re.findall(r"([^\W\d_]+)-\n([^\W\d_]+)", text):
            word = before + after
            if f"{before}-{after}" in plain or word.lower() not in languages:
                continue  # a hyphen of the text itself, or two lines of two columns
            if before[0].isupper():
                problems.append(f"{entry['path']}: a name or title hyphenated, {before}-/{after}")
                continue
            allowed = {locale for locale in languages.get(word.lower(), set())
                       if len(before) in _hyphen_positions(word, locale)}
            if not allowed:
                problems.append(f"{entry['path']}: {before}-/{after} is not hyphenated as "
                                f"{'/'.join(sorted(languages.get(word.lower(), {'?'})))}")
    assert not problems, "\n".join(problems)


@cache
def _hyphen_positions(word: str, locale: str) -> set[int]:
    return set(pyphen.Pyphen(lang=hyphenation_patterns(locale)).positions(word))


def test_no_printed_text_is_under_8_points(site, manifest):
    problems = []
    for entry in manifest["files"]:
        for page in printed.read(site / entry["path"]).pages:
            small = [f"“{text}” {size:.2f} pt" for text, size, _ in page.lines if size < 7.95]
            if small:
                problems.append(f"{entry['path']} p{page.number}: {small[:3]}")
    assert not problems, "\n".join(problems)


def test_no_table_column_is_empty_and_each_glossary_cell_carries_its_language(manifest, composed, config):
    problems = []
    for entry in manifest["files"]:
        soup = BeautifulSoup(composed[entry["path"]], "lxml")
        for table in soup.select("main table:not(.bilingual)"):
            rows = [row.find_all("td", recursive=False) for row in table.select("tbody > tr")]
            for column in range(max(map(len, rows), default=0)):
                if not any(column < len(row) and row[column].get_text(strip=True) for row in rows):
                    problems.append(f"{entry['path']}: column {column + 1} of “{table.th.get_text()}…” is empty")
            if any("hub-glossary" in parent.get("class", []) for parent in table.parents):
                # each cell in its term's language, or a note (quoting several) never hyphenated
                unmarked = [cell.get_text(strip=True) for row in rows for cell in row if cell.get_text(strip=True)
                            and not cell.get("lang") and "whole" not in cell.get("class", [])]
                if unmarked:
                    problems.append(f"{entry['path']}: glossary cells without their language: {unmarked[:3]}")
    assert not problems, "\n".join(problems)


ON_SCREEN = re.compile(r"\b(this page|cette page|esta página)\b", re.IGNORECASE)


def test_print_reads_as_a_document_not_a_web_page(site, manifest, site_url):
    """No "this page"; no link text underlined; a link away from the site prints its
    address (or is one)."""
    problems = []
    for entry in manifest["files"]:
        path = site / entry["path"]
        text = " ".join(_pages_text(path, ""))
        if ON_SCREEN.search(text):
            problems.append(f"{entry['path']}: “{ON_SCREEN.search(text)[0]}”")
        with pymupdf.open(path) as document:
            for page in document:
                lines = [(rect, drawing) for drawing in page.get_drawings() for rect in [drawing["rect"]]
                         if rect.height < 1.2 and rect.width > 2]
                for link in page.get_links():
                    if link.get("kind") != pymupdf.LINK_URI:
                        continue
                    area = link["from"]
                    if any(area.y0 < rect.y0 < area.y1 + 2 and rect.x0 >= area.x0 - 1 and rect.x1 <= area.x1 + 1
                           for rect, _ in lines):
                        problems.append(f"{entry['path']} p{page.number + 1}: “{page.get_textbox(area).strip()}” underlined")
                    uri = link["uri"]
                    if not uri.startswith(site_url) and uri.startswith("http"):
                        address = uri.split("://", 1)[-1].removeprefix("www.").rstrip("/")
                        around = page.get_textbox(pymupdf.Rect(0, area.y0 - 30, page.rect.width, area.y1 + 30)).replace("\u2060", "")
                        if address not in " ".join(around.split()).replace(" ", "").replace("-\n", "-"):
                            problems.append(f"{entry['path']} p{page.number + 1}: a link to {uri} without its address")
    assert not problems, "\n".join(problems)


def test_each_language_of_a_bilingual_handout_has_its_code_to_its_own_page(site, manifest, composed, site_url):
    problems = []
    for entry in manifest["files"]:
        soup = BeautifulSoup(composed[entry["path"]], "lxml")
        blocks = soup.select(".cover-online")
        targets = {}
        for block in blocks:
            url = block.a["href"]
            if block.img["src"] != segno.make(url, error="m").svg_data_uri(border=0, dark="#000"):
                problems.append(f"{entry['path']}: the {block['lang']} QR code does not lead to {url}")
            targets[block["lang"]] = url
        first_page = _uris(site / entry["path"])
        for locale in entry["languages"]:
            url = targets.get(locale, "")
            path = url.removeprefix(site_url.rstrip("/") + "/")
            if not url or not path.startswith(LANGUAGE_ROOTS[locale]) or (
                    locale == "fr" and path.startswith(("en/", "es/"))):
                problems.append(f"{entry['path']}: no code to the {locale} page ({url or 'none'})")
            elif url not in first_page:
                problems.append(f"{entry['path']}: {url} is not a link on the first page")
    assert not problems, "\n".join(problems)


def _stages(document, kind: str):
    """The boxes of a figure's stages ("flow" or "layers"), page by page: (page, box)."""
    return [(number, stage) for number, page in enumerate(document.pages, 1)
            for figure in _boxes_of(page._page_box, lambda b: b.element_tag == "figure"
                                    and f"hub-figure--{kind}" in (b.element.get("class") or "").split())
            for stage in _boxes_of(figure, lambda b: isinstance(b, boxes.BlockBox) and b.element_tag == "li"
                                   and "hub-figure__stage" in (b.element.get("class") or "").split())]


def test_the_flow_reads_down_from_box_to_box_and_bilingual_stages_face_each_other(laid_out):
    """The theory of change: each box under the one before, an arrow between them; in a
    bilingual handout each stage on the same line as its translation, the roadmap's too."""
    problems = []
    for path, document in laid_out.items():
        bilingual = re.search(r"\.\w\w-\w\w\.", path)
        for kind in ("flow", "layers"):
            stages = _stages(document, kind)
            if not stages:
                continue
            columns = [stages[0::2], stages[1::2]] if bilingual else [stages]
            if bilingual:
                for (page, left), (other, right) in zip(*columns):
                    if page != other or abs(left.position_y - right.position_y) > 0.5:
                        problems.append(f"{path}: a {kind} stage at p{page} {left.position_y:.0f} "
                                        f"faces its translation at p{other} {right.position_y:.0f}")
            if kind != "flow":
                continue
            for column in columns:
                for (page, box), (after_page, after) in zip(column, column[1:]):
                    arrows = [child for child in box.children if child.element_tag.endswith("::after")]
                    if abs(box.position_x - after.position_x) > 0.5 or (
                            page == after_page and after.position_y <= box.position_y):
                        problems.append(f"{path}: a box of the flow is not under the one before it")
                    if not arrows:
                        problems.append(f"{path}: no arrow from a box of the flow to the next")
    assert not problems, "\n".join(problems)


def test_contents_page_numbers_line_up(site, manifest):
    """In every table of contents (a bilingual one's entries often wrap) the page numbers
    end on one vertical line."""
    problems = []
    for entry in manifest["files"]:
        titles = {ui("handout_contents", loc) for loc in entry["languages"]}
        with pymupdf.open(site / entry["path"]) as document:
            for page in document:
                if not any(title in page.get_text() for title in titles):
                    continue
                words = page.get_text("words")  # (x0, y0, x1, y1, text, block, line, word)
                numbers = [word[2] for before, word in zip(words, words[1:])
                           if word[4].isdigit() and before[4] == "." and abs(before[3] - word[3]) < 2]
                if numbers and max(numbers) - min(numbers) > 1:
                    problems.append(f"{entry['path']} p{page.number + 1}: page numbers end between "
                                    f"{min(numbers):.0f} and {max(numbers):.0f} pt")
    assert not problems, "\n".join(problems)


# After a trainer's review of issue 21's merge: a figure and a quote split over pages.


def test_a_flow_figure_is_never_split_across_pages(laid_out):
    """The theory of change's flow, each column of it, on one page: no box alone at the
    top of the next page, no last arrow pointing at the footer."""
    problems = []
    for path, document in laid_out.items():
        stages = _stages(document, "flow")
        bilingual = re.search(r"\.\w\w-\w\w\.", path)
        for column in ([stages[0::2], stages[1::2]] if bilingual else [stages]):
            pages = sorted({page for page, _ in column})
            if len(pages) > 1:
                problems.append(f"{path}: a flow figure over pages {pages}")
    assert not problems, "\n".join(problems)


def _opening_lines(page: printed.Page) -> list[str]:
    """The text on the first line of a page's body (each column's, side by side)."""
    column_headings = {text for text, _, bbox in page.lines[:2] if text.isupper()}
    body = [(text, bbox) for text, _, bbox in page.lines
            if not printed.FOOTER.search(text) and text not in column_headings and bbox[1] > 18 * printed.MM]
    if not body:
        return []
    top = min(bbox[1] for _, bbox in body)
    return [text for text, bbox in body if bbox[1] - top < 3]


def test_a_quote_keeps_its_attribution(site, manifest):
    """No page opens with a quote's attribution ("— Plan Estratégico 2021-2024…")
    torn from the quote on the page before."""
    problems = [f"{entry['path']} p{page.number}: “{line}”"
                for entry in manifest["files"] for page in printed.read(site / entry["path"]).pages[1:]
                for line in _opening_lines(page) if line.startswith("—")]
    assert not problems, "\n".join(problems)


def test_a_hyphenated_compound_breaks_only_at_its_own_hyphen(site, manifest, composed):
    """“movement-building” may break after “movement-”, never as “move-” / “ment-building”."""
    problems = []
    for entry in manifest["files"]:
        text = BeautifulSoup(composed[entry["path"]], "lxml").get_text(" ")
        compounds = {word.lower() for word in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)+", text)}
        lines = "\n".join(_pages_text(site / entry["path"], "-raw")).replace("\u2060", "").splitlines()
        for line, after in zip(lines, lines[1:]):
            if not (line.endswith("-") and line.split() and after.split()):
                continue
            head, tail = line.split()[-1][:-1], after.split()[0].rstrip(".,;:)»”")
            if "-" in tail and (head + tail).lower() in compounds and f"{head}-{tail}".lower() not in compounds:
                problems.append(f"{entry['path']}: “{head}-” / “{tail}”")
    assert not problems, "\n".join(problems)


def test_the_roadmap_stays_on_one_page_where_it_fits_one(laid_out):
    """A single-language strategic plan's roadmap (half a page) is printed on one page,
    not split 2 + 3."""
    problems = []
    for path, document in laid_out.items():
        if not re.fullmatch(r"handouts/strategic-plan\.\w\w\.\w+\.pdf", path):
            continue
        pages = sorted({page for page, _ in _stages(document, "layers")})
        if len(pages) > 1:
            problems.append(f"{path}: the roadmap over pages {pages}")
    assert not problems, "\n".join(problems)


def test_a_figure_runs_over_to_the_next_page_only_from_a_full_one(laid_out):
    """A figure that runs on (the roadmap, longer than what is left of a page) leaves no
    more than a third of its page empty, and in one language (the handbook) keeps at
    least two layers on each page: never a roadmap over three pages, one of them half
    empty (a bilingual roadmap's last layer, ten tiles, is half a page on its own)."""
    problems = []
    for path, document in laid_out.items():
        bilingual = re.search(r"\.\w\w-\w\w\.", path)
        for kind in ("flow", "layers"):
            stages = _stages(document, kind)
            for column in ([stages[0::2], stages[1::2]] if bilingual else [stages]):
                for (page, box), (after_page, _) in zip(column, column[1:]):
                    if after_page == page:
                        continue
                    area = document.pages[page - 1]._page_box
                    fill = (box.position_y + box.margin_height() - area.content_box_y()) / area.height
                    if fill < 2 / 3:
                        problems.append(f"{path}: the {kind} figure runs from p{page}, {fill:.0%} full, to p{after_page}")
                counts = Counter(page for page, _ in column)
                if not bilingual and len(counts) > 1 and min(counts.values()) < 2:
                    problems.append(f"{path}: the {kind} figure has one stage alone on a page ({dict(counts)})")
    assert not problems, "\n".join(sorted(set(problems)))


def test_a_link_to_a_page_only_online_prints_its_address(site, manifest, site_url, config, handouts):
    """A link to a page no handout prints (the handouts page, the About page) shows its
    address on paper: a reader has no other way to it."""
    printed_pages = {page_url(loc, page, config.source_language)
                     for handout in handouts for loc in handout.languages for page in handout.pages}
    problems = []
    for entry in manifest["files"]:
        path = site / entry["path"]
        text = re.sub(r"[\s\u2060]", "", "".join(_pages_text(path, "-raw")))
        for uri in _uris(path):
            page = uri.removeprefix(site_url.rstrip("/")).lstrip("/").partition("#")[0]
            if uri.startswith(site_url.rstrip("/")) and page not in printed_pages:
                address = uri.split("://", 1)[-1].partition("#")[0].rstrip("/")
                if address not in text:
                    problems.append(f"{entry['path']}: a link to {uri} with no address printed")
    assert not problems, "\n".join(sorted(set(problems)))


QR_MM = 20  # a smaller code photocopied loses its modules and does not scan


def test_each_qr_code_is_large_enough_to_scan_from_a_photocopy(site, manifest):
    """Every handout's first page: one QR code per language, each at least 20 mm wide."""
    problems = []
    for entry in manifest["files"]:
        with pymupdf.open(site / entry["path"]) as document:
            codes = [drawing for drawing in document[0].get_drawings()
                     if drawing["type"] == "fs" and len(drawing["items"]) > 50]  # a QR code's modules
            sizes = [(min(code["rect"].width, code["rect"].height) + (code.get("width") or 0)) / printed.MM
                     for code in codes]
        if len(sizes) != len(entry["languages"]):
            problems.append(f"{entry['path']}: {len(sizes)} QR codes on p1 for {len(entry['languages'])} languages")
        problems += [f"{entry['path']}: a QR code {size:.1f} mm wide" for size in sizes if size < QR_MM - 0.1]
    assert not problems, "\n".join(problems)


def test_no_glossary_term_is_hyphenated(laid_out):
    """A glossary's terms are read as terms: “lea-/dership” among the French terms of the
    Spanish handbook was broken by the cell's rules, though the word is English."""
    problems = []
    for path, document in laid_out.items():
        for page in document.pages:
            glossaries = _boxes_of(page._page_box, lambda b: b.element_tag == "div"
                                   and "hub-glossary" in (b.element.get("class") or "").split())
            for cell in (cell for glossary in glossaries
                         for cell in _boxes_of(glossary, lambda b: isinstance(b, boxes.TableCellBox))):
                source = " ".join("".join(cell.element.itertext()).split())
                lines = ["".join(text.text for text in _boxes_of(line, lambda b: isinstance(b, boxes.TextBox)))
                         for line in _boxes_of(cell, lambda b: isinstance(b, boxes.LineBox))]
                for line, after in zip(lines, lines[1:]):
                    words = line.split()
                    if words and words[-1].endswith("-") and after.split() and f"{words[-1]}{after.split()[0]}" not in source:
                        problems.append(f"{path} p{document.pages.index(page) + 1}: “{words[-1]}” / “{after.split()[0]}”")
    assert not problems, "\n".join(sorted(set(problems)))



SHORT_LIST = 7  # items: a list this short is read at a glance, on one page


def test_a_short_list_is_on_one_page_and_no_table_row_is_alone_on_one(laid_out):
    """A list of up to seven items is not split over two pages; a table running over
    pages (the glossary's) leaves no row alone at a page's foot or at the next's top."""
    problems = []
    for path, document in laid_out.items():
        lists, tables = {}, {}
        for number, page in enumerate(document.pages, 1):
            for box in _boxes_of(page._page_box, lambda b: isinstance(b, boxes.BlockBox)
                                 and b.element_tag in ("ul", "ol") and b.element.get("class") is None):
                lists.setdefault(id(box.element), (box.element, set()))[1].add(number)
            for box in _boxes_of(page._page_box, lambda b: isinstance(b, boxes.TableBox)
                                 and "bilingual" not in (b.element.get("class") or "")):
                rows = [row for group in box.children if not group.is_header for row in group.children]
                tables.setdefault(id(box.element), (box.element, []))[1].append((number, len(rows)))
        for element, pages in lists.values():
            if len(pages) > 1 and len(element.findall("li")) <= SHORT_LIST:
                problems.append(f"{path}: a list of {len(element.findall('li'))} items over pages {sorted(pages)}")
        for element, pages in tables.values():
            if len(pages) > 1 and any(count == 1 for _, count in pages):
                problems.append(f"{path}: a table's row alone on a page ({pages})")
    assert not problems, "\n".join(sorted(set(problems)))
