"""Every `./hub` command that the README and the translators' guide show runs as written
after `make install`, without activating .venv; the `page-missing` hint's command
scaffolds that page; `status | head` ends quietly."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import copy_project
from scripts.check.__main__ import main as check
from scripts.site_config import ROOT

# Commands that build the whole site or time it: run as written with --help (that they
# start without an activated .venv is what this test is about; test_offline.py and the
# benchmarks themselves cover what they do).
SLOW = ("./hub offline_bundle", "./hub benchmarks.", "./hub handouts")
# A command in a fenced shell block, or in a code span, that starts with ./hub.
_FENCE = re.compile(r"```(?:sh|bash|shell|console)\n(.*?)```", re.DOTALL)
_SPAN = re.compile(r"`(\./hub [^`]+|make (?:check|hooks)\b[^`]*)`")
# The make targets run here; the others build or serve the whole site, or run the whole
# suite (this test is part of it), and have tests of their own.
QUICK_TARGETS = ("make check", "make hooks")
PLACEHOLDERS = {"[LANG]": "es", "LANG": "es", "PAGE…": "code-of-conduct.md", "PAGE": "code-of-conduct.md",
                "[FILE ...]": "", "[FILE…]": "", "ID": "values-and-behaviours", "[site]": ""}


def documented_commands() -> list[str]:
    """The ./hub commands of README.md and of every docs page that shows them (the guide)."""
    texts = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    commands = []
    for path in texts:
        text = path.read_text(encoding="utf-8")
        lines = [line.split("#")[0].strip() for block in _FENCE.findall(text) for line in block.splitlines()]
        lines += _SPAN.findall(text)
        for line in lines:
            if not line.startswith(("./hub ", *QUICK_TARGETS)):
                continue
            for placeholder, value in PLACEHOLDERS.items():
                line = line.replace(placeholder, value)
            line = re.sub(r"\[[^\]]*\]", "", line)  # an optional part: left out
            if " / " not in line:  # `status / sync / new` names commands, it is not one
                commands.append(" ".join(line.split()))
    return list(dict.fromkeys(commands))


def test_the_readme_and_the_guide_show_hub_commands():
    commands = documented_commands()
    assert any(c.startswith("./hub translations status") for c in commands)
    assert any(c.startswith("./hub check") for c in commands)
    assert "make check" in commands
    assert "python -m scripts" not in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hub_with_venv(tmp_path_factory) -> Path:
    hub = copy_project(tmp_path_factory.mktemp("commands") / "hub")
    (hub / ".venv").symlink_to(ROOT / ".venv")
    (hub / "hub").symlink_to(ROOT / "hub")
    for name in ("Makefile", "requirements.txt", "pyproject.toml", ".githooks"):  # mtimes kept: no reinstall
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, hub / name)
    subprocess.run(["git", "init", "-q"], cwd=hub, check=True)
    return hub


@pytest.mark.parametrize("command", documented_commands())
def test_each_documented_command_runs_as_written(hub_with_venv, command):
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(hub_with_venv), "HUB_HANDOUTS": "off"}
    if command.startswith(SLOW):
        command += " --help"
    result = subprocess.run(["sh", "-c", command], cwd=hub_with_venv, env=environment, capture_output=True,
                            text=True, timeout=300)
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "ModuleNotFoundError" not in output, output
    # 2 is a refusal of the hub's state (syncing a page not translated yet), said plainly
    assert result.returncode in (0, 1) or output.startswith("error: "), output


def test_the_hub_command_says_to_run_make_install_first(tmp_path):
    shutil.copy2(ROOT / "hub", tmp_path / "hub")
    result = subprocess.run([str(tmp_path / "hub"), "check"], capture_output=True, text=True)
    assert result.returncode == 2 and "run `make install` first" in result.stderr


def test_the_page_missing_hint_scaffolds_that_page(tmp_path, capsys):
    hub = copy_project(tmp_path / "hub")
    (hub / "docs/es/code-of-conduct.md").unlink()
    check(["--root", str(hub), "--format", "json"])
    [finding] = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["rule"] == "page-missing"]
    command = re.search(r"`\./hub (translations new [^`]+)`", finding["hint"]).group(1)
    assert command == "translations new es code-of-conduct.md"
    result = subprocess.run([str(ROOT / ".venv/bin/python"), "-m", "scripts." + command.split()[0],
                             "--root", str(hub), *command.split()[1:]], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    page = (hub / "docs/es/code-of-conduct.md").read_text(encoding="utf-8")
    assert page.startswith("---\nuntranslated: true\n")
    check(["--root", str(hub), "--format", "json"])
    rules = [f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]]
    assert "page-missing" not in rules and "page-untranslated" in rules


def test_status_into_a_closed_pipe_ends_quietly():
    process = subprocess.Popen([str(ROOT / ".venv/bin/python"), "-m", "scripts.translations", "status"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # as `| head` does once it has read enough
    error = process.stderr.read().decode()
    assert process.wait() == 0
    assert "Traceback" not in error and "BrokenPipeError" not in error


# An example finding shown in the README or the guide: `  FILE:LINE: error [block-count] …`.
_EXAMPLE = re.compile(r"^\s*((docs/\w+/code-of-conduct\.md):\d+(?::\d+)?: error \[block-count\] .*)$", re.MULTILINE)


def documented_examples() -> list[tuple[str, str]]:
    """(file, finding line) of each block-count example of the README and the docs pages."""
    texts = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    return sorted({(match.group(2), match.group(1)) for path in texts
                   for block in re.findall(r"```text\n(.*?)```", path.read_text(encoding="utf-8"), re.DOTALL)
                   for match in _EXAMPLE.finditer(block)})


def test_the_documented_example_is_what_the_checker_says(tmp_path, capsys):
    examples = documented_examples()
    assert examples, "no example finding found in the README or the guide"
    for number, (rel, line) in enumerate(examples):
        hub = copy_project(tmp_path / f"hub{number}")
        page = hub / rel
        lines = page.read_text(encoding="utf-8").split("\n")
        heading = next(i for i, text in enumerate(lines) if "{#values-and-behaviours}" in text)
        del lines[next(i for i in range(heading, len(lines)) if lines[i].startswith("7. "))]
        page.write_text("\n".join(lines), encoding="utf-8")
        check(["--root", str(hub), rel])
        assert line in [text.strip() for text in capsys.readouterr().out.splitlines()]
