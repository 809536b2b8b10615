"""What `sikg serve` is told: where the graph is, where it listens, which limits hold.

>>> ServeConfig(store=Path("s")).endpoint_url
'http://127.0.0.1:8000/sparql'
>>> ServeConfig(store=Path("s"), public_url="https://data.example.lv/sikg/").endpoint_url
'https://data.example.lv/sikg/sparql'
>>> ServeConfig(store=Path("s"), base_iri="https://data.example.lv/").endpoint_url
'https://data.example.lv/sparql'
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sikg.graph.store import DEFAULT_RELEASE


def default_workers() -> int:
    """One query worker a core, at least two (a runaway query never holds the only one) and at most
    eight (each holds the store open: some tens of MiB)."""
    return min(8, max(2, os.cpu_count() or 2))


@dataclass(frozen=True)
class ServeConfig:
    store: Path
    host: str = "127.0.0.1"
    port: int = 8000
    #: Where the data's IRIs are served (``IriScheme.moved``); None: the base the graph was built with.
    base_iri: str | None = None
    #: The address users reach the server at (a proxy's, ending in /); default: the base IRI where one
    #: is given, else http://HOST:PORT/.
    public_url: str | None = None
    timeout_s: float = 10.0  # every store access: a query, an entity page, the explorer
    max_response_bytes: int = 64 * 1024 * 1024
    max_memory_mib: int = 1024  # a worker's resident memory; beyond it the job is stopped
    page_size: int = 1_000  # rows per page of a named query that lists everything (/query/NAME)
    max_body_bytes: int = 1_000_000
    workers: int = 0  # 0: default_workers()
    per_client: int = 0  # jobs one client address may run at once; 0: all workers but one
    queue_wait_s: float = 30.0  # how long a job may wait for a free worker before a 503
    request_timeout_s: float = 10.0  # a request's line, headers and body must arrive within this
    keep_alive_s: float = 5.0  # an idle keep-alive connection is closed after this
    release: Path = DEFAULT_RELEASE
    #: Bytes of answers kept for repeated requests while the same generation is current (0: none).
    cache_bytes: int = 64 * 2**20

    @property
    def worker_count(self) -> int:
        return self.workers or default_workers()

    @property
    def client_share(self) -> int:
        return self.per_client or max(1, self.worker_count - 1)

    @property
    def base_url(self) -> str:
        """Where the server's pages are, ending in /."""
        url = self.public_url or self.base_iri
        if url:
            return url if url.endswith("/") else url.rstrip("#") + "/"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def endpoint_url(self) -> str:
        return self.base_url + "sparql"
