"""Figures drawn from a page's own sections: the theory of change, the roadmap.

A figure is declared in mkdocs.yml (``extra.hub.figures``) by section IDs only, so it
holds no words of its own. At build time the rendered sections named as its stages
are moved, heading and all, into a ``<figure>``: an ordered list (``flow``: stages
read one after the other) or a list of layers (``layers``: the first on top), which
hub.css and the handouts' stylesheet lay out. A stage may also be a section of
another page (``core-principles.md#principles``): its list, under its heading as a
link to it. The caption is ``figure_caption`` of data/ui.yml around the heading of
the section the figure belongs to (``title``).

Headings keep their IDs and permalinks; a stage keeps its paragraphs and lists, and
anything else of its section (a quote, an admonition, a table) follows the figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from mkdocs.utils import get_relative_url

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# What a stage carries; the rest of its section follows the figure.
STAGE_CONTENT = ("p", "ul", "ol", "dl")
LAYOUTS = {"flow": "ol", "layers": "ul"}


class FigureError(Exception):
    """A figure cannot be drawn; the message says where and what to do."""


@dataclass(frozen=True)
class Figure:
    """One figure of ``extra.hub.figures``: a name (its CSS class), a layout, the
    section naming it and its stages (section IDs, or ``page.md#id`` of another page)."""

    name: str
    layout: str
    title: str
    stages: tuple[str, ...]

    @property
    def foreign_stages(self) -> list[tuple[str, str]]:
        """The (page, section ID) of each stage taken from another page."""
        return [tuple(stage.split("#", 1)) for stage in self.stages if "#" in stage]


@dataclass(frozen=True)
class ForeignSection:
    """A section of another page, rendered: its heading's text and its content."""

    title: str
    content: list[Tag]
    href: str  # from the page the figure is on


def figures_of(hub: dict, page: str) -> list[Figure]:
    """The figures ``extra.hub.figures`` declares for ``page`` (``theory-of-change.md``)."""
    declared = (hub.get("figures") or {}).get(page) or []
    figures = []
    for entry in declared:
        try:
            figure = Figure(entry["name"], entry["layout"], entry["title"], tuple(entry["stages"]))
        except (KeyError, TypeError):
            raise FigureError(f"mkdocs.yml: a figure of extra.hub.figures.{page} needs `name`, "
                              "`layout`, `title` and `stages` (section IDs).") from None
        if figure.layout not in LAYOUTS:
            raise FigureError(f"mkdocs.yml: figure '{figure.name}' has layout '{figure.layout}'; "
                              f"use one of {', '.join(LAYOUTS)}.")
        figures.append(figure)
    return figures


def section_of(html: str, section_id: str, page_url: str, from_url: str) -> ForeignSection | None:
    """Section ``section_id`` of a rendered page at ``page_url``, its links made to work
    from ``from_url`` (both site-relative page addresses)."""
    soup = BeautifulSoup(html, "html.parser")
    heading = soup.find(HEADINGS, id=section_id)
    if heading is None:
        return None
    content = [node for node in _section_nodes(heading) if node.name in STAGE_CONTENT]
    for node in content:
        for link in node.find_all("a", href=True):
            link["href"] = _rebase(link["href"], page_url, from_url)
    return ForeignSection(_heading_text(heading), content,
                          _rebase("#" + section_id, page_url, from_url))


def draw(html: str, figure: Figure, caption: str, foreign: dict[str, ForeignSection], where: str) -> str:
    """``html`` with ``figure``'s stages moved into it. ``caption`` is the caption's
    pattern (``{title}``); ``foreign`` holds the other pages' sections by ``page#id``;
    ``where`` names the page in error messages."""
    soup = BeautifulSoup(html, "html.parser")
    title = soup.find(HEADINGS, id=figure.title)
    if title is None:
        raise FigureError(f"{where}: figure '{figure.name}' (mkdocs.yml extra.hub.figures) is named "
                          f"after section #{figure.title}, which the page lacks. Restore its heading "
                          "or change `title`.")
    stages, after, first = [], [], None
    expected = None  # the heading the previous stage's section ends at
    for stage in figure.stages:
        if "#" in stage:
            stages.append(_foreign_stage(soup, foreign[stage]))
            continue
        heading = soup.find(HEADINGS, id=stage)
        if heading is None:
            raise FigureError(f"{where}: figure '{figure.name}' (mkdocs.yml extra.hub.figures) has the "
                              f"section #{stage} as a stage, which the page lacks. Restore its heading "
                              "or remove the stage.")
        if expected is not None and heading is not expected:
            raise FigureError(f"{where}: the stages of figure '{figure.name}' must be consecutive "
                              f"sections; #{stage} does not follow the previous stage. Reorder "
                              "`stages` in mkdocs.yml as the page orders its sections.")
        nodes = _section_nodes(heading)
        expected = _next_heading(nodes[-1] if nodes else heading)
        if first is None:
            first = soup.new_tag("div")
            heading.insert_before(first)
        item = soup.new_tag("li", attrs={"class": "hub-figure__stage"})
        item.append(heading.extract())
        for node in nodes:
            node.extract()
            (item.append if node.name in STAGE_CONTENT else after.append)(node)
        stages.append(item)
    if first is None:
        raise FigureError(f"{where}: figure '{figure.name}' has no stage of this page; name at least "
                          "one of its sections in mkdocs.yml.")
    element = soup.new_tag("figure", attrs={"class": f"hub-figure hub-figure--{figure.layout} "
                                                     f"hub-figure--{figure.name}"})
    label = soup.new_tag("figcaption", attrs={"class": "hub-figure__caption"})
    label.string = caption.format(title=_heading_text(title))
    element.append(label)
    listing = soup.new_tag(LAYOUTS[figure.layout], attrs={"class": "hub-figure__stages"})
    for stage in stages:
        listing.append(stage)
    element.append(listing)
    first.replace_with(element)
    for node in reversed(after):
        element.insert_after(node)
    return str(soup)


def _foreign_stage(soup: BeautifulSoup, section: ForeignSection) -> Tag:
    item = soup.new_tag("li", attrs={"class": "hub-figure__stage hub-figure__stage--foreign"})
    label = soup.new_tag("p", attrs={"class": "hub-figure__label"})
    link = soup.new_tag("a", href=section.href)
    link.string = section.title
    label.append(link)
    item.append(label)
    for node in section.content:
        item.append(BeautifulSoup(str(node), "html.parser"))
    return item


def _section_nodes(heading: Tag) -> list:
    """The siblings after ``heading`` up to the next heading."""
    nodes = []
    for node in heading.next_siblings:
        if isinstance(node, Tag) and node.name in HEADINGS:
            break
        if isinstance(node, Tag) or (isinstance(node, NavigableString) and node.strip()):
            nodes.append(node)
    return nodes


def _next_heading(node) -> Tag | None:
    return next((n for n in node.next_siblings if isinstance(n, Tag) and n.name in HEADINGS), None)


def _heading_text(heading: Tag) -> str:
    """A heading's words, without its permalink."""
    return "".join(node.get_text() for node in heading.children
                   if not (isinstance(node, Tag) and "headerlink" in (node.get("class") or []))).strip()


def _rebase(href: str, page_url: str, from_url: str) -> str:
    """A link written on the page at ``page_url``, as written from ``from_url``."""
    if urlsplit(href).scheme or href.startswith("//"):
        return href
    path, _, fragment = urljoin("/" + page_url, href).partition("#")
    return get_relative_url(path.lstrip("/"), from_url) + ("#" + fragment if fragment else "")
