"""`sikg serve`: a read-only SPARQL 1.1 Protocol endpoint over the embedded store.

- ``/sparql``: queries by GET (``?query=``) or POST (form or ``application/sparql-query``);
  SELECT/ASK results as SPARQL JSON, XML, CSV or TSV and CONSTRUCT/DESCRIBE as Turtle,
  N-Triples or JSON-LD, chosen by ``Accept``; without a query, the SPARQL 1.1 Service Description.
- ``/query/NAME?param=value``: a named query (``queries/*.rq``); the listings a page at a time
  (``limit`` up to ``page_size``, ``offset``), a ``Link: rel="next"`` header while more rows follow.
- ``/``: a query page with an editor and the named queries as one-click examples (no CDN).
- Read-only: SPARQL Update is refused (403); ``SERVICE`` to other hosts is refused (403); each
  query runs in a child process that is killed at the time limit (503); results are capped
  (413 beyond ``max_results`` rows); request bodies are capped (413); CORS for browsers.
"""
from __future__ import annotations

import json
import logging
import multiprocessing
import os
import re
import signal
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from sikg.errors import SikgError
from sikg.graph.store import DEFAULT_RELEASE, StoreError, leased_generation, reading, union_query

log = logging.getLogger(__name__)

RDF_MEDIA = {
    "text/turtle": "turtle", "application/n-triples": "ntriples", "application/ld+json": "jsonld",
}
RESULT_MEDIA = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+\S*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*"
                     r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)


@dataclass
class EndpointConfig:
    store: Path
    host: str = "127.0.0.1"
    port: int = 8000
    timeout_s: float = 10.0
    max_results: int = 10_000
    page_size: int = 1_000  # rows per page of a named query that lists everything (/query/NAME)
    max_body_bytes: int = 1_000_000
    max_concurrent: int = 8
    queue_wait_s: float = 60.0  # how long a query may wait for a free slot before a 503
    release: Path | None = None


class RequestError(SikgError):
    """A request the endpoint refuses: its HTTP status and a one-line reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _strip_strings_and_comments(query: str) -> str:
    query = re.sub(r"'''.*?'''|\"\"\".*?\"\"\"", '""', query, flags=re.S)
    query = re.sub(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'", '""', query)
    query = re.sub(r"<[^>\s]*>", "<>", query)
    return re.sub(r"#[^\n]*", "", query)


def check_query(query: str) -> None:
    """Refuse what a public read-only endpoint must not run."""
    bare = _strip_strings_and_comments(query)
    if _UPDATE.match(bare):
        raise RequestError(403, "this endpoint is read-only: SPARQL Update is refused")
    if _SERVICE.search(bare):
        raise RequestError(403, "SERVICE (federated query to another host) is refused by this endpoint")


def _run_in_child(gen: str, query: str, kind: str, max_results: int, conn, page: int | None = None) -> None:
    """Child process: open the generation read-only, run, serialise, send (status, type, body, more):
    with a ``page`` size, the query asks for one row more than the page, which is left out and
    only tells that there is a next page (``more``)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        from pyoxigraph import QueryBoolean, QuerySolutions, RdfFormat, Store, serialize

        from sikg.queries.results import MEDIA_TYPES, write_boolean, write_solutions

        store = Store.read_only(gen)
        try:
            answer = union_query(store, query)
        except SyntaxError as exc:
            conn.send((400, "text/plain; charset=utf-8", f"bad SPARQL query: {exc}".encode(), False))
            return
        if isinstance(answer, QueryBoolean):
            fmt = kind if kind in MEDIA_TYPES else "json"
            conn.send((200, MEDIA_TYPES[fmt], write_boolean(bool(answer), fmt), False))
            return
        if isinstance(answer, QuerySolutions):
            variables = [v.value for v in answer.variables]
            rows = []
            for sol in answer:
                rows.append([sol[v] for v in variables])
                if len(rows) > max_results:
                    conn.send((413, "text/plain; charset=utf-8",
                               f"result too large: more than {max_results} rows (add LIMIT)".encode(), False))
                    return
            more = page is not None and len(rows) > page
            fmt = kind if kind in MEDIA_TYPES else "json"
            conn.send((200, MEDIA_TYPES[fmt], write_solutions(variables, rows[:page] if more else rows, fmt), more))
            return
        triples = []
        for t in answer:
            triples.append(t)
            if len(triples) > max_results:
                conn.send((413, "text/plain; charset=utf-8",
                           f"result too large: more than {max_results} triples (add LIMIT)".encode(), False))
                return
        rdf = {"turtle": (RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
               "ntriples": (RdfFormat.N_TRIPLES, "application/n-triples"),
               "jsonld": (RdfFormat.JSON_LD, "application/ld+json")}.get(kind, (RdfFormat.TURTLE, "text/turtle"))
        conn.send((200, rdf[1], serialize(triples, format=rdf[0]), False))
    except Exception as exc:  # report, never hang the parent
        conn.send((500, "text/plain; charset=utf-8", f"query failed: {type(exc).__name__}: {exc}".encode(), False))
    finally:
        conn.close()


def run_limited(config: EndpointConfig, query: str, kind: str, page: int | None = None
                ) -> tuple[int, str, bytes, bool]:
    """Run a query in a child process on the current generation, leased until the child ends (a build
    swapping meanwhile never removes it under the query); kill it at the time limit.  Returns
    (status, media type, body, whether there is a next page: see ``_run_in_child``)."""
    with leased_generation(config.store) as gen:
        ctx = multiprocessing.get_context("fork")
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_run_in_child, args=(str(gen), query, kind, config.max_results, child, page),
                           daemon=True)
        proc.start()
        child.close()
        try:
            if parent.poll(config.timeout_s):
                return parent.recv()
            raise RequestError(503, f"query exceeded the time limit of {config.timeout_s:g} s and was stopped")
        except EOFError:
            raise RequestError(500, "query process ended without an answer") from None
        finally:
            if proc.is_alive():
                proc.kill()
            proc.join(1)
            parent.close()


