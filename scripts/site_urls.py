"""Site-relative page addresses: with directory URLs online (``en/code-of-conduct/``),
as files in the offline bundle (``en/code-of-conduct.html``)."""

from __future__ import annotations

from scripts.hooks.i18n_state import language_root


def page_url(locale: str, page: str, default: str, directory_urls: bool = True) -> str:
    """The address of ``page`` in ``locale``: ``en/code-of-conduct/`` (``""`` for the home),
    or ``en/code-of-conduct.html`` (``index.html``) without directory URLs."""
    name = page.removesuffix(".md")
    if not directory_urls:
        return language_root(locale, default) + name + ".html"
    return language_root(locale, default) + ("" if page == "index.md" else name + "/")


def page_file(url: str) -> str:
    """The file, relative to the site folder, that a page address serves."""
    return url if url.endswith(".html") else url + "index.html"


def online_url(url: str) -> str:
    """A page address as the site online has it: ``en/about.html`` becomes ``en/about/``,
    ``en/index.html`` ``en/``; any other address is left as it is."""
    if not url.endswith(".html"):
        return url
    name = url.removesuffix(".html")
    return name.removesuffix("index") if name == "index" or name.endswith("/index") else name + "/"
