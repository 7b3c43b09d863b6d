"""Ingest: read → screen → skip what is stored → code on an engine → write batches to the store.

The parent process reads and writes; workers code. Articles flow in chunks with a bounded
number in flight and results are committed in batches, one transaction each, so memory stays
flat however large the input and a killed run resumes where its last commit ended.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from eventwire.io.normalise import DEFAULT_MAX_CHARS, screen
from eventwire.io.readers import ArticleReader, Notice, Reject, article_files
from eventwire.model import Article
from eventwire.scale.engines import Engine, make_engine
from eventwire.scale.worker import ChunkResult
from eventwire.store.db import Store
from eventwire.store.rows import DocRows

if TYPE_CHECKING:
    from eventwire.pipeline import CoderConfig

REJECTS_PER_WRITE = 500
logger = logging.getLogger("eventwire")
__all__ = ["DEFAULT_MAX_CHARS", "IngestOptions", "IngestSummary", "ingest", "input_files", "screen"]


@dataclass(frozen=True, slots=True)
class IngestOptions:
    engine: str = "local"
    workers: int | None = None  # None: one per core; 0: in this process (local engine)
    scheduler: str | None = None
    chunk_size: int = 8  # articles per task sent to a worker
    batch_docs: int = 64  # documents per transaction
    max_chars: int = DEFAULT_MAX_CHARS
    replace: bool = False
    default_date: dt.date | None = None


@dataclass(slots=True)
class IngestSummary:
    run_id: str = ""
    n_read: int = 0  # articles and rejects read from the inputs
    n_coded: int = 0  # documents written in this run
    n_skipped: int = 0  # already stored (or repeated in the input)
    n_rejected: int = 0
    n_events: int = 0
    seconds: float = 0.0
    workers: int = 0
    peak_rss_kb: dict[int, int] = field(default_factory=dict)  # per worker pid
    cpu_seconds: dict[int, float] = field(default_factory=dict)  # per worker pid, including start-up

    def counts(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("n_read", "n_coded", "n_skipped", "n_rejected", "n_events")}

    def line(self) -> str:
        rate = self.n_coded / self.seconds if self.seconds else 0.0
        return (f"{self.n_coded} documents coded ({self.n_events} events), {self.n_skipped} already stored, "
                f"{self.n_rejected} rejected, in {self.seconds:.1f}s ({rate:.1f} articles/s)")


def input_files(paths: Iterable[str]) -> Iterator[str]:
    """Files of the inputs, folders expanded as the readers expand them, so rejects name files."""
    for path in paths:
        folder = Path(path)
        files = article_files(folder)[0] if path != "-" and folder.is_dir() else []
        yield from (map(str, files) if files else [path])


class _Ingest:
    """One run's bookkeeping: what is in flight, what to commit, what to count."""

    def __init__(self, store: Store, options: IngestOptions, run_id: str, on_progress: Callable[[int], None],
                 on_commit: Callable[[int], None] | None) -> None:
        self.store = store
        self.options = options
        self.run_id = run_id
        self.summary = IngestSummary(run_id=run_id)
        self.in_flight: dict[str, str] = {}  # doc_id -> input path, until committed
        self.rejects: list[Reject] = []
        self.buffer: list[DocRows] = []
        self.on_progress = on_progress
        self.on_commit = on_commit

    def articles(self, paths: Sequence[str]) -> Iterator[tuple[str, Article]]:
        for path, item in ArticleReader(self.options.default_date).read(paths):
            if isinstance(item, Notice):
                logger.warning("eventwire: %s", item)
                continue
            self.summary.n_read += 1
            if isinstance(item, Reject):
                self.reject(item)
                continue
            screened = screen(item, self.options.max_chars)
            if isinstance(screened, str):
                self.reject(Reject(str(path), None, screened))
            else:
                yield str(path), screened

    def chunks(self, articles: Iterable[tuple[str, Article]]) -> Iterator[list[Article]]:
        """Chunks of articles not yet stored and not already on their way."""
        chunk: list[tuple[str, Article]] = []
        for item in articles:
            chunk.append(item)
            if len(chunk) >= self.options.chunk_size:
                if fresh := self._fresh(chunk):
                    yield fresh
                chunk = []
        if chunk and (fresh := self._fresh(chunk)):
            yield fresh

    def _fresh(self, chunk: list[tuple[str, Article]]) -> list[Article]:
        stored = {} if self.options.replace else self.store.stored_hashes(a.id for _, a in chunk)
        fresh = []
        for path, article in chunk:
            if article.id in stored and stored[article.id] != article.content_hash:
                self.reject(Reject(path, None, f"doc_id {article.id!r} is already stored for a different text "
                                               "(ids must be unique; --replace recodes stored articles)"))
                continue
            if article.id in stored or article.id in self.in_flight:
                self.summary.n_skipped += 1
                self.on_progress(1)
                continue
            self.in_flight[article.id] = path
            fresh.append(article)
        return fresh

    def reject(self, reject: Reject) -> None:
        self.rejects.append(reject)
        self.summary.n_rejected += 1
        self.on_progress(1)
        if len(self.rejects) >= REJECTS_PER_WRITE:  # an input of nothing but bad lines stays in bounds too
            self.store.add_rejects(self.rejects, self.run_id)
            self.rejects = []

    def take(self, result: ChunkResult) -> None:
        if result.pid:
            summary = self.summary
            summary.peak_rss_kb[result.pid] = max(result.peak_rss_kb, summary.peak_rss_kb.get(result.pid, 0))
            summary.cpu_seconds[result.pid] = max(result.cpu_seconds, summary.cpu_seconds.get(result.pid, 0.0))
        for failure in result.failures:
            path = self.in_flight.pop(failure.path, "?")
            self.reject(Reject(path, None, f"article {failure.path!r}: {failure.reason}"))
        self.buffer.extend(result.docs)
        self.on_progress(len(result.docs))
        if len(self.buffer) >= self.options.batch_docs:
            self.flush()

    def reject_lost(self) -> None:
        """Articles sent out that never came back (an engine bug or a lost worker) are not silently dropped."""
        for doc_id, path in self.in_flight.items():
            self.reject(Reject(path, None, f"article {doc_id!r}: sent to a worker, no result came back"))
        self.in_flight.clear()
        self.flush()

    def flush(self) -> None:
        if self.rejects:
            self.store.add_rejects(self.rejects, self.run_id)
            self.rejects = []
        if not self.buffer:
            return
        refused: set[str] = set()

        def refuse(doc: DocRows, reason: str) -> None:  # an implausible date, found by the store
            refused.add(doc.doc_id)
            self.reject(Reject(self.in_flight.get(doc.doc_id, "?"), None, f"article {doc.doc_id!r}: {reason}"))

        written = set(self.store.write(self.buffer, self.run_id, replace=self.options.replace, on_reject=refuse))
        if self.rejects:
            self.store.add_rejects(self.rejects, self.run_id)
            self.rejects = []
        for doc in self.buffer:
            self.in_flight.pop(doc.doc_id, None)
            if doc.doc_id in refused:
                continue
            if doc.doc_id in written:
                self.summary.n_coded += 1
                self.summary.n_events += doc.n_events
            else:
                self.summary.n_skipped += 1
        self.buffer = []
        if self.on_commit is not None:
            self.on_commit(self.summary.n_coded)


