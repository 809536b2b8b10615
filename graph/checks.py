"""The constraints of ``ontology/shapes.ttl`` as SPARQL violation queries, run by the store itself.

pySHACL is the reference validator, but it holds the graph in rdflib and takes minutes on millions
of triples.  For large graphs ``sikg build`` runs these queries instead (each must return no rows,
like ODK's ``*-violation.rq``); tests check that they and pySHACL agree on good and broken graphs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pyoxigraph import Store

from sikg.graph.store import union_query
from sikg.ontology import ENTITY_TYPES, IRIS
from sikg.ontology.terms import sparql_prefixes

P = sparql_prefixes("sikg", "skos", "org", "prov", "dcterms", "owl") + "\n"
ENTITY = "(" + ", ".join(f"sikg:{t}" for t in ENTITY_TYPES) + ")"
ID_PATTERN = ("^" + re.escape(IRIS.id_base).replace("\\", "\\\\") + "("
              + "|".join(t.lower() for t in ENTITY_TYPES) + ")/[a-z0-9][a-z0-9-]*$")

CHECKS: dict[str, str] = {
    "entity IRI outside the sikg namespace or not a slug": f"""
        SELECT DISTINCT ?focus WHERE {{ ?focus a ?c FILTER(?c IN {ENTITY})
          FILTER(!isIRI(?focus) || !REGEX(STR(?focus), "{ID_PATTERN}")) }}""",
    "entity without a skos:prefLabel": f"""
        SELECT DISTINCT ?focus WHERE {{ ?focus a ?c FILTER(?c IN {ENTITY})
          FILTER NOT EXISTS {{ ?focus skos:prefLabel ?l }} }}""",
    "two skos:prefLabel in one language": f"""
        SELECT DISTINCT ?focus WHERE {{ ?focus a ?c FILTER(?c IN {ENTITY})
          ?focus skos:prefLabel ?a , ?b FILTER(?a != ?b && LANG(?a) = LANG(?b)) }}""",
    "label without a language tag": f"""
        SELECT DISTINCT ?focus WHERE {{ ?focus a ?c FILTER(?c IN {ENTITY})
          ?focus skos:prefLabel|skos:altLabel ?l FILTER(LANG(?l) = "") }}""",
    "country without one ISO 3166-1 alpha-2 code": """
        SELECT DISTINCT ?focus WHERE { ?focus a sikg:Country
          OPTIONAL { ?focus sikg:isoCode ?iso }
          FILTER(!BOUND(?iso) || !REGEX(STR(?iso), "^[A-Z]{2}$")) }""",
    "fundedBy with a wrong subject or object type": """
        SELECT DISTINCT ?focus WHERE { ?focus sikg:fundedBy ?o
          FILTER(NOT EXISTS { ?o a sikg:Organisation } && NOT EXISTS { ?o a sikg:Programme }) }""",
    "partnerIn or coordinates from a non-organisation or to a non-project": """
        SELECT DISTINCT ?focus WHERE { ?focus sikg:partnerIn|sikg:coordinates ?o
          FILTER(NOT EXISTS { ?focus a sikg:Organisation } || NOT EXISTS { ?o a sikg:Project }) }""",
    "worksFor from a non-person or to a non-organisation": """
        SELECT DISTINCT ?focus WHERE { ?focus sikg:worksFor ?o
          FILTER(NOT EXISTS { ?focus a sikg:Person } || NOT EXISTS { ?o a sikg:Organisation }) }""",
    "organises or manages with wrong types": """
        SELECT DISTINCT ?focus WHERE {
          { ?focus sikg:organises ?o FILTER(NOT EXISTS { ?o a sikg:Event } && NOT EXISTS { ?o a sikg:Project }) }
          UNION { ?focus sikg:manages ?o FILTER NOT EXISTS { ?o a sikg:Programme } }
          UNION { ?focus sikg:organises|sikg:manages ?o FILTER NOT EXISTS { ?focus a sikg:Organisation } } }""",
    "locatedIn or heldIn to something that is no place": """
        SELECT DISTINCT ?focus WHERE { ?focus sikg:locatedIn|sikg:heldIn ?o
          FILTER(NOT EXISTS { ?o a sikg:Place } && NOT EXISTS { ?o a sikg:Country }) }""",
    "partOf to a non-project": """
        SELECT DISTINCT ?focus WHERE { ?focus sikg:partOf ?o FILTER NOT EXISTS { ?o a sikg:Project } }""",
    "membership without exactly one member, organisation and role": """
        SELECT DISTINCT ?focus WHERE { ?focus a org:Membership
          { SELECT ?focus (COUNT(DISTINCT ?m) AS ?nm) (COUNT(DISTINCT ?o) AS ?no) (COUNT(DISTINCT ?r) AS ?nr)
            WHERE { ?focus a org:Membership OPTIONAL { ?focus org:member ?m } OPTIONAL { ?focus org:organization ?o }
                    OPTIONAL { ?focus org:role ?r } } GROUP BY ?focus }
          FILTER(?nm != 1 || ?no != 1 || ?nr != 1) }""",
    "article without one title and one language": """
        SELECT DISTINCT ?focus WHERE { ?focus a sikg:Article
          { SELECT ?focus (COUNT(DISTINCT ?t) AS ?nt) (COUNT(DISTINCT ?l) AS ?nl)
            WHERE { ?focus a sikg:Article OPTIONAL { ?focus dcterms:title ?t } OPTIONAL { ?focus dcterms:language ?l } }
            GROUP BY ?focus }
          FILTER(?nt != 1 || ?nl != 1) }""",
    "article graph not derived from exactly one article": """
        SELECT DISTINCT ?focus WHERE { ?focus a sikg:ArticleGraph
          { SELECT ?focus (COUNT(DISTINCT ?a) AS ?n) WHERE { ?focus a sikg:ArticleGraph
              OPTIONAL { ?focus prov:wasDerivedFrom ?a . ?a a sikg:Article } } GROUP BY ?focus }
          FILTER(?n != 1) }""",
}


@dataclass(frozen=True)
class CheckReport:
    conforms: bool
    violations: int
    text: str


def run_checks(store: Store, limit: int = 20) -> CheckReport:
    """Every check on the union of the store's graphs; the report lists up to ``limit`` focus nodes each."""
    lines: list[str] = []
    total = 0
    for name, query in CHECKS.items():
        rows = [r["focus"] for r in union_query(store, P + query + f"\nLIMIT {limit + 1}")]
        if rows:
            total += len(rows)
            lines.append(f"{name}: " + ", ".join(str(r) for r in rows[:limit]) + (" …" if len(rows) > limit else ""))
    text = "SPARQL checks: " + ("conform" if not lines else f"{total} violations\n" + "\n".join(lines))
    return CheckReport(conforms=not lines, violations=total, text=text)
