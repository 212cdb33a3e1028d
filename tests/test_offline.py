"""The offline bundle (make offline): the zip trainers unzip and open from disk."""

from __future__ import annotations

import json
import zipfile
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import Watch

from scripts.hooks.i18n_state import language_root
from scripts.offline_bundle import TOP_FOLDER
from scripts.site_config import load_site_config
from scripts.site_urls import page_url

CONFIG = load_site_config()
LANGUAGE_ROOTS = {locale: language_root(locale, CONFIG.source_language) for locale in CONFIG.locales}
QUERIES = {"fr": "masculinités", "en": "masculinities", "es": "masculinidades"}


def _page_file(bundle: Path, locale: str, rel: str) -> Path:
    return bundle / page_url(locale, rel, CONFIG.source_language, directory_urls=False)


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "lxml")


def test_zip_has_one_top_folder_with_the_home_page(bundle_run):
    with zipfile.ZipFile(bundle_run.zip_path) as archive:
        names = archive.namelist()
    assert all(name.startswith(TOP_FOLDER + "/") for name in names)
    assert f"{TOP_FOLDER}/index.html" in names
    assert f"{bundle_run.zip_path} (" in bundle_run.stdout and f" MB, {len(names)} files)" in bundle_run.stdout


def test_zip_holds_every_page_and_every_handout(config, source_pages, site, bundle):
    for locale in config.locales:
        for rel in source_pages:
            assert _page_file(bundle, locale, rel).is_file(), f"{locale}: {rel}"
    manifest = json.loads((site / "handouts" / "manifest.json").read_text("utf-8"))
    assert manifest["files"], "the online build made no handouts"
    assert json.loads((bundle / "handouts" / "manifest.json").read_text("utf-8")) == manifest
    for item in manifest["files"]:
        assert (bundle / item["path"]).stat().st_size == item["bytes"], item["path"]


def _local_links(html: Path):
    """Every local ``href`` and ``src`` of a page, as (link, path part, fragment)."""
    for tag in _soup(html).find_all(True):
        for attribute in ("href", "src"):
            link = tag.get(attribute)
            parts = urlsplit(link or "")
            if link is not None and not parts.scheme and not parts.netloc:
                yield link, unquote(parts.path), unquote(parts.fragment)


@cache
def _ids(html: Path) -> frozenset[str]:
    """The IDs of a page's elements (read once, however many links point into it)."""
    return frozenset(tag["id"] for tag in _soup(html).find_all(id=True))


def test_every_local_link_is_a_file_of_the_bundle_and_its_anchor_exists(bundle):
    bundle = bundle.resolve()
    problems = []
    for html in sorted(bundle.rglob("*.html")):
        for link, path, fragment in _local_links(html):
            target = (html.parent / path).resolve() if path else html
            where = f"{html.relative_to(bundle)}: {link}"
            if not target.is_relative_to(bundle) or not target.is_file():
                problems.append(f"{where} is not a file of the bundle")
            elif fragment and target.suffix == ".html" and fragment not in _ids(target):
                problems.append(f"{where}: no #{fragment} there")
    assert not problems, "\n".join(problems)


def test_language_switcher_goes_to_the_same_page_in_each_language(config, source_pages, bundle):
    for locale in config.locales:
        for rel in source_pages:
            page = _page_file(bundle, locale, rel)
            links = {a["hreflang"]: a["href"] for a in _soup(page).select("a.md-select__link")}
            assert set(links) == set(config.locales)
            for other, href in links.items():
                assert (page.parent / href).resolve() == _page_file(bundle, other, rel).resolve(), \
                    f"{locale}/{rel}: the switcher to {other} goes to {href}"


def test_each_language_has_its_own_search_index_script(config, bundle):
    for locale, root in LANGUAGE_ROOTS.items():
        script = (bundle / root / "search" / "search_index.js").read_text("utf-8")
        index = json.loads(script.removeprefix("var __index = "))
        assert index["config"]["lang"] == [locale]
        assert index == json.loads((bundle / root / "search" / "search_index.json").read_text("utf-8"))


def _in_bundle(url: str, bundle: Path) -> Path:
    """The file a file:// address names, relative to the bundle."""
    assert url.startswith("file://"), url
    return Path(unquote(urlsplit(url).path)).relative_to(bundle.resolve())


@pytest.mark.parametrize("locale", LANGUAGE_ROOTS)
def test_search_and_switcher_work_from_disk_fetching_nothing(bundle, browser, locale):
    page = browser.new_page()
    watch = Watch(page, "file:")
    page.goto((bundle / LANGUAGE_ROOTS[locale] / "index.html").resolve().as_uri())

    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.keyboard.type(QUERIES[locale])
    results = page.locator("a.md-search-result__link")
    results.first.wait_for()
    hrefs = page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")
    folders = {loc: root for loc, root in LANGUAGE_ROOTS.items() if root}
    for href in hrefs:
        path = _in_bundle(href, bundle).as_posix()
        assert path.startswith(LANGUAGE_ROOTS[locale]), href
        assert not any(path.startswith(root) for loc, root in folders.items() if loc != locale), href

    target = results.first.evaluate("a => a.href")
    results.first.click()
    page.wait_for_url(target)
    opened = _in_bundle(page.url, bundle)
    assert (bundle / opened).is_file() and opened.suffix == ".html"
    assert page.locator("html").get_attribute("lang") == locale

    for other in (loc for loc in LANGUAGE_ROOTS if loc != locale):
        page.goto(page.eval_on_selector(f'a.md-select__link[hreflang="{other}"]', "a => a.href"))
        assert _in_bundle(page.url, bundle) == Path(LANGUAGE_ROOTS[other]) / opened.name
        assert page.locator("html").get_attribute("lang") == other
        page.go_back()
    page.close()
    assert not watch.problems, "\n".join(watch.problems)


def test_every_page_from_disk_breaks_no_security_policy(bundle, browser, source_pages):
    """Every page of every language, opened from file://, under its Content-Security-
    Policy: no violation, nothing fetched, no script error."""
    page = browser.new_page()
    watch = Watch(page, "file:")
    for locale in LANGUAGE_ROOTS:
        for rel in source_pages:
            page.goto(_page_file(bundle, locale, rel).resolve().as_uri())
            assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    page.close()
    assert not watch.problems, "\n".join(watch.problems)
