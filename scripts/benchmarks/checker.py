"""Benchmark the consistency checker against ``mkdocs build``.

``./hub benchmarks.checker [--sizes 250 500 1000] [--skip-build]``

Times the checker on the real hub, then, for each size N, generates a synthetic
project of N pages in each language (same structure in French, English and Spanish,
with figures, links, lists and quotes, and its freshness records), and times the
checker and a strict ``mkdocs build`` on it. Prints the times, how the checker's
time grows with the pages (it should be linear) and whether the goals are met:
the real hub checked in under a second, the checker at most a tenth of the build.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.check.findings import ERROR
from scripts.check.run import run_checks
from scripts.corpus import load_corpus
from scripts.new_language import round_trip_yaml
from scripts.site_config import ROOT
from scripts.translations import sync

LOCALES = ("fr", "en", "es")
SECTIONS = 6
SENTENCES_PER_PARAGRAPH = 4
REAL_HUB_GOAL = 1.0     # seconds
BUILD_SHARE_GOAL = 0.10  # the checker's time over the build's
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "HUB_HANDOUTS": "off"}

# Parallel vocabularies: the same index gives the same word in each language, so a
# page and its translations have the same structure, figures and links.
WORDS = {
    "fr": ("le", "la", "les", "des", "et", "est", "une", "dans", "pour", "qui", "avec", "sont",
           "nous", "notre", "leur", "cette", "aux", "par", "plus", "hommes", "femmes", "garçons",
           "égalité", "violence", "travail", "membres", "réseau", "projet", "soutien", "jeunes",
           "santé", "école", "famille", "changement", "partenaires", "région", "politique",
           "engagement", "formation", "pratique", "collectif", "durable", "local", "ensemble"),
    "en": ("the", "and", "of", "to", "is", "are", "in", "for", "with", "that", "our", "we",
           "their", "this", "these", "by", "on", "from", "which", "men", "women", "boys",
           "equality", "violence", "work", "members", "network", "project", "support", "youth",
           "health", "school", "family", "change", "partners", "region", "policy",
           "commitment", "training", "practice", "collective", "lasting", "local", "together"),
    "es": ("el", "la", "los", "las", "del", "y", "es", "una", "en", "para", "que", "con",
           "por", "nuestra", "sus", "como", "son", "este", "al", "hombres", "mujeres", "niños",
           "igualdad", "violencia", "trabajo", "miembros", "red", "proyecto", "apoyo", "jóvenes",
           "salud", "escuela", "familia", "cambio", "socios", "región", "política",
           "compromiso", "formación", "práctica", "colectivo", "duradero", "local", "juntos"),
}
PAGE_TITLE = {"fr": "Fiche", "en": "Sheet", "es": "Ficha"}
PEOPLE = {"fr": "personnes", "en": "people", "es": "personas"}
SINCE = {"fr": "depuis", "en": "since", "es": "desde"}
SEE = {"fr": "voir la fiche", "en": "see sheet", "es": "ver la ficha"}
# Thousands group and decimal mark: 12 500,5 / 12,500.5 / 12.500,5.
NUMBER_FORMAT = {"fr": ("\u202f", ","), "en": (",", "."), "es": (".", ",")}


def figure(value: int, tenths: int, locale: str) -> str:
    """``value`` (plus ``tenths``/10 if non-zero) written in ``locale``'s number format."""
    group, decimal = NUMBER_FORMAT[locale]
    text = f"{value:,}".replace(",", group)
    return f"{text}{decimal}{tenths}" if tenths else text


def page_name(index: int) -> str:
    return f"sheet-{index:04d}.md"


def sentence(rng: random.Random) -> dict[str, str]:
    """One random sentence of 10 to 16 words, in every language."""
    picks = [rng.randrange(len(WORDS["fr"])) for _ in range(rng.randint(10, 16))]
    return {loc: " ".join(words[i] for i in picks).capitalize() for loc, words in WORDS.items()}


def paragraph(rng: random.Random, total: int) -> dict[str, str]:
    """About 60 words with a figure, a year and, for some, a link to another page."""
    parts = [sentence(rng) for _ in range(SENTENCES_PER_PARAGRAPH)]
    count, tenths, year = rng.randint(1000, 99999), rng.choice((0, 5)), rng.randint(1990, 2024)
    target = f"{page_name(rng.randrange(total))}#section-{rng.randint(1, SECTIONS)}"
    linked = rng.random() < 0.5
    text = {}
    for loc in LOCALES:
        words = [part[loc] for part in parts]
        words[1] += f", {figure(count, tenths, loc)} {PEOPLE[loc]} {SINCE[loc]} {year}"
        if linked:
            words[2] += f" ([{SEE[loc]}]({target}))"
        text[loc] = ". ".join(words) + "."
    return text


def page_texts(index: int, total: int) -> dict[str, str]:
    """The Markdown of page ``index`` in each language, block for block the same."""
    rng = random.Random(index)
    title = {loc: f"{PAGE_TITLE[loc]} {index}" for loc in LOCALES}
    description = sentence(rng)
    lines = {loc: ["---", f"title: {title[loc]}", f"description: {description[loc]}.", "---", "",
                   f"# {title[loc]} {{#sheet-{index}}}", ""] for loc in LOCALES}
    blocks = [paragraph(rng, total)]
    for number in range(1, SECTIONS + 1):
        heading = sentence(rng)
        blocks.append({loc: f"## {' '.join(heading[loc].split()[:4])} {{#section-{number}}}" for loc in LOCALES})
        blocks += [paragraph(rng, total), paragraph(rng, total)]
        if number % 2:
            items = [sentence(rng) for _ in range(3)]
            blocks.append({loc: "\n".join(f"- {item[loc]}." for item in items) for loc in LOCALES})
        else:
            quote = sentence(rng)
            blocks.append({loc: f"> {quote[loc]}." for loc in LOCALES})
    for block in blocks:
        for loc in LOCALES:
            lines[loc] += [block[loc], ""]
    return {loc: "\n".join(lines[loc]) for loc in LOCALES}


