"""The consistency checker: each rule caught at the right file and line, the three
output formats, exit statuses, suppressions, and the clean hub passing."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import copy_project
from scripts.check.__main__ import main
from scripts.site_config import ROOT

COC = "docs/en/code-of-conduct.md"
FR_COC = "docs/fr/code-of-conduct.md"


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run(root: Path, capsys, *arguments: str) -> tuple[int, dict]:
    code = main(["--root", str(root), "--format", "json", *arguments])
    return code, json.loads(capsys.readouterr().out)


@pytest.fixture
def hub(tmp_path) -> Path:
    return copy_project(tmp_path / "hub")


def _swap_sections(root: Path) -> None:
    text = (root / COC).read_text(encoding="utf-8")
    values, rest = text.split("## Behaviours members commit", 1)
    avoid, reporting = rest.split("## Reporting a concern", 1)
    head, values = values.split("## Values and behaviours", 1)
    (root / COC).write_text(f"{head}## Behaviours members commit{avoid}## Values and behaviours"
                            f"{values}## Reporting a concern{reporting}", encoding="utf-8")


def line_of(root: Path, rel: str, text: str) -> int:
    """The 1-based line of the first occurrence of ``text`` in a file."""
    lines = (root / rel).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def _reporting(root: Path) -> int:
    """The line of the Code of Conduct's last heading, after the list a change may lengthen."""
    return line_of(root, COC, "{#reporting-a-concern}")


def _paragraph_from(root: Path, other: str) -> None:
    """Replace the first paragraph of the English Code of Conduct with another language's."""
    lines = (root / COC).read_text(encoding="utf-8").splitlines()
    lines[8] = (root / other).read_text(encoding="utf-8").splitlines()[8]
    (root / COC).write_text("\n".join(lines) + "\n", encoding="utf-8")


