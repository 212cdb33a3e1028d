"""``python -m scripts.check [--format text|json|github] [FILE ...]``

Checks the whole hub (every language against the French source) and reports, by
file and line, what is missing, outdated or inconsistent. With FILEs (as a
pre-commit hook passes them) only findings about those pages, in every language,
are reported. Exit status: 0 no error, 1 errors, 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path, PurePosixPath

from scripts.check.report import FORMATS, summary
from scripts.check.run import run_checks
from scripts.corpus import load_corpus
from scripts.site_config import ConfigError


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.check", description=__doc__.split("\n\n")[1])
    parser.add_argument("files", nargs="*", help="report only on these pages (any language) or records")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format")
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="the repository root, holding mkdocs.yml (default: the current folder)")
    return parser.parse_args(argv)


def _pages_of(files: list[str], root: Path, docs: Path) -> set[str] | None:
    """The page paths (inside a language folder) that ``files`` are about; None for all."""
    if not files:
        return None
    pages = set()
    for name in files:
        path = Path(name)
        parts = PurePosixPath((path.resolve().relative_to(root.resolve())
                               if path.is_absolute() else path).as_posix()).parts
        if parts[:1] == (docs.name,) and len(parts) > 2:
            pages.add(PurePosixPath(*parts[2:]).as_posix())
        elif parts[:1] == ("translations",) and len(parts) > 2:
            pages.add(PurePosixPath(*parts[2:]).with_suffix(".md").as_posix())
        else:
            return None  # mkdocs.yml, data/…: everything may be concerned
    return pages


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    started = time.perf_counter()
    try:
        corpus = load_corpus(arguments.root)
        only = _pages_of(arguments.files, arguments.root, corpus.config.docs_dir)
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ValueError:
        print("error: the files given are not inside the repository root.", file=sys.stderr)
        return 2
    findings = run_checks(corpus)
    if only is not None:
        findings = [f for f in findings if PurePosixPath(f.file).as_posix().split("/", 2)[-1]
                    .removesuffix(".yml").removesuffix(".md") + ".md" in only]
    totals = summary(findings, len(corpus.pages), time.perf_counter() - started)
    print(FORMATS[arguments.format](findings, totals))
    return 1 if totals["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
