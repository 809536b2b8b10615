"""Projections: derived statements that the questions reading the whole graph need, kept in their own
graph (``IRIS.projection_graph``) so that no named query has to join, group or sort the whole graph.

- partnerships (``sikg:Partnership``, by the domain of ``sikg:firstPartner``): each pair of
  organisations that share a project (partner or coordinator), once, with the shared projects,
  their count and the borders they cross (``sikg:crossBorder "LV SE"``: a country of each that differ);
- per entity: ``sikg:connectionCount`` (distinct related organisations, projects, programmes,
  people and events), ``sikg:mentionCount`` (articles mentioning it), ``sikg:countryCode`` (the
  ISO codes of its countries), ``sikg:aliasList`` and ``sikg:articleList`` (the resolution
  table's cells);
- per named thing: ``sikg:sortRank``, its place when everything with a ``skos:prefLabel`` is sorted
  by name (the Latvian one where there is one) and then IRI.  Oxigraph compares two strings by
  reading them from its dictionary, an integer in place: sorting 27,000 rows by name took 0.8 s,
  by rank 0.1 s.

One computation, ``Statements``, reads statements and says what follows from them.  A build feeds it
every statement on their way to the store (one pass, no query: ``graph.store.write_generation``);
``refresh_projections`` feeds it, after ``sikg add`` changed some articles, only the statements
about what those articles touch (their entities, the partners of their organisations, the types
of their neighbours) and rewrites those entities' projections (the ranks are recomputed and only
the changed ones rewritten), so that the result equals a full rebuild (tests/test_projections.py
compares them).  The graph is never exported, published or validated
as data; the ``queries/projection-*-violation.rq`` checks say that it agrees with the statements.

>>> from pyoxigraph import Store, Quad, NamedNode, Literal
>>> s = Store()
>>> ex = lambda n: NamedNode(f"https://ex.org/{n}")
>>> s.extend([Quad(ex("a"), PARTNER_IN, ex("p")), Quad(ex("b"), COORDINATES, ex("p"))])
>>> pairs = [q for q in projection_quads(s) if q.predicate == SHARED_PROJECT]
>>> [(q.object.value) for q in pairs]
['https://ex.org/p']
"""
from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from sikg.ontology import IRIS, TERMS, term
from sikg.ontology.terms import RDF_TYPE, SCHEMA_MENTIONS, SKOS_ALT, SKOS_PREF
from sikg.ontology.vocabulary import ENTITY_TYPES, PREDICATES

PROJECTION_GRAPH = NamedNode(IRIS.projection_graph)

FIRST, SECOND = TERMS.firstPartner, TERMS.secondPartner
SHARED_PROJECT, SHARED_COUNT, CROSS_BORDER = TERMS.sharedProject, TERMS.sharedProjectCount, TERMS.crossBorder
CONNECTIONS, MENTIONS, ALIASES, ARTICLES = TERMS.connectionCount, TERMS.mentionCount, TERMS.aliasList, TERMS.articleList
COUNTRY_CODE = TERMS.countryCode
SORT_RANK = TERMS.sortRank
PARTNER_IN, COORDINATES = TERMS.partnerIn, TERMS.coordinates
IN_COUNTRY = (TERMS.locatedIn, TERMS.country)
#: What an entity's own projection statements are (the ranks are kept apart: they change together).
ENTITY_FACTS = (CONNECTIONS, MENTIONS, COUNTRY_CODE, ALIASES, ARTICLES)
#: The relations that connect entities (the ontology's relation list).
RELATIONS = frozenset(term(p) for p in PREDICATES)
#: The types whose members count as an entity's connections (as the `most-connected` question counts).
CONNECTED_TYPES = frozenset(term(t) for t in ENTITY_TYPES if t not in ("Country", "Place"))
COUNTRY = term("Country")
ENTITY_CLASSES = frozenset(term(t) for t in ENTITY_TYPES)
ALIAS_SEPARATOR, ARTICLE_SEPARATOR = " | ", " "
ARTICLE_BASE = IRIS.article("x")[:-1]


_TYPE, _NAME, _ALIAS, _MENTION, _ISO, _COUNTRY_OF, _RELATION, _MEMBER, _LOCATED = range(9)
#: How each statement the projections follow from is read, by predicate.
_KINDS = {**{p: _RELATION for p in RELATIONS}, RDF_TYPE: _TYPE, SKOS_PREF: _NAME, SKOS_ALT: _ALIAS,
          SCHEMA_MENTIONS: _MENTION, TERMS.isoCode: _ISO, TERMS.country: _COUNTRY_OF,
          PARTNER_IN: _MEMBER, COORDINATES: _MEMBER, TERMS.locatedIn: _LOCATED}


def is_projection(graph) -> bool:
    """Whether a quad's graph is the projections graph (derived: never exported or published)."""
    return graph == PROJECTION_GRAPH


def _by_iri(nodes: Iterable) -> list:
    return sorted(nodes, key=lambda n: n.value)


