"""The situational map's layers as GeoJSON, one documented route per layer, in the caller's
scope like every other route. Each answer carries an ETag: a map that asks again with
If-None-Match gets a 304 and no body, which matters on a border post's weak link; bodies are
gzipped when the client accepts it."""

import hashlib
import json
from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import compress_string
from ninja import Query, Router, Schema
from pydantic import Field

from biengioi.audit import selectors as audit
from biengioi.core.api import AuthedRequest, In, perm
from biengioi.core.errors import Code, DomainError

from . import background, layers

router = Router(tags=["map"])


class Feature(Schema):
    type: str = "Feature"
    id: int | str
    geometry: dict[str, Any]
    properties: dict[str, Any]


class FeatureCollection(Schema):
    type: str = "FeatureCollection"
    features: list[Feature]
    bbox: list[float] | None = Field(None, description="west, south, east, north (WGS84)")


class Search(In):
    q: str = Field(..., max_length=100, description="mốc 222, moc 222(2), phu lang ...")


class Area(In):
    bbox: str | None = Field(
        None,
        max_length=100,
        description="only what lies in west,south,east,north (degrees): 106.2,16.2,106.9,17.3",
    )


class Period(Area):
    start: date | None = Field(None, description="on or after this day")
    end: date | None = Field(None, description="on or before this day")


CACHE_SECONDS = 600


def _body(layer: layers.Layer) -> bytes:
    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": layer.features,
            "bbox": list(layer.bbox) if layer.bbox else None,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()


