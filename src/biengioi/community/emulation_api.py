"""Emulation movements and awards in the API: the movements of the caller's province (with the
awards under each that the caller sees) and their yearly reviews; the awards with their filters
and the totals the reports quote (awards to collectives and individuals, by kind).

Creates take a client-made `id` (UUID) or an Idempotency-Key header; edits carry the `version`
they were made on, and a stale one answers 409 with the record as it stands.
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

from . import emulation_selectors as selectors
from . import services
from .models import Award, AwardKind, EmulationMovement, EmulationReview, RecipientKind

router = Router(tags=["emulation"])
CLIENT_ID = "Mã do máy khách tạo; gửi lại không tạo bản sao."
MONEY = 10**15 - 1


class ReviewOut(Schema):
    id: int
    year: int
    held_on: date
    summary: str


class MovementOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    unit_id: int
    unit: str = Field(alias="unit.name")
    name: str
    decision_number: str
    decision_date: date
    decision_issuer: str
    starts_on: date
    ends_on: date | None
    content: str
    note: str


class MovementListOut(MovementOut):
    award_count: int = Field(description="Khen thưởng theo phong trào mà bạn được xem.")


class MovementDetailOut(MovementOut):
    reviews: list[ReviewOut]

    @staticmethod
    def resolve_reviews(obj: EmulationMovement) -> list[EmulationReview]:
        return list(obj.reviews.all())


class MovementCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    unit_id: int = Field(description="Đơn vị phát động, trong phạm vi của bạn.")
    name: Line = Field(max_length=300)
    decision_number: Line = Field(max_length=60)
    decision_date: date
    decision_issuer: Line = Field("", max_length=200)
    starts_on: date
    ends_on: date | None = None
    content: Paragraph = Field("", max_length=8000)
    note: Paragraph = Field("", max_length=8000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": 1,
                    "name": "Toàn dân tham gia tự quản đường biên, mốc quốc giới và an ninh trật "
                    "tự ở thôn, bản khu vực biên giới",
                    "decision_number": "4440/QĐ-UBND",
                    "decision_date": "2017-11-13",
                    "decision_issuer": "UBND tỉnh",
                    "starts_on": "2017-11-13",
                    "ends_on": "2025-12-31",
                }
            ]
        },
    )


class MovementUpdate(In):
    """Fields left out are left alone; `ends_on: null` leaves the movement open."""

    version: int = Field(ge=1)
    name: Line | None = Field(None, max_length=300)
    decision_number: Line | None = Field(None, max_length=60)
    decision_date: date | None = None
    decision_issuer: Line | None = Field(None, max_length=200)
    starts_on: date | None = None
    ends_on: date | None = None
    content: Paragraph | None = Field(None, max_length=8000)
    note: Paragraph | None = Field(None, max_length=8000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"version": 1, "note": "Ban Chỉ đạo tỉnh theo dõi"}]},
    )


class ReviewCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    year: int = Field(description="Năm được sơ kết.")
    held_on: date = Field(description="Ngày sơ kết, trong thời gian của phong trào.")
    summary: Paragraph = Field(max_length=8000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "year": 2024,
                    "held_on": "2024-12-20",
                    "summary": "Sơ kết năm 2024: 12 tập thể, 30 cá nhân được khen thưởng",
                }
            ]
        },
    )


class MovementFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    unit_id: int | None = Field(None, description="Đơn vị phát động (và đơn vị trực thuộc).")
    active_on: date | None = Field(None, description="Phong trào đang diễn ra vào ngày này.")


class AwardOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    unit_id: int
    unit: str = Field(alias="unit.name")
    movement_id: int | None
    kind: str
    conferred_by: str
    country: str
    recipient_kind: str
    recipient_name: str
    recipient_unit_id: int | None
    recipient_team_id: int | None
    recipient_place: str
    position: str
    decision_number: str
    decision_date: date
    decision_issuer: str
    reason: str
    amount_vnd: int | None

    @staticmethod
    def resolve_amount_vnd(obj: Award) -> int | None:
        return None if obj.amount_vnd is None else int(obj.amount_vnd)


class AwardCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    unit_id: int = Field(description="Đơn vị ghi nhận, trong phạm vi của bạn.")
    movement_id: int | None = Field(None, description="Phong trào thi đua của tỉnh.")
    kind: AwardKind
    conferred_by: Line = Field("", max_length=200, description="Cấp khen: Chủ tịch UBND tỉnh…")
    country: Line = Field("", max_length=100, description="Chỉ cho huân, huy chương nước ngoài.")
    recipient_kind: RecipientKind
    recipient_name: Line = Field("", max_length=200)
    recipient_unit_id: int | None = None
    recipient_team_id: int | None = Field(None, description="Tổ tự quản trong phạm vi của bạn.")
    recipient_place: Line = Field("", max_length=200)
    position: Line = Field("", max_length=150)
    decision_number: Line = Field(max_length=60)
    decision_date: date
    decision_issuer: Line = Field("", max_length=200)
    reason: Paragraph = Field("", max_length=8000)
    amount_vnd: int | None = Field(None, ge=0, le=MONEY)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": 1,
                    "kind": "certificate_of_merit",
                    "conferred_by": "Chủ tịch UBND tỉnh",
                    "recipient_kind": "individual",
                    "recipient_name": "Ông Vàng A Chứ",
                    "position": "Tổ trưởng tổ tự quản",
                    "decision_number": "125/QĐ-UBND",
                    "decision_date": "2024-03-03",
                    "reason": "Có thành tích xuất sắc trong tự quản đường biên, mốc quốc giới",
                    "amount_vnd": 1200000,
                }
            ]
        },
    )


class AwardUpdate(In):
    """Fields left out are left alone."""

    version: int = Field(ge=1)
    movement_id: int | None = None
    kind: AwardKind | None = None
    conferred_by: Line | None = Field(None, max_length=200)
    country: Line | None = Field(None, max_length=100)
    recipient_kind: RecipientKind | None = None
    recipient_name: Line | None = Field(None, max_length=200)
    recipient_unit_id: int | None = None
    recipient_team_id: int | None = None
    recipient_place: Line | None = Field(None, max_length=200)
    position: Line | None = Field(None, max_length=150)
    decision_number: Line | None = Field(None, max_length=60)
    decision_date: date | None = None
    decision_issuer: Line | None = Field(None, max_length=200)
    reason: Paragraph | None = Field(None, max_length=8000)
    amount_vnd: int | None = Field(None, ge=0, le=MONEY)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"version": 1, "reason": "Bắt giữ đối tượng vượt biên"}]},
    )


class AwardFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    movement_id: int | None = None
    kind: AwardKind | None = None
    recipient_kind: RecipientKind | None = None
    start: date | None = Field(None, description="Quyết định từ ngày.")
    end: date | None = Field(None, description="Quyết định đến ngày.")
    unit_id: int | None = Field(None, description="Đơn vị ghi nhận (và đơn vị trực thuộc).")
    team_id: int | None = Field(None, description="Tổ tự quản được khen thưởng.")


class KindTotals(Schema):
    kind: str
    label: str
    awards: int
    collective: int
    individual: int


class AwardTotals(Schema):
    awards: int
    collective: int
    individual: int
    amount_vnd: int
    by_kind: list[KindTotals]


# --- movements ---------------------------------------------------------------------------


@router.get("/emulation-movements", response=Page[MovementListOut], **perm("community.view"))
def list_movements(request: AuthedRequest, filters: Query[MovementFilter]) -> dict:
    movements = selectors.emulation_movement_list(
        actor=request.auth, q=filters.q, unit_id=filters.unit_id, active_on=filters.active_on
    )
    return paginate(movements, filters.page, filters.size)


@router.get(
    "/emulation-movements/{int:movement_id}",
    response=MovementDetailOut,
    **perm("community.view"),
)
def get_movement(request: AuthedRequest, movement_id: int) -> EmulationMovement:
    return selectors.emulation_movement_get(actor=request.auth, movement_id=movement_id)


@router.post(
    "/emulation-movements",
    response={201: MovementDetailOut, 200: MovementDetailOut},
    **perm("community.record"),
)
def create_movement(request: AuthedRequest, payload: MovementCreate) -> Status:
    return created(
        request,
        EmulationMovement,
        lambda: services.emulation_movement_create(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )


@router.patch(
    "/emulation-movements/{int:movement_id}",
    response={200: MovementDetailOut, 409: Conflict[MovementDetailOut]},
    **perm("community.record"),
)
def update_movement(request: AuthedRequest, movement_id: int, payload: MovementUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    movement = services.emulation_movement_update(
        actor=request.auth, movement_id=movement_id, version=version, **changes
    )
    return selectors.emulation_movement_get(actor=request.auth, movement_id=movement.pk)


@router.post(
    "/emulation-movements/{int:movement_id}/reviews",
    response={201: ReviewOut, 200: ReviewOut},
    **perm("community.record"),
)
def add_review(request: AuthedRequest, movement_id: int, payload: ReviewCreate) -> Status:
    return created(
        request,
        EmulationReview,
        lambda: services.emulation_review_add(
            actor=request.auth,
            movement_id=movement_id,
            client_id=payload.id,
            **payload.model_dump(exclude={"id"}),
        ),
    )


# --- awards ------------------------------------------------------------------------------


def _awards(request: AuthedRequest, filters: AwardFilter) -> Any:
    return selectors.award_list(
        actor=request.auth,
        q=filters.q,
        movement_id=filters.movement_id,
        kind=filters.kind,
        recipient_kind=filters.recipient_kind,
        start=filters.start,
        end=filters.end,
        unit_id=filters.unit_id,
        team_id=filters.team_id,
    )


@router.get("/awards", response=Page[AwardOut], **perm("community.view"))
def list_awards(request: AuthedRequest, filters: Query[AwardFilter]) -> dict:
    return paginate(_awards(request, filters), filters.page, filters.size)


@router.get("/awards/totals", response=AwardTotals, **perm("community.view"))
def award_totals(request: AuthedRequest, filters: Query[AwardFilter]) -> dict:
    """Awards, to collectives and to individuals, and the money, over the filters; the same
    by kind."""
    return selectors.award_totals(_awards(request, filters))


@router.get("/awards/{int:award_id}", response=AwardOut, **perm("community.view"))
def get_award(request: AuthedRequest, award_id: int) -> Award:
    return selectors.award_get(actor=request.auth, award_id=award_id)


@router.post("/awards", response={201: AwardOut, 200: AwardOut}, **perm("community.record"))
def create_award(request: AuthedRequest, payload: AwardCreate) -> Status:
    return created(
        request,
        Award,
        lambda: services.award_create(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )


@router.patch(
    "/awards/{int:award_id}",
    response={200: AwardOut, 409: Conflict[AwardOut]},
    **perm("community.record"),
)
def update_award(request: AuthedRequest, award_id: int, payload: AwardUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    return services.award_update(actor=request.auth, award_id=award_id, version=version, **changes)
