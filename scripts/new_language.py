"""Scaffold a new language: ``python -m scripts.translations new LANG``.

Creates docs/LANG/ with every French page marked ``untranslated: true``, adds the
language to mkdocs.yml (``build: false`` until it is translated) with its site name
to translate, and adds its interface text to data/ui.yml. Comments and layout
of both YAML files are kept (ruamel.yaml round trip).
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale, UnknownLocaleError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

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
    source = corpus.source_language
    for rel, page in corpus.source_pages.items():
        if page.problems:
            raise UsageError(f"{page.problems[0]} Fix the French page before scaffolding.")
        text = page.path.read_text(encoding="utf-8-sig")
        opening, _, rest = text.partition("\n")
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"{opening}\nuntranslated: true\n{rest}" if opening == "---"
                          else f"---\nuntranslated: true\n---\n\n{text}", encoding="utf-8")
    _add_to_config(corpus.root / "mkdocs.yml", locale, name, source)
    _add_interface_text(corpus.root / "data" / "ui.yml", locale, source)
    return [
        f"Created {corpus.display(folder)}/ with {len(corpus.source_pages)} pages marked `untranslated: true`.",
        f"Added '{locale}' ({name}) to mkdocs.yml with `build: false`, and its interface text to data/ui.yml.",
        "Next:",
        f"  1. translate each page of {corpus.display(folder)}/, remove `untranslated: true`, then run",
        f"     python -m scripts.translations sync {locale} PAGE",
        f"  2. translate its `site_name` and `site_description` in mkdocs.yml (the menu takes the pages' titles),",
        f"     its entries in data/ui.yml and add a `{locale}:` name to each term of data/glossary.yml;",
        "  3. set `build: true` and run `python -m scripts.check`.",
    ]


def _add_to_config(path: Path, locale: str, name: str, source: str) -> None:
    yaml = round_trip_yaml()
    config = yaml.load(path)
    i18n = next(plugin["i18n"] for plugin in config["plugins"]
                if isinstance(plugin, dict) and "i18n" in plugin)
    french = next(entry for entry in i18n["languages"] if entry["locale"] == source)
    entry = CommentedMap(locale=locale, name=name, build=False,
                         site_name=french.get("site_name", config.get("site_name")),
                         site_description=french.get("site_description", config.get("site_description")))
    entry.yaml_set_start_comment("Scaffolded: translate the names below, then set build: true.", indent=8)
    i18n["languages"].append(entry)
    yaml.dump(config, path)


def _add_interface_text(path: Path, locale: str, source: str) -> None:
    yaml = round_trip_yaml()
    texts = yaml.load(path)
    for entries in texts.values():
        entries[locale] = entries[source]
    yaml.dump(texts, path)
