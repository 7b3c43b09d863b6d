"""The HTTP API and dashboard pages, in-process (TestClient) and on a live uvicorn server."""

from __future__ import annotations

import datetime as dt
import random
import re
import socket
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
