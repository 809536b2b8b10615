"""`sikg publish`: dumps re-read with checksums and counts, DCAT-AP and VoID valid, VoID = SPARQL counts."""
from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import urllib.request

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, VOID

from sikg.graph.publish import DUMPS, PublishError, ReleaseOptions, check_release, publish, published_data
from sikg.graph.store import open_store, sizes
from sikg.queries.run import run_query
from support import run_sikg
from support.servers import free_port, running, sikg_exe

SPDX = "http://spdx.org/rdf/terms#"


@pytest.fixture(scope="module")
def release(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("rel") / "release"
    return publish(open_store(built[0]), out, today=dt.date(2026, 11, 23))


def count(store, q: str) -> int:
    return int(run_query(store, q).rows[0][0])


@pytest.fixture(scope="module")
def published(built):
    """What the release publishes: the graph without the name index, with the release's own graph."""
    urls = [f"https://w3id.org/sikg/release/{name}" for name, *_ in DUMPS]
    return published_data(open_store(built[0]), ReleaseOptions(), URIRef("https://w3id.org/sikg/dataset"), urls)


def test_every_dump_reads_back_with_its_checksum_and_statement_count(release, published):
    catalog = Graph().parse(release.folder / "catalog.ttl")
    sums = dict(line.split()[::-1] for line in (release.folder / "SHA256SUMS").read_text().splitlines())
    for d in release.dumps:
        data = (release.folder / d.name).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        assert digest == d.sha256 == sums[d.name]
        dist = next(catalog.subjects(DCAT.downloadURL, URIRef("https://w3id.org/sikg/release/" + d.name)))
        assert int(catalog.value(dist, DCAT.byteSize)) == len(data)
        checksum = catalog.value(dist, URIRef(SPDX + "checksum"))
        assert str(catalog.value(checksum, URIRef(SPDX + "checksumValue"))) == digest
        text = gzip.decompress(data).decode("utf-8")
        if d.name.endswith(".nq.gz"):
            ds = Dataset()
            ds.parse(data=text, format="nquads")
            assert sum(1 for _ in ds.quads((None, None, None, None))) == sizes(published)[0] == d.statements
        else:
            g = Graph().parse(data=text, format="turtle" if d.name.endswith(".ttl.gz") else "json-ld")
            assert len(g) == d.statements


def test_catalog_and_void_pass_the_dcat_ap_shapes(release):
    ok, report = check_release(release.catalog, release.void)
    assert ok, report
    cat = release.catalog
    ds = URIRef("https://w3id.org/sikg/dataset")
    assert {t.language for t in cat.objects(ds, DCTERMS.title)} == {"lv", "en"}
    assert URIRef("http://publications.europa.eu/resource/authority/country/LVA") in set(cat.objects(ds, DCTERMS.spatial))
    assert URIRef("https://creativecommons.org/licenses/by/4.0/") in set(cat.objects(ds, DCTERMS.license))
    assert len(list(cat.objects(ds, DCAT.distribution))) == 3
    assert next(cat.subjects(DCAT.endpointURL, None), None) is not None


def test_shapes_catch_a_missing_property(release):
    broken = Graph()
    for t in release.catalog:
        broken.add(t)
    ds = URIRef("https://w3id.org/sikg/dataset")
    broken.remove((ds, DCAT.contactPoint, None))
    ok, report = check_release(broken, release.void)
    assert not ok and "contactPoint" in report


def test_void_figures_are_the_published_data_s_sparql_counts(release, published):
    store = published
    v, ds = release.void, URIRef("https://w3id.org/sikg/dataset")
    distinct = "{ SELECT DISTINCT ?s ?p ?o { GRAPH ?g { ?s ?p ?o } } }"
    assert int(v.value(ds, VOID.triples)) == count(store, f"SELECT (COUNT(*) AS ?n) {distinct}")
    assert int(v.value(ds, VOID.distinctSubjects)) == count(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) {distinct}")
    assert int(v.value(ds, VOID.distinctObjects)) == count(store, f"SELECT (COUNT(DISTINCT ?o) AS ?n) {distinct}")
    org = URIRef("https://w3id.org/sikg/ontology#Organisation")
    part = next(p for p in v.objects(ds, VOID.classPartition) if v.value(p, VOID["class"]) == org)
    assert int(v.value(part, VOID.entities)) == count(
        store, "SELECT (COUNT(DISTINCT ?e) AS ?n) { ?e a <https://w3id.org/sikg/ontology#Organisation> }")
    linkset = next(v.subjects(VOID.linkPredicate, URIRef("http://www.w3.org/2002/07/owl#sameAs")))
    assert int(v.value(linkset, VOID.triples)) == count(
        store, "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?o { ?s <http://www.w3.org/2002/07/owl#sameAs> ?o } }")
    assert v.value(ds, VOID.uriSpace) == Literal("https://w3id.org/sikg/id/")


def test_same_graph_same_bytes(built, tmp_path):
    a = publish(open_store(built[0]), tmp_path / "a", today=dt.date(2026, 1, 1))
    b = publish(open_store(built[0]), tmp_path / "b", today=dt.date(2026, 1, 1))
    assert [d.sha256 for d in a.dumps] == [d.sha256 for d in b.dumps]


def test_base_iri_moves_the_data_not_the_ontology(built, tmp_path):
    rel = publish(open_store(built[0]), tmp_path / "r", ReleaseOptions(base_iri="https://data.example.lv/sikg/"))
    text = gzip.decompress((rel.folder / "sikg.nq.gz").read_bytes()).decode()
    assert "https://data.example.lv/sikg/id/organisation/liepajas-diakonijas-centrs" in text
    assert "https://w3id.org/sikg/id/" not in text and "https://w3id.org/sikg/ontology#Organisation" in text
    with pytest.raises(PublishError, match="base-iri"):
        publish(open_store(built[0]), tmp_path / "x", ReleaseOptions(base_iri="not an iri"))


def test_served_catalog_and_void_by_content_negotiation(built, release):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sikg_exe(), "serve", "--port", str(port), "--store", str(built[0]), "--release", str(release.folder)]
    with running(cmd, f"{base}/sparql"):
        for path in ("/catalog", "/.well-known/void"):
            with urllib.request.urlopen(urllib.request.Request(base + path, headers={"Accept": "text/turtle"})) as r:
                assert r.headers["Content-Type"].startswith("text/turtle") and b"@prefix" in r.read()
            req = urllib.request.Request(base + path, headers={"Accept": "application/ld+json"})
            with urllib.request.urlopen(req) as r:
                assert r.headers["Content-Type"].startswith("application/ld+json") and b"@id" in r.read()
        with urllib.request.urlopen(base + "/release/sikg.nq.gz") as r:
            assert hashlib.sha256(r.read()).hexdigest() == release.dumps[1].sha256


