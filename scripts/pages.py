"""The hub's page model: a Markdown page parsed once into front matter and sections.

Sections are keyed by their explicit heading IDs (``## Notre mission {#mission}``),
which are the same in every language. The tests, the consistency checker, the
status page and the PDF builder all read pages through this module.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml
from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

# The same attr_list syntax Python-Markdown (and so MkDocs) applies to headings.
_HEADING_ATTRS = AttrListTreeprocessor.HEADER_RE

# Block kinds counted per section; a translation keeps the same counts.
BLOCK_KINDS = ("paragraph", "list_item", "blockquote", "admonition", "table_row")

# The key of the front matter and any text before the first heading, in section maps.
TOP = "front-matter"

# PyYAML's safe loader, in its fast C version where libyaml is available.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_MARKDOWN = MarkdownIt("commonmark").use(front_matter_plugin).use(admon_plugin).enable("table")
# markdown-it drops `javascript:` links as text; Python-Markdown (the build) keeps them
# as links, so the model does too, for the checker to report them.
_MARKDOWN.validateLink = lambda url: True


@dataclass(frozen=True)
class Problem:
    """Something a page's author must fix: where, what, and what to do."""

    path: Path
    line: int | None
    message: str
    hint: str
    rule: str = "page-unreadable"  # the checker's rule id for it

    def __str__(self) -> str:
        where = f"{as_typed(self.path)}:{self.line}" if self.line else as_typed(self.path)
        return f"{where}: {self.message} {self.hint}".rstrip()


def as_typed(path: Path) -> str:
    """``path`` as its user would type it: relative to the current folder when inside it."""
    relative = os.path.relpath(path) if path.is_absolute() else str(path)
    return str(path) if relative.startswith("..") else relative


@dataclass(frozen=True)
class Link:
    """A link or image target found in the page, with its 1-based line."""

    target: str
    line: int
    is_image: bool = False

    @property
    def is_external(self) -> bool:
        return "://" in self.target or self.target.startswith(("mailto:", "tel:"))


@dataclass(frozen=True)
class Inline:
    """A run of inline content (paragraph, list item, cell, heading title or raw HTML)."""

    kind: str
    line: int
    text: str
    italic: tuple[str, ...] = ()  # its *emphasised* spans: titles of works, terms kept in their language


@dataclass
class Section:
    """A heading and the content up to the next heading.

    The preamble before the first heading (front matter included) is a section with
    ``id`` None and level 0. ``digest`` fingerprints the section's Markdown, so a
    translation can tell whether its source section changed.
    """

    id: str | None
    level: int
    title: str
    line: int
    end_line: int
    blocks: dict[str, int] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    inlines: list[Inline] = field(default_factory=list)
    html: list[Inline] = field(default_factory=list)
    digest: str = ""

    @property
    def key(self) -> str:
        """The section's ID, or ``front-matter`` for the preamble."""
        return self.id or TOP

    @property
    def text(self) -> list[str]:
        return [inline.text for inline in self.inlines]


@dataclass
class Page:
    """One Markdown file of one language."""

    path: Path
    meta: dict
    sections: list[Section]
    problems: list[Problem]

    @property
    def headings(self) -> list[Section]:
        return [s for s in self.sections if s.level > 0]

    @property
    def ids(self) -> list[str]:
        return [s.id for s in self.headings if s.id]

    def section(self, key: str) -> Section | None:
        """The section with this heading ID (or ``front-matter`` for the preamble)."""
        return self._by_key.get(key)

    @cached_property
    def _by_key(self) -> dict[str, Section]:
        by_key: dict[str, Section] = {}
        for section in self.sections:
            by_key.setdefault(section.key, section)  # a duplicate ID: the first, as browsers do
        return by_key

    def counterpart(self, section: Section) -> Section | None:
        """This page's section matching ``section`` of another language (by ID)."""
        return self.section(section.key) if self.sections else None

    @property
    def links(self) -> list[Link]:
        return [link for s in self.sections for link in s.links]

    @property
    def text(self) -> str:
        """The page's prose (headings, paragraphs, list items), one block a line."""
        return "\n".join(t for s in self.sections for t in s.text)


