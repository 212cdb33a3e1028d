"""Search answers in the reader's language only.

mkdocs-static-i18n merges every language into one ``search/search_index.json``.
After the build, this hook splits it into one index per language
(``search/`` for French, ``en/search/``, ``es/search/``), each with its own lunr
stemmer, and points each page's search at its language's index by setting the
``base`` Material's search reads to the language root. A reader also downloads
a third of the index. In the offline bundle, which reads each index as a script
(``search_index.js``, as Material's offline plugin writes for one merged index),
each language gets its own script too.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from scripts.hooks.i18n_state import (all_locales, building_locale, default_locale, language_root,
                                      offline_enabled)

INDEX = Path("search") / "search_index.json"


def on_page_context(context, page, config, nav):
    root = language_root(building_locale(config), default_locale(config))
    if root:
        context["base_url"] = get_relative_url(root, page.url)
    return context


@event_priority(-110)  # after mkdocs-static-i18n (-100) has written the merged index
def on_post_build(config):
    merged_path = Path(config.site_dir) / INDEX
    if not merged_path.exists():
        return
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    default = default_locale(config)
    others = [loc for loc in all_locales(config) if loc != default]
    per_language = {loc: [] for loc in all_locales(config)}
    for entry in merged["docs"]:
        locale = next((loc for loc in others if entry["location"].startswith(f"{loc}/")), default)
        entry = dict(entry, location=entry["location"][len(language_root(locale, default)):])
        per_language[locale].append(entry)
    for locale, docs in per_language.items():
        index = {**merged, "config": {**merged["config"], "lang": [locale]}, "docs": docs}
        path = Path(config.site_dir) / language_root(locale, default) / INDEX
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        path.write_text(text, encoding="utf-8")
        if offline_enabled(config):
            path.with_suffix(".js").write_text(f"var __index = {text}", encoding="utf-8")
