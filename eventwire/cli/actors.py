"""``eventwire actors resolve``: how the coder would code a phrase as an actor (the scoring contract).

Reads JSON Lines ``{id, text, context?, date?}`` and writes ``{id, code, country, sector, name}``
per line, in input order. A line that cannot be read is reported on stderr with its file and
line number and skipped; every other line is still resolved, and the exit code says something
was skipped.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from eventwire.cli.common import stdin_missing, warn


@dataclass(frozen=True, slots=True)
class PhraseCase:
    """One phrase to resolve, with the context and day it is to be read in."""

    id: Any
    text: str
    context: str
    on: date | None


@dataclass(frozen=True, slots=True)
class BadLine:
    """A line of the cases file that is not a usable case, and why."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "actors", help="actor tools (resolve phrases to CAMEO actor codes)",
        description="Actor tools.",
    )
    actions = parser.add_subparsers(dest="actors_command", metavar="ACTION")
    actions.required = True
    resolve = actions.add_parser(
        "resolve", help="resolve actor phrases to CAMEO actor codes",
        description="Read JSON Lines {id, text, context?, date?} (or - for stdin) and write "
                    "{id, code, country, sector, name} per line: how the coder codes each phrase as an actor.",
    )
    resolve.add_argument("file", metavar="FILE.jsonl", help="phrase cases, one JSON object per line; - for stdin")
    resolve.add_argument("--model", help="spaCy pipeline name or path (default: the bundled en_core_web_sm)")
    resolve.set_defaults(run=run_resolve)


def run_resolve(args: argparse.Namespace) -> int:
    from eventwire.actors import ActorFinder, resolution_record
    from eventwire.nlp import load_pipeline

    if args.file == "-" and stdin_missing():
        warn("stdin is closed: nothing to read for '-'")
        return 2
    with contextlib.ExitStack() as stack:
        try:
            stream = sys.stdin.buffer if args.file == "-" else stack.enter_context(open(Path(args.file), "rb"))
        except OSError as exc:
            warn(f"{args.file}: cannot read: {exc.strerror or exc}")
            return 2
        try:
            finder = ActorFinder(load_pipeline(args.model))
        except (OSError, RuntimeError, ValueError) as exc:
            warn(str(exc))
            return 2
        skipped = 0
        for item in read_cases(stream, args.file):
            if isinstance(item, BadLine):
                warn(f"skipped {item}")
                skipped += 1
                continue
            actor = finder.resolve_phrase(item.text, item.context, item.on)
            sys.stdout.write(json.dumps(resolution_record(item.id, actor), ensure_ascii=False) + "\n")
    sys.stdout.flush()
    if skipped:
        warn(f"{skipped} line(s) skipped")
        return 1
    return 0


def read_cases(stream: BinaryIO, path: str) -> Iterator[PhraseCase | BadLine]:
    """Cases from a binary stream of JSON Lines; blank lines are ignored, bad ones become BadLine."""
    name = "<stdin>" if path == "-" else path
    for number, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        yield parse_case(raw, name, number)


def parse_case(raw: bytes, path: str, number: int) -> PhraseCase | BadLine:
    from eventwire.actors import parse_case_date
    from eventwire.io.readers import json_object_line

    obj = json_object_line(raw)
    if isinstance(obj, str):
        return BadLine(path, number, obj)
    if "id" not in obj:
        return BadLine(path, number, "no 'id'")
    text, context = obj.get("text"), obj.get("context") or ""
    if not isinstance(text, str) or not text.strip():
        return BadLine(path, number, "no 'text' string")
    if not isinstance(context, str):
        return BadLine(path, number, "'context' is not a string")
    date_value = obj.get("date")
    if date_value is not None and not isinstance(date_value, str):
        return BadLine(path, number, "'date' is not a string")
    try:
        on = parse_case_date(date_value)
    except ValueError as exc:
        return BadLine(path, number, str(exc))
    return PhraseCase(obj["id"], text, context, on)
