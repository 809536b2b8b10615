"""Small focused networks in Jupyter, through pyvis (vis-network): for a notebook user who wants a
`View` from Python inline, not the whole-graph explorer (viz/explorer.py).

    from sikg.graph.store import open_store
    from sikg.viz.notebook import notebook_network
    from sikg.viz.views import build_view

    net = notebook_network(build_view(open_store(".sikg/store"), "partnerships", focus_name="SIF"))
    net.show("sif.html")          # in Jupyter: displays inline

pyvis inlines its scripts (``cdn_resources="in_line"``), so the notebook works offline.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", label="KalmarCo", type="Organisation")
>>> g.add_node("b", label="NewDoor", type="Project")
>>> g.add_edge("a", "b", relation="partnerIn")
0
>>> net = notebook_network(g)
>>> [n["label"] for n in net.nodes], [e["title"] for e in net.edges]
(['KalmarCo', 'NewDoor'], ['partnerIn'])
"""
from __future__ import annotations

import networkx as nx
from pyvis.network import Network

from sikg.viz.explorer import TYPE_COLOURS


def notebook_network(g: nx.Graph | nx.MultiDiGraph, height: str = "600px") -> Network:
    """A pyvis network of ``g``: nodes coloured by type, named; edges titled by their relation."""
    net = Network(notebook=True, cdn_resources="in_line", directed=g.is_directed(), height=height, width="100%")
    degree = dict(g.degree())
    for n, d in g.nodes(data=True):
        kind = d.get("type", "Organisation")
        net.add_node(n, label=d.get("label", n), title=f"{d.get('label', n)} ({kind})",
                     color=TYPE_COLOURS.get(kind, "#999"), size=8 + 3 * min(10, degree.get(n, 0)))
    for s, o, d in g.edges(data=True):
        relation = d.get("relation", "")
        if d.get("projects"):
            relation += ": " + ", ".join(d["projects"])
        net.add_edge(s, o, title=relation, value=d.get("weight", 1))
    return net
