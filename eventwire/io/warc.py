"""Articles from WARC crawls (``.warc``, ``.warc.gz``), such as CC-NEWS.

Each successful HTML or plain-text capture is one article: doc_id is the WARC-Record-ID, the
date the capture date (crawls of news are made within hours of publication), url the target
URI and source its host. Requests, metadata, redirects, errors and non-text captures (images,
scripts) are not articles and are passed over silently; a capture that cannot be decoded or
has no visible text is a Reject naming the record's number.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from eventwire.io.readers import Reject, html_to_text, parse_date
from eventwire.model import Article

TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def read_warc(path: Path, default_date: dt.date | None = None) -> Iterator[Article | Reject]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with open(path, "rb") as stream:
        number = found = 0
        try:
            for number, record in enumerate(ArchiveIterator(stream), 1):  # noqa: B007 - used after the loop
                if record.format != "warc":
                    yield Reject(str(path), number, f"not a WARC file (record {number} reads as {record.format})")
                    return
                item = _record_article(path, number, record, default_date)
                if item is not None:
                    found += 1
                    yield item
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            yield Reject(str(path), number + 1, f"not a readable WARC record: {exc}")
            return
    if not found:
        yield Reject(str(path), None, f"no HTML or text captures in {number} WARC records")


def _record_article(path: Path, number: int, record: object, default_date: dt.date | None) -> Article | Reject | None:
    kind = record.rec_type
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
    if media_type == "text/plain":
        title, text = None, page
    else:
        title, text = html_to_text(page)
    if not text.strip():
        return Reject(str(path), number, f"WARC record {number} ({url or 'no URI'}): no visible text")
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
    return Article(
        id=record_id or f"{path.name}#{number}",
        text=text,
        title=title,
        date=parse_date(record.rec_headers.get_header("WARC-Date")) or default_date,
        url=url,
        source=urlsplit(url).hostname if url else None,
    )


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
