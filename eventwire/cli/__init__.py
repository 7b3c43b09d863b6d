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
)


class HelpFormatter(argparse.HelpFormatter):
    """Every option's help ends with its default, unless the text already names it."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if "default" in text or action.default in (None, False, argparse.SUPPRESS) or not action.option_strings:
            return text
        return f"{text} (default: %(default)s)"


class CommandParser(argparse.ArgumentParser):
    """A (sub)command's parser: its own usage for its own mistakes.

    argparse hands a subcommand's unknown options up to the top-level parser, which then shows
    the top-level usage ("eventwire [-h] COMMAND"): useless to someone who mistyped ``--fromat``.
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[override]
        namespace, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return namespace, extras


def version() -> str:
    from importlib import metadata

    try:
        return metadata.version("eventwire")
    except metadata.PackageNotFoundError:  # run from a source tree that is not installed
        from eventwire import __version__

        return __version__


def build_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="eventwire",
        description="Political event data from news text: CAMEO/PLOVER events, actors, quotes, places, dates.",
    )
    parser.add_argument("--version", action="version", version=f"eventwire {version()}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)
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
