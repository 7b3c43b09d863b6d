"""The web layer's kept answers (issue 13 point 28): the event index, kept alerts, kept responses.

Each is compared with the SQL answer it replaces on small random stores with what makes them
hard: NULL and month-precise dates, events missing a side, negated events, texts in mixed
case and with non-ASCII letters, LIKE wildcards in a search. Timing goals stay in
benchmarks/bench_api.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import random

import pytest
from starlette.testclient import TestClient
from test_summary import ACTORS, CODES, FILTERS, START

from eventwire.analysis import AlertParams, dyad_filter, escalation_alerts
from eventwire.model import Article, CodedDocument, DateRef, Event
from eventwire.ontology import load_ontology
from eventwire.store import EventFilter, open_store, rows_of
from eventwire.web import create_app
from eventwire.web.alerting import cached_alerts
from eventwire.web.cache import AggregateCache, KeptResponse, ResponseCache
from eventwire.web.index import EventIndex
from eventwire.web.queries import (
    TEXT_COUNT_CAP,
    bounded_count,
    cached_count,
    cached_page,
    event_index,
    page_of_events,
)

WORDS = ("Fight", "fighting", "AID", "aid", "Ärger", "İstanbul", "STRASSE", "straße", "ΟΔΟΣ", "50% off", "a_b",
         "consult")


def article(rng: random.Random, n: int) -> CodedDocument:
    """An article of 1-4 events whose sentences mix the WORDS (cases, accents, LIKE wildcards)."""
    doc_id = f"doc-{n}"
    day = START + dt.timedelta(days=rng.randrange(40))
    ontology = load_ontology()
    events = []
    for k in range(rng.randint(1, 4)):
        cameo = rng.choice(CODES)
        date = rng.choice([DateRef(day - dt.timedelta(days=rng.randrange(3)), "day"), DateRef(day, "month"),
                           DateRef(day, "year"), None])
        text = " ".join(rng.sample(WORDS, 2)) + f" {k}."
        event = Event(doc_id=doc_id, sentence=k, source_actor=rng.choice(ACTORS[:-1]), target_actor=rng.choice(ACTORS),
                      cameo=cameo, plover=None, plover_mode=None, plover_context=None,
                      quad_class=ontology.cameo(cameo).quad_class, goldstein=ontology.cameo(cameo).goldstein,
                      modality=rng.choice(["asserted"] * 4 + ["negated", "hypothetical", None]), text=text,
                      trigger="did", span=(0, 3), rule="test", date=date)
        event.assign_id()
        events.append(event)
    source = rng.choice(["Wire A", "Wire B", None])
    title = rng.choice([f"Report {n}: Ärger", None])
    return CodedDocument(article=Article(id=doc_id, text=f"Text {n}.", date=day, source=source, title=title),
                         events=events, quotes=[], sentences=[(0, 10)])


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    path = tmp_path_factory.mktemp("index") / "mixed.duckdb"
    rng = random.Random(5)
    with open_store(path) as store:
        for batch in range(3):
            store.write([rows_of(article(rng, 100 * batch + n)) for n in range(60)])
    return path


INDEXED = [*FILTERS, EventFilter(quad_class=4), EventFilter(root="19", country="RUS"), EventFilter(cameo="04*"),
           EventFilter(modality="negated"), EventFilter(date_from="2021-01-10"), EventFilter(date_to="2021-01"),
           EventFilter(date_from="2021-01-05", date_to="2021-01-20", actor="UKR*"),
           EventFilter(text="fight"), EventFilter(text="AID", quad_class=1), EventFilter(text="ärger"),
           EventFilter(text="istanbul"), EventFilter(text="İSTANBUL"), EventFilter(text="Straße"),
           EventFilter(text="ΟΔΟΣ"),  # Python's lower() gives a final sigma, DuckDB's (and ILIKE) does not
           EventFilter(text="nowhere"), EventFilter(actor="NOBODY"), EventFilter(plover="ASSAULT")]


@pytest.mark.parametrize("sort", ["-date", "date"])
@pytest.mark.parametrize("where", INDEXED, ids=repr)
def test_the_index_lists_and_counts_what_sql_does(mixed, where, sort):
    with open_store(mixed, read_only=True) as store:
        index = EventIndex.build(store)
        assert index is not None and index.serves(where, sort)
        clause, params = where.where()
        expected = [r[0] for r in store.con.execute(
            f"SELECT event_id FROM events{clause} ORDER BY date{' DESC' if sort == '-date' else ''} NULLS LAST, rowid",
            params).fetchall()]

        def lower(text):
            return store.con.execute("SELECT lower(?)", [text]).fetchall()[0][0]

        for want in (1, 7, len(expected) + 3):
            positions, count = index.lookup(where, want, sort, count_to=5, lower=lower)
            assert index.ids(positions) == expected[:want]
            if where.text is None or sort == "date":
                assert count == len(expected)
            else:  # a search in list order counts no further than it must
                assert count == min(len(expected), max(want, 5))
        if where.text is None:
            assert expected or where in (EventFilter(actor="NOBODY"), EventFilter(plover="ASSAULT"))


@pytest.mark.parametrize("where", [EventFilter(text="50% off"), EventFilter(text="a_b"), EventFilter(actor="RUS_*"),
                                   EventFilter(doc_id="doc-3"), EventFilter(min_confidence=0.5),
                                   EventFilter(at="1,1")], ids=repr)
def test_filters_the_index_cannot_answer_go_to_sql(mixed, where):
    with open_store(mixed, read_only=True) as store:
        index = EventIndex.build(store)
        assert not index.serves(where)
        assert index.lookup(where, 10, count_to=5) is None
        cache = AggregateCache(store)
        assert cached_page(cache, store, where, limit=10, offset=0, sort="-date") == page_of_events(store, where, limit=10)
        assert cached_count(cache, store, where) == bounded_count(store, where)
    assert not index.serves(EventFilter(), "doc")


@pytest.mark.parametrize("held", [True, False], ids=["rows held", "rows fetched"])
def test_pages_and_counts_through_the_index_equal_those_of_sql(mixed, held, monkeypatch):
    from eventwire.web import queries

    monkeypatch.setattr(queries, "IDS_BLOCK", 20)
    with open_store(mixed, read_only=True) as store:
        cache = AggregateCache(store)
        if not held:
            cache.pinned(("event-index",), lambda s: EventIndex.build(s, max_row_bytes=0), store)
        index = event_index(cache, store)
        assert (index.rows is not None) is held
        for where in (EventFilter(), EventFilter(actor="RUS*", quad_class=4), EventFilter(text="fight")):
            for sort in ("-date", "date", "doc"):
                for offset in (0, 15, 40):
                    kept = cached_page(cache, store, where, limit=10, offset=offset, sort=sort)
                    assert kept == page_of_events(store, where, limit=10, offset=offset, sort=sort)
            assert cached_count(cache, store, where) == bounded_count(store, where)


def test_a_text_search_is_counted_up_to_its_cap_and_says_so(mixed, monkeypatch):
    from eventwire.web import queries

    monkeypatch.setattr(queries, "TEXT_COUNT_CAP", 3)
    with open_store(mixed, read_only=True) as store:
        every = store.count_events(EventFilter(text="fight"))
    assert every > 3 and TEXT_COUNT_CAP == 1000
    with TestClient(create_app(mixed), base_url="http://127.0.0.1") as client:
        found = client.get("/api/events", params={"q": "fight"}).json()
        exact = client.get("/api/events", params={"actor": "RUS*"}).json()
    assert found["total"] == 3 and found["total_is_lower_bound"] is True
    assert exact["total_is_lower_bound"] is False


def test_stores_over_the_bounds_are_not_indexed(mixed):
    with open_store(mixed, read_only=True) as store:
        assert EventIndex.build(store, max_events=10) is None
        assert EventIndex.build(store, max_text_bytes=10).serves(EventFilter(text="fight")) is False
        assert EventIndex.build(store, max_row_bytes=10).rows is None


LIMITS = (None, 3, 100)


def test_actor_prefixes_name_whole_country_dyads_only_when_their_events_are_those_countries(mixed):
    with open_store(mixed, read_only=True) as store:
        index = EventIndex.build(store)
        assert index.country_dyads(dyad_filter("RUS", "UKR", level="country")) == EventFilter(source="RUS",
                                                                                               target="UKR")
        assert index.country_dyads(EventFilter(target="IGO*")) == EventFilter(target="IGO")
        assert index.country_dyads(dyad_filter("RU", "UKR", level="country")) is None  # RU* is not country RU
        assert index.country_dyads(dyad_filter("RUSGOV", "UKRMIL")) is None  # codes, not prefixes
        assert index.country_dyads(EventFilter(source="RUS*", cameo="04*")) is None


@pytest.mark.parametrize("level", ["actor", "country"])
@pytest.mark.parametrize("where", [*FILTERS, EventFilter(quad_class=3), EventFilter(text="fight"),
                                   dyad_filter("RU", "UKR", level="country"), EventFilter(target="IGO*")], ids=repr)
def test_kept_alerts_equal_alerts_computed_afresh(mixed, level, where):
    variants = [AlertParams(min_history=3, window=7, threshold=t, min_events=1) for t in (1.0, 1.5, 2.5, 4.0)]
    variants += [dataclasses.replace(variants[1], measure="count"), dataclasses.replace(variants[1], min_scale=0.5)]
    raised = 0
    with open_store(mixed, read_only=True) as store:
        cache = AggregateCache(store)
        for params in variants:
            for limit in LIMITS:
                for start, end in ((None, None), ("2021-01-15", "2021-01-30")):
                    kept = cached_alerts(cache, store, where, params, level=level, start=start, end=end, limit=limit)
                    fresh = escalation_alerts(store, where, params, level=level, date_from=start, date_to=end,
                                              limit=limit)
                    assert kept == fresh, (params, limit, start)
                    raised += len(kept)
    if where == EventFilter():
        assert raised > 0  # the comparison compares something


def test_the_response_cache_is_bounded_and_forgets_on_clear():
    cache = ResponseCache(max_entries=3, max_bytes=10_000, max_body=4_000)
    kept = KeptResponse.of(200, ((b"content-type", b"application/json"),), b"x" * 2000)
    assert kept.gzipped is None and kept.wants_gzip(True) and not kept.wants_gzip(False)
    answer = kept.with_gzip()
    assert not answer.wants_gzip(True) and gzip.decompress(answer.gzipped) == answer.body
    for n in range(5):
        assert cache.put(("/a", (("n", str(n)),)), answer)
    assert len(cache) <= 3 and cache.size_bytes <= 10_000
    assert cache.get(("/a", (("n", "0"),))) is None and cache.get(("/a", (("n", "4"),))) is answer
    assert not cache.put(("/big", ()), KeptResponse(200, (), b"y" * 5000))  # over max_body: not kept
    generation = cache.generation
    cache.clear()
    assert len(cache) == 0 and cache.get(("/a", (("n", "4"),))) is None
    assert not cache.put(("/late", ()), answer, generation)  # computed before the clear: refused
    assert cache.put(("/late", ()), answer, cache.generation)


def test_repeated_gets_are_answered_from_kept_responses(mixed):
    app = create_app(mixed)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        responses = app.state.responses
        first = client.get("/api/events", params={"actor": "RUS*", "limit": 5})
        hits = responses.hits
        again = client.get("/api/events", params={"limit": 5, "actor": "RUS*"})  # same query, other order
        assert responses.hits == hits + 1 and again.content == first.content
        assert again.headers["content-encoding"] == "gzip"  # the test client accepts gzip
        assert "script-src 'self'" in again.headers["content-security-policy"]
        plain = client.get("/api/events", params={"actor": "RUS*", "limit": 5}, headers={"accept-encoding": "identity"})
        assert "content-encoding" not in plain.headers and plain.content == first.content
        hits = responses.hits
        for _ in range(2):
            assert client.get("/api/events", params={"date_from": "yesterday"}).status_code in (400, 422)
        assert responses.hits == hits  # errors are not kept
        assert client.get("/api/events", headers={"host": "evil.example"}).status_code == 400  # checked first
        download = client.get("/api/events.csv", params={"actor": "RUS*"})
        assert download.status_code == 200 and download.text.count("\n") > 5
        assert client.get("/api/events.csv", params={"actor": "RUS*"}).content == download.content
        responses.clear()
        assert client.get("/api/events", params={"actor": "RUS*", "limit": 5}).content == first.content


@pytest.mark.parametrize("level", ["actor", "country"])
def test_kept_dyad_tables_equal_tables_computed_afresh(mixed, level):
    from test_summary import same

    from eventwire.analysis.series import dyad_table
    from eventwire.web.queries import cached_dyads

    with open_store(mixed, read_only=True) as store:
        cache = AggregateCache(store)
        for where in [*FILTERS, EventFilter(actor="UKR*", source="RUS*"), EventFilter(actor="RUS_*")]:
            kept = cached_dyads(cache, store, where, level=level, limit=None)
            fresh = dyad_table(store, where, level=level)
            same(sorted(kept, key=_dyad), sorted(fresh, key=_dyad), repr(where))


def _dyad(row: dict) -> tuple:
    return row["source"], row["target"]


def test_kept_titles_equal_the_titles_query(mixed):
    from eventwire.web.queries import all_titles, cached_titles, document_titles

    with open_store(mixed, read_only=True) as store:
        ids = [r[0] for r in store.con.execute("SELECT doc_id FROM documents ORDER BY doc_id LIMIT 9").fetchall()]
        asked = [*ids, ids[0], "no-such-doc"]
        cache = AggregateCache(store)
        titles = cached_titles(cache, store, asked)
        assert titles == document_titles(store, asked) and 0 < len(titles) < len(ids)
        assert all_titles(store, max_bytes=10) is None
        small = AggregateCache(store)
        small.pinned(("titles",), lambda s: all_titles(s, max_bytes=10), store)
        assert cached_titles(small, store, asked) == document_titles(store, asked)


@pytest.fixture(scope="module")
def placed(tmp_path_factory):
    from eventwire.analysis.synthetic import SyntheticEvent, write_events

    path = tmp_path_factory.mktemp("places") / "placed.duckdb"
    rng = random.Random(9)
    spots = [(10.0001, 20.0004, "Alpha"), (10.0002, 20.0001, "Alpha"), (-5.5, 7.25, "Beta"), (0.0, 0.0, None),
             (48.8566, 2.3522, "Paris"), (50.4501, 30.5234, "Kyiv"), (31.7683, 35.2137, "Jerusalem")]
    events = []
    for _ in range(400):
        source, target = rng.sample(["RUSGOV", "UKRMIL", "USAGOV", "ISRMIL"], 2)
        lat, lon, name = rng.choice(spots) if rng.random() < 0.7 else (None, None, None)
        events.append(SyntheticEvent(day=START + dt.timedelta(days=rng.randrange(30)), source=source, target=target,
                                     cameo=rng.choice(CODES), lat=lat, lon=lon, place=name))
    with open_store(path) as store:
        write_events(store, events)
    return path


@pytest.mark.parametrize("where", [EventFilter(), EventFilter(actor="RUSGOV"), EventFilter(source="USA*", quad_class=4),
                                   EventFilter(date_from="2021-01-10"), EventFilter(actor="NOBODY")], ids=repr)
@pytest.mark.parametrize("sort_places", [0, 10**9], ids=["sorted", "counted"])
def test_places_from_the_index_equal_the_located_events_query(placed, where, sort_places, monkeypatch):
    from eventwire.web import index as index_module
    from eventwire.web.queries import located_events

    monkeypatch.setattr(index_module, "_SORT_PLACES", sort_places)  # 0: the places found by sorting
    with open_store(placed, read_only=True) as store:
        index = EventIndex.build(store)
        for limit in (2, 500):
            mine, fresh = index.places(where, limit), located_events(store, where, limit)
            assert [{**r, "quad_class": None} for r in mine] == [{**r, "quad_class": None} for r in fresh]
            for place in mine:  # mode() may pick any of tied classes; the index picks the smallest
                clause, params = where.where()
                classes = [q for (q,) in store.con.execute(
                    f"SELECT quad_class FROM events{clause}{' AND' if clause else ' WHERE'} round(lat, 3) = ? "
                    f"AND round(lon, 3) = ?", [*params, place["lat"], place["lon"]]).fetchall()]
                top = max(classes.count(q) for q in set(classes))
                assert place["quad_class"] == min(q for q in set(classes) if classes.count(q) == top)
        if where == EventFilter():
            assert len(mine) == 6 and mine[0]["events"] > mine[-1]["events"]  # Alpha's two spots are one place


@pytest.mark.parametrize("values", [{}, {"actor": "RUS*", "q": "a b&c"}, {"at": "1,2", "actor": "X"}], ids=repr)
def test_map_point_links_keep_the_filters_and_add_the_place(values):
    from urllib.parse import parse_qsl, urlsplit

    from eventwire.web.pages import _place_link

    link = _place_link(values)({"lat": 1.5, "lon": -2.25})
    assert urlsplit(link).path == "/events"
    assert dict(parse_qsl(urlsplit(link).query)) == {**values, "at": "1.5,-2.25"}


def test_a_store_without_the_columns_the_index_reads_is_served_by_sql(mixed, monkeypatch):
    from eventwire.web import index as index_module

    monkeypatch.setattr(index_module, "NEEDED", index_module.NEEDED | {"a_column_of_later_stores"})
    with open_store(mixed, read_only=True) as store:
        assert EventIndex.build(store) is None
        cache = AggregateCache(store)
        kept = cached_page(cache, store, EventFilter(actor="RUS*"), limit=5, offset=0, sort="-date")
        assert kept == page_of_events(store, EventFilter(actor="RUS*"), limit=5)
        assert cached_count(cache, store, EventFilter(actor="RUS*")) == bounded_count(store, EventFilter(actor="RUS*"))


SERIES_FILTERS = [*FILTERS, EventFilter(quad_class=3), EventFilter(root="19", country="RUS"),
                  EventFilter(date_from="2021-01-10", date_to="2021-02"), EventFilter(modality="negated"),
                  EventFilter(actor="NOBODY"), dyad_filter("RUS", "UKR", level="country", base=EventFilter(cameo="04*"))]


@pytest.fixture(scope="module", params=[1, 2])
def small_random(request, tmp_path_factory):
    """Small random stores of the summary tests' articles (month dates, missing sides, negated)."""
    from test_summary import random_article

    path = tmp_path_factory.mktemp("series") / f"random-{request.param}.duckdb"
    rng = random.Random(request.param)
    with open_store(path) as store:
        store.write([rows_of(random_article(rng, n)) for n in range(150)])
    return path


