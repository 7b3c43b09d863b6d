"""Writing records as JSON Lines, CSV or a table people can read in a terminal."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

TABLE_COLUMNS = {
    "events": ("doc_id", "sentence", "source", "cameo", "target", "plover", "modality", "date", "location", "trigger"),
    "quotes": ("doc_id", "sentence", "speaker", "cue", "addressee", "kind", "text"),
    "documents": ("doc_id", "date", "n_sentences", "n_events", "n_quotes", "title"),
}


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """One level of keys for CSV: nested objects become dotted columns or JSON text."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if key == "location" and isinstance(value, dict):
            for sub, v in value.items():
                if sub not in ("span", "text"):
                    flat[f"location_{sub}"] = v
        elif isinstance(value, dict):
            flat[key] = value.get("code") if "code" in value else json.dumps(value, ensure_ascii=False)
            if "name" in value:
                flat[f"{key}_name"] = value.get("name")
        elif isinstance(value, list):
            flat[key] = json.dumps(value, ensure_ascii=False)
        else:
            flat[key] = value
    return flat


def write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer: csv.DictWriter | None = None
    n = 0
    for record in records:
        row = flatten(record)
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow(row)
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
