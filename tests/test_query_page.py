"""The query page (YASGUI, served from the package) in real headless Chromium against a real
`sikg serve`: the named queries are tabs, a query runs, results render, a result IRI of our graph opens
its entity page on this server, and no request leaves 127.0.0.1."""
from __future__ import annotations

import pytest

from support.browser import ARTIFACTS, open_page, require_browser
from support.servers import free_port, running, sikg_exe


@pytest.fixture(scope="module")
def endpoint(built):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running([sikg_exe(), "serve", "--port", str(port), "--workers", "2", "--store", str(built[0])],
                 f"{base}/sparql"):
        yield base


def test_a_query_runs_results_render_and_an_iri_opens_its_page(endpoint):
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser, p = open_page(pw, endpoint + "/", endpoint)
        try:
            page = p.page
            page.wait_for_selector("#yasgui[data-ready=true]", state="attached", timeout=60_000)
            tabs = page.locator(".tabsList .tab").all_inner_texts()
            assert any("funders" in t for t in tabs) and any("entities" in t for t in tabs), tabs
            # the first tab's query, with the ontology's prefixes preset, runs against this server
            assert "PREFIX sikg:" in page.evaluate("() => window.sikgYasgui.getTab().getYasqe().getValue()")
            page.evaluate("() => window.sikgYasgui.getTab().getYasqe().query()")
            page.wait_for_selector("#yasgui[data-results='1']", state="attached", timeout=60_000)
            page.wait_for_selector(".yasr table.dataTable tbody tr a.iri", timeout=30_000)
            rows = page.locator(".yasr table.dataTable tbody tr").count()
            assert rows >= 10
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "query-page.png"), full_page=True)
            link = page.locator(".yasr table.dataTable tbody tr a.iri").first
            href = link.get_attribute("href")
            assert href.startswith(endpoint + "/id/organisation/"), href
            link.click()
            page.wait_for_url(endpoint + "/id/organisation/**", timeout=30_000)
            assert page.locator("h1").inner_text().strip()
            assert "show in network" in page.content() or "rādīt tīklā" in page.content()
            assert p.errors == [], p.errors
            assert p.refused == [], p.refused  # nothing but 127.0.0.1 was asked for
        finally:
            browser.close()


def test_pages_fit_a_phone(endpoint):
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser, p = open_page(pw, endpoint + "/id/organisation/liepajas-diakonijas-centrs", endpoint,
                               viewport={"width": 390, "height": 844})
        try:
            page = p.page
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # nothing runs off the side
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "entity-page-phone.png"))
            page.goto(endpoint + "/")
            page.wait_for_selector("#yasgui[data-ready=true]", state="attached", timeout=60_000)
            box = page.locator(".yasgui .tabsList").bounding_box()
            assert box["height"] < 80  # the named queries scroll in one row, the editor stays in view
            assert p.errors == [] and p.refused == []
        finally:
            browser.close()
