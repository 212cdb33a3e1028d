"""Figures and years: each translated section states the French section's numbers,
written in its own language's format (1 000, 1,000 and 1.000 are the same figure)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

from scripts.check.findings import ERROR, Finding, aligned_sections, describe, found
from scripts.corpus import Corpus
from scripts.pages import Section

# Spaces that may group thousands in any language (no-break, narrow no-break, thin).
_SPACE_GROUPS = "\u00a0\u202f\u2009"


@cache
def _number_pattern(locale: str) -> tuple[re.Pattern, dict, str]:
    """A pattern for one number written in ``locale``, a table removing its group
    separators, and its decimal symbol."""
    try:
        Locale.parse(locale)
        group, decimal = get_group_symbol(locale), get_decimal_symbol(locale)
    except (UnknownLocaleError, ValueError):
        group, decimal = ",", "."
    groups = _SPACE_GROUPS + group + (" " if group.isspace() else "")
    group_class = "[" + re.escape(groups) + "]"
    # A digit not preceded by a word character, dot or comma (the lookbehind comes after
    # the first digit, so the regex engine can skip ahead to digits), then either
    # thousands groups or plain digits, then decimals.
    pattern = rf"\d(?<![\w.,]\d)(?:\d{{0,2}}(?:{group_class}\d{{3}})+|\d*)(?:{re.escape(decimal)}\d+)?(?!\w)"
    return re.compile(pattern), str.maketrans("", "", groups), decimal


def numbers(section: Section, locale: str) -> dict[Decimal, str]:
    """The figures of a section's text, as values, each with how it was first written."""
    pattern, ungroup, decimal = _number_pattern(locale)
    values: dict[Decimal, str] = {}
    for text in section.text:
        for written in pattern.findall(text):
            plain = written.translate(ungroup).replace(decimal, ".")
            try:
                values.setdefault(Decimal(plain), written)
            except InvalidOperation:
                continue
    return values


def check(corpus: Corpus) -> Iterator[Finding]:
    source_language = corpus.source_language
    french = {}  # French section -> its figures, read once for every translation
    for pair in aligned_sections(corpus):
        if id(pair.source) not in french:
            french[id(pair.source)] = numbers(pair.source, source_language)
        ours = french[id(pair.source)]
        theirs = numbers(pair.section, pair.locale)
        missing = [written for value, written in ours.items() if value not in theirs]
        extra = [written for value, written in theirs.items() if value not in ours]
        if not missing and not extra:
            continue
        parts = []
        if missing:
            parts.append("lacks the French figure(s) " + ", ".join(missing))
        if extra:
            parts.append("has " + ", ".join(extra) + " where the French does not")
        yield found(corpus, "number-mismatch", ERROR, pair.page.path, pair.section.line,
                    f"{describe(pair.section)} {' and '.join(parts)}.",
                    "Give the same figures and years as the French section, in your language's "
                    "number format (e.g. 1 000 → 1,000 in English).",
                    source=(pair.source_page.path, pair.source.line), section=pair.source.key)
