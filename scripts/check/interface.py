"""Interface text: every language has its own texts in data/ui.yml and mkdocs.yml.

A built language (``build: true``) needs each entry of data/ui.yml, its `site_name`,
`site_description` and its palette's toggle labels in mkdocs.yml. A text that is
missing, or empty as `translations new` writes it (the French text beside it as a
comment), is not translated yet: an error for a built language, which the build
refuses too (scripts/hooks/build_input.py); for a language not built yet, one
warning listing what is left.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.check.findings import ERROR, WARNING, Finding, found
from scripts.corpus import Corpus
from scripts.site_config import ConfigLoader

UI_FILE = "data/ui.yml"
LANGUAGE_TEXTS = ("site_name", "site_description")


@dataclass(frozen=True)
class Gap:
    """An interface text a language lacks: in which file, at which line, which text."""

    path: Path
    line: int | None
    text: str


def check(corpus: Corpus) -> Iterator[Finding]:
    source = corpus.source_language
    for language in corpus.config.languages:
        gaps = interface_gaps(corpus.root, language.locale, source)
        if not gaps:
            continue
        if language.build:
            for gap in gaps:
                yield found(corpus, "interface-text", ERROR, gap.path, gap.line,
                            f"the interface text {gap.text} has no {language.name} ('{language.locale}') text, "
                            f"and {language.name} is built (`build: true`).",
                            f"Write it in {language.name} (empty means not translated yet), or set "
                            f"`build: false` for '{language.locale}' in mkdocs.yml until it is.")
        else:
            shown = ", ".join(gap.text for gap in gaps[:5]) + (", …" if len(gaps) > 5 else "")
            yield found(corpus, "interface-text", WARNING, gaps[0].path, gaps[0].line,
                        f"{language.name} ('{language.locale}', not built yet) has {len(gaps)} interface "
                        f"text(s) still to translate: {shown}.",
                        "Translate each empty text (the French is beside it), then set `build: true`.")


def interface_gaps(root: Path, locale: str, source: str) -> list[Gap]:
    """The interface texts ``locale`` lacks (missing or empty), with where to write them."""
    gaps = []
    ui_path = root / UI_FILE
    for key, entries in _mapping(_compose(ui_path)):
        text = _item(entries, locale)
        if not _filled(text):
            gaps.append(Gap(ui_path, _line(text or key), f"`{key.value}` ({UI_FILE})"))
    if locale == source:
        return gaps  # its site name and palette are the site-wide ones
    config_path = root / "mkdocs.yml"
    config = _compose(config_path)
    entry = _language_entry(config, locale)
    for key in LANGUAGE_TEXTS:
        text = _item(entry, key)
        if not _filled(text):
            gaps.append(Gap(config_path, _line(text or entry), f"`{key}` (mkdocs.yml)"))
    wanted = len(_sequence(_item(_item(config, "theme"), "palette")))
    palette = _sequence(_item(_item(entry, "theme"), "palette"))
    for index in range(wanted):
        scheme = palette[index] if index < len(palette) else None
        label = _item(_item(scheme, "toggle"), "name")
        if not _filled(label):
            gaps.append(Gap(config_path, _line(label or scheme or entry),
                            f"palette toggle {index + 1}'s `name` (mkdocs.yml `theme.palette`)"))
    return gaps


def _compose(path: Path) -> yaml.Node | None:
    """The YAML node tree of ``path`` (lines included); None when unreadable, which the
    rules about that file (data-file, site configuration) report."""
    try:
        with path.open(encoding="utf-8") as stream:
            return yaml.compose(stream, Loader=ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


def _mapping(node) -> list[tuple[yaml.Node, yaml.Node]]:
    return node.value if isinstance(node, yaml.MappingNode) else []


def _sequence(node) -> list[yaml.Node]:
    return node.value if isinstance(node, yaml.SequenceNode) else []


def _item(node, key: str) -> yaml.Node | None:
    return next((value for name, value in _mapping(node) if name.value == key), None)


def _filled(node) -> bool:
    return isinstance(node, yaml.ScalarNode) and bool(str(node.value).strip())


def _line(node) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _language_entry(config, locale: str) -> yaml.Node | None:
    for plugin in _sequence(_item(config, "plugins")):
        for entry in _sequence(_item(_item(plugin, "i18n"), "languages")):
            text = _item(entry, "locale")
            if text is not None and text.value == locale:
                return entry
    return None
