"""The ``eventwire`` command.

Each subcommand lives in its own module under ``eventwire.cli`` and exposes
``register(subparsers)``; this module only assembles them, so a command can be added or
changed without touching the others.
"""

from __future__ import annotations

import argparse
import importlib
import signal
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


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread so that a run unwinds (and records itself) as on Ctrl-C."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    terms: list[int] = []  # DuckDB turns a signal inside a query into its own error: remember which came

    def terminate(signum: int, frame: object) -> None:
        terms.append(signum)
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, terminate) if _main_thread() else None
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        if terms:
            print(f"eventwire: terminated (SIGTERM){_resume_hint(args)}", file=sys.stderr)
            return 143
        print(f"eventwire: interrupted{_resume_hint(args)}", file=sys.stderr)
        return 130
    except RuntimeError:
        if not terms:
            raise
        print(f"eventwire: terminated (SIGTERM){_resume_hint(args)}", file=sys.stderr)
        return 143
    except BrokenPipeError:
        return 0
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _resume_hint(args: argparse.Namespace) -> str:
    if args.command != "ingest":
        return ""
    return f"; the run is recorded as interrupted in {args.db}, what was committed is kept: run again to resume"


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


if __name__ == "__main__":
    sys.exit(main())
