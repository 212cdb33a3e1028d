"""Parsed pages kept between runs, keyed by each file's content digest.

A page parsed once (scripts/pages.py) is stored under ``.cache/pages/`` of the
repository, named by the digest of its path and bytes, in a folder named by the
digest of the parser's code and the versions of the libraries it uses: an edited
page, or a change of the parser, is parsed again; anything else is read back. The
index beside the pages remembers each file's size and modification time with its
digest, so an unchanged file is not even read, and each page's outline (its heading
IDs), which the checker's own cache needs without loading the page
(scripts/check/cache.py). Never committed (.gitignore); a fresh clone or CI builds
it on its first run, and deleting ``.cache/`` is always safe.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

import markdown
import markdown_it
import mdit_py_plugins
import yaml

from scripts import pages
from scripts.pages import Page, read_page

CACHE = ".cache"
RECENT_NS = 2_000_000_000  # a file changed this recently is hashed again next time
# The parser's fingerprint, which names the folder: pages parsed by other code (or
# pickled from other classes) are never read back.
_PARSER = hashlib.sha256("\n".join([
    Path(pages.__file__).read_text(encoding="utf-8"), markdown.__version__, markdown_it.__version__,
    mdit_py_plugins.__version__, yaml.__version__, str(pickle.HIGHEST_PROTOCOL),
]).encode("utf-8")).hexdigest()[:16]


def file_digest(path: Path | str) -> str:
    """The sha256 of the file's bytes."""
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader, even another process, sees the old
    or the new content, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.replace(temporary, path)


def read_pickle(path: Path, default):
    """What ``path`` holds, or ``default`` if it is missing or unreadable (a cache is
    never worth an error: it is rebuilt)."""
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - missing, truncated or from other code: rebuild it
        return default


class Entry(NamedTuple):
    """What the index remembers of one file."""

    size: int | None  # None: changed too recently to trust its size and time
    mtime_ns: int
    digest: str
    outline: tuple | None = None  # (heading IDs, has sections), once parsed


class PageCache:
    """The parsed pages of the repository at ``root``, read back when their bytes
    did not change."""

    def __init__(self, root: Path):
        self.folder = root / CACHE / "pages" / _PARSER
        self._index_path = self.folder / "index.pickle"
        self._index: dict[str, Entry] = read_pickle(self._index_path, {})
        self._changed = False

    def digest(self, path: Path | str) -> str | None:
        """The digest of ``path``'s bytes (remembered while its size and time stay the
        same); None if it cannot be read."""
        entry = self._entry(path)
        return entry.digest if entry else None

    def outline(self, path: Path) -> tuple:
        """(heading IDs, has sections) of the page at ``path``, parsing it if needed."""
        entry = self._entry(path)
        if entry and entry.outline is None:
            self.page(path)
            entry = self._index[str(path)]
        return entry.outline if entry else ((), False)

    def page(self, path: Path) -> Page:
        """The page at ``path``, parsed or read back from the cache."""
        entry = self._entry(path)
        if entry is None:
            return read_page(path)  # unreadable: read_page says why
        name = hashlib.sha256(f"{path}\0{entry.digest}".encode()).hexdigest()
        stored = self.folder / name[:2] / f"{name}.pickle"
        page = read_pickle(stored, None)
        if not isinstance(page, Page) or page.path != path:
            page = read_page(path)
            write_atomically(stored, pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL))
        if entry.outline is None:
            self._index[str(path)] = entry._replace(outline=(tuple(page.ids), bool(page.sections)))
            self._changed = True
        return page

    def _entry(self, path: Path | str) -> Entry | None:
        key = str(path)
        try:
            status = os.stat(key)
            entry = self._index.get(key)
            if entry and entry.size is not None and (entry.size, entry.mtime_ns) == (status.st_size,
                                                                                      status.st_mtime_ns):
                return entry
            digest = file_digest(path)
        except OSError:
            return None
        # A file changed in the last seconds could change again within the clock's
        # tick, keeping its size and time: its bytes are read again next time.
        recent = time.time_ns() - status.st_mtime_ns < RECENT_NS
        outline = entry.outline if entry and entry.digest == digest else None
        self._index[key] = entry = Entry(None if recent else status.st_size, status.st_mtime_ns, digest, outline)
        self._changed = True
        return entry

    def save(self) -> None:
        """Keep what was learnt for the next run."""
        if self._changed:
            write_atomically(self._index_path, pickle.dumps(self._index, protocol=pickle.HIGHEST_PROTOCOL))
            self._changed = False


class CachedPages(Mapping):
    """Pages keyed by (locale, path inside the language folder), each parsed or read
    back from the cache the first time it is asked for."""

    def __init__(self, cache: PageCache, paths: dict[tuple[str, str], Path]):
        self.cache = cache
        self.paths = paths
        self._pages: dict[tuple[str, str], Page] = {}

    def __getitem__(self, key: tuple[str, str]) -> Page:
        page = self._pages.get(key)
        if page is None:
            page = self._pages[key] = self.cache.page(self.paths[key])
        return page

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)
