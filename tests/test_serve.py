"""`make serve`'s `mkdocs serve`: an edit of data/ rebuilds the site, with the new text
(and live reload is not blocked by the Content-Security-Policy), its pages loading the
hub's stylesheet."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

from conftest import copy_project
from scripts.benchmarks.loop import fetched, free_port

GLOSSARY = ("en: Accountability Framework", "en: Accountability Charter")
UI = ('glossary_note:\n  fr: "Remarque"\n  en: "Note"', 'glossary_note:\n  fr: "Remarque"\n  en: "Comment"')


def _wait_for(url: str, text: str, server: subprocess.Popen, limit: float = 180) -> bool:
    """Whether ``url`` shows ``text`` before ``limit`` seconds pass (polled; not a timing)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and server.poll() is None:
        if text in fetched(url).decode("utf-8"):
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_data_changes(tmp_path):
    hub = copy_project(tmp_path / "hub")
    address = f"127.0.0.1:{free_port()}"
    url = f"http://{address}/en/glossary/"
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", address],
                              cwd=hub, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "HUB_HANDOUTS": "off",
                                   "SITE_URL": f"http://{address}/"},  # as `make serve` does
                              start_new_session=True)
    try:
        assert _wait_for(url, ">Accountability Framework<", server), "mkdocs serve never showed the glossary"
        for rel, (old, new) in {"data/glossary.yml": GLOSSARY, "data/ui.yml": UI}.items():
            path = hub / rel
            text = path.read_text(encoding="utf-8")
            assert old in text
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
        assert _wait_for(url, ">Accountability Charter<", server), "the glossary edit was not rebuilt"
        assert _wait_for(url, "<th>Comment</th>", server), "the data/ui.yml edit was not rebuilt"
        # No Content-Security-Policy while serving: it would block the live-reload script.
        # The page loads the hub's trimmed stylesheet, as a built one does, after each rebuild.
        page = fetched(url).decode("utf-8")
        assert "Content-Security-Policy" not in page
        [stylesheet] = re.findall(r'href="[^"]*(assets/stylesheets/(?:hub-)?main\.[^"]+\.css)"', page)
        assert stylesheet.startswith("assets/stylesheets/hub-main."), stylesheet
        assert fetched(f"http://{address}/{stylesheet}").startswith(b"@charset"), f"{stylesheet} is not served"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
