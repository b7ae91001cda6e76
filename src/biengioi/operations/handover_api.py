"""Hand-overs in the API (tiếp nhận, trao trả, trục xuất): the list with its filters, the
totals as the reports table them, one hand-over, and the use cases record and correct.

A create takes a client-made `id` (UUID) or an Idempotency-Key header: sent again, it answers
200 with the first hand-over. An edit carries the `version` it was made on: a stale one answers
409 with the hand-over as it stands, and overwrites nothing.
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
    Page,
    PageQuery,
    Paragraph,
    paginate,
    perm,
)
from biengioi.core.idempotency import created
from biengioi.core.search import MAX_LENGTH

from . import handover_selectors as selectors
from . import services
from .models import Handover, HandoverKind, HandoverOrigin, Nationality
from .services.handovers import MAX_PERSONS, place_name

router = Router(tags=["handovers"])


class OriginIn(In):
    province_id: int = Field(description="Đơn vị hành chính cấp tỉnh có hiệu lực vào ngày đó.")
    persons: int = Field(ge=1, le=MAX_PERSONS)


class OriginOut(Schema):
    province_id: int
    province: str = Field(alias="province.name")
    persons: int


class HandoverOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    unit_id: int
    unit: str = Field(alias="unit.name")
    kind: HandoverKind
    on: date
    gate_id: int | None
    marker_id: int | None
    place: str
    counterpart_id: int
    counterpart: str = Field(alias="counterpart.name")
    persons: int
    males: int
    females: int
    children: int
    nationality: Nationality
    wanted: int
    note: str
    origins: list[OriginOut]

    @staticmethod
    def resolve_place(obj: Handover) -> str:
        place = obj.place
        return place_name(place) if place is not None else ""

    @staticmethod
    def resolve_origins(obj: Handover) -> list[HandoverOrigin]:
        return list(obj.origins.all())


class HandoverCreate(In):
    id: UUID | None = Field(None, description="Mã do máy khách tạo; gửi lại không tạo bản sao.")
    unit_id: int
    kind: HandoverKind
    on: date
    gate_id: int | None = Field(None, description="Cửa khẩu; hoặc mốc (marker_id), không cả hai.")
    marker_id: int | None = None
    counterpart_id: int
    persons: int = Field(ge=1, le=MAX_PERSONS)
    males: int = Field(ge=0, le=MAX_PERSONS)
    females: int = Field(ge=0, le=MAX_PERSONS)
    children: int = Field(0, ge=0, le=MAX_PERSONS)
    nationality: Nationality | None = Field(
        None, description="Để trống khi tiếp nhận: công dân Việt Nam."
    )
    wanted: int = Field(0, ge=0, le=MAX_PERSONS)
    note: Paragraph = Field("", max_length=8000)
    origins: list[OriginIn] = Field(default_factory=list, max_length=63)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "id": "0b7e5c1d-2f3a-4b6c-8d9e-1a2b3c4d5e6f",
                    "unit_id": 1,
                    "kind": "hand_back",
                    "on": "2025-09-12",
                    "gate_id": 1,
                    "counterpart_id": 1,
                    "persons": 5,
                    "males": 3,
                    "females": 2,
                    "children": 1,
                    "nationality": "LA",
                    "note": "Cư trú bất hợp pháp; đã lập biên bản bàn giao.",
                }
            ]
        },
    )


class HandoverUpdate(In):
    """Fields left out are left alone; `origins`, when given, replaces the home provinces;
    `version` is the one the edit was made on."""

    version: int = Field(ge=1)
    kind: HandoverKind | None = None
    on: date | None = None
    gate_id: int | None = None
    marker_id: int | None = None
    counterpart_id: int | None = None
    persons: int | None = Field(None, ge=1, le=MAX_PERSONS)
    males: int | None = Field(None, ge=0, le=MAX_PERSONS)
    females: int | None = Field(None, ge=0, le=MAX_PERSONS)
    children: int | None = Field(None, ge=0, le=MAX_PERSONS)
    nationality: Nationality | None = None
    wanted: int | None = Field(None, ge=0, le=MAX_PERSONS)
    note: Paragraph | None = Field(None, max_length=8000)
    origins: list[OriginIn] | None = Field(None, max_length=63)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"version": 1, "wanted": 1, "note": "Có 1 đối tượng truy nã."}]
        },
    )


class HandoverFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    start: date | None = None
    end: date | None = None
    unit_id: int | None = None
    kind: HandoverKind | None = None
    nationality: Nationality | None = None


class HandoverKindFigures(Schema):
    kind: HandoverKind
    operations: int
    persons: int
    males: int
    females: int
    children: int
    wanted: int


class NationalityFigures(Schema):
    nationality: Nationality
    operations: int
    persons: int


class PlaceFigures(Schema):
    gate_id: int | None
    marker_id: int | None
    place: str
    operations: int
    persons: int


class OriginFigures(Schema):
    province_id: int
    province: str
    persons: int


class HandoverTotals(Schema):
    operations: int
    persons: int
    males: int
    females: int
    children: int
    wanted: int
    by_kind: list[HandoverKindFigures]
    by_nationality: list[NationalityFigures]
    by_place: list[PlaceFigures]
    by_origin: list[OriginFigures]


def _filtered(request: AuthedRequest, filters: HandoverFilter) -> Any:
    return selectors.handover_list(
        actor=request.auth,
        q=filters.q,
        start=filters.start,
        end=filters.end,
        unit_id=filters.unit_id,
        kind=filters.kind or "",
        nationality=filters.nationality or "",
    )


@router.get("/handovers", response=Page[HandoverOut], **perm("operations.view"))
def list_handovers(request: AuthedRequest, filters: Query[HandoverFilter]) -> dict:
    rows = _filtered(request, filters).prefetch_related("origins__province")
    return paginate(rows, filters.page, filters.size)


@router.get("/handovers/totals", response=HandoverTotals, **perm("operations.view"))
def handover_totals(request: AuthedRequest, filters: Query[HandoverFilter]) -> dict:
    """Operations, persons, men, women, children and wanted persons, in all and by kind;
    operations and persons by nationality and by place; received persons by home province; for
    the filters given."""
    return selectors.handover_totals(_filtered(request, filters))


@router.get("/handovers/{int:handover_id}", response=HandoverOut, **perm("operations.view"))
def get_handover(request: AuthedRequest, handover_id: int) -> Handover:
    return selectors.handover_get(actor=request.auth, handover_id=handover_id)


@router.post(
    "/handovers", response={201: HandoverOut, 200: HandoverOut}, **perm("operations.record")
)
def create_handover(request: AuthedRequest, payload: HandoverCreate) -> Status:
    return created(
        request,
        Handover,
        lambda: services.handover_create(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )


@router.patch(
    "/handovers/{int:handover_id}",
    response={200: HandoverOut, 409: Conflict[HandoverOut]},
    **perm("operations.record"),
)
def update_handover(request: AuthedRequest, handover_id: int, payload: HandoverUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    return services.handover_update(
        actor=request.auth, handover_id=handover_id, version=version, **changes
    )
