"""Which handouts exist: read from mkdocs.yml ``extra.hub.handouts``.

Every document gets one PDF per language and one per language pair; every language
gets the whole handbook; each of these comes in every paper size.
"""

from __future__ import annotations

from dataclasses import dataclass

from scripts.handouts.errors import HandoutError
from scripts.site_config import SiteConfig

PAPERS = {"a4": "A4", "letter": "letter"}  # our name: the CSS page size
HANDBOOK = "handbook"
SETTING = "mkdocs.yml (extra.hub.handouts)"


@dataclass(frozen=True)
class Handout:
    """One PDF: a document (or the handbook) in one or two languages, on one paper."""

    name: str                    # the document's page name, or "handbook"
    pages: tuple[str, ...]       # its pages, relative to a language folder
    languages: tuple[str, ...]   # one, or two side by side
    paper: str                   # a key of PAPERS

    @property
    def path(self) -> str:
        """Where the PDF is written, relative to the site folder."""
        return f"handouts/{self.name}.{'-'.join(self.languages)}.{self.paper}.pdf"

    @property
    def is_bilingual(self) -> bool:
        return len(self.languages) == 2


def catalog(config: SiteConfig) -> list[Handout]:
    """Every handout the settings ask for, in the languages built, in a stable order."""
    settings = config.hub.get("handouts") or {}
    documents = _pages(config, settings, "documents")
    handbook = _pages(config, settings, "handbook")
    pairs = [tuple(pair) for pair in settings.get("pairs") or []]
    papers = settings.get("papers") or list(PAPERS)
    locales = config.built_locales
    for pair in pairs:
        if len(pair) != 2 or not set(pair) <= set(locales) or pair[0] == pair[1]:
            raise HandoutError(f"{SETTING}: the pair {list(pair)} is not two different languages "
                               f"of the site ({', '.join(locales)}). Fix the `pairs` list.")
    for paper in papers:
        if paper not in PAPERS:
            raise HandoutError(f"{SETTING}: unknown paper '{paper}'. Use {' or '.join(PAPERS)}.")
    handouts = []
    for paper in papers:
        for page in documents:
            name = page.removesuffix(".md")
            handouts += [Handout(name, (page,), (locale,), paper) for locale in locales]
            handouts += [Handout(name, (page,), pair, paper) for pair in pairs]
        if handbook:
            handouts += [Handout(HANDBOOK, tuple(handbook), (locale,), paper) for locale in locales]
    return handouts


def _pages(config: SiteConfig, settings: dict, key: str) -> list[str]:
    pages = settings.get(key) or []
    in_nav = set(config.nav)
    unknown = [page for page in pages if page not in in_nav]
    if unknown:
        raise HandoutError(f"{SETTING}: `{key}` lists {', '.join(unknown)}, not in the site's nav. "
                           "List pages by their file name in the nav (e.g. code-of-conduct.md).")
    return pages
