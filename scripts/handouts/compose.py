"""A handout's HTML, for WeasyPrint: title, table of contents, then the text.

The handout's title is its one H1, its first heading: on a cover page of its own, or,
for a short document (under SHORT_DOCUMENT characters of text in every language), in a
title block at the top of the first page, with no table of contents, so that a
one-page text prints on one sheet.

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

from scripts.handouts.article import Article
from scripts.handouts.catalog import PAPERS, Handout
from scripts.ui_text import ui

SHORT_DOCUMENT = 4000  # characters of text: below, a title block instead of a cover page


@dataclass(frozen=True)
class Cover:
    titles: tuple[tuple[str, str], ...]     # (locale, title), one per language
    languages: tuple[tuple[str, str], ...]  # (locale, name of the language)
    date: dt.date
    url: str                                # the page online


def single_language(handout: Handout, title: str, cover: Cover, articles: list[Article]) -> str:
    """The pages of ``articles``, in one language, one after the other."""
    locale = handout.languages[0]
    several = len(articles) > 1
    # The table of contents: the two levels under the handout's title (in the handbook:
    # each page's title and its sections; in a document: its sections and theirs).
    tops = [2 if several else 2 + article.shift for article in articles]
    entries = [(h.level - top, escape(h.text), h.anchor, "")
               for article, top in zip(articles, tops) for h in article.headings if 0 <= h.level - top <= 1]
    body = "".join(f'<div class="part" id="{escape(article.page_anchor)}">{article.html}</div>'
                   for article in articles)
    return _document(handout, title, cover, entries, _is_short(articles),
                     f'<main class="{"handbook" if several else "document"}">{body}</main>')


def bilingual(handout: Handout, title: str, cover: Cover, left: Article, right: Article,
              order: list[str | None]) -> str:
    """``left`` and ``right`` side by side, section by section in the order of the
    section IDs of ``order``: a row of headings (a section with no text of its own shares
    the next one's, so that no heading is left alone at a page's foot), then a row of
    text (a flow figure in a row of its own, so that both columns' figures start on the
    same line)."""
    head = "".join(f'<th scope="col" lang="{loc}">{escape(name)}</th>' for loc, name in cover.languages)
    rows = []
    headings = ["", ""]  # headings not yet in a row: a section with no text of its own
    for index, section_id in enumerate(order):
        sections = [article.section(section_id) for article in (left, right)]
        anchors = [f' id="{escape(article.page_anchor)}"' if index == 0 else "" for article in (left, right)]
        headings = [before + (section.heading if section else "") for before, section in zip(headings, sections)]
        bodies = [_parts(section.body) if section else [""] for section in sections]
        if len(bodies[0]) != len(bodies[1]):  # figures in one column only: one row
            bodies = [["".join(body)] for body in bodies]
        if not any(part.strip() for body in bodies for part in body) and index + 1 < len(order):
            continue  # its headings go with the next section's, in one row
        if any(headings):
            # the headings in a row of their own, kept with the text that follows
            rows.append('<tr class="headings">' + "".join(
                f'<td lang="{article.locale}"{anchor}>{cell}</td>'
                for article, cell, anchor in zip((left, right), headings, anchors)) + "</tr>")
            anchors, headings = ["", ""], ["", ""]
        for part, cells in enumerate(zip(*bodies)):
            figure = ' class="figure"' if part % 2 else ""
            rows.append(f"<tr{figure}>" + "".join(
                f'<td lang="{article.locale}"{anchor if part == 0 else ""}>{cell}</td>'
                for article, cell, anchor in zip((left, right), cells, anchors)) + "</tr>")
    counterparts = {h.id: h for h in right.headings}
    entries = []
    for heading in left.headings:
        if 0 <= heading.level - 2 - left.shift <= 1:
            other = counterparts.get(heading.id)
            other_text = f' / <span lang="{right.locale}">{escape(other.text)}</span>' if other else ""
            entries.append((heading.level - 2 - left.shift, escape(heading.text), heading.anchor, other_text))
    table = (f'<table class="bilingual"><thead><tr>{head}</tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table>')
    return _document(handout, title, cover, entries, _is_short([left, right]), f"<main>{table}</main>")


def _parts(body: str) -> list[str]:
    """``body`` cut around its flow figures (the theory of change): text, figure, text…
    (always an odd number of parts), so that each is a row of its own, both columns'
    side by side. The roadmap, taller than a page in a column, stays in its text's row."""
    parts = [""]
    for node in BeautifulSoup(body, "html.parser").contents:
        if getattr(node, "name", None) == "figure" and "hub-figure--flow" in node.get("class", []):
            parts += [str(node), ""]
        else:
            parts[-1] += str(node)
    return parts