def test_cli_publish(built, tmp_path):
    r = run_sikg("publish", "--out", str(tmp_path / "rel"), "--store", str(built[0]))
    assert r.returncode == 0, r.stderr
    assert "DCAT-AP 3.0.1: conforms" in r.stdout and "DCAT-AP 2.1.1: conforms" in r.stdout
    assert (tmp_path / "rel" / "void.ttl").exists()


def test_links_file_puts_wikidata_links_on_organisations(tmp_path):
    import json

    from sikg.graph.build import build

    (tmp_path / "a.json").write_text(json.dumps({"article": "a.txt", "entities": [
        {"type": "Organisation", "name": "European Commission", "aliases": ["Eiropas Komisija"]}]}), encoding="utf-8")
    build([tmp_path / "a.json"], tmp_path / "store", progress=False)
    rows = run_query(open_store(tmp_path / "store"), "SELECT ?o { ?e <http://www.w3.org/2002/07/owl#sameAs> ?o "
                     "FILTER(CONTAINS(STR(?e), '/organisation/')) }").rows
    assert rows == [["http://www.wikidata.org/entity/Q8880"]]


def test_dumps_state_their_licence_and_dataset_and_leave_out_the_name_index(release):
    for d in release.dumps:
        text = gzip.decompress((release.folder / d.name).read_bytes()).decode("utf-8")
        assert "searchKey" not in text and "searchWord" not in text, d.name
        if d.name.endswith(".nq.gz"):
            assert f"<https://w3id.org/sikg/release/{d.name}> <http://rdfs.org/ns/void#inDataset> " \
                   "<https://w3id.org/sikg/dataset>" in text
            assert "<https://w3id.org/sikg/dataset> <http://purl.org/dc/terms/license> " \
                   "<https://creativecommons.org/licenses/by/4.0/>" in text


