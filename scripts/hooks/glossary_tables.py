"""Render the glossary data into the glossary page, in the reader's language.

A line ``<!-- glossary: SECTION -->`` in a page becomes the table of that section
of data/glossary.yml: one column per language (the reader's first) and a note.
Each cell also names its column (hidden on wide screens), for the stacked layout
phones get (docs/assets/hub.css).
"""

from __future__ import annotations

from scripts.glossary import glossary
from scripts.hooks.i18n_state import all_locales, building_locale, default_locale
from scripts.ui_text import ui

MARKER = "<!-- glossary: "


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    reader = building_locale(config)
    columns = [reader] + [loc for loc in all_locales(config) if loc != reader]
    names = {lang.locale: lang.name for lang in config.plugins["i18n"].config.languages}
    source = default_locale(config)
    lines = []
    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith(MARKER) and stripped.endswith("-->"):
            section_id = stripped[len(MARKER):-3].strip()
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
    rows = ['<div class="hub-glossary" markdown>', "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for term in terms:
        cells = []
        for loc in columns:
            name = term.names.get(loc, "—")
            if loc != source and loc not in term.confirmed and loc in term.names:
                name += f" <small>({ui('glossary_usual', reader)})</small>"
            cells.append(f'{_label(names[loc])}<span lang="{loc}">{name}</span>')
        note = term.notes.get(reader, "")
        cells.append(f"{_label(header[-1])}{note}" if note else "")
        rows.append("| " + " | ".join(cells) + " |")
    return rows + ["", "</div>"]


def _label(column: str) -> str:
    return f'<span class="hub-glossary__label">{column}</span> '

