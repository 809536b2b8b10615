"""SHACL validation of a built graph with pySHACL against ``ontology/shapes.ttl``."""
from __future__ import annotations

from dataclasses import dataclass

import pyshacl
from pyoxigraph import RdfFormat, Store, serialize
from rdflib import Graph

from sikg.graph.store import union_triples
from sikg.ontology import shapes_path


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: int
    text: str
    method: str = "SHACL"


def union_graph(store: Store) -> Graph:
    """All statements of all graphs of a store as one rdflib Graph (the union view)."""
    data = serialize(union_triples(store), format=RdfFormat.N_TRIPLES)
    return Graph().parse(data=data.decode("utf-8"), format="nt")


def validate(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate a graph against the sikg shapes (or ``shapes``); warnings do not fail it."""
    shapes = shapes if shapes is not None else Graph().parse(shapes_path())
    conforms, _results, text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True,
    )
    violations = text.count("Severity: sh:Violation")
    return ValidationReport(conforms=bool(conforms), violations=violations, text=str(text))


def validate_store(store: Store) -> ValidationReport:
    return validate(union_graph(store))
