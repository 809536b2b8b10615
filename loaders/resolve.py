"""Entity resolution across articles: one real-world entity, one stable IRI.

Mentions (an entity of one article's annotation) of the same type that share a name or an
alias are one entity (union-find); countries are one entity per ISO code.  The canonical
name is the one most articles use (curated names count first), and the IRI is the type plus
the slug of that name, so it is stable whatever order the articles come in.

>>> from sikg.loaders.annotations import Annotation, Entity
>>> a = Annotation("a.txt", [Entity("Organisation", "Liepājas Diakonijas centrs", ("LDC",))])
>>> b = Annotation("b.txt", [Entity("Organisation", "LDC")])
>>> res = resolve_entities([a, b])
>>> res.iri("a", a.entities[0]) == res.iri("b", b.entities[0])
True
>>> res.iri("b", b.entities[0])
'https://w3id.org/sikg/id/organisation/liepajas-diakonijas-centrs'
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sikg.loaders.annotations import Annotation, Entity, name_key
from sikg.loaders.gazetteer import load_countries
from sikg.loaders.language import DEFAULT_LANGUAGE
from sikg.ontology.iris import IRIS, slugify

__all__ = ["Resolution", "ResolvedEntity", "resolve_entities", "slugify"]


@dataclass(slots=True)
class ResolvedEntity:
    """One real-world entity after resolution."""

    iri: str
    type: str
    name: str
    language: str
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    articles: list[str] = field(default_factory=list)
    wikidata: str | None = None
    iso: str | None = None


@dataclass
class Resolution:
    """The resolved entities, and which IRI each article's mention got."""

    entities: dict[str, ResolvedEntity]
    mention_iri: dict[tuple[str, str, str], str]

    def iri(self, stem: str, entity: Entity) -> str:
        return self.mention_iri[(stem, entity.type, name_key(entity.name))]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def resolve_entities(
    annotations: Iterable[Annotation],
    *,
    languages: dict[str, str] | None = None,
    curated: set[tuple[str, str, str]] | None = None,
) -> Resolution:
    """Give every entity mention of every annotation a stable IRI.

    ``languages`` maps an article stem to its language (labels are tagged with it);
    ``curated`` holds (stem, type, name key) of mentions a curator wrote: their names win.
    """
    languages = languages or {}
    curated = curated or set()
    countries = load_countries()
    mentions: list[tuple[str, Entity]] = []
    for ann in sorted(annotations, key=lambda a: a.stem):
        for ent in ann.entities:
            mentions.append((ann.stem, ent))
    uf = _UnionFind()
    by_form: dict[tuple[str, str], int] = {}
    for i, (_, ent) in enumerate(mentions):
        uf.find(i)
        keys = {(ent.type, f) for f in ent.forms()}
        if ent.type == "Event":  # events held on different days are different events ("atklāšanas pasākums")
            keys = {(etype, f"{f}@{_day(ent.date)}") for etype, f in keys}
        if ent.type == "Country":
            entry = countries.by_name(ent.name) or countries.by_iso(ent.country)
            if entry is not None:
                keys = {("Country", "iso:" + entry.iso)}
        for key in sorted(keys):
            if key in by_form:
                uf.union(i, by_form[key])
            else:
                by_form[key] = i
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        clusters[uf.find(i)].append(i)

    entities: dict[str, ResolvedEntity] = {}
    mention_iri: dict[tuple[str, str, str], str] = {}
    pending: list[tuple[str, ResolvedEntity, list[int]]] = []
    for members in clusters.values():
        resolved = _resolve_cluster([mentions[i] for i in members], languages, curated, countries)
        pending.append((resolved.iri, resolved, members))
    # different entities whose names slug alike: the later (by name) gets a hash suffix
    by_iri: dict[str, list[ResolvedEntity]] = defaultdict(list)
    for iri, resolved, _ in pending:
        by_iri[iri].append(resolved)
    for iri, group in by_iri.items():
        if len(group) > 1:
            for resolved in sorted(group, key=lambda r: (r.name, r.aliases))[1:]:
                resolved.iri = IRIS.disambiguate(iri, resolved.name, resolved.aliases)
    for _, resolved, members in pending:
        entities[resolved.iri] = resolved
        for i in members:
            stem, ent = mentions[i]
            mention_iri[(stem, ent.type, name_key(ent.name))] = resolved.iri
    return Resolution(entities=dict(sorted(entities.items())), mention_iri=mention_iri)


def _day(date: str | None) -> str:
    """The month and day of an ISO date (``--MM-DD`` and ``YYYY-MM-DD`` alike), or "" without one.

    >>> _day("2021-11-28"), _day("--11-28"), _day(None)
    ('11-28', '11-28', '')
    """
    return date[-5:] if date and len(date) >= 7 else ""


def _resolve_cluster(members, languages, curated, countries) -> ResolvedEntity:
    etype = members[0][1].type
    votes: Counter[str] = Counter()
    first_lang: dict[str, str] = {}
    for stem, ent in members:
        weight = 1000 if (stem, ent.type, name_key(ent.name)) in curated else 1
        votes[ent.name] += weight
        first_lang.setdefault(ent.name, languages.get(stem, DEFAULT_LANGUAGE))
    # most votes, then the longer (fuller) name, then alphabetical: independent of input order
    name = sorted(votes, key=lambda n: (-votes[n], -len(n), n))[0]
    aliases = sorted({f for _, e in members for f in (e.name, *e.aliases) if name_key(f) != name_key(name)})
    aliases = list(dict.fromkeys(aliases))
    country_votes = Counter(e.country for _, e in members if e.country)
    country = sorted(country_votes, key=lambda c: (-country_votes[c], c))[0] if country_votes else None
    articles = sorted({stem for stem, _ in members})
    if etype == "Country":
        entry = countries.by_name(name) or countries.by_iso(country)
        if entry is not None:
            aliases = sorted({*aliases, *entry.names} - {entry.lv})
            return ResolvedEntity(
                iri=IRIS.country(entry.iso), type=etype, name=entry.lv, language="lv",
                aliases=[a for a in aliases if name_key(a) != name_key(entry.lv)],
                country=entry.iso, articles=articles, wikidata=entry.wikidata, iso=entry.iso,
            )
        if country:
            return ResolvedEntity(IRIS.country(country), etype, name, first_lang[name], aliases, country,
                                  articles, iso=country)
    return ResolvedEntity(
        iri=IRIS.entity(etype, name), type=etype, name=name, language=first_lang[name],
        aliases=aliases, country=country, articles=articles,
    )
