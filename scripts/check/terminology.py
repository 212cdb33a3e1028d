"""Glossary terms: where a French section uses a term of data/glossary.yml, the
translation uses that language's term. Words are compared without their plural and
gender endings, so masculinités / masculinité and aliado / aliada match, while
féminisme and féministe stay different words."""

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
    "es": ((("es", ""), ("s", ""), ("n", "")), (("a", ""), ("o", ""), ("e", ""))),
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


def stems(text: str, locale: str) -> tuple[str, ...]:
    """The base forms of the words of ``text``."""
    return tuple(base_form(word, locale) for word in _WORD.findall(text))


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    size = len(needle)
    return size > 0 and any(haystack[i:i + size] == needle for i in range(len(haystack) - size + 1))


def check(corpus: Corpus) -> Iterator[Finding]:
    path = corpus.root / "data" / "glossary.yml"
    try:
        terms = [term for section in glossary(path).values() for term in section]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, yaml.YAMLError) as error:
        yield found(corpus, "data-file", ERROR, path, None, f"cannot read the glossary ({error}).",
                    "Restore data/glossary.yml from git and edit it as YAML.")
        return
    source_language = corpus.source_language
    french_terms = {}
    for pair in aligned_sections(corpus):
        if id(pair.source) not in french_terms:
            french = stems("\n".join(pair.source.text), source_language)
            french_terms[id(pair.source)] = [
                term for term in terms if term.names.get(source_language)
                and _contains(french, stems(term.names[source_language], source_language))]
        translated = None
        for term in french_terms[id(pair.source)]:
            name = term.names.get(source_language)
            target = term.names.get(pair.locale)
            if not target:
                continue
            translated = translated or stems("\n".join(pair.section.text), pair.locale)
            if _contains(translated, stems(target, pair.locale)):
                continue
            confirmed = pair.locale in term.confirmed
            yield found(corpus, "glossary-term", ERROR if confirmed else WARNING, pair.page.path,
                        pair.section.line,
                        f"the French {describe(pair.source)} uses “{name}”; this one does not use "
                        f"the glossary's term “{target}”.",
                        f"Use “{target}” (any plural or gender form); if it does not fit here, "
                        "discuss the glossary entry in data/glossary.yml.",
                        source=(pair.source_page.path, pair.source.line), section=pair.source.key)
