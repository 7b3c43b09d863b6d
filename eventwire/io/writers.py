"""Writing records as JSON Lines, CSV or a table people can read in a terminal.

JSON Lines carries the records as DESIGN.md defines them. CSV and the table have fixed columns
(``eventwire/io/schema.py``, docs/exports.md): the columns never depend on the first record.
CSV cells of text columns that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) get a leading ``'`` unless ``raw=True``; numbers are
never touched ("-2.0" stays a number).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from eventwire.io.schema import RECORD_SCHEMAS, Columns, first_day

TABLE_COLUMNS = {
    "events": ("doc_id", "sentence", "source", "cameo", "target", "plover", "modality", "date", "location", "trigger",
               "confidence"),
    "quotes": ("doc_id", "sentence", "speaker", "cue", "addressee", "kind", "text"),
    "documents": ("doc_id", "date", "n_sentences", "n_events", "n_quotes", "title"),
}

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_TYPES = frozenset({"string", "json"})


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for record in records:
        out.write(json_line(json.dumps(record, ensure_ascii=False)))
        n += 1
    return n


_LINE_BREAKING = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_LINE_BREAKING_RE = re.compile("[\x85\u2028\u2029]")


def json_line(text: str) -> str:
    """A JSON text as one line: characters that line readers take as line breaks (NEL, U+2028,
    U+2029; JSON allows them raw) are escaped."""
    return _LINE_BREAKING_RE.sub(lambda m: _LINE_BREAKING[m.group()], text) + "\n"


def event_row(record: dict[str, Any]) -> dict[str, Any]:
    """An event record (``Event.to_dict()``) as the flat columns of ``EVENT_COLUMNS``."""
    location = record.get("location") or {}
    source, target = record.get("source_actor") or {}, record.get("target_actor") or {}
    span = record.get("span") or [None, None]
    cameo = record.get("cameo")
    return {
        **{k: record.get(k) for k in ("event_id", "doc_id", "sentence", "source")},
        "source_name": source.get("name"), "source_country": source.get("country"),
        "target": record.get("target"), "target_name": target.get("name"), "target_country": target.get("country"),
        "cameo": cameo, "root": cameo[:2] if cameo else None,
        **{k: record.get(k) for k in ("plover", "plover_mode", "plover_context", "quad_class", "goldstein",
                                       "modality")},
        "date": first_day(record.get("date")), "date_precision": record.get("date_precision"),
        "date_iso": record.get("date"),
        **{f"location_{k}": location.get(k) for k in ("name", "country", "admin1", "feature")},
        "lat": location.get("lat"), "lon": location.get("lon"), "geonameid": location.get("geonameid"),
        **{k: record.get(k) for k in ("text", "trigger")},
        "span_start": span[0], "span_end": span[1],
        **{k: record.get(k) for k in ("rule", "quote_id")},
        "pairs_capped": bool(record.get("pairs_capped")), "confidence": record.get("confidence"),
        "source_actor": record.get("source_actor"), "target_actor": record.get("target_actor"),
    }


def quote_row(record: dict[str, Any]) -> dict[str, Any]:
    speaker, addressee = record.get("speaker") or {}, record.get("addressee") or {}
    span = record.get("span") or [None, None]
    return {
        **{k: record.get(k) for k in ("quote_id", "doc_id", "sentence")},
        "speaker": speaker.get("code"), "speaker_name": speaker.get("name"), "cue": record.get("cue"),
        "addressee": addressee.get("code"), "addressee_name": addressee.get("name"),
        **{k: record.get(k) for k in ("text", "kind")},
        "span_start": span[0], "span_end": span[1],
        "speaker_actor": record.get("speaker"), "addressee_actor": record.get("addressee"),
    }


FLATTENERS = {"events": event_row, "quotes": quote_row, "documents": dict}


def csv_cell(value: Any, kind: str, raw: bool = False) -> str:
    """One value as CSV text in the schema's type."""
    if value is None:
        return ""
    if kind == "json":
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    elif kind == "bool":
        return "true" if value else "false"
    elif isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    elif isinstance(value, dt.date):
        return value.isoformat()
    else:
        text = str(value)
    if not raw and kind in TEXT_TYPES and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_writer(out: TextIO, columns: Columns) -> csv.writer:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _ in columns])
    return writer


def write_csv(records: Iterable[dict[str, Any]], out: TextIO, kind: str | None = "events", raw: bool = False) -> int:
    """Records of one kind as CSV with that kind's fixed columns (a header even for no rows).

    ``kind=None`` writes rows of any other fixed shape (``eventwire analyze``): the columns of the
    first row, every value as text.
    """
    if kind is None:
        return _write_plain_csv(records, out, raw)
    columns = RECORD_SCHEMAS[kind]
    flatten = FLATTENERS[kind]
    writer = csv_writer(out, columns)
    n = 0
    for record in records:
        row = flatten(record)
        writer.writerow([csv_cell(row.get(name), t, raw) for name, t in columns])
        n += 1
    return n


def _write_plain_csv(rows: Iterable[dict[str, Any]], out: TextIO, raw: bool) -> int:
    writer: Any = None
    columns: Columns = ()
    n = 0
    for row in rows:
        if writer is None:
            columns = tuple((name, "json" if isinstance(v, dict | list) else "string" if isinstance(v, str) else "any")
                            for name, v in row.items())
            writer = csv_writer(out, columns)
        writer.writerow([csv_cell(row.get(name), t, raw) for name, t in columns])
        n += 1
    return n


def _cell(record: dict[str, Any], column: str) -> str:
    value = record.get(column)
    if isinstance(value, dict):
        value = value.get("code") or value.get("name") or ""
        if column == "location":
            value = record["location"].get("name", "")
    if value is None:
        return ""
    if column == "confidence" and isinstance(value, float):
        return f"{value:.2f}"
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:57] + "..."


def write_table(records: Iterable[dict[str, Any]], out: TextIO, kind: str = "events") -> int:
    """A fixed-width table; columns sized to their content."""
    columns = TABLE_COLUMNS.get(kind, TABLE_COLUMNS["events"])
    rows = [[_cell(r, c) for c in columns] for r in records]
    widths = [max([len(c)] + [len(row[i]) for row in rows]) for i, c in enumerate(columns)]
    out.write("  ".join(c.upper().ljust(w) for c, w in zip(columns, widths)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in rows:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths)).rstrip() + "\n")
    out.write(f"({len(rows)} {kind})\n")
    return len(rows)
