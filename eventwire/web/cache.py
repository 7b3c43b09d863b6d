"""Read-only aggregates of the served store, computed once and kept.

The server opens its store read-only, and DuckDB lets no other process write a file that is
open (see "Serving while ingesting" in the README), so an aggregate computed once stays true
for as long as the server runs. Scanning a million events for the overview takes seconds;
answering it from here takes microseconds. Concurrent requests for the same aggregate wait
for the one computing it instead of all scanning at once. The number of entries is bounded.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from eventwire.store import Store

T = TypeVar("T")
MAX_ENTRIES = 512


class AggregateCache:
    """A bounded, thread-safe memo of query results over one read-only store."""

    def __init__(self, store: Store, max_entries: int = MAX_ENTRIES) -> None:
        if not store.read_only:
            raise ValueError("only the aggregates of a read-only store may be cached")
        self.store = store
        self.max_entries = max_entries
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._computing: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, compute: Callable[[Store], T], store: Store | None = None) -> T:
        """The value for ``key``, computing it with ``compute(store)`` the first time."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                self.hits += 1
                return self._values[key]
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                if key in self._values:
                    self.hits += 1
                    return self._values[key]
            if store is not None:
                value = compute(store)
            else:
                with self._cursor_store() as own:
                    value = compute(own)
            with self._lock:
                self.misses += 1
                self._values[key] = value
                while len(self._values) > self.max_entries:
                    self._values.popitem(last=False)
                self._computing.pop(key, None)
            return value

    def _cursor_store(self) -> Store:
        """A view on its own cursor, for computing outside a request (warming up)."""
        return Store(self.store.con.cursor(), self.store.path, read_only=True)
