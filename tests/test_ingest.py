"""eventwire ingest: bad inputs, idempotence, resume after SIGKILL, WARC input, the process pool."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.io.readers import Reject
from eventwire.model import Article
from eventwire.pipeline import CoderConfig
from eventwire.scale.ingest import IngestOptions, ingest, screen
from eventwire.store import open_store

COUNTRIES = ("Armenia", "Azerbaijan", "Turkey", "Russia", "France", "Germany", "Japan", "China", "India", "Iran")
TEMPLATES = (
    "The government of {a} accused {b} of shelling villages near the border on Monday.",
    "The foreign minister of {a} met officials from {b} in Geneva to discuss a ceasefire.",
    "Police in {a} arrested three protesters who had marched against the government.",
    "{a} signed a trade agreement with {b} last week.",
    "The president of {a} said {b} must withdraw its troops.",
)


def article_text(n: int) -> str:
    a, b = COUNTRIES[n % len(COUNTRIES)], COUNTRIES[(n * 3 + 1) % len(COUNTRIES)]
    sentences = [TEMPLATES[(n + k) % len(TEMPLATES)].format(a=a, b=b) for k in range(3)]
    return f"Report number {n}\n\n" + " ".join(sentences)


def write_corpus(path: Path, n: int, start: int = 0) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        for i in range(start, start + n):
            out.write(json.dumps({"id": f"doc{i}", "date": "2020-10-0" + str(1 + i % 9), "source": f"Outlet {i % 3}",
                                  "url": f"https://news.example/{i}", "text": article_text(i)}) + "\n")
    return path


def inline(workers: int = 0, **kw) -> IngestOptions:
    return IngestOptions(workers=workers, chunk_size=kw.pop("chunk_size", 3), batch_docs=kw.pop("batch_docs", 4), **kw)


@pytest.fixture(scope="session")
def config() -> CoderConfig:
    return CoderConfig()


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "news.jsonl", 12)


@pytest.fixture(scope="session")
def clean_event_ids(tmp_path_factory, corpus, config) -> set[str]:
    with open_store(tmp_path_factory.mktemp("clean") / "clean.duckdb") as store:
        summary = ingest([corpus], store, config, inline())
        assert summary.n_coded == 12 and summary.n_rejected == 0
        ids = store.event_ids()
    assert ids, "the test corpus should produce events"
    return ids


def test_ingest_is_idempotent(tmp_path, corpus, config, clean_event_ids):
    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        first = ingest([corpus], store, config, inline())
        counts = store.counts()
        again = ingest([corpus], store, config, inline())
        assert (again.n_coded, again.n_skipped, again.n_events) == (0, 12, 0)
        assert store.counts()["events"] == counts["events"] == first.n_events
        assert store.counts()["documents"] == 12
        assert store.event_ids() == clean_event_ids
        assert [r["status"] for r in store.runs()] == ["done", "done"]


def test_replace_recodes_to_the_same_records(tmp_path, corpus, config, clean_event_ids):
    with open_store(tmp_path / "r.duckdb") as store:
        ingest([corpus], store, config, inline())
        again = ingest([corpus], store, config, inline(replace=True))
        assert again.n_coded == 12
        assert store.event_ids() == clean_event_ids
        assert store.counts()["documents"] == 12


def test_articles_without_ids_are_stored_once_by_content(tmp_path, config):
    path = tmp_path / "noid.jsonl"
    texts = [article_text(1), article_text(2), article_text(1)]
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    with open_store(tmp_path / "n.duckdb") as store:
        summary = ingest([path], store, config, inline(chunk_size=1))
        assert (summary.n_coded, summary.n_skipped) == (2, 1)
        ingest([path], store, config, inline())
        assert store.counts()["documents"] == 2


def test_bad_inputs_are_rejected_and_the_rest_is_coded(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [
        json.dumps({"id": "good1", "text": article_text(1)}).encode(),
        b'{"id": "broken", "text": "no closing brace"',
        b'{"id": "latin1", "text": "caf\xe9 au lait"}',
        json.dumps({"id": "empty", "text": "   "}).encode(),
        json.dumps({"id": "huge", "text": "Words of a very long article. " * 180_000}).encode(),  # 5.4 MB
        json.dumps({"id": "markup", "text": "<html><head><script>var a = 1;</script></head>"
                                            "<body><nav><a href='/'></a></nav></body></html>"}).encode(),
        json.dumps({"id": "symbols", "text": "#### 1234 5678 !!! ----"}).encode(),
        json.dumps({"id": "good2", "text": article_text(2)}).encode(),
    ]
    (folder / "mixed.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "junk.html").write_text("<html><script>track()</script><style>p {}</style></html>", encoding="utf-8")
    (folder / "broken.warc.gz").write_bytes(gzip.compress(b"this is not a WARC file\r\n\r\n"))
    db = tmp_path / "bad.duckdb"
    rc = main(["ingest", str(folder), "--db", str(db), "--workers", "0", "--quiet"])
    assert rc == 1
    assert "9 input(s) rejected" in capsys.readouterr().err
    with open_store(db, read_only=True) as store:
        assert sorted(d["doc_id"] for d in store.documents()) == ["good1", "good2"]
        rejects = store.rejects()
    by_reason = {r["reason"]: r for r in rejects}
    reasons = " | ".join(by_reason)
    mixed = str(folder / "mixed.jsonl")
    for expected, line in (("not valid JSON", 2), ("invalid UTF-8", 3), ("empty text", 4)):
        found = [r["line"] for r in rejects if expected in r["reason"] and r["path"] == mixed]
        assert found == [line], (expected, reasons)
    assert any("'huge' too long" in r["reason"] and r["path"] == mixed for r in rejects), reasons
    assert any("'markup' is HTML markup" in r for r in by_reason), reasons
    assert any("'symbols' has no words" in r for r in by_reason), reasons
    assert any(r["path"].endswith("binary.txt") and "binary" in r["reason"] for r in rejects), reasons
    assert any(r["path"].endswith("junk.html") and "empty text" in r["reason"] for r in rejects), reasons
    assert any(r["path"].endswith("broken.warc.gz") for r in rejects), reasons


def test_screen_keeps_article_text_and_strips_whole_pages():
    page = "<!DOCTYPE html><html><head><title>Talks</title></head><body><p>Armenia met Azerbaijan.</p></body></html>"
    cleaned = screen(Article(id="p", text=page))
    assert isinstance(cleaned, Article) and cleaned.text == "Armenia met Azerbaijan." and cleaned.title == "Talks"
    prose = "Officials said the <b>talks</b> went well. " * 3
    assert screen(Article(id="q", text=prose)).text == prose
    assert "too long" in screen(Article(id="r", text="word " * 30), max_chars=100)


def test_warc_captures_become_articles(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as raw:
        writer = WARCWriter(raw, gzip=True)

        def response(url: str, status: str, content_type: str, body: bytes) -> None:
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                               warc_headers_dict={"WARC-Date": "2020-10-04T08:00:00Z"})
            writer.write_record(record)

        page = "<html><head><title>Talks in Geneva</title></head><body><p>Armenia accused Azerbaijan " \
               "of shelling Stepanakert.</p></body></html>"
        response("https://news.example/a", "200 OK", "text/html; charset=utf-8", page.encode())
        response("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n")
        response("https://news.example/old", "301 Moved Permanently", "text/html", b"")
        response("https://news.example/empty", "200 OK", "text/html", b"<html><script>x()</script></html>")
        response("https://news.example/latin", "200 OK", "text/html; charset=iso-8859-1",
                 "<p>Caf\u00e9 owners in Baku protested.</p>".encode("latin-1"))
        writer.write_record(writer.create_warc_record("https://news.example/a", "request",
                                                      payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n")))
    from eventwire.io.warc import read_warc

    items = list(read_warc(path))
    articles = [i for i in items if isinstance(i, Article)]
    rejects = [i for i in items if isinstance(i, Reject)]
    assert [a.url for a in articles] == ["https://news.example/a", "https://news.example/latin"]
    first = articles[0]
    assert first.title == "Talks in Geneva" and first.text.startswith("Armenia accused Azerbaijan")
    assert first.source == "news.example" and str(first.date) == "2020-10-04"
    assert first.id.startswith("urn:uuid:")
    assert articles[1].text == "Caf\u00e9 owners in Baku protested."
    assert len(rejects) == 1 and "no visible text" in rejects[0].reason and rejects[0].line == 4


def test_process_pool_codes_the_same_events(tmp_path, corpus, config, clean_event_ids):
    with open_store(tmp_path / "pool.duckdb") as store:
        summary = ingest([corpus], store, config, inline(workers=2, chunk_size=2))
        assert summary.workers == 2 and len(summary.peak_rss_kb) >= 1
        assert store.event_ids() == clean_event_ids


def _ingest_command(corpus: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from eventwire.cli import main; sys.exit(main())",
            "ingest", str(corpus), "--db", str(db), "--quiet", *extra]


def test_resume_after_sigkill_ends_with_the_events_of_a_clean_run(tmp_path, config, clean_event_ids, corpus):
    big = write_corpus(tmp_path / "big.jsonl", 40)
    db = tmp_path / "killed.duckdb"
    process = subprocess.Popen(
        _ingest_command(big, db, "--workers", "1", "--chunk-size", "1", "--batch", "2", "--verbose"),
        stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        seen = ""
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            seen += line
            if "committed: 4 documents" in line or not line:
                break
        assert "committed: 4 documents" in seen, seen
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert _group_ends(process.pid, timeout=20), "worker processes outlived their killed parent"
    finally:
        _kill_group(process)
    with open_store(db, read_only=True) as store:
        stored = store.counts()["documents"]
    assert 4 <= stored < 40, "the kill should land part-way through the run"

    with open_store(db) as store:
        resumed = ingest([big], store, config, inline())
        assert resumed.n_skipped == stored and resumed.n_coded == 40 - stored
        killed_ids = store.event_ids()
        assert store.counts()["documents"] == 40
        assert [r["status"] for r in store.runs()] == ["interrupted", "done"]
    with open_store(tmp_path / "clean40.duckdb") as clean:
        ingest([big], clean, config, inline())
        assert killed_ids == clean.event_ids()
    assert clean_event_ids <= killed_ids  # the first 12 articles are those of the shared corpus


def _group_ends(pgid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.2)
    return False


def _kill_group(process: subprocess.Popen) -> None:
    """The killed parent's worker process must not outlive the test."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    if process.stderr:
        process.stderr.close()


