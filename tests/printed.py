"""What a printed handout's pages hold, measured in the PDF (pymupdf): where each mark
is, how far it lies from the paper's edges, and how full each page is. Shared by the
tests and by `python -m tests.printed SITE_DIR` (a table of every handout's pages)."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pymupdf

MM = 72 / 25.4  # PDF points in a millimetre
FEW_LINES = 0.2  # of the text area: a last page holding less holds only a few lines
FOOTER = re.compile(r"\d+ / \d+$")  # "Page 2 / 6", "Page – Página 2 / 9"


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    marks: tuple[tuple[float, float, float, float], ...]  # everything painted (x0, y0, x1, y1)
    body: tuple[tuple[float, float, float, float], ...]   # the same without running title and footer
    lines: tuple[tuple[str, float, tuple[float, float, float, float]], ...]  # (text, font size, bbox)

    def edges(self) -> tuple[float, float, float, float]:
        """The distance, in mm, of what is printed to the left, top, right and bottom edge."""
        if not self.marks:
            return (self.width / MM,) * 2 + (self.height / MM,) * 2
        return (min(m[0] for m in self.marks) / MM, min(m[1] for m in self.marks) / MM,
                (self.width - max(m[2] for m in self.marks)) / MM,
                (self.height - max(m[3] for m in self.marks)) / MM)


@dataclass(frozen=True)
class Handout:
    path: Path
    pages: tuple[Page, ...]

    def area(self, skip_first: bool) -> tuple[float, float]:
        """The top and bottom of the text area: the extent of the body over all pages
        (the cover's left out)."""
        bodies = [m for page in self.pages[int(skip_first):] for m in page.body] or \
                 [m for page in self.pages for m in page.body]
        return min(m[1] for m in bodies), max(m[3] for m in bodies)

    def fill(self, cover: bool = False) -> list[float]:
        """How full each page is: how far down its text area its body reaches (0 to 1)."""
        top, bottom = self.area(cover and len(self.pages) > 1)
        return [max(0.0, (max((m[3] for m in page.body), default=top) - top) / (bottom - top))
                for page in self.pages]

    def used(self, number: int) -> float:
        """The height, in points, of what page ``number`` holds (top of its body to its bottom)."""
        body = self.pages[number - 1].body
        return max(m[3] for m in body) - min(m[1] for m in body) if body else 0.0


@cache
def read(path: Path) -> Handout:
    with pymupdf.open(path) as document:
        title = document.metadata.get("title", "")
        pages = []
        for number, page in enumerate(document, 1):
            marks = tuple(tuple(bbox) for kind, bbox in page.get_bboxlog()
                          if kind.startswith(("fill", "stroke")) and bbox[2] > bbox[0] - 0.01)
            lines = []
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    text = "".join(span["text"] for span in line["spans"]).strip()
                    if text:
                        lines.append((text, max(span["size"] for span in line["spans"]), tuple(line["bbox"])))
            margins = [bbox for text, _, bbox in lines
                       if FOOTER.search(text) and bbox[1] > page.rect.height * 0.85
                       or number > 1 and text == title and bbox[3] < page.rect.height * 0.12]
            body = tuple(mark for mark in marks if not any(_inside(mark, bbox) for bbox in margins))
            pages.append(Page(number, page.rect.width, page.rect.height, marks, body, tuple(lines)))
        return Handout(path, tuple(pages))


def _inside(mark, box, slack: float = 1.5) -> bool:
    return (mark[0] >= box[0] - slack and mark[1] >= box[1] - slack
            and mark[2] <= box[2] + slack and mark[3] <= box[3] + slack)


def main(site: Path) -> None:
    """Print each handout's pages (how full, how far from the edges), then the set's
    page count and the sheets 30 double-sided copies of every handout take."""
    total = sheets = 0
    for path in sorted((site / "handouts").glob("*.pdf")):
        handout = read(path)
        total += len(handout.pages)
        sheets += (len(handout.pages) + 1) // 2
        fills = " ".join(f"{fill:.0%}" for fill in handout.fill(cover=True))
        edges = [min(page.edges()[side] for page in handout.pages) for side in range(4)]
        print(f"{path.name:45} {len(handout.pages):3} p  edges l/t/r/b mm "
              f"{' '.join(f'{e:4.1f}' for e in edges)}  fill {fills}")
    print(f"{total} pages; 30 double-sided copies of each: {30 * sheets} sheets")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("site"))
