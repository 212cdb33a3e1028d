"""Every page of every language, parsed once, with the site configuration.

The consistency checker, the ``translations`` command and the build hooks read the
hub through a Corpus: pages keyed by (locale, path inside the language folder), each
parsed once and kept in the page cache (scripts/page_cache.py) for the next run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from scripts.page_cache import CachedPages, PageCache
from scripts.pages import Page
from scripts.site_config import ROOT, SiteConfig, load_site_config


@dataclass
class Corpus:
    """``pages``: the pages to report on; ``page()`` finds any page of the hub, even
    outside them (a corpus restricted to some pages, scripts/check/cache.py)."""

    config: SiteConfig
    pages: Mapping[tuple[str, str], Page]
    everything: Mapping[tuple[str, str], Page] | None = field(default=None, repr=False)
    # What is worked out from the pages once per corpus (scripts/freshness.py: records,
    # the French each translation was synced with).
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def root(self) -> Path:
        return self.config.root

    @property
    def source_language(self) -> str:
        return self.config.source_language

    @property
    def source_pages(self) -> dict[str, Page]:
        """The French pages, keyed by their path inside the language folder."""
        return {rel: page for (locale, rel), page in self.pages.items()
                if locale == self.source_language}

    def page(self, locale: str, rel: str) -> Page | None:
        return (self.pages if self.everything is None else self.everything).get((locale, rel))

    def restricted(self, rels: set[str]) -> Corpus:
        """The same hub, reporting only on the pages at ``rels`` (in every language)."""
        return Corpus(self.config, {key: self.pages[key] for key in self.pages if key[1] in rels},
                      self.pages if self.everything is None else self.everything)

    def page_path(self, locale: str, rel: str) -> Path:
        return self.config.docs_dir / locale / rel

    def display(self, path: Path) -> str:
        """``path`` relative to the repository root, as people type it."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def load_corpus(root: Path = ROOT, pages: set[str] | None = None, lazy: bool = False) -> Corpus:
    """The pages of every language under ``root``'s docs folder, parsed or read back
    from the page cache.

    ``pages`` limits the corpus to those paths inside the language folders. ``lazy``
    reads each page only when it is first asked for; the caller then saves the cache
    (``corpus.pages.cache.save()``). A ConfigError (from site_config) reports an
    unreadable mkdocs.yml.
    """
    config = load_site_config(root.resolve())  # one name per file, whatever the caller typed
    paths = {}
    for locale in config.locales:
        folder = config.docs_dir / locale
        for path in sorted(folder.rglob("*.md")):
            rel = path.relative_to(folder).as_posix()
            if pages is None or rel in pages:
                paths[(locale, rel)] = path
    cached = CachedPages(PageCache(config.root), paths)
    if not lazy:
        for key in paths:
            cached[key]
        cached.cache.save()
    return Corpus(config, cached)


# The corpus of the build in progress: read once when a build starts (the first hook's
# on_config, scripts/hooks/build_input.py) and shared by every hook that needs it.
# Kept here, not in a hook, because `mkdocs serve` reloads the hooks at each rebuild.
_building: dict[Path, Corpus] = {}


def start_build(root: Path) -> Corpus:
    """Parse the hub for a build that starts now (a rebuild reads the pages again)."""
    _building[root] = load_corpus(root)
    return _building[root]


def build_corpus(root: Path) -> Corpus:
    """The corpus of the build in progress, parsed when it started."""
    return _building.get(root) or start_build(root)
