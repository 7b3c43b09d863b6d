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
    parser.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                        help="a further name the Host header may carry (default: localhost names and --host)")
    parser.add_argument("--max-connections", type=int, default=256,
                        help="connections served at once; more are refused (default 256)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from eventwire.web import create_app
        from eventwire.web.limits import LOCAL_HOSTS
        from eventwire.web.server import server_config
    except ImportError as exc:
        warn(f"serve needs the web extra ({exc.name or exc} is missing): pip install 'eventwire[web]'")
        return 2

    if not Path(args.db).is_file():
        warn(f"no store at {args.db} (make one with: eventwire ingest ARTICLES --db {args.db})")
        return 2
    if not _is_loopback(args.host):
        warn(f"listening on {args.host}: the dashboard and API will be reachable from other machines")
    hosts = [*LOCAL_HOSTS, args.host, *args.allow_host]
    if args.host in ("0.0.0.0", "::"):
        import socket

        hosts += [socket.gethostname(), socket.getfqdn()]
    try:
        app = create_app(args.db, allowed_hosts=hosts, warm=True)
    except Exception as exc:  # locked, damaged or not an eventwire store: StoreError says which
        from eventwire.store.db import StoreError

        warn(f"cannot serve {args.db}: {exc}" if isinstance(exc, StoreError) else store_problem(args.db, exc))
        return 2
    uvicorn.Server(server_config(app, args.host, args.port, max_connections=args.max_connections)).run()
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
