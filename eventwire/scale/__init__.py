"""Coding many articles: a local process pool or a Dask cluster, feeding the DuckDB store.

``ingest(paths, store, config, IngestOptions(...))`` is the whole job; engines (inline, local
pool, Dask) only decide where chunks of articles are coded. Workers build their Coder once each
and send back plain row dicts; only the parent writes the store.
"""

from eventwire.scale.engines import DaskEngine, InlineEngine, LocalEngine, make_engine
from eventwire.scale.ingest import IngestOptions, IngestSummary, ingest, screen

__all__ = ["DaskEngine", "InlineEngine", "IngestOptions", "IngestSummary", "LocalEngine", "ingest", "make_engine",
           "screen"]
