"""A 404 page in each language.

Every language build renders ``404.html`` to the same place, so only the last one
would survive. This hook keeps each rendering and writes it to the language's
folder (``404.html``, ``en/404.html``, ``es/404.html``). A static host serves the
root one for any missing address; its script (overrides/404.html) sends a reader
whose address is under /en/ or /es/ to that language's 404 page. On each 404 page
the language switcher leads to each language's home page (the page has no
translation of its own for mkdocs-static-i18n to offer). Its links start at the site's
path (``/knowledge-hub/``, from ``site_url``), so they work at any depth.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from scripts.hooks.i18n_state import (all_locales, building_locale, default_locale, i18n_plugin,
                                      language_root)
from scripts.ui_text import ui_text

_rendered: dict[str, str] = {}


def on_pre_build(config):
    if building_locale(config) == default_locale(config):
        _rendered.clear()


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        # mkdocs-static-i18n leaves the switcher of the last page built; offer the homes.
        default = default_locale(config)
        config.extra.alternate = [
            {"name": language.name, "lang": language.locale,
             "link": language_root(language.locale, default) or "./"}
            for language in i18n_plugin(config).config.languages if language.build]
    return context


def on_post_template(output_content, template_name, config):
    if template_name == "404.html":
        _rendered[building_locale(config)] = output_content
    return output_content


@event_priority(-110)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config):
    default = default_locale(config)
    for locale, html in _rendered.items():
        path = Path(config.site_dir) / language_root(locale, default) / "404.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")


def on_env(env, config, files):
    """Give templates the interface text and the languages the 404 page needs."""
    default = default_locale(config)
    env.globals["hub_ui"] = ui_text()
    env.globals["hub_default_locale"] = default
    env.globals["hub_other_locales"] = [loc for loc in all_locales(config) if loc != default]
    return env
