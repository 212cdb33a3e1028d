"""Typography per language: French no-break spaces before ; : ! ? and inside « »,
and its thousands space (1 000); Spanish opening ¿ ¡ balanced; French spacing or
quotes leaking into other languages; in every language the typographic apostrophe
(’), never the straight one ('). Checked in the pages' prose and front matter, and
in each language's text of data/glossary.yml and data/ui.yml, and its site name,
description and palette labels in mkdocs.yml.

``./hub check --fix`` writes the apostrophes and French thousands
spaces itself (scripts/check/typography_fix.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from scripts.check.findings import WARNING, Finding, found
from scripts.corpus import Corpus
from scripts.pages import SAFE_LOADER, TOP

NO_BREAK = "\u00a0\u202f"
HIGH_MARKS = ";:!?"
APOSTROPHE = "’"  # every language's; the straight one (') is a typewriter's
DATA_FILES = ("data/glossary.yml", "data/ui.yml")
HINT = ("Fix the punctuation as your language's typography wants it (see the translators' guide); "
        "`./hub check --fix` writes the apostrophes and French thousands spaces.")

_FRENCH_MARKS = re.compile(r"[;:!?«»]")
_SPACED_MARKS = re.compile(r"(?<=[ \u00a0\u202f])[;:!?]")
# A figure of four digits or more written in one piece (not part of a word, an
# address, a range or a decimal number).
UNSPACED_FIGURE = re.compile(r"(?<![\w/#.,\u00a0\u202f-])\d{4,}(?![\w/-])")
YEARS = range(1500, 2101)


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
    for figure in unspaced_figures(text):
        yield f"“{figure}” without the thousands space (write {spaced(figure)}, with a no-break space)"
    yield from _apostrophes(text)


def spanish(text: str) -> Iterator[str]:
    for opening, closing in (("¿", "?"), ("¡", "!")):
        if text.count(opening) != text.count(closing):
            yield f"{text.count(closing)} “{closing}” but {text.count(opening)} “{opening}”"
    yield from _french_leaks(text, quotes_allowed=True)
    yield from _apostrophes(text)


def english(text: str) -> Iterator[str]:
    yield from _french_leaks(text, quotes_allowed=False)
    yield from _apostrophes(text)


def unspaced_figures(text: str) -> list[str]:
    """Figures of ``text`` that French writes with a thousands space (years excepted)."""
    return [match.group() for match in UNSPACED_FIGURE.finditer(text)
            if not (len(match.group()) == 4 and int(match.group()) in YEARS)]


def spaced(figure: str) -> str:
    """``figure`` with a no-break space between each group of three digits."""
    return re.sub(r"(?<=\d)(?=(\d{3})+$)", "\u00a0", figure)


def _apostrophes(text: str) -> Iterator[str]:
    if "'" in text:
        yield f"a straight apostrophe ' (write {APOSTROPHE})"


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
        texts = [(TOP, line, text) for line, text in _front_matter(page.path, page.meta)]
        texts += [(section.key, inline.line, inline.text) for section in page.sections
                  for inline in section.inlines]
        for section, line, text in texts:
            problems = list(dict.fromkeys(rule(text)))
            if problems:
                yield found(corpus, "typography", WARNING, page.path, line, f"{'; '.join(problems)}.",
                            HINT, section=section)
    for rel in DATA_FILES:
        yield from _data_file(corpus, corpus.root / rel)
    yield from _site_texts(corpus, corpus.root / "mkdocs.yml")


SITE_TEXTS = ("site_name", "site_description", "name")  # name: a palette toggle's label


def _site_texts(corpus: Corpus, path: Path) -> Iterator[Finding]:
    """Each language's site name, description and palette labels in mkdocs.yml (the
    entries of the i18n plugin's ``languages``), checked in that language."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return  # reported as a configuration error
    source = RULES.get(corpus.source_language)
    for key, value in root.value if isinstance(root, yaml.MappingNode) and source else ():
        if key.value in ("site_name", "site_description") and isinstance(value, yaml.ScalarNode):
            yield from _site_text(corpus, path, key.value, value, source)  # the source language's
    nodes = [(root, None)]
    while nodes:
        node, rule = nodes.pop()
        if isinstance(node, yaml.SequenceNode):
            nodes += [(item, rule) for item in node.value]
        elif isinstance(node, yaml.MappingNode):
            locale = next((value.value for key, value in node.value
                           if key.value == "locale" and isinstance(value, yaml.ScalarNode)), None)
            rule = RULES.get(locale, rule) if locale else rule
            for key, value in node.value:
                if rule and key.value in SITE_TEXTS and isinstance(value, yaml.ScalarNode):
                    yield from _site_text(corpus, path, key.value, value, rule)
                elif not isinstance(value, yaml.ScalarNode):
                    nodes.append((value, rule))


def _site_text(corpus: Corpus, path: Path, key: str, value: yaml.ScalarNode, rule) -> Iterator[Finding]:
    problems = list(dict.fromkeys(rule(value.value)))
    if problems:
        yield found(corpus, "typography", WARNING, path, value.start_mark.line + 1,
                    f"`{key}`: {'; '.join(problems)}.",
                    "Fix the punctuation in mkdocs.yml as your language's typography wants it "
                    "(`--fix` leaves mkdocs.yml alone).")


def _front_matter(path: Path, meta: dict) -> Iterator[tuple[int, str]]:
    """(line, text) of each text value of a page's front matter."""
    texts = {key: value for key, value in meta.items() if isinstance(value, str)}
    if not texts:
        return
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines()[1:], 2):
        key = line.partition(":")[0].strip()
        if key in texts:
            yield number, texts.pop(key)


def _data_file(corpus: Corpus, path: Path) -> Iterator[Finding]:
    """Each language's text in a data file (``fr: …`` entries); unreadable files are
    reported by the rules that use them (data-file)."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return
    nodes = [root]
    while nodes:
        node = nodes.pop()
        if isinstance(node, yaml.SequenceNode):
            nodes += node.value
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                rule = RULES.get(key.value)
                if rule and isinstance(value, yaml.ScalarNode):
                    problems = list(dict.fromkeys(rule(value.value)))
                    if problems:
                        yield found(corpus, "typography", WARNING, path, value.start_mark.line + 1,
                                    f"'{key.value}' text: {'; '.join(problems)}.", HINT)
                else:
                    nodes.append(value)
