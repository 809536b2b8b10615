"""Network projections, metrics, exports, and the HTML views in a real browser."""
from __future__ import annotations

import json

import networkx as nx
import pytest

from sikg.graph.build import build
from sikg.graph.store import open_store
from sikg.viz.export import export_network
from sikg.viz.html import render, write
from sikg.viz.networks import find_node, load_network, metrics, partnership_network
from sikg.viz.views import build_view
from support import SEED_STEMS, SEEDS, run_sikg
from support.browser import ARTIFACTS, click_node, open_page, require_browser
from support.servers import free_port, running, sikg_exe

LDC = "https://w3id.org/sikg/id/organisation/liepajas-diakonijas-centrs"


@pytest.fixture(scope="module")
def network(built):
    return load_network(open_store(built[0]))


def test_full_network_and_metrics(network):
    assert network.nodes[LDC]["type"] == "Organisation" and "LDC" in network.nodes[LDC]["aliases"]
    m = metrics(network)
    assert m["nodes"] == network.number_of_nodes() and m["communities"] > 1
    assert m["top_degree"][0][1] >= m["top_degree"][-1][1]


def test_partnership_projection_weights_shared_projects(network):
    p = partnership_network(network)
    kalmar, tolerance = find_node(p, "KalmarCo"), find_node(p, "The center of Tolerance")
    assert p[kalmar][tolerance]["weight"] == 1


def test_views_focus_and_country(built):
    store = open_store(built[0])
    focused = build_view(store, "full", "Liepājas Diakonijas centra", 1)  # an inflected name finds it
    assert LDC in focused and focused.number_of_nodes() < 40
    lv = build_view(store, "funding", countries={"LV"})
    assert all(d.get("country") in ("LV", None) or d["type"] in ("Project", "Programme", "Event")
               for _, d in lv.nodes(data=True))


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv"])
def test_network_exports_read_back(network, tmp_path, fmt):
    paths = export_network(network, fmt, tmp_path / f"net.{fmt}")
    if fmt == "graphml":
        back = nx.read_graphml(paths[0])
    elif fmt == "gexf":
        back = nx.read_gexf(paths[0])
    else:
        nodes = paths[0].read_text(encoding="utf-8").splitlines()
        edges = paths[1].read_text(encoding="utf-8").splitlines()
        assert len(nodes) - 1 == network.number_of_nodes() and len(edges) - 1 == network.number_of_edges()
        return
    assert back.number_of_nodes() == network.number_of_nodes()
    assert back.number_of_edges() == network.number_of_edges()


def test_page_is_self_contained(network):
    page = render(network)
    assert "vis.Network" in page and "<script src=" not in page and "<link " not in page
    assert "cdn" not in page.lower().split("<script>", 1)[0]


def test_cli_viz_and_stats(built, tmp_path):
    out = tmp_path / "v.html"
    r = run_sikg("viz", "--view", "partnerships", "--country", "LV,SE", "-o", str(out), "--store", str(built[0]))
    assert r.returncode == 0, r.stderr
    assert out.stat().st_size > 100_000
    s = run_sikg("stats", "--json", "--store", str(built[0]))
    assert json.loads(s.stdout)["nodes"] > 100
    bad = run_sikg("viz", "--focus", "Nobody At All", "-o", str(out), "--store", str(built[0]))
    assert bad.returncode == 1 and "no entity named" in bad.stderr


def exercise(page, shot: str) -> None:
    """The acceptance walk: drawn, search selects, country filter applies, a click shows details."""
    page.page.wait_for_function("window.sikgStable === true", timeout=60_000)
    total = page.page.evaluate("window.sikgVisibleCount()")
    assert total > 100 and page.page.locator("#net canvas").count() == 1
    page.page.fill("#search", "LDC")
    page.page.press("#search", "Enter")
    assert page.page.evaluate("window.sikgNetwork.getSelectedNodes()") == [LDC]
    assert page.page.text_content("#details h3") == "Liepājas Diakonijas centrs"
    page.page.select_option("#country", ["SE"])
    assert page.page.evaluate("window.sikgVisibleCount()") < total
    page.page.select_option("#country", [])
    page.page.evaluate("window.sikgNetwork.fit()")
    kalmar = "https://w3id.org/sikg/id/organisation/kalmarco"
    page.page.evaluate("id => window.sikgNetwork.focus(id, {scale: 1.5, animation: false})", kalmar)
    click_node(page.page, kalmar)
    assert page.page.text_content("#details h3") == "KalmarCo"
    assert "partnerIn" in page.page.text_content("#details")
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / shot))
    assert page.errors == [] and page.dialogs == []


def test_browser_opens_the_file_offline(network, tmp_path):
    require_browser()
    from playwright.sync_api import sync_playwright

    path = tmp_path / "network.html"
    write(network, path)
    with sync_playwright() as pw:
        browser, page = open_page(pw, path.as_uri(), "file:")
        try:
            exercise(page, "viz-file.png")
            assert page.refused == [], "the page asked the network for something"
        finally:
            browser.close()


def test_browser_on_the_served_graph_and_entity_page(built):
    require_browser()
    from playwright.sync_api import sync_playwright

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running([sikg_exe(), "serve", "--port", str(port), "--store", str(built[0])], f"{base}/sparql"), \
            sync_playwright() as pw:
        browser, page = open_page(pw, f"{base}/graph", base)
        try:
            exercise(page, "viz-served.png")
            page.page.goto(f"{base}/id/organisation/liepajas-diakonijas-centrs")
            assert page.page.text_content("h1") == "Liepājas Diakonijas centrs"
            assert page.refused == []
        finally:
            browser.close()


def test_hostile_names_show_as_text_and_never_run(tmp_path):
    require_browser()
    from playwright.sync_api import sync_playwright

    src = tmp_path / "in"
    src.mkdir()
    (src / "x.txt").write_text((SEEDS / f"{SEED_STEMS[0]}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    hostile = '<img src=x onerror=alert(1)>'
    (src / "x.json").write_text(json.dumps({"article": "x.txt", "entities": [
        {"type": "Organisation", "name": hostile, "aliases": ['"><script>alert(2)</script>']},
        {"type": "Project", "name": "P</script><script>alert(3)</script>"}],
        "relations": [{"subject": hostile, "predicate": "partnerIn",
                       "object": "P</script><script>alert(3)</script>"}]}), encoding="utf-8")
    build([src], tmp_path / "store", progress=False)
    g = load_network(open_store(tmp_path / "store"))
    path = tmp_path / "x.html"
    write(g, path)
    with sync_playwright() as pw:
        browser, page = open_page(pw, path.as_uri(), "file:")
        try:
            page.page.wait_for_function("window.sikgStable === true", timeout=60_000)
            page.page.fill("#search", hostile)
            page.page.press("#search", "Enter")
            assert page.page.text_content("#details h3") == hostile
            assert page.page.locator("#details img").count() == 0
            assert page.dialogs == [] and page.errors == []
        finally:
            browser.close()
