"""A built page's article as print material: the site's chrome removed, headings and
anchors renamed so several pages can share one PDF, links made to work on paper.

The handout's title is its one H1, on its cover or title block (compose.py): a page
whose h1 only repeats that title leaves it out; any other page (the handbook's, or one
whose h1 says more than its title) has every heading moved one level down, under the
handout's H1, so that no level is skipped (PDF/UA-1).

Words that must never be hyphenated (data/handouts.yml), names and titles (a run of
capitalised words: "Kimberlé Crenshaw", "Plan Stratégique") and the last word of every
paragraph are put in a ``<span class="whole">``, which the stylesheet never hyphenates.
A word borrowed from another language (a glossary term spelled as in
``borrowed_from``'s language, "backlash") is marked in that language, and each glossary
cell in the language of its term, so that each is hyphenated by its own rules.

Print reads as a document: a link to a page inside the same PDF stays internal; any
other link to the site becomes an absolute address on ``site_url``, in the online form
even when the pages come from the offline bundle's build (``code-of-conduct.html`` is
``code-of-conduct/``), and prints as its text alone; a link away from the site prints
its address after its text, unless its text is the address. An address is printed
whole, broken only after a slash. The words about "this page" say "this document"
(``on_paper`` in data/handouts.yml), and a table's column empty on every row is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from scripts.glossary import glossary
from scripts.handouts.address import printed_address
from scripts.handouts.errors import HandoutError
from scripts.site_urls import online_url, page_file, page_url

# What a printed page has no use for: edit button, permalinks, our download links
# (under a document's title and on the home page's cards), the glossary's column labels
# in each cell (shown only in the phone's stacked layout).
# (.md-source-file: the page's dates and how to cite it, which the cover gives in print.)
CHROME = (".md-content__button", "a.headerlink", ".hub-download", ".hub-documents__pdf",
          ".hub-glossary__label", ".md-source-file")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
SETTINGS = Path(__file__).resolve().parents[2] / "data" / "handouts.yml"
PARAGRAPHS = ("p", "li", "td", "th")
# Where text is never hyphenated already: a link holds only text (see compose.py).
UNHYPHENATED = ("a", "code", "pre", *HEADINGS)


def anchor_prefix(locale: str, page: str) -> str:
    """What the anchors of ``page`` in ``locale`` start with inside a PDF."""
    return f"{locale}--{page.removesuffix('.md')}--"


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    id: str      # as on the site, the same in every language
    anchor: str  # renamed, as in the PDF


@dataclass(frozen=True)
class Section:
    """A heading and what follows it up to the next heading (``id`` None: the preamble,
    with no heading)."""

    id: str | None
    heading: str
    body: str

    @property
    def html(self) -> str:
        return self.heading + self.body


@dataclass(frozen=True)
class Article:
    locale: str
    page: str
    prefix: str  # what its anchors start with in the PDF
    shift: int   # how many levels its headings moved down (0 or 1)
    headings: tuple[Heading, ...]
    sections: tuple[Section, ...]

    @property
    def page_anchor(self) -> str:
        """Where a link to the whole page points (the start of the page)."""
        return self.prefix + "page"

    @property
    def html(self) -> str:
        return "".join(section.html for section in self.sections)

    def section(self, section_id: str | None) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


@dataclass(frozen=True)
class Links:
    """How links are written in one PDF."""

    site_url: str
    inside: dict[str, str]  # online address of each page in this PDF -> its anchor prefix
    printed: frozenset[str]  # online address of each page some handout prints
    directory_urls: bool  # how the built pages are addressed (False: the offline bundle)


def built_article(site_dir: Path, locale: str, page: str, default: str, directory_urls: bool) -> str:
    """The ``<article>`` of ``page`` as built in ``site_dir``, without the site's chrome."""
    path = site_dir / page_file(page_url(locale, page, default, directory_urls))
    try:
        html = path.read_text(encoding="utf-8")
    except OSError:
        raise HandoutError(f"{path}: the built page is missing. Build the site first "
                           "(make build), then make the handouts.") from None
    article = BeautifulSoup(html, "lxml").select_one("article.md-content__inner")
    if article is None:
        raise HandoutError(f"{path}: no <article> in the built page. "
                           "The theme's templates changed; update scripts/handouts/article.py.")
    for node in article.select(", ".join(CHROME)):
        node.decompose()
    for comment in article.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    return str(article)


