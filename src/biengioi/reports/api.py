"""Periodic reports in the API: the list (status, period, scope unit), a report with its figures
and narrative, drafting one, editing its narrative and heading, recomputing its figures, issuing
it, a correction of an issued one, and each of its files (DOCX, XLSX annex, PDF).

Creates take a client-made `id` (UUID) or an Idempotency-Key header; edits carry the `version`
they were made on, and a stale one answers 409 with the report as it stands. An issued report's
files are its frozen snapshot; a draft's are made on the request.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from django.http import HttpResponse
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
    error_body,
    paginate,
    perm,
)
from biengioi.core.idempotency import created
from biengioi.core.search import MAX_LENGTH

from . import rendering, selectors, services
from .models import Report, ReportStatus
from .narrative import KEYS, preview
from .pdf import PdfUnavailable
from .periods import parse

router = Router(tags=["reports"])
CLIENT_ID = "Mã do máy khách tạo; gửi lại không tạo bản sao."
VIEW, DRAFT, ISSUE = "reports.view", "reports.draft", "reports.issue"
NARRATIVE = "Nội dung từng phần, mỗi dòng một đoạn; khóa: " + ", ".join(KEYS) + "."


class ReportOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    scope_unit_id: int
    scope_unit: str = Field(alias="scope_unit.name")
    period: str = Field(alias="period_code")
    period_label: str = Field(
        description="Kỳ báo cáo bằng lời, theo ngôn ngữ của yêu cầu (Accept-Language): "
        "“6 tháng đầu năm 2025”, “first half of 2025”; văn bản luôn in tiếng Việt."
    )
    status: ReportStatus
    summary: str
    number: int | None = Field(description="Số trong sổ văn bản của Ban Chỉ đạo (năm ban hành).")
    number_text: str = Field(description="“05/BC-BCĐ”; rỗng khi là dự thảo.")
    issued_on: date | None
    corrects_id: int | None = Field(description="Báo cáo đã ban hành mà báo cáo này thay thế.")
    created_at: datetime

    @staticmethod
    def resolve_period_label(obj: Report) -> str:
        return parse(obj.period_code).display


class FigureRow(Schema):
    """A figure: counts are integers, amounts and percentages decimals."""

    label: str
    value: int | Decimal
    previous: int | Decimal
    change: int | Decimal
    percent: Decimal | None = Field(description="Tăng, giảm theo phần trăm; null khi cùng kỳ là 0.")


class FigureTable(Schema):
    """A section's figures as the report's appendix holds them, its title and its rows' labels
    in the language of the request (Accept-Language); the document's are Vietnamese."""

    key: str
    title: str
    rows: list[FigureRow]


class FileInfo(Schema):
    format: str
    size: int
    sha256: str


class ReportDetailOut(ReportOut):
    """A report with its heading, narrative, figures (current, same period before, change) and,
    once issued, its frozen files with their SHA-256."""

    governing_body: str
    issuing_body: str
    issuer_name: str
    symbol: str
    place: str
    signer_capacity: str
    signer_title: str
    signer_name: str
    copies_to: str
    computed_at: datetime
    narrative: dict[str, str]
    figures: list[FigureTable]
    files: list[FileInfo]
    corrected_by_id: int | None

    @staticmethod
    def resolve_figures(obj: Report) -> list[dict[str, Any]]:
        return preview(rendering.statistics_of(obj))

    @staticmethod
    def resolve_files(obj: Report) -> list[dict[str, Any]]:
        return rendering.file_info(obj)

    @staticmethod
    def resolve_corrected_by_id(obj: Report) -> int | None:
        later = selectors.corrected_by(obj)
        return later.pk if later else None


class ReportCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    scope_unit_id: int = Field(description="Đơn vị báo cáo (tỉnh, hoặc một đơn vị), trong phạm vi.")
    period: Line = Field(
        max_length=40,
        description="Kỳ báo cáo: 2025, 2025-H1, 2025-Q3 hoặc 2025-01-01..2025-03-31.",
    )

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"scope_unit_id": 1, "period": "2025-H1"}]},
    )


