"""Start-up of ``eventwire code`` for one sentence: wall time, CPU time and peak memory.

    .venv/bin/python benchmarks/bench_startup.py [RUNS]

Runs ``eventwire code -`` on "Russia attacked Ukraine." RUNS times (default 5) as a child process
and prints the minimum and median of each measure (the minimum is the least disturbed by other
work on a shared machine). The gazetteer cache is built first, so the first-run build is not timed.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

SENTENCE = b"Russia attacked Ukraine."
COMMAND = [str(Path(sys.executable).with_name("eventwire")), "code", "-"]


def one_run() -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS in MB of one child run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(COMMAND, input=SENTENCE, capture_output=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert b'"UKR"' in done.stdout, done.stderr.decode()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss / 1024  # ru_maxrss of children: the largest so far, KiB on Linux


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    subprocess.run(COMMAND, input=SENTENCE, capture_output=True, check=True)  # warm caches and the gazetteer
    results = [one_run() for _ in range(runs)]
    load = os.getloadavg()[0]
    for name, values in zip(("wall s", "cpu s", "peak RSS MB"), zip(*results)):
        print(f"{name:12} min {min(values):7.2f}  median {statistics.median(values):7.2f}")
    print(f"({runs} runs, load average {load:.2f})")


if __name__ == "__main__":
    main()
