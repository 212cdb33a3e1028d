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


@pytest.mark.parametrize("locale", LOCALES)
def test_the_language_menu_marks_the_language_being_read(locale, server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.goto(server + url_of(locale, "code-of-conduct.md"))
    tab.hover(".md-select")
    marked = tab.locator("a.md-select__link[aria-current]")
    assert marked.count() == 1 and marked.get_attribute("hreflang") == locale
    weights = tab.locator("a.md-select__link").evaluate_all(
        "links => links.map(a => [a.hreflang, getComputedStyle(a).fontWeight, getComputedStyle(a, '::before').content])")
    assert [w for w in weights if w[0] == locale][0][1:] != [w for w in weights if w[0] != locale][0][1:], weights
    context.close()


@pytest.mark.parametrize("locale", LOCALES)
def test_switching_language_after_scrolling_keeps_the_section_in_view(locale, server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.goto(server + url_of(locale, "code-of-conduct.md"))
    # Scrolled (no #anchor in the address) into a section: its heading just under the header.
    tab.locator("#values-and-behaviours").evaluate("h => scrollTo(0, h.getBoundingClientRect().top + scrollY - 30)")
    tab.wait_for_timeout(300)
    assert "#" not in tab.url and tab.evaluate("scrollY") > 100
    other = next(loc for loc in LOCALES if loc != locale)
    # The reader's mouse, not Playwright's hover and click: when an action retries (a busy
    # machine), they scroll its element into view, and the header's, a sticky one, is
    # scrolled to the top of the page.
    _point_at(tab, ".md-select")
    tab.wait_for_function("() => getComputedStyle(document.querySelector('.md-select__inner')).opacity === '1'")
    _point_at(tab, f"a.md-select__link[hreflang={other}]")
    assert tab.evaluate("scrollY") > 100, "the page scrolled back up before the click"
    tab.mouse.down()
    tab.mouse.up()
    tab.wait_for_url(server + url_of(other, "code-of-conduct.md") + "**")
    assert tab.url == server + url_of(other, "code-of-conduct.md") + "#values-and-behaviours"
    top = tab.locator("#values-and-behaviours").bounding_box()["y"]
    assert 0 <= top < 400, f"the section's heading is at {top}px"
    context.close()


def _point_at(tab, selector: str) -> None:
    """The mouse moved to the middle of ``selector``'s element, nothing scrolled."""
    box = tab.locator(selector).bounding_box()
    tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


@pytest.mark.parametrize("width", [1280, 1600])
def test_the_theory_of_change_uses_the_width_of_a_wide_screen(width, server, browser):
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    for locale in LOCALES:
        tab.goto(server + url_of(locale, "theory-of-change.md"))
        figure = tab.locator("figure.hub-figure--theory-of-change").bounding_box()
        stages = [box["width"] for box in (li.bounding_box() for li in
                  tab.locator("figure.hub-figure--theory-of-change .hub-figure__stages > li").all())]
        assert figure["width"] >= 900, f"{locale}: the figure is {figure['width']:.0f}px wide on a {width}px screen"
        assert min(stages) >= 165, f"{locale}: stages {stages}"
    context.close()


@pytest.mark.parametrize("locale", LOCALES)
def test_one_h1_style_and_a_full_last_home_card(locale, server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    styles = {}
    for rel in ("index.md", "code-of-conduct.md", "glossary.md"):
        tab.goto(server + url_of(locale, rel))
        styles[rel] = tab.locator("article h1").evaluate(
            "h => ['fontSize', 'fontWeight', 'color'].map(p => getComputedStyle(h)[p])")
    assert len({tuple(style) for style in styles.values()}) == 1, styles
    assert int(styles["index.md"][1]) >= 700
    tab.goto(server + url_of(locale, "index.md"))
    cards = [li.bounding_box() for li in tab.locator(".hub-documents li").all()]
    rows: dict[float, list] = {}
    for card in cards:
        rows.setdefault(round(card["y"]), []).append(card)
    full = max(card["x"] + card["width"] for card in cards) - min(card["x"] for card in cards)
    alone = [row for row in rows.values() if len(row) == 1 and row[0]["width"] < full - 2]
    assert len(rows) > 1 and not alone, f"a card alone in half a row: {alone}"
    context.close()


@pytest.mark.parametrize("locale", LOCALES)
def test_the_status_page_links_each_page_and_the_handouts_tables_are_one_width(locale, pages, server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    tab.goto(server + url_of(locale, "translation-status.md"))
    cells = tab.locator("article tbody td:first-child")
    links = cells.locator("a").evaluate_all("a => a.map(l => [l.textContent, l.href, l.hreflang])")
    assert links and len(links) == cells.count()
    for title, href, lang in links:
        assert href == server + url_of(lang, next(rel for (loc, rel), page in pages.items()
                                                  if loc == locale and page.meta["title"] == title))
        assert tab.request.get(href).status == 200
    tab.goto(server + url_of(locale, "handouts.md"))
    widths = {round(t.bounding_box()["width"]) for t in tab.locator("article .hub-handouts table").all()}
    assert len(widths) == 1, f"the handouts tables have {len(widths)} widths: {widths}"
    context.close()
