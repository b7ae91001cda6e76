"""Marker repairs in the API: the list and its counts per stage, a repair with its steps, opening
one (client-made `id` or Idempotency-Key) and recording its next step (with the `version` it was
made on: a stale one answers 409 with the repair as it stands)."""

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
from biengioi.registry.models import MarkerStatusKind

from . import repair_selectors as selectors
from . import services
from .models import MarkerRepair, MarkerRepairStep, RepairOutcome, RepairStage

router = Router(tags=["marker repairs"])


class RepairStepOut(Schema):
    stage: RepairStage
    on: date
    note: str


class RepairOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    marker_id: int
    marker: str = Field(alias="marker.identifier")
    unit_id: int
    problem: MarkerStatusKind
    description: str
    inspection_id: int | None
    detected_on: date
    stage: RepairStage
    stage_on: date
    next_stage: RepairStage | None
    outcome: RepairOutcome | None
    closed_on: date | None

    @staticmethod
    def resolve_outcome(obj: MarkerRepair) -> str | None:
        return obj.outcome or None


class RepairDetailOut(RepairOut):
    steps: list[RepairStepOut]

    @staticmethod
    def resolve_steps(obj: MarkerRepair) -> list[MarkerRepairStep]:
        return list(selectors.repair_steps(obj))


class RepairOpen(In):
    id: UUID | None = Field(None, description="Mã do máy khách tạo; gửi lại không tạo bản sao.")
    marker_id: int
    problem: MarkerStatusKind
    detected_on: date
    description: Paragraph = Field("", max_length=8000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "marker_id": 1,
                    "problem": "damaged",
                    "detected_on": "2025-09-01",
                    "description": "Mốc bị nứt chân đế sau mưa lũ",
                }
            ]
        },
    )


class RepairAdvance(In):
    version: int = Field(ge=1)
    stage: RepairStage
    on: date
    note: Paragraph = Field("", max_length=8000)
    outcome: RepairOutcome | None = None

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "version": 1,
                    "stage": "reported",
                    "on": "2025-09-02",
                    "note": "Báo cáo Bộ Chỉ huy BĐBP tỉnh bằng văn bản số 120/BC-ĐBP",
                }
            ]
        },
    )


class RepairFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    status: str | None = Field(None, pattern="^(open|closed)$")
    stage: RepairStage | None = None
    unit_id: int | None = None
    marker_id: int | None = None
    start: date | None = None
    end: date | None = None


class RepairCounts(Schema):
    total: int
    open: int
    detected: int
    reported: int
    notified: int
    surveyed: int
    repaired: int
    closed: int


def _filtered(request: AuthedRequest, filters: RepairFilter) -> Any:
    return selectors.repair_list(
        actor=request.auth,
        q=filters.q,
        status=filters.status or "",
        stage=filters.stage or "",
        unit_id=filters.unit_id,
        marker_id=filters.marker_id,
        start=filters.start,
        end=filters.end,
    )


@router.get("/marker-repairs", response=Page[RepairOut], **perm("operations.view"))
def list_repairs(request: AuthedRequest, filters: Query[RepairFilter]) -> dict:
    return paginate(_filtered(request, filters), filters.page, filters.size)


@router.get("/marker-repairs/counts", response=RepairCounts, **perm("operations.view"))
def count_repairs(request: AuthedRequest, filters: Query[RepairFilter]) -> dict:
    """In all, open, and standing at each stage, for the filters given."""
    return selectors.repair_counts(_filtered(request, filters))


@router.get("/marker-repairs/{int:repair_id}", response=RepairDetailOut, **perm("operations.view"))
def get_repair(request: AuthedRequest, repair_id: int) -> MarkerRepair:
    return selectors.repair_get(actor=request.auth, repair_id=repair_id)


@router.post(
    "/marker-repairs",
    response={201: RepairDetailOut, 200: RepairDetailOut},
    **perm("operations.record"),
)
def open_repair(request: AuthedRequest, payload: RepairOpen) -> Status:
    return created(
        request,
        MarkerRepair,
        lambda: services.marker_repair_open(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )


@router.post(
    "/marker-repairs/{int:repair_id}/steps",
    response={200: RepairDetailOut, 409: Conflict[RepairDetailOut]},
    **perm("operations.record"),
)
def advance_repair(request: AuthedRequest, repair_id: int, payload: RepairAdvance) -> Any:
    """The next step of the ladder, none skipped; "repaired" needs the outcome."""
    data = payload.model_dump()
    data["outcome"] = data["outcome"] or ""
    return services.marker_repair_advance(actor=request.auth, repair_id=repair_id, **data)
