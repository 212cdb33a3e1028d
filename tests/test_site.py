"""The built site, as a reader's browser and a search engine receive it."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import build_site, copy_project, page_folder, set_complete_languages
from scripts.hooks.content_security_policy import script_hash

LANGUAGE_ROOTS = {"fr": "", "en": "en/", "es": "es/"}
SITE_NAMES = {"fr": "Alliance MenEngage – Manuel", "en": "MenEngage Alliance – Handbook",
              "es": "Alianza MenEngage – Manual"}


def _html(site: Path, locale: str, rel: str) -> BeautifulSoup:
    page = page_folder(rel)
    return BeautifulSoup((site / LANGUAGE_ROOTS[locale] / page / "index.html").read_text("utf-8"), "lxml")


def _all_pages(config, source_pages):
    return [(locale, rel) for locale in config.locales for rel in source_pages]


def test_strict_build_passes_without_warnings(built_build):
    assert built_build.returncode == 0, built_build.stderr[-3000:]
    assert "WARNING" not in built_build.stderr


def test_pages_have_the_right_language_title_and_hreflang(config, site, pages, source_pages):
    for locale, rel in _all_pages(config, source_pages):
        soup = _html(site, locale, rel)
        assert soup.html["lang"] == locale
        title = pages[(locale, rel)].meta["title"]
        assert soup.title.string == f"{title} - {SITE_NAMES[locale]}"
        alternates = {link["hreflang"]: link["href"]
                      for link in soup.select('head link[rel="alternate"][hreflang]')}
        page = page_folder(rel)
        expected = {loc: urljoin(config.site_url, root + page) for loc, root in LANGUAGE_ROOTS.items()}
        expected["x-default"] = expected["fr"]
        assert alternates == expected


def test_language_switcher_stays_on_the_same_page(config, site, source_pages):
    for locale, rel in _all_pages(config, source_pages):
        page_dir = site / LANGUAGE_ROOTS[locale] / page_folder(rel)
        soup = _html(site, locale, rel)
        links = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link")}
        assert set(links) == set(config.locales)
        for target_locale, href in links.items():
            target = (page_dir / href).resolve()
            expected = (site / LANGUAGE_ROOTS[target_locale]
                        / page_folder(rel)).resolve()
            assert target == expected, f"{locale}/{rel}: switcher to {target_locale} goes to {href}"


def test_language_names_in_the_switcher_are_read_in_their_own_language(config, site, source_pages):
    """A screen reader says "Español" in Spanish, not with the page's French (WCAG 3.1.2)."""
    for locale, rel in _all_pages(config, source_pages):
        for link in _html(site, locale, rel).select("a.md-select__link"):
            assert link.get("lang") == link["hreflang"], f"{locale}/{rel}: {link.get_text(strip=True)} has no lang"


def test_edit_button_opens_the_file_of_the_language_read(config, site, source_pages):
    for locale, rel in _all_pages(config, source_pages):
        edit = _html(site, locale, rel).select_one('a[rel="edit"]')
        assert edit["href"].endswith(f"/docs/{locale}/{rel}")


def test_sitemap_lists_every_page_with_alternates_and_x_default(config, site, source_pages):
    sitemap = BeautifulSoup((site / "sitemap.xml").read_text("utf-8"), "xml")
    urls = sitemap.find_all("url")
    assert len(urls) == len(config.locales) * len(source_pages)
    for url in urls:
        langs = sorted(link["hreflang"] for link in url.find_all("link"))
        assert langs == sorted([*config.locales, "x-default"])
        assert all(link["href"].startswith(config.site_url) for link in url.find_all("link"))


def test_a_plain_build_is_published_at_the_public_address(config, site, source_pages):
    """Without SITE_URL (a local `make build`), canonical and hreflang links and the
    sitemap name the committed public address, never a loopback one."""
    public = os.environ.get("SITE_URL") or config.hub["public_url"]
    for locale, rel in _all_pages(config, source_pages):
        head = _html(site, locale, rel).head
        addresses = [link["href"] for link in head.select('link[rel="canonical"], link[rel~="alternate"][hreflang]')]
        assert len(addresses) == 1 + len(config.locales) + 1
        assert all(href.startswith(public) for href in addresses), f"{locale}/{rel}: {addresses}"
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    assert "127.0.0.1" not in sitemap and f"<loc>{public}</loc>" in sitemap


