"""Section-level freshness of translations.

Each translated page has a record, ``translations/LANG/PAGE.yml``, holding the digest
of every French section at the time the translation was last brought up to date
(``synced``) and the findings a translator chose to suppress (``ignore``). One file
per page, so two translators working on two pages never touch the same file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from scripts.corpus import Corpus
from scripts.pages import SAFE_LOADER, Page, Problem, Section

RECORDS_DIR = "translations"
HEADER = """\
# Freshness record of {page}, written by `./hub translations sync`.
# synced: the digest of each French section ({source}) when this translation was
# last brought up to date; translated: the digest of each translated section then.
# no_change_needed: French changes a translator judged to need no change here.
# ignore: findings suppressed for one version of a French section (they come back
# when that section changes). See the README.
"""


@dataclass(frozen=True)
class Suppression:
    rule: str
    section: str
    source_hash: str
    reason: str = ""


@dataclass
class Record:
    path: Path
    exists: bool = False
    synced: dict[str, str] = field(default_factory=dict)
    translated: dict[str, str] = field(default_factory=dict)  # the translation's digests at sync
    no_change_needed: dict[str, str] = field(default_factory=dict)  # French digests judged so
    ignore: list[Suppression] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class SectionState:
    """One French section seen from a translation: ``current``, ``outdated``,
    ``unrecorded`` (never synced) or ``missing`` (no such section in the translation)."""

    key: str
    state: str
    source: Section
    translation: Section | None


def record_path(root: Path, locale: str, rel: str) -> Path:
    return root / RECORDS_DIR / locale / (rel.removesuffix(".md") + ".yml")


def load_record(path: Path) -> Record:
    """Read a record; a missing file is an empty record, a broken one a Problem."""
    record = Record(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return record
    except (OSError, UnicodeDecodeError) as error:
        record.problems.append(Problem(path, None, f"cannot read the freshness record ({error}).",
                                       "Restore it from git, or run `translations sync` again.", "freshness-record"))
        return record
    record.exists = True
    try:
        raw = yaml.load(text, Loader=SAFE_LOADER) or {}
        if not isinstance(raw, dict):
            raise ValueError("not a mapping")
        record.synced, record.translated, record.no_change_needed = (
            {str(k): str(v) for k, v in (raw.get(key) or {}).items()}
            for key in ("synced", "translated", "no_change_needed"))
        record.ignore = [Suppression(str(item["rule"]), str(item["section"]),
                                     str(item["source_hash"]), str(item.get("reason", "")))
                         for item in raw.get("ignore") or []]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        record.problems.append(Problem(path, mark.line + 1 if mark else None,
                                       f"the freshness record is not valid YAML "
                                       f"({getattr(error, 'problem', None) or error}).",
                                       "Restore it from git, or run `translations sync` again.", "freshness-record"))
    except (ValueError, KeyError, TypeError, AttributeError):
        record.problems.append(Problem(path, None, "the freshness record is malformed: it needs "
                                       "`synced: {section: hash}` and `ignore:` entries with "
                                       "`rule`, `section` and `source_hash`.",
                                       "Restore it from git, or run `translations sync` again.", "freshness-record"))
    return record


def save_record(record: Record, page: str, source: str) -> None:
    """Write ``record`` (creating its folder), with the explanatory header."""
    body: dict = {"synced": dict(record.synced), "translated": dict(record.translated)}
    if record.no_change_needed:
        body["no_change_needed"] = dict(record.no_change_needed)
    if record.ignore:
        body["ignore"] = [{"rule": s.rule, "section": s.section, "source_hash": s.source_hash,
                           **({"reason": s.reason} if s.reason else {})} for s in record.ignore]
    record.path.parent.mkdir(parents=True, exist_ok=True)
    text = HEADER.format(page=page, source=source) + yaml.safe_dump(
        body, allow_unicode=True, sort_keys=False, width=100)
    record.path.write_text(text, encoding="utf-8")


def tracked_sections(source: Page) -> list[Section]:
    """The French sections a translation follows: all but an empty preamble."""
    return [s for s in source.sections if s.id is not None or s.end_line >= s.line]


def section_states(source: Page, translation: Page, record: Record) -> list[SectionState]:
    """The state of each French section of ``source`` in ``translation``."""
    states = []
    for section in tracked_sections(source):
        other = translation.counterpart(section)
        recorded = record.synced.get(section.key)
        if other is None:
            state = "missing"
        elif recorded is None:
            state = "unrecorded"
        elif recorded != section.digest:
            state = "outdated"
        else:
            state = "current"
        states.append(SectionState(section.key, state, section, other))
    return states


def is_untranslated(page: Page) -> bool:
    """A page scaffolded by `translations new` and not translated yet."""
    return page.meta.get("untranslated") is True


@dataclass
class PageStatus:
    rel: str
    total: int
    current: int = 0
    missing: bool = False
    scaffolded: bool = False  # missing, but there as `translations new` wrote it (untranslated: true)
    unreadable: Problem | None = None  # the French page's or the translation's, if either can't be read
    outdated: list[tuple[SectionState, str]] = field(default_factory=list)  # with the synced digest
    unrecorded: list[SectionState] = field(default_factory=list)
    no_change: list[SectionState] = field(default_factory=list)  # up to date by a translator's say-so


@dataclass
class LanguageStatus:
    locale: str
    pages: list[PageStatus]

    def page(self, rel: str) -> PageStatus | None:
        return self._by_rel.get(rel)

    @cached_property
    def _by_rel(self) -> dict[str, PageStatus]:
        return {page.rel: page for page in self.pages}

    @property
    def total(self) -> int:
        return sum(page.total for page in self.pages)

    @property
    def current(self) -> int:
        return sum(page.current for page in self.pages)

    @property
    def missing(self) -> list[str]:
        return [page.rel for page in self.pages if page.missing]

    @property
    def unreadable(self) -> list[Problem]:
        return [page.unreadable for page in self.pages if page.unreadable]

    @property
    def percent(self) -> int:
        return 100 * self.current // self.total if self.total else 100  # 100 only when all are


def language_status(corpus: Corpus, locale: str) -> LanguageStatus:
    """How up to date the ``locale`` translation is, page by page and section by section."""
    pages = []
    for rel, source in corpus.source_pages.items():
        page = corpus.page(locale, rel)
        status = PageStatus(rel, len(tracked_sections(source)))
        pages.append(status)
        problems = source.problems or (page.problems if page else [])
        if problems:
            status.unreadable = problems[0]
            continue
        if page is None or is_untranslated(page) or not page.sections:
            status.missing = True
            status.scaffolded = page is not None and is_untranslated(page)
            continue
        record = load_record(record_path(corpus.root, locale, rel))
        for state in section_states(source, page, record):
            if state.state == "current":
                status.current += 1
                if record.no_change_needed.get(state.key) == state.source.digest:
                    status.no_change.append(state)
            elif state.state == "outdated":
                status.outdated.append((state, record.synced[state.key]))
            elif state.state == "unrecorded":
                status.unrecorded.append(state)
    return LanguageStatus(locale, pages)
