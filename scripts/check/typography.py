"""Typography per language: French no-break spaces before ; : ! ? and inside « »;
Spanish opening ¿ ¡ balanced; French spacing or quotes leaking into other languages."""

from __future__ import annotations

import re
from collections.abc import Iterator

from scripts.check.findings import WARNING, Finding, found
from scripts.corpus import Corpus

NO_BREAK = "\u00a0\u202f"
HIGH_MARKS = ";:!?"


_FRENCH_MARKS = re.compile(r"[;:!?«»]")
_SPACED_MARKS = re.compile(r"(?<=[ \u00a0\u202f])[;:!?]")


def french(text: str) -> Iterator[str]:
    """What breaks French typography in ``text``."""
    for match in _FRENCH_MARKS.finditer(text):
        index, char = match.start(), match.group()
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if char in HIGH_MARKS and index:
            if char == ":" and after and not after.isspace():
                continue  # an address, a time or a ratio
            if before in HIGH_MARKS or before in NO_BREAK or before in "»)*_":
                continue
            if before == " ":
                yield f"a plain space before “{char}” (write a no-break space)"
            else:
                yield f"no space before “{char}” (add a no-break space)"
        elif char == "«" and after not in NO_BREAK:
            yield "no no-break space after “«”"
        elif char == "»" and before not in NO_BREAK:
            yield "no no-break space before “»”"


def spanish(text: str) -> Iterator[str]:
    for opening, closing in (("¿", "?"), ("¡", "!")):
        if text.count(opening) != text.count(closing):
            yield f"{text.count(closing)} “{closing}” but {text.count(opening)} “{opening}”"
    yield from _french_leaks(text, quotes_allowed=True)


def english(text: str) -> Iterator[str]:
    yield from _french_leaks(text, quotes_allowed=False)


def _french_leaks(text: str, quotes_allowed: bool) -> Iterator[str]:
    for match in _SPACED_MARKS.finditer(text):
        yield f"a space before “{match.group()}”, as in French (remove it)"
    if not quotes_allowed and ("«" in text or "»" in text):
        yield "French quotation marks « » (use “ ”)"
    elif "«\u00a0" in text or "\u00a0»" in text:
        yield "French spaces inside « » (remove them)"


RULES = {"fr": french, "es": spanish, "en": english}


def check(corpus: Corpus) -> Iterator[Finding]:
    for (locale, _), page in corpus.pages.items():
        rule = RULES.get(locale)
        if rule is None:
            continue
        for section in page.sections:
            for inline in section.inlines:
                problems = list(dict.fromkeys(rule(inline.text)))
                if problems:
                    yield found(corpus, "typography", WARNING, page.path, inline.line,
                                f"{'; '.join(problems)}.",
                                "Fix the punctuation as your language's typography wants it "
                                "(see the translators' guide).", section=section.key)
