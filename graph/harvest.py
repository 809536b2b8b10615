"""`sikg harvest`: keep a graph current from feeds and pages on the web.

Each source (a feed or a page URL) is fetched politely (``sikg.loaders.fetch``); a feed's entries are
followed to their pages (the entry's own content stands in where its page cannot be had).  Only
articles that are new, or whose text changed, go into the store, through `sikg add`'s path (a
store not built yet is built).  What the sources answered last time (ETag, Last-Modified, the text
of each article) is kept in ``STORE/harvest/state.json``, every raw response in
``STORE/harvest/warc/*.warc.gz``.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from sikg.errors import SikgError
from sikg.files import write_atomically
from sikg.graph.build import Extractor
from sikg.graph.store import claim_store, current_generation
from sikg.loaders.errors import InputError
from sikg.loaders.fetch import Fetched, Fetcher
from sikg.loaders.readers import Found, to_article
from sikg.loaders.readers.feeds import read_feed
from sikg.loaders.readers.pages import read_page

log = logging.getLogger(__name__)
HARVEST = "harvest"
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml")


@dataclass
class HarvestReport:
    fetched: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)
    warc: Path | None = None

    def summary(self) -> str:
        return (f"harvested: {self.fetched} fetched, {self.new} new, {self.changed} changed, {self.unchanged} unchanged, "
                f"{len(self.failed)} failed")


def _kind(f: Fetched) -> str | None:
    ctype = f.content_type.split(";")[0].strip().lower()
    head = f.body[:2048].lower()
    if ctype in FEED_TYPES or b"<rss" in head or b"<feed" in head:
        return "feed"
    if ctype in ("text/html", "application/xhtml+xml") or b"<html" in head:
        return "page"
    return None


def _load_state(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"validators": {}, "articles": {}}
    except (OSError, json.JSONDecodeError) as exc:
        raise SikgError(f"{path}: the harvest state cannot be read ({exc}); move it away to start afresh") from None


def _save_state(path: Path, state: dict) -> None:
    write_atomically(path, json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True))


def harvest(sources: list[str], store_dir: Path, *, extractor: Extractor | None = None, delay_s: float = 1.0,
            timeout_s: float = 20.0, progress: bool = True) -> HarvestReport:
    """Fetch the sources, follow feeds to their pages, and add what is new or changed to the store."""
    from tqdm import tqdm

    store_dir = Path(store_dir)
    claim_store(store_dir)
    home = store_dir / HARVEST
    home.mkdir(exist_ok=True)
    state_path = home / "state.json"
    state = _load_state(state_path)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    report = HarvestReport(warc=home / "warc" / f"{stamp}-{os.getpid()}.warc.gz")
    found: list[tuple[str, Found]] = []
    with Fetcher(report.warc, state.setdefault("validators", {}), delay_s=delay_s, timeout_s=timeout_s) as fetcher:
        bar = tqdm(total=len(sources), desc="harvesting", unit="source", disable=not progress)
        for src in sources:
            bar.update()
            got = fetcher.get(src)
            if got.error:
                report.failed.append(f"{src}: {got.error}")
                continue
            report.fetched += 1
            if got.not_modified:
                report.unchanged += 1
                continue
            kind = _kind(got)
            if kind == "page":
                _page(src, got, found, report)
            elif kind == "feed":
                entries = list(read_feed(src, got.body))
                bar.total += len(entries)
                for entry in entries:
                    bar.update()
                    if isinstance(entry, InputError):
                        report.failed.append(str(entry))
                        continue
                    _entry(fetcher, src, entry, found, report)
            else:
                report.failed.append(f"{src}: neither an HTML page nor a feed ({got.content_type or 'no Content-Type'})")
        bar.close()
    _store(found, store_dir, state, report, extractor)
    _save_state(state_path, state)
    return report


def _page(url: str, got: Fetched, found: list, report: HarvestReport) -> None:
    try:
        page = read_page(got.body, url, url=got.final_url or url, header=got.content_type)
    except InputError as exc:
        report.failed.append(str(exc))
        return
    found.append((url, page))


def _entry(fetcher: Fetcher, feed_url: str, entry: Found, found: list, report: HarvestReport) -> None:
    """A feed entry: its page where it can be had, else the entry's own content."""
    if not entry.url:
        found.append((feed_url, entry))
        return
    got = fetcher.get(entry.url)
    if got.not_modified:
        report.fetched += 1
        report.unchanged += 1
        return
    if got.error or _kind(got) != "page":
        log.info("%s: %s; the feed's own content stands in", entry.url, got.error or "not a page")
        found.append((entry.url, entry))
        return
    report.fetched += 1
    try:
        page = read_page(got.body, entry.url, url=got.final_url or entry.url, header=got.content_type)
    except InputError:
        page = entry
    issued = page.issued or entry.issued
    found.append((entry.url, Found(page.title or entry.title, page.text, page.url or entry.url, issued,
                                   page.author or entry.author, page.language or entry.language, where=entry.url)))


def _store(found: list[tuple[str, Found]], store_dir: Path, state: dict, report: HarvestReport,
           extractor: Extractor | None) -> None:
    """Write what is new or changed as JSON Lines and add it (or build, for a store not built yet)."""
    from sikg.graph.build import build
    from sikg.graph.incremental import add_articles

    seen = state.setdefault("articles", {})
    lines = []
    for url, item in found:
        try:
            art = to_article(item, Path(url), None)
        except InputError as exc:
            report.failed.append(str(exc))
            continue
        digest = hashlib.sha256(art.text.encode()).hexdigest()
        before = seen.get(art.stem)
        if before == digest:
            report.unchanged += 1
            continue
        if before is None:
            report.new += 1
        else:
            report.changed += 1
        seen[art.stem] = digest
        lines.append(json.dumps({"title": art.title, "text": art.body.strip() or art.title, "url": art.source.url,
                                 "date": art.source.issued.isoformat() if art.source.issued else None,
                                 "language": art.source.language, "author": art.source.author},
                                ensure_ascii=False))
    if not lines:
        return
    incoming = store_dir / HARVEST / "incoming" / f"{dt.datetime.now():%Y%m%dT%H%M%S%f}.jsonl"
    incoming.parent.mkdir(parents=True, exist_ok=True)
    incoming.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if current_generation(store_dir) is None:
        build([incoming], store_dir, extractor=extractor, progress=False)
    else:
        add_articles([incoming], store_dir, extractor=extractor, replace=True)
