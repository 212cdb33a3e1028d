"""Glossary terms: where a French section uses a term of data/glossary.yml, the
translation uses that language's term. Words are compared without their plural and
gender endings, so masculinités / masculinité, aliado / aliada and asociación /
asociaciones match, while féminisme and féministe stay different words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import yaml

from scripts.check.findings import ERROR, WARNING, Finding, aligned_sections, describe, found
from scripts.corpus import Corpus
from scripts.glossary import glossary

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


def stems(text: str, locale: str) -> str:
    """The base forms of the words of ``text``, as one space-separated string with a
    space at each end, so that a term is found with a plain substring test."""
    words = " ".join(base_form(word, locale) for word in _WORD.findall(text))
    return f" {words} " if words else ""


def check(corpus: Corpus) -> Iterator[Finding]:
    path = corpus.root / "data" / "glossary.yml"
    try:
        terms = [term for section in glossary(path).values() for term in section]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, yaml.YAMLError) as error:
        yield found(corpus, "data-file", ERROR, path, None, f"cannot read the glossary ({error}).",
                    "Restore data/glossary.yml from git and edit it as YAML.")
        return
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
        translated = None
        for index, term in french_terms[id(pair.source)]:
            name = term.names[source_language]
            target = term.names.get(pair.locale)
            if not target:
                continue
            translated = translated if translated is not None else stems("\n".join(pair.section.text), pair.locale)
            if (index, pair.locale) not in forms:
                forms[(index, pair.locale)] = stems(target, pair.locale)
            if forms[(index, pair.locale)] in translated:
                continue
            confirmed = pair.locale in term.confirmed
            yield found(corpus, "glossary-term", ERROR if confirmed else WARNING, pair.page.path,
                        pair.section.line,
                        f"{describe(pair.source, 'French')} uses “{name}”; this one does not use "
                        f"the glossary's term “{target}”.",
                        f"Use “{target}” (any plural or gender form); if it does not fit here, "
                        "discuss the glossary entry in data/glossary.yml.",
                        source=(pair.source_page.path, pair.source.line), section=pair.source.key)
