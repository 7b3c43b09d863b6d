"""Load test of the dashboard and API at scale, on loopback only, with bounded loops.

1. builds (once) a synthetic store of ``--events`` events (default 1,000,000);
2. ingests a few real articles into it with ``eventwire ingest`` under the default 256 MB
   DuckDB memory cap, and fails when that run does not exit 0 (issue 13 point 27);
3. starts ``eventwire serve`` on it in a separate process and, for 1 and for ``--clients``
   concurrent clients (default 20), sends each client ``--requests`` requests per endpoint:
   the overview page ``/``, ``/api/events`` with filters, ``/api/timeseries``, ``/api/dyads``
   and ``/api/alerts``; prints p50/p95 per endpoint (goal: p95 < 200 ms) and the errors.

    python benchmarks/bench_api.py [--events 1000000] [--clients 20] [--requests 10]

Only 127.0.0.1 is ever contacted. The benchmark is not part of the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from eventwire.analysis.synthetic import ACTORS, build_random_store

OUT = Path(__file__).resolve().parent / "out"
CLI = [sys.executable, "-c", "import sys; from eventwire.cli import main; sys.exit(main(sys.argv[1:]))"]
Query = Callable[[random.Random], tuple[str, dict[str, object]]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=10, help="requests per client and endpoint")
    parser.add_argument("--db", type=Path, default=None, help="store to use (built when missing)")
    parser.add_argument("--skip-ingest", action="store_true", help="do not ingest real articles first")
    parser.add_argument("--only", default=None, help="comma-separated endpoint names to run")
    args = parser.parse_args()
    db = args.db or OUT / f"bench-{args.events}.duckdb"
    report: dict[str, object] = {"events": args.events, "db": str(db)}
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        n_docs = build_random_store(db, args.events)
        report["build_seconds"] = round(time.perf_counter() - started, 1)
        print(f"built {db}: {args.events:,} events in {n_docs:,} articles in {report['build_seconds']} s", flush=True)
    if not args.skip_ingest:
        report["ingest"] = _ingest_into(db)
        print(f"ingest into the store: {report['ingest']}", flush=True)
    endpoints = {name: make for name, make in ENDPOINTS.items() if not args.only or name in args.only.split(",")}
    port = _free_port()
    server = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.perf_counter()
        _wait_until_up(base, server)
        report["startup_seconds"] = round(time.perf_counter() - started, 1)
        results: dict[str, dict[str, object]] = {}
        for name, make in endpoints.items():
            for clients in (1, args.clients):
                key = f"{name} x{clients}"
                results[key] = asyncio.run(_run(base, make, clients, args.requests))
                _print_one(key, results[key])
        report["latency"] = results
    finally:
        server.terminate()
        server.wait(timeout=30)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_api.json").write_text(json.dumps(report, indent=2))
    ingest_ok = args.skip_ingest or report["ingest"]["exit"] == 0  # type: ignore[index]
    fast = all(r["errors"] == 0 and r["p95_ms"] < 200 for r in results.values())
    print("goal p95 < 200 ms:", "met" if fast else "NOT met", "; ingest:", "ok" if ingest_ok else "FAILED")
    return 0 if ingest_ok and fast else 1


def _ingest_into(db: Path) -> dict[str, object]:
    """Ingest a handful of real articles (new ids each time) into the large store."""
    stamp = time.strftime("%Y%m%dT%H%M%S")
    articles = OUT / f"bench-articles-{stamp}.jsonl"
    texts = ["Russia attacked Ukraine on Monday.", "Egypt urged Israel to show restraint.",
             "The United Nations condemned Syria.", "France and Germany agreed to cooperate on energy."]
    articles.write_text("".join(json.dumps({"id": f"bench-{stamp}-{n}", "date": "2020-06-01",
                                            "text": texts[n % len(texts)]}) + "\n" for n in range(8)))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run([*CLI, "ingest", str(articles), "--db", str(db), "--workers", "0", "--quiet"],
                          capture_output=True, text=True, timeout=900)
    articles.unlink()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"exit": done.returncode, "seconds": round(time.perf_counter() - started, 1),
            "peak_rss_mib": round(max(peak, before) / 1024), "stderr_tail": done.stderr.strip().splitlines()[-3:]}


def _events_query(rng: random.Random) -> tuple[str, dict[str, object]]:
    kind = rng.randrange(6)
    params: dict[str, object] = {"limit": 50, "offset": rng.choice((0, 0, 50, 500))}
    if kind == 1:
        params["actor"] = rng.choice(ACTORS)
    elif kind == 2:
        params["dyad"] = ",".join(rng.sample(ACTORS, 2))
    elif kind == 3:
        params["quad_class"] = rng.randint(1, 4)
        params["date_from"] = f"2020-{rng.randint(1, 12):02d}-01"
    elif kind == 4:
        params["root"] = f"{rng.randint(1, 20):02d}"
        params["country"] = rng.choice(ACTORS)[:3]
    elif kind == 5:
        params["q"] = rng.choice(("fight", "consult", "aid", "accuse"))
    return "/api/events", params


def _timeseries_query(rng: random.Random) -> tuple[str, dict[str, object]]:
    kind = rng.randrange(4)
    if kind == 0:
        return "/api/timeseries", {"dyad": ",".join(rng.sample(ACTORS, 2)), "freq": "day"}
    if kind == 1:
        source, target = rng.sample(ACTORS, 2)
        return "/api/timeseries", {"dyad": f"{source[:3]},{target[:3]}", "level": "country", "freq": "week"}
    if kind == 2:
        return "/api/timeseries", {"freq": "week"}
    return "/api/timeseries", {"freq": "month", "quad_class": rng.randint(1, 4)}


def _dyads_query(rng: random.Random) -> tuple[str, dict[str, object]]:
    params: dict[str, object] = {"level": rng.choice(("actor", "country")),
                                 "order": rng.choice(("events", "conflict", "goldstein", "latest"))}
    if rng.random() < 0.3:
        params["actor"] = rng.choice(ACTORS)
    return "/api/dyads", params


def _alerts_query(rng: random.Random) -> tuple[str, dict[str, object]]:
    params: dict[str, object] = {"level": rng.choice(("actor", "country"))}
    if rng.random() < 0.3:
        params["threshold"] = rng.choice((2.5, 3.0, 4.0))
    if rng.random() < 0.3:
        params["actor"] = rng.choice(ACTORS)
    return "/api/alerts", params


def _events_page_query(rng: random.Random) -> tuple[str, dict[str, object]]:
    _, params = _events_query(rng)
    params.pop("limit")
    return "/events", params


def _dyad_page_query(rng: random.Random) -> tuple[str, dict[str, object]]:
    source, target = rng.sample(ACTORS, 2)
    if rng.random() < 0.5:
        return f"/dyads/{source[:3]}/{target[:3]}", {"level": "country", "freq": rng.choice(("day", "week"))}
    return f"/dyads/{source}/{target}", {}


def _alerts_page_query(rng: random.Random) -> tuple[str, dict[str, object]]:
    params: dict[str, object] = {"level": rng.choice(("actor", "country"))}
    if rng.random() < 0.3:
        params["threshold"] = rng.choice((2.5, 3.0, 4.0))
    return "/alerts", params


def _quotes_query(rng: random.Random) -> tuple[str, dict[str, object]]:
    params: dict[str, object] = {"offset": rng.choice((0, 0, 50))}
    if rng.random() < 0.5:
        params["speaker"] = rng.choice(ACTORS)[:3] + "*"
    return rng.choice(("/api/quotes", "/quotes")), params


def _map_query(rng: random.Random) -> tuple[str, dict[str, object]]:
    kind = rng.randrange(3)
    if kind == 0:
        return "/map", {}
    if kind == 1:
        return "/map", {"actor": rng.choice(ACTORS)}
    return "/map", {"quad_class": rng.randint(1, 4), "date_from": f"2020-{rng.randint(1, 12):02d}"}


ENDPOINTS: dict[str, Query] = {
    "overview": lambda rng: ("/", {}),
    "events": _events_query,
    "events_page": _events_page_query,
    "timeseries": _timeseries_query,
    "dyads": _dyads_query,
    "dyads_page": lambda rng: ("/dyads", {"level": rng.choice(("actor", "country")),
                                          "order": rng.choice(("events", "conflict", "goldstein", "latest"))}),
    "dyad_timeline": _dyad_page_query,
    "alerts": _alerts_query,
    "alerts_page": _alerts_page_query,
    "quotes": _quotes_query,
    "map": _map_query,
}


async def _run(base: str, make: Query, clients: int, requests: int) -> dict[str, object]:
    times: list[float] = []
    errors: list[str] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def one_client(seed: int, client: httpx.AsyncClient) -> None:
        rng = random.Random(seed)
        for _ in range(requests):  # bounded
            path, params = make(rng)
            started = time.perf_counter()
            try:
                response = await client.get(path, params=params)
                if response.status_code != 200:
                    errors.append(f"HTTP {response.status_code}")
            except httpx.HTTPError as exc:
                errors.append(type(exc).__name__)
            times.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, timeout=300, limits=limits) as client:
        await asyncio.gather(*(one_client(1000 * clients + n, client) for n in range(clients)))
    elapsed = time.perf_counter() - started
    return {"clients": clients, "seconds": round(elapsed, 1), "errors": len(errors),
            "error_kinds": sorted(set(errors)), **_summary(times)}


def _summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {"n": len(ordered), "p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1), "max_ms": round(ordered[-1], 1)}


def _wait_until_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"server exited: {server.stderr.read().decode() if server.stderr else ''}")
        try:
            if httpx.get(base + "/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("server did not start in 300 s")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _print_one(key: str, s: dict[str, object]) -> None:
    print(f"  {key:<16} {s['n']} requests in {s['seconds']} s: p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, "
          f"max {s['max_ms']} ms, {s['errors']} errors {s['error_kinds'] or ''}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
