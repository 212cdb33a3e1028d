"""Run every rule over a corpus, apply the translators' suppressions, sort the findings."""

from __future__ import annotations

from dataclasses import replace

from scripts.check import (blocks, freshness, interface, links, markup, navigation, numbers,
                           structure, terminology, typography, untranslated)
from scripts.check.findings import Finding
from scripts.corpus import Corpus
from scripts.freshness import Record
from scripts.pages import Page

RULES = (structure, blocks, links, numbers, terminology, untranslated, typography, markup, navigation,
         interface)


def run_checks(corpus: Corpus) -> list[Finding]:
    """Every finding about the corpus, suppressed ones left out, in file and line order."""
    records = freshness.records(corpus)
    findings = [finding for rule in RULES for finding in rule.check(corpus)]
    findings += freshness.check(corpus, records)
    sources = corpus.source_pages
    kept = [kept for finding in findings if (kept := _suppress(corpus, sources, records, finding))]
    return sorted(kept, key=lambda f: (f.file, f.line or 0, f.column or 0, f.rule, f.message))


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
