"""JSON Lines: one object per line with ``text`` and optional ``title``, ``url``, ``date``,
``language``, ``publisher``: what a scraper or another pipeline hands over."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from sikg.loaders.errors import InputError
from sikg.loaders.readers import Found

FIELDS = ("text", "title", "url", "date", "language", "publisher", "author")


def read_jsonl(path: Path, data: bytes) -> Iterator[Found | InputError]:
    """One article per line; a bad line is one InputError naming it, and the file goes on."""
    where = str(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield InputError(where, f"not UTF-8 text (byte {exc.start})")
        return
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"line {n}: not JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            yield InputError(where, f"line {n}: not a JSON object")
            continue
        bad = [k for k in FIELDS if k in obj and obj[k] is not None and not isinstance(obj[k], str)]
        if bad:
            yield InputError(where, f"line {n}: field {bad[0]!r} must be a string")
            continue
        if not (obj.get("text") or "").strip():
            yield InputError(where, f"line {n}: field 'text' is missing or empty")
            continue
        language = obj.get("language")
        if language and not (2 <= len(language) <= 3 and language.isalpha()):
            yield InputError(where, f"line {n}: field 'language': {language!r} is not a language code")
            continue
        yield Found(title=obj.get("title") or "", text=obj["text"], url=obj.get("url"), issued=obj.get("date"),
                    author=obj.get("author"), language=language, publisher=obj.get("publisher"),
                    where=f"line {n}")
