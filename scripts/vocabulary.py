#!/usr/bin/env python3
"""Generate ontology/vocabulary.py from ontology/sikg.ttl, the way rdflib generates its closed namespaces.

The ontology is the one place where the entity types, the relations, which relations carry a role,
and each property's domain and range are written; the generated module gives them to the code as
Python constants, a closed rdflib namespace and pyoxigraph terms.  Run after editing the ontology:

    .venv/bin/python scripts/vocabulary.py          # rewrite ontology/vocabulary.py
    .venv/bin/python scripts/vocabulary.py --check  # exit 1 if it is out of date (the tests do this)
"""
from __future__ import annotations

import argparse
import pprint
import sys
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.collection import Collection

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "sikg.ttl"
TARGET = ROOT / "ontology" / "vocabulary.py"


def _local(iri: URIRef, ns: str) -> str:
    if not str(iri).startswith(ns):
        raise SystemExit(f"{ONTOLOGY}: {iri} is not in the sikg namespace {ns}")
    return str(iri)[len(ns):]


def _types(g: Graph, node, ns: str) -> tuple[str, ...]:
    """A class, or the members of an owl:unionOf, as local names."""
    union = g.value(node, OWL.unionOf)
    if union is not None:
        return tuple(_local(m, ns) for m in Collection(g, union))
    return (_local(node, ns),)


def _tuple(items: tuple[str, ...] | list[str]) -> str:
    """A tuple literal, wrapped to the project's line length."""
    return pprint.pformat(tuple(items), width=100, compact=True)


