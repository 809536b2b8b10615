"""Endpoint abuse under load: many concurrent clients and runaway queries; no errors, bounded memory."""
from __future__ import annotations

import os

from load import run_load  # bench/load.py, on pytest's pythonpath (pyproject.toml)
from support.servers import free_port, running, sikg_exe

CLIENTS = int(os.environ.get("SIKG_LOAD_CLIENTS", "20"))
SECONDS = float(os.environ.get("SIKG_LOAD_SECONDS", "8"))


def test_many_clients_and_runaway_queries(built):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sikg_exe(), "serve", "--port", str(port), "--timeout", "2", "--store", str(built[0])]
    with running(cmd, f"{base}/sparql") as proc:
        r = run_load(base, CLIENTS, SECONDS, proc.pid)
    print(f"\nload: {r}")
    assert r["errors"] == 0, r["error_samples"]
    assert r["statuses"].get(200, 0) > 20
    assert r["statuses"].get(503, 0) >= 1  # the runaway queries were cut, and the rest went on
    assert r["server_rss_mib_after"] < r["server_rss_mib_before"] + 200
