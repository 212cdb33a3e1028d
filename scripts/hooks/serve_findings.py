"""While `mkdocs serve` runs: after each build, the checker's findings about the pages
that changed since the previous one (about every page after the first), in the log,
so that a translator previewing the site hears of a translated `{#id}`, a deleted
section or a broken `#anchor` without running the checker."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from mkdocs.plugins import event_priority

from scripts.check.findings import reported
from scripts.check.report import as_text, summary
from scripts.check.run import run_checks
from scripts.corpus import build_corpus
from scripts.hooks.i18n_state import i18n_plugin, serving
from scripts.serve_state import previous_pages

log = logging.getLogger("mkdocs.hooks.serve_findings")


@event_priority(-300)  # once the site is written
def on_post_build(config):
    if i18n_plugin(config).building or not serving():
        return
    corpus = build_corpus(Path(config.config_file_path).resolve().parent)
    now = {key: hashlib.sha256(page.path.read_bytes()).hexdigest() for key, page in corpus.pages.items()
           if page.path.exists()}
    before = previous_pages(corpus.root, now)
    changed = {key for key, digest in now.items() if before is None or before.get(key) != digest}
    if not changed:
        return
    findings = [f for f in run_checks(corpus)
                if before is None or reported(f.file, changed, corpus.source_language)]
    what = "every page" if before is None else ", ".join(f"docs/{locale}/{rel}" for locale, rel in sorted(changed))
    if not findings:
        log.info(f"The checker finds nothing to fix in {what}.")
        return
    report = as_text(findings, summary(findings, len(corpus.pages), 0)).rsplit("\n", 1)[0]
    log.info(f"The checker's findings about {what} (`./hub check` for the whole hub):\n\n{report}")
