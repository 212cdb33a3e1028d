"""Search reads the query as a reader means it: accents, case, apostrophes and
inflections optional, stop words weighing nothing, the best match first.

Material's search runs lunr in a web worker, over each language's index
(search_per_language.py). Stock, it indexes the words as written, lowercased, and
looks each query word up as a prefix, unstemmed (Material turns ``égalité`` into
``égalité*``): ``egalite`` and ``redevabilités`` find nothing, and ``de`` (a stop word,
never indexed) finds every word starting with "de".

This hook makes the worker compare folded words. It writes one worker script,
``assets/javascripts/workers/hub-search.<hash>.js``: the hub's normaliser
(search_worker.js) followed by Material's worker, unchanged, and points every page's
search at it (the ``search`` address in the page's ``__config``). The normaliser:

- folds every word indexed (a lunr pipeline function after the stop word filter:
  lower case, Unicode NFD without combining marks, œ/æ/ß spelled out, ’ ‘ ʼ as ', the
  elided word after an apostrophe, punctuation at the ends trimmed, a stop word left
  out), and every query word the same way;
- leaves out a query word that is a stop word of the index's language: the list of the
  lunr-languages script Material loads for ``config.lang`` (Snowball's lists; lunr's
  own for English), pinned with Material. No list of ours: a language added later
  brings its own. A query of stop words alone finds nothing;
- adds, for each other query word, a clause for its stem: the language's lunr stemmer
  (lunr-languages fr and es, lunr's English one) run on the folded word, after a few
  repairs that put back the accents that stemmer needs (``participacion`` →
  ``participación``). Both clauses depend only on the folded word: a query without
  accents is the same query, same pages, same order. A word or stem longer than three
  letters is matched as a prefix, as Material matches words (readers see results as
  they type); a shorter one only whole, with the index's words of the same stem
  (``men`` finds men, not MenEngage; ``red`` finds redes);
- adds, where the glossary names one idea with several words (the index's
  ``config.variants``, from data/glossary.yml's ``variants``), clauses for the other
  words: ``jovenes`` finds ``juventud``, ``youth`` finds ``young people`` (a result
  counts it when it holds every word of the other name, and only then marks them);
- ranks the results: the exact phrase (stop words included), then every meaningful
  word, then fewer; within each, the entry whose title, or else one passage, the words
  make most of, times the entry's boost (glossary terms weigh less), then lunr's score
  (tests/test_search_words.py, scripts/benchmarks/search_ranking.py);
- gives the results the words as the page writes them (``égalité``, from the marked
  text) for ``search.highlight`` to find on the opened page, and lists a missing word
  as Material does (a stop word never).

Why in the worker: Material 9 builds the lunr index in the worker from each page's
text (it reads no prebuilt index), and the query must be folded where it is run;
the language scripts Material's worker loads cannot carry it (English loads none).
One place, for every language: the index's ``config.lang``, which
search_per_language.py writes, picks the stemmer. The indexes are not touched; the
worker grows by the normaliser (about 5.7 KB gzipped, comments included) and replaces Material's, so
readers download no more files. The offline bundle's iframe-worker shim loads the
same script from disk. The price of stems matched as prefixes: a few related words
more (``genero`` also finds ``genera``), ranked below the pages with the word itself.

Material upgrades. What this relies on is checked at build time (a clear error
naming this file) or by tests/test_search_words.py, which fail loudly: one
``search.*.min.js`` worker in Material's templates, named once in each page; the
worker exposing ``self.lunr`` (lunr 2.3.9, which lunr-languages needs too), taking
its messages through ``addEventListener("message")`` and answering through
``postMessage`` with Material's message types (0 setup, 2 query, 3 result, the
custom-worker protocol of Material's documentation), results carrying ``terms`` and
``<mark>``-ed ``title``/``text``. A patch release that changes none of these needs
nothing; the browser tests over the query table say whether it still works.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from mkdocs.plugins import event_priority

from scripts.hooks.i18n_state import i18n_plugin
from scripts.hooks.theme_assets import pointed_at, theme_file, without_source_map

NORMALISER = Path(__file__).with_name("search_worker.js")
HOOK = "scripts/hooks/search_normalise.py"
WORKERS = "assets/javascripts/workers/"


def material_worker(theme_dirs) -> Path:
    """Material's search worker in the theme's folders (``search.<hash>.min.js``)."""
    return theme_file(theme_dirs, WORKERS, "search.*.min.js", HOOK)


def hub_worker(config) -> tuple[str, str]:
    """The combined worker's file name and text: the normaliser, then Material's worker."""
    material = without_source_map(material_worker(config.theme.dirs))
    text = NORMALISER.read_text(encoding="utf-8") + "\n" + material + "\n"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"hub-search.{digest}.js", text


_workers: dict[str, str] = {}  # Material's worker's file name → the hub's


def on_config(config):
    _workers.clear()
    _workers[material_worker(config.theme.dirs).name] = hub_worker(config)[0]


def on_post_page(output, page, config):
    return _pointed_at_hub_worker(output, page.file.src_uri)


def on_post_template(output_content, template_name, config):
    return _pointed_at_hub_worker(output_content, template_name)


def _pointed_at_hub_worker(html, where):
    """A page's HTML with its search worker the hub's (sitemap.xml and the like have none)."""
    [(material, hub)] = _workers.items()
    return pointed_at(html, where, WORKERS + material, WORKERS + hub, HOOK)


@event_priority(-120)  # after the languages are built
def on_post_build(config):
    if i18n_plugin(config).building:
        return  # (a language built inside mkdocs-static-i18n's loop: wait for the last one)
    name, text = hub_worker(config)
    path = Path(config.site_dir) / WORKERS / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
