"""`sikg push`: load the built graph into any SPARQL 1.1 store.

Two protocols:

- ``gsp`` (default), the SPARQL 1.1 Graph Store HTTP Protocol: each graph is replaced with a
  ``PUT`` of its first batch and extended with ``POST`` of the next ones (``?graph=IRI``, or
  ``?default`` for the union in the default graph);
- ``update``, SPARQL 1.1 Update for stores without GSP: ``DROP SILENT GRAPH`` then
  ``INSERT DATA`` batches.

Re-pushing replaces each graph rather than adding to it.  Requests are retried with back-off;
a progress bar shows the graphs sent.  The graph has no blank nodes, so a retried batch is
idempotent.
"""
from __future__ import annotations

import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

from pyoxigraph import NamedNode, RdfFormat, Store, serialize
from tqdm import tqdm

from sikg.errors import SikgError
from sikg.graph.projections import PROJECTION_GRAPH
from sikg.graph.store import union_triples

log = logging.getLogger(__name__)



class PushError(SikgError):
    """The remote store refused or could not be reached; the message says which request."""


@dataclass
class PushReport:
    graphs: int
    triples: int
    requests: int
    retries: int


#: gsp: a Graph Store Protocol endpoint; update: a SPARQL Update endpoint.
PROTOCOLS = ("gsp", "update")


@dataclass
class Pusher:
    """Sends triples to a SPARQL 1.1 store in batches; its field defaults are the CLI's."""

    url: str
    protocol: str = PROTOCOLS[0]
    batch_size: int = 50_000
    retries: int = 4
    timeout_s: float = 60.0
    user: str | None = None
    password: str | None = None
    requests: int = 0
    retried: int = 0

    def _opener(self) -> urllib.request.OpenerDirector:
        """Basic or Digest authentication, as the server asks (Virtuoso's ``-auth`` endpoints use Digest)."""
        if self.user is None:
            return urllib.request.build_opener()
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, self.url, self.user, self.password or "")
        return urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(passwords),
                                           urllib.request.HTTPDigestAuthHandler(passwords))

    def _send(self, method: str, url: str, body: bytes, content_type: str) -> None:
        headers = {"Content-Type": content_type}
        opener = self._opener()
        for attempt in range(self.retries + 1):
            self.requests += 1
            req = urllib.request.Request(url, data=body, method=method, headers=headers)
            try:
                with opener.open(req, timeout=self.timeout_s) as resp:
                    resp.read()
                return
            except urllib.error.HTTPError as exc:
                detail = exc.read()[:300].decode("utf-8", "replace")
                if exc.code < 500 and exc.code != 429:
                    raise PushError(f"{method} {url}: HTTP {exc.code} {exc.reason}: {detail}") from None
                error = f"HTTP {exc.code}: {detail}"
            except (urllib.error.URLError, OSError) as exc:
                error = str(getattr(exc, "reason", exc))
            if attempt == self.retries:
                raise PushError(f"{method} {url}: failed after {attempt + 1} tries: {error}")
            self.retried += 1
            delay = min(8.0, 0.25 * 2**attempt)
            log.warning("%s %s failed (%s); retrying in %.2f s", method, url, error, delay)
            time.sleep(delay)

    def graph_url(self, graph: str | None) -> str:
        sep = "&" if "?" in self.url else "?"
        if graph is None:
            return f"{self.url}{sep}default"
        return f"{self.url}{sep}graph={urllib.parse.quote(graph, safe='')}"

    def push_graph(self, graph: str | None, triples: list) -> None:
        batches = [triples[i:i + self.batch_size] for i in range(0, len(triples), self.batch_size)] or [[]]
        for i, batch in enumerate(batches):
            data = serialize(batch, format=RdfFormat.N_TRIPLES) if batch else b""
            if self.protocol == "gsp":
                self._send("PUT" if i == 0 else "POST", self.graph_url(graph), data, "application/n-triples")
            else:
                head = (f"DROP SILENT GRAPH <{graph}> ;\n" if graph else "DROP SILENT DEFAULT ;\n") if i == 0 else ""
                triples = data.decode("utf-8")
                body = f"GRAPH <{graph}> {{ {triples} }}" if graph else triples
                update = f"{head}INSERT DATA {{ {body} }}"
                self._send("POST", self.url, update.encode("utf-8"), "application/sparql-update")


def graphs_of(store: Store) -> Iterator[tuple[str, list]]:
    for g in sorted(store.named_graphs(), key=lambda n: n.value):
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, NamedNode(g.value))]
        yield g.value, triples


def push(store: Store, url: str, *, graph_per_article: bool = False, protocol: str = Pusher.protocol,
         batch_size: int = Pusher.batch_size, user: str | None = None, password: str | None = None,
         progress: bool = True) -> PushReport:
    """Push the store to ``url`` (a GSP endpoint, or an update endpoint with ``protocol='update'``): every
    named graph, or the union into the default graph; the projections graph (graph/projections.py)
    either way, so that the named queries answer there as they do here."""
    if protocol not in PROTOCOLS:
        raise ValueError(f"unknown protocol {protocol!r} (gsp or update)")
    pusher = Pusher(url, protocol=protocol, batch_size=batch_size, user=user, password=password)
    graphs = triples = 0
    if graph_per_article:
        names = list(store.named_graphs())
        for g, ts in tqdm(graphs_of(store), total=len(names), desc="pushing graphs", unit="graph",
                          disable=not progress):
            pusher.push_graph(g, ts)
            graphs += 1
            triples += len(ts)
    else:
        ts = list(union_triples(store))
        pusher.push_graph(None, ts)
        derived = [q.triple for q in store.quads_for_pattern(None, None, None, PROJECTION_GRAPH)]
        pusher.push_graph(PROJECTION_GRAPH.value, derived)  # the named queries read it there too
        graphs, triples = 2, len(ts) + len(derived)
    return PushReport(graphs=graphs, triples=triples, requests=pusher.requests, retries=pusher.retried)
