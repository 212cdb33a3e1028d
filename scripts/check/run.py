"""Run every rule over a corpus, apply the translators' suppressions, sort the findings."""

from __future__ import annotations

from dataclasses import replace

from scripts.check import (blocks, freshness, interface, links, markup, navigation, numbers,
                           structure, terminology, typography, untranslated)
from scripts.check.findings import Finding, comparable_translations
from scripts.corpus import Corpus
from scripts.freshness import Record
from scripts.pages import Page

RULES = (structure, blocks, links, numbers, terminology, untranslated, typography, markup, navigation,
         interface)
COMPARING = (structure, blocks, links, numbers, terminology, untranslated)  # a translation with its French


def run_checks(corpus: Corpus) -> list[Finding]:
    """Every finding about the corpus, suppressed ones left out, in file and line order."""
    records = freshness.records(corpus)
    findings = [finding for rule in RULES if rule not in COMPARING for finding in rule.check(corpus)]
    findings += _against_today(corpus, [finding for rule in COMPARING for finding in rule.check(corpus)])
    findings += freshness.check(corpus, records)
    sources = corpus.source_pages
    kept = [kept for finding in findings if (kept := _suppress(corpus, sources, records, finding))]
    return sorted(kept, key=order)


def order(finding: Finding) -> tuple:
    """Where a finding comes in the report: by file, line, column, rule, message."""
    return finding.file, finding.line or 0, finding.column or 0, finding.rule, finding.message


def _against_today(corpus: Corpus, findings: list[Finding]) -> list[Finding]:
    """The findings of the COMPARING rules about a section, compared with the French it
    was synced with, that today's French confirms: a translator who has followed the French change and not
    synced yet has made no mistake. (The translations whose French did not change since
    they were synced are compared with today's French already.)"""
    source_language = corpus.source_language
    moved = {(locale, rel) for locale, rel, source, _ in comparable_translations(corpus)
             if source is not corpus.page(source_language, rel)}
    if not moved:
        return findings
    rels = {rel for _, rel in moved}
    today = Corpus(corpus.config, {key: page for key, page in corpus.pages.items()
                                   if key in moved or (key[0] == source_language and key[1] in rels)})
    today.derived.update({("synced", locale, rel): corpus.page(source_language, rel) for locale, rel in moved})
    confirmed = {(f.file, f.rule, f.section) for rule in COMPARING for f in rule.check(today) if f.section}
    docs = corpus.display(corpus.config.docs_dir) + "/"
    return [f for f in findings if not f.section or (f.file, f.rule, f.section) in confirmed
            or tuple(f.file.removeprefix(docs).split("/", 1)) not in moved]


def _suppress(corpus: Corpus, sources: dict[str, Page], records: dict[tuple[str, str], Record],
              finding: Finding) -> Finding | None:
    """``finding``, unless a suppression for the current French section covers it."""
    if finding.section is None:
        return finding
    locale, _, rel = finding.file.removeprefix(corpus.display(corpus.config.docs_dir) + "/").partition("/")
    record = records.get((locale, rel))
    source = sources.get(rel)
    section = source.section(finding.section) if source else None
    if section is None:
        return finding
    finding = replace(finding, source_hash=section.digest)
    if record is None:
        return finding
    matching = [s for s in record.ignore if s.rule == finding.rule and s.section == finding.section]
    if any(s.source_hash == section.digest for s in matching):
        return None
    if matching:
        return replace(finding, message=finding.message + " (Its suppression lapsed: the French "
                       "section changed since; review it and renew the suppression with the new hash.)")
    return finding