def negotiate(accept: str, table: dict[str, str], default: str) -> str:
    """The first format of ``table`` that the Accept header asks for (q-values honoured)."""
    ranked = []
    for i, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, media.lower()))
    for _, _, media in sorted(ranked):
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    return default


def service_description(base: str, fmt: str) -> tuple[str, bytes]:
    from pyoxigraph import RdfFormat, parse, serialize

    ttl = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<{base}/sparql> a sd:Service ;
  sd:endpoint <{base}/sparql> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:feature sd:UnionDefaultGraph ;
  sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON> ,
    <http://www.w3.org/ns/formats/SPARQL_Results_XML> , <http://www.w3.org/ns/formats/SPARQL_Results_CSV> ,
    <http://www.w3.org/ns/formats/SPARQL_Results_TSV> , <http://www.w3.org/ns/formats/Turtle> ,
    <http://www.w3.org/ns/formats/N-Triples> , <http://www.w3.org/ns/formats/JSON-LD> ;
  sd:defaultDataset [ a sd:Dataset ; dcterms:title "Baltic social-innovation knowledge graph"@en ] ;
  dcterms:description "Read-only; the default graph is the union of all article graphs; SERVICE is refused."@en .
"""
    if fmt == "turtle":
        return "text/turtle; charset=utf-8", ttl.encode()
    triples = list(parse(ttl, format=RdfFormat.TURTLE))
    target = {"ntriples": (RdfFormat.N_TRIPLES, "application/n-triples"),
              "jsonld": (RdfFormat.JSON_LD, "application/ld+json")}[fmt]
    return target[1], serialize(triples, format=target[0])


class SparqlHandler(BaseHTTPRequestHandler):
    server_version = "sikg-sparql/0.1"
    config: EndpointConfig
    slots: threading.BoundedSemaphore

    def log_message(self, fmt: str, *args) -> None:
        log.info("%s %s", self.address_string(), fmt % args)

    # -- responses
    def send_body(self, status: int, content_type: str, body: bytes, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_error_text(self, status: int, message: str) -> None:
        self.send_body(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def do_OPTIONS(self) -> None:  # CORS pre-flight
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Access-Control-Max-Age", "86400")
        self.end_headers()

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_HEAD(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def _dispatch(self, method: str) -> None:
        try:
            url = urlsplit(self.path)
            for pattern, handler in ROUTES:
                if re.fullmatch(pattern, url.path):
                    handler(self, method, url)
                    return
            self.send_error_text(404, f"no such page: {url.path}")
        except RequestError as exc:
            self.send_error_text(exc.status, exc.message)
        except StoreError as exc:  # no graph built yet, or the store cannot be opened
            self.send_error_text(503, str(exc))
        except BrokenPipeError:
            pass
        except Exception as exc:
            log.exception("request failed")
            self.send_error_text(500, f"internal error: {type(exc).__name__}")

    def read_body(self) -> bytes:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise RequestError(400, "bad Content-Length") from None
        if length > self.config.max_body_bytes:
            raise RequestError(413, f"request body too large ({length} bytes > {self.config.max_body_bytes})")
        return self.rfile.read(length) if length > 0 else b""


def handle_sparql(h: SparqlHandler, method: str, url) -> None:
    params = parse_qs(url.query, keep_blank_values=True)
    query = None
    if method == "POST":
        ctype = (h.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body = h.read_body()
        if ctype == "application/sparql-update":
            raise RequestError(403, "this endpoint is read-only: SPARQL Update is refused")
        if ctype == "application/sparql-query":
            query = body.decode("utf-8", "replace")
        elif ctype in ("application/x-www-form-urlencoded", ""):
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            if "update" in form:
                raise RequestError(403, "this endpoint is read-only: SPARQL Update is refused")
            query = (form.get("query") or [None])[0]
        else:
            raise RequestError(415, f"unsupported Content-Type {ctype!r} (use application/sparql-query or a form)")
    if "update" in params:
        raise RequestError(403, "this endpoint is read-only: SPARQL Update is refused")
    if query is None:
        query = (params.get("query") or [None])[0]
    accept = h.headers.get("Accept") or ""
    if query is None:
        fmt = negotiate(accept, RDF_MEDIA, "turtle")
        host = h.headers.get("Host") or f"{h.config.host}:{h.config.port}"
        ctype, body = service_description(f"http://{host}", fmt)
        h.send_body(200, ctype, body)
        return
    if len(query) > h.config.max_body_bytes:
        raise RequestError(413, "query too long")
    check_query(query)
    is_graph = bool(re.search(r"\b(CONSTRUCT|DESCRIBE)\b", _strip_strings_and_comments(query), re.IGNORECASE))
    kind = negotiate(accept, RDF_MEDIA, "turtle") if is_graph else negotiate(accept, RESULT_MEDIA, "json")
    if not h.slots.acquire(timeout=h.config.queue_wait_s):
        raise RequestError(503, "too many queries at once; try again")
    try:
        status, ctype, body, _ = run_limited(h.config, query, kind)
    finally:
        h.slots.release()
    h.send_body(status, ctype, body)


def handle_named_query(h: SparqlHandler, method: str, url) -> None:
    """``/query/NAME?param=value``: a named query with its parameters; the ones that list everything
    answer a page at a time (``limit``, at most ``page_size`` rows, and ``offset``), with a
    ``Link: <…>; rel="next"`` header while there are more rows."""
    from urllib.parse import urlencode

    from sikg.queries.named import PAGING, ParameterError, bind, load_named, paging_value

    name = url.path.rstrip("/").rsplit("/", 1)[-1]
    try:
        q = load_named(name)
    except SikgError:
        raise RequestError(404, f"no such named query: {name}") from None
    pairs = parse_qs(url.query, keep_blank_values=True)
    twice = sorted(k for k, v in pairs.items() if len(v) > 1)
    if twice:
        raise RequestError(400, f"parameter given twice: {', '.join(twice)}")
    given = {k: v[0] for k, v in pairs.items()}
    page = None
    try:
        if any(p.name == "limit" for p in q.params):
            asked = paging_value(q, given, "limit")
            page = min(asked, h.config.page_size) if asked is not None else h.config.page_size
            given["limit"] = str(page + 1)  # one more: tells whether there is a next page
        query = bind(q, given)
    except ParameterError as exc:
        raise RequestError(400, str(exc)) from None
    kind = negotiate(h.headers.get("Accept") or "", RESULT_MEDIA, "json")
    if not h.slots.acquire(timeout=h.config.queue_wait_s):
        raise RequestError(503, "too many queries at once; try again")
    try:
        status, ctype, body, more = run_limited(h.config, query, kind, page)
    finally:
        h.slots.release()
    extra = {}
    if more and page is not None:
        offset = int(given.get("offset") or 0) + page
        following = {**{k: v for k, v in given.items() if k not in PAGING}, "limit": str(page), "offset": str(offset)}
        extra["Link"] = f'<{url.path}?{urlencode(following)}>; rel="next"'
    h.send_body(status, ctype, body, extra)


def handle_index(h: SparqlHandler, method: str, url) -> None:
    from sikg.queries.named import bind, list_named

    examples = [{"name": q.name, "summary": q.summary, "query": bind(q)} for q in list_named()]
    page = QUERY_PAGE.replace("__EXAMPLES__", json.dumps(examples, ensure_ascii=False).replace("</", "<\\/"))
    h.send_body(200, "text/html; charset=utf-8", page.encode("utf-8"),
                {"Content-Security-Policy": "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"})


def _base_url(h: SparqlHandler) -> str:
    return f"http://{h.headers.get('Host') or f'{h.config.host}:{h.config.port}'}"


def handle_graph(h: SparqlHandler, method: str, url) -> None:
    """The old address of the network page: moved to /explore."""
    h.send_body(301, "text/plain; charset=utf-8", b"moved to /explore\n", {"Location": "/explore"})


def handle_explore(h: SparqlHandler, method: str, url) -> None:
    """The partnership explorer (viz/explorer.py) of the current graph; ``?lang=en`` for English."""
    from sikg.viz.pages import explore_page

    lang = (parse_qs(url.query).get("lang") or ["lv"])[0]
    with reading(h.config.store) as (_, store):  # leased only while the page is made
        body = explore_page(store, lang)
    h.send_body(200, "text/html; charset=utf-8", body)


def handle_entity(h: SparqlHandler, method: str, url) -> None:
    """An entity's IRI dereferences: HTML for browsers, RDF for clients that ask (or ?format=)."""
    from sikg.ontology import IRIS
    from sikg.viz.pages import ENTITY_PAGE_MEDIA, entity_html, entity_rdf

    with reading(h.config.store) as (_, store):  # leased only while the page is made
        iri = IRIS.base + url.path.lstrip("/")
        wanted = (parse_qs(url.query).get("format") or [None])[0]
        fmt = wanted if wanted in ("html", "turtle", "ntriples", "jsonld") else \
            negotiate(h.headers.get("Accept") or "text/html", ENTITY_PAGE_MEDIA, "html")
        vary = {"Vary": "Accept"}
        if fmt == "html":
            body = entity_html(store, iri, _base_url(h))
            ctype = "text/html; charset=utf-8"
        else:
            from sikg.viz.pages import RDF_FORMATS

            body = entity_rdf(store, iri, fmt)
            ctype = RDF_FORMATS[fmt][1]
        if body is None:
            raise RequestError(404, f"no entity {iri}")
        h.send_body(200, ctype, body, vary)


