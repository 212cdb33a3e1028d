"""Make every handout of a built site: compose, render (cached), list.

HUB_HANDOUTS chooses how: ``on`` renders what the cache lacks, ``cached`` takes
only what the cache has, or a handout's last rendering if it changed since,
``background`` (`make serve`) does as ``on`` the first time in a process, then as
``cached`` and renders the handouts of the edited pages in the background, writing
them into the site when they are done; ``off`` makes none.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
import os
import shutil
import tempfile
import threading
from functools import cache
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin, urlsplit

from scripts import git_dates
from scripts.corpus import build_corpus
from scripts.freshness import is_untranslated
from scripts.handouts.article import Article, Links, anchor_prefix, built_article, read_article
from scripts.handouts.catalog import HANDBOOK, Handout, catalog
from scripts.handouts.compose import Cover, bilingual, single_language
from scripts.handouts.content_date import content_date
from scripts.handouts.errors import HandoutError
from scripts.handouts.listing import Listing, write_manifest
from scripts.handouts.render import Job, Outcome, cache_key, render_all
from scripts.pages import Page, read_page
from scripts.site_config import SiteConfig, load_site_config
from scripts.site_urls import page_file, page_url

MODES = ("on", "cached", "background", "off")
COMPOSED = "composed.json"  # in the cache folder: the digest of a handout's inputs -> its key
# What composing a handout reads besides its pages (relative to the project).
COMPOSER_INPUTS = ("mkdocs.yml", "data/ui.yml", "scripts/ui_text.py", "scripts/site_urls.py",
                   "scripts/pages.py", "scripts/site_config.py")


def _composer_digest(root: Path) -> bytes:
    """The hash of the code, stylesheet, fonts and settings that make the handouts (read
    again when one of them changes, as under `make serve`): a stylesheet edit alone
    renders them again."""
    here = Path(__file__).parent
    paths = [*sorted(here.glob("*.py")), here / "handout.css", *sorted(here.glob("fonts/*.woff")),
             *(root / name for name in COMPOSER_INPUTS)]
    return _digest_of(tuple((path, path.stat().st_mtime_ns) for path in paths))


@cache
def _digest_of(files: tuple[tuple[Path, int], ...]) -> bytes:
    digest = hashlib.sha256()
    for path, _ in files:
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.digest()


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
        cache_dir = cache_dir or cache_folder(root)
        if mode == "background" and not _background.started:
            mode = "on"  # the first build of `make serve`: every handout, now
        composed = Composed(cache_dir, compose=mode != "background")
        # Each composed as the one before renders, the longest first: no core is left
        # with a long one at the end.
        jobs = (composed.job(handout, sources) for handout in sorted(handouts, key=_length, reverse=True))
        outcome = render_all(jobs, site_dir, cache_dir, mode == "on", report)
        if composed.hits:
            report(f"{composed.hits} handouts whose pages did not change were not composed again")
        composed.save()
        if mode == "background":
            late = set(outcome.stale + outcome.skipped)
            _background.render([handout for handout in handouts if handout.path in late], sources,
                               cache_dir, report)
        _background.started = True
        written = outcome.written
        write_manifest(site_dir, handouts, written)
        if outcome.skipped:
            report(f"{len(outcome.skipped)} handouts were never rendered and are left out; "
                   "build with HUB_HANDOUTS=on (make build) to render them.")
    Listing(config, site_dir, handouts, written, sources.titles(), directory_urls).fill_pages()
    return outcome


def _length(handout: Handout) -> int:
    """How long ``handout`` is, roughly: its pages in each of its languages."""
    return len(handout.pages) * len(handout.languages)


class Composed:
    """Which PDF each handout's inputs made, remembered in the cache (COMPOSED): a
    handout whose inputs (its built pages, their Markdown and dates, the settings, the
    interface text, the code that composes it) did not change since is not composed
    again, and its PDF is taken from the cache."""

    def __init__(self, cache_dir: Path, compose: bool = True):
        self.cache_dir = cache_dir
        self.compose = compose  # False: a handout whose inputs changed is left to render_all
        # as missing (its last rendering kept), not composed
        try:
            self.known: dict[str, str] = json.loads((cache_dir / COMPOSED).read_text("utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.used: dict[str, str] = {}
        self.hits = 0  # how many were known, not composed

    def job(self, handout: Handout, sources: "Sources") -> Job:
        """The handout's rendering job: its cached PDF's key, or its HTML composed."""
        inputs = sources.digest(handout)
        key = self.known.get(inputs, "")
        if key and (self.cache_dir / f"{key}.pdf").exists():
            self.used[inputs] = key
            self.hits += 1
            return Job(handout.path, "", handout.languages, key)
        if not self.compose:
            return Job(handout.path, "", handout.languages, "(not composed)")
        html = sources.compose(handout)
        self.used[inputs] = cache_key(html)
        return Job(handout.path, html, handout.languages, self.used[inputs])

    def save(self) -> None:
        """Keep the entries whose PDF is still in the cache."""
        kept = {inputs: key for inputs, key in {**self.known, **self.used}.items()
                if (self.cache_dir / f"{key}.pdf").exists()}
        if kept != self.known:
            partial = self.cache_dir / f"{COMPOSED}.{os.getpid()}.{threading.get_ident()}"
            partial.write_text(json.dumps(kept, indent=0, sort_keys=True) + "\n", "utf-8")
            partial.replace(self.cache_dir / COMPOSED)


class Background:
    """`make serve`'s handouts of edited pages, rendered one batch after another in a
    thread, while the site is already served."""

    def __init__(self):
        self.started = False  # whether a build of this process made handouts already
        self.lock = threading.Lock()

    def render(self, handouts: list[Handout], sources: "Sources", cache_dir: Path,
               report: Callable[[str], None]) -> threading.Thread | None:
        """Compose and render ``handouts`` in a thread, from a copy of their built pages
        taken now (the next build may clean the site), and write each PDF into the
        site when done."""
        if not handouts:
            return None
        snapshot = Path(tempfile.mkdtemp(prefix="hub-handouts-"))
        for handout in handouts:
            for locale in handout.languages:
                for page in handout.pages:
                    file = page_file(page_url(locale, page, sources.default, sources.directory_urls))
                    if (sources.site_dir / file).exists():
                        (snapshot / file).parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(sources.site_dir / file, snapshot / file)
        copy = Sources(sources.config, snapshot, sources.site_url, sources.directory_urls)
        report(f"Rendering {len(handouts)} handouts of the edited pages in the background")

        def run():
            with self.lock:
                try:
                    composed = Composed(cache_dir)
                    jobs = [composed.job(handout, copy) for handout in handouts]
                    render_all(jobs, sources.site_dir, cache_dir, True, report)
                    composed.save()
                    report(f"Handouts up to date: {', '.join(handout.path for handout in handouts)}")
                except Exception as error:  # noqa: BLE001 (a thread's error would be lost)
                    report(f"Handouts not rendered ({error}); the next build tries again.")
                finally:
                    shutil.rmtree(snapshot, ignore_errors=True)

        thread = threading.Thread(target=run, name="hub-handouts", daemon=True)
        thread.start()
        return thread


_background = Background()


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
        self._corpus = build_corpus(config.root.resolve())  # parsed when the build started
        self._articles: dict[tuple[str, str], str] = {}
        self._read: dict[tuple, Article] = {}
        self._dates: dict[tuple[str, str], dt.date] = {}
        self._head = git_dates.head(config.root)  # (the pages' dates come from the history)
        self._printed = frozenset(page_url(loc, page, self.default, directory_urls)
                                  for handout in catalog(config) for loc in handout.languages
                                  for page in handout.pages)

    def compose(self, handout: Handout) -> str:
        """The HTML of ``handout``."""
        links = Links(self.site_url, {page_url(loc, page, self.default): anchor_prefix(loc, page)
                                      for loc in handout.languages for page in handout.pages},
                      self._printed, self.directory_urls)
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

    def digest(self, handout: Handout) -> str:
        """The hash of everything ``compose(handout)`` reads."""
        digest = hashlib.sha256(_composer_digest(self.config.docs_dir.parent))
        digest.update(repr((handout, self.site_url, self.directory_urls)).encode("utf-8"))
        for loc in handout.languages:
            for page in handout.pages:
                built = self.site_dir / page_file(page_url(loc, page, self.default, self.directory_urls))
                source = self._source(loc, page)
                for part in (built, source):
                    digest.update(part.read_bytes() if part.exists() else b"(missing)")
                # What its date comes from (content_date.py), without asking git per page.
                digest.update(f"{source.stat().st_mtime_ns} {self._head}".encode("utf-8"))
        return digest.hexdigest()[:32]

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
            parsed = (self._corpus.page(locale, page) or self._corpus.page(self.default, page)
                      or read_page(self._source(locale, page)))  # missing: read_page says so
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
        # The same in each paper size: read once.
        key = (locale, page, title, links.site_url, tuple(links.inside.items()), links.directory_urls)
        if key not in self._read:
            self._read[key] = read_article(self._articles[(locale, page)], locale, page, self.default,
                                           links, title)
        return self._read[key]

    def _title(self, locale: str, handout: Handout) -> str:
        if handout.name == HANDBOOK:
            return self._language(locale).site_name
        return self.page(locale, handout.pages[0]).meta.get("title", handout.name)

    def _language(self, locale: str):
        return next(language for language in self.config.languages if language.locale == locale)