def _index(site: Path, locale: str) -> dict:
    return json.loads((site / LANGUAGE_ROOTS[locale] / "search" / "search_index.json").read_text("utf-8"))


def test_each_language_has_its_own_search_index(config, site, pages):
    for locale in config.locales:
        index = _index(site, locale)
        assert index["config"]["lang"] == [locale]
        locations = {entry["location"].split("#")[0] for entry in index["docs"]}
        expected = {page_folder(rel) for (loc, rel), page in pages.items()
                    if loc == locale and not (page.meta.get("search") or {}).get("exclude")}
        assert locations == expected
        assert page_folder("translation-status.md") not in locations  # for translators, not readers


@pytest.mark.parametrize("locale, word, foreign", [
    ("fr", "masculinités", ["masculinities", "masculinidades"]),
    ("en", "masculinities", ["masculinités", "masculinidades"]),
    ("es", "masculinidades", ["masculinités", "masculinities"]),
])
def test_search_index_holds_only_its_language(site, locale, word, foreign):
    """(The glossary page names terms in all languages on purpose: it is left out.)"""
    docs = [entry for entry in _index(site, locale)["docs"] if not entry["location"].startswith("glossary/")]
    text = " ".join(entry["title"] + " " + entry["text"] for entry in docs).lower()
    assert word in text
    assert not any(other in text for other in foreign)


def test_pages_search_the_index_of_their_language(config, site, source_pages):
    """Material loads ``search/search_index.json`` relative to the page's ``base``."""
    for locale, rel in _all_pages(config, source_pages):
        page_dir = site / LANGUAGE_ROOTS[locale] / page_folder(rel)
        app = json.loads(_html(site, locale, rel).select_one("#__config").string)
        index = (page_dir / app["base"] / "search" / "search_index.json").resolve()
        assert index == (site / LANGUAGE_ROOTS[locale] / "search" / "search_index.json").resolve()


@pytest.mark.parametrize("locale, title", [("fr", "Page introuvable"), ("en", "Page not found"),
                                           ("es", "Página no encontrada")])
def test_404_page_in_each_language(config, site, locale, title):
    soup = BeautifulSoup((site / LANGUAGE_ROOTS[locale] / "404.html").read_text("utf-8"), "lxml")
    assert soup.html["lang"] == locale
    assert soup.h1.string == title
    nav_links = [a["href"] for a in soup.select("nav.md-nav--primary a.md-nav__link[href]")]
    # Absolute paths from the site's own (/knowledge-hub/): right at any depth.
    root = urlsplit(config.site_url).path + LANGUAGE_ROOTS[locale]
    assert nav_links and all(urlsplit(href).path.startswith(root) for href in nav_links)


def test_root_404_sends_other_languages_to_their_own_404(site):
    head = BeautifulSoup((site / "404.html").read_text("utf-8"), "lxml").head
    [script] = [s.string for s in head.find_all("script", src=False) if "location.replace" in s.string]
    assert '["en", "es"]' in script
    for locale in ("en", "es"):
        assert "location.replace" not in (site / locale / "404.html").read_text("utf-8")


LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
           "video": "src", "embed": "src", "object": "data"}


def test_no_page_loads_anything_from_another_host(site):
    offenders = []
    for path in site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text("utf-8"), "lxml")
        urls = [tag.get(attr) for name, attr in LOADING.items() for tag in soup.find_all(name)]
        urls += [link.get("href") for link in soup.find_all("link")
                 if set(link.get("rel", [])) & {"stylesheet", "preload", "preconnect", "icon",
                                                "dns-prefetch", "modulepreload", "manifest"}]
        offenders += [f"{path.relative_to(site)}: {url}" for url in urls if url and urlsplit(url).netloc]
    for path in site.rglob("*.css"):
        css = path.read_text("utf-8")
        offenders += [f"{path.relative_to(site)}: {url}"
                      for url in re.findall(r"(?:@import\s+|url\()\s*['\"]?(https?:)?//([^'\")\s]+)", css)]
    assert not offenders, "\n".join(offenders)


