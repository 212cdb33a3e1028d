"""Each page of the handbook says, in the reader's language, when its text last changed,
for a translation the date of the French text it follows, and how to cite it
(overrides/partials/source-file.html shows them at the foot of the page).

The dates come from git (``scripts/git_dates.py``): the last commit of the page's own
file, of the French page and of the translation's freshness record
(translations/LANG/PAGE.yml). A translation follows
the French as it stood when it was last synced: the French date is the earlier of the
French page's last change and its record's.

A file with no commit (not in git, or a new page not committed yet) has no date. In a
shallow clone (a CI checkout without ``fetch-depth: 0``), a file whose last commit is
the clone's cut-off commit may have changed earlier: its date is unknown too. A page
whose date is unknown shows none, and the build says so once.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from functools import cache
from pathlib import Path

from babel.dates import format_date
from mkdocs.plugins import get_plugin_logger

from scripts.freshness import record_path
from scripts import git_dates
from scripts.hooks.i18n_state import building_locale, default_locale, source_locale_of
from scripts.ui_text import ui

log = get_plugin_logger("page_dates")
_unknown: set[str] = set()
_head: dict[str, str] = {}  # the repository's HEAD commit, asked once per build


def on_pre_build(config):
    _unknown.clear()
    _head.clear()


def on_page_context(context, page, config, nav):
    rel = page.file.src_uri.split("/", 1)[1] if "/" in page.file.src_uri else page.file.src_uri
    if rel not in config.extra.get("hub", {}).get("handouts", {}).get("handbook", []):
        return context
    reader, source = building_locale(config), default_locale(config)
    root = Path(config.config_file_path).parent
    changed = _date(root, page.file.abs_src_path)
    facts = {}
    if changed:
        facts["changed"] = ui("page_changed", reader).format(date=_long(changed, reader))
    if source_locale_of(page) != source:
        french = [_date(root, Path(config.docs_dir) / source / rel),
                  _date(root, record_path(root, reader, rel))]
        follows = min((date for date in french if date), default=None)
        if follows:
            facts["follows"] = ui("page_follows", reader).format(date=_long(follows, reader))
    facts["cite_label"] = ui("cite_label", reader)
    title = ui("cite_title", reader).format(title=page.meta.get("title", page.title))
    facts["citation"] = ", ".join(
        [ui("organisation", reader), title] + [_long(changed, reader)] * bool(changed)) + "."
    facts["url"] = page.canonical_url
    page.meta["hub_facts"] = facts
    return context


def on_post_build(config):
    if _unknown:
        log.info("No date from git for %d file(s) (%s): they are not committed, or this is a "
                 "shallow clone whose history stops before their last change (run "
                 "`git fetch --unshallow`; CI checks out with `fetch-depth: 0`). Their pages "
                 "show no date.", len(_unknown), ", ".join(sorted(_unknown)[:3]) + (" …" if len(_unknown) > 3 else ""))


def _date(root: Path, path) -> dt.date | None:
    """The UTC date of the last commit that changed ``path``; None when git does not know it."""
    if str(root) not in _head:
        _head[str(root)] = git_dates.head(root)
    commit, timestamp = git_dates.last_commit(root, _head[str(root)], path)
    if not commit or commit in _shallow_cut_off(str(root)):
        _unknown.add(Path(path).relative_to(root).as_posix())
        return None
    return dt.datetime.fromtimestamp(int(timestamp), dt.timezone.utc).date()


@cache
def _shallow_cut_off(root: str) -> frozenset[str]:
    """The commits at which a shallow clone's history stops (none in a full clone)."""
    try:
        found = subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-path", "shallow"],
                               cwd=root, capture_output=True, text=True, check=False)
    except OSError:
        return frozenset()
    shallow = Path(found.stdout.strip())
    return frozenset(shallow.read_text().split()) if found.returncode == 0 and shallow.is_file() else frozenset()


def _long(date: dt.date, locale: str) -> str:
    return format_date(date, "long", locale=locale)
