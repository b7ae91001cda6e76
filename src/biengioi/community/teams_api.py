"""Self-management teams in the API: the list and the table "Phong trào Chỉ thị 01", a team with
its members, markers, activity log and yearly reviews, and the writes of each.

Creates take a client-made `id` (UUID) or an Idempotency-Key header; edits carry the `version`
they were made on, and a stale one answers 409 with the record as it stands.
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

from . import services
from . import teams_selectors as selectors
from .models import (
    MemberKind,
    ReviewGrade,
    SelfManagementTeam,
    TeamActivity,
    TeamKind,
    TeamMember,
    TeamReview,
)

router = Router(tags=["teams"])
CLIENT_ID = "Mã do máy khách tạo; gửi lại không tạo bản sao."


class TeamMemberOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    team_id: int
    kind: MemberKind
    name: str
    registered_on: date
    left_on: date | None


class TeamActivityOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    team_id: int
    on: date
    summary: str


class TeamReviewOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    team_id: int
    year: int
    held_on: date
    grade: ReviewGrade
    note: str


class TeamMarkerRef(Schema):
    id: int
    identifier: str


class TeamOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    unit_id: int
    unit: str = Field(alias="unit.name")
    kind: TeamKind
    name: str
    commune_id: int
    commune: str = Field(alias="commune.name")
    village: str
    founded_on: date
    leader: str
    km_managed: Decimal
    vessels_managed: int
    funding_vnd: Decimal | None
    funding_source: str
    note: str


class TeamDetailOut(TeamOut):
    marker_ids: list[int] = Field(description="Mốc tổ nhận tự quản; `markers` nêu số hiệu.")
    markers: list[TeamMarkerRef]
    members: list[TeamMemberOut]
    activities: list[TeamActivityOut]
    reviews: list[TeamReviewOut]

    @staticmethod
    def resolve_marker_ids(obj: SelfManagementTeam) -> list[int]:
        return [m.pk for m in obj.markers.all()]

    @staticmethod
    def resolve_markers(obj: SelfManagementTeam) -> list[Any]:
        return list(obj.markers.all())

    @staticmethod
    def resolve_members(obj: SelfManagementTeam) -> list[TeamMember]:
        return list(obj.members.all())

    @staticmethod
    def resolve_activities(obj: SelfManagementTeam) -> list[TeamActivity]:
        return list(obj.activities.all())

    @staticmethod
    def resolve_reviews(obj: SelfManagementTeam) -> list[TeamReview]:
        return list(obj.reviews.all())


class TeamCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    unit_id: int
    kind: TeamKind
    name: Line = Field(max_length=200)
    commune_id: int
    founded_on: date
    village: Line = Field("", max_length=120)
    leader: Line = Field("", max_length=150)
    km_managed: Decimal = Field(Decimal(0), max_digits=9, decimal_places=3)
    vessels_managed: int = Field(0, ge=0)
    marker_ids: list[int] = Field([], description="Mốc tự quản: đều thuộc xã, phường của tổ.")
    funding_vnd: Decimal | None = Field(None, max_digits=15, decimal_places=0)
    funding_source: Line = Field("", max_length=200)
    note: Paragraph = Field("", max_length=8000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": 1,
                    "kind": "line_markers",
                    "name": "Tổ tự quản đường biên, mốc quốc giới thôn Tả Van",
                    "commune_id": 1,
                    "founded_on": "2015-06-01",
                    "village": "Tả Van",
                    "leader": "Giàng A Lử",
                    "km_managed": "3.5",
                    "funding_vnd": "5000000",
                    "funding_source": "Ngân sách xã",
                }
            ]
        },
    )


class TeamUpdate(In):
    """Fields left out are left alone; `marker_ids`, when sent, replaces the markers."""

    version: int = Field(ge=1)
    kind: TeamKind | None = None
    name: Line | None = Field(None, max_length=200)
    commune_id: int | None = None
    founded_on: date | None = None
    village: Line | None = Field(None, max_length=120)
    leader: Line | None = Field(None, max_length=150)
    km_managed: Decimal | None = Field(None, max_digits=9, decimal_places=3)
    vessels_managed: int | None = Field(None, ge=0)
    marker_ids: list[int] | None = None
    funding_vnd: Decimal | None = Field(None, max_digits=15, decimal_places=0)
    funding_source: Line | None = Field(None, max_length=200)
    note: Paragraph | None = Field(None, max_length=8000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"version": 1, "km_managed": "4.2", "leader": "Giàng A Lử"}]
        },
    )


class TeamFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    unit_id: int | None = None
    commune_id: int | None = None
    kind: TeamKind | None = None


class TeamKindRowOut(Schema):
    kind: TeamKind
    teams: int
    members: int
    km: Decimal
    markers: int
    vessels: int


class TeamSummaryOut(Schema):
    rows: list[TeamKindRowOut]
    teams: int
    members: int
    collectives: int
    households: int
    individuals: int
    km: Decimal
    markers: int
    vessels: int


class TeamMemberCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    kind: MemberKind
    name: Line = Field(max_length=200)
    registered_on: date
    left_on: date | None = None

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"kind": "household", "name": "Hộ ông Giàng A Lử", "registered_on": "2015-06-01"}
            ]
        },
    )


class TeamMemberUpdate(In):
    version: int = Field(ge=1)
    kind: MemberKind | None = None
    name: Line | None = Field(None, max_length=200)
    registered_on: date | None = None
    left_on: date | None = None

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"version": 1, "left_on": "2024-12-31"}]},
    )


class TeamActivityCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    on: date
    summary: Paragraph = Field(max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"on": "2025-05-10", "summary": "Cùng tổ tuần tra của đồn phát quang mốc 150"}
            ]
        },
    )


class TeamReviewCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    year: int = Field(ge=1900, le=9999)
    held_on: date
    grade: ReviewGrade
    note: Paragraph = Field("", max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "year": 2025,
                    "held_on": "2025-03-03",
                    "grade": "good",
                    "note": "Duy trì tuần tra đường biên mỗi tháng",
                }
            ]
        },
    )


def _filtered(request: AuthedRequest, filters: TeamFilter) -> Any:
    return selectors.team_list(
        actor=request.auth,
        unit_id=filters.unit_id,
        commune_id=filters.commune_id,
        kind=filters.kind or "",
        q=filters.q,
    )


@router.get("/teams", response=Page[TeamOut], **perm("community.view"))
def list_teams(request: AuthedRequest, filters: Query[TeamFilter]) -> dict:
    return paginate(_filtered(request, filters), filters.page, filters.size)


@router.get("/teams/summary", response=TeamSummaryOut, **perm("community.view"))
def summary(request: AuthedRequest, filters: Query[TeamFilter]) -> Any:
    """The table "Phong trào Chỉ thị 01" of the teams filtered: teams by kind, current members
    by type (collectives, households, individuals), km, markers and vessels self-managed."""
    return selectors.team_summary(_filtered(request, filters))


@router.get("/teams/{int:team_id}", response=TeamDetailOut, **perm("community.view"))
def get_team(request: AuthedRequest, team_id: int) -> SelfManagementTeam:
    return selectors.team_get(actor=request.auth, team_id=team_id)


def _fresh(request: AuthedRequest, team: SelfManagementTeam) -> SelfManagementTeam:
    return selectors.team_get(actor=request.auth, team_id=team.pk)


@router.post(
    "/teams", response={201: TeamDetailOut, 200: TeamDetailOut}, **perm("community.record")
)
def create_team(request: AuthedRequest, payload: TeamCreate) -> Status:
    return created(
        request,
        SelfManagementTeam,
        lambda: services.team_create(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )


@router.patch(
    "/teams/{int:team_id}",
    response={200: TeamDetailOut, 409: Conflict[TeamDetailOut]},
    **perm("community.record"),
)
def update_team(request: AuthedRequest, team_id: int, payload: TeamUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    team = services.team_update(actor=request.auth, team_id=team_id, version=version, **changes)
    return _fresh(request, team)


@router.post(
    "/teams/{int:team_id}/members",
    response={201: TeamMemberOut, 200: TeamMemberOut},
    **perm("community.record"),
)
def add_member(request: AuthedRequest, team_id: int, payload: TeamMemberCreate) -> Status:
    return created(
        request,
        TeamMember,
        lambda: services.team_member_add(
            actor=request.auth,
            team_id=team_id,
            client_id=payload.id,
            **payload.model_dump(exclude={"id"}),
        ),
    )


@router.patch(
    "/team-members/{int:team_member_id}",
    response={200: TeamMemberOut, 409: Conflict[TeamMemberOut]},
    **perm("community.record"),
)
def update_member(request: AuthedRequest, team_member_id: int, payload: TeamMemberUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    return services.team_member_update(
        actor=request.auth, member_id=team_member_id, version=version, **changes
    )


@router.post(
    "/teams/{int:team_id}/activities",
    response={201: TeamActivityOut, 200: TeamActivityOut},
    **perm("community.record"),
)
def add_activity(request: AuthedRequest, team_id: int, payload: TeamActivityCreate) -> Status:
    return created(
        request,
        TeamActivity,
        lambda: services.team_activity_add(
            actor=request.auth,
            team_id=team_id,
            client_id=payload.id,
            **payload.model_dump(exclude={"id"}),
        ),
    )


@router.post(
    "/teams/{int:team_id}/reviews",
    response={201: TeamReviewOut, 200: TeamReviewOut},
    **perm("community.record"),
)
def add_review(request: AuthedRequest, team_id: int, payload: TeamReviewCreate) -> Status:
    return created(
        request,
        TeamReview,
        lambda: services.team_review_add(
            actor=request.auth,
            team_id=team_id,
            client_id=payload.id,
            **payload.model_dump(exclude={"id"}),
        ),
    )
