"""Network exports for the tools coordinators use: GraphML and GEXF (Gephi), CSV node and edge lists (Kumu)."""
from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx

NETWORK_FORMATS = ("graphml", "gexf", "csv")


def _flat(g: nx.Graph | nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Attributes as strings and numbers only (lists joined with " | "), as GraphML and GEXF need."""
    out = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        out.add_node(n, label=d.get("label", n), type=d.get("type", ""), country=d.get("country") or "",
                     aliases=" | ".join(d.get("aliases", [])),
                     articles=" | ".join(a.iri for a in d.get("articles", [])))
    for s, o, d in g.edges(data=True):
        out.add_edge(s, o, relation=d.get("relation", ""), role=d.get("role") or "", weight=d.get("weight", 1))
    return out


def export_network(g: nx.Graph | nx.MultiDiGraph, fmt: str, output: Path) -> list[Path]:
    """Write ``g``; CSV writes ``NAME-nodes.csv`` and ``NAME-edges.csv`` beside ``output``."""
    flat = _flat(g)
    output = Path(output)
    if fmt == "graphml":
        nx.write_graphml(flat, output)
        return [output]
    if fmt == "gexf":
        nx.write_gexf(flat, output)
        return [output]
    if fmt != "csv":
        raise ValueError(f"unknown network format {fmt!r}")
    stem = output.with_suffix("")
    nodes_path, edges_path = Path(f"{stem}-nodes.csv"), Path(f"{stem}-edges.csv")
    with nodes_path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Id", "Label", "Type", "Country", "Aliases", "Articles"])
        for n, d in flat.nodes(data=True):
            w.writerow([n, d["label"], d["type"], d["country"], d["aliases"], d["articles"]])
    with edges_path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["From", "To", "Relation", "Role", "Weight"])
        for s, o, d in flat.edges(data=True):
            w.writerow([s, o, d["relation"], d["role"], d["weight"]])
    return [nodes_path, edges_path]
