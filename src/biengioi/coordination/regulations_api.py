"""Coordination regulations in the API: the list (in force on a day, a text) and a regulation
with its duties; adding and correcting duties; the submissions a unit sent and what it owes
(overdue, upcoming, submitted); sending and correcting a submission; the compliance table of a
year, a half or a quarter.

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
from biengioi.core.search import MAX_LENGTH

from . import regulations_selectors as selectors
from . import services
from .models import Duty, DutyKind, Regulation, Rhythm, Submission

router = Router(tags=["regulations"])
CLIENT_ID = "Mã do máy khách tạo; gửi lại không tạo bản sao."
VIEW, RECORD, CONFIGURE = "coordination.view", "coordination.record", "coordination.configure"
Part = Literal["year", "h1", "h2", "q1", "q2", "q3", "q4"]


class CounterpartRef(Schema):
    id: int
    name: str
    country_code: str = Field(alias="country.code")


class DutyOut(Schema):
    """A duty; `due_day` is a weekday 1 (Monday) … 7 (Sunday) of the week after a weekly period,
    or a day 1 … 31 of the first month after a monthly, quarterly or 6-monthly one (31: the
    month's last day), or with `due_month` a day of the year after a yearly one."""

    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    regulation_id: int
    kind: DutyKind
    title: str
    rhythm: Rhythm
    due_day: int
    due_month: int | None
    owner_unit_id: int = Field(alias="owner_id")
    owner_unit: str = Field(alias="owner.name")
    note: str


class RegulationOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    number: str
    signed_on: date
    title: str
    valid_from: date
    valid_to: date | None
    note: str
    party_unit_ids: list[int] = Field(description="Các bên (đơn vị) ký; `parties` nêu tên.")
    parties: list[UnitRef]
    counterpart_ids: list[int] = Field(description="Các đơn vị nước bạn; `counterparts` nêu tên.")
    counterparts: list[CounterpartRef]

    @staticmethod
    def resolve_party_unit_ids(obj: Regulation) -> list[int]:
        return sorted(u.pk for u in obj.parties.all())

    @staticmethod
    def resolve_counterpart_ids(obj: Regulation) -> list[int]:
        return sorted(c.pk for c in obj.counterparts.all())

    @staticmethod
    def resolve_parties(obj: Regulation) -> list[Any]:
        return sorted(obj.parties.all(), key=lambda u: u.pk)

    @staticmethod
    def resolve_counterparts(obj: Regulation) -> list[Any]:
        return sorted(obj.counterparts.all(), key=lambda u: u.pk)


class RegulationDetailOut(RegulationOut):
    duties: list[DutyOut]

    @staticmethod
    def resolve_duties(obj: Regulation) -> list[Duty]:
        return list(selectors.duties_of(obj))


class SubmissionOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    duty_id: int
    unit_id: int = Field(alias="duty.owner_id")
    period_start: date
    period_end: date
    submitted_on: date
    reference: str
    figures: dict[str, int | float]
    note: str


class CellOut(Schema):
    """One period a duty expects: `status` is on_time, late (by `late_days`), missing (the due
    day has passed, nothing submitted) or not_due; `label` says it in words."""

    duty_id: int
    duty: str
    unit_id: int
    unit: str
    period_start: date
    period_end: date
    due_on: date
    status: Literal["on_time", "late", "missing", "not_due"]
    late_days: int
    label: str
    submission_id: int | None
    submitted_on: date | None


def _cell(cell: selectors.Cell) -> dict[str, Any]:
    sent = cell.submission
    return {
        "duty_id": cell.duty.pk,
        "duty": cell.duty.title,
        "unit_id": cell.duty.owner_id,
        "unit": cell.duty.owner.name,
        "period_start": cell.period.start,
        "period_end": cell.period.end,
        "due_on": cell.period.due_on,
        "status": cell.status,
        "late_days": cell.late_days,
        "label": cell.label,
        "submission_id": sent.pk if sent else None,
        "submitted_on": sent.submitted_on if sent else None,
    }


class OwedOut(Schema):
    overdue: list[CellOut]
    upcoming: list[CellOut]
    submitted: list[CellOut]


class DutyRowOut(Schema):
    duty_id: int
    regulation_id: int
    title: str
    rhythm: Rhythm
    on_time: int
    late: int
    missing: int
    not_due: int
    cells: list[CellOut]


class UnitComplianceOut(Schema):
    """One unit's periods in the range: `counted` are those due (or sent early); the share on
    time is `on_time / counted` (null when nothing was due)."""

    unit_id: int | None
    unit: str
    counted: int
    on_time: int
    late: int
    missing: int
    not_due: int
    share_on_time: float | None


class UnitComplianceDetailOut(UnitComplianceOut):
    duties: list[DutyRowOut]


class ComplianceOut(Schema):
    first: date
    last: date
    units: list[UnitComplianceDetailOut]
    total: UnitComplianceOut | None


def _duty_row(row: selectors.DutyRow, every: bool) -> dict[str, Any]:
    counts = dict.fromkeys(("on_time", "late", "missing", "not_due"), 0)
    for cell in row.cells:
        counts[cell.status] += 1
    return {
        "duty_id": row.duty.pk,
        "regulation_id": row.duty.regulation_id,
        "title": row.duty.title,
        "rhythm": row.duty.rhythm,
        **counts,
        "cells": [_cell(c) for c in row.cells if every or c.status in ("late", "missing")],
    }


def _unit_row(row: selectors.UnitRow, detail: bool, every: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "unit_id": row.unit.pk,
        "unit": row.unit.name,
        "counted": row.counted,
        "on_time": row.on_time,
        "late": row.late,
        "missing": row.missing,
        "not_due": row.not_due,
        "share_on_time": row.share_on_time,
    }
    if detail:
        out["duties"] = [_duty_row(r, every) for r in row.duties]
    return out


class RegulationCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    number: Line = Field(max_length=60, description="Số văn bản của quy chế.")
    signed_on: date = Field(description="Ngày ký; không sau hôm nay.")
    title: Line = Field(max_length=300)
    valid_from: date
    valid_to: date | None = Field(None, description="Bỏ trống: còn hiệu lực.")
    party_unit_ids: list[int] = Field(
        max_length=500,
        description="Các bên: đơn vị của tỉnh (cùng đơn vị nước bạn, ít nhất hai bên).",
    )
    counterpart_ids: list[int] = Field(
        [], max_length=100, description="Đơn vị nước bạn tham gia quy chế (nếu có)."
    )
    note: Paragraph = Field("", max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "number": "12/QC-BCHBP-SNgV",
                    "signed_on": "2023-03-15",
                    "title": "Quy chế phối hợp giữa Bộ đội Biên phòng tỉnh và Sở Ngoại vụ",
                    "valid_from": "2023-04-01",
                    "party_unit_ids": [1, 2],
                }
            ]
        },
    )


