"""Network projections of the knowledge graph (networkx) and their metrics.

- ``load_network``: the full typed graph (a MultiDiGraph: entities as nodes with type, names,
  country and source articles; relations as edges);
- ``funding_network``: organisations, projects, programmes and events with partnerIn,
  coordinates and fundedBy;
- ``partnership_network``: organisation–organisation co-partnership, weight = shared projects;
- ``metrics``: degree, betweenness and Louvain communities.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

import networkx as nx
from pyoxigraph import Store

from sikg.graph.store import union_query
from sikg.loaders.annotations import fold
from sikg.ontology import ENTITY_TYPES
from sikg.ontology.terms import sparql_prefixes

FUNDING_RELATIONS = ("partnerIn", "coordinates", "fundedBy", "manages", "organises", "partOf")

NODES = sparql_prefixes("sikg", "skos") + f"""
SELECT ?e ?type ?label ?iso WHERE {{
  ?e a ?tc ; skos:prefLabel ?label .
  FILTER(?tc IN ({', '.join(f'sikg:{t}' for t in ENTITY_TYPES)}))
  BIND(STRAFTER(STR(?tc), "#") AS ?type)
  OPTIONAL {{ ?e sikg:country/sikg:isoCode ?iso1 }}
  OPTIONAL {{ ?e sikg:isoCode ?iso2 }}
  BIND(COALESCE(?iso1, ?iso2) AS ?iso)
}}"""
ALIASES = sparql_prefixes("skos") + """
SELECT DISTINCT ?e ?alias WHERE { ?e skos:altLabel ?alias }"""
ARTICLES = sparql_prefixes("schema", "dcterms") + """
SELECT DISTINCT ?e ?a ?title ?url ?issued WHERE { ?a schema:mentions ?e ; dcterms:title ?title .
  OPTIONAL { ?a schema:url ?url } OPTIONAL { ?a dcterms:issued ?issued } }"""
EDGES = sparql_prefixes("sikg", "org", "skos") + """
SELECT DISTINCT ?s ?p ?o ?role WHERE {
  ?s ?pi ?o . FILTER(STRSTARTS(STR(?pi), STR(sikg:)) && isIRI(?o) && ?pi != sikg:country)
  ?s a ?st . ?o a ?ot . FILTER(STRSTARTS(STR(?st), STR(sikg:)) && STRSTARTS(STR(?ot), STR(sikg:)))
  BIND(STRAFTER(STR(?pi), "#") AS ?p)
  OPTIONAL { ?m org:member ?s ; org:organization ?o ; org:role/skos:prefLabel ?role }
}"""


@dataclass(frozen=True)
class SourceArticle:
    """An article an entity is named in, as the network shows it (a link to its source)."""

    iri: str
    title: str
    url: str | None
    issued: str | None = None  # the article's publication date (ISO), where known


def load_network(store: Store) -> nx.MultiDiGraph:
    """The full typed graph of a store (union of all article graphs)."""
    g = nx.MultiDiGraph()
    labels: dict[str, dict] = {}
    for row in union_query(store, NODES):
        iri = row["e"].value
        info = labels.setdefault(iri, {"type": row["type"].value, "labels": {}, "country": None})
        label = row["label"]
        info["labels"][label.language or ""] = label.value
        if row["iso"] is not None:
            info["country"] = row["iso"].value
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in union_query(store, ALIASES):
        aliases[row["e"].value].add(row["alias"].value)
    articles: dict[str, dict[str, SourceArticle]] = defaultdict(dict)
    for row in union_query(store, ARTICLES):
        a = row["a"].value
        articles[row["e"].value][a] = SourceArticle(a, row["title"].value, row["url"].value if row["url"] else None,
                                                    row["issued"].value if row["issued"] else None)
    for iri, info in labels.items():
        name = info["labels"].get("lv") or next(iter(info["labels"].values()))
        others = {v for v in info["labels"].values() if v != name}
        g.add_node(iri, type=info["type"], label=name, aliases=sorted(aliases[iri] | others),
                   country=info["country"], articles=sorted(articles[iri].values(), key=lambda a: a.iri))
    for row in union_query(store, EDGES):
        s, o, p = row["s"].value, row["o"].value, row["p"].value
        if s in g and o in g:
            g.add_edge(s, o, key=p, relation=p, role=row["role"].value if row["role"] else None)
    return g


def funding_network(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Organisations, projects, programmes and events, linked by partnership, coordination and funding."""
    keep = [n for n, d in g.nodes(data=True) if d["type"] in ("Organisation", "Project", "Programme", "Event")]
    sub = nx.MultiDiGraph()
    sub.add_nodes_from((n, g.nodes[n]) for n in keep)
    sub.add_edges_from((s, o, k, d) for s, o, k, d in g.edges(keys=True, data=True)
                       if d["relation"] in FUNDING_RELATIONS and s in sub and o in sub)
    return sub


