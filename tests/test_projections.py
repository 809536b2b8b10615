"""The projections graph (graph/projections.py): derived exactly, kept exact by `sikg add`, checked by
the `projection-*-violation` queries, never exported or published; and the named queries' paging."""
from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Store

from sikg.graph.build import build, bundled_data
from sikg.graph.export import export_bytes
from sikg.graph.incremental import add_articles
from sikg.graph.projections import (
    CONNECTIONS,
    COUNTRY_CODE,
    CROSS_BORDER,
    FIRST,
    MENTIONS,
    PROJECTION_GRAPH,
    SECOND,
    SHARED_COUNT,
    SHARED_PROJECT,
    SORT_RANK,
    projection_quads,
)
from sikg.graph.store import open_store
from sikg.ontology.terms import SKOS_PREF
from sikg.queries.named import ParameterError, bind, list_named, load_named
from sikg.queries.run import run_query

#: Held back from the first build, then added: several with partners abroad, one replaced later.
HELD_BACK = 12


def stated(store: Store) -> set:
    return {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, PROJECTION_GRAPH)}


def derived(store: Store) -> set:
    return {(q.subject, q.predicate, q.object) for q in projection_quads(store)}


#: The quality checks of the projections, which together say that they agree with the statements.
PROJECTION_CHECKS = ("projection-partnerships-violation", "projection-pairs-violation",
                     "projection-entities-violation", "projection-ranks-violation")


def violations(store: Store) -> list[list[str]]:
    return [row for name in PROJECTION_CHECKS for row in run_query(store, bind(load_named(name))).rows]


def test_every_projection_check_is_listed():
    assert {q.name for q in list_named() if q.name.startswith("projection-")} == set(PROJECTION_CHECKS)


def test_the_built_projections_are_what_the_statements_give(store):
    assert stated(store) == derived(store)
    assert violations(store) == []
    assert not any(True for _ in store.quads_for_pattern(None, SORT_RANK, None, DefaultGraph()))  # not in the union
    predicates = {p for _, p, _ in stated(store)}
    assert {SHARED_PROJECT, SHARED_COUNT, CROSS_BORDER, CONNECTIONS, MENTIONS, COUNTRY_CODE, SORT_RANK} <= predicates


def test_ranks_follow_the_names(store):
    ranks = {q.subject: int(q.object.value) for q in store.quads_for_pattern(None, SORT_RANK, None, PROJECTION_GRAPH)}
    names: dict = {}
    for q in store.quads_for_pattern(None, SKOS_PREF, None, DefaultGraph()):
        key = (q.object.language != "lv", q.object.value)
        names[q.subject] = min(names.get(q.subject, key), key)
    assert set(ranks) == set(names)
    ordered = sorted(names, key=lambda n: (names[n][1], n.value))
    assert [ranks[n] for n in ordered] == list(range(1, len(ordered) + 1))


def test_projections_are_never_exported_or_published(store, tmp_path):
    for fmt in ("nquads", "trig", "turtle"):
        assert b"graph/projections" not in export_bytes(store, fmt)
        assert b"sortRank" not in export_bytes(store, fmt)
    from sikg.graph.publish import rebased_quads

    assert not any(q.graph_name == PROJECTION_GRAPH for q in rebased_quads(store, "https://example.org/kg/"))


@pytest.fixture(scope="module")
def split_data(tmp_path_factory) -> tuple[Path, Path]:
    """The bundled data with the last HELD_BACK annotated articles moved to a second folder."""
    root = tmp_path_factory.mktemp("split")
    first, later = root / "first", root / "later"
    shutil.copytree(bundled_data() / "articles", first / "articles")
    shutil.copytree(bundled_data() / "curated", first / "curated")
    later.mkdir()
    for path in sorted((first / "curated").glob("*.json"))[-HELD_BACK:]:
        shutil.move(path, later / path.name)
        text = first / "articles" / path.with_suffix(".txt").name
        if text.exists():
            shutil.move(text, later / text.name)
    shutil.copy(first / "articles" / "sources.tsv", later / "sources.tsv")
    return first, later


