"""An address online as a handout prints it."""

from __future__ import annotations

WORD_JOINER = "\u2060"  # no line break on either side of it


def printed_address(url: str) -> str:
    """``url`` as printed: without its scheme, and never broken at a hyphen (a
    reader typing it would leave the hyphen out): a line breaks only after a slash.
    Text alone, so that it can be a link's whole content."""
    return url.split("://", 1)[-1].replace("-", "-" + WORD_JOINER)
