"""Named SPARQL queries: the ``.rq`` files of this folder, their headers and their parameters.

Each file opens with grlc-style comments::

    #+ summary: the question the query answers
    #+ param: project = NewDoor — what it means      (a default; "(all)"/"(any)": unbound by default)
    #+ inflected: name                                 (sikg adds the nominative of an inflected value)
    #+ search: project                                 (looked up in the name index, see below)
    #+ example: sikg query project-partners --param project=SEMPRE

A parameter ``x`` is the variable ``?_x`` in the query. Values are bound as RDF literals in a
``VALUES`` block placed at the start of the outer ``WHERE`` group (or where a line
``# parameters here`` stands, inside the sub-select that uses them; ``# parameters here: x, y``
places only those; every such line gets its block, so that an OPTIONAL that repeats a lookup has
the values in its own group), escaped as N-Triples terms, so
no value can change the query's text (``x" } ; DROP ALL ; #`` stays a literal).

A ``search`` parameter ``x`` also binds ``?_x_word`` (the rarest word of the value, folded: lower
case, no diacritics) and ``?_x_key`` (the whole value folded), for the entity graph's name index:
``?e sikg:searchWord ?_x_word FILTER EXISTS { ?e sikg:searchKey ?k FILTER(CONTAINS(?k, ?_x_key)) }`` finds "part of
a name" through the object index instead of scanning every label.  "Rarest" is counted in the
store when the caller passes ``word_count`` (see ``sikg.queries.run.word_counter``); without it
the longest word that is not a generic name word ("fonds", "biedrība") stands in.  With one value
these two are written into the text as constants (not a VALUES row), so that every group that
repeats the lookup, an OPTIONAL included, starts from the few matching entities: an engine that
evaluates the group on its own then does not read every candidate.  A line ending in
``# if: x`` is kept only when ``x`` has a value, so that an optional search costs nothing unbound.

The paging parameters ``limit`` and ``offset`` (declared like any other by the queries that list
everything, ``limit`` with a default page of 1,000 rows) are not values: a whole number each,
written as ``LIMIT n OFFSET m`` after the query, or where a line ``# page here`` stands (inside
the sub-select that orders the rows by their sort keys, so that a page costs its own rows, not
every row); ``limit=(all)`` lists everything.

>>> q = load_named("cross-border-partnerships")
>>> [line.strip() for line in bind(q, {"limit": "100", "offset": "200"}).splitlines() if "LIMIT" in line]
['LIMIT 100 OFFSET 200']
>>> try:
...     bind(q, {"limit": "all"})
... except ParameterError as exc:
...     print(exc)
query 'cross-border-partnerships': limit must be a whole number ≥ 0, got 'all'

>>> q = load_named("project-partners")
>>> q.params[0].name, q.params[0].default
('project', 'NewDoor')
>>> 'VALUES ?_project { "x\\\\" } ; DROP ALL ; #" }' in bind(q, {"project": 'x" } ; DROP ALL ; #'})
True
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from pyoxigraph import Literal

from sikg.errors import SikgError
from sikg.loaders.annotations import fold, fold_words
from sikg.loaders.errors import InputError

UNBOUND_DEFAULTS = {"(all)", "(any)", ""}
#: Parameters that page a listing: written as ``LIMIT`` / ``OFFSET`` after the query, never bound as values.
PAGING = ("limit", "offset")


class ParameterError(SikgError, ValueError):
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
        if p.name in PAGING:
            continue
        value = given.get(p.name, p.default)
        if value is None or value.strip() in UNBOUND_DEFAULTS:  # `--param country=(all)` means all, not "(all)"
            continue
        values = [value]
        if p.name in q.inflected:
            values += nominative_variants(value)
        out[p.name] = list(dict.fromkeys(values))
    return out


def paging_value(q: NamedQuery, given: dict[str, str], name: str) -> int | None:
    """A paging parameter (``limit`` or ``offset``) as given, else the query's default; None when the
    query has none or it is unbound (``limit=(all)``); ParameterError when it is not a whole number."""
    declared = {p.name: p.default for p in q.params}
    if name not in declared:
        return None
    value = given.get(name, declared[name])
    if value is None or value.strip() in UNBOUND_DEFAULTS:
        return None
    if not value.strip().isdigit() or not value.strip().isascii():
        raise ParameterError(f"query {q.name!r}: {name} must be a whole number ≥ 0, got {value!r}")
    return int(value)


def paging(q: NamedQuery, given: dict[str, str]) -> str:
    """The ``LIMIT`` / ``OFFSET`` clause of the paging parameters given (or defaulted), else ""."""
    limit, offset = paging_value(q, given, "limit"), paging_value(q, given, "offset")
    return " ".join(([f"LIMIT {limit}"] if limit is not None else []) + ([f"OFFSET {offset}"] if offset else []))


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


def search_terms(value: str, word_count: Callable[[str], int] | None = None) -> tuple[str, str]:
    """(the word to look the value up by, whole value), folded as the name index stores them.

    The word is the one fewest names share when ``word_count`` (word -> how many names have it)
    is given, else the longest word that is not a generic name word.

    >>> search_terms("Sabiedrības integrācijas fonds")
    ('integracijas', 'sabiedribas integracijas fonds')
    >>> search_terms("Latvijas Universitāte")[0]
    'universitate'
    >>> search_terms("Organisation Dzirkstele 296", {"organisation": 900, "dzirkstele": 600, "296": 3}.get)[0]
    '296'
    """
    words = list(dict.fromkeys(fold_words(value)))
    if not words:
        return "", fold(value)
    if word_count is not None:
        return min(words, key=lambda w: (word_count(w), w in GENERIC_WORDS, -len(w))), fold(value)
    specific = [w for w in words if w not in GENERIC_WORDS] or words
    return max(specific, key=len), fold(value)


_IF = re.compile(r"#\s*if:\s*(\w+)\s*$")
#: Where a query wants its LIMIT / OFFSET: a sub-select that picks the page by its sort keys alone, so
#: that names and lists are read for the rows of one page only (else they go at the end).
_PAGE_HERE = re.compile(r"(?m)^(\s*)# page here\s*$")
#: Where a query wants its parameters' VALUES, when not at the start of the outer WHERE.
_VALUES_HERE = re.compile(r"(?m)^(\s*)# parameters here(?::\s*([\w, ]+?))?\s*$")


def bind(q: NamedQuery, given: dict[str, str] | None = None,
         word_count: Callable[[str], int] | None = None) -> str:
    """The query text with its parameters bound in a VALUES block at the start of the outer WHERE
    (and a search parameter's one word and key written in as constants, see the module's text)."""
    values = values_for(q, given or {})
    page = paging(q, given or {})
    lines = []
    for line in q.text.splitlines(keepends=True):
        m = _IF.search(line)
        if m is None or m.group(1) in values:
            lines.append(line)
    text = "".join(lines)
    if page:
        mark = _PAGE_HERE.search(text)
        text = (text[:mark.start()] + mark.group(1) + page + text[mark.end():] if mark
                else text.rstrip("\n") + "\n" + page + "\n")
    if not values:
        return text
    blocks: dict[str, list[str]] = {k: [f"VALUES ?_{k} {{ {' '.join(sparql_literal(v) for v in vs)} }}"]
                                     for k, vs in values.items()}
    for k, vs in values.items():
        if k in q.search:
            pairs = list(dict.fromkeys(search_terms(v, word_count) for v in vs))
            if len(pairs) == 1:
                text = _substitute(text, {f"_{k}_word": pairs[0][0], f"_{k}_key": pairs[0][1]})
                continue
            blocks[k].append(f"VALUES (?_{k}_word ?_{k}_key) {{ "
                             + " ".join(f"({sparql_literal(w)} {sparql_literal(key)})" for w, key in pairs) + " }")
    placed: set[str] = set()

    def place(here: re.Match) -> str:  # inside a sub-select or an OPTIONAL, which the outer WHERE cannot bind
        names = [n.strip() for n in (here.group(2) or "").split(",") if n.strip()] or list(blocks)
        placed.update(names)
        return here.group(1) + " ".join(b for k in names for b in blocks.get(k, []))

    text = _VALUES_HERE.sub(place, text)
    rest = [b for k, bs in blocks.items() if k not in placed for b in bs]
    if not rest:
        return text
    m = _WHERE.search(_strip_comments(text))
    if m is None:
        raise ParameterError(f"query {q.name!r} has parameters but no WHERE {{ to bind them in")
    return text[: m.end()] + "\n  " + " ".join(rest) + text[m.end():]


def _substitute(text: str, constants: dict[str, str]) -> str:
    """Each ``?name`` of ``constants`` replaced by its value as an escaped literal (comment lines
    left alone); the literal's text cannot end or change the query."""
    pattern = re.compile(r"[?$](" + "|".join(map(re.escape, constants)) + r")\b")
    return "".join(line if line.lstrip().startswith("#") else
                   pattern.sub(lambda m: sparql_literal(constants[m.group(1)]), line)
                   for line in text.splitlines(keepends=True))


def _strip_comments(text: str) -> str:
    """Comment lines blanked to spaces (same length), so offsets stay valid."""
    return re.sub(r"(?m)^\s*#.*$", lambda m: " " * len(m.group()), text)
