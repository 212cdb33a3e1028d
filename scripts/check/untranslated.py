"""Text left untranslated: a paragraph identical to the French one, or one whose
words are clearly those of another language.

A paragraph, list item or heading whose words are those of the source language with
high confidence (at least MIN_DISTINCT_SOURCE of the source's own function words, the
ones the translation's language does not share, and three times as many as the
translation's own) is an error: it would be published untranslated. Short, mixed or
other-language text stays a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scripts.check.findings import ERROR, WARNING, Finding, aligned_sections, data_file, found
from scripts.corpus import Corpus

_WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS_IDENTICAL = 5   # shorter text (names, titles of works) may well be the same
MIN_WORDS_LANGUAGE = 8    # too few words say nothing about the language
MIN_DISTINCT_SOURCE = 4   # the source language's own function words in text it clearly wrote
FUNCTION_WORDS = "data/function_words.yml"


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def language_of(words: list[str], known: dict[str, frozenset[str]]) -> dict[str, int]:
    """How many of ``words`` are function words of each known language."""
    return {locale: sum(map(vocabulary.__contains__, words)) for locale, vocabulary in known.items()}


def check(corpus: Corpus) -> Iterator[Finding]:
    raw, error = data_file(corpus, FUNCTION_WORDS, "Write it as `LANG: [word, word, …]` lines.")
    if error:
        yield error
    known = {str(locale): frozenset(map(str, words)) for locale, words in raw.items()
             if isinstance(words, list)}
    paragraphs = {}  # French section -> its longer runs of text, by their words
    for pair in aligned_sections(corpus):
        if id(pair.source) not in paragraphs:
            paragraphs[id(pair.source)] = {" ".join(words): inline for inline in pair.source.inlines
                                           if len(words := _words(inline.text)) >= MIN_WORDS_IDENTICAL}
        french = paragraphs[id(pair.source)]
        for inline in pair.section.inlines:
            words = _words(inline.text)
            original = french.get(" ".join(words))
            if original is not None:
                yield found(corpus, "untranslated-text", ERROR, pair.page.path, inline.line,
                            f"this text is the same as the French: “{_excerpt(inline.text)}”.",
                            "Translate it. If it is meant to stay in French (a title, a quotation), "
                            "suppress this finding (see the README).",
                            source=(pair.source_page.path, original.line), section=pair.source.key)
                continue
            if len(words) < MIN_WORDS_LANGUAGE or pair.locale not in known:
                continue
            scores = language_of(words, known)
            best = max(scores, key=scores.get)
            if best != pair.locale and scores[best] >= 3 and scores[best] >= 2 * scores[pair.locale] + 2:
                clearly = best == corpus.source_language and _clearly(words, known[best], known[pair.locale])
                yield found(corpus, "wrong-language", ERROR if clearly else WARNING, pair.page.path, inline.line,
                            (f"this text is in '{best}', the source language, not '{pair.locale}'" if clearly
                             else f"this text looks like it is in '{best}', not '{pair.locale}'")
                            + f": “{_excerpt(inline.text)}”.",
                            ("Translate it: it would be published untranslated. " if clearly else "Translate it. ")
                            + "If it is a quotation meant to stay in its language, suppress this finding "
                            "(see the README).",
                            source=(pair.source_page.path, pair.source.line), section=pair.source.key)


def _clearly(words: list[str], source: frozenset[str], target: frozenset[str]) -> bool:
    """Whether ``words`` are the source language's with high confidence: counted on
    the function words one language has and the other lacks (French and Spanish share
    `la`, `de`, `que`…)."""
    own, others = source - target, target - source
    ours, theirs = sum(map(own.__contains__, words)), sum(map(others.__contains__, words))
    return ours >= MIN_DISTINCT_SOURCE and ours >= 3 * theirs


def _excerpt(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[:size].rstrip() + "…"
