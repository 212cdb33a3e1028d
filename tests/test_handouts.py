"""The PDF handouts, as a trainer downloads and prints them (scripts/handouts/)."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import build_site, copy_project, page_folder
from scripts.handouts.build import Sources, build_handouts, public_site_url
from scripts.handouts.catalog import HANDBOOK, catalog
from scripts.figures import figures_of
from scripts.handouts.errors import HandoutError
from scripts.site_config import ROOT
from scripts.ui_text import ui

LANGUAGE_ROOTS = {"fr": "", "en": "en/", "es": "es/"}
MANIFEST_KEYS = {"document", "languages", "paper", "path", "pages", "bytes"}
# The most frequent short words of each language, to tell which one a text is in.
COMMON_WORDS = {
    "fr": {"le", "la", "les", "des", "et", "est", "une", "du", "nous", "pour"},
    "en": {"the", "and", "of", "to", "is", "our", "we", "for", "that", "with"},
    "es": {"el", "los", "las", "y", "es", "una", "del", "nuestra", "para", "que"},
}
SHIPPED_FONT = "Source-Sans-3"


@pytest.fixture(scope="module")
def manifest(site) -> dict:
    return json.loads((site / "handouts" / "manifest.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def site_url() -> str:
    """The address the handouts lead to (SITE_URL, as in mkdocs.yml)."""
    return public_site_url(ROOT)


@pytest.fixture(scope="module")
def handouts(config):
    return catalog(config)


@cache
def _text(path: Path) -> str:
    """The PDF's text, one space for any run of white space."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


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
        assert len(PdfReader(path).pages) == entry["pages"]
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
    """Both languages' headings for every section, in the same order: left, right, next row."""
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
        for section in pages[(left, rel)].headings:
            if section.id in stages:
                continue
            other = pages[(right, rel)].counterpart(section)
            for title in (section.title, other.title):
                found = body.find(_plain(title), position)
                assert found >= 0, f"{entry['path']}: “{title}” missing or out of order"
                position = found + 1
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
        reader = PdfReader(path)
        locale = entry["languages"][0]
        assert reader.trailer["/Root"]["/Lang"] == locale
        assert reader.metadata.author == ui("organisation", locale)
        if entry["document"] != HANDBOOK:
            assert reader.metadata.title.startswith(pages[(locale, entry["document"] + ".md")].meta["title"])
        bookmarks = [item.title for item in reader.outline if not isinstance(item, list)]
        assert bookmarks, f"{entry['path']}: no bookmarks"
        pages_sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
        assert pages_sizes == {{"a4": (595, 842), "letter": (612, 792)}[entry["paper"]]}


def test_every_font_is_the_shipped_one_embedded_and_subset(site, manifest):
    for entry in manifest["files"]:
        rows = _poppler("pdffonts", site / entry["path"]).splitlines()[2:]
        assert rows, f"{entry['path']}: no font"
        for row in rows:
            name, *_, emb, sub, uni, _obj, _gen = row.split()
            assert (emb, sub, uni) == ("yes", "yes", "yes"), f"{entry['path']}: {row}"
            assert name.split("+", 1)[1].startswith(SHIPPED_FONT), f"{entry['path']}: {name} is not shipped"


def test_links_leave_for_the_site_or_stay_inside(site, site_url):
    """The handbook links to its own pages inside the PDF, to other pages on the site."""
    reader = PdfReader(site / "handouts" / "handbook.en.a4.pdf")
    uris, inside = [], []
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            action = annotation.get("/A")
            if action and "/URI" in action:
                uris.append(str(action["/URI"]))
            elif "/Dest" in annotation:
                inside.append(str(annotation["/Dest"]))
    assert any("strategic-plan--link" in dest for dest in inside), "theory of change → strategic plan"
    assert site_url.rstrip("/") + "/en/handouts/#handouts" in uris, "home page → handouts page, absolute"
    assert all(uri.startswith(("http://", "https://", "mailto:")) for uri in uris)


def test_hyphenation_in_french_and_spanish_never_leaves_two_letters(site):
    for name in ("strategic-plan.fr-es.a4.pdf", "theory-of-change.fr.letter.pdf"):
        text = "\n".join(page.extract_text() for page in PdfReader(site / "handouts" / name).pages)
        splits = re.findall(r"([^\W\d_]+)-\n([^\W\d_]+)", text)
        assert splits, f"{name}: no hyphenation"
        short = [f"{a}-{b}" for a, b in splits if len(a) < 3 or len(b) < 3]
        assert not short, f"{name}: {short}"


def test_single_documents_are_small(manifest):
    for entry in manifest["files"]:
        if entry["document"] != HANDBOOK and len(entry["languages"]) == 1:
            assert entry["bytes"] < 80_000, entry["path"]


@pytest.mark.parametrize("locale", ["fr", "en", "es"])
def test_handouts_page_lists_every_pdf_with_size_and_pages(site, manifest, locale):
    page_dir = site / LANGUAGE_ROOTS[locale] / "handouts"
    soup = BeautifulSoup((page_dir / "index.html").read_text("utf-8"), "lxml")
    links = {(page_dir / a["href"]).resolve(): a for a in soup.select("article table a[href$='.pdf']")}
    expected = {(site / entry["path"]).resolve(): entry for entry in manifest["files"]}
    assert set(links) == set(expected)
    for path, link in links.items():
        size = link.find_next_sibling("span").get_text()
        assert ui("handouts_pages", locale).format(n=expected[path]["pages"]) in size


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
    assert "HUB_HANDOUTS='maybe'" in result.stderr and "on, cached, off" in result.stderr
    assert "Traceback" not in result.stderr


def test_off_makes_no_pdf_and_says_so(tmp_path):
    project = copy_project(tmp_path / "project")
    result = build_site(project, tmp_path / "site", HUB_HANDOUTS="off")
    assert result.returncode == 0, result.stderr[-2000:]
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
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: install Debian's poppler-utils (.ci/run does).")
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
