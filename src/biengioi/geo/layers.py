"""The situational map's layers, as GeoJSON features in the reader's scope.

Registry layers (sections, markers, gates) are the province's shared reference data: every
user of the province sees them, as on the registry's pages. Operational layers (incidents) are
the reader's own scope. Each layer reads through its app's selector, so scope, permission and
the current-status rules are the same as on the lists; a layer adds only the shape.

A marker's "last visited" is the day of the latest patrol that inspected it: a registry fact
(a day), never who patrolled or what they noted.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import shapely
from django.conf import settings
from django.db.models import Avg, Exists, F, Max, Min, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from shapely.geometry import mapping, shape
from shapely.ops import unary_union

from biengioi.core import access, geo
from biengioi.core.errors import Code, DomainError
from biengioi.core.scope import within
from biengioi.core.search import matching_column
from biengioi.operations import (
    crime_selectors,
    handover_selectors,
    repair_selectors,
    rescue_selectors,
)
from biengioi.operations import selectors as operations
from biengioi.operations.models import MarkerInspection
from biengioi.operations.selectors import IncidentStatus
from biengioi.registry import selectors as registry
from biengioi.registry.models import Marker

from . import background

Feature = dict[str, Any]
BBox = tuple[float, float, float, float]  # west, south, east, north

# How far the background reaches around the province's border (degrees, about 55 km).
MARGIN = 0.5


@dataclass(frozen=True)
class Layer:
    features: list[Feature]
    bbox: BBox | None = None


def parse_bbox(text: str | None) -> BBox | None:
    """`west,south,east,north` in degrees, or None; anything else is refused naming `bbox`."""
    if text is None or not text.strip():
        return None
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError as exc:
        raise DomainError(Code.BBOX_INVALID, field="bbox") from exc
    inside = -180 <= west < east <= 180 and -90 <= south < north <= 90
    if not inside:
        raise DomainError(Code.BBOX_INVALID, field="bbox")
    return (west, south, east, north)


def _within(rows: Any, bbox: BBox | None, prefix: str = "") -> Any:
    """Rows whose point (`lon`, `lat`, or those of `prefix`) lies in `bbox`."""
    if bbox is None:
        return rows
    west, south, east, north = bbox
    return rows.filter(
        **{
            f"{prefix}lon__gte": west,
            f"{prefix}lon__lte": east,
            f"{prefix}lat__gte": south,
            f"{prefix}lat__lte": north,
        }
    )


def _point(lon: Decimal, lat: Decimal) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [float(lon), float(lat)]}


def _feature(pk: Any, geometry: Any, properties: dict[str, Any]) -> Feature:
    return {"type": "Feature", "id": pk, "geometry": geometry, "properties": properties}


def _bounds(features: list[Feature]) -> BBox | None:
    shapes = [shape(f["geometry"]) for f in features if f.get("geometry")]
    if not shapes:
        return None
    west = min(s.bounds[0] for s in shapes)
    south = min(s.bounds[1] for s in shapes)
    east = max(s.bounds[2] for s in shapes)
    north = max(s.bounds[3] for s in shapes)
    return (west, south, east, north)


def sections(*, actor: Any) -> Layer:
    """The border sections, each with its post (the map colours a section by its post)."""
    rows = registry.section_list(actor=actor).select_related("post", "line__country")
    features = [
        _feature(
            s.pk,
            s.geometry,
            {
                "code": s.code,
                "name": s.name,
                "post_id": s.post_id,
                "post": s.post.name,
                "length_km": float(s.length_km),
                "url": reverse("registry:section", args=[s.pk]),
            },
        )
        for s in rows
    ]
    return Layer(features, _bounds(features))


def stale_days() -> int:
    """Markers not inspected for more than this many days are marked on the map (the number
    `operations.fresh_from` counts back; for legends and headings)."""
    return int(settings.MAP_STALE_DAYS)


def with_last_visit(markers: QuerySet[Marker], today: date) -> QuerySet[Any]:
    """Markers with the moment a patrol last inspected them (`last_visit`) and `stale`: that
    day was before `operations.fresh_from(today)`, or there was none. The one rule of a
    marker due for inspection, for the map and for the lists of what needs doing."""
    last = (
        MarkerInspection.objects.filter(marker=OuterRef("pk"))
        .values("marker")
        .annotate(last=Max("patrol__started_at"))
        .values("last")
    )
    fresh = operations.fresh_from(today)
    since = datetime.combine(fresh, time.min, tzinfo=timezone.get_current_timezone())
    seen = MarkerInspection.objects.filter(marker=OuterRef("pk"), patrol__started_at__gte=since)
    return markers.annotate(last_visit=Subquery(last), stale=~Exists(seen))


def due_for_inspection(*, actor: Any, today: date | None = None, q: str = "") -> QuerySet[Any]:
    """The stale markers of the actor's own area (those of the posts of their scope), the
    longest unvisited first, never visited before all; `q` as the marker list's search."""
    today = today or timezone.localdate()
    rows = registry.marker_list(actor=actor, q=q).filter(within(actor, "post__path"))
    return (
        with_last_visit(rows, today)
        .filter(stale=True)
        .order_by(F("last_visit").asc(nulls_first=True), "line__country__code", "sort_key")
    )


