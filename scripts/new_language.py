"""Scaffold a new language: ``./hub translations new LANG``; or a missing page of a
language: ``./hub translations new LANG PAGE…``.

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
from scripts.pages import Page
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
        raise UsageError(f"'{locale}' is already a language of mkdocs.yml; to scaffold one of its missing "
                         f"pages, name it: `./hub translations new {locale} code-of-conduct.md`.")
    folder = corpus.config.docs_dir / locale
    if folder.exists():
        raise UsageError(f"{corpus.display(folder)} already exists; move it away or add the language by hand.")
    for rel, page in corpus.source_pages.items():
        _scaffold_page(page, folder / rel)
    _add_to_config(corpus.root / "mkdocs.yml", locale, name)
    _add_interface_text(corpus.root / "data" / "ui.yml", locale)
    return [
        f"Created {corpus.display(folder)}/ with {len(corpus.source_pages)} pages marked `untranslated: true`.",
        f"Added '{locale}' ({name}) to mkdocs.yml with `build: false`, and its interface text to data/ui.yml,",
        f"each text to translate empty and marked `# {TO_TRANSLATE}`.",
        "Next:",
        f"  1. translate each page of {corpus.display(folder)}/, remove `untranslated: true`, then run",
        f"     ./hub translations sync {locale} PAGE",
        f"  2. write its `site_name`, `site_description` and palette labels in mkdocs.yml (the menu takes the pages' titles), its",
        f"     entries in data/ui.yml, and add a `{locale}:` name to each term of data/glossary.yml;",
        "  3. set `build: true` and run `./hub check` (the build refuses a language",
        "     whose interface text is not translated).",
    ]


def scaffold_pages(corpus: Corpus, locale: str, pages: list[str]) -> list[str]:
    """Create the missing pages ``pages`` of the existing language ``locale``, each the
    French page marked ``untranslated: true``; the lines returned say what was done."""
    if locale not in corpus.config.translations:
        raise UsageError(f"'{locale}' is not a translation in mkdocs.yml; `./hub translations new {locale}` "
                         "(without pages) adds the language.")
    done = []
    for rel in pages:
        rel = rel.removeprefix(f"docs/{locale}/").removeprefix(f"docs/{corpus.source_language}/")
        source = corpus.page(corpus.source_language, rel)
        if source is None:
            raise UsageError(f"there is no French page docs/{corpus.source_language}/{rel}; give the page's "
                             "path inside its language folder, e.g. code-of-conduct.md.")
        target = corpus.page_path(locale, rel)
        if target.exists():
            raise UsageError(f"{corpus.display(target)} already exists; translate it where it is.")
        _scaffold_page(source, target)
        done.append(f"Created {corpus.display(target)} from {corpus.display(source.path)}, marked "
                    f"`untranslated: true`: translate it, remove that line, then run "
                    f"`./hub translations sync {locale} {rel}`.")
    return done


def _scaffold_page(source: Page, target: Path) -> None:
    """Write the French page ``source`` to ``target``, marked ``untranslated: true``."""
    if source.problems:
        raise UsageError(f"{source.problems[0]} Fix the French page before scaffolding.")
    text = source.path.read_text(encoding="utf-8-sig")
    opening, _, rest = text.partition("\n")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"{opening}\nuntranslated: true\n{rest}" if opening == "---"
                      else f"---\nuntranslated: true\n---\n\n{text}", encoding="utf-8")


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
