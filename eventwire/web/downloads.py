"""Downloads of the filtered events list: CSV streamed row batch by row batch, or Parquet.

Memory stays bounded however many events match: CSV is written as rows arrive from DuckDB,
Parquet by DuckDB itself into a temporary file that is removed once sent.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator
from typing import Any

from fastapi.responses import FileResponse, StreamingResponse
from starlette.background import BackgroundTask

from eventwire.store import EventFilter, Store
from eventwire.web.queries import events_download_sql

BATCH = 5_000
#: A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def events_download(store: Store, where: EventFilter, fmt: str, sort: str = "-date") -> Any:
    sql, params = events_download_sql(where, sort)
    if fmt == "csv":
        return StreamingResponse(_csv_rows(store, sql, params), media_type="text/csv; charset=utf-8",
                                 headers={"content-disposition": 'attachment; filename="events.csv"'})
    if fmt == "parquet":
        return _parquet(store, sql, params)
    raise ValueError(f"cannot download events as {fmt!r}; use csv or parquet")


def safe_cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula is prefixed with an apostrophe; numbers are left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_rows(store: Store, sql: str, params: list[Any]) -> Iterator[bytes]:
    cursor = store.con.cursor()  # its own cursor: the response streams after the request's cursor closes
    try:
        cursor.execute(sql, params)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([d[0] for d in cursor.description])
        while rows := cursor.fetchmany(BATCH):
            writer.writerows([safe_cell(v) for v in row] for row in rows)
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue().encode("utf-8")
    finally:
        cursor.close()


def _parquet(store: Store, sql: str, params: list[Any]) -> FileResponse:
    handle, path = tempfile.mkstemp(prefix="eventwire-", suffix=".parquet")
    os.close(handle)
    try:
        store.con.execute(f"COPY ({sql}) TO '{path}' (FORMAT parquet)", params)
    except Exception:
        os.unlink(path)
        raise
    return FileResponse(path, media_type="application/vnd.apache.parquet", filename="events.parquet",
                        background=BackgroundTask(os.unlink, path))
