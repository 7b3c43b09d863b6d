"""The JSON API (``/api/...``); its OpenAPI description is served at ``/openapi.json``."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.encoders import jsonable_encoder
from pydantic import BaseModel, Field

from eventwire.analysis import AlertParams, actor_network, dyad_filter
from eventwire.analysis.series import MAX_PERIODS
from eventwire.store import EventFilter, Store
from eventwire.web.alerting import cached_alerts
from eventwire.web.app import path_tail, request_cache, request_store
from eventwire.web.cache import AggregateCache
from eventwire.web.downloads import events_download
from eventwire.web.queries import (
    build_filter,
    cached_count,
    cached_dyads,
    cached_page,
    cached_timeseries,
    count_cap,
    search_quotes,
)

router = APIRouter(prefix="/api", tags=["api"])
StoreDep = Annotated[Store, Depends(request_store)]
CacheDep = Annotated[AggregateCache, Depends(request_cache)]
LevelParam = Annotated[Literal["actor", "country"], Query(description="dyads of actor codes or of countries")]
MAX_PAGE = 500
#: Deeper pages than this are refused (DuckDB offsets are 64-bit; nobody pages a billion rows).
MAX_OFFSET = 1_000_000_000
OffsetParam = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"rows to skip, at most {MAX_OFFSET}")]


async def event_filter(
    actor: Annotated[str | None, Query(description="source or target code; trailing * for a prefix (RUS*)")] = None,
    source: Annotated[str | None, Query(description="source actor code (or prefix*)")] = None,
    target: Annotated[str | None, Query(description="target actor code (or prefix*)")] = None,
    dyad: Annotated[str | None, Query(description="SOURCE,TARGET, e.g. RUSGOV,UKRMIL or RUS*,UKR*")] = None,
    country: Annotated[str | None, Query(description="ISO3 country of source or target")] = None,
    cameo: Annotated[str | None, Query(description="CAMEO code (or prefix*)")] = None,
    root: Annotated[str | None, Query(description="CAMEO root, 01-20")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="1-4")] = None,
    plover: Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT")] = None,
    modality: Annotated[str | None, Query(description="asserted, negated, hypothetical, future, reported")] = None,
    date_from: Annotated[str | None, Query(description="inclusive, ISO date (or month/year prefix)")] = None,
    date_to: Annotated[str | None, Query(description="inclusive, ISO date (or month/year prefix)")] = None,
    q: Annotated[str | None, Query(description="case-insensitive text search in the sentence")] = None,
    doc_id: Annotated[str | None, Query(description="events of one article")] = None,
    at: Annotated[str | None, Query(description="LAT,LON: events placed there (as the map rounds them)")] = None,
    min_confidence: Annotated[float | None, Query(
        ge=0, le=1, description="events whose confidence (calibrated probability of being right, 0-1) is at "
                                "least this; events stored without a confidence are left out")] = None,
) -> EventFilter:
    """The request's EventFilter (async: it only parses, so it runs without a threadpool hop)."""
    return build_filter(locals())


FilterDep = Annotated[EventFilter, Depends(event_filter)]


@router.get("/events", response_model=dict[str, Any],
            summary="Event mentions matching the filters, a page at a time")
def get_events(store: StoreDep, cache: CacheDep, where: FilterDep,
               limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
               offset: OffsetParam = 0,
               sort: Annotated[Literal["-date", "date", "doc"], Query(description="-date is newest first")] = "-date",
               ) -> Response:
    events = cached_page(cache, store, where, limit=limit, offset=offset, sort=sort)
    total, cap = cached_count(cache, store, where), count_cap(where)  # a text search: up to 1,000
    return json_answer({"total": min(total, cap), "total_is_lower_bound": total > cap, "limit": limit,
                        "offset": offset, "events": events})


@router.get("/events.{fmt}", summary="Download the events matching the filters as CSV or Parquet")
def download_events(store: StoreDep, where: FilterDep, fmt: Literal["csv", "parquet"],
                    sort: Annotated[Literal["-date", "date", "doc"], Query()] = "-date") -> Response:
    return events_download(store, where, fmt, sort)


@router.get("/documents/{doc_id:path}", summary="One article with all its records (its id may contain /)")
def get_document(doc_id: str, store: StoreDep, request: Request) -> dict[str, Any]:
    doc_id = path_tail(request, "doc_id")
    doc = store.document(doc_id)
    if doc is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return doc


@router.get("/dyads", response_model=dict[str, Any],
            summary="Dyads with counts per QuadClass, Goldstein sum and mean, sources")
def get_dyads(store: StoreDep, cache: CacheDep, where: FilterDep, level: LevelParam = "actor",
              min_events: Annotated[int, Query(ge=1)] = 1,
              order: Literal["events", "conflict", "goldstein", "latest"] = "events",
              limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
              offset: OffsetParam = 0) -> Response:
    rows = cached_dyads(cache, store, where, level=level, order=order, min_events=min_events, limit=limit,
                        offset=offset)
    return json_answer({"level": level, "limit": limit, "offset": offset, "dyads": rows})


@router.get("/timeseries", response_model=dict[str, Any],
            summary="Events per day, week or month for the filters (e.g. one dyad)")
