"""Dyad series, dyad tables and the actor network: counts, QuadClass mix, Goldstein, sources.

Every figure is computed over the shared event rows of :mod:`eventwire.analysis.base` (events
that happened, on their day), so the series, the dyad table and the network always agree.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from eventwire.analysis.base import (
    Freq,
    Level,
    dyad_pattern,
    happened_events_sql,
    happened_groups_sql,
    next_period,
    period_start,
    summary_usable,
)
from eventwire.store import EventFilter, Store

#: Names of the four QuadClass counts, in QuadClass order (1..4). Goldstein sums are rounded to
#: 6 decimals (the scale has one): float sums added in another order (per event, or per day
#: group from the summary) then agree exactly, and so do orders by them.
QUAD_NAMES = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")

_MEASURES = (
    "count(*) AS events, "
    + ", ".join(f"count(*) FILTER (WHERE quad_class = {n}) AS {name}" for n, name in enumerate(QUAD_NAMES, 1))
    + ", round(coalesce(sum(goldstein), 0), 6) AS goldstein_sum, avg(goldstein) AS goldstein_mean, "
    "count(DISTINCT outlet) AS sources, count(DISTINCT doc_id) AS articles"
)
#: The same measures from ``dyad_days`` groups (see :func:`eventwire.analysis.base.happened_groups_sql`):
#: counts and sums add up; the distinct outlets and articles are the distinct elements of the lists.
_SUMMED = (
    "CAST(sum(events) AS BIGINT) AS events, "
    + ", ".join(f"CAST(sum(q{n}) AS BIGINT) AS {name}" for n, name in enumerate(QUAD_NAMES, 1))
    + ", round(coalesce(sum(goldstein_sum), 0), 6) AS goldstein_sum, "
    "sum(goldstein_sum) / nullif(sum(goldstein_n), 0) "
    "AS goldstein_mean, list_unique(flatten(list(outlets))) AS sources, list_unique(flatten(list(docs))) AS articles"
)
#: A series never has more periods than this (the latest are kept): 27 years of days. Without a
#: bound, one stray date in year 1 made a day-by-day series of 2,000 years (586 MB of JSON).
MAX_PERIODS = 10_000

_EMPTY = {"events": 0, **dict.fromkeys(QUAD_NAMES, 0), "goldstein_sum": 0.0, "goldstein_mean": None,
          "sources": 0, "articles": 0}


def dyad_filter(source: str | None = None, target: str | None = None, level: Level = "actor",
                base: EventFilter | None = None) -> EventFilter:
    """An EventFilter for one dyad (either side may be left open), on top of ``base``'s filters."""
    changes = {}
    if source:
        changes["source"] = dyad_pattern(source, level)
    if target:
        changes["target"] = dyad_pattern(target, level)
    return dataclasses.replace(base or EventFilter(), **changes)


def timeseries(store: Store, where: EventFilter | None = None, *, freq: Freq = "day",
               date_from: str | None = None, date_to: str | None = None, fill: bool = True) -> list[dict[str, Any]]:
    """Events matching ``where`` per period: count, QuadClass counts, Goldstein sum/mean, sources.

    Periods are days, ISO weeks (starting Monday) or months, named by their first day. With
    ``fill`` the periods without events between the first and the last are included as zeros,
    so a chart's x axis is time, not rows. At most :data:`MAX_PERIODS` periods are returned,
    the latest; ask for weeks or months, or bound the dates, for longer spans.

    >>> timeseries(store, dyad_filter("RUS", "UKR", level="country"), freq="week")
    """
    period_start(dt.date.today(), freq)  # validates freq before any SQL is built
    if summary_usable(store, where, distinct=True):
        sql, params = happened_groups_sql(where, date_from=date_from, date_to=date_to)
        measures = _SUMMED
    else:
        sql, params = happened_events_sql(where, date_from=date_from, date_to=date_to,
                                          facts=store.has_event_facts)
        measures = _MEASURES
    trunc = "day" if freq == "day" else freq
    query = (f"SELECT CAST(date_trunc('{trunc}', day) AS DATE) AS period, {measures} "
             f"FROM ({sql}) WHERE day IS NOT NULL GROUP BY ALL ORDER BY period")
    rows = _dicts(store, query, params)
    for row in rows:
        row["period"] = row["period"].isoformat()
    return filled_periods(rows, freq) if fill else rows[-MAX_PERIODS:]


def filled_periods(rows: list[dict[str, Any]], freq: Freq) -> list[dict[str, Any]]:
    """The periods from the first row to the last (rows in period order), empty ones as zeros;
    the latest MAX_PERIODS. Shared with the web layer's series from its event index."""
    if not rows:
        return rows
    by_period = {row["period"]: row for row in rows}
    last = dt.date.fromisoformat(rows[-1]["period"])
    current = max(dt.date.fromisoformat(rows[0]["period"]), _periods_before(last, freq, MAX_PERIODS - 1))
    out = []
    while len(out) < MAX_PERIODS:
        key = current.isoformat()
        out.append(by_period.get(key) or {"period": key, **_EMPTY})
        if current >= last:
            break
        current = next_period(current, freq)
    return out


