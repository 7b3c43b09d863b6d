"""The ``dyad_days`` summary: events counted per dyad and day, kept up to date at every write.

At a million events, every series, dyad table, alert and event count scanned the whole
``event_facts`` table (issue 13 point 28: seconds per request with 20 clients). Those answers
only add up per-(source, target, day) figures, so they can be read from about a tenth as many
rows. What the summary holds, per (source, target, their countries, day, happened):

- ``events`` and ``q1``..``q4`` (per QuadClass), ``goldstein_sum`` and ``goldstein_n`` (for
  the mean), ``intensity`` (the alerts' conflict measure), which simply add up;
- ``docs`` and ``outlets``, the distinct articles and outlets, as lists: distinct counts do
  not add up, but the distinct elements of the groups' lists are exactly the distinct values
  of their events.

A write recomputes the groups it touches from ``event_facts`` in the same transaction, so the
summary never disagrees with the events; filters it cannot answer (a CAMEO code, a text
search, a QuadClass for distinct counts ...) fall back to the events, see :func:`serves`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

import duckdb

from eventwire.store.rows import NOT_HAPPENED
from eventwire.store.schema import DYAD_DAYS, column_names

#: What identifies a group (the row a set of events is counted in).
GROUP_COLUMNS = ("source", "target", "source_country", "target_country", "day", "happened")
#: The EventFilter fields the summary can answer: the dyad's sides and their countries.
SUMMARY_FILTERS = frozenset({"source", "target", "actor", "country"})

_HAPPENED = "coalesce(modality, '') NOT IN ({})".format(", ".join(f"'{m}'" for m in sorted(NOT_HAPPENED)))
_MEASURES = (
    "count(*), "
    + ", ".join(f"count(*) FILTER (WHERE quad_class = {n})" for n in (1, 2, 3, 4))
    + ", sum(goldstein), count(goldstein), "
    "coalesce(sum(greatest(-goldstein, 0)) FILTER (WHERE quad_class IN (3, 4)), 0), "
    "list(DISTINCT doc_id), list(DISTINCT outlet)"
)
#: The same groups' figures for a key (source, target, day): the key's columns are null-safe.
_SAME_KEY = " AND ".join(f"f.{c} IS NOT DISTINCT FROM t.{c}" for c in ("source", "target", "day"))


def group_sql(source: str = "event_facts f") -> str:
    """The summary rows of the events of ``source`` (an ``event_facts`` relation named ``f``)."""
    keys = ", ".join(f"f.{c}" for c in GROUP_COLUMNS[:5])
    return (f"SELECT {keys}, {_HAPPENED} AS happened, {_MEASURES} FROM {source} "
            f"GROUP BY {keys}, happened")


#: The summary's physical order: DuckDB skips the row groups whose source/target range cannot
#: match, so a series or table of one dyad, or of one source, reads a few groups' article lists
#: instead of all of them (37 ms -> 2-8 ms at a million events).
ORDER = "source, target, day"


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Derive the whole summary from ``event_facts`` (a store made before it; inside a transaction)."""
    con.execute("DELETE FROM dyad_days")
    con.execute(f"INSERT INTO dyad_days SELECT * FROM ({group_sql()}) ORDER BY {ORDER}").fetchall()


#: A run re-sorts the summary when more than this share of its rows break the order.
MAX_DISORDER = 0.01


def disorder(con: duckdb.DuckDBPyConnection) -> float:
    """The share of summary rows (in stored order) whose dyad sorts before the previous row's.

    Writes append the groups they recompute at the end, so each batch adds a run of rows out
    of order; a few hundred such rows in a large table cost nothing, a full run's do.
    """
    high = "chr(1114111)"  # NULLs sort last, as in ORDER
    key = f"coalesce(source, {high}) || chr(0) || coalesce(target, {high})"
    row = con.execute(f"SELECT count(*), count(*) FILTER (WHERE k < before) FROM (SELECT {key} AS k, "
                      f"lag({key}) OVER (ORDER BY rowid) AS before FROM dyad_days)").fetchone()
    return row[1] / row[0] if row[0] else 0.0


