"""A handout's HTML, for WeasyPrint: cover, table of contents, then the text.

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

from scripts.handouts.article import Article
from scripts.handouts.catalog import PAPERS, Handout
from scripts.ui_text import ui


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
    levels = (1, 2) if several else (2, 3)
    entries = [(h.level - levels[0], escape(h.text), h.anchor)
               for article in articles for h in article.headings if h.level in levels]
    body = "".join(f'<div class="part" id="{escape(article.page_anchor)}">{article.html}</div>'
                   for article in articles)
    return _document(handout, title, cover, _contents(entries, [locale]) if len(entries) > 1 else "",
                     f'<main class="{"handbook" if several else "document"}">{body}</main>')


def bilingual(handout: Handout, title: str, cover: Cover, left: Article, right: Article,
              order: list[str | None]) -> str:
    """``left`` and ``right`` side by side, section by section in the order of the
    section IDs of ``order``: a row of headings, then a row of text."""
    head = "".join(f'<th scope="col" lang="{loc}">{escape(name)}</th>' for loc, name in cover.languages)
    rows = []
    for index, section_id in enumerate(order):
        sections = [article.section(section_id) for article in (left, right)]
        anchors = [f' id="{escape(article.page_anchor)}"' if index == 0 else "" for article in (left, right)]
        if section_id:  # the headings in a row of their own, kept with the text that follows
            rows.append('<tr class="headings">' + "".join(
                f'<td lang="{article.locale}"{anchor}>{section.heading if section else ""}</td>'
                for article, section, anchor in zip((left, right), sections, anchors)) + "</tr>")
            anchors = ["", ""]
        rows.append("<tr>" + "".join(
            f'<td lang="{article.locale}"{anchor}>{section.body if section else ""}</td>'
            for article, section, anchor in zip((left, right), sections, anchors)) + "</tr>")
    counterparts = {h.id: h for h in right.headings}
    entries = []
    for heading in left.headings:
        if heading.level in (2, 3):
            other = counterparts.get(heading.id)
            text = escape(heading.text)
            if other:
                text += f' / <span lang="{right.locale}">{escape(other.text)}</span>'
            entries.append((heading.level - 2, text, heading.anchor))
    table = (f'<table class="bilingual"><thead><tr>{head}</tr></thead>'
             f'<tbody>{"".join(rows)}</tbody></table>')
    return _document(handout, title, cover, _contents(entries, list(handout.languages)) if len(entries) > 1 else "",
                     f"<main>{table}</main>")


def _document(handout: Handout, title: str, cover: Cover, contents: str, main: str) -> str:
    locale = handout.languages[0]
    page_label = "" if handout.is_bilingual else _css_string(ui("handout_page", locale) + " ")
    style = (f"@page {{ size: {PAPERS[handout.paper]};"
             f" @top-center {{ content: {_css_string(title)}; }}"
             f" @bottom-center {{ content: {page_label} counter(page) \" / \" counter(pages); }} }}"
             " @page :first { @top-center { content: none; } @bottom-center { content: none; } }")
    date = cover.date.isoformat()
    return (
        f'<!DOCTYPE html><html lang="{locale}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        f'<meta name="author" content="{escape(ui("organisation", locale))}">'
        f'<meta name="dcterms.created" content="{date}"><meta name="dcterms.modified" content="{date}">'
        f"<style>{style}</style></head><body>"
        f"{_cover(cover)}{contents}{main}</body></html>"
    )


def _cover(cover: Cover) -> str:
    first = cover.titles[0][0]
    titles = "".join(f'<p class="cover-title" lang="{loc}">{escape(text)}</p>' for loc, text in cover.titles)
    languages = " – ".join(f'<span lang="{loc}">{escape(name)}</span>' for loc, name in cover.languages)
    dates = " · ".join(
        f'<span lang="{loc}">{escape(ui("handout_content_date", loc).format(date=_long_date(cover.date, loc)))}</span>'
        for loc, _ in cover.languages)
    short = cover.url.split("://", 1)[-1]
    qr = _qr_code(cover.url)
    return (
        '<section class="cover">'
        f'<p class="cover-organisation">{escape(ui("organisation", first))}</p>'
        f"{titles}"
        f'<p class="cover-languages">{languages}</p>'
        f'<p class="cover-date">{dates}</p>'
        '<div class="cover-link">'
        f'<img class="qr" src="{qr}" alt="{escape(ui("handout_qr_alt", first))}">'
        f'<p>{escape(ui("handout_online", first))}<br><a href="{escape(cover.url)}">{escape(short)}</a></p>'
        "</div></section>"
    )


def _long_date(date: dt.date, locale: str) -> str:
    return format_date(date, "long", locale=locale)


@cache
def _qr_code(url: str) -> str:
    """A QR code of ``url``, as an SVG data URI."""
    return segno.make(url, error="m").svg_data_uri(border=0, dark="#000")


def _contents(entries: list[tuple[int, str, str]], locales: list[str]) -> str:
    """The table of contents: (depth, HTML text, anchor) entries, page numbers by CSS."""
    title = " / ".join(f'<span lang="{loc}">{escape(ui("handout_contents", loc))}</span>' for loc in locales)
    items = "".join(f'<li class="depth-{depth}"><a href="#{escape(anchor)}">{text}</a></li>'
                    for depth, text, anchor in entries)
    return f'<nav class="contents"><h2 class="contents-title">{title}</h2><ul>{items}</ul></nav>'


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
