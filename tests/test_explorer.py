"""The partnership explorer (viz/explorer.py, viz/explorer/src) in real headless Chromium, offline:
stable positions, search, filters, URL state, exports, a phone, the served page, hostile names."""
from __future__ import annotations

import base64
import json
from urllib.parse import quote

import pytest

from sikg.graph.build import build
from sikg.graph.store import open_store
from sikg.viz.explorer import explorer_data, explorer_page, write_explorer
from sikg.viz.networks import load_network
from support import SEED_STEMS, SEEDS
from support.browser import ARTIFACTS, open_page, require_browser
from support.servers import free_port, running, sikg_exe

LDC = "https://w3id.org/sikg/id/organisation/liepajas-diakonijas-centrs"
KALMAR = "https://w3id.org/sikg/id/organisation/kalmarco"


@pytest.fixture(scope="module")
def network(built):
    return load_network(open_store(built[0]))


@pytest.fixture(scope="module")
def page_file(network, tmp_path_factory):
    path = tmp_path_factory.mktemp("explorer") / "network.html"
    write_explorer(network, path)
    return path


@pytest.fixture
def browser_page(page_file):
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        opened = []

        def open_(url=None, viewport=None):
            browser, page = open_page(pw, url or page_file.as_uri(), "file:", viewport)
            opened.append(browser)
            page.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
            return page

        yield open_
        for b in opened:
            b.close()


def api(page, call: str, *args):
    return page.page.evaluate(f"(args) => window.sikgExplorer.{call}(...args)", list(args))


def test_the_page_is_self_contained_and_its_data_escaped(network):
    page = explorer_page(explorer_data(network))
    assert "<script src=" not in page and "<link " not in page and "https://cdn" not in page
    data = json.loads(page.split('id="sikg-data">', 1)[1].split("</script>", 1)[0])
    assert {n["id"] for n in data["nodes"]} == set(network.nodes)
    assert data["strings"]["lv"]["relations"]["fundedBy"]["in"]


def test_opens_offline_searches_and_shows_details_in_sentences(browser_page):
    page = browser_page()
    assert page.errors == [] and page.refused == []
    assert len(api(page, "visible")) == len(api(page, "positions")) > 500
    page.page.fill("#search", "Liepājas Diakonijas centra")  # an inflected form
    ids = page.page.eval_on_selector_all("#results li", "els => els.map(e => e.dataset.id)")
    assert ids and ids[0] == LDC
    page.page.fill("#search", "fonds")
    assert page.page.locator("#results li").count() > 5  # a list of matches, not a jump
    page.page.fill("#search", "LDC")
    page.page.press("#search", "Enter")
    assert api(page, "state")["focus"] == LDC
    assert page.page.text_content("#details h2") == "Liepājas Diakonijas centrs"
    near = api(page, "near")
    assert LDC in near and len(near) < len(api(page, "visible"))
    details = page.page.text_content("#details")
    assert "rīko:" in details or "koordinē:" in details or "partneris projektā:" in details
    page.page.click("#lang")
    assert page.page.evaluate("() => document.documentElement.lang") == "en"
    assert "organises:" in page.page.text_content("#details") or "partner in:" in page.page.text_content("#details")
    assert page.errors == []


def test_filters_hide_and_show_without_moving_a_node(browser_page):
    page = browser_page()
    before = api(page, "positions")
    everything = len(api(page, "visible"))
    page.page.uncheck("#types input[value=Person]")
    assert len(api(page, "visible")) < everything
    page.page.select_option("#countries", ["SE"])
    filtered = api(page, "visible")
    assert 0 < len(filtered) < everything
    # search while filtered: a match the filters hide is still listed, and choosing it shows it
    page.page.fill("#search", "Liepājas Diakonijas")
    page.page.press("#search", "Enter")
    assert api(page, "state")["focus"] == LDC and LDC in api(page, "visible")
    page.page.click("#clear")
    assert len(api(page, "visible")) == everything
    assert api(page, "positions") == before
    assert page.errors == []


def test_the_url_reopens_the_same_picture(browser_page):
    page = browser_page()
    page.page.select_option("#countries", ["LV", "SE"])
    page.page.fill("#search", "KalmarCo")
    page.page.press("#search", "Enter")
    page.page.wait_for_timeout(600)  # the hash is written once the camera settles
    url = page.page.url
    assert "focus=" in url and "countries=LV%2CSE" in url
    state, positions = api(page, "state"), api(page, "positions")
    again = browser_page(url)
    reopened = api(again, "state")
    assert reopened["focus"] == state["focus"] == KALMAR
    assert reopened["countries"] == state["countries"] and api(again, "visible") == api(page, "visible")
    assert api(again, "positions") == positions  # the layout is computed once and kept
    assert again.errors == []


def test_exports_of_what_is_shown(browser_page):
    page = browser_page()
    png = api(page, "exportPng")
    raw = base64.b64decode(png.split(",", 1)[1])
    assert raw[:8] == b"\x89PNG\r\n\x1a\n" and len(raw) > 20_000
    svg = api(page, "exportSvg")
    assert svg.startswith("<svg") and svg.count("<circle") == len(api(page, "visible"))
    page.page.fill("#search", "KalmarCo")
    page.page.press("#search", "Enter")
    csv = api(page, "exportCsv")
    assert csv.count('\n"node",') == len(api(page, "near"))
    gexf = api(page, "exportGexf")
    assert gexf.startswith("<?xml") and "KalmarCo" in gexf
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "explorer-export.png").write_bytes(raw)


