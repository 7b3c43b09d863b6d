"""The eventwire store: DuckDB tables of coded documents, events, quotes, rejects and runs.

The schema is documented in :mod:`eventwire.store.schema` (``eventwire.store.schema_sql()``
prints it). Open a store with :func:`open_store`; the query helpers (:meth:`Store.events`,
:meth:`Store.stories`, :meth:`Store.document`, ...) are what the API and exports use.

Example::

    with open_store("eventwire.duckdb", read_only=True) as store:
        fights = store.events(EventFilter(actor="RUS*", root="19"), limit=10)
        big = store.stories(EventFilter(date_from="2020-10"), min_mentions=3)
"""

from eventwire.store.db import EventFilter, Store, StoreError, event_record, open_store
from eventwire.store.rows import DocRows, rows_of, story_id
from eventwire.store.schema import schema_sql

__all__ = ["DocRows", "EventFilter", "Store", "StoreError", "event_record", "open_store", "rows_of", "schema_sql", "story_id"]