def get_timeseries(store: StoreDep, cache: CacheDep, where: FilterDep, level: LevelParam = "actor",
                   freq: Literal["day", "week", "month"] = "day",
                   start: Annotated[str | None, Query(description="first day (ISO) of the series")] = None,
                   end: Annotated[str | None, Query(description="last day (ISO) of the series")] = None,
                   ) -> Response:
    where = dyad_filter(where.source, where.target, level, base=where)
    series = cached_timeseries(cache, store, where, freq, start, end)
    return json_answer({"source": where.source, "target": where.target, "level": level, "freq": freq,
                        "series": series, "max_periods": MAX_PERIODS})


@router.get("/alerts", response_model=dict[str, Any],
            summary="Escalation alerts: rolling robust z-score of dyad conflict intensity")
def get_alerts(store: StoreDep, cache: CacheDep, where: FilterDep, level: LevelParam = "actor",
               window: Annotated[int, Query(ge=1, le=3660, description="baseline days before the day")] = 28,
               min_history: Annotated[int, Query(ge=1, description="baseline days needed")] = 14,
               threshold: Annotated[float, Query(gt=0, allow_inf_nan=False,
                                                 description="z-score that raises an alert")] = 3.5,
               min_events: Annotated[int, Query(ge=1, le=1_000_000, description="conflict events needed that day")] = 3,
               min_scale: Annotated[float | None, Query(gt=0, allow_inf_nan=False,
                                                        description="floor of the z denominator")] = None,
               measure: Literal["goldstein", "count"] = "goldstein",
               start: Annotated[str | None, Query(description="first day (ISO) alerts may be raised on")] = None,
               end: Annotated[str | None, Query(description="last day (ISO) alerts may be raised on")] = None,
               limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100) -> Response:
    params = AlertParams(window=window, min_history=min_history, threshold=threshold, min_events=min_events,
                         min_scale=min_scale, measure=measure)
    alerts = cached_alerts(cache, store, where, params, level=level, start=start, end=end, limit=limit)
    return json_answer({"method": "rolling robust z-score (median/MAD) of daily conflict intensity per dyad",
                        "params": params.to_dict(), "level": level, "alerts": alerts})


@router.get("/network", summary="Actor network: dyads as edges weighted by events and Goldstein")
def get_network(store: StoreDep, where: FilterDep, level: LevelParam = "actor",
                min_events: Annotated[int, Query(ge=1)] = 1,
                max_edges: Annotated[int, Query(ge=1, le=2000)] = 200) -> dict[str, Any]:
    return actor_network(store, where, level=level, min_events=min_events, max_edges=max_edges)


@router.get("/quotes", summary="Quotes: who said what, to whom")
def get_quotes(store: StoreDep,
               speaker: Annotated[str | None, Query(description="speaker code (or prefix*)")] = None,
               addressee: Annotated[str | None, Query(description="addressee code (or prefix*)")] = None,
               doc_id: str | None = None,
               q: Annotated[str | None, Query(description="text search in the quote and speaker name")] = None,
               limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
               offset: OffsetParam = 0) -> dict[str, Any]:
    total, rows = search_quotes(store, speaker=speaker, addressee=addressee, doc_id=doc_id, text=q,
                                limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "quotes": rows}


def json_answer(content: dict[str, Any]) -> Response:
    """``content`` as JSON, encoded at once: FastAPI's validation and encoding of a returned dict
    took 3-4 ms for a page of 50 events, more than finding it (the schema stays ``response_model``).
    Values json cannot encode (dates, decimals) go through FastAPI's encoder, as before."""
    body = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=jsonable_encoder)
    return Response(body.encode(), media_type="application/json")


def warm_defaults(cache: AggregateCache) -> None:
    """The default alerts of both levels, the slowest answers, computed before anyone asks."""
    with cache.cursor_store() as store:
        for level in ("actor", "country"):
            cached_alerts(cache, store, EventFilter(), AlertParams(), level=level, limit=100)


class CodeRequest(BaseModel):
    text: str = Field(min_length=1, description="the article text")
    id: str = Field("posted", max_length=200, description="doc_id for the records")
    title: str | None = None
    date: dt.date | None = Field(None, description="article date, for relative dates in the text")


@router.post("/code", summary="Code a posted article without storing it (bodies over 1 MB: 413; "
                              "requests from other sites' pages: 403)")
async def post_code(article: CodeRequest, request: Request) -> dict[str, Any]:
    from eventwire.pipeline import CodingError

    try:
        coded = await run_in_threadpool(request.app.state.coder.code, to_article(article))
    except CodingError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    return coded_records(coded)


def to_article(request: CodeRequest) -> Any:
    from eventwire.model import Article

    return Article(id=request.id, text=request.text, title=request.title, date=request.date)


def coded_records(coded: Any) -> dict[str, Any]:
    """A coded document as JSON: the document record and every record coded from it."""
    return {
        "document": coded.document_record(),
        "events": [e.to_dict() for e in coded.events],
        "quotes": [q.to_dict() for q in coded.quotes],
        "mentions": [
            {"code": m.actor.code, "name": m.actor.name, "role": m.actor.role, "text": m.actor.text,
             "span": list(m.char_span), "rule": m.rule}
            for m in coded.mentions
        ],
        "places": [p.to_dict() for p in coded.places],
    }
