"""Turning files into Articles, never stopping on a bad one.

Every reader yields either an :class:`Article` or a :class:`Reject` naming the file, the line
and the reason, so the caller can code everything that is readable and still report (and
exit non-zero for) what was not.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import html.parser
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.model import Article

ARTICLE_SUFFIXES = (".txt", ".jsonl", ".jsonl.gz", ".json", ".html", ".htm", ".warc", ".warc.gz")


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that could not be read as an article, and why."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


def parse_date(value: object) -> dt.date | None:
    """Article dates come as ISO dates, datetimes or compact YYYYMMDD; anything else is no date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for candidate in (text[:10], text):
        try:
            return dt.date.fromisoformat(candidate)
        except ValueError:
            pass
    if re.fullmatch(r"\d{8}", text):
        try:
            return dt.datetime.strptime(text, "%Y%m%d").date()
        except ValueError:
            return None
    return None


def content_id(text: str) -> str:
    """The id of an article that came without one: stable across runs, from its content."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def iter_articles(paths: Iterable[str | Path], default_date: dt.date | None = None) -> Iterator[Article | Reject]:
    """Articles (or rejects) from files, folders (recursively, sorted) and ``-`` for stdin."""
    for path in paths:
        if str(path) == "-":
            yield from _read_stdin(default_date)
            continue
        path = Path(path)
        if path.is_dir():
            found, unreadable = _walk(path)
            yield from unreadable
            if not found and not unreadable:
                yield Reject(str(path), None, "folder holds no .txt, .jsonl, .html or .warc files")
            for file in found:
                dates = _folder_dates(file.parent)
                yield from read_file(file, dates.get(file.name, default_date))
        else:
            yield from read_file(path, default_date)


def _walk(folder: Path) -> tuple[list[Path], list[Reject]]:
    """Article files below ``folder`` (sorted), and a reject for every sub-folder that cannot be read."""
    found: list[Path] = []
    unreadable: list[Reject] = []

    def report(error: OSError) -> None:
        unreadable.append(Reject(str(error.filename or folder), None, f"cannot read folder: {error.strerror}"))

    for root, dirs, files in os.walk(folder, onerror=report):
        dirs.sort()
        found.extend(Path(root) / name for name in files if _is_article_file(Path(root) / name))
    return sorted(found), unreadable


def _folder_dates(folder: Path) -> dict[str, dt.date]:
    """Plain-text articles carry no date; a ``dates.tsv`` beside them (file<TAB>YYYY-MM-DD) gives it."""
    table = folder / "dates.tsv"
    dates: dict[str, dt.date] = {}
    if not table.is_file():
        return dates
    for line in table.read_text(encoding="utf-8", errors="replace").splitlines():
        name, _, value = line.partition("\t")
        date = parse_date(value.strip())
        if name.strip() and date:
            dates[name.strip()] = date
    return dates


def _is_article_file(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(ARTICLE_SUFFIXES) and not name.startswith(".")


def read_file(path: Path, default_date: dt.date | None = None) -> Iterator[Article | Reject]:
    name = path.name.lower()
    if not path.exists():
        yield Reject(str(path), None, "no such file")
        return
    try:
        if name.endswith((".jsonl", ".jsonl.gz", ".json")):
            yield from read_jsonl(path, default_date)
        elif name.endswith((".warc", ".warc.gz")):
            from eventwire.io.warc import read_warc

            yield from read_warc(path, default_date)
        elif name.endswith((".html", ".htm")):
            yield from _single(path, _decode(path.read_bytes(), path), default_date, html_page=True)
        else:
            yield from _single(path, _decode(path.read_bytes(), path), default_date, html_page=False)
    except _BadBytes as exc:
        yield Reject(str(path), exc.line, exc.reason)
    except OSError as exc:
        yield Reject(str(path), None, f"cannot read: {exc.strerror or exc}")


class _BadBytes(Exception):
    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def _decode(data: bytes, path: Path) -> str:
    if b"\x00" in data[:8192]:
        raise _BadBytes("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _BadBytes(f"invalid UTF-8 at byte {exc.start}", line) from exc


def _single(path: Path, text: str, default_date: dt.date | None, html_page: bool) -> Iterator[Article | Reject]:
    title = None
    if html_page:
        title, text = html_to_text(text)
    if not text.strip():
        yield Reject(str(path), None, "empty text")
        return
    if title is None:
        title = _headline(text)
    yield Article(id=path.name.split(".")[0], text=text, title=title, date=default_date)


def _headline(text: str) -> str | None:
    """A first line followed by a blank line is the headline of a plain-text article."""
    parts = text.lstrip().split("\n", 2)
    if len(parts) >= 2 and not parts[1].strip() and len(parts[0]) < 300:
        return parts[0].strip()
    return None


def _read_stdin(default_date: dt.date | None) -> Iterator[Article | Reject]:
    data = sys.stdin.buffer.read()
    try:
        text = _decode(data, Path("-"))
    except _BadBytes as exc:
        yield Reject("<stdin>", exc.line, exc.reason)
        return
    if not text.strip():
        yield Reject("<stdin>", None, "empty text")
        return
    yield Article(id="stdin", text=text, title=_headline(text), date=default_date)


def read_jsonl(path: Path, default_date: dt.date | None = None) -> Iterator[Article | Reject]:
    """One article per line: ``id``, ``text`` and optional ``date``, ``title``, ``url``, ``source``."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as raw:
        stream: Iterable[bytes] = raw if not path.name.lower().endswith(".gz") else io.BufferedReader(raw)
        try:
            for number, line_bytes in enumerate(stream, 1):
                if not line_bytes.strip():
                    continue
                yield _jsonl_line(path, number, line_bytes, default_date)
        except (OSError, EOFError) as exc:
            yield Reject(str(path), None, f"cannot read compressed file: {exc}")


