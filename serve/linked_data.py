"""Every IRI sikg mints dereferences: entities, articles, roles, memberships, article graphs, the
entity graph, the ontology and the dataset answer with HTML for browsers and Turtle, N-Triples,
JSON-LD (with ``@context``) or RDF/XML for clients that ask (``Accept``; 406 when none fits).

A resource's description is what the published graph says with it as subject or object (its name
index and the derived projections left out); an article graph's is its statements; the ontology's is
``ontology/sikg.ttl``; the dataset's is the release's VoID and DCAT-AP description.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from urllib.parse import quote

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Store, Triple, parse, serialize

from sikg.ontology import IRIS
from sikg.ontology.vocabulary import ENTITY_TYPES, LABELS, NAMESPACE, PREFIXES
from sikg.serve.answers import Answer, CappedBuffer, ExplorerJob, ResourceJob, TooLarge, with_charset
from sikg.serve.protocol import GRAPH_MEDIA, RequestError

HTML = "text/html"
#: What a dereferenced IRI answers in (HTML first: browsers that send */* get the page).
RESOURCE_MEDIA: dict[str, object] = {HTML: "html", "application/xhtml+xml": "html", **GRAPH_MEDIA}
ONTOLOGY_IRI = NAMESPACE.rstrip("#/")
DATASET_IRI = IRIS.dataset
MAX_TRIPLES = 20_000  # a description longer than this is cut (the page says so)
_NAME_PREDICATES = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label",
                    "https://schema.org/name", "http://xmlns.com/foaf/0.1/name", "http://purl.org/dc/terms/title")
_HIDDEN = (NAMESPACE + "searchWord", NAMESPACE + "searchKey")  # the name index: for lookups, not for reading
_ENTITY_PATHS = tuple(f"{IRIS.id_base}{t.lower()}/" for t in ENTITY_TYPES)


def iri_for_path(path: str) -> str | None:
    """The IRI a request path names (our base plus the path), or None when we mint no such IRI.

    >>> iri_for_path("/id/organisation/sif")
    'https://w3id.org/sikg/id/organisation/sif'
    >>> iri_for_path("/graph/projections") is None, iri_for_path("/etc/passwd") is None
    (True, True)
    """
    rest = path.lstrip("/")
    if rest == "ontology":
        return ONTOLOGY_IRI
    if rest == "dataset":
        return DATASET_IRI
    iri = IRIS.base + rest
    if not IRIS.is_minted(iri) or iri == IRIS.projection_graph or not rest.replace("/", "").replace("-", "").isalnum():
        return None
    return iri


def path_for_iri(iri: str) -> str | None:
    """The server path of one of our IRIs (None for others)."""
    if iri.startswith(ONTOLOGY_IRI):
        return "ontology" + ("#" + iri.split("#", 1)[1] if "#" in iri else "")
    if iri.startswith(IRIS.base) and (IRIS.is_minted(iri) or iri == DATASET_IRI):
        return iri[len(IRIS.base):]
    return None


def _describe(store: Store, iri: str) -> list[Triple]:
    node = NamedNode(iri)
    triples: list[Triple] = []
    is_graph = iri.startswith(IRIS.base + "graph/")
    if is_graph:  # a graph: its statements, then what is said about it
        triples += [q.triple for q in store.quads_for_pattern(None, None, None, node)]
    for q in store.query(f"SELECT ?p ?o {{ <{iri}> ?p ?o }} LIMIT {MAX_TRIPLES}"):
        if q["p"].value not in _HIDDEN:
            triples.append(Triple(node, q["p"], q["o"]))
    for q in store.query(f"SELECT ?s ?p {{ ?s ?p <{iri}> }} LIMIT {MAX_TRIPLES}"):
        triples.append(Triple(q["s"], q["p"], node))
    return triples[: MAX_TRIPLES * 2]


@cache
def _ontology() -> list[Triple]:
    from sikg.ontology import ontology_path

    return [q.triple for q in parse(path=str(ontology_path()), format=RdfFormat.TURTLE)]


def _dataset(store: Store, release: Path | None, endpoint: str) -> list[Triple]:
    """The release's VoID and DCAT-AP description where one is published; else what the server
    knows itself: the dataset, its endpoint and its size."""
    out: list[Triple] = []
    for name in ("void.ttl", "catalog.ttl"):
        path = (release or Path()) / name
        if release and path.is_file():
            out += [q.triple for q in parse(path=str(path), format=RdfFormat.TURTLE)]
    if out:
        return out
    from sikg.graph.store import sizes

    _, statements = sizes(store)
    ttl = f"""@prefix void: <http://rdfs.org/ns/void#> . @prefix dcterms: <http://purl.org/dc/terms/> .
