"""Pages `sikg serve` serves for people: the network at ``/graph`` and one page per entity at its
IRI path (``/id/organisation/liepajas-diakonijas-centrs``): HTML for browsers, Turtle, N-Triples or
JSON-LD for clients that ask for them, so the IRIs dereference."""
from __future__ import annotations

import html
from urllib.parse import quote

from pyoxigraph import NamedNode, RdfFormat, Store, serialize

from sikg.graph.store import union_query
from sikg.ontology.vocabulary import PREFIXES
from sikg.viz.networks import load_network

RDF_FORMATS = {"turtle": (RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
               "ntriples": (RdfFormat.N_TRIPLES, "application/n-triples"),
               "jsonld": (RdfFormat.JSON_LD, "application/ld+json")}
ENTITY_PAGE_MEDIA = {"text/html": "html", "application/xhtml+xml": "html", "text/turtle": "turtle",
                     "application/n-triples": "ntriples", "application/ld+json": "jsonld"}


def explore_page(store: Store, lang: str = "lv") -> bytes:
    """The partnership explorer of the whole graph, its entity links relative to the server's root."""
    from sikg.viz.explorer import LANGUAGES, explorer_data, explorer_page

    data = explorer_data(load_network(store), lang=lang if lang in LANGUAGES else LANGUAGES[0], base_url="")
    return explorer_page(data).encode("utf-8")


def entity_rdf(store: Store, iri: str, fmt: str) -> bytes | None:
    """Every statement about the entity (and its memberships), from all articles."""
    node = NamedNode(iri)
    if not any(True for _ in store.quads_for_pattern(node, None, None)):
        return None
    query = f"""CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> . }} WHERE {{
        {{ SELECT DISTINCT ?p ?o {{ <{iri}> ?p ?o }} }} UNION {{ SELECT DISTINCT ?s ?q {{ ?s ?q <{iri}> }} }} }}"""
    triples = list(union_query(store, query))
    return serialize(triples, format=RDF_FORMATS[fmt][0],
                     prefixes={p: PREFIXES[p] for p in ("sikg", "skos")})


def entity_html(store: Store, iri: str, base_url: str) -> bytes | None:
    g = load_network(store)
    if iri not in g:
        return None
    d = g.nodes[iri]
    e = html.escape

    def link(n: str) -> str:
        label = g.nodes[n]["label"] if n in g else n
        path = n.split("/id/", 1)[1] if "/id/" in n else None
        return f'<a href="{e(base_url)}/id/{e(path)}">{e(label)}</a>' if path else e(label)

    rows = []
    for _, o, k, a in g.out_edges(iri, keys=True, data=True):
        rows.append(f"<li>{e(k)} → {link(o)}{' (' + e(a['role']) + ')' if a.get('role') else ''}</li>")
    for s, _, k, a in g.in_edges(iri, keys=True, data=True):
        rows.append(f"<li>{link(s)} → {e(k)}{' (' + e(a['role']) + ')' if a.get('role') else ''}</li>")
    sources = []
    for art in d.get("articles", []):
        url = art.url if art.url and art.url.startswith(("http://", "https://")) else None
        title = f'<a href="{e(url)}" rel="noopener noreferrer">{e(art.title)}</a>' if url else e(art.title)
        sources.append(f"<li>{title}</li>")
    aliases = "".join(f"<li>{e(a)}</li>" for a in d.get("aliases", []))
    page = f"""<!doctype html><html lang="lv"><head><meta charset="utf-8"><title>{e(d['label'])}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}}</style></head><body>
<p><a href="{e(base_url)}/explore#focus={e(quote(iri, safe=''))}">show in network</a> ·
<a href="{e(base_url)}/">SPARQL</a></p>
<h1>{e(d['label'])}</h1><p>{e(d['type'])}{' · ' + e(d['country']) if d.get('country') else ''}</p>
<p><code>{e(iri)}</code></p>
<h2>Also written</h2><ul>{aliases or '<li>—</li>'}</ul>
<h2>Relations</h2><ul>{''.join(rows) or '<li>—</li>'}</ul>
<h2>Sources</h2><ul>{''.join(sources) or '<li>—</li>'}</ul>
<p>Also as <a href="?format=turtle">Turtle</a> · <a href="?format=jsonld">JSON-LD</a></p></body></html>"""
    return page.encode("utf-8")