@pytest.mark.parametrize("view", ["full", "partnerships", "funding", "countries"])
def test_each_view_draws(browser_page, page_file, view):
    page = browser_page(f"{page_file.as_uri()}#view={view}")
    assert api(page, "state")["view"] == view and len(api(page, "visible")) > 1
    if view == "partnerships":
        page.page.fill("#search", "KalmarCo")
        page.page.press("#search", "Enter")
        assert "partneri:" in page.page.text_content("#details") or "KalmarCo" in page.page.text_content("#details")
    ARTIFACTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / f"explorer-{view}.png"))
    assert page.errors == []


def test_on_a_phone_the_graph_has_the_screen(browser_page):
    page = browser_page(viewport={"width": 390, "height": 844})
    width = page.page.evaluate("() => document.getElementById('graph').getBoundingClientRect().width")
    assert width >= 0.8 * 390
    assert not page.page.is_visible("#search") or page.page.evaluate(
        "() => document.getElementById('panel').getBoundingClientRect().right <= 0")
    page.page.click("#menu")
    page.page.wait_for_timeout(300)
    assert page.page.evaluate("() => document.getElementById('panel').getBoundingClientRect().left") >= 0
    page.page.focus("#search")
    page.page.keyboard.type("LDC")
    page.page.keyboard.press("ArrowDown")
    page.page.keyboard.press("Enter")
    assert api(page, "state")["focus"] == LDC
    page.page.screenshot(path=str(ARTIFACTS / "explorer-phone.png"))
    assert page.errors == []


def test_served_at_explore_with_links_both_ways(built):
    require_browser()
    from playwright.sync_api import sync_playwright

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with running([sikg_exe(), "serve", "--port", str(port), "--store", str(built[0])], f"{base}/sparql"), \
            sync_playwright() as pw:
        browser, page = open_page(pw, f"{base}/graph", base)  # the old address moved
        try:
            page.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
            assert page.page.url.startswith(f"{base}/explore")
            page.page.goto(f"{base}/id/organisation/liepajas-diakonijas-centrs")
            page.page.click("text=/rādīt tīklā|show in network/")
            page.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
            assert api(page, "state")["focus"] == LDC
            page.page.click("#details >> text=/Vienības lapa|Entity page/")
            assert page.page.text_content("h1") == "Liepājas Diakonijas centrs"
            page.page.goto(f"{base}/")  # a query result's entity links to its place in the network
            page.page.wait_for_selector("#yasgui[data-ready=true]", state="attached", timeout=60_000)
            page.page.evaluate("(q) => { const y = window.sikgYasgui.getTab().getYasqe(); y.setValue(q); y.query(); }",
                               f"SELECT ?e WHERE {{ VALUES ?e {{ <{KALMAR}> }} }}")
            page.page.click(".yasr a[title='show in network']")
            page.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
            assert api(page, "state")["focus"] == KALMAR
            page.page.goto(f"{base}/explore?lang=en#focus={quote(LDC, safe='')}")
            page.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
            assert page.page.evaluate("() => document.documentElement.lang") == "en"
            assert page.refused == [] and page.errors == []
        finally:
            browser.close()


def test_hostile_names_show_as_text_and_never_run(tmp_path, browser_page):
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
    path = tmp_path / "x.html"
    write_explorer(load_network(open_store(tmp_path / "store")), path)
    page = browser_page(path.as_uri())
    page.page.fill("#search", hostile)
    page.page.press("#search", "Enter")
    assert page.page.text_content("#details h2") == hostile
    assert page.page.locator("#details img, #results img").count() == 0
    assert page.dialogs == [] and page.errors == []


def test_edges_answer_hover_while_few_enough_are_shown(tmp_path, browser_page):
    """Above EDGE_EVENTS_UP_TO shown edges sigma's edge picking is off (it doubles a software-drawn
    frame); a filter that hides enough edges brings it back, without moving a node."""
    import random

    import networkx as nx

    from sikg.ontology import IRIS
    from sikg.viz.networks import SourceArticle

    rnd = random.Random(3)
    g = nx.MultiDiGraph()
    orgs = [IRIS.entity("Organisation", f"o{i}") for i in range(1000)]
    people = [IRIS.entity("Person", f"p{i}") for i in range(1000)]
    for kind, nodes in (("Organisation", orgs), ("Person", people)):
        for i, n in enumerate(nodes):
            g.add_node(n, type=kind, label=f"{kind} {i}", aliases=[], country="LV",
                       articles=[SourceArticle(IRIS.article("a"), "Raksts", None, "2020-05-01")])
    for _ in range(3000):
        g.add_edge(rnd.choice(people), rnd.choice(orgs), relation="worksFor", role=None)
        g.add_edge(rnd.choice(orgs), rnd.choice(orgs), relation="fundedBy", role=None)
    path = tmp_path / "big.html"
    write_explorer(g, path)
    page = browser_page(path.as_uri())
    before = api(page, "positions")
    assert api(page, "edgeEvents") is False
    page.page.uncheck("#types input[value=Person]")
    assert api(page, "edgeEvents") is True
    assert api(page, "positions") == before and page.errors == []
