"""The date a handout's content was last changed, printed on its cover.

A page's front matter ``date`` wins; otherwise the date of the last git commit that
changed its Markdown file; outside a git checkout (or for a file never committed),
the file's modification time.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def content_date(path: Path, meta: dict) -> dt.date:
    """When the page at ``path`` (with front matter ``meta``) last changed."""
    declared = meta.get("date")
    if isinstance(declared, dt.datetime):
        return declared.date()
    if isinstance(declared, dt.date):
        return declared
    committed = _last_commit_date(path)
    return committed or dt.date.fromtimestamp(path.stat().st_mtime)


def _last_commit_date(path: Path) -> dt.date | None:
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%cs", "--", path.name],
                                cwd=path.parent, capture_output=True, text=True, check=False)
    except OSError:  # no git on this machine
        return None
    if result.returncode != 0 or not result.stdout.strip():
        return None
    changed = subprocess.run(["git", "status", "--porcelain", "--", path.name],
                             cwd=path.parent, capture_output=True, text=True, check=False)
    if changed.stdout.strip():  # edited since that commit: the edit is newer
        return None
    return dt.date.fromisoformat(result.stdout.strip())
