"""``eventwire serve``: the HTTP API and dashboard over a store, read-only."""

from __future__ import annotations

import argparse
import ipaddress
from pathlib import Path

from eventwire.cli.common import store_problem, warn


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve", help="serve the HTTP API and dashboard over a store",
        description="Serve the JSON API (/api/..., OpenAPI at /openapi.json) and the dashboard over an "
                    "eventwire store, opened read-only. Binds to 127.0.0.1 unless --host says otherwise.",
    )
    parser.add_argument("--db", required=True, metavar="FILE", help="the store made by eventwire ingest")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=port_number, default=8000, help="TCP port, 1 to 65535 (default 8000)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from eventwire.web import create_app
    except ImportError as exc:
        warn(f"serve needs the web extra ({exc.name or exc} is missing): pip install 'eventwire[web]'")
        return 2

    if not Path(args.db).is_file():
        warn(f"no store at {args.db} (make one with: eventwire ingest ARTICLES --db {args.db})")
        return 2
    if not _is_loopback(args.host):
        warn(f"listening on {args.host}: the dashboard and API will be reachable from other machines")
    try:
        app = create_app(args.db)
    except Exception as exc:  # duckdb raises its own error types for locked or corrupt files
        warn(store_problem(args.db, exc))
        return 2
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", server_header=False,
                timeout_keep_alive=5, h11_max_incomplete_event_size=64 * 1024)
    return 0


def port_number(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is out of range (1 to 65535)")
    return port


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
