"""Conferences, conclusion notices and tasks in the API: the conference list (kind, year, unit)
and a conference with its conclusion and tasks; the task list (status or `overdue`, unit, `mine`,
conclusion) with its counts and the overdue tasks per unit; a task with its progress updates;
and their writes.

Creates take a client-made `id` (UUID) or an Idempotency-Key header; edits carry the `version`
they were made on, and a stale one answers 409 with the record as it stands.
"""

from datetime import date
from typing import Any, Literal
from uuid import UUID

from django.utils import timezone
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
    UnitRef,
    paginate,
    perm,
)
from biengioi.core.idempotency import created

from . import conferences_selectors as selectors
from . import services
from .models import Conclusion, Conference, ConferenceKind, Task, TaskProgress, TaskStatus

router = Router(tags=["conferences"])
CLIENT_ID = "Mã do máy khách tạo; gửi lại không tạo bản sao."
VIEW, RECORD = "coordination.view", "coordination.record"


class ConclusionOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    conference_id: int
    number: str
    issued_on: date
    summary: str


class TaskOut(Schema):
    """A task; `overdue` is derived: its deadline passed and it is neither done nor cancelled."""

    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    conclusion_id: int | None
    agreed_point_id: int | None
    talks_id: int | None
    title: str
    description: str
    unit_id: int
    unit: str = Field(alias="unit.name")
    assigned_on: date
    deadline: date
    status: TaskStatus
    overdue: bool

    @staticmethod
    def resolve_overdue(obj: Task) -> bool:
        return obj.is_overdue(timezone.localdate())

    @staticmethod
    def resolve_talks_id(obj: Task) -> int | None:
        return obj.agreed_point.talks_id if obj.agreed_point_id else None  # type: ignore[union-attr]


class ProgressOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    task_id: int
    on: date
    text: str
    evidence: str
    status: str = Field(description="Trạng thái mới; rỗng nếu không đổi.")


class TaskDetailOut(TaskOut):
    """A task with its progress; `coordinating_unit_ids` is what an edit takes,
    `coordinating_units` names them."""

    coordinating_unit_ids: list[int]
    coordinating_units: list[UnitRef]
    progress: list[ProgressOut]

    @staticmethod
    def resolve_coordinating_unit_ids(obj: Task) -> list[int]:
        return sorted(u.pk for u in obj.coordinating_units.all())

    @staticmethod
    def resolve_coordinating_units(obj: Task) -> list[Any]:
        return sorted(obj.coordinating_units.all(), key=lambda u: u.pk)

    @staticmethod
    def resolve_progress(obj: Task) -> list[TaskProgress]:
        return list(selectors.task_progress(obj))


class ConferenceOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    unit_id: int
    unit: str = Field(alias="unit.name")
    kind: ConferenceKind
    title: str
    plan_number: str
    held_on: date
    place: str
    chair: str
    participants: str
    participant_count: int
    note: str


class ConferenceDetailOut(ConferenceOut):
    """A conference with its conclusion notice and the tasks it assigned that the caller sees;
    `participant_unit_ids` is what an edit takes, `participant_units` names them."""

    participant_unit_ids: list[int]
    participant_units: list[UnitRef]
    conclusion: ConclusionOut | None
    tasks: list[TaskOut]

    @staticmethod
    def resolve_participant_unit_ids(obj: Conference) -> list[int]:
        return sorted(u.pk for u in obj.participant_units.all())

    @staticmethod
    def resolve_participant_units(obj: Conference) -> list[Any]:
        return sorted(obj.participant_units.all(), key=lambda u: u.pk)

    @staticmethod
    def resolve_conclusion(obj: Conference) -> Conclusion | None:
        return selectors.conclusion_of(obj)

    @staticmethod
    def resolve_tasks(obj: Conference) -> list[Task]:
        return getattr(obj, "visible_tasks", [])


class ConferenceCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    unit_id: int = Field(description="Đơn vị tổ chức, trong phạm vi của bạn.")
    kind: ConferenceKind
    title: Line = Field(max_length=300)
    plan_number: Line = Field("", max_length=60, description="Số kế hoạch tổ chức hội nghị.")
    held_on: date = Field(description="Ngày tổ chức; không sau hôm nay.")
    place: Line = Field("", max_length=200)
    chair: Line = Field("", max_length=200)
    participant_unit_ids: list[int] = Field(
        [], max_length=500, description="Đơn vị tham dự, trong tỉnh của bạn."
    )
    participants: Paragraph = Field("", max_length=4000)
    participant_count: int = Field(0, ge=0, le=100_000)
    note: Paragraph = Field("", max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": 1,
                    "kind": "half_year",
                    "title": "Hội nghị sơ kết công tác biên giới 6 tháng đầu năm 2025",
                    "plan_number": "239/KH-UBND",
                    "held_on": "2025-07-10",
                    "place": "Hội trường UBND tỉnh",
                    "chair": "Chủ tịch UBND tỉnh",
                    "participant_count": 85,
                }
            ]
        },
    )


class ConferenceUpdate(In):
    """Fields left out are left alone; `participant_unit_ids`, when sent, replaces the units."""

    version: int = Field(ge=1)
    kind: ConferenceKind | None = None
    title: Line | None = Field(None, max_length=300)
    plan_number: Line | None = Field(None, max_length=60)
    held_on: date | None = None
    place: Line | None = Field(None, max_length=200)
    chair: Line | None = Field(None, max_length=200)
    participant_unit_ids: list[int] | None = Field(None, max_length=500)
    participants: Paragraph | None = Field(None, max_length=4000)
    participant_count: int | None = Field(None, ge=0, le=100_000)
    note: Paragraph | None = Field(None, max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"version": 1, "participant_count": 90}]},
    )


class ConclusionCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    number: Line = Field(max_length=60, description="Số thông báo kết luận.")
    issued_on: date = Field(description="Ngày thông báo; không trước ngày hội nghị.")
    summary: Paragraph = Field("", max_length=8000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "number": "125/TB-UBND",
                    "issued_on": "2025-07-15",
                    "summary": "Kết luận của Chủ tịch UBND tỉnh tại hội nghị",
                }
            ]
        },
    )


class ConclusionUpdate(In):
    version: int = Field(ge=1)
    number: Line | None = Field(None, max_length=60)
    issued_on: date | None = None
    summary: Paragraph | None = Field(None, max_length=8000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"version": 1, "summary": "Kết luận (bản sửa)"}]},
    )


class TaskCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    conclusion_id: int | None = Field(None, description="Thông báo kết luận giao nhiệm vụ.")
    agreed_point_id: int | None = Field(
        None,
        description="Nội dung thống nhất tại hội đàm giao nhiệm vụ (không kèm conclusion_id).",
    )
    unit_id: int = Field(description="Đơn vị chủ trì, trong phạm vi của bạn.")
    title: Line = Field(max_length=300)
    description: Paragraph = Field("", max_length=8000)
    coordinating_unit_ids: list[int] = Field(
        [], max_length=500, description="Đơn vị phối hợp, trong tỉnh của bạn."
    )
    assigned_on: date | None = Field(
        None,
        description=(
            "Ngày giao; mặc định: ngày thông báo kết luận hay ngày hội đàm, hoặc hôm nay. Không "
            "sau hôm nay, không trước ngày thông báo hay hội đàm. Báo cáo của một kỳ chỉ nêu "
            "những nhiệm vụ đã giao đến hết kỳ."
        ),
    )
    deadline: date = Field(
        description="Thời hạn; không trước ngày thông báo kết luận hay ngày hội đàm."
    )

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": 1,
                    "title": "Tuần tra song phương đoạn mốc 600 – 610",
                    "deadline": "2025-09-30",
                }
            ]
        },
    )


