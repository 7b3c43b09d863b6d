"""Read-only aggregates of the served store, computed once and kept.

The server opens its store read-only, and DuckDB lets no other process write a file that is
open (see "Serving while ingesting" in the README), so an aggregate computed once stays true
for as long as the server runs. Scanning a million events for the overview takes seconds;
answering it from here takes microseconds. Concurrent requests for the same aggregate wait
for the one computing it instead of all scanning at once. The number of entries is bounded.
"""

from __future__ import annotations

import dataclasses
import gzip
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

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
        self._pinned: dict[Hashable, Any] = {}
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
            value = self._compute(compute, store)
            with self._lock:
                self.misses += 1
                self._values[key] = value
                while len(self._values) > self.max_entries:
                    self._values.popitem(last=False)
                self._computing.pop(key, None)
            return value

    def pinned(self, key: Hashable, compute: Callable[[Store], T], store: Store | None = None) -> T:
        """Like :meth:`get`, for a few large values that must never be evicted (the event index)."""
        with self._lock:
            if key in self._pinned:
                return self._pinned[key]
            gate = self._computing.setdefault(("pinned", key), threading.Lock())
        with gate:
            with self._lock:
                if key in self._pinned:
                    return self._pinned[key]
            value = self._compute(compute, store)
            with self._lock:
                self._pinned[key] = value
                self._computing.pop(("pinned", key), None)
            return value

    def _compute(self, compute: Callable[[Store], T], store: Store | None) -> T:
        """On the request's store, or on a cursor of its own when there is no request (warming up)."""
        if store is not None:
            return compute(store)
        with self.cursor_store() as own:
            return compute(own)

    def cursor_store(self) -> Store:
        """A view on its own cursor, for computing outside a request (warming up)."""
        return Store(self.store.con.cursor(), self.store.path, read_only=True)


#: Whole answers kept by :class:`ResponseCache`: at most this many, of at most this many bytes
#: in all, each at most ``MAX_BODY`` (bigger answers, downloads, pass through unkept).
MAX_RESPONSES = 4096
MAX_RESPONSE_BYTES = 128 * 1024 * 1024
MAX_BODY = 4 * 1024 * 1024


#: Kept answers at least this long whose type is text or JSON also keep a gzipped copy.
GZIP_MIN = 1024
#: Level 1: a 200 KB page in 1.8 ms to 52 KB (level 6: 9 ms to 44 KB), on the event loop, once per answer.
GZIP_LEVEL = 1
_COMPRESSIBLE = (b"text/", b"application/json")


@dataclass(frozen=True, slots=True)
class KeptResponse:
    """One answer as sent: status, headers (before the security headers are added) and body,
    and the same body gzipped for clients that accept gzip (None: not worth it, or not yet
    made: see ``compressible``)."""

    status: int
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes
    gzipped: bytes | None = None
    compressible: bool = False

    @classmethod
    def of(cls, status: int, headers: tuple[tuple[bytes, bytes], ...], body: bytes) -> KeptResponse:
        """The answer as kept; whether a gzipped copy is worth making (text or JSON of 1 KB or more)."""
        kind = dict(headers).get(b"content-type", b"")
        encoded = any(name == b"content-encoding" for name, _ in headers)
        if len(body) < GZIP_MIN or encoded or not kind.startswith(_COMPRESSIBLE):
            return cls(status, headers, body)
        vary = tuple(h for h in headers if h[0] != b"vary") + ((b"vary", b"Accept-Encoding"),)
        return cls(status, vary, body, compressible=True)

    def wants_gzip(self, accepts_gzip: bool) -> bool:
        """Whether this client's hit should first make the gzipped copy."""
        return accepts_gzip and self.compressible and self.gzipped is None

    def with_gzip(self) -> KeptResponse:
        """The answer with its gzipped copy, made on its first hit by a gzip client rather than
        when kept: most kept answers of a loaded server are never asked again, and compressing
        each was a tenth of the server's time for fresh series (a 200 KB page: ~2 ms once, then
        4x fewer bytes for every client to read)."""
        return dataclasses.replace(self, gzipped=gzip.compress(self.body, GZIP_LEVEL, mtime=0))

    def message(self, accepts_gzip: bool) -> tuple[dict[str, Any], bytes]:
        """The ``http.response.start`` message and the body to send to this client."""
        if not (accepts_gzip and self.gzipped is not None):
            return {"type": "http.response.start", "status": self.status, "headers": list(self.headers)}, self.body
        headers = [h for h in self.headers if h[0] != b"content-length"]
        headers += [(b"content-encoding", b"gzip"), (b"content-length", str(len(self.gzipped)).encode())]
        return {"type": "http.response.start", "status": self.status, "headers": headers}, self.gzipped


