"""``./hub check [--format text|json|github] [--fix] [FILE ...]``

Checks the whole hub (every language against the French source) and reports, by
file and line, what is missing, outdated or inconsistent. With FILEs (as a
pre-commit hook passes them) only findings about those files are reported, and,
for a French page, about its translations. With --fix, the apostrophes and French spaces the typography rule
asks for are written into the pages and data files first. Exit status: 0 no error,
1 errors, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from scripts.check.cache import cached_checks
from scripts.check.findings import page_of, reported
from scripts.check.report import FORMATS, summary
from scripts.check.typography_fix import fix
from scripts.cli import run
from scripts.corpus import load_corpus
from scripts.site_config import ConfigError


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="./hub check", description=__doc__.split("\n\n")[1])
    parser.add_argument("files", nargs="*", help="report only on these pages (any language) or records")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format")
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="the repository root, holding mkdocs.yml (default: the current folder)")
    parser.add_argument("--fix", action="store_true",
                        help="first write typographic apostrophes and French no-break spaces into every page "
                             "and data file, then check")
    return parser.parse_args(argv)


def _pages_of(files: list[str], root: Path) -> set[tuple[str, str]] | None:
    """The (language, page) pairs that ``files`` are about; None (everything) without
    files, or when a file such as mkdocs.yml or data/… concerns every page."""
    pages = set()
    for name in files:
        path = Path(name)
        if not (path if path.is_absolute() else root / path).exists():
            raise FileNotFoundError(name)
        page = page_of((path.resolve().relative_to(root.resolve()) if path.is_absolute() else path).as_posix())
        if page is None:
            return None
        pages.add(page)
    return pages or None


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    started = time.perf_counter()
    try:
        corpus = load_corpus(arguments.root, lazy=True)
        only = _pages_of(arguments.files, arguments.root)
        if arguments.fix:
            for path in fix(corpus):
                print(f"fixed the typography of {corpus.display(path)}", file=sys.stderr)
            corpus = load_corpus(arguments.root, lazy=True)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ValueError:
        print("error: the files given are not inside the repository root.", file=sys.stderr)
        return 2
    except FileNotFoundError as error:
        print(f"error: {error}: no such file (paths are relative to the repository root).", file=sys.stderr)
        return 2
    findings = cached_checks(corpus)
    if only is not None:
        findings = [f for f in findings if reported(f.file, only, corpus.source_language)]
    totals = summary(findings, len(corpus.pages), time.perf_counter() - started)
    print(FORMATS[arguments.format](findings, totals))
    return 1 if totals["errors"] else 0


if __name__ == "__main__":
    run(main)