def _is_short(articles: list[Article]) -> bool:
    """Whether the text of each of ``articles`` (one document, or one per language) is
    short enough for a title block instead of a cover page."""
    return all(
        len(BeautifulSoup(article.html, "lxml").get_text(" ", strip=True)) < SHORT_DOCUMENT
        for article in articles)


def _document(handout: Handout, title: str, cover: Cover, entries: list[tuple[int, str, str, str]],
              short: bool, main: str) -> str:
    locale = handout.languages[0]
    labels = dict.fromkeys(ui("handout_page", loc) for loc in handout.languages)
    # A running title on every page but the first, which has the title; none in a short
    # document (on two pages, the title block is enough). The cover has no page number.
    running = "none" if short else _css_string(title)
    style = (f"@page {{ size: {PAPERS[handout.paper]};"
             f" @top-center {{ content: {running}; }}"
             f" @bottom-center {{ content: {_css_string(' – '.join(labels) + ' ')}"
             ' counter(page) " / " counter(pages); } }'
             " @page :first { @top-center { content: none; } }")
    if short and handout.is_bilingual:  # two columns of a one-page text: on one sheet
        style += " @page { margin: 14mm 16mm 14mm; }"
    elif short:  # no running title: the text starts higher
        style += " @page { margin-top: 15mm; }"
    else:
        style += " @page :first { @bottom-center { content: none; } }"
    contents = "" if short or len(entries) < 2 else _contents(entries, list(handout.languages))
    date = cover.date.isoformat()
    return (
        f'<!DOCTYPE html><html lang="{locale}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f'<meta name="author" content="{escape(ui("organisation", locale))}">'
        f'<meta name="dcterms.created" content="{date}"><meta name="dcterms.modified" content="{date}">'
        f"<style>{style}</style></head>"
        f'<body class="{"short" if short else "long"}">'
        f"{_cover(cover, short)}{contents}{main}</body></html>"
    )


def _cover(cover: Cover, short: bool) -> str:
    """The handout's title (its H1), languages, date and address online: a page of its
    own, or a block at the top of the first page if ``short``."""
    first = cover.titles[0][0]
    titles = "".join(f'<span class="cover-title" lang="{loc}">{escape(text)}</span>'
                     for loc, text in cover.titles)
    languages = " – ".join(f'<span lang="{loc}">{escape(name)}</span>' for loc, name in cover.languages)
    dates = " · ".join(
        f'<span lang="{loc}">{escape(ui("handout_content_date", loc).format(date=_long_date(cover.date, loc)))}</span>'
        for loc, _ in cover.languages)
    address = cover.url.split("://", 1)[-1]
    online = " / ".join(f'<span lang="{loc}">{escape(ui("handout_online", loc))}</span>'
                        for loc, _ in cover.languages)
    qr = _qr_code(cover.url)
    return (
        f'<section class="{"title-block" if short else "cover"}">'
        f'<p class="cover-organisation">{escape(ui("organisation", first))}</p>'
        f'<div class="cover-row"><div class="cover-text"><h1>{titles}</h1>'
        f'<p class="cover-languages">{languages}</p>'
        f'<p class="cover-date">{dates}</p></div>'
        '<div class="cover-link">'
        f'<img class="qr" src="{qr}" alt="{escape(ui("handout_qr_alt", first))}">'
        f'<p>{online}<br><a href="{escape(cover.url)}">{escape(address)}</a></p>'
        "</div></div></section>"
    )


def _long_date(date: dt.date, locale: str) -> str:
    return format_date(date, "long", locale=locale)


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
