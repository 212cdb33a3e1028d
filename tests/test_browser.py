"""The built site in a real browser (Debian's Chromium): what a member sees."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
from conftest import page_folder
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
           "resultTypes": ["violations"]}
ROOTS = {"fr": "/", "en": "/en/", "es": "/es/"}


def chromium_path() -> str:
    """The browser: $CHROMIUM_PATH, else Debian's chromium."""
    for candidate in (os.environ.get("CHROMIUM_PATH"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("No Chromium found: install Debian's package (apt-get install chromium) "
                "or set CHROMIUM_PATH to a Chromium binary.")


class _StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves the site like a static host: a missing address gets /404.html with status 404."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(_StaticHost, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


def _page_urls(config, source_pages):
    return [(locale, ROOTS[locale] + page_folder(rel))
            for locale in config.locales for rel in source_pages]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe_wcag_aa(config, source_pages, server, browser, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    failures = []
    for _, path in _page_urls(config, source_pages):
        page.goto(server + path)
        results = Axe().run(page, options=WCAG_AA)
        if results.violations_count:
            failures.append(f"{path}: " + "; ".join(
                f"{v['id']} ({len(v['nodes'])}: {v['nodes'][0]['target']})"
                for v in results.response["violations"]))
    context.close()
    assert not failures, "\n".join(failures)


def test_pages_request_nothing_from_other_hosts(config, source_pages, server, browser):
    page = browser.new_page()
    foreign = []
    page.on("request", lambda request: foreign.append(request.url)
            if not request.url.startswith((server, "data:", "blob:")) else None)
    for _, path in _page_urls(config, source_pages):
        page.goto(server + path, wait_until="networkidle")
    page.close()
    assert not foreign


@pytest.mark.parametrize("locale, query", [("fr", "masculinités"), ("en", "masculinities"),
                                           ("es", "masculinidades")])
def test_search_box_answers_in_the_page_language(server, browser, locale, query):
    page = browser.new_page()
    page.goto(server + ROOTS[locale] + "theory-of-change/", wait_until="networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.keyboard.type(query)
    results = page.locator("a.md-search-result__link")
    results.first.wait_for()
    page.wait_for_load_state("networkidle")
    hrefs = page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")
    page.close()
    assert hrefs
    for href in hrefs:
        path = href.removeprefix(server)
        assert path.startswith(ROOTS[locale]), href
        assert not any(path.startswith(root) for other, root in ROOTS.items()
                       if other not in ("fr", locale)), href


def test_missing_spanish_address_shows_the_spanish_404(server, browser):
    page = browser.new_page()
    page.goto(server + "/es/no-such-page/")
    page.wait_for_url("**/es/404.html")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("article h1").inner_text() == "Página no encontrada"
    page.close()


def test_printing_hides_the_navigation_chrome(server, browser):
    page = browser.new_page()
    page.goto(server + "/en/code-of-conduct/")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", 'a[rel="edit"]'):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator("article h1").is_visible()
    page.close()
