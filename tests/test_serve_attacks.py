"""The attacks that got through the old endpoint, as tests against a real `sikg serve` on 127.0.0.1:
SERVICE bypasses, a 1 MB hostile body, a memory-hungry query, a huge answer, 1,000 idle connections,
a client that trickles its headers, one client's runaway queries, updates on every route."""
from __future__ import annotations

import http.client
import http.server
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

import pytest

from support.servers import free_port, running, sikg_exe

TIME_LIMIT = 2


@pytest.fixture(scope="module")
def secret():
    """A service on 127.0.0.1 that must never be reached through the endpoint: it counts its hits."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            body = b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"literal","value":"SECRET"}}]}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/sparql", hits
    server.shutdown()


@pytest.fixture(scope="module")
def endpoint(built):
    port = free_port()
    cmd = [sikg_exe(), "serve", "--port", str(port), "--timeout", str(TIME_LIMIT), "--workers", "2",
           "--max-memory", "400", "--max-response", "1", "--request-timeout", "1", "--max-body", "1100000",
           "--store", str(built[0])]
    with running(cmd, f"http://127.0.0.1:{port}/sparql") as proc:
        yield port, proc


def request(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
            source: str = "127.0.0.1", timeout: float = 30) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(source, 0))
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def query(port: int, text: str, source: str = "127.0.0.1", accept: str = "application/sparql-results+json"):
    return request(port, "POST", "/sparql", text.encode(), {"Content-Type": "application/sparql-query",
                                                            "Accept": accept}, source)


def test_service_bypasses_are_refused_and_the_secret_is_never_fetched(endpoint, secret):
    port, _ = endpoint
    url, hits = secret
    bypasses = [
        f"SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ FILTER(1<2)SERVICE<{url}>{{?s ?p ?o}} }}",
        f"# '''\nSELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }} # '''",
        f"SELECT * {{ service <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX x: <{url.rsplit('/', 1)[0]}/> SELECT * {{ OPTIONAL {{ SERVICE x:sparql {{ ?s ?p ?o }} }} }}",
        f'SELECT * {{ BIND("""{{ """ AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} }}',
        f"SELECT * {{ {{ SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    ]
    for q in bypasses:
        status, body = query(port, q)
        assert status == 403 and b"SERVICE" in body and b"SECRET" not in body, (q, status, body)
        status, body = request(port, "GET", "/sparql?" + urllib.parse.urlencode({"query": q}))
        assert status == 403, q
    assert hits == []


def test_words_that_look_like_service_run(endpoint):
    port, _ = endpoint
    for q in ("SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
              "PREFIX schema: <https://schema.org/> SELECT ?x WHERE { ?x a schema:Service }",
              "PREFIX ex: <http://example.org/> SELECT ?x WHERE { ?x a ex:Service }",
              'SELECT ?x WHERE { ?x ?p "SERVICE <http://example.org/> { }" }'):
        status, body = query(port, q)
        assert status == 200, (q, body)


def test_the_workers_have_no_network_at_all(secret):
    """Even a SERVICE the parser never saw could reach nothing: a worker's process is cut off."""
    url, hits = secret
    code = ("from sikg.serve.safety import isolate_network\n"
            "if not isolate_network():\n    print('unshare refused'); raise SystemExit(0)\n"
            "from pyoxigraph import Store\n"
            f"try:\n    list(Store().query('SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}'))\n"
            "except Exception as exc:\n    print('refused:', type(exc).__name__)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    if "unshare refused" in out.stdout:
        pytest.skip("this kernel refuses a network namespace to this user: the parser's verdict is the only guard")
    assert out.returncode == 0 and "refused:" in out.stdout, out.stderr
    assert hits == []


def test_updates_are_refused_on_every_route(endpoint):
    port, _ = endpoint
    for method, path, body, ctype in (
        ("GET", "/sparql?update=DROP%20ALL", None, None),
        ("POST", "/sparql", b"update=DROP%20ALL", "application/x-www-form-urlencoded"),
        ("POST", "/sparql", b"DROP ALL", "application/sparql-update"),
        ("POST", "/sparql", b"LOAD <http://example.org/x>", "application/sparql-query"),
        ("POST", "/sparql", b"INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }", "application/sparql-query"),
    ):
        status, answer = request(port, method, path, body, {"Content-Type": ctype} if ctype else {})
        assert status == 403 and b"read-only" in answer, (method, path, body, status, answer)
    for path in ("/query/entities", "/id/organisation/x", "/explore", "/"):
        status, _ = request(port, "POST", path, b"DROP ALL", {"Content-Type": "application/sparql-update"})
        assert status == 405


def _latencies(port: int, seconds: float, source: str = "127.0.0.3") -> list[float]:
    out = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        start = time.perf_counter()
        status, _ = query(port, "ASK {}", source=source)
        assert status == 200
        out.append(time.perf_counter() - start)
    return out


def test_a_1_mb_hostile_body_is_answered_in_under_a_second_while_others_keep_their_latency(endpoint):
    port, _ = endpoint
    quiet = _latencies(port, 1.0)
    timings: list[float] = []

    def attack(payload: bytes) -> None:
        for _ in range(3):
            start = time.perf_counter()
            status, body = request(port, "POST", "/sparql", payload, {"Content-Type": "application/sparql-query"},
                                   source="127.0.0.2")
            timings.append(time.perf_counter() - start)
            assert status == 400 and len(body) < 2000, (status, body[:200])

    payloads = [b"<" * 1_000_000, b"SELECT * {" + b"{" * 999_000, b"'''" + b"\\'" * 499_000,
                b"SELECT * { " + b"?s ?p ?o . FILTER(1<2) " * 40_000]
    threads = [threading.Thread(target=attack, args=(p,)) for p in payloads]
    for t in threads:
        t.start()
    loaded = _latencies(port, 2.0)
    for t in threads:
        t.join()
    assert max(timings) < 1.0, timings
    assert statistics.median(loaded) < max(0.25, 5 * statistics.median(quiet)), (quiet, loaded)


def test_a_memory_hungry_query_is_stopped_at_its_cap_and_the_server_goes_on(endpoint):
    port, _ = endpoint
    doubling = 'BIND("0123456789abcdef" AS ?a0) ' + " ".join(
        f"BIND(CONCAT({', '.join([f'?a{i}'] * 8)}) AS ?a{i + 1})" for i in range(9))
    status, body = query(port, f"SELECT (STRLEN(?a9) AS ?n) WHERE {{ {doubling} }}")
    assert status == 503 and b"memory cap of 400 MiB" in body, (status, body)
    assert query(port, "ASK {}")[0] == 200


def test_a_huge_answer_is_cut_at_the_response_cap(endpoint):
    port, _ = endpoint
    status, body = query(port, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 413 and b"cap of 1,048,576 bytes" in body


def test_a_runaway_query_is_stopped_and_its_worker_replaced(endpoint):
    port, _ = endpoint
    start = time.monotonic()
    status, body = query(port, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    assert status == 503 and b"time limit" in body and time.monotonic() - start < TIME_LIMIT + 2
    assert query(port, "ASK {}")[0] == 200


def test_one_clients_runaway_queries_never_hold_every_worker(endpoint):
    port, _ = endpoint
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    threads = [threading.Thread(target=query, args=(port, runaway, "127.0.0.4")) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    start = time.perf_counter()
    status, _ = query(port, "ASK {}", source="127.0.0.5")
    assert status == 200 and time.perf_counter() - start < 1.0
    for t in threads:
        t.join()


def test_a_thousand_idle_connections_do_not_block_a_real_client(endpoint):
    port, _ = endpoint
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 2100:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
    idle = []
    try:
        for i in range(1000):
            s = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(f"127.0.1.{i % 250 + 1}", 0))
            idle.append(s)
        start = time.perf_counter()
        assert query(port, "ASK {}", source="127.0.0.6")[0] == 200
        assert time.perf_counter() - start < 1.0
        time.sleep(2.0)  # past the request time limit: the server has closed them all
        idle[0].settimeout(2)
        assert idle[0].recv(10) == b""
    finally:
        for s in idle:
            s.close()


def test_a_client_that_trickles_its_headers_is_closed(endpoint):
    port, _ = endpoint
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        s.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n")
        closed_at = None
        start = time.monotonic()
        for _ in range(10):
            time.sleep(0.3)
            try:
                s.sendall(b"X-Slow: 1\r\n")
            except OSError:
                closed_at = time.monotonic() - start
                break
        assert closed_at is not None and closed_at < 3.0
    finally:
        s.close()