# (rule, breaking change, file, line, severity)
CASES = {
    "page-missing": (lambda r: (r / "docs/es/code-of-conduct.md").unlink(),
                     "docs/es/code-of-conduct.md", None, "error"),
    "page-orphan": (lambda r: (r / "docs/en/extra.md").write_text("---\ntitle: X\ndescription: Y\n---\n\n# X {#x}\n\nText.\n"),
                    "docs/en/extra.md", None, "error"),
    "page-empty": (lambda r: (r / COC).write_text("\n"), COC, None, "error"),
    "page-unreadable": (lambda r: (r / COC).write_bytes(b"---\ntitle: X\n---\n\n# X {#x}\n\nCaf\xe9\n"), COC, 7, "error"),
    "page-untranslated": (lambda r: edit(r, COC, "---\n", "---\nuntranslated: true\n"), COC, 1, "error"),  # en is complete
    "front-matter": (lambda r: edit(r, COC, "title: Code of Conduct", "title: [Code of Conduct"), COC, 2, "error"),
    "heading-id-missing": (lambda r: edit(r, COC, " {#behaviours-to-avoid}", ""), COC, 27, "error"),
    "heading-id-duplicate": (lambda r: edit(r, COC, "{#behaviours-to-avoid}", "{#values-and-behaviours}"), COC, 27, "error"),
    "heading-id-mismatch": (lambda r: edit(r, COC, "{#behaviours-to-avoid}", "{#behaviours-not-to-adopt}"), COC, 27, "error"),
    "heading-order": (_swap_sections, COC, 17, "error"),
    "heading-level": (lambda r: edit(r, COC, "## Reporting", "### Reporting"), COC, _reporting, "error"),
    "block-count": (lambda r: edit(r, COC, "7. Solidarity as active bystanders\n", ""), COC, 17, "error"),
    "link-broken": (lambda r: edit(r, "docs/en/index.md", "(glossary.md#", "(glossar.md#"), "docs/en/index.md",
                    lambda r: line_of(r, "docs/en/index.md", "(glossar.md#"), "error"),
    "link-targets": (lambda r: edit(r, "docs/en/accountability-standards.md", "(strategic-plan.md#strategies)", "(strategic-plan.md#roadmap)"),
                     "docs/en/accountability-standards.md",
                     lambda r: line_of(r, "docs/en/accountability-standards.md", "(strategic-plan.md#roadmap)"), "error"),
    "url-mismatch": (lambda r: edit(r, COC, "(https://menengage.org/about/reporting-a-concern)", "(https://example.org/report)"), COC,
                     lambda r: line_of(r, COC, "(https://example.org/report)"), "error"),
    "number-mismatch": (lambda r: edit(r, "docs/en/strategic-plan.md", "from 80 countries", "from 81 countries"),
                        "docs/en/strategic-plan.md", lambda r: line_of(r, "docs/en/strategic-plan.md", "from 81 countries"), "error"),
    "glossary-term": (lambda r: edit(r, COC, "the values of gender justice", "the values of gender equality"), COC,
                      lambda r: line_of(r, COC, "the values of gender equality"), "error"),
    "untranslated-text": (lambda r: _paragraph_from(r, "docs/fr/code-of-conduct.md"), COC, 9, "error"),
    "wrong-language": (lambda r: _paragraph_from(r, "docs/es/code-of-conduct.md"), COC, 9, "warning"),
    "typography": (lambda r: edit(r, FR_COC, "\u00a0»", " »"), FR_COC, 13, "warning"),
    "unsafe-markup": (lambda r: edit(r, COC, "## Reporting a concern", "<iframe src=\"https://example.org\"></iframe>\n\n## Reporting a concern"),
                      COC, lambda r: line_of(r, COC, "<iframe"), "error"),
    "broken-html": (lambda r: edit(r, COC, "## Reporting a concern", "<div markdown>\n\n## Reporting a concern"), COC,
                    lambda r: line_of(r, COC, "<div markdown>"), "error"),
    "nav-title": (lambda r: edit(r, "mkdocs.yml", "\n  - glossary.md\n", "\n  - Glossaire: glossary.md\n"), "mkdocs.yml",
                  lambda r: line_of(r, "mkdocs.yml", "Glossaire: glossary.md"), "error"),
    "outdated-section": (lambda r: edit(r, FR_COC, "1. Respect et bienveillance", "1. Respect, écoute et bienveillance"), COC, 17, "notice"),
    "section-to-translate": (lambda r: edit(r, FR_COC, "## Signaler", "## Nouveau {#new-section}\n\nUn texte nouveau.\n\n## Signaler"),
                             COC, _reporting, "notice"),
    "not-synced": (lambda r: (r / "translations/en/code-of-conduct.yml").unlink(), COC, None, "warning"),
    "freshness-record": (lambda r: (r / "translations/en/code-of-conduct.yml").write_text("synced: [\n"),
                         "translations/en/code-of-conduct.yml", 2, "error"),
    "data-file": (lambda r: (r / "data/link_variants.yml").write_text("- not a mapping\n"), "data/link_variants.yml", None, "error"),
}


def test_the_clean_hub_has_no_finding(hub, capsys):
    code, report = run(hub, capsys)
    assert code == 0
    assert report["findings"] == []
    assert report["summary"]["pages_checked"] == len(list((hub / "docs").rglob("*.md")))


@pytest.mark.parametrize("rule", sorted(CASES))
def test_each_rule_reports_file_and_line(hub, capsys, rule):
    breaking_change, file, line, severity = CASES[rule]
    breaking_change(hub)
    code, report = run(hub, capsys)
    matching = [f for f in report["findings"] if f["rule"] == rule and f["file"] == file]
    assert matching, f"no {rule} finding for {file}: {report['findings']}"
    if callable(line):
        line = line(hub)
    if line is not None:
        assert line in [f["line"] for f in matching], matching
    assert matching[0]["severity"] == severity
    assert code == (1 if any(f["severity"] == "error" for f in report["findings"]) else 0)
    assert all(f["message"] and f["hint"] for f in matching)


