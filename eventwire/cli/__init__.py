"""The ``eventwire`` command.

Each subcommand lives in its own module under ``eventwire.cli`` and exposes
``register(subparsers)``; this module only assembles them, so a command can be added or
changed without touching the others.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

COMMAND_MODULES = (
    "eventwire.cli.code",
    "eventwire.cli.actors",
    "eventwire.cli.ingest",
    "eventwire.cli.export",
    "eventwire.cli.serve",
    "eventwire.cli.analyze",
    "eventwire.cli.evaluate",
    "eventwire.cli.lexicon",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="eventwire",
        description="Political event data from news text: CAMEO/PLOVER events, actors, quotes, places, dates.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # command not installed in this build
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
