"""Links: internal links resolve in the same language; each section links where the
French section does; external addresses match (or are a declared variant)."""

from __future__ import annotations

import difflib
import posixpath
from collections import Counter
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from scripts.check.findings import ERROR, Finding, aligned_sections, column_of, data_file, describe, found
from scripts.corpus import Corpus
from scripts.pages import Link, Page

VARIANTS_FILE = "data/link_variants.yml"


def check(corpus: Corpus) -> Iterator[Finding]:
    yield from _resolve(corpus)
    variants, error = data_file(corpus, VARIANTS_FILE,
                                "Write it as `French URL:` lines, each followed by `LANG: URL` lines.")
    if error:
        yield error
    for pair in aligned_sections(corpus):
        rel = pair.rel
        ours = [_internal(rel, link) for link in pair.source.links if not link.is_external]
        theirs = [_internal(rel, link) for link in pair.section.links if not link.is_external]
        yield from _compare(corpus, pair, ours, theirs, "link-targets",
                            "Link to the same pages and sections as the French; translate only the link text.")
        ours = [variants.get(link.target, {}).get(pair.locale, link.target)
                for link in pair.source.links if link.is_external]
        theirs = [link.target for link in pair.section.links if link.is_external]
        yield from _compare(corpus, pair, ours, theirs, "url-mismatch",
                            f"Use the French section's addresses; a page that has its own address in "
                            f"this language goes in {VARIANTS_FILE}.")


def _compare(corpus, pair, ours: list[str], theirs: list[str], rule: str, hint: str) -> Iterator[Finding]:
    if sorted(ours) == sorted(theirs):
        return
    missing, extra = Counter(ours) - Counter(theirs), Counter(theirs) - Counter(ours)
    parts = []
    if missing:
        parts.append("lacks " + ", ".join(f"`{t}`" for t in sorted(missing)))
    if extra:
        parts.append("has " + ", ".join(f"`{t}`" for t in sorted(extra)) + " where the French does not")
    line, column = _first_link(pair, set(extra) or set(missing), rule == "url-mismatch")
    yield found(corpus, rule, ERROR, pair.page.path, line,
                f"{describe(pair.section)} {' and '.join(parts)}.", hint,
                source=(pair.source_page.path, pair.source.line), section=pair.source.key, column=column)


def _first_link(pair, targets: set[str], external: bool) -> tuple[int, int | None]:
    """Where the translation has its first link to one of ``targets`` (those it has and the
    French lacks); for a link it lacks, where the French section has it, in the same place
    of the translation (the same run of text), else the section's heading."""
    def wanted(link: Link) -> bool:
        return link.is_external == external and (link.target if external else _internal(pair.rel, link)) in targets

    for link in filter(wanted, pair.section.links):
        return link.line, column_of(pair.page.path, link.line, f"]({link.target}")
    for link in filter(wanted, pair.source.links):
        runs = [index for index, inline in enumerate(pair.source.inlines) if inline.line <= link.line]
        if runs and runs[-1] < len(pair.section.inlines):
            return pair.section.inlines[runs[-1]].line, None
    return pair.section.line, None


def _internal(rel: str, link: Link) -> str:
    """A link target as a page path inside the language folder, plus its anchor."""
    parts = urlsplit(link.target)
    if not parts.path:
        return f"{rel}#{parts.fragment}"
    path = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
    return f"{path}#{parts.fragment}" if parts.fragment else path


def _resolve(corpus: Corpus) -> Iterator[Finding]:
    for (locale, rel), page in corpus.pages.items():
        for link in page.links:
            if link.is_external or link.target.startswith(("mailto:", "tel:")):
                continue
            problem = _broken(corpus, locale, rel, page, link)
            if problem:
                yield found(corpus, "link-broken", ERROR, page.path, link.line,
                            f"the link `{link.target}` {problem[0]}.", problem[1],
                            column=column_of(page.path, link.line, f"({link.target}"))


def _broken(corpus: Corpus, locale: str, rel: str, page: Page, link: Link) -> tuple[str, str] | None:
    if link.target.lower().startswith(("javascript:", "data:")):
        return None  # reported by the markup rule
    target = _internal(rel, link)
    path, _, anchor = target.partition("#")
    if path.startswith("../") or path == "..":
        file = (corpus.page_path(locale, rel).parent / unquote(urlsplit(link.target).path)).resolve()
        if not file.exists():
            return "points to a file that does not exist", "Fix the path, relative to this page."
        return None
    if not path.endswith(".md"):
        if not corpus.page_path(locale, path).exists():
            return ("points to a file that does not exist in this language's folder",
                    "Link to a Markdown page (`page.md#id`) or to a file that exists.")
        return None
    target_page = corpus.page(locale, path)
    if target_page is None:
        return (f"points to {corpus.display(corpus.page_path(locale, path))}, which does not exist",
                "Link to a page of the same language, with the same path as in the French page.")
    if anchor and target_page.sections and anchor not in target_page.ids:
        closest = difflib.get_close_matches(anchor, target_page.ids, n=1, cutoff=0.6)
        return (f"points to the section `#{anchor}`, which {corpus.display(target_page.path)} does not have"
                + (f": did you mean `#{closest[0]}`?" if closest else ""),
                (f"Write `#{closest[0]}`" if closest else "Use one of the target page's heading IDs")
                + ", the same as in the French link.")
    return None
