"""Turn a TopoJSON topology (Natural Earth from npm's ``world-atlas``) into the GeoJSON basemap
the web app ships: ``python -m warlog.serve.topojson countries-50m.json countries.geojson``.

Run once at development time (static/NOTICE.md says how the shipped file was made); the web
app itself only serves the result."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

Point = list[float]


def _arcs(topology: dict[str, Any], digits: int) -> list[list[Point]]:
    """Every arc in degrees: quantized arcs are delta-encoded, then scaled and translated."""
    transform = topology.get("transform")
    decoded: list[list[Point]] = []
    for arc in topology["arcs"]:
        points: list[Point] = []
        x = y = 0.0
        for position in arc:
            if transform:
                x += position[0]
                y += position[1]
                sx, sy = transform["scale"]
                tx, ty = transform["translate"]
                points.append([round(x * sx + tx, digits), round(y * sy + ty, digits)])
            else:
                points.append([round(position[0], digits), round(position[1], digits)])
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[list[Point]]) -> list[Point]:
    """A ring from arc indexes (``~i``, that is ``-i - 1``, is arc i reversed), shared ends
    written once."""
    ring: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)
    if ring and ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring


def _geometry(geometry: dict[str, Any], arcs: list[list[Point]]) -> dict[str, Any] | None:
    kind = geometry.get("type")
    if kind == "Polygon":
        return {"type": kind, "coordinates": [_ring(r, arcs) for r in geometry["arcs"]]}
    if kind == "MultiPolygon":
        return {
            "type": kind,
            "coordinates": [[_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]],
        }
    return None


def to_geojson(topology: dict[str, Any], name: str = "countries", digits: int = 2) -> Any:
    """The object ``name`` of ``topology`` as a GeoJSON FeatureCollection."""
    arcs = _arcs(topology, digits)
    features = []
    for geometry in topology["objects"][name]["geometries"]:
        shape = _geometry(geometry, arcs)
        if shape is not None:
            features.append(
                {
                    "type": "Feature",
                    "id": geometry.get("id"),
                    "properties": {"name": geometry.get("properties", {}).get("name")},
                    "geometry": shape,
                }
            )
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str]) -> None:
    source, target = Path(argv[0]), Path(argv[1])
    data = to_geojson(json.loads(source.read_text(encoding="utf-8")))
    target.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
