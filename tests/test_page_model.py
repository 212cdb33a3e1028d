"""The page model reads what authors write, and says clearly what it cannot read."""

from __future__ import annotations

from scripts.pages import parse_page, read_page

PAGE = """---
title: Code de conduite
description: Les valeurs.
---

# Code de conduite {#code-of-conduct}

Intro avec un [lien](core-principles.md#principles)
et un [autre](https://menengage.org) sur la ligne suivante.

## Valeurs {#values}

1. Respect
2. Consentement

> « Citation. »
>
> — Source

## Sans identifiant

Texte.
"""


def test_sections_are_keyed_by_heading_id_with_lines_and_blocks(tmp_path):
    page = parse_page(tmp_path / "p.md", PAGE)
    assert page.meta == {"title": "Code de conduite", "description": "Les valeurs."}
    assert page.ids == ["code-of-conduct", "values"]
    values = page.section("values")
    assert (values.title, values.level, values.line) == ("Valeurs", 2, 11)
    assert values.blocks == {"list_item": 2, "blockquote": 1, "paragraph": 2}
    assert [(link.target, link.line) for link in page.section("code-of-conduct").links] == [
        ("core-principles.md#principles", 8), ("https://menengage.org", 9)]


def test_a_heading_without_id_is_reported_at_its_line(tmp_path):
    page = parse_page(tmp_path / "p.md", PAGE)
    [problem] = page.problems
    assert problem.line == 20
    assert "no explicit ID" in problem.message and "{#" in problem.hint


def test_broken_front_matter_is_reported_with_the_yaml_line(tmp_path):
    page = parse_page(tmp_path / "p.md", "---\ntitle: A\ndescription: [unclosed\n---\n\n# A {#a}\n")
    [problem] = page.problems
    assert problem.line in (3, 4) and "not valid YAML" in problem.message
    assert page.ids == ["a"], "the rest of the page is still read"


def test_front_matter_that_is_not_a_mapping_is_reported(tmp_path):
    page = parse_page(tmp_path / "p.md", "---\n- a\n- b\n---\n\n# A {#a}\n")
    assert "key: value" in page.problems[0].message


def test_invalid_utf8_is_reported_with_its_line(tmp_path):
    path = tmp_path / "p.md"
    path.write_bytes("# Titre {#t}\n\nCaf\u00e9\n".encode("utf-8") + b"\n\xff\xfe broken\n")
    [problem] = read_page(path).problems
    assert problem.line == 5 and "the file is not UTF-8: byte 21 (0xFF), on line 5 at column 1" in problem.message


def test_a_missing_file_is_reported_not_raised(tmp_path):
    [problem] = read_page(tmp_path / "absent.md").problems
    assert "cannot read" in problem.message and problem.line is None


def test_problems_read_as_file_line_message_and_fix(tmp_path):
    page = parse_page(tmp_path / "p.md", "# Sans {#}\n")
    assert str(page.problems[0]).startswith(f"{tmp_path / 'p.md'}:1: the heading")
