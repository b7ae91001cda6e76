"""The operations log in the API: patrols with their marker inspections.

A create takes a client-made `id` (UUID) or an Idempotency-Key header: sent again, it answers
200 with the first patrol. An edit carries the `version` it was made on: a stale one answers
409 with the patrol as it stands, and overwrites nothing.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
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
from biengioi.registry.models import MarkerStatusKind

from . import selectors, services
from .models import MarkerInspection, Patrol, PatrolHostSide, PatrolKind

router = Router(tags=["operations"])


class InspectionIn(In):
    marker_id: int
    status: MarkerStatusKind
    vegetation_cleared: bool = False
    note: Paragraph = Field("", max_length=4000)


class InspectionOut(Schema):
    marker_id: int
    marker: str = Field(alias="marker.identifier")
    status: MarkerStatusKind
    vegetation_cleared: bool
    note: str
    status_changed: bool


class PatrolFields(In):
    host_side: PatrolHostSide | None = None
    section_ids: list[int] | None = None
    from_marker_id: int | None = None
    to_marker_id: int | None = None
    distance_km: Decimal | None = Field(None, ge=0, max_digits=6, decimal_places=1)
    border_guards: int = Field(0, ge=0, le=1000)
    militia: int = Field(0, ge=0, le=1000)
    commune_police: int = Field(0, ge=0, le=1000)
    self_management: int = Field(0, ge=0, le=1000)
    other_side: int = Field(0, ge=0, le=1000)
    counterpart_id: int | None = None
    counterpart_leader: Line = Field("", max_length=150)
    findings: Paragraph = Field("", max_length=8000)
    next_patrol_on: date | None = None


class PatrolCreate(PatrolFields):
    id: UUID | None = Field(None, description="Mã do máy khách tạo; gửi lại không tạo bản sao.")
    unit_id: int
    kind: PatrolKind
    line_id: int
    started_at: datetime
    ended_at: datetime
    inspections: list[InspectionIn] = Field(default_factory=list, max_length=500)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "id": "6f1c2a9e-3b7d-4c21-9a55-1e2f3a4b5c6d",
                    "unit_id": 1,
                    "kind": "unilateral",
                    "line_id": 1,
                    "started_at": "2025-09-12T07:00:00+07:00",
                    "ended_at": "2025-09-12T15:30:00+07:00",
                    "distance_km": "12.5",
                    "border_guards": 6,
                    "militia": 2,
                    "findings": "Dấu hiệu đường biên giới không bị xê dịch.",
                }
            ]
        },
    )


class PatrolUpdate(In):
    """Fields left out are left alone; `version` is the one the edit was made on."""

    version: int = Field(ge=1)
    kind: PatrolKind | None = None
    host_side: PatrolHostSide | None = None
    started_at: datetime | None = None
    ended_at: datetime | None = None
    section_ids: list[int] | None = None
    from_marker_id: int | None = None
    to_marker_id: int | None = None
    distance_km: Decimal | None = Field(None, ge=0, max_digits=6, decimal_places=1)
    border_guards: int | None = Field(None, ge=0, le=1000)
    militia: int | None = Field(None, ge=0, le=1000)
    commune_police: int | None = Field(None, ge=0, le=1000)
    self_management: int | None = Field(None, ge=0, le=1000)
    other_side: int | None = Field(None, ge=0, le=1000)
    counterpart_id: int | None = None
    counterpart_leader: Line | None = Field(None, max_length=150)
    findings: Paragraph | None = Field(None, max_length=8000)
    next_patrol_on: date | None = None

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"version": 1, "findings": "Cột mốc được đảm bảo nguyên trạng."}]
        },
    )


class PatrolOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    unit_id: int
    unit: str = Field(alias="unit.name")
    kind: PatrolKind
    host_side: PatrolHostSide | None = Field(description="Bên chủ trì; null: tuần tra đơn phương.")
    line_id: int
    section_ids: list[int]
    started_at: datetime
    ended_at: datetime
    from_marker_id: int | None
    to_marker_id: int | None
    distance_km: Decimal | None
    border_guards: int
    militia: int
    commune_police: int
    self_management: int
    other_side: int
    counterpart_id: int | None
    counterpart_leader: str
    findings: str
    next_patrol_on: date | None
    inspections: list[InspectionOut]

    @staticmethod
    def resolve_host_side(obj: Patrol) -> str | None:
        return obj.host_side or None

    @staticmethod
    def resolve_section_ids(obj: Patrol) -> list[int]:
        return sorted(s.pk for s in obj.sections.all())

    @staticmethod
    def resolve_inspections(obj: Patrol) -> list[MarkerInspection]:
        return list(obj.inspections.all())  # prefetched, with their markers, in marker order


class PatrolFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    start: date | None = None
    end: date | None = None
    unit_id: int | None = None
    kind: PatrolKind | None = None
    marker_id: int | None = None


class PatrolCounts(Schema):
    total: int
    unilateral: int
    bilateral: int
    joint: int
    joint_law_enforcement: int


# a patrol's inspections in one query for a whole page of patrols
_INSPECTIONS = Prefetch(
    "inspections",
    queryset=MarkerInspection.objects.select_related("marker").order_by("marker__sort_key"),
)


def _filtered(request: HttpRequest, filters: PatrolFilter) -> Any:
    return selectors.patrol_list(
        actor=request.auth,  # type: ignore[attr-defined]
        q=filters.q,
        start=filters.start,
        end=filters.end,
        unit_id=filters.unit_id,
        kind=filters.kind or "",
        marker_id=filters.marker_id,
    )


@router.get("/patrols", response=Page[PatrolOut], **perm("operations.view"))
def list_patrols(request: AuthedRequest, filters: Query[PatrolFilter]) -> dict:
    patrols = _filtered(request, filters).prefetch_related("sections", _INSPECTIONS)
    return paginate(patrols, filters.page, filters.size)


@router.get("/patrols/counts", response=PatrolCounts, **perm("operations.view"))
def count_patrols(request: AuthedRequest, filters: Query[PatrolFilter]) -> dict:
    """How many patrols of each kind the filters select (as the periodic reports count them)."""
    return selectors.patrol_counts(_filtered(request, filters))


@router.get("/patrols/{int:patrol_id}", response=PatrolOut, **perm("operations.view"))
def get_patrol(request: AuthedRequest, patrol_id: int) -> Patrol:
    patrol = selectors.patrol_get(actor=request.auth, patrol_id=patrol_id)
    prefetch_related_objects([patrol], _INSPECTIONS)
    return patrol


@router.post("/patrols", response={201: PatrolOut, 200: PatrolOut}, **perm("operations.record"))
def create_patrol(request: AuthedRequest, payload: PatrolCreate) -> Status:
    data = payload.model_dump(exclude={"id"})
    data["host_side"] = data["host_side"] or ""
    data["inspections"] = [i.model_dump() for i in payload.inspections]

    return created(
        request,
        Patrol,
        lambda: services.patrol_create(actor=request.auth, client_id=payload.id, **data),
    )


@router.patch(
    "/patrols/{int:patrol_id}",
    response={200: PatrolOut, 409: Conflict[PatrolOut]},
    **perm("operations.record"),
)
def update_patrol(request: AuthedRequest, patrol_id: int, payload: PatrolUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    if "host_side" in changes:
        changes["host_side"] = changes["host_side"] or ""
    return services.patrol_update(
        actor=request.auth, patrol_id=patrol_id, version=version, **changes
    )


class PlanMonthOut(Schema):
    month: int
    planned: int
    done: int
    version: int


class PlanKindOut(Schema):
    kind: PatrolKind
    planned: int
    done: int


class PlanRowOut(Schema):
    unit_id: int
    unit: str
    planned: int
    done: int
    months: list[PlanMonthOut]
    kinds: list[PlanKindOut]


class PlanQuery(In):
    year: int = Field(ge=2000, le=2100)
    unit_id: int | None = None


class PlanSet(In):
    """`version`: the month's version as last read (0 for a month never planned)."""

    unit_id: int
    year: int = Field(ge=2000, le=2100)
    month: int = Field(ge=1, le=12)
    planned: dict[PatrolKind, int]
    version: int = Field(ge=0)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": 1,
                    "year": 2025,
                    "month": 9,
                    "planned": {"unilateral": 8, "bilateral": 2},
                    "version": 0,
                }
            ]
        },
    )