@pytest.mark.parametrize(("value", "ok"), [("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
                                           ("cc0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
                                           ("CC BY 4.0", None), ("by-4.0", None)])
def test_licence_values(built, tmp_path, value, ok):
    result = run_sikg("publish", "--out", str(tmp_path / "rel"), "--licence", value, "--store", str(built[0]))
    if ok is None:
        assert result.returncode == 1 and result.stderr.strip().startswith("error:") and "Traceback" not in result.stderr
        assert value in result.stderr and result.stderr.strip().count("\n") == 0
    else:
        assert result.returncode == 0, result.stderr
        assert f"<{ok}>" in (tmp_path / "rel" / "catalog.ttl").read_text()


def test_bad_base_iri_is_one_line(built, tmp_path):
    result = run_sikg("publish", "--out", str(tmp_path / "rel"), "--base-iri", "https://data.example.lv/a b/",
                      "--store", str(built[0]))
    assert result.returncode == 1 and "--base-iri" in result.stderr and "Traceback" not in result.stderr


def test_issued_is_the_first_release_and_modified_the_last_change(built, tmp_path, seed_dir):
    from sikg.graph.build import build

    out = tmp_path / "rel"
    first = publish(open_store(built[0]), out, today=dt.date(2026, 1, 10))
    catalog = (out / "catalog.ttl").read_bytes()
    again = publish(open_store(built[0]), out, today=dt.date(2026, 3, 1))  # the same graph, later
    assert (out / "catalog.ttl").read_bytes() == catalog
    ds = URIRef("https://w3id.org/sikg/dataset")
    assert str(again.catalog.value(ds, DCTERMS.issued)) == str(first.catalog.value(ds, DCTERMS.modified)) == "2026-01-10"
    build([seed_dir], tmp_path / "other", progress=False)  # a changed graph
    changed = publish(open_store(tmp_path / "other"), out, today=dt.date(2026, 4, 2))
    assert str(changed.catalog.value(ds, DCTERMS.issued)) == "2026-01-10"
    assert str(changed.catalog.value(ds, DCTERMS.modified)) == "2026-04-02"


def test_void_names_every_format_vocabulary_and_example(release, published):
    v, ds = release.void, URIRef("https://w3id.org/sikg/dataset")
    features = {str(f) for f in v.objects(ds, VOID.feature)}
    assert features == {"http://www.w3.org/ns/formats/Turtle", "http://www.w3.org/ns/formats/N-Quads",
                        "http://www.w3.org/ns/formats/JSON-LD"}
    vocabularies = {str(x) for x in v.objects(ds, VOID.vocabulary)}
    assert {"https://w3id.org/sikg/ontology#", "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/ns/org#",
            "https://schema.org/", "http://www.w3.org/ns/prov#", "http://purl.org/dc/terms/"} <= vocabularies
    assert len(list(v.objects(ds, VOID.exampleResource))) == 3
    assert int(v.value(ds, VOID.entities)) == count(published, "SELECT (COUNT(DISTINCT ?e) AS ?n) { ?e ?p ?o "
                                                               "FILTER(STRSTARTS(STR(?e), 'https://w3id.org/sikg/id/')) }")


def test_catalogues_conform_to_the_official_dcat_ap_shapes(release):
    """catalog.ttl against DCAT-AP 3.0.1 and catalog-dcat-ap-2.ttl against DCAT-AP 2.1.1 (base, range and
    recommended shapes, as files re-read from the release)."""
    from sikg.graph.publish import check_profile

    assert [c.profile for c in release.profiles] == ["DCAT-AP 3.0.1", "DCAT-AP 2.1.1"]
    for name, profile in (("catalog.ttl", "DCAT-AP 3.0.1"), ("catalog-dcat-ap-2.ttl", "DCAT-AP 2.1.1")):
        check = check_profile(Graph().parse(release.folder / name), profile)
        assert check.conforms, check.text
        assert check.missing_recommended == 0  # the recommended properties too
    v2 = Graph().parse(release.folder / "catalog-dcat-ap-2.ttl")
    assert {str(a) for a in v2.objects(None, URIRef(SPDX + "algorithm"))} == {SPDX + "checksumAlgorithm_sha1"}
    assert {b.datatype for b in v2.objects(None, DCAT.byteSize)} == {URIRef("http://www.w3.org/2001/XMLSchema#decimal")}
