"""data/glossary.yml mistakes are found at their line, with what to fix, by the checker
and the build alike, never as a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import build_site, copy_project
from scripts.check.__main__ import main

GLOSSARY = "data/glossary.yml"


def _findings(root: Path, capsys) -> list[dict]:
    main(["--root", str(root), "--format", "json"])
    return [f for f in json.loads(capsys.readouterr().out)["findings"] if f["file"] == GLOSSARY]


def _hub_with_glossary(tmp_path: Path, old: str, new: str) -> Path:
    hub = copy_project(tmp_path / "hub")
    path = hub / GLOSSARY
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return hub


def _line_of(hub: Path, text: str) -> int:
    return next(n for n, line in enumerate((hub / GLOSSARY).read_text(encoding="utf-8").split("\n"), 1)
                if text in line)


def test_an_entry_without_a_language_is_reported_at_its_line(tmp_path, capsys):
    hub = _hub_with_glossary(tmp_path, "      es: Marco para la Rendición de Cuentas\n", "")
    [finding] = _findings(hub, capsys)
    line = _line_of(hub, "- fr: Cadre de redevabilité")
    assert (finding["rule"], finding["line"], finding["severity"]) == ("glossary-term", line, "error")
    assert "“Cadre de redevabilité” has no Español ('es') name" in finding["message"]


def test_a_badly_indented_line_is_named_in_the_checker_and_the_build(tmp_path, capsys):
    hub = _hub_with_glossary(tmp_path, "      en: Core Principles\n", "     en: Core Principles\n")
    [finding] = _findings(hub, capsys)
    line = _line_of(hub, "     en: Core Principles")
    assert finding["rule"] == "data-file" and finding["line"] in (line, line + 1)
    assert "Restore" not in finding["hint"] and "keeping your change" in finding["hint"]
    result = build_site(hub, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{GLOSSARY}:{finding['line']}" in result.stdout + result.stderr
