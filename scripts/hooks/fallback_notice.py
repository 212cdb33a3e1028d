"""A page missing in a language falls back to the French page, with a notice.

The notice is in the reader's language and the French content is marked
``lang="fr"`` so screen readers pronounce it right. With
``extra.hub.require_complete_translations`` (CI sets HUB_REQUIRE_COMPLETE=true) a
fallback is a warning instead, which fails the strict build.
"""

from __future__ import annotations

import logging

from mkdocs.utils import get_relative_url

from scripts.hooks.i18n_state import building_locale, default_locale, source_locale_of
from scripts.ui_text import ui

log = logging.getLogger("mkdocs.hooks.fallback_notice")


def on_page_content(html, page, config, files):
    locale = building_locale(config)
    source = source_locale_of(page)
    if source == locale:
        return html
    missing = f"docs/{locale}/{page.file.src_uri.split('/', 1)[-1]}"
    if config.extra.get("hub", {}).get("require_complete_translations"):
        log.warning(f"{missing}: this page is missing. Translate docs/{page.file.src_uri} "
                    f"into '{locale}' (or build without HUB_REQUIRE_COMPLETE).")
        return html
    log.info(f"{missing} is missing: showing the '{source}' page with a notice.")
    about = "about/" if locale == default_locale(config) else f"{locale}/about/"
    guide = get_relative_url(about, page.url) + "#translators-guide"
    notice = (
        f'<div class="admonition warning hub-untranslated" role="note" lang="{locale}">'
        f'<p>{ui("untranslated_notice", locale)} '
        f'<a href="{guide}">{ui("help_translate", locale)}</a></p></div>'
    )
    return f'{notice}<div lang="{source}">{html}</div>'
