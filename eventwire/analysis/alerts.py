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
import statistics
from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any, Literal

from eventwire.analysis.base import Level, _iso_day, happened_events_sql
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
class _Day:
    intensity: float
    n_conflict: int


def escalation_alerts(store: Store, where: EventFilter | None = None, params: AlertParams | None = None, *,
                      level: Level = "actor", date_from: str | None = None, date_to: str | None = None,
                      limit: int | None = 100) -> list[dict[str, Any]]:
    """Alerts (newest first, then strongest), each with its z-score, baseline, event and doc ids.

    ``date_from``/``date_to`` bound the days alerts are raised on; the baseline still looks
    back ``window`` days before ``date_from``.

    >>> escalation_alerts(store, params=AlertParams(threshold=3.0), level="country")
    """
    params = params or AlertParams()
    date_from = _iso_day(date_from) if date_from else None
    date_to = _iso_day(date_to) if date_to else None
    days = _daily_intensity(store, where, params, level, date_from, date_to)
    lo = dt.date.fromisoformat(date_from) if date_from else dt.date.min
    hi = dt.date.fromisoformat(date_to) if date_to else dt.date.max
    alerts = []
    for (source, target), series in days.items():
        for day, alert in _dyad_alerts(series, params, lo, hi):
            alerts.append({"source": source, "target": target, "level": level, "date": day.isoformat(), **alert})
    alerts.sort(key=lambda a: (a["date"], a["z"]), reverse=True)
    alerts = alerts[:limit] if limit is not None else alerts
    _attach_evidence(store, where, level, alerts)
    return alerts


def _dyad_alerts(series: dict[dt.date, _Day], params: AlertParams, lo: dt.date,
                 hi: dt.date) -> list[tuple[dt.date, dict[str, Any]]]:
    """One dyad's alerts, oldest first: days with a full baseline window are scored together.

    Scoring day by day in Python took seconds for a million events; the medians of all full
    windows at once (numpy) give the same numbers. Days whose baseline is cut short by the
    dyad's first event go through :func:`_score` one by one.
    """
    import numpy as np
    from numpy.lib.stride_tricks import sliding_window_view

    first = min(series)
    span = (max(series) - first).days + 1
    intensity = np.zeros(span)
    for day, today in series.items():
        intensity[(day - first).days] = today.intensity
    candidates = sorted((day - first).days for day, today in series.items()
                        if today.n_conflict >= params.min_events and lo <= day <= hi
                        and (day - first).days >= params.min_history)
    window = params.window
    full = np.array([i for i in candidates if i >= window], dtype=np.int64)
    scored: dict[int, dict[str, Any] | None] = {}
    if len(full):
        windows = sliding_window_view(intensity, window)[full - window]
        medians = np.median(windows, axis=1)
        mads = np.median(np.abs(windows - medians[:, None]), axis=1)
        for i, median, mad in zip(full.tolist(), medians.tolist(), mads.tolist()):
            today = series[first + dt.timedelta(days=i)]
            scored[i] = _alert(today, median, mad, window, params)
    out = []
    for i in candidates:
        day = first + dt.timedelta(days=i)
        alert = scored[i] if i in scored else _score(series, first, day, series[day], params)
        if alert is not None:
            out.append((day, alert))
    return out


def _alert(today: _Day, median: float, mad: float, n_days: int, params: AlertParams) -> dict[str, Any] | None:
    scale = max(MAD_TO_SD * mad, params.scale_floor)
    z = (today.intensity - median) / scale
    if z < params.threshold:
        return None
    return {"value": today.intensity, "measure": params.measure, "conflict_events": today.n_conflict,
            "baseline_median": median, "baseline_mad": mad, "scale": scale, "z": round(z, 3),
            "history_days": n_days}


def _score(series: dict[dt.date, _Day], first: dt.date, day: dt.date, today: _Day,
           params: AlertParams) -> dict[str, Any] | None:
    start = first if (day - first).days <= params.window else day - dt.timedelta(days=params.window)
    n_days = (day - start).days
    if n_days < params.min_history:
        return None
    empty = _Day(0.0, 0)
    baseline = [series.get(start + dt.timedelta(days=k), empty).intensity for k in range(n_days)]
    median = statistics.median(baseline)
    mad = statistics.median(abs(x - median) for x in baseline)
    return _alert(today, median, mad, n_days, params)


def _daily_intensity(store: Store, where: EventFilter | None, params: AlertParams, level: Level,
                     date_from: str | None, date_to: str | None) -> dict[tuple[str, str], dict[dt.date, _Day]]:
    """Per dyad, its days with events; only dyads with some day of ``min_events`` conflict events."""
    look_from = None
    if date_from:
        look_from = (dt.date.fromisoformat(date_from) - dt.timedelta(days=params.window)).isoformat()
    sql, sql_params = happened_events_sql(where, level, look_from, date_to,
                                          facts=store.has_event_facts)
    conflict = "quad_class IN (3, 4)"
    value = "count(*)" if params.measure == "count" else "sum(greatest(-goldstein, 0))"
    query = (
        f"SELECT source, target, day, count(*) FILTER (WHERE {conflict}) AS n_conflict, "
        f"coalesce({value} FILTER (WHERE {conflict}), 0) AS intensity FROM ({sql}) "
        f"WHERE source IS NOT NULL AND target IS NOT NULL AND day IS NOT NULL "
        f"GROUP BY source, target, day QUALIFY max(n_conflict) OVER (PARTITION BY source, target) >= ?"
    )
    rows = store.con.execute(query, [*sql_params, params.min_events]).fetchall()
    days: dict[tuple[str, str], dict[dt.date, _Day]] = defaultdict(dict)
    for source, target, day, n_conflict, intensity in rows:
        days[(source, target)][day] = _Day(float(intensity), int(n_conflict))
    return days


def _attach_evidence(store: Store, where: EventFilter | None, level: Level, alerts: list[dict[str, Any]]) -> None:
    """Add the ids of the conflict events (and their articles) behind each alert."""
    if not alerts:
        return
    keys = [_key(a["source"], a["target"], a["date"]) for a in alerts]
    sql, params = happened_events_sql(where, level, facts=store.has_event_facts)
    query = (
        f"SELECT source, target, CAST(day AS VARCHAR), list(event_id ORDER BY event_id), "
        f"list(DISTINCT doc_id ORDER BY doc_id) FROM ({sql}) WHERE quad_class IN (3, 4) "
        f"AND source || chr(31) || target || chr(31) || CAST(day AS VARCHAR) IN (SELECT unnest(?)) "
        f"GROUP BY source, target, day"
    )
    evidence = {_key(s, t, d): (ids, docs) for s, t, d, ids, docs in store.con.execute(query, [*params, keys]).fetchall()}
    for alert in alerts:
        ids, docs = evidence.get(_key(alert["source"], alert["target"], alert["date"]), ([], []))
        alert["event_ids"], alert["doc_ids"] = list(ids), list(docs)


def _key(source: str, target: str, day: str) -> str:
    return f"{source}\x1f{target}\x1f{day}"
