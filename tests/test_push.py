"""`sikg push` into a real SPARQL server, then every named query there and locally: same answers."""
from __future__ import annotations

import re
import shutil
import urllib.request
from pathlib import Path

import pytest

from sikg.graph.projections import PROJECTION_GRAPH
from sikg.graph.push import push
from sikg.graph.store import open_store, sizes
from sikg.queries.named import bind, list_named, load_named
from sikg.queries.remote import run_remote
from sikg.queries.run import run_query
from support.servers import free_port, oxigraph_exe, running


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    exe = oxigraph_exe()
    if exe is None:
        pytest.skip("the oxigraph server (PyPI package `oxigraph`) is not installed")
    port = free_port()
    data = tmp_path_factory.mktemp("oxigraph")
    cmd = [exe, "serve", "--location", str(data), "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    with running(cmd, f"http://127.0.0.1:{port}/query?query=ASK%7B%7D"):
        yield f"http://127.0.0.1:{port}"


def as_set(result):
    """Rows as a sorted list; a GROUP_CONCAT cell ("a | b") compared as a set, since SPARQL leaves
    the order of concatenation to each engine."""
    return sorted(tuple(" | ".join(sorted(cell.split(" | "))) for cell in row) for row in result.rows)


def test_push_and_every_named_query_gives_the_same_answer(built, oxigraph_server):
    store = open_store(built[0])
    report = push(store, f"{oxigraph_server}/store", graph_per_article=True, progress=False)
    assert report.triples == sizes(store)[0] + derived(store) and report.graphs == 102  # articles, entities, projections
    count = run_remote(f"{oxigraph_server}/query", "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")
    assert int(count.rows[0][0]) == sizes(store)[0] + derived(store)
    for q in list_named():
        text = bind(q)
        local, remote = run_query(store, text), run_remote(f"{oxigraph_server}/query", text)
        assert local.variables == remote.variables, q.name
        assert as_set(local) == as_set(remote), q.name


def test_repush_replaces_rather_than_duplicates(built, oxigraph_server):
    store = open_store(built[0])
    push(store, f"{oxigraph_server}/store", graph_per_article=True, progress=False)
    push(store, f"{oxigraph_server}/store", graph_per_article=True, progress=False)
    count = run_remote(f"{oxigraph_server}/query", "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")
    assert int(count.rows[0][0]) == sizes(store)[0] + derived(store)


def derived(store) -> int:
    """How many quads the projections graph holds (pushed with the rest: the named queries read it)."""
    return sum(1 for _ in store.quads_for_pattern(None, None, None, PROJECTION_GRAPH))


def test_push_by_sparql_update_to_the_default_graph(built, oxigraph_server):
    store = open_store(built[0])
    push(store, f"{oxigraph_server}/update", protocol="update", batch_size=500, progress=False)
    push(store, f"{oxigraph_server}/update", protocol="update", batch_size=500, progress=False)
    distinct = run_query(store, "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } "
                                f"FILTER(?g != <{PROJECTION_GRAPH.value}>) }} }}")  # that one goes to its own graph
    req = urllib.request.Request(f"{oxigraph_server}/store?default", headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        lines = [line for line in resp.read().decode().splitlines() if line.strip()]
    assert len(lines) == int(distinct.rows[0][0])


def test_unreachable_server_is_a_clear_error(built):
    from sikg.graph.push import Pusher, PushError

    p = Pusher(f"http://127.0.0.1:{free_port()}/store", retries=1)
    with pytest.raises(PushError, match="failed after 2 tries"):
        p.push_graph("https://w3id.org/sikg/graph/x", [])


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory):
    exe = shutil.which("virtuoso-t")
    template = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
    if exe is None or not template.exists():
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    d = tmp_path_factory.mktemp("virtuoso")
    isql_port, http_port = free_port(), free_port()
    ini = template.read_text()
    ini = re.sub(r"(?m)^DatabaseFile\s*=.*virtuoso\.db$", f"DatabaseFile = {d}/virtuoso.db", ini)
    ini = re.sub(r"(?m)^ErrorLogFile\s*=.*$", f"ErrorLogFile = {d}/virtuoso.log", ini)
    ini = re.sub(r"(?m)^LockFile\s*=.*$", f"LockFile = {d}/virtuoso.lck", ini)
    ini = re.sub(r"(?m)^TransactionFile\s*=.*virtuoso\.trx$", f"TransactionFile = {d}/virtuoso.trx", ini)
    ini = re.sub(r"(?m)^xa_persistent_file\s*=.*$", f"xa_persistent_file = {d}/virtuoso.pxa", ini)
    ini = re.sub(r"(?m)^DatabaseFile\s*=.*virtuoso-temp\.db$", f"DatabaseFile = {d}/virtuoso-temp.db", ini)
    ini = re.sub(r"(?m)^TransactionFile\s*=.*virtuoso-temp\.trx$", f"TransactionFile = {d}/virtuoso-temp.trx", ini)
    ini = re.sub(r"(?m)^ServerPort\s*=\s*1111", f"ServerPort = 127.0.0.1:{isql_port}", ini)
    ini = re.sub(r"(?m)^ServerPort\s*=\s*8890", f"ServerPort = 127.0.0.1:{http_port}", ini)
    (d / "virtuoso.ini").write_text(ini)
    cmd = [exe, "-f", "-c", str(d / "virtuoso.ini")]
    with running(cmd, f"http://127.0.0.1:{http_port}/sparql?query=ASK%7B%7D", cwd=d, timeout=120, stop_wait=30):
        yield f"http://127.0.0.1:{http_port}"


@pytest.mark.virtuoso
def test_virtuoso_push_and_named_queries(built, virtuoso_server):
    """Virtuoso, the engine for a large deployment: push by GSP (Digest auth), query by SPARQLWrapper.
    Its default graph is the union of all graphs, like the embedded store's."""
    store = open_store(built[0])
    for _ in range(2):  # a re-push replaces
        push(store, f"{virtuoso_server}/sparql-graph-crud-auth", graph_per_article=True, user="dba",
             password="dba", progress=False)
    prefix = "https://w3id.org/sikg/graph/"
    count = run_remote(f"{virtuoso_server}/sparql",
                       f"SELECT (COUNT(*) AS ?n) {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), '{prefix}')) }}")
    assert int(count.rows[0][0]) == sizes(store)[0]
    for name in ("project-partners", "people-roles", "funders", "provenance", "co-funded-projects"):
        q = load_named(name)
        local, remote = run_query(store, bind(q)), run_remote(f"{virtuoso_server}/sparql", bind(q))
        assert as_set(local) == as_set(remote), name
