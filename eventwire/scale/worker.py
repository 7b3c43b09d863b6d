"""What runs inside a worker process (local pool or Dask): code a chunk, return table rows.

The Coder (spaCy model, lexicon, gazetteer) is built once per process, on first use, by a
cache keyed by the (frozen, hashable) CoderConfig: the model is never pickled or shipped,
only the config and the articles are.
"""

from __future__ import annotations

import functools
import multiprocessing
import multiprocessing.connection
import os
import resource
import threading
import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from eventwire.budget import OverBudget
from eventwire.io.readers import Reject
from eventwire.model import Article
from eventwire.store.rows import DocRows, rows_of

if TYPE_CHECKING:
    from eventwire.pipeline import Coder, CoderConfig

#: One BLAS/OpenMP thread per worker: N workers on N cores must not each start N threads.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


@dataclass(slots=True)
class ChunkResult:
    """What a worker sends back for one chunk: rows per coded article, and failures."""

    docs: list[DocRows] = field(default_factory=list)
    failures: list[Reject] = field(default_factory=list)
    peak_rss_kb: int = 0  # the worker's peak resident memory so far (for benchmarks)
    cpu_seconds: float = 0.0  # the worker's CPU time so far (for benchmarks)
    pid: int = 0


@functools.lru_cache(maxsize=2)
def coder_for(config: CoderConfig) -> Coder:
    from eventwire.pipeline import Coder

    return Coder(config)


def init_worker(config: CoderConfig) -> None:
    """Pool initializer: one thread per worker, exit with the parent, load the model now."""
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    exit_with_parent()
    coder_for(config)


def exit_with_parent() -> None:
    """A worker whose parent was killed (``kill -9``) must not live on holding memory and CPU.

    Pool workers block on a queue whose writing end they hold themselves, so they never see
    the parent go; the spawn sentinel (a pipe the parent holds open) does.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


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