class RegulationUpdate(In):
    """Fields left out are left alone; `party_unit_ids`, `counterpart_ids`, when sent, replace
    the parties."""

    version: int = Field(ge=1)
    number: Line | None = Field(None, max_length=60)
    signed_on: date | None = None
    title: Line | None = Field(None, max_length=300)
    valid_from: date | None = None
    valid_to: date | None = None
    party_unit_ids: list[int] | None = Field(None, max_length=500)
    counterpart_ids: list[int] | None = Field(None, max_length=100)
    note: Paragraph | None = Field(None, max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"version": 1, "note": "Sơ kết 1 năm thực hiện"}]},
    )


class DutyCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    kind: DutyKind
    title: Line = Field(max_length=300)
    rhythm: Rhythm
    due_day: int = Field(
        description="Hằng tuần: thứ 1–7 (thứ Hai … Chủ nhật) của tuần sau; "
        "tháng, quý, 6 tháng: ngày 1–31 của tháng đầu sau kỳ; "
        "hằng năm: ngày của `due_month` năm sau."
    )
    due_month: int | None = Field(None, description="Chỉ cho nhiệm vụ hằng năm: tháng 1–12.")
    owner_unit_id: int = Field(description="Đơn vị thực hiện: một bên hoặc đơn vị trực thuộc.")
    note: Paragraph = Field("", max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "kind": "report",
                    "title": "Báo cáo tình hình biên giới hằng tháng",
                    "rhythm": "monthly",
                    "due_day": 5,
                    "owner_unit_id": 1,
                }
            ]
        },
    )


