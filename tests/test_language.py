"""An article's language is decided once, when it is read: its metadata where that says, else detected."""
from __future__ import annotations

from sikg.graph.build import build
from sikg.graph.store import open_store
from sikg.loaders.articles import Source, read_article
from sikg.queries.run import run_query

ENGLISH = "Baltic NGOs meet in Riga\n\nThe Nordic Council of Ministers funds a new project of Latvian and Swedish NGOs.\n"


def test_an_english_article_without_metadata_is_english_everywhere(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "news.txt").write_text(ENGLISH, encoding="utf-8")
    assert read_article(folder / "news.txt").source.language == "en"
    build([folder], tmp_path / "store", progress=False, extractor=None)
    rows = run_query(open_store(tmp_path / "store"), """
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?lang (LANG(?title) AS ?tag) { ?a dcterms:language ?lang ; dcterms:title ?title }""").rows
    assert rows == [["en", "en"]]


def test_the_metadata_wins(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    assert read_article(path, Source(language="lv")).source.language == "lv"