def test_no_google_fonts(site):
    for path in site.rglob("*.html"):
        assert "fonts.googleapis" not in path.read_text("utf-8")
        assert "fonts.gstatic" not in path.read_text("utf-8")


@pytest.mark.parametrize("locale", ["fr", "en", "es"])
def test_glossary_page_renders_the_glossary_data(site, locale):
    from scripts.glossary import glossary
    soup = _html(site, locale, "glossary.md")
    tables = soup.select("article table")
    sections = glossary()
    assert len(tables) == len(sections)
    for table, terms in zip(tables, sections.values()):
        assert len(table.select("tbody tr")) == len(terms)
        first = [row.select_one("td span[lang]")["lang"] for row in table.select("tbody tr")]
        assert set(first) == {locale}, "the reader's language comes first"
    text = soup.get_text()
    assert all(term.names[locale] in text for terms in sections.values() for term in terms)


def test_print_stylesheet_hides_the_navigation_chrome(site):
    css = (site / "assets" / "hub.css").read_text("utf-8")
    print_rules = css[css.index("@media print"):]
    for chrome in (".md-header", ".md-sidebar", ".md-footer", ".md-search", ".md-content__button"):
        assert chrome in print_rules


def test_missing_translation_falls_back_to_french_with_a_notice(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "es" / "code-of-conduct.md").unlink()
    set_complete_languages(project, "en")  # Spanish published as it is
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    soup = BeautifulSoup((tmp_path / "site" / "es" / "code-of-conduct" / "index.html").read_text("utf-8"), "lxml")
    notice = soup.select_one(".hub-untranslated")
    assert notice["lang"] == "es" and "aún no está traducida al español" in notice.get_text()
    assert notice.find_next_sibling("div")["lang"] == "fr"
    assert "Respect et bienveillance" in soup.get_text()
    nav = [a.get_text(strip=True) for a in soup.select("nav.md-nav--primary a.md-nav__link")]
    # The menu stays Spanish; the page shown in French is listed under its own (French) title.
    assert {"Inicio", "Principios Centrales", "Code de conduite"} <= set(nav), nav


def test_strict_ci_build_requires_every_translation(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "en" / "glossary.md").unlink()
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/en/glossary.md: this page is missing, and 'en' must be complete" in result.stderr


@pytest.mark.parametrize("locale, label", [("fr", "Passer au thème sombre"), ("en", "Switch to dark mode"),
                                           ("es", "Cambiar al tema oscuro")])
def test_palette_toggle_is_labelled_in_the_page_language(site, locale, label):
    labels = [tag["aria-label"] for tag in _html(site, locale, "index.md").select("input[name=__palette][aria-label]")]
    assert label in labels


def test_every_page_has_a_content_security_policy_for_its_own_scripts(site):
    """The meta tag comes first in the head (before any script), lets nothing in from
    another host, no eval, no plugin, no <base> elsewhere, and allows by hash exactly
    the inline scripts of the page."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 33  # every page of every language and the three 404 pages
    for path in pages:
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        meta = soup.head.find(True)
        assert meta.name == "meta" and meta.get("http-equiv") == "Content-Security-Policy", path
        policy = dict(directive.split(" ", 1) for directive in meta["content"].split("; "))
        assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
        assert policy["base-uri"] == "'self'"
        assert "unsafe-eval" not in meta["content"] and not re.search(r"https?:|\*", meta["content"])
        script_src = policy["script-src"].split()
        assert script_src[0] == "'self'" and "'unsafe-inline'" not in script_src
        inline = [tag.string for tag in soup.find_all("script") if not tag.has_attr("src")
                  and tag.get("type") != "application/json"]
        assert inline, path
        assert sorted(script_src[1:]) == sorted({f"'{script_hash(text)}'" for text in inline}), path