def geojson(request: AuthedRequest, build: Callable[[], layers.Layer]) -> HttpResponse:
    """The layer `build` makes, made once per state of the data: the key holds the caller's unit
    and role, the query, the day (what is stale or overdue moves with it) and the audit chain's
    newest record, which every write adds to. An unchanged layer asked again with its ETag is a
    304 without building anything, which is what a post's weak link asks most often."""
    actor = request.auth
    parts = [
        request.get_full_path(),
        getattr(actor.unit, "path", ""),
        actor.role,
        timezone.localdate().isoformat(),
        str(audit.last_seq()),
    ]
    key = "map:" + hashlib.sha256("|".join(parts).encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        body = _body(build())
        cache.set(key, body, CACHE_SECONDS)
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache", "Vary": "Accept-Encoding"}
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    elif "gzip" in request.headers.get("Accept-Encoding", "") and len(body) > 1024:
        response = HttpResponse(compress_string(body), content_type="application/geo+json")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(body, content_type="application/geo+json")
    for name, value in headers.items():
        response[name] = value
    return response


@router.get("/map/countries", response=FeatureCollection, **perm("registry.view"))
def map_countries(request: AuthedRequest) -> HttpResponse:
    """The built-in background (Natural Earth 1:10m countries) around the caller's province."""

    def build() -> layers.Layer:
        try:
            return layers.countries(actor=request.auth)
        except background.BackgroundMissing:
            return layers.Layer([])

    return geojson(request, build)


@router.get("/map/sections", response=FeatureCollection, **perm("registry.view"))
def map_sections(request: AuthedRequest) -> HttpResponse:
    """Border sections of the province, each with its responsible post."""
    return geojson(request, lambda: layers.sections(actor=request.auth))


@router.get("/map/markers", response=FeatureCollection, **perm("registry.view"))
def map_markers(request: AuthedRequest, area: Query[Area]) -> HttpResponse:
    """Markers and reference posts with their current status and last patrol visit."""
    bbox = layers.parse_bbox(area.bbox)
    return geojson(request, lambda: layers.markers(actor=request.auth, bbox=bbox))


@router.get("/map/signs", response=FeatureCollection, **perm("registry.view"))
def map_signs(request: AuthedRequest, area: Query[Area]) -> HttpResponse:
    """Border signs with their current state."""
    bbox = layers.parse_bbox(area.bbox)
    return geojson(request, lambda: layers.signs(actor=request.auth, bbox=bbox))


@router.get("/map/gates", response=FeatureCollection, **perm("registry.view"))
def map_gates(request: AuthedRequest) -> HttpResponse:
    """Gates of both sides, each with the point of its pair across the border."""
    return geojson(request, lambda: layers.gates(actor=request.auth))


@router.get("/map/incidents", response=FeatureCollection, **perm("operations.view"))
def map_incidents(request: AuthedRequest, period: Query[Period]) -> HttpResponse:
    """Incidents of the caller's scope detected in a period: open, overdue or closed."""
    bbox = layers.parse_bbox(period.bbox)
    return geojson(
        request,
        lambda: layers.incidents(actor=request.auth, start=period.start, end=period.end, bbox=bbox),
    )


@router.get("/map/repairs", response=FeatureCollection, **perm("operations.view"))
def map_repairs(request: AuthedRequest, area: Query[Area]) -> HttpResponse:
    """Repairs still open on markers, in the caller's scope, with their stage."""
    bbox = layers.parse_bbox(area.bbox)
    return geojson(request, lambda: layers.repairs(actor=request.auth, bbox=bbox))


@router.get("/map/handovers", response=FeatureCollection, **perm("operations.view"))
def map_handovers(request: AuthedRequest, period: Query[Period]) -> HttpResponse:
    """Hand-overs of the caller's scope in a period, at their gate or marker."""
    bbox = layers.parse_bbox(period.bbox)
    return geojson(
        request,
        lambda: layers.handovers(actor=request.auth, start=period.start, end=period.end, bbox=bbox),
    )


@router.get("/map/posts", response=FeatureCollection, **perm("registry.view"))
def map_posts(request: AuthedRequest) -> HttpResponse:
    """Border posts of the province: each post's area (`part` "area", 5 km around the sections
    it is responsible for, an estimate: the registry holds no commune boundaries) and its seat
    where it has a position (`part` "seat")."""
    return geojson(request, lambda: layers.posts(actor=request.auth))


@router.get("/map/crime", response=FeatureCollection, **perm("operations.view"))
def map_crime(request: AuthedRequest, period: Query[Period]) -> HttpResponse:
    """Crime cases of the caller's scope detected in a period, those with a place."""
    bbox = layers.parse_bbox(period.bbox)
    return geojson(
        request,
        lambda: layers.crime(actor=request.auth, start=period.start, end=period.end, bbox=bbox),
    )


@router.get("/map/rescues", response=FeatureCollection, **perm("operations.view"))
def map_rescues(request: AuthedRequest, period: Query[Period]) -> HttpResponse:
    """Rescues of the caller's scope begun in a period, those with a place."""
    bbox = layers.parse_bbox(period.bbox)
    return geojson(
        request,
        lambda: layers.rescues(actor=request.auth, start=period.start, end=period.end, bbox=bbox),
    )


@router.get("/map/tracks", response=FeatureCollection, **perm("operations.view"))
def map_tracks(request: AuthedRequest, period: Query[Period]) -> HttpResponse:
    """GPS tracks of the caller's scope whose patrols began in a period, as lines."""
    return geojson(
        request,
        lambda: layers.tracks(actor=request.auth, start=period.start, end=period.end),
    )


class Month(In):
    month: str = Field(
        "", max_length=7, pattern=r"^(\d{4}-\d{2})?$", description="YYYY-MM; this month when empty"
    )


@router.get("/map/coverage", response=FeatureCollection, **perm("registry.view"))
def map_coverage(request: AuthedRequest, query: Query[Month]) -> HttpResponse:
    """The 1 km pieces of the province's border sections with the distinct patrols whose GPS
    tracks came within 500 m of each in a month."""
    month = layers.parse_month(query.month)
    return geojson(request, lambda: layers.coverage_pieces(actor=request.auth, month=month))


@router.get("/map/search", response=FeatureCollection, **perm("registry.view"))
def map_search(request: AuthedRequest, search: Query[Search]) -> HttpResponse:
    """Places to fly to: markers, gates, posts, communes and the caller's incidents, each with
    `kind`, `label` and `url`, accents and case ignored."""
    return geojson(request, lambda: layers.places(actor=request.auth, q=search.q))


LAYERS = [
    "countries",
    "sections",
    "markers",
    "signs",
    "gates",
    "posts",
    "incidents",
    "repairs",
    "handovers",
    "crime",
    "rescues",
    "search",
]


@router.get("/map/{layer}", include_in_schema=False, **perm("registry.view"))
def map_unknown(request: AuthedRequest, layer: str) -> HttpResponse:
    """Any other name is refused naming `layer` and the layers there are, rather than a bare
    404 (declared last, so every layer above answers first; not a route of its own in the
    document)."""
    raise DomainError(Code.LAYER_UNKNOWN, field="layer", layer=layer[:40], known=", ".join(LAYERS))
