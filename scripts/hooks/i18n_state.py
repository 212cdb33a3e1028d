"""What the hooks need to know about the build: the language mkdocs-static-i18n is
building, the languages, whether this is the offline bundle or `mkdocs serve`."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


def i18n_plugin(config: MkDocsConfig):
    return config.plugins["i18n"]


def building_locale(config: MkDocsConfig) -> str:
    """The locale of the language build in progress."""
    return i18n_plugin(config).current_language


def default_locale(config: MkDocsConfig) -> str:
    return i18n_plugin(config).default_language


def all_locales(config: MkDocsConfig) -> list[str]:
    """The locales built (a scaffolded language has ``build: false`` until translated)."""
    return [language.locale for language in i18n_plugin(config).config.languages if language.build]


def source_locale_of(page: Page) -> str:
    """The locale of the Markdown file a page was built from (the French one on fallback)."""
    return getattr(page.file, "locale", None) or page.file.src_uri.split("/", 1)[0]


def language_root(locale: str, default: str) -> str:
    """The site-relative folder of a language ("" for the default one)."""
    return "" if locale == default else f"{locale}/"


def offline_enabled(config: MkDocsConfig) -> bool:
    """Whether Material's offline plugin is on: the offline bundle (HUB_OFFLINE=true)."""
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


# The command that started MkDocs, kept here because `mkdocs serve` reloads the hooks
# (not this module) at each rebuild, and tells only the first load (on_startup).
_command = ["build"]


def started_by(command: str) -> None:
    _command[0] = command


def serving() -> bool:
    """Whether this is `mkdocs serve`, which injects its live-reload script into pages."""
    return _command[0] == "serve"
