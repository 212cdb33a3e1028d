"""The offline bundle (HUB_OFFLINE=true; scripts/offline_bundle.py): Material's
``offline`` plugin, with nothing fetched from a CDN and search in every language.

Material's plugin gives pages file addresses (``code-of-conduct.html``), writes one
``search/search_index.js`` from the merged index and loads the iframe-worker shim,
which runs search's worker from file://, from unpkg.com. When it is on, this hook:

- loads the shim from the copy in scripts/vendor/iframe-worker/ (npm package
  iframe-worker 1.0.4, MIT), written with its license to assets/vendor/iframe-worker/;
- (each language's ``search_index.js`` is written by search_per_language.py, with its index);
- leaves out the 404 pages, which only a web server shows (their links start at the
  server's root).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.plugins import event_priority

from scripts.hooks.i18n_state import i18n_plugin, offline_enabled

VENDORED = Path(__file__).resolve().parent.parent / "vendor" / "iframe-worker"
SHIM_FOLDER = "assets/vendor/iframe-worker/"


@event_priority(-50)  # after Material's offline plugin (0) has added the shim from unpkg.com
def on_config(config):
    if not offline_enabled(config):
        return
    config.extra["polyfills"] = [SHIM_FOLDER + "shim.js" if "iframe-worker" in url else url
                                 for url in config.extra["polyfills"]]
    config.theme.static_templates.discard("404.html")


def on_post_build(config):
    if not offline_enabled(config) or i18n_plugin(config).building:
        return  # (a language built inside mkdocs-static-i18n's loop: wait for the last one)
    shutil.copytree(VENDORED, Path(config.site_dir) / SHIM_FOLDER, dirs_exist_ok=True)
