"""Where chunks of articles get coded: in this process, a local process pool, or Dask.

Every engine maps a stream of chunks to a stream of ChunkResults, in completion order, with a
bounded number of chunks in flight, so neither the input nor the results are ever held whole.
"""

from __future__ import annotations

import concurrent.futures as cf
import itertools
import multiprocessing
import os
import resource
import time
from collections.abc import Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, Protocol

from eventwire.model import Article
from eventwire.scale.worker import ChunkResult, code_chunk, coder_for, init_worker

if TYPE_CHECKING:
    from eventwire.pipeline import CoderConfig

#: Chunks in flight per worker: enough to keep every worker busy, few enough to stay small.
IN_FLIGHT_PER_WORKER = 2


class Engine(Protocol):
    workers: int

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[ChunkResult]: ...

    def warm_up(self) -> dict[int, float]: ...

    def close(self) -> None: ...


def default_workers() -> int:
    return os.cpu_count() or 1


class InlineEngine:
    """Codes in this process (``--workers 0``): no start-up cost, for debugging and small inputs."""

    def __init__(self, config: CoderConfig) -> None:
        self.config = config
        self.workers = 0

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[ChunkResult]:
        coder_for(self.config)
        for chunk in chunks:
            yield code_chunk(self.config, chunk)

    def warm_up(self) -> dict[int, float]:
        return dict([_load_coder(self.config)])

    def close(self) -> None:
        pass


class LocalEngine:
    """N worker processes started with ``spawn`` (never fork a process that has a model loaded)."""

    def __init__(self, config: CoderConfig, workers: int | None = None) -> None:
        self.config = config
        self.workers = max(1, workers or default_workers())
        self.pool = cf.ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_worker,
            initargs=(config,),
        )

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[ChunkResult]:
        limit = self.workers * IN_FLIGHT_PER_WORKER
        pending: set[cf.Future] = set()
        try:
            for chunk in chunks:
                pending.add(self.pool.submit(code_chunk, self.config, chunk))
                if len(pending) >= limit:
                    done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                    yield from (future.result() for future in done)
            while pending:
                done, pending = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                yield from (future.result() for future in done)
        except BrokenProcessPool as exc:
            raise RuntimeError("a worker process died or could not load the coder (see the error above); "
                               "what was committed is kept: run again to resume") from exc

    def warm_up(self) -> dict[int, float]:
        """Start every worker and load its Coder now (benchmarks time coding, not start-up).

        Returns each worker's CPU seconds spent so far, by pid.
        """
        futures = [self.pool.submit(_warm, self.config) for _ in range(self.workers)]
        return dict(future.result() for future in futures)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _warm(config: CoderConfig) -> tuple[int, float]:
    loaded = _load_coder(config)
    time.sleep(0.5)  # hold this worker so the next warm-up task goes to another one
    return loaded


def _load_coder(config: CoderConfig) -> tuple[int, float]:
    coder_for(config)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return os.getpid(), usage.ru_utime + usage.ru_stime


class DaskEngine:
    """Chunks go to Dask workers; each worker builds its Coder once (``coder_for`` caches it).

    With ``scheduler`` the engine joins an existing cluster (whose workers must have eventwire
    installed); otherwise it starts a LocalCluster of ``workers`` single-threaded processes.
    """

    def __init__(self, config: CoderConfig, scheduler: str | None = None, workers: int | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - depends on the installed extras
            raise RuntimeError("the Dask engine needs dask[distributed]: pip install 'eventwire[dask]'") from exc
        self.config = config
        self.cluster: Any = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(
                n_workers=max(1, workers or default_workers()), threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=40,
                env={name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")},
            )
            self.client = Client(self.cluster)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, chunks: Iterable[list[Article]]) -> Iterator[ChunkResult]:
        from distributed import as_completed

        limit = self.workers * IN_FLIGHT_PER_WORKER
        stream = iter(chunks)
        first = [self._submit(chunk) for chunk in itertools.islice(stream, limit)]
        if not first:
            return
        completed = as_completed(first)
        for future in completed:
            result = future.result()
            future.release()
            next_chunk = next(stream, None)
            if next_chunk is not None:
                completed.add(self._submit(next_chunk))
            yield result

    def warm_up(self) -> dict[int, float]:
        return dict(self.client.run(_load_coder, self.config).values())  # on every worker

    def _submit(self, chunk: list[Article]) -> Any:
        return self.client.submit(code_chunk, self.config, chunk, pure=False)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_engine(kind: str, config: CoderConfig, workers: int | None = None, scheduler: str | None = None) -> Engine:
    if kind == "dask":
        return DaskEngine(config, scheduler=scheduler, workers=workers)
    if kind != "local":
        raise ValueError(f"unknown engine {kind!r} (local or dask)")
    if workers == 0:
        return InlineEngine(config)
    return LocalEngine(config, workers)
