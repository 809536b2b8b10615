"""The shipped extractor's output on every bundled article, pinned (scripts/golden_extraction.py
regenerates the files; review the diff: a change here is a change in what users' graphs hold)."""
from __future__ import annotations

import json

import pytest

from sikg.graph.build import bundled_data, read_corpus
from sikg.loaders.extract import extract_article
from support import ROOT

GOLDEN = ROOT / "tests" / "golden" / "extraction"
CORPUS = read_corpus([bundled_data() / "articles"])


@pytest.mark.parametrize("stem", sorted(CORPUS.articles))
def test_extraction_matches_golden(stem):
    expected = json.loads((GOLDEN / f"{stem}.json").read_text(encoding="utf-8"))
    assert extract_article(CORPUS.articles[stem]).to_json() == expected


def test_every_bundled_article_has_a_golden_file():
    assert {p.stem for p in GOLDEN.glob("*.json")} == set(CORPUS.articles)
