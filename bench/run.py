#!/usr/bin/env python3
"""Every stage, measured in one run, at growing scale; prints a table and writes bench/results.json.

    .venv/bin/python bench/run.py                 # 1k and 10k articles, 1M and 10M triples
    .venv/bin/python bench/run.py --full          # also 100k articles end to end (about 15 minutes)
    .venv/bin/python bench/run.py --quick         # 1k articles, 1M triples (a few minutes)
    .venv/bin/python bench/run.py --low-memory    # the same with `sikg build --low-memory` (kept apart)

Figures are rates and ratios (articles/s per core, triples/s, ms per query, x faster than rdflib);
nothing here is asserted.  Synthetic data comes from bench/synth.py.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import synth  # bench/synth.py: run as a script, this folder is on sys.path

from sikg.graph.incremental import add_articles
from sikg.graph.store import LOW_MEMORY_BATCH, union_query
from sikg.loaders.extract import extract_article
from sikg.ontology.terms import sparql_prefixes
from sikg.queries.named import bind, list_named
from sikg.queries.run import word_counter

HERE = Path(__file__).resolve().parent

#: compared with rdflib's in-memory store (the join-heavy ones; the others mostly scan)
JOIN_QUERIES = {"co-funded-projects", "project-partners", "cross-border-partnerships", "people-roles", "provenance",
                "programme-projects", "funders", "entity"}
#: by nature they read the whole graph (a listing or an aggregate of every entity)
SCAN_QUERIES = {"entities", "single-article-entities", "entities-by-country", "most-connected", "events",
                "unlabelled-entity-violation", "funder-type-violation", "co-funded-projects", "cross-border-partnerships"}


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def in_fresh_process(code: str, **kwargs):
    """Run Python ``code`` in a new interpreter (so its peak memory is its own); the JSON of the
    last line it prints."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, **kwargs)
    return json.loads(out.stdout.strip().splitlines()[-1])


def extraction(folder: Path, n: int) -> dict:
    """Articles/s on one core and peak memory, in a fresh process (so the memory is its own)."""
    code = f"""
import resource, time, json
from pathlib import Path
from sikg.loaders.articles import read_article, read_sources
from sikg.loaders.extract import extract_article
src = Path({str(folder)!r}); meta = read_sources(src / "sources.tsv")
paths = sorted(src.glob("*.txt"))[:{n}]
for p in paths[:20]: extract_article(read_article(p, meta.get(p.stem)))
t = time.perf_counter()
for p in paths: extract_article(read_article(p, meta.get(p.stem)))
s = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"articles": len(paths), "seconds": s, "peak_mib": peak}}))
"""
    r = in_fresh_process(code, preexec_fn=lambda: os.sched_setaffinity(0, {0}))
    r["articles_per_s_per_core"] = r["articles"] / r["seconds"]
    return r


def end_to_end(folder: Path, store: Path, jobs: int, low_memory: bool = False) -> dict:
    """`sikg build` with the extractor on ``jobs`` processes, in a fresh process (so the peak
    memory is the build's own: the main process, and the largest extraction worker)."""
    code = f"""
import json, resource, time
from pathlib import Path
from sikg.graph.build import build
from sikg.loaders.extract import extract_article
start = time.perf_counter()
report = build([Path({str(folder)!r})], Path({str(store)!r}), extractor=extract_article, progress=False,
               jobs={jobs}, low_memory={low_memory})
secs = time.perf_counter() - start
print(json.dumps({{"articles": report.articles, "quads": report.quads, "seconds": secs,
                  "validation": report.validation.method,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}}))
"""
    r = in_fresh_process(code)
    return {**r, "jobs": jobs, "low_memory": low_memory, "articles_per_s": r["articles"] / r["seconds"],
            "store_bytes": du(store)}