@pytest.mark.parametrize("grid", [True, False])
@pytest.mark.parametrize("freq", ["day", "week", "month"])
def test_series_from_the_index_equal_the_series_of_sql(small_random, freq, grid, monkeypatch):
    from test_summary import same

    from eventwire.web import index as index_module

    if not grid:
        monkeypatch.setattr(index_module, "_GRID_CELLS", 0)  # distinct articles and outlets by sorting

    from eventwire.analysis import timeseries
    from eventwire.analysis.series import filled_periods

    bounds = [(None, None), ("2021-01-12", None), (None, "2021-02-03"), ("2021-01-20", "2021-01-31")]
    periods = 0
    with open_store(small_random, read_only=True) as store:
        index = event_index(AggregateCache(store), store)
        for where in SERIES_FILTERS:
            for start, end in bounds:
                found = index.timeseries(where, freq, start, end)
                assert found is not None, where
                fresh = timeseries(store, where, freq=freq, date_from=start, date_to=end)
                same(filled_periods(found, freq), fresh, f"{where!r} {freq} {start} {end}")
                periods += sum(row["events"] > 0 for row in fresh)
    assert periods > 50  # the cases are not all empty


def test_the_series_endpoint_answers_as_the_analysis(small_random):
    from test_summary import same

    from eventwire.analysis import timeseries

    with TestClient(create_app(small_random), base_url="http://127.0.0.1") as client:
        for params, where in [({"freq": "week"}, EventFilter()),
                              ({"dyad": "RUS,UKR", "level": "country", "freq": "month"},
                               dyad_filter("RUS", "UKR", level="country")),
                              ({"actor": "RUSGOV", "start": "2021-01-15"}, EventFilter(actor="RUSGOV"))]:
            answer = client.get("/api/timeseries", params=params).json()["series"]
            with open_store(small_random, read_only=True) as store:
                same(answer, timeseries(store, where, freq=params.get("freq", "day"), date_from=params.get("start")))
        assert client.get("/api/timeseries", params={"start": "2021-13-01"}).status_code in (400, 422)


