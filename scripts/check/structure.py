"""Pages and headings: every French page translated, readable, with the same heading IDs."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.check.findings import ERROR, NOTICE, WARNING, Finding, comparable_translations, found
from scripts.corpus import Corpus
from scripts.freshness import is_untranslated

REQUIRED_META = ("title", "description")
DOCUMENT_META = ("summary",)  # a document of the handbook: its home page card's one line


def check(corpus: Corpus) -> Iterator[Finding]:
    yield from _pages(corpus)
    yield from readable(corpus)
    yield from _headings(corpus)


def _pages(corpus: Corpus) -> Iterator[Finding]:
    source_language = corpus.source_language
    sources = corpus.source_pages
    complete = corpus.config.complete_locales
    for rel, source in sources.items():
        for locale in corpus.config.translations:
            page = corpus.page(locale, rel)
            must = (f" '{locale}' must be complete (extra.hub.complete_languages in mkdocs.yml)."
                    if locale in complete else " It is to translate: the site shows the French page with a notice.")
            if page is None:
                yield found(corpus, "page-missing", ERROR if locale in complete else NOTICE,
                            corpus.page_path(locale, rel), None,
                            f"this translation of {corpus.display(source.path)} is missing.{must}",
                            f"Translate the French page into this file, keeping its heading IDs "
                            f"(or run `./hub translations new {locale} {rel}` to start from the French page).",
                            source=(source.path, None))
            elif is_untranslated(page):
                yield found(corpus, "page-untranslated", ERROR if locale in complete else WARNING, page.path, 1,
                            f"this page is still the French text, marked `untranslated: true`.{must}",
                            "Translate it, remove `untranslated: true` from its front matter, "
                            f"then run `./hub translations sync {locale} {rel}`.",
                            source=(source.path, 1))
    for (locale, rel), page in corpus.pages.items():
        if locale != source_language and rel not in sources:
            yield found(corpus, "page-orphan", ERROR, page.path, None,
                        f"there is no French page {corpus.display(corpus.page_path(source_language, rel))} "
                        "for this translation.",
                        "Rename it to match its French page, or delete it if the French page was removed.")


def readable(corpus: Corpus) -> Iterator[Finding]:
    """Pages the build cannot use: unreadable, front matter broken or incomplete, empty."""
    documents = set((corpus.config.hub.get("handouts") or {}).get("documents") or [])
    for (_, rel), page in corpus.pages.items():
        for problem in page.problems:
            yield found(corpus, problem.rule, ERROR, page.path, problem.line, problem.message, problem.hint)
        if not page.sections:
            continue
        if not any(section.text for section in page.sections):
            yield found(corpus, "page-empty", ERROR, page.path, None, "the page has no content.",
                        "Write its text (start with the French page's headings), or delete it.")
            continue
        if not page.problems:
            required = REQUIRED_META + (DOCUMENT_META if rel in documents else ())
            missing = [key for key in required if not page.meta.get(key)]
            if missing:
                yield found(corpus, "front-matter", ERROR, page.path, 1,
                            f"the front matter lacks {', '.join(f'`{k}`' for k in missing)}.",
                            "Start the page with `---`, then `title: …` and `description: …` "
                            "lines (translated; a document of the handbook also has a one-line "
                            "`summary: …` for its home page card), then `---`.")


def _headings(corpus: Corpus) -> Iterator[Finding]:
    for page in corpus.pages.values():
        seen: dict[str, int] = {}
        for section in page.headings:
            if section.id in seen:
                yield found(corpus, "heading-id-duplicate", ERROR, page.path, section.line,
                            f"the heading ID `{section.id}` is already used on line {seen[section.id]}.",
                            "Give each heading of the page its own ID (the same as in the French page).")
            elif section.id:
                seen[section.id] = section.line
    for _, _, source, page in comparable_translations(corpus):
        yield from _compare_headings(corpus, source, page)


def _compare_headings(corpus: Corpus, source, page) -> Iterator[Finding]:
    theirs = {s.id: s for s in page.headings if s.id}
    ours = {s.id: s for s in source.headings if s.id}
    renamed = _renamed(source, page, ours, theirs)
    for french, section in renamed.values():
        if section.id:
            yield found(corpus, "heading-id-mismatch", ERROR, page.path, section.line,
                        f"the heading ID `{{#{section.id}}}` is not the French one: the French heading "
                        f"“{french.title}” in this place ends in `{{#{french.id}}}`.",
                        f"Write `{{#{french.id}}}` at the end of this heading: IDs are never translated.",
                        source=(source.path, french.line), section=french.id)
    for key, section in ours.items():
        if key not in theirs and key not in renamed:
            yield found(corpus, "heading-id-mismatch", ERROR, page.path, _place_of(section, source, theirs, page),
                        f"the French heading “{section.title}” {{#{key}}} has no counterpart here "
                        "(it belongs before this line).",
                        f"Translate that section, with a heading ending in {{#{key}}}.",
                        source=(source.path, section.line), section=key)
    paired = {section.id for _, section in renamed.values()}
    for key, section in theirs.items():
        if key not in ours and key not in paired:
            yield found(corpus, "heading-id-mismatch", ERROR, page.path, section.line,
                        f"the heading ID `{key}` does not exist in the French page.",
                        "Use the ID of the French heading this one translates; IDs are never translated.",
                        source=(source.path, None), section=key)
    common = [key for key in ours if key in theirs]
    order = [key for key in theirs if key in ours]
    for expected, actual in zip(common, order):
        if expected != actual:
            section = theirs[actual]
            yield found(corpus, "heading-order", ERROR, page.path, section.line,
                        f"section “#{actual}” comes where the French page has “#{expected}”.",
                        "Put the sections in the same order as the French page.",
                        source=(source.path, ours[expected].line), section=actual)
            break
    for key in common:
        if ours[key].level != theirs[key].level:
            yield found(corpus, "heading-level", ERROR, page.path, theirs[key].line,
                        f"heading “#{key}” is level {theirs[key].level}; the French one is "
                        f"level {ours[key].level}.",
                        f"Write it with {'#' * ours[key].level}, like the French heading.",
                        source=(source.path, ours[key].line), section=key)


def _renamed(source, page, ours: dict, theirs: dict) -> dict:
    """French headings whose translation carries another ID (or none), by position:
    {French ID: (French section, the translation's heading in its place)}."""
    if len(source.headings) != len(page.headings):
        return {}
    return {french.id: (french, section) for french, section in zip(source.headings, page.headings)
            if french.id and french.id not in theirs and section.id not in ours}


def _place_of(section, source, theirs: dict, page) -> int:
    """The line of the translation where a missing French section belongs: at the
    translation of the next French heading it has, else at the end of the page."""
    following = source.headings[source.headings.index(section) + 1:]
    return next((theirs[s.id].line for s in following if s.id in theirs), page.sections[-1].end_line)
