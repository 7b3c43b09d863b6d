"""Escalation alerts: a dyad's conflict departing from its own recent baseline.

Method (rolling robust z-score; every number below is a parameter of :class:`AlertParams`):

1. For each dyad, the daily **conflict intensity** x(t) from its first event to its last:
   with ``measure="goldstein"`` the sum of −Goldstein over its QuadClass 3–4 events that day
   (a day of two attacks at −10 weighs 20, an accusation at −2 weighs 2); with
   ``measure="count"`` the number of those events. Days without events count as 0.
2. Its **baseline** for day t: x over the ``window`` days before t (never before the dyad's
   first event). No alert until the baseline spans ``min_history`` days.
3. ``z(t) = (x(t) − median) / max(1.4826 · MAD, min_scale)``; median and MAD (median absolute
   deviation) are robust, so one earlier spike does not mask the next; 1.4826 · MAD estimates
   the standard deviation of normal noise; ``min_scale`` keeps a flat baseline (MAD 0) from
   turning any event into an infinite z (default: 1 event for ``count``, 5 Goldstein points,
   about one violent act, for ``goldstein``).
4. **Alert** when ``z(t) ≥ threshold`` and the day has at least ``min_events`` conflict events
   (one event, however violent, is not an escalation trend).

Each alert lists the events and articles behind it, so an analyst can read why it fired.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass
from typing import Any, Literal

from eventwire.analysis.base import Level, _iso_day, happened_events_sql, happened_groups_sql, summary_usable
from eventwire.store import EventFilter, Store

Measure = Literal["goldstein", "count"]
MAD_TO_SD = 1.4826
MAX_WINDOW = 3660  # ten years of days: a longer baseline is no "recent" baseline


@dataclass(frozen=True, slots=True)
class AlertParams:
    """The alert method's parameters (see the module docstring for what each does)."""

    window: int = 28
    min_history: int = 14
    threshold: float = 3.5
    min_events: int = 3
    min_scale: float | None = None  # None: 1 event (count) or 5 Goldstein points, about one violent act
    measure: Measure = "goldstein"

    def __post_init__(self) -> None:
        if not 1 <= self.window <= MAX_WINDOW:
            raise ValueError(f"window must be 1 to {MAX_WINDOW} days")
        if not math.isfinite(self.threshold) or self.threshold <= 0:
            raise ValueError("threshold must be a positive number")
        if self.min_scale is not None and not math.isfinite(self.min_scale):
            raise ValueError("min_scale must be a positive number")
        if not 1 <= self.min_history <= self.window:
            raise ValueError("min_history must be between 1 and window days")
        if self.min_scale is not None and self.min_scale <= 0:
            raise ValueError("min_scale must be positive")
        if self.min_events < 1:
            raise ValueError("min_events must be at least 1")
        if self.measure not in ("goldstein", "count"):
            raise ValueError("measure must be 'goldstein' or 'count'")

    @property
    def scale_floor(self) -> float:
        if self.min_scale is not None:
            return self.min_scale
        return 1.0 if self.measure == "count" else 5.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "min_scale": self.scale_floor}


@dataclass(frozen=True, slots=True)
class DyadDays:
    """The days with events of some dyads, as arrays sorted by dyad and day (one row per dyad-day):
    every day with an event that happened, ``n_conflict`` its QuadClass 3-4 events, ``intensity``
    the measure (rounded to 6 decimals); only dyads with a day of ``min_events`` conflict events."""

    source: Any  # numpy arrays of equal length
    target: Any
    day: Any  # days since 1970-01-01
    n_conflict: Any
    intensity: Any


#: Scored at once: the days of as many dyads as have this many days from their first to their last.
_CHUNK_DAYS = 2_000_000


def escalation_alerts(store: Store, where: EventFilter | None = None, params: AlertParams | None = None, *,
                      level: Level = "actor", date_from: str | None = None, date_to: str | None = None,
                      limit: int | None = 100) -> list[dict[str, Any]]:
    """Alerts (newest first, then strongest), each with its z-score, baseline, event and doc ids.

    ``date_from``/``date_to`` bound the days alerts are raised on; the baseline still looks
    back ``window`` days before ``date_from``.

    >>> escalation_alerts(store, params=AlertParams(threshold=3.0), level="country")
    """
    params = params or AlertParams()
    scored = scored_alerts(store, where, params, level=level, date_from=date_from, date_to=date_to)
    alerts = top_alerts([alert for _, alert in scored], limit)
    attach_evidence(store, where, level, alerts)
    return alerts