def _plan_rows(rows: list[selectors.PlanRow]) -> list[dict[str, Any]]:
    return [
        {
            "unit_id": r.unit.pk,
            "unit": r.unit.name,
            "planned": r.planned,
            "done": r.done,
            "months": [
                {"month": m, "planned": p, "done": d, "version": r.versions[m]}
                for m, p, d in r.months
            ],
            "kinds": [{"kind": k, "planned": p, "done": d} for k, (p, d) in r.kinds.items()],
        }
        for r in rows
    ]


@router.get("/patrol-plans", response=list[PlanRowOut], **perm("operations.view"))
def list_patrol_plans(request: AuthedRequest, query: Query[PlanQuery]) -> list[dict[str, Any]]:
    """Each border post's planned and done patrols for a year, per month and per kind."""
    rows = selectors.plan_table(actor=request.auth, year=query.year, unit_id=query.unit_id)
    return _plan_rows(rows)


class MonthPlanOut(Schema):
    unit_id: int
    year: int
    month: int
    version: int
    planned: dict[str, int]


@router.put(
    "/patrol-plans",
    response={200: PlanRowOut, 409: Conflict[MonthPlanOut]},
    **perm("operations.record"),
)
def set_patrol_plan(request: AuthedRequest, payload: PlanSet) -> Any:
    """Set a post's planned patrols of each kind for a month (kinds left out are kept); a set
    on an older version of the month answers 409 with the month as it stands."""
    services.patrol_plan_set(
        actor=request.auth,
        unit_id=payload.unit_id,
        year=payload.year,
        month=payload.month,
        planned={str(k): v for k, v in payload.planned.items()},
        version=payload.version,
    )
    rows = selectors.plan_table(actor=request.auth, year=payload.year, unit_id=payload.unit_id)
    return _plan_rows(rows)[0]
