"""Translators at their own pace, end to end on a temporary git repository made from
the hub: a French change outdates the translations and never breaks them; each
translator's pull request passes while the others are behind; a new language goes live
partly translated; `sync` stamps only what it is told; the commit hook checks what is
staged; the pull request's summary says what the change does to each translation."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from bs4 import BeautifulSoup

from conftest import build_site, copy_project
from scripts.check.__main__ import main as check
from scripts.site_config import ROOT
from scripts.translations import main as translations
from test_translations import _switch_on, translate_interface

FR, EN, ES = (f"docs/{locale}/code-of-conduct.md" for locale in ("fr", "en", "es"))
SECTIONS = ("values-and-behaviours", "reporting-a-concern")
# The French author adds a list item and changes a sentence.
FRENCH_CHANGE = [("7. Solidarité en tant que témoins actifs\n",
                  "7. Solidarité en tant que témoins actifs\n8. Redevabilité envers les femmes et les filles\n"),
                 ("Si vous avez une préoccupation ou un commentaire", "Si vous avez une inquiétude ou une remarque")]
ENGLISH_UPDATE = [("7. Solidarity as active bystanders\n",
                   "7. Solidarity as active bystanders\n8. Accountability to women and girls\n"),
                  ("If you have a concern or feedback", "If you have a worry or a remark")]


# A translator's shell: the project's virtual environment not activated.
SHELL = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8"}


def git(repo, *arguments, check=True):
    return subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=T", *arguments],
                          cwd=repo, capture_output=True, text=True, check=check, env=SHELL)


@pytest.fixture
def repo(tmp_path):
    """The hub in a git repository of its own, with the project's commit hook and Python."""
    root = copy_project(tmp_path / "hub")
    (root / ".githooks").mkdir()
    (root / ".githooks/pre-commit").write_bytes((ROOT / ".githooks/pre-commit").read_bytes())
    (root / ".githooks/pre-commit").chmod(0o755)
    (root / ".venv").symlink_to(ROOT / ".venv")
    (root / ".gitignore").write_text(".venv\n")
    git(root, "init", "-q")
    git(root, "config", "core.hooksPath", ".githooks")
    git(root, "add", ".")
    git(root, "commit", "-qm", "The hub", "--no-verify")
    return root


def edit(root, path, changes):
    file = root / path
    text = file.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, (path, old)
        text = text.replace(old, new)
    file.write_text(text, encoding="utf-8")


def commit(root, message, everything=True):
    """`git commit` (of every change, or of what is staged): the hook runs; its report
    is in the result's ``out``."""
    if everything:
        git(root, "add", "-A")
    result = git(root, "commit", "-qm", message, check=False)
    result.out = result.stdout + result.stderr
    return result


def line_of(root, path, text):
    return next(n for n, line in enumerate((root / path).read_text(encoding="utf-8").splitlines(), 1) if text in line)


def findings(root, capsys):
    capsys.readouterr()
    code = check(["--root", str(root), "--format", "json"])
    return code, json.loads(capsys.readouterr().out)["findings"]


def outdated(found):
    return {(f["file"], f["section"]) for f in found if f["rule"] == "outdated-section"}


def run(root, capsys, *arguments):
    capsys.readouterr()
    code = translations(["--root", str(root), *arguments])
    out = capsys.readouterr()
    return code, out.out, out.err


def french_commit(root):
    edit(root, FR, FRENCH_CHANGE)
    result = commit(root, "French: one more value, a clearer sentence")
    assert result.returncode == 0, result.out  # the hook lets it through


