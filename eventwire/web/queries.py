"""Queries the web layer needs beyond the store's helpers (one event, quote search, map points)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import fields
from typing import Any

from eventwire.store import EventFilter, Store, event_record, summary
from eventwire.store.db import parse_at
from eventwire.web.index import EventIndex

#: Sort orders the events API offers (names are the public parameter values). Ties on the date
#: keep the store's order (``rowid``: articles as written, their events in text order), which
#: DuckDB sorts far faster than string tie-breakers.
EVENT_ORDERS = {
    "-date": "date DESC NULLS LAST, rowid",
    "date": "date NULLS LAST, rowid",
    "doc": "doc_id, sentence, span_start, rowid",
}

FILTER_FIELDS = tuple(f.name for f in fields(EventFilter))


def build_filter(values: dict[str, Any]) -> EventFilter:
    """An EventFilter from request values; blank values (empty form fields) mean "no filter".

    ``dyad`` is ``SOURCE,TARGET`` (either side may be empty; ``*`` suffix for prefixes);
    ``q`` is the text search.
    """
    chosen: dict[str, Any] = {}
    for name in FILTER_FIELDS:
        value = values.get(name)
        if value is not None and str(value).strip() != "":
            chosen[name] = str(value).strip()
    if values.get("q"):
        chosen["text"] = str(values["q"]).strip()
    dyad = (values.get("dyad") or "").strip()
    if dyad:
        if "," not in dyad:
            raise ValueError("dyad must be SOURCE,TARGET (e.g. RUSGOV,UKRMIL or RUS*,UKR*)")
        source, target = (part.strip() for part in dyad.split(",", 1))
        if source:
            chosen["source"] = source
        if target:
            chosen["target"] = target
    for key in ("date_from", "date_to"):
        if key in chosen:
            chosen[key] = date_prefix(chosen[key], key)
    if "at" in chosen:
        parse_at(chosen["at"])
    if "quad_class" in chosen:
        try:
            chosen["quad_class"] = int(chosen["quad_class"])
        except ValueError:
            raise ValueError("quad_class must be 1, 2, 3 or 4") from None
        if chosen["quad_class"] not in (1, 2, 3, 4):
            raise ValueError("quad_class must be 1, 2, 3 or 4")
    if "min_confidence" in chosen:
        chosen["min_confidence"] = confidence_of(chosen["min_confidence"])
    return EventFilter(**chosen)


def confidence_of(value: str) -> float:
    """A min_confidence from a form or query: a number in 0..1, else a ValueError saying so."""
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise ValueError(f"min_confidence must be a number between 0 and 1, not {value!r}")
    return number


_DATE_PREFIX = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def date_prefix(value: str, name: str = "date") -> str:
    """A year, month or day (``2020``, ``2020-05``, ``2020-05-31``) that exists; else a clear error."""
    if not _DATE_PREFIX.fullmatch(value):
        raise ValueError(f"{name} must be a year, month or day (2020, 2020-05 or 2020-05-31), not {value!r}")
    padded = value + "-01-01"[len(value) - 4:] if len(value) < 10 else value
    try:
        dt.date.fromisoformat(padded)
    except ValueError:
        raise ValueError(f"{name} is not a date of the calendar: {value!r}") from None
    return value


def page_of_events(store: Store, where: EventFilter | None = None, *, limit: int = 50, offset: int = 0,
                   sort: str = "-date") -> list[dict[str, Any]]:
    """One page of events as records, found in two steps to stay fast on large stores."""
    ids = ordered_event_ids(store, where or EventFilter(), sort=sort, n=offset + limit)
    return events_by_id(store, ids[offset:offset + limit])


def ordered_event_ids(store: Store, where: EventFilter, *, sort: str = "-date", n: int) -> list[str]:
    """The ids of the first ``n`` matching events in ``sort`` order.

    The sort runs over the sort keys and ids only (sorting whole rows, sentences and actor
    JSON, made a page 3-4 times slower); the rows are fetched by id afterwards.
    """
    if sort not in EVENT_ORDERS:
        raise ValueError(f"cannot sort events by {sort!r}; use one of {', '.join(EVENT_ORDERS)}")
    clause, params = where.where()
    sql = f"SELECT event_id FROM events{clause} ORDER BY {EVENT_ORDERS[sort]} LIMIT {int(n)}"
    return [r[0] for r in store.con.execute(sql, params).fetchall()]


def events_by_id(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    """The records of these events, in this order. Found by ``event_id`` (the key's index):
    by ``rowid`` DuckDB read every column of the table, 60-100 ms per page at a million events."""
    if not ids:
        return []
    rows = _dicts(store, "SELECT * FROM events WHERE event_id = ANY(?)", [ids])
    position = {event_id: k for k, event_id in enumerate(ids)}
    rows.sort(key=lambda row: position[row["event_id"]])
    return [event_record(row) for row in rows]


#: Matching events are counted up to this many; beyond it lists say "more than" (counting every
#: match of a broad filter scanned a million rows per request).
COUNT_CAP = 10_000
#: Pages are cut from the first IDS_BLOCK ids in order, found once per filter and sort (kept):
#: the first pages of a list then cost one query between them, not one each.
IDS_BLOCK = 1000
#: A text search is counted up to this many (the first block of its list): its matches are
#: found in list order, so a common word stops early, but counting to COUNT_CAP read most of
#: the sentences (25-45 ms at a million events). Lists then say "more than 1,000" and the
#: API answers ``total_is_lower_bound: true``.
TEXT_COUNT_CAP = 1000


def count_cap(where: EventFilter) -> int:
    """Up to how many events a filter's matches are counted (:data:`TEXT_COUNT_CAP` for a search)."""
    return TEXT_COUNT_CAP if where.text else COUNT_CAP


def cached_count(cache: Any, store: Store, where: EventFilter) -> int:
    """How many events match, at most ``count_cap(where) + 1`` (kept: the served store does not change)."""
    listed = indexed_listing(cache, store, where, "-date", IDS_BLOCK)
    if listed is not None:
        return min(listed[1], count_cap(where) + 1)
    return cache.get(("count", where), lambda s: bounded_count(s, where), store)


def event_index(cache: Any, store: Store) -> EventIndex | None:
    """The served store's :class:`EventIndex` (built once, about a second at a million events)."""
    return cache.pinned(("event-index",), EventIndex.build, store)


def indexed_listing(cache: Any, store: Store, where: EventFilter, sort: str,
                    n: int) -> tuple[list[int], int] | None:
    """The list positions of the first ``n`` events of the filter in ``sort`` order and its count
    (at least up to ``count_cap(where) + 1``), from the event index; None when it does not answer."""
    index = event_index(cache, store)
    if index is None or not index.serves(where, sort):
        return None

    def listing(s: Store) -> tuple[list[int], int]:
        found = index.lookup(where, n, sort, count_to=count_cap(where) + 1, lower=lambda text: duckdb_lower(s, text))
        assert found is not None
        return found

    return cache.get(("listing", where, sort, n), listing, store)


def duckdb_lower(store: Store, text: str) -> str:
    """``text`` lower-cased by DuckDB, as ``ILIKE`` compares (Python's ``lower`` differs: final sigma, İ)."""
    return store.con.execute("SELECT lower(?)", [text]).fetchall()[0][0]


def bounded_count(store: Store, where: EventFilter, cap: int | None = None) -> int:
    """The number of matching events when at most ``cap`` (default :func:`count_cap`), else ``cap + 1``.

    Filters on actors, countries and QuadClass are counted from the ``dyad_days`` summary
    (:mod:`eventwire.store.summary`); the others by a scan that stops after ``cap + 1``.
    """
    cap = count_cap(where) if cap is None else cap
    if store.has_dyad_days and summary.serves(where):
        column = f"q{int(where.quad_class)}" if where.quad_class is not None else "events"
        clause, params = dataclasses.replace(where, quad_class=None).where()
        total = store.con.execute(f"SELECT coalesce(sum({column}), 0) FROM dyad_days{clause}", params).fetchone()[0]
        return min(int(total), cap + 1)
    clause, params = where.where()
    return store.con.execute(f"SELECT count(*) FROM (SELECT 1 FROM events{clause} LIMIT {int(cap) + 1})",
                             params).fetchone()[0]


def cached_page(cache: Any, store: Store, where: EventFilter, *, limit: int, offset: int,
                sort: str) -> list[dict[str, Any]]:
    """A page of events, kept like the aggregates (the served store is read-only).

    Its ids come from the first :data:`IDS_BLOCK` (or, deeper, ``offset + limit``) ids of the
    filter in order, kept too, so the pages of one list share one sort. With the event index
    (:mod:`eventwire.web.index`) the positions come from there, and the rows too when it holds them.
    """
    n = IDS_BLOCK if offset + limit <= IDS_BLOCK else offset + limit
    listed = indexed_listing(cache, store, where, sort, n)
    if listed is not None:
        index = event_index(cache, store)
        assert index is not None
        held = index.records(listed[0][offset:offset + limit])
        if held is not None:
            return [event_record(row) for row in held]
        ids = index.ids(listed[0])
    else:
        ids = cache.get(("ids", where, sort, n), lambda s: ordered_event_ids(s, where, sort=sort, n=n), store)
    return cache.get(("page", where, limit, offset, sort),
                     lambda s: events_by_id(s, ids[offset:offset + limit]), store)


def cached_dyads(cache: Any, store: Store, where: EventFilter | None, *, level: str = "actor",
                 order: str = "events", min_events: int = 1, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """A dyad table's page: the whole table of the filters is kept, every order and page is cut from it."""
    from eventwire.analysis.series import DYAD_ORDERS, order_dyads

    if order not in DYAD_ORDERS:
        raise ValueError(f"cannot order dyads by {order!r}; use one of {', '.join(DYAD_ORDERS)}")
    where = where or EventFilter()
    rows = cache.get(("dyad-table", where, level), lambda s: _dyad_table(cache, s, where, level), store)
    return order_dyads(rows, order=order, min_events=min_events, limit=limit, offset=offset)


def _dyad_table(cache: Any, store: Store, where: EventFilter, level: str) -> list[dict[str, Any]]:
    """The dyad table of the filters; at the actor level, a filter on actors only keeps or drops
    whole dyads, so its table is the unfiltered one's rows of the dyads it keeps (no query)."""
    from eventwire.analysis.series import dyad_table
    from eventwire.web.alerting import keeps_dyad, selects_dyads

    if level == "actor" and where != EventFilter() and selects_dyads(where):
        every = cache.get(("dyad-table", EventFilter(), level), lambda s: _dyad_table(cache, s, EventFilter(), level),
                          store)
        return [row for row in every if keeps_dyad(where, row["source"], row["target"])]
    index = event_index(cache, store)
    found = index.dyad_table(where, level) if index is not None else None
    return found if found is not None else dyad_table(store, where, level=level)  # type: ignore[arg-type]


def cached_timeseries(cache: Any, store: Store | None, where: EventFilter | None, freq: str = "day",
                      start: str | None = None, end: str | None = None) -> list[dict[str, Any]]:
    """:func:`eventwire.analysis.series.timeseries` of the filters, kept, and summed from the event
    index when it answers (DuckDB took 20-70 ms per new filter at a million events, and 20
    clients' scans queued on two cores)."""
    from eventwire.analysis.base import period_start
    from eventwire.analysis.series import filled_periods, timeseries

    where = where or EventFilter()
    period_start(dt.date.today(), freq)  # type: ignore[arg-type]  # an unknown freq: the analysis' error

    def series(s: Store) -> list[dict[str, Any]]:
        index = event_index(cache, s)
        found = index.timeseries(where, freq, start, end) if index is not None else None
        if found is None:
            return timeseries(s, where, freq=freq, date_from=start, date_to=end)  # type: ignore[arg-type]
        return filled_periods(found, freq)  # type: ignore[arg-type]

    return cache.get(("timeseries", where, freq, start, end), series, store)


def event_by_id(store: Store, event_id: str) -> dict[str, Any] | None:
    rows = _dicts(store, "SELECT * FROM events WHERE event_id = ?", [event_id])
    return event_record(rows[0]) if rows else None


def search_quotes(store: Store, *, speaker: str | None = None, addressee: str | None = None,
                  doc_id: str | None = None, text: str | None = None, limit: int = 50,
                  offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """Quotes matching all given fields (codes with a trailing ``*`` match as prefixes), newest first."""
    clauses: list[str] = []
    params: list[Any] = []
    for column, value in (("q.speaker", speaker), ("q.addressee", addressee)):
        if value:
            if value.endswith("*"):
                clauses.append(f"{column} LIKE ?")
                params.append(value[:-1] + "%")
            else:
                clauses.append(f"{column} = ?")
                params.append(value)
    if doc_id:
        clauses.append("q.doc_id = ?")
        params.append(doc_id)
    if text:
        clauses.append("(q.text ILIKE ? OR q.speaker_name ILIKE ?)")
        params += [f"%{text}%", f"%{text}%"]
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    base = f"FROM quotes q JOIN documents d ON d.doc_id = q.doc_id{where}"
    total = store.con.execute(f"SELECT count(*) {base}", params).fetchone()[0]
    rows = _dicts(store, f"SELECT q.* EXCLUDE (speaker_actor, addressee_actor), d.date AS doc_date, "
                         f"d.title AS doc_title {base} ORDER BY d.date DESC NULLS LAST, q.doc_id, q.span_start "
                         f"LIMIT {int(limit)} OFFSET {int(offset)}", params)
    return total, rows


def cached_places(cache: Any, store: Store, where: EventFilter | None = None, limit: int = 500) -> list[dict[str, Any]]:
    """:func:`located_events`, kept, and from the event index when it answers (a scan per filter
    cost 24 ms at a million events)."""
    where = where or EventFilter()

    def places(s: Store) -> list[dict[str, Any]]:
        index = event_index(cache, s)
        found = index.places(where, limit) if index is not None else None
        return found if found is not None else located_events(s, where, limit)

    return cache.get(("located", where, limit), places, store)


def located_events(store: Store, where: EventFilter | None = None, limit: int = 500) -> list[dict[str, Any]]:
    """Places with events, with how many: what the maps draw."""
    where = where or EventFilter()
    clause, params = where.where()
    extra = " AND " if clause else " WHERE "
    table = "event_facts" if store.has_event_facts and where.text is None else "events"  # same rows, no text
    sql = (f"SELECT any_value(location_name) AS name, any_value(location_country) AS country, "
           f"round(lat, 3) AS lat, round(lon, 3) AS lon, count(*) AS events, mode(quad_class) AS quad_class "
           f"FROM {table}{clause}{extra}lat IS NOT NULL AND lon IS NOT NULL GROUP BY round(lat, 3), round(lon, 3) "
           f"ORDER BY events DESC, name, lat, lon LIMIT {int(limit)}")
    return _dicts(store, sql, params)


#: Every article title is kept in memory (for the lists that show events) when they fit this.
MAX_TITLE_BYTES = 64 * 1024 * 1024


def cached_titles(cache: Any, store: Store, doc_ids: list[str]) -> dict[str, str]:
    """:func:`document_titles` from a kept map of every title (a query per page cost 11 ms at
    250,000 articles: it fetched each article's row from DuckDB's compressed columns)."""
    every = cache.pinned(("titles",), all_titles, store)
    if every is None:
        return document_titles(store, doc_ids)
    return {doc_id: every[doc_id] for doc_id in dict.fromkeys(doc_ids) if doc_id in every}


def all_titles(store: Store, max_bytes: int = MAX_TITLE_BYTES) -> dict[str, str] | None:
    """Every article's non-empty title by doc_id, or None when they are more than ``max_bytes``."""
    size = store.con.execute("SELECT coalesce(sum(strlen(doc_id) + strlen(title) + 100), 0) FROM documents "
                             "WHERE title IS NOT NULL AND title <> ''").fetchall()[0][0]
    if size > max_bytes:
        return None
    return dict(store.con.execute("SELECT doc_id, title FROM documents WHERE title IS NOT NULL AND title <> ''")
                .fetchall())


def document_titles(store: Store, doc_ids: list[str]) -> dict[str, str]:
    """Titles of the given articles (those that have one), for lists that show events."""
    ids = list(dict.fromkeys(doc_ids))
    if not ids:
        return {}
    rows = store.con.execute("SELECT doc_id, title FROM documents WHERE doc_id IN (SELECT unnest(?)) "
                             "AND title IS NOT NULL AND title <> ''", [ids]).fetchall()
    return dict(rows)


#: Columns of an events download: the flat event record (actor objects stay JSON text).
DOWNLOAD_ORDER = {"-date": "date DESC NULLS LAST, doc_id, sentence, span_start",
                  "date": "date NULLS LAST, doc_id, sentence, span_start",
                  "doc": "doc_id, sentence, span_start, event_id"}


def events_download_sql(where: EventFilter, sort: str = "-date") -> tuple[str, list[Any]]:
    """The query of the filtered events, for the CSV and Parquet downloads."""
    if sort not in DOWNLOAD_ORDER:
        raise ValueError(f"cannot sort events by {sort!r}; use one of {', '.join(DOWNLOAD_ORDER)}")
    clause, params = where.where()
    return f"SELECT * FROM events{clause} ORDER BY {DOWNLOAD_ORDER[sort]}", params


def store_counts(store: Store) -> dict[str, Any]:
    """Rows of the tables the overview shows (cheaper than the store's full ``counts``)."""
    out: dict[str, Any] = {}
    for table in ("documents", "events", "quotes"):
        out[table] = store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    span = store.con.execute("SELECT min(date), max(date) FROM documents").fetchone()
    out["first_date"], out["last_date"] = (d.isoformat() if d else None for d in span)
    return out


def _dicts(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = store.con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
