"""A year range ("2021-2024", "2021-24") never breaks at its hyphen: in every page's
body (headings, the menu and drawer, the header's title), its text is wrapped in a
``<span class="hub-nowrap">`` (docs/assets/hub.css). The text itself is unchanged, so
search, copying and the handouts read the same "2021-2024". Scripts and styles are
left alone (the Content-Security-Policy hashes the inline scripts later)."""

from __future__ import annotations

import re
from functools import lru_cache

_RAW = re.compile(r"(<(script|style)\b.*?</\2>)", re.S | re.I)
# Four digits, a hyphen or dash, two to four digits (where none other starts with a
# word boundary: the regex engine scans such a pattern several times faster).
_RANGE = re.compile(r"\d\d\d\d[-–]\d\d\d?\d?")
_WORD = re.compile(r"\w")


# The menu, the same on every page, is most of a page once a hub has many pages: each
# page is cut after every list item's end, and each piece is searched once while the
# hooks are loaded (a build; each rebuild under `mkdocs serve`).
_ITEM_END = "</li>"


def on_post_page(output, page, config):
    head, body_tag, body = output.partition("<body")
    if not body_tag:
        return output
    parts = _RAW.split(body)
    # re.split with two groups yields [text, raw, tag name, text, raw, tag name, ...]
    for index in range(0, len(parts), 3):
        pieces = parts[index].split(_ITEM_END)
        parts[index] = _ITEM_END.join([*map(_piece_wrapped, pieces[:-1]), _RANGE.sub(_wrapped, pieces[-1])])
    return head + body_tag + "".join(part for index, part in enumerate(parts) if index % 3 != 2)


@lru_cache(maxsize=1 << 16)
def _piece_wrapped(piece: str) -> str:
    """A piece of text that a list item's end follows, its ranges wrapped as in the whole
    text: what decides (the character before a range, the first angle bracket after
    it) is the same in the piece, which starts after a ``>`` or at a raw element's end
    and ends with the list item's end."""
    return _RANGE.sub(_wrapped, piece + _ITEM_END)[: -len(_ITEM_END)]


def _wrapped(match: re.Match) -> str:
    """The range wrapped if it is a whole range in text (between words, and the next
    angle bracket after it opens a tag: in a tag, an attribute's value, it closes it)."""
    text, start, end = match.string, match.start(), match.end()
    whole = not (start and _WORD.match(text, start - 1)) and not _WORD.match(text, end)
    opening, closing = text.find("<", end), text.find(">", end)
    in_text = opening >= 0 and (closing < 0 or opening < closing)
    return f'<span class="hub-nowrap">{match.group()}</span>' if whole and in_text else match.group()