def read_article(source: str, locale: str, page: str, default: str, links: Links,
                 title: str) -> Article:
    """``page``'s article (from ``built_article``) with its anchors and links made for one
    PDF whose H1 is ``title``: the page's h1 left out if it says just that, else every
    heading one level down."""
    url = page_url(locale, page, default, links.directory_urls)
    article = BeautifulSoup(source, "lxml").article
    top = article.find("h1")
    shift = 0 if top is None or " ".join(top.get_text(" ", strip=True).split()) == " ".join(title.split()) else 1
    for node in article.find_all(HEADINGS):
        level = int(node.name[1])
        node["class"] = node.get("class", []) + [f"level-{level}"]  # its look (handout.css)
        node.name = f"h{min(level + shift, 6)}"
    sections = _split(article)
    prefix = anchor_prefix(locale, page)
    headings = []
    for node in article.find_all(HEADINGS):
        if node.get("id") and node.name != "h1":
            headings.append(Heading(int(node.name[1]), node.get_text(" ", strip=True),
                                    node["id"], prefix + node["id"]))
    for node in article.find_all(id=True):
        node["id"] = prefix + node["id"]
    for link in article.find_all("a", href=True):
        link["href"] = _print_href(link["href"], url, links)
        _print_link(link, links)
    _say_on_paper(article, locale)
    _drop_empty_columns(article)
    _keep_end_rows_together(article)
    _mark_languages(article, locale)
    _keep_words_whole(article)
    _keep_spaces_with_links(article)
    return Article(locale, page, prefix, shift, tuple(headings), tuple(
        _section(section_id, nodes) for section_id, nodes in sections))


def _section(section_id: str | None, nodes: list) -> Section:
    if not section_id:
        return Section(None, "", "".join(str(n) for n in nodes))
    heading, body = nodes[0], "".join(str(n) for n in nodes[1:])
    if heading.name == "h1":  # only the handout's title, which its H1 says
        return Section(section_id, "", body)
    return Section(section_id, str(heading), body)


@cache
def _settings() -> dict:
    return yaml.safe_load(SETTINGS.read_text("utf-8"))


@cache
def _never_hyphenated() -> re.Pattern:
    words = _settings()["never_hyphenated"]
    return re.compile(r"\b(" + "|".join(re.escape(word) for word in words) + r")\b", re.IGNORECASE)


# A run of capitalised words, a name or a title ("Kimberlé Crenshaw’s", "Plan Stratégique").
CAPITALISED = re.compile(r"(?<![\w’'-])(?=[^\W\d_])(?:[^\W\d_a-zß-ÿ][\w’'-]*)(?:[ \u00a0](?=[^\W\d_a-zß-ÿ])[\w’'-]+)*")
HYPHENATED_FROM = 7  # letters: a shorter word is never hyphenated (hyphenate-limit-chars)
# A word with a hyphen of its own ("movement-building") breaks only there.
COMPOUND = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")


def _whole_words(text: str) -> list[str]:
    """``text`` cut into pieces, every other one (the 2nd, 4th…) a word never
    hyphenated, a compound with a hyphen of its own, or a run of capitalised words long
    enough to be."""
    found = sorted([match.span() for match in _never_hyphenated().finditer(text)]
                   + [match.span() for match in COMPOUND.finditer(text)] + [
        match.span() for match in CAPITALISED.finditer(text)
        if match[0][0].isupper() and max(map(len, re.findall(r"\w+", match[0]))) >= HYPHENATED_FROM])
    spans: list[list[int]] = []
    for start, end in found:  # overlapping ones merged ("MenEngage Alliance")
        if spans and start < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    pieces, position = [], 0
    for start, end in spans:
        pieces += [text[position:start], text[start:end]]
        position = end
    return pieces + [text[position:]]


