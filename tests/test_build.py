"""`sikg build`: what it builds, identity across articles, idempotence, atomic replacement."""
from __future__ import annotations

import shutil

import pytest
from pyoxigraph import DefaultGraph

from sikg.graph.build import BuildError, build
from sikg.graph.store import current_generation, open_store, write_generation
from sikg.queries.run import run_query
from support import SEED_STEMS, run_sikg

ORG = "https://w3id.org/sikg/id/organisation/"


def quad_set(store_dir):
    return {str(q) for q in open_store(store_dir)}


def test_bundled_build_passes_shacl_and_has_every_core_type(built):
    _, report = built
    assert report.validation.conforms, report.validation.text
    assert report.articles == 100  # the five seeds and the 95 articles of the annotated corpus
    for etype in ("Organisation", "Project", "Programme", "Person", "Country", "Place", "Event"):
        assert report.entities_by_type.get(etype, 0) > 0, etype
    assert report.relations > 100
    assert report.triples > 1000


def test_seed_entities_are_in_the_graph(store):
    names = {r[0] for r in run_query(store, """
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?n { ?e skos:prefLabel|skos:altLabel ?n }""").rows}  # canonical names or other names
    for expected in ("NewDoor", "KalmarCo", "Liepājas Diakonijas centrs", "Sabiedrības integrācijas fonds",
                     "Interreg Baltijas jūras reģiona programma", "Mārtiņš Urdze", "Zviedrija"):
        assert expected in names


def test_one_iri_per_entity_across_articles(store):
    """Liepājas Diakonijas centrs is named in seeds 002 and 004: one IRI, mentioned by both."""
    rows = run_query(store, f"""
        PREFIX schema: <https://schema.org/>
        SELECT DISTINCT ?article {{ ?article schema:mentions <{ORG}liepajas-diakonijas-centrs> }}""").rows
    stems = {r[0].rsplit("/", 1)[1] for r in rows}
    assert {"002-6620dffb14c59510", "004-565a71b7c20abd86"} <= stems


def test_statement_from_two_articles_keeps_both_sources(store):
    rows = run_query(store, """
        PREFIX sikg: <https://w3id.org/sikg/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?s ?o (COUNT(DISTINCT ?a) AS ?n) {
          GRAPH ?g { ?s sikg:partnerIn ?o } ?g prov:wasDerivedFrom ?a
        } GROUP BY ?s ?o HAVING (COUNT(DISTINCT ?a) > 1)""").rows
    assert rows, "some partnership is stated by two articles and keeps both"


def test_country_iri_carries_iso_code_and_wikidata(store):
    rows = run_query(store, """
        PREFIX sikg: <https://w3id.org/sikg/ontology#>
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        SELECT ?code ?wd { <https://w3id.org/sikg/id/country/se> sikg:isoCode ?code ; owl:sameAs ?wd }""").rows
    assert rows == [["SE", "http://www.wikidata.org/entity/Q34"]]


def test_rebuild_is_identical_and_order_independent(tmp_path, seed_dir):
    build([seed_dir], tmp_path / "a", progress=False)
    first = quad_set(tmp_path / "a")
    build([seed_dir], tmp_path / "a", progress=False)
    assert quad_set(tmp_path / "a") == first
    files = sorted(seed_dir.iterdir(), reverse=True)
    build(files, tmp_path / "b", progress=False)
    assert quad_set(tmp_path / "b") == first


def test_batched_load_writes_the_same_store(tmp_path, seed_dir):
    """--low-memory hands the bulk loader small batches; the store holds exactly the same quads."""
    build([seed_dir], tmp_path / "one-pass", progress=False)
    expected = quad_set(tmp_path / "one-pass")
    named = [q for q in open_store(tmp_path / "one-pass") if not isinstance(q.graph_name, DefaultGraph)]
    write_generation(tmp_path / "batched", named, batch=7)  # many batches, a statement split across them
    assert quad_set(tmp_path / "batched") == expected
    result = run_sikg("build", str(seed_dir), "--store", str(tmp_path / "cli"), "--curated-only", "--low-memory")
    assert result.returncode == 0, result.stderr
    assert quad_set(tmp_path / "cli") == expected


def test_bad_input_leaves_previous_store_intact(tmp_path, seed_dir):
    store_dir = tmp_path / "store"
    build([seed_dir], store_dir, progress=False)
    before, gen = quad_set(store_dir), current_generation(store_dir)
    (seed_dir / "broken.txt").write_bytes(b"\xff\xfe not utf-8 \xc3")
    with pytest.raises(BuildError, match=r"broken\.txt: not UTF-8"):
        build([seed_dir], store_dir, progress=False)
    assert current_generation(store_dir) == gen
    assert quad_set(store_dir) == before


