"""Escalation alerts for the web: scored once per filter and level, then cut per request.

``/api/alerts`` and the alert pages vary the threshold, the filters and the limit; each
variation scored every dyad-day again (a median and MAD per candidate day: 100-200 ms at a
million events) and scanned every event for the evidence (20-35 ms). Three facts make most
variations cheap, and the answers stay exactly those of
:func:`eventwire.analysis.escalation_alerts`:

- the alerts of a threshold are those of any lower threshold with ``z >= threshold``, so each
  filter and level is scored once from :data:`SCORED_FROM` (or the request's lower threshold)
  and kept in answer order: a request takes the first ``limit`` that pass its threshold;
- at the actor level a filter on actors only (source, target, actor codes or prefixes) keeps or
  drops whole dyads, so its alerts are the unfiltered alerts of the dyads it keeps; at the
  country level so does a filter of actor prefixes whose events are exactly those of the
  countries they name (a dyad page's ``RUS*`` and ``UKR*``, when the event index says so);
- the evidence is read from the event index (:mod:`eventwire.web.index`) when it answers the
  filter, else found by SQL as before.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from eventwire.analysis.alerts import AlertParams, attach_evidence, baseline_start, scored_alerts
from eventwire.analysis.base import _iso_day
from eventwire.store import EventFilter, Store

#: Alerts are scored from this z up (a request for a lower threshold scores from there).
SCORED_FROM = 2.0
#: EventFilter fields that select whole actor-level dyads.
_DYAD_FIELDS = frozenset({"source", "target", "actor"})
_LIKE_SPECIAL = ("%", "_", "\\")


def cached_alerts(cache: Any, store: Store, where: EventFilter | None, params: AlertParams, *, level: str,
                  start: str | None = None, end: str | None = None, limit: int | None = 100) -> list[dict[str, Any]]:
    """The alerts of ``escalation_alerts(store, where, params, level=..., date_from=start,
    date_to=end, limit=limit)``, from kept scores (see the module docstring)."""
    from eventwire.web.queries import event_index

    where = where or EventFilter()
    key = ("alerts", where, params, level, start, end, limit)

    def compute(s: Store) -> list[dict[str, Any]]:
        alerts: list[dict[str, Any]] = []
        for z, alert in _scores(cache, s, where, params, level, start, end):  # newest first, then strongest
            if limit is not None and len(alerts) >= limit:
                break
            if z >= params.threshold:
                alerts.append(dict(alert))
        index = event_index(cache, s)
        evidence = index.evidence(level, alerts, where) if index is not None and alerts else None
        if evidence is None:
            attach_evidence(s, where, level, alerts)  # type: ignore[arg-type]
        else:
            for alert, (ids, docs) in zip(alerts, evidence):
                alert["event_ids"], alert["doc_ids"] = ids, docs
        return alerts

    return cache.get(key, compute, store)


def _scores(cache: Any, store: Store, where: EventFilter, params: AlertParams, level: str,
            start: str | None, end: str | None) -> list[tuple[float, dict[str, Any]]]:
    """The kept (z, alert) pairs of the filter from a low threshold, in the order of
    :func:`top_alerts` (so a request's alerts are the first that pass its threshold)."""
    base = dataclasses.replace(params, threshold=min(params.threshold, SCORED_FROM))
    if level == "actor" and where != EventFilter() and selects_dyads(where):
        def derived(s: Store) -> list[tuple[float, dict[str, Any]]]:
            every, by_dyad = _scored(cache, s, EventFilter(), base, level, start, end)
            kept = [rows for (source, target), rows in by_dyad.items() if keeps_dyad(where, source, target)]
            return [every[k] for k in sorted(k for rows in kept for k in rows)]
        return cache.get(("alert-scores", where, base, level, start, end), derived, store)
    countries = _country_dyads(cache, store, where) if level == "country" and where != EventFilter() else None
    if countries is not None:
        def of_countries(s: Store) -> list[tuple[float, dict[str, Any]]]:
            every, by_dyad = _scored(cache, s, EventFilter(), base, level, start, end)
            kept = [rows for (source, target), rows in by_dyad.items() if keeps_dyad(countries, source, target)]
            return [every[k] for k in sorted(k for rows in kept for k in rows)]
        return cache.get(("alert-scores", where, base, level, start, end), of_countries, store)
    return _scored(cache, store, where, base, level, start, end)[0]


def _country_dyads(cache: Any, store: Store, where: EventFilter) -> EventFilter | None:
    """The country codes whose whole dyads ``where``'s actor prefixes select (see
    :meth:`eventwire.web.index.EventIndex.country_dyads`); None without the index."""
    from eventwire.web.queries import event_index

    index = event_index(cache, store)
    return index.country_dyads(where) if index is not None else None


def _scored(cache: Any, store: Store, where: EventFilter, base: AlertParams, level: str, start: str | None,
            end: str | None) -> tuple[list[tuple[float, dict[str, Any]]], dict[tuple[str, str], list[int]]]:
    """The scored alerts in answer order, and where each dyad's are in that list (kept)."""
    def compute(s: Store) -> tuple[list[tuple[float, dict[str, Any]]], dict[tuple[str, str], list[int]]]:
        from eventwire.web.queries import event_index

        index = event_index(cache, s)
        days = (index.daily_intensity(where, base, level, baseline_start(base, start), _day(end))
                if index is not None else None)
        scored = scored_alerts(s, where, base, level=level, date_from=start, date_to=end,  # type: ignore[arg-type]
                               days=days)
        scored.sort(key=lambda p: (p[1]["date"], p[1]["z"], p[1]["source"], p[1]["target"]), reverse=True)
        by_dyad: dict[tuple[str, str], list[int]] = {}
        for k, (_, alert) in enumerate(scored):
            by_dyad.setdefault((alert["source"], alert["target"]), []).append(k)
        return scored, by_dyad
    return cache.get(("alert-scores", where, base, level, start, end), compute, store)


def _day(value: str | None) -> str | None:
    return _iso_day(value) if value else None


def selects_dyads(where: EventFilter) -> bool:
    """Whether ``where`` only names actor codes or prefixes (so it keeps whole actor dyads)."""
    for field in dataclasses.fields(where):
        value = getattr(where, field.name)
        if value is None:
            continue
        if field.name not in _DYAD_FIELDS or any(c in value for c in _LIKE_SPECIAL):
            return False
    return True


def keeps_dyad(where: EventFilter, source: str, target: str) -> bool:
    """Whether the dyad's events pass ``where`` (the SQL of :meth:`EventFilter.where`, per dyad)."""
    return ((where.source is None or _matches(where.source, source))
            and (where.target is None or _matches(where.target, target))
            and (where.actor is None or _matches(where.actor, source) or _matches(where.actor, target)))


def _matches(pattern: str, code: str) -> bool:
    return code.startswith(pattern[:-1]) if pattern.endswith("*") else code == pattern