class ReportUpdate(In):
    """Fields left out are left alone; `narrative` replaces only the parts it names."""

    version: int = Field(ge=1)
    narrative: dict[str, Paragraph] | None = Field(None, description=NARRATIVE)
    summary: Line | None = Field(None, max_length=300)
    governing_body: Line | None = Field(None, max_length=200)
    issuing_body: Line | None = Field(None, max_length=200)
    issuer_name: Line | None = Field(None, max_length=200)
    symbol: Line | None = Field(None, max_length=40)
    place: Line | None = Field(None, max_length=100)
    signer_capacity: Paragraph | None = Field(None, max_length=400)
    signer_title: Line | None = Field(None, max_length=150)
    signer_name: Line | None = Field(None, max_length=150)
    copies_to: Paragraph | None = Field(None, max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "version": 1,
                    "narrative": {"strengths": "Các lực lượng phối hợp chặt chẽ."},
                    "signer_name": "Lê Văn Trưởng",
                }
            ]
        },
    )


class VersionIn(In):
    version: int = Field(ge=1, description="Phiên bản báo cáo đang xem.")

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"version": 1}]})


class CorrectionIn(In):
    id: UUID | None = Field(None, description=CLIENT_ID)

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{}]})


class ReportFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    status: ReportStatus | None = None
    period: str | None = Field(None, max_length=40, description="Mã kỳ: 2025, 2025-H1 …")
    scope_unit_id: int | None = None


class Unavailable(Schema):
    detail: str
    errors: list[dict[str, str]]


@router.get("/reports", response=Page[ReportOut], **perm(VIEW))
def list_reports(request: AuthedRequest, filters: Query[ReportFilter]) -> dict:
    rows = selectors.report_list(
        actor=request.auth,
        q=filters.q,
        status=filters.status,
        period=filters.period,
        scope_unit_id=filters.scope_unit_id,
    )
    return paginate(rows, filters.page, filters.size)


@router.get("/reports/{int:report_id}", response=ReportDetailOut, **perm(VIEW))
def get_report(request: AuthedRequest, report_id: int) -> Report:
    return selectors.report_get(actor=request.auth, report_id=report_id)


@router.post("/reports", response={201: ReportDetailOut, 200: ReportDetailOut}, **perm(DRAFT))
def create_report(request: AuthedRequest, payload: ReportCreate) -> Status:
    return created(
        request,
        Report,
        lambda: services.report_create(
            actor=request.auth,
            client_id=payload.id,
            scope_unit_id=payload.scope_unit_id,
            period=payload.period,
        ),
    )


@router.patch(
    "/reports/{int:report_id}",
    response={200: ReportDetailOut, 409: Conflict[ReportDetailOut]},
    **perm(DRAFT),
)
def update_report(request: AuthedRequest, report_id: int, payload: ReportUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    return services.report_update(
        actor=request.auth, report_id=report_id, version=version, **changes
    )


@router.post(
    "/reports/{int:report_id}/refresh",
    response={200: ReportDetailOut, 409: Conflict[ReportDetailOut]},
    **perm(DRAFT),
)
def refresh_report(request: AuthedRequest, report_id: int, payload: VersionIn) -> Any:
    """Recompute a draft's figures; the parts of the narrative someone edited are kept."""
    return services.report_refresh(actor=request.auth, report_id=report_id, version=payload.version)


@router.post(
    "/reports/{int:report_id}/issue",
    response={200: ReportDetailOut, 409: Conflict[ReportDetailOut]},
    **perm(ISSUE),
)
def issue_report(request: AuthedRequest, report_id: int, payload: VersionIn) -> Any:
    """Issue a draft today: the next number of the province's series for the year; its figures
    and files frozen."""
    return services.report_issue(actor=request.auth, report_id=report_id, version=payload.version)


@router.post(
    "/reports/{int:issued_id}/correction",
    response={201: ReportDetailOut, 200: ReportDetailOut},
    **perm(DRAFT),
)
def correct_report(request: AuthedRequest, issued_id: int, payload: CorrectionIn) -> Status:
    """A new draft replacing the issued report `issued_id` and citing it."""
    return created(
        request,
        Report,
        lambda: services.report_correct(
            actor=request.auth, report_id=issued_id, client_id=payload.id
        ),
    )


@router.get(
    "/reports/{int:report_id}/files/{fmt}",
    response={200: None, 503: Unavailable},
    **perm(VIEW),
)
def report_file(request: AuthedRequest, report_id: int, fmt: Literal["docx", "xlsx", "pdf"]) -> Any:
    """The report's DOCX, XLSX annex or PDF: an issued report's frozen files, a draft's made
    now. 503 with the reason when no PDF can be made (LibreOffice missing)."""
    try:
        report, content = services.report_file(actor=request.auth, report_id=report_id, fmt=fmt)
    except PdfUnavailable as error:
        return Status(503, error_body(error.message, [{"field": "fmt", "message": error.message}]))
    response = HttpResponse(content, content_type=rendering.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{rendering.filename(report, fmt)}"'
    return response
