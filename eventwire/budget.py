"""How much time and memory coding one article may take.

A text built to blow up the coder (thousands of conjoined actors, a 50 MB line) must not stall an
ingest worker, ``eventwire code`` or the API, where coding is serialised and one request would hold
up all the others. The Coder meters every article against a :class:`Budget` between its stages
(and between the sentences of the events stage) and raises :class:`OverBudget`, with the reason,
when the article has taken more than its share; callers reject that article and go on.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from dataclasses import dataclass


class OverBudget(RuntimeError):
    """An article took more time or memory than the budget allows; ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Budget:
    """Per-article limits: wall-clock seconds and growth of the process's resident memory in MiB.

    ``None`` switches a limit off. The defaults are far above what any real article needs
    (a long news article codes in well under a second and a few MiB).
    """

    seconds: float | None = 60.0
    memory_mb: float | None = 1024.0

    def start(self) -> Meter:
        return Meter(self)


class Meter:
    """The running account of one article against its budget."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.started = time.monotonic()
        self.rss_at_start = resident_mb() if budget.memory_mb is not None else 0.0

    def check(self, where: str) -> None:
        budget = self.budget
        if budget.seconds is not None:
            elapsed = time.monotonic() - self.started
            if elapsed > budget.seconds:
                raise OverBudget(f"over the time budget: {elapsed:.1f} s > {budget.seconds:g} s (at {where})")
        if budget.memory_mb is not None:
            grown = resident_mb() - self.rss_at_start
            if grown > budget.memory_mb:
                raise OverBudget(f"over the memory budget: +{grown:.0f} MiB > {budget.memory_mb:g} MiB (at {where})")


_PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20 if hasattr(os, "sysconf") else 0.0


def resident_mb() -> float:
    """The process's current resident memory (Linux: /proc; elsewhere the peak, which only grows)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * _PAGE_MB
    except (OSError, ValueError, IndexError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 1024
