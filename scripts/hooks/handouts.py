"""PDF handouts as part of the build (scripts/handouts/).

Each document page gets a marker under its title, replaced after the build by its
download links. Once every language is built, the handouts are composed from the
built pages, rendered (or taken from the cache) into site/handouts/, and listed.
HUB_HANDOUTS=on (default), cached or off: see scripts/handouts/build.py.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from bs4 import BeautifulSoup, Comment
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from scripts.handouts.build import build_handouts, public_site_url
from scripts.handouts.errors import HandoutError
from scripts.handouts.listing import DOWNLOAD_MARKER
from scripts.hooks.i18n_state import i18n_plugin

log = logging.getLogger("mkdocs.hooks.handouts")


def on_page_content(html, page, config, files):
    documents = config.extra.get("hub", {}).get("handouts", {}).get("documents") or []
    if page.file.src_uri.split("/", 1)[-1] not in documents:
        return html
    soup = BeautifulSoup(html, "html.parser")
    title = soup.find("h1")
    if title is None:
        return html
    title.insert_after(Comment(DOWNLOAD_MARKER.removeprefix("<!--").removesuffix("-->")))
    return str(soup)


@event_priority(-120)  # after mkdocs-static-i18n (-100) and the hooks that finish its pages
def on_post_build(config):
    if i18n_plugin(config).building:
        return  # a language built inside mkdocs-static-i18n's loop: wait for the last one
    root = Path(config.config_file_path).parent
    mode = os.environ.get("HUB_HANDOUTS", "on")
    try:
        outcome = build_handouts(root, Path(config.site_dir), public_site_url(root), mode, log.info,
                                 directory_urls=config.use_directory_urls)
    except HandoutError as error:
        raise PluginError(f"Handouts: {error}") from None
    for warning in outcome.warnings if outcome else []:
        log.warning(f"{warning} (WeasyPrint)")
