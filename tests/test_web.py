"""The HTTP API and dashboard pages, in-process (TestClient) and on a live uvicorn server."""

from __future__ import annotations

import datetime as dt
import random
import re
import socket
import time
from urllib.parse import urlsplit

import duckdb
import httpx
import pytest
from starlette.testclient import TestClient
from webstore import ARTICLES, XSS, ingest_store, live_server

from eventwire.analysis.synthetic import SyntheticEvent, write_events
from eventwire.store import open_store
from eventwire.web import create_app

ISSUE_PATHS = {"/api/events", "/api/documents/{doc_id}", "/api/dyads", "/api/timeseries", "/api/alerts",
               "/api/quotes", "/api/code"}


@pytest.fixture(scope="session")
def web_db(tmp_path_factory):
    return ingest_store(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="session")
def client(web_db):
    with TestClient(create_app(web_db), base_url="http://127.0.0.1") as test_client:
        yield test_client


def csrf_of(client) -> str:
    form = client.get("/code").text
    return re.search(r'name="csrf" value="([^"]+)"', form).group(1)


def db_rows(db, sql, params=()):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_openapi_lists_the_endpoints(client):
    spec = client.get("/openapi.json").json()
    assert ISSUE_PATHS <= set(spec["paths"])
    assert "post" in spec["paths"]["/api/code"]
    assert not any(path.startswith("/documents") for path in spec["paths"])  # pages are not API


def test_events_returns_stored_events_with_paging(client, web_db):
    stored = db_rows(web_db, "SELECT count(*) FROM events")[0][0]
    assert stored > 0
    first = client.get("/api/events", params={"limit": 2}).json()
    assert first["total"] == stored and len(first["events"]) == 2
    rest = client.get("/api/events", params={"limit": 500, "offset": 2}).json()
    ids = [e["event_id"] for e in first["events"] + rest["events"]]
    assert len(ids) == len(set(ids)) == stored
    dates = [e["date"] for e in first["events"] + rest["events"]]
    assert dates == sorted(dates, reverse=True)  # newest first by default
    event = first["events"][0]
    assert {"source_actor", "span", "location", "rule", "cameo", "quad_class"} <= set(event)


@pytest.mark.parametrize("params, column, expected", [
    ({"quad_class": 4}, "quad_class = ?", [4]),
    ({"root": "19"}, "root = ?", ["19"]),
    ({"q": "protesters"}, "text ILIKE ?", ["%protesters%"]),
    ({"cameo": "11*"}, "cameo LIKE ?", ["11%"]),
])
def test_event_filters_match_the_store(client, web_db, params, column, expected):
    wanted = {r[0] for r in db_rows(web_db, f"SELECT event_id FROM events WHERE {column}", expected)}
    assert wanted, f"our articles should give events for {params}"
    got = client.get("/api/events", params={**params, "limit": 500}).json()
    assert {e["event_id"] for e in got["events"]} == wanted


def test_dyad_and_country_filters(client, web_db):
    source, target = db_rows(web_db, "SELECT source, target FROM events WHERE source IS NOT NULL AND "
                                     "target IS NOT NULL ORDER BY event_id LIMIT 1")[0]
    got = client.get("/api/events", params={"dyad": f"{source},{target}"}).json()["events"]
    assert got and all((e["source"], e["target"]) == (source, target) for e in got)
    country = source[:3]
    by_country = client.get("/api/events", params={"country": country, "limit": 500}).json()["events"]
    assert by_country and all(country in (e["source_country"], e["target_country"]) for e in by_country)
    assert client.get("/api/events", params={"dyad": "ISRMIL"}).status_code == 400
    assert client.get("/api/events", params={"quad_class": 7}).status_code == 422


def test_document_api_has_the_article_and_its_records(client, web_db):
    doc = client.get("/api/documents/border-clash-1").json()
    assert doc["text"] == ARTICLES[0]["text"]
    stored = {r[0] for r in db_rows(web_db, "SELECT event_id FROM events WHERE doc_id = 'border-clash-1'")}
    assert {e["event_id"] for e in doc["events"]} == stored
    assert {"quotes", "mentions", "places"} <= set(doc)
    assert client.get("/api/documents/no-such-article").status_code == 404


