"""``./hub translations summary --base REF``: what a change does to each
translation, in Markdown for a pull request's job summary ($GITHUB_STEP_SUMMARY).

The hub as committed in REF (exported from git, so CI's checkout needs that commit)
and the hub as it is now are each read into the model ``translations status`` reports
(scripts/freshness.py's ``language_status``); per language, the sections this change
outdates (their French changed), makes to translate (new in French), translates (the
translation's text changed) and syncs (its record changed), each linked to its file
and line, with the French change as ``status`` shows it (also for a section this
change both changes in French and translates, so a reviewer can compare the two).
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scripts.corpus import Corpus, load_corpus
from scripts.freshness import LanguageStatus, language_status, page_record, section_markdown, tracked_sections
from scripts.site_config import ConfigError, UsageError

HUB_PARTS = ("mkdocs.yml", "docs", "data", "translations")  # what the model reads


@dataclass(frozen=True)
class Row:
    what: str  # "outdated", "to translate", "translated, synced"…
    key: str
    rel: str
    line: int | None  # in the translation (or the French page, for a section to translate)
    french_line: int | None
    french_end: int | None
    in_french: bool = False  # the row points at the French page (the translation lacks it)
    french_before: str | None = None  # the French section before this change, when it changed too


def hub_at(root: Path, ref: str, into: Path) -> Corpus:
    """The hub as committed in ``ref``, exported into the folder ``into``."""
    try:
        archive = subprocess.run(["git", "archive", "--format=tar", ref, "--", *HUB_PARTS], cwd=root,
                                 capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", b"") or b""
        raise UsageError(f"cannot read the hub as committed in '{ref}' "
                         f"({detail.decode(errors='replace').strip() or error}); give a commit "
                         "this clone has (CI: fetch-depth: 0).") from None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return load_corpus(into)


def rows(before: Corpus, after: Corpus, locale: str, status: LanguageStatus) -> list[Row]:
    """What the change from ``before`` to ``after`` does to ``locale``, section by section."""
    result = []
    earlier = language_status(before, locale) if locale in before.config.translations else None
    for page in status.pages:
        old = earlier.page(page.rel) if earlier else None
        source = after.page(after.source_language, page.rel)
        was_outdated = {state.key for state, _ in old.outdated} if old else set()
        was_new = {state.key for state in old.to_translate} if old else set()
        if page.missing and not (old and old.missing):
            result.append(Row("page to translate", "", page.rel, None, 1, None, in_french=True))
        for state, _ in page.outdated:
            if state.key not in was_outdated:
                result.append(Row("outdated", state.key, page.rel, state.translation.line,
                                  state.source.line, state.source.end_line))
        for state in page.to_translate:
            if state.key not in was_new:
                result.append(Row("to translate", state.key, page.rel, state.source.line,
                                  state.source.line, state.source.end_line, in_french=True))
        if page.missing or page.unreadable or source is None:
            continue
        translation, previous = after.page(locale, page.rel), before.page(locale, page.rel)
        french_before = before.page(before.source_language, page.rel)
        record = page_record(after, locale, page.rel).synced
        earlier_record = page_record(before, locale, page.rel).synced
        for section in tracked_sections(source):
            ours = translation.counterpart(section)
            if ours is None:
                continue
            theirs = previous.counterpart(section) if previous else None
            done = [label for label, changed in (
                ("translated", theirs is None or theirs.digest != ours.digest),
                ("synced", record.get(section.key) != earlier_record.get(section.key)
                 and record.get(section.key) == section.digest)) if changed]
            was = french_before.section(section.key) if french_before else None
            moved = was is not None and was.digest != section.digest
            if done:
                result.append(Row(("French changed; " if moved else "") + ", ".join(done), section.key, page.rel,
                                  ours.line, section.line, section.end_line,
                                  french_before=section_markdown(french_before, was) if moved else None))
    return result


def _link(text: str, path: str, line: int | None, end: int | None, link_base: str) -> str:
    anchor = f"#L{line}" + (f"-L{end}" if end and end != line else "") if line else ""
    return f"[{text}]({link_base}{path}{anchor})"


def markdown(before: Corpus, after: Corpus, link_base: str = "") -> str:
    """The summary: one part per translation, a table of the sections this change touches."""
    from scripts.translations import french_diff  # the diff `translations status` prints

    source_language = after.source_language
    names = {language.locale: language.name for language in after.config.languages}
    out = ["## Translations in this change", ""]
    for locale in after.config.translations:
        status = language_status(after, locale)
        complete = "must be complete" if locale in after.config.complete_locales else "published as translated"
        still = (f"{sum(len(p.outdated) for p in status.pages)} section(s) outdated, "
                 f"{sum(len(p.to_translate) for p in status.pages)} to translate, "
                 f"{len(status.missing)} page(s) to translate")
        out += [f"### {names[locale]} ({locale}): {status.percent}% up to date", "",
                f"{status.current} of {status.total} French sections up to date; {still} in all "
                f"(`./hub translations status {locale}`). This language {complete}.", ""]
        changes = rows(before, after, locale, status)
        if not changes:
            out += ["This change does not touch it.", ""]
            continue
        out += ["| This change | Section | Translation | French |", "| --- | --- | --- | --- |"]
        for row in changes:
            french_path = f"docs/{source_language}/{row.rel}"
            french = _link(f"{french_path}:{row.french_line}" + (f"-{row.french_end}" if row.french_end else ""),
                           french_path, row.french_line, row.french_end, link_base)
            translation_path = f"docs/{locale}/{row.rel}"
            translation = ("not yet" if row.in_french else
                           _link(f"{translation_path}:{row.line}", translation_path, row.line, None, link_base))
            section = f"`#{row.key}`" if row.key else "the whole page"
            out.append(f"| {row.what} | {section} | {translation} | {french} |")
        out.append("")
        for row in changes:
            if row.what != "outdated" and row.french_before is None:
                continue
            record = page_record(after, locale, row.rel)
            diff = french_diff(after, after.page(source_language, row.rel), row.key,
                               record.synced.get(row.key, ""), row.french_before or record.french.get(row.key))
            if diff and row.french_before:
                diff[0] = diff[0].replace(" as synced", " before this change")
            if diff:
                out += [f"<details><summary>French change of <code>#{row.key}</code> "
                        f"(docs/{source_language}/{row.rel})</summary>", "", "```diff", *diff, "```",
                        "", "</details>", ""]
    return "\n".join(out).rstrip() + "\n"


def summary(after: Corpus, base: str, link_base: str = "") -> str:
    """The Markdown summary of the change from ``base`` to the hub ``after``."""
    with tempfile.TemporaryDirectory(prefix="hub-base-") as folder:
        try:
            before = hub_at(after.root, base, Path(folder))
        except ConfigError as error:
            raise UsageError(f"the hub as committed in '{base}' cannot be read: {error}") from None
        return markdown(before, after, link_base)
