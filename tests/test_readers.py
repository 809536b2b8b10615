"""Articles as users have them: saved pages, a feed, a web archive and JSON Lines made from the bundled
articles read to the same text, so the extractor finds the same entities and relations as in the
.txt versions; with their dates and URLs in the graph; one identity per article."""
from __future__ import annotations

import shutil

import pytest

from sikg.graph.build import build, read_corpus
from sikg.graph.store import reading
from sikg.loaders.extract import extract_article
from sikg.loaders.readers import article_identity, canonical_url, read_articles
from sikg.queries.run import run_query
from support import formats, run_sikg

TXT = formats.ARTICLES
BY_URL = {canonical_url(formats.url_of(a)): stem for stem, a in TXT.items()}


def same_extraction(articles) -> list[str]:
    """The stems whose extraction differs from the .txt version's."""
    differ = []
    for art in articles:
        stem = BY_URL[canonical_url(art.source.url)]
        got, want = extract_article(art).to_json(), extract_article(TXT[stem]).to_json()
        got.pop("article")
        want.pop("article")
        if got != want:
            differ.append(stem)
    return differ


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    d = tmp_path_factory.mktemp("formats")
    formats.write_pages(d / "pages")
    formats.write_feed(d / "feed.rss")
    formats.write_warc(d / "archive.warc.gz")
    formats.write_jsonl(d / "articles.jsonl")
    return d


@pytest.mark.parametrize("kind", ["pages", "feed.rss", "archive.warc.gz", "articles.jsonl"])
def test_every_format_reads_to_the_same_entities_and_relations(made, kind):
    corpus = read_corpus([made / kind])
    assert corpus.errors == []
    assert len(corpus.articles) == len(TXT)
    assert same_extraction(corpus.articles.values()) == []
    for i, (stem, art) in enumerate(sorted(TXT.items())):
        read = corpus.articles[article_identity(formats.url_of(art), "")]
        assert read.source.issued == formats.date_of(i), stem
        assert read.title == art.title


def test_windows_1257_pages_are_decoded_as_declared(made):
    page = next(p for p in sorted((made / "pages").glob("*.html")) if b"windows-1257" in p.read_bytes()[:400])
    assert "ā".encode() not in page.read_bytes()
    (art,), errors = read_articles(page)
    assert not errors and any(ch in art.text for ch in "āēīūšžčņļķģ")


def test_the_same_page_saved_twice_or_in_a_feed_is_one_article(made, tmp_path):
    d = tmp_path / "mixed"
    d.mkdir()
    first = sorted((made / "pages").glob("*.html"))[1]
    shutil.copy(first, d / "saved.html")
    shutil.copy(first, d / "saved-again.htm")
    shutil.copy(made / "feed.rss", d / "feed.rss")
    corpus = read_corpus([d])
    assert corpus.errors == [] and len(corpus.articles) == len(TXT)
    assert len(read_corpus([d]).articles) == len(corpus.articles)  # re-reading is idempotent


def test_dates_and_urls_are_in_the_graph(made, tmp_path):
    build([made / "articles.jsonl"], tmp_path / "s", progress=False, extractor=extract_article)
    with reading(tmp_path / "s") as (_, store):
        rows = run_query(store, """
            PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX schema: <https://schema.org/>
            SELECT ?a ?issued ?url { ?a dcterms:issued ?issued ; schema:url ?url }""").rows
        assert len(rows) == len(TXT)
        years = run_query(store, "PREFIX dcterms: <http://purl.org/dc/terms/> "
                                 "SELECT DISTINCT (SUBSTR(STR(?d), 1, 4) AS ?y) { ?a dcterms:issued ?d } ORDER BY ?y").rows
    assert [y[0] for y in years][:2] == ["2019", "2020"]
    result = run_sikg("query", "organisation-activity", "--param", "organisation=Sabiedrības integrācijas fonds",
                      "--param", "from=2020", "--store", str(tmp_path / "s"), "--format", "csv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0] == "year,organisation,articles,projects,events" and len(lines) > 2
    assert all(line.split(",")[0] >= "2020" for line in lines[1:])


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("empty.rss", b"", "empty feed"),
    ("broken.xml", b"<rss><channel><item><title>x", "entry 1"),
    ("notafeed.xml", b"<rss><channel><title>Nothing here</title></channel></rss>", "no entries"),
    ("nomain.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no main text"),
    ("binary.html", b"\x00\x01\x02<html>", "binary"),
    ("wrong.html", "<html><head><meta charset='windows-1257'></head><body><p>Rīgā ir daudz biedrību, kas strādā ar "
                   "jauniešiem un senioriem visā Latvijā.</p></body></html>".encode(), "wrong declared charset"),
    ("bad.jsonl", b'{"text": "Labs raksts par fondu."}\nnot json\n{"title": "x"}\n', "line 2: not JSON"),
    ("bad.warc.gz", b"not a warc at all", "not a readable WARC"),
])
def test_bad_files_are_one_line_errors_and_the_batch_goes_on(made, tmp_path, name, content, reason):
    d = tmp_path / "in"
    d.mkdir()
    (d / name).write_bytes(content)
    shutil.copy(sorted((made / "pages").glob("*.html"))[0], d / "good.html")
    corpus = read_corpus([d])
    assert any(reason in e and name in e for e in corpus.errors), corpus.errors
    assert all("\n" not in e for e in corpus.errors)
    assert len(corpus.articles) >= 1


def test_a_huge_page_is_refused(tmp_path):
    p = tmp_path / "huge.html"
    p.write_bytes(b"<html><body><p>" + b"x" * 10_000_001 + b"</p></body></html>")
    assert any("too large" in e for e in read_articles(p)[1])
