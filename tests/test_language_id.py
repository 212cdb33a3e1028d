"""French left in a translation is found sentence by sentence, at its line and column,
in every language the hub has or adds; names, titles of works and quoted terms are
not evidence of a wrong language."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project
from scripts.check.__main__ import main
from scripts.translations import main as translations

COC = "code-of-conduct.md"
INTRO = 9  # the Code of Conduct's introduction, in every language
FRENCH_SENTENCES = [
    "Notre Code de conduite a été développé en étroite collaboration avec les membres afin de créer "
    "un consensus sur ce qui devrait le fonder.",
    "Il se concentre sur les comportements individuels.",
    "Le Code s’applique à tous les membres de l’Alliance MenEngage, aux niveaux national, régional et "
    "mondial du réseau.",
]
SAMPLE_PT = Path(__file__).resolve().parent.parent / "scripts/benchmarks/samples/pt" / COC


@pytest.fixture
def hub(tmp_path) -> Path:
    return copy_project(tmp_path / "hub")


def _wrong_language(root: Path, capsys, rel: str) -> list[dict]:
    main(["--root", str(root), "--format", "json", rel])
    return [f for f in json.loads(capsys.readouterr().out)["findings"]
            if f["rule"] == "wrong-language" and f["file"] == rel]


def _set_intro(root: Path, rel: str, text: str) -> str:
    """Replace the introduction of ``rel`` with ``text``; return the line as written."""
    lines = (root / rel).read_text(encoding="utf-8").split("\n")
    lines[INTRO - 1] = text
    (root / rel).write_text("\n".join(lines), encoding="utf-8")
    return text


def test_three_french_sentences_after_a_translated_one_are_each_found_at_their_column(hub, capsys):
    rel = f"docs/en/{COC}"
    line = _set_intro(hub, rel, "As part of their membership of our communities of practice, MenEngage Alliance "
                                "members commit to living by the values we stand for in the world. "
                                + " ".join(FRENCH_SENTENCES))
    findings = _wrong_language(hub, capsys, rel)
    assert [(f["line"], f["column"], f["severity"]) for f in findings] == [
        (INTRO, line.index(sentence) + 1, "error") for sentence in FRENCH_SENTENCES]
    assert "this sentence is in 'fr', the source language, not 'en'" in findings[0]["message"]
    assert "Il se concentre" in findings[1]["message"]


def test_a_reworded_french_sentence_in_spanish_is_an_error(hub, capsys):
    rel = f"docs/es/{COC}"
    text = (hub / rel).read_text(encoding="utf-8").split("\n")[INTRO - 1]
    spanish = "Se centra en los comportamientos individuales."
    french = "Il porte avant tout sur la conduite de chacune et de chacun, en ligne et en personne."
    line = _set_intro(hub, rel, text.replace(spanish, french))
    findings = _wrong_language(hub, capsys, rel)
    assert [(f["line"], f["column"], f["severity"]) for f in findings] == [(INTRO, line.index(french) + 1, "error")]


def test_a_french_sentence_in_an_added_language_is_found(hub, capsys):
    assert translations(["--root", str(hub), "new", "pt"]) == 0
    capsys.readouterr()
    rel = f"docs/pt/{COC}"
    (hub / rel).write_text(SAMPLE_PT.read_text(encoding="utf-8"), encoding="utf-8")
    text = (hub / rel).read_text(encoding="utf-8").split("\n")[INTRO - 1]
    cut = text.index(". ") + 2
    line = _set_intro(hub, rel, text[:cut] + FRENCH_SENTENCES[0] + " " + text[cut:])
    findings = _wrong_language(hub, capsys, rel)
    assert [(f["line"], f["column"], f["severity"]) for f in findings] == [(INTRO, cut + 1, "error")]
    assert "not 'pt'" in findings[0]["message"]


def test_names_titles_and_quoted_terms_are_not_evidence(hub, capsys):
    rel = f"docs/en/{COC}"
    _set_intro(hub, rel, "The Alliance MenEngage wrote the *Déclaration et appel à l’action de Delhi* with "
                         "partners; members speak of « justice de genre » and of “masculinités patriarcales” "
                         "as Jean-Baptiste Dupont de La Rochefoucauld did in Paris.")
    assert _wrong_language(hub, capsys, rel) == []


def _check_in_a_new_process(root: Path, rel: str) -> tuple[list[dict], bool]:
    """The findings of ``python -m scripts.check`` on ``rel`` run in ``root`` (its
    findings of the last run put aside), and whether that run loaded the identifier's
    model."""
    shutil.rmtree(root / ".cache" / "check", ignore_errors=True)
    script = ("import json, sys\nfrom scripts.check.__main__ import main\n"
              f"main(['--format', 'json', {rel!r}])\n"
              "print('\\nMODEL LOADED' if 'py3langid' in sys.modules else '')\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=False)
    report, _, loaded = result.stdout.rpartition("\n\n")
    findings = [f for f in json.loads(report)["findings"] if f["rule"] == "wrong-language"]
    return findings, "MODEL LOADED" in loaded


def test_answers_kept_from_the_last_check_give_the_same_findings_without_loading_the_model(hub):
    rel = f"docs/en/{COC}"
    _set_intro(hub, rel, "As part of their membership of our communities of practice, MenEngage Alliance "
                         "members commit to living by the values we stand for in the world. "
                         + " ".join(FRENCH_SENTENCES))
    first, loaded = _check_in_a_new_process(hub, rel)
    assert len(first) == len(FRENCH_SENTENCES) and loaded
    assert _check_in_a_new_process(hub, rel) == (first, False)  # every sentence answered before
    for answers in (hub / ".cache" / "language-id").glob("*.answers"):
        answers.write_bytes(b"\x00odd bytes")  # a damaged cache is made again
    assert _check_in_a_new_process(hub, rel) == (first, True)
