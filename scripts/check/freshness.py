"""Section-level freshness: translated sections whose French source changed since
the translation was last synced (scripts/freshness.py keeps the records)."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.check.findings import ERROR, WARNING, Finding, comparable_translations, describe, found
from scripts.corpus import Corpus
from scripts.freshness import Record, load_record, record_path, section_states


def records(corpus: Corpus) -> dict[tuple[str, str], Record]:
    """The record of every page (a French page's record only holds suppressions)."""
    return {(locale, rel): load_record(record_path(corpus.root, locale, rel))
            for (locale, rel) in corpus.pages}


def check(corpus: Corpus, all_records: dict[tuple[str, str], Record]) -> Iterator[Finding]:
    for record in all_records.values():
        for problem in record.problems:
            yield found(corpus, problem.rule, ERROR, problem.path, problem.line, problem.message, problem.hint)
    for locale, rel, source, page in comparable_translations(corpus):
        record = all_records[(locale, rel)]
        sync = f"./hub translations sync {locale} {rel}"
        if not record.exists:
            yield found(corpus, "not-synced", WARNING, page.path, None,
                        f"no freshness record ({corpus.display(record.path)}): the checker cannot "
                        "tell which French sections changed since this translation.",
                        f"Once the translation matches the French page, run `{sync}`.",
                        source=(source.path, None))
            continue
        for state in section_states(source, page, record):
            where = (f"{corpus.display(source.path)}:{state.source.line}-{state.source.end_line}")
            if state.state == "outdated":
                yield found(corpus, "outdated-section", WARNING, page.path, state.translation.line,
                            f"{describe(state.source, 'French')} ({where}) changed since this "
                            f"translation (lines {state.translation.line}-{state.translation.end_line}) "
                            "was last synced.",
                            f"See what changed with `./hub translations status {locale}`, "
                            f"update the translation, then run `{sync} --section {state.key}`.",
                            source=(source.path, state.source.line), section=state.key)
            elif state.state == "unrecorded":
                yield found(corpus, "not-synced", WARNING, page.path, state.translation.line,
                            f"{describe(state.source)} was never marked as synced with the French "
                            f"({where}).",
                            f"Once it matches the French, run `{sync} --section {state.key}`.",
                            source=(source.path, state.source.line), section=state.key)
