"""A handout's HTML, for WeasyPrint: title, table of contents, then the text.

The handout's title is its one H1, its first heading. How it opens depends on the length
of its text in each of its languages (``layout``):

- under SHORT_DOCUMENT characters: a title block at the top of the first page and no
  table of contents, so that a one-page text prints on one sheet;
- under COVER_DOCUMENT: the title block, the text's untitled introduction, then a table
  of contents and the rest of the text, on the same page (a few pages need no sheet of
  their own for a cover or a contents list);
- longer (the handbook): a cover page, then a table of contents.

A single-language handout is the pages one after the other. A bilingual one is a
two-column table, section by section (aligned by heading ID), each cell marked
with its language so each column is hyphenated in its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from html import escape

import segno
from babel.dates import format_date
from bs4 import BeautifulSoup

from scripts.handouts.address import printed_address
from scripts.handouts.article import Article
from scripts.handouts.catalog import PAPERS, Handout
from scripts.ui_text import ui

SHORT_DOCUMENT = 4_000   # characters of text: below, no table of contents
COVER_DOCUMENT = 25_000  # characters of text: from there on, a cover page of its own


@dataclass(frozen=True)
class Cover:
    titles: tuple[tuple[str, str], ...]     # (locale, title), one per language
    languages: tuple[tuple[str, str], ...]  # (locale, name of the language)
    date: dt.date
    urls: tuple[tuple[str, str], ...]       # (locale, the page online in that language)


def single_language(handout: Handout, title: str, cover: Cover, articles: list[Article]) -> str:
    """The pages of ``articles``, in one language, one after the other."""
    several = len(articles) > 1
    # The table of contents: the two levels under the handout's title (in the handbook:
    # each page's title and its sections; in a document: its sections and theirs).
    tops = [2 if several else 2 + article.shift for article in articles]
    entries = [(h.level - top, escape(h.text), h.anchor, "")
               for article, top in zip(articles, tops) for h in article.headings if 0 <= h.level - top <= 1]
    kind = layout([articles])
    lead = ""
    if kind == "medium" and not several and not articles[0].sections[0].heading:
        # the untitled introduction under the title, before the table of contents
        article = articles[0]
        lead = f'<div class="lead" id="{escape(article.page_anchor)}">{article.sections[0].body}</div>'
        body = f'<div class="part">{"".join(section.html for section in article.sections[1:])}</div>'
    else:
        body = "".join(f'<div class="part" id="{escape(article.page_anchor)}">{article.html}</div>'
                       for article in articles)
    # (a class, not `main:has(.hub-figure--flow)`: WeasyPrint would search all of main
    # again for each block of it, a quarter of the handbook's rendering time)
    classes = ("handbook" if several else "document") + (" with-flow" if "hub-figure--flow" in body else "")
    return _document(handout, title, cover, entries, kind, f'<main class="{classes}">{body}</main>', lead)


def bilingual(handout: Handout, title: str, cover: Cover, left: Article, right: Article,
              order: list[str | None]) -> str:
    """``left`` and ``right`` side by side, section by section in the order of the
    section IDs of ``order``: a row of headings (a section with no text of its own shares
    the next one's, so that no heading is left alone at a page's foot), then a row of
    text (a figure's caption and each of its stages in a row of their own, so that the
    two columns' stages face each other)."""
    head = "".join(f'<th scope="col" lang="{loc}">{escape(name)}</th>' for loc, name in cover.languages)
    rows = []
    headings = ["", ""]  # headings not yet in a row: a section with no text of its own
    in_flow = False  # the rows being added are a flow figure's
    for index, section_id in enumerate(order):
        sections = [article.section(section_id) for article in (left, right)]
        anchors = [f' id="{escape(article.page_anchor)}"' if index == 0 else "" for article in (left, right)]
        headings = [before + (section.heading if section else "") for before, section in zip(headings, sections)]
        bodies = [_parts(section.body) if section else [""] for section in sections]
        if [len(body) for body in bodies] != [len(bodies[0])] * 2 or len({
                tuple(kind for kind, _ in body) for body in bodies}) > 1:  # figures in one column only
            bodies = [[("", "".join(part for _, part in body))] for body in bodies]
        if not any(part.strip() for body in bodies for _, part in body) and index + 1 < len(order):
            continue  # its headings go with the next section's, in one row
        if any(headings):
            # the headings in a row of their own, kept with the text that follows
            if in_flow:
                rows.append("</tbody><tbody>")
                in_flow = False
            rows.append('<tr class="headings">' + "".join(
                f'<td lang="{article.locale}"{anchor}>{cell}</td>'
                for article, cell, anchor in zip((left, right), headings, anchors)) + "</tr>")
            anchors, headings = ["", ""], ["", ""]
        for part, cells in enumerate(zip(*bodies)):
            kind = cells[0][0]
            if not any(cell.strip() for _, cell in cells):
                continue
            flow = kind == "figure" and "hub-figure--flow" in cells[0][1]
            if flow != in_flow:  # a flow's rows in a group of their own, kept on one page
                rows.append('</tbody><tbody class="flow">' if flow else "</tbody><tbody>")
                in_flow = flow
            rows.append(f'<tr{f" class={kind!r}" if kind else ""}>' + "".join(
                f'<td lang="{article.locale}"{anchor if part == 0 else ""}>{cell}</td>'
                for article, (_, cell), anchor in zip((left, right), cells, anchors)) + "</tr>")
    counterparts = {h.id: h for h in right.headings}
    entries = []
    for heading in left.headings:
        if 0 <= heading.level - 2 - left.shift <= 1:
            other = counterparts.get(heading.id)
            other_text = f' / <span lang="{right.locale}">{escape(other.text)}</span>' if other else ""
            entries.append((heading.level - 2 - left.shift, escape(heading.text), heading.anchor, other_text))
    table = (f'<table class="bilingual"><thead><tr>{head}</tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table>')
    return _document(handout, title, cover, entries, layout([[left], [right]]), f"<main>{table}</main>")


def _parts(body: str) -> list[tuple[str, str]]:
    """``body`` cut around its figures: (kind, HTML) parts, text ("") then a figure's
    caption and each of its stages ("figure"), each a row of its own in a bilingual
    handout, so that the two columns' stages face each other. Each stage stays in a
    one-item list of the figure's kind; all but the figure's last carry the arrow to
    the next (class ``hub-figure__stage--next``)."""
    parts = [("", "")]
    for node in BeautifulSoup(body, "html.parser").contents:
        if getattr(node, "name", None) != "figure" or "hub-figure" not in node.get("class", []):
            parts[-1] = ("", parts[-1][1] + str(node))
            continue
        classes = " ".join(node["class"])
        caption = node.find("figcaption")
        stages = node.select(".hub-figure__stages > .hub-figure__stage")
        listing = node.select_one(".hub-figure__stages").name
        for number, stage in enumerate(stages, 1):
            if number < len(stages):
                stage["class"] = stage.get("class", []) + ["hub-figure__stage--next"]
            start = f' start="{number}"' if listing == "ol" else ""
            parts.append(("figure", f'<figure class="{classes}">{caption if number == 1 else ""}'
                                    f'<{listing} class="hub-figure__stages"{start}>{stage}</{listing}></figure>'))
        parts.append(("", ""))
    return parts


def layout(languages: list[list[Article]]) -> str:
    """How a handout opens, by the length of its text in the longest of its
    ``languages`` (each one's articles): "short", "medium" or "long" (see the module's
    docstring)."""
    length = max(sum(len(BeautifulSoup(article.html, "lxml").get_text(" ", strip=True)) for article in articles)
                 for articles in languages)
    return "short" if length < SHORT_DOCUMENT else "medium" if length < COVER_DOCUMENT else "long"


def _document(handout: Handout, title: str, cover: Cover, entries: list[tuple[int, str, str, str]],
              kind: str, main: str, lead: str = "") -> str:
    locale = handout.languages[0]
    labels = dict.fromkeys(ui("handout_page", loc) for loc in handout.languages)
    short = kind == "short"
    # A running title on every page but the first, which has the title; none in a short
    # document (on two pages, the title block is enough). The cover has no page number.
    running = "none" if short else _css_string(title)
    style = (f"@page {{ size: {PAPERS[handout.paper]};"
             f" @top-center {{ content: {running}; }}"
             f" @bottom-center {{ content: {_css_string(' – '.join(labels) + ' ')}"
             ' counter(page) " / " counter(pages); } }'
             " @page :first { @top-center { content: none; } }")
    if kind == "long":
        style += " @page :first { @bottom-center { content: none; } }"
    contents = "" if short or len(entries) < 2 else _contents(entries, list(handout.languages))
    date = cover.date.isoformat()
    return (
        f'<!DOCTYPE html><html lang="{locale}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f'<meta name="author" content="{escape(ui("organisation", locale))}">'
        f'<meta name="dcterms.created" content="{date}"><meta name="dcterms.modified" content="{date}">'
        f"<style>{style}</style></head>"
        f'<body class="{kind}{" bilingual" if handout.is_bilingual else ""}">'
        f"{_cover(cover, kind)}{lead}{contents}{main}</body></html>"
    )


def _cover(cover: Cover, kind: str) -> str:
    """The handout's title (its H1), languages, date and, for each language, the QR code
    and address of its page online: a page of its own for a "long" handout, else a
    block at the top of the first page."""
    first = cover.titles[0][0]
    titles = "".join(f'<span class="cover-title" lang="{loc}">{escape(text)}</span>'
                     for loc, text in cover.titles)
    languages = " – ".join(f'<span lang="{loc}">{escape(name)}</span>' for loc, name in cover.languages)
    dates = "<br>".join(  # one line for each language
        f'<span lang="{loc}">{escape(ui("handout_content_date", loc).format(date=_long_date(cover.date, loc)))}</span>'
        for loc, _ in cover.languages)
    online = "".join(
        f'<div class="cover-online" lang="{loc}">'
        f'<img class="qr" src="{_qr_code(url)}" alt="{escape(ui("handout_qr_alt", loc))}">'
        f'<p>{escape(ui("handout_online", loc))}<br><a href="{escape(url)}">{escape(printed_address(url))}</a></p></div>'
        for loc, url in cover.urls)
    return (
        f'<section class="{"cover" if kind == "long" else "title-block"}">'
        f'<p class="cover-organisation">{escape(ui("organisation", first))}</p>'
        f'<div class="cover-row"><div class="cover-text"><h1>{titles}</h1>'
        f'<p class="cover-languages">{languages}</p>'
        f'<p class="cover-date">{dates}</p></div>'
        f'<div class="cover-link">{online}</div></div></section>'
    )


def _long_date(date: dt.date, locale: str) -> str:
    """The date in full, on one line ("30 de noviembre de 2026": never the year alone)."""
    return format_date(date, "long", locale=locale).replace(" ", "\u00a0")


@cache
def _qr_code(url: str) -> str:
    """A QR code of ``url``, as an SVG data URI."""
    return segno.make(url, error="m").svg_data_uri(border=0, dark="#000")


def _contents(entries: list[tuple[int, str, str, str]], locales: list[str]) -> str:
    """The table of contents: (depth, HTML text, anchor, HTML after the link) entries,
    page numbers by CSS. The link holds only text: an element inside it would get a
    link annotation of its own outside the /Link structure element."""
    title = " / ".join(f'<span lang="{loc}">{escape(ui("handout_contents", loc))}</span>' for loc in locales)
    items = "".join(f'<li class="depth-{depth}" data-target="#{escape(anchor)}">'
                    f'<a href="#{escape(anchor)}">{text}</a>{after}</li>'
                    for depth, text, anchor, after in entries)
    return f'<nav class="contents"><h2 class="contents-title level-2">{title}</h2><ul>{items}</ul></nav>'


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
