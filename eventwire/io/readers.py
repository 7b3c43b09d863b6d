"""Turning files into Articles, never stopping on a bad one.

Every reader yields an :class:`Article`, a :class:`Reject` naming the file, the line and the
reason, or a :class:`Notice` (the input was read, but the user should know something about it:
a date that could not be read, a file taken as plain text). The caller codes everything that is
readable, reports the rest and exits non-zero for rejects.

What must hold across the files of one run lives in an :class:`ArticleReader`: each folder's
``dates.tsv`` is read once, a doc_id used again for a different text is a reject, and a missing
article date is reported once.
"""

from __future__ import annotations

import datetime as dt
import errno
import gzip
import hashlib
import io
import json
import os
import stat
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.io.article_dates import parse_date, parse_iso_date
from eventwire.io.html import page_article, visible_text
from eventwire.model import Article

__all__ = ["ARTICLE_SUFFIXES", "ArticleReader", "Notice", "Reject", "article_files", "content_id", "html_to_text",
           "iter_articles", "json_object_line", "parse_date", "parse_iso_date", "read_file", "read_jsonl"]

ARTICLE_SUFFIXES = (".txt", ".jsonl", ".jsonl.gz", ".json", ".html", ".htm", ".warc", ".warc.gz")
_TEXT_SUFFIXES = (".txt", ".html", ".htm")
DATES_TABLE = "dates.tsv"
MAX_ID_CHARS = 1000


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that could not be read as an article, and why."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Notice:
    """Something about an input that was still read which the user should know."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


Item = Article | Reject | Notice
Located = tuple[int | None, Item]  # the line an item came from (None: the whole file)


def content_id(text: str) -> str:
    """The id of an article that came without one: stable across runs, from its content."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def iter_articles(paths: Iterable[str | Path], default_date: dt.date | None = None) -> Iterator[Item]:
    """Articles, rejects and notices from files, folders (recursively, sorted) and ``-`` for stdin."""
    for _, item in ArticleReader(default_date).read(paths):
        yield item


class ArticleReader:
    """One run's reading of its inputs (see the module docstring for what spans files)."""

    def __init__(self, default_date: dt.date | None = None) -> None:
        self.default_date = default_date
        self._tables: dict[Path, dict[str, dt.date]] = {}
        self._seen: dict[str, tuple[bytes, str, int | None]] = {}  # doc_id -> text digest, where first
        self._told_undated = False

    def read(self, paths: Iterable[str | Path]) -> Iterator[tuple[str, Item]]:
        """(input file, item) pairs, so a caller can name the file of anything it rejects later."""
        for path in paths:
            if str(path) == "-":
                yield from (("<stdin>", item) for item in self._checked("<stdin>", _read_stdin(self.default_date)))
                continue
            path = Path(path)
            if path.is_dir():
                files, problems = article_files(path)
                yield from ((str(p.path), p) for p in problems)
                if not files and not any(isinstance(p, Reject) for p in problems):
                    yield str(path), Reject(str(path), None, "folder holds no .txt, .jsonl, .html or .warc files")
                for file in files:
                    yield from self._file(file, root=path)
            else:
                yield from self._file(path, root=path.parent)

    def _file(self, path: Path, root: Path) -> Iterator[tuple[str, Item]]:
        name = str(path)
        table_date, notices = self._table_date(path)
        yield from ((name, n) for n in notices)
        try:
            located = _read_located(path, root, table_date, self.default_date)
            for item in self._checked(name, located):
                yield name, item
        except Exception as exc:  # noqa: BLE001 - a reader bug ends this file, never the run
            yield name, Reject(name, None, f"reading stopped: {type(exc).__name__}: {exc}")

    def _checked(self, path: str, located: Iterable[Located]) -> Iterator[Item]:
        for line, item in located:
            if isinstance(item, Article):
                item = self._unique(path, line, item)
                if isinstance(item, Article) and item.date is None and not self._told_undated:
                    self._told_undated = True
                    yield Notice(path, line, "no article date (none in the input, no dates.tsv entry, no --date): "
                                             "relative dates such as 'on Monday' stay unresolved (said once)")
            yield item

    def _unique(self, path: str, line: int | None, article: Article) -> Article | Reject:
        digest = hashlib.sha1(article.text.encode("utf-8")).digest()[:8]
        seen = self._seen.setdefault(article.id, (digest, path, line))
        if seen[0] == digest:
            return article  # new, or the same text again (stores keep one)
        first = f"{seen[1]}:{seen[2]}" if seen[2] else seen[1]
        return Reject(path, line, f"doc_id {article.id!r} already used by {first} for a different text "
                                  "(ids must be unique)")

    def _table_date(self, path: Path) -> tuple[dt.date | None, list[Notice]]:
        """The file's date in the ``dates.tsv`` beside it; the table is read once per folder."""
        folder = path.parent
        notices: list[Notice] = []
        if folder not in self._tables:
            self._tables[folder], notices = read_dates_table(folder / DATES_TABLE)
        return self._tables[folder].get(path.name), notices


