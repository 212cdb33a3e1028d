"""What WeasyPrint 70 cannot say in a tagged PDF, added to each rendered handout with
pikepdf (see weasyprint/pdf/tags.py):

- its structure elements carry no /Lang: HTML ``lang`` attributes only choose the
  hyphenation. A bilingual handout is a two-column table (compose.py) whose every
  cell is in its column's language, so each /TH and /TD of that table (a /Table child
  of the /Part that ``<main>`` makes) gets its column's /Lang, and a screen reader reads
  each cell in its own language;
- its link annotations have no flags, so viewers may leave them out when printing:
  they get the Print flag, as PDF/UA-1 checkers ask.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

PRINT = 4  # annotation flag (PDF 1.7, table 165)


def finish(path: Path, languages: tuple[str, ...]) -> None:
    """Add column languages (if ``languages`` are two) and print flags to the PDF at ``path``."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                annotation.F = int(annotation.get("/F", 0)) | PRINT
        if len(languages) == 2:
            document = pdf.Root.StructTreeRoot.K[0]
            for part in _children(document, "/Part"):
                for table in _children(part, "/Table"):
                    for row in (row for group in _kids(table) for row in _children(group, "/TR")):
                        for cell, locale in zip(_kids(row), languages):
                            cell.Lang = pikepdf.String(locale)
        pdf.save(path)


def _kids(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    """The structure elements under ``element`` (not its marked content)."""
    kids = element.get("/K", [])
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    return [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem"]


def _children(element: pikepdf.Dictionary, role: str) -> list[pikepdf.Dictionary]:
    return [kid for kid in _kids(element) if kid.get("/S") == role]