def recluster(con: duckdb.DuckDBPyConnection, *, when_over: float = MAX_DISORDER) -> bool:
    """Rewrite the summary in :data:`ORDER` when its :func:`disorder` is over ``when_over``.

    Called at the end of a run that wrote articles (about a second at a million events, so not
    after a run of a few articles); answers are correct in any order, only slower to find.
    Returns whether it rewrote.
    """
    if disorder(con) <= when_over:
        return False
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE dyad_days_sorted AS SELECT * FROM dyad_days ORDER BY {ORDER}")
        con.execute("DELETE FROM dyad_days")
        con.execute("INSERT INTO dyad_days SELECT * FROM dyad_days_sorted").fetchall()
        con.execute("DROP TABLE dyad_days_sorted")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return True


def refresh(con: duckdb.DuckDBPyConnection, after_fact: int,
            removed: Iterable[tuple[Any, Any, Any]] = ()) -> None:
    """Bring the summary up to date with the facts written after rowid ``after_fact``.

    New events are added to their groups: the counts and sums add, the lists are merged
    without repeats, so a write reads only the summary rows it changes, not every event.
    ``removed`` are the (source, target, day) keys of facts this write deleted (replaced
    articles): those groups are counted again from all their events. The table keeps one row
    per group however many writes. Runs inside the write's transaction.
    """
    removed = list(removed)
    if removed:
        _recount(con, removed)
    con.execute("CREATE OR REPLACE TEMP TABLE dyad_days_delta AS "
                + group_sql("(SELECT * FROM event_facts WHERE rowid > ?) f"), [after_fact])
    same_group = " AND ".join(f"s.{c} IS NOT DISTINCT FROM d.{c}" for c in GROUP_COLUMNS)
    keys = ", ".join(GROUP_COLUMNS)
    added = ", ".join(f"CAST(sum({c}) AS {kind})" for c, kind in
                      (("events", "BIGINT"), ("q1", "BIGINT"), ("q2", "BIGINT"), ("q3", "BIGINT"), ("q4", "BIGINT"),
                       ("goldstein_sum", "DOUBLE"), ("goldstein_n", "BIGINT"), ("intensity", "DOUBLE")))
    con.execute(f"CREATE OR REPLACE TEMP TABLE dyad_days_merged AS SELECT {keys}, {added}, "
                f"list_distinct(flatten(list(docs))), list_distinct(flatten(list(outlets))) FROM ("
                f"SELECT s.* FROM dyad_days s SEMI JOIN dyad_days_delta d ON {same_group} "
                f"UNION ALL SELECT * FROM dyad_days_delta) GROUP BY {keys}")
    con.execute(f"DELETE FROM dyad_days s USING dyad_days_delta d WHERE {same_group}")
    con.execute("INSERT INTO dyad_days SELECT * FROM dyad_days_merged").fetchall()
    con.execute("DROP TABLE dyad_days_delta")
    con.execute("DROP TABLE dyad_days_merged")


def _recount(con: duckdb.DuckDBPyConnection, keys: list[tuple[Any, Any, Any]]) -> None:
    """Count the groups of these (source, target, day) keys again from all their events."""
    con.execute("CREATE OR REPLACE TEMP TABLE dyad_days_touched (source VARCHAR, target VARCHAR, day DATE)")
    con.executemany("INSERT INTO dyad_days_touched VALUES (?, ?, ?)", keys)
    touched = "(SELECT DISTINCT * FROM dyad_days_touched) t"
    con.execute(f"DELETE FROM dyad_days f USING {touched} WHERE {_SAME_KEY}")
    con.execute(f"INSERT INTO dyad_days {group_sql(f'(SELECT f.* FROM event_facts f SEMI JOIN {touched} ON {_SAME_KEY}) f')}"
                ).fetchall()
    con.execute("DROP TABLE dyad_days_touched")


def touched_keys(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> list[tuple[Any, Any, Any]]:
    """The (source, target, day) keys of the facts of ``doc_ids`` (before they are deleted)."""
    return con.execute("SELECT DISTINCT source, target, day FROM event_facts WHERE doc_id IN (SELECT unnest(?))",
                       [doc_ids]).fetchall()


def serves(where: Any, *, quad_class: bool = True) -> bool:
    """Whether an EventFilter only uses fields the summary answers (``quad_class`` too, if allowed).

    A QuadClass filter is answered for counts and sums (``q1``..``q4``), not for the distinct
    articles and outlets, which the lists hold over all QuadClasses.
    """
    allowed = SUMMARY_FILTERS | ({"quad_class"} if quad_class else set())
    return all(value is None or f.name in allowed
               for f in dataclasses.fields(where) for value in [getattr(where, f.name)])


def columns() -> tuple[str, ...]:
    return column_names(DYAD_DAYS)
