"""The event rows every analysis starts from: events that happened, placed on a day and an outlet.

All analyses count the same thing, so they share one SQL source:

- events whose modality is negated or hypothetical are left out (they did not happen);
- an event's **day** is its own date when the text gives it to the day, else the date of the
  article that reports it (a month- or year-precise date cannot be put on a day);
- an event's **outlet** is the article's ``source``, else its URL's host, else the article
  itself, as in the store's ``stories`` view; "number of sources" counts distinct outlets;
- a **dyad** is (source, target) at the chosen level: ``actor`` uses the full actor codes
  (``RUSGOV`` → ``UKRMIL``), ``country`` the actors' countries (``RUS`` → ``UKR``; IGOs are
  ``IGO``). Events missing either side belong to no dyad.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from eventwire.store import EventFilter, Store, summary
from eventwire.store.db import PLAUSIBLE_DATES
from eventwire.store.rows import NOT_HAPPENED
from eventwire.store.schema import EVENT_DAY_SQL, OUTLET_SQL

Level = Literal["actor", "country"]
Freq = Literal["day", "week", "month"]
LEVELS: tuple[str, ...] = ("actor", "country")
FREQS: tuple[str, ...] = ("day", "week", "month")



def dyad_columns(level: Level) -> tuple[str, str]:
    if level == "actor":
        return "e.source", "e.target"
    if level == "country":
        return "e.source_country", "e.target_country"
    raise ValueError(f"unknown dyad level {level!r}; use one of {', '.join(LEVELS)}")


def dyad_pattern(code: str, level: Level) -> str:
    """The actor-code pattern (EventFilter syntax) that selects one side of a dyad at ``level``."""
    return code if level == "actor" or code.endswith("*") else code + "*"


def happened_events_sql(where: EventFilter | None, level: Level = "actor",
                        date_from: str | None = None, date_to: str | None = None,
                        facts: bool = False) -> tuple[str, list[Any]]:
    """SQL (and its parameters) for the shared event rows: one row per event that happened.

    Columns: event_id, doc_id, source, target (at ``level``), quad_class, goldstein, day (DATE),
    outlet. ``date_from``/``date_to`` (inclusive ISO days) bound the *day*, unlike
    ``EventFilter``'s bounds on the event's own date text. With ``facts`` (the store has its
    ``event_facts``, see :mod:`eventwire.store.schema`) the rows come from there without a
    join, unless the filter searches the sentence text, which only the events hold.
    """
    source, target = dyad_columns(level)
    where = where or EventFilter()
    clause, params = where.where()
    excluded = ", ".join(f"'{m}'" for m in sorted(NOT_HAPPENED))
    happened = f"coalesce(e.modality, '') NOT IN ({excluded})"
    if facts and where.text is None:
        day = "e.day"
        sql = (f"SELECT e.event_id, e.doc_id, {source} AS source, {target} AS target, e.quad_class, e.goldstein, "
               f"e.day AS day, e.outlet AS outlet FROM event_facts e"
               f"{clause + ' AND' if clause else ' WHERE'} {happened}")
    else:
        day = EVENT_DAY_SQL
        sql = (
            f"SELECT e.event_id, e.doc_id, {source} AS source, {target} AS target, e.quad_class, e.goldstein, "
            f"{day} AS day, {OUTLET_SQL} AS outlet "
            f"FROM (SELECT * FROM events{clause}) e JOIN documents d ON d.doc_id = e.doc_id "
            f"WHERE {happened}"
        )
    if date_from is not None:
        sql += f" AND {day} >= CAST(? AS DATE)"
        params.append(_iso_day(date_from))
    if date_to is not None:
        sql += f" AND {day} <= CAST(? AS DATE)"
        params.append(_iso_day(date_to))
    return sql, params


def summary_usable(store: Store, where: EventFilter | None, *, distinct: bool = False) -> bool:
    """Whether the figures for ``where`` are best read from the store's ``dyad_days`` summary.

    Only filters on the dyad's sides and countries can be: the summary's groups are per dyad
    and day (:mod:`eventwire.store.summary`); any other filter is answered from the events.
    Counting ``distinct`` articles and outlets reads the groups' lists, which is only faster
    than the events when a source is given, the summary being ordered by source.
    """
    where = where or EventFilter()
    if not (store.has_dyad_days and summary.serves(where, quad_class=False)):
        return False
    return not distinct or where.source is not None


def happened_groups_sql(where: EventFilter | None, level: Level = "actor", date_from: str | None = None,
                        date_to: str | None = None) -> tuple[str, list[Any]]:
    """The ``dyad_days`` groups of the events that happened, like :func:`happened_events_sql` per event.

    Columns: source, target (at ``level``), day and the summary's measures (``events``,
    ``q1``..``q4``, ``goldstein_sum``, ``goldstein_n``, ``intensity``, ``docs``, ``outlets``).
    """
    source, target = (c.removeprefix("e.") for c in dyad_columns(level))
    clause, params = (where or EventFilter()).where()
    sql = (f"SELECT {source} AS source, {target} AS target, day, events, q1, q2, q3, q4, goldstein_sum, "
           f"goldstein_n, intensity, docs, outlets FROM dyad_days"
           f"{clause + ' AND' if clause else ' WHERE'} happened")
    if date_from is not None:
        sql += " AND day >= CAST(? AS DATE)"
        params.append(_iso_day(date_from))
    if date_to is not None:
        sql += " AND day <= CAST(? AS DATE)"
        params.append(_iso_day(date_to))
    return sql, params


def _iso_day(value: str | dt.date) -> str:
    """Accept YYYY-MM-DD (or a date); a clear error for anything else, before SQL sees it."""
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"not a date (YYYY-MM-DD): {value!r}") from None
    first, last = PLAUSIBLE_DATES
    if not first <= day <= last:
        raise ValueError(f"date {day.isoformat()} is out of range: use days from {first} to {last}")
    return day.isoformat()


def period_start(day: dt.date, freq: Freq) -> dt.date:
    if freq == "day":
        return day
    if freq == "week":
        return day - dt.timedelta(days=day.weekday())
    if freq == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown frequency {freq!r}; use one of {', '.join(FREQS)}")


def next_period(start: dt.date, freq: Freq) -> dt.date:
    if freq == "day":
        return start + dt.timedelta(days=1)
    if freq == "week":
        return start + dt.timedelta(days=7)
    return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
