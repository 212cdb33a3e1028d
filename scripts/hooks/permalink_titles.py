"""The heading permalinks' title ("Lien vers cette section") in the page's language.

The toc extension takes one ``permalink_title`` for the whole site; each page is
rendered with a Markdown instance made from ``mdx_configs`` after this hook, so the
title is set here, per page, from data/ui.yml.
"""

from __future__ import annotations

from scripts.hooks.i18n_state import building_locale
from scripts.ui_text import ui


def on_page_markdown(markdown, page, config, files):
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = ui("permalink_title", building_locale(config))
    return markdown
