"""Tasks for engine tests, importable by spawned worker processes (they cannot import a test's closure)."""

from __future__ import annotations

import os


def start_nothing(config) -> None:
    """An initializer that loads no model: the engine is tested, not the coder."""


def start_and_fail(config) -> None:
    raise RuntimeError("cannot load the coder")


def ids_or_die(config, articles) -> list[str]:
    """The chunk's ids; the worker process dies (as if killed or out of memory) on an article saying KILL."""
    for article in articles:
        if "KILL" in article.text:
            os._exit(9)
    return [article.id for article in articles]


def nothing_or_die(config, articles):
    """An empty ChunkResult (no rows); the worker dies on an article saying KILL."""
    from eventwire.scale.worker import ChunkResult

    ids_or_die(config, articles)
    return ChunkResult(pid=os.getpid())
