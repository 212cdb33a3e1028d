"""Each translated section keeps the French section's blocks, images and links."""

from __future__ import annotations

from collections.abc import Iterator

from scripts.check.findings import ERROR, Finding, aligned_sections, describe, found
from scripts.corpus import Corpus
from scripts.pages import BLOCK_KINDS, Section

NAMES = {"paragraph": "paragraphs", "list_item": "list items", "blockquote": "quotes",
         "admonition": "admonitions", "table_row": "table rows", "image": "images", "link": "links"}


def counts(section: Section) -> dict[str, int]:
    """How many of each block kind, image and link the section holds."""
    result = {kind: section.blocks.get(kind, 0) for kind in BLOCK_KINDS}
    result["image"] = sum(link.is_image for link in section.links)
    result["link"] = sum(not link.is_image for link in section.links)
    return result


def check(corpus: Corpus) -> Iterator[Finding]:
    for pair in aligned_sections(corpus):
        ours, theirs = counts(pair.source), counts(pair.section)
        differences = [f"{theirs[k]} {NAMES[k]} (French: {ours[k]})" for k in ours if ours[k] != theirs[k]]
        if differences:
            yield found(corpus, "block-count", ERROR, pair.page.path, pair.section.line,
                        f"{describe(pair.section)} has {', '.join(differences)}.",
                        "Translate the French section block for block: one paragraph, list item, "
                        "quote, row, image and link for each French one.",
                        source=(pair.source_page.path, pair.source.line), section=pair.source.key)
