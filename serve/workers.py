"""A pool of pre-started worker processes, each with the store open, that run every job touching the
graph (a query, a named query, an entity page, the explorer) under one time limit, one memory cap
and one concurrency limit, with a per-client share.

A worker is a spawned process (no fork of the threaded server) cut off the network; it opens the
current generation read-only under a lease and reopens when a build swaps ``current``.  The server
sends it a job through a pipe and waits, watching the clock and the worker's resident memory: past
the time limit or the memory cap the worker is killed (503), a fresh one is started in its place, and
the other workers go on answering.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import time
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from sikg.serve.answers import Answer
from sikg.serve.protocol import RequestError

log = logging.getLogger(__name__)

_PAGE = os.sysconf("SC_PAGE_SIZE")
_WATCH_S = 0.05  # how often a running job's memory is looked at (seconds)


def resident_mib(pid: int) -> float:
    """The process's resident memory in MiB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE / 2**20
    except (OSError, IndexError, ValueError):
        return 0.0


#: The stack of the thread a worker runs its jobs on: Oxigraph's parser and optimiser recurse, and
#: a long query that fits safety.MAX_STRUCTURE needs more than a main thread's 8 MiB.
JOB_STACK_BYTES = 256 * 2**20


def worker_main(conn: Connection, store_dir: str) -> None:
    """A worker's life: cut itself off the network, say ready, answer jobs until the pipe closes."""
    import signal
    import threading

    from sikg.serve.safety import isolate_network

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops its workers itself
    isolated = isolate_network()
    threading.stack_size(JOB_STACK_BYTES)
    jobs = threading.Thread(target=_answer_jobs, args=(conn, store_dir, isolated), name="jobs")
    jobs.start()
    jobs.join()


def _answer_jobs(conn: Connection, store_dir: str, isolated: bool) -> None:
    from sikg.serve.answers import WorkerState, answer

    state = WorkerState(Path(store_dir), isolated)
    conn.send(("ready", isolated))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            break
        conn.send(answer(state, job))
    state.close()


@dataclass(eq=False)
class Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection

    @property
    def pid(self) -> int:
        return self.process.pid or 0

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
        with contextlib.suppress(Exception):
            self.conn.close()
        self.process.join(2)


