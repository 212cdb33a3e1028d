"""A page missing in a language (or still marked ``untranslated: true``) shows the
French page, with a notice.

The notice is in the reader's language, naming it and the language shown instead
(data/ui.yml's text, with the languages' names from Babel), and the French content is marked
``lang="fr"`` so screen readers pronounce it right. In a language that must be complete
(``extra.hub.complete_languages`` in mkdocs.yml) a fallback is a warning instead, which
fails the strict build.
"""

from __future__ import annotations

import logging

from babel import Locale
from mkdocs.utils import get_relative_url

from scripts.hooks.i18n_state import building_locale, default_locale, source_locale_of
from scripts.site_urls import page_url
from scripts.ui_text import ui

log = logging.getLogger("mkdocs.hooks.fallback_notice")


def on_page_content(html, page, config, files):
    locale = building_locale(config)
    source = source_locale_of(page)
    scaffolded = page.meta.get("untranslated") is True  # `translations new` marks them
    if source == locale and not scaffolded:
        return html
    source = default_locale(config) if scaffolded else source
    missing = f"docs/{locale}/{page.file.src_uri.split('/', 1)[-1]}"
    state = "not translated yet (untranslated: true)" if scaffolded else "missing"
    if locale in (config.extra.get("hub", {}).get("complete_languages") or []):
        log.warning(f"{missing}: this page is {state}, and '{locale}' must be complete "
                    f"(extra.hub.complete_languages in mkdocs.yml). Translate "
                    f"docs/{source}/{missing.split('/', 2)[-1]} into '{locale}'.")
        return html
    log.info(f"{missing} is {state}: showing the '{source}' page with a notice.")
    contributing = page_url(locale, "contributing.md", default_locale(config), config.use_directory_urls)
    guide = get_relative_url(contributing, page.url) + "#contributing"
    names = Locale.parse(locale).languages
    text = ui("untranslated_notice", locale).format(language=names[locale], source=names[source])
    notice = (
        f'<div class="admonition warning hub-untranslated" role="note" lang="{locale}">'
        f'<p>{text} '
        f'<a href="{guide}">{ui("help_translate", locale)}</a></p></div>'
    )
    return f'{notice}<div lang="{source}">{html}</div>'