def markers(*, actor: Any, bbox: BBox | None = None, today: date | None = None) -> Layer:
    """Markers and reference posts with their current status, the day a patrol last
    inspected them (`stale` as `with_last_visit` says) and the day a GPS track last came near
    (`last_track`)."""
    from .models import MarkerVisit

    today = today or timezone.localdate()
    rows = with_last_visit(_within(registry.marker_list(actor=actor), bbox), today)
    tracked = MarkerVisit.objects.filter(marker=OuterRef("pk")).order_by("-time").values("time")
    rows = rows.annotate(last_track=Subquery(tracked[:1]))
    features = []
    for m in rows:
        visited = timezone.localdate(m.last_visit) if m.last_visit else None
        track = m.last_track  # type: ignore[attr-defined]
        features.append(
            _feature(
                m.pk,
                _point(m.lon, m.lat),
                {
                    "identifier": m.identifier,
                    "kind": m.kind,
                    "status": m.current_status or "",  # type: ignore[attr-defined]
                    "post": m.post.name,
                    "last_visit": visited.isoformat() if visited else None,
                    "last_track": timezone.localdate(track).isoformat() if track else None,
                    "stale": m.stale,  # type: ignore[attr-defined]
                    "url": reverse("registry:marker", args=[m.pk]),
                },
            )
        )
    return Layer(features, _bounds(features))


def gates(*, actor: Any) -> Layer:
    """Gates on both sides; a gate with a pair carries the pair's point (the map draws a line
    across the border between them)."""
    features = []
    for g in registry.gate_list(actor=actor):
        pair = g.paired_with
        features.append(
            _feature(
                g.pk,
                _point(g.lon, g.lat),
                {
                    "name": g.name,
                    "kind": g.kind,
                    "side": g.side,
                    "status": g.current_status or "",  # type: ignore[attr-defined]
                    "pair": [float(pair.lon), float(pair.lat)] if pair else None,
                    "url": reverse("registry:gate", args=[g.pk]),
                },
            )
        )
    return Layer(features, _bounds(features))


def incidents(
    *,
    actor: Any,
    start: date | None = None,
    end: date | None = None,
    bbox: BBox | None = None,
    today: date | None = None,
) -> Layer:
    """Incidents of the reader's scope detected between `start` and `end`, each open, overdue
    (past the deadline of its rung) or closed."""
    _check_period(start, end)
    today = today or timezone.localdate()
    rows = _within(operations.incident_list(actor=actor, start=start, end=end, today=today), bbox)
    features = []
    for i in rows:
        if i.closed_on is not None:
            state = IncidentStatus.CLOSED
        elif i.due_on is not None and i.due_on < today:
            state = IncidentStatus.OVERDUE
        else:
            state = IncidentStatus.OPEN
        features.append(
            _feature(
                i.pk,
                _point(i.lon, i.lat),
                {
                    "title": i.title,
                    "kind": i.kind,
                    "state": state,
                    "detected_on": i.detected_on.isoformat(),
                    "level": i.level,
                    "url": reverse("operations:incident", args=[i.pk]),
                },
            )
        )
    return Layer(features, _bounds(features))


def signs(*, actor: Any, bbox: BBox | None = None) -> Layer:
    """Border signs with their current state."""
    features = [
        _feature(
            sign.pk,
            _point(sign.lon, sign.lat),
            {
                "code": sign.code,
                "kind": sign.kind,
                "status": sign.current_status or "",  # type: ignore[attr-defined]
                "url": reverse("registry:sign", args=[sign.pk]),
            },
        )
        for sign in _within(registry.sign_list(actor=actor), bbox)
    ]
    return Layer(features, _bounds(features))