def read_dates_table(table: Path) -> tuple[dict[str, dt.date], list[Notice]]:
    """Plain-text articles carry no date; a ``dates.tsv`` (file<TAB>date) beside them gives it."""
    dates: dict[str, dt.date] = {}
    notices: list[Notice] = []
    try:
        if not table.is_file():
            return dates, notices
        lines = table.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        return dates, [Notice(str(table), None, f"cannot read: {exc.strerror or exc}; its files are undated")]
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, _, value = line.partition("\t")
        date = parse_date(value.strip())
        if name.strip() and date:
            dates[name.strip()] = date
        else:
            notices.append(Notice(str(table), number, f"not 'file<TAB>date' with a date we can read: {line[:80]!r}"))
    return dates, notices


def article_files(folder: Path) -> tuple[list[Path], list[Reject | Notice]]:
    """Article files below ``folder`` (sorted), and what was skipped there and why.

    Symlinked folders are followed unless they lead back into a folder being walked (a loop);
    named pipes, sockets and devices are skipped (opening a pipe would wait for a writer forever).
    """
    found: list[Path] = []
    problems: list[Reject | Notice] = []
    ignored: Counter = Counter()
    walking: set[tuple[int, int]] = set()

    def visit(current: Path) -> None:
        try:
            info = current.stat()
            entries = _sorted_entries(current)
        except OSError as exc:
            problems.append(Reject(str(exc.filename or current), None, f"cannot read folder: {_why(exc)}; skipped"))
            return
        key = (info.st_dev, info.st_ino)
        if key in walking:
            problems.append(Reject(str(current), None, "symlink loop (leads back into a folder being read); skipped"))
            return
        walking.add(key)
        for entry in entries:
            path = Path(entry.path)
            if _is_folder(entry):
                visit(path)
            elif entry.name.startswith("."):
                continue
            elif not entry.name.lower().endswith(ARTICLE_SUFFIXES):
                if entry.name != DATES_TABLE:
                    ignored[_suffix(entry.name) or "no extension"] += 1
            elif (kind := _not_a_file(path)) is not None:
                problems.append(Reject(str(path), None, f"{kind}; skipped"))
            else:
                found.append(path)
        walking.discard(key)

    visit(folder)
    if ignored:
        kinds = ", ".join(f"{n} {suffix}" for suffix, n in sorted(ignored.items()))
        problems.append(Notice(str(folder), None, f"ignored files that are not articles ({kinds})"))
    return sorted(found), problems


