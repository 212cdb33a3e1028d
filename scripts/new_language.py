"""Scaffold a new language: ``python -m scripts.translations new LANG``.

Creates docs/LANG/ with every French page marked ``untranslated: true``, adds the
language to mkdocs.yml (``build: false`` until it is translated) right after the last
language, with its site name, description and palette labels to translate, and adds
its interface text to data/ui.yml. A text to translate is written empty, marked
``# to translate``: the checker and the build count an empty text as not translated
(scripts/check/interface.py). Comments and layout of both YAML files are kept where
they were (ruamel.yaml round trip).
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale, UnknownLocaleError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from scripts.corpus import Corpus
from scripts.site_config import UsageError


def round_trip_yaml() -> YAML:
    """A ruamel.yaml round trip that keeps comments, quotes, tags and indentation."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def scaffold(corpus: Corpus, locale: str) -> list[str]:
    """Create the new language; the lines returned say what was done and what is next."""
    try:
        name = Locale.parse(locale).get_display_name(locale).capitalize()
    except (UnknownLocaleError, ValueError):
        raise UsageError(f"'{locale}' is not a language code Babel knows; use e.g. pt, ar or pt_BR.") from None
    if locale in corpus.config.locales:
        raise UsageError(f"'{locale}' is already a language of mkdocs.yml.")
    folder = corpus.config.docs_dir / locale
    if folder.exists():
        raise UsageError(f"{corpus.display(folder)} already exists; move it away or add the language by hand.")
    for rel, page in corpus.source_pages.items():
        if page.problems:
            raise UsageError(f"{page.problems[0]} Fix the French page before scaffolding.")
        text = page.path.read_text(encoding="utf-8-sig")
        opening, _, rest = text.partition("\n")
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"{opening}\nuntranslated: true\n{rest}" if opening == "---"
                          else f"---\nuntranslated: true\n---\n\n{text}", encoding="utf-8")
    _add_to_config(corpus.root / "mkdocs.yml", locale, name)
    _add_interface_text(corpus.root / "data" / "ui.yml", locale)
    return [
        f"Created {corpus.display(folder)}/ with {len(corpus.source_pages)} pages marked `untranslated: true`.",
        f"Added '{locale}' ({name}) to mkdocs.yml with `build: false`, and its interface text to data/ui.yml,",
        f"each text to translate empty and marked `# {TO_TRANSLATE}`.",
        "Next:",
        f"  1. translate each page of {corpus.display(folder)}/, remove `untranslated: true`, then run",
        f"     python -m scripts.translations sync {locale} PAGE",
        f"  2. write its `site_name`, `site_description` and palette labels in mkdocs.yml (the menu takes the pages' titles), its",
        f"     entries in data/ui.yml, and add a `{locale}:` name to each term of data/glossary.yml;",
        "  3. set `build: true` and run `python -m scripts.check` (the build refuses a language",
        "     whose interface text is not translated).",
    ]


TO_TRANSLATE = "to translate"


def _add_to_config(path: Path, locale: str, name: str) -> None:
    yaml = round_trip_yaml()
    config = yaml.load(path)
    i18n = next(plugin["i18n"] for plugin in config["plugins"]
                if isinstance(plugin, dict) and "i18n" in plugin)
    entry = CommentedMap(locale=locale, name=name, build=False, site_name="", site_description="")
    for key in ("site_name", "site_description"):
        entry.yaml_add_eol_comment(TO_TRANSLATE, key, column=0)
    palette = CommentedSeq()
    for scheme in (config.get("theme") or {}).get("palette") or []:
        toggle = CommentedMap(icon=scheme["toggle"]["icon"], name="")
        toggle.yaml_add_eol_comment(TO_TRANSLATE, "name", column=0)
        palette.append(CommentedMap({**scheme, "toggle": toggle}))
    if palette:
        entry["theme"] = CommentedMap(palette=palette)
    entry.yaml_set_start_comment("Scaffolded: translate the texts below, then set build: true.", indent=8)
    languages = i18n["languages"]
    trailing = _take_trailing_comment(languages)  # what follows the list (the next plugin's comment)
    languages.append(entry)
    if trailing is not None:
        _put_trailing_comment(languages, trailing)
    yaml.dump(config, path)


def _innermost_last(node) -> tuple[CommentedMap | CommentedSeq, object] | None:
    """The container and key of the last scalar inside ``node``: where ruamel keeps
    a comment written after it."""
    found = None
    while isinstance(node, (CommentedMap, CommentedSeq)) and len(node):
        key = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        found, node = (node, key), node[key]
    return found


def _slot(container) -> int:
    return 2 if isinstance(container, CommentedMap) else 0


def _take_trailing_comment(node):
    last = _innermost_last(node)
    if last is None:
        return None
    container, key = last
    comments = container.ca.items.get(key)
    if not comments or comments[_slot(container)] is None:
        return None
    token, comments[_slot(container)] = comments[_slot(container)], None
    return token


def _put_trailing_comment(node, token) -> None:
    """Put back, after the new last scalar of ``node``, a comment taken from the old one
    (after the new scalar's own end-of-line comment, if it has one)."""
    container, key = _innermost_last(node)
    comments = container.ca.items.setdefault(key, [None, None, None, None])
    own = comments[_slot(container)]
    if own is not None:
        token.value = own.value.rstrip("\n") + token.value
    comments[_slot(container)] = token


def _add_interface_text(path: Path, locale: str) -> None:
    yaml = round_trip_yaml()
    texts = yaml.load(path)
    for entries in texts.values():
        trailing = _take_trailing_comment(entries)
        entries[locale] = ""
        entries.yaml_add_eol_comment(TO_TRANSLATE, locale, column=0)
        if trailing is not None:
            _put_trailing_comment(entries, trailing)
    yaml.dump(texts, path)
