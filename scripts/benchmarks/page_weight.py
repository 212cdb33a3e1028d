"""Page weight: the hub against a stock Material + mkdocs-static-i18n site.

Builds the hub as it is, and a stock site from the same Markdown (Material's
defaults, Google Fonts included; none of the hub's hooks, templates or stylesheet).
Serves each on 127.0.0.1 and loads, in Chromium with a cold cache, each language's
home page and largest document: requests, requests to other hosts (blocked and
counted), bytes as served and gzipped, and the load time (median of 6 cold loads,
the two sites taking turns).
Exits 1 if the hub is heavier on any page or requests anything from another host.
``./hub benchmarks.page_weight``
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import itertools
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Error as PlaywrightError

from scripts.chromium import ChromiumNotFound, launched
from scripts.hooks.i18n_state import language_root
from scripts.site_build import mkdocs_build
from scripts.site_config import ROOT, ConfigError, ConfigLoader, SiteConfig, load_site_config
from scripts.static_host import serve

DOCUMENTS = ("theory-of-change", "core-principles", "code-of-conduct", "strategic-plan",
             "accountability-standards")
LOADS = 6  # even: each site goes first as often as the other
GZIP_LEVEL = 6
GOOGLE_FONTS = {"fonts.googleapis.com", "fonts.gstatic.com"}
# <link rel> values that make the browser connect to, or fetch from, the address.
FETCHING_RELS = {"stylesheet", "preconnect", "dns-prefetch", "preload", "prefetch",
                 "modulepreload", "icon", "manifest"}
# Elements whose src the browser fetches.
FETCHING_TAGS = {"script", "img", "iframe", "source", "audio", "video", "embed"}


class BuildFailed(Exception):
    """`mkdocs build` failed: the message ends with its log."""


@dataclass
class Load:
    """What loading one page cost."""
    requests: int = 0        # to the local server
    bytes: int = 0           # response bodies, uncompressed
    gzip_bytes: int = 0      # the same bodies gzipped
    third_party: list[str] = field(default_factory=list)  # the host of each blocked request
    references: Counter = field(default_factory=Counter)  # third-party references in the HTML
    load_ms: float = 0.0     # Navigation Timing loadEventEnd


# Building -------------------------------------------------------------------------

def run_build(project: Path, site_dir: Path, strict: bool) -> subprocess.CompletedProcess:
    """`mkdocs build` of ``project`` into ``site_dir``; BuildFailed with its log's tail."""
    result = mkdocs_build(project, site_dir, strict=strict, HUB_HANDOUTS="cached")
    if result.returncode != 0:
        tail = "\n".join(result.stderr.splitlines()[-30:])
        raise BuildFailed(f"mkdocs build of {project} failed:\n{tail}")
    return result


def stock_config(root: Path = ROOT) -> dict:
    """Our mkdocs.yml reduced to the pages' text: names, nav, languages and Markdown
    extensions, on Material's defaults (no hooks, templates, stylesheet, palette)."""
    with (root / "mkdocs.yml").open(encoding="utf-8") as stream:
        ours = yaml.load(stream, Loader=ConfigLoader)
    i18n = next(plugin["i18n"] for plugin in ours["plugins"]
                if isinstance(plugin, dict) and "i18n" in plugin)
    kept = ("locale", "name", "default", "build", "site_name", "site_description")
    languages = [{key: entry[key] for key in kept if key in entry} for entry in i18n["languages"]]
    return {
        "site_name": ours["site_name"],
        "site_description": ours.get("site_description", ""),
        "nav": ours["nav"],
        "theme": {"name": "material", "language": ours["theme"]["language"]},
        "markdown_extensions": ours.get("markdown_extensions", []),
        "plugins": ["search", {"i18n": {"docs_structure": "folder", "languages": languages}}],
    }


