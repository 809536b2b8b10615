"""Every named query: headed by its question, run on the bundled graph, compared with stored rows."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sikg.queries.named import ParameterError, bind, list_named, load_named
from sikg.queries.run import run_query
from support import run_sikg

GOLDEN = Path(__file__).parent / "golden" / "queries"
QUERIES = [q.name for q in list_named()]


def rows(store, query: str, **params: str) -> list[dict[str, str]]:
    result = run_query(store, bind(load_named(query), params))
    return [dict(zip(result.variables, r, strict=True)) for r in result.rows]


def test_the_questions_of_the_issue_are_all_there():
    assert {"funders", "project-partners", "cross-border-partnerships", "entities-by-country", "people-roles",
            "entity", "most-connected", "events", "programme-projects", "co-funded-projects", "provenance",
            "single-article-entities"} <= set(QUERIES)


@pytest.mark.parametrize("name", QUERIES)
def test_header_names_question_params_and_example(name):
    q = load_named(name)
    assert q.summary.endswith(("?", ")", ".")) and len(q.summary) > 20
    assert q.example.startswith(f"sikg query {name}")
    assert "#+ param:" in q.text


@pytest.mark.parametrize("name", QUERIES)
def test_query_answers_match_the_stored_rows(store, name):
    q = load_named(name)
    result = run_query(store, bind(q))
    expected = list(csv.reader((GOLDEN / f"{name}.tsv").read_text(encoding="utf-8").splitlines(), delimiter="\t"))
    got = list(csv.reader(result.format("tsv").splitlines(), delimiter="\t"))
    assert got[0] == expected[0], "columns differ"
    missing = [r for r in expected[1:] if r not in got[1:]]
    extra = [r for r in got[1:] if r not in expected[1:]]
    assert not missing and not extra, f"missing rows: {missing[:5]}\nextra rows: {extra[:5]}"


def test_violation_queries_find_nothing_on_a_good_graph(store):
    for q in list_named():
        if q.name.endswith("-violation"):
            assert run_query(store, bind(q)).rows == [], q.name


def test_newdoor_course_partners_include_kalmarco_in_sweden(store):
    partners = rows(store, "project-partners", project="NewDoor")
    assert {"organisation": "KalmarCo", "relation": "partner", "country": "Zviedrija"}.items() <= \
        next(r for r in partners if r["organisation"] == "KalmarCo").items()


def test_funders_and_programme_projects(store):
    funded = {(r["funded"], r["funder"]) for r in rows(store, "funders", funder="integrācijas fonds")}
    assert all(f == "Sabiedrības integrācijas fonds" for _, f in funded) and funded
    interreg = {r["funded"] for r in rows(store, "programme-projects", programme="Interreg")}
    assert "SEMPRE Accelerators" in interreg


def test_entity_found_by_an_inflected_form(store):
    found = rows(store, "entity", name="Liepājas Diakonijas centra")
    assert found and {r["entity"] for r in found} == {"https://w3id.org/sikg/id/organisation/liepajas-diakonijas-centrs"}


def test_provenance_names_the_article(store):
    found = rows(store, "provenance", subject="KalmarCo", predicate="partnerIn")
    assert [r["article"].rsplit("/", 1)[1] for r in found] == ["000-33d3bc85e91c17e7"]


def test_hostile_parameter_value_is_a_literal(store):
    hostile = 'x" } ; DROP ALL ; #'
    text = bind(load_named("project-partners"), {"project": hostile})
    assert 'VALUES ?_project { "x\\" } ; DROP ALL ; #" }' in text
    assert run_query(store, text).rows == []
    assert len(store) > 1000  # and nothing was dropped


def test_unknown_parameter_is_refused():
    with pytest.raises(ParameterError, match="has no parameter"):
        bind(load_named("funders"), {"nope": "1"})


def test_cli_list_and_params(built):
    listed = run_sikg("query", "--list", "--store", str(built[0]))
    assert listed.returncode == 0 and "project-partners:" in listed.stdout
    result = run_sikg("query", "people-roles", "--param", "organisation=Labklājības", "--format", "csv",
                      "--store", str(built[0]))
    assert result.returncode == 0, result.stderr
    assert "Ramona Petraviča" in result.stdout
    bad = run_sikg("query", "funders", "--param", "nope=1", "--store", str(built[0]))
    assert bad.returncode == 1 and "has no parameter nope" in bad.stderr


def test_name_parameters_match_words_ignoring_case_and_diacritics(store):
    exact = rows(store, "funders", funder="Sabiedrības integrācijas fonds")
    assert exact and {r["funder"] for r in exact} == {"Sabiedrības integrācijas fonds"}
    assert rows(store, "funders", funder="INTEGRACIJAS fonds") == exact
    assert rows(store, "funders", funder="integrācijas") == exact
    assert rows(store, "funders", funder="Sabiedrības fonds") == []  # words in their order, as in the name


def test_an_unbound_search_leaves_out_its_index_lines():
    q = load_named("funders")
    assert "searchWord" not in bind(q)
    bound = bind(q, {"funder": "Sabiedrības integrācijas fonds"})
    assert 'sikg:searchWord "integracijas"' in bound  # one value: its word and key written in as constants
    assert 'CONTAINS(?key, "sabiedribas integracijas fonds")' in bound
    assert "?_funder_word" not in bound and "?_funder_key" not in bound


def test_a_search_with_several_readings_binds_them_as_values():
    bound = bind(load_named("entity"), {"name": "Liepājas Diakonijas centra"})  # inflected: + nominatives
    assert "VALUES (?_name_word ?_name_key) {" in bound
    assert '"liepajas diakonijas centrs")' in bound and '"liepajas diakonijas centra")' in bound


def test_the_rarest_word_of_a_name_is_looked_up_first(store):
    from sikg.queries.run import word_counter

    count = word_counter(store)
    assert count("kalmarco") >= 1 and count("nowhere-such-word") == 0
    # "Labklājības" is in fewer names than "ministrija" (generic) even when longer words exist
    bound = bind(load_named("people-roles"), {"organisation": "Labklājības ministrija"}, word_count=count)
    assert 'sikg:searchWord "labklajibas"' in bound
    assert rows(store, "people-roles", organisation="Labklājības ministrija")


@pytest.mark.parametrize("name", [q.name for q in list_named() if q.search])
def test_word_statistics_change_speed_never_answers(store, name):
    from sikg.queries.run import word_counter

    q = load_named(name)
    for value in ("Labklājības ministrija", "NewDoor", "Sabiedrības integrācijas fonds", "KalmarCo", "Interreg",
                  "Liepājas Diakonijas centrs"):
        params = {p: value for p in q.search}
        plain = run_query(store, bind(q, params)).rows
        assert run_query(store, bind(q, params, word_count=word_counter(store))).rows == plain, value


def test_every_name_of_an_entity_is_in_its_name_index(store):
    from sikg.loaders.annotations import fold

    labels = run_query(store, """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX sikg: <https://w3id.org/sikg/ontology#>
        SELECT DISTINCT ?e ?l { ?e a ?c ; skos:prefLabel|skos:altLabel ?l . FILTER(STRSTARTS(STR(?c), STR(sikg:))) }""")
    keys = run_query(store, "SELECT ?e ?k { ?e <https://w3id.org/sikg/ontology#searchKey> ?k }")
    indexed = {(e, k) for e, k in keys.rows}
    missing = [(e, label) for e, label in labels.rows if (e, fold(label)) not in indexed]
    assert not missing, missing[:5]


def test_an_explicit_all_leaves_a_parameter_unbound(store):
    q = load_named("cross-border-partnerships")
    assert run_query(store, bind(q, {"country": "(all)"})).rows == run_query(store, bind(q)).rows != []