def _keep_words_whole(article: Tag) -> None:
    """Wrap the words never hyphenated, names and titles, and each paragraph's last word,
    in ``span.whole``."""
    for text in list(article.find_all(string=True)):
        if isinstance(text, Comment) or text.find_parent(UNHYPHENATED) or text.find_parent(class_="whole"):
            continue
        pieces = _whole_words(str(text))
        if len(pieces) > 1:
            _wrap(text, pieces)
    for block in article.find_all(PARAGRAPHS):
        texts = [t for t in block.find_all(string=re.compile(r"\w")) if not isinstance(t, Comment)]
        last = texts[-1] if texts else None  # the last text with a word ("<em>word</em>." too)
        if last is None or last.find_parent(PARAGRAPHS) is not block or last.find_parent(UNHYPHENATED):
            continue
        if last.parent.name == "span" and "whole" in last.parent.get("class", []):
            continue
        found = re.match(r"(.*?)(\w+\W*)$", str(last), re.S)
        if found:  # the word with what follows it: "systèmes. »", "inspirent :"
            _wrap(last, [found[1], found[2]])


@cache
def _borrowed_words() -> dict[str, dict[str, str]]:
    """By language, the glossary's words spelled as in ``borrowed_from``'s language
    (lower case) -> that language."""
    source = _settings()["borrowed_from"]
    borrowed: dict[str, dict[str, str]] = {}
    for terms in glossary().values():
        for term in terms:
            for locale, name in term.names.items():
                if locale != source and name == term.names.get(source):
                    borrowed.setdefault(locale, {})[name.lower()] = source
    return borrowed


def _mark_languages(article: Tag, locale: str) -> None:
    """Each table cell holding one term in a language of its own carries that language
    (a glossary note, which may quote several, is never hyphenated); each borrowed word
    in the text is a ``<span lang>`` of its language."""
    for cell in article.find_all(["td", "th"]):
        marked = cell.find_all(lang=True, recursive=False)
        if len(marked) == 1 and not cell.get("lang"):
            cell["lang"] = marked[0]["lang"]
        elif cell.name == "td" and cell.find_parent(class_="hub-glossary"):
            # a glossary note quoting other languages (« partnership building » in French):
            # no single language's rules fit it, so it is not hyphenated
            cell["class"] = cell.get("class", []) + ["whole"]
    borrowed = _borrowed_words().get(locale, {})
    if not borrowed:
        return
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, borrowed)) + r")\b", re.IGNORECASE)
    for text in list(article.find_all(string=pattern)):
        holder = text.find_parent(lang=True)
        if isinstance(text, Comment) or holder is not None and holder["lang"] != locale:
            continue  # a Comment, or a text in another language already
        pieces = pattern.split(str(text))
        nodes = []
        for index, piece in enumerate(pieces):
            if index % 2:
                span = Tag(name="span", attrs={"lang": borrowed[piece.lower()]})
                span.string = piece
                nodes.append(span)
            elif piece:
                nodes.append(NavigableString(piece))
        text.replace_with(*nodes)


def _say_on_paper(article: Tag, locale: str) -> None:
    """The words about the page online said of the document on paper (data/handouts.yml)."""
    wording = (_settings().get("on_paper") or {}).get(locale) or {}
    if not wording:
        return
    pattern = re.compile("|".join(map(re.escape, wording)))
    for text in list(article.find_all(string=pattern)):
        text.replace_with(NavigableString(pattern.sub(lambda match: wording[match[0]], str(text))))


def _drop_empty_columns(article: Tag) -> None:
    """Leave out each table column with nothing in any of its body's cells."""
    for table in article.find_all("table"):
        rows = table.find_all("tr")
        body = [row for row in rows if row.find("td", recursive=False)]
        if not body:
            continue
        width = max(len(row.find_all(["td", "th"], recursive=False)) for row in rows)
        empty = [column for column in range(width) if all(
            not _cell(row, column) or not _cell(row, column).get_text(strip=True) for row in body)]
        for row in rows:
            cells = row.find_all(["td", "th"], recursive=False)
            for column in reversed(empty):
                if column < len(cells):
                    cells[column].decompose()


def _keep_end_rows_together(article: Tag) -> None:
    """Put a long table's last two body rows in a ``tbody`` of their own (kept on one
    page, handout.css): a table running over pages (the glossary's) never leaves its
    last row alone at the next page's top (WeasyPrint 70 ignores ``break-after``
    between rows; a group of its first rows made it split a row instead)."""
    for body in article.select("table > tbody"):
        rows = body.find_all("tr", recursive=False)
        if len(rows) < 5:
            continue
        last = article.new_tag("tbody", attrs={"class": "kept"})
        body.insert_after(last)
        for row in rows[-2:]:
            last.append(row.extract())


