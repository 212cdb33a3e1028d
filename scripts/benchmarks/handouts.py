"""Time the PDF handouts: cold (empty cache), warm (all cached), seconds per page, and
the two PDF/UA-1 checkers over all of them (what the test suite runs).

Builds the site once without handouts into a temporary folder, then makes every
handout twice with a fresh cache. ``./hub benchmarks.handouts``.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from scripts.handouts.build import build_handouts, public_site_url
from scripts.handouts.conformance import findings
from scripts.site_build import mkdocs_build
from scripts.site_config import ROOT


def main() -> int:
    site_url = public_site_url(ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        site_dir, cache_dir = Path(scratch) / "site", Path(scratch) / "cache"
        built = mkdocs_build(ROOT, site_dir, HUB_HANDOUTS="off")
        if built.returncode != 0:
            print(built.stderr[-3000:], file=sys.stderr)
            return 1
        timings = {}
        for run in ("cold", "warm"):
            started = time.perf_counter()
            outcome = build_handouts(ROOT, site_dir, site_url, "on", report=lambda message: None,
                                     cache_dir=cache_dir)
            timings[run] = (time.perf_counter() - started, outcome)
        started = time.perf_counter()
        errors = sum(finding.severity == "error" for item in outcome.written
                     for finding in findings(site_dir / item.path))
        checked = time.perf_counter() - started
    cold, first = timings["cold"]
    warm, second = timings["warm"]
    pages = sum(item.pages for item in first.written)
    sizes = sorted(item.bytes for item in first.written)
    print(f"handouts: {len(first.written)} PDFs, {pages} pages, on {os.cpu_count()} cores")
    print(f"sizes: min {sizes[0] / 1024:.0f} KB, median {statistics.median(sizes) / 1024:.0f} KB, "
          f"max {sizes[-1] / 1024:.0f} KB, total {sum(sizes) / 1024:.0f} KB")
    print(f"cold: {cold:.1f} s ({first.rendered} rendered), {cold / pages:.3f} s per page")
    print(f"warm: {warm:.1f} s ({second.rendered} rendered)")
    print(f"PDF/UA-1 checks (page-validation and outloud): {checked:.1f} s, {errors} errors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
