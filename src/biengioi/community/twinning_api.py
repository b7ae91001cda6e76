"""Twinnings across the border in the API: the list with its filters and counts (pairs of each
kind, still going on, meetings and joint activities logged), a pair with its log, its writes,
and the meetings and joint activities added to it.

A member is sent flat, as `first_…` and `second_…` fields (the names the errors use, on the
form too): a name, at most one link (`admin_unit_id`, `org_unit_id`, `counterpart_id`,
`subdivision_id`) and, for a member given by name alone, its `country` (VN for our side).
Creates take a client-made `id` (UUID) or an Idempotency-Key header; edits carry the `version`
they were made on, and a stale one answers 409 with the pair as it stands.
"""

from datetime import date
from typing import Any, Literal
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

from . import services
from . import twinning_selectors as selectors
from .models import (
    Twinning,
    TwinningActivity,
    TwinningActivityKind,
    TwinningHostSide,
    TwinningKind,
)

router = Router(tags=["twinning"])
CLIENT_ID = "Mã do máy khách tạo; gửi lại không tạo bản sao."
# what the activities route adds (a meeting has its own route)
ActivityKind = Literal["joint_patrol", "exchange", "mutual_help", "information", "other"]
HOST = "Bên đăng cai; null: không ghi."
COUNTRY = "Nước của bên chỉ ghi tên (VN: phía Việt Nam); bên có liên kết lấy nước từ liên kết."
People = Field(None, ge=0, le=100_000)


def _side(obj: Twinning, prefix: str) -> str:
    country = getattr(obj, f"{prefix}_country")
    return country.code if country else "VN"


class TwinningActivityOut(Schema):
    """A meeting or joint activity; `host_side` is null when the log does not say."""

    id: int
    client_id: UUID = Field(alias="uuid")
    kind: TwinningActivityKind
    on: date
    place: str
    host_side: TwinningHostSide | None

    @staticmethod
    def resolve_host_side(obj: TwinningActivity) -> str | None:
        return obj.host_side or None

    content: str
    participants_vn: int | None
    participants_foreign: int | None


class TwinningOut(Schema):
    """A pair; `first_country` and `second_country` are the country codes of the two sides
    (VN: ours), from a member's link when it has one: the names and values an edit takes."""

    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    unit_id: int
    unit: str = Field(alias="unit.name")
    kind: TwinningKind
    first_name: str
    first_country: str
    first_admin_unit_id: int | None
    first_org_unit_id: int | None
    first_counterpart_id: int | None
    first_subdivision_id: int | None
    first_includes: str
    second_name: str
    second_country: str
    second_admin_unit_id: int | None
    second_org_unit_id: int | None
    second_counterpart_id: int | None
    second_subdivision_id: int | None
    second_includes: str
    signed_on: date
    regulation_title: str
    regulation_points: str
    ended_on: date | None
    active: bool = Field(alias="is_active")
    note: str

    @staticmethod
    def resolve_first_country(obj: Twinning) -> str:
        return _side(obj, "first")

    @staticmethod
    def resolve_second_country(obj: Twinning) -> str:
        return _side(obj, "second")


class TwinningDetailOut(TwinningOut):
    activities: list[TwinningActivityOut]

    @staticmethod
    def resolve_activities(obj: Twinning) -> list[TwinningActivity]:
        return list(obj.activities.all())


class _Members(In):
    first_name: Line = Field("", max_length=200)
    first_admin_unit_id: int | None = None
    first_org_unit_id: int | None = None
    first_counterpart_id: int | None = None
    first_subdivision_id: int | None = None
    first_country: Line = Field("", max_length=2, description=COUNTRY)
    first_includes: Paragraph = Field("", max_length=2000)
    second_name: Line = Field("", max_length=200)
    second_admin_unit_id: int | None = None
    second_org_unit_id: int | None = None
    second_counterpart_id: int | None = None
    second_subdivision_id: int | None = None
    second_country: Line = Field("", max_length=2, description=COUNTRY)
    second_includes: Paragraph = Field("", max_length=2000)


class TwinningCreate(_Members):
    id: UUID | None = Field(None, description=CLIENT_ID)
    unit_id: int = Field(description="Đơn vị phụ trách, trong phạm vi của bạn.")
    kind: TwinningKind
    signed_on: date
    regulation_title: Line = Field("", max_length=200)
    regulation_points: Paragraph = Field("", max_length=8000)
    ended_on: date | None = None
    note: Paragraph = Field("", max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": 1,
                    "kind": "village_village",
                    "signed_on": "2005-04-28",
                    "first_name": "Bản Ka Tăng",
                    "first_country": "VN",
                    "second_name": "Bản Densavan",
                    "second_country": "LA",
                    "regulation_title": "Quy chế kết nghĩa 12 điểm",
                }
            ]
        },
    )


class TwinningUpdate(In):
    """Fields left out are left alone (a member keeps what it had); `ended_on: null` reopens."""

    version: int = Field(ge=1)
    kind: TwinningKind | None = None
    signed_on: date | None = None
    regulation_title: Line | None = Field(None, max_length=200)
    regulation_points: Paragraph | None = Field(None, max_length=8000)
    ended_on: date | None = None
    note: Paragraph | None = Field(None, max_length=4000)
    first_name: Line | None = Field(None, max_length=200)
    first_admin_unit_id: int | None = None
    first_org_unit_id: int | None = None
    first_counterpart_id: int | None = None
    first_subdivision_id: int | None = None
    first_country: Line | None = Field(None, max_length=2, description=COUNTRY)
    first_includes: Paragraph | None = Field(None, max_length=2000)
    second_name: Line | None = Field(None, max_length=200)
    second_admin_unit_id: int | None = None
    second_org_unit_id: int | None = None
    second_counterpart_id: int | None = None
    second_subdivision_id: int | None = None
    second_country: Line | None = Field(None, max_length=2, description=COUNTRY)
    second_includes: Paragraph | None = Field(None, max_length=2000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"version": 1, "note": "Quy chế được bổ sung năm 2020"}]},
    )


class MeetingCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    on: date
    place: Line = Field("", max_length=200)
    host_side: TwinningHostSide | None = Field(None, description=HOST)
    content: Paragraph = Field(max_length=4000)
    participants_vn: int | None = People
    participants_foreign: int | None = People

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "on": "2025-03-28",
                    "place": "Nhà văn hóa bản",
                    "host_side": "vn",
                    "content": "Giao ban kết nghĩa quý I: tình hình an ninh hai bản",
                    "participants_vn": 18,
                    "participants_foreign": 15,
                }
            ]
        },
    )


class TwinningActivityCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    kind: ActivityKind
    on: date
    place: Line = Field("", max_length=200)
    host_side: TwinningHostSide | None = Field(None, description=HOST)
    content: Paragraph = Field(max_length=4000)
    participants_vn: int | None = People
    participants_foreign: int | None = People

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "kind": "joint_patrol",
                    "on": "2025-05-10",
                    "content": "Tuần tra chung địa bàn giáp ranh hai bản",
                    "participants_vn": 6,
                    "participants_foreign": 5,
                }
            ]
        },
    )


class TwinningFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    kind: TwinningKind | None = None
    unit_id: int | None = None
    active: bool | None = Field(None, description="true: đang duy trì; false: đã kết thúc.")
    start: date | None = Field(None, description="Ký kết từ ngày.")
    end: date | None = Field(None, description="Ký kết đến ngày.")


class TwinningTotals(Schema):
    twinnings: int
    active: int
    by_kind: dict[str, int] = Field(description="Số cặp theo hình thức kết nghĩa.")
    meetings: int = Field(description="Buổi giao ban kết nghĩa.")
    activities: int = Field(description="Hoạt động chung khác.")


def _filtered(request: AuthedRequest, filters: TwinningFilter) -> Any:
    return selectors.twinning_list(
        actor=request.auth,
        q=filters.q,
        kind=filters.kind or "",
        unit_id=filters.unit_id,
        active=filters.active,
        start=filters.start,
        end=filters.end,
    )


@router.get("/twinnings", response=Page[TwinningOut], **perm("community.view"))
def list_twinnings(request: AuthedRequest, filters: Query[TwinningFilter]) -> dict:
    return paginate(_filtered(request, filters), filters.page, filters.size)


@router.get("/twinnings/totals", response=TwinningTotals, **perm("community.view"))
def twinning_totals(request: AuthedRequest, filters: Query[TwinningFilter]) -> dict:
    """Pairs in all, still going on and of each kind, and what they logged, over the filters."""
    return selectors.twinning_totals(_filtered(request, filters))


@router.get("/twinnings/{int:twinning_id}", response=TwinningDetailOut, **perm("community.view"))
def get_twinning(request: AuthedRequest, twinning_id: int) -> Twinning:
    return selectors.twinning_get(actor=request.auth, twinning_id=twinning_id)


@router.post(
    "/twinnings",
    response={201: TwinningDetailOut, 200: TwinningDetailOut},
    **perm("community.record"),
)
def create_twinning(request: AuthedRequest, payload: TwinningCreate) -> Status:
    return created(
        request,
        Twinning,
        lambda: services.twinning_create(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )


@router.patch(
    "/twinnings/{int:twinning_id}",
    response={200: TwinningDetailOut, 409: Conflict[TwinningDetailOut]},
    **perm("community.record"),
)
def update_twinning(request: AuthedRequest, twinning_id: int, payload: TwinningUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    twinning = services.twinning_update(
        actor=request.auth, twinning_id=twinning_id, version=version, **changes
    )
    return selectors.twinning_get(actor=request.auth, twinning_id=twinning.pk)


def _add(request: AuthedRequest, twinning_id: int, kind: str, payload: In) -> Status:
    return created(
        request,
        TwinningActivity,
        lambda: services.twinning_activity_add(
            actor=request.auth,
            twinning_id=twinning_id,
            client_id=payload.id,  # type: ignore[attr-defined]
            **{"kind": kind, **payload.model_dump(exclude={"id", "kind"})},
        ),
    )


@router.post(
    "/twinnings/{int:twinning_id}/meetings",
    response={201: TwinningActivityOut, 200: TwinningActivityOut},
    **perm("community.record"),
)
def add_meeting(request: AuthedRequest, twinning_id: int, payload: MeetingCreate) -> Status:
    """A twinning meeting (giao ban kết nghĩa) held by the pair."""
    return _add(request, twinning_id, TwinningActivityKind.MEETING, payload)


@router.post(
    "/twinnings/{int:twinning_id}/activities",
    response={201: TwinningActivityOut, 200: TwinningActivityOut},
    **perm("community.record"),
)
def add_activity(
    request: AuthedRequest, twinning_id: int, payload: TwinningActivityCreate
) -> Status:
    """A joint activity of the pair (a joint patrol, an exchange, help, information ...)."""
    return _add(request, twinning_id, payload.kind, payload)
