"""``./hub check --fix``: write what the typography rule asks for where it
is unambiguous, in every page (docs/LANG/*.md) and in each language's text of the
data files: the typographic apostrophe (’) inside words; in French, no-break spaces
for thousands (1 000), before ; : ! ? and inside « ».

Code (fenced blocks and `code spans`) is left as it is; so is any straight quote
that is not an apostrophe inside a word, for a person to look at (the checker still
reports it).
"""

from __future__ import annotations

import re
from pathlib import Path

from scripts.check.typography import APOSTROPHE, DATA_FILES, UNSPACED_FIGURE, YEARS, spaced
from scripts.corpus import Corpus

_CODE_SPAN = re.compile(r"(`+).+?\1")
_FENCE = re.compile(r"^\s*(```|~~~)")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_SPACE_BEFORE_MARK = re.compile(r" (?=[;!?](?:\s|$)|:(?:\s|$))")
_DATA_LINE = re.compile(r"^(\s*(?:- )?)(\w+)(: )(.*)$")


def fix_text(locale: str, text: str) -> str:
    """``text`` (prose, no code) with its apostrophes and, in French, spaces fixed."""
    text = _APOSTROPHE.sub(APOSTROPHE, text)
    if locale == "fr":
        text = UNSPACED_FIGURE.sub(lambda m: m.group() if len(m.group()) == 4 and int(m.group()) in YEARS
                                   else spaced(m.group()), text)
        text = _SPACE_BEFORE_MARK.sub("\u00a0", text)
        text = text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    return text


def fix_markdown(locale: str, source: str) -> str:
    """A Markdown page with ``fix_text`` applied outside code."""
    lines, in_fence = [], False
    for line in source.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence or _FENCE.match(line):
            lines.append(line)
            continue
        parts, last = [], 0
        for match in _CODE_SPAN.finditer(line):
            parts += [fix_text(locale, line[last:match.start()]), match.group()]
            last = match.end()
        lines.append("".join(parts) + fix_text(locale, line[last:]))
    return "\n".join(lines)


def fix_data(locales: list[str], source: str) -> str:
    """A data file with ``fix_text`` applied to each ``LANG: text`` line of a language."""
    def line(match: re.Match) -> str:
        indent, key, colon, value = match.groups()
        return indent + key + colon + (fix_text(key, value) if key in locales else value)
    return "\n".join(_DATA_LINE.sub(line, text) for text in source.split("\n"))


def fix(corpus: Corpus) -> list[Path]:
    """Fix every page and data file; the files changed."""
    changed = []
    for (locale, _), page in corpus.pages.items():
        changed += _rewrite(page.path, lambda text, locale=locale: fix_markdown(locale, text))
    for rel in DATA_FILES:
        changed += _rewrite(corpus.root / rel, lambda text: fix_data(corpus.config.locales, text))
    return changed


def _rewrite(path: Path, fixer) -> list[Path]:
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    fixed = fixer(text)
    if fixed == text:
        return []
    path.write_text(fixed, encoding="utf-8")
    return [path]
