"""Absolute ``<link rel="alternate" hreflang>`` addresses for every page, and
site-relative language switcher links.

mkdocs-static-i18n gives each page its alternates (``config.extra.alternate``,
which also feeds the language switcher) as site-relative links. Search engines
want absolute ones, plus ``x-default`` for readers of any other language: the
French source. overrides/main.html writes ``hub_hreflang`` into the page head.
In the offline bundle, whose pages are files (``en/code-of-conduct.html``), these,
the canonical address and the sitemap (the ``online_url`` filter of
overrides/sitemap.xml) still name the pages online (``en/code-of-conduct/``).
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from scripts.hooks.i18n_state import default_locale
from scripts.site_urls import online_url


def absolute(site_url: str, link: str) -> str:
    """A site-relative link (``en/code-of-conduct/``, ``./``) as an absolute URL."""
    return urljoin(site_url.rstrip("/") + "/", link.removeprefix("./"))


def on_page_context(context, page, config, nav):
    # mkdocs-static-i18n sets the page's alternates as an attribute of ``extra``
    # (what templates read first), over the site-wide ones kept as its item.
    page_alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate")
    site_path = urlsplit(config.site_url or "/").path
    for alt in page_alternates or []:
        # Language roots come as "/en/", or "/knowledge-hub/en/" under the site's path:
        # make them site-relative so the switcher works under a sub-path (GitHub Pages)
        # and from disk (the offline bundle).
        link = alt["link"]
        alt["link"] = (link[len(site_path):] if link.startswith(site_path) else link).lstrip("/") or "./"
    alternates = [(alt["lang"], absolute(config.site_url or "/", online_url(alt["link"])))
                  for alt in page_alternates or []]
    default = dict(alternates).get(default_locale(config))
    if default:
        alternates.append(("x-default", default))
    context["hub_hreflang"] = alternates
    if page.canonical_url:
        page.canonical_url = absolute(config.site_url, online_url(page.url))
    return context


def on_env(env, config, files):
    env.filters["online_url"] = online_url
    return env