class ResponseCache:
    """A bounded, thread-safe LRU of whole GET answers, keyed by path and normalised query.

    Misses of different requests cost tens of milliseconds of DuckDB and rendering; a kept
    answer is sent back in microseconds without routing, dependencies or a threadpool hop.
    Bounded by entries and by total bytes. :meth:`clear` drops everything (a new store
    generation); the served store cannot change while it is open (DuckDB's file lock), so
    the app never needs to.
    """

    def __init__(self, max_entries: int = MAX_RESPONSES, max_bytes: int = MAX_RESPONSE_BYTES,
                 max_body: int = MAX_BODY) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_body = max_body
        self._kept: OrderedDict[Hashable, KeptResponse] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.generation = 0
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> KeptResponse | None:
        """The kept answer for ``key``, or None (a miss)."""
        with self._lock:
            found = self._kept.get(key)
            if found is None:
                self.misses += 1
                return None
            self._kept.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: Hashable, response: KeptResponse, generation: int | None = None) -> bool:
        """Keep ``response`` unless too big or computed before the last :meth:`clear`."""
        size = len(response.body) + len(response.gzipped or b"")
        with self._lock:
            if size > self.max_body or size > self.max_bytes or (generation is not None
                                                                 and generation != self.generation):
                return False
            old = self._kept.pop(key, None)
            if old is not None:
                self._bytes -= _size(old)
            self._kept[key] = response
            self._bytes += size
            while len(self._kept) > self.max_entries or self._bytes > self.max_bytes:
                _, dropped = self._kept.popitem(last=False)
                self._bytes -= _size(dropped)
            return True

    def clear(self) -> None:
        """Forget every answer (and refuse those computed before now)."""
        with self._lock:
            self._kept.clear()
            self._bytes = 0
            self.generation += 1

    def __len__(self) -> int:
        return len(self._kept)

    @property
    def size_bytes(self) -> int:
        return self._bytes


def _size(response: KeptResponse) -> int:
    return len(response.body) + len(response.gzipped or b"")


def accepts_gzip(scope: Scope) -> bool:
    """Whether the request's Accept-Encoding names gzip (without ``q=0``)."""
    for name, value in scope.get("headers", ()):
        if name == b"accept-encoding":
            for part in value.decode("latin-1").lower().split(","):
                coding, _, quality = part.strip().partition(";")
                if coding.strip() in ("gzip", "*") and quality.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00",
                                                                                        "q=0.000"):
                    return True
    return False


def request_key(scope: Scope) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A GET request's identity: its path and its query pairs in sorted order (blank values kept)."""
    query = scope.get("query_string", b"").decode("latin-1")
    pairs = tuple(sorted(parse_qsl(query, keep_blank_values=True)))
    return scope.get("raw_path", scope["path"].encode()).decode("latin-1"), pairs


class ResponseCacheMiddleware:
    """Answers repeated GETs from a :class:`ResponseCache`; keeps the 200 answers of the rest.

    Only successful GETs outside ``/static`` are kept (static files answer conditional
    requests themselves). It sits inside the Host check and the security headers, so kept
    answers are checked and dressed like fresh ones.
    """

    def __init__(self, app: ASGIApp, cache: ResponseCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET" or scope["path"].startswith("/static"):
            await self.app(scope, receive, send)
            return
        key = request_key(scope)
        generation = self.cache.generation
        kept = self.cache.get(key)
        if kept is not None:
            gzip_ok = accepts_gzip(scope)
            if kept.wants_gzip(gzip_ok):
                kept = kept.with_gzip()
                self.cache.put(key, kept, generation)
            start_message, body = kept.message(gzip_ok)
            await send(start_message)
            await send({"type": "http.response.body", "body": body})
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        size = 0

        async def keeping(message: Message) -> None:
            nonlocal size
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body" and size <= self.cache.max_body:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if not message.get("more_body", False) and start.get("status") == 200:
                    headers = tuple((bytes(n), bytes(v)) for n, v in start.get("headers", ()))
                    self.cache.put(key, KeptResponse.of(200, headers, b"".join(chunks)), generation)
            await send(message)

        await self.app(scope, receive, keeping)
