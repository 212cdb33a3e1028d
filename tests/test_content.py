"""The content itself: every page in every language, aligned on the French source."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest

from scripts.pages import BLOCK_KINDS

REQUIRED_META = ("title", "description")


def test_every_source_page_is_in_the_navigation(config, source_pages):
    in_nav = {path for _, path in config.nav}
    assert set(source_pages) == in_nav


def test_every_french_page_has_each_translation(config, pages, source_pages):
    missing = [f"docs/{locale}/{rel}" for rel in source_pages for locale in config.translations
               if (locale, rel) not in pages]
    assert not missing, "translations missing: " + ", ".join(missing)


def test_no_translation_without_a_french_page(config, pages, source_pages):
    orphans = [f"docs/{locale}/{rel}" for locale, rel in pages if rel not in source_pages]
    assert not orphans


def test_pages_parse_cleanly_with_required_front_matter(pages):
    problems = [str(problem) for page in pages.values() for problem in page.problems]
    problems += [f"{page.path}: front matter lacks '{key}'" for page in pages.values()
                 for key in REQUIRED_META if not page.meta.get(key)]
    assert not problems, "\n".join(problems)


def test_heading_ids_are_unique_within_each_page(pages):
    duplicates = {str(page.path): sorted({i for i in page.ids if page.ids.count(i) > 1})
                  for page in pages.values()}
    assert not {path: ids for path, ids in duplicates.items() if ids}


def test_translations_have_the_same_headings_in_the_same_order(config, pages, source_pages):
    for rel, source in source_pages.items():
        expected = [(s.id, s.level) for s in source.headings]
        for locale in config.translations:
            translation = pages.get((locale, rel))
            if translation is None:
                continue  # reported by test_every_french_page_has_each_translation
            assert [(s.id, s.level) for s in translation.headings] == expected, \
                f"docs/{locale}/{rel}: heading IDs or levels differ from docs/fr/{rel}"


def aligned_sections(config, pages, source_pages):
    """Each French section with its counterpart in every existing translation.

    Missing pages and sections are left to the tests that report them.
    """
    for rel, source in source_pages.items():
        for locale in config.translations:
            translation = pages.get((locale, rel))
            for section in source.sections if translation else ():
                other = translation.counterpart(section)
                if other is not None:
                    yield f"docs/{locale}/{rel}", section, other


def test_translations_have_the_same_blocks_in_each_section(config, pages, source_pages):
    """Same number of paragraphs, list items, blockquotes and table rows per section."""
    differences = [
        f"{path}:{other.line} #{section.id}: {kind} {other.blocks.get(kind, 0)} "
        f"vs {section.blocks.get(kind, 0)} in French"
        for path, section, other in aligned_sections(config, pages, source_pages)
        for kind in BLOCK_KINDS if section.blocks.get(kind, 0) != other.blocks.get(kind, 0)
    ]
    assert not differences, "\n".join(differences)


def _internal_target(page_rel: str, target: str) -> tuple[str, str]:
    """The (page, anchor) an internal Markdown link points at."""
    parts = urlsplit(target)
    path = unquote(parts.path)
    resolved = str(PurePosixPath(page_rel).parent / path) if path else page_rel
    return resolved.removeprefix("./"), parts.fragment


def test_internal_links_resolve_in_the_same_language(pages):
    broken = []
    for (locale, rel), page in pages.items():
        for link in page.links:
            if link.is_external or link.is_image:
                continue
            target_rel, anchor = _internal_target(rel, link.target)
            target = pages.get((locale, target_rel))
            if target is None:
                broken.append(f"{page.path}:{link.line}: {link.target} (no page docs/{locale}/{target_rel})")
            elif anchor and anchor not in target.ids:
                broken.append(f"{page.path}:{link.line}: {link.target} (no #{anchor} in docs/{locale}/{target_rel})")
    assert not broken, "\n".join(broken)


def test_sections_link_to_the_same_targets_as_in_french(config, pages, source_pages):
    differences = [f"{path}:{other.line} #{section.id}: links differ from the French section"
                   for path, section, other in aligned_sections(config, pages, source_pages)
                   if sorted(l.target for l in other.links) != sorted(l.target for l in section.links)]
    assert not differences, "\n".join(differences)


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


def test_each_section_keeps_the_french_figures(config, pages, source_pages):
    differences = []
    for path, section, other in aligned_sections(config, pages, source_pages):
        expected, found = _figures("\n".join(section.text)), _figures("\n".join(other.text))
        if expected != found:
            differences.append(f"{path}:{other.line} #{section.id}: {sorted(found)} vs {sorted(expected)}")
    assert not differences, "\n".join(differences)


@pytest.mark.parametrize("locale", ["en", "es"])
def test_translations_carry_no_french_typography(pages, locale):
    """No French no-break space before punctuation, no French inclusive dots."""
    leaks = [f"{page.path}" for (loc, _), page in pages.items() if loc == locale
             and ("\u00a0:" in page.text or "\u00a0;" in page.text or "•e" in page.text)]
    assert not leaks


def test_french_pages_use_no_break_spaces_before_high_punctuation(source_pages):
    bad = [f"{page.path}: {line.strip()[:60]}" for page in source_pages.values()
           for line in page.text.splitlines() if re.search(r"\S[;!?»]|«\S|\S :", line)
           and not re.search(r"https?:|\w[?]\w", line)]
    assert not bad, "\n".join(bad)


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
    "Normes de redevabilité": {"en": "Accountability Standards", "es": "Estándares para la rendición de cuentas"},
}


def _attributions(page) -> list[str]:
    return [line for line in page.path.read_text(encoding="utf-8").splitlines() if line.startswith("> —")]


def test_the_four_sources_are_quoted_with_their_attribution(source_pages):
    attributions = "\n".join(line for page in source_pages.values() for line in _attributions(page))
    assert all(name in attributions for name in QUOTED_SOURCES)


@pytest.mark.parametrize("locale", ["en", "es"])
def test_translated_quotes_keep_their_attribution(pages, source_pages, locale):
    for rel, source in source_pages.items():
        if (locale, rel) not in pages:
            continue  # reported by test_every_french_page_has_each_translation
        translated = "\n".join(_attributions(pages[(locale, rel)]))
        for line in _attributions(source):
            for name, names in QUOTED_SOURCES.items():
                if name in line:
                    assert names[locale] in translated, f"docs/{locale}/{rel}: no attribution to {names[locale]}"
