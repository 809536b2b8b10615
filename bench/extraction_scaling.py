#!/usr/bin/env python3
"""Extraction time against article length: one bundled article's body repeated 1x, 10x, 100x and
1000x (the size cap is 2 MB).  Linear work shows a flat time per character.

    .venv/bin/python bench/extraction_scaling.py
"""
from __future__ import annotations

import time

from sikg.graph.build import bundled_data, read_corpus
from sikg.loaders.articles import Article
from sikg.loaders.extract import extract_article


def main() -> None:
    corpus = read_corpus([bundled_data() / "articles"])
    base = corpus.articles["02_norden_nvo_grants"]
    body = base.body.strip() + "\n"
    extract_article(base)  # warm-up
    first = None
    for reps in (1, 10, 100, 1000):
        text = base.title + "\n\n" + body * reps
        art = Article(f"rep{reps}", base.path, base.title, text, base.source)
        start = time.perf_counter()
        extract_article(art)
        secs = time.perf_counter() - start
        per_kchar = secs * 1000 / (len(text) / 1000)
        first = first or per_kchar
        print(f"{reps:>5}x  {len(text):>9,} chars  {secs:8.3f} s  {per_kchar:6.2f} ms per 1,000 chars"
              f"  ({per_kchar / first:4.1f}x the 1x rate)")


if __name__ == "__main__":
    main()
