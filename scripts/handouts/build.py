"""Make every handout of a built site: compose, render (cached), list.

HUB_HANDOUTS chooses how: ``on`` renders what the cache lacks, ``cached`` takes
only what the cache has, or a handout's last rendering if it changed since (for
`mkdocs serve`), ``off`` makes none.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin, urlsplit

from scripts.freshness import is_untranslated
from scripts.handouts.article import Article, Links, anchor_prefix, built_article, read_article
from scripts.handouts.catalog import HANDBOOK, Handout, catalog
from scripts.handouts.compose import Cover, bilingual, single_language
from scripts.handouts.content_date import content_date
from scripts.handouts.errors import HandoutError
from scripts.handouts.listing import Listing, write_manifest
from scripts.handouts.render import Job, Outcome, render_all
from scripts.pages import Page, read_page
from scripts.site_config import SiteConfig, load_site_config
from scripts.site_urls import page_url

MODES = ("on", "cached", "off")


def cache_folder(root: Path) -> Path:
    return root / ".cache" / "handouts"


def public_site_url(root: Path) -> str:
    """Where the handouts' QR codes and links lead: SITE_URL, unless it is unset or a
    loopback address (a local build, `mkdocs serve`), which a printed page has no use
    for; then mkdocs.yml's ``extra.hub.public_url``."""
    given = os.environ.get("SITE_URL", "")
    if given and not is_loopback(given):
        return given
    configured = load_site_config(root).hub.get("public_url") or ""
    if not configured or is_loopback(configured):
        raise HandoutError("mkdocs.yml (extra.hub.public_url): set it to the site's public address "
                           "(or set SITE_URL), where the handouts' QR codes and links lead.")
    return configured


def is_loopback(url: str) -> bool:
    """Whether ``url`` leads to this machine (localhost, 127.0.0.1, [::1])."""
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def build_handouts(root: Path, site_dir: Path, site_url: str, mode: str = "on",
                   report: Callable[[str], None] = print, cache_dir: Path | None = None,
                   directory_urls: bool = True) -> Outcome | None:
    """Make the handouts of the site built from ``root`` into ``site_dir``
    (cached in ``cache_dir``, by default .cache/handouts/ in ``root``), whose pages
    have directory URLs unless ``directory_urls`` is false (the offline bundle)."""
    if mode not in MODES:
        raise HandoutError(f"HUB_HANDOUTS={mode!r} is not a known setting. "
                           f"Set it to {', '.join(MODES)} (or leave it unset for 'on').")
    config = load_site_config(root)
    sources = Sources(config, site_dir, site_url, directory_urls)
    handouts = [handout for handout in catalog(config) if sources.translated(handout)]
    outcome = None
    written = []
    if mode != "off":
        jobs = [Job(handout.path, sources.compose(handout), handout.languages) for handout in handouts]
        outcome = render_all(jobs, site_dir, cache_dir or cache_folder(root), mode == "on", report)
        written = outcome.written
        write_manifest(site_dir, handouts, written)
        if outcome.skipped:
            report(f"{len(outcome.skipped)} handouts were never rendered and are left out; "
                   "build with HUB_HANDOUTS=on (make build) to render them.")
    Listing(config, site_dir, handouts, written, sources.titles(), directory_urls).fill_pages()
    return outcome


class Sources:
    """The built pages, their Markdown and dates, as the handouts need them (each
    read once)."""

    def __init__(self, config: SiteConfig, site_dir: Path, site_url: str, directory_urls: bool = True):
        self.config = config
        self.site_dir = site_dir
        self.site_url = site_url
        self.directory_urls = directory_urls
        self.default = config.source_language
        self._pages: dict[tuple[str, str], Page] = {}
        self._articles: dict[tuple[str, str], str] = {}
        self._dates: dict[tuple[str, str], dt.date] = {}

    def compose(self, handout: Handout) -> str:
        """The HTML of ``handout``."""
        links = Links(self.site_url, {page_url(loc, page, self.default): anchor_prefix(loc, page)
                                      for loc in handout.languages for page in handout.pages},
                      self.directory_urls)
        titles = tuple((loc, self._title(loc, handout)) for loc in handout.languages)
        articles = {loc: [self._article(loc, page, links, title) for page in handout.pages]
                    for loc, title in titles}
        cover = Cover(
            titles,
            tuple((loc, self._language(loc).name) for loc in handout.languages),
            max(self._date(loc, page) for loc in handout.languages for page in handout.pages),
            tuple((loc, urljoin(self.site_url.rstrip("/") + "/", page_url(
                loc, "index.md" if handout.name == HANDBOOK else handout.pages[0], self.default)))
                for loc in handout.languages),
        )
        title = " / ".join(text for _, text in titles)
        if not handout.is_bilingual:
            return single_language(handout, title, cover, articles[handout.languages[0]])
        left, right = (articles[loc][0] for loc in handout.languages)
        order = [section.id for section in self.page(left.locale, handout.pages[0]).sections
                 if left.section(section.id) or right.section(section.id)]
        return bilingual(handout, title, cover, left, right, order)

    def titles(self) -> dict[tuple[str, str], str]:
        """Every page's title, by (locale, page)."""
        return {(loc, page): self.page(loc, page).meta.get("title", page)
                for loc in self.config.built_locales for page in self.config.nav}

    def translated(self, handout: Handout) -> bool:
        """Whether each page of ``handout`` is translated into each of its languages: no
        handout shows the French text under another language's name."""
        return all((self.config.docs_dir / loc / page).exists() and not is_untranslated(self.page(loc, page))
                   for loc in handout.languages for page in handout.pages)

    def page(self, locale: str, page: str) -> Page:
        """The page's Markdown, parsed; an unreadable page stops the handouts, saying why."""
        if (locale, page) not in self._pages:
            parsed = read_page(self._source(locale, page))
            if parsed.problems:
                raise HandoutError(f"{parsed.problems[0]} (Fix it, then build again.)")
            self._pages[(locale, page)] = parsed
        return self._pages[(locale, page)]

    def _date(self, locale: str, page: str) -> dt.date:
        if (locale, page) not in self._dates:
            self._dates[(locale, page)] = content_date(self._source(locale, page), self.page(locale, page).meta)
        return self._dates[(locale, page)]

    def _source(self, locale: str, page: str) -> Path:
        """The Markdown file a page is built from (the source language's if untranslated)."""
        path = self.config.docs_dir / locale / page
        return path if path.exists() else self.config.docs_dir / self.default / page

    def _article(self, locale: str, page: str, links: Links, title: str) -> Article:
        if (locale, page) not in self._articles:
            self._articles[(locale, page)] = built_article(self.site_dir, locale, page, self.default,
                                                           self.directory_urls)
        return read_article(self._articles[(locale, page)], locale, page, self.default, links, title)

    def _title(self, locale: str, handout: Handout) -> str:
        if handout.name == HANDBOOK:
            return self._language(locale).site_name
        return self.page(locale, handout.pages[0]).meta.get("title", handout.name)

    def _language(self, locale: str):
        return next(language for language in self.config.languages if language.locale == locale)