def test_a_finding_points_at_the_french_source(hub, capsys):
    CASES["block-count"][0](hub)
    _, report = run(hub, capsys)
    finding = next(f for f in report["findings"] if f["rule"] == "block-count")
    assert (finding["source_file"], finding["source_line"]) == (FR_COC, 17)
    assert finding["section"] == "values-and-behaviours"
    assert "6 list items (French: 7)" in finding["message"]


def test_locale_formats_of_a_figure_are_the_same_figure(hub, capsys):
    edit(hub, "docs/en/strategic-plan.md", "more than 1,000 members", "more than 1000 members")
    edit(hub, "docs/es/strategic-plan.md", "más de 1000", "más de 1.000")
    french = hub / "docs/fr/strategic-plan.md"
    french.write_text(re.sub(r"plus de 1\D?000", "plus de 1\u202f000", french.read_text(encoding="utf-8")),
                      encoding="utf-8")
    _, report = run(hub, capsys)
    assert not [f for f in report["findings"] if f["rule"] == "number-mismatch"]


def test_glossary_terms_tolerate_plural_and_gender(hub, capsys):
    edit(hub, COC, "the values of gender justice", "the values of gender justices")
    _, report = run(hub, capsys)
    assert not [f for f in report["findings"] if f["rule"] == "glossary-term"]


def test_glossary_terms_tolerate_spanish_plurals_that_lose_the_accent(hub, capsys):
    """The glossary's “asociación” (partenariat) is found as “asociaciones”."""
    edit(hub, "docs/es/strategic-plan.md", "en asociación con los movimientos", "en asociaciones con los movimientos")
    _, report = run(hub, capsys)
    assert not [f for f in report["findings"] if f["rule"] == "glossary-term"]


def test_partners_have_one_spanish_rendering_that_is_not_allies(hub, capsys):
    """« partenaires » is “socias y socios” in Spanish: “organizaciones aliadas” merges
    partners with allies (« allié•e•s ») and makes them organisations only."""
    page = hub / "docs/es/index.md"
    text = re.sub(r"así como a sus redes y a sus [^.]*\.", "así como a sus redes y a sus organizaciones aliadas.",
                  page.read_text(encoding="utf-8"))
    page.write_text(text, encoding="utf-8")
    _, report = run(hub, capsys)
    findings = [f for f in report["findings"] if f["rule"] == "glossary-term"]
    assert [(f["file"], f["severity"]) for f in findings] == [("docs/es/index.md", "warning")]
    assert "“partenaires”" in findings[0]["message"] and "“socias y socios”" in findings[0]["message"]


def test_text_format_names_file_line_rule_and_source(hub, capsys):
    CASES["block-count"][0](hub)
    code = main(["--root", str(hub)])
    out = capsys.readouterr().out
    assert code == 1
    assert (f"{COC}:17: error [block-count] section “#values-and-behaviours” has 6 list items "
            f"(French: 7). (source: {FR_COC}:17)") in out
    assert "→ Translate the French section block for block" in out
    assert "1 error(s)" in out.splitlines()[-1]


def test_github_format_annotates_the_file_and_line(hub, capsys):
    CASES["outdated-section"][0](hub)
    code = main(["--root", str(hub), "--format", "github"])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0  # notices only
    assert any(line.startswith(f"::notice file={COC},line=17,title=outdated-section::the French section")
               for line in lines)


def test_usage_and_configuration_errors_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--format", "xml"])
    assert exit_info.value.code == 2
    assert main(["--root", str(tmp_path)]) == 2
    assert "mkdocs.yml" in capsys.readouterr().err
    (tmp_path / "mkdocs.yml").write_text("plugins: [\n")
    assert main(["--root", str(tmp_path)]) == 2
    assert "mkdocs.yml:2: mkdocs.yml is not valid YAML" in capsys.readouterr().err
    assert main(["--root", str(ROOT), "docs/en/no-such-page.md"]) == 2
    assert "docs/en/no-such-page.md: no such file" in capsys.readouterr().err


