"""Exports of a built store: Turtle, TriG, N-Quads, N-Triples, JSON-LD.

TriG and N-Quads keep the per-article named graphs; Turtle, N-Triples and JSON-LD hold the
union view (every distinct statement once).  JSON-LD is compacted with the published context
``ontology/context.jsonld``, embedded so that the file parses with no network.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from pyoxigraph import RdfFormat, Store, serialize
from rdflib import Graph

from sikg.graph.store import named_quads, union_triples
from sikg.ontology import context_path

FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "trig": RdfFormat.TRIG,
    "nquads": RdfFormat.N_QUADS,
    "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
}
DATASET_FORMATS = ("trig", "nquads")
PREFIXES = {
    "sikg": "https://w3id.org/sikg/ontology#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": "http://www.wikidata.org/entity/",
    "organisation": "https://w3id.org/sikg/id/organisation/",
    "person": "https://w3id.org/sikg/id/person/",
    "project": "https://w3id.org/sikg/id/project/",
    "programme": "https://w3id.org/sikg/id/programme/",
    "country": "https://w3id.org/sikg/id/country/",
    "place": "https://w3id.org/sikg/id/place/",
    "event": "https://w3id.org/sikg/id/event/",
}


def export_bytes(store: Store, fmt: str) -> bytes:
    """Serialise a store in one of FORMATS."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")
    if fmt in DATASET_FORMATS:
        return serialize(named_quads(store), format=FORMATS[fmt], prefixes=PREFIXES if fmt == "trig" else None)
    triples = union_triples(store)
    if fmt == "jsonld":
        nt = serialize(triples, format=RdfFormat.N_TRIPLES)
        graph = Graph().parse(data=nt.decode("utf-8"), format="nt")
        context = json.loads(context_path().read_text(encoding="utf-8"))["@context"]
        return graph.serialize(format="json-ld", context=context, auto_compact=True).encode("utf-8")
    return serialize(triples, format=FORMATS[fmt], prefixes=PREFIXES if fmt == "turtle" else None)


def export(store: Store, fmt: str, output: Path | None = None) -> bytes | None:
    """Write an export to ``output`` atomically, or return its bytes."""
    data = export_bytes(store, fmt)
    if output is None:
        return data
    output = Path(output)
    tmp = output.with_name(f".{output.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    tmp.replace(output)
    return None
