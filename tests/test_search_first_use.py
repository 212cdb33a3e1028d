"""Search is downloaded the first time a reader uses it (scripts/hooks/search_on_first_use.py):
a page opens without search's worker, index and lunr; focusing the search box or pressing
its shortcut fetches them, and search answers, online and from the offline bundle."""

from __future__ import annotations

import re

import pytest

from conftest import Watch
from scripts.static_host import serve

# What search downloads: the index (JSON online, a script offline), the worker, lunr's languages.
SEARCH_FILES = re.compile(r"search/search_index\.js(on)?$|/javascripts/workers/|/javascripts/lunr/")
QUERY, EXPECTED = "redevabilite", "accountability-standards"


@pytest.fixture(scope="module", params=["online", "offline"])
def home(request, site):
    """The French home page's address, served (online) or in the unzipped bundle (offline)."""
    if request.param == "online":
        with serve(site) as origin:
            yield origin + "/", origin
    else:
        yield (request.getfixturevalue("bundle").resolve() / "index.html").as_uri(), "file:"


@pytest.mark.parametrize("first_use", ["focus", "shortcut"])
def test_search_is_fetched_on_first_use_then_answers(browser, home, first_use):
    address, origin = home
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    fetched = []
    context.on("request", lambda request: fetched.append(request.url))
    try:
        tab = context.new_page()
        watch = Watch(tab, origin)
        tab.goto(address, wait_until="networkidle")
        tab.wait_for_timeout(1000)  # anything started late by the page's script
        opened = len(fetched)
        assert opened > 1, "the page's own files were not seen"
        early = [url for url in fetched if SEARCH_FILES.search(url)]
        assert not early, f"search was downloaded before anyone searched: {early}"
        if first_use == "focus":
            tab.locator(".md-search__input").focus()
        else:
            tab.keyboard.press("/")
        tab.keyboard.type(QUERY)
        results = tab.locator(".md-search-result__item > a:first-child")
        results.first.wait_for(timeout=30000)
        links = results.evaluate_all("links => links.map(a => a.href)")
        assert any(EXPECTED in link for link in links), links
        later = [url for url in fetched[opened:] if SEARCH_FILES.search(url)]
        assert any("search_index" in url for url in later) and any("/workers/" in url for url in later), later
        assert not watch.problems, "\n".join(watch.problems)
    finally:
        context.close()
