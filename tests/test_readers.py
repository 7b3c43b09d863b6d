"""Reading inputs without coding them: ids, dates, field types, odd files and folders, HTML, WARC.

No spaCy model here: these tests run in well under a second each. What must hold through the
command line (exit codes, messages, events) is in test_cli.py and test_ingest.py.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import socket
from pathlib import Path
from unittest import mock

import pytest

from eventwire.io import readers
from eventwire.io.readers import Notice, Reject, iter_articles, json_object_line, parse_date
from eventwire.model import Article

STORY = "Russia accused Ukraine of shelling the town on Monday, officials said."


def items(*paths, default_date=None) -> list:
    return list(iter_articles(list(paths), default_date=default_date))


def articles(found: list) -> list[Article]:
    return [i for i in found if isinstance(i, Article)]


def rejects(found: list) -> list[Reject]:
    return [i for i in found if isinstance(i, Reject)]


def notices(found: list) -> list[Notice]:
    return [i for i in found if isinstance(i, Notice)]


def write_jsonl(path: Path, *objects: object) -> Path:
    path.write_text("".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objects), encoding="utf-8")
    return path


# -- issue 13, point 14: article dates ----------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    ("2022-03-01", "2022-03-01"),
    ("2022-03-01T23:10:00+02:00", "2022-03-01"),
    ("20220301", "2022-03-01"),
    (1646092800, "2022-03-01"),  # a Unix timestamp, not 1646-09-28
    ("1646092800", "2022-03-01"),
    (1646092800000, "2022-03-01"),  # milliseconds
    ("Tue, 01 Mar 2022 09:30:00 +0100", "2022-03-01"),  # RFC 2822, as RSS writes dates
    ("Tue, 01 Mar 2022 23:30:00 -0500", "2022-03-01"),  # the day where it was published
    ("March 1, 2022", "2022-03-01"),
    ("Mar. 1, 2022", "2022-03-01"),
    ("1 March 2022", "2022-03-01"),
    ("Tuesday, 1st March 2022", "2022-03-01"),
    ("01/03/2022", "2022-03-01"),  # day first: README, "Inputs"
    ("1.3.2022", "2022-03-01"),
    ("12/25/2022", "2022-12-25"),  # only month first makes a date
    ("25/12/2022", "2022-12-25"),
    ("2022/03/01", "2022-03-01"),
])
def test_common_date_formats_parse(value, expected):
    assert parse_date(value) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize("value", ["yesterday", "2022-02-30", "13/13/2022", "Smarch 1, 2022", 12, 1e300,
                                   float("inf"), True, "1646092800123456"])
def test_what_is_not_a_date_is_none(value):
    assert parse_date(value) is None


def test_an_unusable_date_is_said_with_file_and_line(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", {"id": "a", "text": STORY, "date": "2022-03-01"},
                       {"id": "b", "text": STORY + " Again.", "date": "last Tuesday-ish"})
    found = items(path, default_date=dt.date(2022, 5, 1))
    said = [str(n) for n in notices(found)]
    assert any(s.startswith(f"{path}:2: date 'last Tuesday-ish'") and "using --date 2022-05-01" in s for s in said)
    assert [a.date for a in articles(found)] == [dt.date(2022, 3, 1), dt.date(2022, 5, 1)]


def test_a_missing_date_is_said_once(tmp_path):
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"{STORY} {n}", encoding="utf-8")
    found = items(tmp_path)
    assert len(articles(found)) == 3
    assert sum("no article date" in str(n) for n in notices(found)) == 1
    assert not any("no article date" in str(n) for n in notices(items(tmp_path, default_date=dt.date(2022, 1, 1))))


def test_dates_tsv_dates_a_single_file_and_a_folder(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "dates.tsv").write_text("a.txt\t2022-03-01\nb.txt\tsoon\n", encoding="utf-8")
    assert [a.date for a in articles(items(tmp_path / "a.txt"))] == [dt.date(2022, 3, 1)]
    found = items(tmp_path)
    assert [a.date for a in articles(found)] == [dt.date(2022, 3, 1)]
    assert any(str(n).startswith(f"{tmp_path / 'dates.tsv'}:2: ") for n in notices(found))


def test_dates_tsv_is_read_once_per_folder(tmp_path):
    """Issue 13, point 29: it was read again for every file (5,000 files: 22 s; benchmarks/bench_readers.py)."""
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        for n in range(20):
            (tmp_path / folder / f"{n}.txt").write_text(f"{STORY} {n}", encoding="utf-8")
        (tmp_path / folder / "dates.tsv").write_text(
            "".join(f"{n}.txt\t2022-03-{n + 1:02d}\n" for n in range(20)), encoding="utf-8")
    real_read_text = Path.read_text
    reads: list[Path] = []

    def read_text(self, *args, **kwargs):
        if self.name == "dates.tsv":
            reads.append(self)
        return real_read_text(self, *args, **kwargs)

    with mock.patch.object(Path, "read_text", read_text):
        found = articles(items(tmp_path))
    assert len(found) == 40 and all(a.date for a in found)
    assert sorted(reads) == [tmp_path / "x" / "dates.tsv", tmp_path / "y" / "dates.tsv"]


# -- issue 13, point 3: doc ids -------------------------------------------------------------

def test_txt_ids_are_paths_below_the_input_root(tmp_path):
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_text(f"{STORY} ({sub})", encoding="utf-8")
    (tmp_path / "a.b.txt").write_text(STORY + " B.", encoding="utf-8")
    (tmp_path / "a.c.txt").write_text(STORY + " C.", encoding="utf-8")
    found = items(tmp_path)
    assert not rejects(found)
    assert sorted(a.id for a in articles(found)) == ["a.b", "a.c", "x/report", "y/report"]
    assert [a.id for a in articles(items(tmp_path / "x" / "report.txt"))] == ["report"]


def test_a_reused_id_with_another_text_is_rejected_with_file_and_line(tmp_path):
    first = write_jsonl(tmp_path / "one.jsonl", {"id": 1, "text": STORY}, {"id": "2", "text": STORY + " Two."})
    second = write_jsonl(tmp_path / "two.jsonl", {"id": "1", "text": "A different story about Japan and China."},
                         {"id": "2", "text": STORY + " Two."}, {"id": "2", "text": "Yet another text."})
    found = items(first, second)
    assert [a.id for a in articles(found)] == ["1", "2", "2"]  # the same text again is passed on, stores keep one
    assert [(r.path, r.line) for r in rejects(found)] == [(str(second), 1), (str(second), 3)]
    assert f"doc_id '1' already used by {first}:1 for a different text" in rejects(found)[0].reason
    assert f"{first}:2" in rejects(found)[1].reason


def test_stdin_ids_come_from_the_content():
    ids = []
    for text in (STORY, STORY + " Later."):
        with mock.patch.object(readers.sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode()))):
            ids += [a.id for a in articles(items("-"))]
    assert len(set(ids)) == 2 and all(i.startswith("sha1-") for i in ids)
    assert ids[0] == readers.content_id(STORY)


# -- issue 13, points 2 and 25: lines that are not articles ---------------------------------------

def test_deeply_nested_json_is_a_rejected_line(tmp_path):
    nested = '{"id": "deep", "text": "x", "meta": ' + "[" * 1000 + "]" * 1000 + "}"
    assert json_object_line(nested.encode()) == "JSON nested too deeply to read"
    path = write_jsonl(tmp_path / "a.jsonl", {"id": "a", "text": STORY}, nested, {"id": "b", "text": STORY + "!"})
    later = write_jsonl(tmp_path / "b.jsonl", {"id": "c", "text": STORY + "?"})
    found = items(path, later)
    assert [a.id for a in articles(found)] == ["a", "b", "c"]
    assert [str(r) for r in rejects(found)] == [f"{path}:2: JSON nested too deeply to read"]


@pytest.mark.parametrize(("line", "reason"), [
    ('{"id": {"nested": 1}, "text": "Russia attacked Ukraine."}', "'id' must be a string or an integer, not an object"),
    ('{"id": Infinity, "text": "Russia attacked Ukraine."}', "'id' must be a string or an integer, not a non-finite"),
    ('{"id": 1.5, "text": "Russia attacked Ukraine."}', "'id' must be a string or an integer, not a number"),
    ('{"id": true, "text": "Russia attacked Ukraine."}', "'id' must be a string or an integer, not true/false"),
    ('{"id": "a", "text": ["Russia", "attacked"]}', "'text' must be a string, not an array"),
    ('{"id": "a", "text": 12}', "'text' must be a string, not a number"),
    ('{"id": "a", "text": "Russia attacked Ukraine.", "title": {"x": 1}}', "'title' must be a string"),
    ('{"id": "a", "text": "Russia attacked Ukraine.", "url": 7}', "'url' must be a string"),
    ('{"id": "a", "text": "Russia attacked Ukraine.", "date": [2022, 3, 1]}', "'date' must be a string or a Unix"),
])
def test_wrong_field_types_are_rejected_with_file_and_line(tmp_path, line, reason):
    path = write_jsonl(tmp_path / "a.jsonl", {"id": "ok", "text": STORY}, line)
    found = items(path)
    assert [a.id for a in articles(found)] == ["ok"]
    [reject] = rejects(found)
    assert (reject.path, reject.line) == (str(path), 2) and reason in reject.reason, reject.reason


def test_an_empty_jsonl_file_is_reported(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert [str(r) for r in rejects(items(path))] == [f"{path}: empty file: no articles"]


# -- issue 12, point 5: what a file is taken as ----------------------------------------------------

@pytest.mark.parametrize("name", ["table.csv", "letter.docx", "notes.md"])
def test_unknown_extensions_are_refused(tmp_path, name):
    path = tmp_path / name
    path.write_text(STORY, encoding="utf-8")
    [reject] = items(path)
    assert isinstance(reject, Reject) and f"unsupported file type '{Path(name).suffix}'" in reject.reason


def test_a_file_without_extension_is_read_as_plain_text_and_said(tmp_path):
    path = tmp_path / "README"
    path.write_text(STORY, encoding="utf-8")
    found = items(path, default_date=dt.date(2022, 3, 1))
    assert [str(n) for n in notices(found)] == [f"{path}: no file extension: read as plain text"]
    assert [a.id for a in articles(found)] == ["README"]


def test_a_folder_says_what_it_ignored(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.csv").write_text("x,y", encoding="utf-8")
    found = items(tmp_path, default_date=dt.date(2022, 3, 1))
    assert [a.id for a in articles(found)] == ["a"]
    assert any("ignored files that are not articles (1 .csv)" in str(n) for n in notices(found))


# -- issue 13, point 16: pipes, sockets, loops -------------------------------------------------

@pytest.mark.timeout(20)
def test_fifos_and_sockets_in_a_folder_are_skipped_not_waited_on(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "sock.jsonl"))
        found = items(tmp_path, default_date=dt.date(2022, 3, 1))
    finally:
        server.close()
    assert [a.id for a in articles(found)] == ["a"]
    said = {Path(r.path).name: r.reason for r in rejects(found)}
    assert "named pipe" in said["pipe.txt"] and "socket" in said["sock.jsonl"]


@pytest.mark.timeout(20)
def test_symlink_loops_are_skipped_with_a_message(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    (tmp_path / "linked").symlink_to(tmp_path / "sub", target_is_directory=True)  # not a loop: read
    found = items(tmp_path, default_date=dt.date(2022, 3, 1))
    assert sorted(a.id for a in articles(found)) == ["linked/a", "sub/a"]
    said = [str(r) for r in rejects(found)]
    assert any("back" in s and "symlink loop" in s for s in said), said
    assert any("self.txt" in s and "symlink loop" in s for s in said), said


# -- issue 13, point 10 and issue 12, point 4: HTML -------------------------------------------

def test_html_without_head_end_keeps_its_body(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html><html><head><title>Shelling</title><meta charset=utf-8>"
                    f"<body><p>{STORY}</p></body></html>", encoding="utf-8")
    [article] = articles(items(page, default_date=dt.date(2022, 3, 1)))
    assert STORY in article.text and article.title == "Shelling"
    from eventwire.io.html import visible_text

    assert visible_text(page.read_text(encoding="utf-8")) == ("Shelling", STORY)


BOILERPLATE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Russian troops attack Kharkiv | The Daily Planet</title>
<meta property="og:title" content="Russian troops attack Kharkiv">
<meta property="article:published_time" content="2022-02-24T06:10:00Z">
<link rel="canonical" href="https://planet.example/world/2022/02/24/kharkiv">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/x">France accused Germany of spying on its ministers</a></li></ul></nav></header>
<aside class="sidebar"><h3>Most read</h3><ul>
<li><a href="/y">Japan threatened China with sanctions over the islands</a></li>
<li><a href="/z">Police in Peru arrested the mayor of Lima</a></li></ul></aside>
<main><article><h1>Russian troops attack Kharkiv</h1>
<p>Russian troops attacked Ukrainian positions near Kharkiv on Thursday, officials in Kyiv said.</p>
<p>The Ukrainian president appealed to NATO for military help and said his army would fight back.</p>
<p>European leaders condemned the attack and promised new sanctions against Moscow within days.</p>
</article></main>
<footer><p>Brazil signed a trade agreement with Argentina last week.</p>
<p>Copyright 2022 The Daily Planet. All rights reserved.</p></footer>
</body></html>
"""