def write_config(project: Path, total: int) -> None:
    """Point mkdocs.yml's nav at the generated pages (the menu takes their titles);
    no handouts (they would be rendered from the hub's own documents)."""
    yaml = round_trip_yaml()
    config = yaml.load(project / "mkdocs.yml")
    config["extra"]["hub"].pop("handouts", None)
    config["nav"] = [page_name(i) for i in range(total)]
    yaml.dump(config, project / "mkdocs.yml")


def make_project(folder: Path, total: int) -> Path:
    """A copy of the hub's configuration with ``total`` generated pages per language, synced."""
    project = folder / f"hub-{total}"
    ignore = shutil.ignore_patterns("__pycache__")
    for name in ("overrides", "data", "scripts", "docs/assets"):
        shutil.copytree(ROOT / name, project / name, ignore=ignore)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    write_config(project, total)
    for index in range(total):
        for loc, text in page_texts(index, total).items():
            path = project / "docs" / loc / page_name(index)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    corpus = load_corpus(project)
    for loc in corpus.config.translations:
        sync(corpus, loc, [page_name(i) for i in range(total)], None)
    return project


def time_checker(root: Path, runs: int) -> tuple[float, list]:
    """The best in-process time of load_corpus + run_checks, and the findings."""
    best, findings = float("inf"), []
    for _ in range(runs):
        started = time.perf_counter()
        findings = run_checks(load_corpus(root))
        best = min(best, time.perf_counter() - started)
    return best, findings


def time_command(arguments: list[str], cwd: Path, runs: int = 1, ok: tuple[int, ...] = (0,)) -> float:
    """The best wall time of a command; an exit status not in ``ok`` raises, with its output."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(arguments, cwd=cwd, capture_output=True, text=True,
                                env={**os.environ, **BUILD_ENV}, check=False)
        best = min(best, time.perf_counter() - started)
        if result.returncode not in ok:
            raise RuntimeError(f"{' '.join(arguments)} failed ({result.returncode}):\n"
                               f"{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return best


def describe_findings(findings: list) -> str:
    errors = sum(f.severity == ERROR for f in findings)
    rules = sorted({f.rule for f in findings})
    return f"{errors} error(s), {len(findings) - errors} warning(s)" + (f" [{', '.join(rules)}]" if rules else "")


def real_hub() -> None:
    """Time the checker on the repository itself, in process and as a command."""
    in_process, findings = time_checker(ROOT, runs=5)
    cli = time_command([sys.executable, "-m", "scripts.check", "--root", "."], ROOT, runs=5, ok=(0, 1))
    pages = len(load_corpus(ROOT).pages)
    print(f"Real hub ({pages} pages): checker {in_process:.3f} s in process, {cli:.3f} s as "
          f"`./hub check` (best of 5); {describe_findings(findings)}.")
    verdict = "OK" if cli < REAL_HUB_GOAL else "NOT OK"
    print(f"  goal: the real hub in well under {REAL_HUB_GOAL:.0f} s (command line) -> {verdict}\n")


def synthetic(sizes: list[int], build: bool) -> list[tuple[int, float, float | None]]:
    """Generate, check and build each size; print one table row per size."""
    rows = []
    print(f"{'pages/lang':>10} {'total':>6} {'checker s':>10} {'build s':>8} {'ratio':>7} "
          f"{'ms/page':>8}  findings")
    with tempfile.TemporaryDirectory(prefix="hub-bench-") as folder:
        for size in sizes:
            project = make_project(Path(folder), size)
            checker, findings = time_checker(project, runs=3)
            built = time_command([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                                  "--site-dir", str(Path(folder) / f"site-{size}")], project) if build else None
            total = size * len(LOCALES)
            ratio = f"{checker / built:7.1%}" if built else f"{'-':>7}"
            print(f"{size:>10} {total:>6} {checker:>10.3f} {f'{built:.2f}' if built else '-':>8} {ratio} "
                  f"{1000 * checker / total:>8.3f}  {describe_findings(findings)}", flush=True)
            rows.append((size, checker, built))
            shutil.rmtree(project)
    return rows


def verdicts(rows: list[tuple[int, float, float | None]]) -> None:
    (small, small_time, small_build), (large, large_time, large_build) = rows[0], rows[-1]
    if large > small:
        pages, growth = large / small, large_time / small_time
        verdict = "OK" if growth <= 1.25 * pages else "NOT OK"
        print(f"\nGrowth {small} -> {large} pages: checker x{growth:.2f} for x{pages:.0f} pages "
              f"(linear is ~x{pages:.0f}) -> {verdict}")
        if small_build and large_build:
            print(f"  (build: x{large_build / small_build:.2f})")
    ratios = [checker / built for _, checker, built in rows if built]
    if ratios:
        verdict = "OK" if max(ratios) <= BUILD_SHARE_GOAL else "NOT OK"
        print(f"Checker / build: at most {max(ratios):.1%} (goal <= {BUILD_SHARE_GOAL:.0%}) -> {verdict}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./hub benchmarks.checker", description=__doc__.split("\n\n")[1])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000], help="pages per language")
    parser.add_argument("--skip-build", action="store_true", help="do not time `mkdocs build`")
    arguments = parser.parse_args(argv)
    real_hub()
    verdicts(synthetic(sorted(arguments.sizes), not arguments.skip_build))
    return 0


if __name__ == "__main__":
    sys.exit(main())
