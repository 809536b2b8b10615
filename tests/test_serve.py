"""`sikg serve` as researchers' clients use it: SPARQLWrapper (every return format, GET and POST,
``addDefaultGraph``) and rdflib's SPARQLStore (SELECT, ASK, CONSTRUCT, graph-scoped) against a real
server on 127.0.0.1; the named queries; linked data by Accept; the service description."""
from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from sikg.graph.store import open_store
from sikg.ontology import IRIS
from support.servers import free_port, running, sikg_exe

ORG = "https://w3id.org/sikg/ontology#Organisation"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s a <{ORG}> }}"


@pytest.fixture(scope="module")
def endpoint(built):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sikg_exe(), "serve", "--port", str(port), "--timeout", "3", "--workers", "2", "--store", str(built[0])]
    with running(cmd, f"{base}/sparql"):
        yield base


def http(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers (case-insensitive), body) of one request."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def organisations(store) -> int:
    return int(next(iter(store.query(COUNT)))["n"].value)


@pytest.mark.parametrize("method", ["GET", POST])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select_in_every_format(endpoint, store, method, fmt):
    c = SPARQLWrapper(f"{endpoint}/sparql")
    c.setMethod(method)
    c.setReturnFormat(fmt)
    c.setQuery(COUNT)
    answer = c.query().convert()
    n = organisations(store)
    if fmt == JSON:
        assert int(answer["results"]["bindings"][0]["n"]["value"]) == n
    elif fmt == XML:
        assert answer.getElementsByTagName("literal")[0].firstChild.data == str(n)
    elif fmt == CSV:
        assert list(csv.reader(io.StringIO(answer.decode()))) == [["n"], [str(n)]]
    else:
        assert answer.decode().split("\n")[1].startswith(f'"{n}"') or answer.decode().split("\n")[1].startswith(str(n))


@pytest.mark.parametrize("method", ["GET", POST])
@pytest.mark.parametrize("fmt", [RDFXML, TURTLE, N3, JSONLD, XML])
def test_sparqlwrapper_construct_in_every_format(endpoint, method, fmt):
    c = SPARQLWrapper(f"{endpoint}/sparql")
    c.setMethod(method)
    c.setReturnFormat(fmt)
    c.setQuery(f"CONSTRUCT {{ ?s a <{ORG}> }} WHERE {{ ?s a <{ORG}> }} LIMIT 7")
    answer = c.query().convert()
    g = answer if isinstance(answer, rdflib.Graph) else rdflib.Graph().parse(
        data=answer, format={TURTLE: "turtle", N3: "n3", JSONLD: "json-ld"}[fmt])
    assert len(g) == 7


def test_sparqlwrapper_ask_and_default_graph(endpoint, store):
    c = SPARQLWrapper(f"{endpoint}/sparql")
    c.setReturnFormat(JSON)
    c.setQuery("ASK { ?s ?p ?o }")
    assert c.query().convert()["boolean"] is True
    # the dataset parameter narrows the default graph to one article's graph
    graph = next(iter(store.query("SELECT ?g { GRAPH ?g { ?s ?p ?o } "
                                  f"FILTER(STRSTARTS(STR(?g), '{IRIS.base}graph/article/')) }} ORDER BY ?g LIMIT 1"
                                  )))["g"].value
    expected = int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")))["n"].value)
    c = SPARQLWrapper(f"{endpoint}/sparql")
    c.setReturnFormat(JSON)
    c.addDefaultGraph(graph)
    c.setQuery("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    assert int(c.query().convert()["results"]["bindings"][0]["n"]["value"]) == expected
    assert expected < len(store) / 10


def test_rdflib_sparqlstore_select_ask_construct_and_a_graph(endpoint, store):
    g = rdflib.Graph(SPARQLStore(f"{endpoint}/sparql"))  # rdflib's default: SPARQL XML results, RDF/XML graphs
    rows = list(g.query(COUNT))
    assert int(rows[0][0]) == organisations(store)
    assert g.query("ASK { ?s ?p ?o }").askAnswer is True
    built = g.query(f"CONSTRUCT {{ ?s a <{ORG}> }} WHERE {{ ?s a <{ORG}> }} LIMIT 5").graph
    assert len(built) == 5
    scoped = rdflib.Graph(SPARQLStore(f"{endpoint}/sparql", returnFormat="json"),  # SELECT COUNT in JSON
                          identifier=rdflib.URIRef(IRIS.entity_graph))
    expected = int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{IRIS.entity_graph}> {{ ?s ?p ?o }} }}"
                                         )))["n"].value)
    assert len(scoped) == expected and 0 < expected < len(store)


