"""Inline SVG charts drawn on the server: no chart library, nothing fetched by the browser.

Every piece of text that enters the SVG goes through ``html.escape``; the result is marked
safe for the templates only here.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from markupsafe import Markup

from eventwire.analysis import QUAD_NAMES

QUAD_LABELS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
QUAD_COLOURS = ("#6baed6", "#2171b5", "#fd8d3c", "#d7301f")
#: Natural Earth 1:110m country outlines (public domain), built by scripts/build_world_outlines.py.
OUTLINES = Path(__file__).resolve().parent / "static" / "world-outlines.json"


def timeline_svg(series: list[dict[str, Any]], *, width: int = 900, height: int = 280, freq: str = "period") -> Markup:
    """Stacked QuadClass counts per period (bars) with the mean Goldstein (line, right axis).

    Periods without events draw nothing: the Goldstein line breaks there instead of joining
    the periods on either side, so an empty month reads as a gap, not as a trend.
    """
    if not series:
        return Markup('<p class="muted">No events in this range.</p>')
    left, right, top, bottom = 56, 56, 12, 58
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(row["events"] for row in series) or 1
    step = plot_w / len(series)
    bar_w = min(max(step * 0.8, 1.0), 36.0)  # a few periods: bars, not walls
    parts = [f'<svg class="chart timeline" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="events per {escape(freq)} by QuadClass, with mean Goldstein">']
    parts += _axes(left, top, plot_w, plot_h, peak)
    segments: list[list[str]] = [[]]
    # the bars' colours come from the page's CSS (svg.timeline rect.qN), not an attribute each
    width_attr = f'width="{bar_w:.1f}"'
    quads = tuple(zip(QUAD_NAMES, range(1, 5), QUAD_LABELS))
    for n, row in enumerate(series):
        x = f"{left + n * step + (step - bar_w) / 2:.1f}"
        y = top + plot_h
        period = escape(str(row["period"]))
        for name, quad, label in quads:
            count = row.get(name) or 0
            if not count:
                continue
            h = plot_h * count / peak
            y -= h
            parts.append(f'<rect class="q{quad}" x="{x}" y="{y:.1f}" {width_attr} height="{h:.1f}">'
                         f'<title>{period}: {count} {label}</title></rect>')
        if row.get("events") and row.get("goldstein_mean") is not None:
            gy = top + plot_h * (10 - row["goldstein_mean"]) / 20
            segments[-1].append(f"{left + n * step + step / 2:.1f},{gy:.1f}")
        elif segments[-1]:
            segments.append([])
    for points in segments:
        if len(points) == 1:
            x, y = points[0].split(",")
            parts.append(f'<circle class="goldstein" cx="{x}" cy="{y}" r="2" fill="#222"/>')
        elif points:
            parts.append(f'<polyline class="goldstein" fill="none" stroke="#222" stroke-width="1.5" '
                         f'points="{" ".join(points)}"><title>mean Goldstein</title></polyline>')
    parts += _period_ticks(series, left, top + plot_h, step)
    parts += _axis_titles(left, top, plot_w, plot_h, height, freq)
    parts += _legend(left, height - 6)
    parts.append("</svg>")
    return Markup("".join(parts))


def _period_ticks(series: list[dict[str, Any]], left: int, baseline: float, step: float) -> list[str]:
    """A handful of period labels along the x axis, none overlapping (about one per 110 px)."""
    every = max(1, int(110 // max(step, 1e-9)) + 1)
    parts = []
    for n in range(0, len(series), every):
        x = left + n * step + step / 2
        parts.append(f'<line x1="{x:.1f}" y1="{baseline}" x2="{x:.1f}" y2="{baseline + 4}" stroke="#888"/>'
                     f'<text x="{x:.1f}" y="{baseline + 15}" class="tick" text-anchor="middle">'
                     f'{escape(str(series[n]["period"]))}</text>')
    return parts


def _axis_titles(left: int, top: int, plot_w: float, plot_h: float, height: int, freq: str) -> list[str]:
    middle = top + plot_h / 2
    right = left + plot_w
    return [
        f'<text class="axis-title" x="14" y="{middle:.1f}" text-anchor="middle" '
        f'transform="rotate(-90 14 {middle:.1f})">events per {escape(freq)}</text>',
        f'<text class="axis-title" x="{right + 44}" y="{middle:.1f}" text-anchor="middle" '
        f'transform="rotate(90 {right + 44} {middle:.1f})">mean Goldstein</text>',
        f'<text class="axis-title" x="{left + plot_w / 2:.1f}" y="{height - 24}" text-anchor="middle">'
        f'{escape(freq)} (first day)</text>',
    ]


def _axes(left: int, top: int, plot_w: float, plot_h: float, peak: int) -> list[str]:
    bottom = top + plot_h
    right = left + plot_w
    return [
        f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#888"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="#888"/>',
        f'<line x1="{right}" y1="{top}" x2="{right}" y2="{bottom}" stroke="#888"/>',
        f'<line x1="{left}" y1="{top + plot_h / 2}" x2="{right}" y2="{top + plot_h / 2}" stroke="#ddd" '
        f'stroke-dasharray="3,3"/>',
        f'<text x="{left - 4}" y="{top + 10}" class="tick" text-anchor="end">{peak}</text>',
        f'<text x="{left - 4}" y="{bottom}" class="tick" text-anchor="end">0</text>',
        f'<text x="{right + 4}" y="{top + 10}" class="tick">+10</text>',
        f'<text x="{right + 4}" y="{top + plot_h / 2 + 4}" class="tick">0</text>',
        f'<text x="{right + 4}" y="{bottom}" class="tick">−10</text>',
    ]


def _legend(x: int, y: int) -> list[str]:
    parts = []
    for label, colour in zip(QUAD_LABELS, QUAD_COLOURS):
        parts.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{x + 14}" y="{y}" class="tick">{label}</text>')
        x += 24 + 7 * len(label)
    parts.append(f'<line x1="{x}" y1="{y - 4}" x2="{x + 16}" y2="{y - 4}" stroke="#222" stroke-width="1.5"/>'
                 f'<text x="{x + 20}" y="{y}" class="tick">mean Goldstein (line)</text>')
    return parts


def map_svg(points: list[dict[str, Any]], *, width: int = 960, height: int = 480,
            link: Callable[[dict[str, Any]], str] | None = None) -> Markup:
    """Located events on country outlines (equirectangular), coloured by QuadClass, sized by count.

    Each point is a place; its colour is the QuadClass most of its events have, its area grows
    with their number, and with ``link`` it links to its events (``link(point)`` is the URL).
    """
    if not points:
        return Markup('<p class="muted">No located events.</p>')
    peak = max(p["events"] for p in points) or 1
    sx, sy = width / 360, height / 180
    parts = [f'<svg class="chart map" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="map of located events on country outlines">',
             f'<rect x="0" y="0" width="{width}" height="{height}" fill="#eef4f9"/>',
             f'<g class="land" transform="scale({sx:.4f} {sy:.4f})" fill="#dfe3e6" stroke="#9aa5ae" '
             f'stroke-width="{0.6 / sx:.3f}">{outline_paths()}</g>']
    for point in sorted(points, key=lambda p: -p["events"]):
        x = (float(point["lon"]) + 180) * sx
        y = (90 - float(point["lat"])) * sy
        r = 3 + 9 * (point["events"] / peak) ** 0.5
        quad = point.get("quad_class") or 0
        known = quad in (1, 2, 3, 4)
        kind = QUAD_LABELS[quad - 1] if known else "no QuadClass"
        label = (f'{point.get("name") or "?"} ({point.get("country") or "?"}): {point["events"]} events, '
                 f'mostly {kind}')
        # colour, opacity and outline come from the page's CSS (svg.map circle.qN): written on
        # every point they were a third of a 2,000-point map's 560 KB
        circle = (f'<circle class="q{quad if known else 0}" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}">'
                  f'<title>{escape(label)}</title></circle>')
        parts.append(f'<a class="place" href="{escape(link(point))}">{circle}</a>' if link else circle)
    parts.append("</svg>")
    return Markup("".join(parts))


def map_legend() -> Markup:
    items = "".join(f'<span><i class="q{n}"></i>{escape(label)}</span>' for n, label in enumerate(QUAD_LABELS, 1))
    return Markup(f'<p class="map-legend">{items} <span class="muted">area: number of events</span></p>')


def _unwrapped(lons: list[float]) -> list[float]:
    """Longitudes made continuous: a step across the date line (179.9 to -179.9) becomes +0.2."""
    out = [lons[0]]
    for lon in lons[1:]:
        step = lon - out[-1]
        step -= 360 * round(step / 360)
        out.append(out[-1] + step)
    return out


@functools.lru_cache(maxsize=1)
def outline_paths() -> str:
    """SVG paths of the country outlines, in degrees east of -180 and south of 90 (cached)."""
    data = json.loads(OUTLINES.read_text(encoding="utf-8"))
    paths = []
    for country in data["countries"]:
        d = []
        for ring in country["rings"]:
            lons = _unwrapped([ring[n] for n in range(0, len(ring), 2)])
            lats = [ring[n] for n in range(1, len(ring), 2)]
            shifts = [0.0] + ([-360.0] if max(lons) > 180 else []) + ([360.0] if min(lons) < -180 else [])
            for shift in shifts:  # a ring across the date line is drawn on both edges, the SVG clips it
                coords = [f"{lon + shift + 180:.1f} {90 - lat:.1f}" for lon, lat in zip(lons, lats)]
                d.append("M" + "L".join(coords) + "Z")
        paths.append(f'<path d="{"".join(d)}"><title>{escape(country.get("name") or "")}</title></path>')
    return "".join(paths)