class DutyUpdate(In):
    version: int = Field(ge=1)
    kind: DutyKind | None = None
    title: Line | None = Field(None, max_length=300)
    rhythm: Rhythm | None = Field(None, description="Chỉ đổi được khi chưa có báo cáo nộp.")
    due_day: int | None = None
    due_month: int | None = None
    note: Paragraph | None = Field(None, max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"version": 1, "due_day": 10}]},
    )


class SubmissionCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    period_start: date = Field(description="Ngày đầu của kỳ (tuần, tháng, quý, 6 tháng, năm).")
    period_end: date | None = Field(None, description="Ngày cuối của kỳ (nếu gửi, phải khớp).")
    submitted_on: date = Field(description="Ngày nộp; không sau hôm nay.")
    reference: Line = Field("", max_length=300, description="Số văn bản, tên tệp báo cáo.")
    figures: dict[str, int | float] = Field(
        {}, description="Số liệu: tên – số (tối đa 50).", max_length=50
    )
    note: Paragraph = Field("", max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "period_start": "2025-01-01",
                    "period_end": "2025-01-31",
                    "submitted_on": "2025-02-04",
                    "reference": "Báo cáo số 05/BC-ĐBP",
                    "figures": {"Số lượt tuần tra": 12, "Số vụ việc": 1},
                }
            ]
        },
    )


class SubmissionUpdate(In):
    version: int = Field(ge=1)
    submitted_on: date | None = None
    reference: Line | None = Field(None, max_length=300)
    figures: dict[str, int | float] | None = Field(None, max_length=50)
    note: Paragraph | None = Field(None, max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"version": 1, "note": "Bổ sung số liệu"}]},
    )


class RegulationFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    active_on: date | None = Field(None, description="Chỉ quy chế có hiệu lực ngày này.")


class SubmissionFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    duty_id: int | None = None
    unit_id: int | None = None
    year: int | None = Field(None, ge=1900, le=2200, description="Kỳ kết thúc trong năm này.")


class ComplianceFilter(In):
    year: int | None = Field(None, ge=1900, le=2200, description="Mặc định: năm nay.")
    part: Part = Field("year", description="Cả năm, 6 tháng (h1, h2) hoặc quý (q1 … q4).")
    unit_id: int | None = Field(None, description="Một đơn vị và các đơn vị trực thuộc.")
    cells: Literal["problems", "all"] = Field(
        "problems",
        description="Các kỳ liệt kê của mỗi nhiệm vụ: chỉ kỳ nộp chậm, chưa nộp (mặc định; các "
        "kỳ khác được đếm) hoặc mọi kỳ (all).",
    )


@router.get("/regulations", response=Page[RegulationOut], **perm(VIEW))
def list_regulations(request: AuthedRequest, filters: Query[RegulationFilter]) -> dict:
    rows = selectors.regulation_list(actor=request.auth, active_on=filters.active_on, q=filters.q)
    return paginate(rows.prefetch_related("counterparts__country"), filters.page, filters.size)


