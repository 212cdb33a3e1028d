"""What the site says about the handouts: ``handouts/manifest.json``, the tables of
the handouts page and the download links of each document page.

Pages carry markers that this module replaces in the built HTML: the handouts
page's Markdown has ``<!-- handouts: single -->``, ``<!-- handouts: handbook -->``
and ``<!-- handouts: bilingual -->``; the hook puts DOWNLOAD_MARKER under the
title of each document page; the home page's cards (scripts/hooks/home_cards.py)
carry ``card_marker(document)``.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from babel.numbers import format_decimal
from mkdocs.utils import get_relative_url

from scripts.handouts.catalog import HANDBOOK, Handout
from scripts.handouts.render import Rendered
from scripts.site_config import SiteConfig
from scripts.site_urls import page_file, page_url
from scripts.ui_text import ui

DOWNLOAD_MARKER = "<!-- handouts: download -->"
TABLE_MARKERS = ("single", "handbook", "bilingual")
SEPARATOR = "\u00a0·"  # after each PDF link but the last, inside its item
_CARD_MARKER = re.compile(r"<!-- handouts: card ([\w.-]+) -->")


def card_marker(document: str) -> str:
    """The marker replaced by the links to ``document``'s PDFs in the reader's language."""
    return f"<!-- handouts: card {document} -->"


def write_manifest(site_dir: Path, handouts: list[Handout], written: list[Rendered]) -> Path:
    """``handouts/manifest.json``: every PDF written, with what it holds."""
    by_path = {item.path: item for item in written}
    files = [{"document": h.name, "languages": list(h.languages), "paper": h.paper, "path": h.path,
              "pages": by_path[h.path].pages, "bytes": by_path[h.path].bytes}
             for h in handouts if h.path in by_path]
    path = site_dir / "handouts" / "manifest.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"files": files}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


class Listing:
    """Writes the links to the PDFs into the built pages of one site."""

    def __init__(self, config: SiteConfig, site_dir: Path, handouts: list[Handout],
                 written: list[Rendered], titles: dict[tuple[str, str], str], directory_urls: bool):
        self.config = config
        self.site_dir = site_dir
        self.directory_urls = directory_urls  # False: the offline bundle's file addresses
        self.handouts = handouts
        self.written = {item.path: item for item in written}
        self.titles = titles  # (locale, page) -> title
        self.names = {language.locale: language.name for language in config.languages}
        self.papers = list(dict.fromkeys(h.paper for h in handouts))

    def fill_pages(self) -> None:
        """Replace the markers in every built page of every language."""
        for locale in self.config.built_locales:
            for page in self.config.nav:
                url = page_url(locale, page, self.config.source_language, self.directory_urls)
                path = self.site_dir / page_file(url)
                if not path.exists():
                    continue
                html = path.read_text(encoding="utf-8")
                if "<!-- handouts: " not in html:
                    continue
                html = html.replace(DOWNLOAD_MARKER, self._download_links(locale, page, url))
                html = _CARD_MARKER.sub(lambda match: self._card_links(locale, match[1], url), html)
                for index, kind in enumerate(TABLE_MARKERS):
                    html = html.replace(f"<!-- handouts: {kind} -->", self._table(locale, kind, url, index))
                path.write_text(html, encoding="utf-8")

    def _table(self, reader: str, kind: str, url: str, index: int) -> str:
        groups = self._groups(kind)
        if not self.written:
            return f"<p>{escape(ui('handouts_not_built', reader))}</p>" if index == 0 else ""
        head = "".join(f"<th scope=\"col\">{escape(text)}</th>" for text in (
            ui("handouts_document", reader), ui("handouts_languages", reader),
            *(ui(f"paper_{paper}", reader) for paper in self.papers)))
        rows = []
        for name, languages, by_paper in groups:
            title = self._title(reader, name)
            cells = [f"<td>{escape(title)}</td>", f"<td>{self._languages(languages)}</td>"]
            for paper in self.papers:
                item = self.written.get(by_paper[paper].path) if paper in by_paper else None
                text = ui(f"paper_{paper}", reader)  # the link names its paper, on a phone's stacked rows too
                cells.append(f"<td>{self._link(reader, item, url, text) if item else '—'}</td>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        return (f'<div class="hub-handouts"><table><thead><tr>{head}</tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table></div>")

    def _groups(self, kind: str) -> list[tuple[str, tuple[str, ...], dict[str, Handout]]]:
        """(document, languages, {paper: handout}) for one table, in catalog order."""
        wanted = {"single": lambda h: h.name != HANDBOOK and not h.is_bilingual,
                  "handbook": lambda h: h.name == HANDBOOK,
                  "bilingual": lambda h: h.is_bilingual}[kind]
        groups: dict[tuple[str, tuple[str, ...]], dict[str, Handout]] = {}
        for handout in filter(wanted, self.handouts):
            groups.setdefault((handout.name, handout.languages), {})[handout.paper] = handout
        return [(name, languages, by_paper) for (name, languages), by_paper in groups.items()]

    def _download_links(self, reader: str, page: str, url: str) -> str:
        name = page.removesuffix(".md")
        mine = [h for h in self.handouts if h.name == name and reader in h.languages and h.path in self.written]
        if not mine:
            return ""
        single = self._paper_links(reader, mine, url)
        pairs = _items([
            self._link(reader, self.written[h.path], url,
                       f"{' – '.join(self.names[loc] for loc in h.languages)}, {ui(f'paper_{h.paper}', reader)}")
            for h in sorted((h for h in mine if h.is_bilingual), key=lambda h: h.languages)])
        handouts_page = get_relative_url(
            page_url(reader, "handouts.md", self.config.source_language, self.directory_urls), url)
        lines = [f"<strong>{escape(ui('handouts_download', reader))}</strong> {single}"]
        if pairs:
            lines.append(f"<strong>{escape(ui('handouts_bilingual', reader))}</strong> {pairs}")
        lines.append(f'<a href="{handouts_page}">{escape(ui("handouts_all", reader))}</a>')
        return '<div class="hub-download">' + "".join(f"<p>{line}</p>" for line in lines) + "</div>"

    def _card_links(self, reader: str, name: str, url: str) -> str:
        mine = [h for h in self.handouts if h.name == name and reader in h.languages and h.path in self.written]
        if not mine:
            return ""
        return (f'<p class="hub-documents__pdf"><strong>{escape(ui("handouts_card", reader))}</strong> '
                f'{self._paper_links(reader, mine, url)}</p>')

    def _paper_links(self, reader: str, mine: list[Handout], url: str) -> str:
        """The links to a document's PDFs in one language, one per paper."""
        return _items([self._link(reader, self.written[h.path], url, ui(f"paper_{h.paper}", reader))
                       for h in mine if not h.is_bilingual])

    def _link(self, reader: str, item: Rendered, url: str, text: str) -> str:
        href = get_relative_url(item.path, url or ".")
        pages = ui("handouts_page" if item.pages == 1 else "handouts_pages", reader).format(n=item.pages)
        size = ui("handouts_kilobytes", reader).format(n=format_decimal(round(item.bytes / 1024), locale=reader))
        return (f'<a href="{escape(href)}" type="application/pdf">{escape(text)}</a>'
                f' <span class="hub-download__size">({escape(pages)}, {escape(size)})</span>')

    def _title(self, reader: str, name: str) -> str:
        if name == HANDBOOK:
            return next(lang.site_name for lang in self.config.languages if lang.locale == reader)
        return self.titles[(reader, f"{name}.md")]

    def _languages(self, languages: tuple[str, ...]) -> str:
        return " – ".join(f'<span lang="{loc}">{escape(self.names[loc])}</span>' for loc in languages)


def _items(links: list[str]) -> str:
    """PDF links, each with its size and the "·" after it in one item: lines wrap between
    items, inside one only where it is wider than the line (docs/assets/hub.css)."""
    return " ".join(f'<span class="hub-download__item">{link}{SEPARATOR if number < len(links) else ""}</span>'
                    for number, link in enumerate(links, 1))
