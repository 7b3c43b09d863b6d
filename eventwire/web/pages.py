"""The dashboard: HTML pages rendered on the server with Jinja2 (autoescaping on for everything).

Article text, titles and every stored string are untrusted: templates never mark them safe;
the only markup built in Python is the SVG of :mod:`eventwire.web.charts`, which escapes its text.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Annotated, Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from eventwire.analysis import AlertParams, dyad_filter, dyads, escalation_alerts, timeseries
from eventwire.analysis.series import QUAD_NAMES
from eventwire.model import Article
from eventwire.store import Store
from eventwire.web.app import request_store
from eventwire.web.charts import QUAD_LABELS, map_svg, timeline_svg
from eventwire.web.highlight import document_marks, pieces, sentence_pieces
from eventwire.web.queries import (
    EVENT_ORDERS,
    build_filter,
    event_by_id,
    located_events,
    page_of_events,
    search_quotes,
    store_counts,
)

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(request_store)]
PAGE = 50
FILTER_KEYS = ("actor", "source", "target", "dyad", "country", "cameo", "root", "quad_class", "plover",
               "modality", "date_from", "date_to", "q", "doc_id")


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("eventwire.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cameo_name"] = cameo_name
    env.filters["quad_label"] = lambda n: QUAD_LABELS[int(n) - 1] if n in (1, 2, 3, 4) else "—"
    env.filters["num"] = lambda x, digits=2: "—" if x is None else (f"{x:.{digits}f}" if isinstance(x, float) else x)
    env.filters["path"] = lambda s: quote(str(s), safe="")
    env.globals["sentence_pieces"] = sentence_pieces
    return env


@functools.lru_cache(maxsize=4096)
def cameo_name(code: str | None) -> str:
    from eventwire.ontology import load_ontology

    found = load_ontology().get(code) if code else None
    return found.name if found else ""


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = environment().get_template(template).render(request=request, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message)


def query_of(request: Request, **changes: Any) -> str:
    """The current query string with some values replaced (paging and view switches)."""
    values = {k: v for k, v in request.query_params.items() if v != ""}
    values.update({k: v for k, v in changes.items() if v is not None})
    return urlencode(values)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, store: StoreDep) -> HTMLResponse:
    counts = store_counts(store)
    top = dyads(store, limit=15)
    alerts = escalation_alerts(store, limit=10)
    weekly = timeseries(store, freq="week")
    points = located_events(store, limit=300)
    return render(request, "overview.html", counts=counts, dyads=top, alerts=alerts,
                  timeline=timeline_svg(weekly), map=map_svg(points))


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, store: StoreDep) -> HTMLResponse:
    values = dict(request.query_params)
    where = build_filter(values)
    offset = max(0, _int(values.get("offset"), 0))
    sort = values.get("sort") if values.get("sort") in EVENT_ORDERS else "-date"
    rows = page_of_events(store, where, limit=PAGE, offset=offset, sort=sort)
    total = store.count_events(where)
    return render(request, "events.html", events=rows, total=total, offset=offset, page=PAGE,
                  values={k: values.get(k, "") for k in FILTER_KEYS}, sort=sort,
                  prev_query=query_of(request, offset=max(0, offset - PAGE)),
                  next_query=query_of(request, offset=offset + PAGE))


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, store: StoreDep) -> HTMLResponse:
    event = event_by_id(store, event_id)
    if event is None:
        return error_page(request, 404, f"no event {event_id!r}")
    doc = store.document(event["doc_id"], with_records=False)
    return render(request, "event.html", event=event, doc=doc)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, store: StoreDep) -> HTMLResponse:
    doc = store.document(doc_id)
    if doc is None:
        return error_page(request, 404, f"no document {doc_id!r}")
    text_pieces = pieces(doc.get("text") or "", document_marks(doc))
    return render(request, "document.html", doc=doc, pieces=text_pieces)


@router.get("/dyads", response_class=HTMLResponse)
def dyads_page(request: Request, store: StoreDep) -> HTMLResponse:
    level = _level(request)
    order = request.query_params.get("order") or "events"
    rows = dyads(store, level=level, order=order, limit=200)
    return render(request, "dyads.html", dyads=rows, level=level, order=order)


@router.get("/dyads/{source}/{target}", response_class=HTMLResponse)
def dyad_page(request: Request, source: str, target: str, store: StoreDep) -> HTMLResponse:
    level = _level(request)
    freq = request.query_params.get("freq") or "day"
    where = dyad_filter(source, target, level)
    series = timeseries(store, where, freq=freq)  # type: ignore[arg-type]
    totals = _totals(series)
    alerts = escalation_alerts(store, where, level=level, limit=50)
    latest = page_of_events(store, where, limit=100)
    return render(request, "dyad.html", source=source, target=target, level=level, freq=freq, totals=totals,
                  timeline=timeline_svg(series), alerts=alerts, events=latest,
                  map=map_svg(located_events(store, where)), n_events=store.count_events(where),
                  events_query=urlencode({"source": where.source, "target": where.target}))


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request, store: StoreDep) -> HTMLResponse:
    values = request.query_params
    params = AlertParams(
        window=_int(values.get("window"), 28), min_history=_int(values.get("min_history"), 14),
        threshold=_float(values.get("threshold"), 3.5), min_events=_int(values.get("min_events"), 3),
        min_scale=_float(values.get("min_scale"), None),
        measure="count" if values.get("measure") == "count" else "goldstein",
    )
    level = _level(request)
    alerts = escalation_alerts(store, params=params, level=level, limit=200)
    return render(request, "alerts.html", alerts=alerts, params=params, level=level)


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request, store: StoreDep) -> HTMLResponse:
    values = request.query_params
    offset = max(0, _int(values.get("offset"), 0))
    total, rows = search_quotes(store, speaker=values.get("speaker") or None, addressee=values.get("addressee") or None,
                                text=values.get("q") or None, limit=PAGE, offset=offset)
    return render(request, "quotes.html", quotes=rows, total=total, offset=offset, page=PAGE,
                  values={k: values.get(k, "") for k in ("speaker", "addressee", "q")},
                  prev_query=query_of(request, offset=max(0, offset - PAGE)),
                  next_query=query_of(request, offset=offset + PAGE))


@router.get("/code", response_class=HTMLResponse)
def code_form(request: Request) -> HTMLResponse:
    return render(request, "code.html", text="", date="", coded=None, text_pieces=None)


@router.post("/code", response_class=HTMLResponse)
async def code_submit(request: Request, text: Annotated[str, Form()],
                      date: Annotated[str, Form()] = "") -> HTMLResponse:
    article_date = dt.date.fromisoformat(date) if date.strip() else None
    article = Article(id="pasted", text=text, date=article_date)
    from eventwire.pipeline import CodingError

    try:
        coded = await run_in_threadpool(request.app.state.coder.code, article)
    except CodingError as exc:
        return error_page(request, 422, f"This text could not be coded: {exc}")
    doc = {
        "events": [_flat_event(e.to_dict()) for e in coded.events],
        "quotes": [{"span_start": q.span[0], "span_end": q.span[1],
                    "speaker_name": q.speaker.name if q.speaker else None,
                    "speaker": q.speaker.code if q.speaker else None} for q in coded.quotes],
        "mentions": [{"span_start": m.char_span[0], "span_end": m.char_span[1], "code": m.actor.code,
                      "name": m.actor.name, "role": m.actor.role} for m in coded.mentions],
    }
    return render(request, "code.html", text=text, date=date, coded=doc,
                  text_pieces=pieces(text, document_marks(doc)))


def _flat_event(record: dict[str, Any]) -> dict[str, Any]:
    span = record.get("span") or [None, None]
    location = record.get("location") or {}
    return {**record, "span_start": span[0], "span_end": span[1], "location_name": location.get("name")}


def _totals(series: list[dict[str, Any]]) -> dict[str, Any]:
    totals: dict[str, Any] = {name: sum(row[name] for row in series) for name in ("events", *QUAD_NAMES)}
    totals["goldstein_sum"] = sum(row["goldstein_sum"] for row in series)
    totals["goldstein_mean"] = totals["goldstein_sum"] / totals["events"] if totals["events"] else None
    return totals


def _level(request: Request) -> str:
    return "country" if request.query_params.get("level") == "country" else "actor"


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value not in (None, "") else default
    except ValueError:
        raise ValueError(f"not a whole number: {value!r}") from None


def _float(value: str | None, default: float | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else default
    except ValueError:
        raise ValueError(f"not a number: {value!r}") from None
