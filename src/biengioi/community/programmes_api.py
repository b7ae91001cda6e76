"""Social programmes in the API: the province's programmes (read by all, kept by the
secretariat, seeded with the usual ones), the beneficiaries a unit supports (seen only by that
unit and the units above it: anyone else gets a 404) with their totals and counts per
programme, and the activities of programmes without named beneficiaries.

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

from . import programmes_selectors as selectors
from . import services
from .models import ProgrammeActivity, ProgrammeBeneficiary

router = Router(tags=["programmes"])
CLIENT_ID = "Mã do máy khách tạo; gửi lại không tạo bản sao."


# --- the province's programmes ----------------------------------------------------------------


class ProgrammeOut(Schema):
    id: int
    version: int
    name: str
    kind: str
    active: bool
    note: str


class ProgrammeCreate(In):
    name: Line = Field(max_length=200)
    kind: str = Field(description="school, foster, clinic, class, gifts, other")
    active: bool = True
    note: Paragraph = Field("", max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"name": "Tủ sách biên cương", "kind": "other"}],
        },
    )


class ProgrammeUpdate(In):
    version: int = Field(ge=1)
    name: Line | None = Field(None, max_length=200)
    kind: str | None = None
    active: bool | None = None
    note: Paragraph | None = Field(None, max_length=4000)

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"version": 1, "active": True}]}
    )


class SeedOut(Schema):
    added: int = Field(description="Số chương trình thường dùng vừa thêm.")


@router.get("/programmes", response=list[ProgrammeOut], **perm("community.view"))
def list_programmes(request: AuthedRequest, active: bool | None = None) -> Any:
    """The programmes of the caller's province; `active=true` for those a record may name."""
    return selectors.programmes(actor=request.auth, active_only=bool(active))


@router.post("/programmes", response={201: ProgrammeOut}, **perm("community.configure"))
def create_programme(request: AuthedRequest, payload: ProgrammeCreate) -> Status:
    programme = services.programme_create(actor=request.auth, **payload.model_dump())
    return Status(201, programme)


@router.post("/programmes/seed", response=SeedOut, **perm("community.configure"))
def seed_programmes(request: AuthedRequest) -> dict:
    """Add the usual programmes (DOMAIN §3.10) the province's list lacks."""
    return {"added": services.programmes_seed(actor=request.auth)}


@router.patch(
    "/programmes/{int:programme_id}",
    response={200: ProgrammeOut, 409: Conflict[ProgrammeOut]},
    **perm("community.configure"),
)
def update_programme(request: AuthedRequest, programme_id: int, payload: ProgrammeUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    return services.programme_update(
        actor=request.auth, programme_id=programme_id, version=version, **changes
    )


# --- beneficiaries ------------------------------------------------------------------------------


class BeneficiaryOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    programme_id: int
    programme: str = Field(alias="programme.name")
    unit_id: int
    unit: str = Field(alias="unit.name")
    full_name: str
    birth_year: int
    commune_id: int | None
    place: str
    country_code: str
    monthly_vnd: int
    since: date
    until: date | None
    end_reason: str
    note: str

    @staticmethod
    def resolve_country_code(obj: ProgrammeBeneficiary) -> str:
        return obj.country.code if obj.country else ""


class BeneficiaryCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    unit_id: int = Field(description="Đơn vị đỡ đầu, trong phạm vi của bạn.")
    programme_id: int = Field(description="Chương trình đang thực hiện của tỉnh.")
    full_name: Line = Field(max_length=100)
    birth_year: int
    commune_id: int | None = Field(None, description="Xã, phường ở Việt Nam.")
    place: Line = Field("", max_length=200, description="Nơi ở ngoài Việt Nam.")
    country_code: Line = Field("", max_length=2, description="Nước (LA, KH, CN) khi ở nước ngoài.")
    monthly_vnd: int = Field(0, description="Mức hỗ trợ hằng tháng, đồng.")
    since: date
    until: date | None = None
    end_reason: str = Field("", description="graduated, grown_up, moved, stopped_school, other")
    note: Paragraph = Field("", max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": 1,
                    "programme_id": 1,
                    "full_name": "Lò Thị Mai",
                    "birth_year": 2014,
                    "commune_id": 1,
                    "monthly_vnd": 500000,
                    "since": "2024-09-05",
                }
            ]
        },
    )


class BeneficiaryUpdate(In):
    """Fields left out are left alone; `until` and `end_reason` end the support."""

    version: int = Field(ge=1)
    programme_id: int | None = None
    full_name: Line | None = Field(None, max_length=100)
    birth_year: int | None = None
    commune_id: int | None = None
    place: Line | None = Field(None, max_length=200)
    country_code: Line | None = Field(None, max_length=2)
    monthly_vnd: int | None = None
    since: date | None = None
    until: date | None = None
    end_reason: str | None = None
    note: Paragraph | None = Field(None, max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"version": 1, "monthly_vnd": 600000}]},
    )


class BeneficiaryFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    programme_id: int | None = None
    unit_id: int | None = None
    on: date | None = Field(None, description="Đang được hỗ trợ vào ngày.")


class ProgrammeCount(Schema):
    programme_id: int
    programme: str = Field(alias="programme__name")
    beneficiaries: int
    monthly_vnd: int


class BeneficiaryTotals(Schema):
    beneficiaries: int
    monthly_vnd: int = Field(description="Tổng mức hỗ trợ hằng tháng, đồng.")
    programmes: list[ProgrammeCount]


def _beneficiaries(request: AuthedRequest, filters: BeneficiaryFilter) -> Any:
    return selectors.beneficiary_list(
        actor=request.auth,
        q=filters.q,
        programme_id=filters.programme_id,
        unit_id=filters.unit_id,
        on=filters.on,
    )


