"""Ingest throughput and memory: articles/s with 1 and 2 local workers and on Dask, peak memory.

    .venv/bin/python benchmarks/bench_ingest.py [--corpus NAME ...] [--skip-10x] [--skip-dask]

Each case runs in a fresh process (so its peak memory is its own) against a fresh store. Worker
start-up (spawning, loading the model) is timed apart from coding: articles/s is coded articles
over coding time. "rss" columns are peak resident memory in MiB: the parent (reader + DuckDB
writer) and the largest worker. The 10x case replicates a corpus ten times with new ids to show
that memory stays flat as the input grows. Reads ../shared/corpus; skips when it is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = {"wikinews": "wikinews_2019_2020.jsonl", "ecbplus": "ecbplus.jsonl"}


def run_case(corpus: Path, engine: str, workers: int, db: Path) -> dict:
    """One ingest, in this process; returns its numbers."""
    from eventwire.pipeline import CoderConfig
    from eventwire.scale.engines import make_engine
    from eventwire.scale.ingest import IngestOptions, ingest
    from eventwire.store import open_store

    config = CoderConfig()
    started = time.perf_counter()
    engine_ = make_engine(engine, config, workers)
    startup_cpu = sum(engine_.warm_up().values())
    startup = time.perf_counter() - started
    before = resource.getrusage(resource.RUSAGE_SELF)
    try:
        with open_store(db, memory_limit="256MB") as store:  # as `eventwire ingest` does
            summary = ingest([corpus], store, config, IngestOptions(engine=engine, workers=workers), engine=engine_)
    finally:
        engine_.close()
    after = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "articles": summary.n_coded, "events": summary.n_events, "rejected": summary.n_rejected,
        "seconds": round(summary.seconds, 2), "startup": round(startup, 2),
        "rate": round(summary.n_coded / summary.seconds, 2),
        "parent_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "worker_rss_mb": round(max(summary.peak_rss_kb.values(), default=0) / 1024, 1),
        "workers_seen": len(summary.peak_rss_kb),
        # CPU the workers got while coding, as a share of what N cores give: low means a busy machine
        "worker_cpu_share": round((sum(summary.cpu_seconds.values()) - startup_cpu)
                                  / (max(1, workers) * summary.seconds), 2),
        "load_average": round(os.getloadavg()[0], 2),
        "parent_cpu": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2),
    }


def in_subprocess(corpus: Path, engine: str, workers: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, __file__, "--case", str(corpus), engine, str(workers), str(Path(tmp) / "b.duckdb")]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"case {engine}/{workers} on {corpus.name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def replicate(corpus: Path, times: int, out: Path) -> Path:
    """The corpus ``times`` over, each copy with new ids (streamed: never held in memory)."""
    with open(out, "w", encoding="utf-8") as target:
        for copy in range(times):
            with open(corpus, encoding="utf-8") as source:
                for line in source:
                    record = json.loads(line)
                    record["id"] = f"{record.get('id')}~{copy}"
                    target.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def print_table(rows: list[tuple[str, str, dict]]) -> None:
    header = ("corpus", "engine", "articles", "events", "startup s", "coding s", "articles/s", "parent rss",
              "worker rss", "worker cpu", "parent cpu s", "load")
    table = [header] + [
        (corpus, engine, str(r["articles"]), str(r["events"]), f"{r['startup']:.1f}", f"{r['seconds']:.1f}",
         f"{r['rate']:.2f}", f"{r['parent_rss_mb']:.0f} MiB", f"{r['worker_rss_mb']:.0f} MiB",
         f"{r['worker_cpu_share']:.0%}", f"{r['parent_cpu']:.1f}", f"{r['load_average']:.1f}")
        for corpus, engine, r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for n, row in enumerate(table):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)))
        if n == 0:
            print("  ".join("-" * w for w in widths))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", action="append", choices=sorted(CORPORA), help="default: both")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-10x", action="store_true")
    parser.add_argument("--case", nargs=4, metavar=("CORPUS", "ENGINE", "WORKERS", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        corpus, engine, workers, db = args.case
        print(json.dumps(run_case(Path(corpus), engine, int(workers), Path(db))))
        return 0
    if not (SHARED / "corpus").is_dir():
        print(f"skipped: no shared corpora at {SHARED / 'corpus'}")
        return 0
    rows: list[tuple[str, str, dict]] = []
    speedups = []
    for name in args.corpus or list(CORPORA):
        corpus = SHARED / "corpus" / CORPORA[name]
        one = in_subprocess(corpus, "local", 1)
        two = in_subprocess(corpus, "local", 2)
        rows += [(name, "local x1", one), (name, "local x2", two)]
        speedups.append((name, two["rate"] / one["rate"]))
        if not args.skip_dask:
            rows.append((name, "dask x2", in_subprocess(corpus, "dask", 2)))
        print_table(rows[-3:] if not args.skip_dask else rows[-2:])
        print(flush=True)
    memory = None
    if not args.skip_10x:
        corpus = SHARED / "corpus" / CORPORA["wikinews"]
        with tempfile.TemporaryDirectory() as tmp:
            big = replicate(corpus, 10, Path(tmp) / "wikinews_x10.jsonl")
            ten = in_subprocess(big, "local", 2)
        base = next((r for c, e, r in rows if c == "wikinews" and e == "local x2"), None) or in_subprocess(
            corpus, "local", 2)
        rows.append(("wikinews x10", "local x2", ten))
        memory = (base, ten)
    print("== ingest benchmark ==")
    print_table(rows)
    print()
    for name, ratio in speedups:
        print(f"{name}: 2 local workers run {ratio:.2f}x the speed of 1 (target >= 1.7)")
    if memory:
        base, ten = memory
        for key, label in (("worker_rss_mb", "worker"), ("parent_rss_mb", "parent")):
            change = (ten[key] - base[key]) / base[key] * 100
            print(f"peak {label} memory at 10x input: {ten[key]:.0f} MiB vs {base[key]:.0f} MiB at 1x ({change:+.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