def render(ontology: Path = ONTOLOGY) -> str:
    """The text of the generated module."""
    g = Graph().parse(ontology)
    text = ontology.read_text(encoding="utf-8")
    prefixes = {p: str(n) for p, n in g.namespaces() if p and f"@prefix {p}:" in text}  # declared in the file
    ns = prefixes["sikg"]

    def members(name: str) -> tuple[str, ...]:
        node = URIRef(ns + name)
        head = g.value(node, SKOS.memberList)
        if head is None:
            raise SystemExit(f"{ontology}: sikg:{name} has no skos:memberList")
        return tuple(_local(m, ns) for m in Collection(g, head))

    entity_types, relations, role_relations = members("entityTypes"), members("relations"), members("roleRelations")
    own = sorted({_local(s, ns) for s in g.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(ns)})
    classes = [t for t in own if (URIRef(ns + t), RDF.type, OWL.Class) in g]
    properties = [t for t in own if (URIRef(ns + t), RDF.type, OWL.ObjectProperty) in g
                  or (URIRef(ns + t), RDF.type, OWL.DatatypeProperty) in g]
    lists = [t for t in own if (URIRef(ns + t), RDF.type, SKOS.OrderedCollection) in g]
    domain = {p: _types(g, g.value(URIRef(ns + p), RDFS.domain), ns) for p in properties
              if g.value(URIRef(ns + p), RDFS.domain) is not None}
    ranges = {p: g.value(URIRef(ns + p), RDFS.range) for p in properties}
    range_ = {p: _types(g, r, ns) for p, r in ranges.items()
              if r is not None and (str(r).startswith(ns) or g.value(r, OWL.unionOf) is not None)}
    labels = {}
    for t in own:
        by_lang = {lbl.language: str(lbl) for lbl in g.objects(URIRef(ns + t), RDFS.label) if isinstance(lbl, Literal)}
        labels[t] = {lang: by_lang[lang] for lang in sorted(by_lang)}

    out = [
        '"""The sikg vocabulary, generated from ontology/sikg.ttl by scripts/vocabulary.py: do not edit.',
        "",
        "Regenerate after editing the ontology (`.venv/bin/python scripts/vocabulary.py`); a test fails while",
        "this file is out of date.  A typo in a term fails, as in rdflib's closed namespaces:",
        "",
        ">>> SIKG.fundedBy",
        f"rdflib.term.URIRef('{ns}fundedBy')",
        ">>> SIKG.fundedby  # doctest: +ELLIPSIS",
        "Traceback (most recent call last):",
        "...",
        f"AttributeError: term 'fundedby' not in namespace '{ns}'",
        ">>> term('partnerIn') == TERMS.partnerIn",
        "True",
        '"""',
        "from __future__ import annotations",
        "",
        "from typing import Final",
        "",
        "from pyoxigraph import NamedNode",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "#: The namespace of the sikg ontology's own terms.",
        f"NAMESPACE: Final = {ns!r}",
        "",
        "#: The prefixes the ontology declares (SPARQL and Turtle headers take theirs from here).",
        "PREFIXES: Final[dict[str, str]] = {",
        *(f"    {p!r}: {n!r}," for p, n in sorted(prefixes.items())),
        "}",
        "",
        "#: The entity types of an annotation, in the schema's order (sikg:entityTypes).",
        f"ENTITY_TYPES: Final = {_tuple(entity_types)}",
        "#: The relations of an annotation, in the schema's order (sikg:relations).",
        f"PREDICATES: Final = {_tuple(relations)}",
        "#: The relations whose role is kept as an org:Membership (sikg:roleRelations).",
        f"ROLE_PREDICATES: Final = {_tuple(role_relations)}",
        "#: Own classes and properties.",
        f"CLASSES: Final = {_tuple(classes)}",
        f"PROPERTIES: Final = {_tuple(properties)}",
        "",
        "#: rdfs:domain of each property that states one (the types its subject may have).",
        "DOMAIN: Final[dict[str, tuple[str, ...]]] = {",
        *(f"    {p!r}: {t!r}," for p, t in sorted(domain.items())),
        "}",
        "#: rdfs:range of each property whose range is an own class (the types its object may have).",
        "RANGE: Final[dict[str, tuple[str, ...]]] = {",
        *(f"    {p!r}: {t!r}," for p, t in sorted(range_.items())),
        "}",
        "#: rdfs:label of each own term, by language.",
        "LABELS: Final[dict[str, dict[str, str]]] = {",
        *(f"    {t!r}: {v!r}," for t, v in labels.items()),
        "}",
        "",
        "",
        "class SIKG(DefinedNamespace):",
        '    """The own terms of ontology/sikg.ttl as a closed rdflib namespace."""',
        "",
        "    _fail = True",
        "    _NS = Namespace(NAMESPACE)",
        "",
        *(f"    {t}: URIRef" for t in own),
        "",
        "",
        "class TERMS:",
        '    """The own terms as pyoxigraph terms (an unknown attribute fails like SIKG\'s)."""',
        "",
        "    __slots__ = ()",
        *(f"    {t}: Final = NamedNode(NAMESPACE + {t!r})" for t in own),
        "",
        "",
        "_BY_NAME: Final = {t: getattr(TERMS, t) for t in TERMS.__annotations__}",
        "",
        "",
        "def term(name: str) -> NamedNode:",
        '    """The pyoxigraph term of an own term named at run time (a predicate of an annotation).',
        "",
        "    >>> term('Organisation').value.endswith('#Organisation')",
        "    True",
        "    >>> term('Funder')",
        "    Traceback (most recent call last):",
        "    ...",
        "    KeyError: \"'Funder' is not a term of the sikg ontology\"",
        '    """',
        "    try:",
        "        return _BY_NAME[name]",
        "    except KeyError:",
        "        raise KeyError(f\"{name!r} is not a term of the sikg ontology\") from None",
        "",
    ]
    missing = [t for t in (*entity_types, *relations) if t not in own]
    if missing:
        raise SystemExit(f"{ontology}: listed but not declared: {', '.join(missing)}")
    del lists
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="Exit 1 if ontology/vocabulary.py is out of date.")
    args = ap.parse_args()
    text = render()
    if args.check:
        if TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is out of date: run scripts/vocabulary.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
