"""Budget estimates in the API: the lines of a year (of a unit and those under it), their totals
per unit and in all, a line, and the writes of the secretariat and administrators.

Creates take a client-made `id` (UUID) or an Idempotency-Key header; edits carry the `version`
they were made on, and a stale one answers 409 with the line as it stands.
"""

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

from . import budget_selectors as selectors
from . import services
from .models import BudgetCategory, BudgetItem

router = Router(tags=["budget"])
VIEW, CONFIGURE = "coordination.view", "coordination.configure"
DONG = "Số tiền, đồng (số nguyên, không âm)."


class BudgetItemOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    year: int
    unit_id: int
    unit: str = Field(alias="unit.name")
    title: str
    category: BudgetCategory | None = Field(description="Nhóm; null nếu chưa phân nhóm.")
    estimated: int
    approved: int
    spent: int
    note: str

    @staticmethod
    def resolve_category(obj: Any) -> str | None:
        return obj.category or None


class BudgetItemCreate(In):
    id: UUID | None = Field(None, description="Mã do máy khách tạo; gửi lại không tạo bản sao.")
    unit_id: int = Field(description="Đơn vị, trong phạm vi của bạn.")
    year: int = Field(description="Năm dự toán, từ 2000 đến hai năm tới.")
    title: Line = Field(max_length=300)
    category: BudgetCategory | None = None
    estimated: int = Field(0, description=DONG)
    approved: int = Field(0, description=DONG)
    spent: int = Field(0, description=DONG + " Không vượt số được duyệt.")
    note: Paragraph = Field("", max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": 1,
                    "year": 2025,
                    "title": "Tuần tra song phương đoạn mốc 600 – 610",
                    "category": "patrol",
                    "estimated": 21790000,
                    "approved": 20000000,
                    "spent": 12500000,
                }
            ]
        },
    )


class BudgetItemUpdate(In):
    """Fields left out are left alone."""

    version: int = Field(ge=1)
    year: int | None = None
    title: Line | None = Field(None, max_length=300)
    category: BudgetCategory | None = None
    estimated: int | None = None
    approved: int | None = None
    spent: int | None = None
    note: Paragraph | None = Field(None, max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"version": 1, "approved": 25000000, "spent": 18000000}]},
    )


class BudgetFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    year: int | None = Field(None, ge=1900, le=2200)
    unit_id: int | None = Field(None, description="Một đơn vị và các đơn vị trực thuộc.")


class UnitTotals(Schema):
    unit_id: int
    unit: str
    estimated: int
    approved: int
    spent: int


class BudgetTotals(Schema):
    estimated: int
    approved: int
    spent: int
    by_unit: list[UnitTotals]


def _rows(request: AuthedRequest, filters: BudgetFilter) -> Any:
    return selectors.budget_list(
        actor=request.auth, q=filters.q, year=filters.year, unit_id=filters.unit_id
    )


@router.get("/budget-items", response=Page[BudgetItemOut], **perm(VIEW))
def list_budget_items(request: AuthedRequest, filters: Query[BudgetFilter]) -> dict:
    return paginate(_rows(request, filters), filters.page, filters.size)


@router.get("/budget-items/totals", response=BudgetTotals, **perm(VIEW))
def budget_totals(request: AuthedRequest, filters: Query[BudgetFilter]) -> dict:
    """Estimated, approved and spent over the filters, in all and per unit."""
    totals = selectors.budget_totals(_rows(request, filters))
    totals["by_unit"] = [{**t, "unit": t["unit__name"]} for t in totals["by_unit"]]
    return totals


@router.get("/budget-items/{int:budget_item_id}", response=BudgetItemOut, **perm(VIEW))
def get_budget_item(request: AuthedRequest, budget_item_id: int) -> BudgetItem:
    return selectors.budget_get(actor=request.auth, budget_item_id=budget_item_id)


@router.post("/budget-items", response={201: BudgetItemOut, 200: BudgetItemOut}, **perm(CONFIGURE))
def create_budget_item(request: AuthedRequest, payload: BudgetItemCreate) -> Status:
    return created(
        request,
        BudgetItem,
        lambda: services.budget_item_create(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )


@router.patch(
    "/budget-items/{int:budget_item_id}",
    response={200: BudgetItemOut, 409: Conflict[BudgetItemOut]},
    **perm(CONFIGURE),
)
def update_budget_item(
    request: AuthedRequest, budget_item_id: int, payload: BudgetItemUpdate
) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    return services.budget_item_update(
        actor=request.auth, budget_item_id=budget_item_id, version=version, **changes
    )