def repairs(*, actor: Any, bbox: BBox | None = None) -> Layer:
    """The repairs still open on markers, in the reader's scope, at their marker, with the stage
    they stand at."""
    rows = _within(repair_selectors.repair_list(actor=actor, status="open"), bbox, "marker__")
    features = [
        _feature(
            r.pk,
            _point(r.marker.lon, r.marker.lat),
            {
                "marker": r.marker.identifier,
                "problem": r.problem,
                "stage": r.stage,
                "detected_on": r.detected_on.isoformat(),
                "url": reverse("operations:repair", args=[r.pk]),
            },
        )
        for r in rows
    ]
    return Layer(features, _bounds(features))


def handovers(
    *, actor: Any, start: date | None = None, end: date | None = None, bbox: BBox | None = None
) -> Layer:
    """Hand-overs of the reader's scope in a period, at their gate or marker."""
    _check_period(start, end)
    rows = handover_selectors.handover_list(actor=actor, start=start, end=end)
    if bbox is not None:  # a hand-over stands at its gate or at its marker
        rows = _within(rows, bbox, "gate__") | _within(rows, bbox, "marker__")
    features = []
    for h in rows:
        place = h.gate or h.marker
        if place is None:
            continue
        features.append(
            _feature(
                h.pk,
                _point(place.lon, place.lat),
                {
                    "kind": h.kind,
                    "on": h.on.isoformat(),
                    "persons": h.persons,
                    "place": str(place),
                    "url": reverse("operations:handover", args=[h.pk]),
                },
            )
        )
    return Layer(features, _bounds(features))


# A post's area drawn on the map: this far (km) around the sections it is responsible for. The
# registry holds no commune boundaries, so the area is an estimate from the sections alone.
AREA_KM = 5


def _area(lines: list[Any]) -> dict[str, Any] | None:
    """The ground within AREA_KM of `lines`, buffered in metres in a projection centred on
    them (degrees are not the same length both ways), simplified to about 50 m."""
    if not lines:
        return None
    joined = unary_union([shape(line) for line in lines])
    centre = joined.centroid
    tm = geo.local_tm(round(centre.x, 2), round(centre.y, 2))
    flat = shapely.transform(joined, tm.transform, interleaved=False)
    area = flat.buffer(AREA_KM * 1000, quad_segs=4).simplify(50)

    def back(x: Any, y: Any) -> Any:
        return tm.transform(x, y, direction="INVERSE")

    found = shapely.set_precision(shapely.transform(area, back, interleaved=False), 1e-5)
    return dict(mapping(found))


def posts(*, actor: Any) -> Layer:
    """The province's border posts: each post's area (`part` "area": AREA_KM around its
    sections) and, where the post has one, its seat (`part` "seat", a point)."""
    rows = registry.border_posts(actor=actor).prefetch_related("sections")
    features: list[Feature] = []
    for post in rows:
        url = reverse("web:unit", args=[post.pk])
        sections = [s.geometry for s in post.sections.all()]
        properties = {"name": post.name, "code": post.code, "sections": len(sections), "url": url}
        area = _area(sections)
        if area is not None:
            features.append(
                _feature(
                    f"area:{post.pk}",
                    area,
                    {**properties, "part": "area", "post_id": post.pk},
                )
            )
        if post.lon is not None and post.lat is not None:
            features.append(
                _feature(
                    f"seat:{post.pk}",
                    _point(post.lon, post.lat),
                    {**properties, "part": "seat", "post_id": post.pk},
                )
            )
    return Layer(features, _bounds(features))


def _check_period(start: date | None, end: date | None) -> None:
    if start and end and start > end:
        raise DomainError(Code.ENDS_BEFORE_START, field="end")


def crime(
    *,
    actor: Any,
    start: date | None = None,
    end: date | None = None,
    bbox: BBox | None = None,
) -> Layer:
    """Crime cases of the reader's scope detected in a period that have a place."""
    _check_period(start, end)
    rows = crime_selectors.crime_case_list(actor=actor, start=start, end=end)
    rows = _within(rows.filter(lon__isnull=False, lat__isnull=False), bbox)
    features = [
        _feature(
            c.pk,
            _point(c.lon, c.lat),
            {
                "title": c.title,
                "category": c.category,
                "handling": c.handling,
                "detected_on": c.detected_on.isoformat(),
                "url": reverse("operations:crime_case", args=[c.pk]),
            },
        )
        for c in rows
    ]
    return Layer(features, _bounds(features))


