"""Training courses in the API: the list with its filters and totals (courses, participants,
people trained, teams trained counted once), a course with the teams it trained, and its writes.

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
from biengioi.core.errors import Stale
from biengioi.core.idempotency import created
from biengioi.core.search import MAX_LENGTH

from . import services
from . import training_selectors as selectors
from .models import TrainingCourse

router = Router(tags=["training"])
CLIENT_ID = "Mã do máy khách tạo; gửi lại không tạo bản sao."
PEOPLE = Field(0, ge=0, le=100_000)


class TrainedTeamRef(Schema):
    id: int
    name: str


class CourseOut(Schema):
    """A course; `team_ids` are the teams it trained that the caller sees."""

    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    unit_id: int
    unit: str = Field(alias="unit.name")
    title: str
    starts_on: date
    ends_on: date
    place: str
    participants: int
    people_trained: int
    team_ids: list[int]
    note: str

    @staticmethod
    def resolve_team_ids(obj: TrainingCourse) -> list[int]:
        return sorted(t.pk for t in obj.teams.all())


class CourseDetailOut(CourseOut):
    teams: list[TrainedTeamRef]

    @staticmethod
    def resolve_teams(obj: TrainingCourse) -> list[Any]:
        return sorted(obj.teams.all(), key=lambda t: (t.name, t.pk))


class CourseCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    unit_id: int = Field(description="Đơn vị tổ chức, trong phạm vi của bạn.")
    title: Line = Field(max_length=200)
    starts_on: date
    ends_on: date
    place: Line = Field("", max_length=200)
    participants: int = PEOPLE
    people_trained: int = PEOPLE
    team_ids: list[int] = Field(
        [], max_length=1000, description="Tổ tự quản được tập huấn, đều trong phạm vi của bạn."
    )
    note: Paragraph = Field("", max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": 1,
                    "title": "Tập huấn nghiệp vụ cho tổ tự quản đường biên, mốc quốc giới",
                    "starts_on": "2025-06-10",
                    "ends_on": "2025-06-11",
                    "place": "Hội trường UBND xã",
                    "participants": 64,
                    "people_trained": 60,
                }
            ]
        },
    )


class CourseUpdate(In):
    """Fields left out are left alone; `team_ids`, when sent, replaces the teams."""

    version: int = Field(ge=1)
    title: Line | None = Field(None, max_length=200)
    starts_on: date | None = None
    ends_on: date | None = None
    place: Line | None = Field(None, max_length=200)
    participants: int | None = Field(None, ge=0, le=100_000)
    people_trained: int | None = Field(None, ge=0, le=100_000)
    team_ids: list[int] | None = Field(None, max_length=1000)
    note: Paragraph | None = Field(None, max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"version": 1, "participants": 70}]},
    )


class CourseFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    start: date | None = Field(None, description="Khai giảng từ ngày.")
    end: date | None = Field(None, description="Khai giảng đến ngày.")
    unit_id: int | None = None
    team_id: int | None = None


class TrainingTotals(Schema):
    courses: int
    participants: int
    people_trained: int
    teams: int = Field(description="Tổ tự quản được tập huấn, mỗi tổ tính một lần.")


def _filtered(request: AuthedRequest, filters: CourseFilter) -> Any:
    return selectors.training_course_list(
        actor=request.auth,
        q=filters.q,
        start=filters.start,
        end=filters.end,
        unit_id=filters.unit_id,
        team_id=filters.team_id,
    )


@router.get("/training-courses", response=Page[CourseOut], **perm("community.view"))
def list_courses(request: AuthedRequest, filters: Query[CourseFilter]) -> dict:
    return paginate(
        selectors.with_visible_teams(_filtered(request, filters), actor=request.auth),
        filters.page,
        filters.size,
    )


@router.get("/training-courses/totals", response=TrainingTotals, **perm("community.view"))
def course_totals(request: AuthedRequest, filters: Query[CourseFilter]) -> dict:
    """Courses, participants, people trained and the teams trained (each once), over the
    filters."""
    return selectors.training_totals(_filtered(request, filters))


@router.get("/training-courses/{int:course_id}", response=CourseDetailOut, **perm("community.view"))
def get_course(request: AuthedRequest, course_id: int) -> TrainingCourse:
    return selectors.training_course_get(actor=request.auth, course_id=course_id)


def _fresh(request: AuthedRequest, course: TrainingCourse) -> TrainingCourse:
    return selectors.training_course_get(actor=request.auth, course_id=course.pk)


@router.post(
    "/training-courses",
    response={201: CourseDetailOut, 200: CourseDetailOut},
    **perm("community.record"),
)
def create_course(request: AuthedRequest, payload: CourseCreate) -> Status:
    return created(
        request,
        TrainingCourse,
        lambda: services.training_course_create(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )


@router.patch(
    "/training-courses/{int:course_id}",
    response={200: CourseDetailOut, 409: Conflict[CourseDetailOut]},
    **perm("community.record"),
)
def update_course(request: AuthedRequest, course_id: int, payload: CourseUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    try:
        course = services.training_course_update(
            actor=request.auth, course_id=course_id, version=version, **changes
        )
    except Stale as stale:  # answered 409 by core.api, with the teams the caller sees
        raise Stale(_fresh(request, stale.current), version) from None
    return _fresh(request, course)
