#!/usr/bin/env python3
"""`sikg viz` at scale: page build time and file size for synthetic networks of 1k and 5k nodes
(3 edges a node: 15,000 edges at 5k), and, where Debian's chromium is installed, the time the
browser takes to draw and stabilise the layout once (physics is off after that).

    .venv/bin/python bench/viz.py [--sizes 1000 5000]
"""
from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

import networkx as nx

from sikg.ontology import ENTITY_TYPES, IRIS
from sikg.viz.html import write
from sikg.viz.networks import SourceArticle


def synthetic(n: int, edges_per_node: int = 3, seed: int = 7) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    countries = ["LV", "LT", "EE", "SE", "FI", "DK", "NO", "DE", "PL"]
    for i in range(n):
        t = rnd.choice(ENTITY_TYPES)
        g.add_node(IRIS.entity(t, f"n{i}"), type=t, label=f"{t} {i} Diakonijas centrs",
                   aliases=[f"A{i}"], country=rnd.choice(countries),
                   articles=[SourceArticle(IRIS.article(f"a{i % 500}"), f"Raksts {i % 500}", None)])
    nodes = list(g.nodes)
    for _ in range(n * edges_per_node):
        s, o = rnd.sample(nodes, 2)
        g.add_edge(s, o, relation=rnd.choice(["partnerIn", "fundedBy", "worksFor", "organises"]), role=None)
    return g


def browser_seconds(path: Path) -> float | None:
    chromium = shutil.which("chromium")
    if chromium is None:
        return None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu",
                                                               "--disable-background-networking"])
        page = b.new_page(viewport={"width": 1400, "height": 900})
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("window.sikgStable === true", timeout=600_000)
        secs = time.perf_counter() - start
        b.close()
    return secs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            g = synthetic(n)
            path = Path(tmp) / f"net-{n}.html"
            start = time.perf_counter()
            size = write(g, path)
            build = time.perf_counter() - start
            shown = None if args.no_browser else browser_seconds(path)
            draw = f"{shown:.1f} s to draw and stabilise in headless chromium" if shown is not None else "browser: skipped"
            print(f"{n:>6} nodes, {g.number_of_edges():>6} edges: page built in {build:.2f} s "
                  f"({build / n * 1000:.3f} ms/node), {size / 1e6:.2f} MB ({size / n:.0f} bytes/node); {draw}")


if __name__ == "__main__":
    main()
