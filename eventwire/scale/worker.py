"""What runs inside a worker process (local pool or Dask): code a chunk, return table rows.

The Coder (spaCy model, lexicon, gazetteer) is built once per process, on first use, by a
cache keyed by the (frozen, hashable) CoderConfig: the model is never pickled or shipped,
only the config and the articles are.
"""

from __future__ import annotations

import os
import resource
import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire.budget import OverBudget
from eventwire.io.readers import Reject
from eventwire.model import Article
from eventwire.scale.process import THREAD_VARIABLES, coder_for, exit_with_parent, init_worker
from eventwire.store.rows import DocRows, rows_of

__all__ = ["THREAD_VARIABLES", "ChunkResult", "code_chunk", "coder_for", "exit_with_parent", "init_worker"]

if TYPE_CHECKING:
    from eventwire.pipeline import CoderConfig


@dataclass(slots=True)
class ChunkResult:
    """What a worker sends back for one chunk: rows per coded article, and failures."""

    docs: list[DocRows] = field(default_factory=list)
    failures: list[Reject] = field(default_factory=list)
    peak_rss_kb: int = 0  # the worker's peak resident memory so far (for benchmarks)
    cpu_seconds: float = 0.0  # the worker's CPU time so far (for benchmarks)
    pid: int = 0


def code_chunk(config: CoderConfig, articles: list[Article]) -> ChunkResult:
    """Code a chunk; an article the coder fails on becomes a failure, the others still count."""
    coder = coder_for(config)
    result = ChunkResult(pid=os.getpid())
    try:
        result.docs = [rows_of(coded) for coded in coder.code_many(
            articles, on_reject=lambda article, reason: result.failures.append(Reject(article.id, None, reason)))]
    except Exception:  # noqa: BLE001 - isolate the article that fails, code the rest
        result.docs, result.failures = [], []
        for article in articles:
            try:
                result.docs.append(rows_of(coder.code(article)))
            except OverBudget as exc:
                result.failures.append(Reject(article.id, None, exc.reason))
            except Exception as exc:  # noqa: BLE001 - a coder bug must not stop a run of millions
                where = traceback.extract_tb(exc.__traceback__)[-1]
                reason = f"coding failed: {type(exc).__name__}: {exc} ({where.filename}:{where.lineno})"
                result.failures.append(Reject(article.id, None, reason))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result.peak_rss_kb = usage.ru_maxrss  # KiB on Linux
    result.cpu_seconds = usage.ru_utime + usage.ru_stime
    return result