# -- inputs (issue 13) ------------------------------------------------------------------------

NESTED = '{"id": "deep", "text": "x", "meta": ' + "[" * 1000 + "]" * 1000 + "}"


def test_a_deeply_nested_line_is_rejected_and_the_run_goes_on(tmp_path, capsys):
    """Issue 13, point 2: it ended the run, committing nothing and never reading the later files."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text("".join(json.dumps({"id": f"a{n}", "text": article_text(n)}) + "\n"
                                            for n in range(3)) + NESTED + "\n"
                                    + json.dumps({"id": "a9", "text": article_text(9)}) + "\n", encoding="utf-8")
    write_corpus(folder / "b.jsonl", 2, start=20)
    db = tmp_path / "deep.duckdb"
    rc = main(["ingest", str(folder), "--db", str(db), "--workers", "0", "--quiet"])
    err = capsys.readouterr().err
    assert rc == 1 and f"{folder / 'a.jsonl'}:4: JSON nested too deeply" in err
    with open_store(db, read_only=True) as store:
        assert sorted(d["doc_id"] for d in store.documents()) == ["a0", "a1", "a2", "a9", "doc20", "doc21"]


def test_reused_doc_ids_are_rejected_in_a_run_and_across_runs(tmp_path, capsys):
    """Issue 13, point 3: different articles sharing an id were dropped as "already stored", exit 0."""
    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps({"id": 1, "text": article_text(1)}) + "\n"
                     + json.dumps({"id": "1", "text": article_text(2)}) + "\n", encoding="utf-8")
    db = tmp_path / "ids.duckdb"
    assert main(["ingest", str(first), "--db", str(db), "--workers", "0", "--quiet"]) == 1
    assert f"{first}:2: doc_id '1' already used by {first}:1 for a different text" in capsys.readouterr().err
    later = tmp_path / "later.jsonl"
    later.write_text(json.dumps({"id": "1", "text": article_text(3)}) + "\n"
                     + json.dumps({"id": "1", "text": article_text(1)}) + "\n", encoding="utf-8")
    assert main(["ingest", str(later), "--db", str(db), "--workers", "0", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "doc_id '1' is already stored for a different text" in err
    with open_store(db, read_only=True) as store:
        assert [d["doc_id"] for d in store.documents()] == ["1"]


def test_txt_files_with_the_same_name_in_two_folders_are_two_articles(tmp_path, config):
    for sub, n in (("x", 1), ("y", 2)):
        (tmp_path / "in" / sub).mkdir(parents=True)
        (tmp_path / "in" / sub / "report.txt").write_text(article_text(n), encoding="utf-8")
    with open_store(tmp_path / "t.duckdb") as store:
        summary = ingest([tmp_path / "in"], store, config, inline(default_date=None))
        assert (summary.n_coded, summary.n_skipped, summary.n_rejected) == (2, 0, 0)
        assert sorted(d["doc_id"] for d in store.documents()) == ["x/report", "y/report"]


@pytest.mark.timeout(120)
def test_pipes_loops_and_unreadable_folders_are_skipped_with_a_message(tmp_path, capsys):
    """Issue 13, point 16: ingest skipped them without a word."""
    from unittest import mock

    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    write_corpus(folder / "good.jsonl", 2)
    (folder / "locked" / "hidden.txt").write_text(article_text(5), encoding="utf-8")
    os.mkfifo(folder / "pipe.jsonl")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    real_scandir = os.scandir

    def scandir(path=None):  # root reads any folder; make this one unreadable as it is for other users
        if path is not None and Path(path) == folder / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    db = tmp_path / "odd.duckdb"
    with mock.patch("os.scandir", scandir):
        rc = main(["ingest", str(folder), "--db", str(db), "--workers", "0", "--quiet"])
    err = capsys.readouterr().err
    assert rc == 1
    assert "pipe.jsonl: a named pipe (FIFO), not a file; skipped" in err
    assert "loop: symlink loop" in err
    assert f"{folder / 'locked'}: cannot read folder: Permission denied" in err
    with open_store(db, read_only=True) as store:
        assert sorted(d["doc_id"] for d in store.documents()) == ["doc0", "doc1"]
