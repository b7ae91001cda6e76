"""The map's built-in background: country shapes from Natural Earth (1:10m), as the npm package
`world-atlas` installs them (a TopoJSON file under node_modules), clipped to the area a map
shows. It needs no internet and no tile server: a province on an air-gapped network still sees
its neighbours' side of the line.

TopoJSON keeps each shared boundary once, as an "arc" of delta-encoded integer steps; a polygon
lists the arcs of its rings (~i: arc i reversed). We decode the file once per process.
"""

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from shapely.geometry import MultiPolygon, Polygon, box, mapping
from shapely.geometry.base import BaseGeometry

Point = tuple[float, float]
Arcs = list[list[Point]]

# ISO 3166 numeric ids of Vietnam and the countries it borders, with their Vietnamese names.
VIETNAM = "704"
NAMES_VI = {
    "704": "Việt Nam",
    "156": "Trung Quốc",
    "418": "Lào",
    "116": "Campuchia",
    "764": "Thái Lan",
}


class BackgroundMissing(Exception):
    """The Natural Earth file is not installed (`make install` runs npm)."""


@dataclass(frozen=True)
class Country:
    id: str
    name: str
    shape: BaseGeometry


def source() -> Path:
    return Path(settings.NODE_MODULES) / "world-atlas" / "countries-10m.json"


def _arcs(topology: dict[str, Any]) -> Arcs:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: Iterable[int], arcs: Arcs) -> list[Point]:
    points: list[Point] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])  # consecutive arcs share an end point
    return points


def _polygon(rings: list[list[int]], arcs: Arcs) -> Polygon | None:
    """A polygon of its rings; None for an islet whose ring quantisation collapsed (fewer than
    four points), which the file holds a few of."""
    outer, *holes = (_ring(r, arcs) for r in rings)
    if len(outer) < 4:
        return None
    return Polygon(outer, [h for h in holes if len(h) >= 4])


@functools.cache
def countries() -> tuple[Country, ...]:
    """Every country of the file, decoded once per process (about a second)."""
    try:
        topology = json.loads(source().read_text())
    except FileNotFoundError as exc:
        raise BackgroundMissing(str(source())) from exc
    arcs = _arcs(topology)
    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        kind = geometry["type"]
        parts = [geometry["arcs"]] if kind == "Polygon" else geometry.get("arcs", [])
        polygons = [p for p in (_polygon(rings, arcs) for rings in parts) if p is not None]
        if kind not in ("Polygon", "MultiPolygon") or not polygons:
            continue
        shape: BaseGeometry = polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)
        if not shape.is_valid:
            shape = shape.buffer(0)
        name = geometry.get("properties", {}).get("name", "")
        found.append(Country(id=str(geometry.get("id", "")), name=name, shape=shape))
    return tuple(found)


def features(bbox: tuple[float, float, float, float]) -> list[dict[str, Any]]:
    """GeoJSON features of the countries within `bbox` (west, south, east, north), clipped
    to it and simplified to about 100 m (the file's own precision is coarser)."""
    frame = box(*bbox)
    out = []
    for country in countries():
        if not country.shape.intersects(frame):
            continue
        clipped = country.shape.intersection(frame).simplify(0.001, preserve_topology=True)
        if clipped.is_empty:
            continue
        out.append(
            {
                "type": "Feature",
                "id": country.id,
                "geometry": mapping(clipped),
                "properties": {
                    "name": NAMES_VI.get(country.id, country.name),
                    "name_en": country.name,
                    "ours": country.id == VIETNAM,
                },
            }
        )
    return out