@router.post(
    "/regulations",
    response={201: RegulationDetailOut, 200: RegulationDetailOut},
    **perm(CONFIGURE),
)
def create_regulation(request: AuthedRequest, payload: RegulationCreate) -> Status:
    return created(
        request,
        Regulation,
        lambda: services.regulation_create(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )


@router.get("/regulations/{int:regulation_id}", response=RegulationDetailOut, **perm(VIEW))
def get_regulation(request: AuthedRequest, regulation_id: int) -> Regulation:
    return selectors.regulation_get(actor=request.auth, regulation_id=regulation_id)


@router.patch(
    "/regulations/{int:regulation_id}",
    response={200: RegulationDetailOut, 409: Conflict[RegulationDetailOut]},
    **perm(CONFIGURE),
)
def update_regulation(request: AuthedRequest, regulation_id: int, payload: RegulationUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    services.regulation_update(
        actor=request.auth, regulation_id=regulation_id, version=version, **changes
    )
    return selectors.regulation_get(actor=request.auth, regulation_id=regulation_id)


@router.post(
    "/regulations/{int:regulation_id}/duties",
    response={201: DutyOut, 200: DutyOut},
    **perm(CONFIGURE),
)
def add_duty(request: AuthedRequest, regulation_id: int, payload: DutyCreate) -> Status:
    return created(
        request,
        Duty,
        lambda: services.duty_add(
            actor=request.auth,
            regulation_id=regulation_id,
            client_id=payload.id,
            **payload.model_dump(exclude={"id"}),
        ),
    )


@router.get("/duties/owed", response=OwedOut, **perm(VIEW))
def owed(request: AuthedRequest) -> dict:
    """What the units of the caller's scope owe: missing periods of the last year, those coming
    due in the next 45 days (or running now), and what was sent over the last year."""
    result = selectors.owed(actor=request.auth)
    return {
        "overdue": [_cell(c) for c in result.overdue],
        "upcoming": [_cell(c) for c in result.upcoming],
        "submitted": [_cell(c) for c in result.submitted],
    }


@router.get("/duties/{int:duty_id}", response=DutyOut, **perm(VIEW))
def get_duty(request: AuthedRequest, duty_id: int) -> Duty:
    return selectors.duty_get(actor=request.auth, duty_id=duty_id)


@router.patch(
    "/duties/{int:duty_id}",
    response={200: DutyOut, 409: Conflict[DutyOut]},
    **perm(CONFIGURE),
)
def update_duty(request: AuthedRequest, duty_id: int, payload: DutyUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    services.duty_update(actor=request.auth, duty_id=duty_id, version=version, **changes)
    return selectors.duty_get(actor=request.auth, duty_id=duty_id)


@router.post(
    "/duties/{int:duty_id}/submissions",
    response={201: SubmissionOut, 200: SubmissionOut},
    **perm(RECORD),
)
def submit(request: AuthedRequest, duty_id: int, payload: SubmissionCreate) -> Status:
    return created(
        request,
        Submission,
        lambda: services.submission_create(
            actor=request.auth,
            duty_id=duty_id,
            client_id=payload.id,
            **payload.model_dump(exclude={"id"}),
        ),
    )


@router.get("/submissions", response=Page[SubmissionOut], **perm(VIEW))
def list_submissions(request: AuthedRequest, filters: Query[SubmissionFilter]) -> dict:
    rows = selectors.submission_list(
        actor=request.auth,
        q=filters.q,
        duty_id=filters.duty_id,
        unit_id=filters.unit_id,
        year=filters.year,
    )
    return paginate(rows, filters.page, filters.size)


@router.get("/submissions/{int:submission_id}", response=SubmissionOut, **perm(VIEW))
def get_submission(request: AuthedRequest, submission_id: int) -> Submission:
    return selectors.submission_get(actor=request.auth, submission_id=submission_id)


@router.patch(
    "/submissions/{int:submission_id}",
    response={200: SubmissionOut, 409: Conflict[SubmissionOut]},
    **perm(RECORD),
)
def update_submission(request: AuthedRequest, submission_id: int, payload: SubmissionUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    return services.submission_update(
        actor=request.auth, submission_id=submission_id, version=version, **changes
    )


@router.get("/compliance", response=ComplianceOut, **perm(VIEW))
def compliance(request: AuthedRequest, filters: Query[ComplianceFilter]) -> dict:
    """The compliance table of a year, a half or a quarter: for every duty owed in the caller's
    scope, its periods ending in the range counted by status, and listed (the late and missing
    ones, or all with `cells=all`); per unit, the share on time."""
    year = filters.year or timezone.localdate().year
    first, last = selectors.compliance_range(year, filters.part)
    table = selectors.compliance(
        actor=request.auth, first=first, last=last, unit_id=filters.unit_id
    )
    return {
        "first": table.first,
        "last": table.last,
        "units": [_unit_row(u, detail=True, every=filters.cells == "all") for u in table.units],
        "total": _unit_row(table.total, detail=False) if table.total else None,
    }
