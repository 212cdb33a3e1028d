"""How `make test` and the benchmarks find Chromium, and what they say without one."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from scripts import chromium
from scripts.chromium import ChromiumNotFound, find_chromium


@pytest.fixture
def fake_browser(tmp_path):
    """An executable file standing in for a browser."""
    def make(name: str) -> str:
        path = tmp_path / name
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)
        return str(path)
    return make


@pytest.fixture
def no_system_chromium(monkeypatch, tmp_path):
    monkeypatch.setattr(chromium, "DEBIAN_PATHS", (str(tmp_path / "no-shell"), str(tmp_path / "no-chromium")))
    monkeypatch.setattr(chromium.shutil, "which", lambda name: None)


def test_the_environment_variable_comes_first(fake_browser):
    chosen = fake_browser("my-chrome")
    assert find_chromium({"CHROMIUM_PATH": chosen}, lambda: fake_browser("playwright")) == chosen


def test_debian_s_headless_shell_comes_first_and_playwright_is_not_asked(monkeypatch, fake_browser):
    shell, full = fake_browser("chromium-headless-shell"), fake_browser("chromium")
    monkeypatch.setattr(chromium, "DEBIAN_PATHS", (shell, full))
    never = lambda: pytest.fail("Playwright asked though Debian's browser is there")  # noqa: E731
    assert find_chromium({}, never) == shell


def test_a_headless_shell_on_the_path_comes_before_debian_s_full_chromium(monkeypatch, fake_browser,
                                                                          tmp_path):
    full, elsewhere = fake_browser("chromium"), fake_browser("chromium-headless-shell")
    monkeypatch.setattr(chromium, "DEBIAN_PATHS", (str(tmp_path / "absent" / "chromium-headless-shell"), full))
    monkeypatch.setattr(chromium.shutil, "which",
                        lambda name: elsewhere if name == "chromium-headless-shell" else None)
    assert find_chromium({}, lambda: None) == elsewhere


def test_debian_chromium_comes_before_playwright_s_browser(no_system_chromium, monkeypatch, fake_browser):
    debian = fake_browser("chromium")
    monkeypatch.setattr(chromium, "DEBIAN_PATHS", (chromium.DEBIAN_PATHS[0], debian))
    assert find_chromium({}, lambda: fake_browser("playwright")) == debian


def test_playwright_s_own_browser_is_the_last_resort(no_system_chromium, fake_browser):
    downloaded = fake_browser("chrome")
    assert find_chromium({}, lambda: downloaded) == downloaded


def test_no_browser_says_what_to_install(no_system_chromium):
    with pytest.raises(ChromiumNotFound,
                       match=r"apt-get install chromium-headless-shell, or chromium.*CHROMIUM_PATH"):
        find_chromium({}, lambda: None)


def test_a_wrong_environment_variable_is_named(fake_browser, tmp_path):
    with pytest.raises(ChromiumNotFound, match="CHROMIUM_PATH is set to .*not an executable"):
        find_chromium({"CHROMIUM_PATH": str(tmp_path / "missing")}, lambda: fake_browser("x"))


def test_command_line_exits_2_with_the_message(tmp_path):
    result = subprocess.run([sys.executable, "-m", "scripts.chromium"], capture_output=True, text=True,
                            env={**os.environ, "CHROMIUM_PATH": str(tmp_path / "missing")})
    assert result.returncode == 2
    assert result.stderr.startswith("error: CHROMIUM_PATH is set to")
    assert "Traceback" not in result.stderr
