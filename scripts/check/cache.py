"""The checker's findings kept between runs: after one page changed, only that page's
findings are looked for again.

The hub is cut into page groups: a French page with its translations and their
freshness records (``docs/*/x.md``, ``translations/*/x.yml``). A group's findings
depend on its own files and on the inputs every group shares, digested together:

- the code of scripts/ (any rule's or the parser's change: everything is checked again),
- mkdocs.yml and the files of data/ (the glossary, the interface texts, …),
- the names of the files under docs/ and translations/ (a page added, renamed or
  deleted; a link to an image),
- each page's heading IDs (what a link to another page's section needs).

A run digests all that (the page cache keeps the IDs, scripts/page_cache.py), runs
every rule only on the groups whose digest changed, with the whole hub in view for
its lookups, and takes the other groups' findings from ``.cache/check/``. Findings
about other files (mkdocs.yml, data/…) come from the last run that checked every
group, which the shared digest ties to the same inputs. So a rule that reads a file
outside these must add it to GLOBAL_FILES, and a rule looks pages up with
``corpus.page()``; the tests check that a cached run finds exactly what a cold one does.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

import scripts
from scripts.check.findings import Finding
from scripts.check.run import order, run_checks
from scripts.corpus import Corpus
from scripts.page_cache import CACHE, read_pickle, write_atomically

GLOBAL_FILES = ("mkdocs.yml",)
GLOBAL_FOLDERS = ("data",)
RECORDS = "translations"


def code_digest() -> str:
    """The digest of the running checker's code: every Python file of scripts/."""
    package = Path(scripts.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(f"{path.relative_to(package)}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cached_checks(corpus: Corpus) -> list[Finding]:
    """The findings ``run_checks`` gives for the whole ``corpus`` (a lazy one:
    ``load_corpus(root, lazy=True)``), rules run only on the groups that changed."""
    store = corpus.root / CACHE / "check" / "findings.pickle"
    cache = corpus.pages.cache
    folders = _Folders(corpus)
    files = folders.files()
    groups: dict[str, list[str]] = {}
    for path in files:
        rel = folders.group_of(path)
        if rel is not None:
            groups.setdefault(rel, []).append(path)
    shared = _shared_digest(corpus, files)
    keys = {rel: _digest(shared, *(cache.digest(path) or "-" for path in paths)) for rel, paths in groups.items()}
    last = read_pickle(store, {})
    if last.get("shared") != shared:
        by_group, others = _by_group(folders, run_checks(corpus))
    else:
        changed = {rel for rel, key in keys.items() if last["groups"].get(rel, (None,))[0] != key}
        fresh, _ = _by_group(folders, run_checks(corpus.restricted(changed)) if changed else [])
        by_group = {rel: fresh.get(rel, []) if rel in changed else last["groups"][rel][1] for rel in groups}
        others = last["others"]
    cache.save()
    state = {"shared": shared, "others": others,
             "groups": {rel: (keys[rel], by_group.get(rel, [])) for rel in groups}}
    if state != last:
        write_atomically(store, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    findings = others + [finding for rel in groups for finding in by_group.get(rel, [])]
    return sorted(findings, key=order)


class _Folders:
    """The page groups' files: the pages under docs/ and the records under translations/."""

    def __init__(self, corpus: Corpus):
        self.root = corpus.root
        # (folder as files are named in it, as findings name it, the extension of its group files)
        self.folders = [(str(folder), corpus.display(folder), suffix)
                        for folder, suffix in ((corpus.config.docs_dir, ".md"), (corpus.root / RECORDS, ".yml"))]

    def files(self) -> list[str]:
        """Every file of both folders, in a stable order."""
        found = []
        for folder, _, _ in self.folders:
            for top, subfolders, names in os.walk(folder):
                subfolders.sort()
                found += [os.path.join(top, name) for name in sorted(names)]
        return found

    def group_of(self, path: str, displayed: bool = False) -> str | None:
        """The page a file is about (``path`` as a finding names it if ``displayed``):
        ``docs/es/x.md`` and ``translations/es/x.yml`` are both about ``x.md``."""
        for folder, display, suffix in self.folders:
            prefix = (display if displayed else folder) + "/"
            if path.startswith(prefix) and path.endswith(suffix):
                _, slash, rel = path[len(prefix):].partition("/")
                if slash:
                    return rel.removesuffix(suffix) + ".md"
        return None


def _by_group(folders: _Folders, findings: list[Finding]) -> tuple[dict[str, list[Finding]], list[Finding]]:
    """The findings about each group's files, and those about any other file."""
    by_group: dict[str, list[Finding]] = {}
    others = []
    for finding in findings:
        rel = folders.group_of(finding.file, displayed=True)
        if rel is None:
            others.append(finding)
        else:
            by_group.setdefault(rel, []).append(finding)
    return by_group, others


def _shared_digest(corpus: Corpus, files: list[str]) -> str:
    """The digest of what every group's findings depend on (see the module's docstring)."""
    cache = corpus.pages.cache
    shared = [os.path.join(top, name) for folder in GLOBAL_FOLDERS
              for top, _, names in sorted(os.walk(corpus.root / folder)) for name in sorted(names)]
    shared += [str(corpus.root / name) for name in GLOBAL_FILES]
    return _digest(code_digest(), *(f"{path}:{cache.digest(path) or '-'}" for path in shared), *files,
                   *(f"{path}:{cache.outline(path)}" for path in corpus.pages.paths.values()))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
