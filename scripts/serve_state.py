"""What `mkdocs serve` saw at its previous build, kept outside the hooks (which it
reloads at each rebuild)."""

from __future__ import annotations

from pathlib import Path

_pages: dict[Path, dict] = {}


def previous_pages(root: Path, now: dict) -> dict | None:
    """The page digests of the previous build of ``root`` (None at the first), ``now``
    kept for the next."""
    before = _pages.get(root)
    _pages[root] = now
    return before
