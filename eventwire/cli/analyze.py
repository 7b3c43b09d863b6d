"""``eventwire analyze``: dyad series, dyads, escalation alerts and the actor network from a store."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from eventwire.cli.common import store_problem, warn
from eventwire.io.writers import write_csv, write_jsonl


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "analyze", help="dyad series, dyads, escalation alerts or the actor network of a store",
        description="Analyse an event store made by `eventwire ingest`; writes JSON Lines (or CSV) to stdout.",
    )
    parser.add_argument("what", choices=("timeseries", "dyads", "alerts", "network"), help="what to compute")
    parser.add_argument("--db", default="eventwire.duckdb", help="the store (default: eventwire.duckdb)")
    parser.add_argument("--source", help="source actor or country code (a trailing * matches a prefix)")
    parser.add_argument("--target", help="target actor or country code")
    parser.add_argument("--level", choices=("actor", "country"), default="actor",
                        help="compare whole actor codes or only their countries")
    parser.add_argument("--freq", choices=("day", "week", "month"), default="day", help="timeseries period")
    parser.add_argument("--from", dest="date_from", help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", help="last day (YYYY-MM-DD)")
    parser.add_argument("--window", type=int, default=28, help="alerts: baseline days before each day")
    parser.add_argument("--min-history", type=int, default=14, help="alerts: baseline days needed first")
    parser.add_argument("--threshold", type=float, default=3.5, help="alerts: robust z-score that raises one")
    parser.add_argument("--min-events", type=int, default=3, help="alerts: conflict events needed that day")
    parser.add_argument("--measure", choices=("goldstein", "count"), default="goldstein",
                        help="alerts: daily conflict intensity as -Goldstein sum or event count")
    parser.add_argument("--limit", type=int, default=100, help="dyads and alerts: rows at most")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl", help="output format")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import duckdb

    from eventwire.analysis import (
        AlertParams,
        actor_network,
        dyad_filter,
        dyads,
        escalation_alerts,
        timeseries,
    )
    from eventwire.store import open_store

    try:
        store = open_store(args.db, read_only=True)
    except (OSError, RuntimeError, duckdb.Error) as exc:
        warn(store_problem(args.db, exc))
        return 2
    where = dyad_filter(args.source, args.target, level=args.level) if (args.source or args.target) else None
    span = {"date_from": args.date_from, "date_to": args.date_to}
    try:
        with store:
            rows: list[dict[str, Any]]
            if args.what == "timeseries":
                rows = timeseries(store, where, freq=args.freq, **span)
            elif args.what == "dyads":
                rows = dyads(store, where, level=args.level, limit=args.limit, **span)
            elif args.what == "alerts":
                params = AlertParams(window=args.window, min_history=args.min_history, threshold=args.threshold,
                                     min_events=args.min_events, measure=args.measure)
                rows = escalation_alerts(store, where, params, level=args.level, limit=args.limit, **span)
            else:
                network = actor_network(store, where, level=args.level, **span)
                rows = [{"kind": "node", **n} for n in network["nodes"]] + \
                       [{"kind": "edge", **e} for e in network["edges"]]
    except ValueError as exc:
        warn(str(exc))
        return 2
    except duckdb.Error as exc:
        warn(store_problem(args.db, exc))
        return 2
    rows = [json.loads(json.dumps(r, default=str)) for r in rows]
    if args.format == "csv":
        write_csv(rows, sys.stdout, kind=None)
    else:
        write_jsonl(rows, sys.stdout)
    return 0
