"""The dashboard: HTML pages rendered on the server with Jinja2 (autoescaping on for everything).

Article text, titles and every stored string are untrusted: templates never mark them safe;
the only markup built in Python is the SVG of :mod:`eventwire.web.charts`, which escapes its text.
"""

from __future__ import annotations

import datetime as dt
import functools
import hmac
import math
from typing import Annotated, Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Depends, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from eventwire.analysis import AlertParams, dyad_filter
from eventwire.analysis.series import QUAD_NAMES
from eventwire.model import Article
from eventwire.store import Store
from eventwire.web.alerting import cached_alerts
from eventwire.web.app import path_tail, request_cache, request_store
from eventwire.web.cache import AggregateCache
from eventwire.web.charts import QUAD_LABELS, map_legend, map_svg, timeline_svg
from eventwire.web.highlight import document_marks, pieces, sentence_pieces
from eventwire.web.queries import (
    COUNT_CAP,
    EVENT_ORDERS,
    build_filter,
    cached_count,
    cached_dyads,
    cached_page,
    cached_places,
    cached_timeseries,
    cached_titles,
    count_cap,
    event_by_id,
    search_quotes,
    store_counts,
)

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(request_store)]
CacheDep = Annotated[AggregateCache, Depends(request_cache)]
PAGE = 50
MAX_OFFSET = 1_000_000_000
MAP_POINTS = 2000
FILTER_KEYS = ("actor", "source", "target", "dyad", "country", "cameo", "root", "quad_class", "plover",
               "modality", "date_from", "date_to", "q", "doc_id", "at", "min_confidence")
FILTER_LABELS = (("actor", "actor"), ("source", "source"), ("target", "target"), ("dyad", "dyad (SRC,TGT)"),
                 ("country", "country"), ("cameo", "CAMEO"), ("root", "root"), ("quad_class", "QuadClass"),
                 ("plover", "PLOVER"), ("modality", "modality"), ("date_from", "from"), ("date_to", "to"),
                 ("q", "text"), ("doc_id", "article"), ("at", "place (lat,lon)"),
                 ("min_confidence", "min. confidence (0-1)"))


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("eventwire.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # package data, fixed while served: checking each template's file on every
    )                       # render (isfile + getmtime) was 7% of a dyad page
    env.filters["cameo_name"] = cameo_name
    env.filters["quad_label"] = _quad_label
    env.filters["num"] = _num
    env.filters["path"] = lambda s: quote(str(s), safe="")
    env.filters["short"] = short_id
    env.globals["sentence_pieces"] = sentence_pieces
    env.globals["event_rows"] = event_rows
    env.globals["filter_labels"] = FILTER_LABELS
    env.globals["count_cap"] = COUNT_CAP
    env.filters["count"] = lambda n, cap=COUNT_CAP: f"more than {cap:,}" if n > cap else n
    return env


@functools.lru_cache(maxsize=4096)
def cameo_name(code: str | None) -> str:
    from eventwire.ontology import load_ontology

    found = load_ontology().get(code) if code else None
    return found.name if found else ""


def short_id(value: object, size: int = 32) -> str:
    """A long id shortened in the middle for lists (the full id stays in the link and its title)."""
    text = str(value)
    return text if len(text) <= size else text[: size // 2 - 1] + "…" + text[-(size // 2 - 1):]


def event_rows(events: list[dict[str, Any]], show_doc: bool = True, titles: dict[str, str] | None = None) -> Markup:
    """The rows of an events table (the ``events_table`` macro's body), written here rather than
    by Jinja: its loop was 3.3 ms of a dyad page's 100 events, this is a third of that. Every
    value is escaped as the template's autoescape did."""
    titles = titles or {}
    out = []
    for e in events:
        event_id = quote(str(e["event_id"]), safe="")
        goldstein, confidence = e["goldstein"], e["confidence"]
        sentence = "".join(f'<mark class="trigger">{escape(p.text)}</mark>' if p.marks else str(escape(p.text))
                           for p in sentence_pieces(e["text"] or "", e["trigger"]))
        row = (f'<tr>\n  <td class="nowrap">{escape(e["date"] or "")}</td>\n'
               f'  <td class="dyad-cell">{escape(e["source"] or "—")} → {escape(e["target"] or "—")}</td>\n'
               f'  <td><a class="event-link" href="/events/{event_id}">{escape(e["cameo"])}</a> '
               f'<span class="muted">{escape(cameo_name(e["cameo"]))}</span></td>\n'
               f'  <td>{escape(_quad_label(e["quad_class"]))}</td>\n'
               f'  <td>{escape(_num(goldstein, 1))}</td>\n'
               f'  <td>{escape(e["modality"] or "")}</td>\n'
               f'  <td class="confidence">{escape(_num(confidence, 2))}</td>\n'
               f'  <td class="sentence">{sentence}</td>\n')
        if show_doc:
            doc_id = e["doc_id"]
            row += (f'<td class="doc"><a href="/documents/{quote(str(doc_id), safe="")}#event-{event_id}" '
                    f'title="{escape(doc_id)}">{escape(titles.get(doc_id) or short_id(doc_id))}</a></td>')
        out.append(row + "</tr>\n")
    if not out:
        out.append('<tr><td colspan="9" class="muted">No events.</td></tr>\n')
    return Markup("".join(out))


def _quad_label(n: Any) -> str:
    return QUAD_LABELS[int(n) - 1] if n in (1, 2, 3, 4) else "—"


def _num(x: Any, digits: int = 2) -> Any:
    return "—" if x is None else (f"{x:.{digits}f}" if isinstance(x, float) else x)


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


def overview_data(cache: AggregateCache, store: Store | None = None) -> dict[str, Any]:
    """Everything the overview shows, from the cache (computed once per served store)."""
    return {
        "counts": cache.get(("counts",), store_counts, store),
        "dyads": cached_dyads(cache, store, None, limit=15),
        "alerts": cached_alerts(cache, store, None, AlertParams(), level="actor", limit=10),
        "weekly": cached_timeseries(cache, store, None, "week"),
        "points": cached_places(cache, store, None, limit=300),
    }


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, store: StoreDep, cache: CacheDep) -> HTMLResponse:
    # the page depends on the store alone, so its HTML is kept too (rendering the map costs ms)
    html = cache.get(("overview-html",), lambda s: _render_overview(request, cache, s), store)
    return HTMLResponse(html)


