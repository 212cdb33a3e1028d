"""Search answers in the reader's language only.

mkdocs-static-i18n merges every language into one ``search/search_index.json``.
After the build, this hook splits it into one index per language
(``search/`` for French, ``en/search/``, ``es/search/``), each with its own lunr
stemmer, and points each page's search at its language's index by setting the
``base`` Material's search reads to the language root. A reader also downloads
a third of the index. In the offline bundle, which reads each index as a script
(``search_index.js``, as Material's offline plugin writes for one merged index),
each language gets its own script too.

The glossary's tables are left out of their page's entries (glossary_tables.py):
instead, each term gets its own entry, linked to its row (``glossary/#term-…``): the
term in the reader's language as title, its other names and its note as text.
Each index's ``config.variants`` gives the search worker the glossary's words for one
idea in its language (``[["youth", "young people"], …]``: a term's name, then its
``variants``), so that a query for one finds the others.
Searching (accents, inflections, stop words, ranking) is search_normalise.py's.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from scripts.glossary import glossary, marked_section
from scripts.hooks.i18n_state import (all_locales, building_locale, default_locale, i18n_plugin,
                                      language_root, offline_enabled)

INDEX = Path("search") / "search_index.json"
# A glossary term's entry weighs a tenth of a document's: a reader looking for words
# finds the documents that use them first, the glossary's definition after them.
GLOSSARY_TERM_BOOST = 0.1
# The entries of glossary terms, after the entry of their section: {"glossary/#key-terms": [...]}
_term_entries: dict[str, list[dict]] = {}


def on_pre_build(config):
    if not i18n_plugin(config).building:
        _term_entries.clear()


def on_page_context(context, page, config, nav):
    locale, default = building_locale(config), default_locale(config)
    root = language_root(locale, default)
    if root:
        context["base_url"] = get_relative_url(root, page.url)
    anchors = {}
    for line in page.file.content_string.splitlines():
        section_id = marked_section(line)
        if section_id is not None:
            for term in glossary()[section_id]:
                other = anchors.setdefault(term.anchor(default), term)
                if other is not term:
                    raise PluginError(
                        f"data/glossary.yml: “{other.names[default]}” and “{term.names[default]}” "
                        f"both get the ID {term.anchor(default)} on docs/{page.file.src_uri}; "
                        f"rename one of them.")
            _term_entries[f"{page.url}#{section_id}"] = [
                _term_entry(term, page.url, locale, default) for term in glossary()[section_id]]
    return context


def _term_entry(term, page_url, locale, default) -> dict:
    others = [*term.variants.get(locale, ()), *(term.names[loc] for loc in term.names if loc != locale)]
    text = " · ".join(others) + (f" — {term.notes[locale]}" if term.notes.get(locale) else "")
    return {"location": f"{page_url}#{term.anchor(default)}",
            "title": escape(term.names.get(locale, term.names[default]), quote=False),
            "text": f"<p>{escape(text, quote=False)}</p>", "boost": GLOSSARY_TERM_BOOST}


@event_priority(-110)  # after mkdocs-static-i18n (-100) has written the merged index
def on_post_build(config):
    merged_path = Path(config.site_dir) / INDEX
    if not merged_path.exists():
        return
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    default = default_locale(config)
    others = [loc for loc in all_locales(config) if loc != default]
    per_language = {loc: [] for loc in all_locales(config)}
    for entry in _with_term_entries(merged["docs"]):
        locale = next((loc for loc in others if entry["location"].startswith(f"{loc}/")), default)
        entry = dict(entry, location=entry["location"][len(language_root(locale, default)):])
        per_language[locale].append(entry)
    for locale, docs in per_language.items():
        settings = {**merged["config"], "lang": [locale], "variants": variants(locale, default)}
        index = {**merged, "config": settings, "docs": docs}
        path = Path(config.site_dir) / language_root(locale, default) / INDEX
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        path.write_text(text, encoding="utf-8")
        if offline_enabled(config):
            path.with_suffix(".js").write_text(f"var __index = {text}", encoding="utf-8")


def variants(locale: str, default: str) -> list[list[str]]:
    """The glossary's words for one idea in ``locale``: each term with variants there,
    its name (the source language's if it has none) and then those variants."""
    return [[term.names.get(locale, term.names[default]), *term.variants[locale]]
            for terms in glossary().values() for term in terms if term.variants.get(locale)]


def _with_term_entries(docs):
    for entry in docs:
        yield entry
        yield from _term_entries.get(entry["location"], [])
