"""`translations new pt` only adds lines; status tells scaffolded pages from missing ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project, git
from scripts.translations import main as translations


@pytest.fixture
def hub(tmp_path) -> Path:
    root = copy_project(tmp_path / "hub")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "hub")
    return root


def test_new_language_only_adds_lines(hub, capsys):
    assert translations(["--root", str(hub), "new", "pt"]) == 0
    numstat = [line.split("\t") for line in git(hub, "diff", "--numstat").splitlines()]
    assert {name for _, _, name in numstat} == {"mkdocs.yml", "data/ui.yml"}
    assert all(removed == "0" and int(added) > 0 for added, removed, _ in numstat), numstat
    assert 'fr: "Schéma\\u00a0: {title}"' in (hub / "data/ui.yml").read_text(encoding="utf-8")


def test_status_says_a_scaffolded_page_is_not_translated_yet(hub, capsys):
    assert translations(["--root", str(hub), "new", "pt"]) == 0
    capsys.readouterr()
    (hub / "docs/pt/glossary.md").unlink()
    translations(["--root", str(hub), "status", "pt"])
    out = capsys.readouterr().out
    assert "scaffolded   docs/pt/code-of-conduct.md  (not translated yet: translate it" in out
    assert "missing      docs/pt/glossary.md" in out
    assert "missing      docs/pt/code-of-conduct.md" not in out


def test_status_diff_shows_the_changed_words_at_the_lines_of_the_files(hub, capsys):
    path = hub / "docs/fr/code-of-conduct.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Il se concentre sur les comportements individuels.",
                                 "Il porte sur les comportements individuels."), encoding="utf-8")
    line = next(n for n, l in enumerate(text.split("\n"), 1) if "Il se concentre" in l)
    translations(["--root", str(hub), "status", "es"])
    out = capsys.readouterr().out
    assert f"@@ -{line - 1},3 +{line - 1},3 @@" in out  # the changed line, one line around it
    assert (f"words (line {line}): … devrait le fonder. Il [-se concentre-]{{+porte+}} sur les "
            "comportements individuels. …") in out


def test_a_check_of_named_files_reports_on_those_files(hub, capsys):
    from scripts.check.__main__ import main as check
    assert translations(["--root", str(hub), "new", "pt"]) == 0
    capsys.readouterr()
    check(["--root", str(hub), "docs/es/code-of-conduct.md"])
    out = capsys.readouterr().out
    assert "docs/pt/" not in out and "0 error(s), 0 warning(s)" in out


def test_repeated_findings_of_one_kind_are_grouped(hub, capsys):
    from scripts.check.__main__ import main as check
    assert translations(["--root", str(hub), "new", "pt"]) == 0
    path = hub / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- locale: pt")
    path.write_text(text[:start] + text[start:].replace("build: false", "build: true", 1), encoding="utf-8")
    capsys.readouterr()
    check(["--root", str(hub)])
    out = capsys.readouterr().out
    ui = out[out.index("\ndata/ui.yml\n"):].split("\n\n")[0]
    assert ui.count("[interface-text]") == 4  # three in full, then the others by their lines
    assert "… and " in ui and ui.count("→") == 1