def rescues(
    *,
    actor: Any,
    start: date | None = None,
    end: date | None = None,
    bbox: BBox | None = None,
) -> Layer:
    """Rescues of the reader's scope begun in a period that have a place; `ongoing` while the
    operation has no end."""
    _check_period(start, end)
    rows = rescue_selectors.rescue_list(actor=actor, start=start, end=end)
    rows = _within(rows.filter(lon__isnull=False, lat__isnull=False), bbox)
    features = [
        _feature(
            r.pk,
            _point(r.lon, r.lat),
            {
                "title": r.title,
                "kind": r.kind,
                "started_on": r.started_on.isoformat(),
                "ongoing": r.ended_on is None,
                "rescued": r.rescued,
                "evacuated": r.evacuated,
                "url": reverse("operations:rescue", args=[r.pk]),
            },
        )
        for r in rows
    ]
    return Layer(features, _bounds(features))


def extent(*, actor: Any) -> BBox | None:
    """What the map first shows: the province's sections and markers."""
    boxes = [b for b in (sections(actor=actor).bbox, _marker_box(actor)) if b]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _marker_box(actor: Any) -> BBox | None:
    box = registry.marker_list(actor=actor).aggregate(
        west=Min("lon"), south=Min("lat"), east=Max("lon"), north=Max("lat")
    )
    if box["west"] is None:
        return None
    return (float(box["west"]), float(box["south"]), float(box["east"]), float(box["north"]))


def countries(*, actor: Any) -> Layer:
    """The built-in background around the province: its country and the neighbours', clipped
    to the province's border area with a margin. Empty for a province with no border yet."""
    around = extent(actor=actor)
    if around is None:
        return Layer([])
    west, south, east, north = around
    frame = (west - MARGIN, south - MARGIN, east + MARGIN, north + MARGIN)
    return Layer(background.features(frame), frame)


SEARCH_LIMIT = 8  # places of each kind a search offers


def _place(kind: str, pk: int, label: str, lon: Any, lat: Any, url: str) -> Feature:
    return _feature(
        f"{kind}:{pk}",
        _point(lon, lat),
        {"kind": kind, "label": label, "url": url},
    )


def places(*, actor: Any, q: str) -> Layer:
    """What a search on the map flies to, accents and case ignored: markers by identifier
    ("mốc 222", "moc 222(2)"), gates, border posts and communes by name ("phu lang"), and the
    reader's incidents by their words (core.search). A post or a commune is placed at the
    middle of its markers."""
    text = q.strip()
    if not text:
        return Layer([])
    found: list[Feature] = []
    for m in registry.marker_list(actor=actor, q=text)[:SEARCH_LIMIT]:
        url = reverse("registry:marker", args=[m.pk])
        label = gettext("Mốc %(identifier)s") % {"identifier": m.identifier}
        found.append(_place("marker", m.pk, label, m.lon, m.lat, url))
    for g in registry.gate_list(actor=actor, q=text)[:SEARCH_LIMIT]:
        found.append(
            _place("gate", g.pk, g.name, g.lon, g.lat, reverse("registry:gate", args=[g.pk]))
        )
    markers = registry.marker_list(actor=actor).order_by()
    posts = matching_column(registry.border_posts(actor=actor), text, "name_search")
    for post in posts[:SEARCH_LIMIT]:
        middle = markers.filter(post=post).aggregate(lon=Avg("lon"), lat=Avg("lat"))
        if middle["lon"] is not None:
            url = reverse("web:unit", args=[post.pk])
            found.append(_place("post", post.pk, post.name, middle["lon"], middle["lat"], url))
    communes = matching_column(
        Marker.objects.filter(pk__in=markers.values("pk")), text, "commune__name_search"
    )
    for row in (
        communes.values("commune", "commune__name")
        .annotate(lon=Avg("lon"), lat=Avg("lat"))
        .order_by("commune__name")[:SEARCH_LIMIT]
    ):
        url = reverse("registry:admin_unit", args=[row["commune"]])
        found.append(
            _place("commune", row["commune"], row["commune__name"], row["lon"], row["lat"], url)
        )
    if access.can(actor, "operations.view"):
        for i in operations.incident_list(actor=actor, q=text)[:SEARCH_LIMIT]:
            url = reverse("operations:incident", args=[i.pk])
            found.append(_place("incident", i.pk, i.title, i.lon, i.lat, url))
    return Layer(found, _bounds(found))