def _sorted_entries(folder: Path) -> list[os.DirEntry]:
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda e: e.name)


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _not_a_file(path: Path) -> str | None:
    """Why ``path`` is not a regular file we can read, or None when it is one."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop"
        if exc.errno == errno.ENOENT:
            return "broken symlink"
        return f"cannot read: {_why(exc)}"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    return "a device, not a file"


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _suffix(name: str) -> str:
    lower = name.lower()
    return lower[lower.rfind("."):] if "." in lower.lstrip(".") else ""


def read_file(path: Path, default_date: dt.date | None = None) -> Iterator[Item]:
    """Articles of one file (its doc_id, for text files, is its name without the extension)."""
    for _, item in _read_located(path, path.parent, None, default_date):
        yield item


def _read_located(path: Path, root: Path, table_date: dt.date | None,
                  default_date: dt.date | None) -> Iterator[Located]:
    name = path.name.lower()
    if not path.exists():
        yield None, Reject(str(path), None, "no such file")
        return
    if path.is_dir():
        yield None, Reject(str(path), None, "a folder given where a file was expected")
        return
    suffix = _suffix(path.name)
    if not name.endswith(ARTICLE_SUFFIXES) and suffix:
        yield None, Reject(str(path), None, f"unsupported file type {suffix!r}: eventwire reads "
                                            f"{', '.join(ARTICLE_SUFFIXES)} (a plain-text file must end in .txt)")
        return
    try:
        if name.endswith((".jsonl", ".jsonl.gz", ".json")):
            yield from _jsonl_located(path, table_date or default_date)
        elif name.endswith((".warc", ".warc.gz")):
            from eventwire.io.warc import read_warc

            yield from ((getattr(item, "line", None), item) for item in read_warc(path, table_date or default_date))
        else:
            if not suffix:
                yield None, Notice(str(path), None, "no file extension: read as plain text")
            text = _decode(path.read_bytes())
            yield None, _single(path, root, text, table_date, default_date, html_page=name.endswith((".html", ".htm")))
    except _BadBytes as exc:
        yield exc.line, Reject(str(path), exc.line, exc.reason)
    except OSError as exc:
        yield None, Reject(str(path), None, f"cannot read: {exc.strerror or exc}")


class _BadBytes(Exception):
    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise _BadBytes("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _BadBytes(f"invalid UTF-8 at byte {exc.start}", line) from exc


def text_file_id(path: Path, root: Path) -> str:
    """The doc_id of a text or HTML file: its path below the input root, without the extension.

    ``a/report.txt`` and ``b/report.txt``, or ``a.b.txt`` and ``a.c.txt``, are different articles.
    """
    try:
        relative = path.relative_to(root).as_posix()
    except ValueError:
        relative = path.name
    lower = relative.lower()
    for suffix in _TEXT_SUFFIXES:
        if lower.endswith(suffix):
            return relative[: -len(suffix)]
    return relative


def _single(path: Path, root: Path, text: str, table_date: dt.date | None, default_date: dt.date | None,
            html_page: bool) -> Article | Reject:
    title = url = source = page_date = None
    if html_page:
        page = page_article(text)
        text, title, url, source, page_date = page.text, page.title, page.url, page.site, page.date
    if not text.strip():
        return Reject(str(path), None, "empty text")
    return Article(id=text_file_id(path, root), text=text, title=title or _headline(text),
                   date=table_date or page_date or default_date, url=url, source=source)


def _headline(text: str) -> str | None:
    """A first line followed by a blank line is the headline of a plain-text article."""
    parts = text.lstrip().split("\n", 2)
    if len(parts) >= 2 and not parts[1].strip() and len(parts[0]) < 300:
        return parts[0].strip()
    return None


def _read_stdin(default_date: dt.date | None) -> Iterator[Located]:
    """One article on stdin; its id comes from its content, so two different stdin articles never collide."""
    data = sys.stdin.buffer.read()
    try:
        text = _decode(data)
    except _BadBytes as exc:
        yield exc.line, Reject("<stdin>", exc.line, exc.reason)
        return
    if not text.strip():
        yield None, Reject("<stdin>", None, "empty text")
        return
    yield None, Article(id=content_id(text), text=text, title=_headline(text), date=default_date)


def read_jsonl(path: Path, default_date: dt.date | None = None) -> Iterator[Item]:
    """One article per line: ``id``, ``text`` and optional ``date``, ``title``, ``url``, ``source``."""
    for _, item in _jsonl_located(path, default_date):
        yield item


def _jsonl_located(path: Path, default_date: dt.date | None) -> Iterator[Located]:
    gz = path.name.lower().endswith(".gz")
    opener = gzip.open if gz else open
    lines = 0
    with opener(path, "rb") as raw:
        stream: Iterable[bytes] = io.BufferedReader(raw) if gz else raw
        try:
            for number, line_bytes in enumerate(stream, 1):
                if not line_bytes.strip():
                    continue
                lines += 1
                for item in _jsonl_line(path, number, line_bytes, default_date):
                    yield number, item
        except (OSError, EOFError) as exc:
            yield None, Reject(str(path), None, f"cannot read compressed file: {exc}")
            return
    if not lines:
        yield None, Reject(str(path), None, "empty file: no articles")


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
    except RecursionError:
        return "JSON nested too deeply to read"
    if not isinstance(obj, dict):
        return "line is not a JSON object"
    return obj


def _jsonl_line(path: Path, number: int, line_bytes: bytes, default_date: dt.date | None) -> list[Item]:
    obj = json_object_line(line_bytes)
    if isinstance(obj, str):
        return [Reject(str(path), number, obj)]
    problem = field_problem(obj)
    if problem:
        return [Reject(str(path), number, problem)]
    text = obj["text"]
    if not text.strip():
        return [Reject(str(path), number, "empty text")]
    raw_id = obj["id"] if obj.get("id") is not None else obj.get("doc_id")
    doc_id = str(raw_id).strip() if raw_id is not None else ""
    date_value = obj.get("date")
    date = parse_date(date_value)
    items: list[Item] = []
    if date is None and date_value not in (None, ""):
        fallback = f"using --date {default_date.isoformat()}" if default_date else "the article is undated"
        items.append(Notice(str(path), number, f"date {date_value!r} is not a date we can read; {fallback}"))
    items.append(Article(
        id=doc_id or content_id(text),
        text=text,
        title=obj.get("title") or None,
        date=date or default_date,
        url=obj.get("url") or None,
        source=obj.get("source") or None,
    ))
    return items


def field_problem(obj: dict) -> str | None:
    """Why an article object's fields have the wrong types (None when they are fine).

    Python's repr of a wrong value ("{'nested': 1}", "inf") must never become an id or a title.
    """
    text = obj.get("text")
    if text is None:
        return "no 'text' string"
    if not isinstance(text, str):
        return f"'text' must be a string, not {_json_kind(text)}"
    for key in ("id", "doc_id"):
        value = obj.get(key)
        if value is not None and not (isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))):
            return f"'{key}' must be a string or an integer, not {_json_kind(value)} ({_preview(value)})"
        if isinstance(value, str) and len(value) > MAX_ID_CHARS:
            return f"'{key}' is {len(value):,} characters long (at most {MAX_ID_CHARS:,})"
    for key in ("title", "url", "source"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            return f"'{key}' must be a string, not {_json_kind(value)} ({_preview(value)})"
    date = obj.get("date")
    if date is not None and (isinstance(date, bool) or not isinstance(date, str | int | float)):
        return f"'date' must be a string or a Unix timestamp, not {_json_kind(date)} ({_preview(date)})"
    return None


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return "a non-finite number"
    return {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__)


def _preview(value: object) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (ValueError, RecursionError):
        text = "?"
    return text if len(text) <= 40 else text[:37] + "..."


def html_to_text(page: str) -> tuple[str | None, str]:
    """(title, text) of an HTML page's article (see :mod:`eventwire.io.html`)."""
    found = page_article(page)
    return found.title, found.text


__all__ += ["field_problem", "read_dates_table", "text_file_id", "visible_text"]