def test_a_french_change_outdates_the_translations_and_breaks_none(repo, capsys, tmp_path):
    french_commit(repo)
    code, found = findings(repo, capsys)
    assert code == 0, [f for f in found if f["severity"] == "error"]
    assert outdated(found) == {(page, key) for page in (EN, ES) for key in SECTIONS}
    assert {f["severity"] for f in found if f["rule"] == "outdated-section"} == {"notice"}
    listed = next(f for f in found if f["file"] == ES and f["section"] == "values-and-behaviours")
    assert "(now 8 list items, 7 then)" in listed["message"]
    for locale, page in (("en", EN), ("es", ES)):
        code, out, _ = run(repo, capsys, "status", locale)
        assert code == 0
        for key in SECTIONS:
            assert f"outdated     {page}:{line_of(repo, page, '{#' + key + '}')} #{key}" in out
        assert "+8. Redevabilité envers les femmes et les filles" in out  # the French change, from the record
    code, out, _ = run(repo, capsys, "summary", "--base", "HEAD~1")
    assert code == 0
    for locale, page in (("en", EN), ("es", ES)):
        part = out[out.index(f"({locale}):"):]
        line = line_of(repo, page, "{#values-and-behaviours}")
        assert (f"| outdated | `#values-and-behaviours` | [{page}:{line}]({page}#L{line}) | "
                f"[{FR}:17-27]({FR}#L17-L27) |") in part
        assert "| outdated | `#reporting-a-concern` |" in part
    # A second French commit adds a section: to translate, never an error.
    edit(repo, FR, [("## Signaler une préoccupation", "## Faire un don {#donating}\n\nVous pouvez soutenir "
                     "l’Alliance par un don.\n\n## Signaler une préoccupation")])
    assert commit(repo, "French: a new section").returncode == 0
    code, found = findings(repo, capsys)
    assert code == 0
    assert {(f["file"], f["line"]) for f in found if f["rule"] == "section-to-translate"} == {
        (page, line_of(repo, page, "{#reporting-a-concern}")) for page in (EN, ES)}
    code, out, _ = run(repo, capsys, "status", "es")
    assert f"to translate {FR}:37-40 #donating  (new in French; not in {ES} yet)" in out
    # The built site: the outdated banner on each translation, the status page.
    site = tmp_path / "site"
    result = build_site(repo, site)
    assert result.returncode == 0, result.stderr[-2000:]
    for locale in ("en", "es"):
        html = BeautifulSoup((site / locale / "code-of-conduct/index.html").read_text("utf-8"), "lxml")
        assert [a["href"] for a in html.select(".hub-outdated a")] == \
            [f"../../code-of-conduct/#{key}" for key in (*SECTIONS, "donating")]
    status = BeautifulSoup((site / "en/translation-status/index.html").read_text("utf-8"), "lxml")
    for locale in ("en", "es"):
        rows = {tr.select("td")[0].get_text(): tr.select("td")[2].get_text()
                for tr in status.select(f"#status-{locale} ~ table")[0].select("tbody tr")}
        assert rows["Code of Conduct"] == "#values-and-behaviours, #reporting-a-concern, #donating"


def english_update(repo, capsys, mistake=None):
    edit(repo, EN, ENGLISH_UPDATE + ([mistake] if mistake else []))
    for key in SECTIONS:
        code, _, err = run(repo, capsys, "sync", "en", "code-of-conduct.md", "--section", key)
        assert code == 0, err


def test_the_english_translator_passes_while_spanish_is_behind(repo, capsys):
    french_commit(repo)
    english_update(repo, capsys)
    result = commit(repo, "English: follows the French")
    assert result.returncode == 0, result.out
    code, found = findings(repo, capsys)
    assert code == 0
    assert outdated(found) == {(ES, key) for key in SECTIONS}
    code, out, _ = run(repo, capsys, "summary", "--base", "HEAD~1")
    english, spanish = out[out.index("(en):"):out.index("(es):")], out[out.index("(es):"):]
    line = line_of(repo, EN, "{#values-and-behaviours}")
    assert f"| translated, synced | `#values-and-behaviours` | [{EN}:{line}]({EN}#L{line}) |" in english
    assert "| translated, synced | `#reporting-a-concern` |" in english
    assert "This change does not touch it." in spanish and "2 section(s) outdated" in spanish


