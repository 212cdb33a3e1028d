"""Print-ready PDF handouts, rendered with WeasyPrint from the built pages.

``catalog`` says which PDFs exist (mkdocs.yml ``extra.hub.handouts``), ``article``
takes a built page's text, ``compose`` lays out a handout's HTML, ``render`` turns
it into PDF (cached, in parallel), ``listing`` writes the manifest and the links to
the PDFs into the built pages, and ``build`` runs them in that order.
"""