def test_files_limit_the_report_to_those_pages_in_every_language(hub, capsys):
    CASES["block-count"][0](hub)
    CASES["number-mismatch"][0](hub)
    _, report = run(hub, capsys, FR_COC)
    assert {f["file"] for f in report["findings"]} == {COC}


def test_a_suppression_holds_until_the_french_section_changes(hub, capsys):
    CASES["wrong-language"][0](hub)
    _, report = run(hub, capsys)
    finding = next(f for f in report["findings"] if f["rule"] == "wrong-language")
    record = hub / "translations/en/code-of-conduct.yml"
    record.write_text(record.read_text() + "ignore:\n  - rule: wrong-language\n    section: code-of-conduct\n"
                      f"    source_hash: {finding['source_hash']}\n    reason: a Spanish sentence kept on purpose\n")
    _, report = run(hub, capsys)
    assert not [f for f in report["findings"] if f["rule"] == "wrong-language"]
    edit(hub, FR_COC, "Il se concentre", "Il porte")
    _, report = run(hub, capsys)
    lapsed = [f for f in report["findings"] if f["rule"] == "wrong-language"]
    assert lapsed and "suppression lapsed" in lapsed[0]["message"]


def test_the_pre_commit_hook_stops_a_commit_with_an_error(hub):
    shutil.copytree(ROOT / ".githooks", hub / ".githooks")
    (hub / ".venv").symlink_to(ROOT / ".venv")  # the hook runs the project's own Python, as after `make install`
    (hub / ".gitignore").write_text(".venv\n")
    environment = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                   "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t", "PATH": "/usr/bin:/bin"}

    def git(*arguments):
        return subprocess.run(["git", *arguments], cwd=hub, env=environment, capture_output=True, text=True)

    git("init", "-q")
    git("config", "core.hooksPath", ".githooks")
    git("add", ".")
    assert git("commit", "-qm", "clean hub").returncode == 0
    CASES["block-count"][0](hub)
    git("add", COC)
    refused = git("commit", "-qm", "a list item lost")
    assert refused.returncode == 1
    assert f"{COC}:17: error [block-count]" in refused.stdout + refused.stderr


def test_a_declared_variant_of_an_external_address_is_accepted(hub, capsys):
    spanish = "https://menengage.org/es/acerca/codigo-de-conducta"
    edit(hub, "docs/es/code-of-conduct.md", "(https://menengage.org/about/code-of-conduct)", f"({spanish})")
    _, report = run(hub, capsys)
    assert [f["rule"] for f in report["findings"]] == ["url-mismatch"]
    (hub / "data/link_variants.yml").write_text(
        f"https://menengage.org/about/code-of-conduct:\n  es: {spanish}\n", encoding="utf-8")
    _, report = run(hub, capsys)
    assert report["findings"] == []


@pytest.mark.parametrize("markup, message", [
    ("<script>alert(1)</script>", "`<script>` element"),
    ('<span onclick="steal()">x</span>', "event handler attribute `onclick`"),
    ("[click](javascript:alert(1))", "`javascript:` address in a link"),
    ('<a href=" JavaScript:alert(1)">x</a>', "`javascript:` address in `<a href>`"),
])
def test_unsafe_markup_is_reported_where_it_is(hub, capsys, markup, message):
    edit(hub, COC, "## Reporting a concern", f"{markup}\n\n## Reporting a concern")
    _, report = run(hub, capsys)
    unsafe = [f for f in report["findings"] if f["rule"] == "unsafe-markup"]
    assert [(f["file"], f["line"]) for f in unsafe] == [(COC, _reporting(hub) - 2)]
    assert message in unsafe[0]["message"]


def _findings_about(root: Path, capsys, rel: str) -> list[dict]:
    return [f for f in run(root, capsys, rel)[1]["findings"] if f["file"] == rel]


