"""Fetching pages and feeds over HTTP(S) politely: robots.txt honoured, a pause between requests to one
host, conditional requests (ETag / Last-Modified) so that an unchanged page costs a 304, a size cap
and a time limit, and every raw response kept in a WARC archive (warcio) so that what was read can be
read again offline."""
from __future__ import annotations

import io
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

log = logging.getLogger(__name__)

#: A response larger than this is cut off and refused.
MAX_RESPONSE_BYTES = 10_000_000
USER_AGENT = "sikg-harvest/0.1 (+https://w3id.org/sikg/)"


@dataclass
class Fetched:
    """One request's outcome: the body of a 200, a 304 (not modified), or the reason it failed."""

    url: str
    status: int = 0
    content_type: str = ""
    body: bytes = b""
    final_url: str = ""
    error: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class Fetcher:
    """An HTTP client with manners; ``validators`` (url -> ETag / Last-Modified) persist between runs."""

    warc_path: Path
    validators: dict[str, dict[str, str]] = field(default_factory=dict)
    delay_s: float = 1.0
    timeout_s: float = 20.0
    max_bytes: int = MAX_RESPONSE_BYTES
    user_agent: str = USER_AGENT
    requests: int = 0

    def __post_init__(self) -> None:
        import httpx
        from warcio.warcwriter import WARCWriter

        self._client = httpx.Client(follow_redirects=True, max_redirects=10, timeout=self.timeout_s,
                                    headers={"User-Agent": self.user_agent})
        self._robots: dict[str, RobotFileParser] = {}
        self._last: dict[str, float] = {}
        self.warc_path.parent.mkdir(parents=True, exist_ok=True)
        self._warc_file = open(self.warc_path, "ab")  # noqa: SIM115 (closed by close())
        self._warc = WARCWriter(self._warc_file, gzip=True)

    def close(self) -> None:
        self._client.close()
        self._warc_file.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.delay_s - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets this agent fetch the URL (no robots.txt: yes)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            rules = RobotFileParser()
            try:
                self._wait_turn(parts.netloc)
                r = self._client.get(origin + "/robots.txt")
                rules.parse(r.text.splitlines() if r.status_code == 200 else [])
            except Exception:  # unreachable robots.txt: allowed, as the convention has it
                rules.parse([])
            self._robots[origin] = rules
        return self._robots[origin].can_fetch(self.user_agent, url)

    def get(self, url: str) -> Fetched:
        """GET a URL (conditionally where it was fetched before); never raises for network trouble."""
        import httpx

        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return Fetched(url, error="not an http(s) URL")
        if not self.allowed(url):
            return Fetched(url, error="disallowed by the site's robots.txt")
        headers = {}
        known = self.validators.get(url, {})
        if known.get("etag"):
            headers["If-None-Match"] = known["etag"]
        if known.get("last_modified"):
            headers["If-Modified-Since"] = known["last_modified"]
        self._wait_turn(parts.netloc)
        self.requests += 1
        try:
            with self._client.stream("GET", url, headers=headers) as r:
                body = bytearray()
                for chunk in r.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        return Fetched(url, r.status_code, error=f"larger than {self.max_bytes:,} bytes")
                self._archive(str(r.url), r, bytes(body))
                result = Fetched(url, r.status_code, r.headers.get("content-type", ""), bytes(body), str(r.url))
                if r.status_code == 200:
                    self.validators[url] = {k: v for k, v in (("etag", r.headers.get("etag")),
                                                              ("last_modified", r.headers.get("last-modified"))) if v}
                elif r.status_code != 304:
                    result.error = f"HTTP {r.status_code}"
                return result
        except httpx.TooManyRedirects:
            return Fetched(url, error="too many redirects (a redirect loop?)")
        except httpx.TimeoutException:
            return Fetched(url, error=f"no answer within {self.timeout_s:g} s")
        except httpx.HTTPError as exc:
            return Fetched(url, error=f"{type(exc).__name__}: {exc}")

    def _archive(self, url: str, response, body: bytes) -> None:
        """The raw response as a WARC record."""
        from warcio.statusandheaders import StatusAndHeaders

        kept = [(k, v) for k, v in response.headers.items()  # the body is stored decoded, whole
                if k.lower() not in ("content-encoding", "content-length", "transfer-encoding")]
        headers = StatusAndHeaders(f"{response.status_code} {response.reason_phrase}", kept, protocol="HTTP/1.1")
        record = self._warc.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
        self._warc.write_record(record)
        self._warc_file.flush()
