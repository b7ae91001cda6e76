"""GPS tracks in the API: upload a patrol's track (multipart), list a patrol's tracks with the
effort they show and what their cleaning dropped, read one, remove one."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from ninja import File, Form, Router, Schema, Status, UploadedFile
from pydantic import Field

from biengioi.core.api import AuthedRequest, perm
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
