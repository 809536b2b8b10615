#!/usr/bin/env python3
"""Regenerate tests/golden/queries/*.tsv: each named query's rows on the graph built from the bundled
data (curated annotations only, so the expected rows do not move when the extractor improves).
Review the diff before committing:  .venv/bin/python scripts/golden_queries.py
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from sikg.graph.build import build
from sikg.graph.store import open_store
from sikg.queries.named import bind, list_named
from sikg.queries.run import run_query

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden" / "queries"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        build(None, Path(tmp) / "store", progress=False)
        store = open_store(Path(tmp) / "store")
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for q in list_named():
            result = run_query(store, bind(q))
            (GOLDEN / f"{q.name}.tsv").write_text(result.format("tsv"), encoding="utf-8")
            print(f"{q.name}: {len(result.rows)} rows")


if __name__ == "__main__":
    main()
