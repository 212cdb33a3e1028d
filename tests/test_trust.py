"""The signs of trust a member looks for, in Chromium, in every language: when a text
last changed (and the French a translation follows), who speaks and how to reach them,
how to cite a page, who the About page and the glossary speak to, and what "Edit this
page" offers."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from babel.dates import format_date
from test_browser import ROOTS, SOURCE, server, url_of  # noqa: F401 (server: a fixture)

from conftest import build_site
from scripts.freshness import record_path
from scripts.site_config import ROOT, load_site_config
from scripts.ui_text import ui_text

CONFIG = load_site_config()
LOCALES = CONFIG.locales
HANDBOOK = CONFIG.hub["handouts"]["handbook"]
UI = ui_text()


def _git_date(path) -> dt.date | None:
    """The UTC date of the last commit of ``path``, None if git does not know it (not
    committed, or a shallow clone whose history stops at that commit)."""
    log = subprocess.run(["git", "log", "-1", "--format=%H %at", "--", path], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout.split()
    shallow = Path(subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-path", "shallow"],
                                  cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip())
    if not log or (shallow.is_file() and log[0] in shallow.read_text().split()):
        return None
    return dt.datetime.fromtimestamp(int(log[1]), dt.timezone.utc).date()


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("locale", LOCALES)
def test_each_document_says_when_its_text_changed_and_which_french_it_follows(locale, server, tab):
    failures = []
    for rel in HANDBOOK:
        tab.goto(server + url_of(locale, rel))
        shown = tab.locator("article .hub-facts").inner_text() if tab.locator("article .hub-facts").count() else ""
        expected = []
        changed = _git_date(f"docs/{locale}/{rel}")
        if changed:
            expected.append(UI["page_changed"][locale].format(date=format_date(changed, "long", locale=locale)))
        if locale != SOURCE:
            french = [d for d in (_git_date(f"docs/{SOURCE}/{rel}"),
                                  _git_date(record_path(ROOT, locale, rel).relative_to(ROOT))) if d]
            if french:
                expected.append(UI["page_follows"][locale].format(
                    date=format_date(min(french), "long", locale=locale)))
        if not expected or not all(text in shown for text in expected):
            failures.append(f"{url_of(locale, rel)}: {shown!r} lacks {expected}")
    assert not failures, "\n".join(failures)


def test_a_shallow_clone_shows_no_wrong_date(tmp_path):
    """In a clone of depth 1 every file's last commit is the cut-off one, which may not be
    when it changed: the build passes, shows no date, and says why."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{ROOT}", str(clone)], check=True)
    result = build_site(clone, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    page = (tmp_path / "site" / "en" / "code-of-conduct" / "index.html").read_text("utf-8")
    assert "hub-facts__cite" in page and "hub-facts__dates" not in page
    assert "shallow clone" in result.stderr and "fetch-depth: 0" in result.stderr