def read_page(path: Path) -> Page:
    """Parse the Markdown file at ``path``; unreadable input becomes a Problem."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        problem = Problem(path, None, f"cannot read the file ({error.strerror}).",
                          "Check that the file exists and is readable.")
        return Page(path, {}, [], [problem])
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Page(path, {}, [], [not_utf8(path, raw, error)])
    return parse_page(path, source)


def not_utf8(path: Path, raw: bytes, error: UnicodeDecodeError) -> Problem:
    """The Problem of a file whose bytes are not UTF-8: where, and how to re-save it."""
    line = raw[: error.start].count(b"\n") + 1
    column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
    byte = raw[error.start]
    guess = raw[error.start: error.start + 1].decode("cp1252", errors="replace")
    return Problem(path, line,
                   f"the file is not UTF-8: byte {error.start} (0x{byte:02X}), on line {line} at column "
                   f"{column}, cannot be read (in Windows-1252 it would be “{guess}”).",
                   "Re-save the file as UTF-8 (in your editor: “Save with encoding” → UTF-8), or "
                   f"convert it: `iconv -f WINDOWS-1252 -t UTF-8 {as_typed(path)} > utf8.tmp && mv utf8.tmp {as_typed(path)}`.")


def parse_page(path: Path, source: str) -> Page:
    """Parse Markdown ``source`` read from ``path``."""
    problems: list[Problem] = []
    tokens = _MARKDOWN.parse(source)
    meta: dict = {}
    if source.partition("\n")[0].rstrip() == "---" and not (tokens and tokens[0].type == "front_matter"):
        problems.append(Problem(path, 1, "the front matter opened by `---` on line 1 is never closed.",
                                "Add a line `---` after its last `key: value` line.", "front-matter"))
        return Page(path, {}, [], problems)  # what follows can't be told apart: nothing else to report
    if tokens and tokens[0].type == "front_matter":
        meta = _front_matter(path, tokens[0], problems)
        tokens = tokens[1:]
    lines = source.splitlines()
    sections = _sections(path, tokens, len(lines), problems)
    for section in sections:
        section.digest = _digest(lines[section.line - 1: section.end_line])
    return Page(path, meta, sections, problems)


def _digest(lines: list[str]) -> str:
    """A short fingerprint of Markdown lines, blind to trailing spaces, blank lines and
    the apostrophe's shape (’ or '), which changes no translation."""
    text = "\n".join(line.rstrip() for line in lines).strip().replace("’", "'")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _front_matter(path: Path, token: Token, problems: list[Problem]) -> dict:
    try:
        meta = yaml.load(token.content, Loader=SAFE_LOADER)
    except yaml.YAMLError as error:
        # Where the broken construct starts (an unclosed bracket), else where parsing stopped.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1  # +1 for the opening ---, +1 for 1-based
        reason = getattr(error, "problem", None) or str(error)
        problems.append(Problem(path, line, f"the front matter is not valid YAML ({reason}).",
                                "Write it as `key: value` lines between two `---` lines, and put a value "
                                "holding `: `, `#`, `[` or `{` in quotes: `title: \"Principios: centrales\"`.",
                                "front-matter"))
        return {}
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        problems.append(Problem(path, 2, "the front matter is not a set of `key: value` lines.",
                                "Write it as `key: value` lines between two `---` lines.",
                                "front-matter"))
        return {}
    return meta


def _sections(path: Path, tokens: list[Token], last_line: int,
              problems: list[Problem]) -> list[Section]:
    sections = [Section(None, 0, "", 1, last_line)]
    quote_depth = 0
    for index, token in enumerate(tokens):
        current = sections[-1]
        if token.type == "heading_open":
            inline = tokens[index + 1]
            line = token.map[0] + 1
            current.end_line = line - 1
            section = _heading(path, token, inline, line, problems)
            section.end_line = last_line
            sections.append(section)
            continue
        if token.type == "blockquote_open":
            if quote_depth == 0:
                _count(current, "blockquote")
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type == "paragraph_open" and not token.hidden:
            _count(current, "paragraph")
        elif token.type == "list_item_open":
            _count(current, "list_item")
        elif token.type == "admonition_open":
            _count(current, "admonition")
        elif token.type == "tr_open":
            _count(current, "table_row")
        elif token.type == "html_block":
            current.html.append(Inline("html_block", token.map[0] + 1, token.content))
        elif token.type == "inline" and index and tokens[index - 1].type != "heading_open":
            line = token.map[0] + 1 if token.map else current.line
            kind = tokens[index - 1].type.removesuffix("_open")
            _add_links_and_html(current, token, line)
            current.inlines.append(Inline(kind, line, _plain_text(token), _italic(token)))
    return sections


def _heading(path: Path, token: Token, inline: Token, line: int,
             problems: list[Problem]) -> Section:
    level = int(token.tag[1])
    title, section_id = inline.content, None
    match = _HEADING_ATTRS.search(title)
    if match:
        attrs, _ = get_attrs_and_remainder(match.group(1))
        section_id = dict(attrs).get("id")
        title = title[: match.start()].strip()
    if not section_id:
        problems.append(Problem(path, line, f"the heading “{title}” has no explicit ID.",
                                "End it with a language-neutral ID, e.g. `## Our mission {#mission}`, "
                                "the same in every language.", "heading-id-missing"))
    section = Section(section_id, level, title, line, line)
    _add_links_and_html(section, inline, line)
    section.inlines.append(Inline("heading", line, title))
    return section


def _count(section: Section, kind: str) -> None:
    section.blocks[kind] = section.blocks.get(kind, 0) + 1


def _add_links_and_html(section: Section, inline: Token, line: int) -> None:
    """Record the links, images and raw HTML of an inline run, each with its line."""
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "link_open":
            section.links.append(Link(str(child.attrs.get("href", "")), line))
        elif child.type == "image":
            section.links.append(Link(str(child.attrs.get("src", "")), line, is_image=True))
        elif child.type == "html_inline":
            section.html.append(Inline("html_inline", line, child.content))


# Stands for a code span in a run's prose, so that the text around it stays as written.
CODE = "\ufffc"


def _plain_text(inline: Token) -> str:
    """The prose of an inline run: its text, code spans as CODE, a line break as one, no markup."""
    return "".join(child.content if child.type == "text" else CODE if child.type == "code_inline" else "\n"
                   for child in inline.children or []
                   if child.type in ("text", "code_inline", "softbreak", "hardbreak"))


def _italic(inline: Token) -> tuple[str, ...]:
    """The text of each *emphasised* span of an inline run."""
    spans, depth, text = [], 0, ""
    for child in inline.children or []:
        if child.type == "em_open":
            depth += 1
        elif child.type == "em_close":
            depth -= 1
            if not depth:
                spans.append(text)
                text = ""
        elif depth and child.type == "text":
            text += child.content
    return tuple(spans)
