"""`python -m scripts.translations`: status with the French diff, sync, new language;
and the build's outdated notice and status page."""

from __future__ import annotations

import json
import subprocess

import pytest
from bs4 import BeautifulSoup

from conftest import build_site, copy_project, set_complete_languages
from scripts.check.__main__ import main as check
from scripts.handouts.build import build_handouts
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
    english = hub / "docs/en/code-of-conduct.md"
    english.write_text(english.read_text(encoding="utf-8").replace(
        "1. Respect and kindness", "1. Respect, listening and kindness"), encoding="utf-8")
    assert translations(["--root", str(hub), "sync", "en", "code-of-conduct.md",
                         "--section", "values-and-behaviours"]) == 0
    outdated = {(f["file"], f["section"]) for f in _findings(hub, capsys) if f["rule"] == "outdated-section"}
    assert ("docs/en/code-of-conduct.md", "values-and-behaviours") not in outdated
    assert ("docs/en/code-of-conduct.md", "behaviours-to-avoid") in outdated
    assert ("docs/es/code-of-conduct.md", "values-and-behaviours") in outdated


def _heading_line(path, section: str) -> int:
    """The 1-based line of the heading ``{#section}`` in ``path``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, text in enumerate(lines, 1) if text.endswith(f"{{#{section}}}"))


def test_sync_refuses_a_translation_unchanged_since_the_french_changed(hub, capsys):
    _change_french(hub)
    record = hub / "translations/es/code-of-conduct.yml"
    before = record.read_text(encoding="utf-8")
    command = ["--root", str(hub), "sync", "es", "code-of-conduct.md", "--section", "values-and-behaviours"]
    assert translations(command) == 2
    error = capsys.readouterr().err
    line = {loc: _heading_line(hub / f"docs/{loc}/code-of-conduct.md", "values-and-behaviours") for loc in ("es", "fr")}
    assert ("the French text changed since the last sync, but its translation did not:\n  "
            f"docs/es/code-of-conduct.md:{line['es']} #values-and-behaviours "
            f"(French: docs/fr/code-of-conduct.md:{line['fr']}-") in error
    assert "sync es code-of-conduct.md --section values-and-behaviours --no-change-needed" in error
    assert record.read_text(encoding="utf-8") == before
    assert ("docs/es/code-of-conduct.md", "values-and-behaviours") in {
        (f["file"], f["section"]) for f in _findings(hub, capsys) if f["rule"] == "outdated-section"}
    # The translator says the French change needs no Spanish change: recorded, and shown.
    assert translations(command + ["--no-change-needed"]) == 0
    assert "no_change_needed:\n  values-and-behaviours: " in record.read_text(encoding="utf-8")
    assert not [f for f in _findings(hub, capsys) if f["rule"] == "outdated-section" and f["file"].startswith("docs/es")]
    assert translations(["--root", str(hub), "status", "es"]) == 0
    assert (f"no change    docs/es/code-of-conduct.md:{line['es']} #values-and-behaviours  (the French change "
            "needed none, said `sync --no-change-needed`)") in capsys.readouterr().out


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
    # the glossary's terms without a Portuguese name: one warning while pt is not built
    assert {f["rule"] for f in findings} == {"page-untranslated", "interface-text", "glossary-term"}
    assert len([f for f in findings if f["rule"] == "glossary-term"]) == 1
    left = next(f["message"] for f in findings if f["rule"] == "interface-text")
    assert left.startswith("Português ('pt', not built yet) has ") and \
        "interface text(s) still to translate: `untranslated_notice` (data/ui.yml)" in left
    result = build_site(hub, tmp_path / "site", HUB_HANDOUTS="off")
    assert result.returncode == 0, result.stderr[-2000:]
    assert translations(["--root", str(hub), "new", "pt"]) == 2
    assert translations(["--root", str(hub), "new", "xx-nonsense"]) == 2


def test_new_puts_the_language_after_the_last_one_and_keeps_every_comment(hub, capsys):
    def comments(text):
        return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]
    before = {name: (hub / name).read_text(encoding="utf-8") for name in ("mkdocs.yml", "data/ui.yml")}
    assert translations(["--root", str(hub), "new", "pt"]) == 0
    for name, text in before.items():
        after = (hub / name).read_text(encoding="utf-8")
        added = [line for line in comments(after) if line not in comments(text)]
        assert [line for line in comments(after) if line not in added] == comments(text), name
        lines = after.splitlines()
        for number, line in enumerate(text.splitlines()):  # each comment still before the same line
            if line.strip().startswith("#"):
                following = text.splitlines()[number + 1]
                assert lines[lines.index(line) + 1] == following, (name, line)
    config = (hub / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.index("- locale: es") < config.index("- locale: pt") < config.index("# The offline bundle")
    assert "nav_translations" not in config[config.index("- locale: pt"):]
    assert "          site_name: '' # to translate" in config
    assert "  pt: '' # to translate" in (hub / "data/ui.yml").read_text(encoding="utf-8")


def _switch_on(root, language="pt"):
    path = root / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- locale: {language}")
    path.write_text(text[:start] + text[start:].replace("build: false", "build: true", 1), encoding="utf-8")


def test_a_language_switched_on_before_its_interface_is_translated_is_not_built(hub, tmp_path):
    assert translations(["--root", str(hub), "new", "pt"]) == 0
    _switch_on(hub)
    result = build_site(hub, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    line = next(n for n, text in enumerate((hub / "mkdocs.yml").read_text().splitlines(), 1) if "site_name: ''" in text)
    assert (f"mkdocs.yml:{line}: error [interface-text] the interface text `site_name` (mkdocs.yml) has no "
            "Português ('pt') text, and Português is built (`build: true`).") in result.stderr
    assert "data/ui.yml:9: error [interface-text] the interface text `untranslated_notice`" in result.stderr
    # findings of one kind are grouped: three in full per file, the others by their lines
    assert "palette toggle 1's `name`" in result.stderr and "… and 1 more [interface-text] at lines" in result.stderr
    assert not (tmp_path / "site" / "pt").exists()


PORTUGUESE = {"untranslated_notice": "Esta página ainda não foi traduzida para {language}. Eis a versão "
                                     "original em {source}.",
              "site_name": "Aliança MenEngage – Manual", "site_description": "O manual da Aliança MenEngage.",
              "name": "Mudar o tema"}


def translate_interface(hub, language="pt"):
    """Give the scaffolded Portuguese its interface text (data/ui.yml, mkdocs.yml)."""
    ui = (hub / "data/ui.yml").read_text(encoding="utf-8").split("\n")
    key = None
    for number, line in enumerate(ui):
        key = line[:-1] if line and not line.startswith((" ", "#")) else key
        if line.startswith(f"  {language}: ''"):
            ui[number] = f"  {language}: \"{PORTUGUESE.get(key, 'Texto em português')}\""
    (hub / "data/ui.yml").write_text("\n".join(ui), encoding="utf-8")
    config = (hub / "mkdocs.yml").read_text(encoding="utf-8")
    for name, text in PORTUGUESE.items():
        config = config.replace(f"{name}: '' # to translate", f'{name}: "{text}"')
    (hub / "mkdocs.yml").write_text(config, encoding="utf-8")


def test_a_built_language_with_untranslated_pages_names_the_right_languages(hub, tmp_path):
    assert translations(["--root", str(hub), "new", "pt"]) == 0
    translate_interface(hub)
    _switch_on(hub)
    (hub / "docs/es/glossary.md").unlink()
    set_complete_languages(hub, "en")
    site = tmp_path / "site"
    result = build_site(hub, site)
    assert result.returncode == 0, result.stderr[-2000:]
    for page, words in {"pt/glossary": ("traduzida para português", "original em francês"),
                        "es/glossary": ("traducida al español", "original en francés")}.items():
        notice = BeautifulSoup((site / page / "index.html").read_text("utf-8"), "lxml").select_one(".hub-untranslated")
        assert all(word in notice.get_text() for word in words), notice.get_text()
    # No handout of French text under the Portuguese name, nor a Spanish handbook without its glossary.
    outcome = build_handouts(hub, site, "https://example.org/", "cached", report=lambda _: None,
                             cache_dir=tmp_path / "empty-cache")
    considered = set(outcome.skipped)
    assert "handouts/code-of-conduct.es.a4.pdf" in considered
    assert not [path for path in considered if ".pt." in path or "handbook.es." in path]


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