class TaskUpdate(In):
    """Wording, deadline, coordinating units; the status moves only by progress updates."""

    version: int = Field(ge=1)
    title: Line | None = Field(None, max_length=300)
    description: Paragraph | None = Field(None, max_length=8000)
    coordinating_unit_ids: list[int] | None = Field(None, max_length=500)
    assigned_on: date | None = None
    deadline: date | None = None

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"version": 1, "deadline": "2025-10-31"}]},
    )


class ProgressCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    on: date = Field(description="Ngày cập nhật; không sau hôm nay.")
    text: Paragraph = Field(max_length=8000)
    evidence: Line = Field("", max_length=300, description="Minh chứng: văn bản, biên bản…")
    status: TaskStatus | None = Field(
        None,
        description="Trạng thái mới; bỏ trống để giữ nguyên (nhiệm vụ đã hoàn thành phải "
        "chọn lại trạng thái).",
    )
    version: int | None = Field(None, ge=1, description="Phiên bản nhiệm vụ khi viết cập nhật.")

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "on": "2025-08-01",
                    "text": "Đã tuần tra song phương 2 lần",
                    "evidence": "Biên bản tuần tra số 12",
                    "status": "in_progress",
                }
            ]
        },
    )


class ConferenceFilter(PageQuery):
    kind: ConferenceKind | None = None
    year: int | None = Field(None, ge=1900, le=2200)
    unit_id: int | None = None


class TaskFilter(PageQuery):
    status: Literal["new", "in_progress", "done", "cancelled", "overdue"] | None = Field(
        None, description="Trạng thái, hoặc `overdue`: quá hạn (chưa xong, chưa hủy, quá thời hạn)."
    )
    overdue: bool = Field(False, description="Chỉ nhiệm vụ quá hạn (như status=overdue).")
    unit_id: int | None = None
    mine: bool = Field(False, description="Chỉ nhiệm vụ đơn vị của bạn (và cấp dưới) chủ trì.")
    conclusion_id: int | None = None


class UnitOverdue(Schema):
    unit_id: int
    unit: str
    count: int


class TaskCounts(Schema):
    total: int
    new: int
    in_progress: int
    done: int
    cancelled: int
    overdue: int
    overdue_by_unit: list[UnitOverdue]


@router.get("/conferences", response=Page[ConferenceOut], **perm(VIEW))
def list_conferences(request: AuthedRequest, filters: Query[ConferenceFilter]) -> dict:
    rows = selectors.conference_list(
        actor=request.auth, kind=filters.kind, year=filters.year, unit_id=filters.unit_id
    )
    return paginate(rows, filters.page, filters.size)


@router.get("/conferences/{int:conference_id}", response=ConferenceDetailOut, **perm(VIEW))
def get_conference(request: AuthedRequest, conference_id: int) -> Conference:
    return _detail(request, conference_id)


def _detail(request: AuthedRequest, conference_id: int) -> Conference:
    conference = selectors.conference_get(actor=request.auth, conference_id=conference_id)
    notice = selectors.conclusion_of(conference)
    tasks = selectors.task_list(actor=request.auth, conclusion_id=notice.pk) if notice else []
    conference.visible_tasks = list(tasks)  # type: ignore[attr-defined]
    return conference


