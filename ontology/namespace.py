"""Closed vocabularies: a typo in a term fails at import time, as in rdflib's own namespaces.

>>> SIKG.Organisation
rdflib.term.URIRef('https://w3id.org/sikg/ontology#Organisation')
>>> SIKG.Organization  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
AttributeError: term 'Organization' not in namespace 'https://w3id.org/sikg/ontology#'
"""
from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

#: Where every IRI minted by sikg lives: entities under ``id/``, article graphs under ``graph/``.
BASE_IRI = "https://w3id.org/sikg/"


class SIKG(DefinedNamespace):
    """The terms of ``ontology/sikg.ttl``: the annotation schema's types and predicates."""

    _fail = True
    _NS = Namespace(BASE_IRI + "ontology#")

    # classes (SCHEMA.md entity types)
    Organisation: URIRef
    Project: URIRef
    Programme: URIRef
    Person: URIRef
    Country: URIRef
    Place: URIRef
    Event: URIRef
    Article: URIRef
    ArticleGraph: URIRef
    # relations (SCHEMA.md predicates)
    fundedBy: URIRef
    partnerIn: URIRef
    coordinates: URIRef
    organises: URIRef
    manages: URIRef
    memberOf: URIRef
    worksFor: URIRef
    participatesIn: URIRef
    heldIn: URIRef
    locatedIn: URIRef
    partOf: URIRef
    # attributes
    country: URIRef
    isoCode: URIRef
    readOn: URIRef
    searchKey: URIRef
    searchWord: URIRef


class ORG(DefinedNamespace):
    """The W3C Organization Ontology terms sikg uses."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/org#")

    Organization: URIRef
    Membership: URIRef
    Role: URIRef
    member: URIRef
    organization: URIRef
    role: URIRef
    memberOf: URIRef
    hasMembership: URIRef
    basedAt: URIRef


class SCHEMA(DefinedNamespace):
    """The schema.org terms sikg uses."""

    _fail = True
    _NS = Namespace("https://schema.org/")

    Organization: URIRef
    Project: URIRef
    Person: URIRef
    Country: URIRef
    Place: URIRef
    Event: URIRef
    NewsArticle: URIRef
    worksFor: URIRef
    funder: URIRef
    organizer: URIRef
    location: URIRef
    startDate: URIRef
    url: URIRef
    publisher: URIRef
    inLanguage: URIRef
    isPartOf: URIRef
    mentions: URIRef
    memberOf: URIRef
    addressCountry: URIRef
    containedInPlace: URIRef


class FRAPO(DefinedNamespace):
    """The FRAPO (Funding, Research Administration and Projects Ontology) terms sikg uses."""

    _fail = True
    _NS = Namespace("http://purl.org/cerif/frapo/")

    FundingProgramme: URIRef
    Project: URIRef
    isFundedBy: URIRef
    funds: URIRef


WD = Namespace("http://www.wikidata.org/entity/")
