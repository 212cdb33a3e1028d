"""Glossary terms: where a French section uses a term of data/glossary.yml, the
translation uses that language's term. Words are compared without their plural and
gender endings, so masculinités / masculinité, aliado / aliada and asociación /
asociaciones match, while féminisme and féministe stay different words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

import yaml

from scripts.check.findings import ERROR, WARNING, Finding, aligned_sections, describe, found
from scripts.corpus import Corpus
from scripts.glossary import glossary
from scripts.pages import SAFE_LOADER

_WORD = re.compile(r"\w+")


# Inflection endings, per language: each step removes (or replaces) at most one ending.
# A language without an entry is compared word for word.
INFLECTIONS = {
    "fr": ((("s", ""), ("x", "")), (("e", ""),), (("ll", "l"), ("nn", "n"), ("tt", "t"))),
    # Spanish "-ón" nouns lose their accent in the plural (asociación, asociaciones).
    "es": ((("ones", "ó"), ("es", ""), ("s", ""), ("n", "")), (("a", ""), ("o", ""), ("e", ""))),
    "pt": ((("es", ""), ("s", "")), (("a", ""), ("o", ""), ("e", ""))),
    "en": ((("ies", "y"), ("s", "")),),
}


@cache
def base_form(word: str, locale: str) -> str:
    """``word`` lower-cased, without its plural and gender endings."""
    word = word.lower()
    for step in INFLECTIONS.get(locale, ()):
        for ending, replacement in step:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)] + replacement
                break
    return word


@lru_cache(maxsize=65536)  # a section's text is stemmed once, not once per term it holds
def stems(text: str, locale: str) -> str:
    """The base forms of the words of ``text``, as one space-separated string with a
    space at each end, so that a term is found with a plain substring test."""
    words = " ".join(base_form(word, locale) for word in _WORD.findall(text))
    return f" {words} " if words else ""


def readable(corpus: Corpus) -> Iterator[Finding]:
    """The glossary's YAML error, at its line, with what to fix (none when it reads)."""
    path = corpus.root / "data" / "glossary.yml"
    try:
        glossary(path)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        yield found(corpus, "data-file", ERROR, path, mark.line + 1 if mark else None,
                    f"the glossary is not valid YAML ({reason}"
                    + (f", near line {mark.line + 1}, column {mark.column + 1}" if mark else "") + ").",
                    "Fix that line, keeping your change: each term starts with `    - fr: …` and its other "
                    "languages follow as `      en: …` lines, indented exactly alike; quote a text holding `: `.")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        yield found(corpus, "data-file", ERROR, path, None, f"cannot read the glossary ({error}).",
                    "Write it as `sections:`, then each section's ID, then its terms as `- fr: …` entries.")


def lacking_languages(corpus: Corpus) -> Iterator[Finding]:
    """Each glossary entry without a name in a language that must be complete
    (``extra.hub.complete_languages``), an error at its line; for another language, one
    warning listing them (its glossary page shows “—” for them)."""
    path = corpus.root / "data" / "glossary.yml"
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    sections = next((value for key, value in root.value if key.value == "sections"), None)
    entries = [entry for _, terms in (sections.value if sections is not None else ()) for entry in terms.value]
    for language in corpus.config.languages:
        lacking = []
        for entry in entries:
            names = {key.value: value.value for key, value in entry.value if isinstance(value, yaml.ScalarNode)}
            if not str(names.get(language.locale) or "").strip():
                lacking.append((entry.start_mark.line + 1, names.get(corpus.source_language, "?")))
        if not lacking:
            continue
        hint = f"Add a line `{language.locale}: …` under each, indented as its other languages."
        if language.complete or language.locale == corpus.source_language:
            for line, name in lacking:
                yield found(corpus, "glossary-term", ERROR, path, line,
                            f"the term “{name}” has no {language.name} ('{language.locale}') name.", hint)
        else:
            yield found(corpus, "glossary-term", WARNING, path, lacking[0][0],
                        f"{language.name} ('{language.locale}') has no name for {len(lacking)} "
                        f"term(s): " + ", ".join(f"“{name}” (line {line})" for line, name in lacking) + ".", hint)


def check(corpus: Corpus) -> Iterator[Finding]:
    path = corpus.root / "data" / "glossary.yml"
    problems = list(readable(corpus))
    if problems:
        yield from problems
        return
    yield from lacking_languages(corpus)
    terms = [term for section in glossary(path).values() for term in section]
    source_language = corpus.source_language
    french_forms = [(term, stems(term.names[source_language], source_language))
                    for term in terms if term.names.get(source_language)]
    forms = {}  # (term index, locale) -> the term's base forms in that language
    french_terms = {}  # French section -> the terms it uses
    for pair in aligned_sections(corpus):
        if id(pair.source) not in french_terms:
            french = stems("\n".join(pair.source.text), source_language)
            french_terms[id(pair.source)] = [(index, term) for index, (term, form) in enumerate(french_forms)
                                             if form and form in french]
        for index, term in french_terms[id(pair.source)]:
            name = term.names[source_language]
            target = term.names.get(pair.locale)
            if not target:
                continue
            if (index, pair.locale) not in forms:
                forms[(index, pair.locale)] = stems(target, pair.locale)
            where = _lacking(pair, source_language, french_forms[index][1], forms[(index, pair.locale)])
            if where is None:
                continue
            line, times, used = where
            confirmed = pair.locale in term.confirmed
            yield found(corpus, "glossary-term", ERROR if confirmed else WARNING, pair.page.path, line,
                        f"{describe(pair.source, 'French')} uses “{name}”{times}; this text uses the "
                        f"glossary's term “{target}”{used}.",
                        f"Use “{target}” (any plural or gender form) for each “{name}” of the French; if it "
                        "does not fit here, discuss the glossary entry in data/glossary.yml.",
                        source=(pair.source_page.path, pair.source.line), section=pair.source.key)


@lru_cache(maxsize=65536)
def _count(form: str, text: str) -> int:
    """How many times the base forms ``form`` occur in the base forms ``text``."""
    return len(re.findall("(?= " + re.escape(form.strip()) + " )", text))


def _lacking(pair, source_language: str, french: str, target: str) -> tuple[int, str, str] | None:
    """Where the translation uses the term fewer times than the French does: the line of
    the first run of text (paragraph, list item, heading) that does, comparing runs in
    the same place when both sections have as many, else the whole section."""
    ours, theirs = pair.source.inlines, pair.section.inlines
    runs = list(zip(ours, theirs)) if len(ours) == len(theirs) else [(None, None)]
    for source, translation in runs:
        french_text = stems(source.text if source else "\n".join(pair.source.text), source_language)
        translated = stems(translation.text if translation else "\n".join(pair.section.text), pair.locale)
        wanted, used = _count(french, french_text), _count(target, translated)
        if used < wanted:
            line = translation.line if translation else pair.section.line
            return (line, f" {wanted} times" if wanted > 1 else "",
                    f" {used} time{'s' if used != 1 else ''} only" if used else " nowhere")
    return None
