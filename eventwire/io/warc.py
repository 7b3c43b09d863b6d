"""Articles from WARC crawls (``.warc``, ``.warc.gz``), such as CC-NEWS.

Each successful HTML or plain-text capture is one article: doc_id is the WARC-Record-ID, the
date the capture date (crawls of news are made within hours of publication), url the target
URI and source its host (the page's own publication date, title and URL win when it states
them). Requests, metadata, redirects, errors and non-text captures (images, scripts) are not
articles and are passed over silently; a capture that cannot be decoded or has no visible
text, a record cut short (a truncated download) and a record whose type is damaged are
Rejects naming the record's number, so nothing is lost without a word.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from eventwire.io.article_dates import parse_date
from eventwire.io.html import page_article
from eventwire.io.readers import Reject
from eventwire.model import Article

TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
WARC_TYPES = frozenset({"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion",
                        "continuation"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def read_warc(path: Path, default_date: dt.date | None = None) -> Iterator[Article | Reject]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with open(path, "rb") as stream:
        number = found = 0
        last_offset = last_end = 0
        try:
            records = ArchiveIterator(stream)
            for number, record in enumerate(records, 1):  # noqa: B007 - used after the loop
                if record.format != "warc":
                    yield Reject(str(path), number, f"not a WARC file (record {number} reads as {record.format})")
                    return
                item = _record_article(path, number, record, default_date)
                last_offset = records.get_record_offset()  # reads the record to its end: after using it
                last_end = last_offset + records.get_record_length()
                if item is not None:
                    found += 1
                    yield item
        except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError, TypeError, KeyError, IndexError) as exc:
            # warcio fails in many ways on a header cut in two (AttributeError on a missing URI, ...)
            yield Reject(str(path), number + 1, f"WARC record {number + 1} is not readable (the file is truncated "
                                                f"or corrupt): {type(exc).__name__}: {exc}")
            return
    cut = (_gzip_tail_problem(path, last_offset, number) if path.name.lower().endswith(".gz")
           else _tail_problem(path, last_end, number))
    if cut is not None:
        yield cut
    if not found:
        yield Reject(str(path), None, f"no HTML or text captures in {number} WARC records")


def _record_article(path: Path, number: int, record: object, default_date: dt.date | None) -> Article | Reject | None:
    kind = record.rec_type
    if kind not in WARC_TYPES:
        what = f"unknown or damaged WARC-Type {kind!r}" if kind else "no WARC-Type (a damaged or cut-off header)"
        return Reject(str(path), number, f"WARC record {number}: {what}; skipped")
    cut = _cut_short(record)
    if cut:
        return Reject(str(path), number, f"WARC record {number}: {cut} (the file is truncated or corrupt)")
    if kind == "response":
        http = record.http_headers
        if http is None or not http.get_statuscode().startswith("2"):
            return None
        content_type = http.get_header("Content-Type") or ""
    elif kind in ("resource", "conversion"):
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    media_type = content_type.split(";")[0].strip().lower()
    if media_type not in TEXT_TYPES:
        return None
    data = record.content_stream().read()
    try:
        page = _decode(data, content_type)
    except ValueError as exc:
        return Reject(str(path), number, f"WARC record {number}: {exc}")
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    title, page_date = None, None
    if media_type == "text/plain":
        text = page
    else:
        found = page_article(page)
        title, text, page_date = found.title, found.text, found.date
    if not text.strip():
        return Reject(str(path), number, f"WARC record {number} ({url or 'no URI'}): no visible text")
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
    return Article(
        id=record_id or f"{path.name}#{number}",
        text=text,
        title=title,
        date=page_date or parse_date(record.rec_headers.get_header("WARC-Date")) or default_date,
        url=url,
        source=urlsplit(url).hostname if url else None,
    )


def _tail_problem(path: Path, last_end: int, number: int) -> Reject | None:
    """A .warc cut inside a record's header: warcio stops at the last whole record without a word."""
    with open(path, "rb") as stream:
        stream.seek(last_end)
        rest = stream.read(1 << 16)
    if rest.strip(b"\x00\r\n "):
        return Reject(str(path), number + 1, f"WARC record {number + 1}: cut short or corrupt "
                                             f"(the bytes after record {number} are not a whole record)")
    return None


def _gzip_tail_problem(path: Path, last_offset: int, number: int) -> Reject | None:
    """A .warc.gz cut inside a record: warcio stops at the last whole gzip member without a word.

    The member of the last record read must end cleanly, and nothing but padding may follow it.
    """
    with open(path, "rb") as stream:
        stream.seek(last_offset)
        tail = stream.read()
    if not tail:
        return None
    inflate = zlib.decompressobj(wbits=31)
    try:
        inflate.decompress(tail)
    except zlib.error as exc:
        return Reject(str(path), max(number, 1), f"WARC record {max(number, 1)}: corrupt gzip data ({exc})")
    if number and not inflate.eof:
        return Reject(str(path), number, f"WARC record {number}: cut short (the file ends inside it)")
    rest = inflate.unused_data if number else tail
    if rest.strip(b"\x00\r\n "):
        return Reject(str(path), number + 1, f"WARC record {number + 1}: cut short or corrupt "
                                             f"({len(rest):,} bytes after record {number} are not a whole record)")
    return None


def _cut_short(record: object) -> str | None:
    """Why a record's block is shorter than its Content-Length says (None when it is whole).

    warcio hands out what a cut file still holds without complaint; the block is read here
    (and kept, so the content can still be decoded) to compare its length with the header.
    """
    try:
        declared = int(record.rec_headers.get_header("Content-Length") or -1)
    except ValueError:
        return "Content-Length is not a number"
    raw = record.raw_stream.read()
    record.raw_stream = io.BytesIO(raw)
    http = getattr(record, "http_headers", None)
    got = len(raw) + (http.total_len if http is not None else 0)
    if 0 <= got < declared:
        return f"cut short: {got:,} of {declared:,} bytes"
    return None


def _decode(data: bytes, content_type: str) -> str:
    """Text of a capture in the charset its headers (or its <meta>) declare; UTF-8 otherwise."""
    if b"\x00" in data[:8192]:
        raise ValueError("binary content (NUL bytes) labelled as text")
    charset = _declared_charset(content_type, data)
    error: UnicodeDecodeError | None = None
    for candidate in dict.fromkeys([charset, "utf-8"]):
        if candidate is None:
            continue
        try:
            return data.decode(candidate)
        except LookupError:
            continue
        except UnicodeDecodeError as exc:
            error = exc
    raise ValueError(f"invalid {error.encoding} at byte {error.start}" if error else "undecodable text")


def _declared_charset(content_type: str, data: bytes) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None
