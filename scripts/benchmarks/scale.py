"""The hub at scale: its build against stock Material's, and the checker, on big hubs.

``python -m scripts.benchmarks.scale [--sizes 250 1000] [--profile FILE]``

For each size N, a synthetic hub of N pages per language: the hub itself (its
configuration, hooks, records and pages) plus copies of its five documents under new
names, each with its freshness records, all in the nav. Handouts off. Prints, per
size, the hub's strict build against a stock Material + mkdocs-static-i18n build of
the same pages (scripts/benchmarks/page_weight.py's stock configuration); the whole-
hub check after the build (sharing its parse), cold (no cache) and again after one
page changed; the checker / build ratios; then the real hub's check after one page
changed (on a copy). Everything is measured in one run, in wall and processor time
(the checker from after its imports); the goals are judged on processor times and
their ratios, which a busy shared machine disturbs least. ``--profile FILE`` also
builds the first size's hub once more, under cProfile, into FILE.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.benchmarks.page_weight import make_stock_project
from scripts.new_language import round_trip_yaml
from scripts.site_build import mkdocs_build
from scripts.site_config import ROOT, load_site_config

DOCUMENTS = ("theory-of-change.md", "core-principles.md", "code-of-conduct.md", "strategic-plan.md",
             "accountability-standards.md")
# What a copy of the hub takes: the rest (site/, .venv, .cache, tests) stays behind.
HUB_PARTS = ("mkdocs.yml", "docs", "data", "overrides", "scripts", "translations")
BUILD_ENV = {"HUB_HANDOUTS": "off"}
GOALS = {"build": 1.25, "check-again": 1.0, "real-hub": 0.3, "checker-share": 0.10}


def copy_hub(destination: Path, root: Path = ROOT) -> Path:
    """The hub's sources (no build output, no cache) in ``destination``."""
    ignore = shutil.ignore_patterns("__pycache__", ".cache")
    destination.mkdir(parents=True)
    for name in HUB_PARTS:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=ignore)
        else:
            shutil.copy2(source, destination / name)
    return destination


def copy_name(index: int, document: str) -> str:
    return f"{document.removesuffix('.md')}-{index:04d}.md"


def make_hub(destination: Path, pages: int, root: Path = ROOT) -> Path:
    """A copy of the hub grown to ``pages`` pages per language with copies of its
    documents (and their records) under new names, listed in the nav."""
    project = copy_hub(destination, root)
    config = load_site_config(project)
    existing = len(list((config.docs_dir / config.source_language).rglob("*.md")))
    names = [copy_name(index, DOCUMENTS[index % len(DOCUMENTS)]) for index in range(max(0, pages - existing))]
    for index, name in enumerate(names):
        document = DOCUMENTS[index % len(DOCUMENTS)]
        for locale in config.locales:
            shutil.copy2(config.docs_dir / locale / document, config.docs_dir / locale / name)
            record = project / "translations" / locale / document.replace(".md", ".yml")
            if record.exists():
                shutil.copy2(record, record.with_name(name.replace(".md", ".yml")))
    yaml_rt = round_trip_yaml()
    settings = yaml_rt.load(project / "mkdocs.yml")
    settings["nav"] += names
    yaml_rt.dump(settings, project / "mkdocs.yml")
    return project


def build(project: Path, site_dir: Path, strict: bool, profile: Path | None = None) -> tuple[float, float]:
    """The (wall, processor) time of ``mkdocs build`` of ``project``; a failed build
    stops the benchmark."""
    started, cpu = time.perf_counter(), _children_cpu()
    if profile:
        command = [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "mkdocs", "build",
                   "--site-dir", str(site_dir)] + ["--strict"] * strict
        result = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False,
                                env={**_environment(), **BUILD_ENV})
    else:
        result = mkdocs_build(project, site_dir, strict=strict, **BUILD_ENV)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build of {project} failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - started, _children_cpu() - cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _environment() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


# The checker's command in a fresh interpreter, timed from after its imports: what a
# translator waits for beyond Python's start; wall and processor time, on stdout.
CHECK = ("import contextlib, io, time\n"
         "from scripts.check.__main__ import main\n"
         "started, cpu = time.perf_counter(), time.process_time()\n"
         "with contextlib.redirect_stdout(io.StringIO()):\n"
         "    status = main(['--root', '.'])\n"
         "print(time.perf_counter() - started, time.process_time() - cpu, status)\n")


def check(project: Path) -> tuple[float, float]:
    """The (wall, processor) time ``python -m scripts.check`` takes on ``project``
    after its imports."""
    result = subprocess.run([sys.executable, "-c", CHECK], cwd=project, capture_output=True, text=True,
                            check=False)
    *seconds, status = result.stdout.split() or ["?"]
    if result.returncode or status not in ("0", "1"):
        raise SystemExit(f"the checker failed on {project}:\n{result.stdout[-1000:]}{result.stderr[-3000:]}")
    return float(seconds[0]), float(seconds[1])


