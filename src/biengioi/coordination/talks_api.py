"""Talks with the other side and the yearly talks plan in the API: the talks list (year, level,
unit, counterpart) and talks with their agreed points and the tasks made from them; the plan's
items (year, unit, progress) with whether each is done, not yet due or overdue; and their
writes. A point becomes a task through `POST /tasks` with `agreed_point_id`.

Creates take a client-made `id` (UUID) or an Idempotency-Key header; edits carry the `version`
they were made on, and a stale one answers 409 with the record as it stands.
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
from biengioi.core.errors import Stale
from biengioi.core.idempotency import created
from biengioi.core.search import MAX_LENGTH

from . import services
from . import talks_selectors as selectors
from .conferences_api import CLIENT_ID, RECORD, VIEW, TaskOut
from .models import AgreedPoint, PlannedTalks, Talks, TalksHostSide, TalksLevel

router = Router(tags=["talks"])


class PointOut(Schema):
    id: int
    position: int
    text: str
    tasks: list[TaskOut]

    @staticmethod
    def resolve_tasks(obj: AgreedPoint) -> list[Any]:
        return list(obj.tasks.all())


class TalksOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    level: TalksLevel
    unit_id: int
    unit: str = Field(alias="unit.name")
    counterpart_id: int
    counterpart: str = Field(alias="counterpart.name")
    our_head: str
    their_head: str
    held_on: date
    host_side: TalksHostSide
    place: str
    agenda: str
    minutes_ref: str = Field(description="Biên bản hội đàm: số, ngày, nơi lưu.")
    planned_id: int | None
    note: str


class TalksDetailOut(TalksOut):
    """Talks with their agreed points in order: `agreed_points` their texts, as an edit takes
    them; `points` each with its id and the tasks made from it."""

    agreed_points: list[str]
    points: list[PointOut]

    @staticmethod
    def resolve_agreed_points(obj: Talks) -> list[str]:
        return [point.text for point in selectors.talks_points(obj)]

    @staticmethod
    def resolve_points(obj: Talks) -> list[AgreedPoint]:
        return list(selectors.talks_points(obj))


class TalksCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    unit_id: int = Field(description="Đơn vị phía Việt Nam, trong phạm vi của bạn.")
    level: TalksLevel
    counterpart_id: int = Field(description="Đơn vị đối đẳng đối diện tuyến biên giới của tỉnh.")
    our_head: Line = Field("", max_length=200)
    their_head: Line = Field("", max_length=200)
    held_on: date = Field(description="Ngày hội đàm; không sau hôm nay.")
    host_side: TalksHostSide
    place: Line = Field("", max_length=200)
    agenda: Paragraph = Field("", max_length=8000)
    agreed_points: list[Paragraph] = Field(
        [], max_length=100, description="Các nội dung thống nhất, theo thứ tự trong biên bản."
    )
    minutes_ref: Line = Field(
        "", max_length=300, description="Biên bản hội đàm: số, ngày, nơi lưu."
    )
    planned_id: int | None = Field(None, description="Hội đàm trong kế hoạch năm được thực hiện.")
    note: Paragraph = Field("", max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": 1,
                    "level": "post",
                    "counterpart_id": 1,
                    "our_head": "Đồn trưởng",
                    "their_head": "Đại đội trưởng",
                    "held_on": "2025-03-20",
                    "host_side": "ours",
                    "place": "Đồn Biên phòng",
                    "agreed_points": ["Tuần tra song phương mỗi quý một lần"],
                    "minutes_ref": "Biên bản hội đàm số 01/BB-HĐ",
                }
            ]
        },
    )


class TalksUpdate(In):
    """Fields left out are left alone; `agreed_points`, when sent, replaces the list (a point
    that became a task cannot be dropped); `planned_id: null` unlinks the plan."""

    version: int = Field(ge=1)
    level: TalksLevel | None = None
    counterpart_id: int | None = None
    our_head: Line | None = Field(None, max_length=200)
    their_head: Line | None = Field(None, max_length=200)
    held_on: date | None = None
    host_side: TalksHostSide | None = None
    place: Line | None = Field(None, max_length=200)
    agenda: Paragraph | None = Field(None, max_length=8000)
    agreed_points: list[Paragraph] | None = Field(None, max_length=100)
    minutes_ref: Line | None = Field(None, max_length=300)
    planned_id: int | None = None
    note: Paragraph | None = Field(None, max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"version": 1, "place": "Nhà khách Đồn Biên phòng"}]},
    )


class TalksFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    year: int | None = Field(None, ge=1900, le=2200)
    level: TalksLevel | None = None
    unit_id: int | None = None
    counterpart_id: int | None = None


class PlannedOut(Schema):
    """An item of the yearly talks plan; `progress` is derived: `done` (talks name it),
    `overdue` (its month, or its quarter's last month, has passed) or `not_yet`."""

    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    year: int
    unit_id: int
    unit: str = Field(alias="unit.name")
    level: TalksLevel
    counterpart_id: int
    counterpart: str = Field(alias="counterpart.name")
    month: int | None
    quarter: int | None
    topic: str
    note: str
    progress: Literal["done", "not_yet", "overdue"]
    talks_id: int | None

    @staticmethod
    def resolve_talks_id(obj: PlannedTalks) -> int | None:
        held = getattr(obj, "held", None)
        return held.pk if held else None


class PlannedCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    unit_id: int = Field(description="Đơn vị, trong phạm vi của bạn.")
    year: int = Field(ge=2000, le=2100)
    level: TalksLevel
    counterpart_id: int
    month: int | None = Field(None, ge=1, le=12, description="Tháng dự kiến (hoặc quý).")
    quarter: int | None = Field(None, ge=1, le=4, description="Quý dự kiến (hoặc tháng).")
    topic: Line = Field(max_length=300)
    note: Paragraph = Field("", max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": 1,
                    "year": 2025,
                    "level": "post",
                    "counterpart_id": 1,
                    "quarter": 2,
                    "topic": "Hội đàm định kỳ quý II",
                }
            ]
        },
    )


