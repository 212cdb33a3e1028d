"""HTML to PDF with WeasyPrint: cached by content, in parallel on every core.

A PDF is cached under a key made of everything it depends on: its HTML, the
stylesheet, the fonts, WeasyPrint's version, this module (PDF options) and finish.py
(what is added to WeasyPrint's tags). A rebuild with
nothing changed renders nothing; an entry unused for CACHE_DAYS is removed.

The cache also remembers which entry each handout last got (LATEST): when rendering is
not asked for (HUB_HANDOUTS=cached, `make serve`), a handout whose page was edited
since keeps that last rendering, reported as out of date, so its links never break.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import cache, lru_cache
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterable

from scripts.handouts.finish import finish

HERE = Path(__file__).resolve().parent
STYLESHEET = HERE / "handout.css"
FONTS = HERE / "fonts"
# Tagged PDF (PDF/UA-1): structure, language and title for screen readers.
OPTIONS = {"pdf_variant": "pdf/ua-1"}
CACHE_DAYS = 30
# The hyphenation patterns of a language, where pyphen's own are poor: its "en" (en_GB)
# breaks "inten-ded", "evid-ence", "activit-ies" (a trainer's review); the hub's
# British spelling keeps lang="en", hyphenated with the en_US patterns.
HYPHENATION = {"en": "en_US"}
LATEST = "latest.json"  # in the cache folder: each handout's path -> its last key


@dataclass(frozen=True)
class Job:
    path: str  # where the PDF goes, relative to the site folder
    html: str  # "" when ``key`` names a PDF already in the cache
    languages: tuple[str, ...]  # one, or the two columns' (left first)
    key: str = ""  # its cache key, if known (else computed from ``html``)


@dataclass(frozen=True)
class Rendered:
    path: str
    pages: int
    bytes: int


@dataclass
class Outcome:
    written: list[Rendered]
    skipped: list[str]   # left out: not in the cache, no earlier rendering, rendering not asked for
    stale: list[str]     # an earlier rendering kept: not in the cache, rendering not asked for
    rendered: int        # how many were rendered (not taken from the cache)
    warnings: list[str]  # WeasyPrint's, with the PDF's path


def cache_key(html: str) -> str:
    """The hash of everything a PDF depends on."""
    fonts = sorted(FONTS.glob("*.woff"))
    before, font_bytes = _key_parts(tuple((path, path.stat().st_mtime_ns)
                                          for path in (Path(__file__), HERE / "finish.py", STYLESHEET, *fonts)))
    digest = before.copy()
    digest.update(html.encode("utf-8") + b"\0")
    digest.update(font_bytes)
    return digest.hexdigest()[:32]


@cache
def _key_parts(files: tuple[tuple[Path, int], ...]) -> tuple["hashlib._Hash", bytes]:
    """What every key shares, read once while ``files`` (this module, finish.py, the
    stylesheet, then the fonts, with their modification times) are unchanged: the hash
    of the parts before the HTML, and the fonts' bytes (hashed after it)."""
    import weasyprint

    (code, _), (finishing, _), (stylesheet, _), *fonts = files
    digest = hashlib.sha256()
    for part in (weasyprint.__version__, code.read_text("utf-8"), finishing.read_text("utf-8"),
                 stylesheet.read_text("utf-8")):
        digest.update(part.encode("utf-8") + b"\0")
    return digest, b"".join(font.read_bytes() for font, _ in fonts)


