"""The DuckDB store without the coder: batch writes, idempotence, atomicity, stories, queries."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.io.readers import Reject
from eventwire.model import Article, CodedDocument, DateRef, Event, Place, Quote, make_actor
from eventwire.store import EventFilter, open_store, rows_of, schema_sql

ARM = make_actor("ARM", ("GOV",), name="Nikol Pashinyan", text="Armenian Prime Minister Nikol Pashinyan")
AZE = make_actor("AZE", text="Azerbaijan")
RUS = make_actor("RUS", ("MIL",), text="Russian troops")


def event(doc_id: str, sentence: int, source, target, cameo: str, start: int, modality: str = "asserted",
          date: dt.date | None = dt.date(2020, 11, 10), location: Place | None = None) -> Event:
    e = Event(doc_id=doc_id, sentence=sentence, source_actor=source, target_actor=target, cameo=cameo,
              plover=None, plover_mode=None, plover_context=None, quad_class=1, goldstein=1.0, modality=modality,
              text="A sentence we wrote.", trigger="met", span=(start, start + 3), rule="test:rule",
              date=DateRef(date, "day") if date else None, location=location)
    e.assign_id()
    return e


def coded(doc_id: str, events: list[Event], source: str | None = "Outlet A", text: str | None = None) -> CodedDocument:
    article = Article(id=doc_id, text=text or f"Text of {doc_id}.", title=f"Title {doc_id}",
                      date=dt.date(2020, 11, 10), url=f"https://example.org/{doc_id}", source=source)
    quote = Quote(doc_id=doc_id, sentence=0, speaker=ARM, cue="said", addressee=None, text="We will talk.",
                  kind="direct", span=(0, 13))
    quote.assign_id()
    return CodedDocument(article=article, events=events, quotes=[quote], sentences=[(0, 10)])


@pytest.fixture()
def store():
    with open_store(":memory:") as s:
        yield s


def test_schema_is_documented_and_complete():
    sql = schema_sql()
    for table in ("documents", "events", "quotes", "mentions", "places", "rejects", "runs"):
        assert f"CREATE TABLE IF NOT EXISTS {table}" in sql
    assert "VIEW stories" in sql


def test_writing_twice_stores_once(store):
    batch = [rows_of(coded("d1", [event("d1", 0, ARM, AZE, "040", 0)])),
             rows_of(coded("d2", [event("d2", 0, AZE, ARM, "112", 5)]))]
    assert store.write(batch) == ["d1", "d2"]
    assert store.write(batch) == []
    counts = store.counts()
    assert (counts["documents"], counts["events"], counts["quotes"]) == (2, 2, 2)


def test_replace_swaps_a_documents_records(store):
    store.write([rows_of(coded("d1", [event("d1", 0, ARM, AZE, "040", 0), event("d1", 1, AZE, ARM, "112", 9)]))])
    store.write([rows_of(coded("d1", [event("d1", 0, ARM, AZE, "036", 0)]))], replace=True)
    assert [e["cameo"] for e in store.events()] == ["036"]
    assert store.counts()["documents"] == 1


def test_a_failing_batch_leaves_nothing_behind(store):
    good = rows_of(coded("d1", [event("d1", 0, ARM, AZE, "040", 0)]))
    bad = rows_of(coded("d2", [event("d2", 0, AZE, ARM, "112", 5)]))
    bad.tables["events"][0]["cameo"] = None  # violates NOT NULL, after d1's rows went in
    with pytest.raises(Exception, match="(?i)null"):
        store.write([good, bad])
    assert store.counts()["documents"] == 0
    assert store.counts()["events"] == 0


def test_repeated_doc_in_one_batch_counts_once(store):
    doc = rows_of(coded("d1", [event("d1", 0, ARM, AZE, "040", 0)]))
    assert store.write([doc, doc]) == ["d1"]
    assert store.counts()["events"] == 1


def test_stories_count_mentions_articles_and_sources(store):
    # the same meeting reported by three articles from two outlets, one of them twice
    store.write([
        rows_of(coded("a1", [event("a1", 0, ARM, AZE, "040", 0), event("a1", 3, ARM, AZE, "040", 40)], "Outlet A")),
        rows_of(coded("a2", [event("a2", 0, ARM, AZE, "040", 0)], "Outlet A")),
        rows_of(coded("a3", [event("a3", 2, ARM, AZE, "040", 7)], "Outlet B")),
        rows_of(coded("a4", [event("a4", 0, ARM, AZE, "040", 0, date=dt.date(2020, 11, 11))], "Outlet B")),
    ])
    stories = {(s["source"], s["target"], s["cameo"], s["date"]): s for s in store.stories()}
    meeting = stories[("ARMGOV", "AZE", "040", "2020-11-10")]
    assert (meeting["num_mentions"], meeting["num_articles"], meeting["num_sources"]) == (4, 3, 2)
    assert meeting["is_root_event"] == 1
    assert stories[("ARMGOV", "AZE", "040", "2020-11-11")]["num_mentions"] == 1
    mentions = store.events(EventFilter(story_id=meeting["story_id"]), limit=None)
    assert {m["doc_id"] for m in mentions} == {"a1", "a2", "a3"}


def test_negated_events_are_mentions_but_no_story(store):
    store.write([rows_of(coded("n1", [event("n1", 0, RUS, AZE, "190", 0, modality="negated")]))])
    assert store.count_events() == 1
    assert store.stories() == []


def test_undated_event_takes_the_article_date_for_its_story(store):
    store.write([rows_of(coded("u1", [event("u1", 0, ARM, AZE, "040", 0, date=None)]))])
    assert store.stories()[0]["date"] == "2020-11-10"


def test_event_filters(store):
    store.write([
        rows_of(coded("f1", [event("f1", 0, ARM, AZE, "040", 0), event("f1", 1, RUS, AZE, "190", 9)])),
        rows_of(coded("f2", [event("f2", 0, AZE, ARM, "1121", 3, date=dt.date(2020, 12, 1))])),
    ])
    assert {e["cameo"] for e in store.events(EventFilter(actor="ARM*"))} == {"040", "1121"}
    assert [e["cameo"] for e in store.events(EventFilter(root="19"))] == ["190"]
    assert [e["cameo"] for e in store.events(EventFilter(cameo="11*"))] == ["1121"]
    assert [e["doc_id"] for e in store.events(EventFilter(date_from="2020-12"))] == ["f2"]
    assert len(store.events(EventFilter(date_to="2020-11-10"))) == 2
    assert store.count_events(EventFilter(country="RUS")) == 1
    first = store.events(EventFilter(doc_id="f1"))[0]
    assert first["source_actor"]["name"] == "Nikol Pashinyan"
    assert first["span"] == [0, 3]
    with pytest.raises(ValueError):
        store.events(order_by="event_id; DROP TABLE events")


def test_document_with_its_records(store):
    place = Place(name="Stepanakert", country="AZE", lat=39.8, lon=46.7, geonameid=1, feature="city")
    store.write([rows_of(coded("p1", [event("p1", 0, ARM, AZE, "040", 0, location=place)]))])
    doc = store.document("p1")
    assert doc["title"] == "Title p1" and doc["n_events"] == 1
    assert doc["events"][0]["location"]["name"] == "Stepanakert"
    assert doc["quotes"][0]["speaker_actor"]["code"] == "ARMGOV"
    assert store.document("missing") is None


def test_rejects_are_logged_once_per_input(store):
    run = store.begin_run(inputs=["x.jsonl"], config={}, engine="local", workers=1)
    bad = [Reject("x.jsonl", 3, "not valid JSON"), Reject("y.txt", None, "binary file")]
    store.add_rejects(bad, run)
    store.add_rejects(bad, run)
    assert len(store.rejects()) == 2


def test_a_run_found_running_was_interrupted(store):
    first = store.begin_run(inputs=[], config={}, engine="local", workers=1)
    store.begin_run(inputs=[], config={}, engine="local", workers=1)
    assert {r["run_id"]: r["status"] for r in store.runs()}[first] == "interrupted"


def test_read_only_store_must_exist(tmp_path):
    with pytest.raises(FileNotFoundError):
        open_store(tmp_path / "none.duckdb", read_only=True)


def test_memory_limit_is_a_checked_size(tmp_path):
    with open_store(tmp_path / "m.duckdb", memory_limit="64MB") as s:
        assert s.con.execute("SELECT current_setting('memory_limit')").fetchone()[0].startswith("61")  # MiB
    with pytest.raises(ValueError):
        open_store(tmp_path / "n.duckdb", memory_limit="1GB'; DROP TABLE events; --")
