"""Border incidents in the API: the list (filters, counts, the overdue list), an incident with
its steps, and the use cases: record, correct, add a step of the handling, close; the province's
deadlines per kind and rung.

Creates take a client-made `id` (UUID) or an Idempotency-Key header; edits and the closing carry
the `version` they were made on, and a stale one answers 409 with the incident as it stands.
"""

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from ninja import Query, Router, Schema, Status
from pydantic import ConfigDict, Field

from biengioi.core.api import (
    AuthedRequest,
    Conflict,
    In,
    Line,
    Page,
    PageQuery,
    Paragraph,
    paginate,
    perm,
)
from biengioi.core.idempotency import created
from biengioi.core.search import MAX_LENGTH

from . import selectors, services
from .models import Channel, HandlingLevel, Incident, IncidentKind, IncidentStep

router = Router(tags=["incidents"])


class StepOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    level: HandlingLevel
    on: date
    handled_by: str
    channel: Channel
    counterpart_id: int | None
    summary: str
    agreed: str
    due_on: date | None


class IncidentOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    unit_id: int
    unit: str = Field(alias="unit.name")
    kind: IncidentKind
    title: str
    description: str
    lon: Decimal
    lat: Decimal
    line_id: int
    nearest_marker_id: int | None
    nearest_marker: str | None
    marker_distance_m: Decimal | None
    line_distance_m: Decimal | None
    commune_id: int | None
    detected_on: date
    detected_by: str
    parties: str
    level: HandlingLevel
    level_since: date
    due_on: date | None
    overdue_days: int
    result: str
    closed_on: date | None

    @staticmethod
    def resolve_nearest_marker(obj: Incident) -> str | None:
        return obj.nearest_marker.identifier if obj.nearest_marker else None


class IncidentDetailOut(IncidentOut):
    steps: list[StepOut]

    @staticmethod
    def resolve_steps(obj: Incident) -> list[IncidentStep]:
        return list(obj.steps.order_by("on", "pk"))


class IncidentFields(In):
    description: Paragraph = Field("", max_length=8000)
    commune_id: int | None = None
    parties: Paragraph = Field("", max_length=2000)


class IncidentCreate(IncidentFields):
    id: UUID | None = Field(None, description="Mã do máy khách tạo; gửi lại không tạo bản sao.")
    unit_id: int
    kind: IncidentKind
    title: Line = Field(max_length=200)
    lon: Decimal = Field(max_digits=10, decimal_places=7)
    lat: Decimal = Field(max_digits=10, decimal_places=7)
    detected_on: date
    detected_by: Line = Field(max_length=200)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": 1,
                    "kind": "encroachment",
                    "title": "Cư dân phía bạn canh tác lấn sang khu vực mốc 605",
                    "lon": "106.6012",
                    "lat": "16.6025",
                    "detected_on": "2025-09-01",
                    "detected_by": "Tổ tuần tra Đồn Biên phòng",
                }
            ]
        },
    )


class IncidentUpdate(In):
    """Fields left out are left alone; `version` is the one the edit was made on."""

    version: int = Field(ge=1)
    kind: IncidentKind | None = None
    title: Line | None = Field(None, max_length=200)
    description: Paragraph | None = Field(None, max_length=8000)
    lon: Decimal | None = Field(None, max_digits=10, decimal_places=7)
    lat: Decimal | None = Field(None, max_digits=10, decimal_places=7)
    commune_id: int | None = None
    detected_on: date | None = None
    detected_by: Line | None = Field(None, max_length=200)
    parties: Paragraph | None = Field(None, max_length=2000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"version": 2, "parties": "Hộ ông Lò Văn A, bản Nà Khà (phía bạn)"}]
        },
    )


class StepCreate(In):
    id: UUID | None = Field(None, description="Mã do máy khách tạo; gửi lại không tạo bản sao.")
    level: HandlingLevel
    on: date
    handled_by: Line = Field(max_length=200)
    channel: Channel
    counterpart_id: int | None = None
    summary: Paragraph = Field(max_length=8000)
    agreed: Paragraph = Field("", max_length=8000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "level": "grassroots",
                    "on": "2025-09-03",
                    "handled_by": "Đồn Biên phòng",
                    "channel": "meeting",
                    "summary": "Hội đàm với đơn vị phía bạn tại mốc 605",
                    "agreed": "Phía bạn yêu cầu cư dân dừng canh tác",
                }
            ]
        },
    )


class IncidentClose(In):
    version: int = Field(ge=1)
    closed_on: date
    result: Paragraph = Field(max_length=8000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "version": 2,
                    "closed_on": "2025-09-10",
                    "result": "Phía bạn đã dừng canh tác, trả lại nguyên trạng khu vực mốc",
                }
            ]
        },
    )


class IncidentFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    start: date | None = None
    end: date | None = None
    unit_id: int | None = None
    kind: IncidentKind | None = None
    status: str | None = Field(None, pattern="^(open|overdue|closed)$")
    level: HandlingLevel | None = None
    marker_id: int | None = None
    due_within: int | None = Field(
        None,
        ge=0,
        le=selectors.MAX_DUE_WITHIN,
        description="Only open incidents whose deadline has passed or comes within this many "
        "days, the nearest deadline first.",
    )


class IncidentCounts(Schema):
    total: int
    open: int
    overdue: int
    closed: int
    grassroots: int
    province: int
    central: int


class DeadlineRow(Schema):
    kind: IncidentKind
    grassroots: int
    province: int
    central: int
    set_by_province: list[HandlingLevel]


class DeadlineSet(In):
    kind: IncidentKind
    level: HandlingLevel
    days: int = Field(ge=1, le=3650)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"kind": "airspace", "level": "grassroots", "days": 3}]},
    )


def _filtered(request: AuthedRequest, filters: IncidentFilter) -> Any:
    return selectors.incident_list(
        actor=request.auth,
        q=filters.q,
        start=filters.start,
        end=filters.end,
        unit_id=filters.unit_id,
        kind=filters.kind or "",
        status=filters.status or "",
        level=filters.level or "",
        marker_id=filters.marker_id,
        due_within=filters.due_within,
    )


def _deadline_rows(actor: Any) -> list[dict[str, Any]]:
    return [
        {"kind": row["kind"], **row["days"], "set_by_province": sorted(row["own"])}
        for row in selectors.deadline_table(actor=actor)
    ]


@router.get("/incidents", response=Page[IncidentOut], **perm("operations.view"))
def list_incidents(request: AuthedRequest, filters: Query[IncidentFilter]) -> dict:
    return paginate(_filtered(request, filters), filters.page, filters.size)


@router.get("/incidents/counts", response=IncidentCounts, **perm("operations.view"))
def count_incidents(request: AuthedRequest, filters: Query[IncidentFilter]) -> dict:
    """In all, open, overdue, closed, and on each rung, for the filters given."""
    return selectors.incident_counts(_filtered(request, filters))


@router.get("/incidents/overdue", response=Page[IncidentOut], **perm("operations.view"))
def overdue_incidents(request: AuthedRequest, filters: Query[IncidentFilter]) -> dict:
    """Open incidents past the deadline of their rung, the longest overdue first."""
    return paginate(selectors.overdue(_filtered(request, filters)), filters.page, filters.size)


@router.get("/incidents/deadlines", response=list[DeadlineRow], **perm("operations.view"))
def list_deadlines(request: AuthedRequest) -> list[dict[str, Any]]:
    """Days each rung has, per kind of incident, in the caller's province."""
    return _deadline_rows(request.auth)


@router.put("/incidents/deadlines", response=list[DeadlineRow], **perm("operations.configure"))
def set_deadline(request: AuthedRequest, payload: DeadlineSet) -> list[dict[str, Any]]:
    services.incident_deadline_set(actor=request.auth, **payload.model_dump())
    return _deadline_rows(request.auth)


@router.get("/incidents/{int:incident_id}", response=IncidentDetailOut, **perm("operations.view"))
def get_incident(request: AuthedRequest, incident_id: int) -> Incident:
    return selectors.incident_get(actor=request.auth, incident_id=incident_id)


@router.post(
    "/incidents",
    response={201: IncidentDetailOut, 200: IncidentDetailOut},
    **perm("operations.record"),
)
def create_incident(request: AuthedRequest, payload: IncidentCreate) -> Status:
    return created(
        request,
        Incident,
        lambda: services.incident_create(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )


@router.patch(
    "/incidents/{int:incident_id}",
    response={200: IncidentDetailOut, 409: Conflict[IncidentDetailOut]},
    **perm("operations.record"),
)
def update_incident(request: AuthedRequest, incident_id: int, payload: IncidentUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    return services.incident_update(
        actor=request.auth, incident_id=incident_id, version=version, **changes
    )


@router.post(
    "/incidents/{int:incident_id}/steps",
    response={201: StepOut, 200: StepOut},
    **perm("operations.record"),
)
def add_step(request: AuthedRequest, incident_id: int, payload: StepCreate) -> Status:
    """A step of the handling; a step one rung up moves the incident there (no rung skipped)."""
    return created(
        request,
        IncidentStep,
        lambda: services.incident_step_add(
            actor=request.auth,
            incident_id=incident_id,
            client_id=payload.id,
            **payload.model_dump(exclude={"id"}),
        ),
    )


@router.post(
    "/incidents/{int:incident_id}/close",
    response={200: IncidentDetailOut, 409: Conflict[IncidentDetailOut]},
    **perm("operations.record"),
)
def close_incident(request: AuthedRequest, incident_id: int, payload: IncidentClose) -> Any:
    return services.incident_close(
        actor=request.auth, incident_id=incident_id, **payload.model_dump()
    )
