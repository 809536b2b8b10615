"""Extraction quality against the shared gold (../shared), at the levels the README reports.

Skipped where ../shared is absent (a user's clone): the product does not need it.
"""
from __future__ import annotations

import importlib.util

import pytest

from sikg.graph.build import read_corpus
from sikg.loaders.extract import extract_corpus, write_annotations
from support import SHARED

pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(),
                                reason="../shared (gold and score.py) is not beside this checkout")


def score(articles, gold, tmp_path):
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    write_annotations(extract_corpus(read_corpus([articles]).articles.values()), tmp_path)
    return mod.score(mod.load_dir(gold), mod.load_dir(tmp_path))


@pytest.mark.parametrize(("articles", "gold"), [("corpus/articles", "corpus/gold"), ("seeds", "gold")])
def test_extraction_meets_the_targets(articles, gold, tmp_path):
    result = score(SHARED / articles, SHARED / gold, tmp_path)
    assert result["entities_core"]["f1"] >= 0.80, result["entities_core"]
    assert result["relations"]["f1"] >= 0.55, result["relations"]
    assert result["identity"]["recall"] >= 0.90, result["identity"]
    assert result["identity"]["false_merges"] == 0
