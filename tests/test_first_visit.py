"""What a new member meets in the first five minutes, in Chromium: the home page's
cards, interface text in the page's language, menu titles, the site name on a phone,
a readable glossary and download links that do not break apart."""

from __future__ import annotations

import pytest
from test_browser import DESKTOP, PHONE, ROOTS, server, url_of  # noqa: F401 (server: a fixture)

from scripts.site_config import load_site_config
from scripts.ui_text import ui_text

CONFIG = load_site_config()
LOCALES = CONFIG.locales
DOCUMENTS = CONFIG.hub["handouts"]["documents"]
WIDTHS = (390, 768, 1280)
# [text, number of lines it takes] for each element (a PDF link: with its size), from
# its text's boxes, by their top.
LINES_OF_TEXT = """elements => elements.map(e => {
    const range = document.createRange();
    range.selectNodeContents(e);
    if (e.nextElementSibling?.classList.contains('hub-download__size')) {
        range.setStartBefore(e);
        range.setEndAfter(e.nextElementSibling);
    }
    const boxes = [...range.getClientRects()].filter(box => box.width > 0);
    const height = Math.min(...boxes.map(box => box.height));
    const tops = boxes.map(box => box.top).sort((a, b) => a - b);
    return [e.textContent, 1 + tops.filter((top, i) => i && top - tops[i - 1] > height / 2).length];
})"""


