"""`sikg query FILE.rq`: a SPARQL file against the store, printed as a table."""
from __future__ import annotations

import pytest

from sikg.queries.run import QueryError, run_query
from support import run_sikg


def test_cli_query_prints_a_table(built, tmp_path):
    rq = tmp_path / "partners.rq"
    rq.write_text("""PREFIX sikg: <https://w3id.org/sikg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?partner WHERE { ?p sikg:partnerIn ?proj . ?proj skos:prefLabel ?pn .
  FILTER(CONTAINS(?pn, "NewDoor")) ?p skos:prefLabel ?partner } ORDER BY ?partner""")
    result = run_sikg("query", str(rq), "--store", str(built[0]))
    assert result.returncode == 0, result.stderr
    assert "KalmarCo" in result.stdout and "rows)" in result.stdout


def test_bad_query_is_a_clear_error(store):
    with pytest.raises(QueryError, match="bad SPARQL"):
        run_query(store, "SELECT WHERE {")


def test_cli_bad_query(built, tmp_path):
    rq = tmp_path / "bad.rq"
    rq.write_text("SELEC ?x")
    result = run_sikg("query", str(rq), "--store", str(built[0]))
    assert result.returncode == 1 and "bad SPARQL" in result.stderr
