"""The built site in a real browser (Chromium, see scripts/chromium.py): what a member
sees on a desktop, on a phone, with a keyboard, and when printing."""

from __future__ import annotations

import os
import struct
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import CSP_VIOLATIONS, Watch, build_site

from scripts.hooks.i18n_state import language_root
from scripts.site_config import ROOT, load_site_config
from scripts.site_urls import page_url
from scripts.static_host import serve
from scripts.ui_text import ui_text

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
           "resultTypes": ["violations"]}
CONFIG = load_site_config()
SOURCE, LOCALES = CONFIG.source_language, CONFIG.locales
ROOTS = {locale: "/" + language_root(locale, SOURCE) for locale in LOCALES}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
# Screenshots for reviewers (CI uploads the folder as an artifact).
ARTIFACTS = Path(os.environ.get("HUB_TEST_ARTIFACTS", ROOT / "test-artifacts"))
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def url_of(locale: str, rel: str) -> str:
    return "/" + page_url(locale, rel, SOURCE)


def heading_text(heading) -> str:
    """A heading's text without its permalink (shown on touch screens)."""
    return heading.evaluate("h => [...h.childNodes].filter(n => !n.classList?.contains('headerlink'))"
                            ".map(n => n.textContent).join('').trim()")


# The site is served where a plain `make build` is meant to be published: under the
# public address's path (``/knowledge-hub/``), as GitHub Pages serves a project site.
SUB_PATH = urlsplit(CONFIG.site_url).path or "/"


@pytest.fixture(scope="module")
def server(site):
    """The built site's address under its public path, without the trailing slash."""
    with serve(site, prefix=SUB_PATH) as address:
        yield address + SUB_PATH.rstrip("/")


@pytest.fixture
def context(browser):
    context = browser.new_context(**DESKTOP)
    yield context
    context.close()


@pytest.fixture
def tab(context):
    return context.new_page()


