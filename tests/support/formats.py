"""The bundled articles as users have them, made for the reader tests: realistic saved web pages
(navigation, a cookie banner, related links, a footer; some in windows-1257), one RSS feed, one WARC
archive and one JSON Lines file.  Each article gets a made-up publication date and, where
``sources.tsv`` has none, a made-up URL, so that identities and dates can be checked."""
from __future__ import annotations

import datetime as dt
import gzip
import html
import io
import json
from email.utils import format_datetime
from pathlib import Path

from sikg.graph.build import bundled_data, read_corpus
from sikg.loaders.articles import Article

ARTICLES = read_corpus([bundled_data() / "articles"]).articles


def url_of(article: Article) -> str:
    return article.source.url or f"https://news.example.lv/raksti/{article.stem}"


def date_of(i: int) -> dt.date:
    return dt.date(2019, 1, 1) + dt.timedelta(days=17 * i)


def paragraphs(article: Article) -> list[str]:
    return [line.strip() for line in article.body.split("\n") if line.strip()]


def page(article: Article, i: int, charset: str = "utf-8") -> bytes:
    """A saved news page around the article's text."""
    paras = paragraphs(article)
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    # a page whose text opens with its title has no separate heading: the first paragraph is it
    heading = "" if paras and paras[0] == article.title else f"<h1>{html.escape(article.title)}</h1>"
    lang = article.source.language or "lv"
    doc = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}">
<title>{html.escape(article.title)} | Ziņu portāls</title>
<meta property="og:title" content="{html.escape(article.title)}">
<link rel="canonical" href="{html.escape(url_of(article))}">
<meta property="article:published_time" content="{date_of(i).isoformat()}T09:30:00+02:00">
<meta name="author" content="Redakcija">
</head><body>
<header><nav><ul><li><a href="/">Sākums</a></li><li><a href="/zinas">Ziņas</a></li><li><a href="/nvo">NVO</a></li>
<li><a href="/kontakti">Kontakti</a></li></ul></nav></header>
<div id="cookie-consent" class="cookie-banner"><p>Šī vietne izmanto sīkdatnes, lai uzlabotu lietošanas pieredzi.
<a href="/privatums">Uzzināt vairāk</a></p><button>Piekrītu</button></div>
<main><article>{heading}
<p class="byline">Publicēts {date_of(i).isoformat()}</p>
{body}
</article>
<aside class="related"><h2>Saistītie raksti</h2><ul>
<li><a href="/raksti/1">Fonds izsludina jaunu konkursu nevalstiskajām organizācijām</a></li>
<li><a href="/raksti/2">Biedrības aicina pieteikties brīvprātīgā darba programmai</a></li></ul></aside></main>
<footer><p>© Ziņu portāls. Visas tiesības aizsargātas. Pārpublicēšana bez atļaujas aizliegta.</p></footer>
</body></html>"""
    return doc.encode(charset, errors="xmlcharrefreplace")


def write_pages(folder: Path) -> dict[str, str]:
    """One page per article (every fifth Latvian one in windows-1257); URL -> txt stem."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for i, (stem, art) in enumerate(sorted(ARTICLES.items())):
        charset = "windows-1257" if i % 5 == 0 and (art.source.language or "lv") == "lv" else "utf-8"
        (folder / f"{stem}.html").write_bytes(page(art, i, charset))
        out[url_of(art)] = stem
    return out


def feed(articles: list[tuple[int, Article]]) -> bytes:
    items = []
    for i, art in articles:
        when = dt.datetime.combine(date_of(i), dt.time(9, 30), tzinfo=dt.UTC)
        content = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs(art))
        items.append(f"""<item><title>{html.escape(art.title)}</title><link>{html.escape(url_of(art))}</link>
<guid>{html.escape(url_of(art))}</guid><pubDate>{format_datetime(when)}</pubDate>
<description>{html.escape(paragraphs(art)[0][:120] if paragraphs(art) else "")}</description>
<content:encoded><![CDATA[{content}]]></content:encoded></item>""")
    return ("""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Ziņu portāls: NVO</title><link>https://news.example.lv/</link><description>Ziņas</description>
""" + "\n".join(items) + "\n</channel></rss>\n").encode("utf-8")


def write_feed(path: Path) -> None:
    path.write_bytes(feed(list(enumerate(sorted(ARTICLES.values(), key=lambda a: a.stem)))))


def write_warc(path: Path) -> None:
    """Every page as a WARC response (and one image and one redirect the reader must skip)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, (_stem, art) in enumerate(sorted(ARTICLES.items())):
            charset = "windows-1257" if i % 5 == 0 and (art.source.language or "lv") == "lv" else "utf-8"
            body = page(art, i, charset)
            headers = StatusAndHeaders("200 OK", [("Content-Type", f"text/html; charset={charset}")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url_of(art), "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example.lv/logo.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG...."), http_headers=img))
        moved = StatusAndHeaders("301 Moved", [("Location", "https://news.example.lv/")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example.lv/old", "response",
                                                      payload=io.BytesIO(b""), http_headers=moved))


def write_jsonl(path: Path) -> None:
    lines = []
    for i, (_stem, art) in enumerate(sorted(ARTICLES.items())):
        lines.append(json.dumps({"title": art.title, "text": "\n".join(paragraphs(art)), "url": url_of(art),
                                 "date": date_of(i).isoformat(), "language": art.source.language,
                                 "publisher": art.source.publisher}, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)
