"""A year range ("2021-2024", "2021-24") never breaks at its hyphen: in every page's
body (headings, the menu and drawer, the header's title), its text is wrapped in a
``<span class="hub-nowrap">`` (docs/assets/hub.css). The text itself is unchanged, so
search, copying and the handouts read the same "2021-2024". Scripts and styles are
left alone (the Content-Security-Policy hashes the inline scripts later)."""

from __future__ import annotations

import re

_RAW = re.compile(r"(<(script|style)\b.*?</\2>)", re.S | re.I)
# A range in text: the next angle bracket after it opens a tag (inside a tag, an
# attribute's value, the next one closes it). One pass, with no call per text node.
_RANGE_IN_TEXT = re.compile(r"\b(\d{4}[-–]\d{2,4})\b(?=[^<>]*<)")
_WRAPPED = r'<span class="hub-nowrap">\1</span>'


def on_post_page(output, page, config):
    head, body_tag, body = output.partition("<body")
    if not body_tag:
        return output
    parts = _RAW.split(body)
    # re.split with two groups yields [text, raw, tag name, text, raw, tag name, ...]
    for index in range(0, len(parts), 3):
        parts[index] = _RANGE_IN_TEXT.sub(_WRAPPED, parts[index])
    return head + body_tag + "".join(part for index, part in enumerate(parts) if index % 3 != 2)
