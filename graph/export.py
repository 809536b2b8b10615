"""Exports of a built store: Turtle, TriG, N-Quads, N-Triples, JSON-LD.

TriG and N-Quads keep the per-article named graphs; Turtle, N-Triples and JSON-LD hold the
union view (every distinct statement once).  JSON-LD is compacted with the published context
``ontology/context.jsonld``, embedded so that the file parses with no network.
"""
from __future__ import annotations

import json
from pathlib import Path

from pyoxigraph import RdfFormat, Store, serialize
from rdflib import Graph

from sikg.files import write_atomically
from sikg.graph.store import named_quads, union_triples
from sikg.ontology import ENTITY_TYPES, IRIS, context_path
from sikg.ontology.terms import WIKIDATA
from sikg.ontology.vocabulary import PREFIXES as VOCABULARY_PREFIXES

FORMATS = {
    "turtle": RdfFormat.TURTLE,
    "trig": RdfFormat.TRIG,
    "nquads": RdfFormat.N_QUADS,
    "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
}
DATASET_FORMATS = ("trig", "nquads")
#: Prefixes of the Turtle and TriG exports: the vocabularies', then one per entity type's IRIs.
PREFIXES = {
    **{p: VOCABULARY_PREFIXES[p] for p in ("sikg", "org", "schema", "prov", "skos", "dcterms", "owl", "xsd")},
    "wd": WIKIDATA,
    **{t.lower(): IRIS.type_base(t) for t in ENTITY_TYPES},
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
        doc = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
        return json.dumps(_ordered(doc), ensure_ascii=False, indent=2).encode("utf-8")
    return serialize(triples, format=FORMATS[fmt], prefixes=PREFIXES if fmt == "turtle" else None)


def _ordered(value):
    """A JSON-LD document in one order whatever rdflib's (hash-seed dependent) order was: nodes by
    ``@id``, values sorted, keys with ``@context``, ``@id`` and ``@type`` first; so the same graph
    gives the same bytes (and the same checksum in a release)."""
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: ({"@context": 0, "@id": 1, "@type": 2}.get(k, 3), k))
        return {k: value[k] if k in ("@context", "@list") else _ordered(value[k]) for k in keys}
    if isinstance(value, list):
        items = [_ordered(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


def export(store: Store, fmt: str, output: Path | None = None) -> bytes | None:
    """Write an export to ``output`` atomically, or return its bytes."""
    data = export_bytes(store, fmt)
    if output is None:
        return data
    write_atomically(output, data)
    return None
