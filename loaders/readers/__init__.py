"""Articles as users have them: one ``read_articles(path)`` for plain text (``.txt`` + ``sources.tsv``),
saved web pages (``.html``, ``.htm``), RSS and Atom feeds (``.xml``, ``.rss``, ``.atom``), web
archives (``.warc``, ``.warc.gz``) and JSON Lines (``.jsonl``), sorted by suffix and content.

Each article gets one identity (its stem, which names its graph): from its canonical URL where it
has one, else from its text, so the same page saved twice, or found in a feed and as a page, is one
article.  Metadata from ``sources.tsv`` wins over what a page says about itself.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from sikg.loaders.articles import Article, Source, iso_date, read_article
from sikg.loaders.errors import InputError
from sikg.loaders.language import detect_language
from sikg.ontology.iris import slugify

#: Suffixes of the files each reader takes.
PAGE_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_SUFFIXES = (".jsonl",)
TEXT_SUFFIXES = (".txt",)
ALL_SUFFIXES = (*TEXT_SUFFIXES, *PAGE_SUFFIXES, *FEED_SUFFIXES, *WARC_SUFFIXES, *JSONL_SUFFIXES)


@dataclass(frozen=True, slots=True)
class Found:
    """What a reader found for one article before it gets its identity."""

    title: str
    text: str  # the main text, without the title
    url: str | None = None
    issued: str | None = None  # ISO date
    author: str | None = None
    language: str | None = None
    publisher: str | None = None
    where: str = ""  # the entry, line or record it came from (for messages)


def canonical_url(url: str) -> str:
    """A URL as one page has it whatever link led there: lower-case scheme and host, no fragment,
    no tracking parameters, the others sorted, no trailing slash.

    >>> canonical_url("HTTPS://Example.LV/zinas/raksts-1/?utm_source=rss#top")
    'https://example.lv/zinas/raksts-1'
    """
    parts = urlsplit(url.strip())
    query = "&".join(sorted(q for q in parts.query.split("&") if q and not q.lower().startswith(("utm_", "fbclid="))))
    path = parts.path.rstrip("/") or ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def article_identity(url: str | None, text: str) -> str:
    """The stem of an article read from the web: from its canonical URL, else from its text.

    >>> article_identity("https://example.lv/zinas/raksts-1?utm_source=x", "…")
    'example-lv-zinas-raksts-1-73224fcc'
    >>> article_identity(None, "Teksts.") == article_identity(None, "  Teksts. ")
    True
    """
    if url:
        key = canonical_url(url)
        parts = urlsplit(key)
        readable = slugify(parts.netloc + parts.path)[:60].rstrip("-")
        return f"{readable}-{hashlib.sha1(key.encode()).hexdigest()[:8]}"
    words = re.sub(r"\s+", " ", text).strip()
    return "text-" + hashlib.sha1(words.encode()).hexdigest()[:16]


def to_article(found: Found, path: Path, source: Source | None) -> Article:
    """An article from what a reader found; ``sources.tsv``'s row (``source``) wins where it says."""
    src = source or Source()
    url = src.url or found.url
    text = found.text.strip()
    title = (found.title or "").strip() or text.split("\n", 1)[0][:200]
    if not text and not title:
        raise InputError(path, f"{found.where + ': ' if found.where else ''}no main text")
    full = f"{title}\n\n{text}" if text else title
    language = src.language or found.language or detect_language(full)
    issued = src.issued or iso_date(found.issued)
    merged = replace(src, url=url, language=language, issued=issued, author=src.author or found.author,
                     publisher=src.publisher or found.publisher)
    return Article(stem=article_identity(url, full), path=path, title=title, text=full, source=merged)


Reader = Callable[[Path, bytes], Iterator["Found | InputError"]]


def reader_for(path: Path, head: bytes) -> str:
    """Which reader takes a file: by suffix, and for ``.xml`` by whether it is a feed or a page."""
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(PAGE_SUFFIXES):
        return "page"
    if name.endswith(FEED_SUFFIXES):
        sniff = head[:2048].lower()
        return "page" if b"<html" in sniff and b"<rss" not in sniff and b"<feed" not in sniff else "feed"
    return "text"


def read_articles(path: Path, sources: dict[str, Source] | None = None
                  ) -> tuple[list[Article], list[str]]:
    """Every article of one file, and a one-line error for each entry, record or line that is not one
    (the rest of the file goes on).  A file that cannot be read at all raises InputError."""
    from sikg.loaders.readers import feeds, jsonl, pages, warc

    sources = sources or {}
    path = Path(path)
    source = sources.get(path.name.split(".")[0]) or sources.get(path.stem)
    kind = reader_for(path, b"")
    if kind == "text":
        return [read_article(path, source)], []
    try:
        data = b"" if kind == "warc" else path.read_bytes()  # a WARC is streamed
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    if kind == "feed":
        kind = reader_for(path, data)
    read: Reader = {"page": pages.read_page_file, "feed": feeds.read_feed, "warc": warc.read_warc,
                    "jsonl": jsonl.read_jsonl}[kind]
    articles: list[Article] = []
    errors: list[str] = []
    single = kind == "page"
    for item in read(path, data):
        if isinstance(item, InputError):
            errors.append(str(item))
            continue
        try:
            art = to_article(item, path, source if single else _shared(source))
        except InputError as exc:
            errors.append(str(exc))
            continue
        articles.append(art)
    return articles, errors


def _shared(source: Source | None) -> Source | None:
    """A ``sources.tsv`` row for a file of many articles: what holds for all of them (not the URL)."""
    return replace(source, url=None) if source is not None else None