def make_stock_project(destination: Path, root: Path = ROOT) -> Path:
    """A project in ``destination``: our Markdown pages (no assets), the stock mkdocs.yml."""
    for locale in load_site_config(root).locales:
        source = root / "docs" / locale
        for page in source.rglob("*.md"):
            target = destination / "docs" / locale / page.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(page, target)
    (destination / "mkdocs.yml").write_text(
        yaml.safe_dump(stock_config(root), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return destination


def build_stock(project: Path, site_dir: Path) -> int:
    """Build the stock project (not strict: no hooks fill in our markers); its warnings."""
    result = run_build(project, site_dir, strict=False)
    return sum(line.startswith("WARNING") for line in result.stderr.splitlines())


# What to load ---------------------------------------------------------------------

def pages_to_load(config: SiteConfig, site_dir: Path) -> list[tuple[str, str, str]]:
    """(language, page, address) of each language's home page and of its largest
    document, the one whose index.html in ``site_dir`` is the largest."""
    pages = []
    for locale in config.locales:
        root = "/" + language_root(locale, config.source_language)
        folder = site_dir / root.strip("/")
        largest = max(DOCUMENTS, key=lambda name: (folder / name / "index.html").stat().st_size)
        pages += [(locale, "home", root), (locale, largest, f"{root}{largest}/")]
    return pages


# Loading --------------------------------------------------------------------------

def third_party_references(html: str, page_url: str) -> Counter:
    """References in ``html`` that make the browser fetch from, or connect to, hosts
    other than the page's, by host ("Google Fonts" for its two hosts)."""
    soup = BeautifulSoup(html, "lxml")
    addresses = [link.get("href", "") for link in soup.find_all("link")
                 if FETCHING_RELS & {rel.lower() for rel in link.get("rel", [])}]
    addresses += [tag["src"] for tag in soup.find_all(list(FETCHING_TAGS), src=True)]
    page_host = urlsplit(page_url).netloc
    hosts = (urlsplit(urljoin(page_url, address)) for address in addresses)
    return Counter("Google Fonts" if url.hostname in GOOGLE_FONTS else url.hostname
                   for url in hosts if url.scheme in ("http", "https") and url.netloc != page_host)


def load_page(browser, origin: str, path: str) -> Load:
    """Load ``origin + path`` in a fresh context (cold cache) until the network is idle,
    blocking and counting every request to another host."""
    load, requested, finished = Load(), [], []
    local = origin + "/"
    context = browser.new_context()
    # On the context, not the page, so that the search worker's fetches count too.
    context.route("**/*", functools.partial(_block_other_hosts, local, load.third_party))
    context.on("request", lambda request: requested.append(request))
    context.on("requestfinished", lambda request: finished.append(request))
    try:
        page = context.new_page()
        document = page.goto(origin + path, wait_until="networkidle")
        load.references = third_party_references(document.text(), page.url)
        load.load_ms = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        load.requests = sum(request.url.startswith(local) for request in requested)
        bodies = [request.response().body() for request in finished
                  if request.url.startswith(local)]
    finally:
        context.close()
    load.bytes = sum(len(body) for body in bodies)
    load.gzip_bytes = sum(len(gzip.compress(body, GZIP_LEVEL, mtime=0)) for body in bodies)
    return load


def _block_other_hosts(local: str, blocked: list[str], route) -> None:
    """Let a request under ``local`` through; abort any other, noting its host in ``blocked``."""
    if route.request.url.startswith(local):
        route.continue_()
    else:
        blocked.append(urlsplit(route.request.url).hostname)
        route.abort()


def measure_sites(browser, sites: dict[str, Path], pages, loads: int = 1) -> dict[str, dict]:
    """{site: {(language, page): Load}}: each page loaded ``loads`` times cold from each
    site, the sites taking turns, and first in turn, so that a busy machine slows them alike."""
    runs = {side: {} for side in sites}
    with ExitStack() as servers:
        origins = list({side: servers.enter_context(serve(folder))
                        for side, folder in sites.items()}.items())
        for (locale, name, path), turn in itertools.product(pages, range(loads)):
            for side, origin in origins[::-1] if turn % 2 else origins:
                runs[side].setdefault((locale, name), []).append(load_page(browser, origin, path))
    return {side: {key: summary(loads) for key, loads in pages_runs.items()}
            for side, pages_runs in runs.items()}


def summary(loads: list[Load]) -> Load:
    """The first load's requests and bytes (the same on every load), with the median
    load time."""
    return dataclasses.replace(loads[0], load_ms=statistics.median(load.load_ms for load in loads))


# Report ---------------------------------------------------------------------------

def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


COLUMNS = (("requests", lambda load: str(load.requests)),
           ("3rd-party req.", lambda load: str(len(load.third_party))),
           ("3rd-party refs", lambda load: str(sum(load.references.values()))),
           ("KB", lambda load: kb(load.bytes)),
           ("KB gzip", lambda load: kb(load.gzip_bytes)),
           ("load ms", lambda load: f"{load.load_ms:.0f}"))
LABEL, CELL = 30, 17


def total(loads) -> Load:
    """Several pages' loads added up."""
    loads = list(loads)
    return Load(requests=sum(load.requests for load in loads),
                bytes=sum(load.bytes for load in loads),
                gzip_bytes=sum(load.gzip_bytes for load in loads),
                third_party=[host for load in loads for host in load.third_party],
                references=sum((load.references for load in loads), Counter()),
                load_ms=sum(load.load_ms for load in loads))


def table(hub: dict, stock: dict) -> list[str]:
    """Each page's columns as hub / stock, then the totals."""
    rows = [(f"{locale:<3} {name}", ours, stock[(locale, name)])
            for (locale, name), ours in hub.items()]
    rows.append(("total", total(hub.values()), total(stock.values())))
    lines = ["".ljust(LABEL) + "".join(title.rjust(CELL) for title, _ in COLUMNS),
             "lang page".ljust(LABEL) + "hub / stock".rjust(CELL) * len(COLUMNS)]
    for label, ours, theirs in rows:
        cells = (f"{cell(ours)} / {cell(theirs)}".rjust(CELL) for _, cell in COLUMNS)
        lines.append(label.ljust(LABEL) + "".join(cells))
    return lines


def heavier(hub: Load, stock: Load) -> bool:
    """Whether the hub's page weighs more, uncompressed or gzipped."""
    return hub.bytes > stock.bytes or hub.gzip_bytes > stock.gzip_bytes


def verdict(hub: Load, stock: Load) -> str:
    """Lighter or heavier, by how much, uncompressed and gzipped."""
    def change(ours: int, theirs: int) -> str:
        return f"{(ours - theirs) / 1024:+.1f} KB ({(ours - theirs) / theirs:+.0%})"
    word = "HEAVIER" if heavier(hub, stock) else "lighter"
    return (f"hub {word}: {change(hub.bytes, stock.bytes)} uncompressed, "
            f"{change(hub.gzip_bytes, stock.gzip_bytes)} gzip")


def describe(counts: Counter) -> str:
    return ", ".join(f"{name}: {count}" for name, count in counts.most_common()) or "none"


def report(hub: dict, stock: dict, stock_warnings: int) -> None:
    """Print the table, each page's verdict, and what the pages wanted from other hosts."""
    print(f"Page weight: hub vs stock Material + mkdocs-static-i18n, same pages; "
          f"{LOADS} cold loads each in Chromium (load ms: median)")
    print(f"Stock build: {stock_warnings} warnings (built without --strict).\n")
    print("\n".join(table(hub, stock)))
    print()
    for (locale, name), ours in hub.items():
        print(f"{locale:<3} {name}".ljust(LABEL) + verdict(ours, stock[(locale, name)]))
    print()
    for side, results in (("hub", hub), ("stock", stock)):
        blocked = Counter(total(results.values()).third_party)
        in_html = sorted({describe(load.references) for load in results.values()})
        print(f"{side}: third-party requests (blocked), {len(results)} pages: {describe(blocked)}; "
              f"third-party references in each page's HTML: {' or '.join(in_html)}")
    print("Requests to other hosts are blocked, so the stock's load times leave out "
          "the fonts' download.")


def main() -> int:
    try:
        config = load_site_config()
        with launched() as browser, tempfile.TemporaryDirectory() as scratch:
            hub_dir, stock_dir = Path(scratch) / "hub", Path(scratch) / "stock"
            run_build(ROOT, hub_dir, strict=True)
            warnings = build_stock(make_stock_project(Path(scratch) / "stock-project"), stock_dir)
            pages = pages_to_load(config, hub_dir)
            results = measure_sites(browser, {"hub": hub_dir, "stock": stock_dir}, pages, LOADS)
    except (ConfigError, BuildFailed, ChromiumNotFound, PlaywrightError) as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 1
    hub, stock = results["hub"], results["stock"]
    report(hub, stock, warnings)
    heavy = any(heavier(hub[key], stock[key]) for key in hub)
    return 1 if heavy or total(hub.values()).third_party else 0


if __name__ == "__main__":
    sys.exit(main())
