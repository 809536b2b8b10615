"""Annotations to RDF quads: one named graph per article, with provenance, plus an entity graph.

Each article graph holds what that article states (the entities it mentions, the names it uses as
``skos:altLabel``, relations, roles as ``org:Membership``) and its own provenance
(``prov:wasDerivedFrom`` its ``sikg:Article``).  The entity graph holds what resolution
decided: each entity's type and one ``skos:prefLabel``, countries with ISO codes and Wikidata
links.  Types are stated once there, not in every article graph: the union default graph is a
multiset, and a type repeated per article would multiply every join on it.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator

from pyoxigraph import Literal, NamedNode, Quad

from sikg.loaders.annotations import Annotation, fold, fold_words, name_key
from sikg.loaders.articles import Article
from sikg.loaders.gazetteer import Link, load_countries, load_links
from sikg.loaders.language import DEFAULT_LANGUAGE
from sikg.loaders.resolve import Resolution, ResolvedEntity
from sikg.ontology import IRIS, ROLE_PREDICATES, TERMS, term
from sikg.ontology.terms import (
    DCT_CREATOR,
    DCT_ISSUED,
    DCT_LANGUAGE,
    DCT_TITLE,
    ORG_MEMBER,
    ORG_MEMBERSHIP,
    ORG_ORGANIZATION,
    ORG_ROLE,
    ORG_ROLE_CLASS,
    OWL_SAMEAS,
    PROV_DERIVED,
    RDF_TYPE,
    SCHEMA_MENTIONS,
    SCHEMA_PUBLISHER,
    SCHEMA_START,
    SCHEMA_URL,
    SKOS_ALT,
    SKOS_EXACT,
    SKOS_PREF,
    WIKIDATA,
    xsd,
)
from sikg.ontology.vocabulary import DOMAIN, RANGE

PREF, ALT = SKOS_PREF, SKOS_ALT
ENTITY_GRAPH = NamedNode(IRIS.entity_graph)
SEARCH_KEY, SEARCH_WORD = TERMS.searchKey, TERMS.searchWord


def article_iri(stem: str) -> NamedNode:
    return NamedNode(IRIS.article(stem))


def article_graph_iri(stem: str) -> NamedNode:
    return NamedNode(IRIS.article_graph(stem))


def country_node(iso: str) -> NamedNode:
    return NamedNode(IRIS.country(iso))


def date_literal(value: str) -> Literal:
    """An ISO date of an annotation as a typed literal.

    >>> date_literal("--09-13").datatype.value
    'http://www.w3.org/2001/XMLSchema#gMonthDay'
    """
    if value.startswith("--"):
        kind = "gMonthDay"
    elif len(value) == 4:
        kind = "gYear"
    elif len(value) == 7:
        kind = "gYearMonth"
    else:
        kind = "date"
    return Literal(value, datatype=xsd(kind))


def article_quads(article: Article, annotation: Annotation, resolution: Resolution) -> Iterator[Quad]:
    """The named graph of one article."""
    stem = article.stem
    g = article_graph_iri(stem)
    art = article_iri(stem)
    lang = article.source.language or DEFAULT_LANGUAGE
    yield Quad(g, RDF_TYPE, TERMS.ArticleGraph, g)
    yield Quad(g, PROV_DERIVED, art, g)
    yield Quad(art, RDF_TYPE, TERMS.Article, g)
    yield Quad(art, DCT_TITLE, Literal(article.title or stem, language=lang), g)
    yield Quad(art, DCT_LANGUAGE, Literal(lang), g)
    if article.source.url:
        yield Quad(art, SCHEMA_URL, Literal(article.source.url, datatype=xsd("anyURI")), g)
    if article.source.publisher:
        yield Quad(art, SCHEMA_PUBLISHER, Literal(article.source.publisher), g)
    if article.source.issued:  # the article's own date: what "since 2020" asks about
        yield Quad(art, DCT_ISSUED, Literal(article.source.issued.isoformat(), datatype=xsd("date")), g)
    if article.source.author:
        yield Quad(art, DCT_CREATOR, Literal(article.source.author), g)
    if article.source.read_on:
        yield Quad(art, TERMS.readOn, Literal(article.source.read_on.isoformat(), datatype=xsd("date")), g)

    iris: dict[str, NamedNode] = {}
    typed: dict[str, list[tuple[str, NamedNode]]] = {}  # a name two entities share (a project and its org)
    for ent in annotation.entities:
        iri = NamedNode(resolution.iri(stem, ent))
        resolved = resolution.entities[iri.value]
        for form in ent.forms():
            iris.setdefault(form, iri)
            typed.setdefault(form, []).append((ent.type, iri))
        yield Quad(art, SCHEMA_MENTIONS, iri, g)
        for label in (ent.name, *ent.aliases):
            if name_key(label) != name_key(resolved.name):
                yield Quad(iri, ALT, Literal(label, language=lang), g)
        if ent.type == "Event" and ent.date:
            yield Quad(iri, SCHEMA_START, date_literal(ent.date), g)
    for ent in annotation.entities:
        if ent.type == "Event" and ent.place and name_key(ent.place) in iris:
            yield Quad(iris[name_key(ent.name)], TERMS.heldIn, iris[name_key(ent.place)], g)
    for rel in annotation.relations:
        s = _fitting(typed[name_key(rel.subject)], DOMAIN.get(rel.predicate))
        o = _fitting(typed[name_key(rel.object)], RANGE.get(rel.predicate))
        yield Quad(s, term(rel.predicate), o, g)
        if rel.role and rel.predicate in ROLE_PREDICATES:
            yield from _membership(s, o, rel.role, g)


def _fitting(candidates: list[tuple[str, NamedNode]], types: tuple[str, ...] | None) -> NamedNode:
    """Of the entities an article names alike, the one whose type the relation's domain or range admits."""
    return next((iri for etype, iri in candidates if types is None or etype in types), candidates[0][1])


