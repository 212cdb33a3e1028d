"""Search loaded the first time a reader uses it, not with every page.

Stock, Material's bundle starts search's worker (lunr and the hub's normaliser) and
downloads the language's index as soon as a page opens, a third of what a first visit
downloads. This hook writes ``assets/javascripts/hub-bundle.<hash>.js``: Material's
bundle with three changes, each checked to apply exactly once (else the build stops,
naming this file), and points every page at it:

- the index is requested when search opens (the reader focuses the search box, taps
  its icon or presses ``/``, ``s`` or ``f``: each opens Material's ``search`` toggle),
  online as Material already does from ``file://`` (the offline bundle);
- the worker is started by the first message it is sent, the index, so it and the
  language scripts it loads (lunr-languages) come with the index, not before;
- a page opened from a search result (``?h=`` in its address) gets the index at once,
  to highlight the words searched for, as before; any other page does not.

Nothing else changes: the same worker, index and results, from file:// too (the
iframe-worker shim, which replaces ``Worker``, is picked up when the worker starts),
and the scripts stay files of the site (Content-Security-Policy ``script-src 'self'``).
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

from scripts.hooks.theme_assets import hashed_name, replacing_hook, theme_file, without_source_map

HOOK = "scripts/hooks/search_on_first_use.py"
SCRIPTS = "assets/javascripts/"
# A stand-in for the search worker, started by its first message (ES5, no globals).
LAZY_WORKER = (
    "var HubSearchWorker=function(url,options){var worker=null,waiting=[];"
    "this.addEventListener=function(type,listener,how){worker?worker.addEventListener(type,listener,how)"
    ":waiting.push([type,listener,how])};"
    "this.removeEventListener=function(type,listener,how){worker?worker.removeEventListener(type,listener,how)"
    ":waiting=waiting.filter(function(entry){return entry[0]!==type||entry[1]!==listener})};"
    "this.postMessage=function(message,transfer){if(!worker){worker=new Worker(url,options);"
    "waiting.forEach(function(entry){worker.addEventListener(entry[0],entry[1],entry[2])})}"
    "worker.postMessage(message,transfer||[])};"
    "this.terminate=function(){worker&&worker.terminate()}};"
)
STRICT = '"use strict";'
# (what Material's bundle says, what the hub's says instead, why): each must match once.
CHANGES = (
    (re.compile(re.escape('(location.protocol!=="file:")')), "(!1)",
     "the index requested when search opens, online too"),
    (re.compile(r"new Worker\("), "new HubSearchWorker(",
     "the worker started by its first message"),
    (re.compile(r'(\w+\("search\.highlight"\))\?'), r'\1&&/[?&]h=/.test(location.search)?',
     "the index for highlighting only on a page opened from a result"),
)


def hub_bundle(config) -> tuple[str, str, str]:
    """Material's bundle's path in the site, then the hub's and its text."""
    material = theme_file(config.theme.dirs, SCRIPTS, "bundle.*.min.js", HOOK)
    text = without_source_map(material)
    if not text.startswith(STRICT):
        raise PluginError(f"{HOOK}: {material.name} no longer starts with {STRICT}; update this hook.")
    for pattern, replacement, why in CHANGES:
        text, count = pattern.subn(replacement, text)
        if count != 1:
            raise PluginError(
                f"{HOOK}: {material.name} matched {count} times, not once, where the hub changes it "
                f"({why}: {pattern.pattern}). Material changed how it loads search: update this "
                f"hook (see its docstring) or pin the Material version.")
    text = STRICT + LAZY_WORKER + text.removeprefix(STRICT) + "\n"
    return SCRIPTS + material.name, SCRIPTS + hashed_name("hub-bundle", text, "js"), text


on_config, on_post_page, on_post_template, on_post_build = replacing_hook(HOOK, hub_bundle)
