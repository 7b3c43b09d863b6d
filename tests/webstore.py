"""Shared by the web and browser tests: a store ingested from articles we wrote, and a live server."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

XSS = "<script>alert('x')</script>"

ARTICLES = [
    {"id": "border-clash-1", "date": "2021-05-03", "source": "Harbour Times", "title": "Clashes near the border",
     "text": "Israeli troops attacked Palestinian protesters near Gaza on Monday. "
             "The United Nations condemned Israel. \"This must stop now,\" the Palestinian president said."},
    {"id": "border-clash-2", "date": "2021-05-04", "source": "Valley Courier", "title": "Second day of clashes",
     "text": "Israeli troops attacked Palestinian protesters again. Egypt urged Israel to show restraint."},
    {"id": "border-clash-3", "date": "2021-05-06", "url": "https://example.org/news/3",
     "title": "Troops fire on crowd",
     "text": "Israeli soldiers attacked Palestinian protesters in Hebron. Jordan accused Israel of aggression."},
    {"id": "geneva-talks", "date": "2021-03-04", "source": "Harbour Times", "title": "Ministers meet",
     "text": "Russian Foreign Minister Sergei Lavrov met US Secretary of State Antony Blinken on Thursday. "
             "\"We will keep talking,\" Lavrov told reporters. Russia accused the United States of meddling."},
    {"id": "https://example.org/world/2021/05/07/long-article-slug-on-the-talks?ref=front%20page",
     "date": "2021-05-07", "source": "Example Wire", "title": "Talks resume in Cairo",
     "text": "Egypt hosted talks between Israel and Hamas in Cairo. The United States praised Egypt."},
    {"id": "xss-probe", "date": "2021-05-05", "source": "Night Desk", "title": f"Protest {XSS} report",
     "text": f"Turkey condemned Greece on Wednesday. {XSS} Greek police arrested Turkish fishermen."},
]


def write_articles(path: Path) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    return path


def ingest_store(folder: Path) -> Path:
    """Run ``eventwire ingest`` (in this process, no worker pool) over our articles."""
    from eventwire.cli import main

    articles = write_articles(folder / "articles.jsonl")
    db = folder / "web.duckdb"
    code = main(["ingest", str(articles), "--db", str(db), "--workers", "0", "--quiet"])
    assert code == 0, f"eventwire ingest exited with {code}"
    return db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def live_server(db: Path, **limits: float) -> Iterator[str]:
    """The real app under uvicorn (as ``serve`` runs it) in a thread on a free loopback port; yields its URL."""
    import uvicorn

    from eventwire.web import create_app
    from eventwire.web.server import server_config

    port = free_port()
    server = uvicorn.Server(server_config(create_app(db), "127.0.0.1", port, log_level="warning", **limits))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
