"""``./hub staged_check``: the commit hook's check (.githooks/pre-commit).

It checks exactly what is staged: the staged version of the hub's pages, records and
configuration is exported from git's index into a temporary folder (``git
checkout-index``), and the consistency checker reports on the staged files there. An
unstaged edit, right or wrong, changes nothing. Exit status: the checker's (0: the
commit goes ahead; 1: it is stopped, with each error's file, line and what to do).
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
            return check(["--root", copy, *files])
    except subprocess.CalledProcessError as error:
        print(f"error: {' '.join(error.cmd)} failed: {error.stderr.decode(errors='replace').strip()}",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
