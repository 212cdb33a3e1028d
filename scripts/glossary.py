"""The hub's glossary (data/glossary.yml): key terms in every language."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify

GLOSSARY_FILE = Path(__file__).resolve().parent.parent / "data" / "glossary.yml"


@dataclass(frozen=True)
class Term:
    """One concept, named in each language."""

    names: dict[str, str]
    confirmed: tuple[str, ...] = ()
    notes: dict[str, str] = field(default_factory=dict)  # for readers
    translator_notes: dict[str, str] = field(default_factory=dict)  # for translators only
    # Other words a language uses for the same idea ("young people" for "youth"):
    # search finds each by any of them (search_per_language.py).
    variants: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def anchor(self, source: str) -> str:
        """The term's ID on the glossary page, the same in every language
        (``term-redevabilite``): from its name in the source language."""
        return "term-" + slugify(self.names[source], "-")


MARKER = "<!-- glossary: "
# Where the contributors' page lists the notes for translators.
NOTES_MARKER = "<!-- glossary-notes -->"


def marked_section(line: str) -> str | None:
    """The glossary section a page's line ``<!-- glossary: SECTION -->`` asks for, if any."""
    stripped = line.strip()
    if stripped.startswith(MARKER) and stripped.endswith("-->"):
        return stripped[len(MARKER):-3].strip()
    return None


def glossary(path: Path = GLOSSARY_FILE) -> dict[str, list[Term]]:
    """The glossary's sections, as ``{section id: [Term, ...]}``: read again whenever
    the file changed, so that `mkdocs serve` shows an edit at its next rebuild."""
    return _read(path, path.stat().st_mtime_ns)


@cache
def _read(path: Path, version: int) -> dict[str, list[Term]]:
    with path.open(encoding="utf-8") as stream:
        raw = yaml.safe_load(stream)
    sections = {}
    for section_id, entries in raw["sections"].items():
        sections[section_id] = [
            Term(
                names={k: v for k, v in entry.items()
                       if k not in ("confirmed", "note", "translator_note", "variants")},
                confirmed=tuple(entry.get("confirmed") or ()),
                notes=entry.get("note") or {},
                translator_notes=entry.get("translator_note") or {},
                variants={k: (v,) if isinstance(v, str) else tuple(v)
                          for k, v in (entry.get("variants") or {}).items()},
            )
            for entry in entries
        ]
    return sections
