"""Saved web pages: the main text without navigation, cookie banners, footers and related-article
lists (trafilatura), and the page's own title, date, author, canonical URL and language; the
declared charset honoured (Baltic pages still come in windows-1257 and ISO-8859-13).
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

from sikg.loaders.errors import InputError
from sikg.loaders.readers import Found

#: A page larger than this is refused (a news page is well under a megabyte of HTML).
MAX_PAGE_BYTES = 10_000_000
#: Fewer words than this in the main text: the page has none (a menu, a login page, an error page).
MIN_WORDS = 8
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
_LANG = re.compile(r"""<html[^>]*\slang\s*=\s*["']?([A-Za-z]{2,3})""", re.IGNORECASE)


def declared_charset(data: bytes, header: str | None = None) -> str | None:
    """The charset an HTTP header or the page's ``<meta>`` declares (the header wins).

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1257">')
    'windows-1257'
    """
    if header:
        m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", header, re.IGNORECASE)
        if m:
            return m.group(1).lower()
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def decode_page(data: bytes, where: str, header: str | None = None) -> str:
    """The page as text, in its declared charset (UTF-8 where none is declared); InputError when the
    declaration is wrong (the bytes are not in it, or are UTF-8 while a single-byte charset is said)."""
    charset = declared_charset(data, header) or "utf-8"
    try:
        codecs.lookup(charset)
    except LookupError:
        raise InputError(where, f"unknown declared charset {charset!r}") from None
    is_utf8 = codecs.lookup(charset).name == "utf-8"
    if not is_utf8 and re.search(rb"[\xc2-\xf4][\x80-\xbf]", data):
        try:
            data.decode("utf-8")
            raise InputError(where, f"declared {charset} but the bytes are UTF-8 (a wrong declared charset)")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode(charset)
    except UnicodeDecodeError as exc:
        raise InputError(where, f"not valid {charset} as declared (byte {exc.start})") from None


#: Meta properties that state a page's publication date, most explicit first.
_DATE_META = ("article:published_time", "og:published_time", "datePublished", "dc.date", "dcterms.issued", "date")


def _meta(head: str, names: tuple[str, ...]) -> str | None:
    """The content of the first ``<meta>`` (by property, name or itemprop) among ``names``."""
    for name in names:
        for tag in re.finditer(r"<meta\b[^>]*>", head, re.IGNORECASE):
            attrs = dict((k.lower(), v) for k, _, v in re.findall(r'([\w:.-]+)\s*=\s*(["\'])(.*?)\2', tag.group()))
            if name.lower() in (attrs.get("property", "").lower(), attrs.get("name", "").lower(),
                                attrs.get("itemprop", "").lower()) and attrs.get("content"):
                return attrs["content"].strip()
    return None


def _plain(fragment: str) -> str:
    import html

    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def read_page(data: bytes, where: str, *, url: str | None = None, header: str | None = None) -> Found:
    """The main text and metadata of one HTML page."""
    import trafilatura

    if len(data) > MAX_PAGE_BYTES:
        raise InputError(where, f"too large for a page ({len(data):,} bytes > {MAX_PAGE_BYTES:,})")
    if b"\x00" in data[:4096]:
        raise InputError(where, "binary data, not an HTML page")
    html = decode_page(data, where, header)
    if not re.search(r"<(html|body|p|article|div)\b", html[:100_000], re.IGNORECASE):
        raise InputError(where, "not an HTML page")
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True, deduplicate=False)
    if doc is None or len((doc.text or "").split()) < MIN_WORDS:
        raise InputError(where, "no main text found on the page (navigation or a cookie banner only)")
    text = doc.text.strip()
    title = (doc.title or "").strip()
    first, _, rest = text.partition("\n")
    heading = _H1.search(html)
    if heading and first.strip() == _plain(heading.group(1)) and title and first.strip() == title:
        text = rest.strip()  # the page's <h1> is its title, not a paragraph of the text
    lang = _LANG.search(html[:5000])
    head = html[:20_000]
    issued = _meta(head, _DATE_META) or doc.date  # what the page states over what is inferred (its URL)
    author = _meta(head, ("author",)) or doc.author
    return Found(title=title, text=text, url=doc.url or url, issued=issued, author=author,
                 language=lang.group(1).lower() if lang else None, where=where)


def read_page_file(path: Path, data: bytes) -> Iterator[Found | InputError]:
    try:
        yield read_page(data, str(path))
    except InputError as exc:
        yield exc
