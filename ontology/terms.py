"""The terms of the reused vocabularies (RDF, SKOS, PROV-O, DCTERMS, schema.org, ORG, OWL, XSD) that
sikg writes and reads, as pyoxigraph terms, and SPARQL prefix headers; namespaces come from the
prefixes the ontology declares (``vocabulary.PREFIXES``).

>>> SKOS_PREF.value
'http://www.w3.org/2004/02/skos/core#prefLabel'
>>> print(sparql_prefixes("org", "skos"))
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
from __future__ import annotations

from typing import Final

from pyoxigraph import NamedNode

from sikg.ontology.vocabulary import PREFIXES

#: Wikidata's entity namespace (links in data/links.tsv and data/gazetteer/countries.tsv).
WIKIDATA: Final = "http://www.wikidata.org/entity/"


def _t(prefix: str, local: str) -> NamedNode:
    return NamedNode(PREFIXES[prefix] + local)


RDF_TYPE: Final = _t("rdf", "type")
SKOS_PREF: Final = _t("skos", "prefLabel")
SKOS_ALT: Final = _t("skos", "altLabel")
SKOS_EXACT: Final = _t("skos", "exactMatch")
OWL_SAMEAS: Final = _t("owl", "sameAs")
PROV_DERIVED: Final = _t("prov", "wasDerivedFrom")
DCT_TITLE: Final = _t("dcterms", "title")
DCT_LANGUAGE: Final = _t("dcterms", "language")
DCT_ISSUED: Final = _t("dcterms", "issued")
DCT_CREATOR: Final = _t("dcterms", "creator")
SCHEMA_URL: Final = _t("schema", "url")
SCHEMA_PUBLISHER: Final = _t("schema", "publisher")
SCHEMA_MENTIONS: Final = _t("schema", "mentions")
SCHEMA_START: Final = _t("schema", "startDate")
ORG_MEMBERSHIP: Final = _t("org", "Membership")
ORG_MEMBER: Final = _t("org", "member")
ORG_ORGANIZATION: Final = _t("org", "organization")
ORG_ROLE: Final = _t("org", "role")
ORG_ROLE_CLASS: Final = _t("org", "Role")


def xsd(datatype: str) -> NamedNode:
    """An XML Schema datatype (``xsd("date")``)."""
    return _t("xsd", datatype)


def sparql_prefixes(*names: str) -> str:
    """``PREFIX`` lines for the named prefixes (all the ontology's when none are named)."""
    return "\n".join(f"PREFIX {p}: <{PREFIXES[p]}>" for p in (names or sorted(PREFIXES)))
