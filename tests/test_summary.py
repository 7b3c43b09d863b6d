"""The ``dyad_days`` summary (issue 13 point 28): always equal to counting the events directly.

Every answer read from the summary is compared with the same answer computed from the events
of a copy of the store without it (an older store, served read-only, is answered that way), on
small random stores with what makes the summary hard: events missing a side, month-precise
and undated events, negated ones, articles without a source, several writes and replaced
articles. Timing goals stay in benchmarks/bench_api.py.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import shutil

import duckdb
import pytest

from eventwire.analysis import AlertParams, dyad_filter, dyads, escalation_alerts, timeseries
from eventwire.model import Article, CodedDocument, DateRef, Event, make_actor
from eventwire.ontology import load_ontology
from eventwire.store import EventFilter, open_store, rows_of
from eventwire.store.summary import disorder, group_sql
from eventwire.web.queries import COUNT_CAP, bounded_count, cached_page, ordered_event_ids, page_of_events

ACTORS = [make_actor("USA", ("GOV",)), make_actor("RUS", ("GOV",)), make_actor("RUS", ("MIL",)),
          make_actor("UKR", ("MIL",)), make_actor("IGO", ("UNO",)), None]
CODES = ("010", "036", "042", "057", "071", "112", "130", "173", "190", "195")
START = dt.date(2021, 1, 1)


def random_article(rng: random.Random, n: int, tag: str = "") -> CodedDocument:
    """One article of 1-5 events with random actors (some missing), codes, modalities and dates."""
    doc_id = f"doc-{tag}{n}"
    article_day = START + dt.timedelta(days=rng.randrange(60))
    ontology = load_ontology()
    events = []
    for k in range(rng.randint(1, 5)):
        source, target = rng.choice(ACTORS[:-1]), rng.choice(ACTORS)
        cameo = rng.choice(CODES)
        date = rng.choice([DateRef(article_day - dt.timedelta(days=rng.randrange(3)), "day"),
                           DateRef(article_day, "month"), None])
        event = Event(doc_id=doc_id, sentence=k, source_actor=source, target_actor=target, cameo=cameo,
                      plover=None, plover_mode=None, plover_context=None,
                      quad_class=ontology.cameo(cameo).quad_class, goldstein=ontology.cameo(cameo).goldstein,
                      modality=rng.choice(["asserted"] * 5 + ["negated", "hypothetical", "reported"]),
                      text=f"Sentence {k} we wrote.", trigger="did", span=(k * 10, k * 10 + 3), rule="test",
                      date=date)
        event.assign_id()
        events.append(event)
    source = rng.choice(["Wire A", "Wire B", "Wire C", None])
    article = Article(id=doc_id, text=f"Text {doc_id}.", date=article_day, source=source,
                      url=rng.choice([f"https://news{rng.randrange(3)}.example/{doc_id}", None]))
    return CodedDocument(article=article, events=events, quotes=[], sentences=[(0, 10)])


def summary_rows(store) -> list[tuple]:
    return _normalised(store.con.execute("SELECT * FROM dyad_days").fetchall())


def direct_rows(store) -> list[tuple]:
    return _normalised(store.con.execute(group_sql()).fetchall())


def _normalised(rows: list[tuple]) -> list[tuple]:
    out = []
    for row in rows:
        *keys_and_counts, docs, outlets = row
        out.append(tuple(round(x, 6) if isinstance(x, float) else x for x in keys_and_counts)
                   + (tuple(sorted(docs)), tuple(sorted(outlets))))
    return sorted(out, key=repr)


@pytest.fixture()
def written(tmp_path):
    """A store written in four batches of random articles; returns its path."""
    rng = random.Random(13)
    path = tmp_path / "store.duckdb"
    with open_store(path) as store:
        for batch in range(4):
            store.write([rows_of(random_article(rng, n, f"b{batch}-")) for n in range(40)])
    return path


def without_summary(path, tmp_path):
    """A copy of the store without its summary, opened read-only: answered from its events."""
    copy = tmp_path / "old.duckdb"
    shutil.copy(path, copy)
    con = duckdb.connect(str(copy))
    con.execute("DROP TABLE dyad_days")
    con.close()
    store = open_store(copy, read_only=True)
    assert not store.has_dyad_days
    return store


def test_the_summary_equals_the_groups_counted_from_the_events_after_several_writes(written):
    with open_store(written, read_only=True) as store:
        rows = summary_rows(store)
        assert rows == direct_rows(store)
        assert len(rows) == len({r[:6] for r in rows})  # one row per group, however many writes
        n_events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        assert store.con.execute("SELECT sum(events) FROM dyad_days").fetchone()[0] == n_events


def test_replacing_articles_counts_their_groups_again(written):
    rng = random.Random(7)
    with open_store(written) as store:
        before = summary_rows(store)
        store.write([rows_of(random_article(rng, n, "b1-")) for n in range(0, 40, 3)], replace=True)
        after = summary_rows(store)
        assert after != before
        assert after == direct_rows(store)


def test_an_article_already_stored_changes_nothing(written):
    rng = random.Random(13)
    with open_store(written) as store:
        before = summary_rows(store)
        store.write([rows_of(random_article(rng, n, "b0-")) for n in range(40)])  # the same ids again
        assert summary_rows(store) == before


def test_a_store_made_before_the_summary_gets_it_when_opened_for_writing(written):
    with open_store(written, read_only=True) as store:
        expected = summary_rows(store)
    con = duckdb.connect(str(written))
    con.execute("DROP TABLE dyad_days")
    con.close()
    with open_store(written) as store:
        assert store.has_dyad_days
        assert summary_rows(store) == expected


def test_reclustering_keeps_every_row_and_orders_them_by_dyad_and_day(written):
    with open_store(written) as store:
        before = summary_rows(store)
        assert disorder(store.con) > 0.01  # four writes appended their groups out of order
        assert store.cluster_summary()
        assert summary_rows(store) == before
        keys = store.con.execute("SELECT source, target, day FROM dyad_days ORDER BY rowid").fetchall()
        assert keys == sorted(keys, key=lambda k: tuple((x is None, x) for x in k))  # NULLs last, as DuckDB sorts
        assert disorder(store.con) == 0
        assert not store.cluster_summary()  # in order: not rewritten again


FILTERS = [EventFilter(), EventFilter(actor="RUSGOV"), EventFilter(source="RUS*"), EventFilter(country="UKR"),
           dyad_filter("RUSMIL", "UKRMIL"), dyad_filter("RUS", "UKR", level="country"),
           EventFilter(source="USAGOV", target="RUS*")]


def same(a, b, path="") -> None:
    """Equal, floats to 1e-9 (sums added in another order)."""
    if isinstance(a, dict):
        assert a.keys() == b.keys(), path
        for key in a:
            same(a[key], b[key], f"{path}.{key}")
    elif isinstance(a, list):
        assert len(a) == len(b), path
        for n, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{path}[{n}]")
    elif isinstance(a, float) or isinstance(b, float):
        assert a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9), (path, a, b)
    else:
        assert a == b, (path, a, b)


@pytest.mark.parametrize("where", FILTERS, ids=repr)
def test_series_and_dyad_tables_from_the_summary_equal_those_from_the_events(written, tmp_path, where):
    with open_store(written, read_only=True) as store, without_summary(written, tmp_path) as old:
        for freq in ("day", "week", "month"):
            same(timeseries(store, where, freq=freq), timeseries(old, where, freq=freq))
        same(timeseries(store, where, date_from="2021-01-10", date_to="2021-02-01"),
             timeseries(old, where, date_from="2021-01-10", date_to="2021-02-01"))
        for level in ("actor", "country"):
            for order in ("events", "conflict", "goldstein", "latest"):
                same(dyads(store, where, level=level, order=order), dyads(old, where, level=level, order=order))


@pytest.mark.parametrize("where", FILTERS, ids=repr)
def test_alerts_from_the_summary_equal_those_from_the_events(written, tmp_path, where):
    variants = [AlertParams(window=7, min_history=3, threshold=1.0, min_events=1),
                AlertParams(window=10, min_history=2, threshold=0.5, min_events=1, measure="count")]
    with open_store(written, read_only=True) as store, without_summary(written, tmp_path) as old:
        raised = 0
        for params in variants:
            for level in ("actor", "country"):
                mine = escalation_alerts(store, where, params, level=level, limit=None)
                same(mine, escalation_alerts(old, where, params, level=level, limit=None))
                raised += len(mine)
        bounded = escalation_alerts(store, where, variants[0], date_from="2021-01-20", date_to="2021-02-10")
        same(bounded, escalation_alerts(old, where, variants[0], date_from="2021-01-20", date_to="2021-02-10"))
    if where == EventFilter():
        assert raised > 0  # the comparison compares something


@pytest.mark.parametrize("where", [*FILTERS, EventFilter(quad_class=4), EventFilter(actor="RUS*", quad_class=1),
                                   EventFilter(root="19"), EventFilter(text="Sentence 2")], ids=repr)
def test_event_counts_from_the_summary_equal_a_count_of_the_events(written, where):
    with open_store(written, read_only=True) as store:
        assert bounded_count(store, where) == min(store.count_events(where), COUNT_CAP + 1)
        assert bounded_count(store, where, cap=5) == min(store.count_events(where), 6)


@pytest.mark.parametrize("sort", ["-date", "date", "doc"])
def test_pages_of_events_are_the_sorted_filtered_rows_at_any_offset(written, sort, monkeypatch):
    from eventwire.web import queries
    from eventwire.web.cache import AggregateCache

    orders = {"-date": "date DESC NULLS LAST, rowid", "date": "date NULLS LAST, rowid",
              "doc": "doc_id, sentence, span_start, rowid"}
    monkeypatch.setattr(queries, "IDS_BLOCK", 30)  # pages past the kept block too
    with open_store(written, read_only=True) as store:
        cache = AggregateCache(store)
        for where in (EventFilter(), EventFilter(actor="RUS*"), EventFilter(quad_class=4)):
            clause, params = where.where()
            expected = [r[0] for r in store.con.execute(
                f"SELECT event_id FROM events{clause} ORDER BY {orders[sort]}", params).fetchall()]
            assert ordered_event_ids(store, where, sort=sort, n=len(expected) + 5) == expected
            for offset in (0, 10, 25, 40):
                page = [e["event_id"] for e in page_of_events(store, where, limit=10, offset=offset, sort=sort)]
                assert page == expected[offset:offset + 10]
                kept = cached_page(cache, store, where, limit=10, offset=offset, sort=sort)
                assert [e["event_id"] for e in kept] == page


SQL_ORDERS = {"events": "events DESC", "conflict": "(verbal_conflict + material_conflict) DESC, events DESC",
              "goldstein": "goldstein_sum ASC", "latest": "last_day DESC, events DESC"}


@pytest.mark.parametrize("order", list(SQL_ORDERS))
def test_dyads_ordered_from_one_kept_table_are_in_the_order_sql_gives(written, order):
    from eventwire.analysis.series import dyad_table, order_dyads
    from eventwire.web.cache import AggregateCache
    from eventwire.web.queries import cached_dyads

    with open_store(written, read_only=True) as store:
        cache = AggregateCache(store)
        for level in ("actor", "country"):
            table = dyad_table(store, level=level)
            con = duckdb.connect()
            con.execute("CREATE TABLE d (source VARCHAR, target VARCHAR, events BIGINT, verbal_conflict BIGINT, "
                        "material_conflict BIGINT, goldstein_sum DOUBLE, last_day VARCHAR)")
            con.executemany("INSERT INTO d VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [[r[k] for k in ("source", "target", "events", "verbal_conflict", "material_conflict",
                                             "goldstein_sum", "last_day")] for r in table])
            for min_events, limit, offset in ((1, 100, 0), (3, 4, 2)):
                expected = con.execute(f"SELECT source, target FROM d WHERE events >= ? ORDER BY {SQL_ORDERS[order]}, "
                                       f"source, target LIMIT {limit} OFFSET {offset}", [min_events]).fetchall()
                mine = order_dyads(table, order=order, min_events=min_events, limit=limit, offset=offset)
                assert [(r["source"], r["target"]) for r in mine] == expected
                kept = cached_dyads(cache, store, None, level=level, order=order, min_events=min_events,
                                    limit=limit, offset=offset)
                same(kept, mine)  # the kept table is summed by the event index: means to the last bits