def _periods_before(day: dt.date, freq: Freq, n: int) -> dt.date:
    """The start of the period ``n`` periods before ``day``'s (clamped at year 1)."""
    try:
        if freq == "month":
            months = day.year * 12 + day.month - 1 - n
            return dt.date(months // 12, months % 12 + 1, 1) if months >= 12 else dt.date.min
        return day - dt.timedelta(days=n * (7 if freq == "week" else 1))
    except (OverflowError, ValueError):
        return dt.date.min


def dyads(store: Store, where: EventFilter | None = None, *, level: Level = "actor",
          date_from: str | None = None, date_to: str | None = None, min_events: int = 1,
          limit: int | None = 100, offset: int = 0, order: str = "events") -> list[dict[str, Any]]:
    """Dyads (who acted on whom) with their counts, QuadClass mix, Goldstein and date range.

    ``order`` is ``events`` (most events first), ``conflict`` (most QuadClass 3-4 events),
    ``goldstein`` (most negative Goldstein sum first) or ``latest`` (most recent last day).
    """
    if order not in DYAD_ORDERS:
        raise ValueError(f"cannot order dyads by {order!r}; use one of {', '.join(DYAD_ORDERS)}")
    rows = dyad_table(store, where, level=level, date_from=date_from, date_to=date_to)
    return order_dyads(rows, order=order, min_events=min_events, limit=limit, offset=offset)


#: How :func:`dyads` can order; each key sorts ascending (ties: source, then target).
DYAD_ORDERS = ("events", "conflict", "goldstein", "latest")


def order_dyads(rows: list[dict[str, Any]], *, order: str = "events", min_events: int = 1,
                limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
    """The dyads of a :func:`dyad_table` with at least ``min_events``, ordered and paged.

    Done here rather than in SQL so that one table, kept by the web layer, answers every
    order and page of the same filters.
    """
    if order not in DYAD_ORDERS:
        raise ValueError(f"cannot order dyads by {order!r}; use one of {', '.join(DYAD_ORDERS)}")
    kept = [row for row in rows if row["events"] >= min_events]
    kept.sort(key=lambda r: (r["source"], r["target"]))
    if order == "events":
        kept.sort(key=lambda r: -r["events"])
    elif order == "conflict":
        kept.sort(key=lambda r: (-(r["verbal_conflict"] + r["material_conflict"]), -r["events"]))
    elif order == "goldstein":
        kept.sort(key=lambda r: r["goldstein_sum"])
    else:  # latest day first, dyads without a day last, then most events
        kept.sort(key=lambda r: -r["events"])
        kept.sort(key=lambda r: r["last_day"] or "", reverse=True)  # sorts are stable, also reversed
    end = None if limit is None else offset + limit
    return [dict(row) for row in kept[offset:end]]


def dyad_table(store: Store, where: EventFilter | None = None, *, level: Level = "actor",
               date_from: str | None = None, date_to: str | None = None) -> list[dict[str, Any]]:
    """Every dyad of the filtered events, with its counts, QuadClass mix, Goldstein and date range."""
    if summary_usable(store, where, distinct=True):
        sql, params = happened_groups_sql(where, level, date_from, date_to)
        measures = _SUMMED
    else:
        sql, params = happened_events_sql(where, level, date_from, date_to, facts=store.has_event_facts)
        measures = _MEASURES
    query = (
        f"SELECT source, target, {measures}, min(day) AS first_day, max(day) AS last_day FROM ({sql}) "
        f"WHERE source IS NOT NULL AND target IS NOT NULL GROUP BY source, target"
    )
    rows = _dicts(store, query, params)
    for row in rows:
        for key in ("first_day", "last_day"):
            row[key] = row[key].isoformat() if row[key] else None
    return rows


def actor_network(store: Store, where: EventFilter | None = None, *, level: Level = "actor",
                  date_from: str | None = None, date_to: str | None = None, min_events: int = 1,
                  max_edges: int = 200) -> dict[str, list[dict[str, Any]]]:
    """Who acts on whom: edges are dyads weighted by events and Goldstein; nodes sum their edges.

    Only the ``max_edges`` dyads with most events are kept (a network of thousands of edges is
    unreadable); each node's totals are over the kept edges, and ``weight`` is the edge's
    event count while ``goldstein_sum``/``goldstein_mean`` carry its tone.
    """
    edges = dyads(store, where, level=level, date_from=date_from, date_to=date_to,
                  min_events=min_events, limit=max_edges)
    nodes: dict[str, dict[str, Any]] = {}
    for edge in edges:
        edge["weight"] = edge["events"]
        for side, direction in (("source", "out"), ("target", "in")):
            node = nodes.setdefault(edge[side], {"id": edge[side], "events_out": 0, "events_in": 0,
                                                 "goldstein_out": 0.0, "goldstein_in": 0.0})
            node[f"events_{direction}"] += edge["events"]
            node[f"goldstein_{direction}"] += edge["goldstein_sum"]
    ordered = sorted(nodes.values(), key=lambda n: (-(n["events_out"] + n["events_in"]), n["id"]))
    return {"nodes": ordered, "edges": edges}


def _dicts(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = store.con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]
