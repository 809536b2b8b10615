"""RSS and Atom feeds (feedparser): one article per entry, from its full content where the feed has
it, else its summary, with the entry's link and date."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from sikg.loaders.errors import InputError
from sikg.loaders.readers import Found

_BLOCK = re.compile(r"</?(p|div|li|ul|ol|h[1-6]|tr|table|blockquote|section|article|br)\b[^>]*>", re.IGNORECASE)


def fragment_text(html: str) -> str:
    """The text of an HTML fragment (an entry's content): block elements become line breaks, inline
    ones vanish, entities are decoded.

    >>> fragment_text("<p>Par <b>SIF</b> &amp; fondu.</p><ul><li>Viens</li></ul>")
    'Par SIF & fondu.\\nViens'
    """
    import lxml.html

    if "<" not in html:
        return html.strip()
    marked = _BLOCK.sub("\n", html)
    try:
        text = lxml.html.fromstring(f"<div>{marked}</div>").text_content()
    except Exception:  # lxml refuses some broken fragments: the tags go, the text stays
        text = re.sub(r"<[^>]+>", " ", marked)
    lines = (re.sub(r"[ \t\xa0]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    return None


def read_feed(path: Path | str, data: bytes) -> Iterator[Found | InputError]:
    """Every entry of a feed; a feed that is broken or empty is one InputError."""
    import feedparser

    where = str(path)
    if not data.strip():
        yield InputError(where, "empty feed")
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = f"not a feed ({type(feed.bozo_exception).__name__})" if feed.get("bozo") else "the feed has no entries"
        yield InputError(where, reason)
        return
    language = (feed.feed.get("language") or "")[:2].lower() or None
    for i, entry in enumerate(feed.entries, start=1):
        content = entry.get("content") or []
        html = content[0].get("value", "") if content else entry.get("summary", "")
        text = fragment_text(html or "")
        title = fragment_text(entry.get("title", ""))
        if not text:
            yield InputError(where, f"entry {i} ({entry.get('link') or title or '?'}): no text")
            continue
        yield Found(title=title, text=text, url=entry.get("link"), issued=_date(entry),
                    author=entry.get("author"), language=language, where=f"entry {i}")
