"""``eventwire ingest``: code articles into a DuckDB store, in parallel, resumably."""

from __future__ import annotations

import argparse
import sys

from eventwire.cli.common import (
    add_coder_options,
    coder_config,
    confidence_value,
    stdin_missing,
    store_problem,
    warn,
)

SHOW_REJECTS = 20


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest", help="code articles into a DuckDB store (parallel, idempotent, resumable)",
        description="Code .jsonl(.gz), .txt, .html and .warc(.gz) files and folders into a DuckDB store. "
                    "Articles already stored are skipped, so an interrupted run is resumed by running it again.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    parser.add_argument("--db", default="eventwire.duckdb", help="the store (default: eventwire.duckdb)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="local: a process pool on this machine; dask: a Dask cluster (pip install 'eventwire[dask]')")
    parser.add_argument("--workers", type=int, default=None,
                        help="worker processes (default: one per core, one fewer when the machine is already busy, "
                             "i.e. its load average is 1 or more; 0 codes in this process, local engine)")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler to use instead of a local cluster")
    parser.add_argument("--chunk-size", type=int, default=8, help="articles per task (default 8)")
    parser.add_argument("--batch", type=int, default=64, help="documents per transaction (default 64)")
    parser.add_argument("--max-chars", type=int, default=None,
                        help="reject longer articles (default 200000 characters)")
    parser.add_argument("--db-memory", default="256MB", metavar="SIZE",
                        help="cap on DuckDB's memory in this process, so it stays flat on long runs (default 256MB)")
    parser.add_argument("--replace", action="store_true", help="recode and replace articles already stored")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--verbose", action="store_true", help="log every committed batch on stderr")
    parser.add_argument("--min-confidence", type=confidence_value, default=None, metavar="P",
                        help="report how many stored events have a confidence of at least P. Every event is "
                             "stored with its confidence whatever P, so a threshold can be chosen or changed "
                             "later without recoding: filter with export --min-confidence, the dashboard's "
                             "min. confidence or the API's min_confidence")
    add_coder_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import duckdb

    from eventwire.scale.ingest import DEFAULT_MAX_CHARS, IngestOptions, ingest
    from eventwire.store import open_store

    if args.workers is not None and args.workers < 0:
        warn("--workers must be 0 or more")
        return 2
    if "-" in args.paths and stdin_missing():
        warn("stdin is closed: nothing to read for '-'")
        return 2
    if args.scheduler and args.engine != "dask":
        warn("--scheduler needs --engine dask")
        return 2
    options = IngestOptions(
        engine=args.engine, workers=args.workers, scheduler=args.scheduler,
        chunk_size=max(1, args.chunk_size), batch_docs=max(1, args.batch),
        max_chars=args.max_chars or DEFAULT_MAX_CHARS, replace=args.replace, default_date=args.date,
    )
    try:
        config = coder_config(args)
        store = open_store(args.db, memory_limit=args.db_memory)
    except duckdb.Error as exc:
        warn(store_problem(args.db, exc))
        return 2
    except (OSError, ValueError, RuntimeError) as exc:
        warn(str(exc))
        return 2

    def log_commit(n_coded: int) -> None:
        warn(f"committed: {n_coded} documents")

    with store:
        progress = not args.quiet and sys.stderr.isatty()
        try:
            summary = ingest(args.paths, store, config, options, progress=progress,
                             on_commit=log_commit if args.verbose else None)
        except (OSError, RuntimeError, ValueError) as exc:
            warn(f"ingest stopped: {exc}")
            return 2
        rejects = store.rejects(summary.run_id)
        for reject in rejects[:SHOW_REJECTS]:
            warn(f"rejected {reject['path']}{':' + str(reject['line']) if reject['line'] else ''}: "
                 f"{reject['reason']}")
        if len(rejects) > SHOW_REJECTS:
            warn(f"... and {len(rejects) - SHOW_REJECTS} more")
        totals = store.counts()
        confident_events = store.con.execute("SELECT count(*) FROM events WHERE confidence >= ?",
                                             [args.min_confidence]).fetchone()[0] if args.min_confidence is not None else 0
    warn(summary.line())
    warn(f"{args.db}: {totals['documents']} documents, {totals['events']} events, {totals['stories']} stories")
    if args.min_confidence is not None:
        warn(f"{confident_events} of them with a confidence of at least {args.min_confidence:g} "
             "(all are stored; filter with export/serve --min-confidence)")
    if summary.n_rejected:
        warn(f"{summary.n_rejected} input(s) rejected (see the rejects table)")
        return 1
    return 0
