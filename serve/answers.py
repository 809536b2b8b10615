"""What a query worker does with a job: the jobs themselves (plain records sent through a pipe), the
worker's open store, and the answers (status, media type, body) it sends back.

>>> import tempfile
>>> from pyoxigraph import NamedNode, Quad
>>> from sikg.graph.store import write_generation
>>> d = Path(tempfile.mkdtemp()) / "store"
>>> _ = write_generation(d, [Quad(NamedNode("http://e/a"), NamedNode("http://e/p"), NamedNode("http://e/b"),
...                              NamedNode("http://e/g"))])
>>> state = WorkerState(d, isolated=True)
>>> a = answer(state, QueryJob(SparqlRequest("ASK { ?s ?p ?o }"), base_iri="http://x/sparql"))
>>> a.status, a.media_type, a.body
(200, 'application/sparql-results+json', b'{"head":{},"boolean":true}')
>>> answer(state, QueryJob(SparqlRequest("ASK { ?s ?p ?o }", accept="text/turtle"), base_iri="")).status
406
>>> state.close()
"""
from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, QueryBoolean, QueryResultsFormat, QuerySolutions, Store

from sikg.serve.protocol import GRAPH_MEDIA, RESULT_MEDIA, RequestError, SparqlRequest, negotiate, not_acceptable

log = logging.getLogger(__name__)

TEXT = "text/plain; charset=utf-8"
_CHARSET = {"text/csv", "text/tab-separated-values", "text/turtle", "text/html", "text/plain"}


@dataclass
class Answer:
    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    more: bool = False  # a named query's page: more rows follow
    repeatable: bool = True  # the same job on the same generation gives the same answer (cacheable)

    @classmethod
    def text(cls, status: int, message: str, headers: dict[str, str] | None = None) -> Answer:
        return cls(status, TEXT, (message + "\n").encode("utf-8"), headers or {})


def with_charset(media: str) -> str:
    return f"{media}; charset=utf-8" if media in _CHARSET else media


@dataclass(frozen=True)
class QueryJob:
    """A SPARQL query from /sparql (``checked``: refused if it uses SERVICE or is an update) or one of
    our named queries (``page``: rows a page; one more is asked for to tell whether more follow)."""

    request: SparqlRequest
    base_iri: str
    max_bytes: int = 64 * 2**20
    checked: bool = True
    page: int | None = None


@dataclass(frozen=True)
class ResourceJob:
    """One of our IRIs dereferenced: ``media`` is text/html or one of GRAPH_MEDIA."""

    iri: str
    media: str
    base_url: str
    lang: str = "lv"
    release: str | None = None  # a `sikg publish` folder: the dataset's description
    max_bytes: int = 64 * 2**20


@dataclass(frozen=True)
class ExplorerJob:
    lang: str
    max_bytes: int = 64 * 2**20


class TooLarge(ValueError):
    pass