def ingest(paths: Sequence[str | Path], store: Store, config: CoderConfig, options: IngestOptions | None = None,
           *, progress: bool = False, on_commit: Callable[[int], None] | None = None,
           engine: Engine | None = None) -> IngestSummary:
    """Code ``paths`` into ``store``; resumable, idempotent, never stopped by a bad input.

    ``on_commit`` is called after every committed batch with the number of documents written
    so far. Pass ``engine`` to reuse one (its config must be ``config``).
    """
    options = options or IngestOptions()
    paths = [str(p) for p in paths]
    own_engine = engine is None
    engine = engine or make_engine(options.engine, config, options.workers, options.scheduler)
    run_id = store.begin_run(inputs=paths, config=dataclasses.asdict(config), engine=options.engine,
                             workers=engine.workers)
    bar: Any = None
    run = _Ingest(store, options, run_id, lambda n: bar.update(n) if bar is not None else None, on_commit)
    started = time.perf_counter()
    status = "failed"
    try:
        bar = _progress_bar(paths, enabled=progress)
        for result in engine.map(run.chunks(run.articles(paths))):
            run.take(result)
        run.flush()
        run.reject_lost()
        if run.summary.n_coded:
            store.cluster_summary()  # dyad-filtered answers stay fast (eventwire/store/summary.py)
        status = "done"
    except BaseException as exc:
        if not _is_interruption(exc):
            raise
        status = "interrupted"
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise KeyboardInterrupt(str(exc)) from exc
    finally:
        if bar is not None:
            bar.close()
        if own_engine:
            engine.close()
        summary = run.summary
        summary.seconds = time.perf_counter() - started
        summary.workers = engine.workers
        if status != "done":  # cut short between a commit and its bookkeeping: count what is stored
            summary.n_coded, summary.n_events = store.written_by(run_id)
        store.finish_run(run_id, status, summary.counts())
    return summary


def _is_interruption(exc: BaseException) -> bool:
    """Ctrl-C or SIGTERM, also when it landed inside a DuckDB query, which turns it into its own error."""
    if isinstance(exc, KeyboardInterrupt | duckdb.InterruptException):
        return True
    return isinstance(exc, RuntimeError) and str(exc).strip().lower() == "query interrupted"


def _progress_bar(paths: Sequence[str], enabled: bool) -> Any:
    from tqdm import tqdm

    total = _estimate_articles(paths) if enabled else None
    return tqdm(total=total, unit="art", desc="ingest", file=sys.stderr, disable=not enabled, smoothing=0.1,
                dynamic_ncols=True)


def _estimate_articles(paths: Sequence[str]) -> int | None:
    """Articles to expect, for the ETA: lines of plain .jsonl files, one per other file; None if unknown."""
    total = 0
    for path in map(Path, paths):
        try:
            files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        except OSError:  # an unreadable folder: the reader reports it
            files = []
        for file in files:
            name = file.name.lower()
            if name.endswith((".gz", ".warc")) or str(file) == "-":
                return None
            if name.endswith((".jsonl", ".json")):
                try:
                    total += _count_lines(file)
                except OSError:  # missing or unreadable: the reader reports it; it counts as one reject
                    total += 1
            elif name.endswith((".txt", ".html", ".htm")):
                total += 1
    return total


def _count_lines(path: Path) -> int:
    count = 0
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            count += block.count(b"\n")
    return count
