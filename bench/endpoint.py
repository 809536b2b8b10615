#!/usr/bin/env python3
"""Latency and throughput of `sikg serve` beside the endpoint it replaced and Oxigraph's own server,
on the same store, in one run:

- ``ASK {}`` from one client, one request after another over one keep-alive connection (the old
  endpoint speaks HTTP/1.0 and closes it: a new connection a request): median and p95;
- a cheap named query (``funders``, posted as its text to the SPARQL endpoint) from 50 clients at once,
  each from its own loopback address (127.0.0.x, as 50 users are), for a fixed time: requests a
  second, median and p95 latency, errors;
- `sikg serve` twice: with its answer cache (the default: a repeated query on the same build is
  answered without a worker) and with ``--cache 0`` (every request run by a worker);
- the same beside one client that loops a runaway query on the new endpoint (its time limit cuts
  each; its per-client share keeps it to one worker; the cheap query's p95 shows what others get).

    .venv/bin/python bench/endpoint.py [--store .sikg/store] [--old-rev f0f63d4] [--seconds 10]

The old endpoint is the commit ``--old-rev`` installed into a temporary folder (pip, no network), so
that both run in the same run on the same machine; Oxigraph's server is `oxigraph serve-read-only`
(same version as pyoxigraph) on the store's current generation.  Only 127.0.0.0/8 is addressed.
Prints a table and writes bench/endpoint.json; nothing is asserted.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from serving import free_port, wait  # bench/serving.py

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SIKG = str(Path(sys.executable).with_name("sikg"))
OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def install_old(rev: str, into: Path) -> dict:
    """The code of commit ``rev`` laid out as its pyproject installs it (``sikg.graph`` from ``graph/``,
    and so on) in ``into``: the environment to run its endpoint with."""
    import tomllib

    src, site = into / "src", into / "site"
    src.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    dirs = tomllib.loads((src / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    for package, folder in sorted(dirs.items()):
        target = site.joinpath(*package.split("."))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(src / folder, target, dirs_exist_ok=True)
    return {**os.environ, "PYTHONPATH": str(site)}


# -- a small HTTP/1.1 client on asyncio streams (keep-alive; reconnects when the server closes)
class Client:
    def __init__(self, host: str, port: int, source: str) -> None:
        self.host, self.port, self.source = host, port, source
        self.reader = self.writer = None

    async def _connect(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port, local_addr=(self.source, 0))

    async def close(self) -> None:
        if self.writer:
            self.writer.close()
            self.reader = self.writer = None

    async def request(self, path: str, body: bytes, timeout: float = 60) -> int:
        for attempt in range(2):
            if self.writer is None:
                await self._connect()
            head = (f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                    "Content-Type: application/sparql-query\r\nAccept: application/sparql-results+json\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n").encode()
            try:
                self.writer.write(head + body)
                return await asyncio.wait_for(self._response(), timeout)
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()
                if attempt:
                    raise
        raise ConnectionError("no answer")

    async def _response(self) -> int:
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed")
        status = int(status_line.split()[1])
        length, chunked, close = None, False, status_line.startswith(b"HTTP/1.0")
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding":
                chunked = "chunked" in value
            elif name == "connection":
                close = value == "close" or (close and value != "keep-alive")
        if chunked:
            while size := int((await self.reader.readline()).split(b";")[0], 16):
                await self.reader.readexactly(size + 2)
            while (await self.reader.readline()) not in (b"\r\n", b"\n", b""):
                pass  # trailers
        elif length is None:
            await self.reader.read()
            close = True
        else:
            await self.reader.readexactly(length)
        if close:
            await self.close()
        return status


async def latency(port: int, path: str, query: str, n: int) -> dict:
    c = Client("127.0.0.1", port, "127.0.0.1")
    times = []
    for _ in range(n):
        start = time.perf_counter()
        status = await c.request(path, query.encode())
        times.append(time.perf_counter() - start)
        assert status == 200, status
    await c.close()
    times.sort()
    return {"median_ms": statistics.median(times) * 1000, "p95_ms": times[int(len(times) * 0.95)] * 1000, "n": n}


async def throughput(port: int, path: str, query: str, clients: int, seconds: float,
                     runaway_clients: int = 0) -> dict:
    deadline = time.monotonic() + seconds
    times: list[float] = []
    statuses: dict[int, int] = {}
    errors: list[str] = []

    async def loop(i: int, text: str, record: bool) -> None:
        c = Client("127.0.0.1", port, f"127.0.{1 + i // 250}.{i % 250 + 2}")
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                status = await c.request(path, text.encode(), timeout=max(1.0, deadline - time.monotonic() + 30))
            except Exception as exc:
                errors.append(type(exc).__name__)
                await c.close()
                await asyncio.sleep(0.05)
                continue
            if record:
                statuses[status] = statuses.get(status, 0) + 1
                if status == 200:
                    times.append(time.perf_counter() - start)
        await c.close()

    started = time.monotonic()
    await asyncio.gather(*(loop(i, query, True) for i in range(clients)),
                         *(loop(clients + i, RUNAWAY, False) for i in range(runaway_clients)))
    elapsed = time.monotonic() - started
    times.sort()
    return {"clients": clients, "runaway_clients": runaway_clients, "seconds": round(elapsed, 1),
            "requests_per_s": round(len(times) / elapsed, 1),
            "median_ms": round(statistics.median(times) * 1000, 2) if times else None,
            "p95_ms": round(times[int(len(times) * 0.95)] * 1000, 2) if times else None,
            "statuses": statuses, "errors": len(errors)}


def measure(name: str, cmd: list[str], port: int, path: str, cheap: str, args, env=None, cwd=None) -> dict:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    try:
        wait(f"http://127.0.0.1:{port}{path}?query=ASK%7B%7D", proc)
        out = {"ask": asyncio.run(latency(port, path, "ASK {}", args.requests)),
               "cheap_query_latency": asyncio.run(latency(port, path, cheap, max(50, args.requests // 5)))}
        print(f"  {name}: ASK median {out['ask']['median_ms']:.2f} ms, p95 {out['ask']['p95_ms']:.2f} ms", flush=True)
        out["throughput"] = asyncio.run(throughput(port, path, cheap, args.clients, args.seconds))
        print(f"  {name}: funders at {args.clients} clients {out['throughput']}", flush=True)
        if name.startswith("sikg serve"):
            out["throughput_beside_runaways"] = asyncio.run(
                throughput(port, path, cheap, args.clients, args.seconds, runaway_clients=1))
            print(f"  {name}: beside a runaway client {out['throughput_beside_runaways']}", flush=True)
        return out
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, default=Path(".sikg/store"))
    ap.add_argument("--old-rev", default="f0f63d4", help="The commit whose endpoint is compared (before sikg.serve).")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--requests", type=int, default=500, help="Sequential requests for the latency figures.")
    ap.add_argument("--out", type=Path, default=HERE / "endpoint.json")
    args = ap.parse_args()

    from sikg.graph.store import current_generation, require_generation
    from sikg.queries.named import bind, load_named

    require_generation(args.store)
    cheap = bind(load_named("funders"))
    results: dict = {"cpus": os.cpu_count(), "clients": args.clients, "seconds": args.seconds,
                     "old_rev": args.old_rev}
    with tempfile.TemporaryDirectory() as tmp:
        env = install_old(args.old_rev, Path(tmp))
        port = free_port()
        # run from the temporary folder: a checkout's own sikg/ must not shadow the old code
        results["old endpoint"] = measure(
            "old endpoint", [sys.executable, "-m", "sikg.cli", "serve", "--port", str(port), "--store",
                             str(args.store.resolve())], port, "/sparql", cheap, args, env, cwd=tmp)
    port = free_port()
    results["sikg serve"] = measure("sikg serve", [SIKG, "serve", "--port", str(port), "--store", str(args.store)],
                                    port, "/sparql", cheap, args)
    port = free_port()  # every request a worker's: what a query nobody asked before costs
    results["sikg serve, no cache"] = measure(
        "sikg serve, no cache", [SIKG, "serve", "--port", str(port), "--cache", "0", "--store", str(args.store)],
        port, "/sparql", cheap, args)
    port = free_port()
    results["oxigraph"] = measure("oxigraph", [OXIGRAPH, "serve-read-only", "--location",
                                               str(current_generation(args.store)), "--bind", f"127.0.0.1:{port}"],
                                  port, "/query", cheap, args)
    old, new = results["old endpoint"], results["sikg serve"]
    results["ratios"] = {
        "ask_median_old_over_new": round(old["ask"]["median_ms"] / new["ask"]["median_ms"], 1),
        "throughput_new_over_old": round(new["throughput"]["requests_per_s"] / old["throughput"]["requests_per_s"], 1),
        "throughput_new_uncached_over_old": round(results["sikg serve, no cache"]["throughput"]["requests_per_s"]
                                                  / old["throughput"]["requests_per_s"], 1),
        "throughput_oxigraph_over_new": round(results["oxigraph"]["throughput"]["requests_per_s"]
                                              / new["throughput"]["requests_per_s"], 1),
    }
    print(f"\n  {'server':20s} {'ASK med ms':>10s} {'ASK p95':>8s} {'rps@' + str(args.clients):>9s} {'p50 ms':>8s} "
          f"{'p95 ms':>8s}")
    for name in ("old endpoint", "sikg serve", "sikg serve, no cache", "oxigraph"):
        r = results[name]
        print(f"  {name:20s} {r['ask']['median_ms']:10.2f} {r['ask']['p95_ms']:8.2f} "
              f"{r['throughput']['requests_per_s']:9.1f} {r['throughput']['median_ms'] or 0:8.1f} "
              f"{r['throughput']['p95_ms'] or 0:8.1f}")
    print(f"  ratios: {results['ratios']}")
    args.out.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
