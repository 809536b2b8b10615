"""Network projections, metrics, exports, and the HTML views in a real browser."""
from __future__ import annotations

import json

import networkx as nx
import pytest

from sikg.graph.store import open_store
from sikg.viz.export import export_network
from sikg.viz.networks import find_node, load_network, metrics, partnership_network
from sikg.viz.views import build_view
from support import run_sikg

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


def test_cli_viz_and_stats(built, tmp_path):
    out = tmp_path / "v.html"
    r = run_sikg("viz", "--view", "partnerships", "--country", "LV,SE", "--focus", "Liepājas Diakonijas centra",
                 "-o", str(out), "--store", str(built[0]))
    assert r.returncode == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    assert out.stat().st_size > 100_000 and "<script src=" not in page and "<link " not in page
    data = json.loads(page.split('id="sikg-data">', 1)[1].split("</script>", 1)[0])
    assert data["initial"] == {"view": "partnerships", "focus": LDC, "depth": "1", "countries": "LV,SE"}
    s = run_sikg("stats", "--json", "--store", str(built[0]))
    assert json.loads(s.stdout)["nodes"] > 100
    bad = run_sikg("viz", "--focus", "Nobody At All", "-o", str(out), "--store", str(built[0]))
    assert bad.returncode == 1 and "no entity named" in bad.stderr