def handle_release_description(h: SparqlHandler, method: str, url) -> None:
    """``/catalog`` (DCAT-AP) and ``/.well-known/void`` (VoID) from the release folder, by Accept."""
    name = "catalog.ttl" if url.path.rstrip("/") == "/catalog" else "void.ttl"
    path = (h.config.release or DEFAULT_RELEASE) / name
    if not path.exists():
        raise RequestError(404, f"no release published at {path.parent} (run `sikg publish --out {path.parent}`)")
    fmt = negotiate(h.headers.get("Accept") or "text/turtle", RDF_MEDIA, "turtle")
    if fmt == "turtle":
        h.send_body(200, "text/turtle; charset=utf-8", path.read_bytes(), {"Vary": "Accept"})
        return
    from pyoxigraph import RdfFormat, parse, serialize

    triples = list(parse(path.read_bytes(), format=RdfFormat.TURTLE))
    target = {"ntriples": (RdfFormat.N_TRIPLES, "application/n-triples"),
              "jsonld": (RdfFormat.JSON_LD, "application/ld+json")}[fmt]
    h.send_body(200, target[1], serialize(triples, format=target[0]), {"Vary": "Accept"})


def handle_release_file(h: SparqlHandler, method: str, url) -> None:
    name = url.path.rsplit("/", 1)[1]
    path = (h.config.release or DEFAULT_RELEASE) / name
    if not path.is_file():
        raise RequestError(404, f"no such release file: {name}")
    ctype = {"gz": "application/gzip", "ttl": "text/turtle; charset=utf-8", "jsonld": "application/ld+json"}.get(
        name.rsplit(".", 1)[-1], "text/plain; charset=utf-8")
    h.send_body(200, ctype, path.read_bytes())


