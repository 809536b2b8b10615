"""`sikg extract`: one annotation per article with IRIs resolved across articles; bad input never stops a batch."""
from __future__ import annotations

import json

from sikg.graph.build import build
from sikg.graph.store import open_store
from sikg.loaders.annotations import load_annotation
from sikg.loaders.articles import Article
from sikg.loaders.extract import detect_language, extract_article, extract_corpus
from sikg.queries.run import resolution_table
from support import SEED_STEMS, SEEDS, run_sikg


def test_extract_writes_schema_shaped_annotations_with_ids(tmp_path):
    out = tmp_path / "out"
    result = run_sikg("extract", str(SEEDS / f"{SEED_STEMS[2]}.txt"), str(SEEDS / f"{SEED_STEMS[4]}.txt"),
                      "--out", str(out))
    assert result.returncode == 0, result.stderr
    a, b = (load_annotation(out / f"{SEED_STEMS[i]}.json") for i in (2, 4))
    ldc_a = next(e for e in a.entities if e.name == "Liepājas Diakonijas centrs")
    ldc_b = next(e for e in b.entities if e.name == "Liepājas Diakonijas centrs")
    assert ldc_a.id == ldc_b.id == "https://w3id.org/sikg/id/organisation/liepajas-diakonijas-centrs"


def test_bad_inputs_do_not_stop_the_batch(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Virsraksts\n\nProjektu atbalsta Sabiedrības integrācijas fonds.", encoding="utf-8")
    (src / "empty.txt").write_text("")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (src / "huge.txt").write_bytes(b"a" * (50 * 1024 * 1024))
    (src / "russian.txt").write_text("Заголовок\n\nЭто статья на русском языке о погоде в городе.", encoding="utf-8")
    (src / "nothing.txt").write_text("Virsraksts\n\nšodien ir jauka diena, un saule spīd.", encoding="utf-8")
    result = run_sikg("extract", str(src), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    for name, reason in (("empty.txt", "empty file"), ("binary.txt", "binary file"), ("huge.txt", "too large")):
        assert f"{name}: {reason}" in result.stderr
    assert "Traceback" not in result.stderr
    written = {p.name: json.loads(p.read_text()) for p in (tmp_path / "out").glob("*.json")}
    assert set(written) == {"good.json", "russian.json", "nothing.json"}
    assert written["russian.json"]["entities"] == []
    assert written["nothing.json"]["entities"] == []
    assert written["good.json"]["entities"][0]["name"] == "Sabiedrības integrācijas fonds"


def test_a_failing_article_gives_an_empty_annotation(monkeypatch):
    import sikg.loaders.extract as ex

    monkeypatch.setattr(ex, "Recogniser", None)  # any article now fails inside extraction
    anns = list(extract_corpus([Article("a", None, "T", "T\n\nTeksts par Latviju.")]))
    assert anns[0].entities == []


def test_language_routing():
    assert detect_language("Projektu finansiāli atbalsta Sabiedrības integrācijas fonds no valsts budžeta.") == "lv"
    assert detect_language("The project was funded by the Nordic Council of Ministers.") == "en"


def test_english_and_latvian_names_of_one_entity_get_one_iri():
    lv = Article("lv1", None, "T", "T\n\nPētījumu veica Latvijas Universitāte un Labklājības ministrija.")
    en = Article("en1", None, "T", "T\n\nThe study was done by the University of Latvia with the Ministry of Welfare.")
    anns = {a.article: a for a in extract_corpus([lv, en])}
    ids = [{e.name: e.id for e in a.entities} for a in anns.values()]
    assert ids[0]["Latvijas Universitāte"] == ids[1]["Latvijas Universitāte"]
    assert ids[0]["Labklājības ministrija"] == ids[1]["Labklājības ministrija"]


def test_near_names_never_merge():
    a = Article("a", None, "T", "T\n\nProjektu atbalsta Valmieras novada fonds.")
    b = Article("b", None, "T", "T\n\nProjektu atbalsta Sabiedrības integrācijas fonds.")
    c = Article("c", None, "T", "T\n\nProjektu atbalsta Latvijas Dabas fonds un Ruckas mākslas fonds.")
    ids = {e.name: e.id for ann in extract_corpus([a, b, c]) for e in ann.entities}
    funds = [n for n in ids if n.endswith("fonds")]
    assert len(funds) == 4 and len({ids[n] for n in funds}) == 4


def test_build_uses_the_extractor_where_no_curated_file_exists(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text((SEEDS / f"{SEED_STEMS[0]}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    report = build([src], tmp_path / "store", extractor=extract_article, progress=False)
    assert report.validation.conforms
    names = {r[2] for r in resolution_table(open_store(tmp_path / "store")).rows}
    assert {"NewDoor", "KalmarCo", "Kristīne Tarvida", "Zviedrija"} <= names


def test_curated_file_corrects_the_extractor(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Virsraksts\n\nProjektu atbalsta Sabiedrības integrācijas fonds un biedrība "
                               "“Radošās Idejas”.", encoding="utf-8")
    (src / "a.json").write_text(json.dumps({
        "article": "a.txt",
        "entities": [{"type": "Organisation", "name": "SIF fonds", "aliases": ["Sabiedrības integrācijas fonds"]},
                     {"type": "Person", "name": "Anna Bērziņa"}],
        "remove": {"entities": [{"type": "Organisation", "name": "Radošās Idejas"}]},
    }), encoding="utf-8")
    build([src], tmp_path / "store", extractor=extract_article, progress=False)
    names = {r[2] for r in resolution_table(open_store(tmp_path / "store")).rows}
    assert "SIF fonds" in names and "Anna Bērziņa" in names
    assert "Radošās Idejas" not in names and "Sabiedrības integrācijas fonds" not in names


def test_cli_entities_table(built):
    result = run_sikg("entities", "--type", "Organisation", "--store", str(built[0]))
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if "| Liepājas Diakonijas centrs" in line)
    assert "LDC" in line and "002-6620dffb14c59510" in line


def test_an_ordinal_before_a_tagged_name_is_not_part_of_it():
    art = Article("x", None, "T", "T\n\nŠajā dienā „Caritas Latvija” uzsāka trešo Caritas sveču akciju.")
    names = {e.name for e in extract_article(art).entities}
    assert "Caritas sveču akcija" in names and not any(n.startswith("trešo") for n in names), names


def test_markdown_emphasis_is_not_part_of_a_name():
    art = Article("x", None, "T", "T\n\nLēmumu pieņems Atvērtās sabiedrības institūta (_Open Society Institute_) padome.")
    forms = {f for e in extract_article(art).entities for f in (e.name, *e.aliases)}
    assert "Open Society Institute" in forms and not any("_" in f for f in forms), forms


def test_an_event_date_without_a_year_takes_the_year_the_article_names_first():
    art = Article("x", None, "T", "T\n\nIevietots 22.06.2017\n\n25.septembrī Liepājā viesojās Klaipēdas "
                  "Palīdzības centra darbinieki.")
    dates = {e.name: e.date for e in extract_article(art).entities if e.type == "Event"}
    assert dates == {"Klaipēdas Palīdzības centra vizīte Liepājā": "2017-09-25"}, dates
