"""Exports parse back (rdflib) to the same number of statements."""
from __future__ import annotations

import pytest
from rdflib import Dataset, Graph

from sikg.graph.export import FORMATS, export_bytes
from sikg.graph.store import sizes
from sikg.queries.run import run_query
from support import run_sikg

RDFLIB = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "ntriples": "nt", "jsonld": "json-ld"}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_export_round_trip(store, fmt):
    data = export_bytes(store, fmt).decode("utf-8")
    if fmt in ("trig", "nquads"):
        ds = Dataset()
        ds.parse(data=data, format=RDFLIB[fmt])
        parsed = sum(1 for _ in ds.quads((None, None, None, None)))
        assert parsed == sizes(store)[0]  # the named graphs; the materialised union is not exported twice
    else:
        graph = Graph().parse(data=data, format=RDFLIB[fmt])
        distinct = run_query(store, "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }").rows
        assert len(graph) == int(distinct[0][0])


def test_jsonld_uses_the_published_context(store):
    data = export_bytes(store, "jsonld").decode("utf-8")
    assert '"@context"' in data and '"prefLabel"' in data


def test_cli_export_to_file(built, tmp_path):
    out = tmp_path / "graph.trig"
    result = run_sikg("export", "--format", "trig", "-o", str(out), "--store", str(built[0]))
    assert result.returncode == 0, result.stderr
    assert "GRAPH" in out.read_text() or "{" in out.read_text()


def test_cli_export_without_a_store_says_so(tmp_path):
    result = run_sikg("export", "--store", str(tmp_path / "none"))
    assert result.returncode == 1
    assert "no graph built here yet" in result.stderr