def test_a_changed_heading_id_is_reported_at_its_line_with_the_french_id(hub, capsys):
    edit(hub, COC, "{#behaviours-to-avoid}", "{#behaviours-not-to-adopt}")
    findings = _findings_about(hub, capsys, COC)
    assert [(f["rule"], f["line"]) for f in findings] == [("heading-id-mismatch", 27)]
    assert "`{#behaviours-not-to-adopt}` is not the French one" in findings[0]["message"]
    assert "Write `{#behaviours-to-avoid}` at the end of this heading" in findings[0]["hint"]


def test_a_missing_section_is_reported_where_it_belongs(hub, capsys):
    text = (hub / COC).read_text(encoding="utf-8")
    start, end = text.index("## Behaviours members commit"), text.index("## Reporting a concern")
    (hub / COC).write_text(text[:start] + text[end:], encoding="utf-8")
    findings = _findings_about(hub, capsys, COC)
    assert [(f["rule"], f["line"]) for f in findings] == [("heading-id-mismatch", 27)]
    assert "{#behaviours-to-avoid} has no counterpart here" in findings[0]["message"]


def test_unclosed_front_matter_is_reported_once_at_its_opening_line(hub, capsys):
    edit(hub, COC, "upholding.\n---\n", "upholding.\n")
    findings = _findings_about(hub, capsys, COC)
    assert [(f["rule"], f["line"], f["severity"]) for f in findings] == [("front-matter", 1, "error")]
    assert "never closed" in findings[0]["message"]


# A whole French paragraph, from another page (so not identical to the French counterpart).
FRENCH_PARAGRAPH = ("Nos Principes fondamentaux représentent un ensemble commun d'engagements, de valeurs "
                    "et d'aspirations pour le travail que nous effectuons. Ces principes affirment nos "
                    "convictions, guident nos efforts et inspirent notre travail en tant qu'individus, "
                    "organisations et réseaux.")
# An English sentence quoting a French sentence of the hub: a quotation, not a quoted term,
# so evidence (quoted terms of four words or fewer are not).
MIXED_PARAGRAPH = ("As the Code of Conduct says in French: « Dans toutes les sociétés contemporaines, "
                   "l'ordre du genre privilégie les hommes par rapport aux femmes et la masculinité par "
                   "rapport à la féminité ».")


@pytest.mark.parametrize("locale", ["en", "es"])
def test_a_paragraph_left_in_french_is_an_error(hub, capsys, locale):
    rel = f"docs/{locale}/code-of-conduct.md"
    lines = (hub / rel).read_text(encoding="utf-8").splitlines()
    lines[8] = FRENCH_PARAGRAPH
    (hub / rel).write_text("\n".join(lines) + "\n", encoding="utf-8")
    findings = [f for f in _findings_about(hub, capsys, rel) if f["rule"] == "wrong-language"]
    # one finding per sentence (the paragraph has two), each at its column
    assert [(f["line"], f["column"], f["severity"]) for f in findings] == [
        (9, 1, "error"), (9, FRENCH_PARAGRAPH.index("Ces principes") + 1, "error")]
    assert f"is in 'fr', the source language, not '{locale}'" in findings[0]["message"]


def test_a_french_quotation_is_reported(hub, capsys):
    lines = (hub / COC).read_text(encoding="utf-8").splitlines()
    lines[8] = MIXED_PARAGRAPH
    (hub / COC).write_text("\n".join(lines) + "\n", encoding="utf-8")
    findings = [f for f in _findings_about(hub, capsys, COC) if f["rule"] == "wrong-language"]
    assert [f["line"] for f in findings] == [9]
    assert "suppress this finding" in findings[0]["hint"]


def test_nav_translations_are_refused_the_menu_takes_page_titles(hub, capsys):
    edit(hub, "mkdocs.yml", "          site_name: MenEngage Alliance – Handbook\n",
         "          site_name: MenEngage Alliance – Handbook\n          nav_translations:\n            Glossaire: Glossary\n")
    code, report = run(hub, capsys)
    finding = next(f for f in report["findings"] if f["rule"] == "nav-title")
    assert code == 1 and finding["line"] == line_of(hub, "mkdocs.yml", "nav_translations:")
    assert "'en'" in finding["message"] and "Remove `nav_translations`" in finding["hint"]