@pytest.mark.parametrize("locale", LOCALES)
def test_every_page_loads_cleanly_in_its_language(locale, config, pages, source_pages, server, tab):
    """Status 200, the page's language and title, no console error, nothing from elsewhere."""
    site_name = next(lang.site_name for lang in config.languages if lang.locale == locale)
    watch = Watch(tab, server)
    failures = []
    for rel in source_pages:
        response = tab.goto(server + url_of(locale, rel), wait_until="networkidle")
        title = f"{pages[(locale, rel)].meta['title']} - {site_name}"
        lang = tab.locator("html").get_attribute("lang")
        if (response.status, lang, tab.title()) != (200, locale, title):
            failures.append(f"{url_of(locale, rel)}: status {response.status}, lang {lang!r}, "
                            f"title {tab.title()!r} (expected 200, {locale!r}, {title!r})")
    assert not failures + watch.problems, "\n".join(failures + watch.problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe_wcag_aa(source_pages, server, browser, scheme):
    context = browser.new_context(color_scheme=scheme, **DESKTOP)
    page = context.new_page()
    failures = []
    for locale in LOCALES:
        for rel in source_pages:
            page.goto(server + url_of(locale, rel))
            shown = page.locator("body").get_attribute("data-md-color-scheme")
            assert shown == {"light": "default", "dark": "slate"}[scheme], url_of(locale, rel)
            results = Axe().run(page, options=WCAG_AA)
            if results.violations_count:
                failures.append(f"{url_of(locale, rel)}: " + "; ".join(
                    f"{v['id']} ({len(v['nodes'])}: {v['nodes'][0]['target']})"
                    for v in results.response["violations"]))
    context.close()
    assert not failures, "\n".join(failures)


def test_switcher_offers_the_same_page_in_every_language(source_pages, server, tab):
    failures = []
    for locale in LOCALES:
        for rel in source_pages:
            tab.goto(server + url_of(locale, rel))
            offered = tab.eval_on_selector_all(
                "a.md-select__link[hreflang]", "links => links.map(a => [a.hreflang, a.href])")
            expected = [[other, server + url_of(other, rel)] for other in LOCALES]
            if offered != expected:
                failures.append(f"{url_of(locale, rel)}: {offered}")
    assert not failures, "\n".join(failures)


def test_switcher_keeps_the_section_being_read(server, tab):
    tab.goto(server + "/en/code-of-conduct/#behaviours-to-avoid")
    tab.hover(".md-select")
    tab.click("a.md-select__link[hreflang=es]")
    tab.wait_for_url(server + "/es/code-of-conduct/#behaviours-to-avoid")
    heading_top = tab.locator("#behaviours-to-avoid").bounding_box()["y"]
    assert tab.evaluate("scrollY") > 0 and 0 <= heading_top < DESKTOP["viewport"]["height"] / 2
    # A section reached through the table of contents is kept as well.
    tab.click('.md-sidebar--secondary a[href="#reporting-a-concern"]')
    tab.hover(".md-select")
    tab.click("a.md-select__link[hreflang=fr]")
    tab.wait_for_url(server + "/code-of-conduct/#reporting-a-concern")


@pytest.mark.parametrize("locale, query", [("fr", "masculinités"), ("en", "masculinities"),
                                           ("es", "masculinidades")])
def test_search_box_answers_in_the_page_language(server, tab, locale, query):
    tab.goto(server + ROOTS[locale] + "theory-of-change/", wait_until="networkidle")
    tab.locator("label.md-search__icon, .md-search__input").first.click()
    tab.keyboard.type(query)
    hrefs = settled_results(tab)
    for href in hrefs:
        assert _language_of(href.removeprefix(server)) == locale, href


def settled_results(tab) -> list[str]:
    """The search results' addresses once the list stops changing (search runs
    again after each key typed)."""
    tab.locator("a.md-search-result__link").first.wait_for()
    shown = None
    for _ in range(50):
        tab.wait_for_timeout(200)
        previous, shown = shown, tab.eval_on_selector_all(
            "a.md-search-result__link", "links => links.map(a => a.href)")
        if shown and shown == previous:
            return shown
    pytest.fail(f"the search results kept changing: {shown}")


def _language_of(path: str) -> str:
    """The language whose folder holds a site path."""
    return next((loc for loc, root in ROOTS.items() if root != "/" and path.startswith(root)),
                SOURCE)


@pytest.mark.parametrize("locale", LOCALES)
def test_missing_address_shows_the_404_in_its_language(server, tab, locale):
    missing = ROOTS[locale] + "no-such-page/"
    response = tab.goto(server + missing)
    assert response.status == 404
    if locale != SOURCE:
        tab.wait_for_url(f"**{ROOTS[locale]}404.html")
    assert tab.locator("html").get_attribute("lang") == locale
    assert heading_text(tab.locator("article h1")) == ui_text()["not_found_title"][locale]
    assert tab.locator(".md-header").is_visible()  # styled: the theme's assets loaded


@pytest.mark.parametrize("locale", LOCALES)
def test_phone_navigation_reaches_every_document(locale, pages, server, browser):
    """Every page of the menu (the contributors' page is left out of it on purpose)."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    watch = Watch(page, server)
    for rel in CONFIG.nav:
        start = "about.md" if rel == "index.md" else "index.md"  # the menu hides the current page
        page.goto(server + url_of(locale, start))
        menu = page.locator('label.md-header__button[for="__drawer"]')
        assert menu.is_visible()
        menu.tap()
        links = page.locator(".md-nav--primary a.md-nav__link[href]")
        targets = links.evaluate_all("links => links.map(a => a.href)")
        target = server + url_of(locale, rel)
        assert target in targets, f"{target} is not in the phone menu"
        link = links.nth(targets.index(target))
        link.wait_for(state="visible")
        link.tap()
        page.wait_for_url(target)
        assert heading_text(page.locator("article h1")) == pages[(locale, rel)].headings[0].title
        overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert overflow <= 0, f"{target} scrolls sideways by {overflow}px on a phone"
    context.close()
    assert not watch.problems, "\n".join(watch.problems)


@pytest.mark.parametrize("locale", LOCALES)
def test_keyboard_skip_link_jumps_to_the_content(locale, pages, server, tab):
    tab.goto(server + url_of(locale, "code-of-conduct.md"))
    tab.keyboard.press("Tab")
    skip = tab.locator("a.md-skip")
    assert skip.evaluate("a => a === document.activeElement")
    assert skip.is_visible()
    tab.keyboard.press("Enter")
    first_heading = pages[(locale, "code-of-conduct.md")].headings[0].id
    assert tab.evaluate("location.hash") == f"#{first_heading}"
    tab.keyboard.press("Tab")  # the next stop is inside the content, not the header again
    assert tab.evaluate("document.activeElement.closest('article') !== null")


# What a tab stop looks like: the element itself, or for a visually hidden input
# (Material's palette toggle) the label drawn next to it.
_SHOWN_BOX = """() => {
  let e = document.activeElement;
  if (e.getBoundingClientRect().width < 2 && e.nextElementSibling?.tagName === "LABEL") e = e.nextElementSibling;
  const r = e.getBoundingClientRect();
  return {x: r.x - 3, y: r.y - 3, width: r.width + 6, height: r.height + 6,
          label: `${document.activeElement.tagName}.${document.activeElement.className} ${e.textContent.trim().slice(0, 30)}`};
}"""


@pytest.mark.parametrize("locale", LOCALES)
def test_keyboard_focus_is_always_visible(locale, server, tab):
    """Each tab stop, from the skip link to the footer, looks different focused than
    when focus is on the stop before it (pixels around the element compared)."""
    tab.goto(server + url_of(locale, "code-of-conduct.md"))
    tab.add_style_tag(content=NO_TRANSITIONS)
    invisible, stops = [], 0
    for stops in range(1, 200):
        tab.keyboard.press("Tab")
        # Done when focus leaves the page or comes round to a stop already seen.
        if tab.evaluate("""() => { const e = document.activeElement;
            if (e === document.body || e.dataset.hubSeen) return true; e.dataset.hubSeen = 1; }"""):
            break
        box = tab.evaluate(_SHOWN_BOX)
        label = box.pop("label")
        if box["width"] <= 6 or box["height"] <= 6:
            invisible.append(f"{label}: takes no space on screen")
            continue
        tab.evaluate("y => y < 0 || y > innerHeight - 40 ? scrollBy(0, y - 200) : null", box["y"])
        box = {key: value for key, value in tab.evaluate(_SHOWN_BOX).items() if key != "label"}
        focused = tab.screenshot(clip=box)
        tab.keyboard.press("Shift+Tab")
        before = tab.screenshot(clip=box)
        tab.keyboard.press("Tab")
        if focused == before:
            invisible.append(f"{label}: looks the same with and without focus")
    assert 20 < stops < 199, f"{stops} tab stops: the keyboard never left the page"
    assert not invisible, "\n".join(invisible)


def test_keyboard_switches_language(server, tab):
    tab.goto(server + "/en/core-principles/")
    for _ in range(10):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.hreflang") == "es":
            break
    assert tab.locator("a.md-select__link[hreflang=es]").is_visible()
    tab.keyboard.press("Enter")
    tab.wait_for_url(server + "/es/core-principles/")


# Playwright types an accented letter as inserted text, without the key events search
# listens to: the queries end with a plain letter, as on a real keyboard.
@pytest.mark.parametrize("locale, query", [("fr", "masculinités"), ("en", "accountability"),
                                           ("es", "rendición")])
def test_keyboard_search_opens_a_result(locale, query, server, tab):
    tab.goto(server + ROOTS[locale], wait_until="networkidle")
    tab.keyboard.press("/")  # Material's shortcut to the search box
    assert tab.evaluate("document.activeElement.classList.contains('md-search__input')")
    tab.keyboard.type(query)
    settled_results(tab)
    first = tab.locator("a.md-search-result__link").first
    tab.keyboard.press("ArrowDown")
    assert first.evaluate("a => a === document.activeElement")
    target = first.evaluate("a => a.href")
    tab.keyboard.press("Enter")
    tab.wait_for_url(target)
    assert _language_of(tab.url.removeprefix(server)) == locale
    assert tab.locator("html").get_attribute("lang") == locale


@pytest.mark.parametrize("rel", ["code-of-conduct.md", "strategic-plan.md"])
def test_printing_hides_the_chrome_and_keeps_the_text(rel, pages, server, tab):
    tab.goto(server + url_of("en", rel))
    tab.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                   ".md-skip", 'a[rel="edit"]', ".hub-download", ".headerlink"):
        assert not tab.locator(chrome).first.is_visible(), chrome
    printed = tab.locator("article").inner_text()
    for section in pages[("en", rel)].headings:
        assert tab.locator(f"#{section.id}").is_visible()
        assert section.title in printed
    width = tab.locator("article").bounding_box()["width"]
    assert width > 0.9 * tab.viewport_size["width"] - 40  # the text takes the whole page


def _for_screenshots(browser, settings: dict, scheme: str):
    """A browser context and page for review screenshots, and the folder they go to."""
    context = browser.new_context(color_scheme=scheme, **settings)
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return context, context.new_page(), folder


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_home_page_screenshots_for_review(device, scheme, browser, server):
    settings = {"desktop": DESKTOP, "phone": PHONE}[device]
    context, page, folder = _for_screenshots(browser, settings, scheme)
    for locale in LOCALES:
        page.goto(server + ROOTS[locale], wait_until="networkidle")
        path = folder / f"home-{locale}-{device}-{scheme}.png"
        page.screenshot(path=path, full_page=True)
        width, = struct.unpack(">I", path.read_bytes()[16:20])  # the PNG header's width
        assert width == settings["viewport"]["width"] * settings.get("device_scale_factor", 1)
    context.close()


# The figures (scripts/figures.py): the page, and the figure's name and layout.
FIGURES = {"theory-of-change.md": ("theory-of-change", "flow"), "strategic-plan.md": ("roadmap", "layers")}


def _boxes(page, selector: str) -> list[dict]:
    return [item.bounding_box() for item in page.locator(selector).all()]


@pytest.mark.parametrize("locale", LOCALES)
def test_figures_read_left_to_right_on_a_desktop_and_downwards_on_a_phone(locale, server, browser):
    for device, settings in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(**settings)
        page = context.new_page()
        for rel, (name, layout) in FIGURES.items():
            page.goto(server + url_of(locale, rel))
            figure = page.locator(f"figure.hub-figure--{name}")
            assert figure.is_visible(), f"{url_of(locale, rel)}: no figure on a {device}"
            stages = _boxes(page, f"figure.hub-figure--{name} .hub-figure__stages > li")
            for before, after in zip(stages, stages[1:]):
                if layout == "flow" and device == "desktop":  # side by side, the same top
                    assert after["x"] >= before["x"] + before["width"] and after["y"] == before["y"]
                else:  # one under the other
                    assert after["y"] >= before["y"] + before["height"]
            overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
            assert overflow <= 0, f"{url_of(locale, rel)} scrolls sideways by {overflow}px on a {device}"
            inside = figure.evaluate("f => f.scrollWidth - f.clientWidth")
            assert inside <= 0, f"{url_of(locale, rel)}: the figure overflows by {inside}px on a {device}"
        context.close()


@pytest.mark.parametrize("variant", ["desktop-light", "desktop-dark", "phone-light"])
def test_figure_screenshots_for_review(variant, browser, server):
    device, scheme = variant.split("-")
    context, page, folder = _for_screenshots(browser, {"desktop": DESKTOP, "phone": PHONE}[device], scheme)
    for locale in LOCALES:
        for rel, (name, _) in FIGURES.items():
            page.goto(server + url_of(locale, rel), wait_until="networkidle")
            box = page.locator(f"figure.hub-figure--{name}").evaluate(
                "f => { const r = f.getBoundingClientRect();"
                " return {x: Math.max(r.x - 8, 0), y: r.y + scrollY - 8, width: r.width + 16, height: r.height + 16}; }")
            page.screenshot(path=folder / f"figure-{name}-{locale}-{variant}.png", full_page=True, clip=box)
            assert box["height"] > 200
    context.close()


def test_site_works_under_a_sub_path(server, tab):
    """The plain build, served under the public address's path (``/knowledge-hub/``)."""
    assert SUB_PATH == urlsplit(CONFIG.hub["public_url"]).path != "/"
    watch = Watch(tab, server)
    tab.goto(server + "/en/code-of-conduct/", wait_until="networkidle")
    tab.hover(".md-select")
    tab.click("a.md-select__link[hreflang=es]")
    tab.wait_for_url(server + "/es/code-of-conduct/")
    tab.keyboard.press("/")
    tab.keyboard.type("masculinidades")
    tab.locator("a.md-search-result__link").first.wait_for()
    hrefs = tab.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")
    assert all(href.startswith(server + "/es/") for href in hrefs), hrefs
    assert not watch.problems, "\n".join(watch.problems)


@pytest.mark.parametrize("locale", LOCALES)
def test_404_pages_work_at_any_depth_under_the_public_path(server, tab, locale):
    """Styled (the theme's stylesheet, a small logo, no bare checkboxes), every link
    inside the site, and the language switcher leading to each language's home page."""
    for missing in ("no-such-page", "a/b/c/", "a/b/c/d/e.html"):
        watch = Watch(tab, server)
        tab.goto(server + ROOTS[locale] + missing)
        if locale != SOURCE:
            tab.wait_for_url(server + ROOTS[locale] + "404.html")
        tab.wait_for_load_state("networkidle")
        where = tab.url.removeprefix(server)
        assert heading_text(tab.locator("article h1")) == ui_text()["not_found_title"][locale], where
        assert tab.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", where
        logo = tab.locator(".md-header .md-logo").bounding_box()
        assert logo and logo["height"] < 60, f"{where}: the logo is {logo}"
        assert not tab.locator("input[type=checkbox]:visible").count(), f"{where}: bare checkboxes"
        links = tab.eval_on_selector_all("a[href]:not([href^='#']):not([href^='http'])", "a => a.map(l => l.href)")
        outside = [href for href in links if not href.startswith(server + "/")]
        assert links and not outside, f"{where}: links outside the site: {outside}"
        offered = tab.eval_on_selector_all("a.md-select__link[hreflang]", "l => l.map(a => [a.hreflang, a.href])")
        assert offered == [[other, server + ROOTS[other]] for other in LOCALES], f"{where}: {offered}"
        # The missing address's own 404 (any other missing file shows as its "HTTP 404: …").
        problems = [p for p in watch.problems if p not in (
            f"HTTP 404: {server + ROOTS[locale] + missing}",
            "console: Failed to load resource: the server responded with a status of 404 (Not Found)")]
        assert not problems, f"{where}: " + "\n".join(problems)


@pytest.mark.parametrize("locale", LOCALES)
def test_404_pages_break_no_security_policy(server, tab, locale):
    violations = []
    tab.on("console", lambda m: ("CSP" in m.text or "Content Security Policy" in m.text)
           and violations.append(m.text))
    tab.add_init_script(CSP_VIOLATIONS)
    tab.goto(server + ROOTS[locale] + "no-such-page/")
    if locale != SOURCE:
        tab.wait_for_url(f"**{ROOTS[locale]}404.html")  # the root 404 page's script ran
    tab.wait_for_load_state("networkidle")
    assert not violations, violations


def test_the_palette_toggle_works_under_the_security_policy(server, tab):
    watch = Watch(tab, server)
    tab.goto(server + url_of("en", "code-of-conduct.md"))
    before = tab.locator("body").get_attribute("data-md-color-scheme")
    tab.locator("form[data-md-component=palette] label:visible").first.click()
    assert tab.locator("body").get_attribute("data-md-color-scheme") != before
    assert not watch.problems, "\n".join(watch.problems)


def test_a_script_slipped_into_a_built_page_is_blocked(site, server, tab):
    """A <script> and an onerror= written into a built page (after the build, as an
    attacker with write access to the host would) do not run."""
    built = site / "en" / "code-of-conduct" / "index.html"
    injected = built.with_name("injected.html")  # same folder: same relative addresses
    injected.write_text(built.read_text(encoding="utf-8").replace(
        "</article>", '<script>window.hubInjected = "script"</script>'
                      '<img src="missing.png" onerror="window.hubInjected = \'onerror\'"></article>'),
        encoding="utf-8")
    blocked = []
    tab.on("console", lambda m: "CSP violation" in m.text and blocked.append(m.text))
    tab.add_init_script(CSP_VIOLATIONS)
    try:
        tab.goto(server + "/en/code-of-conduct/injected.html", wait_until="networkidle")
        ran = tab.evaluate("window.hubInjected")
    finally:
        injected.unlink()
    assert ran is None
    assert sorted(text.split(" blocked ")[0] for text in blocked) == [
        "CSP violation: script-src-attr", "CSP violation: script-src-elem"], blocked
    assert tab.evaluate("document.documentElement.classList.contains('js')")  # Material's own ran
