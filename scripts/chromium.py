"""Find the Chromium that the browser tests and the benchmarks drive.

In order: the ``CHROMIUM_PATH`` environment variable, Debian's Chromium headless shell
(the build Playwright itself drives headless; README, "Speed"), Debian's full
``chromium``, each in /usr/bin or else on the PATH, then a browser Playwright
installed itself. Nothing is ever downloaded. ``./hub chromium`` prints the one found,
or says what to install and exits 2; ``make test`` runs it before the suite.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ENV_VAR = "CHROMIUM_PATH"
DEBIAN_PATHS = ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


class ChromiumNotFound(Exception):
    """No usable Chromium: the message says what to install or set."""


def _playwright_browser() -> str | None:
    """The Chromium Playwright downloaded earlier (``playwright install``), if any."""
    try:
        from playwright.sync_api import sync_playwright
        with sync_playwright() as playwright:
            return playwright.chromium.executable_path
    except Exception:  # Playwright missing or unable to start: not a browser either way
        return None


def _candidates(playwright_browser: Callable[[], str | None]) -> Iterator[str | None]:
    """Where a Chromium may be, in order; Playwright is asked only if none came before."""
    for path in DEBIAN_PATHS:
        yield path
        yield shutil.which(Path(path).name)
    yield playwright_browser()


def find_chromium(environ=os.environ, playwright_browser=_playwright_browser) -> str:
    """The path of a Chromium executable, or ChromiumNotFound saying what to do."""
    configured = environ.get(ENV_VAR)
    if configured:
        if Path(configured).is_file() and os.access(configured, os.X_OK):
            return configured
        raise ChromiumNotFound(
            f"{ENV_VAR} is set to {configured!r}, which is not an executable file. "
            "Point it at a Chromium binary, or unset it to use Debian's Chromium if installed.")
    for candidate in _candidates(playwright_browser):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise ChromiumNotFound(
        "No Chromium found for the browser tests. Install Debian's package as root "
        "(apt-get install chromium-headless-shell, or chromium), or set CHROMIUM_PATH to a "
        "Chromium or Chrome binary.")


@contextmanager
def launched() -> Iterator:
    """The Chromium found, started headless by Playwright; ChromiumNotFound if none."""
    from playwright.sync_api import sync_playwright
    executable = find_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def main() -> int:
    try:
        print(f"Chromium: {find_chromium()}")
    except ChromiumNotFound as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