def _typography(report: dict, file: str) -> list[dict]:
    return [f for f in report["findings"] if f["rule"] == "typography" and f["file"] == file]


@pytest.mark.parametrize("file, old, new", [
    (COC, "MenEngage Alliance members commit", "MenEngage Alliance members' commitment"),
    (COC, "title: Code of Conduct", "title: Members' Code of Conduct"),
    ("docs/es/code-of-conduct.md", "Código de Conducta de la Alianza", "Código de Conducta de l'Alianza"),
    (FR_COC, "Code de conduite a été", "Code de conduite, qu'on a"),
])
def test_a_straight_apostrophe_is_reported_in_every_language(hub, capsys, file, old, new):
    edit(hub, file, old, new)
    _, report = run(hub, capsys)
    found = [f for f in _typography(report, file)
             if "straight apostrophe" in f["message"] and f["line"] == line_of(hub, file, new)]
    assert len(found) == 1 and "--fix" in found[0]["hint"], found


@pytest.mark.parametrize("file", ["data/ui.yml", "data/glossary.yml"])
def test_a_straight_apostrophe_in_the_data_files_is_reported(hub, capsys, file):
    anchor = {"data/ui.yml": "  fr: \"Page introuvable\"", "data/glossary.yml": "    - fr: Code de conduite"}[file]
    edit(hub, file, anchor, anchor.replace("Page introuvable", "Page qu'on ne trouve pas")
         .replace("Code de conduite", "Code d'honneur"))
    _, report = run(hub, capsys)
    line = line_of(hub, file, "qu'on ne trouve" if file == "data/ui.yml" else "Code d'honneur")
    found = [f for f in _typography(report, file) if f["line"] == line]
    assert len(found) == 1 and found[0]["message"] == "'fr' text: a straight apostrophe ' (write ’).", found


def test_french_figures_take_a_thousands_space_but_years_do_not(hub, capsys):
    edit(hub, FR_COC, "Code de conduite a été", "Code de conduite, lu par 12500 membres depuis 2014, a été")
    _, report = run(hub, capsys)
    messages = [f["message"] for f in _typography(report, FR_COC)]
    assert any("“12500” without the thousands space (write 12\u00a0500" in m for m in messages), messages
    assert not any("2014" in m for m in messages)
    edit(hub, FR_COC, "12500", "12\u00a0500")
    _, report = run(hub, capsys)
    assert not any("thousands" in f["message"] for f in _typography(report, FR_COC))


def test_fix_writes_apostrophes_and_french_spaces_but_leaves_code_alone(hub, capsys):
    edit(hub, FR_COC, "Code de conduite a été", "Code de conduite (`l'exemple`), lu par 1000 membres, qu'on a")
    edit(hub, COC, "MenEngage Alliance members commit", "MenEngage Alliance members' pledge: they commit")
    code = main(["--root", str(hub), "--fix", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    french = (hub / FR_COC).read_text(encoding="utf-8")
    assert "(`l'exemple`), lu par 1\u00a0000 membres, qu’on a" in french
    assert "members' pledge" in (hub / COC).read_text(encoding="utf-8")  # not inside a word: left to a person
    assert [f["line"] for f in report["findings"] if f["rule"] == "typography"] == [line_of(hub, COC, "pledge")]
    # The French figure changed: the translations are outdated (notices), not wrong.
    assert code == 0
    assert {f["file"] for f in report["findings"] if f["rule"] == "outdated-section"} == {
        COC, "docs/es/code-of-conduct.md"}


def test_a_document_without_its_home_card_summary_is_reported(hub, capsys):
    edit(hub, "docs/es/core-principles.md", "summary: ", "resumen: ")
    _, report = run(hub, capsys)
    finding = next(f for f in report["findings"] if f["rule"] == "front-matter")
    assert (finding["file"], finding["line"]) == ("docs/es/core-principles.md", 1)
    assert "`summary`" in finding["message"] and "home page card" in finding["hint"]
