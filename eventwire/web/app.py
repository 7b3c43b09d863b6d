"""The web application: the JSON API under ``/api`` and the dashboard pages, over one store.

The store is opened read-only once per application; each request gets its own DuckDB cursor
(cursors share the database but not query state, so concurrent requests do not interfere).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import secrets
import threading
from collections.abc import AsyncIterator, Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from eventwire.budget import OverBudget
from eventwire.store import Store, open_store
from eventwire.web.cache import AggregateCache, ResponseCache, ResponseCacheMiddleware
from eventwire.web.limits import (
    DEFAULT_MAX_BODY,
    LOCAL_HOSTS,
    SECURITY_HEADERS,
    BodyLimitMiddleware,
    HostCheckMiddleware,
    SecurityHeadersMiddleware,
)

STATIC_DIR = Path(__file__).resolve().parent / "static"


class CoderHolder:
    """Builds the Coder on first use (loading spaCy takes seconds) and codes one text at a time.

    Coding is serialised because a spaCy pipeline is not meant to be shared between threads.
    """

    def __init__(self, factory: Callable[[], Any] | None = None) -> None:
        self._factory = factory or _default_coder
        self._coder: Any = None
        self._lock = threading.Lock()

    def code(self, article: Any) -> Any:
        """The coded article; CodingError (the reason, no traceback) when coding it raised."""
        from eventwire.pipeline import CodingError, CodingFailure

        with self._lock:
            if self._coder is None:
                self._coder = self._factory()
            result = next(iter(self._coder.code_isolated([article])))
        if isinstance(result, CodingFailure):
            raise CodingError(result.reason)
        return result


def _default_coder() -> Any:
    from eventwire.pipeline import Coder

    return Coder()


def create_app(db: str | Path, *, max_body: int = DEFAULT_MAX_BODY,
               coder_factory: Callable[[], Any] | None = None,
               allowed_hosts: Iterable[str] = LOCAL_HOSTS, warm: bool = False) -> FastAPI:
    """The app over the store at ``db`` (opened read-only; it must exist and pass :meth:`Store.check`).

    ``allowed_hosts`` are the names the Host header may carry (``*`` for any); ``warm``
    computes the overview's aggregates, the event index and the default alerts at start,
    before the server answers (a few seconds at a million events).
    """
    from eventwire.web.api import router as api_router
    from eventwire.web.pages import router as pages_router

    store = open_store(db, read_only=True)
    try:
        store.check()
    except Exception:
        store.close()
        raise
    # many small concurrent queries: one thread each beats every query fighting for all the cores
    store.con.execute("SET threads TO 1")

    cache = AggregateCache(store)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if warm:  # before listening: the first visitors then find the answers kept, and do not
            # compete with the warming for the cores (uvicorn opens its socket after this)
            await anyio.to_thread.run_sync(_warm, cache)
            _freeze_warmed()
        yield
        if warm:
            gc.unfreeze()
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="eventwire",
        version="0.1.0",
        description="Political event data coded from news text: events, dyads, escalation alerts, quotes. "
                    "Read-only over one eventwire store; POST /api/code codes a text without storing it.",
        openapi_url="/openapi.json",
        docs_url=None,  # Swagger UI loads assets from a CDN; the dashboard must work offline
        redoc_url=None,
    )
    app.state.store = store
    app.state.coder = CoderHolder(coder_factory)
    app.state.max_body = max_body
    app.state.cache = cache
    app.state.csrf_token = secrets.token_urlsafe(32)  # forms carry it; other sites cannot read it
    app.state.responses = ResponseCache()
    app.add_middleware(ResponseCacheMiddleware, cache=app.state.responses)  # innermost: checked, then dressed
    app.add_middleware(BodyLimitMiddleware, max_body=max_body)
    app.add_middleware(HostCheckMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(SecurityHeadersMiddleware)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(api_router)
    app.include_router(pages_router)
    app.add_exception_handler(ValueError, _bad_request)
    app.add_exception_handler(Exception, _server_error)
    app.add_exception_handler(OverBudget, _over_budget)
    return app


def _warm(cache: AggregateCache) -> None:
    """Compute the overview and the default alerts before the first visitor asks (errors surface later)."""
    from eventwire.web.api import warm_defaults
    from eventwire.web.pages import overview_data
    from eventwire.web.queries import all_titles, event_index

    try:
        overview_data(cache)
        with cache.cursor_store() as store:
            event_index(cache, store)
            cache.pinned(("titles",), all_titles, store)
        warm_defaults(cache)
    except Exception:  # a failure here shows again, with its message, on the first request
        logging.getLogger("eventwire.web").exception("warming the overview failed")


def _freeze_warmed() -> None:
    """Leave what warming built out of the garbage collector's full collections.

    The event index, the kept titles and the warmed answers hold lists of hundreds of thousands
    of values; a full collection walked them in 70 ms at a million events, a pause that any
    request could trigger by allocating, under load the largest share of some p95s. They live
    as long as the server, so they are moved to the permanent generation (``gc.freeze``) after
    a last collection; what requests create later is collected as usual.
    """
    gc.collect()
    gc.freeze()


async def _server_error(request: Request, exc: Exception) -> JSONResponse:
    """A 500 with the same security headers as every other answer (this runs outside the middleware)."""
    logging.getLogger("eventwire.web").error("error answering %s", request.url.path, exc_info=exc)
    headers = {name.decode(): value.decode() for name, value in SECURITY_HEADERS}
    return JSONResponse({"detail": "internal server error"}, status_code=500, headers=headers)


async def _bad_request(request: Request, exc: Exception) -> JSONResponse:
    """Invalid parameters (a bad date, an unknown sort) are the client's error: 400 with the reason."""
    if not request.url.path.startswith("/api/"):
        from eventwire.web.pages import error_page

        return error_page(request, 400, str(exc))  # type: ignore[return-value]
    return JSONResponse({"detail": str(exc)}, status_code=400)


def path_tail(request: Request, name: str) -> str:
    """The path parameter ``name`` (the rest of the path), percent-decoded exactly once.

    Ids may contain ``/``, ``%`` and ``?`` (URLs as doc_ids): links encode them whole, and the
    decoded path would decode ``%2520`` twice, so the tail is taken from the raw path.
    """
    value = request.path_params[name]
    raw = request.scope.get("raw_path")
    if not raw:
        return value
    raw_path = raw.decode("latin-1")
    template = request.scope["route"].path.replace("{" + name + ":path}", "")
    return unquote(raw_path[len(template):]) if raw_path.startswith(template) else value


async def request_cache(request: Request) -> AggregateCache:
    """The app's cache of read-only aggregates (FastAPI dependency; async: no threadpool hop)."""
    return request.app.state.cache


async def _over_budget(request: Request, exc: Exception) -> JSONResponse:
    """A text whose coding took more than the per-article budget (eventwire/budget.py): 422, with why."""
    return JSONResponse({"detail": f"article rejected: {exc}"}, status_code=422)


async def request_store(request: Request) -> AsyncIterator[Store]:
    """A per-request view of the app's store on its own cursor (FastAPI dependency).

    Async, as opening and closing a cursor takes microseconds: a sync generator dependency
    costs two threadpool hops per request, which queue behind the queries with 20 clients.
    """
    shared: Store = request.app.state.store
    cursor = shared.con.cursor()
    try:
        yield Store(cursor, shared.path, read_only=True)
    finally:
        cursor.close()
