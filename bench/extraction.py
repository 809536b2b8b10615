#!/usr/bin/env python3
"""Extraction throughput on one core: articles per second over a corpus of N articles (default 1,000),
made by repeating the bundled articles, and peak memory at checkpoints (flat = no growth with N).

    .venv/bin/python bench/extraction.py [--articles 1000]

Prints ratios and sizes; asserts nothing (speed is measured here, not in tests).
"""
from __future__ import annotations

import argparse
import logging
import os
import resource
import time

from sikg.graph.build import bundled_data
from sikg.loaders.articles import Article, read_article, read_sources
from sikg.loaders.extract import extract_article


def corpus(n: int) -> list[Article]:
    folder = bundled_data() / "articles"
    sources = read_sources(folder / "sources.tsv")
    base = [read_article(p, sources.get(p.stem)) for p in sorted(folder.glob("*.txt"))]
    return [Article(f"{a.stem}-{i}", a.path, a.title, a.text, a.source) for i in range(n // len(base) + 1)
            for a in base][:n]


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    arts = corpus(args.articles)
    base = arts[:len(list((bundled_data() / "articles").glob("*.txt")))]
    for warm_up in ("Rīgas domes birojs atbalstīja biedrības projektus Zviedrijā.",
                    "The Nordic Council of Ministers funds the project in Riga."):  # model, dictionaries
        extract_article(Article("warm-up", base[0].path, "", warm_up, base[0].source))
    start = time.perf_counter()
    for a in base:  # each bundled article once, the word caches empty: a user's new articles
        extract_article(a)
    first = time.perf_counter() - start
    print(f"first reading of the {len(base)} bundled articles (word caches filling): "
          f"{len(base) / first:,.1f} articles/s")
    chars = sum(len(a.text) for a in arts)
    checkpoints = {len(arts) // 4, len(arts) // 2, len(arts)}
    start = time.perf_counter()
    for i, a in enumerate(arts, start=1):
        extract_article(a)
        if i in checkpoints:
            print(f"  after {i:>6} articles: peak RSS {rss_mib():7.1f} MiB")
    secs = time.perf_counter() - start
    print(f"articles: {len(arts)}  ({chars / len(arts):,.0f} characters each on average)")
    print(f"extraction: {len(arts) / secs:,.1f} articles/s on one core ({secs * 1000 / len(arts):.2f} ms/article)")
    print(f"characters/s: {chars / secs:,.0f}")


if __name__ == "__main__":
    main()
