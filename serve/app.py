"""The routes of `sikg serve`, as a Starlette application:

- ``/sparql``: the SPARQL 1.1 Protocol (GET, form POST, direct POST; ``default-graph-uri`` and
  ``named-graph-uri``; results by ``Accept``, 406 when none fits); without a query, the Service
  Description. Read-only: updates and SERVICE are refused (403).
- ``/query/NAME?param=value``: a named query (``queries/*.rq``); the listings a page at a time, with a
  ``Link: rel="next"`` header while more rows follow.
- ``/``: the query page (YASGUI, served from the package), the named queries as tabs.
- ``/id/…``, ``/graph/…``, ``/ontology``, ``/dataset``: every IRI we mint, as HTML or RDF by ``Accept``.
- ``/explore``: the partnership explorer; ``/graph`` redirects there.
- ``/catalog``, ``/.well-known/void``, ``/release/…``: the published release (``sikg publish``).

Every route that reads the graph hands a job to the worker pool (serve/workers.py): one time limit,
memory cap, response cap and per-client share for all of them.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from dataclasses import replace
from functools import cache
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from sikg.graph.store import StoreError
from sikg.serve.answers import Answer, ExplorerJob, QueryJob, ResourceJob, with_charset
from sikg.serve.config import ServeConfig
from sikg.serve.linked_data import HTML, RESOURCE_MEDIA, iri_for_path, serialise_graph
from sikg.serve.protocol import (
    GRAPH_MEDIA,
    SPARQL_METHODS,
    RequestError,
    SparqlRequest,
    negotiate,
    not_acceptable,
    read_sparql_request,
)
from sikg.serve.workers import WorkerPool

log = logging.getLogger(__name__)

SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}
PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
               "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
RELEASE_FILES = ("sikg.ttl.gz", "sikg.nq.gz", "sikg.jsonld.gz", "SHA256SUMS", "context.jsonld", "catalog.ttl",
                 "void.ttl")


def reply(answer: Answer, head: bool = False) -> Response:
    headers = {**SECURITY_HEADERS, **answer.headers}
    return Response(b"" if head else answer.body, answer.status, headers=headers, media_type=answer.media_type)


def refuse(exc: RequestError) -> Response:
    return PlainTextResponse(exc.message + "\n", exc.status, headers={**SECURITY_HEADERS, **exc.headers})


def _client(request: Request) -> str:
    return request.client.host if request.client else ""


async def read_body(request: Request, config: ServeConfig) -> bytes:
    """The request body, refused (413) as soon as it passes the cap, and (408) when it trickles in
    slower than the request time limit."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise RequestError(400, "Content-Length is not a number")
        if int(declared) > config.max_body_bytes:
            raise RequestError(413, f"the request body is too large ({declared} bytes; at most {config.max_body_bytes:,})")

    async def gather() -> bytes:
        parts, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > config.max_body_bytes:
                raise RequestError(413, f"the request body is too large (more than {config.max_body_bytes:,} bytes)")
            parts.append(chunk)
        return b"".join(parts)

    try:
        return await asyncio.wait_for(gather(), config.request_timeout_s)
    except TimeoutError:
        raise RequestError(408, f"the request body did not arrive within {config.request_timeout_s:g} s") from None


def service_description(config: ServeConfig, media: str) -> bytes:
    """The SPARQL 1.1 Service Description of this endpoint, at the configured address (never the
    client's Host header)."""
    from pyoxigraph import RdfFormat, parse

    from sikg.serve.linked_data import DATASET_IRI

    base = config.base_url
    ttl = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix void: <http://rdfs.org/ns/void#> .
<{config.endpoint_url}> a sd:Service ;
  sd:endpoint <{config.endpoint_url}> ;
  sd:supportedLanguage sd:SPARQL11Query ;
  sd:feature sd:UnionDefaultGraph ;
  sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>, <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
    <http://www.w3.org/ns/formats/SPARQL_Results_CSV>, <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,
    <http://www.w3.org/ns/formats/Turtle>, <http://www.w3.org/ns/formats/N-Triples>,
    <http://www.w3.org/ns/formats/JSON-LD>, <http://www.w3.org/ns/formats/RDF_XML> ;
  sd:defaultDataset <{DATASET_IRI}> ;
  rdfs:seeAlso <{base}.well-known/void>, <{base}catalog> ;
  dcterms:description "Read-only; the default graph is the union of all article graphs; SERVICE is refused."@en .
