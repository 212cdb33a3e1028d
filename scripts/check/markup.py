"""Unsafe or non-portable markup in content: scripts, frames, event handlers,
``javascript:`` addresses, and raw HTML whose tags do not balance."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

from scripts.check.findings import ERROR, Finding, found
from scripts.corpus import Corpus

UNSAFE_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "applet"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
             "source", "track", "wbr"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}


class _TagReader(HTMLParser):
    """Collects the start and end tags of raw HTML fragments, with their lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, str, list, int]] = []
        self.first_line = 1

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, attrs, self.first_line + self.getpos()[0] - 1))

    def handle_startendtag(self, tag, attrs):
        self.events.append(("empty", tag, attrs, self.first_line + self.getpos()[0] - 1))

    def handle_endtag(self, tag):
        self.events.append(("end", tag, [], self.first_line + self.getpos()[0] - 1))


def _unsafe_url(value: str | None) -> bool:
    return bool(value) and "".join(value.split()).lower().startswith(("javascript:", "vbscript:"))


def check(corpus: Corpus) -> Iterator[Finding]:
    for page in corpus.pages.values():
        for link in page.links:
            if _unsafe_url(link.target):
                yield found(corpus, "unsafe-markup", ERROR, page.path, link.line,
                            "a `javascript:` address in a link.", "Link to a page or a web address instead.")
        reader = _TagReader()
        for section in page.sections:
            for fragment in section.html:
                start = len(reader.events)
                reader.reset()
                reader.first_line = fragment.line
                reader.feed(fragment.text)
                reader.close()
                yield from _unsafe(corpus, page.path, reader.events[start:])
        yield from _balance(corpus, page.path, reader.events)


def _unsafe(corpus, path, events) -> Iterator[Finding]:
    for kind, tag, attrs, line in events:
        if kind == "end":
            continue
        if tag in UNSAFE_TAGS:
            yield found(corpus, "unsafe-markup", ERROR, path, line, f"an HTML `<{tag}>` element in the content.",
                        "Remove it: pages are plain Markdown, and the site loads nothing from other hosts.")
        for name, value in attrs:
            if name.startswith("on"):
                yield found(corpus, "unsafe-markup", ERROR, path, line,
                            f"an event handler attribute `{name}` on `<{tag}>`.", "Remove the attribute.")
            elif name in URL_ATTRIBUTES and _unsafe_url(value):
                yield found(corpus, "unsafe-markup", ERROR, path, line,
                            f"a `javascript:` address in `<{tag} {name}>`.", "Use a real address or remove it.")


def _balance(corpus, path, events) -> Iterator[Finding]:
    """Tags opened and closed across the page's raw HTML, as the built page will see them."""
    open_tags: list[tuple[str, int]] = []
    for kind, tag, _, line in events:
        if kind == "start" and tag not in VOID_TAGS:
            open_tags.append((tag, line))
        elif kind == "end" and tag not in VOID_TAGS:
            if open_tags and open_tags[-1][0] == tag:
                open_tags.pop()
            else:
                yield found(corpus, "broken-html", ERROR, path, line,
                            f"`</{tag}>` closes an element that is not open here.",
                            "Remove it, or open the element before (check the nesting).")
    for tag, line in open_tags:
        yield found(corpus, "broken-html", ERROR, path, line, f"`<{tag}>` is never closed.",
                    f"Close it with `</{tag}>` (a blank line before it, if it wraps Markdown).")
