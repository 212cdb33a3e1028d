"""When git last saw a file change: mkdocs-git-revision-date-localized-plugin's git
util (pinned in requirements.txt; its page dates themselves are not shown, so the
plugin is not in mkdocs.yml), asked once per file and per commit HEAD is at.

Not a hook: its answers outlive the rebuilds of `mkdocs serve`, whose hooks are loaded
again each time, so an edit asks git nothing; a commit moves HEAD and asks again.
"""

from __future__ import annotations

from functools import cache

from mkdocs_git_revision_date_localized_plugin.util import Util

# The plugin's options, as its documentation names them: follow renames; no date rather
# than a wrong one is decided by scripts/hooks/page_dates.py.
OPTIONS = {"fallback_to_build_date": True, "strict": False, "enable_git_follow": True}
_known: dict[tuple[str, str], tuple[str, str | int]] = {}


@cache
def _util(root: str) -> Util:
    return Util(config=OPTIONS, mkdocs_dir=root)


def head(root) -> str:
    """The commit HEAD is at in the repository at ``root`` ("" outside git)."""
    return _util(str(root)).get_head_commit(str(root))


def last_commit(root, at: str, path) -> tuple[str, str | int]:
    """(commit, timestamp) of the last commit that changed ``path`` in the repository at
    ``root``, with HEAD at ``at`` (no commit: a file git does not know)."""
    key = (at, str(path))
    if key not in _known:
        _known[key] = _util(str(root)).get_git_commit_timestamp(str(path))
    return _known[key]