@router.post(
    "/conferences",
    response={201: ConferenceDetailOut, 200: ConferenceDetailOut},
    **perm(RECORD),
)
def create_conference(request: AuthedRequest, payload: ConferenceCreate) -> Status:
    return created(
        request,
        Conference,
        lambda: services.conference_create(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )


@router.patch(
    "/conferences/{int:conference_id}",
    response={200: ConferenceDetailOut, 409: Conflict[ConferenceDetailOut]},
    **perm(RECORD),
)
def update_conference(request: AuthedRequest, conference_id: int, payload: ConferenceUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    services.conference_update(
        actor=request.auth, conference_id=conference_id, version=version, **changes
    )
    return _detail(request, conference_id)


@router.post(
    "/conferences/{int:conference_id}/conclusion",
    response={201: ConclusionOut, 200: ConclusionOut},
    **perm(RECORD),
)
def create_conclusion(
    request: AuthedRequest, conference_id: int, payload: ConclusionCreate
) -> Status:
    return created(
        request,
        Conclusion,
        lambda: services.conclusion_create(
            actor=request.auth,
            conference_id=conference_id,
            client_id=payload.id,
            **payload.model_dump(exclude={"id"}),
        ),
    )


@router.get("/conclusions/{int:conclusion_id}", response=ConclusionOut, **perm(VIEW))
def get_conclusion(request: AuthedRequest, conclusion_id: int) -> Conclusion:
    return selectors.conclusion_get(actor=request.auth, conclusion_id=conclusion_id)


@router.patch(
    "/conclusions/{int:conclusion_id}",
    response={200: ConclusionOut, 409: Conflict[ConclusionOut]},
    **perm(RECORD),
)
def update_conclusion(request: AuthedRequest, conclusion_id: int, payload: ConclusionUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    return services.conclusion_update(
        actor=request.auth, conclusion_id=conclusion_id, version=version, **changes
    )


def _tasks(request: AuthedRequest, filters: TaskFilter) -> Any:
    return selectors.task_list(
        actor=request.auth,
        status=selectors.OVERDUE if filters.overdue else filters.status,
        unit_id=filters.unit_id,
        mine=filters.mine,
        conclusion_id=filters.conclusion_id,
    )


@router.get("/tasks", response=Page[TaskOut], **perm(VIEW))
def list_tasks(request: AuthedRequest, filters: Query[TaskFilter]) -> dict:
    return paginate(_tasks(request, filters), filters.page, filters.size)


@router.get("/tasks/counts", response=TaskCounts, **perm(VIEW))
def task_counts(request: AuthedRequest, filters: Query[TaskFilter]) -> dict:
    """Tasks in each status and overdue over the filters, and the overdue ones per unit."""
    rows = _tasks(request, filters)
    counts: dict[str, Any] = selectors.task_counts(rows)
    counts["overdue_by_unit"] = [
        {"unit_id": r["unit_id"], "unit": r["unit__name"], "count": r["count"]}
        for r in selectors.overdue_by_unit(rows)
    ]
    return counts


@router.get("/tasks/{int:task_id}", response=TaskDetailOut, **perm(VIEW))
def get_task(request: AuthedRequest, task_id: int) -> Task:
    return selectors.task_get(actor=request.auth, task_id=task_id)


@router.post("/tasks", response={201: TaskDetailOut, 200: TaskDetailOut}, **perm(RECORD))
def create_task(request: AuthedRequest, payload: TaskCreate) -> Status:
    return created(
        request,
        Task,
        lambda: services.task_create(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )


@router.patch(
    "/tasks/{int:task_id}",
    response={200: TaskDetailOut, 409: Conflict[TaskDetailOut]},
    **perm(RECORD),
)
def update_task(request: AuthedRequest, task_id: int, payload: TaskUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    services.task_update(actor=request.auth, task_id=task_id, version=version, **changes)
    return selectors.task_get(actor=request.auth, task_id=task_id)


@router.post(
    "/tasks/{int:task_id}/progress",
    response={201: ProgressOut, 200: ProgressOut, 409: Conflict[TaskDetailOut]},
    **perm(RECORD),
)
def record_progress(request: AuthedRequest, task_id: int, payload: ProgressCreate) -> Any:
    return created(
        request,
        TaskProgress,
        lambda: services.task_progress_record(
            actor=request.auth,
            task_id=task_id,
            client_id=payload.id,
            **payload.model_dump(exclude={"id"}),
        ),
    )
