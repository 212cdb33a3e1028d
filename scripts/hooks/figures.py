"""The figures of ``extra.hub.figures`` (the theory of change, the roadmap), drawn
from each page's rendered sections in the language being built (scripts/figures.py).

It runs once every page of the language is rendered (on_page_context), so a stage
may come from another page, and before search indexes the page.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from scripts.figures import FigureError, draw, figures_of, section_of
from scripts.hooks.i18n_state import source_locale_of
from scripts.ui_text import ui


def on_page_markdown(markdown, page, config, files):
    """A page with a flow figure (the theory of change) gives it the whole width of the
    page on a wide screen: its table of contents is hidden (Material's ``hide: toc``)."""
    rel = page.file.src_uri.split("/", 1)[-1]
    try:
        flow = any(figure.layout == "flow" for figure in figures_of(config.extra.get("hub", {}), rel))
    except FigureError:
        return markdown  # reported, with what to do, when the figures are drawn
    if flow:
        page.meta["hide"] = [*page.meta.get("hide", []), "toc"]
    return markdown


@event_priority(50)  # before the search plugin (0) indexes the page
def on_page_context(context, page, config, nav):
    rel = page.file.src_uri.split("/", 1)[-1]
    try:
        figures = figures_of(config.extra.get("hub", {}), rel)
        if not figures:
            return context
        where = f"docs/{page.file.src_uri}"
        caption = ui("figure_caption", source_locale_of(page))
        html = page.content
        for figure in figures:
            foreign = {f"{other}#{section_id}": _foreign(nav, other, section_id, page, figure.name)
                       for other, section_id in figure.foreign_stages}
            html = draw(html, figure, caption, foreign, where)
    except FigureError as error:
        raise PluginError(f"Figures: {error}") from None
    page.content = html
    return context


def _foreign(nav, other: str, section_id: str, page, name: str):
    """Section ``section_id`` of page ``other`` as built in this language."""
    source = next((p for p in nav.pages if p.file.src_uri.split("/", 1)[-1] == other), None)
    if source is None or source.content is None:
        raise FigureError(f"figure '{name}' (mkdocs.yml extra.hub.figures) takes a stage from {other}, "
                          "which is not in the navigation. Add the page or remove the stage.")
    section = section_of(source.content, section_id, source.url, page.url)
    if section is None:
        raise FigureError(f"figure '{name}' (mkdocs.yml extra.hub.figures) takes section #{section_id} "
                          f"of {other}, which that page lacks. Restore its heading or fix the stage.")
    return section
