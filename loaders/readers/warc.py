"""Web archives (warcio): every HTML response in a ``.warc`` or ``.warc.gz`` is a page."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sikg.loaders.errors import InputError
from sikg.loaders.readers import Found
from sikg.loaders.readers.pages import MAX_PAGE_BYTES, read_page

HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, _data: bytes = b"") -> Iterator[Found | InputError]:
    """The pages of the archive's successful HTML responses, streamed record by record."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    where = str(path)
    records = 0
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.format != "warc":  # warcio reads any text as an old ARC record: refuse it
                    yield InputError(where, f"not a readable WARC file (a record of format {record.format!r})")
                    return
                records += 1
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                status = record.http_headers.get_statuscode()
                ctype = record.http_headers.get_header("Content-Type") or ""
                if status != "200" or not ctype.lower().startswith(HTML_TYPES):
                    continue  # redirects, errors, images and feeds are kept in the archive, not read
                body = record.content_stream().read(MAX_PAGE_BYTES + 1)
                try:
                    yield read_page(body, f"{where}: {url}", url=url, header=ctype)
                except InputError as exc:
                    yield exc
    except (ArchiveLoadFailed, OSError, ValueError) as exc:
        yield InputError(where, f"not a readable WARC file ({exc})")
        return
    if records == 0:
        yield InputError(where, "not a readable WARC file (no records in it)")
