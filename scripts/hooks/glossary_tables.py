"""Render the glossary data into the glossary page, in the reader's language.

A line ``<!-- glossary: SECTION -->`` in a page becomes the table of that section
of data/glossary.yml: one column per language (the reader's first) and, when a term
of the section has one, the readers' note. A term not confirmed in a language carries a
marker (``*``), explained once, above the page's first table. Each cell also names its
column (hidden on wide screens), for the stacked layout phones get
(docs/assets/hub.css). Each term's first cell carries the term's ID
(``term-redevabilite``, the same in every language), and the table is left out of the
page's search entries: search gives one entry per term instead (search_per_language.py).

The line ``<!-- glossary-notes -->`` (the contributors' page) becomes the table of the
terms that have a note for translators, with that note.
"""

from __future__ import annotations

from scripts.glossary import MARKER, NOTES_MARKER, glossary, marked_section
from scripts.hooks.i18n_state import all_locales, building_locale, default_locale
from scripts.ui_text import ui

USUAL_MARK = "*"


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown and NOTES_MARKER not in markdown:
        return markdown
    reader = building_locale(config)
    columns = [reader] + [loc for loc in all_locales(config) if loc != reader]
    names = {lang.locale: lang.name for lang in config.plugins["i18n"].config.languages}
    source = default_locale(config)
    lines, legend = [], True
    for line in markdown.splitlines():
        section_id = marked_section(line)
        if section_id is not None:
            if legend:
                lines.extend(_legend(reader))
                legend = False
            lines.extend(_table(_section(section_id), columns, names, reader, source, "notes"))
        elif line.strip() == NOTES_MARKER:
            noted = [term for terms in glossary().values() for term in terms if term.translator_notes.get(reader)]
            lines.extend(_table(noted, columns, names, reader, source, "translator_notes", anchors=False))
        else:
            lines.append(line)
    return "\n".join(lines)


def _section(section_id):
    terms = glossary().get(section_id)
    if terms is None:
        raise KeyError(f"data/glossary.yml has no section '{section_id}' "
                       f"(used by a `{MARKER}{section_id} -->` line); add it or fix the line.")
    return terms


def _legend(reader):
    return [f'<p class="hub-glossary__legend" data-search-exclude><span aria-hidden="true">{USUAL_MARK}</span> '
            f'{ui("glossary_usual", reader)}</p>', ""]


def _table(terms, columns, names, reader, source, notes, anchors=True):
    """The terms' table; the note column (``notes`` or ``translator_notes``) only when
    one of them has a note in the reader's language."""
    with_notes = any(getattr(term, notes).get(reader) for term in terms)
    header = [names[loc] for loc in columns] + [ui("glossary_note", reader)] * with_notes
    rows = ['<div class="hub-glossary" data-search-exclude markdown>', "",
            "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for term in terms:
        cells = []
        for loc in columns:
            name = term.names.get(loc, "—")
            if loc != source and loc not in term.confirmed and loc in term.names:
                name += (f'<span class="hub-glossary__usual"><span aria-hidden="true">{USUAL_MARK}</span>'
                         f'<span class="hub-visually-hidden"> ({ui("glossary_usual", reader)})</span></span>')
            anchor = f' id="{term.anchor(source)}"' if anchors and loc == reader else ""
            cells.append(f'{_label(names[loc])}<span lang="{loc}"{anchor}>{name}</span>')
        if with_notes:
            note = getattr(term, notes).get(reader, "")
            cells.append(f"{_label(header[-1])}{note}" if note else "")
        rows.append("| " + " | ".join(cells) + " |")
    return rows + ["", "</div>"]


def _label(column: str) -> str:
    return f'<span class="hub-glossary__label">{column}</span> '
