"""Render the glossary data into the glossary page, in the reader's language.

A line ``<!-- glossary: SECTION -->`` in a page becomes the table of that section
of data/glossary.yml: one column per language (the reader's first) and a note. Each
cell also names its column (hidden on wide screens), for the stacked layout phones
get (docs/assets/hub.css). Each term's first cell carries the term's ID
(``term-redevabilite``, the same in every language), and the table is left out of the page's search entries: search gives one
entry per term instead (search_per_language.py).
"""

from __future__ import annotations

from scripts.glossary import MARKER, glossary, marked_section
from scripts.hooks.i18n_state import all_locales, building_locale, default_locale
from scripts.ui_text import ui


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    reader = building_locale(config)
    columns = [reader] + [loc for loc in all_locales(config) if loc != reader]
    names = {lang.locale: lang.name for lang in config.plugins["i18n"].config.languages}
    source = default_locale(config)
    lines = []
    for line in markdown.splitlines():
        section_id = marked_section(line)
        if section_id is not None:
            lines.extend(_table(section_id, columns, names, reader, source))
        else:
            lines.append(line)
    return "\n".join(lines)


def _table(section_id, columns, names, reader, source):
    terms = glossary().get(section_id)
    if terms is None:
        raise KeyError(f"data/glossary.yml has no section '{section_id}' "
                       f"(used by a `{MARKER}{section_id} -->` line); add it or fix the line.")
    header = [names[loc] for loc in columns] + [ui("glossary_note", reader)]
    rows = ['<div class="hub-glossary" data-search-exclude markdown>', "",
            "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for term in terms:
        cells = []
        for loc in columns:
            name = term.names.get(loc, "—")
            if loc != source and loc not in term.confirmed and loc in term.names:
                name += f" <small>({ui('glossary_usual', reader)})</small>"
            anchor = f' id="{term.anchor(source)}"' if loc == reader else ""
            cells.append(f'{_label(names[loc])}<span lang="{loc}"{anchor}>{name}</span>')
        note = term.notes.get(reader, "")
        cells.append(f"{_label(header[-1])}{note}" if note else "")
        rows.append("| " + " | ".join(cells) + " |")
    return rows + ["", "</div>"]


def _label(column: str) -> str:
    return f'<span class="hub-glossary__label">{column}</span> '

