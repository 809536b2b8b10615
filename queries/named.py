"""Named SPARQL queries: the ``.rq`` files of this folder, their headers and their parameters.

Each file opens with grlc-style comments::

    #+ summary: the question the query answers
    #+ param: project = NewDoor — what it means      (a default; "(all)"/"(any)": unbound by default)
    #+ inflected: name                                 (sikg adds the nominative of an inflected value)
    #+ search: project                                 (looked up in the name index, see below)
    #+ example: sikg query project-partners --param project=SEMPRE

A parameter ``x`` is the variable ``?_x`` in the query. Values are bound as RDF literals in a
``VALUES`` block placed at the start of the outer ``WHERE`` group, escaped as N-Triples terms, so
no value can change the query's text (``x" } ; DROP ALL ; #`` stays a literal).

A ``search`` parameter ``x`` also binds ``?_x_word`` (the longest word of the value, folded: lower
case, no diacritics) and ``?_x_key`` (the whole value folded), for the entity graph's name index:
``?e sikg:searchWord ?_x_word ; sikg:searchKey ?k FILTER(CONTAINS(?k, ?_x_key))`` finds "part of
a name" through the object index instead of scanning every label.  A line ending in
``# if: x`` is kept only when ``x`` has a value, so that an optional search costs nothing unbound.

>>> q = load_named("project-partners")
>>> q.params[0].name, q.params[0].default
('project', 'NewDoor')
>>> 'VALUES ?_project { "x\\\\" } ; DROP ALL ; #" }' in bind(q, {"project": 'x" } ; DROP ALL ; #'})
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from pyoxigraph import Literal

from sikg.loaders.annotations import fold, fold_words
from sikg.loaders.errors import InputError

UNBOUND_DEFAULTS = {"(all)", "(any)", ""}


class ParameterError(ValueError):
    """A parameter the query does not declare, or a malformed ``key=value``."""


@dataclass(frozen=True)
class Param:
    name: str
    default: str | None
    description: str


@dataclass
class NamedQuery:
    name: str
    path: Path
    text: str
    summary: str = ""
    params: list[Param] = field(default_factory=list)
    inflected: set[str] = field(default_factory=set)
    search: set[str] = field(default_factory=set)
    example: str = ""


def queries_dir() -> Path:
    return Path(str(files("sikg.queries")))


def parse_header(name: str, path: Path, text: str) -> NamedQuery:
    q = NamedQuery(name=name, path=path, text=text)
    for line in text.splitlines():
        if not line.startswith("#+"):
            if line.strip() and not line.startswith("#"):
                break
            continue
        key, _, value = line[2:].partition(":")
        key, value = key.strip(), value.strip()
        if key == "summary":
            q.summary = value
        elif key == "example":
            q.example = value
        elif key == "inflected":
            q.inflected |= {v.strip() for v in value.split(",") if v.strip()}
        elif key == "search":
            q.search |= {v.strip() for v in value.split(",") if v.strip()}
        elif key == "param" and not value.startswith("none"):
            m = re.match(r"(\w+)\s*(?:=\s*(.*?))?\s*(?:—\s*(.*))?$", value)
            if m:
                default = (m.group(2) or "").strip()
                q.params.append(Param(m.group(1), None if default in UNBOUND_DEFAULTS else default,
                                      (m.group(3) or "").strip()))
    return q


def list_named() -> list[NamedQuery]:
    """Every named query shipped with sikg, by name."""
    return [load_named(p.stem) for p in sorted(queries_dir().glob("*.rq"))]


def load_named(name_or_path: str | Path) -> NamedQuery:
    """A named query by name (``project-partners``) or any ``.rq`` file by path."""
    path = Path(name_or_path)
    if path.suffix != ".rq" or not path.exists():
        candidate = queries_dir() / f"{Path(str(name_or_path)).stem}.rq"
        if path.suffix == ".rq" and not candidate.exists():
            raise InputError(path, "no such query file")
        if not candidate.exists():
            known = ", ".join(p.stem for p in sorted(queries_dir().glob("*.rq")))
            raise InputError(name_or_path, f"no such named query (known: {known})")
        path = candidate
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None
    return parse_header(path.stem, path, text)


def parse_params(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["project=SEMPRE", ...]`` to a dict; ParameterError names a malformed pair."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not re.fullmatch(r"\w+", key.strip()):
            raise ParameterError(f"--param {pair!r}: expected key=value")
        out[key.strip()] = value
    return out


def values_for(q: NamedQuery, given: dict[str, str]) -> dict[str, list[str]]:
    """The values each parameter takes: given, else its default; inflected ones with their nominative."""
    declared = {p.name for p in q.params}
    unknown = set(given) - declared
    if unknown:
        raise ParameterError(f"query {q.name!r} has no parameter {', '.join(sorted(unknown))} "
                             f"(it takes: {', '.join(sorted(declared)) or 'none'})")
    out: dict[str, list[str]] = {}
    for p in q.params:
        value = given.get(p.name, p.default)
        if value is None:
            continue
        values = [value]
        if p.name in q.inflected:
            values += nominative_variants(value)
        out[p.name] = list(dict.fromkeys(values))
    return out


def nominative_variants(value: str) -> list[str]:
    """Nominative readings of a possibly inflected name: as an organisation-like phrase and as a
    person's name (``Liepājas Diakonijas centra`` -> ``Liepājas Diakonijas centrs``)."""
    from sikg.loaders.morphology import nominative_person, nominative_phrase

    words = value.split()
    if not words:
        return []
    return [nominative_phrase(words), nominative_person(words)]