def test_failure_half_way_leaves_previous_store_intact(tmp_path, seed_dir):
    """An extractor that dies mid-batch under --keep-going still may not corrupt; a crash in the
    write (here: SHACL failing on an injected bad graph) leaves the old generation current."""
    store_dir = tmp_path / "store"
    build([seed_dir], store_dir, progress=False)
    before = quad_set(store_dir)
    bad = seed_dir / SEED_STEMS[0]
    text = bad.with_suffix(".json").read_text(encoding="utf-8")
    # a Country without an ISO code the gazetteer knows and with a non-code name breaks SHACL
    bad.with_suffix(".json").write_text(
        text.replace('"entities": [', '"entities": [{"type": "Country", "name": "Atlantīda", "aliases": [], '
                     '"country": null},', 1), encoding="utf-8")
    with pytest.raises(BuildError, match="SHACL"):
        build([seed_dir], store_dir, progress=False)
    assert quad_set(store_dir) == before
    assert len(list((store_dir / "generations").iterdir())) == 1


def test_store_stays_readable_while_open_during_a_rebuild(tmp_path, seed_dir):
    store_dir = tmp_path / "store"
    build([seed_dir], store_dir, progress=False)
    reader = open_store(store_dir)
    n = len(reader)
    build([seed_dir], store_dir, progress=False)
    assert len(reader) == n


@pytest.mark.parametrize(("make", "message"), [
    (lambda d: shutil.rmtree(d), "no such file or folder"),
    (lambda d: (d / "empty.txt").write_text(""), "empty.txt: empty file"),
    (lambda d: (d / "latin1.txt").write_bytes("Rīga\n\nTeksts".encode("utf-16")), "latin1.txt: "),
    (lambda d: (d / "bin.txt").write_bytes(b"\x00\x01\x02abc"), "bin.txt: binary file"),
    (lambda d: (d / "x.json").write_text('{"entities": [{"type": "Funder", "name": "A"}]}'),
     "x.json: entities[0].type: unknown entity type 'Funder'"),
    (lambda d: (d / "x.json").write_text('{"entities": [{"type": "Organisation", "name": "A"}], "relations": '
                                         '[{"subject": "A", "predicate": "funds", "object": "A"}]}'),
     "x.json: relations[0].predicate: unknown predicate 'funds'"),
    (lambda d: (d / "x.json").write_text('{"entities": [{"type": "Organisation", "name": "A"}], "relations": '
                                         '[{"subject": "A", "predicate": "fundedBy", "object": "B"}]}'),
     "x.json: relations[0].object: 'B' is not the name or alias of an entity in this file"),
    (lambda d: (d / "x.json").write_text('{"entities": [ oops'), "x.json: not valid JSON"),
])
def test_cli_bad_input_one_line_error(tmp_path, seed_dir, make, message):
    store_dir = tmp_path / "store"
    assert run_sikg("build", str(seed_dir), "--store", str(store_dir), "--curated-only").returncode == 0
    before = quad_set(store_dir)
    make(seed_dir)
    result = run_sikg("build", str(seed_dir), "--store", str(store_dir), "--curated-only")
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert quad_set(store_dir) == before


def test_cli_build_prints_what_it_built(tmp_path, seed_dir):
    result = run_sikg("build", str(seed_dir), "--store", str(tmp_path / "s"), "--curated-only")
    assert result.returncode == 0, result.stderr
    assert "5 articles" in result.stdout
    assert "SHACL: conforms" in result.stdout
    assert "Organisation" in result.stdout and "Person" in result.stdout


def test_keep_going_skips_bad_files(tmp_path, seed_dir):
    (seed_dir / "empty.txt").write_text("")
    report = build([seed_dir], tmp_path / "s", keep_going=True, progress=False)
    assert report.articles == 5
    assert any("empty.txt" in s for s in report.skipped)


def test_sources_tsv_is_metadata_not_an_article(store):
    rows = run_query(store, """
        PREFIX schema: <https://schema.org/>
        PREFIX sikg: <https://w3id.org/sikg/ontology#>
        SELECT ?a ?url { ?a a sikg:Article . OPTIONAL { ?a schema:url ?url } }""").rows
    assert len(rows) == 100
    assert not any("sources" in r[0] for r in rows)
    assert any(r[1].startswith("https://www.sif.gov.lv/") for r in rows)