def render_all(jobs: Iterable[Job], site_dir: Path, cache_dir: Path, render_missing: bool = True,
               report: Callable[[str], None] = print) -> Outcome:
    """Write each job's PDF to ``site_dir``; render those the cache lacks if
    ``render_missing``, else leave them out. ``jobs`` may compose each handout as it is
    taken: a PDF the cache lacks starts rendering at once, while the next is composed."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    taken, keys, missing = [], {}, []
    with Renderers(report) as renderers:
        for job in jobs:
            taken.append(job)
            keys[job.path] = job.key or cache_key(job.html)
            if not (cache_dir / f"{keys[job.path]}.pdf").exists():
                missing.append(job)
                if render_missing:
                    renderers.submit(job, cache_dir / keys[job.path])
        warnings = renderers.finished()
    skipped, stale = [], []
    latest = _latest(cache_dir)
    if missing and not render_missing:
        for job in missing:
            earlier = latest.get(job.path)
            if earlier and (cache_dir / f"{earlier}.pdf").exists():
                keys[job.path] = earlier
                stale.append(job.path)
            else:
                skipped.append(job.path)
        if stale:
            report(f"{len(stale)} handouts are out of date, their last rendering kept: "
                   f"{', '.join(stale)}; build with HUB_HANDOUTS=on (make build) to render them.")
    if len(missing) < len(taken):
        report(f"{len(taken) - len(missing)} handouts unchanged, taken from {cache_dir}")
    written = []
    for job in taken:
        cached = cache_dir / f"{keys[job.path]}.pdf"
        if job.path in skipped:
            continue
        target = site_dir / job.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
        count = cache_dir / f"{keys[job.path]}.pages"
        for entry in (cached, count):
            os.utime(entry)
        written.append(Rendered(job.path, int(count.read_text()), target.stat().st_size))
        latest[job.path] = keys[job.path]
    _write_latest(cache_dir, latest)
    _prune(cache_dir)
    return Outcome(written, skipped, stale, len(missing) - len(skipped) - len(stale), warnings)


def _latest(cache_dir: Path) -> dict[str, str]:
    try:
        return json.loads((cache_dir / LATEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def _write_latest(cache_dir: Path, latest: dict[str, str]) -> None:
    partial = cache_dir / f"{LATEST}.{os.getpid()}"
    partial.write_text(json.dumps(latest, indent=0, sort_keys=True) + "\n", "utf-8")
    partial.replace(cache_dir / LATEST)


class Renderers:
    """Worker processes rendering handouts, one per core, started with the first
    handout to render (each loads WeasyPrint while the next handouts are composed)."""

    def __init__(self, report: Callable[[str], None]):
        self.report = report
        self.pool: ProcessPoolExecutor | None = None
        self.futures: dict = {}
        self.started = 0.0

    def __enter__(self) -> "Renderers":
        return self

    def submit(self, job: Job, cache_stem: Path) -> None:
        if self.pool is None:
            self.started = time.perf_counter()
            # spawn: safe inside `mkdocs serve`, whose threads a fork would copy half-way.
            self.pool = ProcessPoolExecutor(os.cpu_count() or 1, mp_context=get_context("spawn"),
                                            initializer=_warm)
        self.futures[self.pool.submit(render_one, job.html, str(cache_stem), job.languages)] = job

    def finished(self) -> list[str]:
        """Wait for every handout submitted; WeasyPrint's warnings, with the PDF's path."""
        warnings = []
        for done, future in enumerate(as_completed(self.futures), 1):
            job = self.futures[future]
            pages, seconds, found = future.result()
            self.report(f"[{done}/{len(self.futures)}] {job.path}: {pages} pages in {seconds:.1f} s")
            warnings += [f"{job.path}: {warning}" for warning in found]
        if self.futures:
            self.report(f"Rendered {len(self.futures)} handouts in {time.perf_counter() - self.started:.1f} s "
                        f"on {os.cpu_count() or 1} cores")
        return warnings

    def __exit__(self, *failure) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=bool(failure[0]))


def _warm() -> None:
    """A worker's start: WeasyPrint loaded before its first handout arrives."""
    import weasyprint  # noqa: F401


