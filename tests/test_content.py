"""The content itself: the hub passes its own consistency checker, and keeps the
figures, quotations and corrections of the French handbook in every language."""

from __future__ import annotations

import re

import pytest
import yaml

from scripts.check.run import run_checks
from scripts.corpus import load_corpus
from scripts.site_config import ROOT


def test_every_source_page_is_in_the_navigation(config, source_pages):
    """All but the contributors' page, kept out of the readers' menu (and search)."""
    in_nav = set(config.nav)
    assert set(source_pages) == in_nav | {"contributing.md"}
    assert "contributing.md" not in in_nav
    assert source_pages["contributing.md"].meta["search"]["exclude"] is True


def test_the_hub_passes_the_consistency_checker_cleanly():
    """Zero errors and zero warnings: every language complete, aligned and up to date."""
    findings = run_checks(load_corpus())
    assert not findings, "\n".join(f"{f.file}:{f.line}: {f.severity} [{f.rule}] {f.message}"
                                    for f in findings)


FIGURES = {"1000": "members", "80": "countries", "43": "national networks",
           "6": "regional networks", "2021-2024": "the plan", "2014": "Delhi",
           "2017-2020": "previous plan", "2024": "horizon"}


def _figures(text: str) -> set[str]:
    """Numbers in ``text``, with thousands separators of any locale removed."""
    text = re.sub(r"(?<=\d)[\u00a0\u202f ,.](?=\d{3}\b)", "", text)
    return set(re.findall(r"\d+(?:-\d+)?", text))


@pytest.mark.parametrize("locale", ["fr", "en", "es"])
def test_key_figures_appear_in_every_language(pages, locale):
    text = "\n".join(page.text for (loc, _), page in pages.items() if loc == locale)
    missing = {figure: what for figure, what in FIGURES.items() if figure not in _figures(text)}
    assert not missing


def test_the_extraction_residue_is_gone(source_pages):
    text = "\n".join(page.text for page in source_pages.values())
    for residue in ("We foster", "Core Principles", "cal reflections", "Page 5", "Page 17",
                    "Page 30", "utilisation substances", ": :"):
        assert residue not in text


QUOTED_SOURCES = {
    "Plan Stratégique 2021-2024": {"en": "Strategic Plan 2021-2024", "es": "Plan Estratégico 2021-2024"},
    "Déclaration et appel à l'action de Delhi": {
        "en": "Delhi Declaration and Call to Action", "es": "Declaración de Delhi y Llamado a la Acción"},
    "Déclaration et appel à l'action Ubuntu": {
        "en": "Ubuntu Declaration and Call to Action", "es": "Declaración y Llamado a la Acción de Ubuntu"},
    "Normes de redevabilité": {"en": "Accountability Standards", "es": "Estándares para la Rendición de Cuentas"},
}


def _attributions(page) -> list[str]:
    """The page's quotation attributions (apostrophes as the names above write them)."""
    return [line.replace("’", "'") for line in page.path.read_text(encoding="utf-8").splitlines()
            if line.startswith("> —")]


def test_the_four_sources_are_quoted_with_their_attribution(source_pages):
    attributions = "\n".join(line for page in source_pages.values() for line in _attributions(page))
    assert all(name in attributions for name in QUOTED_SOURCES)


@pytest.mark.parametrize("locale", ["en", "es"])
def test_translated_quotes_keep_their_attribution(pages, source_pages, locale):
    for rel, source in source_pages.items():
        if (locale, rel) not in pages:
            continue  # reported by the checker's page-missing rule
        translated = "\n".join(_attributions(pages[(locale, rel)]))
        for line in _attributions(source):
            for name, names in QUOTED_SOURCES.items():
                if name in line:
                    assert names[locale] in translated, f"docs/{locale}/{rel}: no attribution to {names[locale]}"


def _plain(text: str) -> str:
    """``text`` with its spaces and apostrophes in one style, to compare wording only."""
    return " ".join(text.replace("\u2019", "'").split())


def _section_text(page, section_id: str) -> list[str]:
    return [_plain(text) for text in page.section(section_id).text]


def test_the_french_domains_keep_the_handbooks_own_titles(source_pages):
    """Domain 4 reads as the handbook titles it, not as the roadmap labels it; domain 3's
    section title is a verb like the other three (the handbook's is a noun)."""
    plan = source_pages["strategic-plan.md"]
    assert _plain(plan.section("domain-3").title) == "3. Renforcer nos pratiques pour un impact plus important"
    assert "Domaine d'intervention 4 : Approches renforcées de la création des mouvements" \
        in _section_text(plan, "domain-4")


def test_the_second_outcome_area_is_worded_as_each_part_of_the_handbook_has_it(source_pages):
    """The roadmap says « responsable », the heading of domain 2 says « redevable »."""
    plan = source_pages["strategic-plan.md"]
    assert "Plaidoyer politique responsable et voix politique" in _section_text(plan, "outcome-areas")
    assert "Domaine d'intervention 2 : Plaidoyer politique redevable et voix politique" \
        in _section_text(plan, "domain-2")


@pytest.mark.parametrize("locale", ["fr", "en", "es"])
def test_the_ubuntu_quote_is_attributed_as_the_handbook_does(pages, locale):
    """To the Declaration and its year alone, without adding the Alliance (a translation
    then says it is one)."""
    name = QUOTED_SOURCES["Déclaration et appel à l'action Ubuntu"].get(locale, "Déclaration et appel à l'action Ubuntu")
    quote = _section_text(pages[(locale, "strategic-plan.md")], "roadmap-strategies")
    attribution = next(text for text in quote if name in text)
    assert attribution.startswith(f"— {name}, 2021") and "Alliance" not in attribution and "Alianza" not in attribution


