"""``./hub translations status|sync|new``: keep translations up to date.

- ``status [LANG]``: per language, the pages missing, the sections whose French text
  changed since they were synced (with the French diff, when git history has it), and
  the share of sections up to date.
- ``sync LANG PAGE… [--section ID]`` (or ``--all``): after reviewing a translation
  against the French, record that it is up to date.
- ``summary --base REF``: what the change since REF does to each translation (sections
  outdated, to translate, translated, synced), in Markdown for a pull request.
- ``new LANG``: scaffold a language: its folder with every page marked untranslated,
  its mkdocs.yml entry (not built until translated) and its interface text;
  ``new LANG PAGE…``: scaffold missing pages of a language, marked untranslated.
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
from pathlib import Path

from scripts.cli import run
from scripts.corpus import Corpus, load_corpus
from scripts.freshness import (is_untranslated, language_status, load_record, page_record, record_path,
                               save_record, section_markdown, section_states)
from scripts.new_language import scaffold, scaffold_pages
from scripts.pages import Page, parse_page
from scripts.site_config import ConfigError, UsageError
from scripts.translation_summary import summary
from scripts.word_diff import section_diff


def french_diff(corpus: Corpus, source: Page, key: str, synced_digest: str, synced_text: str | None = None) -> list[str]:
    """The change of the French section ``key`` since the version with ``synced_digest``:
    from its text as the record keeps it (``synced_text``), else found in git history;
    empty when neither has that version."""
    path = source.path.relative_to(corpus.root).as_posix()
    current = source.section(key)
    if synced_text is not None:
        return section_diff(synced_text.splitlines(), section_markdown(source, current).splitlines(),
                            current.line, current.line, f"{path} as synced", f"{path} now")
    log = _git(corpus.root, "log", "--format=%H %cs", "--", path)
    for entry in log.splitlines():
        commit, date = entry.split(" ", 1)
        old_text = _git(corpus.root, "show", f"{commit}:./{path}")  # ./: relative to the root
        old = parse_page(source.path, old_text).section(key)
        if old is not None and old.digest == synced_digest:
            lines = source.path.read_text(encoding="utf-8").splitlines()
            old_lines = old_text.splitlines()
            return section_diff(old_lines[old.line - 1: old.end_line], lines[current.line - 1: current.end_line],
                                old.line, current.line, f"{path} as synced ({commit[:8]}, {date})", f"{path} now")
    return []


def _git(root: Path, *arguments: str) -> str:
    try:
        result = subprocess.run(["git", *arguments], cwd=root, capture_output=True, text=True,
                                check=False)
    except OSError:
        return ""
    return result.stdout if result.returncode == 0 else ""


def status(corpus: Corpus, locales: list[str]) -> tuple[str, bool]:
    """The report of ``locales``, and whether a page could not be read."""
    lines = []
    unreadable = False
    source_language = corpus.source_language
    for locale in locales:
        result = language_status(corpus, locale)
        unreadable = unreadable or bool(result.unreadable)
        lines.append(f"{locale}: {result.percent}% up to date ({result.current} of {result.total} "
                     "French sections)")
        for page in result.pages:
            source = corpus.page(source_language, page.rel)
            translation = corpus.page(locale, page.rel)
            if page.unreadable:
                lines.append(f"  unreadable   {page.unreadable}")
            if page.scaffolded:
                lines.append(f"  scaffolded   docs/{locale}/{page.rel}  (not translated yet: translate it from "
                             f"docs/{source_language}/{page.rel}, remove `untranslated: true`, then sync it)")
            elif page.missing:
                lines.append(f"  missing      docs/{locale}/{page.rel}  (translate docs/{source_language}/{page.rel})")
            for state, synced in page.outdated:
                lines.append(f"  outdated     {corpus.display(translation.path)}:{state.translation.line} "
                             f"#{state.key}  (French: {corpus.display(source.path)}:"
                             f"{state.source.line}-{state.source.end_line})")
                synced_text = page_record(corpus, locale, page.rel).french.get(state.key)
                diff = french_diff(corpus, source, state.key, synced, synced_text)
                lines.extend("      " + line for line in diff or ["(no earlier version in git history)"])
            for state in page.no_change:
                lines.append(f"  no change    {corpus.display(translation.path)}:{state.translation.line} "
                             f"#{state.key}  (the French change needed none, said `sync --no-change-needed`)")
            for state in page.to_translate:
                lines.append(f"  to translate {corpus.display(source.path)}:{state.source.line}-"
                             f"{state.source.end_line} #{state.key}  (new in French; not in "
                             f"{corpus.display(translation.path)} yet)")
            for state in page.unrecorded:
                lines.append(f"  never synced {corpus.display(translation.path)}:{state.translation.line} "
                             f"#{state.key}")
        lines.append("")
    return "\n".join(lines).rstrip(), unreadable


def sync(corpus: Corpus, locale: str, pages: list[str], section: str | None,
         no_change_needed: bool = False) -> list[str]:
    """Record the given pages (or one section) of ``locale`` as up to date. A section
    whose French text changed while its translation did not is refused, unless the
    translator states that the French change needs none (``no_change_needed``)."""
    if no_change_needed and len(pages) != 1:
        raise UsageError("--no-change-needed marks one section of one page: name the page and the section "
                         "(`sync LANG PAGE --section ID --no-change-needed`).")
    done = []
    for rel in pages:
        rel = rel.removeprefix(f"docs/{locale}/")
        source, page = corpus.page(corpus.source_language, rel), corpus.page(locale, rel)
        if source is None or page is None:
            raise UsageError(f"docs/{corpus.source_language}/{rel} and docs/{locale}/{rel} must both "
                             "exist; give the page's path inside its language folder, e.g. code-of-conduct.md.")
        unreadable = source.problems or page.problems
        if unreadable:
            raise UsageError(f"{unreadable[0]} Fix it before syncing.")
        if is_untranslated(page):
            raise UsageError(f"{corpus.display(page.path)} is marked `untranslated: true`; translate it "
                             "and remove that line first.")
        record = load_record(record_path(corpus.root, locale, rel))
        if record.problems:
            raise UsageError(str(record.problems[0]))
        states = section_states(source, page, record)
        if no_change_needed and section is None:
            raise UsageError(_unnamed_message(corpus, locale, rel, page, source, record, states))
        chosen = [s for s in states if (s.key == section if section else s.state != "new")]
        if section is not None and not chosen:
            raise UsageError(_no_such_section(corpus, source, section, states))
        lacking = [s for s in chosen if s.state in ("missing", "new")]
        if lacking:
            raise UsageError(f"{corpus.display(page.path)} has no section " + ", ".join(f"#{s.key}" for s in lacking)
                             + ": translate it before marking the page as up to date."
                             + _differing_ids(corpus, page, source, lacking))
        unchanged = [s for s in chosen if s.state == "outdated" and _unchanged(corpus, page, record, s)]
        if unchanged and not no_change_needed:
            raise UsageError(_unchanged_message(corpus, locale, rel, page, source, unchanged))
        before = _entries(record, chosen)
        for state in chosen:
            record.synced[state.key] = state.source.digest
            record.translated[state.key] = state.translation.digest
            record.french[state.key] = section_markdown(source, state.source)
            if no_change_needed and state in unchanged:
                record.no_change_needed[state.key] = state.source.digest
            elif state.state == "outdated":
                record.no_change_needed.pop(state.key, None)
        keys = [s.key for s in states]
        record.synced, record.translated, record.no_change_needed, record.french = (
            {key: recorded[key] for key in keys if key in recorded}
            for recorded in (record.synced, record.translated, record.no_change_needed, record.french))
        save_record(record, corpus.display(page.path), corpus.display(source.path))
        judged = f" ({len(unchanged)} whose French change needs no translation change)" if unchanged else ""
        left = [f"#{s.key}" for s in states if s.state == "new"]
        left_text = f" Still to translate (new in French): {', '.join(left)}." if left and not section else ""
        changed = sum(old != new for old, new in zip(before, _entries(record, chosen)))
        already = f" ({len(chosen) - changed} already were)" if 0 < changed < len(chosen) else ""
        if changed:
            of = f" of {len(chosen)}" if changed < len(chosen) else ""
            done.append(f"{corpus.display(record.path)}: {changed}{of} section(s) of "
                        f"{corpus.display(page.path)} newly marked as up to date{judged}{already}.{left_text}")
        else:
            done.append(f"{corpus.display(record.path)}: {len(chosen)} section(s) of {corpus.display(page.path)} "
                        f"were already up to date: nothing changed.{left_text}")
        if no_change_needed and not unchanged:
            why = ("its translation changed since the last sync" if chosen[0].state == "outdated"
                   else "its French did not change since the last sync")
            done.append(f"#{section}: {why}, so it is synced as usual (--no-change-needed not recorded).")
    return done


def _entries(record, states: list) -> list[tuple]:
    """What the record says of each of ``states``' sections (to tell what a sync changed)."""
    return [tuple(kept.get(s.key) for kept in (record.synced, record.translated, record.french,
                                                 record.no_change_needed)) for s in states]


