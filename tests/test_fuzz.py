"""Hostile input, fuzzed with Hypothesis: every input ends in a clear per-file error or a valid
annotation, and a batch goes on.  The number of inputs tried is reported at the end of the run."""
from __future__ import annotations

import json
import os
import string

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sikg.loaders.annotations import ENTITY_TYPES, PREDICATES, load_annotation, parse_annotation
from sikg.loaders.articles import Article, decode_article, read_article
from sikg.loaders.errors import InputError
from sikg.loaders.extract import extract_article, safe_extract

TRIED: dict[str, int] = {}
EXAMPLES = int(os.environ.get("SIKG_FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
NASTY = st.sampled_from(['"', "“", "”", "„", "<", ">", "<script>", "</script>", "\n", "\r", "\t", "\\", "{", "}",
                         "} ; DROP ALL ; #", "<http://x>", "@prefix", "^^", "\u0000", "\u202e", "\ufeff",
                         "biedrība “", "SIA \"", "(", ")", "Rīgā", "Latvijas ", " fonds", "ā", "ž", "💥"])
TEXT = st.lists(st.one_of(st.text(min_size=0, max_size=40), NASTY), max_size=40).map("".join)


def count(name: str) -> None:
    TRIED[name] = TRIED.get(name, 0) + 1


@pytest.fixture(scope="module", autouse=True)
def report_counts():
    yield
    print("\nfuzzed inputs: " + ", ".join(f"{k} {v}" for k, v in sorted(TRIED.items())))


def _valid(ann) -> None:
    assert all(e.type in ENTITY_TYPES and e.name for e in ann.entities)
    names = {f for e in ann.entities for f in e.forms()}
    from sikg.loaders.annotations import name_key

    for r in ann.relations:
        assert r.predicate in PREDICATES
        assert name_key(r.subject) in names and name_key(r.object) in names
    parse_annotation(ann.to_json(), "roundtrip.json")  # what the extractor writes, the loader accepts


@FUZZ
@given(st.binary(max_size=4000))
def test_reader_on_random_bytes(tmp_path_factory, data):
    count("article bytes")
    path = tmp_path_factory.mktemp("f") / "a.txt"
    path.write_bytes(data)
    try:
        art = read_article(path)
    except InputError as exc:
        assert str(exc).startswith(str(path))
        return
    assert isinstance(art.title, str)


@FUZZ
@given(TEXT)
def test_extractor_on_random_text(text):
    count("article text")
    ann = safe_extract(Article("fuzz", None, "T", "Virsraksts\n\n" + text))
    _valid(ann)


@FUZZ
@given(st.lists(st.sampled_from(string.ascii_letters + "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ “”\"()<>.,;:-\n"), max_size=3000))
def test_extractor_on_latvian_looking_noise(chars):
    count("latvian-like text")
    _valid(safe_extract(Article("fuzz", None, "T", "".join(chars))))


def test_huge_line_and_invalid_unicode(tmp_path):
    count("huge line")
    text = "Virsraksts\n\n" + ("Sabiedrības integrācijas fonds atbalsta biedrību “X” " * 4_000)
    ann = extract_article(Article("big", None, "T", text))
    _valid(ann)
    count("invalid unicode")
    with pytest.raises(InputError, match="not UTF-8"):
        decode_article(tmp_path / "x.txt", b"Virsraksts\n\xed\xa0\x80 surrogate")


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXT,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.sampled_from(
        ["article", "entities", "relations", "type", "name", "aliases", "country", "subject", "predicate",
         "object", "role", "date", "place", "remove", "exhaustive", "x"]), children, max_size=6),
    max_leaves=30)


@FUZZ
@given(JSONISH)
@example({"remove": {"relations": 1}})  # found by Hypothesis: a TypeError, not an InputError
@example({"remove": {"entities": True}})
def test_annotation_loader_on_random_json(tmp_path_factory, doc):
    count("annotation json")
    path = tmp_path_factory.mktemp("j") / "a.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    try:
        ann = load_annotation(path)
    except InputError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc).split(":", 1)[0]
        return
    _valid(ann)


@FUZZ
@given(st.lists(st.fixed_dictionaries({
    "type": st.sampled_from([*list(ENTITY_TYPES), "Funder", ""]), "name": TEXT,
    "aliases": st.lists(TEXT, max_size=3), "country": st.sampled_from([None, "LV", "lv", "XX1", 3])}), max_size=6))
def test_annotation_loader_on_near_valid_entities(tmp_path_factory, entities):
    count("near-valid annotation")
    path = tmp_path_factory.mktemp("n") / "a.json"
    path.write_text(json.dumps({"article": "a.txt", "entities": entities, "relations": []}), encoding="utf-8")
    try:
        _valid(load_annotation(path))
    except InputError as exc:
        assert "entities[" in str(exc)


def test_deep_nesting_is_a_clear_error(tmp_path):
    count("deep nesting")
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(InputError, match=r"deep\.json: "):
        load_annotation(path)