def test_content_negotiation_and_406(endpoint):
    q = urllib.parse.quote("SELECT ?s WHERE { ?s a <https://w3id.org/sikg/ontology#Country> } LIMIT 2")
    status, headers, body = http(f"{endpoint}/sparql?query={q}", headers={"Accept": "text/tab-separated-values"})
    assert status == 200 and body.startswith(b"?s\n<https://w3id.org/sikg/id/country/")
    status, headers, body = http(f"{endpoint}/sparql?query={q}", headers={"Accept": "image/png"})
    assert status == 406 and b"application/sparql-results+json" in body
    c = urllib.parse.quote("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5")
    for accept, marker in (("text/turtle", b"<https://"), ("application/ld+json", b"@id"),
                           ("application/n-triples", b"> ."), ("application/rdf+xml", b"rdf:RDF")):
        status, headers, body = http(f"{endpoint}/sparql?query={c}", headers={"Accept": accept})
        assert status == 200 and marker in body and headers["Content-Type"].startswith(accept)
        assert "Accept" in headers["Vary"]
    status, _, body = http(f"{endpoint}/sparql?query={c}", headers={"Accept": "text/csv"})
    assert status == 406 and b"text/turtle" in body


def test_methods_and_bad_requests_say_what_is_wrong(endpoint):
    status, headers, body = http(f"{endpoint}/sparql", method="DELETE")
    assert status == 405 and "GET" in headers["allow"] and "POST" in headers["allow"]
    status, _, body = http(f"{endpoint}/sparql", b"ASK {}", {"Content-Type": "application/sparql-query; charset=latin1"})
    assert status == 415 and b"UTF-8" in body
    status, _, body = http(f"{endpoint}/sparql", "ASK { ?s ?p \"Lübeck\" }".encode("latin-1"),
                           {"Content-Type": "application/sparql-query"})
    assert status == 400 and b"not UTF-8" in body
    status, _, body = http(f"{endpoint}/sparql?query={urllib.parse.quote('SELEC nothing')}")
    assert status == 400 and b"bad SPARQL" in body
    status, _, body = http(f"{endpoint}/sparql?query=ASK%7B%7D&default-graph-uri=not%20an%20iri")
    assert status == 400 and b"default-graph-uri" in body


