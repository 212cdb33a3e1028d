"""Navigation titles: every French title of mkdocs.yml's nav translated for each language."""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from scripts.check.findings import ERROR, WARNING, Finding, found
from scripts.corpus import Corpus
from scripts.site_config import ConfigLoader


def _language_nodes(corpus: Corpus) -> dict[str, yaml.MappingNode]:
    """Each language entry of the i18n plugin in mkdocs.yml, as a YAML node with lines."""
    with (corpus.root / "mkdocs.yml").open(encoding="utf-8") as stream:
        root = yaml.compose(stream, Loader=ConfigLoader)
    entries = {}
    for plugin in _value(root, "plugins").value:
        i18n = _value(plugin, "i18n") if isinstance(plugin, yaml.MappingNode) else None
        for entry in _value(i18n, "languages").value if i18n else ():
            locale = _value(entry, "locale")
            if locale is not None:
                entries[locale.value] = entry
    return entries


def _item(node, key: str) -> tuple[yaml.Node, yaml.Node] | tuple[None, None]:
    """The (key node, value node) of ``key`` in a YAML mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return None, None
    return next(((name, value) for name, value in node.value if name.value == key), (None, None))


def _value(node, key: str):
    return _item(node, key)[1]


def check(corpus: Corpus) -> Iterator[Finding]:
    path = corpus.root / "mkdocs.yml"
    titles = [title for title, _ in corpus.config.nav]
    nodes = _language_nodes(corpus)
    for locale in set(corpus.config.translations) & set(corpus.config.built_locales):
        entry = nodes.get(locale)
        key, translations = _item(entry, "nav_translations")
        given = {name.value: (value.value, name.start_mark.line + 1)
                 for name, value in (translations.value if translations else [])}
        line = (key or entry).start_mark.line + 1 if entry else None
        for title in titles:
            if title not in given:
                yield found(corpus, "nav-title", ERROR, path, line,
                            f"the navigation title “{title}” has no '{locale}' translation.",
                            f"Add `{title}: …` under `nav_translations` of the '{locale}' language.")
        for title, (_, title_line) in given.items():
            if title not in titles:
                yield found(corpus, "nav-title", WARNING, path, title_line,
                            f"'{locale}' translates “{title}”, which is not a title of the nav.",
                            "Remove it, or correct it to the French title in `nav`.")
