"""Each finding points at the words it is about: the line (and column) of a changed
figure, of a paragraph lacking a glossary term, of a broken or different link, with
the closest existing ID for a mistyped anchor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import copy_project
from scripts.check.__main__ import main


@pytest.fixture
def hub(tmp_path) -> Path:
    return copy_project(tmp_path / "hub")


def edit(root: Path, rel: str, old: str, new: str) -> str:
    """Replace ``old`` by ``new`` in ``rel``; return the changed line."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return next(line for line in text.split("\n") if new in line)


def findings(root: Path, capsys, rule: str, rel: str) -> list[dict]:
    main(["--root", str(root), "--format", "json", rel])
    return [f for f in json.loads(capsys.readouterr().out)["findings"] if f["rule"] == rule and f["file"] == rel]


def line_of(root: Path, rel: str, text: str) -> int:
    return next(n for n, line in enumerate((root / rel).read_text(encoding="utf-8").split("\n"), 1) if text in line)


def test_a_changed_figure_is_reported_at_its_line_and_column(hub, capsys):
    rel = "docs/en/strategic-plan.md"
    line = edit(hub, rel, "from 80 countries", "from 81 countries")
    [finding] = findings(hub, capsys, "number-mismatch", rel)
    assert (finding["line"], finding["column"]) == (line_of(hub, rel, "from 81 countries"), line.index("81") + 1)
    assert finding["line"] != line_of(hub, rel, "{#our-community}")


def test_each_occurrence_of_a_glossary_term_is_checked(hub, capsys):
    rel = "docs/es/strategic-plan.md"
    edit(hub, rel, "movimientos por el feminismo interseccional y la justicia de género",
         "movimientos por el feminismo interseccional y la igualdad de género")
    [finding] = findings(hub, capsys, "glossary-term", rel)
    assert finding["line"] == line_of(hub, rel, "la igualdad de género")
    assert "“justice de genre”" in finding["message"] and "“justicia de género”" in finding["message"]


def test_a_mistyped_anchor_suggests_the_closest_id(hub, capsys):
    rel = "docs/en/about.md"
    line = edit(hub, rel, "(theory-of-change.md#interconnected-issues)", "(theory-of-change.md#interconected-issues)")
    broken = findings(hub, capsys, "link-broken", rel)
    assert [(f["line"], f["column"]) for f in broken] == [(line_of(hub, rel, "#interconected-issues"),
                                                          line.index("(theory-of-change.md#interconected") + 1)]
    assert "did you mean `#interconnected-issues`?" in broken[0]["message"]


def test_a_link_to_another_section_is_reported_at_the_link(hub, capsys):
    rel = "docs/en/about.md"
    line = edit(hub, rel, "(core-principles.md#core-principles)", "(code-of-conduct.md#code-of-conduct)")
    [finding] = findings(hub, capsys, "link-targets", rel)
    assert (finding["line"], finding["column"]) == (line_of(hub, rel, "(code-of-conduct.md#code-of-conduct)"),
                                                    line.index("](code-of-conduct.md") + 1)


def test_text_output_gives_line_and_column(hub, capsys):
    rel = "docs/en/strategic-plan.md"
    line = edit(hub, rel, "from 80 countries", "from 81 countries")
    main(["--root", str(hub), rel])
    assert f"{rel}:{line_of(hub, rel, 'from 81')}:{line.index('81') + 1}: error [number-mismatch]" in capsys.readouterr().out


def test_a_straight_apostrophe_in_the_french_site_description_is_reported(hub, capsys):
    path = hub / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Le manuel de l’Alliance", "Le manuel de l'Alliance"),
                    encoding="utf-8")
    lines = [n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if "Le manuel de l'" in line]
    main(["--root", str(hub), "--format", "json"])
    found = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["rule"] == "typography"]
    assert len(lines) == 2  # the site's (French) description and the French language's
    assert [(f["file"], f["line"]) for f in found] == [("mkdocs.yml", line) for line in lines]
    assert "`site_description`: a straight apostrophe" in found[0]["message"]