def change_one_page(project: Path) -> None:
    """Edit one French paragraph, as a translator's commit would."""
    page = project / "docs" / "fr" / DOCUMENTS[0]
    text = page.read_text(encoding="utf-8")
    page.write_text(text.rstrip("\n") + "\n\nUne phrase ajoutée pour la mesure.\n", encoding="utf-8")


def check_again(project: Path) -> tuple[tuple[float, float], ...]:
    """The check after a build (its parse shared, no findings cached), cold (no cache),
    then again after one page changed (the best of three edits), each (wall, processor)."""
    shutil.rmtree(project / ".cache" / "check", ignore_errors=True)
    after_build = check(project)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    cold = check(project)
    again = []
    for _ in range(3):
        change_one_page(project)
        again.append(check(project))
    return after_build, cold, min(again, key=lambda times: times[1])


def size_row(folder: Path, pages: int, profile: Path | None) -> dict:
    hub = make_hub(folder / f"hub-{pages}", pages)
    stock = make_stock_project(folder / f"stock-{pages}", hub)
    row = {"pages": pages}
    row["stock"] = build(stock, folder / f"stock-site-{pages}", strict=False)
    row["hub"] = build(hub, folder / f"hub-site-{pages}", strict=True)
    row["after build"], row["cold"], row["again"] = check_again(hub)
    if profile:  # after the timed build: the profiler slows a build down
        build(hub, folder / f"hub-site-{pages}", strict=True, profile=profile)
    print(f"{pages:>6} {seconds(row['stock'], 1):>14} {seconds(row['hub'], 1):>14} "
          f"{ratio(row['hub'], row['stock']):>14} {seconds(row['after build']):>14} {seconds(row['cold']):>14} "
          f"{seconds(row['again']):>12} {ratio(row['after build'], row['hub'], '.3f', ''):>14} "
          f"{ratio(row['cold'], row['hub'], '.3f', ''):>14}", flush=True)
    for name in (f"hub-site-{pages}", f"stock-site-{pages}", f"hub-{pages}", f"stock-{pages}"):
        shutil.rmtree(folder / name, ignore_errors=True)
    return row


def seconds(times: tuple[float, float], digits: int = 2) -> str:
    """Wall time (processor time): the second, unlike the first, hardly grows with the
    other work of a shared machine."""
    return f"{times[0]:.{digits}f} ({times[1]:.{digits}f})"


def ratio(ours: tuple[float, float], theirs: tuple[float, float], form: str = ".2f", unit: str = "x") -> str:
    return f"{ours[0] / theirs[0]:{form}}{unit} ({ours[1] / theirs[1]:{form}}{unit})"


def verdict(value: float, goal: float) -> str:
    return f"{'OK' if value <= goal else 'NOT OK'} (goal <= {goal:g})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.benchmarks.scale",
                                     description=__doc__.split("\n\n")[1])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000], help="pages per language")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the first size's hub build here")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hub-scale-") as name:
        folder = Path(name)
        *_, real_again = check_again(copy_hub(folder / "real"))
        print("Synthetic hubs, pages per language, handouts off. Seconds: wall (processor); the\n"
              "checker from after its imports. Ratios: of wall times (of processor times).\n"
              f"{'pages':>6} {'stock build':>14} {'hub build':>14} {'hub/stock':>14} {'check built':>14} "
              f"{'check cold':>14} {'check again':>12} {'built/build':>14} {'cold/build':>14}")
        rows = [size_row(folder, pages, arguments.profile if index == 0 else None)
                for index, pages in enumerate(sorted(arguments.sizes))]
    largest = rows[-1]
    build_ratio = largest["hub"][1] / largest["stock"][1]
    print(f"\nJudged on processor times, which a shared machine disturbs least:\n"
          f"Build / stock at {largest['pages']} pages per language: {ratio(largest['hub'], largest['stock'])} "
          f"-> {verdict(build_ratio, GOALS['build'])}")
    print(f"Check again after one page changed, {largest['pages']} pages per language: "
          f"{seconds(largest['again'])} s -> {verdict(largest['again'][1], GOALS['check-again'])}")
    print(f"Check again after one page changed, the real hub: {seconds(real_again)} s "
          f"-> {verdict(real_again[1], GOALS['real-hub'])}")
    for when in ("after build", "cold"):
        share = max(row[when][1] / row["hub"][1] for row in rows)
        print(f"Checker ({when}) / build: at most {share:.3f} -> {verdict(share, GOALS['checker-share'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
