"""The caches: a checker run after any change finds exactly what a run without any
cache finds, and after one page changed only that page is checked again; a build
parses each page once."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project
from scripts import pages as page_model
from scripts.check import cache as check_cache
from scripts.check.cache import cached_checks
from scripts.check.run import run_checks
from scripts.corpus import load_corpus
from scripts.page_cache import CACHE
from test_checker import CASES, COC, FR_COC, edit


@pytest.fixture
def hub(tmp_path) -> Path:
    project = copy_project(tmp_path / "hub")
    assert cached_checks(load_corpus(project, lazy=True)) == []  # the caches filled
    return project


def cached(root: Path) -> list:
    return cached_checks(load_corpus(root, lazy=True))


def cold(root: Path) -> list:
    """The findings with no cache at all (the caches put aside, then put back)."""
    aside = root.parent / "cache-aside"
    (root / CACHE).rename(aside)
    try:
        return run_checks(load_corpus(root))
    finally:
        shutil.rmtree(root / CACHE)
        aside.rename(root / CACHE)


def assert_same_as_cold(root: Path) -> list:
    findings = cached(root)
    assert findings == cold(root)
    return findings


@pytest.mark.parametrize("rule", sorted(CASES))
def test_after_each_kind_of_change_the_cached_check_finds_what_a_cold_one_does(hub, rule):
    change, file, *_ = CASES[rule]
    change(hub)
    findings = assert_same_as_cold(hub)
    assert any(f.rule == rule and f.file == file for f in findings)


def test_a_renamed_page_and_its_undoing_are_both_seen(hub):
    (hub / "docs/es/code-of-conduct.md").rename(hub / "docs/es/codigo-de-conducta.md")
    findings = assert_same_as_cold(hub)
    assert {f.rule for f in findings} >= {"page-missing", "page-orphan"}
    (hub / "docs/es/codigo-de-conducta.md").rename(hub / "docs/es/code-of-conduct.md")
    assert assert_same_as_cold(hub) == []


def test_a_deleted_page_breaks_the_links_of_the_pages_that_point_to_it(hub):
    (hub / "docs/en/glossary.md").unlink()
    findings = assert_same_as_cold(hub)
    assert any(f.rule == "link-broken" and f.file != "docs/en/glossary.md" for f in findings)


def test_a_changed_glossary_term_is_checked_in_every_page(hub):
    edit(hub, "data/glossary.yml", "en: Code of Conduct\n", "en: Conduct Code\n")
    findings = assert_same_as_cold(hub)
    assert any(f.rule == "glossary-term" and "Conduct Code" in f.message for f in findings)


def test_successive_edits_of_one_page_each_give_the_cold_findings(hub):
    edit(hub, FR_COC, "1. Respect et bienveillance", "1. Respect, écoute et bienveillance")
    assert {f.rule for f in assert_same_as_cold(hub)} == {"outdated-section"}
    edit(hub, COC, "the values of gender justice", "the values of gender equality")
    assert {f.rule for f in assert_same_as_cold(hub)} == {"outdated-section", "glossary-term"}
    edit(hub, FR_COC, "1. Respect, écoute et bienveillance", "1. Respect et bienveillance")
    assert {f.rule for f in assert_same_as_cold(hub)} == {"glossary-term"}


def test_after_one_page_changed_only_its_group_is_checked_again(hub, monkeypatch):
    checked = []
    monkeypatch.setattr(check_cache, "run_checks", lambda corpus: checked.append(set(corpus.pages)) or
                        run_checks(corpus))
    edit(hub, COC, "the values of gender justice", "the values of gender equality")
    findings = cached(hub)
    assert checked == [{(locale, "code-of-conduct.md") for locale in ("fr", "en", "es")}]
    assert [f.rule for f in findings] == ["glossary-term"]


def _check_command(root: Path) -> list[dict]:
    result = subprocess.run([sys.executable, "-m", "scripts.check", "--format", "json"], cwd=root,
                            capture_output=True, text=True, check=False)
    return json.loads(result.stdout)["findings"]


def test_a_changed_rule_s_code_is_applied_to_pages_already_checked(hub):
    """The project's own copy of the checker runs: its rule's message is changed
    after a run that cached the finding."""
    edit(hub, FR_COC, "1. Respect et bienveillance", "1. Respect, écoute et bienveillance")
    assert any("changed since this translation" in f["message"] for f in _check_command(hub))
    edit(hub, "scripts/check/freshness.py", "({where}) changed since this translation",
         "({where}) was altered since this translation")
    messages = [f["message"] for f in _check_command(hub) if f["rule"] == "outdated-section"]
    assert messages and all("was altered since this translation" in m for m in messages)


def test_a_build_parses_each_page_once(tmp_path, monkeypatch):
    """The input check parses the hub when the build starts; the home page's cards,
    in every language, read the documents' front matter from that parse."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = copy_project(tmp_path / "hub")
    parsed = []
    parse_page = page_model.parse_page
    monkeypatch.setattr(page_model, "parse_page", lambda path, source: parsed.append(path) or
                        parse_page(path, source))
    monkeypatch.setenv("HUB_HANDOUTS", "off")
    monkeypatch.chdir(project)
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    assert "hub-documents__title" in (tmp_path / "site" / "en" / "index.html").read_text("utf-8")
    assert sorted(parsed) == sorted(set(parsed)) and len(parsed) == len(list(project.glob("docs/*/*.md")))