@dataclass
class Statements:
    """What the projections are computed from, gathered statement by statement (duplicates are harmless)."""

    types: dict = field(default_factory=lambda: defaultdict(set))
    labels: dict = field(default_factory=dict)          # node -> (Latvian or else least name)
    aliases: dict = field(default_factory=lambda: defaultdict(set))
    mentioned_in: dict = field(default_factory=lambda: defaultdict(set))
    neighbours: dict = field(default_factory=lambda: defaultdict(set))
    members: dict = field(default_factory=lambda: defaultdict(set))  # project -> organisations
    in_country: dict = field(default_factory=lambda: defaultdict(set))  # node -> country nodes
    iso: dict = field(default_factory=dict)
    _countries: dict = field(default_factory=dict, repr=False)  # node -> ISO codes, once all is added

    @staticmethod
    def reads(predicate) -> bool:
        """Whether statements with this predicate matter to the projections (most do not)."""
        return predicate in _KINDS

    def add(self, s, p, o) -> None:
        kind = _KINDS.get(p)
        if kind is None:  # most statements (search words, provenance, article metadata) matter not
            return
        if kind == _TYPE:
            self.types[s].add(o)
        elif kind == _NAME:
            if isinstance(o, Literal):
                key = (o.language != "lv", o.value)
                if s not in self.labels or key < self.labels[s]:
                    self.labels[s] = key
        elif kind == _ALIAS:
            self.aliases[s].add(o.value)
        elif kind == _MENTION:
            self.mentioned_in[o].add(s)
        elif kind == _ISO:
            self.iso[s] = o.value
        elif kind == _COUNTRY_OF:
            self.in_country[s].add(o)
        elif isinstance(o, NamedNode):  # a relation
            self.neighbours[s].add(o)
            self.neighbours[o].add(s)
            if kind == _MEMBER:
                self.members[o].add(s)
            elif kind == _LOCATED:
                self.in_country[s].add(o)

    def add_quads(self, quads: Iterable[Quad]) -> None:
        for q in quads:
            self.add(q.subject, q.predicate, q.object)

    # -------------------------------------------------------------- what follows

    def entity_facts(self, entities: Iterable) -> Iterator[Quad]:
        """Connections, mentions, countries, articles and aliases of ``entities``."""
        g = PROJECTION_GRAPH
        for e in _by_iri(entities):
            connections = sum(1 for n in self.neighbours.get(e, ()) if self.types.get(n, set()) & CONNECTED_TYPES)
            if connections:
                yield Quad(e, CONNECTIONS, Literal(connections), g)
            articles = self.mentioned_in.get(e)
            if articles:
                yield Quad(e, MENTIONS, Literal(len(articles)), g)
                stems = sorted(a.value[len(ARTICLE_BASE):] if a.value.startswith(ARTICLE_BASE) else a.value
                               for a in articles)
                yield Quad(e, ARTICLES, Literal(ARTICLE_SEPARATOR.join(stems)), g)
            for code in sorted(self.countries(e)):
                yield Quad(e, COUNTRY_CODE, Literal(code), g)
            aliases = self.aliases.get(e)
            if aliases:
                yield Quad(e, ALIASES, Literal(ALIAS_SEPARATOR.join(sorted(aliases))), g)

    def countries(self, node) -> frozenset[str]:
        """The ISO codes of the countries a node is in (sikg:locatedIn or sikg:country a sikg:Country)."""
        found = self._countries.get(node)
        if found is None:
            found = self._countries[node] = frozenset(
                self.iso[c] for c in self.in_country.get(node, ()) if c in self.iso and COUNTRY in self.types.get(c, ()))
        return found

    def partnerships(self, organisations: Iterable | None = None) -> Iterator[Quad]:
        """The partnerships of ``organisations`` (every one when None), each pair once."""
        focus = None if organisations is None else set(organisations)
        shared: dict[tuple, set] = defaultdict(set)
        for project, orgs in self.members.items():
            if focus is not None and not orgs & focus:
                continue
            for a, b in itertools.combinations(_by_iri(orgs), 2):
                if focus is None or a in focus or b in focus:
                    shared[(a, b)].add(project)
        g = PROJECTION_GRAPH
        for (a, b) in sorted(shared, key=lambda pair: (pair[0].value, pair[1].value)):
            projects = shared[(a, b)]
            x = NamedNode(IRIS.partnership(a.value, b.value))
            yield Quad(x, FIRST, a, g)
            yield Quad(x, SECOND, b, g)
            yield Quad(x, SHARED_COUNT, Literal(len(projects)), g)
            for project in _by_iri(projects):
                yield Quad(x, SHARED_PROJECT, project, g)
            for ca, cb in sorted((ca, cb) for ca in self.countries(a) for cb in self.countries(b) if ca != cb):
                yield Quad(x, CROSS_BORDER, Literal(f"{ca} {cb}"), g)

    def ranks(self) -> dict:
        """Everything with a skos:prefLabel -> its place in the order of (Latvian or else least name, IRI)."""
        ordered = sorted(self.labels, key=lambda n: (self.labels[n][1], n.value))
        return {n: i for i, n in enumerate(ordered, 1)}

    def rank_quads(self) -> Iterator[Quad]:
        for node, rank in self.ranks().items():
            yield Quad(node, SORT_RANK, Literal(rank), PROJECTION_GRAPH)

    def projection_quads(self) -> Iterator[Quad]:
        """Every projection statement (when every statement of the graph was added)."""
        yield from self.rank_quads()
        yield from self.entity_facts(e for e, ts in self.types.items() if ts and _is_entity(ts))
        yield from self.partnerships()


