"""Figures and years: each translated section states the French section's numbers,
written in its own language's format (1 000, 1,000 and 1.000 are the same figure)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.numbers import get_decimal_symbol, get_group_symbol

from scripts.check.findings import ERROR, Finding, aligned_sections, describe, found, locate
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


def _figures(section: Section, locale: str) -> dict[Decimal, tuple[str, int, int]]:
    """The figures of a section's text, each with how it was first written, the index
    of its inline run and its offset there."""
    pattern, ungroup, decimal = _number_pattern(locale)
    values: dict[Decimal, tuple[str, int, int]] = {}
    for index, text in enumerate(section.text):
        for match in pattern.finditer(text):
            written = match.group()
            plain = written.translate(ungroup).replace(decimal, ".")
            try:
                values.setdefault(Decimal(plain), (written, index, match.start()))
            except InvalidOperation:
                continue
    return values


def _where(pair, figures: dict, french: dict, extra: list, missing: list) -> tuple[int, int | None]:
    """The line and column of the first figure the translation has and the French lacks;
    else the line of the run (same place as the French one) that lacks a French figure."""
    inlines = pair.section.inlines
    if extra:
        written, index, offset = figures[extra[0]]
        inline = inlines[index]
        return locate(pair.page.path, inline.line, inline.text[:offset], written)
    index = french[missing[0]][1]
    return (inlines[index].line if index < len(inlines) else pair.section.line), None


def check(corpus: Corpus) -> Iterator[Finding]:
    source_language = corpus.source_language
    french = {}  # French section -> its figures, read once for every translation
    for pair in aligned_sections(corpus):
        if id(pair.source) not in french:
            french[id(pair.source)] = _figures(pair.source, source_language)
        ours = french[id(pair.source)]
        theirs = _figures(pair.section, pair.locale)
        missing = [value for value in ours if value not in theirs]
        extra = [value for value in theirs if value not in ours]
        if not missing and not extra:
            continue
        parts = []
        if missing:
            parts.append("lacks the French figure(s) " + ", ".join(ours[value][0] for value in missing))
        if extra:
            parts.append("has " + ", ".join(theirs[value][0] for value in extra) + " where the French does not")
        line, column = _where(pair, theirs, ours, extra, missing)
        yield found(corpus, "number-mismatch", ERROR, pair.page.path, line,
                    f"{describe(pair.section)} {' and '.join(parts)}.",
                    "Give the same figures and years as the French section, in your language's "
                    "number format (e.g. 1 000 → 1,000 in English).",
                    source=(pair.source_page.path, pair.source.line), section=pair.source.key, column=column)
