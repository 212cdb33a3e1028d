"""`mkdocs build` as a subprocess, for the tests, the benchmarks and the offline bundle."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def mkdocs_build(project: Path, site_dir: Path, *, strict: bool = True, capture: bool = True,
                 **env: str) -> subprocess.CompletedProcess:
    """Build ``project`` into ``site_dir`` with ``env`` added to the environment; the
    log is captured (``.stderr``) unless ``capture`` is false, then it goes to the terminal."""
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)]
    return subprocess.run(command + ["--strict"] * strict, cwd=project,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
                          capture_output=capture, text=True, check=False)