def test_dyads_timeseries_and_quotes(client, web_db):
    top = client.get("/api/dyads").json()["dyads"][0]
    n = db_rows(web_db, "SELECT count(*) FROM events WHERE source = ? AND target = ? AND modality NOT IN "
                        "('negated', 'hypothetical')", [top["source"], top["target"]])[0][0]
    assert top["events"] == n
    series = client.get("/api/timeseries", params={"dyad": f"{top['source']},{top['target']}", "freq": "week"}).json()
    assert sum(row["events"] for row in series["series"]) == n
    quotes = client.get("/api/quotes").json()
    assert quotes["total"] == db_rows(web_db, "SELECT count(*) FROM quotes")[0][0]
    assert client.get("/api/timeseries", params={"freq": "year"}).status_code == 422


def test_overview_and_pages_answer(client):
    home = client.get("/")
    assert home.status_code == 200 and "Top dyads" in home.text and "<svg" in home.text
    for path in ("/events", "/events?quad_class=&q=troops", "/dyads", "/alerts", "/quotes", "/code",
                 "/dyads/ISR/PSE?level=country&freq=week", "/static/app.css", "/static/app.js"):
        assert client.get(path).status_code == 200, path
    assert client.get("/documents/no-such-article").status_code == 404
    assert client.get("/events?quad_class=x").status_code == 400


def test_article_page_escapes_untrusted_text(client):
    page = client.get("/documents/xss-probe")
    assert page.status_code == 200
    assert XSS not in page.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page.text
    assert "Protest &lt;script&gt;" in page.text  # the title too
    assert "script-src 'self'" in page.headers["content-security-policy"]
    event_ids = client.get("/api/events", params={"doc_id": "xss-probe"}).json()["events"]
    assert event_ids, "the probe article should give events"
    event_page = client.get(f"/events/{event_ids[0]['event_id']}")  # shows the article title
    assert XSS not in event_page.text and "Protest &lt;script&gt;" in event_page.text


