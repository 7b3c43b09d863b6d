"""Coding many articles: a local process pool or a Dask cluster, feeding the DuckDB store.

``ingest(paths, store, config, IngestOptions(...))`` is the whole job; engines (inline, local
pool, Dask) only decide where chunks of articles are coded. Workers build their Coder once each
and send back plain row dicts; only the parent writes the store.

The names below load on first use, so ``eventwire code --workers`` (which needs the pool but
not the store) does not import DuckDB.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "DaskEngine": "engines", "InlineEngine": "engines", "LocalEngine": "engines", "make_engine": "engines",
    "IngestOptions": "ingest", "IngestSummary": "ingest", "ingest": "ingest", "screen": "ingest",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"eventwire.scale.{_WHERE[name]}"), name)
    raise AttributeError(name)
