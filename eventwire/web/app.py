"""The web application: the JSON API under ``/api`` and the dashboard pages, over one store.

The store is opened read-only once per application; each request gets its own DuckDB cursor
(cursors share the database but not query state, so concurrent requests do not interfere).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from eventwire.budget import OverBudget
from eventwire.store import Store, open_store
from eventwire.web.limits import DEFAULT_MAX_BODY, BodyLimitMiddleware, SecurityHeadersMiddleware

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
        with self._lock:
            if self._coder is None:
                self._coder = self._factory()
            return self._coder.code(article)


def _default_coder() -> Any:
    from eventwire.pipeline import Coder

    return Coder()


def create_app(db: str | Path, *, max_body: int = DEFAULT_MAX_BODY,
               coder_factory: Callable[[], Any] | None = None) -> FastAPI:
    """The app over the store at ``db`` (opened read-only; it must exist)."""
    from eventwire.web.api import router as api_router
    from eventwire.web.pages import router as pages_router

    store = open_store(db, read_only=True)
    # many small concurrent queries: one thread each beats every query fighting for all the cores
    store.con.execute("SET threads TO 1")

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
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
    app.add_middleware(BodyLimitMiddleware, max_body=max_body)
    app.add_middleware(SecurityHeadersMiddleware)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(api_router)
    app.include_router(pages_router)
    app.add_exception_handler(ValueError, _bad_request)
    app.add_exception_handler(OverBudget, _over_budget)
    return app


async def _bad_request(request: Request, exc: Exception) -> JSONResponse:
    """Invalid parameters (a bad date, an unknown sort) are the client's error: 400 with the reason."""
    if not request.url.path.startswith("/api/"):
        from eventwire.web.pages import error_page

        return error_page(request, 400, str(exc))  # type: ignore[return-value]
    return JSONResponse({"detail": str(exc)}, status_code=400)


async def _over_budget(request: Request, exc: Exception) -> JSONResponse:
    """A text whose coding took more than the per-article budget (eventwire/budget.py): 422, with why."""
    return JSONResponse({"detail": f"article rejected: {exc}"}, status_code=422)


def request_store(request: Request) -> Iterator[Store]:
    """A per-request view of the app's store on its own cursor (FastAPI dependency)."""
    shared: Store = request.app.state.store
    cursor = shared.con.cursor()
    try:
        yield Store(cursor, shared.path, read_only=True)
    finally:
        cursor.close()