def load_store(nq: Path, store_dir: Path, batch: int | None = None) -> dict:
    """Bulk load of an N-Quads file as a store generation: triples/s, size on disk, and the peak
    memory of the load (in a fresh process, so that it is the load's own)."""
    code = f"""
import json, resource
from pathlib import Path
from sikg.graph.store import write_generation
write_generation(Path({str(store_dir)!r}), Path({str(nq)!r}), batch={batch!r})
print(json.dumps(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
"""
    start = time.perf_counter()
    peak = in_fresh_process(code)
    secs = time.perf_counter() - start
    from sikg.graph.store import open_store, sizes

    store = open_store(store_dir)
    named, union = sizes(store)
    return {"quads": named, "union_triples": union, "stored_quads": len(store), "seconds": secs,
            "triples_per_s": named / secs, "stored_quads_per_s": len(store) / secs,
            "store_bytes": du(store_dir), "nq_bytes": nq.stat().st_size, "peak_mib": peak,
            "batch": batch}


def latencies(run, repeats: int, cap_s: float) -> dict:
    """Run ``run`` up to ``repeats`` times in a forked child (which inherits the open store or the
    loaded rdflib graph) and kill it at ``cap_s``: a query that computes inside Oxigraph cannot be
    interrupted otherwise."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)

    def work(conn):
        for _ in range(repeats):
            start = time.perf_counter()
            run()
            ms = (time.perf_counter() - start) * 1000
            conn.send(ms)
            if ms > cap_s * 1000 / 3:
                break
        conn.send(None)

    proc = ctx.Process(target=work, args=(child,))
    proc.start()
    child.close()
    times: list[float] = []
    deadline = time.monotonic() + cap_s * max(1, repeats)
    capped = False
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not parent.poll(min(left, cap_s)):
            capped = True
            break
        ms = parent.recv()
        if ms is None:
            break
        times.append(ms)
    if proc.is_alive():
        proc.kill()
    proc.join()
    if not times:
        return {"median_ms": None, "p95_ms": None, "capped_s": cap_s}
    times.sort()
    return {"median_ms": statistics.median(times), "p95_ms": times[min(len(times) - 1, int(0.95 * len(times)))],
            "runs": len(times), **({"later_runs_capped": True} if capped else {})}


#: Each parameter is bound to the name of a typical entity of the synthetic graph: the 100th most
#: linked of its kind (the very most linked ones return thousands of rows; a made-up name, none).
PICK = sparql_prefixes("sikg", "skos").replace("{", "{{").replace("}", "}}") + """
SELECT ?name WHERE {{ {{ SELECT ?e (COUNT(*) AS ?n) WHERE {{ {} }} GROUP BY ?e ORDER BY DESC(?n) OFFSET 100 LIMIT 1 }}
  ?e skos:prefLabel ?name }}"""
PICK_PATTERNS = {"project": "?o sikg:partnerIn ?e", "programme": "?x sikg:fundedBy ?e . ?e a sikg:Programme",
                 "funder": "?x sikg:fundedBy ?e . ?e a sikg:Organisation", "organisation": "?p sikg:worksFor ?e",
                 "subject": "?e sikg:partnerIn ?x", "name": "?e sikg:partnerIn ?x"}


def typical_names(store) -> dict[str, str]:
    out = {}
    for param, pattern in PICK_PATTERNS.items():
        for row in union_query(store, PICK.format(pattern)):
            out[param] = row["name"].value
    return out


def queries(store_dir: Path, rdflib_nq: Path | None, repeats: int) -> dict:
    from sikg.graph.store import open_store

    store = open_store(store_dir)
    names = typical_names(store)
    counts = word_counter(store)
    print(f"    parameters: {names}", flush=True)
    graph = None
    if rdflib_nq is not None:
        from rdflib import Dataset

        t = time.perf_counter()
        graph = Dataset(default_union=True)
        graph.parse(str(rdflib_nq), format="nquads")
        print(f"    rdflib loaded {len(graph):,} quads in {time.perf_counter() - t:.0f} s", flush=True)
    out = {}
    for q in list_named():
        text = bind(q, {p.name: names[p.name] for p in q.params if p.name in names}, word_count=counts)
        ox = latencies(lambda text=text: list(union_query(store, text)), repeats, 20)
        rows = len(list(union_query(store, text))) if ox["median_ms"] is not None else None
        row = {"oxigraph": ox, "rows": rows, "scans_everything": q.name in SCAN_QUERIES}
        if graph is not None and q.name in JOIN_QUERIES:
            rl = latencies(lambda text=text: list(graph.query(text)), 2, 60)
            row["rdflib"] = rl
            if rl["median_ms"] and ox["median_ms"]:
                row["x_faster_than_rdflib"] = rl["median_ms"] / ox["median_ms"]
        out[q.name] = row
        print(f"    {q.name}: {row}", flush=True)
    return out


def incremental(store_dir: Path, tmp: Path) -> dict:
    folder = synth.write_articles(tmp / "one", 1, seed=99)
    start = time.perf_counter()
    add_articles([folder], store_dir, extractor=extract_article)
    return {"seconds_to_visible": time.perf_counter() - start}


def viz(sizes=(1000, 5000)) -> dict:
    import viz as vizbench  # bench/viz.py
    from sikg.viz.explorer import write_explorer as write

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            g = vizbench.synthetic(n)
            t = time.perf_counter()
            size = write(g, Path(tmp) / "v.html")
            out[str(n)] = {"seconds": time.perf_counter() - t, "bytes": size, "edges": g.number_of_edges()}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--full", action="store_true")
    ap.add_argument("--out", type=Path, default=HERE / "results.json")
    ap.add_argument("--triples", type=int, nargs="*", help="Only these graph sizes (no article stages, no viz).")
    ap.add_argument("--articles", type=int, nargs="*", help="Only these corpus sizes (no graph stages, no viz).")
    ap.add_argument("--workdir", type=Path, default=None, help="Where synthetic data goes (default: a temp dir).")
    ap.add_argument("--viz", action="store_true", help="Also time `sikg viz` pages (always in a full run).")
    ap.add_argument("--low-memory", action="store_true",
                    help="Build (and load the graphs) in low-memory batches; kept apart in the results.")
    args = ap.parse_args()
    article_scales = [1000] if args.quick else [1000, 10_000] + ([100_000] if args.full else [])
    triple_scales = [1_000_000] if args.quick else [1_000_000, 10_000_000]
    if args.triples or args.articles:
        article_scales, triple_scales = args.articles or [], args.triples or []
    cores = len(os.sched_getaffinity(0))
    machine = {"cpu": platform.processor() or platform.machine(), "cores": cores,
               "python": platform.python_version(), "system": platform.platform()}
    results = earlier_results(args.out, machine)
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmpname:
        tmp = Path(tmpname)
        for n in article_scales:
            folder = synth.write_articles(tmp / f"articles-{n}", n)
            print(f"extraction, {n} articles …", flush=True)
            results["extraction"][str(n)] = extraction(folder, min(n, 5000))
            print(f"  {results['extraction'][str(n)]}", flush=True)
            key = f"{n}{' low-memory' if args.low_memory else ''}"
            print(f"build end to end, {key} articles, {cores} jobs …", flush=True)
            results["build"][key] = end_to_end(folder, tmp / f"store-{n}", cores, args.low_memory)
            print(f"  {results['build'][key]}", flush=True)
        for t in triple_scales:
            nq = tmp / f"graph-{t}.nq"
            print(f"synthetic graph of {t:,} triples …", flush=True)
            synth.write_graph(nq, t)
            store_dir = tmp / f"graph-store-{t}"
            results["store"][str(t)] = load_store(nq, store_dir)
            print(f"  {results['store'][str(t)]}", flush=True)
            if args.low_memory:
                low = tmp / f"graph-store-{t}-low-memory"
                results["store"][f"{t} low-memory"] = load_store(nq, low, batch=LOW_MEMORY_BATCH)
                print(f"  low memory: {results['store'][f'{t} low-memory']}", flush=True)
                shutil.rmtree(low)
            print("  named queries …", flush=True)
            results["queries"][str(t)] = queries(store_dir, nq if t <= 1_000_000 else None, repeats=7)
            if t == 1_000_000:
                try:
                    results["incremental"][str(t)] = incremental(store_dir, tmp)
                except Exception as exc:  # report it, keep the other figures
                    results["incremental"][str(t)] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
                print(f"  add one article: {results['incremental'][str(t)]}", flush=True)
            nq.unlink()
        if args.viz or not (args.triples or args.articles):
            results["viz"] = viz()
    results["runs"].append({"command": " ".join(["bench/run.py", *sys.argv[1:]]),
                            "date": time.strftime("%Y-%m-%d %H:%M", time.gmtime())})
    args.out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print_table(results)


SECTIONS = ("extraction", "build", "store", "queries", "incremental", "viz")
#: What makes two runs' machine the same: not the kernel's build string, which a virtual machine's host
#: changes between boots of the same kind of machine.
SAME_MACHINE = ("cpu", "cores", "python")


def _identity(machine: dict) -> dict:
    return {k: machine.get(k) for k in SAME_MACHINE}


def earlier_results(path: Path, machine: dict) -> dict:
    """The results file so far when it was measured on this machine (a run updates the scales it
    measures and keeps the others, so --triples and article runs add up to one table); else empty."""
    try:
        earlier = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        earlier = {}
    if _identity(earlier.get("machine", {})) != _identity(machine):
        earlier = {}
    return {"machine": machine, **{k: earlier.get(k, {}) for k in SECTIONS}, "runs": earlier.get("runs", [])}


def print_table(r: dict) -> None:
    print(f"\nmachine: {r['machine']['cpu']}, {r['machine']['cores']} cores, Python {r['machine']['python']}")
    for n, e in r["extraction"].items():
        print(f"extraction {n:>7} articles: {e['articles_per_s_per_core']:.0f} articles/s per core, "
              f"peak {e['peak_mib']:.0f} MiB")
    for n, b in r["build"].items():
        peak = f", peak {b['peak_mib']:,.0f} MiB (workers {b['worker_peak_mib']:,.0f})" if "peak_mib" in b else ""
        print(f"build      {n:>7} articles: {b['articles_per_s']:.0f} articles/s end to end ({b['jobs']} jobs), "
              f"{b['quads']:,} quads, {b['store_bytes'] / 1e6:.1f} MB on disk, {b['validation']}{peak}")
    for t, s in r["store"].items():
        size, _, mode = t.partition(" ")
        peak = f", peak {s['peak_mib']:,.0f} MiB" if "peak_mib" in s else ""
        print(f"store load {int(size):>10,} triples{' ' + mode if mode else ''}: {s['triples_per_s']:,.0f} input "
              f"quads/s ({s.get('stored_quads_per_s', 0):,.0f} stored quads/s with the materialised union), "
              f"{s['store_bytes'] / s['quads']:.0f} bytes per input quad on disk{peak}")
    for t, qs in r["queries"].items():
        print(f"queries at {int(t):,} triples (median / p95 ms; x faster than rdflib in memory):")
        for name, q in qs.items():
            ox = q["oxigraph"]
            med = f"{ox['median_ms']:.1f} / {ox['p95_ms']:.1f}" if ox["median_ms"] is not None else f"> {ox['capped_s']} s"
            ratio = f"{q['x_faster_than_rdflib']:.0f}x" if q.get("x_faster_than_rdflib") else \
                ("rdflib > 60 s" if q.get("rdflib") and q["rdflib"]["median_ms"] is None else "")
            rows = f"{q['rows']:>6} rows" if q.get("rows") is not None else " " * 11
            print(f"  {name:<30} {med:>20}  {rows}  {ratio}{'  (scans everything)' if q['scans_everything'] else ''}")
    for t, i in r["incremental"].items():
        if "error" in i:
            print(f"sikg add to a {int(t):,}-triple store failed: {i['error']}")
            continue
        print(f"sikg add of one article to a {int(t):,}-triple store: {i['seconds_to_visible']:.2f} s to visible")
    for n, v in r["viz"].items():
        print(f"viz page {n} nodes / {v['edges']} edges: {v['seconds']:.2f} s, {v['bytes'] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