def scored_alerts(store: Store, where: EventFilter | None, params: AlertParams, *, level: Level = "actor",
                  date_from: str | None = None, date_to: str | None = None,
                  days: DyadDays | None = None) -> list[tuple[float, dict[str, Any]]]:
    """Every alert of ``params`` as (its exact z, the alert without evidence), in no order.

    The alerts of a higher threshold are exactly those of these with ``z >= threshold``: the
    threshold only prunes which days are scored (see :func:`_scored_chunk`), so a caller may
    score once from a low threshold and filter (the web layer keeps them so). ``days`` are the
    dyad-days to score when the caller has them (the web layer's event index), as
    :func:`_daily_intensity` would read them for ``baseline_start(params, date_from)``.
    """
    date_from = _iso_day(date_from) if date_from else None
    date_to = _iso_day(date_to) if date_to else None
    if days is None:
        days = _daily_intensity(store, where, params, level, date_from, date_to)
    lo = _day_number(date_from) if date_from else None
    hi = _day_number(date_to) if date_to else None
    return [(z, {"source": source, "target": target, "level": level, "date": _EPOCH_DAY.fromordinal(
                 _EPOCH_DAY.toordinal() + day).isoformat(), **alert})
            for source, target, day, z, alert in _scored(days, params, lo, hi)]


def top_alerts(alerts: list[dict[str, Any]], limit: int | None) -> list[dict[str, Any]]:
    """Newest first, then strongest (ties: source, target), the first ``limit``, as copies."""
    ordered = sorted(alerts, key=lambda a: (a["date"], a["z"], a["source"], a["target"]), reverse=True)
    return [dict(a) for a in (ordered[:limit] if limit is not None else ordered)]


_EPOCH_DAY = dt.date(1970, 1, 1)


def _day_number(iso: str) -> int:
    return (dt.date.fromisoformat(iso) - _EPOCH_DAY).days


def _scored(days: DyadDays, params: AlertParams, lo: int | None,
            hi: int | None) -> list[tuple[str, str, int, float, dict[str, Any]]]:
    """Every alert of these dyads: (source, target, day number, exact z, alert), scored with numpy.

    Each dyad's daily intensities from its first day to its last (0 on days without events)
    are laid end to end in one array, so the baselines of all candidate days are windows of it:
    the days with a full ``window`` of history are scored in one batch, those whose history is
    cut short by the dyad's first day in one batch per history length. Scoring day by day in
    Python took seconds for a million events. Dyads are taken in chunks of about
    :data:`_CHUNK_DAYS` days, so memory stays bounded however long the dyads' spans.
    """
    import numpy as np

    n = len(days.day)
    if n == 0:
        return []
    new_dyad = np.ones(n, dtype=bool)
    new_dyad[1:] = (days.source[1:] != days.source[:-1]) | (days.target[1:] != days.target[:-1])
    starts = np.flatnonzero(new_dyad)
    ends = np.append(starts[1:], n)
    spans = days.day[ends - 1] - days.day[starts] + 1
    out: list[tuple[str, str, int, float, dict[str, Any]]] = []
    chunk_first = 0
    while chunk_first < len(starts):
        chunk_last = chunk_first + max(1, int(np.searchsorted(np.cumsum(spans[chunk_first:]), _CHUNK_DAYS)))
        rows = slice(int(starts[chunk_first]), int(ends[chunk_last - 1]))
        out += _scored_chunk(days, rows, starts[chunk_first:chunk_last] - starts[chunk_first],
                             ends[chunk_first:chunk_last] - starts[chunk_first], params, lo, hi)
        chunk_first = chunk_last
    return out


def _scored_chunk(days: DyadDays, rows: slice, starts: Any, ends: Any, params: AlertParams,
                  lo: int | None, hi: int | None) -> list[tuple[str, str, int, float, dict[str, Any]]]:
    import numpy as np
    from numpy.lib.stride_tricks import sliding_window_view

    day, n_conflict, intensity = days.day[rows], days.n_conflict[rows], days.intensity[rows]
    sizes = ends - starts
    first = np.repeat(day[starts], sizes)
    spans = day[ends - 1] - day[starts] + 1
    base = np.repeat(np.concatenate(([0], np.cumsum(spans)[:-1])), sizes)
    offset = day - first  # days since the dyad's first
    flat = np.zeros(int(spans.sum()))
    flat[base + offset] = intensity
    # z <= value / min_scale (the baseline median is at least 0, the scale at least min_scale), so a day
    # below threshold * min_scale can never alert: those are not scored (a little slack for rounding)
    candidate = ((n_conflict >= params.min_events) & (offset >= params.min_history)
                 & (intensity >= params.threshold * params.scale_floor * (1 - 1e-9)))
    if lo is not None:
        candidate &= day >= lo
    if hi is not None:
        candidate &= day <= hi
    picked = np.flatnonzero(candidate)
    window = params.window
    history = np.minimum(offset[picked], window)  # days of baseline before the day
    out = []
    for length in np.unique(history).tolist():
        these = picked[history == length]
        windows = sliding_window_view(flat, length)[base[these] + offset[these] - length]
        medians = np.median(windows, axis=1)
        mads = np.median(np.abs(windows - medians[:, None]), axis=1)
        z = (intensity[these] - medians) / np.maximum(MAD_TO_SD * mads, params.scale_floor)
        for k in np.flatnonzero(z >= params.threshold).tolist():
            row = int(these[k])
            found = _alert(float(intensity[row]), int(n_conflict[row]), float(medians[k]), float(mads[k]),
                           length, params)
            if found is not None:
                z, alert = found
                out.append((str(days.source[rows][row]), str(days.target[rows][row]), int(day[row]), z, alert))
    return out


