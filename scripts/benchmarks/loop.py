"""The loop of the people who change the hub, and the page its readers download first:
issue 22's figures, measured in one run on fresh clones of the working tree.

- a cold ``make build`` (empty handout cache), then ``make build`` again with nothing
  changed, each also as a ratio to a strict-less build of a stock Material site with
  the same pages (a ratio says more than seconds on a shared machine);
- ``make serve``: its first build, then one page edited until Chromium, open on that
  page, shows the edit (live reload), and until its PDF, rendered again in the
  background, replaces the last one;
- the French home page gzipped, loaded cold in Chromium, against the stock site's;
- ``make test`` in a second fresh clone (empty handout cache, as ``.ci/run`` on a fresh clone).

``python -m scripts.benchmarks.loop [--skip-tests]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from scripts.benchmarks.page_weight import build_stock, load_page, make_stock_project
from scripts.chromium import launched
from scripts.site_build import mkdocs_build
from scripts.site_config import ROOT
from scripts.static_host import serve

EDITED = Path("docs") / "en" / "code-of-conduct.md"
EDITED_URL = "en/code-of-conduct/"
EDITED_PDF = "handouts/code-of-conduct.en.a4.pdf"
GOALS = {"cold build": 30, "build again": 10, "serve edit": 3, "weight": 0.5, "make test": 300}


def fresh_clone(destination: Path, revision: str | None = None) -> Path:
    """A clone of the repository at ``revision``, or with the working tree's files
    (changed and new ones) over it."""
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(destination)], check=True)
    if revision:
        subprocess.run(["git", "checkout", "--quiet", revision], cwd=destination, check=True)
        return destination
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file() and (not (destination / name).exists()
                                 or source.read_bytes() != (destination / name).read_bytes()):
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    return destination


def timed(make) -> tuple[float, object]:
    started = time.perf_counter()
    result = make()
    return time.perf_counter() - started, result


def built(project: Path, site_dir: Path, **env: str) -> None:
    result = mkdocs_build(project, site_dir, **env)
    if result.returncode != 0:
        sys.exit(f"mkdocs build of {project} failed:\n{result.stderr[-3000:]}")


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetched(url: str) -> bytes:
    """The body at ``url``, or b"" if it does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return b""


def serve_loop(clone: Path, browser) -> tuple[float, float, float]:
    """`make serve`'s first build, one edit until the browser shows it, and until the
    edited page's PDF is rendered again (seconds; an older revision, without
    background rendering, never renders it: -1)."""
    background = '"background"' in (clone / "scripts" / "handouts" / "build.py").read_text("utf-8")
    address = f"127.0.0.1:{free_port()}"
    page_url, pdf_url = f"http://{address}/{EDITED_URL}", f"http://{address}/{EDITED_PDF}"
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", address],
                              cwd=clone, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://{address}/",
                                   "HUB_HANDOUTS": "background" if background else "cached"})
    try:
        while b".pdf" not in fetched(page_url):
            if server.poll() is not None or time.perf_counter() - started > 600:
                sys.exit("make serve never answered")
            time.sleep(0.2)
        first_build = time.perf_counter() - started
        before = fetched(pdf_url)
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(page_url, wait_until="load")
        added = f"A sentence added at {time.time():.0f}."
        page = clone / EDITED
        original = page.read_text("utf-8")
        edited = time.perf_counter()
        page.write_text(original + f"\n{added}\n", "utf-8")
        tab.wait_for_function("text => document.body && document.body.innerText.includes(text)",
                              arg=added, timeout=120_000, polling=50)
        shown = time.perf_counter() - edited
        context.close()
        while background and fetched(pdf_url) in (before, b"") and time.perf_counter() - edited < 600:
            time.sleep(0.2)
        rendered = time.perf_counter() - edited if background else -1
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return first_build, shown, rendered


def home_weight(browser, hub_site: Path, stock_site: Path) -> tuple[int, int]:
    """The French home page's bytes gzipped, loaded cold: the hub's, the stock's."""
    with serve(hub_site) as hub, serve(stock_site) as stock:
        return load_page(browser, hub, "/").gzip_bytes, load_page(browser, stock, "/").gzip_bytes


def run_tests(clone: Path) -> tuple[float, int]:
    """`make test` in ``clone``, with this checkout's .venv (already installed) as its own:
    the tests' scratch projects link the clone's .venv, as after `make install`."""
    (clone / ".venv").symlink_to(ROOT / ".venv")
    command = ["make", "-o", "install", "test"]
    seconds, result = timed(lambda: subprocess.run(command, cwd=clone, capture_output=True, text=True,
                                                   check=False))
    print(result.stdout[-1500:])
    return seconds, result.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.benchmarks.loop")
    parser.add_argument("--skip-tests", action="store_true", help="leave out `make test` (minutes)")
    parser.add_argument("--at", metavar="REVISION", help="measure this revision instead of the working tree")
    options = parser.parse_args(argv)
    print(f"Issue 22's figures, on {os.cpu_count()} cores (load average "
          f"{os.getloadavg()[0]:.1f} when starting), in fresh clones of {options.at or 'the working tree'}")
    width = 50
    print(f"{'figure'.ljust(width)}{'measured':>12}  {'ratio':<32}goal", flush=True)

    def row(figure: str, value: str, ratio: str = "", goal: str = "") -> None:
        print(f"{figure.ljust(width)}{value:>12}  {ratio:<32}{goal}", flush=True)

    status = 0
    with tempfile.TemporaryDirectory() as scratch, launched() as browser:
        scratch = Path(scratch)
        clone = fresh_clone(scratch / "clone", options.at)
        stock_project = make_stock_project(scratch / "stock-project", clone)
        stock, _ = timed(lambda: build_stock(stock_project, scratch / "stock-site"))
        row("stock Material build, same pages", f"{stock:.1f} s", "1.0 × stock")
        cold, _ = timed(lambda: built(clone, clone / "site", HUB_HANDOUTS="on"))
        row("cold make build (empty handout cache)", f"{cold:.1f} s", f"{cold / stock:.1f} × stock",
            f"≤ {GOALS['cold build']} s")
        again, _ = timed(lambda: built(clone, clone / "site", HUB_HANDOUTS="on"))
        row("make build again, nothing changed", f"{again:.1f} s", f"{again / stock:.1f} × stock",
            f"≤ {GOALS['build again']} s")
        hub_gzip, stock_gzip = home_weight(browser, clone / "site", scratch / "stock-site")
        row("French home page gzipped vs stock", f"{hub_gzip / 1024:.1f} KB",
            f"{hub_gzip / stock_gzip:.2f} × stock ({stock_gzip / 1024:.1f} KB)", f"≤ {GOALS['weight']} ×")
        first_build, shown, rendered = serve_loop(clone, browser)
        row("make serve: first build (handouts cached)", f"{first_build:.1f} s", f"{first_build / stock:.1f} × stock")
        row("make serve: one page edited → browser shows it", f"{shown:.1f} s", "", f"≤ {GOALS['serve edit']} s")
        row("  … its PDF rendered again (background)", f"{rendered:.1f} s")
        if not options.skip_tests:
            seconds, code = run_tests(fresh_clone(scratch / "tests-clone", options.at))
            row("make test, fresh clone (empty handout cache)", f"{seconds:.0f} s",
                "passed" if code == 0 else f"FAILED ({code})", f"≤ {GOALS['make test']} s")
            status = 1 if code else 0
    print("The checker against the build on the same 1000-page corpus: scripts.benchmarks.checker.")
    return status


if __name__ == "__main__":
    sys.exit(main())
