"""Broken input never reaches the site: the real `mkdocs build --strict` and the real
commands, run on a copy of the hub, stop with the file, the line and what to do, and
never with a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_project

PAGE = "docs/es/core-principles.md"
BROKEN_FRONT_MATTER = {  # what replaces the page's front matter: the line and message expected
    "invalid YAML": ("---\ntitle: Principios: Centrales [\ndescription: Los diez Principios.\n---\n",
                     2, "the front matter is not valid YAML"),
    "never closed": ("---\ntitle: Principios Centrales\ndescription: Los diez Principios.\n\n",
                     1, "the front matter opened by `---` on line 1 is never closed"),
    "no title": ("---\ndescription: Los diez Principios.\n---\n", 1, "the front matter lacks `title`"),
    "not a mapping": ("---\n- Principios Centrales\n---\n", 2, "the front matter is not a set of `key: value` lines"),
}


def run(root: Path, *command: str, **env: str) -> subprocess.CompletedProcess:
    """A command of the hub, run in ``root`` as a translator runs it; never a traceback."""
    result = subprocess.run([sys.executable, "-m", *command], cwd=root, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "HUB_HANDOUTS": "off", **env},
                            check=False)
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result


def build(root: Path) -> subprocess.CompletedProcess:
    return run(root, "mkdocs", "build", "--strict", "--site-dir", str(root / "site"))


@pytest.fixture
def hub(tmp_path) -> Path:
    return copy_project(tmp_path / "hub")


@pytest.mark.parametrize("case", sorted(BROKEN_FRONT_MATTER))
def test_a_strict_build_refuses_broken_front_matter(hub, case):
    front_matter, line, message = BROKEN_FRONT_MATTER[case]
    text = (hub / PAGE).read_text(encoding="utf-8")
    body = text[text.index("\n---\n", 3) + len("\n---\n"):]  # the page after its front matter
    (hub / PAGE).write_text(front_matter + body, encoding="utf-8")
    result = build(hub)
    assert result.returncode != 0
    assert f"{PAGE}:{line}: error [front-matter] {message}" in result.stderr, result.stderr
    assert not (hub / "site" / "es" / "core-principles" / "index.html").exists()


@pytest.fixture(scope="module")
def cp1252_hub(tmp_path_factory) -> Path:
    """The hub with its Spanish Code of Conduct saved in Windows-1252."""
    root = copy_project(tmp_path_factory.mktemp("cp1252") / "hub")
    path = root / "docs/es/code-of-conduct.md"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    return root


@pytest.mark.parametrize("command", [
    ("mkdocs", "build", "--strict", "--site-dir", "site"),
    ("scripts.check",),
    ("scripts.translations", "status", "es"),
    ("scripts.translations", "sync", "es", "code-of-conduct.md"),
    ("scripts.handouts", "site"),
], ids=lambda command: " ".join(command[:3]))
def test_every_command_says_a_file_is_not_utf8(cp1252_hub, command):
    result = run(cp1252_hub, *command)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert ("docs/es/code-of-conduct.md:2: " in output and "the file is not UTF-8: byte 12 (0xF3), "
            "on line 2 at column 9" in output and "Re-save the file as UTF-8" in output), output
    assert "missing" not in output, output
