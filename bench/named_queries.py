#!/usr/bin/env python3
"""Every named query at 1k, 10k and 100k articles: embedded, through `sikg serve` and through
Oxigraph's own server on the same store, and what the projections cost the build.

    .venv/bin/python bench/named_queries.py                  # 1,000 and 10,000 articles
    .venv/bin/python bench/named_queries.py 1000 10000 100000 --data /tmp/sikg-bench

For each size: curated annotation files from bench/synth.py (`annotations`: organisations with a
home country and skewed popularity, one project an article, partners a third of them abroad,
funders, people in roles, dated events), built twice in fresh processes, with the projections
(graph/projections.py) and without them (the same build with their derivation switched off), then
every named query with its parameters as a user who gives none gets them (defaults; the listings
whole), timed:

- ``embedded``: in one process on the open store, the query run and its rows written as CSV, as
  `sikg query NAME --format csv` does after its start-up (median of 3; one run above 5 s);
- ``endpoint``: `sikg serve` (POST to /sparql, ``Accept: text/csv``, no answer cache, limits raised so that the
  whole listing comes back);
- ``oxigraph``: `oxigraph serve-read-only` on the same store folder (same version as pyoxigraph).

Prints a table per size and writes bench/named_queries.json.  Nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import synth  # bench/synth.py

from serving import wait  # bench/serving.py

HERE = Path(__file__).resolve().parent
SIKG = str(Path(sys.executable).with_name("sikg"))
OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))

BUILD = """
import json, resource, sys, time
from pathlib import Path
import sikg.graph.store as store
if {without!r}:  # the same build with the projections switched off
    store.derive_projections = lambda s, statements=None: 0
    store.Statements.add = lambda self, s, p, o: None
from sikg.graph.build import build
start = time.perf_counter()
report = build([Path({data!r})], Path({out!r}), extractor=None, progress=False)
print(json.dumps({{"seconds": time.perf_counter() - start, "quads": report.quads,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def timed_build(data: Path, out: Path, without: bool) -> dict:
    code = BUILD.format(without=without, data=str(data), out=str(out))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def projection_quads(store_dir: Path) -> int:
    from sikg.graph.projections import PROJECTION_GRAPH
    from sikg.graph.store import open_store

    return sum(1 for _ in open_store(store_dir).quads_for_pattern(None, None, None, PROJECTION_GRAPH))


def repeat(run, slow_s: float = 5.0) -> tuple[float, int]:
    """Median seconds of up to 3 runs (1 when the first takes over ``slow_s``), and the row count."""
    times, rows = [], 0
    for _ in range(3):
        start = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - start)
        if times[0] > slow_s:
            break
    return statistics.median(times), rows


def post(url: str, query: str, timeout: float = 600) -> int:
    req = urllib.request.Request(url, data=query.encode("utf-8"), method="POST",
                                 headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return max(0, resp.read().count(b"\n") - 1)


def measure_queries(store_dir: Path, port: int) -> dict:
    from sikg.graph.store import current_generation, open_store
    from sikg.queries.named import bind, list_named
    from sikg.queries.run import run_query, word_counter

    store = open_store(store_dir)
    counts = word_counter(store)
    texts = {q.name: bind(q, {}, word_count=counts) for q in list_named()}
    out: dict = {name: {} for name in texts}
    for name, text in texts.items():
        seconds, rows = repeat(lambda text=text: len(run_query(store, text).format("csv").splitlines()) - 1)
        out[name]["embedded_s"], out[name]["rows"] = seconds, rows
        print(f"    embedded {name}: {seconds:.3f} s, {rows} rows", flush=True)
    servers = {
        "endpoint": ([SIKG, "serve", "--port", str(port), "--timeout", "600", "--max-response", "100000", "--cache", "0",
                      "--max-memory", "100000",
                      "--store", str(store_dir)], f"http://127.0.0.1:{port}/sparql"),
        "oxigraph": ([OXIGRAPH, "serve-read-only", "--location", str(current_generation(store_dir)),
                      "--bind", f"127.0.0.1:{port + 1}"], f"http://127.0.0.1:{port + 1}/query"),
    }
    for server, (cmd, url) in servers.items():
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait(url + "?query=ASK%7B%7D", proc)
            for name, text in texts.items():
                seconds, rows = repeat(lambda text=text, url=url: post(url, text))
                out[name][f"{server}_s"] = seconds
                print(f"    {server} {name}: {seconds:.3f} s, {rows} rows", flush=True)
        finally:
            proc.terminate()
            proc.wait(20)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    ap.add_argument("--data", type=Path, help="keep the generated articles and stores here (default: a temporary folder)")
    ap.add_argument("--port", type=int, default=18730)
    ap.add_argument("--reuse-stores", action="store_true",
                    help="query the stores already under --data (store-N) instead of building them (no build figures)")
    args = ap.parse_args()
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = args.data or Path(tmp)
        for n in args.sizes:
            data = root / f"annotations-{n}"
            if not (data / "sources.tsv").exists():
                synth.write_annotations(data, n)
            print(f"{n:,} articles", flush=True)
            build = None
            if not (args.reuse_stores and (root / f"store-{n}" / "current").exists()):
                without = timed_build(data, root / f"store-{n}-without", without=True)
                with_ = timed_build(data, root / f"store-{n}", without=False)
                build = {"seconds_with": with_["seconds"], "seconds_without": without["seconds"],
                         "projection_share": (with_["seconds"] - without["seconds"]) / with_["seconds"],
                         "quads": with_["quads"], "projection_quads": projection_quads(root / f"store-{n}"),
                         "peak_mib_with": with_["peak_mib"], "peak_mib_without": without["peak_mib"]}
                print(f"  build {build['seconds_without']:.1f} s without projections, {build['seconds_with']:.1f} s "
                      f"with ({build['projection_share']:.0%} of the build), {build['projection_quads']:,} projection "
                      f"quads beside {build['quads']:,}", flush=True)
            queries = measure_queries(root / f"store-{n}", args.port)
            results[str(n)] = {"build": build, "queries": queries}
            print(f"\n  {'query':30s} {'rows':>9s} {'embedded':>9s} {'endpoint':>9s} {'oxigraph':>9s}")
            for name, q in queries.items():
                print(f"  {name:30s} {q['rows']:9d} {q['embedded_s']:9.3f} {q.get('endpoint_s', float('nan')):9.3f} "
                      f"{q.get('oxigraph_s', float('nan')):9.3f}")
            print(flush=True)
    out = HERE / "named_queries.json"  # a run updates the sizes it measured and keeps the others
    kept = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    for n, r in results.items():
        if r["build"] is None and n in kept:
            r["build"] = kept[n].get("build")
    out.write_text(json.dumps({**kept, **results}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
