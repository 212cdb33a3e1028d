"""The hub's pages weigh no more than a stock Material + mkdocs-static-i18n site's
with the same text, and fetch nothing from another host.

One cold load per page, each language's home page and largest document; the
timings are the benchmark's (``python -m scripts.benchmarks.page_weight``).
"""

from __future__ import annotations

import pytest

from scripts.benchmarks.page_weight import (BuildFailed, build_stock, kb, make_stock_project,
                                            measure_sites, pages_to_load)


@pytest.fixture(scope="session")  # (one worker: xdist_group, conftest.py)
def stock_site(tmp_path_factory):
    """The stock site, built once from the hub's Markdown."""
    scratch = tmp_path_factory.mktemp("stock")
    try:
        build_stock(make_stock_project(scratch / "project"), scratch / "site")
    except BuildFailed as failure:
        pytest.fail(str(failure))
    return scratch / "site"


@pytest.fixture(scope="session")  # (one worker: xdist_group, conftest.py)
def weights(config, stock_site, site, browser):
    """{"hub": ..., "stock": ...}: each page's load, keyed by (language, page). The
    stock site is asked for first, so that this worker builds it while another builds
    the hub's."""
    return measure_sites(browser, {"hub": site, "stock": stock_site}, pages_to_load(config, site))


@pytest.mark.parametrize("measure, unit", [("bytes", "KB uncompressed"), ("gzip_bytes", "KB gzip")])
def test_hub_pages_weigh_no_more_than_stock(weights, measure, unit):
    heavier = [f"{locale} {page}: hub {kb(getattr(hub, measure))} {unit}, "
               f"stock {kb(getattr(weights['stock'][(locale, page)], measure))} {unit}"
               for (locale, page), hub in weights["hub"].items()
               if getattr(hub, measure) > getattr(weights["stock"][(locale, page)], measure)]
    assert not heavier, "the hub's pages are heavier than stock Material's:\n" + "\n".join(heavier)


def test_hub_requests_nothing_from_other_hosts(weights):
    foreign = {f"{locale} {page}": load.third_party
               for (locale, page), load in weights["hub"].items() if load.third_party}
    assert not foreign, f"the hub's pages requested other hosts: {foreign}"


def test_stock_requests_google_fonts(weights):
    """The comparison is honest: the stock pages do reach for Google Fonts."""
    missing = [f"{locale} {page}: {load.third_party or 'no third-party request'}"
               for (locale, page), load in weights["stock"].items()
               if "fonts.googleapis.com" not in load.third_party]
    assert not missing, "stock pages without a Google Fonts request:\n" + "\n".join(missing)


def test_the_first_page_weighs_at_most_half_of_stock(weights):
    """The French home page, the first a reader opens, gzipped: half a stock Material
    page's at most (search comes on first use; the stylesheets without the colours,
    components and comments no reader needs)."""
    hub, stock = weights["hub"][("fr", "home")], weights["stock"][("fr", "home")]
    assert hub.gzip_bytes <= 0.5 * stock.gzip_bytes, (
        f"fr home: hub {kb(hub.gzip_bytes)} KB gzip, stock {kb(stock.gzip_bytes)} KB gzip "
        f"({hub.gzip_bytes / stock.gzip_bytes:.2f} ×)")