def _cell(row: Tag, column: int) -> Tag | None:
    cells = row.find_all(["td", "th"], recursive=False)
    return cells[column] if column < len(cells) else None


def _print_link(link: Tag, links: Links) -> None:
    """A link as printed: one run of text (one annotation, tagged as its Link); an
    address as its text is never broken at a hyphen; a link away from the site, or to a
    page no handout prints (the handouts page), prints its address after its text,
    unhyphenated, in a paragraph kept on one page."""
    for span in link.select(".hub-nowrap"):  # one text run: one link annotation in the tags
        span.unwrap()
    href = link["href"]
    if href.startswith("#"):
        return
    text = link.get_text(strip=True)
    address = _address(href)
    if _address(text) == address or (" " not in text and "/" in text and "." in text):
        link.string = printed_address(text)
    elif (_unprinted(href, links) and urlsplit(href).scheme in ("http", "https")
          and address not in (link.find_parent(PARAGRAPHS) or link).get_text()):
        # (unless the paragraph says the address already: "… on the site menengage.org")
        shown = _address(href.partition("#")[0]) if href.startswith(links.site_url) else address
        printed = BeautifulSoup(f'<span class="whole">{escape(printed_address(shown))}</span>', "html.parser").span
        link.insert_after(NavigableString(" ("), printed, NavigableString(")"))
        paragraph = link.find_parent(PARAGRAPHS)
        if paragraph is not None:
            paragraph["class"] = paragraph.get("class", []) + ["prints-address"]


def _unprinted(href: str, links: Links) -> bool:
    """Whether ``href`` leads to no page of any handout: away from the site, or to a page
    only online."""
    if not href.startswith(links.site_url):
        return True
    return href[len(links.site_url):].lstrip("/").partition("#")[0] not in links.printed


def _address(url: str) -> str:
    return url.split("://", 1)[-1].removeprefix("www.").rstrip("/")


def _keep_spaces_with_links(article: Tag) -> None:
    """Put the space before each link, and the link, in a ``<span>``: where a link's first
    word does not fit at a line's end, WeasyPrint 70 otherwise breaks the line before it
    too early, leaving a word alone on a line ("See" / "our detailed Theory of…")."""
    for link in article.find_all("a", href=True):
        before = link.previous_sibling
        if not isinstance(before, NavigableString) or isinstance(before, Comment):
            continue
        kept = str(before).rstrip()
        if kept == str(before):
            continue
        span = Tag(name="span")
        before.replace_with(NavigableString(kept))
        link.wrap(span)
        span.insert(0, NavigableString(str(before)[len(kept):]))


def _wrap(text: NavigableString, pieces: list[str]) -> None:
    """Replace ``text`` by ``pieces``, every other one (the 2nd, 4th…) in ``span.whole``
    with the space before it: with the space outside, a span that does not fit at a
    line's end makes WeasyPrint 70 break that line too early ("See" alone on a line)."""
    pieces = list(pieces)
    for index in range(1, len(pieces), 2):
        before = pieces[index - 1]
        kept = before.rstrip()
        pieces[index - 1], pieces[index] = kept, before[len(kept):] + pieces[index]
    soup_pieces = []
    for index, piece in enumerate(pieces):
        if not piece:
            continue
        if index % 2:
            span = Tag(name="span", attrs={"class": "whole"})
            span.string = piece
            soup_pieces.append(span)
        else:
            soup_pieces.append(NavigableString(piece))
    text.replace_with(*soup_pieces)


def _split(article: Tag) -> list[tuple[str | None, list]]:
    """The article's top-level nodes, grouped by the heading that starts each section."""
    sections: list[tuple[str | None, list]] = [(None, [])]
    for node in list(article.children):
        if isinstance(node, Tag) and node.name in HEADINGS and node.get("id"):
            sections.append((node["id"], []))
        sections[-1][1].append(node)
    return [(section_id, nodes) for section_id, nodes in sections
            if section_id or any(str(n).strip() for n in nodes)]


def _print_href(href: str, page: str, links: Links) -> str:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return href
    path, hash_sign, fragment = urljoin("/" + page, href).partition("#")
    path = online_url(path.lstrip("/"))
    if path in links.inside:
        prefix = links.inside[path]
        return f"#{prefix}{fragment or 'page'}"
    return urljoin(links.site_url.rstrip("/") + "/", path + hash_sign + fragment)
