"""`sikg add`: one article into a built store, atomically, reusing existing IRIs; `--jobs` builds alike."""
from __future__ import annotations

import shutil

import pytest
from pyoxigraph import DefaultGraph, NamedNode

from sikg.graph.build import BuildError, build
from sikg.graph.incremental import add_articles
from sikg.graph.store import current_generation, named_quads, open_store
from sikg.loaders.extract import extract_article
from sikg.queries.run import resolution_table
from support import SEED_STEMS, SEEDS, SHARED, run_sikg

NEW = "Jauns raksts\\n\\nProjektu finansiāli atbalsta Sabiedrības integrācijas fonds un biedrība “Jaunā Ideja”."


def table(store_dir):
    return {r[0]: r for r in resolution_table(open_store(store_dir)).rows}


def test_add_reuses_existing_iris_and_replaces_on_readd(tmp_path, seed_dir):
    store_dir = tmp_path / "s"
    build([seed_dir], store_dir, progress=False)
    before = len(open_store(store_dir))
    art = tmp_path / "new.txt"
    art.write_text(NEW.replace("\\n", "\n"), encoding="utf-8")
    r1 = add_articles([art], store_dir, extractor=extract_article)
    rows = table(store_dir)
    sif = rows["https://w3id.org/sikg/id/organisation/sabiedribas-integracijas-fonds"]
    assert "new" in sif[4] and "001-9032af215ee38173" in sif[4]  # one IRI, both articles
    assert "https://w3id.org/sikg/id/organisation/jauna-ideja" in rows
    assert r1.reused_entities >= 1 and r1.new_entities >= 1
    after = len(open_store(store_dir))
    add_articles([art], store_dir, extractor=extract_article, replace=True)
    assert len(open_store(store_dir)) == after > before  # re-adding replaces the article's graph


def union_set(store):
    return {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, DefaultGraph())}


def named_set(store):
    return {(q.subject, q.predicate, q.object) for q in named_quads(store)}


def test_add_keeps_the_default_graph_the_deduplicated_union(tmp_path, seed_dir):
    """After adding and then replacing an article, the default graph holds exactly the distinct
    statements of the named graphs: what the replaced text no longer says is gone, unless another
    article still says it."""
    store_dir = tmp_path / "s"
    build([seed_dir], store_dir, progress=False)
    art = tmp_path / "new.txt"
    art.write_text(NEW.replace("\\n", "\n"), encoding="utf-8")
    add_articles([art], store_dir, extractor=extract_article)
    store = open_store(store_dir)
    assert union_set(store) == named_set(store)
    with_idea = union_set(store)
    art.write_text("Jauns raksts\n\nProjektu finansiāli atbalsta Sabiedrības integrācijas fonds.", encoding="utf-8")
    add_articles([art], store_dir, extractor=extract_article, replace=True)
    store = open_store(store_dir)
    assert union_set(store) == named_set(store)
    gone = with_idea - union_set(store)
    assert any("jauna-ideja" in str(t[0]) or "jauna-ideja" in str(t[2]) for t in gone)
    sif = NamedNode("https://w3id.org/sikg/id/organisation/sabiedribas-integracijas-fonds")
    assert any(True for _ in store.quads_for_pattern(sif, None, None, DefaultGraph()))  # still said elsewhere


def test_a_failing_add_leaves_the_store_as_it_was(tmp_path, seed_dir):
    store_dir = tmp_path / "s"
    build([seed_dir], store_dir, progress=False)
    gen, n = current_generation(store_dir), len(open_store(store_dir))
    bad = tmp_path / "bad.json"
    bad.write_text('{"article": "bad.txt", "entities": [{"type": "Country", "name": "Atlantīda"}]}', encoding="utf-8")
    with pytest.raises(BuildError, match="fails SHACL"):
        add_articles([bad], store_dir)
    assert current_generation(store_dir) == gen and len(open_store(store_dir)) == n


def test_cli_add(tmp_path, seed_dir):
    store_dir = tmp_path / "s"
    build([seed_dir], store_dir, progress=False)
    art = tmp_path / "new.txt"
    art.write_text(NEW.replace("\\n", "\n"), encoding="utf-8")
    r = run_sikg("add", str(art), "--store", str(store_dir))
    assert r.returncode == 0, r.stderr
    assert "existing entities" in r.stdout


def test_jobs_build_the_same_graph(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for stem in SEED_STEMS:
        shutil.copy(SEEDS / f"{stem}.txt", src)
    if (SHARED / "corpus" / "articles").exists():
        for p in sorted((SHARED / "corpus" / "articles").glob("*.txt"))[:8]:
            shutil.copy(p, src)
    build([src], tmp_path / "a", extractor=extract_article, progress=False, jobs=1)
    build([src], tmp_path / "b", extractor=extract_article, progress=False, jobs=2)
    assert {str(q) for q in open_store(tmp_path / "a")} == {str(q) for q in open_store(tmp_path / "b")}


def test_sparql_validation_is_chosen_for_large_graphs(tmp_path, seed_dir, monkeypatch):
    import sikg.graph.build as b

    monkeypatch.setattr(b, "SHACL_LIMIT", 10)
    report = build([seed_dir], tmp_path / "s", progress=False)
    assert report.validation.method == "SPARQL checks" and report.validation.conforms
