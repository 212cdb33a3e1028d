"""Navigation titles: the menu takes each page's own front-matter `title`, in its
language, so mkdocs.yml names no title (no `Title: page.md` in the nav, no
`nav_translations`) that could drift from the page's."""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from scripts.check.findings import ERROR, Finding, found
from scripts.corpus import Corpus
from scripts.site_config import ConfigLoader


def _item(node, key: str) -> tuple[yaml.Node, yaml.Node] | tuple[None, None]:
    """The (key node, value node) of ``key`` in a YAML mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return None, None
    return next(((name, value) for name, value in node.value if name.value == key), (None, None))


def _sequence(node, key: str) -> list:
    value = _item(node, key)[1]
    return value.value if isinstance(value, yaml.SequenceNode) else []


def check(corpus: Corpus) -> Iterator[Finding]:
    path = corpus.root / "mkdocs.yml"
    with path.open(encoding="utf-8") as stream:
        root = yaml.compose(stream, Loader=ConfigLoader)
    for entry in _sequence(root, "nav"):
        if isinstance(entry, yaml.MappingNode) and entry.value:
            title, page = entry.value[0]
            yield found(corpus, "nav-title", ERROR, path, title.start_mark.line + 1,
                        f"the nav gives “{page.value}” the title “{title.value}”; the menu takes "
                        "each page's own title, in each language.",
                        f"Write `- {page.value}` and set the title in the page's front matter "
                        "(`title:`) in every language.")
    for plugin in _sequence(root, "plugins"):
        for language in _sequence(_item(plugin, "i18n")[1], "languages"):
            key, _ = _item(language, "nav_translations")
            if key is not None:
                locale = _item(language, "locale")[1]
                yield found(corpus, "nav-title", ERROR, path, key.start_mark.line + 1,
                            f"'{locale.value if locale else '?'}' has `nav_translations`; the menu takes "
                            "each page's own title from its front matter in that language.",
                            "Remove `nav_translations` and give each page its `title` in that language.")
