"""An in-memory index of the served events in list order, for event lists without a scan.

A page of ``/api/events`` or ``/events`` needs the first ids of a filter in date order and how
many events match. In SQL both scan the filter's columns of every event and sort the matches
(12-60 ms per filter at a million events, with a text search 70-110 ms), then fetch 50
scattered rows (9-11 ms), and with 20 clients on two cores the scans queue up (issue 13 point
28). The served store is read-only and cannot change while served (DuckDB's file lock), so the
events are read once, in the list's order, into numpy and Arrow arrays: a filter becomes a few
vectorised comparisons over small integer codes, the first matches are the first list
positions, the count is exact, and the page's rows are taken from memory.

What it holds, per event, in ``-date`` order (``date DESC NULLS LAST, rowid``, as the SQL):

- for each coded column (actors, countries, root, CAMEO code, PLOVER type, modality, date) the
  rank of its value among the column's sorted distinct values (``-1`` for NULL), so an exact
  value is one rank and a ``PREFIX*`` a contiguous range of ranks, as ``LIKE 'PREFIX%'``;
- QuadClass; the lower-cased sentence text (DuckDB's own ``lower``), end to end in one bytes
  object, when it fits :data:`MAX_TEXT_BYTES`: ``ILIKE '%word%'`` is a substring of it, found
  in list order, so the first page of a search stops at its first matches;
- when they fit :data:`MAX_ROW_BYTES`, every column of the rows (for pages), the event's day
  and Goldstein score (for the alerts' dyad-days and evidence), its article and outlet as codes
  (for the time series' and dyad tables' distinct counts) and its place as a code into the
  distinct places as maps round them (a map is a ``bincount``, not a sort).

Filters it cannot answer exactly (an article, a story, a place, a confidence, a pattern with
LIKE's own wildcards, the ``doc`` order) make :meth:`EventIndex.lookup` return None and go to
SQL, as do stores of more than :data:`MAX_EVENTS` events. Memory at a million synthetic events:
about 450 MB (the serving process 0.7 GB when warmed, 1.15 GB after a few hundred varied
requests, against 0.3 GB without the index).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventwire.store import EventFilter, Store
from eventwire.store.rows import NOT_HAPPENED
from eventwire.store.schema import EVENT_DAY_SQL, OUTLET_SQL

if TYPE_CHECKING:
    from eventwire.analysis.alerts import DyadDays

#: Stores with more events than this are not indexed (their lists are answered by SQL).
MAX_EVENTS = 5_000_000
#: The sentences are indexed for text search only when their lower-cased UTF-8 fits this.
MAX_TEXT_BYTES = 256 * 1024 * 1024
#: The rows themselves are held (for pages without a DuckDB fetch) when their strings and about
#: ROW_OVERHEAD bytes of numbers per event fit this; else each page fetches its rows by id.
MAX_ROW_BYTES = 768 * 1024 * 1024
ROW_OVERHEAD = 120
#: A string column whose distinct values are fewer than this share of its rows is held
#: dictionary-encoded (codes, countries, dates, rules: a tenth of the bytes).
DICTIONARY_SHARE = 0.25
_LOWER = "_eventwire_lower_text"
_DAY = "_eventwire_day"
_ROWID = "_eventwire_rowid"
_LAT = "_eventwire_lat"
_LON = "_eventwire_lon"
_OUTLET = "_eventwire_outlet"
#: The list orders the index answers (names as in ``eventwire.web.queries.EVENT_ORDERS``).
ORDERS = ("-date", "date")
#: Columns kept as ranks; a filter field maps to the columns it tests.
CODED = ("source", "target", "source_country", "target_country", "root", "cameo", "plover", "modality", "date")
#: Event columns the index reads (a store without one of them is not indexed).
NEEDED = frozenset({"event_id", "doc_id", "quad_class", "goldstein", "text", "lat", "lon", "location_name",
                    "location_country", *CODED})
#: EventFilter fields the index answers; any other field set sends the filter to SQL.
SERVED = frozenset({"source", "target", "actor", "country", "root", "cameo", "plover", "modality", "quad_class",
                    "date_from", "date_to", "text"})
_LIKE_SPECIAL = ("%", "_", "\\")
#: Sentences are searched this many events at a time, so a common word stops early.
_TEXT_STEP = 65_536


@dataclass(frozen=True, slots=True)
class _Ranks:
    """One column as the rank of each event's value among the sorted distinct values (-1: NULL)."""

    values: list[str]
    ranks: Any  # numpy array of the smallest signed integers that hold the ranks, one per event

    @classmethod
    def of_arrow(cls, column: Any) -> _Ranks:
        """From an Arrow string column: dictionary-encoded, then the dictionary sorted."""
        encoded = pc.dictionary_encode(column).combine_chunks() if len(column) else None
        if encoded is None:
            return cls([], np.zeros(0, dtype=np.int32))
        values = encoded.dictionary.to_pylist()
        order = sorted(range(len(values)), key=values.__getitem__)
        rank_of = np.full(len(values) + 1, -1, dtype=_code_type(len(values)))  # the last: NULL
        rank_of[order] = np.arange(len(values))
        indices = pc.fill_null(encoded.indices, len(values)).to_numpy()
        return cls([values[k] for k in order], rank_of[indices])

    def equal(self, value: str) -> Any:
        """Events whose value is ``value`` (SQL ``=``: NULL never matches)."""
        k = int(np.searchsorted(self.values, value)) if self.values else 0
        if k < len(self.values) and self.values[k] == value:
            return self.ranks == k
        return np.zeros(len(self.ranks), dtype=bool)

    def between(self, low: str | None, high: str | None) -> Any:
        """Events with ``low <= value <= high`` (string order; either bound may be open; NULL never)."""
        first = int(np.searchsorted(self.values, low, side="left")) if low is not None else 0
        end = int(np.searchsorted(self.values, high, side="right")) if high is not None else len(self.values)
        return (self.ranks >= first) & (self.ranks < end)

    def prefix(self, start: str) -> Any:
        """Events whose value starts with ``start`` (``LIKE 'start%'``): a range of ranks."""
        first = int(np.searchsorted(self.values, start, side="left"))
        end = first
        while end < len(self.values) and self.values[end].startswith(start):
            end += 1
        return (self.ranks >= first) & (self.ranks < end)

    def match(self, pattern: str) -> Any:
        """``_match``'s semantics (eventwire.store.db): a trailing ``*`` is a prefix, else exact."""
        return self.prefix(pattern[:-1]) if pattern.endswith("*") else self.equal(pattern)


