"""Translation freshness at build time.

- A translated page whose French sections changed since it was synced starts with a
  notice in the reader's language, linking to each changed section of the French page
  and to each French section added since (to translate).
- A line ``<!-- translation-status -->`` (docs/*/translation-status.md) becomes a
  table per translation: each page (a link to it in that language), its sections up to
  date, those to update.

Both read one status per language, worked out once per build from one corpus.
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale
from babel.numbers import format_percent
from mkdocs.utils import get_relative_url

from scripts.corpus import Corpus, build_corpus
from scripts.freshness import LanguageStatus, language_status
from scripts.hooks.i18n_state import all_locales, building_locale, default_locale, source_locale_of
from scripts.site_urls import page_url
from scripts.ui_text import ui

MARKER = "<!-- translation-status -->"

_build: dict = {}  # this build's statuses; emptied when a build starts


def on_config(config):
    _build.clear()


def _corpus(config) -> Corpus:
    return build_corpus(Path(config.config_file_path).resolve().parent)


def _status(config, locale: str) -> LanguageStatus:
    if locale not in _build:
        _build[locale] = language_status(_corpus(config), locale)
    return _build[locale]


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    corpus = _corpus(config)
    reader = building_locale(config)
    tables = []
    for locale in all_locales(config):
        if locale == corpus.source_language:
            continue
        status = _status(config, locale)
        own = next(lang.name for lang in corpus.config.languages if lang.locale == locale)
        name = Locale.parse(reader).languages.get(locale, own).capitalize()  # in the reader's language
        percent = format_percent(status.percent / 100, locale=reader)
        tables += [f"## {name} {{#status-{locale}}}", "",
                   f"**{percent}** {ui('status_up_to_date', reader)}", "",
                   f"| {ui('status_page', reader)} | {ui('status_sections', reader)} "
                   f"| {ui('status_to_update', reader)} |", "| --- | --- | --- |"]
        for item in status.pages:
            shown = corpus.page(reader, item.rel) or corpus.page(corpus.source_language, item.rel)
            title = shown.meta.get("title", item.rel) if shown else item.rel
            if item.missing:
                to_update = ui("status_missing", reader)
            else:
                keys = [state.key for state, _ in item.outdated] + [s.key for s in item.unrecorded + item.to_translate]
                to_update = ", ".join(f"`#{key}`" for key in keys) or ui("status_none", reader)
            target = page_url(locale, item.rel, corpus.source_language, config.use_directory_urls)
            link = f'<a href="{get_relative_url(target, page.url)}" hreflang="{locale}">{title}</a>'
            tables.append(f"| {link} | {item.current} / {item.total} | {to_update} |")
        tables.append("")
    return markdown.replace(MARKER, "\n".join(tables))


def on_page_content(html, page, config, files):
    locale = building_locale(config)
    source_locale = default_locale(config)
    if locale == source_locale or source_locale_of(page) != locale:
        return html
    rel = page.file.src_uri.split("/", 1)[-1]
    status = _status(config, locale).page(rel)
    outdated = [state for state, _ in status.outdated] if status else []
    new = status.to_translate if status else []  # French sections not translated yet
    if not outdated and not new:
        return html
    french_url = page.url.removeprefix(f"{locale}/")
    base = get_relative_url(french_url, page.url)
    items = "".join(
        f'<li><a href="{base}{"#" + state.key if state.source.id else ""}" hreflang="{source_locale}">'
        f'{(state.translation.title or page.title)}</a></li>' for state in outdated)
    items += "".join(f'<li><a href="{base}#{state.key}" hreflang="{source_locale}" lang="{source_locale}">'
                     f'{state.source.title}</a></li>' for state in new)
    notice = (f'<div class="admonition info hub-outdated" role="note">'
              f'<p>{ui("outdated_notice", locale)}</p><ul>{items}</ul></div>')
    return notice + html