<{DATASET_IRI}> a sd:Dataset, void:Dataset ; dcterms:title "Baltic social-innovation knowledge graph"@en ;
  void:sparqlEndpoint <{config.endpoint_url}> .
"""
    return serialise_graph([q.triple for q in parse(ttl, format=RdfFormat.TURTLE)], media,
                           prefixes={"sd": "http://www.w3.org/ns/sparql-service-description#"})


class AnswerCache:
    """Answers by (generation, job), least recently used first out, at most ``budget`` bytes of bodies;
    answers larger than a sixteenth of it are not kept.

    >>> c = AnswerCache(1000)
    >>> c.put(("g1", "q"), Answer(200, "text/plain", b"x" * 60))
    >>> c.get(("g1", "q")).body == b"x" * 60, c.get(("g2", "q"))
    (True, None)
    """

    def __init__(self, budget: int) -> None:
        from collections import OrderedDict

        self.budget = budget
        self.size = 0
        self.hits = self.misses = 0
        self._entries: OrderedDict[tuple, Answer] = OrderedDict()

    def get(self, key: tuple) -> Answer | None:
        answer = self._entries.get(key)
        if answer is None:
            self.misses += 1
            return None
        self.hits += 1
        self._entries.move_to_end(key)
        return Answer(answer.status, answer.media_type, answer.body, dict(answer.headers), answer.more,
                      answer.repeatable)

    def put(self, key: tuple, answer: Answer) -> None:
        if len(answer.body) > self.budget // 16 or key in self._entries:
            return
        self._entries[key] = answer
        self.size += len(answer.body)
        while self.size > self.budget:
            _, old = self._entries.popitem(last=False)
            self.size -= len(old.body)


class Rebasing:
    """The data's IRIs moved between the scheme the store was built with and the base they are served
    under (``serve --base-iri``, as `sikg publish --base-iri` moves them in a release): in a query's
    text and dataset on the way in, in an answer's bytes on the way out.

    >>> from sikg.ontology.vocabulary import NAMESPACE
    >>> r = Rebasing("https://data.example.lv/")
    >>> r.query("SELECT * { <https://data.example.lv/id/organisation/sif> ?p ?o }")
    'SELECT * { <https://w3id.org/sikg/id/organisation/sif> ?p ?o }'
    >>> moved = r.answer(f"<https://w3id.org/sikg/id/x> <{NAMESPACE}Project>".encode()).decode()
    >>> moved == f"<https://data.example.lv/id/x> <{NAMESPACE}Project>"
    True
    """

    def __init__(self, base_iri: str) -> None:
        from sikg.ontology import IRIS

        self.outward = tuple((a.encode(), b.encode()) for a, b in IRIS.moved(base_iri))
        self.inward = tuple((b, a) for a, b in IRIS.moved(base_iri))

    def query(self, text: str) -> str:
        for served, built in self.inward:
            text = text.replace(served, built)
        return text

    def job(self, job):
        if not isinstance(job, QueryJob):
            return job
        r = job.request
        moved = replace(r, query=self.query(r.query), default_graphs=tuple(map(self.query, r.default_graphs)),
                        named_graphs=tuple(map(self.query, r.named_graphs)))
        return replace(job, request=moved)

    def answer(self, body: bytes) -> bytes:
        for built, served in self.outward:
            body = body.replace(built, served)
        return body


class Server:
    """The application's state: its configuration, answer cache and worker pool."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        from sikg.ontology import IRIS

        self.cache = AnswerCache(config.cache_bytes)
        self.rebasing = Rebasing(config.base_iri) if config.base_iri and config.base_iri != IRIS.base else None
        self.pool = WorkerPool(config.store, config.worker_count, timeout_s=config.timeout_s,
                               max_memory_mib=config.max_memory_mib, client_share=config.client_share,
                               queue_wait_s=config.queue_wait_s)

    async def run(self, job, request: Request) -> Answer:
        """The job's answer: from the answer cache while the same generation is current (a generation
        never changes), else from a worker."""
        from sikg.graph.store import current_generation

        if self.rebasing:
            job = self.rebasing.job(job)
        generation = current_generation(self.config.store)
        key = (str(generation), repr(job))
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        answer = await self.pool.run(job, _client(request))
        if self.rebasing and answer.status == 200:
            answer.body = self.rebasing.answer(answer.body)
        if answer.status == 200 and answer.repeatable and generation is not None:
            self.cache.put(key, answer)
        return answer

    # -- /sparql
    async def sparql(self, request: Request) -> Response:
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": ", ".join(SPARQL_METHODS)})
        body = await read_body(request, self.config) if request.method == "POST" else b""
        accept = request.headers.get("accept", "")
        sparql = read_sparql_request(request.method, request.url.query, request.headers.get("content-type"), body,
                                     accept)
        if sparql is None:
            media = negotiate(accept, GRAPH_MEDIA)
            if media is None:
                raise not_acceptable(GRAPH_MEDIA)
            body = service_description(self.config, media)
            if self.rebasing:
                body = self.rebasing.answer(body)
            return reply(Answer(200, with_charset(media), body, {"Vary": "Accept"}), request.method == "HEAD")
        if len(sparql.query) > self.config.max_body_bytes:
            raise RequestError(413, f"the query is too long (at most {self.config.max_body_bytes:,} characters)")
        job = QueryJob(sparql, base_iri=self.config.endpoint_url, max_bytes=self.config.max_response_bytes)
        return reply(await self.run(job, request), request.method == "HEAD")

    # -- /query/NAME
    async def named_query(self, request: Request) -> Response:
        from sikg.errors import SikgError
        from sikg.queries.named import PAGING, ParameterError, bind, load_named, paging_value

        name = request.path_params["name"]
        try:
            q = load_named(name)
        except SikgError:
            raise RequestError(404, f"no such named query: {name}") from None
        pairs = list(request.query_params.multi_items())
        twice = sorted({k for k, _ in pairs if sum(1 for j, _ in pairs if j == k) > 1})
        if twice:
            raise RequestError(400, f"parameter given twice: {', '.join(twice)}")
        given = dict(pairs)
        page = None
        try:
            if any(p.name == "limit" for p in q.params):
                asked = paging_value(q, given, "limit")
                page = min(asked, self.config.page_size) if asked is not None else self.config.page_size
                given["limit"] = str(page + 1)  # one more: tells whether there is a next page
            query = bind(q, given)
        except ParameterError as exc:
            raise RequestError(400, str(exc)) from None
        job = QueryJob(SparqlRequest(query, accept=request.headers.get("accept", "")),
                       base_iri=self.config.endpoint_url, max_bytes=self.config.max_response_bytes,
                       checked=False, page=page)
        answer = await self.run(job, request)
        if answer.more and page is not None:
            offset = int(given.get("offset") or 0) + page
            following = {**{k: v for k, v in given.items() if k not in PAGING}, "limit": str(page), "offset": str(offset)}
            answer.headers["Link"] = f'<{request.url.path}?{urlencode(following)}>; rel="next"'
        return reply(answer, request.method == "HEAD")

    # -- linked data
    async def resource(self, request: Request) -> Response:
        path = request.url.path
        iri = iri_for_path(path)
        if iri is None:
            raise RequestError(404, f"no such page: {path[:200]}")
        wanted = request.query_params.get("format")
        if wanted:
            if wanted not in RESOURCE_MEDIA:
                raise not_acceptable(RESOURCE_MEDIA)
            media = wanted
        else:
            media = negotiate(request.headers.get("accept", ""), RESOURCE_MEDIA, HTML)
            if media is None:
                raise not_acceptable(RESOURCE_MEDIA)
        media = HTML if RESOURCE_MEDIA[media] == "html" else media
        lang = request.query_params.get("lang", "lv")
        job = ResourceJob(iri, media, self.config.base_url, lang="en" if lang == "en" else "lv",
                          release=str(self.config.release), max_bytes=self.config.max_response_bytes)
        return reply(await self.run(job, request), request.method == "HEAD")

    async def explore(self, request: Request) -> Response:
        lang = request.query_params.get("lang", "lv")
        answer = await self.run(ExplorerJob(lang, self.config.max_response_bytes), request)
        return reply(answer, request.method == "HEAD")

    # -- the query page
    async def query_page(self, request: Request) -> Response:
        return Response(_query_page(self.config.base_url, self.config.base_iri), 200, media_type="text/html; charset=utf-8",
                        headers={**SECURITY_HEADERS, "Content-Security-Policy": PAGE_POLICY})

    # -- the release
    async def release_description(self, request: Request) -> Response:
        name = "catalog.ttl" if request.url.path.rstrip("/") == "/catalog" else "void.ttl"
        path = self.config.release / name
        if not path.is_file():
            raise RequestError(404, f"no release published at {path.parent} (run `sikg publish --out {path.parent}`)")
        media = negotiate(request.headers.get("accept", ""), GRAPH_MEDIA)
        if media is None:
            raise not_acceptable(GRAPH_MEDIA)
        from pyoxigraph import RdfFormat, parse

        body = path.read_bytes() if GRAPH_MEDIA[media] == RdfFormat.TURTLE else \
            serialise_graph([q.triple for q in parse(path=str(path), format=RdfFormat.TURTLE)], media)
        return reply(Answer(200, with_charset(media), body, {"Vary": "Accept"}), request.method == "HEAD")

    async def release_file(self, request: Request) -> Response:
        name = request.path_params["name"]
        path = self.config.release / name
        if name not in RELEASE_FILES or not path.is_file():
            raise RequestError(404, f"no such release file: {name[:100]}")
        media = {"gz": "application/gzip", "ttl": "text/turtle; charset=utf-8",
                 "jsonld": "application/ld+json"}.get(name.rsplit(".", 1)[-1], "text/plain; charset=utf-8")
        return FileResponse(path, media_type=media, headers=SECURITY_HEADERS)


