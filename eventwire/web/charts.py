"""Inline SVG charts drawn on the server: no chart library, nothing fetched by the browser.

Every piece of text that enters the SVG goes through ``html.escape``; the result is marked
safe for the templates only here.
"""

from __future__ import annotations

from html import escape
from typing import Any

from markupsafe import Markup

from eventwire.analysis import QUAD_NAMES

QUAD_LABELS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
QUAD_COLOURS = ("#6baed6", "#2171b5", "#fd8d3c", "#d7301f")


def timeline_svg(series: list[dict[str, Any]], *, width: int = 900, height: int = 260) -> Markup:
    """Stacked QuadClass counts per period (bars) with the mean Goldstein (line, right axis)."""
    if not series:
        return Markup('<p class="muted">No events in this range.</p>')
    left, right, top, bottom = 44, 44, 12, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(row["events"] for row in series) or 1
    step = plot_w / len(series)
    bar_w = max(step * 0.8, 1.0)
    parts = [f'<svg class="chart timeline" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="events per period by QuadClass, with mean Goldstein">']
    parts += _axes(left, top, plot_w, plot_h, peak)
    points = []
    for n, row in enumerate(series):
        x = left + n * step + (step - bar_w) / 2
        y = top + plot_h
        for name, colour, label in zip(QUAD_NAMES, QUAD_COLOURS, QUAD_LABELS):
            count = row.get(name) or 0
            if not count:
                continue
            h = plot_h * count / peak
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour}">'
                         f'<title>{escape(str(row["period"]))}: {count} {label}</title></rect>')
        if row.get("goldstein_mean") is not None:
            gy = top + plot_h * (10 - row["goldstein_mean"]) / 20
            points.append(f"{left + n * step + step / 2:.1f},{gy:.1f}")
    if points:
        parts.append(f'<polyline class="goldstein" fill="none" stroke="#222" stroke-width="1.5" '
                     f'points="{" ".join(points)}"><title>mean Goldstein</title></polyline>')
    parts.append(f'<text x="{left}" y="{height - 22}" class="tick">{escape(str(series[0]["period"]))}</text>')
    parts.append(f'<text x="{left + plot_w}" y="{height - 22}" class="tick" text-anchor="end">'
                 f'{escape(str(series[-1]["period"]))}</text>')
    parts += _legend(left, height - 6)
    parts.append("</svg>")
    return Markup("".join(parts))


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
                 f'<text x="{x + 20}" y="{y}" class="tick">mean Goldstein (right axis)</text>')
    return parts


def map_svg(points: list[dict[str, Any]], *, width: int = 720, height: int = 360) -> Markup:
    """Located events on an equirectangular lat/lon grid (no base map is shipped: grid only)."""
    if not points:
        return Markup('<p class="muted">No located events.</p>')
    peak = max(p["events"] for p in points) or 1
    parts = [f'<svg class="chart map" viewBox="0 0 {width} {height}" role="img" aria-label="map of located events">',
             f'<rect x="0" y="0" width="{width}" height="{height}" fill="#f4f8fb" stroke="#bbb"/>']
    for lon in range(-150, 181, 30):
        x = (lon + 180) / 360 * width
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height}" stroke="#dde"/>')
    for lat in range(-60, 61, 30):
        y = (90 - lat) / 180 * height
        stroke = "#bbc" if lat == 0 else "#dde"
        parts.append(f'<line x1="0" y1="{y:.1f}" x2="{width}" y2="{y:.1f}" stroke="{stroke}"/>')
    for point in points:
        x = (float(point["lon"]) + 180) / 360 * width
        y = (90 - float(point["lat"])) / 180 * height
        r = 2.5 + 6 * (point["events"] / peak) ** 0.5
        label = f'{point.get("name") or "?"} ({point.get("country") or "?"}): {point["events"]} events'
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#d7301f" fill-opacity="0.6">'
                     f'<title>{escape(label)}</title></circle>')
    parts.append("</svg>")
    return Markup("".join(parts))
