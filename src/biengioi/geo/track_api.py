"""GPS tracks in the API: upload a patrol's track (multipart), list a patrol's tracks with the
effort they show and what their cleaning dropped, read one, remove one; the coverage they make
(markers by their last visit, stretches of the border no track came near in a month)."""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile
from pydantic import Field

from biengioi.core.api import AuthedRequest, perm
from biengioi.core.errors import Code, DomainError
from biengioi.core.idempotency import created

from . import selectors, services
from .models import Track
from .tracks import TrackFormat, TravelMode

router = Router(tags=["tracks"])


class TrackOut(Schema):
    id: int
    patrol_id: int
    unit_id: int
    file_name: str
    format: TrackFormat
    mode: TravelMode
    received: int = Field(description="fixes in the file")
    kept: int = Field(description="fixes kept after cleaning")
    dropped: dict[str, int] = Field(
        description="fixes dropped by reason: duplicate, too_fast, far_from_border, outside_patrol"
    )
    examples: dict[str, list[int]] = Field(
        description="for each reason, the numbers (in the file, from 1) of its first fixes"
    )
    started_at: datetime
    ended_at: datetime
    km: Decimal = Field(description="length of the fixes kept, planar in the metric CRS")
    hours: float
    markers_passed: list[str] = Field(description="identifiers of the markers passed")
    sections_covered: list[str] = Field(description="codes of the sections covered")
    imported_at: datetime

    @staticmethod
    def resolve_markers_passed(obj: Track) -> list[str]:
        return [m.identifier for m in obj.markers_passed.all()]

    @staticmethod
    def resolve_sections_covered(obj: Track) -> list[str]:
        return [s.code for s in obj.sections_covered.all()]


@router.post(
    "/patrols/{int:patrol_id}/tracks",
    response={201: TrackOut, 200: TrackOut},
    **perm("operations.record"),
)
def upload_track(
    request: AuthedRequest,
    patrol_id: int,
    file: File[UploadedFile],
    mode: Form[TravelMode] = TravelMode.FOOT,
    format: Form[TrackFormat | None] = None,  # noqa: A002 (the field's name in the API)
) -> Status:
    """A patrol's GPS track: GPX, GeoJSON, CSV (lon, lat, time) or KML, known by its name or
    its first bytes unless `format` says. Cleaned (fixes dropped with a reason, counted), kept
    with its positions in one transaction; 422 naming `file` when it is no track of the patrol
    (unreadable, a fix without time, times in the future or going backwards, all far from the
    border). The same file sent again answers 200 with the track already kept."""
    content = file.read()
    return created(
        request,
        Track,
        lambda: services.track_import(
            actor=request.auth,
            patrol_id=patrol_id,
            name=file.name or "",
            content=content,
            mode=mode,
            fmt=format,
        ),
    )


@router.get("/patrols/{int:patrol_id}/tracks", response=list[TrackOut], **perm("operations.view"))
def list_tracks(request: AuthedRequest, patrol_id: int) -> Any:
    """The patrol's tracks, in the order they were made."""
    return selectors.track_list(actor=request.auth, patrol_id=patrol_id)


@router.get("/tracks/{int:track_id}", response=TrackOut, **perm("operations.view"))
def get_track(request: AuthedRequest, track_id: int) -> Track:
    return selectors.track_get(actor=request.auth, track_id=track_id)


@router.delete("/tracks/{int:track_id}", response={204: None}, **perm("operations.record"))
def remove_track(request: AuthedRequest, track_id: int) -> Status:
    """Remove a track and its positions (audited); the patrol's record stays as it is."""
    services.track_remove(actor=request.auth, track_id=track_id)
    return Status(204, None)


class CoverageQuery(Schema):
    days: int = Field(
        selectors.DEFAULT_DAYS, ge=1, le=3650, description="the window, in days up to today"
    )
    post_id: int | None = Field(None, description="one post's markers")
    not_visited: bool = Field(True, description="only the markers no track came near")


class MarkerCoverageOut(Schema):
    marker_id: int
    identifier: str
    post: str | None
    last_visit: datetime | None = Field(description="the nearest fix of the last track near it")
    days_since: int | None
    patrols: int = Field(description="distinct patrols whose tracks came near it in the window")


class MarkerCoverageAnswer(Schema):
    days: int
    markers: list[MarkerCoverageOut]


@router.get("/coverage/markers", response=MarkerCoverageAnswer, **perm("registry.view"))
def coverage_markers(request: AuthedRequest, query: Query[CoverageQuery]) -> dict[str, Any]:
    """Markers by their last visit by a GPS track (within TRACK_MARKER_DISTANCE_M, 200 m by
    default) and the distinct patrols of the last `days` days; by default only those not
    visited in that window, never-visited first."""
    rows = selectors.coverage_markers(
        actor=request.auth,
        days=query.days,
        post_id=query.post_id,
        not_visited=query.not_visited,
    )
    return {
        "days": query.days,
        "markers": [
            {
                "marker_id": r.marker.pk,
                "identifier": r.marker.identifier,
                "post": r.marker.post.name if r.marker.post else None,
                "last_visit": r.last_visit,
                "days_since": r.days_since,
                "patrols": r.patrols,
            }
            for r in rows
        ],
    }


class StretchQuery(Schema):
    month: str = Field(
        "", pattern=r"^(\d{4}-\d{2})?$", description="YYYY-MM; this month when empty"
    )
    post_id: int | None = None


class StretchOut(Schema):
    section_id: int
    section: str
    post: str | None
    from_km: float = Field(description="from the section's start")
    to_km: float
    km: float


class StretchAnswer(Schema):
    month: str
    stretches: list[StretchOut]


@router.get("/coverage/stretches", response=StretchAnswer, **perm("registry.view"))
def coverage_stretches(request: AuthedRequest, query: Query[StretchQuery]) -> dict[str, Any]:
    """The stretches of the border sections that no GPS track came near (within
    TRACK_SECTION_DISTANCE_M, 500 m by default) in a month, as pieces of 1 km from each
    section's start."""
    month = _month(query.month)
    rows = selectors.coverage_stretches(actor=request.auth, month=month, post_id=query.post_id)
    return {
        "month": f"{month:%Y-%m}",
        "stretches": [
            {
                "section_id": r.section.pk,
                "section": f"{r.section.code} · {r.section.name}",
                "post": r.section.post.name if r.section.post else None,
                "from_km": float(r.first - 1),
                "to_km": round(r.to_km, 2),
                "km": round(r.km, 2),
            }
            for r in rows
        ],
    }


def _month(text: str) -> date:
    if not text:
        today = timezone.localdate()
        return date(today.year, today.month, 1)
    year, month = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        raise DomainError(Code.REQUIRED, field="month")
    return date(year, month, 1)