@router.get("/programme-beneficiaries", response=Page[BeneficiaryOut], **perm("community.view"))
def list_beneficiaries(request: AuthedRequest, filters: Query[BeneficiaryFilter]) -> dict:
    """The beneficiaries of the caller's unit and the units under it."""
    return paginate(_beneficiaries(request, filters), filters.page, filters.size)


@router.get("/programme-beneficiaries/totals", response=BeneficiaryTotals, **perm("community.view"))
def beneficiary_totals(request: AuthedRequest, filters: Query[BeneficiaryFilter]) -> dict:
    """How many beneficiaries and their monthly sums, in all and per programme, over the rows
    the caller sees."""
    rows = _beneficiaries(request, filters)
    return {
        **selectors.beneficiary_totals(rows),
        "programmes": selectors.beneficiary_counts(rows),
    }


@router.get(
    "/programme-beneficiaries/{int:beneficiary_id}",
    response=BeneficiaryOut,
    **perm("community.view"),
)
def get_beneficiary(request: AuthedRequest, beneficiary_id: int) -> ProgrammeBeneficiary:
    return selectors.beneficiary_get(actor=request.auth, beneficiary_id=beneficiary_id)


@router.post(
    "/programme-beneficiaries",
    response={201: BeneficiaryOut, 200: BeneficiaryOut},
    **perm("community.record"),
)
def create_beneficiary(request: AuthedRequest, payload: BeneficiaryCreate) -> Status:
    return created(
        request,
        ProgrammeBeneficiary,
        lambda: services.programme_beneficiary_create(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )


@router.patch(
    "/programme-beneficiaries/{int:beneficiary_id}",
    response={200: BeneficiaryOut, 409: Conflict[BeneficiaryOut]},
    **perm("community.record"),
)
def update_beneficiary(
    request: AuthedRequest, beneficiary_id: int, payload: BeneficiaryUpdate
) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    return services.programme_beneficiary_update(
        actor=request.auth, beneficiary_id=beneficiary_id, version=version, **changes
    )


# --- activities ---------------------------------------------------------------------------------


class ProgrammeActivityOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    programme_id: int
    programme: str = Field(alias="programme.name")
    unit_id: int
    unit: str = Field(alias="unit.name")
    on: date
    commune_id: int | None
    place: str
    people_served: int
    spent_vnd: int
    content: str


class ProgrammeActivityCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    unit_id: int = Field(description="Đơn vị thực hiện, trong phạm vi của bạn.")
    programme_id: int
    on: date
    commune_id: int | None = None
    place: Line = Field("", max_length=200)
    people_served: int = Field(0, ge=0, le=100_000)
    spent_vnd: int = Field(0, description="Kinh phí, đồng.")
    content: Paragraph = Field(max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": 1,
                    "programme_id": 1,
                    "on": "2025-08-20",
                    "commune_id": 1,
                    "place": "Nhà văn hóa bản Nà Ngần",
                    "people_served": 120,
                    "spent_vnd": 15000000,
                    "content": "Khám bệnh, cấp thuốc miễn phí cho nhân dân",
                }
            ]
        },
    )


class ProgrammeActivityUpdate(In):
    version: int = Field(ge=1)
    programme_id: int | None = None
    on: date | None = None
    commune_id: int | None = None
    place: Line | None = Field(None, max_length=200)
    people_served: int | None = Field(None, ge=0, le=100_000)
    spent_vnd: int | None = None
    content: Paragraph | None = Field(None, max_length=4000)

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"version": 1, "people_served": 130}]}
    )


class ActivityFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    programme_id: int | None = None
    unit_id: int | None = None
    start: date | None = None
    end: date | None = None


class ActivityTotals(Schema):
    activities: int
    people_served: int
    spent_vnd: int


def _activities(request: AuthedRequest, filters: ActivityFilter) -> Any:
    return selectors.activity_list(
        actor=request.auth,
        q=filters.q,
        programme_id=filters.programme_id,
        unit_id=filters.unit_id,
        start=filters.start,
        end=filters.end,
    )


@router.get("/programme-activities", response=Page[ProgrammeActivityOut], **perm("community.view"))
def list_activities(request: AuthedRequest, filters: Query[ActivityFilter]) -> dict:
    return paginate(_activities(request, filters), filters.page, filters.size)


@router.get("/programme-activities/totals", response=ActivityTotals, **perm("community.view"))
def activity_totals(request: AuthedRequest, filters: Query[ActivityFilter]) -> dict:
    return selectors.activity_totals(_activities(request, filters))


@router.get(
    "/programme-activities/{int:programme_activity_id}",
    response=ProgrammeActivityOut,
    **perm("community.view"),
)
def get_activity(request: AuthedRequest, programme_activity_id: int) -> ProgrammeActivity:
    return selectors.activity_get(actor=request.auth, activity_id=programme_activity_id)


@router.post(
    "/programme-activities",
    response={201: ProgrammeActivityOut, 200: ProgrammeActivityOut},
    **perm("community.record"),
)
def create_activity(request: AuthedRequest, payload: ProgrammeActivityCreate) -> Status:
    return created(
        request,
        ProgrammeActivity,
        lambda: services.programme_activity_create(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )


@router.patch(
    "/programme-activities/{int:programme_activity_id}",
    response={200: ProgrammeActivityOut, 409: Conflict[ProgrammeActivityOut]},
    **perm("community.record"),
)
def update_activity(
    request: AuthedRequest, programme_activity_id: int, payload: ProgrammeActivityUpdate
) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    return services.programme_activity_update(
        actor=request.auth, activity_id=programme_activity_id, version=version, **changes
    )