def _render_overview(request: Request, cache: AggregateCache, store: Store) -> bytes:
    data = overview_data(cache, store)
    return render(request, "overview.html", counts=data["counts"], dyads=data["dyads"], alerts=data["alerts"],
                  timeline=timeline_svg(data["weekly"], freq="week"),
                  map=map_svg(data["points"], width=720, height=360, link=_place_link({}))).body


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, store: StoreDep, cache: CacheDep) -> HTMLResponse:
    values = {k: v for k, v in request.query_params.items()}
    shown = {k: values.get(k, "") for k in FILTER_KEYS}
    sort = values.get("sort") if values.get("sort") in EVENT_ORDERS else "-date"
    try:
        where = build_filter(values)
        offset = _int(values.get("offset"), 0, "offset", 0, MAX_OFFSET)
    except ValueError as exc:
        return render(request, "events.html", status=400, error=str(exc), events=[], titles={}, total=0, offset=0,
                      page=PAGE, values=shown, sort=sort, pages=[], download_query="", filtered=True)
    rows = cached_page(cache, store, where, limit=PAGE, offset=offset, sort=sort)
    total, cap = cached_count(cache, store, where), count_cap(where)
    if total > cap:  # counted up to the cap: there is always a next page while this one is full
        total = max(total, offset + len(rows) + (1 if len(rows) == PAGE else 0))
    return render(request, "events.html", error=None, events=rows, total=total, offset=offset, page=PAGE, count_cap=cap,
                  values=shown, sort=sort, titles=cached_titles(cache, store, [e["doc_id"] for e in rows]),
                  pages=page_links(request, offset, total, PAGE), download_query=urlencode({k: v for k, v in values.items() if v and k != "offset"}),
                  filtered=any(shown.values()))


def page_links(request: Request, offset: int, total: int, size: int) -> list[dict[str, Any]]:
    """Links to the first, last, previous, next and nearby pages ("…" where pages are skipped)."""
    if total <= size:
        return []
    last = (total - 1) // size
    current = min(offset // size, last)
    wanted = sorted({0, last, *range(max(0, current - 3), min(last, current + 3) + 1)})
    links: list[dict[str, Any]] = []
    if current > 0:
        links.append({"label": "← previous", "query": query_of(request, offset=(current - 1) * size)})
    for n, page in enumerate(wanted):
        if n and page - wanted[n - 1] > 1:
            links.append({"label": "…", "query": None})
        links.append({"label": str(page + 1), "query": query_of(request, offset=page * size),
                      "current": page == current})
    if current < last:
        links.append({"label": "next →", "query": query_of(request, offset=(current + 1) * size)})
    return links


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, store: StoreDep, cache: CacheDep) -> HTMLResponse:
    values = {k: v for k, v in request.query_params.items()}
    shown = {k: values.get(k, "") for k in FILTER_KEYS}
    try:
        where = build_filter(values)
    except ValueError as exc:
        return render(request, "map.html", status=400, error=str(exc), map=None, values=shown, n_places=0,
                      n_located=0, total=0, legend=map_legend())
    points = cached_places(cache, store, where, limit=MAP_POINTS)
    link_values = {k: v for k, v in shown.items() if v and k != "at"}
    return render(request, "map.html", error=None, map=map_svg(points, link=_place_link(link_values)),
                  values=shown, n_places=len(points), n_located=sum(p["events"] for p in points),
                  total=cached_count(cache, store, where), count_cap=count_cap(where), legend=map_legend())


