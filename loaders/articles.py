"""Read articles (plain text, line 1 = title) and their source metadata (``sources.tsv``).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Title\\n\\nBody text.", encoding="utf-8")
>>> read_article(d / "a.txt").title
'Title'
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sikg.loaders.errors import InputError
from sikg.loaders.language import detect_language

log = logging.getLogger(__name__)

#: Articles larger than this are refused: news items and project pages are kilobytes.
MAX_ARTICLE_BYTES = 2_000_000
#: Article files: plain text, saved pages, feeds, web archives, JSON Lines (``sikg.loaders.readers``).
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".xml", ".rss", ".atom", ".warc", ".warc.gz", ".jsonl")
ANNOTATION_SUFFIXES = (".json",)
METADATA_NAMES = ("sources.tsv",)


@dataclass(frozen=True, slots=True)
class Source:
    """Where an article came from (one row of ``sources.tsv``)."""

    url: str | None = None
    language: str | None = None
    publisher: str | None = None
    read_on: dt.date | None = None
    issued: dt.date | None = None  # the article's own publication date
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its file stem names its graph and its annotation file."""

    stem: str
    path: Path
    title: str
    text: str
    source: Source = field(default_factory=Source)

    @property
    def file_name(self) -> str:
        """The name its annotation refers to: its file's where the file holds just it, else its stem's
        (an entry of a feed, a record of an archive, a line of JSON Lines)."""
        return self.path.name if self.path and self.path.stem == self.stem else f"{self.stem}.txt"

    @property
    def body(self) -> str:
        """The text after the title line."""
        return self.text.split("\n", 1)[1] if "\n" in self.text else ""


@dataclass
class Inputs:
    """What a list of input paths holds, by kind."""

    articles: list[Path] = field(default_factory=list)
    annotations: list[Path] = field(default_factory=list)
    metadata: list[Path] = field(default_factory=list)


def discover_inputs(paths: Iterable[Path]) -> Inputs:
    """Sort files and folders into articles, annotation files and metadata files.

    Raises InputError for a path that does not exist.
    """
    found = Inputs()
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise InputError(path, "no such file or folder")
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            if f.name.startswith("."):
                continue
            if f.name in METADATA_NAMES:
                found.metadata.append(f)
            elif f.name.lower().endswith(ARTICLE_SUFFIXES):
                found.articles.append(f)
            elif f.suffix.lower() in ANNOTATION_SUFFIXES:
                found.annotations.append(f)
            else:
                log.info("skipping %s: neither an article (.txt), an annotation (.json) nor sources.tsv", f)
    return found


def iso_date(value: str | None) -> dt.date | None:
    """The date at the start of an ISO 8601 text (``2023-05-04T10:00:00+03:00`` too), or None.

    >>> iso_date("2023-05-04T10:00:00+03:00"), iso_date("in May"), iso_date(None)
    (datetime.date(2023, 5, 4), None, None)
    """
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def read_sources(path: Path) -> dict[str, Source]:
    r"""Read a ``sources.tsv`` (columns: file, url, language, publisher[, read, issued]), strictly: cells are
    separated by tabs and quotation marks are ordinary characters, every row has at most the
    header's cells, and a bad value is a one-line InputError naming the line and the field.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "sources.tsv"
    >>> _ = p.write_text("file\turl\tlanguage\tpublisher\na.txt\t\tlv lv\tX\n", encoding="utf-8")
    >>> read_sources(p)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sikg.loaders.errors.InputError: ...sources.tsv: line 2: field 'language': 'lv lv' is not a language code (lv, en, ...)
    """
    try:
        text = path.read_text(encoding="utf-8-sig")  # a byte-order mark is not part of the header
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    lines = text.splitlines()
    header = [h.strip() for h in lines[0].split("\t")] if lines else []
    if "file" not in header:
        raise InputError(path, "a sources file needs a header row with a 'file' column")
    out: dict[str, Source] = {}
    first_line: dict[str, int] = {}
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) > len(header):
            raise InputError(path, f"line {n}: {len(cells)} cells but the header has {len(header)} (a tab inside a value?)")
        row = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
        if not row["file"]:
            raise InputError(path, f"line {n}: field 'file' is empty")
        stem = Path(row["file"]).stem
        if stem in first_line:
            raise InputError(path, f"line {n}: {row['file']!r} is already described on line {first_line[stem]}")
        first_line[stem] = n
        language = row.get("language") or ""
        if language and not _LANGUAGE_TAG.match(language):
            raise InputError(path, f"line {n}: field 'language': {language!r} is not a language code (lv, en, ...)")
        url = row.get("url") or ""
        if url and (not re.match(r"^https?://\S+$", url)):
            raise InputError(path, f"line {n}: field 'url': {url[:80]!r} is not an http(s) URL")
        dates = {}
        for column in ("read", "issued"):
            value = row.get(column) or ""
            try:
                dates[column] = dt.date.fromisoformat(value) if value else None
            except ValueError:
                raise InputError(path, f"line {n}: field {column!r}: {value!r} is not an ISO date") from None
        out[stem] = Source(url=url or None, language=language or None, publisher=row.get("publisher") or None,
                           read_on=dates["read"], issued=dates["issued"])
    return out


def decode_article(path: Path, data: bytes) -> str:
    """Bytes of an article file to text, or InputError saying why it is not an article."""
    if not data.strip():
        raise InputError(path, "empty file")
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(path, f"too large for an article ({len(data):,} bytes > {MAX_ARTICLE_BYTES:,})")
    if b"\x00" in data:
        raise InputError(path, "binary file (contains NUL bytes), not a text article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (invalid byte at offset {exc.start})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_article(path: Path, source: Source | None = None) -> Article:
    """Read one article file; the first non-empty line is its title."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise InputError(path, f"too large for an article ({size:,} bytes > {MAX_ARTICLE_BYTES:,})")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    text = decode_article(path, data).strip("\n")
    title = next((line.strip() for line in text.split("\n") if line.strip()), "")
    source = source or Source()
    if not source.language:  # decided once, here: every later stage reads it from the article
        source = replace(source, language=detect_language(text))
    return Article(stem=path.stem, path=path, title=title, text=text, source=source)