def test_html_pages_give_their_article_and_its_metadata(tmp_path):
    page = tmp_path / "kharkiv.html"
    page.write_text(BOILERPLATE_PAGE, encoding="utf-8")
    [article] = articles(items(page))
    assert "Russian troops attacked Ukrainian positions near Kharkiv" in article.text
    for boilerplate in ("France accused", "Japan threatened", "Peru arrested", "Brazil signed", "Copyright", "Home"):
        assert boilerplate not in article.text
    assert article.title == "Russian troops attack Kharkiv"
    assert article.date == dt.date(2022, 2, 24)
    assert article.url == "https://planet.example/world/2022/02/24/kharkiv"
    assert article.id == "kharkiv"


# -- issue 13, points 10 and 11: WARC ------------------------------------------------------------

def write_warc(path: Path, pages: list[bytes], gz: bool) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as raw:
        writer = WARCWriter(raw, gzip=gz)
        for n, body in enumerate(pages):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example/{n}", "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": "2022-03-01T08:00:00Z"}))
    return path


def pages(n: int) -> list[bytes]:
    return [f"<html><head><title>Story {i}</title></head><body><p>{STORY} Town {i}.</p></body></html>".encode()
            for i in range(n)]


def test_warc_html_without_head_end_keeps_its_body(tmp_path):
    from eventwire.io.warc import read_warc

    body = f"<html><head><title>Story</title><body><p>{STORY}</p></body></html>".encode()
    [article] = list(read_warc(write_warc(tmp_path / "c.warc", [body], gz=False)))
    assert isinstance(article, Article) and STORY in article.text


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_files_name_the_record_where_they_end(tmp_path, gz):
    from eventwire.io.warc import read_warc

    path = write_warc(tmp_path / ("w.warc.gz" if gz else "w.warc"), pages(30), gz=gz)
    whole = path.read_bytes()
    cut_path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    for record, where in ((4, 0.1), (15, 0.5), (23, 0.8), (30, 0.95)):  # inside the record, at its start ... end
        start, length = record_extent(path, record)
        cut_path.write_bytes(whole[: start + max(1, int(length * where))])
        found = list(read_warc(cut_path))
        read = articles(found)
        assert len(read) == record - 1
        problems = rejects(found)
        assert problems, f"a file cut inside record {record} was read as whole ({len(read)} records)"
        assert problems[-1].line == record, [str(p) for p in problems]
        assert f"WARC record {record}" in problems[-1].reason


def record_extent(path: Path, number: int) -> tuple[int, int]:
    """Offset and length in the file of WARC record ``number`` (1-based): a cut at a record boundary is
    a shorter file, not a truncated one, so the tests cut inside records."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        for n, _ in enumerate(records, 1):
            if n == number:
                return records.get_record_offset(), records.get_record_length()
    raise ValueError(f"{path} has fewer than {number} records")


def test_a_damaged_warc_type_is_reported_with_its_record_number(tmp_path):
    from eventwire.io.warc import read_warc

    path = write_warc(tmp_path / "d.warc", pages(5), gz=False)
    data = path.read_bytes()
    third = data.index(b"WARC-Type: response", data.index(b"WARC-Type: response", data.index(b"WARC-Type") + 1) + 1)
    path.write_bytes(data[:third] + b"WARC-Type: resp\x01nse" + data[third + len(b"WARC-Type: response"):])
    found = list(read_warc(path))
    assert len(articles(found)) == 4
    [reject] = rejects(found)
    assert reject.line == 3 and "WARC record 3: unknown or damaged WARC-Type" in reject.reason