def _place_link(values: dict[str, str]) -> Any:
    """The link of a map point: the events there under the same filters. The filters' part is
    encoded once (urlencode per point was 60% of drawing a 2,000-point map)."""
    if "at" in values:  # the point's place replaces it where it stands
        return lambda point: "/events?" + urlencode({**values, "at": f"{point['lat']},{point['lon']}"})
    prefix = "/events?" + (urlencode(values) + "&" if values else "") + "at="
    return lambda point: f"{prefix}{point['lat']}%2C{point['lon']}"  # urlencode's quote_plus of "lat,lon"


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, store: StoreDep) -> HTMLResponse:
    event = event_by_id(store, event_id)
    if event is None:
        return error_page(request, 404, f"no event {event_id!r}")
    doc = store.document(event["doc_id"], with_records=False)
    return render(request, "event.html", event=event, doc=doc)


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, store: StoreDep) -> HTMLResponse:
    doc_id = path_tail(request, "doc_id")
    doc = store.document(doc_id)
    if doc is None:
        return error_page(request, 404, f"no document {doc_id!r}")
    text_pieces = pieces(doc.get("text") or "", document_marks(doc))
    return render(request, "document.html", doc=doc, pieces=text_pieces)


@router.get("/dyads", response_class=HTMLResponse)
def dyads_page(request: Request, store: StoreDep, cache: CacheDep) -> HTMLResponse:
    level = _level(request)
    order = request.query_params.get("order") or "events"
    rows = cached_dyads(cache, store, None, level=level, order=order, limit=200)
    return render(request, "dyads.html", dyads=rows, level=level, order=order)


@router.get("/dyads/{source}/{target}", response_class=HTMLResponse)
def dyad_page(request: Request, source: str, target: str, store: StoreDep, cache: CacheDep) -> HTMLResponse:
    level = _level(request)
    freq = request.query_params.get("freq") or "day"
    where = dyad_filter(source, target, level)
    series = cached_timeseries(cache, store, where, freq)
    totals = _totals(series)
    alerts = cached_alerts(cache, store, where, AlertParams(), level=level, limit=50)
    latest = cached_page(cache, store, where, limit=100, offset=0, sort="-date")
    points = cached_places(cache, store, where, limit=500)
    sides = {"source": where.source or "", "target": where.target or ""}
    return render(request, "dyad.html", source=source, target=target, level=level, freq=freq, totals=totals,
                  timeline=timeline_svg(series, freq=freq), alerts=alerts, events=latest,
                  titles=cached_titles(cache, store, [e["doc_id"] for e in latest]),
                  map=map_svg(points, width=720, height=360, link=_place_link(sides)),
                  n_events=cached_count(cache, store, where), events_query=urlencode(sides))


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request, store: StoreDep, cache: CacheDep) -> HTMLResponse:
    values = request.query_params
    params = AlertParams(
        window=_int(values.get("window"), 28, "window", 1, 3660),
        min_history=_int(values.get("min_history"), 14, "min history", 1, 3660),
        threshold=_float(values.get("threshold"), 3.5, "threshold"),
        min_events=_int(values.get("min_events"), 3, "min events", 1, 1_000_000),
        min_scale=_float(values.get("min_scale"), None, "min scale"),
        measure="count" if values.get("measure") == "count" else "goldstein",
    )
    level = _level(request)
    alerts = cached_alerts(cache, store, None, params, level=level, limit=200)
    return render(request, "alerts.html", alerts=alerts, params=params, level=level)


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request, store: StoreDep) -> HTMLResponse:
    values = request.query_params
    offset = _int(values.get("offset"), 0, "offset", 0, MAX_OFFSET)
    total, rows = search_quotes(store, speaker=values.get("speaker") or None, addressee=values.get("addressee") or None,
                                text=values.get("q") or None, limit=PAGE, offset=offset)
    return render(request, "quotes.html", quotes=rows, total=total, offset=offset, page=PAGE,
                  values={k: values.get(k, "") for k in ("speaker", "addressee", "q")},
                  prev_query=query_of(request, offset=max(0, offset - PAGE)),
                  next_query=query_of(request, offset=offset + PAGE))


@router.get("/code", response_class=HTMLResponse)
def code_form(request: Request) -> HTMLResponse:
    return render(request, "code.html", text="", date="", coded=None, text_pieces=None,
                  csrf=request.app.state.csrf_token)


@router.post("/code", response_class=HTMLResponse)
async def code_submit(request: Request, text: Annotated[str, Form()],
                      date: Annotated[str, Form()] = "", csrf: Annotated[str, Form()] = "") -> HTMLResponse:
    if not hmac.compare_digest(csrf.encode(), request.app.state.csrf_token.encode()):
        return error_page(request, 403, "This form was not sent from this server's own page (no valid CSRF "
                                        "token): open /code and send it from there.")
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
                  text_pieces=pieces(text, document_marks(doc)), csrf=request.app.state.csrf_token)


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


def _int(value: str | None, default: int, name: str = "value", low: int | None = None,
         high: int | None = None) -> int:
    try:
        number = int(value) if value not in (None, "") else default
    except ValueError:
        raise ValueError(f"{name} is not a whole number: {value!r}") from None
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValueError(f"{name} must be from {low} to {high}, not {number}")
    return number


def _float(value: str | None, default: float | None, name: str = "value") -> float | None:
    try:
        number = float(value) if value not in (None, "") else default
    except ValueError:
        raise ValueError(f"{name} is not a number: {value!r}") from None
    if number is not None and not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, not {value!r}")
    return number
