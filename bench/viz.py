#!/usr/bin/env python3
"""The explorer at scale: synthetic networks of 1,000, 10,000 and 50,000 nodes (3 edges a node),
written by `sikg viz`'s function and opened in headless Chromium (software WebGL, this machine).

For each size: the time to write the page and its size; in the browser, from navigation: the first
picture (the seeded start on a first visit), interactive (a search typed then answers with its
list of matches), the ForceAtlas2 layout in place; the same on a second visit (the layout kept in
the browser); and the frame time while panning (median of 10 camera moves, each drawn).

    .venv/bin/python bench/viz.py [--sizes 1000 10000 50000]

Nothing is asserted; figures go to the README.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from sikg.ontology import ENTITY_TYPES, IRIS
from sikg.viz.explorer import write_explorer
from sikg.viz.networks import SourceArticle

HERE = Path(__file__).resolve().parent


def synthetic(n: int, edges_per_node: int = 3, seed: int = 7) -> nx.MultiDiGraph:
    """A network of ``n`` entities with clustered relations (most within one of n/50 groups)."""
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    countries = ["LV", "LT", "EE", "SE", "FI", "DK", "NO", "DE", "PL"]
    groups = max(1, n // 50)
    for i in range(n):
        t = rnd.choice(ENTITY_TYPES)
        g.add_node(IRIS.entity(t, f"n{i}"), type=t, label=f"{t} {i} Diakonijas centrs", group=i % groups,
                   aliases=[f"A{i}"], country=rnd.choice(countries),
                   articles=[SourceArticle(IRIS.article(f"a{i % 500}"), f"Raksts {i % 500}", None,
                                           f"{2015 + i % 10}-05-01")])
    nodes = list(g.nodes)
    by_group: dict[int, list[str]] = {}
    for node, d in g.nodes(data=True):
        by_group.setdefault(d["group"], []).append(node)
    for _ in range(n * edges_per_node):
        s = rnd.choice(nodes)
        pool = by_group[g.nodes[s]["group"]] if rnd.random() < 0.9 else nodes
        o = rnd.choice(pool)
        if o != s:
            g.add_edge(s, o, relation=rnd.choice(["partnerIn", "fundedBy", "worksFor", "organises"]), role=None)
    return g


def in_browser(path: Path) -> dict:
    sys.path.insert(0, str(HERE.parent / "tests"))
    from playwright.sync_api import sync_playwright

    from support.browser import CHROMIUM, FLAGS

    out: dict = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        for visit in ("first", "second"):
            start = time.perf_counter()
            page.goto(path.as_uri(), wait_until="commit")
            page.wait_for_selector("body[data-interactive=true]", state="attached", timeout=600_000)
            out[f"{visit}_picture_s"] = time.perf_counter() - start
            page.fill("#search", "Diakonijas centrs")  # interactive: a search answers with its list
            page.wait_for_selector("#results li", state="attached", timeout=120_000)
            page.fill("#search", "")
            out[f"{visit}_interactive_s"] = time.perf_counter() - start
            page.wait_for_selector("body[data-ready=true]", state="attached", timeout=600_000)
            out[f"{visit}_laid_out_s"] = time.perf_counter() - start
        pan = page.evaluate("""async () => {
            const times = [];
            for (let i = 0; i < 10; i++) {
              const t0 = performance.now();
              window.sikgExplorer.pan(0.01);
              await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
              times.push(performance.now() - t0);
            }
            return times; }""")
        out["pan_frame_ms_median"] = statistics.median(pan) / 2
        browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", nargs="*", type=int, default=[1000, 10000, 50000])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            g = synthetic(n)
            path = Path(tmp) / f"explorer-{n}.html"
            start = time.perf_counter()
            size = write_explorer(g, path)
            written = time.perf_counter() - start
            row = {"nodes": n, "edges": g.number_of_edges(), "page_mb": size / 1e6, "write_s": written}
            row.update(in_browser(path))
            print("  ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in row.items()), flush=True)


if __name__ == "__main__":
    main()