def _no_such_section(corpus: Corpus, source: Page, section: str, states: list) -> str:
    keys = [s.key for s in states]
    close = difflib.get_close_matches(section, keys, n=1) or [key for key in keys if section in key][:1]
    guess = f"; did you mean #{close[0]}?" if close else "."
    return (f"{corpus.display(source.path)} has no section #{section}{guess} Its sections: "
            + ", ".join(f"#{key}" for key in keys) + ".")


def _differing_ids(corpus: Corpus, page: Page, source: Page, lacking: list) -> str:
    """Where the translation has a heading whose ID is not the French one, the line of
    each, paired in order with the French sections it lacks."""
    foreign = [s for s in page.sections if s.id is not None and source.section(s.key) is None]
    return "".join(f"\n  {corpus.display(page.path)}:{other.line}: the heading has the ID #{other.key}; "
                   f"give it the French ID {{#{state.key}}}." for state, other in zip(lacking, foreign))


def _unchanged(corpus: Corpus, page: Page, record, state) -> bool:
    """Whether the translated section is the same as when it was last synced: by the
    digest the record keeps, else (a record written before it kept them) by the
    translation as committed with the record."""
    before = record.translated.get(state.key)
    if before is None:
        path = page.path.relative_to(corpus.root).as_posix()
        commit = _git(corpus.root, "log", "-1", "--format=%H", "--",
                      record.path.relative_to(corpus.root).as_posix()).strip()
        text = _git(corpus.root, "show", f"{commit}:./{path}") if commit else ""
        old = parse_page(page.path, text).section(state.key) if text else None
        before = old.digest if old else None
    return before == state.translation.digest


