"""Text left untranslated: a paragraph identical to the French one, or a sentence
written in another language.

Each sentence of a translated paragraph, list item or heading is identified on its own
(``scripts/language_id.py``): one in the source language with high confidence and
enough words is an error (it would be published untranslated); one that is likely
another language is a warning. Names, titles of works, quoted terms and the glossary's
terms are not evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from scripts.check.findings import ERROR, WARNING, Finding, aligned_sections, found, locate
from scripts.corpus import Corpus
from scripts.glossary import glossary
from scripts.language_id import CLEAR, CLEAR_WORDS, LIKELY, identify, known

_WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS_IDENTICAL = 5   # shorter text (names, titles of works) may well be the same


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def glossary_terms(corpus: Corpus, locale: str) -> tuple[str, ...]:
    """The glossary's terms in ``locale``, lower-cased, longest first (none if the
    glossary is unreadable: the terminology rule reports that)."""
    try:
        sections = glossary(corpus.root / "data" / "glossary.yml")
    except (OSError, ValueError, KeyError, TypeError, AttributeError, yaml.YAMLError):
        return ()
    names = {str(term.names[locale]).lower() for terms in sections.values() for term in terms
             if term.names.get(locale)}
    return tuple(sorted(names, key=len, reverse=True))


def check(corpus: Corpus) -> Iterator[Finding]:
    languages = known(tuple(corpus.config.locales))
    terms = {locale: glossary_terms(corpus, locale) for locale in languages}
    paragraphs = {}  # French section -> its longer runs of text, by their words
    for pair in aligned_sections(corpus):
        if id(pair.source) not in paragraphs:
            paragraphs[id(pair.source)] = {" ".join(words): inline for inline in pair.source.inlines
                                           if len(words := _words(inline.text)) >= MIN_WORDS_IDENTICAL}
        french = paragraphs[id(pair.source)]
        for inline in pair.section.inlines:
            original = french.get(" ".join(_words(inline.text)))
            if original is not None:
                yield found(corpus, "untranslated-text", ERROR, pair.page.path, inline.line,
                            f"this text is the same as the French: “{_excerpt(inline.text)}”.",
                            "Translate it. If it is meant to stay in French (a title, a quotation), "
                            "suppress this finding (see the README).",
                            source=(pair.source_page.path, original.line), section=pair.source.key)
                continue
            if pair.locale not in languages:
                continue
            for sentence in identify(inline.text, languages, inline.italic, terms[pair.locale]):
                if sentence.language == pair.locale or sentence.confidence < LIKELY:
                    continue
                clearly = (sentence.language == corpus.source_language and sentence.confidence >= CLEAR
                           and sentence.words >= CLEAR_WORDS)
                line, column = locate(pair.page.path, inline.line, inline.text[:sentence.sentence.start],
                                      sentence.sentence.text)
                yield found(corpus, "wrong-language", ERROR if clearly else WARNING, pair.page.path, line,
                            (f"this sentence is in '{sentence.language}', the source language, not "
                             f"'{pair.locale}'" if clearly
                             else f"this sentence looks like it is in '{sentence.language}', not '{pair.locale}'")
                            + f": “{_excerpt(sentence.sentence.text)}”.",
                            ("Translate it: it would be published untranslated. " if clearly else "Translate it. ")
                            + "If it is a quotation meant to stay in its language, suppress this finding "
                            "(see the README).",
                            source=(pair.source_page.path, pair.source.line), section=pair.source.key,
                            column=column)


def _excerpt(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[:size].rstrip() + "…"
