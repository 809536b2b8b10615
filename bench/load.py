#!/usr/bin/env python3
"""A bounded load test of `sikg serve` on 127.0.0.1: N clients for S seconds, a mix of named queries
(and one runaway query a second, which the server must cut at its time limit). Prints requests/s,
p50/p95 latency, errors, and the server's memory before and after.

    .venv/bin/python bench/load.py [--clients 50] [--seconds 20] [--store .sikg/store]

Only loopback is ever addressed; the loop stops by itself.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from serving import free_port, wait  # bench/serving.py
from sikg.graph.store import DEFAULT_STORE
from sikg.queries.named import bind, list_named

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_load(base: str, clients: int, seconds: float, pid: int | None = None) -> dict:
    queries = [bind(q) for q in list_named() if q.name in ("project-partners", "people-roles", "funders",
                                                          "co-funded-projects", "events", "provenance")]
    latencies: list[float] = []
    errors: list[str] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    before = rss_mib(pid) if pid else None

    def client(i: int) -> None:
        n = 0
        while time.monotonic() < deadline:
            q = RUNAWAY if (i == 0 and n % 5 == 0) else queries[(i + n) % len(queries)]
            n += 1
            data = urllib.parse.urlencode({"query": q}).encode()
            req = urllib.request.Request(f"{base}/sparql", data=data,
                                         headers={"Accept": "application/sparql-results+json"})
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(req, timeout=30) as r:
                    r.read()
                    code = r.status
            except urllib.error.HTTPError as e:
                code = e.code
            except Exception as exc:  # a refused or dropped connection is an error
                with lock:
                    errors.append(repr(exc))
                continue
            with lock:
                statuses[code] = statuses.get(code, 0) + 1
                if q is not RUNAWAY:
                    latencies.append((time.perf_counter() - start) * 1000)
                    if code != 200:
                        errors.append(f"HTTP {code} for a named query")

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    latencies.sort()
    return {
        "clients": clients, "seconds": round(elapsed, 1), "requests": sum(statuses.values()),
        "requests_per_s": sum(statuses.values()) / elapsed, "statuses": statuses, "errors": len(errors),
        "error_samples": errors[:3],
        "p50_ms": statistics.median(latencies) if latencies else None,
        "p95_ms": latencies[int(0.95 * (len(latencies) - 1))] if latencies else None,
        "server_rss_mib_before": before, "server_rss_mib_after": rss_mib(pid) if pid else None,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--store", type=Path, default=DEFAULT_STORE)
    ap.add_argument("--timeout", type=float, default=2.0, help="the server's per-query time limit")
    args = ap.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    sikg = str(Path(sys.executable).with_name("sikg"))
    server = subprocess.Popen([sikg, "serve", "--port", str(port), "--timeout", str(args.timeout),
                               "--store", str(args.store)], stdout=subprocess.DEVNULL)
    try:
        wait(f"{base}/sparql", server)
        result = run_load(base, args.clients, args.seconds, server.pid)
    finally:
        server.terminate()
        server.wait(10)
    for k, v in result.items():
        print(f"{k}: {v}")


if __name__ == "__main__":
    main()