@cache
def _query_page(base_url: str, base_iri: str | None) -> bytes:
    from sikg.ontology import IRIS
    from sikg.ontology.vocabulary import PREFIXES
    from sikg.queries.named import bind, list_named
    from sikg.serve.linked_data import templates

    named = [{"name": q.name, "summary": q.summary, "query": bind(q)} for q in list_named()]
    config = {"endpoint": base_url + "sparql", "base": base_url, "dataBase": base_iri or IRIS.base, "prefixes": PREFIXES,
              "named": named}
    data = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")
    return templates().get_template("query.html").render(config=data).encode("utf-8")


def build_app(config: ServeConfig) -> Starlette:
    server = Server(config)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        await server.pool.start()
        try:
            yield
        finally:
            await server.pool.close()

    def guarded(handler):
        async def endpoint(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestError as exc:
                return refuse(exc)
            except StoreError as exc:
                return PlainTextResponse(f"{exc}\n", 503, headers=SECURITY_HEADERS)
        return endpoint

    read = ["GET", "HEAD"]
    routes = [
        Route("/", guarded(server.query_page), methods=read),
        Route("/sparql", guarded(server.sparql), methods=list(SPARQL_METHODS)),
        Route("/sparql/", guarded(server.sparql), methods=list(SPARQL_METHODS)),
        Route("/query/{name:str}", guarded(server.named_query), methods=read),
        Route("/explore", guarded(server.explore), methods=read),
        Route("/graph", lambda r: RedirectResponse("/explore", 301), methods=read),
        Route("/catalog", guarded(server.release_description), methods=read),
        Route("/.well-known/void", guarded(server.release_description), methods=read),
        Route("/release/{name:str}", guarded(server.release_file), methods=read),
        Route("/ontology", guarded(server.resource), methods=read),
        Route("/dataset", guarded(server.resource), methods=read),
        Route("/id/{rest:path}", guarded(server.resource), methods=read),
        Route("/graph/{rest:path}", guarded(server.resource), methods=read),
        Mount("/static", StaticFiles(packages=[("sikg.serve", "static")]), name="static"),
    ]
    middleware = [
        Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                   allow_headers=["Content-Type", "Accept"], max_age=86400),
        Middleware(GZipMiddleware, minimum_size=1024),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.server = server
    return app
