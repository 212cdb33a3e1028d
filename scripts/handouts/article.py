"""A built page's article as print material: the site's chrome removed, headings and
anchors renamed so several pages can share one PDF, links made to work on paper.

A link to a page inside the same PDF stays internal; any other link to the site
becomes an absolute address on ``site_url``, in the online form even when the pages
come from the offline bundle's build (``code-of-conduct.html`` is ``code-of-conduct/``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Comment, Tag

from scripts.handouts.errors import HandoutError
from scripts.site_urls import online_url, page_file, page_url

# What a printed page has no use for: edit button, permalinks, our download links
# (under a document's title and on the home page's cards).
CHROME = (".md-content__button", "a.headerlink", ".hub-download", ".hub-documents__pdf")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


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


def read_article(source: str, locale: str, page: str, default: str, links: Links) -> Article:
    """``page``'s article (from ``built_article``) with its anchors and links made for one PDF."""
    url = page_url(locale, page, default, links.directory_urls)
    article = BeautifulSoup(source, "lxml").article
    sections = _split(article)
    prefix = anchor_prefix(locale, page)
    headings = []
    for node in article.find_all(HEADINGS):
        if node.get("id"):
            headings.append(Heading(int(node.name[1]), node.get_text(" ", strip=True),
                                    node["id"], prefix + node["id"]))
    for node in article.find_all(id=True):
        node["id"] = prefix + node["id"]
    for link in article.find_all("a", href=True):
        link["href"] = _print_href(link["href"], url, links)
    return Article(locale, page, prefix, tuple(headings), tuple(
        Section(section_id, str(nodes[0]) if section_id else "",
                "".join(str(n) for n in (nodes[1:] if section_id else nodes)))
        for section_id, nodes in sections))


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
