"""Scaffold a new language: ``./hub translations new LANG``; or a missing page of a
language: ``./hub translations new LANG PAGE…``.

Creates docs/LANG/ with every French page marked ``untranslated: true``, adds the
language to mkdocs.yml (``build: false`` until it is translated) right after the last
language, with its site name, description and palette labels to translate, and adds
its interface text to data/ui.yml. A text to translate is written empty, marked
``# to translate``: the checker and the build count an empty text as not translated
(scripts/check/interface.py). Both YAML files only gain lines: every line already
there stays as it was.
"""

from __future__ import annotations

import io
from pathlib import Path

import yaml

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
    """Add the language's entry to mkdocs.yml after the last language, by inserting
    lines: every other line of the file stays as it was."""
    text = path.read_text(encoding="utf-8")
    root = yaml.compose(text)  # nodes only: tags such as !ENV need no constructor
    plugins = _value(root, "plugins")
    i18n = next(_value(plugin, "i18n") for plugin in plugins.value
                if isinstance(plugin, yaml.MappingNode) and _value(plugin, "i18n") is not None)
    languages = _value(i18n, "languages")
    entry = CommentedMap(locale=locale, name=name, build=False, site_name="", site_description="")
    for key in ("site_name", "site_description"):
        entry.yaml_add_eol_comment(TO_TRANSLATE, key, column=0)
    palette = CommentedSeq()
    config = round_trip_yaml().load(text)
    for scheme in (config.get("theme") or {}).get("palette") or []:
        toggle = CommentedMap(icon=scheme["toggle"]["icon"], name="")
        toggle.yaml_add_eol_comment(TO_TRANSLATE, "name", column=0)
        palette.append(CommentedMap({**scheme, "toggle": toggle}))
    if palette:
        entry["theme"] = CommentedMap(palette=palette)
    column = languages.value[-1].start_mark.column  # where the items' keys start
    lines = [" " * (column - 2) + "# Scaffolded: translate the texts below, then set build: true."]
    lines += _dumped([entry], column - 4)  # ruamel writes a list's dash 2 spaces in, its keys 4
    _insert(path, text, _end_line(languages.value[-1]), lines)


def _value(mapping: yaml.Node, key: str) -> yaml.Node | None:
    if not isinstance(mapping, yaml.MappingNode):
        return None
    return next((value for name, value in mapping.value if name.value == key), None)


def _end_line(node: yaml.Node) -> int:
    """The index of the line after ``node``'s last value (comments and blank lines
    after it stay after it)."""
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value and not node.flow_style:
        node = node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1]
    return node.end_mark.line + (1 if node.end_mark.column else 0)


def _dumped(value, indent: int) -> list[str]:
    """``value`` as YAML lines (comments kept), indented by ``indent`` spaces."""
    stream = io.StringIO()
    round_trip_yaml().dump(value, stream)
    return [" " * indent + line if line else line for line in stream.getvalue().rstrip("\n").split("\n")]


def _insert(path: Path, text: str, at: int, lines: list[str]) -> None:
    old = text.split("\n")
    path.write_text("\n".join(old[:at] + lines + old[at:]), encoding="utf-8")


def _add_interface_text(path: Path, locale: str) -> None:
    """Add an empty ``LANG:`` text, marked to translate, under every entry of
    data/ui.yml, by inserting one line after each entry's last language."""
    text = path.read_text(encoding="utf-8")
    root = yaml.compose(text)  # nodes only: tags such as !ENV need no constructor
    insertions = []
    for _, entries in root.value:
        last_key, _ = entries.value[-1]
        insertions.append((_end_line(entries.value[-1][1]),
                           " " * last_key.start_mark.column + f"{locale}: '' # {TO_TRANSLATE}"))
    lines = text.split("\n")
    for at, line in sorted(insertions, reverse=True):
        lines.insert(at, line)
    path.write_text("\n".join(lines), encoding="utf-8")
