"""`sikg add`: add (or replace) articles in a built store without a full rebuild.

The current generation is copied with RocksDB's backup (hard links to its immutable files, so the
copy costs little whatever the size), the article's named graph is replaced in one transaction
(the statements it no longer makes leave the materialised union in the default graph unless
another graph still makes them), its entities are resolved against the names already in the
graph (an existing entity keeps its IRI), the touched part is validated with pySHACL, the
projections of what the articles touch are brought up to date (graph/projections.py), and only
then is the new generation made current.
A full `sikg build` re-resolves everything (and may choose other canonical names).
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store
from rdflib import Graph

from sikg.graph.build import BuildError, Extractor, article_for, read_corpus
from sikg.graph.projections import refresh_projections, touched_entities
from sikg.graph.store import new_generation, union_query, with_union
from sikg.graph.triples import ENTITY_GRAPH, article_quads, country_node, country_quads, entity_quads, search_quads
from sikg.graph.validate import validate
from sikg.loaders.annotations import Annotation, merge_annotations, name_key
from sikg.loaders.language import DEFAULT_LANGUAGE
from sikg.loaders.resolve import Resolution, ResolvedEntity, resolve_entities
from sikg.ontology import IRIS, term
from sikg.ontology.terms import DCT_TITLE, ORG_ROLE_CLASS, PROV_DERIVED, RDF_TYPE, SKOS_ALT, SKOS_PREF

log = logging.getLogger(__name__)


@dataclass
class AddReport:
    articles: list[str]
    new_entities: int
    reused_entities: int
    quads_added: int
    seconds: float


def _existing_iri(store: Store, etype: str, forms: list[str]) -> tuple[str, str, str] | None:
    """An entity of this type with one of ``forms`` as a label (canonical or alias), by exact literal
    terms, so that the store's object index answers without scanning every label."""
    terms = " ".join(str(Literal(f, language=lang)) for f in forms for lang in ("lv", "en"))
    query = f"""SELECT ?e ?name WHERE {{ VALUES ?l {{ {terms} }}
        ?e {SKOS_PREF}|{SKOS_ALT} ?l . ?e a {term(etype)} ; {SKOS_PREF} ?name }} LIMIT 1"""
    for row in union_query(store, query):
        return row["e"].value, row["name"].value, row["name"].language or DEFAULT_LANGUAGE
    return None


def resolve_against(store: Store, stem: str, ann: Annotation, language: str) -> tuple[Resolution, set[str]]:
    """Resolve one article's entities: existing entities keep their IRI; new ones get a fresh one."""
    fresh = resolve_entities([ann], languages={stem: language})
    entities: dict[str, ResolvedEntity] = {}
    mention_iri: dict[tuple[str, str, str], str] = {}
    new: set[str] = set()
    for e in ann.entities:
        key = (stem, e.type, name_key(e.name))
        resolved = fresh.entities[fresh.mention_iri[key]]
        found = None if e.type == "Country" else _existing_iri(store, e.type, [e.name, *e.aliases])
        if found is not None:
            iri, name, lang = found
            entities[iri] = ResolvedEntity(iri, e.type, name, lang, list(resolved.aliases), resolved.country, [stem])
        else:
            iri = resolved.iri
            taken = any(True for _ in store.quads_for_pattern(NamedNode(iri), None, None))
            if taken and e.type != "Country":  # same slug, a different entity: keep them apart
                iri = resolved.iri = IRIS.disambiguate(iri, resolved.name, resolved.aliases)
            entities[iri] = resolved
            if not taken or e.type != "Country":
                new.add(iri)
        mention_iri[key] = iri
    return Resolution(entities=entities, mention_iri=mention_iri), new


def _local_graph(store: Store, graph: NamedNode, iris: set[str]) -> Graph:
    """The article graph plus what the whole graph says of the entities it mentions (for validation)."""
    from pyoxigraph import RdfFormat, serialize

    triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
    seen = set()
    for iri in iris | {t.object.value for t in triples if isinstance(t.object, NamedNode)}:
        if iri in seen:
            continue
        seen.add(iri)
        triples += [q.triple for q in store.quads_for_pattern(NamedNode(iri), None, None)]
    targets = {t.object.value for t in triples if isinstance(t.object, NamedNode)} - seen
    for iri in targets:  # what they point to: its type and resolved description, for the shapes
        triples += [q.triple for q in store.quads_for_pattern(NamedNode(iri), RDF_TYPE, None)]
        triples += [q.triple for q in store.quads_for_pattern(NamedNode(iri), None, None, ENTITY_GRAPH)]
    beyond = {t.object.value for t in triples if isinstance(t.object, NamedNode)} - seen - targets
    for iri in beyond:  # what those descriptions point to (an event's country), described alike
        triples += [q.triple for q in store.quads_for_pattern(NamedNode(iri), RDF_TYPE, None)]
        triples += [q.triple for q in store.quads_for_pattern(NamedNode(iri), None, None, ENTITY_GRAPH)]
    data = serialize(list(dict.fromkeys(triples)), format=RdfFormat.N_TRIPLES)
    return Graph().parse(data=data.decode("utf-8"), format="nt")