TRACK_POINTS = 500  # a track drawn with at most this many of its fixes


def tracks(*, actor: Any, start: date | None = None, end: date | None = None) -> Layer:
    """The GPS tracks of the reader's scope whose patrols began in a period, each a line of its
    fixes (every n-th, at most TRACK_POINTS, the last always)."""
    from .coverage import day_start
    from .models import Position, Track

    access.require(actor, "operations.view")
    _check_period(start, end)
    rows = Track.objects.filter(within(actor, "unit__path")).select_related("patrol", "unit")
    if start:
        rows = rows.filter(patrol__started_at__gte=day_start(start))
    if end:
        rows = rows.filter(patrol__started_at__lt=day_start(end + timedelta(days=1)))
    found = list(rows.order_by("pk"))
    fixes: dict[int, list[list[float]]] = {t.pk: [] for t in found}
    for track_id, lon, lat in (
        Position.objects.filter(track__in=found)
        .order_by("track_id", "time", "id")
        .values_list("track_id", "lon", "lat")
        .iterator(10_000)
    ):
        fixes[track_id].append([round(lon, 6), round(lat, 6)])
    features = []
    for t in found:
        line = fixes[t.pk]
        step = max(1, -(-len(line) // TRACK_POINTS))
        kept = line[::step] + ([line[-1]] if (len(line) - 1) % step else [])
        if len(kept) < 2:
            continue
        features.append(
            _feature(
                t.pk,
                {"type": "LineString", "coordinates": kept},
                {
                    "patrol": str(t.patrol),
                    "unit": t.unit.name,
                    "day": timezone.localtime(t.started_at).date().isoformat(),
                    "km": float(t.km),
                    "url": reverse("operations:patrol", args=[t.patrol_id]),
                },
            )
        )
    return Layer(features, _bounds(features))


def coverage_pieces(*, actor: Any, month: date) -> Layer:
    """The 1 km pieces of the province's border sections with the distinct patrols whose GPS
    tracks came near each in `month` (0: none; a section no track has reached is cut here)."""
    from django.db.models import Count
    from pyproj import Transformer

    from .coverage import pieces_of
    from .models import PieceMonth

    sections = registry.section_list(actor=actor).select_related(None)
    cut = pieces_of(list(sections))
    counts = dict(
        PieceMonth.objects.filter(piece__in=[p for p in cut if p.pk], month=month)
        .values_list("piece_id")
        .annotate(patrols=Count("patrol", distinct=True))
    )
    back = Transformer.from_crs(f"EPSG:{settings.GEO_METRIC_EPSG}", "EPSG:4326", always_xy=True)
    features = []
    for p in cut:
        xs, ys = zip(*p.coordinates, strict=True)
        lons, lats = back.transform(xs, ys)
        features.append(
            _feature(
                f"{p.section_id}-{p.number}",
                {
                    "type": "LineString",
                    "coordinates": [
                        [round(lo, 6), round(la, 6)] for lo, la in zip(lons, lats, strict=True)
                    ],
                },
                {
                    "section_id": p.section_id,
                    "number": p.number,
                    "patrols": counts.get(p.pk, 0) if p.pk else 0,
                    "month": f"{month:%Y-%m}",
                    "url": reverse("registry:section", args=[p.section_id]),
                },
            )
        )
    return Layer(features, _bounds(features))


def parse_month(text: str) -> date:
    """`YYYY-MM` as its first day, this month when empty; a month past 12 is refused naming
    `month`."""
    if not text:
        today = timezone.localdate()
        return date(today.year, today.month, 1)
    parts = text.split("-")
    if len(parts) != 2 or not all(part.isdigit() for part in parts):
        raise DomainError(Code.REQUIRED, field="month")
    year, month = int(parts[0]), int(parts[1])
    if year < 1900 or not 1 <= month <= 12:
        raise DomainError(Code.REQUIRED, field="month")
    return date(year, month, 1)
