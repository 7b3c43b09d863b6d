"""The fixed, typed columns of every tabular export (docs/exports.md lists them).

A file's columns never depend on its rows: ``eventwire code --format csv`` and ``eventwire export``
write every column of their schema whatever the first record holds (an event without a location
still has ``location_name``, empty). Types are named once here and mapped to each format:

``string``  text (CAMEO and actor codes are text: "040" is not 40)
``int``     32-bit integer; ``bigint`` 64-bit
``float``   double
``bool``    true/false
``date``    a calendar date; ``date`` columns of events hold the *first day* of the period the
            event is dated to, ``date_precision`` says which period (day, month, year) and
            ``date_iso`` keeps the text ("2019-01" for January 2019)
``timestamp``  date and time (UTC)
``json``    JSON text (an actor object)

This module imports nothing heavy: the ``code`` command writes CSV without loading the store.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from types import MappingProxyType

Columns = tuple[tuple[str, str], ...]

TYPES = ("string", "int", "bigint", "float", "bool", "date", "timestamp", "json")

#: An event as a flat row: ``eventwire code --records events`` (csv, table) and, with ``story_id``,
#: ``eventwire export --table events`` (csv, jsonl, parquet).
LOCATION_COLUMNS: Columns = (  # where an event or a story happened, the same in every export
    ("location_name", "string"),
    ("location_country", "string"),
    ("location_admin1", "string"),
    ("location_feature", "string"),
    ("lat", "float"),
    ("lon", "float"),
    ("geonameid", "bigint"),
)

EVENT_COLUMNS: Columns = (
    ("event_id", "string"),
    ("doc_id", "string"),
    ("sentence", "int"),
    ("source", "string"),
    ("source_name", "string"),
    ("source_country", "string"),
    ("target", "string"),
    ("target_name", "string"),
    ("target_country", "string"),
    ("cameo", "string"),
    ("root", "string"),
    ("plover", "string"),
    ("plover_mode", "string"),
    ("plover_context", "string"),
    ("quad_class", "int"),
    ("goldstein", "float"),
    ("modality", "string"),
    ("date", "date"),
    ("date_precision", "string"),
    ("date_iso", "string"),
    *LOCATION_COLUMNS,
    ("text", "string"),
    ("trigger", "string"),
    ("span_start", "int"),
    ("span_end", "int"),
    ("rule", "string"),
    ("quote_id", "string"),
    ("pairs_capped", "bool"),
    ("confidence", "float"),
    ("source_actor", "json"),
    ("target_actor", "json"),
)

STORE_EVENT_COLUMNS: Columns = EVENT_COLUMNS[:2] + (("story_id", "string"),) + EVENT_COLUMNS[2:]

QUOTE_COLUMNS: Columns = (
    ("quote_id", "string"),
    ("doc_id", "string"),
    ("sentence", "int"),
    ("speaker", "string"),
    ("speaker_name", "string"),
    ("cue", "string"),
    ("addressee", "string"),
    ("addressee_name", "string"),
    ("text", "string"),
    ("kind", "string"),
    ("span_start", "int"),
    ("span_end", "int"),
    ("speaker_actor", "json"),
    ("addressee_actor", "json"),
)

DOCUMENT_COLUMNS: Columns = (
    ("doc_id", "string"),
    ("content_hash", "string"),
    ("title", "string"),
    ("date", "date"),
    ("url", "string"),
    ("source", "string"),
    ("text", "string"),
    ("n_sentences", "int"),
    ("n_events", "int"),
    ("n_quotes", "int"),
)

STORE_DOCUMENT_COLUMNS: Columns = DOCUMENT_COLUMNS + (("run_id", "string"), ("coded_at", "timestamp"))

STORY_COLUMNS: Columns = (
    ("story_id", "string"),
    ("source", "string"),
    ("target", "string"),
    ("cameo", "string"),
    ("root", "string"),
    ("date", "date"),
    ("date_precision", "string"),
    ("date_iso", "string"),
    ("plover", "string"),
    ("quad_class", "int"),
    ("goldstein", "float"),
    ("source_country", "string"),
    ("target_country", "string"),
    ("source_name", "string"),
    ("target_name", "string"),
    ("num_mentions", "bigint"),
    ("num_sources", "bigint"),
    ("num_articles", "bigint"),
    ("is_root_event", "int"),
    *LOCATION_COLUMNS,
    ("source_url", "string"),
    ("first_doc_id", "string"),
    ("first_coded_at", "timestamp"),
)

#: What ``eventwire code`` writes per ``--records`` kind (csv and table formats).
RECORD_SCHEMAS: Mapping[str, Columns] = MappingProxyType({
    "events": EVENT_COLUMNS, "quotes": QUOTE_COLUMNS, "documents": DOCUMENT_COLUMNS,
})

#: ``eventwire export`` columns of the tables whose layout differs from the store's own
#: (the others, mentions, places, rejects and runs, are exported as stored: eventwire/store/schema.py).
EXPORT_SCHEMAS: Mapping[str, Columns] = MappingProxyType({
    "events": STORE_EVENT_COLUMNS, "stories": STORY_COLUMNS, "quotes": QUOTE_COLUMNS,
    "documents": STORE_DOCUMENT_COLUMNS,
})

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def first_day(iso: str | None) -> dt.date | None:
    """The first day of the period an ISO date of any precision names: "2019" → 2019-01-01."""
    if not iso:
        return None
    match = _ISO.match(iso)
    if match is None:
        return None
    year, month, day = (int(p) if p else 1 for p in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def precision_of(iso: str | None) -> str:
    """The precision an ISO date's text has (the stories view keeps no precision column)."""
    if not iso or _ISO.match(iso) is None:
        return "unknown"
    return {4: "year", 7: "month"}.get(len(iso), "day")


def pandas_dtypes(columns: Columns) -> dict[str, str]:
    """``dtype=`` for ``pandas.read_csv`` that keeps codes as text and counts as nullable integers
    (date columns: pass their names to ``parse_dates``)."""
    kinds = {"string": "string", "json": "string", "int": "Int32", "bigint": "Int64", "float": "float64",
             "bool": "boolean"}
    return {name: kinds[kind] for name, kind in columns if kind in kinds}
