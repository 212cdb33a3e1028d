"""Interface text added by the hub's hooks and templates (data/ui.yml), per language."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

UI_FILE = Path(__file__).resolve().parent.parent / "data" / "ui.yml"


def ui_text() -> dict[str, dict[str, str]]:
    """All interface strings, as ``{key: {locale: text}}``: read again whenever the file
    changed, so that `mkdocs serve` shows an edit at its next rebuild."""
    return _read(UI_FILE, UI_FILE.stat().st_mtime_ns)


@cache
def _read(path: Path, version: int) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def ui(key: str, locale: str) -> str:
    """The interface string ``key`` in ``locale``; a missing entry is a KeyError naming both."""
    try:
        return ui_text()[key][locale]
    except KeyError:
        raise KeyError(f"data/ui.yml has no '{key}' text for language '{locale}'; add it.") from None
