"""``./hub staged_check``: the commit hook's check (.githooks/pre-commit).

It checks exactly what is staged: the staged version of the hub's pages, records and
configuration is exported from git's index into a temporary folder (``git
checkout-index``), and the consistency checker reports on the staged files there. An
unstaged edit, right or wrong, changes nothing; when the commit is stopped, the last
line names the files whose unstaged changes were not checked. Exit status: the
checker's (0: the commit goes ahead; 1: it is stopped, with each
error's file, line and what to do).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from scripts.check.__main__ import main as check

CHECKED = ("mkdocs.yml", "docs", "data", "translations")  # what the checker reads
STAGED = ("docs/*.md", "translations/*.yml", "mkdocs.yml", "data/*.yml")  # what it reports on


def _git(*arguments: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(["git", *arguments], input=stdin, capture_output=True, check=True).stdout


def main() -> int:
    try:
        top = Path(_git("rev-parse", "--show-toplevel").decode().strip())
        staged = _git("-C", str(top), "diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z", "--", *STAGED)
        files = [name for name in staged.decode().split("\0") if name]
        if not files:
            return 0
        with tempfile.TemporaryDirectory(prefix="hub-staged-") as copy:
            listed = _git("-C", str(top), "ls-files", "-z", "--", *CHECKED)
            _git("-C", str(top), "checkout-index", "-z", "--stdin", f"--prefix={copy}/", stdin=listed)
            print(f"Checking the staged version of {len(files)} file(s) (unstaged edits are not seen):",
                  file=sys.stderr)
            code = check(["--root", copy, *files])
        if code == 1:
            sys.stdout.flush()
            print(_stopped(top), file=sys.stderr)
        return code
    except subprocess.CalledProcessError as error:
        print(f"error: {' '.join(error.cmd)} failed: {error.stderr.decode(errors='replace').strip()}",
              file=sys.stderr)
        return 2


def _stopped(top: Path) -> str:
    """The hook's last line when it stops the commit, naming the files with unstaged changes."""
    unstaged = [name for name in _git("-C", str(top), "diff", "--name-only", "-z", "--", *CHECKED)
                .decode().split("\0") if name]
    if not unstaged:
        return "commit stopped: fix the errors above, `git add` the fixes, and commit again."
    names = ", ".join(unstaged)
    have, them = ("has", "it") if len(unstaged) == 1 else ("have", "them")
    return f"commit stopped; {names} {have} unstaged changes that were not checked: `git add` {them} if they fix this."


if __name__ == "__main__":
    sys.exit(main())
