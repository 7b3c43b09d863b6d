"""Options and helpers shared by several subcommands."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
from typing import Any

from eventwire.io.article_dates import parse_iso_date


def iso_date(value: str) -> dt.date:
    date = parse_iso_date(value)
    if date is None:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}")
    return date


def add_coder_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", type=iso_date, help="article date for inputs that carry none (YYYY-MM-DD)")
    parser.add_argument("--dictionaries", metavar="DIR", help="PETRARCH/TABARI dictionary folder to code with")
    parser.add_argument(
        "--dictionaries-mode", choices=("replace", "add"), default="replace",
        help="replace the built-in lexicon with the dictionaries (default) or add them to it",
    )
    parser.add_argument(
        "--events", choices=("lexicon", "model", "hybrid"), default=None,
        help="which finds events: the lexicon, the learned model, or both (the model where the lexicon is "
             "silent in a sentence); default: the shipped policy",
    )
    parser.add_argument("--model", help="spaCy pipeline name or path (default: the bundled en_core_web_sm)")
    parser.add_argument(
        "--stages", help="comma-separated stages, run in pipeline order; events and quotes need actors, dates "
                         "codes and confidence need events (default: actors,events,quotes,places,dates,codes,confidence)"
    )
    parser.add_argument("--article-seconds", type=_budget_number, default=60.0, metavar="S",
                        help="reject an article whose coding takes longer than S seconds (0: no limit; default: 60)")
    parser.add_argument("--article-memory", type=_budget_number, default=1024.0, metavar="MIB",
                        help="reject an article whose coding grows memory by more than MIB MiB "
                             "(0: no limit; default: 1024)")


def confidence_value(value: str) -> float:
    """A --min-confidence: a number in 0..1."""
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"not a confidence between 0 and 1: {value!r}")
    return number


def add_min_confidence(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--min-confidence", type=confidence_value, default=None, metavar="P",
                        help=f"{what} only events whose confidence (the verifier's calibrated probability of "
                             "being right, 0-1) is at least P; an event without a confidence (coded without "
                             "the confidence stage) is left out too")


def confident(record: dict[str, Any], minimum: float | None) -> bool:
    """Whether an event record passes --min-confidence (no minimum: every record does)."""
    if minimum is None:
        return True
    value = record.get("confidence")
    return isinstance(value, (int, float)) and value >= minimum


def _budget_number(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not number >= 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"not a number >= 0: {value!r}")
    return number


def add_corpus_options(parser: argparse.ArgumentParser) -> None:
    """--corpus, --split, --shared: scoring against our annotated real-news corpus (docs/annotation.md)."""
    parser.add_argument("--corpus", nargs="?", const="", metavar="DIR",
                        help="score against our annotated real-news corpus (default folder: corpus/annotations "
                             "of the checkout); the texts are read from ../shared or $EVENTWIRE_SHARED")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev",
                        help="with --corpus: which part to score (default: dev; test is never used for tuning)")
    parser.add_argument("--shared", metavar="DIR", help="with --corpus: the shared data folder (default ../shared)")


def coder_config(args: argparse.Namespace):  # -> CoderConfig (imported lazily: spaCy is slow to import)
    from eventwire.budget import Budget
    from eventwire.pipeline import DEFAULT_STAGES, CoderConfig

    stages = tuple(s.strip() for s in args.stages.split(",")) if getattr(args, "stages", None) else DEFAULT_STAGES
    return CoderConfig(
        model=args.model,
        stages=stages,
        dictionaries=args.dictionaries,
        dictionaries_mode=args.dictionaries_mode,
        **({"events": args.events} if getattr(args, "events", None) else {}),
        budget=Budget(seconds=getattr(args, "article_seconds", 60.0) or None,
                      memory_mb=getattr(args, "article_memory", 1024.0) or None),
    )


def stdin_missing() -> bool:
    """True when there is no stdin to read ("-" with file descriptor 0 closed, ``<&-`` in a shell)."""
    if sys.stdin is None:
        return True
    try:
        os.fstat(sys.stdin.fileno())
    except io.UnsupportedOperation:  # a stream without a descriptor (tests, embedding): it is there
        return False
    except (OSError, ValueError):
        return True
    return False


def store_problem(db: str, exc: BaseException) -> str:
    """What to tell the user when a store cannot be opened or read (locked, damaged, not a store)."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if any(sign in text.lower() for sign in ("could not set lock", "conflicting lock", "open for writing in another")):
        return (f"{db} is in use by another process (an ingest writing it?); DuckDB allows one writer and "
                f"no readers beside it: wait for it to finish, or work on a copy ({text})")
    if isinstance(exc, OSError) and not text.startswith(str(db)):
        return f"cannot open {db}: {exc.strerror or text}"
    if isinstance(exc, OSError):
        return text
    return f"{db} cannot be read; is it damaged or cut short? ({text})"


def warn(message: str) -> None:
    print(f"eventwire: {message}", file=sys.stderr)