# Quotations whose English or Spanish wording is the organisation's own, as published
# (the page gives the address in a reviewer comment next to the quotation).
PUBLISHED_QUOTES = {
    "en": {"It is essential that each of us live the values of gender justice"},  # menengage.org/code-conduct/
    "es": set(),
}
TRANSLATED_QUOTE = {"en": "(our translation from the handbook's French edition)",
                    "es": "(traducción nuestra de la edición francesa del manual)"}


@pytest.mark.parametrize("locale", ["en", "es"])
def test_a_quotation_is_the_organisations_published_wording_or_says_it_is_a_translation(pages, locale):
    """A back-translation of the French edition is never presented as the organisation's words."""
    for (loc, rel), page in pages.items():
        if loc != locale:
            continue
        for line in _attributions(page):
            lines = page.path.read_text(encoding="utf-8").replace("’", "'").splitlines()
            quote = re.sub(r"\s*<!--.*?-->", "", lines[lines.index(line) - 2]).lstrip("> ").strip("“”«»\"")
            if quote.rstrip(".") in PUBLISHED_QUOTES[locale]:
                assert TRANSLATED_QUOTE[locale] not in line, f"docs/{locale}/{rel}: {quote}"
            else:
                assert line.endswith(TRANSLATED_QUOTE[locale]), f"docs/{locale}/{rel}: “{quote}” is not marked as a translation"


DOMAIN_3 = {"fr": "Programmation plus efficace", "en": "Effective and strengthened programming",
            "es": "Programación más eficaz"}


@pytest.mark.parametrize("locale", ["fr", "en", "es"])
def test_readers_see_that_domain_3_is_titled_from_the_roadmap(pages, locale):
    """The handbook prints domain 4's title on domain 3: an editorial note, not a hidden
    comment, tells readers which title the site follows and why."""
    section = pages[(locale, "strategic-plan.md")].section("domain-3")
    assert section.blocks.get("admonition") == 1
    assert any(DOMAIN_3[locale] in text and "4" in text for text in section.text)


@pytest.mark.parametrize("locale", ["en", "es"])
def test_each_outcome_area_has_one_name_in_a_translation(pages, locale):
    """The roadmap's label of an outcome area (and so the figure's) is the label of the
    section it links to, even where the French handbook words the two differently."""
    plan = pages[(locale, "strategic-plan.md")]
    names = _section_text(plan, "outcome-areas")[1:]  # after the heading
    assert len(names) == 4
    for number, name in enumerate(names, 1):
        labels = [text.split(": ", 1)[1] for text in _section_text(plan, f"domain-{number}") if f" {number}: " in text]
        assert labels and labels[0].startswith(name), name  # “… de la Alianza” + “MenEngage”


def test_the_community_of_practice_stage_lists_the_handbooks_five_bare_nouns(pages):
    """As the handbook's diagram: Redevabilité, Normes, Soutien, Voix, Apprentissage,
    with no articles or punctuation mixed in, and the translations parallel to it."""
    expected = {"fr": ["Redevabilité", "Normes", "Soutien", "Voix", "Apprentissage"],
                "en": ["Accountability", "Standards", "Support", "Voice", "Learning"],
                "es": ["Rendición de cuentas", "Estándares", "Apoyo", "Voz", "Aprendizaje"]}
    for locale, nouns in expected.items():
        assert _section_text(pages[(locale, "theory-of-change.md")], "as-a-community-of-practice")[-5:] == nouns


def test_spanish_keeps_the_nuance_of_the_french(pages):
    """« façonne » shapes, it does not determine; principle 5 keeps the French pairing of
    gender identities and expressions with sexuality."""
    toc = " ".join(_section_text(pages[("es", "theory-of-change.md")], "transforming-masculinities"))
    assert "el patriarcado moldea la manera" in toc and "el patriarcado determina" not in toc
    principles = _section_text(pages[("es", "core-principles.md")], "principles")
    assert "Acogemos la diversidad de identidades y expresiones de género y de sexualidad." in principles


DOCUMENTS = ("strategic-plan.md", "theory-of-change.md", "core-principles.md", "code-of-conduct.md",
             "accountability-standards.md")


def test_the_spanish_menu_writes_every_documents_name_in_one_style(pages):
    """Capitals on the main words of each document's name, as « Principios Centrales »
    and « Plan Estratégico » (the glossary's note on « Cadre de redevabilité »)."""
    minor = {"de", "del", "la", "las", "el", "los", "para", "y", "en"}
    titles = [pages[("es", rel)].meta["title"] for rel in DOCUMENTS]
    assert [title for title in titles if any(word[0].islower() for word in title.split() if word not in minor)] == []


def test_one_french_name_for_the_accountability_framework_and_the_outcome_areas(source_pages):
    """« redevabilité » (not the handbook's occasional « responsabilité ») and « domaines
    d'intervention » (not « domaines de résultats ») in the text readers see."""
    text = "\n".join(" ".join(section_text for section in page.headings for section_text in section.text)
                     for page in source_pages.values()).replace("\u2019", "'")
    for other in ("cadre de responsabilité", "culture de la responsabilité", "domaines de résultats"):
        assert other not in text


def test_french_and_spanish_readers_see_the_letter_paper_size_in_their_language(pages):
    """The US Letter size is named in the reader's language (« Lettre US », « Carta »), on
    the PDF links (data/ui.yml) and on the handouts page alike."""
    label = yaml.safe_load((ROOT / "data/ui.yml").read_text(encoding="utf-8"))["paper_letter"]
    assert label["fr"] != "Letter" and label["es"] != "Letter"
    for locale, name in label.items():
        assert name in pages[(locale, "handouts.md")].text, locale
