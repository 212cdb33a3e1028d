"""Shared fixtures: the site configuration, every page parsed once, and built sites
(each built once per test run, however many pytest-xdist workers share it)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from filelock import FileLock

from scripts.chromium import ChromiumNotFound, launched
from scripts.offline_bundle import TOP_FOLDER
from scripts.pages import Page, read_page
from scripts.site_build import mkdocs_build
from scripts.site_config import ROOT, SiteConfig, load_site_config

PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "scripts", "data", "translations")


def page_folder(rel: str) -> str:
    """Where a page is built, relative to its language root (``code-of-conduct/``)."""
    return "" if rel == "index.md" else rel.removesuffix(".md") + "/"


def build_site(project: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """Run a strict `mkdocs build` of ``project`` into ``site_dir``, without PDF
    handouts unless ``HUB_HANDOUTS`` says otherwise."""
    return mkdocs_build(project, site_dir, **{"HUB_HANDOUTS": "off", **env})


# Reports each Content-Security-Policy violation of a page as a console error.
CSP_VIOLATIONS = ("document.addEventListener('securitypolicyviolation', e => console.error("
                  "`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`))")


class Watch:
    """What a browser page did wrong while a test used it: console errors (Content-
    Security-Policy violations included), uncaught exceptions, HTTP responses other
    than 200 and 304, and requests to anywhere but ``origin`` (the test server's
    address, or ``file:`` for pages opened from disk)."""

    def __init__(self, page, origin: str):
        self.problems: list[str] = []
        page.add_init_script(CSP_VIOLATIONS)
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        page.on("request", lambda r: None if r.url.startswith((origin, "data:", "blob:"))
                else self.problems.append(f"request to another host: {r.url}"))
        page.on("response", lambda r: None if r.status in (200, 304) or not r.url.startswith("http")
                else self.problems.append(f"HTTP {r.status}: {r.url}"))


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


def git(root: Path, *arguments: str) -> str:
    """``git ARGUMENTS`` in the repository at ``root`` (an author of its own), its output."""
    environment = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                   "GIT_COMMITTER_EMAIL": "t@t", "PATH": "/usr/bin:/bin"}
    return subprocess.run(["git", *arguments], cwd=root, env=environment, capture_output=True, text=True,
                          check=True).stdout


def set_complete_languages(project: Path, *locales: str) -> None:
    """Make ``locales`` the languages of ``project`` that must be complete (mkdocs.yml)."""
    path = project / "mkdocs.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if line.lstrip().startswith("complete_languages:"))
    indent = lines[number][: len(lines[number]) - len(lines[number].lstrip())]
    lines[number] = f"{indent}complete_languages: [{', '.join(locales)}]\n"
    path.write_text("".join(lines), encoding="utf-8")


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


def built_once(tmp_path_factory, name: str, make) -> tuple[Path, subprocess.CompletedProcess]:
    """``make(folder)`` (a command's CompletedProcess), run once per test run into a
    folder named ``name`` that every pytest-xdist worker shares: the first worker to ask
    runs it under a file lock, the others wait for it and read its outcome (a failed
    build fails their tests alike, with its log)."""
    shared = tmp_path_factory.getbasetemp()
    if shared.name == f"popen-{os.environ.get('PYTEST_XDIST_WORKER')}":
        shared = shared.parent  # the run's folder, above each worker's own
    folder, record = shared / name, shared / f"{name}.json"
    with FileLock(shared / f"{name}.lock"):
        if not record.exists():
            result = make(folder)
            record.write_text(json.dumps({"args": result.args, "returncode": result.returncode,
                                          "stdout": result.stdout, "stderr": result.stderr}), "utf-8")
    return folder, subprocess.CompletedProcess(**json.loads(record.read_text("utf-8")))


@pytest.fixture(scope="session")
def built_build(tmp_path_factory) -> subprocess.CompletedProcess:
    """The strict build of the hub as it is, PDF handouts included (rendered into the
    project's cache, .cache/handouts/), the languages of extra.hub.complete_languages
    required complete. Built once per test run."""
    site_dir, result = built_once(tmp_path_factory, "site", lambda folder: build_site(
        ROOT, folder, HUB_HANDOUTS="on"))
    result.site_dir = site_dir
    return result


@pytest.fixture(scope="session")
def site(built_build) -> Path:
    if built_build.returncode != 0:
        problems = [line for line in built_build.stderr.splitlines() if not line.startswith("INFO")]
        pytest.fail("mkdocs build --strict failed:\n" + "\n".join(problems[-40:]))
    return built_build.site_dir


@pytest.fixture(scope="session")
def bundle_run(site, tmp_path_factory) -> subprocess.CompletedProcess:
    """``python -m scripts.offline_bundle``, once. It runs after the ``site`` fixture
    has rendered every handout into the cache, so it renders none (HUB_HANDOUTS=cached)."""
    work, result = built_once(tmp_path_factory, "offline", lambda folder: subprocess.run(
        [sys.executable, "-m", "scripts.offline_bundle", "--site-dir", str(folder / "site"),
         "--zip", str(folder / "bundle.zip")],
        cwd=ROOT, env={**os.environ, "HUB_HANDOUTS": "cached"}, capture_output=True, text=True, check=False))
    zip_path = work / "bundle.zip"
    if result.returncode != 0:
        problems = [line for line in result.stderr.splitlines() if not line.startswith("INFO")]
        pytest.fail("make offline failed:\n" + "\n".join(problems[-40:]))
    result.zip_path = zip_path
    return result


@pytest.fixture(scope="session")
def bundle(bundle_run, tmp_path_factory) -> Path:
    """The offline bundle's zip, unzipped: its top folder."""
    unzipped = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(bundle_run.zip_path) as archive:
        archive.extractall(unzipped)
    return unzipped / TOP_FOLDER


@pytest.fixture(scope="session")
def browser():
    """Chromium, found as `make test` finds it (scripts/chromium.py), never downloaded."""
    try:
        with launched() as chromium:
            yield chromium
    except ChromiumNotFound as problem:
        pytest.fail(str(problem), pytrace=False)


# Fixtures too costly to make on every worker: the tests that use one run on the same
# worker (`make test` runs pytest-xdist with --dist loadgroup). They are session-scoped,
# so that the worker makes each once even when other modules' tests come in between (a
# module fixture is made again then: 20 to 25 s each time).
COSTLY_MODULE_FIXTURES = ("composed", "laid_out", "weights")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups (--dist loadgroup)
def pytest_collection_modifyitems(items):
    for item in items:
        costly = [name for name in COSTLY_MODULE_FIXTURES if name in item.fixturenames]
        if costly:
            item.add_marker(pytest.mark.xdist_group(f"{item.module.__name__}:{costly[0]}"))
