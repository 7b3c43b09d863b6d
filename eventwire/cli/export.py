"""``eventwire export``: a store's table as Parquet, CSV, JSON Lines or GDELT 2.0 event rows."""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import os
import sys
from pathlib import Path
from typing import Any

from eventwire.cli.common import add_min_confidence, store_problem, warn

FORMATS = ("parquet", "csv", "jsonl", "gdelt")
#: eventwire.store.export.EXPORT_TABLES, written out: importing the store (DuckDB, pyarrow) to build the
#: parser would make every command, ``code`` included, pay for it (a test keeps the two equal).
EXPORT_TABLES = ("events", "stories", "quotes", "documents", "mentions", "places", "rejects", "runs")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export", help="export a store's events, stories, quotes or documents",
        description="Write a table of an eventwire store. 'gdelt' writes GDELT 2.0 event-table rows "
                    "(61 tab-separated columns, no header) from stories (default) or event mentions.",
    )
    parser.add_argument("--db", default="eventwire.duckdb", help="the store (default: eventwire.duckdb)")
    parser.add_argument("--format", choices=FORMATS, default="jsonl", help="output format")
    parser.add_argument("--table", choices=EXPORT_TABLES, default=None,
                        help="default: stories for gdelt, events otherwise")
    parser.add_argument("--out", metavar="PATH", help="output file (default: stdout; required for parquet)")
    parser.add_argument("--csv-raw", action="store_true",
                        help="write CSV text cells verbatim (default: a cell starting with = + - @ gets a "
                             "leading ' so that spreadsheets do not run it as a formula)")
    add_min_confidence(parser, "export (--table events, or gdelt stories built from)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import duckdb

    from eventwire.store import open_store

    table = args.table or ("stories" if args.format == "gdelt" else "events")
    if args.format == "parquet" and not args.out:
        warn("--format parquet needs --out FILE")
        return 2
    if args.format == "gdelt" and table not in ("stories", "events"):
        warn("--format gdelt exports --table stories or events")
        return 2
    if args.min_confidence is not None and table != "events" and args.format != "gdelt":
        warn("--min-confidence filters event mentions: use it with --table events (or --format gdelt)")
        return 2
    try:
        store = open_store(args.db, read_only=True)
    except (OSError, duckdb.Error) as exc:
        warn(store_problem(args.db, exc))
        return 2
    with store:
        try:
            n = _write(store, args, table)
        except duckdb.Error as exc:
            warn(store_problem(args.db, exc) if "write" not in str(exc).lower() and "open file" not in str(exc)
                 else f"cannot write {args.out}: {_reason(exc)}")
            _discard(args.out)
            return 2
        except OSError as exc:
            warn(f"cannot write {args.out or 'stdout'}: {_reason(exc)}")
            _discard(args.out)
            return 2
    warn(f"exported {n} {table} rows as {args.format}" + (f" to {args.out}" if args.out else ""))
    return 0


def _write(store: Any, args: argparse.Namespace, table: str) -> int:
    from eventwire.store.export import write_csv, write_gdelt, write_jsonl, write_parquet

    if args.out:
        folder = Path(args.out).resolve().parent
        if not folder.is_dir():
            raise FileNotFoundError(errno.ENOENT, "no such folder", str(folder))
    minimum = args.min_confidence
    if args.format == "parquet":
        return write_parquet(store, args.out, table, min_confidence=minimum)
    writer = {"csv": functools.partial(write_csv, raw=args.csv_raw, min_confidence=minimum),
              "jsonl": functools.partial(write_jsonl, min_confidence=minimum),
              "gdelt": functools.partial(write_gdelt, min_confidence=minimum)}[args.format]
    if not args.out:
        try:
            n = writer(store, sys.stdout, table)
            sys.stdout.flush()
        except OSError:
            _silence_stdout()  # else Python fails again flushing it at exit, with a traceback
            raise
        return n
    with open(args.out, "w", encoding="utf-8", newline="") as out:
        return writer(store, out, table)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror or exc}{where}"
    return str(exc).splitlines()[0]


def _discard(out: str | None) -> None:
    """A half-written export is not left to look like a whole one (special files like /dev/full stay)."""
    if out and Path(out).is_file():
        with contextlib.suppress(OSError):
            Path(out).unlink()


def _silence_stdout() -> None:
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
