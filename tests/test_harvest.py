"""`sikg harvest` against a real HTTP server on 127.0.0.1 serving fixture pages and a feed: the first
run adds every entry, the second fetches with conditional requests and adds nothing, a new entry adds
exactly one article; robots.txt, redirect loops, errors, timeouts and non-HTML answers are one line each."""
from __future__ import annotations

import hashlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sikg.graph.store import reading
from sikg.queries.run import run_query
from support import formats, run_sikg

ARTS = sorted(formats.ARTICLES.values(), key=lambda a: a.stem)[:6]


class Site:
    """What the server serves, changeable between runs; and what it was asked."""

    def __init__(self) -> None:
        self.entries = ARTS[:5]
        self.requests: list[tuple[str, str | None]] = []  # path, If-None-Match

    def page_path(self, art) -> str:
        return f"/raksti/{art.stem}"

    def feed(self, base: str) -> bytes:
        moved = [type(a)(a.stem, a.path, a.title, a.text, a.source.__class__(url=f"{base}{self.page_path(a)}"))
                 for a in self.entries]
        return formats.feed(list(enumerate(moved)))


def make_handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def _send(self, status: int, body: bytes, ctype: str, etag: str | None = None, extra=()) -> None:
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            for k, v in extra:
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            site.requests.append((self.path, self.headers.get("If-None-Match")))
            base = f"http://127.0.0.1:{self.server.server_port}"
            if self.path == "/robots.txt":
                return self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            if self.path == "/feed.rss":
                body = site.feed(base)
                return self._send(200, body, "application/rss+xml", '"' + hashlib.sha1(body).hexdigest() + '"')
            for i, art in enumerate(ARTS):
                if self.path == site.page_path(art):
                    body = formats.page(art, i).replace(formats.url_of(art).encode(), f"{base}{self.path}".encode())
                    return self._send(200, body, "text/html; charset=utf-8", f'"page-{i}"')
            if self.path == "/loop":
                return self._send(302, b"", "text/plain", extra=[("Location", "/loop")])
            if self.path == "/error":
                return self._send(500, b"oops", "text/plain")
            if self.path == "/logo.png":
                return self._send(200, b"\x89PNG\r\n", "image/png")
            if self.path == "/slow":
                time.sleep(3)
                return self._send(200, b"<html><body><p>late</p></body></html>", "text/html")
            return self._send(404, b"no such page", "text/plain")

    return Handler


@pytest.fixture
def server():
    site = Site()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(site))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield site, f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def harvest(store, *sources, timeout="20"):
    return run_sikg("harvest", *sources, "--store", str(store), "--delay", "0", "--timeout", timeout)


def article_count(store) -> int:
    with reading(store) as (_, s):
        return int(run_query(s, "PREFIX sikg: <https://w3id.org/sikg/ontology#> "
                                "SELECT (COUNT(*) AS ?n) { ?a a sikg:Article }").rows[0][0])


def test_first_run_adds_every_entry_then_nothing_then_exactly_the_new_one(server, tmp_path):
    site, base = server
    store = tmp_path / "store"
    first = harvest(store, f"{base}/feed.rss")
    assert first.returncode == 0, first.stderr
    assert "5 new" in first.stdout and article_count(store) == 5
    with reading(store) as (_, s):
        urls = {r[0] for r in run_query(s, "PREFIX schema: <https://schema.org/> SELECT ?u { ?a schema:url ?u }").rows}
        issued = run_query(s, "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT ?d { ?a dcterms:issued ?d }").rows
    assert urls == {f"{base}{site.page_path(a)}" for a in ARTS[:5]} and len(issued) == 5
    assert list((store / "harvest" / "warc").glob("*.warc.gz"))

    site.requests.clear()
    second = harvest(store, f"{base}/feed.rss")
    assert second.returncode == 0, second.stderr
    assert "0 new" in second.stdout and article_count(store) == 5
    assert all(inm for path, inm in site.requests if path == "/feed.rss")  # asked conditionally: a 304

    site.entries = ARTS[:6]
    third = harvest(store, f"{base}/feed.rss")
    assert third.returncode == 0, third.stderr
    assert "1 new" in third.stdout and article_count(store) == 6
    pages = [p for p, _ in site.requests if p.startswith("/raksti/")]
    assert all(inm for p, inm in site.requests if p.startswith("/raksti/") and p != site.page_path(ARTS[5])), pages

    offline = run_sikg("build", str(store / "harvest" / "warc"), "--store", str(tmp_path / "offline"))
    assert offline.returncode == 0, offline.stderr  # the archive rebuilds the same articles offline
    assert article_count(tmp_path / "offline") == 6


def test_bad_sources_are_one_line_each_and_the_rest_goes_on(server, tmp_path):
    _site, base = server
    store = tmp_path / "store"
    result = harvest(store, f"{base}/private/x", f"{base}/loop", f"{base}/error", f"{base}/missing",
                     f"{base}/logo.png", f"{base}/slow", "ftp://example.org/x", f"{base}/feed.rss", timeout="1")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 7, result.stderr
    for needle in ("robots.txt", "redirect", "HTTP 500", "HTTP 404", "neither an HTML page nor a feed", "within 1 s",
                   "not an http(s) URL"):
        assert any(needle in e for e in errors), (needle, errors)
    assert "Traceback" not in result.stderr
    assert "5 new" in result.stdout and article_count(store) == 5