def remove_article_graph(store: Store, graph: NamedNode) -> None:
    """Drop an article's named graph, and from the materialised union in the default graph each
    statement that no other graph still makes."""
    old = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
    store.remove_graph(graph)
    default = DefaultGraph()
    for t in old:
        if not any(not isinstance(q.graph_name, DefaultGraph)
                   for q in store.quads_for_pattern(t.subject, t.predicate, t.object)):
            store.remove(Quad(t.subject, t.predicate, t.object, default))


def _refuse_existing(store: Store, graph: NamedNode, corpus, stem: str) -> None:
    """BuildError when the article's graph is in the store already (the same article, or another file
    whose name gives the same identity)."""
    if not any(True for _ in store.quads_for_pattern(None, None, None, graph)):
        return
    title = next((q.object.value for q in store.quads_for_pattern(NamedNode(IRIS.article(stem)), DCT_TITLE, None,
                                                                   graph)), "")
    where = corpus.articles[stem].path if stem in corpus.articles else f"{stem}.json"
    raise BuildError([f"{where}: the store already holds this article's graph <{graph.value}>"
                      + (f" (“{title[:60]}”)" if title else "") + "; add --replace to replace it"])


def add_articles(inputs: list[Path], store_dir: Path, *, extractor: Extractor | None = None,
                 replace: bool = False) -> AddReport:
    """Add the articles (and curated files) of ``inputs`` to the store, atomically.  An article whose
    identity (its graph) is already there is an error naming it, unless ``replace``: then it is replaced."""
    start = time.perf_counter()
    corpus = read_corpus(inputs)
    if corpus.errors:
        raise BuildError(corpus.errors)
    stems = sorted(set(corpus.articles) | set(corpus.curated))
    if not stems:
        raise BuildError([f"{', '.join(map(str, inputs))}: no articles (.txt) or annotations (.json) found"])
    new_count = reused = added = 0
    with new_generation(store_dir, copy_current=True, kind="add") as gen:
        store = gen.store
        touched: set = set()  # what the projections of (graph/projections.py) may have changed
        for stem in stems:
            article = corpus.articles.get(stem)
            extracted = extractor(article) if extractor is not None and article is not None else None
            ann = merge_annotations(extracted, corpus.curated.get(stem))
            ann.article = ann.article or f"{stem}.txt"
            language = (article.source.language if article else None) or DEFAULT_LANGUAGE
            resolution, new = resolve_against(store, stem, ann, language)
            g = NamedNode(IRIS.article_graph(stem))
            if not replace:
                _refuse_existing(store, g, corpus, stem)
            touched |= touched_entities(store.quads_for_pattern(None, None, None, g))
            remove_article_graph(store, g)
            art = article_for(corpus, stem)
            quads = list(article_quads(art, ann, resolution))
            new_only = Resolution({i: e for i, e in resolution.entities.items() if i in new}, {})
            quads += [q for q in entity_quads(new_only)]
            for iso in sorted({e.country for e in resolution.entities.values() if e.country and e.type != "Country"}):
                node = country_node(iso)  # a country a reused entity is now said to be in, new to the graph
                if not any(True for _ in store.quads_for_pattern(node, RDF_TYPE, None)) and \
                        not any(q.subject == node and q.predicate == RDF_TYPE for q in quads):
                    quads += country_quads(iso)
            quads += [Quad(ENTITY_GRAPH, PROV_DERIVED, NamedNode(IRIS.article(stem)), ENTITY_GRAPH)]
            for e in ann.entities:  # the names this article uses join the entity's name index
                quads += search_quads(NamedNode(resolution.iri(stem, e)), [e.name, *e.aliases])
            for rel in ann.relations:
                if rel.role:
                    r = NamedNode(IRIS.role(rel.role))
                    if not any(True for _ in store.quads_for_pattern(r, SKOS_PREF, None)):
                        quads += [Quad(r, RDF_TYPE, ORG_ROLE_CLASS, ENTITY_GRAPH),
                                  Quad(r, SKOS_PREF, Literal(rel.role, language="lv"), ENTITY_GRAPH)]
            store.extend(with_union(quads))
            touched |= touched_entities(quads)
            added += len(quads)
            new_count += len(new)
            reused += len(resolution.entities) - len(new)
            report = validate(_local_graph(store, g, set(resolution.entities)))
            if not report.conforms:
                raise BuildError([f"{stem}: the added article fails SHACL ({report.violations} violations):\n"
                                  + report.text])
        refresh_projections(store, touched)
        del store
    return AddReport(stems, new_count, reused, added, time.perf_counter() - start)