def test_post_code_codes_without_storing(client, web_db):
    before = db_rows(web_db, "SELECT count(*) FROM documents")[0][0]
    answer = client.post("/api/code", json={"text": "Egypt condemned Libya on Tuesday.", "date": "2021-06-01",
                                            "id": "pasted-1"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["document"]["doc_id"] == "pasted-1"
    assert any(e["source"] == "EGY" and e["target"] == "LBY" for e in body["events"])
    assert db_rows(web_db, "SELECT count(*) FROM documents")[0][0] == before
    page = client.post("/code", data={"text": f"Egypt condemned Libya. {XSS}", "date": "", "csrf": csrf_of(client)})
    assert page.status_code == 200 and XSS not in page.text and "EGY" in page.text


def test_large_bodies_get_413(client):
    big = client.post("/api/code", content=b"x" * (30 * 1024 * 1024), headers={"content-type": "application/json"})
    assert big.status_code == 413

    def chunks():  # no Content-Length: counted while streaming
        for _ in range(40):
            yield b"y" * 64_000

    streamed = client.post("/api/code", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    small = client.post("/api/code", content=b"{" * 900_000, headers={"content-type": "application/json"})
    assert small.status_code == 422  # under the limit: read and rejected as bad JSON, not as too large


def test_store_is_read_only(client):
    store = client.app.state.store
    assert store.read_only
    with pytest.raises(duckdb.Error):
        store.con.execute("DELETE FROM events")


def test_alerts_api_on_a_synthetic_escalation(tmp_path):
    rng = random.Random(5)
    start = dt.date(2022, 1, 1)
    counts = [rng.randint(2, 4) for _ in range(40)] + [20]
    events = [SyntheticEvent(start + dt.timedelta(days=n), "SRBMIL", "KOSCVL", "173")
              for n, count in enumerate(counts) for _ in range(count)]
    events += [SyntheticEvent(start + dt.timedelta(days=n), "FRAGOV", "DEUGOV", "112")
               for n in range(41) for _ in range(3)]
    with open_store(tmp_path / "alerts.duckdb") as store:
        write_events(store, events)
    with TestClient(create_app(tmp_path / "alerts.duckdb"), base_url="http://127.0.0.1") as test_client:
        body = test_client.get("/api/alerts").json()
        assert [(a["source"], a["target"], a["date"]) for a in body["alerts"]] == [("SRBMIL", "KOSCVL", "2022-02-10")]
        assert len(body["alerts"][0]["event_ids"]) == 20 and body["alerts"][0]["doc_ids"]
        assert body["params"]["window"] == 28
        assert test_client.get("/api/alerts", params={"threshold": 1000}).json()["alerts"] == []
        assert test_client.get("/api/alerts", params={"min_history": 60}).status_code == 400
        page = test_client.get("/alerts")
        assert "SRBMIL → KOSCVL" in page.text


def test_live_server_answers_and_refuses_30_mb(web_db):
    with live_server(web_db) as base:
        with httpx.Client(base_url=base, timeout=10) as http:
            assert http.get("/api/events").json()["events"]
            assert http.get("/").status_code == 200
            assert http.get("/openapi.json").status_code == 200
            page = http.get("/documents/xss-probe")
            assert XSS not in page.text and "&lt;script&gt;" in page.text
        assert raw_post_status(base, "/api/code", 30 * 1024 * 1024) == 413


def raw_post_status(base: str, path: str, size: int) -> int:
    """Announce a ``size``-byte body, send only its first bytes, and read the status line.

    A server that answers 413 from the headers replies at once; one that waits for the
    whole body would time out here.
    """
    url = urlsplit(base)
    with socket.create_connection((url.hostname, url.port), timeout=5) as sock:
        head = (f"POST {path} HTTP/1.1\r\nHost: {url.netloc}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {size}\r\n\r\n").encode()
        sock.sendall(head + b"{" * 65536)
        status_line = sock.recv(4096).split(b"\r\n", 1)[0].decode()
    return int(status_line.split()[1])


# -- issue 12 (dashboard) and issue 13 (faults) ------------------------------------------------

SLASH_ID = "https://example.org/world/2021/05/07/long-article-slug-on-the-talks?ref=front%20page"


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory):
    """About 300 events over 60 days with places and an empty stretch, through the store's writer."""
    rng = random.Random(3)
    start = dt.date(2022, 1, 1)
    places = [(50.45, 30.52, "Kyiv"), (31.5, 34.47, "Gaza"), (33.51, 36.29, "Damascus"), (-1.29, 36.82, "Nairobi")]
    events = []
    for n in range(60):
        if 20 <= n < 30:
            continue  # ten days without events
        for _ in range(rng.randint(3, 7)):
            lat, lon, name = rng.choice(places)
            events.append(SyntheticEvent(start + dt.timedelta(days=n), rng.choice(["RUSMIL", "ISRMIL"]),
                                         rng.choice(["UKRMIL", "PSECVL"]), rng.choice(["190", "042", "112", "070"]),
                                         lat=lat, lon=lon, place=name))
    db = tmp_path_factory.mktemp("synthetic") / "synthetic.duckdb"
    with open_store(db) as store:
        write_events(store, events)
    return db


@pytest.fixture(scope="module")
def syn_client(synthetic_db):
    with TestClient(create_app(synthetic_db), base_url="http://127.0.0.1") as test_client:
        yield test_client


def test_pieces_sweep_matches_the_marks_covering_each_piece():
    from eventwire.web.highlight import Mark, pieces

    rng = random.Random(1)
    text = "".join(rng.choice("ab ") for _ in range(300))
    marks = [Mark(s, s + rng.randint(1, 40), rng.choice(["actor", "trigger", "quote"]), f"m{n}")
             for n, s in enumerate(rng.randrange(0, 320) for _ in range(80))]
    got = pieces(text, marks)
    assert "".join(p.text for p in got) == text
    position = 0
    for piece in got:
        end = position + len(piece.text)
        expected = [m for m in marks if 0 <= m.start < m.end and m.start < len(text) and m.start <= position
                    and min(m.end, len(text)) >= end]
        assert piece.marks == expected
        position = end


def test_a_200_kb_article_page_renders_in_under_2_s(tmp_path):
    from eventwire.store import DocRows

    text = ("Russia attacked Ukraine near Kharkiv on Monday, officials said. " * 3200)[:200_000]
    mentions = [{"doc_id": "big", "n": n, "code": "RUS", "name": "Russia", "kind": "country", "text": "Russia",
                 "span_start": s, "span_end": s + 6} for n, s in enumerate(range(0, len(text) - 70, 16))]
    doc = {"doc_id": "big", "content_hash": "x", "title": "Big", "date": "2022-01-03", "text": text}
    db = tmp_path / "big.duckdb"
    with open_store(db) as store:
        store.write([DocRows("big", {"documents": [doc], "mentions": mentions})])
    with TestClient(create_app(db), base_url="http://127.0.0.1") as test_client:
        started = time.perf_counter()
        page = test_client.get("/documents/big")
        elapsed = time.perf_counter() - started
    assert page.status_code == 200 and page.text.count('class="actor"') >= len(mentions)
    assert elapsed < 2.0, f"the 200 KB article page took {elapsed:.1f} s"


def test_a_doc_id_with_slashes_is_reachable_on_the_page_and_in_the_api(client):
    from urllib.parse import quote

    api = client.get("/api/documents/" + quote(SLASH_ID, safe=""))
    assert api.status_code == 200 and api.json()["doc_id"] == SLASH_ID
    page = client.get("/documents/" + quote(SLASH_ID, safe=""))
    assert page.status_code == 200 and "Talks resume in Cairo" in page.text
    events = client.get("/events", params={"doc_id": SLASH_ID}).text
    assert "/documents/" + quote(SLASH_ID, safe="") in events  # the list links to the page that answers


@pytest.mark.parametrize("path, params", [
    ("/api/events", {"offset": 2**63}),
    ("/api/dyads", {"offset": 2**63}),
    ("/api/quotes", {"offset": 2**64}),
    ("/api/alerts", {"window": 10**9}),
    ("/api/alerts", {"min_scale": "nan"}),
    ("/api/alerts", {"threshold": "inf"}),
    ("/api/alerts", {"start": "0001-01-01"}),
    ("/api/alerts", {"end": "9999-12-31"}),
    ("/api/timeseries", {"start": "0001-01-01"}),
    ("/api/dyads", {"date_from": "20x1"}),
    ("/events", {"offset": 2**63}),
    ("/quotes", {"offset": 2**63}),
    ("/alerts", {"window": 10**9}),
    ("/alerts", {"min_scale": "nan"}),
    ("/events", {"date_from": "yesterday"}),
])
def test_bad_numbers_and_dates_get_a_message_not_a_500(client, path, params):
    answer = client.get(path, params=params)
    assert answer.status_code in (400, 422), (path, params, answer.status_code)
    assert answer.text.strip() and "internal server error" not in answer.text.lower()
    assert "script-src 'self'" in answer.headers["content-security-policy"]


def test_a_500_carries_the_security_headers(web_db):
    class Broken:
        def get(self, *args, **kwargs):
            raise RuntimeError("boom")

    app = create_app(web_db)
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as test_client:
        app.state.cache = Broken()
        answer = test_client.get("/api/dyads")
    assert answer.status_code == 500 and "boom" not in answer.text
    for header in ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy"):
        assert header in answer.headers, header


def test_host_origin_and_csrf_are_checked(client):
    assert client.get("/api/events", headers={"host": "evil.example"}).status_code == 400
    for host in ("localhost:8000", "127.0.0.1:8000", "[::1]:8000", "app.localhost"):
        assert client.get("/api/events", headers={"host": host}).status_code == 200, host
    token = csrf_of(client)
    text = {"text": "Egypt condemned Libya.", "date": ""}
    assert client.post("/code", data=text).status_code == 403  # no token
    assert client.post("/code", data={**text, "csrf": "guess"}).status_code == 403
    cross = client.post("/code", data={**text, "csrf": token}, headers={"origin": "http://evil.example"})
    assert cross.status_code == 403
    same = client.post("/code", data={**text, "csrf": token}, headers={"origin": "http://127.0.0.1"})
    assert same.status_code == 200
    api = client.post("/api/code", json={"text": "Egypt condemned Libya."}, headers={"origin": "http://evil.example"})
    assert api.status_code == 403


def run_serve(monkeypatch, capsys, db) -> tuple[int, str, list]:
    """``eventwire serve`` up to the point where it would start listening (which is recorded instead)."""
    import uvicorn

    from eventwire.cli import main

    started: list = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, *a, **k: started.append(self))
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: started.append(a))
    code = main(["serve", "--db", str(db)])
    return code, capsys.readouterr().err, started