def _membership(member: NamedNode, organisation: NamedNode, role: str, g: NamedNode) -> Iterator[Quad]:
    role = role_iri(role)
    m = NamedNode(IRIS.membership(member.value, organisation.value, role.value))
    yield Quad(m, RDF_TYPE, ORG_MEMBERSHIP, g)
    yield Quad(m, ORG_MEMBER, member, g)
    yield Quad(m, ORG_ORGANIZATION, organisation, g)
    yield Quad(m, ORG_ROLE, role, g)


def role_iri(role: str) -> NamedNode:
    return NamedNode(IRIS.role(role))


def role_quads(annotations: Iterable[Annotation], g: NamedNode = ENTITY_GRAPH) -> Iterator[Quad]:
    """One org:Role per role slug, its label the most used spelling (then alphabetical)."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for ann in annotations:
        for rel in ann.relations:
            if rel.role and rel.predicate in ROLE_PREDICATES:
                spellings[role_iri(rel.role).value][rel.role] += 1
    for iri, votes in sorted(spellings.items()):
        label = sorted(votes, key=lambda r: (-votes[r], r))[0]
        yield Quad(NamedNode(iri), RDF_TYPE, ORG_ROLE_CLASS, g)
        yield Quad(NamedNode(iri), PREF, Literal(label, language="lv"), g)


def link_index() -> dict[tuple[str, str], Link]:
    return {(link.type, name_key(link.name)): link for link in load_links()}


def entity_quads(resolution: Resolution) -> Iterator[Quad]:
    """The entity graph: canonical names, countries with ISO codes, Wikidata links."""
    g = ENTITY_GRAPH
    countries = load_countries()
    links = link_index()
    needed: set[str] = set()
    for ent in resolution.entities.values():
        yield from _entity(ent, g)
        link = next((links[(ent.type, name_key(n))] for n in (ent.name, *ent.aliases)
                     if (ent.type, name_key(n)) in links), None)
        if link is not None and ent.type != "Country":
            pred = OWL_SAMEAS if link.relation == "sameAs" else SKOS_EXACT
            yield Quad(NamedNode(ent.iri), pred, NamedNode(WIKIDATA + link.wikidata), g)
        if ent.country and ent.type != "Country":
            needed.add(ent.country)
        for stem in ent.articles:
            yield Quad(g, PROV_DERIVED, article_iri(stem), g)
    present = {e.iso for e in resolution.entities.values() if e.type == "Country" and e.iso}
    for iso in sorted(needed - present):
        yield from country_quads(iso, countries)


def country_quads(iso: str, countries=None) -> Iterator[Quad]:
    """A country the graph refers to (as an entity's country) without an article naming it."""
    g = ENTITY_GRAPH
    entry = (countries or load_countries()).by_iso(iso)
    yield Quad(country_node(iso), RDF_TYPE, TERMS.Country, g)
    yield Quad(country_node(iso), TERMS.isoCode, Literal(iso), g)
    if entry is not None:
        yield Quad(country_node(iso), PREF, Literal(entry.lv, language="lv"), g)
        yield Quad(country_node(iso), PREF, Literal(entry.en, language="en"), g)
        yield Quad(country_node(iso), OWL_SAMEAS, NamedNode(WIKIDATA + entry.wikidata), g)
        yield from search_quads(country_node(iso), [entry.lv, entry.en], g)
    else:
        yield Quad(country_node(iso), PREF, Literal(iso, language="en"), g)


def search_quads(iri: NamedNode, labels: Iterable[str], g: NamedNode = ENTITY_GRAPH) -> Iterator[Quad]:
    """The name index of an entity: each label folded (``sikg:searchKey``) and its words
    (``sikg:searchWord``), so that a lookup by name is an exact match on the object index.

    >>> sorted(q.object.value for q in search_quads(NamedNode("http://ex/e"), ["NVO fonds", "NVO Fonda"]))
    ['fonda', 'fonds', 'nvo', 'nvo fonda', 'nvo fonds']
    """
    keys = dict.fromkeys(k for k in map(fold, labels) if k)
    for key in keys:
        yield Quad(iri, SEARCH_KEY, Literal(key), g)
    for word in dict.fromkeys(w for key in keys for w in fold_words(key)):
        yield Quad(iri, SEARCH_WORD, Literal(word), g)


def _entity(ent: ResolvedEntity, g: NamedNode) -> Iterator[Quad]:
    iri = NamedNode(ent.iri)
    yield Quad(iri, RDF_TYPE, term(ent.type), g)
    yield Quad(iri, PREF, Literal(ent.name, language=ent.language), g)
    labels = [ent.name, *ent.aliases]
    if ent.type == "Country":
        countries = load_countries()
        entry = countries.by_iso(ent.iso)
        if ent.iso:
            yield Quad(iri, TERMS.isoCode, Literal(ent.iso), g)
        if entry is not None:
            labels.append(entry.en)
            yield Quad(iri, PREF, Literal(entry.en, language="en"), g)
        if ent.wikidata:
            yield Quad(iri, OWL_SAMEAS, NamedNode(WIKIDATA + ent.wikidata), g)
    elif ent.country:
        yield Quad(iri, TERMS.country, country_node(ent.country), g)
    yield from search_quads(iri, labels, g)
