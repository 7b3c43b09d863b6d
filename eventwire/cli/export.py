"""``eventwire export``: a store's table as Parquet, CSV, JSON Lines or GDELT 2.0 event rows."""

from __future__ import annotations

import argparse
import functools
import sys

from eventwire.cli.common import warn

FORMATS = ("parquet", "csv", "jsonl", "gdelt")


def register(subparsers: argparse._SubParsersAction) -> None:
    from eventwire.store.export import EXPORT_TABLES

    parser = subparsers.add_parser(
        "export", help="export a store's events, stories, quotes or documents",
        description="Write a table of an eventwire store. 'gdelt' writes GDELT 2.0 event-table rows "
                    "(61 tab-separated columns, no header) from stories (default) or event mentions.",
    )
    parser.add_argument("--db", default="eventwire.duckdb", help="the store (default: eventwire.duckdb)")
    parser.add_argument("--format", choices=FORMATS, default="jsonl")
    parser.add_argument("--table", choices=EXPORT_TABLES, default=None,
                        help="default: stories for gdelt, events otherwise")
    parser.add_argument("--out", metavar="PATH", help="output file (default: stdout; required for parquet)")
    parser.add_argument("--csv-raw", action="store_true",
                        help="write CSV text cells verbatim (default: a cell starting with = + - @ gets a "
                             "leading ' so that spreadsheets do not run it as a formula)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import duckdb

    from eventwire.store import open_store
    from eventwire.store.export import write_csv, write_gdelt, write_jsonl, write_parquet

    table = args.table or ("stories" if args.format == "gdelt" else "events")
    if args.format == "parquet" and not args.out:
        warn("--format parquet needs --out FILE")
        return 2
    if args.format == "gdelt" and table not in ("stories", "events"):
        warn("--format gdelt exports --table stories or events")
        return 2
    try:
        store = open_store(args.db, read_only=True)
    except (OSError, duckdb.Error) as exc:
        warn(f"cannot open {args.db}: {exc}")
        return 2
    with store:
        if args.format == "parquet":
            n = write_parquet(store, args.out, table)
        else:
            writer = {"csv": functools.partial(write_csv, raw=args.csv_raw), "jsonl": write_jsonl,
                      "gdelt": write_gdelt}[args.format]
            out = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout
            try:
                n = writer(store, out, table)
            finally:
                if args.out:
                    out.close()
                else:
                    out.flush()
    warn(f"exported {n} {table} rows as {args.format}" + (f" to {args.out}" if args.out else ""))
    return 0
