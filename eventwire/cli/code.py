"""``eventwire code``: code articles and write records to stdout (the scoring tools' contract)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from eventwire.cli.common import (
    add_coder_options,
    add_min_confidence,
    coder_config,
    confident,
    stdin_missing,
    warn,
)

#: Articles per task sent to a ``--workers`` process: small enough that the output flows steadily.
CHUNK = 8


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "code", help="code articles and print events, quotes or documents",
        description="Code .txt, .jsonl(.gz), .html or .warc articles (or - for stdin) and write records to stdout.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for stdin")
    parser.add_argument("--records", choices=("events", "quotes", "documents"), default="events",
                        help="what to write: one record per event, per quote, or per article")
    parser.add_argument("--format", choices=("jsonl", "csv", "table"), default="jsonl",
                        help="JSON Lines (the records of DESIGN.md), CSV or a table, both with fixed columns "
                             "(docs/exports.md) (default: jsonl)")
    parser.add_argument("--workers", type=int, default=1, metavar="N",
                        help="processes that code in parallel, output still in input order; each loads the "
                             "model (about 2 s and 300 MB), so more than 1 pays off from some dozens of "
                             "articles, and at most one per free core")
    parser.add_argument("--max-chars", type=int, default=None,
                        help="reject longer articles (default 200000 characters, as ingest)")
    parser.add_argument("--csv-raw", action="store_true",
                        help="write CSV text cells verbatim (default: a cell starting with = + - @ gets a "
                             "leading ' so that spreadsheets do not run it as a formula)")
    add_min_confidence(parser, "write")
    add_coder_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from eventwire.io.normalise import DEFAULT_MAX_CHARS, screen
    from eventwire.io.readers import ArticleReader, Notice, Reject
    from eventwire.io.writers import write_csv, write_jsonl, write_table

    if args.workers < 1:
        warn("--workers must be 1 or more")
        return 2
    if "-" in args.paths and stdin_missing():
        warn("stdin is closed: nothing to read for '-'")
        return 2
    try:
        coding = PoolCoding(coder_config(args), args) if args.workers > 1 else LocalCoding(coder_config(args), args)
    except (OSError, ValueError, RuntimeError) as exc:  # a bad --model or --stages fails before any input
        warn(str(exc))
        return 2
    rejects: list[Reject] = []

    def articles() -> Iterator[Any]:
        for path, item in ArticleReader(args.date).read(args.paths):
            if isinstance(item, Notice):
                warn(str(item))
                continue
            screened = item if isinstance(item, Reject) else screen(item, args.max_chars or DEFAULT_MAX_CHARS)
            if isinstance(screened, str):
                screened = Reject(path, None, screened)
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
        for output in coding.outputs(articles()):
            if isinstance(output, Reject):
                warn(f"skipped {output}")
                rejects.append(output)
            elif args.min_confidence is None or args.records != "events":
                yield from output
            else:
                yield from (record for record in output if confident(record, args.min_confidence))

    out = sys.stdout
    try:
        if args.format == "jsonl":
            write_jsonl(records(), out)
        elif args.format == "csv":
            write_csv(records(), out, kind=args.records, raw=args.csv_raw)
        else:
            write_table(records(), out, kind=args.records)
        out.flush()
    except BrokenPipeError:
        raise  # the reader went away (| head): not an error
    except (OSError, RuntimeError) as exc:
        warn(f"coding stopped: {exc}")
        return 2
    finally:
        coding.close()
    if rejects:
        warn(f"{len(rejects)} input(s) skipped")
        return 1
    return 0


class LocalCoding:
    """Codes in this process: no start-up beyond one model load."""

    def __init__(self, config: Any, args: argparse.Namespace) -> None:
        from eventwire.pipeline import Coder

        self.coder = Coder(config)
        self.kind = args.records

    def outputs(self, articles: Iterable[Any]) -> Iterator[Any]:
        from eventwire.scale.output import code_outputs

        return code_outputs(self.coder, articles, self.kind)

    def close(self) -> None:
        pass


class PoolCoding:
    """Codes on ``--workers`` processes: chunks go out in parallel, outputs come back in input order."""

    def __init__(self, config: Any, args: argparse.Namespace) -> None:
        import functools

        from eventwire.pipeline import stage_order
        from eventwire.scale.engines import LocalEngine
        from eventwire.scale.output import code_output_chunk, killed_output
        from eventwire.scale.process import init_worker

        stage_order(config.stages)  # a bad --stages is refused here, not in every worker
        self.engine = LocalEngine(config, args.workers, task=functools.partial(code_output_chunk, kind=args.records),
                                  killed=killed_output, initializer=init_worker)

    def outputs(self, articles: Iterable[Any]) -> Iterator[Any]:
        from eventwire.pipeline import chunked

        for chunk in self.engine.map(chunked(articles, CHUNK), ordered=True):
            yield from chunk

    def close(self) -> None:
        self.engine.close()