def sparql_literal(value: str) -> str:
    """A string as a SPARQL/N-Triples literal, escaped.

    >>> sparql_literal('a"b\\nc')
    '"a\\\\"b\\\\nc"'
    """
    return str(Literal(value))


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


#: Words that many names share ("biedrība", "fonds"), folded: a poor first key into the name index.
GENERIC_WORDS = frozenset((
    "biedriba", "biedribas", "fonds", "fonda", "centrs", "centra", "programma", "programmas", "projekts",
    "projekta", "organizacija", "organizacijas", "asociacija", "asociacijas", "apvieniba", "apvienibas",
    "ministrija", "ministrijas", "pasvaldiba", "pasvaldibas", "universitate", "universitates", "agentura",
    "agenturas", "padome", "padomes", "nodibinajums", "nodibinajuma", "sabiedriba", "sabiedribas", "valsts",
    "latvijas", "foundation", "association", "organisation", "organization", "programme", "program",
    "project", "centre", "center", "ministry", "university", "agency", "council", "network",
))


def search_terms(value: str) -> tuple[str, str]:
    """(the longest word that is not a generic name word, whole value), folded as the name index
    stores them.

    >>> search_terms("Sabiedrības integrācijas fonds")
    ('integracijas', 'sabiedribas integracijas fonds')
    >>> search_terms("Latvijas Universitāte")[0]
    'universitate'
    """
    words = fold_words(value)
    specific = [w for w in words if w not in GENERIC_WORDS] or words
    return (max(specific, key=len) if specific else ""), fold(value)


_IF = re.compile(r"#\s*if:\s*(\w+)\s*$")


def bind(q: NamedQuery, given: dict[str, str] | None = None) -> str:
    """The query text with its parameters bound in a VALUES block at the start of the outer WHERE."""
    values = values_for(q, given or {})
    lines = []
    for line in q.text.splitlines(keepends=True):
        m = _IF.search(line)
        if m is None or m.group(1) in values:
            lines.append(line)
    text = "".join(lines)
    if not values:
        return text
    blocks = [f"VALUES ?_{k} {{ {' '.join(sparql_literal(v) for v in vs)} }}" for k, vs in values.items()]
    for k, vs in values.items():
        if k in q.search:
            pairs = dict.fromkeys(search_terms(v) for v in vs)
            blocks.append(f"VALUES (?_{k}_word ?_{k}_key) {{ "
                          + " ".join(f"({sparql_literal(w)} {sparql_literal(key)})" for w, key in pairs) + " }")
    m = _WHERE.search(_strip_comments(text))
    if m is None:
        raise ParameterError(f"query {q.name!r} has parameters but no WHERE {{ to bind them in")
    return text[: m.end()] + "\n  " + " ".join(blocks) + text[m.end():]


def _strip_comments(text: str) -> str:
    """Comment lines blanked to spaces (same length), so offsets stay valid."""
    return re.sub(r"(?m)^\s*#.*$", lambda m: " " * len(m.group()), text)