def _where(corpus: Corpus, page: Page, source: Page, state) -> str:
    return (f"\n  {corpus.display(page.path)}:{state.translation.line} #{state.key} (French: "
            f"{corpus.display(source.path)}:{state.source.line}-{state.source.end_line})")


def _unnamed_message(corpus: Corpus, locale: str, rel: str, page: Page, source: Page, record, states) -> str:
    """The refusal of ``--no-change-needed`` without ``--section``: each outdated section,
    with the command that says so for it."""
    sync = f"./hub translations sync {locale} {rel}"
    outdated = [s for s in states if s.state == "outdated"]
    if not outdated:
        return (f"not synced: --no-change-needed marks one section, named with --section, whose French "
                f"changed; no section of {corpus.display(page.path)} is outdated.")
    each = "".join(_where(corpus, page, source, s) + f"\n    {sync} --section {s.key}"
                   + (" --no-change-needed" if _unchanged(corpus, page, record, s) else
                      "   (its translation was updated: a plain sync)") for s in outdated)
    return (f"not synced: --no-change-needed marks one section, named with --section. The outdated "
            f"sections of {corpus.display(page.path)}, each with its command:{each}")


def _unchanged_message(corpus: Corpus, locale: str, rel: str, page: Page, source: Page, unchanged: list) -> str:
    sync = f"./hub translations sync {locale} {rel}"
    where = "".join(_where(corpus, page, source, s) for s in unchanged)
    each = "".join(f"\n  {sync} --section {s.key} --no-change-needed" for s in unchanged)
    return (f"not synced: the French text changed since the last sync, but its translation did not:{where}\n"
            f"Update each translation (`./hub translations status {locale}` shows the French "
            "change), then sync again. If, for one of them, the French change needs no change in the "
            f"translation, say so for that section by name:{each}")


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="./hub translations",
                                     description="Keep translations up to date with the French pages.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository root")
    commands = parser.add_subparsers(dest="command", required=True)
    show = commands.add_parser("status", help="what is missing or outdated, per language")
    show.add_argument("locale", nargs="?", help="one language (default: all translations)")
    mark = commands.add_parser("sync", help="record a reviewed page (or section) as up to date")
    mark.add_argument("locale")
    mark.add_argument("pages", nargs="*", help="pages inside the language folder, e.g. code-of-conduct.md")
    mark.add_argument("--section", help="only this section (its heading ID)")
    mark.add_argument("--all", action="store_true", help="every page of the language")
    mark.add_argument("--no-change-needed", action="store_true",
                      help="with --section: the French change needs no change in that translated section "
                           "(recorded, shown by status)")
    change = commands.add_parser("summary", help="what a change since BASE does to each translation (Markdown)")
    change.add_argument("--base", required=True, help="the commit the change starts from, e.g. origin/main")
    change.add_argument("--link-base", default="",
                        help="prefix of the links to files, e.g. https://github.com/ORG/REPO/blob/SHA/")
    scaffold = commands.add_parser("new", help="scaffold a new language, or missing pages of a language")
    scaffold.add_argument("locale", help="a language code, e.g. pt or ar")
    scaffold.add_argument("pages", nargs="*", help="missing pages of an existing language, e.g. code-of-conduct.md")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = _parse(argv)
    try:
        corpus = load_corpus(arguments.root)
        if arguments.command == "new":
            print("\n".join(scaffold_pages(corpus, arguments.locale, arguments.pages) if arguments.pages
                            else scaffold(corpus, arguments.locale)))
            return 0
        if arguments.command == "summary":
            print(summary(corpus, arguments.base, arguments.link_base), end="")
            return 0
        locales = corpus.config.translations
        if arguments.locale and arguments.locale not in locales:
            raise UsageError(f"'{arguments.locale}' is not a translation in mkdocs.yml "
                             f"(translations: {', '.join(locales)}).")
        if arguments.command == "status":
            report, unreadable = status(corpus, [arguments.locale] if arguments.locale else locales)
            print(report)
            return 1 if unreadable else 0
        pages = sorted(rel for (loc, rel) in corpus.pages if loc == arguments.locale) \
            if arguments.all else arguments.pages
        if not pages or (arguments.all and arguments.section):
            raise UsageError("name the pages to sync (e.g. code-of-conduct.md), or use --all "
                             "(--section goes with one page).")
        print("\n".join(sync(corpus, arguments.locale, pages, arguments.section, arguments.no_change_needed)))
        return 0
    except (ConfigError, UsageError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    run(main)