@dataclass(frozen=True, slots=True)
class _Text:
    """The lower-cased sentences end to end, and where each starts (``n + 1`` offsets)."""

    blob: bytes
    offsets: Any  # numpy int64

    def first_matches(self, needle: bytes, allowed: Any, want: int) -> list[int]:
        """Positions (list order) of up to ``want`` events whose text contains ``needle`` and that
        ``allowed`` (a boolean array, or None for all) lets through."""
        found: list[int] = []
        offsets = self.offsets
        at = self.blob.find(needle)
        while at != -1 and len(found) < want:
            k = int(offsets.searchsorted(at, side="right")) - 1
            end = int(offsets[k + 1])
            if at + len(needle) <= end and (allowed is None or allowed[k]):
                found.append(k)
            at = self.blob.find(needle, end if at + len(needle) <= end else at + 1)
        return found


class EventIndex:
    """The filterable columns of every served event in list order (see the module docstring)."""

    def __init__(self, event_ids: Any, columns: dict[str, _Ranks], quad_class: Any, text: _Text | None,
                 ascending: Any, rows: _Rows | None = None, day: Any = None, size: int | None = None) -> None:
        self.event_ids = event_ids  # None when the rows are held (their event_id column then)
        self.columns = columns
        self.quad_class = quad_class
        self.text = text
        self.ascending = ascending  # list positions in ``date`` order
        self.rows = rows  # every column of the events, in list order (None: fetched from the store)
        self.size = len(event_ids) if size is None else size
        self._happened = self._happened_of(columns["modality"], self.size)  # 1 MB; 0.6 ms a request else
        self.conflicts = ({level: _Conflicts.of(self, level, day) for level in LEVEL_COLUMNS}
                          if day is not None and rows is not None else {})
        self.located: _Places | None = None
        self.goldstein: Any = None  # float64 per event (NaN: none), when the rows are held
        self.sources: _Sources | None = None  # each event's article and outlet, when the rows are held
        self.day = day

    @classmethod
    def build(cls, store: Store, *, max_events: int = MAX_EVENTS, max_text_bytes: int = MAX_TEXT_BYTES,
              max_row_bytes: int = MAX_ROW_BYTES) -> EventIndex | None:
        """The index of ``store``'s events, or None when it has more than ``max_events``.

        Read through Arrow (dictionary-encoded in C): two to three seconds at a million events.
        """
        con = store.con
        strings = [name for name, kind in con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events' "
            "AND table_schema = current_schema()").fetchall() if kind == "VARCHAR"]
        sizes = ", ".join(f"coalesce(sum(strlen({_quoted(c)})), 0)" for c in strings)
        n, text_bytes, *string_bytes = con.execute(
            f"SELECT count(*), coalesce(sum(strlen(lower(text))), 0), {sizes} FROM events").fetchall()[0]
        if n > max_events:
            return None
        with_text = text_bytes <= max_text_bytes
        with_rows = sum(string_bytes) + ROW_OVERHEAD * n <= max_row_bytes
        names = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events' "
            "AND table_schema = current_schema() ORDER BY ordinal_position").fetchall()]
        if not NEEDED <= set(names):  # an older store served read-only (not migrated): SQL answers
            return None
        wanted = names if with_rows else ["event_id", "quad_class", *CODED]
        text_column = "lower(e.text)" if with_text else "NULL"
        places = "round(e.lat, 3)" if with_rows else "NULL"
        outlet = OUTLET_SQL if with_rows else "NULL"
        # read in storage order and put in list order here: DuckDB's sort of every column took
        # about a gigabyte more memory, which its allocator then kept
        table = con.sql(f"SELECT e.rowid AS {_ROWID}, {', '.join('e.' + _quoted(c) for c in wanted)}, "
                        f"{text_column} AS {_LOWER}, {EVENT_DAY_SQL} AS {_DAY}, {places} AS {_LAT}, "
                        f"{places.replace('lat', 'lon')} AS {_LON}, {outlet} AS {_OUTLET} "
                        f"FROM events e LEFT JOIN documents d ON d.doc_id = e.doc_id").to_arrow_table()
        table = table.take(pa.array(_list_order(table), type=pa.int64())).drop_columns([_ROWID])
        text = _text_of(table[_LOWER]) if with_text else None
        day = _days_of(table[_DAY])
        located = _Places.of(table) if with_rows else None
        goldstein = table["goldstein"].to_numpy(zero_copy_only=False) if with_rows else None
        sources = _Sources.of(table) if with_rows else None
        table = table.drop_columns([_LOWER, _DAY, _LAT, _LON, _OUTLET])
        ranks = {name: _Ranks.of_arrow(table[name]) for name in CODED}
        quad = pc.fill_null(table["quad_class"], 0).to_numpy().astype(np.int8)
        rows = _Rows.of(table) if with_rows else None
        event_ids = None if rows is not None else table["event_id"].to_numpy()
        del table
        if rows is not None and n:
            rows.records(np.zeros(1, dtype=np.int64))  # the first Arrow take sets up its kernels (~0.2 s)
        pa.default_memory_pool().release_unused()
        index = cls(event_ids, ranks, quad, text, _ascending(ranks["date"].ranks), rows, day, n)
        index.located = located
        index.goldstein = goldstein
        index.sources = sources
        return index

    def evidence(self, level: str, alerts: list[dict[str, Any]],
                 where: EventFilter | None) -> list[tuple[list[str], list[str]]] | None:
        """For each alert (its ``source``, ``target`` and ``date`` at ``level``) the ids of the
        conflict events that happened that day and match ``where``, and of their articles, both
        sorted, as :func:`eventwire.analysis.alerts.attach_evidence` finds them by SQL (a scan of
        every event per request, 20-35 ms at a million); None when the index cannot say."""
        where = where or EventFilter()
        found = self.conflicts.get(level)
        if found is None or where.text is not None or not self.serves(where):
            return None
        keep = None if where == EventFilter() else self.mask(where)
        chosen = [found.positions(a["source"], a["target"], a["date"]) for a in alerts]
        if keep is not None:
            chosen = [positions[keep[positions]] for positions in chosen]
        every = np.concatenate(chosen) if chosen else np.zeros(0, dtype=np.int64)
        ids = self._ids(every)
        docs = self.rows.values("doc_id", every)  # type: ignore[union-attr]
        out = []
        start = 0
        for positions in chosen:
            end = start + len(positions)
            out.append((sorted(ids[start:end]), sorted(set(docs[start:end]))))
            start = end
        return out

    def country_dyads(self, where: EventFilter) -> EventFilter | None:
        """``where`` as a filter of country codes (``source``, ``target``) when it names only actor
        prefixes (``RUS*``) and the events of each are exactly those of that country on that side,
        as a dyad page's prefixes usually are: its country-level events are then whole country
        dyads, whose alerts are the unfiltered ones of those dyads (scoring a dyad page's filter
        was 2-4 ms). None when not so, or when ``where`` names anything else."""
        codes: dict[str, str] = {}
        for field in dataclasses.fields(where):
            value = getattr(where, field.name)
            if value is None:
                continue
            if (field.name not in ("source", "target") or not value.endswith("*")
                    or any(c in value for c in _LIKE_SPECIAL)):
                return None
            code = value[:-1]
            if not np.array_equal(self.columns[field.name].prefix(code),
                                  self.columns[field.name + "_country"].equal(code)):
                return None
            codes[field.name] = code
        return EventFilter(**codes) if codes else None

    def places(self, where: EventFilter | None, limit: int) -> list[dict[str, Any]] | None:
        """What :func:`eventwire.web.queries.located_events` answers (the places of the matching
        events, most events first), without a scan; None when the index cannot say.

        The SQL takes ``any_value`` of a place's names and the ``mode`` of its QuadClasses; here
        they are the first name in list order and the smallest of the most frequent classes.
        """
        where = where or EventFilter()
        if self.located is None or where.text is not None or not self.serves(where):
            return None
        keep = self.located.has & (self.mask(where) if where != EventFilter() else True)
        return self.located.top(np.flatnonzero(keep), self.quad_class, limit)

    def daily_intensity(self, where: EventFilter | None, params: Any, level: str, look_from: str | None,
                        date_to: str | None) -> DyadDays | None:
        """The dyad-days the alerts score, as :func:`eventwire.analysis.alerts._daily_intensity`
        reads them by SQL (10-20 ms per filter at a million events); None when not answerable."""
        where = where or EventFilter()
        if self.goldstein is None or self.day is None or where.text is not None or not self.serves(where):
            return None
        source, target = (self.columns[name] for name in LEVEL_COLUMNS[level])
        keep = self.happened() & (self.day != _NO_DAY) & (source.ranks >= 0) & (target.ranks >= 0)
        if where != EventFilter():
            keep &= self.mask(where)
        if look_from is not None:
            keep &= self.day >= (dt.date.fromisoformat(look_from) - _EPOCH).days
        if date_to is not None:
            keep &= self.day <= (dt.date.fromisoformat(date_to) - _EPOCH).days
        chosen = np.flatnonzero(keep)
        return _dyad_days(source, target, self.day[chosen], self.quad_class[chosen], self.goldstein[chosen],
                          source.ranks[chosen], target.ranks[chosen], params)

    def timeseries(self, where: EventFilter | None, freq: str, date_from: str | None,
                   date_to: str | None) -> list[dict[str, Any]] | None:
        """The rows of :func:`eventwire.analysis.series.timeseries` before its empty periods are
        filled in (periods in order), without a scan: the filter's rows summed per period by
        numpy (a new filter of a million events took 20-70 ms of DuckDB); None when not answerable."""
        keep = self._analysed(where, date_from, date_to)
        if keep is None:
            return None
        keep &= self.day != _NO_DAY
        chosen = np.flatnonzero(keep)
        periods, group = _dense(_period_starts(self.day[chosen], freq))
        starts = [(_EPOCH + dt.timedelta(days=period)).isoformat() for period in periods.tolist()]
        return self._measures(keep, chosen, group, len(periods), {"period": starts})

    def dyad_table(self, where: EventFilter | None, level: str) -> list[dict[str, Any]] | None:
        """The rows of :func:`eventwire.analysis.series.dyad_table` (in no order), without a scan;
        None when not answerable."""
        keep = self._analysed(where, None, None)
        if keep is None:
            return None
        source, target = (self.columns[name] for name in LEVEL_COLUMNS[level])
        keep &= (source.ranks >= 0) & (target.ranks >= 0)
        chosen = np.flatnonzero(keep)
        width = max(len(target.values), 1)
        pairs, group = _dense(source.ranks[chosen].astype(np.int64) * width + target.ranks[chosen])
        rows = self._measures(keep, chosen, group, len(pairs))
        days = self.day[chosen].astype(np.int64)  # ufunc.at of int32 into int64 casts per element (50 ms)
        dated = days != _NO_DAY
        first = np.full(len(pairs), np.iinfo(np.int32).max, dtype=np.int64)
        last = np.full(len(pairs), np.iinfo(np.int32).min, dtype=np.int64)
        np.minimum.at(first, group[dated], days[dated])
        np.maximum.at(last, group[dated], days[dated])
        out = []
        for row, pair, low, high in zip(rows, pairs.tolist(), first.tolist(), last.tolist()):
            known = high >= low
            out.append({"source": source.values[pair // width], "target": target.values[pair % width], **row,
                        "first_day": (_EPOCH + dt.timedelta(days=low)).isoformat() if known else None,
                        "last_day": (_EPOCH + dt.timedelta(days=high)).isoformat() if known else None})
        return out

    def _analysed(self, where: EventFilter | None, date_from: str | None, date_to: str | None) -> Any:
        """The events the analyses count (happened, reported by a stored article) that match
        ``where`` and whose day is within the bounds (a boolean array); None when not answerable."""
        from eventwire.analysis.base import _iso_day

        where = where or EventFilter()
        if self.sources is None or where.text is not None or not self.serves(where):
            return None
        keep = self.happened() & (self.sources.outlet >= 0)
        if where != EventFilter():
            keep &= self.mask(where)
        if date_from is not None:
            keep &= self.day >= (dt.date.fromisoformat(_iso_day(date_from)) - _EPOCH).days
        if date_to is not None:
            keep &= self.day <= (dt.date.fromisoformat(_iso_day(date_to)) - _EPOCH).days
        return keep

    def _measures(self, keep: Any, chosen: Any, group: Any, n_groups: int,
                  first: dict[str, list[Any]] | None = None) -> list[dict[str, Any]]:
        """The series' measures of the events at ``chosen`` (``flatnonzero(keep)``) per ``group``
        (0..n_groups-1), as the SQL's ``_MEASURES`` (Goldstein sums rounded to 6 decimals, so
        the order of adding is moot), after the columns ``first`` (a value per group). The rows
        are zipped from the columns: a dict comprehension per row was a third of a dyad's series."""
        from eventwire.analysis.series import QUAD_NAMES

        assert self.sources is not None
        quad = self.quad_class[chosen]
        gold = self.goldstein[chosen]
        known = ~np.isnan(gold)
        columns: dict[str, Any] = {"events": np.bincount(group, minlength=n_groups)}
        for k, name in enumerate(QUAD_NAMES, 1):
            columns[name] = np.bincount(group[quad == k], minlength=n_groups)
        total = np.bincount(group, weights=np.where(known, gold, 0.0), minlength=n_groups)
        scored = np.bincount(group[known], minlength=n_groups)
        columns["goldstein_sum"] = np.round(total, 6) + 0.0  # + 0.0: no negative zero
        columns["sources"] = _distinct(group, self.sources.outlet[chosen], n_groups, self.sources.n_outlets)
        columns["articles"] = self._articles(keep, chosen, group, n_groups)
        lists = {name: values.tolist() for name, values in columns.items()}
        lists["goldstein_mean"] = [t / n if n else None for t, n in zip(total.tolist(), scored.tolist())]
        lead = first or {}
        names = [*lead, "events", *QUAD_NAMES, "goldstein_sum", "goldstein_mean", "sources", "articles"]
        values = [*lead.values(), *(lists[name] for name in names[len(lead):])]
        return [dict(zip(names, row)) for row in zip(*values)]

    def _articles(self, keep: Any, chosen: Any, group: Any, n_groups: int) -> Any:
        """Per group, its distinct articles. For many events they are taken in article order
        (held), so the sort that finds the distinct pairs runs over nearly sorted keys (a
        million events: 9 ms, not 55)."""
        assert self.sources is not None
        docs = self.sources
        if len(chosen) * 16 < self.size:
            return _distinct(group, docs.doc[chosen], n_groups, docs.n_docs)
        in_order = docs.by_doc[keep[docs.by_doc]]
        group_of = np.zeros(self.size, dtype=np.int64)
        group_of[chosen] = group
        return _distinct(group_of[in_order], docs.doc[in_order], n_groups, docs.n_docs)

    def happened(self) -> Any:
        """Events whose modality does not say they did not happen (``NOT_HAPPENED``; read-only)."""
        return self._happened

    @staticmethod
    def _happened_of(modality: _Ranks, size: int) -> Any:
        out = np.ones(size, dtype=bool)
        for value in NOT_HAPPENED:
            out &= ~modality.equal(value)
        out.flags.writeable = False
        return out

    def records(self, positions: list[int]) -> list[dict[str, Any]] | None:
        """The event rows at these list positions, as the store's query would give them (None:
        the rows are not held; fetch them by id). 50 rows: 0.3 ms here, 9-11 ms from DuckDB's
        compressed columns (each scattered row decompresses a vector of every column)."""
        if self.rows is None:
            return None
        return self.rows.records(np.asarray(positions, dtype=np.int64))

    def serves(self, where: EventFilter, sort: str = "-date") -> bool:
        """Whether :meth:`lookup` answers ``where`` in ``sort`` order."""
        if sort not in ORDERS:
            return False
        for field in dataclasses.fields(where):
            value = getattr(where, field.name)
            if value is None:
                continue
            if field.name not in SERVED:
                return False
            if isinstance(value, str) and any(c in value for c in _LIKE_SPECIAL):
                return False  # LIKE would read them as wildcards; SQL answers exactly
        return where.text is None or (self.text is not None and where.text != "")

    def mask(self, where: EventFilter) -> Any:
        """The events matching every field of ``where`` but the text, in ``-date`` order."""
        keep = np.ones(self.size, dtype=bool)
        cols = self.columns
        for name in ("source", "target", "root", "cameo", "plover", "modality"):
            value = getattr(where, name)
            if value is not None:
                keep &= cols[name].match(value)
        if where.actor is not None:
            keep &= cols["source"].match(where.actor) | cols["target"].match(where.actor)
        if where.country is not None:
            keep &= cols["source_country"].equal(where.country) | cols["target_country"].equal(where.country)
        if where.quad_class is not None:
            keep &= self.quad_class == int(where.quad_class)
        if where.date_from is not None or where.date_to is not None:
            high = where.date_to + "~" if where.date_to is not None else None  # as the SQL: date <= ? || '~'
            keep &= cols["date"].between(where.date_from, high)
        return keep

    def lookup(self, where: EventFilter, want: int, sort: str = "-date", *, count_to: int,
               lower: Callable[[str], str] | None = None) -> tuple[list[int], int] | None:
        """The list positions of the first ``want`` matches, in ``sort`` order, and how many
        events match: exactly, except that a text search in ``-date`` order stops counting at
        ``max(want, count_to)`` (the callers cap counts anyway). None: not answerable here.

        ``lower`` lower-cases the search text as the store does (DuckDB's ``lower``).
        """
        if not self.serves(where, sort):
            return None
        keep = self.mask(where)
        if where.text is None:
            if sort == "date":
                keep = keep[self.ascending]
                found = np.flatnonzero(keep)
                return self.ascending[found[:want]].tolist(), len(found)
            found = np.flatnonzero(keep)
            return found[:want].tolist(), len(found)
        assert self.text is not None
        needle = (lower(where.text) if lower else where.text.lower()).encode()
        if sort == "date":  # every match (list order), then put in date order
            every = self.text.first_matches(needle, keep, self.size)
            return sorted(every, key=self._ascending_rank().__getitem__)[:want], len(every)
        found = self.text.first_matches(needle, keep, max(want, count_to))
        return found[:want], len(found)

    def _ascending_rank(self) -> Any:
        rank = np.empty(self.size, dtype=np.int64)
        rank[self.ascending] = np.arange(self.size)
        return rank

    def ids(self, positions: list[int]) -> list[str]:
        return self._ids(np.asarray(positions, dtype=np.int64))

    def _ids(self, positions: Any) -> list[str]:
        if self.event_ids is None:
            return self.rows.values("event_id", positions)  # type: ignore[union-attr]
        return self.event_ids[positions].tolist()


#: The columns of a dyad's two sides at each level (as eventwire.analysis.base.dyad_columns).
LEVEL_COLUMNS = {"actor": ("source", "target"), "country": ("source_country", "target_country")}


@dataclass(frozen=True, slots=True)
class _Conflicts:
    """The conflict events (QuadClass 3-4) that happened, sorted by (source, target, day) at one
    level, so the events behind an alert are one range found by binary search."""

    sides: tuple[_Ranks, _Ranks]
    first_day: int
    n_days: int
    keys: Any  # sorted int64 keys of (source rank, target rank, day)
    order: Any  # the list positions of those events, in key order

    @classmethod
    def of(cls, index: EventIndex, level: str, day: Any) -> _Conflicts:
        source, target = (index.columns[name] for name in LEVEL_COLUMNS[level])
        modality = index.columns["modality"]
        not_happened = np.zeros(len(modality.ranks), dtype=bool)
        for value in NOT_HAPPENED:
            not_happened |= modality.equal(value)
        chosen = np.flatnonzero((index.quad_class >= 3) & ~not_happened & (day != _NO_DAY)
                                & (source.ranks >= 0) & (target.ranks >= 0))
        first = int(day[chosen].min()) if len(chosen) else 0
        n_days = int(day[chosen].max()) - first + 1 if len(chosen) else 1
        keys = cls._key(source.ranks[chosen], target.ranks[chosen], day[chosen] - first, len(target.values), n_days)
        order = np.argsort(keys, kind="stable")
        return cls((source, target), first, n_days, keys[order], chosen[order])

    @staticmethod
    def _key(source: Any, target: Any, day: Any, n_targets: int, n_days: int) -> Any:
        return (source.astype(np.int64) * max(n_targets, 1) + target) * n_days + day

    def positions(self, source: str, target: str, date: str) -> Any:
        """The list positions of the conflict events of this dyad and ISO day."""
        day = (dt.date.fromisoformat(date) - _EPOCH).days - self.first_day
        ranks = [int(np.searchsorted(side.values, value)) for side, value in zip(self.sides, (source, target))]
        if not (0 <= day < self.n_days) or any(k >= len(side.values) or side.values[k] != value for k, side, value
                                               in zip(ranks, self.sides, (source, target))):
            return np.zeros(0, dtype=np.int64)
        key = self._key(np.int64(ranks[0]), ranks[1], day, len(self.sides[1].values), self.n_days)
        lo, hi = np.searchsorted(self.keys, key, side="left"), np.searchsorted(self.keys, key, side="right")
        return self.order[lo:hi]


@dataclass(frozen=True, slots=True)
class _Places:
    """Every event's place as the maps round it (``round(lat, 3)``, by DuckDB), as a code into the
    distinct (lat, lon) pairs found once when built, so a map's places are counted by one
    ``bincount`` (a sort of the matching events per map took 30-330 ms at a million events)."""

    place: Any  # int32 per event: its place, -1 where lat or lon is unknown
    has: Any  # bool per event: place >= 0
    lat: Any  # float64 per place, the places in (lat, lon) order
    lon: Any
    name: _Ranks
    country: _Ranks

    @classmethod
    def of(cls, table: pa.Table) -> _Places:
        lat = pc.fill_null(table[_LAT], np.nan).to_numpy()
        lon = pc.fill_null(table[_LON], np.nan).to_numpy()
        has = ~(np.isnan(lat) | np.isnan(lon))
        located = np.flatnonzero(has)
        order = located[np.lexsort((lon[located], lat[located]))]
        new = np.ones(len(order), dtype=bool)
        new[1:] = (lat[order][1:] != lat[order][:-1]) | (lon[order][1:] != lon[order][:-1])
        place = np.full(len(lat), -1, dtype=np.int32)
        place[order] = np.cumsum(new) - 1
        return cls(place, has, lat[order][new], lon[order][new], _Ranks.of_arrow(table["location_name"]),
                   _Ranks.of_arrow(table["location_country"]))

    def top(self, positions: Any, quad_class: Any, limit: int) -> list[dict[str, Any]]:
        """The places of these (located, ascending) list positions, ordered as the SQL (events
        DESC, name, lat, lon): a place's name and country are the first known in list order."""
        if len(positions) == 0 or limit <= 0:
            return []
        codes = self.place[positions].astype(np.int64)
        present, slots = _present(codes, len(self.lat))
        counts = np.bincount(slots, minlength=len(present))
        names = _first_known(self.name, positions, slots, len(present))
        countries = _first_known(self.country, positions, slots, len(present))
        name_key = np.where(names < 0, len(self.name.values), names)  # name ranks sort as names, NULL last
        top = _first_by(counts, name_key, len(self.name.values) + 1, present, len(self.lat), limit)
        picked = np.full(len(present), -1, dtype=np.int64)
        picked[top] = np.arange(len(top))
        mine = picked[slots]
        known = mine >= 0
        classes = np.bincount(mine[known] * 5 + quad_class[positions[known]].astype(np.int64),
                              minlength=5 * len(top)).reshape(len(top), 5)
        classes[:, 0] = 0  # NULL QuadClass: not counted by mode()
        modes = np.where(classes.any(axis=1), classes.argmax(axis=1), -1).tolist()
        chosen = present[top]
        lats, lons, totals = self.lat[chosen].tolist(), self.lon[chosen].tolist(), counts[top].tolist()
        name_of, country_of = names[top].tolist(), countries[top].tolist()
        return [{"name": self.name.values[name_of[n]] if name_of[n] >= 0 else None,
                 "country": self.country.values[country_of[n]] if country_of[n] >= 0 else None,
                 "lat": lats[n], "lon": lons[n], "events": totals[n],
                 "quad_class": modes[n] if modes[n] >= 0 else None} for n in range(len(top))]


#: A map's places are found by sorting its events' place codes when there are at least this many
#: places per event (else by arrays over every place).
_SORT_PLACES = 32


def _present(codes: Any, n_places: int) -> tuple[Any, Any]:
    """The distinct place codes of these events in order, and each event's index among them. A
    dyad's few thousand events are sorted: arrays over every place (half a million synthetic
    ones) were 1.5 ms of a dyad page's 2.3 ms of places; many events are counted over them."""
    if len(codes) * _SORT_PLACES <= n_places:
        ordered = np.sort(codes)
        values = ordered[np.append(True, ordered[1:] != ordered[:-1])]
        return values, np.searchsorted(values, codes)
    present = np.flatnonzero(np.bincount(codes, minlength=n_places))
    slot = np.full(n_places, -1, dtype=np.int64)
    slot[present] = np.arange(len(present))
    return present, slot[codes]


def _dyad_days(source: _Ranks, target: _Ranks, day: Any, quad: Any, goldstein: Any, source_ranks: Any,
               target_ranks: Any, params: Any) -> DyadDays:
    """Events (happened, on a day, both sides known) summed per dyad and day, sorted so."""
    from eventwire.analysis.alerts import DyadDays

    empty = np.zeros(0, dtype=np.int64)
    if len(day) == 0:
        return DyadDays(np.array([], dtype=object), np.array([], dtype=object), empty, empty, np.zeros(0))
    first = int(day.min())
    n_days = int(day.max()) - first + 1
    key = (source_ranks.astype(np.int64) * max(len(target.values), 1) + target_ranks) * n_days + (day - first)
    order = np.argsort(key, kind="stable")
    key = key[order]
    starts = np.flatnonzero(np.append(True, key[1:] != key[:-1]))
    conflict = quad[order] >= 3
    n_conflict = np.add.reduceat(conflict.astype(np.int64), starts)
    if params.measure == "count":
        intensity = n_conflict.astype(np.float64)
    else:  # sum(greatest(-goldstein, 0)) over the conflict events, a missing Goldstein adding nothing
        hurt = np.where(conflict, np.maximum(-np.nan_to_num(goldstein[order], nan=0.0), 0.0), 0.0)
        intensity = np.round(np.add.reduceat(hurt, starts), 6) + 0.0  # + 0.0: no negative zero
    group_key = key[starts]
    dyad = group_key // n_days
    new_dyad = np.flatnonzero(np.append(True, dyad[1:] != dyad[:-1]))
    busiest = np.maximum.reduceat(n_conflict, new_dyad)  # QUALIFY max(n_conflict) >= min_events
    kept = np.repeat(busiest >= params.min_events, np.diff(np.append(new_dyad, len(dyad))))
    source_rank = (dyad // max(len(target.values), 1))[kept]
    target_rank = (dyad % max(len(target.values), 1))[kept]
    values = (np.array(source.values, dtype=object), np.array(target.values, dtype=object))
    return DyadDays(values[0][source_rank], values[1][target_rank], (group_key % n_days + first)[kept],
                    n_conflict[kept], intensity[kept])


@dataclass(frozen=True, slots=True)
class _Sources:
    """Each event's article and outlet (``OUTLET_SQL``) as codes; an outlet of -1: no stored article."""

    doc: Any  # int32 code per event
    outlet: Any  # int32 code per event, -1 where the event's article is not stored
    by_doc: Any  # the list positions in article-code order
    n_docs: int
    n_outlets: int

    @classmethod
    def of(cls, table: pa.Table) -> _Sources:
        def codes(column: Any) -> tuple[Any, int]:
            encoded = pc.dictionary_encode(column.combine_chunks())
            return pc.fill_null(encoded.indices, -1).to_numpy().astype(np.int32), len(encoded.dictionary)

        if table.num_rows == 0:
            empty = np.zeros(0, dtype=np.int32)
            return cls(empty, empty, empty, 0, 0)
        (doc, n_docs), (outlet, n_outlets) = codes(table["doc_id"]), codes(table[_OUTLET])
        by_doc = np.argsort(doc, kind="stable").astype(np.int32 if len(doc) < 2**31 else np.int64)
        return cls(doc, outlet, by_doc, n_docs, n_outlets)


#: Distinct pairs are counted in a grid of booleans up to this many cells, else by sorting.
_GRID_CELLS = 1 << 22


def _distinct(group: Any, codes: Any, n_groups: int, n_codes: int) -> Any:
    """Per group, how many distinct codes (0..n_codes-1; -1 not counted) its events have
    (``count(DISTINCT ...)``). Not ``np.unique``: its hash table took 370 ms for a million pairs."""
    known = codes >= 0
    if n_groups * n_codes <= _GRID_CELLS:
        seen = np.zeros(n_groups * max(n_codes, 1), dtype=bool)
        seen[group[known] * n_codes + codes[known]] = True
        return seen.reshape(n_groups, max(n_codes, 1)).sum(axis=1)
    pairs = np.sort(codes[known].astype(np.int64) * n_groups + group[known], kind="stable")  # codes major
    new = np.ones(len(pairs), dtype=bool)
    new[1:] = pairs[1:] != pairs[:-1]
    return np.bincount(pairs[new] % n_groups, minlength=n_groups)


def _dense(key: Any) -> tuple[Any, Any]:
    """The distinct values of ``key`` (int64, >= 0) in order, and each element's index among them."""
    if len(key) == 0:
        return key, np.zeros(0, dtype=np.int64)
    low = int(key.min())
    span = int(key.max()) - low + 1
    if span <= max(4 * len(key), 1 << 16):
        present = np.bincount(key - low, minlength=span) > 0
        return np.flatnonzero(present) + low, (np.cumsum(present) - 1)[key - low]
    ordered = np.sort(key)
    values = ordered[np.append(True, ordered[1:] != ordered[:-1])]
    return values, np.searchsorted(values, key)


def _period_starts(days: Any, freq: str) -> Any:
    """The first day (days since 1970-01-01) of each day's period, as ``date_trunc`` (ISO weeks)."""
    days = days.astype(np.int64)
    if freq == "day":
        return days
    if freq == "week":
        return days - (days + 3) % 7  # 1970-01-01 was a Thursday
    if freq == "month":
        return days.astype("datetime64[D]").astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    raise ValueError(f"unknown frequency {freq!r}")


def _first_by(counts: Any, name_key: Any, n_names: int, code: Any, n_codes: int, limit: int) -> Any:
    """The indices of the first ``limit`` of these places by (count DESC, name, code): codes are
    in (lat, lon) order, so this is the SQL's order. One int64 key and a partition, not a
    sort: synthetic maps have a place per event, and ties at the cut took a 500,000-row lexsort."""
    peak = int(counts.max()) if len(counts) else 0
    if (peak + 1) * n_names * max(n_codes, 1) >= 2**62:  # the key would overflow: sort the columns
        return np.lexsort((code, name_key, -counts))[:limit]
    key = ((peak - counts).astype(np.int64) * n_names + name_key) * n_codes + code
    first = np.argpartition(key, limit - 1)[:limit] if len(key) > limit else np.arange(len(key))
    return first[np.argsort(key[first])]


def _first_known(column: _Ranks, positions: Any, slots: Any, n_slots: int) -> Any:
    """Per slot (``slots`` gives each of the ascending ``positions`` a slot, -1: none), the rank
    of the value of its first position with a non-NULL value (-1: none)."""
    ranks = column.ranks[positions]
    known = (ranks >= 0) & (slots >= 0)
    first = np.full(n_slots, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, slots[known], np.flatnonzero(known))  # the earliest of each slot
    found = first < len(positions)
    out = np.full(n_slots, -1, dtype=np.int64)
    out[found] = ranks[first[found]]
    return out


_EPOCH = dt.date(1970, 1, 1)
_NO_DAY = np.iinfo(np.int32).min


def _days_of(column: Any) -> Any:
    """An Arrow date column as int32 days since 1970-01-01 (NULL: ``_NO_DAY``)."""
    days = pc.cast(column, pa.int32()) if pa.types.is_date32(column.type) else column
    return pc.fill_null(days, _NO_DAY).to_numpy().astype(np.int32)


def _code_type(n_values: int) -> Any:
    """The smallest signed integer type for codes 0..n_values-1 and -1 (a million codes of a few
    hundred values: 2 MB, not 4)."""
    for kind in (np.int8, np.int16, np.int32):
        if n_values <= np.iinfo(kind).max:
            return kind
    return np.int64


def _list_order(table: pa.Table) -> Any:
    """The permutation that puts ``table`` in list order: ``date DESC NULLS LAST, rowid``."""
    dates = _Ranks.of_arrow(table["date"]).ranks.astype(np.int64)
    first = np.where(dates < 0, 1, -dates)  # later dates first; NULL after every date
    return np.lexsort((table[_ROWID].to_numpy(), first))


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class _Rows:
    """Every column of the events in list order: repetitive strings as codes into a list of their
    values (decoding 50 of them is a list lookup; Arrow's dictionary arrays took 0.06 ms per column
    per page), the rest as single-chunk Arrow arrays."""

    names: list[str]
    columns: list[Any]  # per column: (codes int32 numpy array, -1 for NULL; values) or an Arrow array

    @classmethod
    def of(cls, table: pa.Table) -> _Rows:
        columns: list[Any] = []
        for name in table.column_names:
            column = table[name].combine_chunks()
            if pa.types.is_string(column.type) and len(column):
                encoded = pc.dictionary_encode(column)
                if len(encoded.dictionary) < DICTIONARY_SHARE * len(column):
                    codes = pc.fill_null(encoded.indices, -1).to_numpy().astype(_code_type(len(encoded.dictionary)))
                    column = (codes, encoded.dictionary.to_pylist())
            columns.append(column)
        return cls(list(table.column_names), columns)

    def values(self, name: str, positions: Any) -> list[Any]:
        """One column's values at these list positions (a numpy int64 array)."""
        return self._values(self.columns[self.names.index(name)], positions)

    def records(self, positions: Any) -> list[dict[str, Any]]:
        """The rows at these list positions, as dicts of column name to value."""
        columns = [self._values(column, positions) for column in self.columns]
        return [dict(zip(self.names, row)) for row in zip(*columns)]

    @staticmethod
    def _values(column: Any, positions: Any) -> list[Any]:
        if isinstance(column, tuple):
            codes, values = column
            return [values[k] if k >= 0 else None for k in codes[positions].tolist()]
        return column.take(pa.array(positions, type=pa.int64())).to_pylist()


def _text_of(column: Any) -> _Text:
    """The sentences of an Arrow string column end to end (NULL: empty, so never matched)."""
    texts = pc.cast(column, pa.large_string()).combine_chunks()
    if len(texts) == 0:
        return _Text(b"", np.zeros(1, dtype=np.int64))
    _, offset_buffer, data_buffer = texts.buffers()
    offsets = np.frombuffer(offset_buffer, dtype=np.int64)[texts.offset:texts.offset + len(texts) + 1]
    first, last = int(offsets[0]), int(offsets[-1])
    blob = data_buffer.to_pybytes()[first:last] if data_buffer is not None else b""
    return _Text(blob, offsets - first)


def _ascending(date_ranks: Any) -> Any:
    """The list positions in ``date NULLS LAST, rowid`` order, from the ``-date`` list.

    In the ``-date`` list equal dates sit together in rowid order, so the stable sort of the
    positions by ascending date (NULL last) keeps rowid order within a date.
    """
    ranks = date_ranks.astype(np.int64)
    key = np.where(ranks < 0, np.iinfo(np.int64).max, ranks)
    return np.argsort(key, kind="stable")
