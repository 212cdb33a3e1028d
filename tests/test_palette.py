"""The hub's palette stylesheet: Material's, without the colours no page uses
(scripts/hooks/palette_in_use.py)."""

from __future__ import annotations

import tinycss2

from scripts.hooks.palette_in_use import trimmed

IN_USE = {("data-md-color-primary", "custom"), ("data-md-color-accent", "custom")}


def _rules(css: str) -> list[str]:
    return [tinycss2.serialize(rule.prelude).strip() for rule in tinycss2.parse_stylesheet(css)
            if rule.type == "qualified-rule"]


def test_only_rules_picking_unused_colours_are_left_out():
    css = ("[data-md-color-primary=red]{--md-primary-fg-color:red}"
           "[data-md-color-scheme=slate][data-md-color-primary=black]{--x:0}"
           "[data-md-color-accent=pink],[data-md-color-accent=custom]{--y:1}"
           "[data-md-color-scheme=slate]{color-scheme:dark}"
           "@media screen{[data-md-color-primary=indigo] .md-header{color:blue}"
           "[data-md-color-scheme=slate] img{display:none}}"
           "@media print{[data-md-color-accent=teal]{--z:2}}")
    kept = trimmed(css, IN_USE)
    assert _rules(kept) == ["[data-md-color-accent=pink],[data-md-color-accent=custom]",
                            "[data-md-color-scheme=slate]"]
    assert "@media screen{[data-md-color-scheme=slate] img{display:none}}" in kept
    assert "print" not in kept and "indigo" not in kept


def test_the_site_loads_the_trimmed_palette_with_the_dark_scheme(site):
    [palette] = (site / "assets" / "stylesheets").glob("hub-palette.*.css")
    css = palette.read_text("utf-8")
    assert "[data-md-color-scheme=slate]" in css and "--md-default-bg-color" in css
    assert "data-md-color-primary=indigo" not in css
    assert palette.name in (site / "index.html").read_text("utf-8")