def _is_entity(types: set) -> bool:
    return not ENTITY_CLASSES.isdisjoint(types)


def _union(store: Store):
    """The graph to read statements from: the materialised union, or every graph (a bare store)."""
    from sikg.graph.store import has_union

    return DefaultGraph() if has_union(store) else None


def _read(store: Store, graph, s=None, p=None, o=None) -> Iterator[Quad]:
    for q in store.quads_for_pattern(s, p, o, graph):
        if not is_projection(q.graph_name):
            yield q


def projection_quads(store: Store) -> Iterator[Quad]:
    """Every projection statement derived from ``store``'s statements."""
    statements = Statements()
    statements.add_quads(_read(store, _union(store)))
    yield from statements.projection_quads()


def derive_projections(store: Store, statements: Statements | None = None) -> int:
    """Replace the projections graph of ``store`` by one derived from its statements (or from
    ``statements``, gathered while they were loaded); how many quads."""
    store.remove_graph(PROJECTION_GRAPH)
    quads = statements.projection_quads() if statements is not None else projection_quads(store)
    count = 0

    def counted():
        nonlocal count
        for q in quads:
            count += 1
            yield q

    store.bulk_extend(counted())
    return count


def touched_entities(quads: Iterable[Quad]) -> set:
    """The IRIs a change of these statements can affect the projections of: their subjects and objects."""
    out = set()
    for q in quads:
        out.add(q.subject)
        if isinstance(q.object, NamedNode):
            out.add(q.object)
    return out


def refresh_projections(store: Store, touched: set) -> int:
    """Bring the projections up to date after the statements about ``touched`` IRIs changed (see
    ``touched_entities``); returns how many projection quads were written or removed."""
    g, union = PROJECTION_GRAPH, _union(store)
    touched = {n for n in touched if isinstance(n, NamedNode)}
    st = Statements()
    for e in touched:  # what the touched entities state and what is stated of them
        st.add_quads(_read(store, union, e))
        st.add_quads(_read(store, union, None, None, e))
    # the organisations whose partnerships can change: touched ones in a project, and the touched
    # partners of a partnership stated before (one that left every project)
    old_pairs = {q.subject for e in touched for p in (FIRST, SECOND) for q in store.quads_for_pattern(None, p, e, g)}
    organisations = {o for orgs in st.members.values() for o in orgs if o in touched}
    organisations |= {q.object for x in old_pairs for p in (FIRST, SECOND) for q in store.quads_for_pattern(x, p, None, g)
                      if q.object in touched}
    projects = {q.object for o in organisations for p in (PARTNER_IN, COORDINATES) for q in _read(store, union, o, p)}
    for project in projects - touched:
        for p in (PARTNER_IN, COORDINATES):
            st.add_quads(_read(store, union, None, p, project))
    partners = {o for project in projects for o in st.members.get(project, ())}
    for node in partners | {n for e in touched for n in st.neighbours.get(e, ())}:
        if node not in touched:
            st.add_quads(_read(store, union, node, RDF_TYPE))
            for p in IN_COUNTRY:
                st.add_quads(_read(store, union, node, p))
    for c in {c for cs in st.in_country.values() for c in cs}:
        st.add_quads(_read(store, union, c, RDF_TYPE))
        st.add_quads(_read(store, union, c, TERMS.isoCode))
    for q in _read(store, union, None, SKOS_PREF):  # every name, for the ranks
        st.add(q.subject, q.predicate, q.object)

    removed = [q for e in touched for p in ENTITY_FACTS for q in store.quads_for_pattern(e, p, None, g)]
    removed += [q for x in old_pairs for q in store.quads_for_pattern(x, None, None, g)]
    added = list(st.entity_facts(e for e in touched if _is_entity(st.types.get(e, set()))))
    added += st.partnerships(organisations)
    old_ranks = {q.subject: q for q in store.quads_for_pattern(None, SORT_RANK, None, g)}
    for q in st.rank_quads():
        old = old_ranks.pop(q.subject, None)
        if old != q:
            if old is not None:
                removed.append(old)
            added.append(q)
    removed += old_ranks.values()
    unchanged = set(removed) & set(added)
    gone = [q for q in dict.fromkeys(removed) if q not in unchanged]
    new = [q for q in dict.fromkeys(added) if q not in unchanged]
    for q in gone:
        store.remove(q)
    store.extend(new)
    return len(gone) + len(new)
