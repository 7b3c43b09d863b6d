"""Build eventwire/web/static/world-outlines.json, the country outlines the dashboard map draws.

Source: the npm package ``world-atlas`` 2.0.2 (``countries-110m.json``, TopoJSON made from
Natural Earth's 1:110m Admin 0 countries). Natural Earth is in the public domain; world-atlas
is under the ISC licence. Get it with the ordinary npm client, then run this script:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world_outlines.py package/countries-110m.json

The TopoJSON arcs are decoded to longitude/latitude rings, simplified (Douglas-Peucker,
``--tolerance`` degrees) and rounded to 0.1 degree, which keeps the shipped file small.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "eventwire" / "web" / "static" / "world-outlines.json"
SOURCE = ("Natural Earth 1:110m Admin 0 countries (public domain, naturalearthdata.com), via the npm package "
          "world-atlas 2.0.2 (ISC licence), simplified by scripts/build_world_outlines.py")


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs (quantized, delta-encoded) as lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative (rings of thousands of points would recurse too deep)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, far = 0.0, first
        for n in range(first + 1, last):
            px, py = points[n]
            distance = (abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm if norm
                        else ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5)
            if distance > best:
                best, far = distance, n
        if best > tolerance:
            keep[far] = True
            stack += [(first, far), (far, last)]
    return [p for p, kept in zip(points, keep) if kept]


def countries(topology: dict, tolerance: float) -> list[dict]:
    arcs = decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = []
        for polygon in polygons:
            for indexes in polygon:
                points = simplify(ring(arcs, indexes), tolerance)
                flat = [round(v, 1) for point in points for v in point]
                if len(flat) >= 6:
                    rings.append(flat)
        if rings:
            out.append({"id": geometry.get("id"), "name": (geometry.get("properties") or {}).get("name"),
                        "rings": rings})
    return sorted(out, key=lambda c: c["name"] or "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("topojson", type=Path, help="countries-110m.json of the world-atlas npm package")
    parser.add_argument("--tolerance", type=float, default=0.15, help="simplification, in degrees")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    data = {"source": SOURCE, "licence": "public domain (Natural Earth)", "countries": countries(topology, args.tolerance)}
    args.out.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(data['countries'])} countries, {args.out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
