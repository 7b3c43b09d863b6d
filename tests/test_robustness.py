"""The coder against texts built to blow it up (issue 13): long actor lists, long runs without
spaces, and the per-article budget. Timing bounds here are the generous ones the issue demands;
the measurements are in benchmarks/bench_pathological.py."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from eventwire.budget import Budget, OverBudget
from eventwire.events.matcher import MAX_EVENTS_PER_SENTENCE, MAX_PAIRS_PER_TRIGGER
from eventwire.model import Article
from eventwire.pipeline import Coder, CoderConfig
from eventwire.segments import MAX_RUN_CHARS, segments
from eventwire.tables import package_data_path, read_rows

DATE = dt.date(2024, 3, 4)


@pytest.fixture(scope="module")
def coder(nlp) -> Coder:
    return Coder(nlp=nlp)


def country_names() -> list[str]:
    rows = read_rows(package_data_path("eventwire.actors", "countries.tsv"), ("code", "name"),
                     ("aliases", "adjectives", "demonyms", "capitals", "seats"))
    return [row["name"] for row in rows if " and " not in row["name"] and "," not in row["name"]]


def and_list(n: int) -> str:
    names = country_names()
    return " and ".join(names[:n]) + " condemned " + " and ".join(names[-n:]) + "."


def test_a_short_actor_list_gives_every_pair_and_is_not_capped(coder: Coder) -> None:
    doc = coder.code(Article(id="t", text="France and Germany condemned Russia and Iran.", date=DATE))
    assert {(e.source, e.target) for e in doc.events} == {
        ("FRA", "RUS"), ("FRA", "IRN"), ("DEU", "RUS"), ("DEU", "IRN")}
    assert not any(e.pairs_capped for e in doc.events)
    assert all(e.to_dict()["pairs_capped"] is False for e in doc.events)


def test_two_hundred_names_a_side_code_fast_with_a_bounded_and_marked_event_list(coder: Coder) -> None:
    text = and_list(200)
    start = time.perf_counter()
    doc = coder.code(Article(id="t", text=text, date=DATE))
    seconds = time.perf_counter() - start
    assert seconds < 5, f"{seconds:.1f} s for 200 names a side"
    assert 0 < len(doc.events) <= min(MAX_PAIRS_PER_TRIGGER, MAX_EVENTS_PER_SENTENCE)
    assert all(e.pairs_capped and e.rule.endswith("+capped") for e in doc.events)
    assert all(e.to_dict()["pairs_capped"] for e in doc.events)


def test_events_of_one_sentence_share_its_text_instead_of_copying_it(coder: Coder) -> None:
    doc = coder.code(Article(id="t", text=and_list(12), date=DATE))
    assert len(doc.events) > 1
    assert len({id(e.text) for e in doc.events}) == 1


def test_a_long_run_without_spaces_is_capped_before_parsing_and_offsets_stay() -> None:
    text = "Russia attacked Ukraine. " + '"' * 20_000 + " France condemned Russia."
    pieces = segments(text)
    assert sum(len(p.text) for p in pieces) <= len(text) - 20_000 + MAX_RUN_CHARS
    assert all(text[p.start:p.start + len(p.text)] == p.text for p in pieces)
    assert any(p.text.startswith("France condemned") for p in pieces)
    url = "https://example.org/" + "a/" * 60  # a long URL (under the cap) is kept whole
    assert [p.text for p in segments(f"See {url} now.")] == [f"See {url} now."]


@pytest.mark.parametrize("char", ['"', "\U0001F600"])
def test_twenty_thousand_quotes_or_emoji_code_in_under_three_seconds(coder: Coder, char: str) -> None:
    text = "Russia attacked Ukraine. " + char * 20_000 + " France condemned Russia."
    start = time.perf_counter()
    doc = coder.code(Article(id="t", text=text, date=DATE))
    seconds = time.perf_counter() - start
    assert seconds < 3, f"{seconds:.1f} s"
    assert {(e.source, e.target) for e in doc.events} >= {("RUS", "UKR"), ("FRA", "RUS")}
    for event in doc.events:
        assert text[event.span[0]:event.span[1]] == event.trigger


def test_an_article_over_its_budget_is_rejected_with_a_reason_and_the_stream_goes_on(nlp) -> None:
    strict = Coder(CoderConfig(stages=("actors", "events", "codes"), budget=Budget(seconds=0.0)), nlp=nlp)
    article = Article(id="t", text="France condemned Russia.", date=DATE)
    with pytest.raises(OverBudget, match="time budget"):
        strict.code(article)
    rejected: list[tuple[str, str]] = []
    out = list(strict.code_many([article, Article(id="u", text="Chile met Peru.")],
                                on_reject=lambda a, reason: rejected.append((a.id, reason))))
    assert out == [] and [a for a, _ in rejected] == ["t", "u"]
    assert all("time budget" in reason for _, reason in rejected)
    memory = Coder(CoderConfig(stages=("actors",), budget=Budget(seconds=None, memory_mb=-1)), nlp=nlp)
    with pytest.raises(OverBudget, match="memory budget"):
        memory.code(article)
    relaxed = Coder(CoderConfig(stages=("actors", "events", "codes"), budget=Budget(seconds=None, memory_mb=None)),
                    nlp=nlp)
    assert relaxed.code(article).events


def test_code_rejects_an_article_over_budget_with_its_reason_and_codes_the_rest(tmp_path, capsys) -> None:
    from eventwire.cli import main

    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "x", "text": "France condemned Russia.", "date": "2024-03-04"}\n', encoding="utf-8")
    assert main(["code", str(path), "--stages", "actors,events,codes", "--article-seconds", "1e-9"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "x: over the time budget" in captured.err
    assert main(["code", str(path), "--stages", "actors,events,codes"]) == 0
    assert '"source": "FRA"' in capsys.readouterr().out


def test_the_api_answers_422_with_the_reason_for_an_article_over_budget(tmp_path, nlp) -> None:
    from starlette.testclient import TestClient

    from eventwire.store import open_store
    from eventwire.web import create_app

    db = tmp_path / "w.duckdb"
    open_store(db).close()
    strict = CoderConfig(stages=("actors", "events", "codes"), budget=Budget(seconds=1e-9))
    with TestClient(create_app(db, coder_factory=lambda: Coder(strict, nlp=nlp)), base_url="http://localhost") as client:
        answer = client.post("/api/code", json={"text": "France condemned Russia.", "date": "2024-03-04"})
    assert answer.status_code == 422 and "time budget" in answer.json()["detail"]


def test_ingest_rejects_an_article_over_budget_with_its_reason(tmp_path, capsys) -> None:
    import duckdb

    from eventwire.cli import main

    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "x", "text": "France condemned Russia.", "date": "2024-03-04"}\n', encoding="utf-8")
    db = tmp_path / "s.duckdb"
    main(["ingest", str(path), "--db", str(db), "--workers", "0", "--quiet", "--stages", "actors,events,codes",
          "--article-seconds", "1e-9"])
    con = duckdb.connect(str(db), read_only=True)
    try:
        reasons = [r[0] for r in con.execute("SELECT reason FROM rejects").fetchall()]
        stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        con.close()
    assert stored == 0 and len(reasons) == 1 and "over the time budget" in reasons[0]