def partnership_network(g: nx.MultiDiGraph) -> nx.Graph:
    """Organisation–organisation co-partnership: an edge where two share a project, weight = how many."""
    members: dict[str, set[str]] = defaultdict(set)
    for s, o, d in g.edges(data=True):
        if d["relation"] in ("partnerIn", "coordinates") and g.nodes[s]["type"] == "Organisation":
            members[o].add(s)
    pg = nx.Graph()
    for project, orgs in members.items():
        for a, b in combinations(sorted(orgs), 2):
            if pg.has_edge(a, b):
                pg[a][b]["weight"] += 1
                pg[a][b]["projects"].append(g.nodes[project]["label"])
            else:
                pg.add_edge(a, b, weight=1, relation="partners", projects=[g.nodes[project]["label"]])
    for n in pg.nodes:
        pg.nodes[n].update(g.nodes[n])
    return pg


def metrics(g: nx.Graph | nx.MultiDiGraph, top: int = 10, seed: int = 42) -> dict:
    """Headline figures: sizes, the most connected and most between nodes, Louvain communities."""
    simple = nx.Graph(g.to_undirected()) if g.is_directed() or g.is_multigraph() else g
    degree = dict(simple.degree())
    betweenness = nx.betweenness_centrality(simple, k=min(500, len(simple)) or None, seed=seed) if len(simple) else {}
    communities = nx.community.louvain_communities(simple, seed=seed) if simple.number_of_edges() else []
    label = lambda n: g.nodes[n].get("label", n)  # noqa: E731
    return {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "nodes_by_type": dict(Counter(d.get("type", "?") for _, d in g.nodes(data=True))),
        "edges_by_relation": dict(Counter(d.get("relation", "?") for *_, d in g.edges(data=True))),
        "top_degree": [(label(n), v) for n, v in sorted(degree.items(), key=lambda kv: (-kv[1], label(kv[0])))[:top]],
        "top_betweenness": [(label(n), round(v, 4)) for n, v in
                            sorted(betweenness.items(), key=lambda kv: (-kv[1], label(kv[0])))[:top]],
        "communities": len(communities),
        "largest_communities": [sorted(label(n) for n in c)[:5] for c in sorted(communities, key=len, reverse=True)[:3]],
        "components": nx.number_connected_components(simple) if len(simple) else 0,
    }


def find_node(g: nx.Graph | nx.MultiDiGraph, name: str) -> str | None:
    """The node whose name or alias is ``name`` (case and diacritics ignored), else the first containing it."""
    key = fold(name)
    contains = None
    for n, d in g.nodes(data=True):
        names = [d.get("label", ""), *d.get("aliases", [])]
        if any(fold(x) == key for x in names):
            return n
        if contains is None and any(key in fold(x) for x in names):
            contains = n
    return contains


def focus(g, centre: str, depth: int = 1):
    """The neighbourhood of one node, ``depth`` steps out (either direction)."""
    if centre not in g:
        raise KeyError(centre)
    und = g.to_undirected(as_view=True)
    near = nx.single_source_shortest_path_length(und, centre, cutoff=depth)
    return g.subgraph(near).copy()


def only_countries(g, isos: set[str]):
    """Nodes in the given countries, plus the projects, programmes and events they connect to."""
    isos = {i.upper() for i in isos}
    inside = {n for n, d in g.nodes(data=True) if (d.get("country") or "") in isos}
    linked = {m for n in inside for m in nx.all_neighbors(g, n)
              if g.nodes[m].get("type") in ("Project", "Programme", "Event")}
    return g.subgraph(inside | linked).copy()