class CappedBuffer:
    """A file-like sink for pyoxigraph's serialisers that refuses to grow past ``cap`` bytes."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.cap:
            raise TooLarge(f"the answer is larger than the cap of {self.cap:,} bytes (add LIMIT, or page)")
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


class WorkerState:
    """The store a worker reads: the current generation, opened read-only under a lease and reopened
    when a build or ``sikg add`` swaps ``current``."""

    def __init__(self, store_dir: Path, isolated: bool) -> None:
        self.store_dir = Path(store_dir)
        self.isolated = isolated
        self._stack: contextlib.ExitStack | None = None
        self._gen: Path | None = None
        self._store: Store | None = None
        self.union = True

    def store(self) -> Store:
        from sikg.graph.store import current_generation, has_union, reading

        gen = current_generation(self.store_dir)
        if self._store is None or gen != self._gen:
            stack = contextlib.ExitStack()
            self._gen, self._store = stack.enter_context(reading(self.store_dir))
            self.union = has_union(self._store)
            self.close()
            self._stack = stack
        return self._store

    def close(self) -> None:
        if self._stack is not None:
            self._stack.close()
            self._stack = None


def answer(state: WorkerState, job) -> Answer:
    """Run one job; every failure becomes an answer (the worker never dies of a bad request)."""
    try:
        if isinstance(job, QueryJob):
            return answer_query(state, job)
        if isinstance(job, ResourceJob):
            from sikg.serve.linked_data import answer_resource

            return answer_resource(state.store(), job)
        if isinstance(job, ExplorerJob):
            from sikg.serve.linked_data import answer_explorer

            return answer_explorer(state.store(), job)
        return Answer.text(500, f"unknown job {type(job).__name__}")
    except RequestError as exc:
        return Answer.text(exc.status, exc.message, exc.headers)
    except TooLarge as exc:
        return Answer.text(413, str(exc))
    except Exception as exc:  # the store, a serialiser: report, never hang the server
        from sikg.graph.store import StoreError

        if isinstance(exc, StoreError):
            return Answer.text(503, str(exc))
        log.exception("job failed")
        return Answer.text(500, f"the job failed: {type(exc).__name__}: {str(exc)[:300]}")


def _run(state: WorkerState, job: QueryJob):
    from sikg.serve.safety import NO_SERVICE, READ_ONLY, refusal

    r = job.request
    if job.checked:
        why = refusal(r.query, state.isolated)
        if why:
            raise RequestError(403 if why in (NO_SERVICE, READ_ONLY) else 400, why)
    store = state.store()
    kwargs: dict = {"base_iri": job.base_iri or None}
    if r.has_dataset:  # the protocol's dataset replaces the query's FROM / FROM NAMED
        kwargs["default_graph"] = [NamedNode(g) for g in r.default_graphs]
        kwargs["named_graphs"] = [NamedNode(g) for g in r.named_graphs]
    else:
        kwargs["use_default_graph_as_union"] = not state.union
    try:
        return store.query(r.query, **kwargs)
    except SyntaxError as exc:
        raise RequestError(400, f"bad SPARQL query: {' '.join(str(exc).split())[:500]}") from None


_RESULT_NAMES = {QueryResultsFormat.JSON: "json", QueryResultsFormat.XML: "xml",
                 QueryResultsFormat.CSV: "csv", QueryResultsFormat.TSV: "tsv"}


def answer_query(state: WorkerState, job: QueryJob) -> Answer:
    from sikg.serve.safety import is_repeatable

    answer = _answer_query(state, job)
    answer.repeatable = not job.checked or is_repeatable(job.request.query)
    return answer


def _answer_query(state: WorkerState, job: QueryJob) -> Answer:
    result = _run(state, job)
    if isinstance(result, QueryBoolean | QuerySolutions):
        media = negotiate(job.request.accept, RESULT_MEDIA)
        if media is None:
            raise not_acceptable(RESULT_MEDIA)
        fmt = RESULT_MEDIA[media]
        if job.page is not None and isinstance(result, QuerySolutions):
            return _page(result, fmt, media, job.page, job.max_bytes)
        out = CappedBuffer(job.max_bytes)
        result.serialize(out, format=fmt)
        return Answer(200, with_charset(media), out.getvalue(), {"Vary": "Accept"})
    media = negotiate(job.request.accept, GRAPH_MEDIA)
    if media is None:
        raise not_acceptable(GRAPH_MEDIA)
    out = CappedBuffer(job.max_bytes)
    result.serialize(out, format=GRAPH_MEDIA[media])
    return Answer(200, with_charset(media), out.getvalue(), {"Vary": "Accept"})


def _page(result: QuerySolutions, fmt: QueryResultsFormat, media: str, page: int, cap: int) -> Answer:
    """A named query's page: the rows up to ``page``, and whether one more came (a next page)."""
    from sikg.queries.results import write_solutions

    variables = [v.value for v in result.variables]
    rows = []
    for solution in result:
        rows.append([solution[v] for v in variables])
        if len(rows) > page:
            break
    more = len(rows) > page
    body = write_solutions(variables, rows[:page], _RESULT_NAMES[fmt])
    if len(body) > cap:
        raise TooLarge(f"the answer is larger than the cap of {cap:,} bytes (ask for a smaller limit)")
    return Answer(200, with_charset(media), body, {"Vary": "Accept"}, more=more)
