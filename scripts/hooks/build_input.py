"""Nothing broken reaches the site: the build stops, with the checker's own findings,
on input it would otherwise publish broken.

- a page of a built language that cannot be used: bytes that are not UTF-8, front
  matter that is not valid YAML, never closed, not `key: value` lines or without
  `title` / `description`, a heading without its ID, no content;
- data/glossary.yml that is not valid YAML;
- a built language whose interface text (data/ui.yml, its site name and palette
  labels in mkdocs.yml) is not translated.

Checked once, before the first language is built, with or without --strict, in every
built language, complete or not. ``./hub check`` reports the same, and more.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from scripts.check import interface, structure, terminology
from scripts.check.findings import ERROR
from scripts.check.report import as_text, summary
from scripts.corpus import start_build
from scripts.hooks.i18n_state import i18n_plugin


def on_config(config):
    if i18n_plugin(config).building:
        return  # checked before the first language
    corpus = start_build(Path(config.config_file_path).resolve().parent)
    unbuilt = [f"{corpus.display(corpus.config.docs_dir)}/{language.locale}/"
               for language in corpus.config.languages if not language.build]
    findings = [finding for finding in [*structure.readable(corpus), *interface.check(corpus),
                                         *terminology.readable(corpus)]
                if finding.severity == ERROR and not finding.file.startswith(tuple(unbuilt))]
    if findings:
        findings.sort(key=lambda f: (f.file, f.line or 0))
        report = as_text(findings, summary(findings, len(corpus.pages), 0)).rsplit("\n", 1)[0]
        raise PluginError(f"the site was not built: {len(findings)} problem(s) to fix first.\n\n"
                          f"{report}\n(`./hub check` reports these and every other finding.)")
