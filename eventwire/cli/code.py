"""``eventwire code``: code articles and write records to stdout (the scoring tools' contract)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import Any

from eventwire.cli.common import add_coder_options, coder_config, warn


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "code", help="code articles and print events, quotes or documents",
        description="Code .txt, .jsonl(.gz), .html or .warc articles (or - for stdin) and write records to stdout.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for stdin")
    parser.add_argument("--records", choices=("events", "quotes", "documents"), default="events")
    parser.add_argument("--format", choices=("jsonl", "csv", "table"), default="jsonl",
                        help="jsonl: the records of DESIGN.md; csv and table: fixed columns (docs/exports.md)")
    parser.add_argument("--csv-raw", action="store_true",
                        help="write CSV text cells verbatim (default: a cell starting with = + - @ gets a "
                             "leading ' so that spreadsheets do not run it as a formula)")
    add_coder_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from eventwire.io.normalise import screen
    from eventwire.io.readers import Reject, iter_articles
    from eventwire.io.writers import write_csv, write_jsonl, write_table
    from eventwire.pipeline import Coder

    try:
        coder = Coder(coder_config(args))
    except (OSError, ValueError, RuntimeError) as exc:
        warn(str(exc))
        return 2
    rejects: list[Reject] = []

    def articles() -> Iterator[Any]:
        for item in iter_articles(args.paths, default_date=args.date):
            screened = item if isinstance(item, Reject) else screen(item)
            if isinstance(screened, str):
                screened = Reject(item.id, None, screened)
            if isinstance(screened, Reject):
                warn(f"skipped {screened}")
                rejects.append(screened)
            else:
                yield screened

    def over_budget(article: Any, reason: str) -> None:
        reject = Reject(article.id, None, reason)
        warn(f"skipped {reject}")
        rejects.append(reject)

    def records() -> Iterator[dict[str, Any]]:
        for coded in coder.code_many(articles(), on_reject=over_budget):
            if args.records == "events":
                yield from (e.to_dict() for e in coded.events)
            elif args.records == "quotes":
                yield from (q.to_dict() for q in coded.quotes)
            else:
                yield coded.document_record()

    out = sys.stdout
    if args.format == "jsonl":
        write_jsonl(records(), out)
    elif args.format == "csv":
        write_csv(records(), out, kind=args.records, raw=args.csv_raw)
    else:
        write_table(records(), out, kind=args.records)
    out.flush()
    if rejects:
        warn(f"{len(rejects)} input(s) skipped")
        return 1
    return 0
