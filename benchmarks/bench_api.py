"""Load test of the HTTP API on loopback: latency of /api/events and /api/timeseries, then 50 clients.

Builds (once) a synthetic store of 100,000 events, starts ``eventwire serve`` on it in a
separate process, then

1. latency: one client, a mix of /api/events queries (filters, pages) and /api/timeseries
   queries (one dyad, all events, weekly, monthly): p50 and p95 of each; target p95 < 200 ms;
2. load: 50 concurrent clients (httpx + asyncio) request /api/events pages for 20 s: requests,
   errors (any non-200 or transport error), throughput, p50 and p95.

    python benchmarks/bench_api.py [--events 100000] [--clients 50] [--seconds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from eventwire.analysis.synthetic import ACTORS, build_random_store

OUT = Path(__file__).resolve().parent / "out"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--latency-requests", type=int, default=200, help="per endpoint, one client")
    parser.add_argument("--db", type=Path, default=None, help="store to use (built when missing)")
    args = parser.parse_args()
    db = args.db or OUT / f"bench-{args.events}.duckdb"
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        n_docs = build_random_store(db, args.events)
        print(f"built {db}: {args.events} events in {n_docs} articles in {time.perf_counter() - started:.1f}s")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "import sys; from eventwire.cli import main; sys.exit(main(sys.argv[1:]))",
         "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        report = {"events": args.events, "latency": _latency(base, args.latency_requests),
                  "load": asyncio.run(_load(base, args.clients, args.seconds))}
    finally:
        server.terminate()
        server.wait(timeout=10)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_api.json").write_text(json.dumps(report, indent=2))
    _print(report)
    ok = report["load"]["errors"] == 0 and all(v["p95_ms"] < 200 for v in report["latency"].values())
    return 0 if ok else 1


def _event_queries(rng: random.Random) -> dict[str, object]:
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
    return params


def _timeseries_queries(rng: random.Random) -> dict[str, object]:
    kind = rng.randrange(4)
    if kind == 0:
        return {"dyad": ",".join(rng.sample(ACTORS, 2)), "freq": "day"}
    if kind == 1:
        source, target = rng.sample(ACTORS, 2)
        return {"dyad": f"{source[:3]},{target[:3]}", "level": "country", "freq": "week"}
    if kind == 2:
        return {"freq": "week"}
    return {"freq": "month", "quad_class": rng.randint(1, 4)}


def _latency(base: str, n: int) -> dict[str, dict[str, float]]:
    rng = random.Random(11)
    out = {}
    with httpx.Client(base_url=base, timeout=30) as client:
        for path, make in (("/api/events", _event_queries), ("/api/timeseries", _timeseries_queries)):
            client.get(path, params=make(rng)).raise_for_status()  # warm up
            times = []
            for _ in range(n):
                started = time.perf_counter()
                client.get(path, params=make(rng)).raise_for_status()
                times.append((time.perf_counter() - started) * 1000)
            out[path] = _summary(times)
    return out


async def _load(base: str, clients: int, seconds: float) -> dict[str, float]:
    times: list[float] = []
    errors: list[str] = []
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def one_client(seed: int, client: httpx.AsyncClient) -> None:
        rng = random.Random(seed)
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                response = await client.get("/api/events", params=_event_queries(rng))
                if response.status_code != 200:
                    errors.append(f"HTTP {response.status_code}")
            except httpx.HTTPError as exc:
                errors.append(type(exc).__name__)
            times.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        await asyncio.gather(*(one_client(n, client) for n in range(clients)))
    elapsed = time.perf_counter() - started
    return {"clients": clients, "seconds": round(elapsed, 1), "requests": len(times), "errors": len(errors),
            "error_kinds": sorted(set(errors)), "rps": round(len(times) / elapsed, 1), **_summary(times)}


def _summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {"n": len(ordered), "p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1), "max_ms": round(ordered[-1], 1)}


def _wait_until_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"server exited: {server.stderr.read().decode() if server.stderr else ''}")
        try:
            if httpx.get(base + "/openapi.json", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("server did not start in 60 s")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _print(report: dict) -> None:
    print(f"store: {report['events']:,} events")
    for path, s in report["latency"].items():
        print(f"  {path:<16} one client, {s['n']} requests: p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, "
              f"max {s['max_ms']} ms")
    load = report["load"]
    print(f"  /api/events      {load['clients']} clients for {load['seconds']} s: {load['requests']} requests, "
          f"{load['errors']} errors, {load['rps']} req/s, p50 {load['p50_ms']} ms, p95 {load['p95_ms']} ms")


if __name__ == "__main__":
    sys.exit(main())