class WorkerPool:
    """``size`` workers on ``store_dir``; ``run(job, client)`` answers a job or raises RequestError."""

    def __init__(self, store_dir: Path, size: int, *, timeout_s: float, max_memory_mib: int,
                 client_share: int, queue_wait_s: float) -> None:
        self.store_dir = Path(store_dir)
        self.size = size
        self.timeout_s = timeout_s
        self.max_memory_mib = max_memory_mib
        self.client_share = max(1, client_share)
        self.queue_wait_s = queue_wait_s
        self.isolated = True
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: deque[Worker] = deque()
        self._waiters: deque[asyncio.Future] = deque()
        self._clients: dict[str, int] = {}
        self._client_waiters: dict[str, deque[asyncio.Future]] = {}
        self._all: set[Worker] = set()
        self._closing = False

    # -- starting and stopping
    def _spawn(self) -> Worker:
        parent, child = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(target=worker_main, args=(child, str(self.store_dir)), daemon=True,
                                 name="sikg-query-worker")
        proc.start()
        child.close()
        w = Worker(proc, parent)
        self._all.add(w)
        return w

    async def _ready(self, w: Worker, timeout: float = 60.0) -> None:
        message = await self._receive(w, timeout)
        if not (isinstance(message, tuple) and message[0] == "ready"):
            raise RuntimeError(f"query worker {w.pid} did not start: {message!r}")
        self.isolated = self.isolated and bool(message[1])

    async def start(self) -> None:
        workers = [self._spawn() for _ in range(self.size)]
        try:
            await asyncio.gather(*(self._ready(w) for w in workers))
        except Exception:
            for w in workers:
                w.kill()
            raise
        for w in workers:
            self._release(w)
        log.info("%d query workers started (network %s)", self.size,
                 "cut off" if self.isolated else "NOT cut off: unshare refused")

    async def close(self) -> None:
        self._closing = True
        for w in list(self._all):
            w.kill()
        self._all.clear()
        self._idle.clear()

    async def _replace(self, dead: Worker) -> None:
        dead.kill()
        self._all.discard(dead)
        if self._closing:
            return
        for attempt in range(3):
            w = self._spawn()
            try:
                await self._ready(w)
            except Exception as exc:
                log.error("a replacement query worker failed to start (%s); attempt %d", exc, attempt + 1)
                w.kill()
                self._all.discard(w)
                await asyncio.sleep(1)
                continue
            self._release(w)
            return

    # -- handing workers out, fairly
    def _release(self, w: Worker) -> None:
        while self._waiters:
            fut = self._waiters.popleft()
            if not fut.done():
                fut.set_result(w)
                return
        self._idle.append(w)

    async def _acquire(self) -> Worker:
        if self._idle:
            return self._idle.popleft()
        fut: asyncio.Future = asyncio.get_running_loop().create_future()
        self._waiters.append(fut)
        try:
            return await asyncio.wait_for(fut, self.queue_wait_s)
        except TimeoutError:
            raise RequestError(503, f"every query worker stayed busy for {self.queue_wait_s:g} s; try again",
                               {"Retry-After": "5"}) from None
        except asyncio.CancelledError:  # the client left just as a worker was handed over: hand it on
            if fut.done() and not fut.cancelled():
                self._release(fut.result())
            raise

    @contextlib.asynccontextmanager
    async def _client_slot(self, client: str) -> AsyncIterator[None]:
        """At most ``client_share`` jobs of one client address at once: its further jobs wait for
        its own slots, never for another client's."""
        if self._clients.get(client, 0) >= self.client_share:
            fut: asyncio.Future = asyncio.get_running_loop().create_future()
            self._client_waiters.setdefault(client, deque()).append(fut)
            try:
                await asyncio.wait_for(fut, self.queue_wait_s)
            except TimeoutError:
                raise RequestError(429, f"this client already runs {self.client_share} queries at once; "
                                        "wait for one to end", {"Retry-After": "5"}) from None
            except asyncio.CancelledError:
                if fut.done() and not fut.cancelled():
                    self._pass_client_slot(client)
                raise
        else:
            self._clients[client] = self._clients.get(client, 0) + 1
        try:
            yield
        finally:
            self._pass_client_slot(client)

    def _pass_client_slot(self, client: str) -> None:
        waiting = self._client_waiters.get(client)
        while waiting:
            fut = waiting.popleft()
            if not fut.done():
                fut.set_result(None)  # the slot passes on: the count stays
                return
        self._client_waiters.pop(client, None)
        self._clients[client] -= 1
        if not self._clients[client]:
            del self._clients[client]

    # -- running a job
    async def _receive(self, w: Worker, timeout: float, watch_memory: bool = False):
        loop = asyncio.get_running_loop()
        readable = loop.create_future()
        fd = w.conn.fileno()
        loop.add_reader(fd, lambda: readable.done() or readable.set_result(None))
        deadline = time.monotonic() + timeout
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise RequestError(503, f"stopped at the time limit of {timeout:g} s")
                try:
                    await asyncio.wait_for(asyncio.shield(readable), min(left, _WATCH_S) if watch_memory else left)
                    break
                except TimeoutError:
                    if watch_memory and resident_mib(w.pid) > self.max_memory_mib:
                        raise RequestError(503, f"stopped at the memory cap of {self.max_memory_mib} MiB") from None
        finally:
            loop.remove_reader(fd)
        try:
            return await asyncio.to_thread(w.conn.recv)
        except (EOFError, OSError):
            raise RequestError(503, "the query worker ended without an answer (it ran out of memory or "
                                    "crashed); it was replaced") from None

    async def run(self, job, client: str = "") -> Answer:
        async with self._client_slot(client):
            w = await self._acquire()
            try:
                w.conn.send(job)
                result = await self._receive(w, self.timeout_s, watch_memory=True)
            except RequestError as exc:
                asyncio.get_running_loop().create_task(self._replace(w))
                log.warning("job stopped (%s); worker %d replaced", exc.message, w.pid)
                raise RequestError(503, f"the query was {exc.message}" if exc.message.startswith("stopped")
                                   else exc.message, {"Retry-After": "1"}) from None
            except BaseException:  # the client went away mid-job: the worker's answer is unknown
                asyncio.get_running_loop().create_task(self._replace(w))
                raise
            self._release(w)
            return result
