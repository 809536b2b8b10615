"""Read articles (plain text, line 1 = title) and their source metadata (``sources.tsv``).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Title\\n\\nBody text.", encoding="utf-8")
>>> read_article(d / "a.txt").title
'Title'
"""
from __future__ import annotations

import csv
import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sikg.loaders.errors import InputError
from sikg.loaders.language import detect_language

log = logging.getLogger(__name__)

#: Articles larger than this are refused: news items and project pages are kilobytes.
MAX_ARTICLE_BYTES = 2_000_000
ARTICLE_SUFFIXES = (".txt",)
ANNOTATION_SUFFIXES = (".json",)
METADATA_NAMES = ("sources.tsv",)


@dataclass(frozen=True, slots=True)
class Source:
    """Where an article came from (one row of ``sources.tsv``)."""

    url: str | None = None
    language: str | None = None
    publisher: str | None = None
    read_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One article: its file stem names its graph and its annotation file."""

    stem: str
    path: Path
    title: str
    text: str
    source: Source = field(default_factory=Source)

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
            elif f.suffix.lower() in ARTICLE_SUFFIXES:
                found.articles.append(f)
            elif f.suffix.lower() in ANNOTATION_SUFFIXES:
                found.annotations.append(f)
            else:
                log.info("skipping %s: neither an article (.txt), an annotation (.json) nor sources.tsv", f)
    return found


def read_sources(path: Path) -> dict[str, Source]:
    """Read a ``sources.tsv`` (columns: file, url, language, publisher[, read])."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (byte {exc.start})") from None
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    if not rows.fieldnames or "file" not in rows.fieldnames:
        raise InputError(path, "a sources file needs a header row with a 'file' column")
    out: dict[str, Source] = {}
    for n, row in enumerate(rows, start=2):
        read = (row.get("read") or "").strip()
        try:
            read_on = dt.date.fromisoformat(read) if read else None
        except ValueError:
            raise InputError(path, f"line {n}: 'read' is not an ISO date: {read!r}") from None
        out[Path(row["file"]).stem] = Source(
            url=(row.get("url") or "").strip() or None,
            language=(row.get("language") or "").strip() or None,
            publisher=(row.get("publisher") or "").strip() or None,
            read_on=read_on,
        )
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
