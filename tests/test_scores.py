"""Extraction quality against the shared gold (../shared), where it is beside the checkout.

These are the articles the extractor was trained on, so the figures measure fit, not generalisation
(tests/test_training.py pins the cross-validated figures); the floors catch a broken extractor.
Skipped where ../shared is absent (a user's clone): the product does not need it.
"""
from __future__ import annotations

import pytest

from sikg.graph.build import read_corpus
from sikg.loaders.extract import extract_corpus, write_annotations
from sikg.loaders.extract.score import load_dir, score
from support import SHARED

pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(),
                                reason="../shared (gold and score.py) is not beside this checkout")


@pytest.mark.parametrize(("articles", "gold"), [("corpus/articles", "corpus/gold"), ("seeds", "gold")])
def test_extraction_on_the_shared_gold(articles, gold, tmp_path):
    write_annotations(extract_corpus(read_corpus([SHARED / articles]).articles.values()), tmp_path)
    result = score(load_dir(SHARED / gold), load_dir(tmp_path))
    assert result["entities_core"]["f1"] >= 0.75, result["entities_core"]
    assert result["relations"]["f1"] >= 0.45, result["relations"]
    assert result["identity"]["recall"] >= 0.90, result["identity"]
    assert result["identity"]["false_merges"] <= 1
