"""The sikg ontology: its Turtle files, SHACL shapes, the generated vocabulary and the IRI scheme.

>>> from sikg.ontology import SIKG, ENTITY_TYPES
>>> SIKG.fundedBy == SIKG["fundedBy"], ENTITY_TYPES[0]
(True, 'Organisation')
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from sikg.ontology.iris import DEFAULT_BASE_IRI, IRIS, IriScheme
from sikg.ontology.vocabulary import ENTITY_TYPES, NAMESPACE, PREDICATES, ROLE_PREDICATES, SIKG, TERMS, term

__all__ = [
    "DEFAULT_BASE_IRI", "ENTITY_TYPES", "IRIS", "NAMESPACE", "PREDICATES", "ROLE_PREDICATES", "SIKG", "TERMS",
    "IriScheme", "context_path", "dcat_ap_shapes", "dcat_shapes_path", "ontology_path", "shapes_path", "term",
]


def _file(name: str) -> Path:
    return Path(str(files("sikg.ontology") / name))


def ontology_path() -> Path:
    """The path of ``sikg.ttl``, the ontology."""
    return _file("sikg.ttl")


def shapes_path() -> Path:
    """The path of ``shapes.ttl``, the SHACL shapes every built graph must pass."""
    return _file("shapes.ttl")


def dcat_shapes_path() -> Path:
    """The path of ``dcat-ap-shapes.ttl``, the shapes a release's catalog and VoID must pass."""
    return _file("dcat-ap-shapes.ttl")


def dcat_ap_shapes(version: str, part: str) -> Path:
    """An official DCAT-AP release's shapes (``dcat-ap/VERSION/PART.ttl``: shapes, range,
    shapes_recommended), copied from SEMICeu/DCAT-AP (see ``dcat-ap/README.md``)."""
    return _file(f"dcat-ap/{version}/{part}.ttl")


def context_path() -> Path:
    """The path of ``context.jsonld``, the published JSON-LD context."""
    return _file("context.jsonld")
