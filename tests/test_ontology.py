"""The ontology: closed namespace, every own term declared with Latvian and English labels."""
from __future__ import annotations

import pytest
from rdflib import RDFS, Graph, Literal

from sikg.loaders.annotations import ENTITY_TYPES, PREDICATES
from sikg.ontology import SIKG, ontology_path, shapes_path


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ontology_path())


def test_every_schema_type_and_predicate_is_a_term(onto):
    for term in (*ENTITY_TYPES, *PREDICATES):
        iri = getattr(SIKG, term)
        assert (iri, None, None) in onto, term


def test_every_own_term_has_lv_and_en_labels_and_an_alignment_or_reason(onto):
    text = ontology_path().read_text(encoding="utf-8")
    for name in SIKG.__annotations__:
        iri = getattr(SIKG, name)
        langs = {lbl.language for lbl in onto.objects(iri, RDFS.label) if isinstance(lbl, Literal)}
        assert {"lv", "en"} <= langs, name
        assert "# Own " in text.split(f"sikg:{name} a ")[0].rsplit("\n\n", 1)[-1], f"no comment on {name}"


def test_closed_namespace_fails_on_a_typo():
    with pytest.raises(AttributeError):
        _ = SIKG.fundedby


def test_shapes_parse():
    assert len(Graph().parse(shapes_path())) > 50