@pytest.fixture(scope="module")
def desktop(browser):
    context = browser.new_context(**DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("locale", LOCALES)
def test_home_cards_link_every_document_and_its_pdfs(locale, pages, server, desktop):
    desktop.goto(server + ROOTS[locale])
    cards = desktop.locator(".hub-documents li")
    assert cards.count() == len(DOCUMENTS)
    for index, rel in enumerate(DOCUMENTS):
        meta = pages[(locale, rel)].meta
        card = cards.nth(index)
        title = card.locator("a.hub-documents__title")
        assert title.inner_text() == meta["title"]
        assert title.evaluate("a => a.href") == server + url_of(locale, rel)
        assert meta["summary"] in card.inner_text()
        pdfs = card.locator('a[type="application/pdf"]')
        labels = [ui_text()[f"paper_{paper}"][locale] for paper in CONFIG.hub["handouts"]["papers"]]
        assert pdfs.all_inner_texts() == labels
        for href in pdfs.evaluate_all("links => links.map(a => a.href)"):
            assert f".{locale}." in href, href  # the reader's language
            response = desktop.request.get(href)
            assert response.status == 200 and response.body()[:5] == b"%PDF-", href


@pytest.mark.parametrize("locale", LOCALES)
def test_home_cards_stack_on_a_phone_without_sideways_scroll(locale, server, phone):
    phone.goto(server + ROOTS[locale])
    lefts = phone.locator(".hub-documents li").evaluate_all(
        "cards => cards.map(card => Math.round(card.getBoundingClientRect().left))")
    assert len(set(lefts)) == 1, lefts  # one column
    assert phone.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0


def _french_only_texts(locale: str) -> set[str]:
    """The interface texts (data/ui.yml, the palette toggles) French has and ``locale`` words otherwise."""
    texts = {entry["fr"] for entry in ui_text().values() if entry["fr"] != entry.get(locale)}
    return texts | {"Passer au thème sombre", "Passer au thème clair", "Lien vers cette section"}


@pytest.mark.parametrize("locale", ["en", "es"])
def test_text_the_build_adds_is_in_the_page_language(locale, source_pages, server, desktop):
    french = _french_only_texts(locale)
    failures = []
    for rel in source_pages:
        desktop.goto(server + url_of(locale, rel))
        permalinks = set(desktop.locator("a.headerlink").evaluate_all("links => links.map(a => a.title)"))
        if permalinks != {ui_text()["permalink_title"][locale]}:
            failures.append(f"{url_of(locale, rel)}: permalink titles {permalinks}")
        added = desktop.evaluate("""() => [...document.querySelectorAll('[title], [aria-label], [placeholder]')]
            .flatMap(e => [e.title, e.getAttribute('aria-label'), e.placeholder])
            .concat([...document.querySelectorAll('.md-header, .md-sidebar, .md-footer, .hub-download,'
                                                  + ' .hub-documents__pdf')].map(e => e.innerText))""")
        leftovers = sorted({text for text in french for found in added if found and text in found})
        if leftovers:
            failures.append(f"{url_of(locale, rel)}: French interface text {leftovers}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("locale", LOCALES)
def test_menu_titles_are_the_page_titles(locale, pages, server, desktop):
    desktop.goto(server + url_of(locale, "about.md"))
    links = desktop.locator(".md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link")
    shown = links.evaluate_all("links => links.map(a => a.textContent.trim())")
    assert shown == [pages[(locale, rel)].meta["title"] for rel in CONFIG.nav]
    # (the translation status also lists the contributors' page, out of the menu)
    titles = {pages[(locale, rel)].meta["title"] for rel in (*CONFIG.nav, "contributing.md")}
    for rel in ("translation-status.md", "handouts.md"):  # their tables name pages by title too
        desktop.goto(server + url_of(locale, rel))
        named = set(desktop.locator("article tbody td:first-child").all_inner_texts())
        site_name = next(lang.site_name for lang in CONFIG.languages if lang.locale == locale)
        assert named and named - {site_name} <= titles, f"{url_of(locale, rel)}: {named - titles}"


@pytest.mark.parametrize("locale", LOCALES)
def test_site_name_is_whole_on_a_phone(locale, server, phone):
    phone.goto(server + ROOTS[locale])
    site_name = next(lang.site_name for lang in CONFIG.languages if lang.locale == locale)
    header = phone.locator(".md-header__topic").first
    assert header.inner_text().replace("\n", " ") == site_name
    assert _whole(header.locator(".md-ellipsis")), "the site name is cut off in the header"
    name_right = header.locator(".md-ellipsis").evaluate("e => e.getBoundingClientRect().right")
    buttons_left = phone.locator(".md-header__option, .md-header__button.md-icon[for='__search']").evaluate_all(
        "buttons => Math.min(...buttons.filter(b => b.offsetWidth).map(b => b.getBoundingClientRect().left))")
    assert name_right <= buttons_left, "the site name runs under the header's buttons"
    phone.locator('label.md-header__button[for="__drawer"]').tap()
    drawer = phone.locator(".md-nav--primary > .md-nav__title")
    drawer.wait_for(state="visible")
    assert site_name in drawer.inner_text().replace("\n", " ")
    assert _whole(drawer), "the site name is cut off in the menu"


def _whole(element) -> bool:
    """Whether an element shows all its content (nothing clipped by overflow)."""
    return element.evaluate("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1")


@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("locale", LOCALES)
def test_glossary_is_readable(device, locale, server, desktop, phone):
    tab = {"desktop": desktop, "phone": phone}[device]
    tab.goto(server + url_of(locale, "glossary.md"))
    sizes = tab.locator("article td, article td small").evaluate_all(
        "cells => cells.map(c => parseFloat(getComputedStyle(c).fontSize))")
    assert sizes and min(sizes) >= 15, f"glossary text as small as {min(sizes)} px"
    overflow = tab.locator("article .md-typeset__scrollwrap").evaluate_all(
        "tables => tables.map(t => t.scrollWidth - t.clientWidth)")
    assert max(overflow) <= 0, "the glossary scrolls sideways"
    assert tab.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0


@pytest.mark.parametrize("width", WIDTHS)
def test_download_links_and_rule_names_never_break_apart(width, server, browser):
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    broken = []
    for locale in LOCALES:
        pdf_links = 'a[type="application/pdf"]'
        for rel, selector in [*((rel, pdf_links) for rel in DOCUMENTS), ("index.md", pdf_links),
                              ("contributing.md", "td code")]:
            tab.goto(server + url_of(locale, rel))
            items = tab.locator(f"article {selector}")
            if not items.count():
                broken.append(f"{url_of(locale, rel)}: no {selector}")
            lines = items.evaluate_all(LINES_OF_TEXT)
            broken += [f"{url_of(locale, rel)}: “{text}…” on {count} lines" for text, count in lines if count > 1]
    context.close()
    assert not broken, "\n".join(broken)


def test_on_a_320_px_phone_no_pdf_link_breaks_or_runs_past_the_edge(server, browser):
    """Each PDF link and each size on one line, and none past the text's edge (a link
    and its size too wide for the line go on two lines)."""
    context = browser.new_context(viewport={"width": 320, "height": 700}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    problems = []
    for locale in LOCALES:
        for rel in (*DOCUMENTS, "index.md"):
            tab.goto(server + url_of(locale, rel))
            pieces = tab.locator('article a[type="application/pdf"], article .hub-download__size').evaluate_all(
                """pieces => pieces.map(e => {
                    const boxes = [...e.getClientRects()].filter(box => box.width > 0);
                    return [e.textContent, new Set(boxes.map(box => Math.round(box.top))).size,
                            Math.max(...boxes.map(box => box.right)) - e.closest('article').getBoundingClientRect().right];
                })""")
            problems += [f"{url_of(locale, rel)}: “{text}” on {lines} lines" for text, lines, _ in pieces if lines > 1]
            problems += [f"{url_of(locale, rel)}: “{text}” runs {round(past)} px past the text's edge"
                         for text, _, past in pieces if past > 0.5]
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("locale", LOCALES)
def test_handouts_tables_fit_a_phone_and_count_pages_in_the_singular_too(locale, server, phone):
    phone.goto(server + url_of(locale, "handouts.md"))
    overflow = phone.locator("article .md-typeset__scrollwrap").evaluate_all(
        "tables => tables.map(t => t.scrollWidth - t.clientWidth)")
    assert overflow and max(overflow) <= 0, "a handouts table scrolls sideways on a phone"
    assert phone.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    sizes = phone.locator("article .hub-download__size").all_inner_texts()
    assert sizes and not [size for size in sizes if size.startswith("(1 ") and "s," in size.split()[1]], sizes
    lines = phone.locator("article .hub-download__size").evaluate_all(LINES_OF_TEXT)
    assert all(count == 1 for _, count in lines), [text for text, count in lines if count > 1]


@pytest.mark.parametrize("locale", LOCALES)
def test_a_headings_permalink_never_takes_a_line_of_its_own_on_a_phone(locale, server, phone):
    alone = []
    for rel in ("theory-of-change.md", "strategic-plan.md", "core-principles.md", "handouts.md"):
        phone.goto(server + url_of(locale, rel))
        alone += phone.locator("article .headerlink").evaluate_all("""links => links.filter(link => {
            const heading = link.parentElement.getBoundingClientRect();
            const words = document.createRange();
            words.setStart(link.parentElement, 0);
            words.setEndBefore(link);
            const last = [...words.getClientRects()].filter(r => r.width > 0).pop();
            return last && link.getBoundingClientRect().top >= last.bottom - 1;
        }).map(link => link.parentElement.id)""")
    assert not alone, f"permalinks alone on their line under: {alone}"
