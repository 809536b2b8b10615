"""Run a query on a remote SPARQL 1.1 endpoint through SPARQLWrapper, with the same result shape
as the embedded store."""
from __future__ import annotations

import json

from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from sikg.queries.run import QueryError, QueryResult


def run_remote(endpoint: str, query: str, *, timeout: int = 60) -> QueryResult:
    """SELECT/ASK on ``endpoint`` (SPARQL 1.1 Protocol, JSON results)."""
    client = SPARQLWrapper(endpoint)
    # comment lines go: SPARQLWrapper guesses the query form from the text, and a header comment
    # mentioning an update verb would make it send the query as an update
    client.setQuery("\n".join(line for line in query.splitlines() if not line.lstrip().startswith("#")))
    client.setMethod(POST)
    client.setReturnFormat(JSON)
    client.setTimeout(timeout)
    try:
        raw = client.query().convert()
    except SPARQLWrapperException as exc:
        raise QueryError(f"{endpoint}: {exc}") from None
    except OSError as exc:
        raise QueryError(f"{endpoint}: cannot reach the endpoint ({exc})") from None
    if isinstance(raw, bytes | str):
        raw = json.loads(raw)
    if "boolean" in raw:
        return QueryResult(["answer"], [["true" if raw["boolean"] else "false"]])
    variables = raw["head"].get("vars", [])
    rows = [[b.get(v, {}).get("value", "") for v in variables] for b in raw["results"]["bindings"]]
    return QueryResult(variables, rows)