def test_add_keeps_the_projections_exact(tmp_path, split_data):
    """After adding articles, and after replacing one so that an organisation leaves its project and
    another's country changes, the projections equal a full derivation from the same statements."""
    first, later = split_data
    store_dir = tmp_path / "store"
    build([first], store_dir, progress=False)
    add_articles([later], store_dir)
    store = open_store(store_dir)
    assert stated(store) == derived(store)
    assert violations(store) == []
    assert any(p == CROSS_BORDER and " " in o.value for _, p, o in stated(store))

    # replace one added article: drop one partner from its project, move an organisation abroad
    path = next(p for p in sorted(later.glob("*.json"))
                if any(r["predicate"] in ("partnerIn", "coordinates") for r in json.loads(p.read_text())["relations"]))
    ann = json.loads(path.read_text(encoding="utf-8"))
    member = next(r for r in ann["relations"] if r["predicate"] in ("partnerIn", "coordinates"))
    ann["relations"].remove(member)
    for e in ann["entities"]:
        if e["type"] == "Organisation" and e["name"] != member["subject"]:
            e["country"] = "LV" if e.get("country") != "LV" else "LT"
            break
    changed = tmp_path / "changed"
    changed.mkdir()
    (changed / path.name).write_text(json.dumps(ann, ensure_ascii=False), encoding="utf-8")
    text = later / path.with_suffix(".txt").name
    if text.exists():
        shutil.copy(text, changed / text.name)
    shutil.copy(later / "sources.tsv", changed / "sources.tsv")
    add_articles([changed], store_dir, replace=True)
    store = open_store(store_dir)
    assert stated(store) == derived(store)
    assert violations(store) == []


def _copy(store: Store) -> Store:
    copy = Store()
    copy.bulk_extend(store)
    return copy


def _partners(s: Store, q) -> tuple:
    """The first partnership: its node, first partner and second partner."""
    x = q(FIRST).subject
    second = next(iter(s.quads_for_pattern(x, SECOND, None, PROJECTION_GRAPH))).object
    return x, q(FIRST).object, second


def _swap_partners(s: Store, q) -> None:
    x, a, b = _partners(s, q)
    s.remove(Quad(x, FIRST, a, PROJECTION_GRAPH))
    s.remove(Quad(x, SECOND, b, PROJECTION_GRAPH))
    s.extend([Quad(x, FIRST, b, PROJECTION_GRAPH), Quad(x, SECOND, a, PROJECTION_GRAPH)])


def _second_node_for_a_pair(s: Store, q) -> None:
    x = q(FIRST).subject
    twin = NamedNode(x.value + "-twin")
    s.extend([Quad(twin, p.predicate, p.object, PROJECTION_GRAPH)
              for p in list(s.quads_for_pattern(x, None, None, PROJECTION_GRAPH))])


def _two_first_partners(s: Store, q) -> None:
    x, _, b = _partners(s, q)
    other = next(o.subject for o in s.quads_for_pattern(None, FIRST, None, PROJECTION_GRAPH)
                 if o.object not in (q(FIRST).object, b))
    s.add(Quad(x, FIRST, other, PROJECTION_GRAPH))


NOWHERE = NamedNode("https://w3id.org/sikg/id/project/nowhere")


@pytest.mark.parametrize("corrupt, problem", [
    (lambda s, q: s.remove(q(SHARED_PROJECT)), "a project whose partner pairs are not all stated as partnerships"),
    (lambda s, q: s.add(Quad(q(FIRST).subject, SHARED_PROJECT, NOWHERE, PROJECTION_GRAPH)),
     "a partnership stating a project its partners do not share"),
    (lambda s, q: s.remove(q(SECOND)), "a partnership without one first and one second partner"),
    (_two_first_partners, "a partnership without one first and one second partner"),
    (_swap_partners, "an organisation with two partnerships for one partner, or one not in IRI order"),
    (_second_node_for_a_pair, "an organisation with two partnerships for one partner, or one not in IRI order"),
    (lambda s, q: (s.remove(q(SHARED_COUNT)), s.add(Quad(q(SHARED_COUNT).subject, SHARED_COUNT, Literal(99),
                                                         PROJECTION_GRAPH))), "a wrong count of shared projects"),
    (lambda s, q: s.remove(q(SHARED_COUNT)), "a wrong count of shared projects"),
    (lambda s, q: s.remove(q(CROSS_BORDER)), "cross-border stated wrongly"),
    (lambda s, q: s.add(Quad(q(CROSS_BORDER).subject, CROSS_BORDER, Literal("LV LV"), PROJECTION_GRAPH)),
     "cross-border stated wrongly"),
    (lambda s, q: s.add(Quad(q(COUNTRY_CODE).subject, COUNTRY_CODE, Literal("ZZ"), PROJECTION_GRAPH)),
     "a country code that disagrees with the entity's countries"),
    (lambda s, q: s.remove(q(COUNTRY_CODE)), "a country code that disagrees with the entity's countries"),
    (lambda s, q: (s.remove(q(MENTIONS)), s.add(Quad(q(MENTIONS).subject, MENTIONS, Literal(1234), PROJECTION_GRAPH))),
     "a wrong mention count"),
    (lambda s, q: s.add(Quad(NOWHERE, MENTIONS, Literal(1), PROJECTION_GRAPH)), "a wrong mention count"),
    (lambda s, q: s.remove(q(CONNECTIONS)), "a wrong connection count"),
    (lambda s, q: s.add(Quad(q(CONNECTIONS).subject, CONNECTIONS, Literal(0), PROJECTION_GRAPH)),
     "a wrong connection count"),
    (lambda s, q: s.remove(q(SORT_RANK)), "a name without one sort rank, or a rank without a name"),
    (lambda s, q: s.add(Quad(NOWHERE, SORT_RANK, Literal(10 ** 6), PROJECTION_GRAPH)),
     "a name without one sort rank, or a rank without a name"),
    (lambda s, q: s.add(Quad(NamedNode("https://w3id.org/sikg/id/organisation/x"), SORT_RANK, q(SORT_RANK).object,
                             PROJECTION_GRAPH)), "two things with one sort rank"),
])
def test_the_violation_queries_find_projections_that_disagree(store, corrupt, problem):
    broken = _copy(store)

    def first(predicate):
        return next(iter(broken.quads_for_pattern(None, predicate, None, PROJECTION_GRAPH)))

    corrupt(broken, first)
    assert problem in {row[1] for row in violations(broken)}


