#!/usr/bin/env python3
"""Regenerate tests/golden/extraction/*.json: the shipped extractor's output on every bundled article
(entities and relations, before cross-article resolution).  Review the diff before committing:

    .venv/bin/python scripts/golden_extraction.py
"""
from __future__ import annotations

import json
from pathlib import Path

from sikg.graph.build import bundled_data, read_corpus
from sikg.loaders.extract import extract_article

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden" / "extraction"


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    corpus = read_corpus([bundled_data() / "articles"])
    for stem, article in sorted(corpus.articles.items()):
        data = extract_article(article).to_json()
        (GOLDEN / f"{stem}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(corpus.articles)} files to {GOLDEN}")


if __name__ == "__main__":
    main()
