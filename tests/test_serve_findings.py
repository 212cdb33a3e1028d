"""`mkdocs serve` (what `make serve` runs) prints the checker's findings about the
pages changed at each rebuild."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import copy_project
from scripts.benchmarks.loop import free_port

COC = "docs/en/code-of-conduct.md"


def _wait_for_log(log: Path, text: str, server: subprocess.Popen, limit: float = 240) -> bool:
    """Whether the server's log shows ``text`` before ``limit`` seconds pass (polled)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and server.poll() is None:
        if text in log.read_text(encoding="utf-8", errors="replace"):
            return True
        time.sleep(0.5)
    return False


def test_serve_prints_the_findings_about_a_changed_page(tmp_path):
    hub = copy_project(tmp_path / "hub")
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr",
                                   f"127.0.0.1:{free_port()}"], cwd=hub, stdout=output, stderr=subprocess.STDOUT,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "HUB_HANDOUTS": "off"},
                                  start_new_session=True)
    try:
        assert _wait_for_log(log, "Serving on", server), log.read_text()
        assert "The checker finds nothing to fix in every page." in log.read_text()
        path = hub / COC
        path.write_text(path.read_text(encoding="utf-8").replace("{#behaviours-to-avoid}", "{#behaviours-not-to-adopt}"),
                        encoding="utf-8")
        assert _wait_for_log(log, f"{COC}:27: error [heading-id-mismatch]", server), log.read_text()[-3000:]
        assert f"The checker's findings about {COC}" in log.read_text()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