@pytest.mark.parametrize("level", ["actor", "country"])
def test_dyad_tables_from_the_index_equal_the_tables_of_sql(small_random, level):
    from test_summary import same

    from eventwire.analysis.series import dyad_table
    from eventwire.web.queries import _dyad_table

    with open_store(small_random, read_only=True) as store:
        cache = AggregateCache(store)
        assert event_index(cache, store).dyad_table(EventFilter(), level) is not None
        for where in SERIES_FILTERS:
            kept = _dyad_table(cache, store, where, level)
            same(sorted(kept, key=_dyad), sorted(dyad_table(store, where, level=level), key=_dyad), repr(where))


@pytest.mark.parametrize("grid", [0, 1 << 22])
def test_distinct_pairs_and_dense_groups_equal_numpys_unique(grid, monkeypatch):
    import numpy as np

    from eventwire.web import index as index_module

    monkeypatch.setattr(index_module, "_GRID_CELLS", grid)  # 0: every count by sorting
    rng = np.random.default_rng(3)
    for n_groups, n_codes in [(1, 1), (7, 300), (40, 5)]:
        group = rng.integers(0, n_groups, 2000)
        codes = rng.integers(-1, n_codes, 2000)
        expected = [len(np.unique(codes[(group == g) & (codes >= 0)])) for g in range(n_groups)]
        assert index_module._distinct(group, codes, n_groups, n_codes).tolist() == expected
    for key in [rng.integers(0, 50, 300), rng.integers(0, 10**12, 300), np.zeros(0, dtype=np.int64)]:
        values, inverse = index_module._dense(key)
        unique, expected_inverse = np.unique(key, return_inverse=True)
        assert values.tolist() == unique.tolist() and inverse.tolist() == expected_inverse.reshape(-1).tolist()


def test_the_first_places_by_one_key_are_those_of_sorting_the_columns():
    import numpy as np

    from eventwire.web.index import _first_by

    rng = np.random.default_rng(4)
    for n, limit in [(1, 1), (50, 7), (300, 300), (2000, 25)]:
        counts = rng.integers(1, 4, n)  # many ties, at the cut too
        names = rng.integers(0, 6, n)  # 5: no name (last)
        codes = rng.permutation(n * 2)[:n]
        expected = np.lexsort((codes, names, -counts))[:limit]
        assert _first_by(counts, names, 6, codes, n * 2, limit).tolist() == expected.tolist()
