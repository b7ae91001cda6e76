"""Geometry helpers: GeoJSON in WGS84 in, metres and kilometres out.

Geometries are stored as GeoJSON in ordinary columns (ARCHITECTURE.md). Lengths are geodesic
(on the WGS84 ellipsoid); distances from a point to a line are measured in a transverse
Mercator projection centred on the point, which is exact to well under a metre at the few
kilometres that matter here. VN-2000 coordinates are shown in its UTM zones 48N/49N.
"""

from functools import lru_cache
from typing import Any

import shapely
from pyproj import CRS, Geod, Transformer
from shapely import LineString, MultiLineString, Point
from shapely.geometry import mapping, shape

from .errors import Code, DomainError

GEOD = Geod(ellps="WGS84")
# Where Vietnam's land borders are (ARCHITECTURE: bad coordinates name the field).
LON_RANGE = (102.0, 110.0)
LAT_RANGE = (8.0, 24.0)


def check_lon_lat(
    lon: float, lat: float, *, field_lon: str = "lon", field_lat: str = "lat"
) -> None:
    if not LON_RANGE[0] <= lon <= LON_RANGE[1]:
        raise DomainError(
            Code.LON_OUT_OF_RANGE, field=field_lon, low=LON_RANGE[0], high=LON_RANGE[1]
        )
    if not LAT_RANGE[0] <= lat <= LAT_RANGE[1]:
        raise DomainError(
            Code.LAT_OUT_OF_RANGE, field=field_lat, low=LAT_RANGE[0], high=LAT_RANGE[1]
        )


def line_from_geojson(data: Any, *, field: str = "geometry") -> LineString:
    """A simple, non-degenerate LineString inside Vietnam's border box, from GeoJSON."""
    try:
        geom = shape(data)
    except (AttributeError, KeyError, TypeError, ValueError, IndexError) as exc:
        raise DomainError(Code.GEOMETRY_INVALID, field=field) from exc
    if not isinstance(geom, LineString):
        raise DomainError(Code.GEOMETRY_NOT_LINE, field=field)
    for lon, lat, *_ in geom.coords:
        check_lon_lat(lon, lat, field_lon=field, field_lat=field)
    if geom.length == 0 or length_km(geom) == 0:
        raise DomainError(Code.GEOMETRY_ZERO_LENGTH, field=field)
    if not geom.is_simple:
        raise DomainError(Code.GEOMETRY_SELF_CROSSING, field=field)
    return LineString([(x, y) for x, y, *_ in geom.coords])


def to_geojson(geom: LineString | Point) -> dict[str, Any]:
    return dict(mapping(geom))


def length_km(line: LineString | MultiLineString) -> float:
    return GEOD.geometry_length(line) / 1000.0


@lru_cache(maxsize=64)
def local_tm(lon0: float, lat0: float) -> Transformer:
    """A transverse Mercator in metres centred on (lon0, lat0)."""
    crs = CRS.from_proj4(
        f"+proj=tmerc +lat_0={lat0} +lon_0={lon0} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
    )
    return Transformer.from_crs("EPSG:4326", crs, always_xy=True)


def distance_m(lon: float, lat: float, lines: list[LineString]) -> float | None:
    """Metres from the point to the nearest of `lines` (None when there is no line)."""
    if not lines:
        return None
    tm = local_tm(round(lon, 2), round(lat, 2))
    point = Point(tm.transform(lon, lat))
    return min(
        point.distance(shapely.transform(line, tm.transform, interleaved=False)) for line in lines
    )


@lru_cache(maxsize=4)
def _to_vn2000(epsg: int) -> Transformer:
    return Transformer.from_crs("EPSG:4326", f"EPSG:{epsg}", always_xy=True)


def vn2000(lon: float, lat: float) -> tuple[str, float, float]:
    """VN-2000 UTM coordinates (zone name, easting, northing) of a WGS84 point."""
    epsg, zone = (3405, "48N") if lon < 108.0 else (3406, "49N")
    x, y = _to_vn2000(epsg).transform(lon, lat)
    return zone, round(x, 2), round(y, 2)
