"""Run the application on uvicorn: HTTP/1.1 with keep-alive, gzip, an access log, graceful shutdown,
and connections that must send their request in time (a client that connects and sends nothing, or
trickles its headers, is closed after ``request_timeout_s``; an idle keep-alive connection after
``keep_alive_s``), so that idle or slow clients cannot pile up and hold the server."""
from __future__ import annotations

import asyncio
import logging
import resource
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol

from sikg.serve.config import ServeConfig

log = logging.getLogger(__name__)


class TimedH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with a deadline for each request's line and headers."""

    request_timeout_s = 10.0
    _deadline: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.request_timeout_s, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        if self.cycle is None or self.cycle.response_complete:  # no request under way: an idle or slow client
            self.transport.close()

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            # a response's headers and body go out at once, not 40 ms apart (Nagle against delayed ACKs)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._arm()

    def handle_events(self) -> None:
        super().handle_events()
        if self.cycle is not None and not self.cycle.response_complete:
            self._disarm()  # the request is in: the job's own limits apply now

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)


def _raise_file_limit() -> None:
    """Let the server hold as many connections as the system allows (idle ones are cheap)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 65536,) * 2)


def serve(config: ServeConfig) -> None:
    """Serve until interrupted (SIGINT/SIGTERM: running requests finish, then the workers stop)."""
    import uvicorn

    from sikg.serve.app import build_app

    _raise_file_limit()
    # bound here, before anything starts: a port in use is the caller's one-line OSError
    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    sock = socket.create_server((config.host, config.port), family=family, backlog=2048)
    protocol = type("Protocol", (TimedH11Protocol,), {"request_timeout_s": config.request_timeout_s})
    settings = uvicorn.Config(build_app(config), http=protocol, loop="asyncio",
                              timeout_keep_alive=int(max(1, config.keep_alive_s)), timeout_graceful_shutdown=10,
                              access_log=True, log_level="info", server_header=False, date_header=True,
                              h11_max_incomplete_event_size=64 * 1024)
    try:
        uvicorn.Server(settings).run(sockets=[sock])
    finally:
        sock.close()
