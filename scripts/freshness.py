"""Section-level freshness of translations.

Each translated page has a record, ``translations/LANG/PAGE.yml``, holding the digest
of every French section at the time the translation was last brought up to date
(``synced``), that French section's text (``french``: what the translation is checked
against while the French moves on, without git history), and the findings a translator
chose to suppress (``ignore``). One file per page, so two translators working on two
pages never touch the same file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import yaml

from scripts.corpus import Corpus
from scripts.pages import SAFE_LOADER, Page, Problem, Section, parse_page

RECORDS_DIR = "translations"
HEADER = """\
# Freshness record of {page}, written by `./hub translations sync`.
# synced: the digest of each French section ({source}) when this translation was
# last brought up to date; translated: the digest of each translated section then.
# french: the text of each French section then: the translation is checked against it
# while the French moves on (a later French change is "outdated", not an error).
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
    french: dict[str, str] = field(default_factory=dict)  # each French section's Markdown at sync
    ignore: list[Suppression] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class SectionState:
    """One French section seen from a translation: ``current``, ``outdated``,
    ``unrecorded`` (never synced), ``new`` (added to the French since the page was
    synced: to translate) or ``missing`` (synced once, now gone from the translation)."""

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
        record.french = {str(k): str(v) for k, v in (raw.get("french") or {}).items()}
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
    if record.french:
        body["french"] = {key: _Block(text) for key, text in record.french.items()}
    if record.no_change_needed:
        body["no_change_needed"] = dict(record.no_change_needed)
    if record.ignore:
        body["ignore"] = [{"rule": s.rule, "section": s.section, "source_hash": s.source_hash,
                           **({"reason": s.reason} if s.reason else {})} for s in record.ignore]
    record.path.parent.mkdir(parents=True, exist_ok=True)
    text = HEADER.format(page=page, source=source) + yaml.dump(
        body, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    record.path.write_text(text, encoding="utf-8")


class _Block(str):
    """Markdown text, written as a YAML literal block (``|``) so the record reads like the page."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Block, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", str(text), style="|"))


def section_markdown(page: Page, section: Section) -> str:
    """The Markdown lines of ``section``, as a record keeps them."""
    lines = page.path.read_text(encoding="utf-8-sig").splitlines()[section.line - 1: section.end_line]
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"


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
            state = "new" if record.exists and recorded is None else "missing"
        elif recorded is None:
            state = "unrecorded"
        elif recorded != section.digest:
            state = "outdated"
        else:
            state = "current"
        states.append(SectionState(section.key, state, section, other))
    return states


def page_record(corpus: Corpus, locale: str, rel: str) -> Record:
    """The record of ``locale``'s ``rel``, read once per corpus."""
    key = ("record", locale, rel)
    if key not in corpus.derived:
        corpus.derived[key] = load_record(record_path(corpus.root, locale, rel))
    return corpus.derived[key]


def synced_source(corpus: Corpus, locale: str, rel: str) -> Page:
    """The French that ``locale``'s ``rel`` translates, which the checker compares it
    with: each French section as it was when last synced, if it changed since (and the
    record keeps that text); without the sections added since the last sync (to
    translate); with those removed since that the translation still has. The French
    page itself when that is the same. Its lines are the French page's."""
    key = ("synced", locale, rel)
    if key not in corpus.derived:
        source, translation = corpus.page(corpus.source_language, rel), corpus.page(locale, rel)
        corpus.derived[key] = _synced_source(source, translation, page_record(corpus, locale, rel))
    return corpus.derived[key]


def _synced_source(source: Page, translation: Page, record: Record) -> Page:
    parts: list[tuple[str, str | None, Section | None]] = []  # (key, synced text, French section)
    changed = False
    for section in source.sections:
        recorded = record.synced.get(section.key)
        if recorded is None and record.exists and translation.counterpart(section) is None:
            changed = True  # new in the French: to translate
            continue
        old = record.french.get(section.key) if recorded not in (None, section.digest) else None
        changed = changed or old is not None
        parts.append((section.key, old, section))
    for index, other in enumerate(translation.sections):
        if source.section(other.key) is None and other.key in record.french:  # removed from the French
            before = {s.key for s in translation.sections[:index]}
            at = max((n + 1 for n, (k, _, _) in enumerate(parts) if k in before), default=0)
            parts.insert(at, (other.key, record.french[other.key], None))
            changed = True
    if not changed:
        return source
    lines = source.path.read_text(encoding="utf-8-sig").splitlines()
    chunks = [old if old is not None else "\n".join(lines[s.line - 1: s.end_line]) for _, old, s in parts]
    parsed = parse_page(source.path, "\n\n".join(chunk.rstrip("\n") for chunk in chunks) + "\n")
    sections = []
    for key, _, french in parts:
        section = parsed.section(key)
        if section is None:
            continue
        shift = (french.line - section.line) if french else 0  # a changed section: at its French start
        sections.append(replace(
            section, line=section.line + shift, end_line=section.end_line + shift,
            links=[replace(item, line=item.line + shift) for item in section.links],
            inlines=[replace(item, line=item.line + shift) for item in section.inlines],
            html=[replace(item, line=item.line + shift) for item in section.html]))
    return Page(source.path, parsed.meta, sections, [])


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
    to_translate: list[SectionState] = field(default_factory=list)  # added to the French since the sync
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
        record = page_record(corpus, locale, rel)
        for state in section_states(source, page, record):
            if state.state == "current":
                status.current += 1
                if record.no_change_needed.get(state.key) == state.source.digest:
                    status.no_change.append(state)
            elif state.state == "outdated":
                status.outdated.append((state, record.synced[state.key]))
            elif state.state == "unrecorded":
                status.unrecorded.append(state)
            elif state.state == "new":
                status.to_translate.append(state)
    return LanguageStatus(locale, pages)
