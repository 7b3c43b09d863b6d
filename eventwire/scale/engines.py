"""Where chunks of articles get coded: in this process, a local process pool, or Dask.

Every engine maps a stream of chunks to a stream of ChunkResults, in completion order, with a
bounded number of chunks in flight, so neither the input nor the results are ever held whole.
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import itertools
import multiprocessing
import os
import resource
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, Protocol

from eventwire.io.readers import Reject
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
    """One worker per core this process may use, less one when the machine is already busy.

    Busy means the load average of the last minute is 1 or more: some other program keeps a core
    occupied, and a worker competing with it would only slow both (and the machine's user) down.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        busy = os.getloadavg()[0] >= 1.0
    except OSError:  # no load average on this system
        busy = False
    return max(1, cores - 1) if busy else max(1, cores)


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
    """N worker processes started with ``spawn`` (never fork a process that has a model loaded).

    A worker that dies (killed, out of memory, a crash in native code) breaks the whole pool:
    the pool is restarted and every chunk that was in flight is retried once, alone; a chunk
    that breaks it again is coded article by article, and the article that kills its worker is
    rejected with a reason naming it, so one poisonous article never stops a run.

    ``task(config, chunk)`` codes a chunk and ``killed(article, reason)`` is what stands for an
    article that killed its worker; the defaults make ingest's ChunkResults.
    """

    def __init__(self, config: CoderConfig, workers: int | None = None, *,
                 task: Callable[[CoderConfig, list[Article]], Any] = code_chunk,
                 killed: Callable[[Article, str], Any] | None = None,
                 initializer: Callable[[CoderConfig], None] = init_worker) -> None:
        self.config = config
        self.workers = max(1, workers or default_workers())
        self.task = task
        self.killed = killed or _killed_chunk
        self.initializer = initializer
        self.restarts = 0
        self.pool = self._new_pool()

    def _new_pool(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=self.initializer,
            initargs=(self.config,),
        )

    def map(self, chunks: Iterable[list[Article]], *, ordered: bool = False) -> Iterator[Any]:
        """Results of ``task`` for every chunk: in completion order, or in input order if ``ordered``."""
        limit = self.workers * IN_FLIGHT_PER_WORKER
        stream = iter(chunks)
        pending: collections.deque[tuple[list[Article], cf.Future]] = collections.deque()
        while True:
            for chunk in itertools.islice(stream, limit - len(pending)):
                pending.append((chunk, self._submit(chunk)))
            if not pending:
                return
            cf.wait([f for _, f in pending], return_when=cf.FIRST_COMPLETED)
            if any(_broken(f) for _, f in pending):
                yield from self._recover(pending)
                continue
            # a future may break after the check above (a worker dies meanwhile): it is left for the recovery
            if ordered:
                while pending and pending[0][1].done() and not _broken(pending[0][1]):
                    yield pending.popleft()[1].result()
            else:
                for item in [item for item in pending if item[1].done() and not _broken(item[1])]:
                    pending.remove(item)
                    yield item[1].result()

    def _recover(self, pending: collections.deque[tuple[list[Article], cf.Future]]) -> Iterator[Any]:
        """The pool broke: keep what was finished, retry the rest alone on a fresh pool, in order."""
        self._restart()
        while pending:
            chunk, future = pending.popleft()
            if future.done() and not _broken(future):
                yield future.result()
                continue
            try:
                yield self._alone(chunk)  # the retry
            except BrokenProcessPool:
                self._restart()
                for article in chunk:  # find the article that kills workers
                    try:
                        yield self._alone([article])
                    except BrokenProcessPool:
                        self._restart()
                        yield self.killed(article, "the worker process coding it died (killed or crashed) "
                                                   "twice: rejected, the run goes on")

    def _submit(self, chunk: list[Article]) -> cf.Future:
        """A worker may die between two submissions; the pool then refuses new work at once, and the chunk
        waits, as a broken future, for the recovery every other broken future gets."""
        try:
            return self.pool.submit(self.task, self.config, chunk)
        except BrokenProcessPool as exc:
            refused: cf.Future = cf.Future()
            refused.set_exception(exc)
            return refused

    def _alone(self, chunk: list[Article]) -> Any:
        return self.pool.submit(self.task, self.config, chunk).result()

    def _restart(self) -> None:
        """A fresh pool, after checking that its workers can start at all (else retrying is pointless)."""
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.restarts += 1
        self.pool = self._new_pool()
        try:
            self.pool.submit(os.getpid).result()
        except BrokenProcessPool as exc:
            raise RuntimeError("worker processes die as they start (they cannot load the coder: run with "
                               "--workers 0 to see why); what was committed is kept: run again to resume") from exc

    def warm_up(self) -> dict[int, float]:
        """Start every worker and load its Coder now (benchmarks time coding, not start-up).

        Returns each worker's CPU seconds spent so far, by pid.
        """
        futures = [self.pool.submit(_warm, self.config) for _ in range(self.workers)]
        return dict(future.result() for future in futures)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _broken(future: cf.Future) -> bool:
    return future.done() and isinstance(future.exception(), BrokenProcessPool)


def _killed_chunk(article: Article, reason: str) -> ChunkResult:
    return ChunkResult(failures=[Reject(article.id, None, reason)])


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
