"""The hub's glossary (data/glossary.yml): key terms in every language."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

GLOSSARY_FILE = Path(__file__).resolve().parent.parent / "data" / "glossary.yml"


@dataclass(frozen=True)
class Term:
    """One concept, named in each language."""

    names: dict[str, str]
    confirmed: tuple[str, ...] = ()
    notes: dict[str, str] = field(default_factory=dict)


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
                names={k: v for k, v in entry.items() if k not in ("confirmed", "note")},
                confirmed=tuple(entry.get("confirmed") or ()),
                notes=entry.get("note") or {},
            )
            for entry in entries
        ]
    return sections
