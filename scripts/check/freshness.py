"""Section-level freshness: what the French changed since each translation was last
synced (scripts/freshness.py keeps the records). Nothing here is the translation's
mistake: a changed French section is outdated, a new one is to translate (notices),
while the other rules check the translation against the French it was synced with."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.check.blocks import NAMES, counts
from scripts.check.findings import ERROR, NOTICE, WARNING, Finding, comparable_translations, describe, found
from scripts.corpus import Corpus
from scripts.freshness import Record, page_record, section_states


def records(corpus: Corpus) -> dict[tuple[str, str], Record]:
    """The record of every page (a French page's record only holds suppressions)."""
    return {(locale, rel): page_record(corpus, locale, rel) for (locale, rel) in corpus.pages}


def check(corpus: Corpus, all_records: dict[tuple[str, str], Record]) -> Iterator[Finding]:
    for record in all_records.values():
        for problem in record.problems:
            yield found(corpus, problem.rule, ERROR, problem.path, problem.line, problem.message, problem.hint)
    for locale, rel, synced, page in comparable_translations(corpus):
        source = corpus.page(corpus.source_language, rel)
        record = all_records[(locale, rel)]
        sync = f"./hub translations sync {locale} {rel}"
        if not record.exists:
            yield found(corpus, "not-synced", WARNING, page.path, None,
                        f"no freshness record ({corpus.display(record.path)}): the checker cannot "
                        "tell which French sections changed since this translation.",
                        f"Once the translation matches the French page, run `{sync}`.",
                        source=(source.path, None))
            continue
        states = section_states(source, page, record)
        textless = [s.key for s in states if s.state == "current" and s.key not in record.french]
        if textless:
            yield found(corpus, "not-synced", WARNING, record.path, None,
                        f"the record lacks the French text of {', '.join(f'#{key}' for key in textless)} "
                        "(written before records kept it): once that French changes, the translation "
                        "could not be checked against the French it translates.",
                        f"Run `{sync}` (the French has not changed since) to record it.")
        for state in states:
            where = f"{corpus.display(source.path)}:{state.source.line}-{state.source.end_line}"
            update = (f"See the change with `./hub translations status {locale}`, update the "
                      f"translation, then run `{sync} --section {state.key}`.")
            if state.state == "outdated":
                yield found(corpus, "outdated-section", NOTICE, page.path, state.translation.line,
                            f"{describe(state.source, 'French')} ({where}) changed since this translation "
                            f"(lines {state.translation.line}-{state.translation.end_line}) was last synced"
                            f"{_what_changed(synced.section(state.key), state.source)}; until it is "
                            "updated, it is checked against the French it was synced with.",
                            update, source=(source.path, state.source.line), section=state.key)
            elif state.state == "new":
                yield found(corpus, "section-to-translate", NOTICE, page.path, _place(source, page, state),
                            f"{describe(state.source, 'French')} ({where}) is new since this page was "
                            "last synced: it is to translate (the French text is there).",
                            f"Translate it here, with a heading ending in {{#{state.key}}}, then run "
                            f"`{sync} --section {state.key}`.",
                            source=(source.path, state.source.line), section=state.key)
            elif state.state == "unrecorded":
                yield found(corpus, "not-synced", WARNING, page.path, state.translation.line,
                            f"{describe(state.source)} was never marked as synced with the French "
                            f"({where}).",
                            f"Once it matches the French, run `{sync} --section {state.key}`.",
                            source=(source.path, state.source.line), section=state.key)
        for section in page.sections:
            if source.section(section.key) is None and section.key in record.french:
                yield found(corpus, "outdated-section", NOTICE, page.path, section.line,
                            f"{describe(section)} was removed from the French page "
                            f"({corpus.display(source.path)}) since this translation was last synced.",
                            f"Remove it here too, then run `{sync}`.", source=(source.path, None))


def _what_changed(before, after) -> str:
    """`` (now 8 list items, 7 then)``: how the French section's blocks changed, if they did."""
    if before is None or before is after:
        return ""
    then, now = counts(before), counts(after)
    changes = [f"{now[kind]} {NAMES[kind]}, {then[kind]} then" for kind in now if now[kind] != then[kind]]
    return f" (now {'; '.join(changes)})" if changes else ""


def _place(source, page, state) -> int:
    """The translation's line where a new French section belongs: at the translation of
    the next French section it has, else at the end of the page."""
    following = source.sections[source.sections.index(state.source) + 1:]
    return next((other.line for s in following if (other := page.counterpart(s))), page.sections[-1].end_line)
