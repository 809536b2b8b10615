"""The sikg vocabulary, generated from ontology/sikg.ttl by scripts/vocabulary.py: do not edit.

Regenerate after editing the ontology (`.venv/bin/python scripts/vocabulary.py`); a test fails while
this file is out of date.  A typo in a term fails, as in rdflib's closed namespaces:

>>> SIKG.fundedBy
rdflib.term.URIRef('https://w3id.org/sikg/ontology#fundedBy')
>>> SIKG.fundedby  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
AttributeError: term 'fundedby' not in namespace 'https://w3id.org/sikg/ontology#'
>>> term('partnerIn') == TERMS.partnerIn
True
"""
from __future__ import annotations

from typing import Final

from pyoxigraph import NamedNode
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

#: The namespace of the sikg ontology's own terms.
NAMESPACE: Final = 'https://w3id.org/sikg/ontology#'

#: The prefixes the ontology declares (SPARQL and Turtle headers take theirs from here).
PREFIXES: Final[dict[str, str]] = {
    'dcterms': 'http://purl.org/dc/terms/',
    'foaf': 'http://xmlns.com/foaf/0.1/',
    'frapo': 'http://purl.org/cerif/frapo/',
    'org': 'http://www.w3.org/ns/org#',
    'owl': 'http://www.w3.org/2002/07/owl#',
    'prov': 'http://www.w3.org/ns/prov#',
    'rdf': 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
    'rdfs': 'http://www.w3.org/2000/01/rdf-schema#',
    'schema': 'https://schema.org/',
    'sikg': 'https://w3id.org/sikg/ontology#',
    'skos': 'http://www.w3.org/2004/02/skos/core#',
    'vann': 'http://purl.org/vocab/vann/',
    'xsd': 'http://www.w3.org/2001/XMLSchema#',
}

#: The entity types of an annotation, in the schema's order (sikg:entityTypes).
ENTITY_TYPES: Final = ('Organisation', 'Project', 'Programme', 'Person', 'Country', 'Place', 'Event')
#: The relations of an annotation, in the schema's order (sikg:relations).
PREDICATES: Final = ('fundedBy', 'partnerIn', 'coordinates', 'organises', 'manages', 'memberOf', 'worksFor',
 'participatesIn', 'heldIn', 'locatedIn', 'partOf')
#: The relations whose role is kept as an org:Membership (sikg:roleRelations).
ROLE_PREDICATES: Final = ('worksFor', 'memberOf', 'partnerIn')
#: Own classes and properties.
CLASSES: Final = ('Article', 'ArticleGraph', 'Country', 'Event', 'Organisation', 'Partnership', 'Person', 'Place',
 'Programme', 'Project')
PROPERTIES: Final = ('aliasList', 'articleList', 'connectionCount', 'coordinates', 'country', 'countryCode',
 'crossBorder', 'firstPartner', 'fundedBy', 'heldIn', 'isoCode', 'locatedIn', 'manages', 'memberOf',
 'mentionCount', 'organises', 'partOf', 'participatesIn', 'partnerIn', 'readOn', 'searchKey',
 'searchWord', 'secondPartner', 'sharedProject', 'sharedProjectCount', 'sortRank', 'worksFor')

