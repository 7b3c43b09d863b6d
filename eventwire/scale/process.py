"""What every worker process (ingest's or ``code --workers``) holds: one Coder, one BLAS thread,
and a watch on its parent. Light to import: no store, no web stack."""

from __future__ import annotations

import functools
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventwire.pipeline import Coder, CoderConfig

#: One BLAS/OpenMP thread per worker: N workers on N cores must not each start N threads.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


@functools.lru_cache(maxsize=2)
def coder_for(config: CoderConfig) -> Coder:
    from eventwire.pipeline import Coder

    return Coder(config)


def init_worker(config: CoderConfig) -> None:
    """Pool initializer: one thread per worker, exit with the parent, load the model now."""
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent handles it
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