@pytest.mark.parametrize("mistake, rule", [
    (("{#values-and-behaviours}", "{#valeurs-et-comportements}"), "heading-id-mismatch"),
    (("8. Accountability to women and girls", "8. Accountability to 2 women and girls"), "number-mismatch"),
])
def test_the_english_translator_s_own_mistake_is_an_error_at_its_line(repo, capsys, mistake, rule):
    french_commit(repo)
    edit(repo, EN, ENGLISH_UPDATE + [mistake])
    code, found = findings(repo, capsys)
    errors = [(f["file"], f["line"], f["rule"]) for f in found if f["severity"] == "error"]
    line = line_of(repo, EN, mistake[1])  # the line of the words: the heading, or the list item
    assert code == 1 and errors == [(EN, line, rule)]
    result = commit(repo, "English, with a mistake")
    assert result.returncode != 0 and f"{EN}:{line}" in result.out and f"error [{rule}]" in result.out


PORTUGUESE_CODE_OF_CONDUCT = """\
---
title: Código de conduta
description: O Código de conduta da Aliança MenEngage, os valores que os membros se comprometem a praticar e os comportamentos que se comprometem a não adotar.
summary: As normas de comportamento que os membros se comprometem a respeitar.
---

# Código de conduta {#code-of-conduct}

Como parte da sua adesão às nossas comunidades de prática, os membros da Aliança MenEngage comprometem-se a viver segundo os valores que defendemos no mundo. O nosso Código de conduta foi elaborado em estreita colaboração com os membros, para construir um consenso sobre aquilo em que se deve basear. Centra-se nos comportamentos individuais. O Código aplica-se a todos os membros da Aliança MenEngage, aos níveis nacional, regional e global da rede.

Pode saber mais sobre a forma como entendemos cada ponto do Código de conduta em [menengage.org/about/code-of-conduct](https://menengage.org/about/code-of-conduct).

> “É essencial que cada um de nós adote os valores da justiça de gênero.”
>
> — *Declaração e apelo à ação de Délhi* (2014), Aliança MenEngage

## Valores e comportamentos que os membros devem adotar {#values-and-behaviours}

1. Respeito e bondade
2. Consentimento afirmativo
3. Equidade e igualdade
4. Tomada de decisões ética
5. Transparência e honestidade
6. Reflexão sobre si e crescimento
7. Solidariedade como testemunhas ativas

## Comportamentos que os membros se comprometem a não adotar {#behaviours-to-avoid}

1. Comportamento abusivo
2. Assédio, abuso e exploração sexuais
3. Discriminação
4. Conflitos de interesses
5. Fraude e corrupção
6. Condutas ligadas ao uso de substâncias ilícitas

## Comunicar uma preocupação {#reporting-a-concern}

Se tiver uma preocupação ou um comentário que queira partilhar, consulte [menengage.org/about/reporting-a-concern](https://menengage.org/about/reporting-a-concern).
"""


def test_a_new_language_goes_live_partly_translated_while_en_and_es_must_be_complete(repo, capsys, tmp_path):
    code, out, err = run(repo, capsys, "new", "pt")
    assert code == 0, err
    translate_interface(repo)
    _switch_on(repo)
    (repo / "docs/pt/code-of-conduct.md").write_text(PORTUGUESE_CODE_OF_CONDUCT, encoding="utf-8")
    code, _, err = run(repo, capsys, "sync", "pt", "code-of-conduct.md")
    assert code == 0, err
    assert commit(repo, "Portuguese: the Code of Conduct, published").returncode == 0
    # The CI command: the checker, then the strict build (as `make test` and the workflows run them).
    code, found = findings(repo, capsys)
    assert code == 0, [f for f in found if f["severity"] == "error"]
    assert {f["file"] for f in found if f["rule"] == "page-untranslated"} == {
        f"docs/pt/{page.name}" for page in (repo / "docs/fr").glob("*.md") if page.name != "code-of-conduct.md"}
    site = tmp_path / "site"
    result = build_site(repo, site)
    assert result.returncode == 0, result.stderr[-2000:]
    translated = BeautifulSoup((site / "pt/code-of-conduct/index.html").read_text("utf-8"), "lxml")
    assert translated.select_one(".hub-untranslated") is None
    assert "Consentimento afirmativo" in translated.get_text()
    fallback = BeautifulSoup((site / "pt/glossary/index.html").read_text("utf-8"), "lxml")
    assert "traduzida para português" in fallback.select_one(".hub-untranslated").get_text()
    status = BeautifulSoup((site / "pt/translation-status/index.html").read_text("utf-8"), "lxml")
    rows = status.select("#status-pt ~ table")[0].select("tbody tr")
    assert len(rows) == len(list((repo / "docs/fr").glob("*.md")))
    assert sum(tr.select("td")[1].get_text() == "5 / 5" for tr in rows) == 1
    # English and Spanish must be complete: a page missing there still fails CI.
    (repo / "docs/es/glossary.md").unlink()
    code, found = findings(repo, capsys)
    assert code == 1
    assert ("docs/es/glossary.md", "page-missing") in [(f["file"], f["rule"]) for f in found if f["severity"] == "error"]
    result = build_site(repo, tmp_path / "site-2")
    assert result.returncode != 0 and "docs/es/glossary.md: this page is missing" in result.stderr


