"""What WeasyPrint 70 cannot say in a tagged PDF, added to each rendered handout with
pikepdf (see weasyprint/pdf/tags.py):

- its structure elements carry no /Lang: HTML ``lang`` attributes only choose the
  hyphenation. A bilingual handout is a two-column table (compose.py) whose every
  cell is in its column's language, so each /TH and /TD of that table (a /Table child
  of the /Part that ``<main>`` makes) gets its column's /Lang, and a screen reader reads
  each cell in its own language;
- a list item whose marker is inside its first line (handout.css: an outside marker is
  painted after the page's text, out of reading order) has its text straight under
  /LI, beside the /Lbl: the text is put in the /LBody that PDF/UA-1 asks for;
- the running title and page number are marked content whose structure elements
  are left out of the tree (tags.py: an /Artifact is "only allowed in PDF 2.0" there,
  which is not so: PDF 1.7 has artifacts, 14.8.2.2): they are made /Artifact
  (pagination) in the page's content, so that no reader takes them for the text;
- an inline box whose only text, a space, was dropped at a line's end (article.py puts
  spaces in spans to work around a line-breaking bug) leaves an empty /Span: it is
  removed;
- its link annotations have no flags, so viewers may leave them out when printing:
  they get the Print flag, as PDF/UA-1 checkers ask.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

PRINT = 4  # annotation flag (PDF 1.7, table 165)


def finish(path: Path, languages: tuple[str, ...]) -> None:
    """Make the changes listed above to the PDF at ``path`` (the column languages only
    if ``languages`` are two)."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                annotation.F = int(annotation.get("/F", 0)) | PRINT
        document = pdf.Root.StructTreeRoot.K[0]
        _remove_empty_spans(document)
        _wrap_list_bodies(pdf, document)
        _make_running_heads_artifacts(pdf, document)
        if len(languages) == 2:
            for part in _children(document, "/Part"):
                for table in _children(part, "/Table"):
                    for row in (row for group in _kids(table) for row in _children(group, "/TR")):
                        for cell, locale in zip(_kids(row), languages):
                            cell.Lang = pikepdf.String(locale)
        pdf.save(path, deterministic_id=True)  # the same PDF, the same bytes


def _remove_empty_spans(element: pikepdf.Dictionary) -> None:
    """Take every /Span with nothing in it out of the tree under ``element``."""
    for kid in _kids(element):
        _remove_empty_spans(kid)
    if not isinstance(element.get("/K"), pikepdf.Array):
        return
    kept = [kid for kid in element.K if not (isinstance(kid, pikepdf.Dictionary) and kid.get("/S") == "/Span"
                                             and isinstance(kid.get("/K"), pikepdf.Array) and len(kid.K) == 0)]
    if len(kept) < len(element.K):
        element.K = pikepdf.Array(kept)


def _wrap_list_bodies(pdf: pikepdf.Pdf, element: pikepdf.Dictionary) -> None:
    """Put the kids of every /LI under ``element`` that are neither /Lbl nor /LBody into
    one /LBody."""
    for kid in _kids(element):
        _wrap_list_bodies(pdf, kid)
    if element.get("/S") != "/LI":
        return
    kids = element.get("/K", [])
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    loose = [kid for kid in kids if not (isinstance(kid, pikepdf.Dictionary)
                                         and kid.get("/S") in ("/Lbl", "/LBody"))]
    if not loose:
        return
    body = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.LBody,
                                                P=element, K=pikepdf.Array(loose)))
    if "/Pg" in element:
        body.Pg = element.Pg
    for kid in loose:
        if isinstance(kid, pikepdf.Dictionary):
            kid.P = body
    element.K = pikepdf.Array([kid for kid in kids if kid not in loose] + [body])


def _make_running_heads_artifacts(pdf: pikepdf.Pdf, document: pikepdf.Dictionary) -> None:
    """Turn the marked content of structure elements outside the tree into artifacts."""
    in_tree = set()
    pending = [document]
    while pending:
        element = pending.pop()
        in_tree.add(element.objgen)
        pending += _kids(element)
    parents = dict(zip(*[iter(pdf.Root.StructTreeRoot.ParentTree.Nums)] * 2))
    for page in pdf.pages:
        elements = parents.get(int(page.obj.get("/StructParents", -1)))
        if not isinstance(elements, pikepdf.Array):
            continue
        outside = {mcid for mcid, element in enumerate(elements) if element.objgen not in in_tree}
        if not outside:
            continue
        content = []
        for operands, operator in pikepdf.parse_content_stream(page):
            if (str(operator) == "BDC" and isinstance(operands[1], pikepdf.Dictionary)
                    and int(operands[1].get("/MCID", -1)) in outside):
                operands = [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)]
            content.append(pikepdf.ContentStreamInstruction(operands, operator))
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(content))
        for mcid in outside:
            elements[mcid] = pikepdf.Object.parse(b"null")


def _kids(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    """The structure elements under ``element`` (not its marked content)."""
    kids = element.get("/K", [])
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    return [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem"]


def _children(element: pikepdf.Dictionary, role: str) -> list[pikepdf.Dictionary]:
    return [kid for kid in _kids(element) if kid.get("/S") == role]
