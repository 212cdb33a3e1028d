"""The home page's cards: one per document of the handbook, in the reader's language.

A line ``<!-- documents -->`` in a page becomes Material's grid cards (``attr_list``
and ``md_in_html``): for each document (``extra.hub.handouts.documents``), its
``title`` linking to the page and its one-line ``summary``, both read from the page's
own front matter in the build's corpus (parsed once when the build starts,
scripts/corpus.py), so the words live in one place. Each card
carries a marker the handouts listing fills with the links to its PDFs once they
are rendered (scripts/handouts/listing.py).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from scripts.corpus import build_corpus
from scripts.handouts.listing import card_marker
from scripts.hooks.i18n_state import building_locale, default_locale

MARKER = "<!-- documents -->"


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    documents = config.extra.get("hub", {}).get("handouts", {}).get("documents") or []
    corpus = build_corpus(Path(config.config_file_path).resolve().parent)
    reader = building_locale(config)
    cards = ['<div class="grid cards hub-documents" markdown>', ""]
    for rel in documents:
        document = corpus.page(reader, rel) or corpus.page(default_locale(config), rel)
        # (not translated yet: the French page's words, as the page shows)
        source = document.path if document else corpus.page_path(default_locale(config), rel)
        meta = document.meta if document else {}
        missing = [key for key in ("title", "summary") if not meta.get(key)]
        if missing:
            raise PluginError(f"{source}: the home page's card for this document needs "
                              f"{' and '.join(f'`{key}`' for key in missing)} in its front matter; add "
                              f"{'them' if len(missing) > 1 else 'it'} (a one-line `summary` of the document).")
        cards += [f"-   [{meta['title']}]({rel}){{ .hub-documents__title }}", "",
                  f"    {meta['summary']}", "", f"    {card_marker(rel.removesuffix('.md'))}", ""]
    cards.append("</div>")
    return markdown.replace(MARKER, "\n".join(cards))
