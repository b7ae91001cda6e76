"""Gate traffic in the API: the list (filters), its totals and month table, one record, and the
use cases: record, correct, import a spreadsheet (all rows or none), download its template.

Creates and imports take a client-made `id` (UUID) or an Idempotency-Key header; an edit carries
the `version` it was made on, and a stale one answers 409 with the record as it stands.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.http import HttpResponse
from django.utils.translation import gettext
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile
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
from biengioi.core.errors import Rejected
from biengioi.core.idempotency import created, once
from biengioi.core.search import MAX_LENGTH
from biengioi.core.sheets import FileRejected
from biengioi.core.tables import CONTENT_TYPES

from . import gate_selectors as selectors
from . import services
from .models import GateTraffic, GateTrafficImport, TrafficPeriod

router = Router(tags=["gate traffic"])

COUNT = Field(0, ge=0, le=services.gates.MAX_COUNT)
TONNES = Field(Decimal(0), ge=0, max_digits=12, decimal_places=3)
USD = Field(Decimal(0), ge=0, max_digits=15, decimal_places=2)


class TrafficOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    unit_id: int
    unit: str = Field(alias="unit.name")
    gate_id: int
    gate: str = Field(alias="gate.name")
    period: TrafficPeriod
    on: date
    persons_out: int
    persons_in: int
    vehicles_out: int
    vehicles_in: int
    export_tonnes: Decimal
    import_tonnes: Decimal
    export_value_usd: Decimal
    import_value_usd: Decimal
    note: str
    import_id: int | None = Field(alias="source_id")
    created_at: datetime
    updated_at: datetime


class TrafficFigures(In):
    persons_out: int = COUNT
    persons_in: int = COUNT
    vehicles_out: int = COUNT
    vehicles_in: int = COUNT
    export_tonnes: Decimal = TONNES
    import_tonnes: Decimal = TONNES
    export_value_usd: Decimal = USD
    import_value_usd: Decimal = USD
    note: Paragraph = Field("", max_length=2000)


class TrafficCreate(TrafficFigures):
    id: UUID | None = Field(None, description="Mã do máy khách tạo; gửi lại không tạo bản sao.")
    unit_id: int
    gate_id: int
    period: TrafficPeriod
    on: date = Field(description="Ngày; với số liệu cả tháng, một ngày bất kỳ của tháng.")

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": 1,
                    "gate_id": 1,
                    "period": "day",
                    "on": "2025-09-05",
                    "persons_out": 1250,
                    "persons_in": 1180,
                    "vehicles_out": 320,
                    "vehicles_in": 305,
                    "export_tonnes": "850.5",
                    "import_tonnes": "620.25",
                    "export_value_usd": "1250000",
                    "import_value_usd": "980000.50",
                }
            ]
        },
    )


class TrafficUpdate(In):
    """Fields left out are left alone; `version` is the one the edit was made on."""

    version: int = Field(ge=1)
    gate_id: int | None = None
    period: TrafficPeriod | None = None
    on: date | None = None
    persons_out: int | None = Field(None, ge=0, le=services.gates.MAX_COUNT)
    persons_in: int | None = Field(None, ge=0, le=services.gates.MAX_COUNT)
    vehicles_out: int | None = Field(None, ge=0, le=services.gates.MAX_COUNT)
    vehicles_in: int | None = Field(None, ge=0, le=services.gates.MAX_COUNT)
    export_tonnes: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=3)
    import_tonnes: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=3)
    export_value_usd: Decimal | None = Field(None, ge=0, max_digits=15, decimal_places=2)
    import_value_usd: Decimal | None = Field(None, ge=0, max_digits=15, decimal_places=2)
    note: Paragraph | None = Field(None, max_length=2000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"version": 1, "persons_out": 1300}]},
    )


class TrafficFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    start: date | None = None
    end: date | None = None
    unit_id: int | None = None
    gate_id: int | None = None
    period: TrafficPeriod | None = None


class TrafficTotals(Schema):
    records: int
    persons_out: int
    persons_in: int
    vehicles_out: int
    vehicles_in: int
    export_tonnes: Decimal
    import_tonnes: Decimal
    export_value_usd: Decimal
    import_value_usd: Decimal


class MonthRow(TrafficTotals):
    gate_id: int
    gate: str
    month: date = Field(description="Ngày đầu tháng.")
    days: int = Field(description="Số ngày có số liệu theo ngày (0: số liệu cả tháng).")
    records: int = 0


class TrafficImportOut(Schema):
    import_id: int
    created: int
    ids: list[int]


def _filtered(request: AuthedRequest, filters: TrafficFilter) -> Any:
    return selectors.gate_traffic_list(
        actor=request.auth,
        q=filters.q,
        start=filters.start,
        end=filters.end,
        unit_id=filters.unit_id,
        gate_id=filters.gate_id,
        period=filters.period or "",
    )


@router.get("/gate-traffic", response=Page[TrafficOut], **perm("operations.view"))
def list_traffic(request: AuthedRequest, filters: Query[TrafficFilter]) -> dict:
    return paginate(_filtered(request, filters), filters.page, filters.size)


@router.get("/gate-traffic/totals", response=TrafficTotals, **perm("operations.view"))
def traffic_totals(request: AuthedRequest, filters: Query[TrafficFilter]) -> dict:
    """The sum of each figure over the filters, and how many records it holds. A month figure
    counts whole in any range that meets its month."""
    return selectors.gate_traffic_totals(_filtered(request, filters))


@router.get("/gate-traffic/months", response=list[MonthRow], **perm("operations.view"))
def traffic_months(request: AuthedRequest, filters: Query[TrafficFilter]) -> list[dict]:
    """One row a gate and month: day figures summed into their month."""
    return selectors.gate_traffic_by_month(_filtered(request, filters))


@router.get("/gate-traffic/template.xlsx", **perm("operations.view"))
def traffic_template(request: AuthedRequest) -> HttpResponse:
    """The spreadsheet to fill in for an import: the header and one example row."""
    response = HttpResponse(
        services.gate_traffic_template(actor=request.auth), content_type=CONTENT_TYPES["xlsx"]
    )
    response["Content-Disposition"] = 'attachment; filename="mau-luu-luong-cua-khau.xlsx"'
    return response


@router.get("/gate-traffic/{int:traffic_id}", response=TrafficOut, **perm("operations.view"))
def get_traffic(request: AuthedRequest, traffic_id: int) -> GateTraffic:
    return selectors.gate_traffic_get(actor=request.auth, traffic_id=traffic_id)


@router.post(
    "/gate-traffic",
    response={201: TrafficOut, 200: TrafficOut},
    **perm("operations.record"),
)
def create_traffic(request: AuthedRequest, payload: TrafficCreate) -> Status:
    """A day's figures, or a month's (dated the first of the month). A gate's month is recorded
    by days or as one figure, never both."""
    return created(
        request,
        GateTraffic,
        lambda: services.gate_traffic_create(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )


@router.patch(
    "/gate-traffic/{int:traffic_id}",
    response={200: TrafficOut, 409: Conflict[TrafficOut]},
    **perm("operations.record"),
)
def update_traffic(request: AuthedRequest, traffic_id: int, payload: TrafficUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    return services.gate_traffic_update(
        actor=request.auth, traffic_id=traffic_id, version=version, **changes
    )


@router.post(
    "/gate-traffic/import",
    response={201: TrafficImportOut, 200: TrafficImportOut},
    **perm("operations.record"),
)
def import_traffic(
    request: AuthedRequest,
    unit_id: Form[int],
    file: File[UploadedFile],
    id: Form[UUID | None] = None,  # noqa: A002 (the client-made id, as in every create)
) -> Status:
    """Import an XLSX or CSV file of figures recorded by the unit: every row, or none (422 lists
    every bad row with its number, column and reason)."""
    made = True

    def run() -> GateTrafficImport:
        nonlocal made
        try:
            result = services.gate_traffic_import(
                actor=request.auth,
                unit_id=unit_id,
                filename=file.name or "",
                content=file.read(),
                client_id=id,
            )
        except FileRejected as exc:
            raise Rejected(exc.message, [{"field": "file", "message": exc.message}]) from exc
        if not result.ok or result.batch is None:
            rows = len({e.row for e in result.errors})
            raise Rejected(
                gettext("Không nhập dòng nào: có {n} dòng lỗi.").format(n=rows),
                [{"row": e.row, "field": e.field, "message": e.message} for e in result.errors],
            )
        made = result.made
        return result.batch

    batch, first = once(request, request.auth.pk, run, GateTrafficImport)
    ids = list(batch.records.order_by("pk").values_list("pk", flat=True))
    return Status(
        201 if first and made else 200, {"import_id": batch.pk, "created": len(ids), "ids": ids}
    )
