"""The stylesheets as readers download them (scripts/hooks/styles_in_use.py):
Material's main stylesheet without what no page shows, the hub's own without its
comments; and nothing on screen or paper changes for it."""

from __future__ import annotations

import io

import pytest
import tinycss2
from PIL import Image, ImageChops
from test_browser import ARTIFACTS, DESKTOP, NO_TRANSITIONS, PHONE, ROOTS, server  # noqa: F401 (a fixture)

from scripts.hooks.styles_in_use import trimmed, uncommented
from scripts.site_config import ROOT

NAMES = frozenset({"md-header", "md-search", "md-typeset", "--md-shown-by-a-script"})


def _selectors(css: str) -> list[str]:
    found = []
    for rule in tinycss2.parse_stylesheet(css):
        if rule.type == "qualified-rule":
            found.append(tinycss2.serialize(rule.prelude).strip())
        elif rule.type == "at-rule" and rule.content:
            found += [f"@{rule.lower_at_keyword}{tinycss2.serialize(rule.prelude)} " + selector
                      for selector in _selectors(tinycss2.serialize(rule.content))]
    return found


def test_only_what_no_page_or_script_names_is_left_out():
    css = (".md-header,.md-tabs{color:red}"            # one class shown, one not
           ".md-typeset .admonition{--md-icon:1}"      # a component never written
           "[dir=rtl] .md-header{margin:0}"            # right to left, no such page
           "html{--md-used:var(--md-inner);--md-inner:2;--md-unread:var(--md-chain);--md-chain:3;"
           "--md-shown-by-a-script:4;color:red!important}"
           ".md-header{color:var(--md-used)}"
           "@media screen{.md-tabs{display:none}.md-search{display:block}}"
           "@media print{.md-tabs{display:none}}")
    kept = trimmed(css, NAMES, False)
    assert _selectors(kept) == [".md-header", "html", ".md-header", "@media screen .md-search"]
    assert "--md-used:var(--md-inner)" in kept and "--md-inner:2" in kept  # read by a rule kept
    assert "--md-unread" not in kept and "--md-chain" not in kept  # read only by what was dropped
    assert "--md-shown-by-a-script:4" in kept and "color:red!important" in kept
    assert "[dir=rtl] .md-header" in trimmed(css, NAMES, True)  # a page written right to left


def test_the_hubs_stylesheet_is_published_without_its_comments(site):
    source = (ROOT / "docs" / "assets" / "hub.css").read_text("utf-8")
    published = (site / "assets" / "hub.css").read_text("utf-8")
    assert "/*" in source and "/*" not in published
    assert published == uncommented(source)
    assert _selectors(published) == _selectors(source)


def test_every_page_loads_the_trimmed_stylesheet_and_none_loads_materials(site):
    [material] = (site / "assets" / "stylesheets").glob("main.*.min.css")
    [hub] = (site / "assets" / "stylesheets").glob("hub-main.*.css")
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert material.name not in html, page
        assert html.count(hub.name) == 1, page
    assert len(hub.read_bytes()) < 0.7 * len(material.read_bytes())


# Each view (a page, a device, a colour scheme, what the reader did) is photographed with
# the hub's stylesheet, then again once Material's whole stylesheet has replaced it.
SEARCH = "search"
DRAWER = "drawer"
VIEWS = [
    ("fr", "", DESKTOP, "light", None),
    ("en", "", DESKTOP, "dark", None),
    ("fr", "strategic-plan/", DESKTOP, "light", None),
    ("es", "strategic-plan/", PHONE, "light", None),
    ("en", "theory-of-change/", {**PHONE, "viewport": {"width": 320, "height": 700}}, "dark", None),
    ("es", "glossary/", DESKTOP, "dark", None),
    ("en", "code-of-conduct/", PHONE, "dark", DRAWER),
    ("fr", "theory-of-change/", DESKTOP, "light", SEARCH),
    ("en", "no-such-page/", PHONE, "light", None),
    ("fr", "accountability-standards/", DESKTOP, "light", "print"),
]
# The rasteriser's own jitter, not a style's: a colour a few levels off where an edge is
# smoothed, or the smoothing of one small glyph (an icon drawn a fraction of a pixel
# apart, seen once in ten runs on a busy machine). A rule that matters moves more.
TOLERANCE = 4  # colour levels of 255
JITTER = 64  # pixels
# Replace the page's main stylesheet (the hub's or Material's) with the one named: the
# other is removed once this one is loaded, so that the page is never unstyled.
SWAP = """name => new Promise(resolve => {
    const link = document.querySelector('link[href*="stylesheets/hub-main."], link[href*="stylesheets/main."]');
    const other = link.cloneNode();
    other.href = link.href.replace(/[^/]+\\.css$/, name);
    other.onload = () => { link.remove(); resolve(); };
    link.after(other);
})"""


def _differing_pixels(ours: Image.Image, whole: Image.Image) -> str:
    """Where two photos differ beyond the rasteriser's jitter ("" if they do not)."""
    if ours.size != whole.size:
        return f"size {ours.size} against {whole.size}"
    changed = ImageChops.difference(ours, whole).convert("L").point(lambda level: 255 * (level > TOLERANCE))
    count = changed.histogram()[255]
    return f"{count} pixels within {changed.getbbox()}" if count > JITTER else ""


def _photo(page, full_page: bool) -> Image.Image:
    page.wait_for_timeout(300)
    return Image.open(io.BytesIO(page.screenshot(full_page=full_page, animations="disabled"))).convert("RGB")


@pytest.mark.parametrize("locale, rel, device, scheme, action", VIEWS,
                         ids=[f"{v[0]}-{v[1] or 'home'}-{v[2]['viewport']['width']}-{v[3]}-{v[4] or 'read'}"
                              for v in VIEWS])
def test_nothing_shows_differently_than_with_materials_whole_stylesheet(
        locale, rel, device, scheme, action, site, server, browser):
    [material] = (site / "assets" / "stylesheets").glob("main.*.min.css")
    [hub] = (site / "assets" / "stylesheets").glob("hub-main.*.css")
    context = browser.new_context(color_scheme=scheme, **device)
    page = context.new_page()
    try:
        page.goto(server + ROOTS[locale] + rel, wait_until="networkidle")
        # (transitions off, the search box's placeholder's too: a photo is of the end state)
        page.add_style_tag(content=NO_TRANSITIONS + " *::placeholder { transition: none !important; }")
        if action == "print":
            page.emulate_media(media="print")
        elif action == DRAWER:
            page.locator("label.md-header__button[for=__drawer]").click()
        elif action == SEARCH:
            page.locator("label.md-search__icon, .md-search__input").first.click()
            page.keyboard.type("masculinités")
            page.locator("a.md-search-result__link").first.wait_for()
        full_page = action not in (DRAWER, SEARCH)
        # Material's first, then the hub's again: both photographed with the view settled
        page.evaluate(SWAP, material.name)
        whole = _photo(page, full_page)
        page.evaluate(SWAP, hub.name)
        ours = _photo(page, full_page)
    finally:
        context.close()
    difference = _differing_pixels(ours, whole)
    if difference:
        folder = ARTIFACTS / "styles-in-use"
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{locale}-{rel.strip('/') or 'home'}-{scheme}-{action or 'read'}"
        ours.save(folder / f"{name}-hub.png")
        whole.save(folder / f"{name}-material.png")
    assert not difference, (f"{rel or 'home'} ({locale}) looks different with Material's whole stylesheet: "
                            f"{difference}; see {ARTIFACTS}/styles-in-use/")