def render_one(html: str, cache_stem: str, languages: tuple[str, ...]) -> tuple[int, float, list[str]]:
    """Render ``html`` (in ``languages``) to ``cache_stem``.pdf (and its page count to
    .pages), in a worker."""
    started = time.perf_counter()
    # The embedded fonts' subsets dated, as the PDF is, not "now": the same HTML makes
    # the same bytes (fontTools reads SOURCE_DATE_EPOCH).
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    warnings = _capture_warnings()
    document = lay_out(html)
    partial = Path(cache_stem + ".partial")
    document.write_pdf(partial, **OPTIONS)
    finish(partial, languages)
    Path(cache_stem + ".pages").write_text(str(len(document.pages)))
    partial.replace(cache_stem + ".pdf")
    return len(document.pages), time.perf_counter() - started, warnings


# A last page holding less than this share of its text area may be saved: the handout
# is laid out again a little tighter (TIGHTER, in turn) and the tighter layout kept if
# it has fewer pages (above 30 %: what the strategic plan's whole roadmap costs).
SHORT_LAST_PAGE = 0.55
TIGHTER = ("html { font-size: 10.25pt; line-height: 1.36; } p, li, td { orphans: 2; widows: 2; }",
           "html { font-size: 10pt; line-height: 1.33; } p, li, td { orphans: 2; widows: 2; }"
           " p { margin-bottom: 1.5mm; } table.bilingual { font-size: 9.6pt; }")


def lay_out(html: str):
    """``html`` laid out in pages with the handouts' stylesheet (a WeasyPrint Document),
    with no last page of a few lines that a tighter layout fits on the page before."""
    document = _lay_out(html)
    for tighter in TIGHTER:
        if len(document.pages) < 2 or _last_page_fill(document) >= SHORT_LAST_PAGE:
            break
        again = _lay_out(html, tighter)
        if len(again.pages) < len(document.pages):
            document = again
    return document


def hyphenation_patterns(language: str) -> str:
    """The pyphen patterns that hyphenate ``language``'s words in the handouts."""
    import pyphen

    return HYPHENATION.get(language, pyphen.language_fallback(language) or language)


def _lay_out(html: str, extra: str = ""):
    from weasyprint import HTML

    _hyphenation()
    inputs = tuple(path.stat().st_mtime_ns for path in (STYLESHEET, *sorted(FONTS.glob("*.woff"))))
    fonts, sheets = _stylesheets(extra, inputs)
    return HTML(string=html, base_url=HERE.as_uri() + "/").render(stylesheets=sheets, font_config=fonts)


@cache
def _hyphenation() -> None:
    """Point pyphen at HYPHENATION's patterns (WeasyPrint asks pyphen by language)."""
    import pyphen

    for language, patterns in HYPHENATION.items():
        pyphen.LANGUAGES[language] = pyphen.LANGUAGES[patterns]


@lru_cache(maxsize=len(TIGHTER) + 1)
def _stylesheets(extra: str, _inputs: tuple[int, ...]) -> tuple:
    """The handouts' stylesheet with ``extra`` rules (none, or a TIGHTER one), parsed and
    its fonts loaded once per process while the stylesheet and fonts (their modification
    times, ``_inputs``) are unchanged: a sixth of the rendering time before."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()  # what makes the stylesheet's @font-face rules load
    sheets = [CSS(filename=str(STYLESHEET), font_config=fonts)]
    if extra:
        sheets.append(CSS(string=extra, font_config=fonts))
    return fonts, sheets


def _last_page_fill(document) -> float:
    """How much of the last page's text area its content takes (0 to 1)."""
    page = document.pages[-1]._page_box
    return page.children[0].margin_height() / page.height if page.children else 0.0


def _capture_warnings() -> list[str]:
    """WeasyPrint's warnings in this worker, to report them in the build."""
    captured: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            captured.append(record.getMessage())

    logger = logging.getLogger("weasyprint")
    logger.handlers = [Collect(logging.WARNING)]
    logger.propagate = False
    return captured


def _prune(cache_dir: Path) -> None:
    limit = time.time() - CACHE_DAYS * 86400
    for entry in cache_dir.iterdir():
        if entry.name != LATEST and entry.stat().st_mtime < limit:
            entry.unlink()
