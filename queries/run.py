"""Run SPARQL on the store's union view and format the answer as a table, CSV, TSV or JSON.

>>> from pyoxigraph import Store, Quad, NamedNode, Literal
>>> s = Store()
>>> s.add(Quad(NamedNode("http://ex/a"), NamedNode("http://ex/name"), Literal("A"), NamedNode("http://ex/g")))
>>> result = run_query(s, "SELECT ?n WHERE { ?x <http://ex/name> ?n }")
>>> result.rows
[['A']]
"""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, QueryBoolean, QuerySolutions, Store

from sikg.errors import SikgError
from sikg.graph.store import has_union, union_query
from sikg.graph.triples import SEARCH_WORD
from sikg.loaders.errors import InputError

#: How `sikg query` and `sikg entities` print a result (the first is the default).
TABLE_FORMATS = ("table", "csv", "tsv", "json")


class QueryError(SikgError):
    """A query that cannot be parsed or run; the message says where and why."""


@dataclass
class QueryResult:
    variables: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def format(self, fmt: str = TABLE_FORMATS[0]) -> str:
        if fmt == "json":
            return json.dumps([dict(zip(self.variables, r, strict=True)) for r in self.rows],
                              ensure_ascii=False, indent=1)
        if fmt in ("csv", "tsv"):
            buf = io.StringIO()
            w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
            w.writerow(self.variables)
            w.writerows(self.rows)
            return buf.getvalue()
        if fmt != "table":
            raise ValueError(f"unknown format {fmt!r}")
        widths = [min(60, max([len(v)] + [len(r[i]) for r in self.rows])) for i, v in enumerate(self.variables)]
        line = lambda cells: " | ".join(c[:60].ljust(w) for c, w in zip(cells, widths, strict=True))  # noqa: E731
        out = [line(self.variables), "-+-".join("-" * w for w in widths)]
        out += [line(r) for r in self.rows]
        out.append(f"({len(self.rows)} rows)")
        return "\n".join(out)


def term_text(term) -> str:
    if term is None:
        return ""
    if isinstance(term, NamedNode | Literal):
        return term.value
    return str(term)


def read_query(path: Path) -> str:
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(path, "no such query file") from None
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None


def run_query(store: Store, query: str, bindings: dict[str, object] | None = None) -> QueryResult:
    """Run a SELECT/ASK query on the union of all graphs; ``bindings`` are RDF terms, never text."""
    try:
        answer = union_query(store, query, substitutions=_subs(bindings))
    except SyntaxError as exc:
        raise QueryError(f"bad SPARQL: {exc}") from None
    except OSError as exc:
        raise QueryError(f"query failed: {exc}") from None
    if isinstance(answer, QueryBoolean):
        return QueryResult(["answer"], [["true" if bool(answer) else "false"]])
    if isinstance(answer, QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = [[term_text(sol[v]) for v in variables] for sol in answer]
        return QueryResult(variables, rows)
    rows = [[term_text(t.subject), term_text(t.predicate), term_text(t.object)] for t in answer]
    return QueryResult(["subject", "predicate", "object"], rows)


def word_counter(store: Store, cap: int = 100_000) -> Callable[[str], int]:
    """How many names of the store's name index have a word (counted up to ``cap``), for
    ``bind(..., word_count=)`` to look a value up by its rarest word.

    >>> from pyoxigraph import Quad
    >>> s = Store()
    >>> for i, word in enumerate(["fonds", "fonds", "kalmarco"]):
    ...     s.add(Quad(NamedNode(f"http://ex/{i}"), SEARCH_WORD, Literal(word)))
    >>> count = word_counter(s)
    >>> count("fonds"), count("kalmarco"), count("nowhere")
    (2, 1, 0)
    """
    graph = DefaultGraph() if has_union(store) else None

    def count(word: str) -> int:
        matches = store.quads_for_pattern(None, SEARCH_WORD, Literal(word), graph)
        return sum(1 for _ in islice(matches, cap))

    return count


def named_query_path(name: str) -> Path:
    """The bundled ``.rq`` file of a named query."""
    from importlib.resources import files

    return Path(str(files("sikg.queries") / f"{name}.rq"))


def resolution_table(store: Store, etype: str | None = None) -> QueryResult:
    """Every entity with its aliases and articles (``queries/entities.rq``), optionally of one type."""
    result = run_query(store, read_query(named_query_path("entities")))
    if etype:
        col = result.variables.index("type")
        result.rows = [r for r in result.rows if r[col] == etype]
    return result


def _subs(bindings: dict[str, object] | None):
    if not bindings:
        return None
    from pyoxigraph import Variable

    return {Variable(k): v for k, v in bindings.items()}