def test_sync_refusal_names_each_outdated_section_and_stamps_none_unnamed(repo, capsys):
    french_commit(repo)
    record = repo / "translations/es/code-of-conduct.yml"
    before = record.read_text(encoding="utf-8")
    code, _, err = run(repo, capsys, "sync", "es", "code-of-conduct.md")
    assert code == 2
    for key in SECTIONS:
        assert f"{ES}:{line_of(repo, ES, '{#' + key + '}')} #{key}" in err
        assert f"./hub translations sync es code-of-conduct.md --section {key} --no-change-needed" in err
    code, _, err = run(repo, capsys, "sync", "es", "code-of-conduct.md", "--no-change-needed")
    assert code == 2 and "not synced: --no-change-needed marks one section, named with --section" in err
    assert record.read_text(encoding="utf-8") == before
    code, _, err = run(repo, capsys, "sync", "es", "code-of-conduct.md", "--section", "reporting-a-concern",
                       "--no-change-needed")
    assert code == 0, err
    code, found = findings(repo, capsys)
    assert {key for page, key in outdated(found) if page == ES} == {"values-and-behaviours"}


def test_the_hook_checks_what_is_staged_not_the_files_on_disk(repo):
    heading = ("{#behaviours-to-avoid}", "{#comportements}")
    edit(repo, EN, [heading])
    git(repo, "add", EN)
    edit(repo, EN, [heading[::-1]])  # fixed on disk, not staged
    result = commit(repo, "A staged mistake", everything=False)
    assert result.returncode != 0
    assert f"{EN}:27: error [heading-id-mismatch]" in result.out
    git(repo, "reset", "-q")
    git(repo, "checkout", "--", EN)
    edit(repo, EN, [("Respect and kindness", "Respect and care")])
    git(repo, "add", EN)
    edit(repo, EN, [heading])  # a mistake on disk, not staged
    result = commit(repo, "A correct staged change", everything=False)
    assert result.returncode == 0, result.out
    assert "{#behaviours-to-avoid}" in git(repo, "show", f"HEAD:{EN}").stdout


def test_a_record_without_the_french_text_asks_for_a_sync(repo, capsys):
    record = repo / "translations/es/code-of-conduct.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text[:text.index("\nfrench:") + 1], encoding="utf-8")  # as written before records kept it
    code, found = findings(repo, capsys)
    assert code == 0
    [warning] = [f for f in found if f["file"] == "translations/es/code-of-conduct.yml"]
    assert warning["severity"] == "warning" and "lacks the French text of #front-matter" in warning["message"]
    assert run(repo, capsys, "sync", "es", "code-of-conduct.md")[0] == 0
    assert findings(repo, capsys) == (0, [])


def test_no_change_needed_without_a_section_lists_each_outdated_section_with_its_command(repo, capsys):
    french_commit(repo)
    code, _, err = run(repo, capsys, "sync", "es", "code-of-conduct.md", "--no-change-needed")
    assert code == 2
    assert "applies to one section, named" not in err
    for key in SECTIONS:
        line = line_of(repo, ES, "{#" + key + "}")
        assert (f"  {ES}:{line} #{key}" in err and
                f"./hub translations sync es code-of-conduct.md --section {key} --no-change-needed"
                in err), err