def test_pages_of_a_listing_make_the_whole_listing(store):
    for name in ("cross-border-partnerships", "entities", "funders"):
        q = load_named(name)
        whole = run_query(store, bind(q, {"limit": "(all)"})).rows
        pages, offset = [], 0
        while page := run_query(store, bind(q, {"limit": "50", "offset": str(offset)})).rows:
            pages += page
            offset += 50
        assert pages == whole and len(whole) > 50, name
    assert len(run_query(store, bind(load_named("most-connected"))).rows) == 25
    assert len(run_query(store, bind(load_named("most-connected"), {"limit": "5"})).rows) == 5
    with pytest.raises(ParameterError, match="limit must be a whole number"):
        bind(load_named("entities"), {"limit": "-1"})


def test_the_endpoint_pages_a_named_query(built, tmp_path):
    from support.servers import free_port, running, sikg_exe

    store_dir, _ = built
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sikg_exe(), "serve", "--port", str(port), "--page-size", "40", "--store", str(store_dir)]
    with running(cmd, f"{base}/sparql"):
        url = f"{base}/query/cross-border-partnerships"
        rows, pages = [], 0
        while url:
            req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
            with urllib.request.urlopen(req, timeout=30) as resp:
                rows += json.load(resp)["results"]["bindings"]
                link = resp.headers.get("Link")
            pages += 1
            url = base + link[1:link.index(">")] if link else None
        expected = run_query(open_store(store_dir), bind(load_named("cross-border-partnerships"))).rows
        assert [[r[v]["value"] for v in ("project", "organisationA", "countryA", "organisationB", "countryB")]
                for r in rows] == expected
        assert pages == -(-len(expected) // 40)
        with pytest.raises(urllib.error.HTTPError) as bad:
            urllib.request.urlopen(f"{base}/query/entities?limit=x", timeout=30)
        assert bad.value.code == 400
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{base}/query/no-such-query", timeout=30)
        assert missing.value.code == 404


def test_the_cli_says_when_a_listing_has_more_pages(built, tmp_path):
    from support import run_sikg

    rq = tmp_path / "organisations.rq"
    rq.write_text("#+ summary: organisations\n#+ param: limit = 5 — a page\n#+ param: offset = 0 — skip\n"
                  "SELECT ?o WHERE { ?o a <https://w3id.org/sikg/ontology#Organisation> } ORDER BY ?o\n",
                  encoding="utf-8")
    first = run_sikg("query", str(rq), "--format", "csv", "--store", str(built[0]))
    assert first.returncode == 0 and len(first.stdout.split()) == 6  # the header and 5 rows
    assert "--param offset=5 for the next" in first.stderr
    every = run_sikg("query", str(rq), "--param", "limit=(all)", "--format", "csv", "--store", str(built[0]))
    assert len(every.stdout.split()) > 100 and "page" not in every.stderr
