"""What the checker reports: one Finding per problem, with where, what and what to do."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import re

import yaml

from scripts.corpus import Corpus
from scripts.freshness import is_untranslated, synced_source
from scripts.pages import Page, Section

ERROR, WARNING, NOTICE = "error", "warning", "notice"  # a notice: to do, nothing wrong


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    file: str
    line: int | None
    message: str
    hint: str = ""
    source_file: str | None = None
    source_line: int | None = None
    section: str | None = None
    source_hash: str | None = None  # the French section's digest, which a suppression names
    column: int | None = None  # 1-based, where the words it is about start

    def as_dict(self) -> dict:
        return {key: value for key, value in self.__dict__.items()}


@dataclass(frozen=True)
class Pair:
    """A French section and its counterpart in one translation."""

    locale: str
    rel: str
    source_page: Page
    page: Page
    source: Section
    section: Section


def found(corpus: Corpus, rule: str, severity: str, path: Path, line: int | None,
          message: str, hint: str = "", source: tuple[Path, int | None] | None = None,
          section: str | None = None, column: int | None = None) -> Finding:
    """A Finding about ``path`` (an absolute path), optionally pointing at its French source."""
    return Finding(rule, severity, corpus.display(path), line, message, hint,
                   corpus.display(source[0]) if source else None,
                   source[1] if source else None, section, column=column)


def column_of(path: Path, line: int, text: str) -> int | None:
    """The 1-based column where ``text`` first appears on ``line`` of the file at ``path``."""
    try:
        at = path.read_text(encoding="utf-8").splitlines()[line - 1].find(text)
    except (OSError, UnicodeDecodeError, IndexError):
        return None
    return at + 1 if at >= 0 else None


def locate(path: Path, line: int, before: str, words: str) -> tuple[int, int | None]:
    """The line and column of ``words`` in the file at ``path``, where an inline run
    starting on ``line`` has the plain text ``before`` ahead of them (markup such as
    ``**`` or ``[…](…)`` may sit between the words in the file)."""
    line += before.count("\n")
    wanted = [re.escape(word) for word in re.findall(r"\w+", words)[:3]]
    if not wanted:
        return line, None
    try:
        text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    except (OSError, UnicodeDecodeError, IndexError):
        return line, None
    pattern = re.compile(r"(?<!\w)" + r"\W+".join(wanted) + r"(?!\w)", re.IGNORECASE)
    earlier = len(pattern.findall(before.rpartition("\n")[2]))
    matches = list(pattern.finditer(text))
    if not matches:
        return line, None
    return line, matches[min(earlier, len(matches) - 1)].start() + 1


def comparable_translations(corpus: Corpus) -> Iterator[tuple[str, str, Page, Page]]:
    """(locale, rel, French page, translation) for each readable, translated page. The
    French page is the one the translation was synced with (scripts/freshness.py): a
    French change since is outdated, not a mistake of the translation."""
    for rel, source in corpus.source_pages.items():
        if not source.sections:
            continue  # unreadable: reported by the page rules
        for locale in corpus.config.translations:
            page = corpus.page(locale, rel)
            if page is not None and page.sections and not is_untranslated(page):
                yield locale, rel, synced_source(corpus, locale, rel), page


def aligned_sections(corpus: Corpus) -> Iterator[Pair]:
    """Each French section with its counterpart (same heading ID) in each translation."""
    for locale, rel, source_page, page in comparable_translations(corpus):
        for section in source_page.sections:
            other = page.counterpart(section)
            if other is not None:
                yield Pair(locale, rel, source_page, page, section, other)


def data_file(corpus: Corpus, rel: str, hint: str) -> tuple[dict, Finding | None]:
    """The mapping in the YAML file ``rel`` (empty when absent), or a finding saying why not."""
    path = corpus.root / rel
    if not path.exists():
        return {}, None
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if isinstance(raw, dict):
            return raw, None
        reason = "it is not a mapping"
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        reason = str(error).replace("\n", " ")
    return {}, found(corpus, "data-file", ERROR, path, None, f"cannot use this file ({reason}).", hint)


def describe(section: Section, whose: str = "") -> str:
    """How a message names ``section``: ``section “#id”``, or with ``whose`` (``French``)
    ``the French section “#id”``; the text before the first heading likewise."""
    what = f"section “#{section.id}”" if section.id else "text before the first heading"
    if whose:
        return f"the {whose} {what}"
    return what if section.id else f"the {what}"


def page_of(file: str) -> tuple[str, str] | None:
    """The language and page (path inside a language folder) a repository file is about,
    if any: ``docs/es/x.md`` and ``translations/es/x.yml`` are both about ``("es", "x.md")``."""
    parts = PurePosixPath(file).parts
    if len(parts) > 2 and parts[0] in ("docs", "translations"):
        return parts[1], PurePosixPath(*parts[2:]).with_suffix(".md").as_posix()
    return None


def reported(finding_file: str, only: set[tuple[str, str]], source_language: str) -> bool:
    """Whether a finding about ``finding_file`` is about the files named: a translation
    (or its record) named is reported alone; a French page named, with its translations."""
    about = page_of(finding_file)
    return about is not None and (about in only or (source_language, about[1]) in only)