def test_sync_says_how_many_sections_changed_and_what_no_change_needed_did(repo, capsys):
    code, out, err = run(repo, capsys, "sync", "en", "code-of-conduct.md")
    assert code == 0, err
    assert "5 section(s) of docs/en/code-of-conduct.md were already up to date: nothing changed." in out, out
    french_commit(repo)
    edit(repo, EN, ENGLISH_UPDATE)
    code, out, err = run(repo, capsys, "sync", "en", "code-of-conduct.md", "--section", "values-and-behaviours",
                         "--no-change-needed")
    assert code == 0, err
    assert ("#values-and-behaviours: its translation changed since the last sync, so it is synced as usual "
            "(--no-change-needed not recorded).") in out, out
    code, out, err = run(repo, capsys, "sync", "en", "code-of-conduct.md")
    assert code == 0, err
    assert f"1 of 5 section(s) of {EN} newly marked as up to date (4 already were)." in out, out


def test_sync_of_an_unknown_or_translated_section_id_says_which_ids_exist(repo, capsys):
    code, _, err = run(repo, capsys, "sync", "en", "code-of-conduct.md", "--section", "values-and-behaviour")
    assert code == 2 and "did you mean #values-and-behaviours?" in err, err
    assert "#reporting-a-concern" in err  # the valid IDs are listed
    code, _, err = run(repo, capsys, "sync", "en", "code-of-conduct.md", "--section", "values")
    assert code == 2 and "did you mean #values-and-behaviours?" in err, err
    edit(repo, EN, [("{#values-and-behaviours}", "{#valeurs}")])
    code, _, err = run(repo, capsys, "sync", "en", "code-of-conduct.md")
    assert code == 2
    line = line_of(repo, EN, "{#valeurs}")
    assert f"{EN}:{line}: the heading has the ID #valeurs; give it the French ID {{#values-and-behaviours}}" in err, err


def test_the_hook_names_the_unstaged_files_and_reports_on_the_staged_ones_only(repo):
    french_commit(repo)  # en and es outdated
    edit(repo, EN, ENGLISH_UPDATE + [("{#values-and-behaviours}", "{#valeurs}")])
    git(repo, "add", EN)
    edit(repo, EN, [("{#valeurs}", "{#values-and-behaviours}")])  # the fix, not staged
    result = commit(repo, "English, the fix unstaged", everything=False)
    assert result.returncode != 0
    assert result.out.rstrip().splitlines()[-1] == (
        f"commit stopped; {EN} has unstaged changes that were not checked: `git add` it if they fix this."), result.out
    assert ES not in result.out  # the Spanish translation is not this commit's
    git(repo, "add", EN)
    for key in SECTIONS:
        assert run_quiet(repo, "sync", "en", "code-of-conduct.md", "--section", key) == 0
    result = commit(repo, "English follows the French")
    assert result.returncode == 0 and ES not in result.out, result.out


def run_quiet(root, *arguments):
    return translations(["--root", str(root), *arguments])


def test_the_summary_shows_the_french_change_a_translation_follows_in_the_same_change(repo, capsys):
    edit(repo, FR, FRENCH_CHANGE)
    edit(repo, EN, ENGLISH_UPDATE)
    for key in SECTIONS:
        assert run_quiet(repo, "sync", "en", "code-of-conduct.md", "--section", key) == 0
    assert commit(repo, "French and its English").returncode == 0
    code, out, _ = run(repo, capsys, "summary", "--base", "HEAD~1")
    english = out[out.index("(en):"):out.index("(es):")]
    assert "| French changed; translated, synced | `#values-and-behaviours` |" in english, english
    assert f"--- {FR} before this change" in english
    assert "+8. Redevabilité envers les femmes et les filles" in english
    assert "+8. Accountability to women and girls" not in english  # the French diff, not the English