def json_object_line(raw: bytes) -> dict | str:
    """One JSON Lines line as an object, or the reason it is not one (for a message naming the line)."""
    if b"\x00" in raw:
        return "binary data (NUL bytes) in line"
    try:
        obj = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return f"invalid UTF-8 at byte {exc.start} of the line"
    except json.JSONDecodeError as exc:
        return f"not valid JSON: {exc.msg} (column {exc.colno})"
    if not isinstance(obj, dict):
        return "line is not a JSON object"
    return obj


def _jsonl_line(path: Path, number: int, line_bytes: bytes, default_date: dt.date | None) -> Article | Reject:
    obj = json_object_line(line_bytes)
    if isinstance(obj, str):
        return Reject(str(path), number, obj)
    text = obj.get("text")
    if not isinstance(text, str):
        return Reject(str(path), number, "no 'text' string")
    if not text.strip():
        return Reject(str(path), number, "empty text")
    raw_id = obj.get("id", obj.get("doc_id"))
    doc_id = str(raw_id) if raw_id not in (None, "") else content_id(text)
    date = parse_date(obj.get("date")) or default_date
    return Article(
        id=doc_id,
        text=text,
        title=_str_or_none(obj.get("title")),
        date=date,
        url=_str_or_none(obj.get("url")),
        source=_str_or_none(obj.get("source")),
    )


def _str_or_none(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


class _TextExtractor(html.parser.HTMLParser):
    """Visible text of a page: drops scripts, styles and markup; keeps paragraphs apart."""

    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header"}
    SKIP = {"script", "style", "noscript", "template", "svg", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP and self._skip:
            self._skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def html_to_text(page: str) -> tuple[str | None, str]:
    """(title, text) of an HTML page."""
    parser = _TextExtractor()
    parser.feed(page)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\n\s*\n(\s*\n)+", "\n\n", text)
    paragraphs = [p.strip() for p in text.split("\n\n")]
    body = "\n\n".join(p for p in paragraphs if p)
    title = " ".join("".join(parser.title).split()) or None
    return title, body