#: rdfs:domain of each property that states one (the types its subject may have).
DOMAIN: Final[dict[str, tuple[str, ...]]] = {
    'coordinates': ('Organisation',),
    'crossBorder': ('Partnership',),
    'firstPartner': ('Partnership',),
    'heldIn': ('Event',),
    'isoCode': ('Country',),
    'manages': ('Organisation',),
    'organises': ('Organisation',),
    'partnerIn': ('Organisation',),
    'readOn': ('Article',),
    'secondPartner': ('Partnership',),
    'sharedProject': ('Partnership',),
    'sharedProjectCount': ('Partnership',),
    'worksFor': ('Person',),
}
#: rdfs:range of each property whose range is an own class (the types its object may have).
RANGE: Final[dict[str, tuple[str, ...]]] = {
    'coordinates': ('Project',),
    'country': ('Country',),
    'fundedBy': ('Organisation', 'Programme'),
    'manages': ('Programme',),
    'memberOf': ('Organisation',),
    'partOf': ('Project',),
    'partnerIn': ('Project',),
    'sharedProject': ('Project',),
    'worksFor': ('Organisation',),
}
#: rdfs:label of each own term, by language.
LABELS: Final[dict[str, dict[str, str]]] = {
    'Article': {'en': 'article', 'lv': 'raksts'},
    'ArticleGraph': {'en': 'article graph', 'lv': 'raksta grafs'},
    'Country': {'en': 'country', 'lv': 'valsts'},
    'Event': {'en': 'event', 'lv': 'pasākums'},
    'Organisation': {'en': 'organisation', 'lv': 'organizācija'},
    'Partnership': {'en': 'partnership', 'lv': 'partnerība'},
    'Person': {'en': 'person', 'lv': 'persona'},
    'Place': {'en': 'place', 'lv': 'vieta'},
    'Programme': {'en': 'programme', 'lv': 'programma'},
    'Project': {'en': 'project', 'lv': 'projekts'},
    'aliasList': {'en': 'aliases', 'lv': 'citi nosaukumi'},
    'articleList': {'en': 'articles mentioning', 'lv': 'raksti'},
    'connectionCount': {'en': 'connections', 'lv': 'saikņu skaits'},
    'coordinates': {'en': 'coordinates', 'lv': 'īsteno'},
    'country': {'en': 'country', 'lv': 'valsts'},
    'countryCode': {'en': 'country code', 'lv': 'valsts kods'},
    'crossBorder': {'en': 'cross-border', 'lv': 'pārrobežu'},
    'entityTypes': {'en': 'entity types', 'lv': 'entītiju tipi'},
    'firstPartner': {'en': 'first partner', 'lv': 'pirmais partneris'},
    'fundedBy': {'en': 'funded by', 'lv': 'finansē'},
    'heldIn': {'en': 'held in', 'lv': 'notika'},
    'isoCode': {'en': 'ISO 3166-1 alpha-2 code', 'lv': 'ISO 3166-1 kods'},
    'locatedIn': {'en': 'located in', 'lv': 'atrodas'},
    'manages': {'en': 'manages', 'lv': 'pārvalda'},
    'memberOf': {'en': 'member of', 'lv': 'ir biedrs'},
    'mentionCount': {'en': 'articles', 'lv': 'rakstu skaits'},
    'organises': {'en': 'organises', 'lv': 'organizē'},
    'partOf': {'en': 'part of', 'lv': 'ir daļa no'},
    'participatesIn': {'en': 'participates in', 'lv': 'piedalās'},
    'partnerIn': {'en': 'partner in', 'lv': 'ir partneris'},
    'readOn': {'en': 'read on', 'lv': 'nolasīts'},
    'relations': {'en': 'relations', 'lv': 'attiecības'},
    'roleRelations': {'en': 'relations with a role', 'lv': 'attiecības ar lomu'},
    'searchKey': {'en': 'search key', 'lv': 'meklēšanas atslēga'},
    'searchWord': {'en': 'search word', 'lv': 'meklēšanas vārds'},
    'secondPartner': {'en': 'second partner', 'lv': 'otrais partneris'},
    'sharedProject': {'en': 'shared project', 'lv': 'kopīgs projekts'},
    'sharedProjectCount': {'en': 'shared projects', 'lv': 'kopīgo projektu skaits'},
    'sortRank': {'en': 'sort rank', 'lv': 'kārtas numurs'},
    'worksFor': {'en': 'works for', 'lv': 'strādā'},
}


class SIKG(DefinedNamespace):
    """The own terms of ontology/sikg.ttl as a closed rdflib namespace."""

    _fail = True
    _NS = Namespace(NAMESPACE)

    Article: URIRef
    ArticleGraph: URIRef
    Country: URIRef
    Event: URIRef
    Organisation: URIRef
    Partnership: URIRef
    Person: URIRef
    Place: URIRef
    Programme: URIRef
    Project: URIRef
    aliasList: URIRef
    articleList: URIRef
    connectionCount: URIRef
    coordinates: URIRef
    country: URIRef
    countryCode: URIRef
    crossBorder: URIRef
    entityTypes: URIRef
    firstPartner: URIRef
    fundedBy: URIRef
    heldIn: URIRef
    isoCode: URIRef
    locatedIn: URIRef
    manages: URIRef
    memberOf: URIRef
    mentionCount: URIRef
    organises: URIRef
    partOf: URIRef
    participatesIn: URIRef
    partnerIn: URIRef
    readOn: URIRef
    relations: URIRef
    roleRelations: URIRef
    searchKey: URIRef
    searchWord: URIRef
    secondPartner: URIRef
    sharedProject: URIRef
    sharedProjectCount: URIRef
    sortRank: URIRef
    worksFor: URIRef


