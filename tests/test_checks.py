"""The SPARQL form of the shapes agrees with pySHACL on good and on broken graphs."""
from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from sikg.graph.checks import run_checks
from sikg.graph.store import with_union
from sikg.graph.validate import validate_store

SIKG = "https://w3id.org/sikg/ontology#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PREF = NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
G = NamedNode("https://w3id.org/sikg/graph/entities")


def copy(store: Store) -> Store:
    out = Store()
    out.bulk_extend(store)
    return out


def test_both_accept_the_bundled_graph(store):
    assert run_checks(store).conforms and validate_store(store).conforms


BREAKAGES = {
    "no prefLabel": [Quad(NamedNode("https://w3id.org/sikg/id/organisation/x"), RDF_TYPE,
                          NamedNode(SIKG + "Organisation"), G)],
    "bad IRI": [Quad(NamedNode("http://example.org/x"), RDF_TYPE, NamedNode(SIKG + "Person"), G),
                Quad(NamedNode("http://example.org/x"), PREF, Literal("X", language="lv"), G)],
    "two labels one language": [Quad(NamedNode("https://w3id.org/sikg/id/organisation/attistibas-finansu-institucija-altum"),
                                     PREF, Literal("Otrs nosaukums", language="lv"), G)],
    "funder is a person": [Quad(NamedNode("https://w3id.org/sikg/id/project/sempre"), NamedNode(SIKG + "fundedBy"),
                                NamedNode("https://w3id.org/sikg/id/person/martins-urdze"), G)],
    "country without ISO code": [Quad(NamedNode("https://w3id.org/sikg/id/country/atlantida"), RDF_TYPE,
                                      NamedNode(SIKG + "Country"), G),
                                 Quad(NamedNode("https://w3id.org/sikg/id/country/atlantida"), PREF,
                                      Literal("Atlantīda", language="lv"), G)],
}


@pytest.mark.parametrize("case", list(BREAKAGES))
def test_both_reject_a_broken_graph(store, case):
    broken = copy(store)
    broken.extend(with_union(BREAKAGES[case]))  # writers keep the materialised union
    assert not validate_store(broken).conforms, case
    assert not run_checks(broken).conforms, case
