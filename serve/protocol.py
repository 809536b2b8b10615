"""The SPARQL 1.1 Protocol read from an HTTP request: which query, on which dataset, in which format.

Everything here is checked before a worker is asked: one ``query`` (GET, a form POST or a direct
``application/sparql-query`` POST), UTF-8 only, the dataset from ``default-graph-uri`` /
``named-graph-uri``, updates refused, and the answer's format from ``Accept`` (406 when nothing the
client accepts is offered).

>>> r = read_sparql_request("GET", "query=ASK%20%7B%7D&default-graph-uri=http%3A%2F%2Fex%2Fg", None, b"")
>>> r.query, r.default_graphs
('ASK {}', ('http://ex/g',))
>>> try:
...     read_sparql_request("GET", "query=ASK%20%7B%7D&query=ASK%20%7B%7D", None, b"")
... except RequestError as exc:
...     print(exc.status, exc.message)
400 the parameter query is given 2 times; give it once
>>> negotiate("text/csv;q=0.5, application/sparql-results+json", RESULT_MEDIA)
'application/sparql-results+json'
>>> negotiate("text/html", RESULT_MEDIA) is None
True
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from pyoxigraph import NamedNode, QueryResultsFormat, RdfFormat

from sikg.errors import SikgError

#: What /sparql answers SELECT and ASK in, by media type (the first is the default).
RESULT_MEDIA: dict[str, QueryResultsFormat] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "application/xml": QueryResultsFormat.XML,
    "text/xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
#: What graphs (CONSTRUCT, DESCRIBE, linked data, the service description) are written in.
GRAPH_MEDIA: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/x-turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/xml": RdfFormat.RDF_XML,
    "text/xml": RdfFormat.RDF_XML,
}
SPARQL_METHODS = ("GET", "HEAD", "POST", "OPTIONS")
_UPDATE_PARAMETERS = ("update", "using-graph-uri", "using-named-graph-uri")
_DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri")
_KNOWN = ("query", *_DATASET_PARAMETERS)


class RequestError(SikgError):
    """A request refused: its HTTP status, a one-line reason, and headers to send with it."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass(frozen=True)
class SparqlRequest:
    """One query operation: the query text and the dataset the protocol gave for it (empty: the
    query's own FROM / FROM NAMED, or the whole graph)."""

    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    accept: str = ""

    @property
    def has_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


def media_type(content_type: str | None) -> tuple[str, dict[str, str]]:
    """('type/subtype', {parameter: value}) of a Content-Type header, lower-cased.

    >>> media_type('Application/SPARQL-Query; Charset="UTF-8"')
    ('application/sparql-query', {'charset': 'utf-8'})
    """
    if not content_type:
        return "", {}
    main, *params = content_type.split(";")
    out = {}
    for p in params:
        name, _, value = p.partition("=")
        out[name.strip().lower()] = value.strip().strip('"').lower()
    return main.strip().lower(), out


def _pairs(text: str, where: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise RequestError(400, f"{where}: percent-encoded bytes that are not UTF-8 (at byte {exc.start})") from None
    except ValueError as exc:
        raise RequestError(400, f"{where}: {exc}") from None


def _require_utf8(params: dict[str, str], what: str) -> None:
    charset = params.get("charset", "utf-8")
    if charset not in ("utf-8", "utf8"):
        raise RequestError(415, f"{what} must be UTF-8 (SPARQL 1.1 Protocol), not charset={charset}")


def read_sparql_request(method: str, url_query: str, content_type: str | None, body: bytes,
                        accept: str = "") -> SparqlRequest | None:
    """The query operation of a /sparql request; None when it asks for no query (the service
    description); RequestError (4xx) for anything the protocol does not allow or we refuse."""
    url = _pairs(url_query, "the URL's parameters")
    form: list[tuple[str, str]] = []
    if method == "POST":
        ctype, params = media_type(content_type)
        if not ctype:
            raise RequestError(400, "a POST needs a Content-Type: application/sparql-query, or "
                                    "application/x-www-form-urlencoded for a form")
        if ctype == "application/sparql-update":
            raise RequestError(403, "this endpoint is read-only: SPARQL Update is refused")
        if ctype == "application/sparql-query":
            _require_utf8(params, "the query body")
            if any(k == "query" for k, _ in url):
                raise RequestError(400, "the query is given both in the body and as a URL parameter; give it once")
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise RequestError(400, f"the query body is not UTF-8 (byte {exc.start})") from None
            form = [("query", text)]
        elif ctype == "application/x-www-form-urlencoded":
            _require_utf8(params, "the form")
            try:
                form = _pairs(body.decode("ascii"), "the form")
            except UnicodeDecodeError as exc:
                raise RequestError(400, f"the form is not URL-encoded (a raw byte at {exc.start})") from None
            if any(k == "query" for k, _ in url) and any(k == "query" for k, _ in form):
                raise RequestError(400, "the query is given both in the body and as a URL parameter; give it once")
        else:
            raise RequestError(415, f"unsupported Content-Type {ctype} for a query (use application/sparql-query "
                                    "or application/x-www-form-urlencoded)")
    pairs = url + form
    names = [k for k, _ in pairs]
    if any(k in _UPDATE_PARAMETERS for k in names):
        raise RequestError(403, "this endpoint is read-only: SPARQL Update is refused")
    if names.count("query") > 1:
        raise RequestError(400, f"the parameter query is given {names.count('query')} times; give it once")
    if "query" not in names:
        if method == "POST":
            raise RequestError(400, "no query: send it as the body (application/sparql-query) or as query= in a form")
        if pairs:
            unknown = sorted({k for k in names if k not in _KNOWN})
            raise RequestError(400, "no query= parameter" + (f" (unknown: {', '.join(unknown)})" if unknown else ""))
        return None
    dataset: dict[str, list[str]] = {k: [] for k in _DATASET_PARAMETERS}
    for k, v in pairs:
        if k in dataset:
            try:
                NamedNode(v)
            except ValueError:
                raise RequestError(400, f"{k}: not an absolute IRI: {v[:200]!r}") from None
            dataset[k].append(v)
    query = next(v for k, v in pairs if k == "query")
    if not query.strip():
        raise RequestError(400, "the query is empty")
    return SparqlRequest(query=query, default_graphs=tuple(dataset["default-graph-uri"]),
                         named_graphs=tuple(dataset["named-graph-uri"]), accept=accept)


def _ranges(accept: str) -> list[tuple[float, int, str]]:
    ranked = []
    for i, part in enumerate(accept.split(",")[:64]):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for p in params:
            name, _, value = p.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            # the more specific range first at equal q (RFC 9110 §12.5.1)
            specificity = 0 if media == "*/*" else 1 if media.endswith("/*") else 2
            ranked.append((-q, -specificity, i, media.lower()))
    return [(q, i, m) for q, _, i, m in sorted(ranked)]


def negotiate(accept: str, offered: dict[str, object], default: str | None = None) -> str | None:
    """The media type of ``offered`` that ``Accept`` prefers (q-values honoured; no header: the
    default, else the first offered); None when it accepts none of them (answer 406)."""
    default = default or next(iter(offered))
    if not accept.strip():
        return default
    for _, _, media in _ranges(accept):
        if media in offered:
            return media
        if media == "*/*":
            return default
        if media.endswith("/*"):
            kind = media[:-1]
            if default.startswith(kind):
                return default
            found = next((m for m in offered if m.startswith(kind)), None)
            if found:
                return found
    return None


def not_acceptable(offered: dict[str, object]) -> RequestError:
    return RequestError(406, "none of the formats asked for in Accept is offered here; ask for one of: "
                        + ", ".join(offered))
