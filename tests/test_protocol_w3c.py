"""The W3C SPARQL 1.1 Protocol tests (w3c/rdf-tests, sparql/sparql11/protocol, copied into
tests/data/w3c-protocol with their licence), run against a real `sikg serve` on 127.0.0.1.

Each request is sent exactly as the manifest describes it (method, path, headers, body in its
character encoding) with http.client, which adds nothing but Host and Content-Length.  The query
tests must pass as written; the update tests must be refused with a 4xx saying the endpoint is
read-only (this endpoint serves a built graph and never changes it).
"""
from __future__ import annotations

import http.client
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, Quad, RdfFormat, parse
from rdflib import Graph, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from sikg.graph.store import write_generation
from support.servers import free_port, running, sikg_exe

SUITE = Path(__file__).parent / "data" / "w3c-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
BASE = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest"

MANIFEST = Graph().parse(SUITE / "manifest.ttl", format="turtle", publicID=BASE)
ENTRIES = list(Collection(MANIFEST, MANIFEST.value(URIRef(BASE), MF.entries)))


def _requests(test) -> list[dict]:
    action = MANIFEST.value(test, MF.action)
    out = []
    for req in Collection(MANIFEST, MANIFEST.value(action, HT.requests)):
        headers = {}
        head_list = MANIFEST.value(req, HT.headers)
        if head_list is not None:
            for h in Collection(MANIFEST, head_list):
                headers[str(MANIFEST.value(h, HT.fieldName))] = str(MANIFEST.value(h, HT.fieldValue))
        body_node = MANIFEST.value(req, HT.body)
        body = None
        if body_node is not None:
            encoding = str(MANIFEST.value(body_node, CNT.characterEncoding) or "UTF-8")
            body = str(MANIFEST.value(body_node, CNT.chars)).encode(encoding)
        resp = MANIFEST.value(req, HT.resp)
        out.append({
            "method": str(MANIFEST.value(req, HT.methodName)), "path": str(MANIFEST.value(req, HT.absolutePath)),
            "headers": headers, "body": body,
            "statuses": {str(s).rsplit("#", 1)[1] for s in MANIFEST.objects(resp, MF.expectedStatus)},
            "boolean": MANIFEST.value(resp, MF.expectedBoolean),
            "format": str(MANIFEST.value(resp, MF.expectedFormat) or ""),
        })
    return out


def _graph_data() -> list[Quad]:
    quads = []
    for test in ENTRIES:
        for data in MANIFEST.objects(test, UT.graphData):
            file = Path(str(MANIFEST.value(data, UT.graph)).rsplit("/", 1)[1])
            name = NamedNode(str(MANIFEST.value(data, RDFS.label)))
            quads += [Quad(t.subject, t.predicate, t.object, name)
                      for t in parse(path=str(SUITE / file), format=RdfFormat.N_TRIPLES)]
    return sorted(set(quads), key=str)


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    store = tmp_path_factory.mktemp("w3c") / "store"
    write_generation(store, _graph_data())
    port = free_port()
    with running([sikg_exe(), "serve", "--port", str(port), "--store", str(store)], f"http://127.0.0.1:{port}/sparql"):
        yield port


def _send(port: int, req: dict) -> tuple[int, str, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(req["method"], req["path"], body=req["body"], headers=req["headers"])
        r = conn.getresponse()
        return r.status, r.getheader("Content-Type") or "", r.read()
    finally:
        conn.close()


def _boolean(ctype: str, body: bytes) -> bool:
    if "json" in ctype:
        return json.loads(body)["boolean"]
    root = ET.fromstring(body)
    return root.find("{http://www.w3.org/2005/sparql-results#}boolean").text == "true"


def test_the_manifest_has_every_test():
    assert len(ENTRIES) == 34
    assert all((t, RDF.type, MF.ProtocolTest) in MANIFEST for t in ENTRIES)


@pytest.mark.parametrize("test", ENTRIES, ids=[str(t).rsplit("#", 1)[1] for t in ENTRIES])
def test_w3c_protocol(endpoint, test):
    name = str(test).rsplit("#", 1)[1]
    for req in _requests(test):
        status, ctype, body = _send(endpoint, req)
        if name.startswith("update_"):  # a read-only endpoint: the update is refused, and says why
            assert 400 <= status < 500 and b"read-only" in body, (status, body)
            return
        family = f"StatusCode{status // 100}xx"
        assert family in req["statuses"], (name, status, body[:300])
        if req["boolean"] is not None:
            assert _boolean(ctype, body) == req["boolean"].toPython(), body
        if req["format"] == "boolean":
            assert ctype.split(";")[0] in ("application/sparql-results+json", "application/sparql-results+xml")
        elif req["format"] == "tabular":
            assert ctype.split(";")[0] in ("application/sparql-results+json", "application/sparql-results+xml",
                                           "text/csv", "text/tab-separated-values")
        elif req["format"] == "RDF":
            assert ctype.split(";")[0] in ("application/rdf+xml", "text/turtle", "application/n-triples")
            Graph().parse(data=body, format={"application/rdf+xml": "xml", "text/turtle": "turtle",
                                             "application/n-triples": "nt"}[ctype.split(";")[0]])
        if status >= 400:
            assert body.strip() and b"\n" not in body.strip(), body  # one clear line