ROUTES: list[tuple[str, object]] = [
    (r"/catalog/?|/\.well-known/void", handle_release_description),
    (r"/release/(sikg\.(ttl|nq|jsonld)\.gz|SHA256SUMS|context\.jsonld|catalog\.ttl|void\.ttl)", handle_release_file),
    (r"/sparql/?", handle_sparql),
    (r"/query/[a-z0-9-]+/?", handle_named_query),
    (r"/", handle_index),
    (r"/graph/?", handle_graph),
    (r"/explore/?", handle_explore),
    (r"/id/(organisation|project|programme|person|country|place|event)/[a-z0-9-]+", handle_entity),
]


def make_server(config: EndpointConfig) -> ThreadingHTTPServer:
    handler = type("Handler", (SparqlHandler,), {
        "config": config, "slots": threading.BoundedSemaphore(config.max_concurrent)})
    server_class = type("Server", (ThreadingHTTPServer,), {"request_queue_size": 256, "daemon_threads": True})
    server = server_class((config.host, config.port), handler)
    return server


def serve(config: EndpointConfig) -> None:
    server = make_server(config)
    log.warning("serving %s at http://%s:%d/sparql (pid %d)", config.store, config.host, server.server_port,
                os.getpid())
    try:
        server.serve_forever()
    finally:
        server.server_close()