def _alert(value: float, n_conflict: int, median: float, mad: float, n_days: int,
           params: AlertParams) -> tuple[float, dict[str, Any]] | None:
    scale = max(MAD_TO_SD * mad, params.scale_floor)
    z = (value - median) / scale
    if z < params.threshold:
        return None
    return z, {"value": value, "measure": params.measure, "conflict_events": n_conflict,
               "baseline_median": median, "baseline_mad": mad, "scale": scale, "z": round(z, 3),
               "history_days": n_days}


def baseline_start(params: AlertParams, date_from: str | None) -> str | None:
    """The first day whose events the alerts from ``date_from`` on look at (``window`` days before)."""
    if not date_from:
        return None
    return (dt.date.fromisoformat(_iso_day(date_from)) - dt.timedelta(days=params.window)).isoformat()


def _daily_intensity(store: Store, where: EventFilter | None, params: AlertParams, level: Level,
                     date_from: str | None, date_to: str | None) -> DyadDays:
    """Per dyad, its days with events; only dyads with some day of ``min_events`` conflict events."""
    look_from = baseline_start(params, date_from)
    if summary_usable(store, where):  # the same figures, added up from the dyad_days groups
        sql, sql_params = happened_groups_sql(where, level, look_from, date_to)
        n_conflict = "CAST(sum(q3 + q4) AS BIGINT)"
        value = n_conflict if params.measure == "count" else "round(coalesce(sum(intensity), 0), 6)"
    else:
        sql, sql_params = happened_events_sql(where, level, look_from, date_to, facts=store.has_event_facts)
        conflict = "quad_class IN (3, 4)"
        n_conflict = f"count(*) FILTER (WHERE {conflict})"
        value = "count(*)" if params.measure == "count" else "sum(greatest(-goldstein, 0))"
        value = f"round(coalesce({value} FILTER (WHERE {conflict}), 0), 6)"  # sums in any order agree
    query = (
        f"SELECT source, target, CAST(day - DATE '1970-01-01' AS BIGINT) AS day, {n_conflict} AS n_conflict, "
        f"CAST({value} AS DOUBLE) AS intensity FROM ({sql}) "
        f"WHERE source IS NOT NULL AND target IS NOT NULL AND day IS NOT NULL "
        f"GROUP BY source, target, day QUALIFY max(n_conflict) OVER (PARTITION BY source, target) >= ? "
        f"ORDER BY source, target, day"
    )
    columns = store.con.execute(query, [*sql_params, params.min_events]).fetchnumpy()
    return DyadDays(*(_plain(columns[name]) for name in ("source", "target", "day", "n_conflict", "intensity")))


def _plain(column: Any) -> Any:
    """A fetched column as a plain numpy array (DuckDB may hand out masked arrays)."""
    import numpy as np

    return np.asarray(column.filled() if hasattr(column, "filled") else column)


def attach_evidence(store: Store, where: EventFilter | None, level: Level, alerts: list[dict[str, Any]]) -> None:
    """Add the ids of the conflict events (and their articles) behind each alert."""
    if not alerts:
        return
    days = sorted(a["date"] for a in alerts)  # bounding the days first spares most of the join
    sql, params = happened_events_sql(where, level, days[0], days[-1], facts=store.has_event_facts)
    query = (
        f"SELECT e.source, e.target, CAST(e.day AS VARCHAR), list(e.event_id ORDER BY e.event_id), "
        f"list(DISTINCT e.doc_id ORDER BY e.doc_id) FROM ({sql}) e "
        f"JOIN (SELECT unnest(?) AS source, unnest(?) AS target, CAST(unnest(?) AS DATE) AS day) k "
        f"ON e.source = k.source AND e.target = k.target AND e.day = k.day "
        f"WHERE e.quad_class IN (3, 4) GROUP BY e.source, e.target, e.day"
    )
    sides = [[a[key] for a in alerts] for key in ("source", "target", "date")]
    evidence = {_key(s, t, d): (ids, docs) for s, t, d, ids, docs in store.con.execute(query, [*params, *sides]).fetchall()}
    for alert in alerts:
        ids, docs = evidence.get(_key(alert["source"], alert["target"], alert["date"]), ([], []))
        alert["event_ids"], alert["doc_ids"] = list(ids), list(docs)


def _key(source: str, target: str, day: str) -> str:
    return f"{source}\x1f{target}\x1f{day}"
