"""`make test` spreads the suite over the cores (pytest-xdist) and builds each site
once for all its workers: a parallel run reports the same failures as a serial one."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from scripts.benchmarks.loop import fresh_clone
from scripts.site_config import ROOT

# Tests over the shared built site, and tests of the pages alone (a few of each, so
# that each worker gets some).
SELECTION = ["tests/test_site.py", "tests/test_content.py", "-k",
             "another_host or google_fonts or print_stylesheet or own_search_index or 404 "
             "or key_figures or in_the_navigation"]
BROKEN = "test_site.py::test_no_page_loads_anything_from_another_host"


def _failures(hub, how: str, options: list[str]) -> tuple[set[str], str]:
    """The ids of the tests that failed or erred in a run of SELECTION in ``hub``, and its output."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_XDIST")}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rfE", "-p", "no:cacheprovider",
                          "--basetemp", str(hub.parent / f"{how}-tmp"), *options, *SELECTION],
                         cwd=hub, env=env, capture_output=True, text=True, check=False)
    return set(re.findall(r"^(?:FAILED|ERROR) (\S+)", run.stdout, re.MULTILINE)), run.stdout


def test_a_parallel_run_finds_the_failures_a_serial_run_finds(site, tmp_path):
    """A stylesheet that loads a font from Google, slipped into a copy of the hub: the
    serial and the parallel run both report it, and nothing else. (``site`` first: the
    handouts' cache, copied, is then complete, and neither run renders any.)"""
    hub = fresh_clone(tmp_path / "hub")  # with its history: the handouts' dates are the same
    shutil.copytree(ROOT / ".cache" / "handouts", hub / ".cache" / "handouts")
    css = hub / "docs" / "assets" / "hub.css"
    css.write_text("@import url(https://fonts.googleapis.com/css2?family=Roboto);\n" + css.read_text("utf-8"),
                   "utf-8")
    serial, serial_log = _failures(hub, "serial", ["-p", "no:xdist"])
    parallel, parallel_log = _failures(hub, "parallel", ["-n", "2", "--dist", "loadgroup"])
    assert "bringing up nodes" in parallel_log, parallel_log[-3000:]  # pytest-xdist's workers
    assert {name.removeprefix("tests/") for name in serial} == {BROKEN}, serial_log[-3000:]
    assert parallel == serial, parallel_log[-3000:]