QUERY_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sikg SPARQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;margin:0;display:flex;min-height:100vh;color:#222}
nav{width:18rem;background:#f4f5f7;padding:1rem;overflow:auto;border-right:1px solid #ddd}
nav button{display:block;width:100%;text-align:left;margin:.2rem 0;padding:.4rem;border:1px solid #ccd;
background:#fff;border-radius:4px;cursor:pointer;font-size:.85rem}
main{flex:1;padding:1rem;overflow:auto}
textarea{width:100%;height:16rem;font-family:ui-monospace,monospace;font-size:.85rem}
table{border-collapse:collapse;margin-top:1rem;font-size:.85rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;
vertical-align:top}th{background:#eef}#status{margin-left:1rem;color:#555}.error{color:#b00}
</style></head><body>
<nav><h3>Named queries</h3><div id="examples"></div></nav>
<main><h2>Baltic social-innovation knowledge graph — SPARQL</h2>
<textarea id="query" spellcheck="false">SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20</textarea><br>
<button id="run">Run</button><span id="status"></span>
<div id="results"></div></main>
<script>
const EXAMPLES = __EXAMPLES__;
const box = document.getElementById("examples");
for (const ex of EXAMPLES) {
  const b = document.createElement("button");
  b.textContent = ex.name; b.title = ex.summary;
  b.addEventListener("click", () => { document.getElementById("query").value = ex.query; run(); });
  box.appendChild(b);
}
async function run() {
  const status = document.getElementById("status"), out = document.getElementById("results");
  status.textContent = "running…"; status.className = ""; out.replaceChildren();
  const resp = await fetch("sparql", {method: "POST", headers: {"Content-Type": "application/sparql-query",
    "Accept": "application/sparql-results+json"}, body: document.getElementById("query").value});
  const text = await resp.text();
  if (!resp.ok) { status.textContent = text; status.className = "error"; return; }
  let data; try { data = JSON.parse(text); } catch (e) { const pre = document.createElement("pre");
    pre.textContent = text; out.appendChild(pre); status.textContent = ""; return; }
  if ("boolean" in data) { status.textContent = "answer: " + data.boolean; return; }
  const table = document.createElement("table"), head = table.insertRow();
  for (const v of data.head.vars) { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }
  for (const b of data.results.bindings) { const tr = table.insertRow();
    for (const v of data.head.vars) { const cell = tr.insertCell(), term = b[v];
      if (term && term.type === "uri" && term.value.includes("/id/")) {  // our entities: their page, and the network
        const a = document.createElement("a"); a.href = "/id/" + term.value.split("/id/")[1]; a.textContent = term.value;
        const n = document.createElement("a"); n.href = "/explore#focus=" + encodeURIComponent(term.value);
        n.textContent = " ⊙"; n.title = "show in network"; cell.append(a, n);
      } else cell.textContent = term ? term.value : ""; } }
  out.appendChild(table); status.textContent = data.results.bindings.length + " rows";
}
document.getElementById("run").addEventListener("click", run);
</script></body></html>
"""
