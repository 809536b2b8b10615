"""The sikg ontology: its Turtle files, SHACL shapes and closed Python namespaces.

>>> from sikg.ontology import SIKG
>>> str(SIKG.fundedBy)
'https://w3id.org/sikg/ontology#fundedBy'
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from sikg.ontology.namespace import BASE_IRI, FRAPO, ORG, SCHEMA, SIKG, WD

__all__ = ["BASE_IRI", "FRAPO", "ORG", "SCHEMA", "SIKG", "WD", "ontology_path", "shapes_path"]


def ontology_path() -> Path:
    """The path of ``sikg.ttl``, the ontology."""
    return Path(str(files("sikg.ontology") / "sikg.ttl"))


def shapes_path() -> Path:
    """The path of ``shapes.ttl``, the SHACL shapes every built graph must pass."""
    return Path(str(files("sikg.ontology") / "shapes.ttl"))


def context_path() -> Path:
    """The path of ``context.jsonld``, the published JSON-LD context."""
    return Path(str(files("sikg.ontology") / "context.jsonld"))
