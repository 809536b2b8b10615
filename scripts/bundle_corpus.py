#!/usr/bin/env python3
"""Copy annotated articles from a development folder (../shared/corpus by default) into the bundled
data: the article into data/articles/, its hand annotation into data/curated/ (marked
"exhaustive": true: a complete annotation), its sources.tsv row merged into data/articles/sources.tsv.
Re-running it changes nothing.  The product never reads ../shared; only this script does.

    .venv/bin/python scripts/bundle_corpus.py [--corpus ../shared/corpus]
"""
from __future__ import annotations

import argparse
import csv
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES, CURATED = ROOT / "data" / "articles", ROOT / "data" / "curated"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = ap.parse_args()
    src_articles, src_gold = args.corpus / "articles", args.corpus / "gold"
    rows: dict[str, dict[str, str]] = {}
    header = ["file", "url", "language", "publisher", "read"]
    with (ARTICLES / "sources.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            rows[row["file"]] = row
    read_on = next(iter(rows.values()))["read"]
    with (src_articles / "sources.tsv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            rows.setdefault(row["file"], {**{k: row.get(k, "") for k in header}, "read": row.get("read") or read_on})
    n = 0
    for gold in sorted(src_gold.glob("*.json")):
        article = src_articles / f"{gold.stem}.txt"
        if not article.exists():
            continue
        shutil.copyfile(article, ARTICLES / article.name)
        doc = json.loads(gold.read_text(encoding="utf-8"))
        doc = {"article": doc.get("article", article.name), "exhaustive": True,
               **{k: v for k, v in doc.items() if k not in ("article", "exhaustive")}}
        (CURATED / gold.name).write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        n += 1
    with (ARTICLES / "sources.tsv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, delimiter="\t", lineterminator="\n")
        w.writeheader()
        w.writerows(rows[k] for k in sorted(rows))
    print(f"bundled {n} annotated articles; sources.tsv has {len(rows)} rows")


if __name__ == "__main__":
    main()
