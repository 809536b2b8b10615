#!/usr/bin/env python3
"""The extractor's figures for the README, measured on articles it was not trained on:

1. grouped cross-validation by publisher over every bundled annotated article (K folds; a
   publisher's articles are held out together), for the trained extractor and for the rules alone;
2. the corpus articles numbered 76-120, scored with a model trained on every other article.

    .venv/bin/python scripts/extraction_scores.py [--folds 5] [--json]
"""
from __future__ import annotations

import argparse
import json
import re

from sikg.loaders.extract.score import intervals, intervals_line, score, summary_line
from sikg.loaders.extract.train import _gold_json, annotate_held_out, cross_validate, read_examples, train_model


def held_out_number(stem: str) -> bool:
    """Corpus articles 76-120 (the seeds' stems are three digits and a hash: not these)."""
    m = re.fullmatch(r"(\d{2,3})_[a-z].*", stem)
    return bool(m) and 76 <= int(m.group(1)) <= 120


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    examples, errors = read_examples([])
    if errors:
        raise SystemExit("\n".join(errors))
    out = {}
    for name, rules_only in (("trained extractor", False), ("rules alone", True)):
        cv = cross_validate(examples, args.folds, rules_only=rules_only)
        out[name] = {"cross_validation_mean": cv.table(), "pooled": summary_line(cv.pooled),
                     "publishers_resampled": intervals_line(cv.intervals)}
    train = [e for e in examples if not held_out_number(e.article.stem)]
    test = [e for e in examples if held_out_number(e.article.stem)]
    model = train_model(train)
    gold = {e.article.stem: _gold_json(e.gold) for e in test}
    system = annotate_held_out(test, model)
    result = score(gold, system)
    out["76-120 held out"] = {"trained_on": len(train), "scored": len(test), "scores": summary_line(result),
                              "publishers_resampled": intervals_line(
                                  intervals(gold, system, {e.article.stem: e.publisher for e in test}))}
    print(json.dumps(out, ensure_ascii=False, indent=1) if args.json else
          "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in out.items()))


if __name__ == "__main__":
    main()
