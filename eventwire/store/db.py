"""The DuckDB store: idempotent batch writes and the queries the API and exports share.

Every batch of coded documents is written in one transaction (documents, events, quotes,
mentions, places together), so a process killed at any moment leaves each article either
fully stored or not at all; a later run skips the doc_ids already stored and codes the rest.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.store import summary
from eventwire.store.rows import DocRows
from eventwire.store.schema import (
    DOCUMENT_TABLES,
    STORIES_VIEW,
    STORY_COLUMNS,
    TABLES,
    Columns,
    column_names,
    event_facts_insert_sql,
    schema_sql,
)

_ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "DATE": pa.string(),  # ISO text; DuckDB casts on insert
    "TIMESTAMP": pa.timestamp("us"),
}


#: Article dates outside this range are refused at ingest: no news is dated year 1 or 9999, and
#: such dates break every series drawn from the store (a day-by-day span of 8,000 years).
PLAUSIBLE_DATES = (dt.date(1800, 1, 1), dt.date(2199, 12, 31))


def implausible_date(value: object) -> str | None:
    """Why an article date cannot be stored, or None when it can (or is absent)."""
    if value in (None, ""):
        return None
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return f"article date {value!r} is not a date (YYYY-MM-DD)"
    first, last = PLAUSIBLE_DATES
    if not first <= day <= last:
        return f"implausible article date {day.isoformat()} (accepted: {first.isoformat()} to {last.isoformat()})"
    return None


def arrow_schema(columns: Columns) -> pa.Schema:
    return pa.schema([(name, _ARROW_TYPES[kind.split()[0]]) for name, kind in columns])


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events a query wants; every field is optional and they combine with AND.

    ``actor`` matches source or target; codes given with a trailing ``*`` match as prefixes
    (``RUS*`` is every Russian actor, ``19*`` every FIGHT code).
    """

    doc_id: str | None = None
    story_id: str | None = None
    source: str | None = None
    target: str | None = None
    actor: str | None = None
    country: str | None = None  # source or target country
    cameo: str | None = None
    root: str | None = None
    plover: str | None = None
    quad_class: int | None = None
    modality: str | None = None
    date_from: str | None = None  # inclusive, ISO (compared as text, so "2020-05" works)
    date_to: str | None = None  # inclusive
    text: str | None = None  # case-insensitive substring of the sentence
    at: str | None = None  # "LAT,LON": events placed there (coordinates rounded to 3 decimals, as maps show)
    min_confidence: float | None = None  # events whose confidence is at least this (NULL: coded without one)

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        for column in ("doc_id", "story_id", "source", "target", "cameo", "root", "plover", "modality"):
            value = getattr(self, column)
            if value is not None:
                clauses.append(_match(column, value, params))
        if self.actor is not None:
            clauses.append(f"({_match('source', self.actor, params)} OR {_match('target', self.actor, params)})")
        if self.country is not None:
            clauses.append("(source_country = ? OR target_country = ?)")
            params += [self.country, self.country]
        if self.quad_class is not None:
            clauses.append("quad_class = ?")
            params.append(int(self.quad_class))
        if self.date_from is not None:
            clauses.append("date >= ?")
            params.append(self.date_from)
        if self.date_to is not None:
            clauses.append("date <= ? || '~'")  # "2020-05-31" <= "2020-05-31~"; months and years too
            params.append(self.date_to)
        if self.text is not None:
            clauses.append("text ILIKE ?")
            params.append(f"%{self.text}%")
        if self.at is not None:
            clauses.append("round(lat, 3) = ? AND round(lon, 3) = ?")
            params += list(parse_at(self.at))
        if self.min_confidence is not None:
            clauses.append("confidence >= ?")
            params.append(float(self.min_confidence))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def parse_at(value: str) -> tuple[float, float]:
    """``"LAT,LON"`` as two rounded numbers; a clear error for anything else."""
    try:
        lat, lon = (round(float(part), 3) for part in value.split(","))
    except ValueError:
        raise ValueError(f"at must be LAT,LON (e.g. 50.45,30.523), not {value!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"at must be a latitude in -90..90 and a longitude in -180..180, not {value!r}")
    return lat, lon


def _match(column: str, value: str, params: list[Any]) -> str:
    if isinstance(value, str) and value.endswith("*"):
        params.append(value[:-1] + "%")
        return f"{column} LIKE ?"
    params.append(value)
    return f"{column} = ?"


class StoreError(duckdb.Error):
    """A store that cannot be used: not an eventwire store, damaged, or locked by a writer.

    A kind of ``duckdb.Error``, so callers that already catch those report it as before.
    """


@dataclass(frozen=True, slots=True)
class _Refused:
    path: str
    line: int | None
    reason: str


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class Store:
    """An open eventwire database. Use :func:`open_store`; close it (or use ``with``)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
        self.con = connection
        self.path = path
        self.read_only = read_only

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- writing ------------------------------------------------------------------------

    def begin_run(self, *, inputs: Sequence[str], config: dict[str, Any], engine: str, workers: int) -> str:
        """Record a new run; runs still marked running were killed (DuckDB allows one writer)."""
        run_id = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        with self._transaction():
            self.con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            self.con.execute(
                "INSERT INTO runs (run_id, started, status, engine, workers, inputs, config) "
                "VALUES (?, ?, 'running', ?, ?, ?, ?)",
                [run_id, _now(), engine, workers, json.dumps(list(inputs)), json.dumps(config, default=str)],
            )
        return run_id

    def finish_run(self, run_id: str, status: str, counts: dict[str, int]) -> None:
        columns = ("n_read", "n_coded", "n_skipped", "n_rejected", "n_events")
        sets = ", ".join(f"{c} = ?" for c in columns)
        self.con.execute(
            f"UPDATE runs SET finished = ?, status = ?, {sets} WHERE run_id = ?",
            [_now(), status, *(counts.get(c, 0) for c in columns), run_id],
        )

    def cluster_summary(self, when_over: float = summary.MAX_DISORDER) -> bool:
        """Put the ``dyad_days`` summary back in its order after writes, when they disordered more than
        ``when_over`` of it (see :func:`summary.recluster`); returns whether it did."""
        return summary.recluster(self.con, when_over=when_over)

    def written_by(self, run_id: str) -> tuple[int, int]:
        """Documents and events committed by a run: the true counts of a run that was cut short."""
        row = self.con.execute("SELECT count(*), coalesce(sum(n_events), 0) FROM documents WHERE run_id = ?",
                               [run_id]).fetchone()
        return int(row[0]), int(row[1])

    def stored_doc_ids(self, doc_ids: Iterable[str]) -> set[str]:
        """Those of ``doc_ids`` already in the store (asked per chunk: memory stays flat)."""
        ids = list(dict.fromkeys(doc_ids))
        if not ids:
            return set()
        rows = self.con.execute("SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0] for r in rows}

    def stored_hashes(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """Content hash of those of ``doc_ids`` already in the store (an id reused for another text is an error)."""
        ids = list(dict.fromkeys(doc_ids))
        if not ids:
            return {}
        rows = self.con.execute("SELECT doc_id, content_hash FROM documents WHERE doc_id IN (SELECT unnest(?))",
                                [ids]).fetchall()
        return {r[0]: r[1] for r in rows}

    def write(self, batch: Sequence[DocRows], run_id: str | None = None, replace: bool = False,
              on_reject: Callable[[DocRows, str], None] | None = None) -> list[str]:
        """Store a batch of coded documents in one transaction; returns the doc_ids written.

        Documents already stored are skipped, or with ``replace`` deleted and written anew
        (to recode a corpus with a better coder). A doc_id repeated in the batch counts once.
        A document with an implausible date (see :data:`PLAUSIBLE_DATES`) is not stored: it
        goes to ``on_reject(doc, reason)``, or without one to the rejects table.
        """
        unique = list({d.doc_id: d for d in reversed(batch)}.values())[::-1]
        unique = self._screen_dates(unique, run_id, on_reject)
        coded_at = _now()
        with self._transaction():
            ids = [d.doc_id for d in unique]
            removed: list[tuple[Any, Any, Any]] = []
            if replace:
                removed = summary.touched_keys(self.con, ids)
                for table in (*DOCUMENT_TABLES, "event_facts"):
                    self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [ids])
            else:
                stored = self.stored_doc_ids(ids)
                unique = [d for d in unique if d.doc_id not in stored]
            last_event = self.con.execute("SELECT coalesce(max(rowid), -1) FROM events").fetchall()[0][0]
            last_fact = self.con.execute("SELECT coalesce(max(rowid), -1) FROM event_facts").fetchall()[0][0]
            for table, columns in DOCUMENT_TABLES.items():
                rows = [row for d in unique for row in d.tables.get(table, ())]
                if table == "documents":
                    rows = [{**row, "run_id": run_id, "coded_at": coded_at} for row in rows]
                self._insert(table, columns, rows)
            # the facts of the events just written, in the same transaction (new rows have higher rowids)
            self.con.execute(event_facts_insert_sql(" WHERE e.rowid > ?"), [last_event]).fetchall()
            summary.refresh(self.con, last_fact, removed)  # and the dyad_days groups they touch
        return [d.doc_id for d in unique]

    def _screen_dates(self, docs: list[DocRows], run_id: str | None,
                      on_reject: Callable[[DocRows, str], None] | None) -> list[DocRows]:
        kept, refused = [], []
        for doc in docs:
            reason = next((r for row in doc.tables.get("documents", ()) if (r := implausible_date(row.get("date")))),
                          None)
            if reason is None:
                kept.append(doc)
            elif on_reject is not None:
                on_reject(doc, reason)
            else:
                refused.append(_Refused(doc.doc_id, None, f"article {doc.doc_id!r}: {reason}"))
        if refused:
            self.add_rejects(refused, run_id)
        return kept

    def add_rejects(self, rejects: Iterable[Any], run_id: str | None = None) -> int:
        """Log rejects (objects with path, line, reason); one row per (path, line, reason)."""
        rows = [{"path": r.path, "line": r.line, "reason": r.reason, "run_id": run_id, "time": _now()}
                for r in rejects]
        if not rows:
            return 0
        with self._transaction():
            for row in rows:
                self.con.execute(
                    "DELETE FROM rejects WHERE path = ? AND line IS NOT DISTINCT FROM ? AND reason = ?",
                    [row["path"], row["line"], row["reason"]],
                )
            self._insert("rejects", TABLES["rejects"], rows)
        return len(rows)

    def _insert(self, table: str, columns: Columns, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        data = pa.Table.from_pylist(rows, schema=arrow_schema(columns))  # columns in table order
        self.con.from_arrow(data).insert_into(table)

    class _Transaction:
        def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
            self.con = con

        def __enter__(self) -> None:
            self.con.execute("BEGIN TRANSACTION")

        def __exit__(self, kind: object, *exc: object) -> None:
            self.con.execute("ROLLBACK" if kind else "COMMIT")

    def _transaction(self) -> Store._Transaction:
        return Store._Transaction(self.con)

    # -- reading ------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table (and stories), for summaries and health checks.

        Stories are counted as distinct story ids of the events, not by running the ``stories``
        view, whose aggregates over a million events do not fit a 256 MB memory cap.
        """
        out = {name: self.con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in TABLES}
        out["stories"] = self.count_stories(out["events"])
        return out

    def count_stories(self, n_events: int) -> int:
        """Distinct story ids, counted in hash partitions small enough for the memory cap.

        One ``count(DISTINCT story_id)`` over a million events keeps every id in one hash table
        and failed under the 256 MB cap (issue 13 point 27); stories never span partitions, so
        the partitions' counts add up, and each holds at most :func:`_ids_per_partition` ids.
        """
        parts = max(1, -(-n_events // _ids_per_partition(self.con)))
        sql = "SELECT count(DISTINCT story_id) FROM events WHERE story_id IS NOT NULL"
        if parts == 1:
            return self.con.execute(sql).fetchone()[0]
        return sum(self.con.execute(sql + " AND hash(story_id) % ? = ?", [parts, part]).fetchone()[0]
                   for part in range(parts))

    def check(self) -> None:
        """Raise :class:`StoreError` unless every table of the schema is there and readable.

        Reads each table's columns, its row count and its first and last rows, which finds a
        file that is not an eventwire store, an incomplete schema and most damaged files
        without scanning the whole store.
        """
        try:
            present = {row[0] for row in self.con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot read the store's catalogue ({_first_line(exc)})") from None
        missing = [name for name in [*TABLES, "stories"] if name not in present]
        if missing:
            raise StoreError(f"{self.path} is not an eventwire store: no table {', '.join(missing)} "
                             f"(make one with: eventwire ingest ARTICLES --db {self.path})")
        for name, columns in TABLES.items():
            try:
                have = {d[0] for d in self.con.execute(f"SELECT * FROM {name} LIMIT 0").description}
                lacking = [c for c in column_names(columns) if c not in have]
                if lacking:
                    raise StoreError(f"{self.path}: table {name} lacks column(s) {', '.join(lacking)}; "
                                     f"open it once with eventwire ingest to upgrade it")
                n = self.con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                if n:
                    self.con.execute(f"SELECT * FROM {name} LIMIT 1").fetchall()
                    self.con.execute(f"SELECT * FROM {name} LIMIT 1 OFFSET {n - 1}").fetchall()
            except duckdb.Error as exc:
                raise StoreError(f"{self.path}: table {name} cannot be read; the store is damaged "
                                 f"({_first_line(exc)})") from None

    @functools.cached_property
    def has_dyad_days(self) -> bool:
        """Whether the store has its ``dyad_days`` summary (kept since issue 13 point 28; an older
        store opened read-only has not, and is answered from its events)."""
        return _has_table(self.con, "dyad_days")

    @functools.cached_property
    def has_event_facts(self) -> bool:
        """Whether the store has its ``event_facts`` (a store written before them, opened read-only, has not)."""
        return _has_table(self.con, "event_facts")

    def events(self, where: EventFilter | None = None, *, limit: int | None = 100, offset: int = 0,
               order_by: str = "doc_id, sentence, span_start, event_id") -> list[dict[str, Any]]:
        """Event mentions as records: flat columns plus the DESIGN record's nested fields."""
        clause, params = (where or EventFilter()).where()
        sql = f"SELECT * FROM events{clause} ORDER BY {_order(order_by, TABLES['events'])}{_page(limit, offset)}"
        return [event_record(row) for row in self._dicts(sql, params)]

    def count_events(self, where: EventFilter | None = None) -> int:
        clause, params = (where or EventFilter()).where()
        return self.con.execute(f"SELECT count(*) FROM events{clause}", params).fetchone()[0]

    def stories(self, where: EventFilter | None = None, *, min_mentions: int = 1, limit: int | None = 100,
                offset: int = 0, order_by: str = "num_mentions DESC, story_id") -> list[dict[str, Any]]:
        """Story-level events (fields of EventFilter that stories lack are ignored)."""
        base = where or EventFilter()
        story_filter = EventFilter(**{k: getattr(base, k) for k in (
            "story_id", "source", "target", "actor", "country", "cameo", "root", "plover", "quad_class",
            "date_from", "date_to")})
        clause, params = story_filter.where()
        if min_mentions > 1:
            clause = (clause + " AND" if clause else " WHERE") + " num_mentions >= ?"
            params.append(int(min_mentions))
        order = _order(order_by, STORY_COLUMNS)
        sql = f"SELECT * FROM stories{clause} ORDER BY {order}{_page(limit, offset)}"
        return self._dicts(sql, params)

    def document(self, doc_id: str, with_records: bool = True) -> dict[str, Any] | None:
        """One document, with its events, quotes, actor mentions and places."""
        rows = self._dicts("SELECT * FROM documents WHERE doc_id = ?", [doc_id])
        if not rows:
            return None
        doc = rows[0]
        if with_records:
            doc["events"] = self.events(EventFilter(doc_id=doc_id), limit=None)
            doc["quotes"] = self.quotes(doc_id=doc_id, limit=None)
            doc["mentions"] = self._dicts("SELECT * FROM mentions WHERE doc_id = ? ORDER BY n", [doc_id])
            doc["places"] = self._dicts("SELECT * FROM places WHERE doc_id = ? ORDER BY n", [doc_id])
        return doc

    def documents(self, *, limit: int | None = 100, offset: int = 0, text: str | None = None,
                  include_text: bool = False) -> list[dict[str, Any]]:
        columns = "*" if include_text else "* EXCLUDE (text)"
        params: list[Any] = []
        clause = ""
        if text:
            clause = " WHERE title ILIKE ? OR text ILIKE ?"
            params = [f"%{text}%", f"%{text}%"]
        sql = f"SELECT {columns} FROM documents{clause} ORDER BY date, doc_id{_page(limit, offset)}"
        return self._dicts(sql, params)

    def quotes(self, *, doc_id: str | None = None, speaker: str | None = None, limit: int | None = 100,
               offset: int = 0) -> list[dict[str, Any]]:
        clauses, params = [], []
        if doc_id is not None:
            clauses.append("doc_id = ?")
            params.append(doc_id)
        if speaker is not None:
            clauses.append(_match("speaker", speaker, params))
        clause = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        sql = f"SELECT * FROM quotes{clause} ORDER BY doc_id, span_start{_page(limit, offset)}"
        rows = self._dicts(sql, params)
        for row in rows:
            for key in ("speaker_actor", "addressee_actor"):
                row[key] = json.loads(row[key]) if row[key] else None
        return rows

    def rejects(self, run_id: str | None = None) -> list[dict[str, Any]]:
        if run_id is None:
            return self._dicts("SELECT * FROM rejects ORDER BY path, line", [])
        return self._dicts("SELECT * FROM rejects WHERE run_id = ? ORDER BY path, line", [run_id])

    def runs(self) -> list[dict[str, Any]]:
        return self._dicts("SELECT * FROM runs ORDER BY started", [])

    def event_ids(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT event_id FROM events").fetchall()}

    def iter_table(self, table: str, batch_rows: int = 10_000) -> Iterator[dict[str, Any]]:
        """Every row of a table or view, streamed (exports of large stores)."""
        cursor = self.con.cursor()
        try:
            cursor.execute(f"SELECT * FROM {table} ORDER BY {table_order(table)}")
            names = [d[0] for d in cursor.description]
            while rows := cursor.fetchmany(batch_rows):
                yield from (dict(zip(names, row)) for row in rows)
        finally:
            cursor.close()

    def columns(self, table: str) -> list[str]:
        table_order(table)  # validates the name
        return [d[0] for d in self.con.execute(f"SELECT * FROM {table} LIMIT 0").description]

    def _dicts(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


_TABLE_ORDER = {
    "documents": "doc_id", "events": "doc_id, sentence, span_start, event_id", "quotes": "doc_id, span_start, quote_id",
    "mentions": "doc_id, n", "places": "doc_id, n", "rejects": "path, line, reason", "runs": "started, run_id",
    "stories": "date, story_id",
}


def table_order(table: str) -> str:
    """The stable row order of a table or view (exports are reproducible); raises for unknown names."""
    if table not in _TABLE_ORDER:
        raise ValueError(f"no table {table!r}; tables: {', '.join(_TABLE_ORDER)}")
    return _TABLE_ORDER[table]


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """A stored event row in the record form of DESIGN.md (``Event.to_dict()``), flat columns kept."""
    record = dict(row)
    for key in ("source_actor", "target_actor"):
        record[key] = json.loads(row[key]) if row.get(key) else None
    record["span"] = [row.get("span_start"), row.get("span_end")]
    if row.get("location_name") is not None:
        record["location"] = {
            "name": row["location_name"], "country": row.get("location_country"),
            "admin1": row.get("location_admin1"), "feature": row.get("location_feature"), "lat": row.get("lat"), "lon": row.get("lon"),
            "geonameid": row.get("geonameid"),
        }
    else:
        record["location"] = None
    return record


def _order(order_by: str, columns: Columns) -> str:
    """Only known columns may be ordered by (order_by may come from a web request)."""
    known = set(column_names(columns))
    parts = []
    for part in order_by.split(","):
        words = part.split()
        if not words or words[0] not in known or len(words) > 2 or (len(words) == 2 and
                                                                   words[1].upper() not in ("ASC", "DESC")):
            raise ValueError(f"cannot order by {part.strip()!r}")
        parts.append(" ".join(words))
    return ", ".join(parts)


#: Bytes of memory cap allowed per distinct id a counting query holds (hash table, strings, slack).
_BYTES_PER_COUNTED_ID = 1000
_MEMORY_UNITS = {"": 1, "B": 1, "KB": 1000, "MB": 1000**2, "GB": 1000**3, "TB": 1000**4, "KIB": 1024,
                 "MIB": 1024**2, "GIB": 1024**3, "TIB": 1024**4}


def _ids_per_partition(con: duckdb.DuckDBPyConnection) -> int:
    """How many distinct ids one counting query may hold under the connection's memory cap."""
    setting = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    found = re.fullmatch(r"\s*([\d.]+)\s*([KMGT]?i?B)?\s*", str(setting), re.IGNORECASE)
    limit = float(found.group(1)) * _MEMORY_UNITS[(found.group(2) or "").upper()] if found else 256 * 1000**2
    return max(20_000, int(limit // _BYTES_PER_COUNTED_ID))


def _page(limit: int | None, offset: int) -> str:
    out = f" LIMIT {int(limit)}" if limit is not None else ""
    return out + (f" OFFSET {int(offset)}" if offset else "")


def _size(text: str) -> str:
    """A DuckDB memory size ("256MB", "2GB"), checked: it is spliced into a SET statement."""
    if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]i?B", text.strip(), re.IGNORECASE):
        raise ValueError(f"not a memory size like 256MB or 2GB: {text!r}")
    return text.strip()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class NotAStore(OSError):
    """The path names an existing file that is not a DuckDB database (a .parquet, .csv, .jsonl ...)."""


#: Where a DuckDB database file says what it is: bytes 8 to 12 of its first block.
DUCKDB_MAGIC = (8, b"DUCK")


def check_duckdb_file(path: Path) -> None:
    """Refuse an existing non-DuckDB file: DuckDB would open a throwaway database instead and store nothing."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except (FileNotFoundError, IsADirectoryError):
        return  # a new store, or a folder duckdb itself refuses
    except OSError as exc:
        raise NotAStore(f"{path}: cannot read: {exc.strerror or exc}") from exc
    offset, magic = DUCKDB_MAGIC
    if head and head[offset:offset + len(magic)] != magic:
        raise NotAStore(f"{path} is not a DuckDB file (--db takes an eventwire store, such as events.duckdb, "
                        f"or a new path to create one)")


def open_store(path: str | Path = "eventwire.duckdb", read_only: bool = False,
               memory_limit: str | None = None) -> Store:
    """Open (and, unless read-only, create or upgrade) an eventwire store.

    ``memory_limit`` ("256MB") caps DuckDB's memory: by default it caches written pages up to
    80% of RAM, so a long ingest's writer would grow with the store instead of staying flat.
    """
    path = str(path)
    if read_only and path != ":memory:" and not Path(path).exists():
        raise FileNotFoundError(f"no eventwire store at {path}")
    if path != ":memory:":
        check_duckdb_file(Path(path))
    try:
        con = duckdb.connect(path, read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreError(
                f"{path} is open for writing in another process (an eventwire ingest?), and DuckDB lets no "
                f"other process open it meanwhile. Wait for it to end, or serve a snapshot: copy the store "
                f"between ingest runs and serve the copy (README: Serving while ingesting)") from None
        raise StoreError(f"cannot open {path}: {_first_line(exc)}") from None
    except duckdb.Error as exc:
        raise StoreError(f"cannot open {path}: it is not a DuckDB store or it is damaged "
                         f"({_first_line(exc)})") from None
    if memory_limit:
        con.execute(f"SET memory_limit = '{_size(memory_limit)}'")
    if not read_only:
        had_facts = _has_table(con, "event_facts")
        had_summary = _has_table(con, "dyad_days")
        for statement in schema_sql().split(";\n"):
            if statement.strip():
                con.execute(statement)
        add_missing_columns(con)
        if not had_facts:
            _rebuild_derived(con, event_facts=True)
        elif not had_summary:
            _rebuild_derived(con, event_facts=False)
    return Store(con, path, read_only)


def add_missing_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Upgrade a store made by an older eventwire: add the plain columns its tables lack (NULL in old
    rows, e.g. ``events.confidence``). New columns are appended, so they come last in the schema too;
    a key or NOT NULL column cannot be added this way, and schema.py never appends one."""
    added = []
    for table, columns in TABLES.items():
        have = {d[0] for d in con.execute(f"SELECT * FROM {table} LIMIT 0").description}
        for name, kind in columns:
            if name not in have:
                con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {kind}')
                added.append(f"{table}.{name}")
    if added:
        con.execute(STORIES_VIEW)  # the view's e.* now has the new columns
    return added


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' "
                            "AND table_name = ?", [name]).fetchall()[0][0])


def _rebuild_derived(con: duckdb.DuckDBPyConnection, event_facts: bool) -> None:
    """The migration of a store written before ``event_facts`` (``event_facts=True``) or ``dyad_days``
    existed: derive them from its events, in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        if event_facts:
            con.execute("DELETE FROM event_facts")
            con.execute(event_facts_insert_sql()).fetchall()
        summary.rebuild(con)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
