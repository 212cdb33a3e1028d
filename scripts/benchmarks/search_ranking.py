"""Search ranking: does the page or section a reader expects come first?

A table of queries per language, each with the result a reader expects first (a
page, or a page's section as ``page#section``; ``index`` is the home page). Each
query is typed into the site's search box in Chromium, as a reader would, and the
results read as shown: one group per page, its items in the order of their scores.
For each language: top-1 (the first group is the expected page and, for a section,
its best item is that section), top-3 (the expected page among the first three
groups) and MRR (mean of 1 / the expected page's rank among the groups shown; 0 if
not shown). tests/test_search_words.py holds the hub to this table.

``./hub benchmarks.search_ranking`` builds the hub (no handouts) and
prints the table; ``--site DIR`` measures a site already built, and ``--before DIR``
puts another build's figures beside them (e.g. main's, to show a change).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.chromium import ChromiumNotFound, launched
from scripts.hooks.i18n_state import language_root
from scripts.site_build import mkdocs_build
from scripts.site_config import ROOT, load_site_config
from scripts.static_host import serve

# (locale, query as a reader types it, the result a reader expects first)
QUERIES = [
    ("fr", "droits des femmes", "core-principles#principles"),
    ("fr", "responsabilite", "accountability-standards"),
    ("fr", "code de conduite", "code-of-conduct"),
    ("fr", "violence basee sur le genre", "theory-of-change#transforming-masculinities"),
    ("fr", "masculinites patriarcales", "theory-of-change#patriarchal-masculinities"),
    ("fr", "signaler une preoccupation", "code-of-conduct#reporting-a-concern"),
    ("fr", "feuille de route", "strategic-plan#roadmap"),
    ("fr", "principes fondamentaux", "core-principles"),
    ("fr", "theorie du changement", "theory-of-change"),
    ("fr", "les enfants et les jeunes", "accountability-standards#areas-covered"),
    ("fr", "plaidoyer politique", "strategic-plan#domain-2"),
    ("fr", "decoloniser", "core-principles#principles"),
    ("fr", "normes de redevabilite", "accountability-standards"),
    ("en", "women's rights", "core-principles#principles"),
    ("en", "code of conduct", "code-of-conduct"),
    ("en", "gender based violence", "theory-of-change#transforming-masculinities"),
    ("en", "patriarchal masculinities", "theory-of-change#patriarchal-masculinities"),
    ("en", "reporting a concern", "code-of-conduct#reporting-a-concern"),
    ("en", "roadmap", "strategic-plan#roadmap"),
    ("en", "core principles", "core-principles"),
    ("en", "theory of change", "theory-of-change"),
    ("en", "children and youth", "accountability-standards#areas-covered"),
    ("en", "policy advocacy", "strategic-plan#domain-2"),
    ("en", "decolonise", "core-principles#principles"),
    ("en", "accountability standards", "accountability-standards"),
    ("es", "codigo de conducta", "code-of-conduct"),
    ("es", "derechos de las mujeres", "core-principles#principles"),
    ("es", "violencia de genero", "theory-of-change#transforming-masculinities"),
    ("es", "masculinidades patriarcales", "theory-of-change#patriarchal-masculinities"),
    ("es", "comunicar una inquietud", "code-of-conduct#reporting-a-concern"),
    ("es", "hoja de ruta", "strategic-plan#roadmap"),
    ("es", "principios centrales", "core-principles"),
    ("es", "teoria del cambio", "theory-of-change"),
    ("es", "la niñez y los jovenes", "accountability-standards#areas-covered"),
    ("es", "incidencia politica", "strategic-plan#domain-2"),
    ("es", "descolonizar", "core-principles#principles"),
    ("es", "rendicion de cuentas", "accountability-standards"),
    # Written once the ranking was tuned on the rows above, to check it on new queries.
    ("fr", "communautes de pratique", "strategic-plan#communities-of-practice"),
    ("fr", "solidarite", "strategic-plan#domain-4"),
    ("fr", "consentement", "code-of-conduct#values-and-behaviours"),
    ("fr", "notre mission", "index#mission"),
    ("fr", "apprendre", "strategic-plan#learn"),
    ("en", "communities of practice", "strategic-plan#communities-of-practice"),
    ("en", "solidarity", "strategic-plan#domain-4"),
    ("en", "consent", "code-of-conduct#values-and-behaviours"),
    ("en", "our mission", "index#mission"),
    ("en", "learn", "strategic-plan#learn"),
    ("es", "comunidades de practica", "strategic-plan#communities-of-practice"),
    ("es", "solidaridad", "strategic-plan#domain-4"),
    ("es", "consentimiento", "code-of-conduct#values-and-behaviours"),
    ("es", "nuestra mision", "index#mission"),
    ("es", "aprender", "strategic-plan#learn"),
]

# The results shown, one list per page, its items best first, read once the results
# for the query typed are shown.
READ_RESULTS = """() => [...document.querySelectorAll('.md-search-result__item')].map(group =>
  [...group.querySelectorAll('a.md-search-result__link')]
    .map((a, order) => [a.href, +a.querySelector('article').dataset.mdScore, order])
    .sort((x, y) => y[1] - x[1] || x[2] - y[2]).map(item => item[0]))"""


def type_query(tab, query: str) -> None:
    """Type ``query`` into the open search box, and wait until its results are shown
    (the box is emptied first, so that no earlier result is read). The tab is brought to
    the front first: in a tab behind another, Chromium paints no frame, and Material
    shows results on the next frame (0.6 s a query in a tab behind, 0.06 s in front)."""
    tab.bring_to_front()
    box = tab.locator(".md-search__input")
    placeholder = tab.evaluate(
        "JSON.parse(document.getElementById('__config').textContent).translations"
        "['search.result.placeholder']")
    meta = ".md-search-result__meta"
    for value, shown in (("", True), (query, False)):
        box.fill(value)
        box.dispatch_event("keyup")
        tab.wait_for_function("([meta, text, shown]) => (document.querySelector(meta).textContent"
                              ".trim() === text) === shown", arg=[meta, placeholder, shown])


def location(link: str, roots) -> str:
    """``code-of-conduct#reporting-a-concern`` for …/en/code-of-conduct/?h=…#reporting-a-concern
    (or …/en/code-of-conduct.html#…, offline); ``index`` for a language's home page."""
    parts = urlsplit(link)
    name = unquote(parts.path).rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")
    if name in ("", "index") or f"{name}/" in roots:
        name = "index"
    return f"{name}#{parts.fragment}" if parts.fragment else name


def ranked(tab, query: str, roots) -> list[list[str]]:
    """The results of ``query``: per page shown, its items' locations, best first."""
    type_query(tab, query)
    return [[location(link, roots) for link in group] for group in tab.evaluate(READ_RESULTS)]


def rank(groups: list[list[str]], expected: str) -> int | None:
    """The expected page's place among the groups (1 = first), None if not shown."""
    page = expected.split("#")[0]
    return next((n for n, group in enumerate(groups, 1) if group[0].split("#")[0] == page), None)


def first_is(groups: list[list[str]], expected: str) -> bool:
    """Whether the first result is the expected page, or for a section, the expected
    section is its best item."""
    return bool(groups) and (groups[0][0] == expected if "#" in expected
                             else groups[0][0].split("#")[0] == expected)


@dataclass
class Row:
    locale: str
    query: str
    expected: str
    first: str
    rank: int | None
    top1: bool


def measure(site: Path, queries=QUERIES) -> list[Row]:
    """Each query of the table typed into ``site``'s search, in Chromium."""
    config = load_site_config()
    roots = {loc: language_root(loc, config.source_language) for loc in config.locales}
    rows = []
    with serve(site) as address, launched() as browser:
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        for locale in sorted({loc for loc, _, _ in queries}):
            tab.goto(f"{address}/{roots[locale]}", wait_until="networkidle")
            tab.locator("label.md-search__icon, .md-search__input").first.click()
            for loc, query, expected in queries:
                if loc == locale:
                    groups = ranked(tab, query, set(roots.values()))
                    rows.append(Row(loc, query, expected, groups[0][0] if groups else "—",
                                    rank(groups, expected), first_is(groups, expected)))
    return rows


def figures(rows: list[Row]) -> tuple[float, float, float]:
    """Top-1, top-3 (shares) and MRR of ``rows``."""
    count = len(rows) or 1
    return (sum(r.top1 for r in rows) / count,
            sum(bool(r.rank and r.rank <= 3) for r in rows) / count,
            sum(1 / r.rank for r in rows if r.rank) / count)


def report(after: list[Row], before: list[Row] | None = None) -> str:
    lines = []
    old = {(r.locale, r.query): r for r in before or []}
    lines.append("| lang | query | expected first | " + ("before: first (rank) | " if before else "")
                 + "first (rank) |")
    lines.append("|---|---|---|" + ("---|" if before else "") + "---|")
    for row in after:
        cells = [row.locale, row.query, row.expected]
        if before:
            was = old[(row.locale, row.query)]
            cells.append(f"{was.first} ({was.rank or '—'}){' ✓' if was.top1 else ''}")
        cells.append(f"{row.first} ({row.rank or '—'}){' ✓' if row.top1 else ''}")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("| lang | queries | " + ("before top-1 / top-3 / MRR | " if before else "")
                 + "top-1 / top-3 / MRR |")
    lines.append("|---|---|" + ("---|" if before else "") + "---|")
    for locale in sorted({r.locale for r in after}) + ["all"]:
        mine = [r for r in after if locale in ("all", r.locale)]
        cells = [locale, str(len(mine))]
        if before:
            cells.append(" / ".join(f"{x:.2f}" for x in figures(
                [r for r in before if locale in ("all", r.locale)])))
        cells.append(" / ".join(f"{x:.2f}" for x in figures(mine)))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a site already built (default: build the hub)")
    parser.add_argument("--before", type=Path, help="another build, measured for comparison")
    args = parser.parse_args(argv)
    try:
        with tempfile.TemporaryDirectory() as work:
            site = args.site
            if site is None:
                site = Path(work) / "site"
                result = mkdocs_build(ROOT, site, HUB_HANDOUTS="off")
                if result.returncode != 0:
                    print(result.stderr[-3000:], file=sys.stderr)
                    print("error: the build failed (log above)", file=sys.stderr)
                    return 1
            before = measure(args.before) if args.before else None
            print(report(measure(site), before))
    except ChromiumNotFound as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
