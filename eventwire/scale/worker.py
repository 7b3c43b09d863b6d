"""What runs inside a worker process (local pool or Dask): code a chunk, return table rows.

The Coder (spaCy model, lexicon, gazetteer) is built once per process, on first use, by a
cache keyed by the (frozen, hashable) CoderConfig: the model is never pickled or shipped,
only the config and the articles are.
"""

from __future__ import annotations

import functools
import os
import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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
    pid: int = 0


@functools.lru_cache(maxsize=2)
def coder_for(config: CoderConfig) -> Coder:
    from eventwire.pipeline import Coder

    return Coder(config)


def init_worker(config: CoderConfig) -> None:
    """Pool initializer: one thread per worker, then load the model before the first chunk."""
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    coder_for(config)


def code_chunk(config: CoderConfig, articles: list[Article]) -> ChunkResult:
    """Code a chunk; an article the coder fails on becomes a failure, the others still count."""
    coder = coder_for(config)
    result = ChunkResult(pid=os.getpid())
    try:
        result.docs = [rows_of(coded) for coded in coder.code_many(articles)]
    except Exception:  # noqa: BLE001 - isolate the article that fails, code the rest
        result.docs = []
        for article in articles:
            try:
                result.docs.append(rows_of(coder.code(article)))
            except Exception as exc:  # noqa: BLE001 - a coder bug must not stop a run of millions
                where = traceback.extract_tb(exc.__traceback__)[-1]
                reason = f"coding failed: {type(exc).__name__}: {exc} ({where.filename}:{where.lineno})"
                result.failures.append(Reject(article.id, None, reason))
    result.peak_rss_kb = peak_rss_kb()
    return result


def peak_rss_kb() -> int:
    """This process's peak resident set size in KiB (Linux reports ru_maxrss in KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
