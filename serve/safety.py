"""What a public read-only endpoint must not run, decided by a SPARQL parser's view of the query
(rdflib's grammar: no word search, so ``?service`` and ``schema:Service`` run), and the workers'
own guard: they run without any network (a network namespace of their own), so that even a query
the parser could not read cannot fetch another host.

Both run inside a worker, under the job's time limit: nothing here runs in the server process.

>>> refusal("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
'SERVICE (a federated query to another host) is refused by this endpoint'
>>> refusal("PREFIX schema: <http://schema.org/> SELECT ?service { ?service a schema:Service }") is None
True
>>> refusal("INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }")
'this endpoint is read-only: SPARQL Update is refused'
"""
from __future__ import annotations

import ctypes
import logging
import os
import socket
from functools import lru_cache

log = logging.getLogger(__name__)

READ_ONLY = "this endpoint is read-only: SPARQL Update is refused"
NO_SERVICE = "SERVICE (a federated query to another host) is refused by this endpoint"
UNCHECKED = ("this query could not be checked for SERVICE by the endpoint's parser ({reason}), and this "
             "server cannot cut its workers off the network; simplify it or ask the operator")

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


def isolate_network() -> bool:
    """Move this process into a network namespace of its own (no interface but a loopback that is
    down): no connection can leave it.  True when done; False where the kernel refuses (then the
    parser's verdict is the only guard, and queries it cannot read are refused)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            return _cut_off()
    log.warning("query workers keep the network (unshare: %s); queries the parser cannot read are refused",
                os.strerror(ctypes.get_errno()))
    return False


def _cut_off() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 9), timeout=0.5):
            return False
    except OSError as exc:
        return exc.errno == 101  # ENETUNREACH: the namespace has no route anywhere


#: The most nested brackets and the most brackets and operators a query may have: Oxigraph's parser
#: and optimiser recurse, and past these a query crashes a worker or takes minutes before it starts.
MAX_DEPTH = 500
MAX_STRUCTURE = 25_000
_OPEN, _CLOSE = "{([", "})]"
_OPERATORS = "+-*/!=<>&|^.;,"
_IRI_STOP = frozenset('<>"{}|^`\\ \t\r\n')


def _shape(query: str) -> tuple[int, int]:
    """(deepest nesting, brackets and operators) outside strings, IRIs and comments: one pass."""
    depth = deepest = structure = 0
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c in "\"'":
            long = query.startswith(c * 3, i)
            quote = c * 3 if long else c
            i += len(quote)
            while i < n and not query.startswith(quote, i):
                if not long and query[i] == "\n":
                    break
                i += 2 if query[i] == "\\" else 1
            i += len(quote)
            continue
        if c == "<":
            j = i + 1
            while j < n and query[j] not in _IRI_STOP:
                j += 1
            if j < n and query[j] == ">":  # an IRI
                i = j + 1
                continue
        if c in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
            structure += 1
        elif c in _CLOSE:
            depth -= 1
            structure += 1
        elif c in _OPERATORS:
            structure += 1
        i += 1
    return deepest, structure


def too_complex(query: str) -> str | None:
    """Why the query is too deeply nested or too long in operators to run here, or None.

    >>> too_complex("SELECT * {" + "{" * 5000) is not None, too_complex("ASK { ?s ?p '{{{{' }") is None
    (True, True)
    """
    openings = sum(query.count(c) for c in _OPEN)
    rough = openings * 2 + sum(query.count(c) for c in _OPERATORS)
    if openings <= MAX_DEPTH and rough <= MAX_STRUCTURE:  # the raw counts bound the real ones
        return None
    deepest, structure = _shape(query)
    if deepest > MAX_DEPTH:
        return f"the query nests brackets {deepest} levels deep; this endpoint runs at most {MAX_DEPTH}"
    if structure > MAX_STRUCTURE:
        return f"the query has {structure:,} brackets and operators; this endpoint runs at most {MAX_STRUCTURE:,}"
    return None


_VOLATILE = frozenset({"Builtin_NOW", "Builtin_RAND", "Builtin_UUID", "Builtin_STRUUID", "Builtin_BNODE"})


@lru_cache(maxsize=1024)
def _query_tree(query: str):
    """rdflib's parse tree of a query, or None where rdflib cannot read it."""
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        return parseQuery(query)
    except Exception:
        return None


def _has(tree, names: frozenset[str]) -> bool:
    """Whether rdflib's parse tree holds a node of one of ``names`` (walked without recursion)."""
    from pyparsing import ParseResults

    stack = [tree]
    while stack:
        node = stack.pop()
        if getattr(node, "name", None) in names:
            return True
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple | ParseResults):
            stack.extend(node)
    return False


def is_repeatable(query: str) -> bool:
    """Whether the query's answer on one generation is always the same (no NOW, RAND, UUID, STRUUID,
    BNODE), so that a cached answer may stand for it.

    >>> is_repeatable("SELECT * { ?s ?p ?o }"), is_repeatable("SELECT (NOW() AS ?t) {}")
    (True, False)
    """
    tree = _query_tree(query)
    return tree is not None and not _has(tree, _VOLATILE)


@lru_cache(maxsize=1024)
def refusal(query: str, isolated: bool = True) -> str | None:
    """Why the query is refused (a one-line message for a 403/400), or None to run it.  A query
    rdflib cannot read either fails in Oxigraph too (400), or uses syntax rdflib lacks: it runs
    where the worker is cut off the network, and is refused where it is not."""
    from rdflib.plugins.sparql.parser import parseUpdate

    shape = too_complex(query)
    if shape:
        return shape
    tree = _query_tree(query)
    if tree is None:
        try:
            parseUpdate(query)
        except Exception:  # neither a query nor an update rdflib reads: Oxigraph says what is wrong
            return None if isolated else UNCHECKED.format(reason="not a query its grammar reads")
        return READ_ONLY
    return NO_SERVICE if _has(tree, frozenset({"ServiceGraphPattern"})) else None