def test_serve_refuses_a_store_that_is_not_an_eventwire_store(tmp_path, monkeypatch, capsys):
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE events (x INTEGER)")
    con.close()
    code, err, started = run_serve(monkeypatch, capsys, other)
    assert code == 2 and not started and "not an eventwire store" in err and "Traceback" not in err


def test_serve_refuses_a_damaged_store(web_db, tmp_path, monkeypatch, capsys):
    data = web_db.read_bytes()
    damaged = tmp_path / "damaged.duckdb"
    damaged.write_bytes(data[: len(data) // 3])
    code, err, started = run_serve(monkeypatch, capsys, damaged)
    assert code == 2 and not started and "cannot serve" in err and "Traceback" not in err


def test_serve_on_a_store_being_written_says_how_to_serve_a_snapshot(web_db, tmp_path, monkeypatch, capsys):
    import shutil
    import subprocess
    import sys

    db = tmp_path / "busy.duckdb"
    shutil.copy(web_db, db)
    writer = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('open', flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        code, err, started = run_serve(monkeypatch, capsys, db)
    finally:
        writer.kill()
        writer.wait()
    assert code == 2 and not started and "snapshot" in err and "another process" in err


def test_implausible_article_dates_are_rejected_at_ingest(tmp_path, capsys):
    import json

    from eventwire.cli import main

    articles = tmp_path / "dates.jsonl"
    rows = [{"id": "year-1", "date": "0001-01-01", "text": "Russia attacked Ukraine."},
            {"id": "year-9999", "date": "9999-12-31", "text": "Egypt condemned Libya."},
            {"id": "fine", "date": "2021-03-04", "text": "Egypt condemned Libya."}]
    articles.write_text("".join(json.dumps(r) + "\n" for r in rows))
    db = tmp_path / "dates.duckdb"
    code = main(["ingest", str(articles), "--db", str(db), "--workers", "0", "--quiet"])
    assert code == 1, "rejected articles make the exit non-zero"
    assert [r[0] for r in db_rows(db, "SELECT doc_id FROM documents")] == ["fine"]
    reasons = [r[0] for r in db_rows(db, "SELECT reason FROM rejects ORDER BY reason")]
    assert len(reasons) == 2 and all("implausible article date" in r for r in reasons)
    with TestClient(create_app(db), base_url="http://127.0.0.1") as test_client:
        assert test_client.get("/").status_code == 200


def test_every_filled_series_is_bounded(tmp_path):
    from eventwire.analysis import timeseries
    from eventwire.analysis.series import MAX_PERIODS

    db = tmp_path / "span.duckdb"
    with open_store(db) as store:
        write_events(store, [SyntheticEvent(dt.date(1800, 1, 1), "RUSGOV", "UKRGOV", "042"),
                             SyntheticEvent(dt.date(2199, 12, 31), "RUSGOV", "UKRGOV", "042")])
    with open_store(db, read_only=True) as store:
        for freq in ("day", "week", "month"):
            series = timeseries(store, freq=freq)
            assert 0 < len(series) <= MAX_PERIODS, freq
            assert series[-1]["events"] == 1  # the latest periods are the ones kept
    with TestClient(create_app(db), base_url="http://127.0.0.1") as test_client:
        assert test_client.get("/").status_code == 200
        body = test_client.get("/api/timeseries", params={"freq": "day"}).json()
        assert len(body["series"]) <= body["max_periods"]


def test_counts_do_not_run_the_stories_view(web_db, tmp_path):
    import shutil

    db = tmp_path / "copy.duckdb"  # its own database instance, so the memory cap applies
    shutil.copy(web_db, db)
    with open_store(db, read_only=True) as store:
        view = store.con.execute("SELECT count(*) FROM stories").fetchone()[0]
    with open_store(db, read_only=True, memory_limit="4MB") as store:  # too little for the view
        counts = store.counts()
    assert counts["stories"] == view and counts["events"] > 0


def test_events_list_pages_totals_and_messages(syn_client, synthetic_db):
    total = db_rows(synthetic_db, "SELECT count(*) FROM events")[0][0]
    assert total > 150
    page = syn_client.get("/events")
    pages = -(-total // 50)
    assert f"page 1 of {pages}" in page.text and f"<b>{total}</b> events" in page.text
    assert 'href="/events?offset=50"' in page.text and f'offset={(pages - 1) * 50}"' in page.text
    third = syn_client.get("/events", params={"offset": 100})
    assert 'aria-current="page">3<' in third.text
    empty = syn_client.get("/events", params={"actor": "NOSUCH"})
    assert empty.status_code == 200 and "No events match these filters" in empty.text
    bad = syn_client.get("/events", params={"date_from": "2022-13-01"})
    assert bad.status_code == 400 and "date_from is not a date of the calendar" in bad.text
    assert 'value="2022-13-01"' in bad.text  # the form keeps what was typed, to correct it


def test_filtered_events_download_as_csv_and_parquet(syn_client, synthetic_db):
    import csv
    import io

    import pyarrow.parquet as pq

    wanted = db_rows(synthetic_db, "SELECT count(*) FROM events WHERE quad_class = 4")[0][0]
    assert wanted
    answer = syn_client.get("/api/events.csv", params={"quad_class": 4})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert len(rows) == wanted and {r["quad_class"] for r in rows} == {"4"}
    assert {"event_id", "doc_id", "cameo", "lat", "lon", "text"} <= set(rows[0])
    parquet = syn_client.get("/api/events.parquet", params={"quad_class": 4})
    table = pq.read_table(io.BytesIO(parquet.content))
    assert table.num_rows == wanted and set(table.column("quad_class").to_pylist()) == {4}
    listing = syn_client.get("/events", params={"quad_class": 4}).text
    assert 'href="/api/events.csv?quad_class=4"' in listing and 'href="/api/events.parquet?quad_class=4"' in listing


def test_csv_download_defuses_spreadsheet_formulas():
    from eventwire.web.downloads import safe_cell

    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and safe_cell("@SUM") == "'@SUM"
    assert safe_cell(-2.0) == -2.0 and safe_cell("Russia") == "Russia"


def test_map_draws_outlines_and_filtered_linked_points(syn_client, synthetic_db):
    import json
    from pathlib import Path

    import eventwire.web

    outlines = Path(eventwire.web.__file__).parent / "static" / "world-outlines.json"
    data = json.loads(outlines.read_text())
    assert "Natural Earth" in data["source"] and "public domain" in data["licence"]
    assert len(data["countries"]) > 150 and outlines.stat().st_size < 150_000
    page = syn_client.get("/map")
    assert page.status_code == 200
    assert page.text.count("<path d=") == len(data["countries"])
    for subpath in re.findall(r"M([^MZ]+)Z", page.text):  # no line across the map at the date line
        xs = [float(point.split()[0]) for point in subpath.split("L")]
        assert all(abs(b - a) < 180 for a, b in zip(xs, xs[1:]))
    assert page.text.count('<a class="place"') == 4  # four places
    assert re.search(r'<circle class="q[34]"', page.text)  # conflict places, in the conflict colours:
    css = syn_client.get("/static/app.css").text
    assert "circle.q3 { fill: #fd8d3c; }" in css and "circle.q4 { fill: #d7301f; }" in css
    only = syn_client.get("/map", params={"cameo": "042", "target": "UKRMIL"})
    n_located = db_rows(synthetic_db, "SELECT count(*) FROM events WHERE cameo = '042' AND target = 'UKRMIL' "
                                      "AND lat IS NOT NULL")[0][0]
    assert f"{n_located} of {n_located} matching events" in only.text
    link = re.search(r'<a class="place" href="([^"]+)"', only.text).group(1).replace("&amp;", "&")
    assert "cameo=042" in link and "target=UKRMIL" in link and "at=" in link
    events = syn_client.get(link)
    assert events.status_code == 200 and "No events match" not in events.text
    assert syn_client.get("/map", params={"date_to": "soon"}).status_code == 400


def test_timeline_breaks_at_empty_periods_and_labels_each_axis_once(syn_client):
    from eventwire.web.charts import timeline_svg

    row = {"events": 2, "verbal_cooperation": 2, "material_cooperation": 0, "verbal_conflict": 0,
           "material_conflict": 0, "goldstein_mean": 1.0}
    empty = {**row, "events": 0, "verbal_cooperation": 0, "goldstein_mean": None}
    series = [{**row, "period": "2022-01-01"}, {**row, "period": "2022-01-02"}, {**empty, "period": "2022-01-03"},
              {**row, "period": "2022-01-04"}, {**row, "period": "2022-01-05"}]
    svg = str(timeline_svg(series, freq="day"))
    assert svg.count("<polyline") == 2  # the line stops at the empty day
    assert svg.count('class="axis-title"') == 3
    titles = re.findall(r'class="axis-title"[^>]*>([^<]+)<', svg)
    assert titles == ["events per day", "mean Goldstein", "day (first day)"]
    assert svg.count('<rect class="q1"') == 4 and 'class="q2"' not in svg  # one bar a day with events
    assert "svg.timeline rect.q1 { fill: #6baed6; }" in syn_client.get("/static/app.css").text
    page = syn_client.get("/dyads/RUSMIL/UKRMIL", params={"freq": "day"}).text
    assert page.count("<polyline") >= 2  # the synthetic store has ten days without events


def test_aggregates_are_computed_once_per_served_store(syn_client):
    cache = syn_client.app.state.cache
    first = syn_client.get("/api/alerts", params={"level": "country", "threshold": 2.0}).json()
    misses = cache.misses
    again = syn_client.get("/api/alerts", params={"level": "country", "threshold": 2.0}).json()
    assert again == first and cache.misses == misses and cache.hits > 0
    syn_client.get("/")
    misses = cache.misses
    syn_client.get("/")
    assert cache.misses == misses


def test_partial_requests_are_closed_and_connections_bounded(web_db):
    with live_server(web_db, header_timeout=0.5, body_timeout=0.5, max_connections=4) as base:
        url = urlsplit(base)
        address = (url.hostname, url.port)
        head_only = socket.create_connection(address, timeout=5)
        head_only.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # headers never end
        body_short = socket.create_connection(address, timeout=5)
        body_short.sendall(b"POST /api/code HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                           b"Content-Length: 1000\r\n\r\n{\"text\": ")  # body never ends
        silent = socket.create_connection(address, timeout=5)
        started = time.monotonic()
        for sock in (head_only, body_short, silent):
            assert sock.recv(4096) == b"" or True  # closed (an error response may come first)
            while sock.recv(4096):
                pass
        assert time.monotonic() - started < 4, "partial requests must be closed within their deadlines"
        for sock in (head_only, body_short, silent):
            sock.close()
        crowd = [socket.create_connection(address, timeout=5) for _ in range(8)]
        closed = 0
        for sock in crowd:
            sock.settimeout(0.3)
            try:
                closed += sock.recv(1) == b""
            except TimeoutError:
                pass
        for sock in crowd:
            sock.close()
        assert closed >= 4, "connections past the bound are closed at once"
        time.sleep(0.2)
        with httpx.Client(base_url=base, timeout=10) as http:
            assert http.get("/api/events").status_code == 200


def test_serve_warms_the_overview_and_default_alerts(synthetic_db):
    app = create_app(synthetic_db, warm=True)
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        deadline = time.monotonic() + 20
        while app.state.cache.misses < 7 and time.monotonic() < deadline:
            time.sleep(0.05)
        misses = app.state.cache.misses
        for params in ({}, {"level": "country"}):
            assert test_client.get("/api/alerts", params=params).status_code == 200
        assert app.state.cache.misses == misses


def test_min_confidence_filters_events_and_bad_values_are_refused(client, web_db):
    stored = sorted(c for (c,) in db_rows(web_db, "SELECT confidence FROM events"))
    assert stored and all(c is not None for c in stored)
    threshold = stored[len(stored) // 2]
    found = client.get("/api/events", params={"min_confidence": threshold, "limit": 500}).json()
    assert found["total"] == sum(c >= threshold for c in stored)
    assert all(e["confidence"] >= threshold for e in found["events"])
    for bad in ("1.5", "-0.1", "abc"):
        response = client.get("/api/events", params={"min_confidence": bad})
        assert response.status_code == 422, bad
        assert "min_confidence" in response.text
    spec = client.get("/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert "min_confidence" in names


def test_events_page_shows_confidence_and_filters_on_it(client, web_db):
    page = client.get("/events").text
    assert "<th class=\"c-num c-conf\"" in page and 'name="min_confidence"' in page
    assert client.get("/events", params={"min_confidence": "1.01"}).text.count("min_confidence must be") == 1
    none_left = client.get("/events", params={"min_confidence": "1"}).text
    stored_at_one = db_rows(web_db, "SELECT count(*) FROM events WHERE confidence >= 1")[0][0]
    assert stored_at_one or "No events match these filters" in none_left
    event_id = db_rows(web_db, "SELECT event_id FROM events LIMIT 1")[0][0]
    assert 'id="event-confidence"' in client.get(f"/events/{event_id}").text


#: The events table's rows as the Jinja macro wrote them before ``event_rows`` (the reference).
_MACRO_ROWS = """{% from "macros.html" import sentence %}
{% for e in events %}
<tr>
  <td class="nowrap">{{ e.date or "" }}</td>
  <td class="dyad-cell">{{ e.source or "—" }} → {{ e.target or "—" }}</td>
  <td><a class="event-link" href="/events/{{ e.event_id|path }}">{{ e.cameo }}</a> <span class="muted">{{ e.cameo|cameo_name }}</span></td>
  <td>{{ e.quad_class|quad_label }}</td>
  <td>{{ e.goldstein|num(1) }}</td>
  <td>{{ e.modality or "" }}</td>
  <td class="confidence">{{ e.confidence|num(2) }}</td>
  <td class="sentence">{{ sentence(e.text, e.trigger) }}</td>
  {% if show_doc %}<td class="doc"><a href="/documents/{{ e.doc_id|path }}#event-{{ e.event_id|path }}" title="{{ e.doc_id }}">{{ titles.get(e.doc_id) or e.doc_id|short }}</a></td>{% endif %}
</tr>
{% else %}
<tr><td colspan="9" class="muted">No events.</td></tr>
{% endfor %}
"""  # noqa: E501


def test_event_rows_are_what_the_template_wrote(synthetic_db):
    from eventwire.web.pages import environment, event_rows

    with open_store(synthetic_db, read_only=True) as store:
        events = [dict(zip([d[0] for d in store.con.description], row)) for row in
                  store.con.execute("SELECT * FROM events ORDER BY rowid LIMIT 40").fetchall()]
    odd = {**events[0], "event_id": "a/b c&d", "doc_id": "doc<1>&" + "x" * 40, "date": None, "source": None,
           "target": "<UKR>", "cameo": None, "quad_class": None, "goldstein": None, "confidence": 0.5,
           "modality": None, "text": 'He said "<b>" & did', "trigger": "did"}
    events += [odd, {**odd, "goldstein": 3, "text": None, "trigger": None, "quad_class": 4, "cameo": "190"}]
    titles = {events[1]["doc_id"]: "A <title> & more", odd["doc_id"]: ""}
    reference = environment().from_string(_MACRO_ROWS)
    for chosen, show_doc in [(events, True), (events, False), ([], True)]:
        expected = reference.render(events=chosen, show_doc=show_doc, titles=titles).removeprefix("\n")
        assert str(event_rows(chosen, show_doc, titles)) == expected
