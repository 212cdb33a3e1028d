"""Material's palette stylesheet without the colours the hub does not use.

Material's ``palette.<hash>.min.css`` defines every primary and accent colour it offers
(21 and 16), for any page to pick with ``data-md-color-primary`` / ``-accent``; a page
of the hub only ever uses those of ``theme.palette`` in mkdocs.yml (``custom``, defined
in docs/assets/hub.css). This hook writes ``assets/stylesheets/hub-palette.<hash>.css``,
Material's stylesheet parsed (tinycss2) with the rules that select only other colours
left out, every other rule (the dark scheme's included) as it was, and points every
page at it: 2 KB less gzipped for every first visit, nothing that shows changed.
"""

from __future__ import annotations


import tinycss2

from scripts.hooks.theme_assets import hashed_name, replacing_hook, theme_file, without_source_map

HOOK = "scripts/hooks/palette_in_use.py"
STYLESHEETS = "assets/stylesheets/"
ATTRIBUTES = ("data-md-color-primary", "data-md-color-accent")


def colours_in_use(config) -> set[tuple[str, str]]:
    """(attribute, colour) of every palette of mkdocs.yml (and of each language's own)."""
    palettes = list(_palettes(config.theme.get("palette")))
    for plugin in config.plugins.values():
        for language in getattr(plugin, "config", {}).get("languages", []) or []:
            palettes += _palettes((language.get("theme") or {}).get("palette"))
    return {(attribute, str(palette.get(attribute.rsplit("-", 1)[-1], "indigo")).replace(" ", "-").lower())
            for palette in palettes for attribute in ATTRIBUTES}


def _palettes(palette):
    return palette if isinstance(palette, list) else [palette] if isinstance(palette, dict) else []


def trimmed(css: str, in_use: set[tuple[str, str]]) -> str:
    """``css`` without the rules all of whose selectors pick a colour not in ``in_use``."""
    return tinycss2.serialize(_kept(tinycss2.parse_stylesheet(css), in_use))


def _kept(rules, in_use):
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = tinycss2.serialize(rule.prelude).split(",")
            if all(_unused(selector, in_use) for selector in selectors):
                continue
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword == "media":
            inner = _kept(tinycss2.parse_rule_list(rule.content), in_use)
            if not any(node.type == "qualified-rule" or node.type == "at-rule" for node in inner):
                continue
            rule.content = inner
        kept.append(rule)
    return kept


def _unused(selector: str, in_use: set[tuple[str, str]]) -> bool:
    """Whether ``selector`` picks a primary or accent colour the hub does not use."""
    for attribute in ATTRIBUTES:
        start = selector.find(f"[{attribute}=")
        if start >= 0:
            value = selector[start + len(attribute) + 2:selector.index("]", start)].strip("\"'")
            if (attribute, value) not in in_use:
                return True
    return False


def hub_palette(config) -> tuple[str, str, str]:
    """Material's palette stylesheet's path in the site, then the hub's and its text."""
    material = theme_file(config.theme.dirs, STYLESHEETS, "palette.*.min.css", HOOK)
    text = trimmed(without_source_map(material), colours_in_use(config))
    return STYLESHEETS + material.name, STYLESHEETS + hashed_name("hub-palette", text, "css"), text


on_config, on_post_page, on_post_template, on_post_build = replacing_hook(HOOK, hub_palette)
