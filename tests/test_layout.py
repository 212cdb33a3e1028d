"""Layout on a 320 and 390 px phone and a wide screen, in every language: the header's
title, year ranges, permalinks, the language menu, the theory of change's width, one H1
style, the home cards, the status page's links and the handouts tables."""

from __future__ import annotations

import re

import pytest
from test_browser import ROOTS, server, url_of  # noqa: F401 (server: a fixture)

from scripts.site_config import load_site_config

CONFIG = load_site_config()
LOCALES = CONFIG.locales
YEAR_RANGE = re.compile(r"\d{4}-\d{2,4}")


def _phone(browser, width: int):
    return browser.new_context(viewport={"width": width, "height": 740}, is_mobile=True, has_touch=True,
                               device_scale_factor=2)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_header_title_fits_the_header_at_320_px(locale, server, browser):
    context = _phone(browser, 320)
    tab = context.new_page()
    tab.goto(server + url_of(locale, "accountability-standards.md"))
    for scrolled in (0, 1200):  # the site's name, then the page's title
        tab.evaluate(f"scrollTo(0, {scrolled})")
        tab.wait_for_timeout(400)
        header = tab.locator(".md-header").bounding_box()
        for title in tab.locator(".md-header__topic .md-ellipsis").all():
            if not title.is_visible():
                continue
            box = title.bounding_box()
            line = float(title.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
            assert box["y"] >= header["y"] - 0.5 and box["y"] + box["height"] <= header["y"] + header["height"] + 0.5, \
                f"scrolled {scrolled}: the header's title {box} overflows the header {header}"
            assert round(box["height"] / line) <= 2, f"scrolled {scrolled}: {box['height'] / line:.1f} lines"
    context.close()


# [text, number of lines] of each year range in the elements, from its characters' boxes.
RANGE_LINES = """(elements, pattern) => elements.flatMap(e => {
    const found = [], walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode, re = new RegExp(pattern, 'g');
        for (const m of node.textContent.matchAll(re)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
            found.push([m[0], tops.size]);
        }
    }
    return found;
})"""


@pytest.mark.parametrize("width", [320, 390])
def test_a_year_range_never_breaks(width, server, browser):
    context = _phone(browser, width)
    tab = context.new_page()
    broken, seen = [], 0
    for locale in LOCALES:
        tab.goto(server + url_of(locale, "strategic-plan.md"))
        tab.locator('label.md-header__button[for="__drawer"]').tap()
        tab.locator(".md-nav--primary").first.wait_for(state="visible")
        for where in ("article h1", "article", ".md-nav--primary .md-nav__link"):
            ranges = tab.locator(where).evaluate_all(RANGE_LINES, YEAR_RANGE.pattern)
            seen += len(ranges)
            broken += [f"{locale} {where}: “{text}” on {lines} lines" for text, lines in ranges if lines > 1]
    context.close()
    assert seen > 9 and not broken, "\n".join(broken)


@pytest.mark.parametrize("locale", LOCALES)
def test_no_heading_permalink_widens_a_phone_page(locale, pages, server, browser):
    context = _phone(browser, 390)
    tab = context.new_page()
    wider = []
    for (loc, rel) in pages:
        if loc != locale:
            continue
        tab.goto(server + url_of(locale, rel))
        right = tab.locator("article .headerlink").evaluate_all(
            "links => Math.max(0, ...links.map(a => a.getBoundingClientRect().right))")
        overflow = tab.evaluate("document.documentElement.scrollWidth - innerWidth")
        if right > 390 or overflow > 0:
            wider.append(f"{url_of(locale, rel)}: a permalink ends at {right:.1f}px, the page is {overflow}px too wide")
    context.close()
    assert not wider, "\n".join(wider)
