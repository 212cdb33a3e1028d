"""``python -m scripts.benchmarks [NAME …]`` (``make benchmark``): every benchmark of
BENCHMARKS in turn (or those named), each in its own process, printing its figures;
exits non-zero if any failed. A new benchmark is a module of this package with a
``main(argv)``, added to BENCHMARKS with its arguments."""

from __future__ import annotations

import subprocess
import sys
import time

BENCHMARKS = {
    # Issue 22: the change loop (build, serve, tests) and the first page's weight.
    "loop": [],
    # The handouts: cold and warm rendering, seconds per page, the PDF/UA-1 checks.
    "handouts": [],
    # The checker against `mkdocs build` on the same 1000-page corpus (goal: ≤ 0.10).
    "checker": ["--sizes", "1000"],
    # Issue 24: the hub at scale, 250 and 1000 pages per language: build against stock
    # Material, the check cold and after one page changed, the real hub's (long).
    "scale": [],
}


def main(argv: list[str]) -> int:
    names = argv or list(BENCHMARKS)
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s) {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}", file=sys.stderr)
        return 2
    failed = []
    for name in names:
        print(f"\n== {name} ==", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", f"scripts.benchmarks.{name}", *BENCHMARKS[name]])
        print(f"({name}: {time.perf_counter() - started:.0f} s)", flush=True)
        if result.returncode:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