class PlannedUpdate(In):
    version: int = Field(ge=1)
    year: int | None = Field(None, ge=2000, le=2100)
    level: TalksLevel | None = None
    counterpart_id: int | None = None
    month: int | None = Field(None, ge=1, le=12)
    quarter: int | None = Field(None, ge=1, le=4)
    topic: Line | None = Field(None, max_length=300)
    note: Paragraph | None = Field(None, max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"version": 1, "topic": "Hội đàm định kỳ (sửa)"}]},
    )


class PlanFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    year: int | None = Field(None, ge=1900, le=2200)
    unit_id: int | None = None
    progress: Literal["done", "not_yet", "overdue"] | None = None


@router.get("/talks", response=Page[TalksOut], **perm(VIEW))
def list_talks(request: AuthedRequest, filters: Query[TalksFilter]) -> dict:
    rows = selectors.talks_list(
        actor=request.auth,
        q=filters.q,
        year=filters.year,
        level=filters.level,
        unit_id=filters.unit_id,
        counterpart_id=filters.counterpart_id,
    )
    return paginate(rows, filters.page, filters.size)


@router.get("/talks/{int:talks_id}", response=TalksDetailOut, **perm(VIEW))
def get_talks(request: AuthedRequest, talks_id: int) -> Talks:
    return selectors.talks_get(actor=request.auth, talks_id=talks_id)


@router.post("/talks", response={201: TalksDetailOut, 200: TalksDetailOut}, **perm(RECORD))
def create_talks(request: AuthedRequest, payload: TalksCreate) -> Status:
    return created(
        request,
        Talks,
        lambda: services.talks_create(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )


@router.patch(
    "/talks/{int:talks_id}",
    response={200: TalksDetailOut, 409: Conflict[TalksDetailOut]},
    **perm(RECORD),
)
def update_talks(request: AuthedRequest, talks_id: int, payload: TalksUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    services.talks_update(actor=request.auth, talks_id=talks_id, version=version, **changes)
    return selectors.talks_get(actor=request.auth, talks_id=talks_id)


@router.get("/talks-plan", response=Page[PlannedOut], **perm(VIEW))
def list_plan(request: AuthedRequest, filters: Query[PlanFilter]) -> dict:
    rows = selectors.plan_list(
        actor=request.auth,
        q=filters.q,
        year=filters.year,
        unit_id=filters.unit_id,
        progress=filters.progress,
    )
    return paginate(rows, filters.page, filters.size)


@router.get("/talks-plan/{int:planned_id}", response=PlannedOut, **perm(VIEW))
def get_planned(request: AuthedRequest, planned_id: int) -> PlannedTalks:
    return selectors.planned_get(actor=request.auth, planned_id=planned_id)


@router.post("/talks-plan", response={201: PlannedOut, 200: PlannedOut}, **perm(RECORD))
def create_planned(request: AuthedRequest, payload: PlannedCreate) -> Status:
    answer = created(
        request,
        PlannedTalks,
        lambda: services.planned_talks_create(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )
    planned = selectors.planned_get(actor=request.auth, planned_id=answer.value.pk)
    return Status(answer.status_code, planned)


@router.patch(
    "/talks-plan/{int:planned_id}",
    response={200: PlannedOut, 409: Conflict[PlannedOut]},
    **perm(RECORD),
)
def update_planned(request: AuthedRequest, planned_id: int, payload: PlannedUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    try:
        services.planned_talks_update(
            actor=request.auth, planned_id=planned_id, version=version, **changes
        )
    except Stale:  # answered 409 by core.api, with the item read as its 200 answer is
        current = selectors.planned_get(actor=request.auth, planned_id=planned_id)
        raise Stale(current, version) from None
    return selectors.planned_get(actor=request.auth, planned_id=planned_id)