class TERMS:
    """The own terms as pyoxigraph terms (an unknown attribute fails like SIKG's)."""

    __slots__ = ()
    Article: Final = NamedNode(NAMESPACE + 'Article')
    ArticleGraph: Final = NamedNode(NAMESPACE + 'ArticleGraph')
    Country: Final = NamedNode(NAMESPACE + 'Country')
    Event: Final = NamedNode(NAMESPACE + 'Event')
    Organisation: Final = NamedNode(NAMESPACE + 'Organisation')
    Partnership: Final = NamedNode(NAMESPACE + 'Partnership')
    Person: Final = NamedNode(NAMESPACE + 'Person')
    Place: Final = NamedNode(NAMESPACE + 'Place')
    Programme: Final = NamedNode(NAMESPACE + 'Programme')
    Project: Final = NamedNode(NAMESPACE + 'Project')
    aliasList: Final = NamedNode(NAMESPACE + 'aliasList')
    articleList: Final = NamedNode(NAMESPACE + 'articleList')
    connectionCount: Final = NamedNode(NAMESPACE + 'connectionCount')
    coordinates: Final = NamedNode(NAMESPACE + 'coordinates')
    country: Final = NamedNode(NAMESPACE + 'country')
    countryCode: Final = NamedNode(NAMESPACE + 'countryCode')
    crossBorder: Final = NamedNode(NAMESPACE + 'crossBorder')
    entityTypes: Final = NamedNode(NAMESPACE + 'entityTypes')
    firstPartner: Final = NamedNode(NAMESPACE + 'firstPartner')
    fundedBy: Final = NamedNode(NAMESPACE + 'fundedBy')
    heldIn: Final = NamedNode(NAMESPACE + 'heldIn')
    isoCode: Final = NamedNode(NAMESPACE + 'isoCode')
    locatedIn: Final = NamedNode(NAMESPACE + 'locatedIn')
    manages: Final = NamedNode(NAMESPACE + 'manages')
    memberOf: Final = NamedNode(NAMESPACE + 'memberOf')
    mentionCount: Final = NamedNode(NAMESPACE + 'mentionCount')
    organises: Final = NamedNode(NAMESPACE + 'organises')
    partOf: Final = NamedNode(NAMESPACE + 'partOf')
    participatesIn: Final = NamedNode(NAMESPACE + 'participatesIn')
    partnerIn: Final = NamedNode(NAMESPACE + 'partnerIn')
    readOn: Final = NamedNode(NAMESPACE + 'readOn')
    relations: Final = NamedNode(NAMESPACE + 'relations')
    roleRelations: Final = NamedNode(NAMESPACE + 'roleRelations')
    searchKey: Final = NamedNode(NAMESPACE + 'searchKey')
    searchWord: Final = NamedNode(NAMESPACE + 'searchWord')
    secondPartner: Final = NamedNode(NAMESPACE + 'secondPartner')
    sharedProject: Final = NamedNode(NAMESPACE + 'sharedProject')
    sharedProjectCount: Final = NamedNode(NAMESPACE + 'sharedProjectCount')
    sortRank: Final = NamedNode(NAMESPACE + 'sortRank')
    worksFor: Final = NamedNode(NAMESPACE + 'worksFor')


_BY_NAME: Final = {t: getattr(TERMS, t) for t in TERMS.__annotations__}


def term(name: str) -> NamedNode:
    """The pyoxigraph term of an own term named at run time (a predicate of an annotation).

    >>> term('Organisation').value.endswith('#Organisation')
    True
    >>> term('Funder')
    Traceback (most recent call last):
    ...
    KeyError: "'Funder' is not a term of the sikg ontology"
    """
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"{name!r} is not a term of the sikg ontology") from None
