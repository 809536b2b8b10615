"""`sikg serve`: a real SPARQL 1.1 Protocol endpoint, queried with SPARQLWrapper."""
from __future__ import annotations

import csv
import io
import urllib.error
import urllib.request

import pytest
from SPARQLWrapper import CSV, JSON, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from support.servers import free_port, running, sikg_exe

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/sikg/ontology#Organisation> }"


@pytest.fixture(scope="module")
def endpoint(built):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sikg_exe(), "serve", "--port", str(port), "--timeout", "2", "--max-results", "500",
           "--max-body", "20000", "--store", str(built[0])]
    with running(cmd, f"{base}/sparql"):
        yield base


def client(base: str, fmt) -> SPARQLWrapper:
    c = SPARQLWrapper(f"{base}/sparql")
    c.setReturnFormat(fmt)
    return c


def http(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_json_xml_csv(endpoint):
    c = client(endpoint, JSON)
    c.setQuery(COUNT)
    n = int(c.query().convert()["results"]["bindings"][0]["n"]["value"])
    assert n > 50
    c = client(endpoint, XML)
    c.setQuery(COUNT)
    doc = c.query().convert()
    assert doc.getElementsByTagName("literal")[0].firstChild.data == str(n)
    c = client(endpoint, CSV)
    c.setQuery(COUNT)
    rows = list(csv.reader(io.StringIO(c.query().convert().decode())))
    assert rows == [["n"], [str(n)]]


def test_tsv_and_construct_by_accept(endpoint):
    q = "query=" + urllib.request.quote("SELECT ?s WHERE { ?s a <https://w3id.org/sikg/ontology#Country> } LIMIT 2")
    status, headers, body = http(f"{endpoint}/sparql?{q}", headers={"Accept": "text/tab-separated-values"})
    assert status == 200 and body.startswith(b"?s\n<https://w3id.org/sikg/id/country/")
    q = "query=" + urllib.request.quote("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5")
    for accept, marker in (("text/turtle", b"<https://"), ("application/ld+json", b"@id"),
                           ("application/n-triples", b"> .")):
        status, headers, body = http(f"{endpoint}/sparql?{q}", headers={"Accept": accept})
        assert status == 200 and marker in body and headers["Content-Type"].startswith(accept)


def test_insert_is_refused(endpoint):
    c = client(endpoint, JSON)
    c.setQuery("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }")
    c.setMethod("POST")
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as err:
        c.query()
    assert "403" in str(err.value) or "read-only" in str(err.value)
    status, _, body = http(f"{endpoint}/sparql", b"update=DROP%20ALL",
                           {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403 and b"read-only" in body


def test_runaway_query_is_stopped_at_the_time_limit_and_the_server_keeps_answering(endpoint):
    c = client(endpoint, JSON)
    c.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as err:
        c.query()
    detail = err.value.read().decode() if isinstance(err.value, urllib.error.HTTPError) else str(err.value)
    assert "time limit" in detail
    c.setQuery(COUNT)
    assert c.query().convert()["results"]["bindings"]


def test_service_description(endpoint):
    status, _headers, body = http(f"{endpoint}/sparql", headers={"Accept": "text/turtle"})
    assert status == 200 and b"sd:Service" in body and b"sd:SPARQL11Query" in body


def test_service_to_another_host_result_cap_body_cap_and_cors(endpoint):
    q = urllib.request.quote("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    status, headers, body = http(f"{endpoint}/sparql?query={q}")
    assert status == 403 and b"SERVICE" in body and headers["Access-Control-Allow-Origin"] == "*"
    q = urllib.request.quote("SELECT * WHERE { ?s ?p ?o }")
    status, _, body = http(f"{endpoint}/sparql?query={q}")
    assert status == 413 and b"more than 500 rows" in body
    status, _, body = http(f"{endpoint}/sparql", b"query=" + b"x" * 30000,
                           {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 413
    status, _, body = http(f"{endpoint}/sparql?query={urllib.request.quote('SELEC nothing')}")
    assert status == 400 and b"bad SPARQL" in body


def test_query_page_has_the_named_queries_and_no_external_assets(endpoint):
    status, _headers, body = http(f"{endpoint}/")
    page = body.decode()
    assert status == 200 and "project-partners" in page and "<textarea" in page
    assert "src=\"http" not in page and "href=\"http" not in page and "cdn" not in page.lower()
