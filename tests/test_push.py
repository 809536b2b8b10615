"""`sikg push` into a real SPARQL server, then every named query there and locally: same answers."""
from __future__ import annotations

import shutil
import urllib.request

import pytest
from servers import free_port, oxigraph_exe, running

from sikg.graph.push import push
from sikg.graph.store import open_store
from sikg.queries.named import bind, list_named
from sikg.queries.remote import run_remote
from sikg.queries.run import run_query


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
    return sorted(map(tuple, result.rows))


def test_push_and_every_named_query_gives_the_same_answer(built, oxigraph_server):
    store = open_store(built[0])
    report = push(store, f"{oxigraph_server}/store", graph_per_article=True, progress=False)
    assert report.triples == len(store) and report.graphs == 26
    count = run_remote(f"{oxigraph_server}/query", "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")
    assert int(count.rows[0][0]) == len(store)
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
    assert int(count.rows[0][0]) == len(store)


def test_push_by_sparql_update_to_the_default_graph(built, oxigraph_server):
    store = open_store(built[0])
    push(store, f"{oxigraph_server}/update", protocol="update", batch_size=500, progress=False)
    push(store, f"{oxigraph_server}/update", protocol="update", batch_size=500, progress=False)
    distinct = run_query(store, "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } } }")
    req = urllib.request.Request(f"{oxigraph_server}/store?default", headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        lines = [line for line in resp.read().decode().splitlines() if line.strip()]
    assert len(lines) == int(distinct.rows[0][0])


def test_unreachable_server_is_a_clear_error(built):
    from sikg.graph.push import Pusher, PushError

    p = Pusher(f"http://127.0.0.1:{free_port()}/store", retries=1)
    with pytest.raises(PushError, match="failed after 2 tries"):
        p.push_graph("https://w3id.org/sikg/graph/x", [])


@pytest.mark.virtuoso
def test_virtuoso(built, tmp_path):
    if shutil.which("virtuoso-t") is None:
        pytest.skip("Virtuoso (Debian's virtuoso-opensource) is not installed; run with it installed")
    pytest.skip("Virtuoso start-up and credentials are set up by hand for now (see README)")
