"""Shared fixtures: the site configuration, every page parsed once, and built sites."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.chromium import ChromiumNotFound, launched
from scripts.pages import Page, read_page
from scripts.site_config import ROOT, SiteConfig, load_site_config

PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "scripts", "data", "translations")


def page_folder(rel: str) -> str:
    """Where a page is built, relative to its language root (``code-of-conduct/``)."""
    return "" if rel == "index.md" else rel.removesuffix(".md") + "/"


def build_site(project: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """Run a strict `mkdocs build` of ``project`` into ``site_dir``, without PDF
    handouts unless ``HUB_HANDOUTS`` says otherwise."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HUB_HANDOUTS": "off", **env}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=environment, capture_output=True, text=True, check=False,
    )


def copy_project(destination: Path) -> Path:
    """A copy of the hub's sources that a test may change."""
    destination.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / part)
    return destination


@pytest.fixture(scope="session")
def config() -> SiteConfig:
    return load_site_config()


@pytest.fixture(scope="session")
def pages(config: SiteConfig) -> dict[tuple[str, str], Page]:
    """Every Markdown page, keyed by (locale, path inside the language folder)."""
    parsed = {}
    for locale in config.locales:
        folder = config.docs_dir / locale
        for path in sorted(folder.rglob("*.md")):
            parsed[(locale, path.relative_to(folder).as_posix())] = read_page(path)
    return parsed


@pytest.fixture(scope="session")
def source_pages(config, pages) -> dict[str, Page]:
    return {rel: page for (locale, rel), page in pages.items() if locale == config.source_language}


@pytest.fixture(scope="session")
def built_build(tmp_path_factory) -> subprocess.CompletedProcess:
    """The strict build of the hub as it is, PDF handouts included (rendered into the
    project's cache, .cache/handouts/), every translation required unless
    HUB_REQUIRE_COMPLETE=false (to try a work in progress)."""
    site_dir = tmp_path_factory.mktemp("site")
    required = os.environ.get("HUB_REQUIRE_COMPLETE", "true")
    result = build_site(ROOT, site_dir, HUB_REQUIRE_COMPLETE=required, HUB_HANDOUTS="on")
    result.site_dir = site_dir
    return result


@pytest.fixture(scope="session")
def site(built_build) -> Path:
    if built_build.returncode != 0:
        problems = [line for line in built_build.stderr.splitlines() if not line.startswith("INFO")]
        pytest.fail("mkdocs build --strict failed:\n" + "\n".join(problems[-40:]))
    return built_build.site_dir


@pytest.fixture(scope="session")
def browser():
    """Chromium, found as `make test` finds it (scripts/chromium.py), never downloaded."""
    try:
        with launched() as chromium:
            yield chromium
    except ChromiumNotFound as problem:
        pytest.fail(str(problem), pytrace=False)
