"""Rescue and disaster response in the API: the list with its filters, the totals, one
operation, and the use cases record and correct (closing it is an edit giving `ended_on`).

A create takes a client-made `id` (UUID) or an Idempotency-Key header: sent again, it answers
200 with the first operation. An edit carries the `version` it was made on: a stale one answers
409 with the operation as it stands, and overwrites nothing.
"""

from datetime import date
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

from . import rescue_selectors as selectors
from . import services
from .models import RescueKind, RescueOperation
from .services.rescue import MAX_FORCES, MAX_PEOPLE, MAX_VALUE

router = Router(tags=["rescue"])


class RescueOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    unit_id: int
    unit: str = Field(alias="unit.name")
    kind: RescueKind
    title: str
    started_on: date
    ended_on: date | None
    commune_id: int | None
    place: str
    lon: float | None = Field(None, description="kinh độ nơi xảy ra (WGS84); null: chưa có")
    lat: float | None = Field(None, description="vĩ độ nơi xảy ra (WGS84)")
    rescued: int
    evacuated: int
    deaths: int
    missing: int
    property_saved: str
    property_value: int | None
    border_guards: int
    militia: int
    other_forces: int
    forces: int
    vehicles: int
    description: str


class RescueCreate(In):
    id: UUID | None = Field(None, description="Mã do máy khách tạo; gửi lại không tạo bản sao.")
    unit_id: int
    kind: RescueKind
    title: Line = Field(max_length=200)
    started_on: date
    ended_on: date | None = None
    commune_id: int | None = None
    place: Line = Field("", max_length=200)
    lon: float | None = Field(None, description="kinh độ nơi xảy ra (WGS84), cùng với lat")
    lat: float | None = Field(None, description="vĩ độ nơi xảy ra (WGS84), cùng với lon")
    rescued: int = Field(0, ge=0, le=MAX_PEOPLE)
    evacuated: int = Field(0, ge=0, le=MAX_PEOPLE)
    deaths: int = Field(0, ge=0, le=MAX_PEOPLE)
    missing: int = Field(0, ge=0, le=MAX_PEOPLE)
    property_saved: Paragraph = Field("", max_length=4000)
    property_value: int | None = Field(None, ge=0, le=MAX_VALUE, description="Đồng (VND).")
    border_guards: int = Field(0, ge=0, le=MAX_FORCES)
    militia: int = Field(0, ge=0, le=MAX_FORCES)
    other_forces: int = Field(0, ge=0, le=MAX_FORCES)
    vehicles: int = Field(0, ge=0, le=MAX_FORCES)
    description: Paragraph = Field("", max_length=8000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "id": "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a",
                    "unit_id": 1,
                    "kind": "flood",
                    "title": "Lũ quét tại bản Nà Khà",
                    "started_on": "2025-09-20",
                    "ended_on": "2025-09-22",
                    "place": "Bản Nà Khà",
                    "rescued": 4,
                    "evacuated": 37,
                    "property_saved": "12 tấn lúa, 30 con gia súc",
                    "property_value": 350000000,
                    "border_guards": 25,
                    "militia": 10,
                    "vehicles": 3,
                }
            ]
        },
    )


class RescueUpdate(In):
    """Fields left out are left alone; `version` is the one the edit was made on."""

    version: int = Field(ge=1)
    kind: RescueKind | None = None
    title: Line | None = Field(None, max_length=200)
    started_on: date | None = None
    ended_on: date | None = None
    commune_id: int | None = None
    place: Line | None = Field(None, max_length=200)
    lon: float | None = Field(None, description="kinh độ nơi xảy ra (WGS84), cùng với lat")
    lat: float | None = Field(None, description="vĩ độ nơi xảy ra (WGS84), cùng với lon")
    rescued: int | None = Field(None, ge=0, le=MAX_PEOPLE)
    evacuated: int | None = Field(None, ge=0, le=MAX_PEOPLE)
    deaths: int | None = Field(None, ge=0, le=MAX_PEOPLE)
    missing: int | None = Field(None, ge=0, le=MAX_PEOPLE)
    property_saved: Paragraph | None = Field(None, max_length=4000)
    property_value: int | None = Field(None, ge=0, le=MAX_VALUE)
    border_guards: int | None = Field(None, ge=0, le=MAX_FORCES)
    militia: int | None = Field(None, ge=0, le=MAX_FORCES)
    other_forces: int | None = Field(None, ge=0, le=MAX_FORCES)
    vehicles: int | None = Field(None, ge=0, le=MAX_FORCES)
    description: Paragraph | None = Field(None, max_length=8000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"version": 1, "ended_on": "2025-09-23", "rescued": 6}]},
    )


class RescueFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    start: date | None = None
    end: date | None = None
    unit_id: int | None = None
    kind: RescueKind | None = None


class Figures(Schema):
    operations: int
    rescued: int
    evacuated: int
    deaths: int
    missing: int
    property_value: int
    border_guards: int
    militia: int
    other_forces: int
    forces: int
    vehicles: int


class RescueKindFigures(Figures):
    kind: RescueKind


class RescueTotals(Figures):
    by_kind: list[RescueKindFigures]


def _filtered(request: AuthedRequest, filters: RescueFilter) -> Any:
    return selectors.rescue_list(
        actor=request.auth,
        q=filters.q,
        start=filters.start,
        end=filters.end,
        unit_id=filters.unit_id,
        kind=filters.kind or "",
    )


@router.get("/rescue-operations", response=Page[RescueOut], **perm("operations.view"))
def list_rescues(request: AuthedRequest, filters: Query[RescueFilter]) -> dict:
    return paginate(_filtered(request, filters), filters.page, filters.size)


@router.get("/rescue-operations/totals", response=RescueTotals, **perm("operations.view"))
def rescue_totals(request: AuthedRequest, filters: Query[RescueFilter]) -> dict:
    """Operations, people rescued, evacuated, dead and missing, property value saved, forces
    and vehicles engaged, in all and by kind, for the filters given."""
    return selectors.rescue_totals(_filtered(request, filters))


@router.get("/rescue-operations/{int:rescue_id}", response=RescueOut, **perm("operations.view"))
def get_rescue(request: AuthedRequest, rescue_id: int) -> RescueOperation:
    return selectors.rescue_get(actor=request.auth, rescue_id=rescue_id)


@router.post(
    "/rescue-operations",
    response={201: RescueOut, 200: RescueOut},
    **perm("operations.record"),
)
def create_rescue(request: AuthedRequest, payload: RescueCreate) -> Status:
    return created(
        request,
        RescueOperation,
        lambda: services.rescue_create(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )


@router.patch(
    "/rescue-operations/{int:rescue_id}",
    response={200: RescueOut, 409: Conflict[RescueOut]},
    **perm("operations.record"),
)
def update_rescue(request: AuthedRequest, rescue_id: int, payload: RescueUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    return services.rescue_update(
        actor=request.auth, rescue_id=rescue_id, version=version, **changes
    )
