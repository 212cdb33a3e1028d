"""The stylesheets as readers download them: Material's main stylesheet without the
rules for what no page of the hub shows, the hub's own without its comments.

Material's ``main.<hash>.min.css`` styles every component it offers (admonitions,
content tabs, annotations, versions, source facts, right-to-left scripts…): a third
of a reader's first download. Once every page is written, this hook reads them and
the scripts they load, and writes ``assets/stylesheets/hub-main.<hash>.css``:
Material's stylesheet (parsed with tinycss2) without

- each selector naming a class that no page and no script holds (every name in a
  script counts as a class it may add: search results, tooltips, the drawer's
  state…), or a right-to-left direction where no page is written right to left;
- the rules left with no selector, and the ``@media`` blocks left with no rule;
- the custom properties (``--md-…``) nothing reads any more, such as the icons of
  admonitions the hub never writes;

every other rule as it was, in its order; the last pass over the pages
(page_finish.py) points them at it. A page that starts using a component (an
admonition, say) brings its rules back at the next build. The hub's own stylesheets
(``extra_css``), commented for the people who change them, are published without
their comments. Nothing that shows changes (tests/test_styles_in_use.py compares
screenshots): 10 KB less gzipped for every first visit.
"""

from __future__ import annotations

import re
from pathlib import Path

import tinycss2
from mkdocs.plugins import event_priority

from scripts.hooks.i18n_state import i18n_plugin
from scripts.hooks.theme_assets import REPLACED_AFTER_BUILD, hashed_name, theme_file, without_source_map

HOOK = "scripts/hooks/styles_in_use.py"
STYLESHEETS = "assets/stylesheets/"
_NAME = re.compile(r"-?[_a-zA-Z][\w-]*")
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_RIGHT_TO_LEFT = re.compile(r"\[dir=[\"']?rtl")
_PROPERTY = re.compile(r"--[\w-]+")
_READ = re.compile(r"var\(\s*(--[\w-]+)")
# (each pattern starts with plain text, which the regex engine finds fast)
_ATTRIBUTES = (re.compile(r'class="([^"]*)"'), re.compile(r'style="([^"]*)"'))
_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)
_LOADING = re.compile(r"<(?:link|script)\b[^>]*>")
_LOADED = re.compile(r'(?:href|src)="(?:[^"?#]*/)?([^"?#/]+\.(?:css|js))[?#"]')  # a file's name


@event_priority(-150)  # every page written (the 404 pages, the handouts' links), before page_finish (-200)
def on_post_build(config):
    if i18n_plugin(config).building:
        return  # (a language built inside mkdocs-static-i18n's loop: wait for the last one)
    site = Path(config.site_dir)
    material = theme_file(config.theme.dirs, STYLESHEETS, "main.*.min.css", HOOK)
    pages = sorted(site.rglob("*.html"))
    files = [path for suffix in ("*.js", "*.css") for path in sorted(site.rglob(suffix)) if path.name != material.name]
    names, right_to_left = names_in_use(pages, files)
    text = trimmed(without_source_map(material), names, right_to_left)
    hub = STYLESHEETS + hashed_name("hub-main", text, "css")
    (site / hub).write_text(text, encoding="utf-8")
    REPLACED_AFTER_BUILD.clear()
    REPLACED_AFTER_BUILD[STYLESHEETS + material.name] = hub
    for name in config.extra_css:
        if (site / name).suffix == ".css" and (site / name).is_file():
            (site / name).write_text(uncommented((site / name).read_text(encoding="utf-8")), encoding="utf-8")


def names_in_use(pages: list[Path], files: list[Path]) -> tuple[frozenset[str], bool]:
    """The names the built ``pages`` use (in their elements' classes and styles and in
    their inline scripts) or may add (every name in the scripts among ``files`` they
    load), with the custom properties read by the stylesheets among ``files`` they load;
    and whether a page is written right to left."""
    by_name = {file.name: file for file in files}
    names: set[str] = set()
    loaded: set[Path] = set()
    right_to_left = False
    for path in pages:
        text = path.read_text(encoding="utf-8", errors="replace")
        for used in {value for pattern in (*_ATTRIBUTES, _INLINE_SCRIPT) for value in pattern.findall(text)}:
            names.update(_NAME.findall(used))
            names.update(_PROPERTY.findall(used))
        for tag in _LOADING.findall(text):
            loaded.update(by_name[name] for name in _LOADED.findall(tag) if name in by_name)
        right_to_left = right_to_left or 'dir="rtl"' in text
    for path in loaded:
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".js":
            names.update(_NAME.findall(text))
            names.update(_PROPERTY.findall(text))
        else:
            names.update(_READ.findall(text))
    return frozenset(names), right_to_left


def uncommented(css: str) -> str:
    """``css`` without its comments (the tokens between them as they were)."""
    return tinycss2.serialize(tinycss2.parse_component_value_list(css, skip_comments=True))


def trimmed(css: str, names: frozenset[str], right_to_left: bool) -> str:
    """``css`` without the selectors and custom properties that nothing in ``names`` uses."""
    rules = _kept_selectors(tinycss2.parse_stylesheet(css), names, right_to_left)
    outside = {name for name in names if name.startswith("--")}
    while _drop_unread_properties(rules, outside | set(_READ.findall(tinycss2.serialize(rules)))):
        pass  # a property dropped may have been the last to read another
    return tinycss2.serialize(rules)


def _kept_selectors(rules, names: frozenset[str], right_to_left: bool) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = tinycss2.serialize(rule.prelude).split(",")
            used = [selector for selector in selectors if _used(selector, names, right_to_left)]
            if not used:
                continue
            if len(used) < len(selectors):
                rule.prelude = tinycss2.parse_component_value_list(",".join(used))
        elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
            rule.content = _kept_selectors(tinycss2.parse_rule_list(rule.content), names, right_to_left)
            if not any(node.type in ("qualified-rule", "at-rule") for node in rule.content):
                continue
        kept.append(rule)
    return kept


def _used(selector: str, names: frozenset[str], right_to_left: bool) -> bool:
    """Whether ``selector`` may match: each class it names is in ``names``."""
    if not right_to_left and _RIGHT_TO_LEFT.search(selector):
        return False
    return all(name in names for name in _CLASS.findall(selector))


def _drop_unread_properties(rules, read: set[str]) -> bool:
    """Drop from ``rules`` the custom properties not in ``read``; whether any was."""
    dropped = False
    for rule in rules:
        if rule.type == "qualified-rule":
            declarations = tinycss2.parse_declaration_list(rule.content)
            kept = [node for node in declarations if node.type != "declaration"
                    or not node.name.startswith("--") or node.name in read]
            if len(kept) < len(declarations):
                dropped = True
                rule.content = tinycss2.parse_component_value_list(
                    ";".join(tinycss2.serialize([node]) for node in kept if node.type == "declaration"))
        elif rule.type == "at-rule" and isinstance(rule.content, list):
            dropped |= _drop_unread_properties(rule.content, read)
    return dropped
