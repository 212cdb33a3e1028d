"""`python -m scripts.translations`: status with the French diff, sync, new language;
and the build's outdated notice and status page."""

from __future__ import annotations

import json
import subprocess

import pytest
from bs4 import BeautifulSoup

from conftest import build_site, copy_project
from scripts.check.__main__ import main as check
from scripts.translations import main as translations

FR_COC = "docs/fr/code-of-conduct.md"
CHANGE = ("1. Respect et bienveillance", "1. Respect, écoute et bienveillance")


@pytest.fixture
def hub(tmp_path):
    root = copy_project(tmp_path / "hub")
    for command in (["init", "-q"], ["add", "."], ["-c", "user.email=t@t", "-c", "user.name=t", "commit", "-qm", "hub"]):
        subprocess.run(["git", *command], cwd=root, check=True, capture_output=True)
    return root


def _change_french(root):
    path = root / FR_COC
    path.write_text(path.read_text(encoding="utf-8").replace(*CHANGE), encoding="utf-8")


def _findings(root, capsys):
    capsys.readouterr()  # earlier output
    check(["--root", str(root), "--format", "json"])
    return json.loads(capsys.readouterr().out)["findings"]


def test_status_lists_outdated_sections_with_the_french_diff(hub, capsys):
    _change_french(hub)
    assert translations(["--root", str(hub), "status", "es"]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    total = int(first.split(" of ")[1].split()[0])
    assert first == f"es: {100 * (total - 1) // total}% up to date ({total - 1} of {total} French sections)"
    assert "outdated     docs/es/code-of-conduct.md:17 #values-and-behaviours" in out
    assert f"-{CHANGE[0]}" in out and f"+{CHANGE[1]}" in out
    assert "en:" not in out


def test_status_lists_missing_pages(hub, capsys):
    (hub / "docs/en/glossary.md").unlink()
    translations(["--root", str(hub), "status"])
    assert "missing      docs/en/glossary.md" in capsys.readouterr().out


def test_sync_one_section_clears_only_that_warning(hub, capsys):
    _change_french(hub)
    path = hub / FR_COC
    path.write_text(path.read_text(encoding="utf-8").replace("Discrimination", "Toute discrimination"), encoding="utf-8")
    outdated = {(f["file"], f["section"]) for f in _findings(hub, capsys) if f["rule"] == "outdated-section"}
    assert ("docs/en/code-of-conduct.md", "values-and-behaviours") in outdated
    assert translations(["--root", str(hub), "sync", "en", "code-of-conduct.md",
                         "--section", "values-and-behaviours"]) == 0
    outdated = {(f["file"], f["section"]) for f in _findings(hub, capsys) if f["rule"] == "outdated-section"}
    assert ("docs/en/code-of-conduct.md", "values-and-behaviours") not in outdated
    assert ("docs/en/code-of-conduct.md", "behaviours-to-avoid") in outdated
    assert ("docs/es/code-of-conduct.md", "values-and-behaviours") in outdated


def test_sync_refuses_what_it_cannot_do(hub, capsys):
    assert translations(["--root", str(hub), "sync", "en", "nowhere.md"]) == 2
    assert translations(["--root", str(hub), "sync", "en", "code-of-conduct.md", "--section", "nope"]) == 2
    assert translations(["--root", str(hub), "sync", "de", "--all"]) == 2
    errors = capsys.readouterr().err
    assert "docs/en/nowhere.md must both exist" in errors and "no section #nope" in errors
    assert "'de' is not a translation" in errors


def test_new_language_is_scaffolded_and_the_site_still_builds(hub, tmp_path, capsys):
    assert translations(["--root", str(hub), "new", "pt"]) == 0
    assert sorted(p.name for p in (hub / "docs/pt").glob("*.md")) == sorted(p.name for p in (hub / "docs/fr").glob("*.md"))
    assert "untranslated: true" in (hub / "docs/pt/index.md").read_text(encoding="utf-8")
    config = (hub / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- locale: pt" in config and "!ENV [SITE_URL" in config
    assert "  pt: " in (hub / "data/ui.yml").read_text(encoding="utf-8")
    findings = _findings(hub, capsys)
    assert not [f for f in findings if f["severity"] == "error"]
    assert {f["rule"] for f in findings} == {"page-untranslated"}
    result = build_site(hub, tmp_path / "site", HUB_REQUIRE_COMPLETE="true", HUB_HANDOUTS="off")
    assert result.returncode == 0, result.stderr[-2000:]
    assert translations(["--root", str(hub), "new", "pt"]) == 2
    assert translations(["--root", str(hub), "new", "xx-nonsense"]) == 2


def test_the_build_flags_outdated_translations(hub, tmp_path):
    _change_french(hub)
    site = tmp_path / "site"
    result = build_site(hub, site, HUB_HANDOUTS="off")
    assert result.returncode == 0, result.stderr[-2000:]
    page = BeautifulSoup((site / "es/code-of-conduct/index.html").read_text("utf-8"), "lxml")
    notice = page.select_one(".hub-outdated")
    assert "La versión francesa de esta página cambió" in notice.get_text()
    assert [a["href"] for a in notice.select("a")] == ["../../code-of-conduct/#values-and-behaviours"]
    assert page.select_one("#values-and-behaviours") is not None
    assert BeautifulSoup((site / "es/index.html").read_text("utf-8"), "lxml").select_one(".hub-outdated") is None
    status = BeautifulSoup((site / "en/translation-status/index.html").read_text("utf-8"), "lxml")
    rows = {tr.select("td")[0].get_text(): tr.select("td")[2].get_text()
            for tr in status.select("#status-es ~ table")[0].select("tbody tr")}
    assert rows["Code of Conduct"] == "#values-and-behaviours"
    assert rows["Core Principles"] == "none"