<{DATASET_IRI}> a void:Dataset ; dcterms:title "Baltic social-innovation knowledge graph"@en ;
  void:sparqlEndpoint <{endpoint}> ; void:triples {statements} ; void:uriSpace "{IRIS.id_base}" ."""
    return [q.triple for q in parse(ttl, format=RdfFormat.TURTLE)]


@cache
def _context() -> dict:
    from sikg.ontology import context_path

    return json.loads(context_path().read_text(encoding="utf-8"))["@context"]


def serialise_graph(triples: list[Triple], media: str, cap: int = 64 * 2**20,
                    prefixes: dict[str, str] | None = None) -> bytes:
    """Triples in one of GRAPH_MEDIA (JSON-LD compacted with our ``@context``; Turtle with the
    ontology's prefixes and ``prefixes``), at most ``cap`` bytes."""
    fmt = GRAPH_MEDIA[media]
    out = CappedBuffer(cap)
    if fmt == RdfFormat.JSON_LD:  # compacted with our @context: short keys, not full IRIs
        import rdflib

        g = rdflib.Graph()
        g.parse(data=serialize(triples, format=RdfFormat.N_TRIPLES), format="nt")
        out.write(g.serialize(format="json-ld", context=_context(), auto_compact=True).encode("utf-8"))
    else:
        serialize(triples, out, format=fmt, prefixes={**PREFIXES, **(prefixes or {})})
    return out.getvalue()


def describe(store: Store, iri: str, release: Path | None = None, endpoint: str = "") -> list[Triple]:
    if iri == ONTOLOGY_IRI:
        return _ontology()
    if iri == DATASET_IRI:
        return _dataset(store, release, endpoint)
    return _describe(store, iri)


def answer_resource(store: Store, job: ResourceJob) -> Answer:
    triples = describe(store, job.iri, Path(job.release) if job.release else None, job.base_url + "sparql")
    if not triples:
        raise RequestError(404, f"nothing is known about {job.iri}")
    links = _alternates(job)
    if job.media == HTML:
        body = resource_html(store, job.iri, triples, job.base_url, job.lang)
        return Answer(200, with_charset(HTML), body, {"Vary": "Accept", "Link": links})
    return Answer(200, with_charset(job.media), serialise_graph(triples, job.media, job.max_bytes),
                  {"Vary": "Accept", "Link": links})


def _alternates(job: ResourceJob) -> str:
    return ", ".join(f'<{job.base_url}{quote(path_for_iri(job.iri) or "")}?format={quote(m, safe="")}>; '
                     f'rel="alternate"; type="{m}"'
                     for m in ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"))


# -- the HTML page
def _label_of(values: dict[str, list], lang: str) -> str | None:
    for p in _NAME_PREDICATES:
        names = values.get(p) or []
        for want in (lang, "en", "lv", ""):
            for n in names:
                if isinstance(n, Literal) and (n.language or "") == want:
                    return n.value
        if names:
            return names[0].value
    return None


def _labels(store: Store, iris: set[str], lang: str) -> dict[str, str]:
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in sorted(iris)[:2000])
    found: dict[str, dict[str, list]] = {}
    preds = " ".join(f"<{p}>" for p in _NAME_PREDICATES)
    for r in store.query(f"SELECT ?x ?p ?n {{ VALUES ?x {{ {values} }} VALUES ?p {{ {preds} }} ?x ?p ?n }}"):
        found.setdefault(r["x"].value, {}).setdefault(r["p"].value, []).append(r["n"])
    return {i: label for i, v in found.items() if (label := _label_of(v, lang))}


def curie(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and iri[len(ns):].replace("_", "").replace("-", "").isalnum():
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _predicate_label(iri: str, lang: str) -> str:
    if iri.startswith(NAMESPACE) and iri[len(NAMESPACE):] in LABELS:
        return LABELS[iri[len(NAMESPACE):]].get(lang) or curie(iri)
    return curie(iri)


@cache
def templates():
    """The page templates of serve/templates (Jinja2, HTML autoescaped)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("sikg.serve", "templates"), autoescape=select_autoescape(["html"]))


def _term(term, base_url: str, labels: dict[str, str]) -> dict:
    if isinstance(term, NamedNode):
        path = path_for_iri(term.value)
        return {"href": base_url + path if path is not None else term.value,
                "text": labels.get(term.value) or curie(term.value), "iri": term.value, "external": path is None}
    if isinstance(term, BlankNode):
        return {"text": f"_:{term.value}"}
    return {"text": term.value, "lang": term.language,
            "datatype": None if term.language else curie(term.datatype.value).replace("xsd:string", "") or None}


def resource_html(store: Store, iri: str, triples: list[Triple], base_url: str, lang: str = "lv") -> bytes:
    node = NamedNode(iri)
    about = [t for t in triples if t.subject == node]
    inbound = [t for t in triples if t.object == node and t.subject != node]
    named = {t.object.value for t in about if isinstance(t.object, NamedNode)} | \
            {t.subject.value for t in inbound if isinstance(t.subject, NamedNode)} | {iri}
    labels = _labels(store, named, lang) if iri not in (ONTOLOGY_IRI, DATASET_IRI) else {}
    values: dict[str, list] = {}
    for t in about:
        values.setdefault(t.predicate.value, []).append(t.object)
    title = labels.get(iri) or _label_of(values, lang) or curie(iri)
    rows = [{"predicate": _predicate_label(t.predicate.value, lang), "predicate_iri": t.predicate.value,
             "value": _term(t.object, base_url, labels)} for t in about if t.subject == node]
    rows.sort(key=lambda r: (r["predicate"], r["value"]["text"]))
    back = [{"predicate": _predicate_label(t.predicate.value, lang), "predicate_iri": t.predicate.value,
             "value": _term(t.subject, base_url, labels)} for t in inbound]
    back.sort(key=lambda r: (r["predicate"], r["value"]["text"]))
    statements = [t for t in triples if t.subject != node and t.object != node]
    path = path_for_iri(iri) or ""
    page = templates().get_template("resource.html").render(
        lang=lang, title=title, iri=iri, base_url=base_url, rows=rows, back=back, statements=len(statements),
        in_network=iri.startswith(_ENTITY_PATHS), focus=quote(iri, safe=""), path=quote(path),
        cut=len(triples) >= MAX_TRIPLES * 2)
    return page.encode("utf-8")


def answer_explorer(store: Store, job: ExplorerJob) -> Answer:
    """The partnership explorer of the whole graph, its entity links relative to the server's root."""
    from sikg.viz.explorer import LANGUAGES, explorer_data, explorer_page
    from sikg.viz.networks import load_network

    lang = job.lang if job.lang in LANGUAGES else LANGUAGES[0]
    body = explorer_page(explorer_data(load_network(store), lang=lang, base_url="")).encode("utf-8")
    if len(body) > job.max_bytes:
        raise TooLarge(f"the explorer page is larger than the cap of {job.max_bytes:,} bytes")
    return Answer(200, with_charset(HTML), body)