def test_service_description_names_the_configured_endpoint_never_the_host_header(endpoint):
    status, _headers, body = http(f"{endpoint}/sparql", headers={"Accept": "text/turtle",
                                                                "Host": 'evil.example"> <x> <y> . <z'})
    assert status == 200 and b"sd:Service" in body and b"evil" not in body
    g = rdflib.Graph().parse(data=body, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert set(g.objects(None, sd.endpoint)) == {rdflib.URIRef(f"{endpoint}/sparql")}
    assert set(g.objects(None, sd.defaultDataset)) == {rdflib.URIRef(IRIS.base + "dataset")}


def test_a_relative_iri_resolves_against_the_endpoint(endpoint):
    q = urllib.parse.quote("CONSTRUCT { <thing> <p> 1 } WHERE {}")
    status, _, body = http(f"{endpoint}/sparql?query={q}", headers={"Accept": "application/n-triples"})
    assert status == 200 and f"<{endpoint}/thing>".encode() in body


def test_every_kind_of_minted_iri_dereferences_in_every_format(endpoint, store):
    kinds = {}
    for r in store.query("SELECT DISTINCT ?x { { GRAPH ?g { ?x ?p ?o } } UNION { GRAPH ?x { ?a ?b ?c } } "
                         "FILTER(isIRI(?x) && STRSTARTS(STR(?x), 'https://w3id.org/sikg/')) }"):
        iri = r["x"].value
        kind = "/".join(iri[len(IRIS.base):].split("/")[:2])
        if "ontology" not in kind and "projection" not in kind:
            kinds.setdefault(kind, iri)
    kinds["ontology"] = IRIS.base + "ontology"
    kinds["dataset"] = IRIS.base + "dataset"
    assert {"id/organisation", "id/article", "id/role", "id/membership", "graph/article", "graph/entities",
            "id/country", "id/event", "id/person", "id/place", "id/programme", "id/project"} <= set(kinds)
    for kind, iri in kinds.items():
        url = endpoint + "/" + iri[len(IRIS.base):]
        status, headers, body = http(url, headers={"Accept": "text/html"})
        assert status == 200 and b"<h1>" in body, (kind, status, body[:200])
        assert 'rel="alternate"' in headers["link"] and "Accept" in headers["Vary"]
        for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"),
                            ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")):
            status, headers, body = http(url, headers={"Accept": accept})
            assert status == 200 and headers["Content-Type"].startswith(accept), (kind, accept, status, body[:200])
            g = rdflib.Graph().parse(data=body, format=fmt)
            assert len(g) > 0 and ((rdflib.URIRef(iri), None, None) in g or kind in ("graph/article", "graph/entities"))
            if fmt == "json-ld":
                assert "@context" in json.loads(body)
        status, _, _ = http(url, headers={"Accept": "image/png"})
        assert status == 406
    assert http(f"{endpoint}/id/organisation/no-such-thing")[0] == 404
    assert http(f"{endpoint}/graph/projections")[0] == 404  # derived: never published


def test_entity_page_links_the_network_and_escapes_names(endpoint, store):
    iri = next(iter(store.query(f"SELECT ?s {{ ?s a <{ORG}> }} ORDER BY ?s LIMIT 1")))["s"].value
    status, _, body = http(endpoint + "/" + iri[len(IRIS.base):])
    page = body.decode()
    assert status == 200 and "/explore#focus=" in page and "<script" not in page


def test_named_queries_page_and_answer(endpoint):
    status, headers, body = http(f"{endpoint}/query/entities?limit=5", headers={"Accept": "text/csv"})
    assert status == 200 and len(body.decode().strip().splitlines()) == 6 and 'rel="next"' in headers["link"]
    assert http(f"{endpoint}/query/no-such-query")[0] == 404
    status, _, body = http(f"{endpoint}/query/entities?limit=5&limit=6")
    assert status == 400 and b"twice" in body


def test_explorer_and_the_old_address(endpoint):
    status, _, body = http(f"{endpoint}/explore")
    assert status == 200 and b"sikgExplorer" in body and b"<script" in body
    req = urllib.request.Request(f"{endpoint}/graph")
    opener = urllib.request.build_opener(type("NoRedirect", (urllib.request.HTTPRedirectHandler,), {
        "redirect_request": lambda *a, **k: None}))
    with pytest.raises(urllib.error.HTTPError) as err:
        opener.open(req, timeout=10)
    assert err.value.code == 301 and err.value.headers["location"] == "/explore"


def test_responses_are_gzipped_when_asked(endpoint):
    req = urllib.request.Request(f"{endpoint}/query/entities?limit=200", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req, timeout=30) as r:
        assert r.headers["Content-Encoding"] == "gzip"
    assert open_store  # the store module stays importable beside the server


def test_repeated_queries_come_from_the_cache_but_never_a_volatile_one(endpoint):
    q = urllib.parse.quote("SELECT (STRUUID() AS ?u) {}")
    first = http(f"{endpoint}/sparql?query={q}")[2]
    assert http(f"{endpoint}/sparql?query={q}")[2] != first  # a fresh UUID each time
    q = urllib.parse.quote(COUNT)
    assert http(f"{endpoint}/sparql?query={q}")[2] == http(f"{endpoint}/sparql?query={q}")[2]


def test_every_minted_iri_answers(endpoint, store):
    iris = {r["x"].value for r in store.query(
        "SELECT DISTINCT ?x { { GRAPH ?g { ?x ?p ?o } } UNION { GRAPH ?g { ?s ?p ?x } } UNION { GRAPH ?x { ?a ?b ?c } } "
        f"FILTER(isIRI(?x) && (STRSTARTS(STR(?x), '{IRIS.id_base}') || STRSTARTS(STR(?x), '{IRIS.base}graph/'))) }}")}
    iris.discard(IRIS.projection_graph)
    assert len(iris) > 1000
    missing = [i for i in sorted(iris) if http(endpoint + "/" + i[len(IRIS.base):],
                                                headers={"Accept": "application/n-triples"})[0] != 200]
    assert missing == []


def test_served_under_a_deployments_base_iri_as_published(built, tmp_path):
    """One setting (SIKG_BASE_IRI) moves the data's IRIs in the release and in every served answer alike."""
    import gzip
    import os

    from support import run_sikg

    base = "https://data.example.lv/sikg/"
    env = {"SIKG_BASE_IRI": base}
    out = run_sikg("publish", "--out", str(tmp_path / "rel"), "--store", str(built[0]), env=env)
    assert out.returncode == 0, out.stderr
    dump = gzip.decompress((tmp_path / "rel" / "sikg.nq.gz").read_bytes()).decode()
    entity = next(line.split()[0][1:-1] for line in dump.splitlines() if line.startswith(f"<{base}id/organisation/"))
    port = free_port()
    with running([sikg_exe(), "serve", "--port", str(port), "--public-url", f"http://127.0.0.1:{port}/",
                  "--store", str(built[0])], f"http://127.0.0.1:{port}/sparql", env={**os.environ, **env}):
        served = f"http://127.0.0.1:{port}/"
        status, _, body = http(served + entity[len(base):], headers={"Accept": "application/n-triples"})
        assert status == 200 and f"<{entity}>".encode() in body and IRIS.id_base.encode() not in body
        assert b"<https://w3id.org/sikg/ontology#" in body  # the ontology's terms stay where they are
        q = urllib.parse.quote(f"SELECT ?p ?o WHERE {{ <{entity}> ?p ?o }}")
        status, _, body = http(f"{served}sparql?query={q}", headers={"Accept": "text/csv"})
        assert status == 200 and len(body.splitlines()) > 2
        q = urllib.parse.quote(f"SELECT ?x WHERE {{ ?x a <{ORG}> }} LIMIT 3")
        status, _, body = http(f"{served}sparql?query={q}", headers={"Accept": "text/csv"})
        assert all(line.startswith(base + "id/organisation/") for line in body.decode().split()[1:])
