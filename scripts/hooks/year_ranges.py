"""A year range ("2021-2024", "2021-24") never breaks at its hyphen: in every page's
body (headings, the menu and drawer, the header's title), its text is wrapped in a
``<span class="hub-nowrap">`` (docs/assets/hub.css). The text itself is unchanged, so
search, copying and the handouts read the same "2021-2024". Scripts and styles are
left alone (the Content-Security-Policy hashes the inline scripts later)."""

from __future__ import annotations

import re

_RAW = re.compile(r"(<(script|style)\b.*?</\2>)", re.S | re.I)
_TEXT = re.compile(r">([^<]+)<")
_RANGE = re.compile(r"\b(\d{4}[-–]\d{2,4})\b")


def on_post_page(output, page, config):
    head, body_tag, body = output.partition("<body")
    if not body_tag:
        return output
    parts = _RAW.split(body)
    # re.split with two groups yields [text, raw, tag name, text, raw, tag name, ...]
    for index in range(0, len(parts), 3):
        parts[index] = _TEXT.sub(_wrapped, parts[index])
    return head + body_tag + "".join(part for index, part in enumerate(parts) if index % 3 != 2)


def _wrapped(match: re.Match) -> str:
    return ">" + _RANGE.sub(r'<span class="hub-nowrap">\1</span>', match.group(1)) + "<"
