"""A Content-Security-Policy on every built page (a ``<meta>`` tag: static hosts such
as GitHub Pages cannot send the header).

The policy lets a page load only from the site itself: its scripts are the site's
files and the inline scripts the build wrote into that very page, each allowed by
its SHA-256 hash, which this hook computes from the written page (Material's, the
language switcher's in overrides/main.html, the 404 page's). Nothing else runs: no
``eval``, no other inline script or ``on…=`` attribute, no plugin (``object-src
'none'``), no ``<base>`` pointing elsewhere (``base-uri 'self'``), no other host.
Styles may be inline (Material sets some from its scripts); images may be ``data:``
URIs (Material's icons).

In the offline bundle, search runs in the iframe-worker shim's frame, which inherits
the policy: the shim's one inline script there is allowed by its hash too.

Written in the last pass over the pages (page_finish.py), after everything else changed
them (every language, the 404 pages, the handouts' links). `mkdocs serve` leaves it
out: its live reload is an inline script.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError

from scripts.hooks.offline import SHIM_FOLDER, VENDORED

POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self' {hashes}"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
HEAD = "<head>"


def with_policy(html: str, path: Path) -> str:
    """``html`` with its policy as the first element of its head."""
    if HEAD not in html:
        raise PluginError(f"{path}: no <head> to put the Content-Security-Policy in.")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html.replace(HEAD, HEAD + meta, 1)


def policy(html: str) -> str:
    """The policy of one page, allowing exactly its inline scripts."""
    hashes = " ".join(f"'{script_hash(text)}'" for text in dict.fromkeys(inline_scripts(html)))
    return "; ".join(f"{name} {value.format(hashes=hashes)}".strip() for name, value in POLICY)


@functools.lru_cache(maxsize=4096)  # a site's pages share a few scripts: each hashed once
def script_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


# The page's comments and <script> elements, in order: a script's text runs to the first
# `</script>` (HTML's raw text), a comment hides what it holds. Only these few tags are
# looked at, instead of parsing the whole page.
_SCRIPTS_AND_COMMENTS = re.compile(
    r"<!--.*?-->|<script(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>(.*?)</\s*script\s*>",
    re.DOTALL | re.IGNORECASE)


class _StartTag(HTMLParser):
    """The attributes of one start tag, unescaped as html.parser does (a bare
    attribute's value is empty; of a repeated one, the last)."""

    def __init__(self, tag: str):
        super().__init__(convert_charrefs=True)
        self.attributes: dict[str, str] = {}
        self.feed(tag)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.attributes = {name: value or "" for name, value in attrs}


def script_elements(html: str) -> Iterator[tuple[dict[str, str], str]]:
    """(attributes, text) of each ``<script>`` of ``html`` outside comments."""
    for match in _SCRIPTS_AND_COMMENTS.finditer(html):
        if match.group(1) is not None:
            yield _StartTag(f"<script{match.group(1)}>").attributes, match.group(2)


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script the page runs: its own, and the one the
    iframe-worker shim (offline bundle) writes into its frame."""
    elements = list(script_elements(html))
    scripts = [text for attributes, text in elements if "src" not in attributes
               and attributes.get("type", "text/javascript") in ("text/javascript", "module")]
    if any(SHIM_FOLDER in attributes.get("src", "") for attributes, _ in elements):
        config = next(text for attributes, text in elements if attributes.get("id") == "__config")
        scripts.append(shim_frame_script(json.loads(config)["search"]))
    return scripts


@functools.cache
def shim_frame_script(worker_url: str) -> str:
    """The inline script the vendored iframe-worker shim writes into the frame that
    runs ``worker_url``: its template, filled as the shim fills it (the source text
    of its functions ``c`` and ``d``, and the worker's address as the page gives it)."""
    shim = (VENDORED / "shim.js").read_text(encoding="utf-8")
    start = shim.index("<script>") + len("<script>")
    template = shim[start: shim.index("<\\/script>", start)]
    functions = {name: _function_source(shim, name) for name in ("c", "d")}
    return (template.replace("${c}", functions["c"]).replace("${d}", functions["d"])
            .replace("${e}", worker_url))


def _function_source(shim: str, name: str) -> str:
    """The source text of the shim's top-level ``function NAME(…){…}``, as
    Function.prototype.toString gives it (braces balanced; the shim's bodies hold no
    brace inside a string)."""
    start = shim.index(f"function {name}(")
    depth, index = 0, shim.index("{", start)
    while True:
        depth += {"{": 1, "}": -1}.get(shim[index], 0)
        if depth == 0:
            return shim[start: index + 1]
        index += 1
