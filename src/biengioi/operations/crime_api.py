"""Crime and violations in the API: cases with their persons and seizures, the table by category,
and special operations and peak campaigns.

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

from . import crime_selectors as selectors
from . import services
from .models import (
    CaseHandling,
    CasePerson,
    CrimeCase,
    CrimeCategory,
    CrimeOperation,
    OperationKind,
    Seizure,
    SeizureUnit,
    Sex,
)

router = Router(tags=["crime"])
CLIENT_ID = "Mã do máy khách tạo; gửi lại không tạo bản sao."


class PersonIn(In):
    full_name: Line = Field(max_length=150)
    birth_year: int | None = None
    sex: Sex
    nationality: str = Field("VN", max_length=2, description="ISO 3166-1 alpha-2")
    residence: Line = Field("", max_length=200)
    wanted: bool = False


class PersonOut(Schema):
    full_name: str
    birth_year: int | None
    sex: Sex
    nationality: str
    residence: str
    wanted: bool


class SeizureIn(In):
    item: Line = Field(max_length=150)
    quantity: Decimal = Field(max_digits=14, decimal_places=3)
    unit: SeizureUnit
    value_vnd: Decimal | None = Field(None, max_digits=15, decimal_places=0)


class SeizureOut(Schema):
    item: str
    quantity: Decimal
    unit: SeizureUnit
    value_vnd: Decimal | None


class CaseOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    unit_id: int
    unit: str = Field(alias="unit.name")
    category: CrimeCategory
    operation_id: int | None
    title: str
    description: str
    detected_on: date
    place: str
    lon: float | None = Field(None, description="kinh độ nơi xảy ra (WGS84); null: chưa có")
    lat: float | None = Field(None, description="vĩ độ nơi xảy ra (WGS84)")
    commune_id: int | None
    handling: CaseHandling
    handled_on: date | None
    decision: str
    fine_vnd: Decimal | None


class CaseDetailOut(CaseOut):
    persons: list[PersonOut]
    seizures: list[SeizureOut]

    @staticmethod
    def resolve_persons(obj: CrimeCase) -> list[CasePerson]:
        return list(obj.persons.all())

    @staticmethod
    def resolve_seizures(obj: CrimeCase) -> list[Seizure]:
        return list(obj.seizures.all())


class CaseCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    unit_id: int
    category: CrimeCategory
    title: Line = Field(max_length=200)
    detected_on: date
    description: Paragraph = Field("", max_length=8000)
    place: Line = Field("", max_length=200)
    lon: float | None = Field(None, description="kinh độ nơi xảy ra (WGS84), cùng với lat")
    lat: float | None = Field(None, description="vĩ độ nơi xảy ra (WGS84), cùng với lon")
    commune_id: int | None = None
    operation_id: int | None = None
    handling: CaseHandling = CaseHandling.PENDING
    handled_on: date | None = None
    decision: Line = Field("", max_length=100)
    fine_vnd: Decimal | None = Field(None, max_digits=15, decimal_places=0)
    persons: list[PersonIn] = []
    seizures: list[SeizureIn] = []

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": 1,
                    "category": "drugs",
                    "title": "Bắt quả tang đối tượng vận chuyển trái phép chất ma túy",
                    "detected_on": "2025-09-01",
                    "place": "Đường mòn gần mốc 605",
                    "lon": 106.5512,
                    "lat": 16.7093,
                    "persons": [{"full_name": "Hồ Văn A", "birth_year": 1990, "sex": "male"}],
                    "seizures": [{"item": "heroin", "quantity": "2", "unit": "banh"}],
                }
            ]
        },
    )


class CaseUpdate(In):
    """Fields left out are left alone; persons or seizures, when sent, replace the lists."""

    version: int = Field(ge=1)
    category: CrimeCategory | None = None
    title: Line | None = Field(None, max_length=200)
    detected_on: date | None = None
    description: Paragraph | None = Field(None, max_length=8000)
    place: Line | None = Field(None, max_length=200)
    lon: float | None = Field(None, description="kinh độ nơi xảy ra (WGS84), cùng với lat")
    lat: float | None = Field(None, description="vĩ độ nơi xảy ra (WGS84), cùng với lon")
    commune_id: int | None = None
    operation_id: int | None = None
    handling: CaseHandling | None = None
    handled_on: date | None = None
    decision: Line | None = Field(None, max_length=100)
    fine_vnd: Decimal | None = Field(None, max_digits=15, decimal_places=0)
    persons: list[PersonIn] | None = None
    seizures: list[SeizureIn] | None = None

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "version": 1,
                    "handling": "sanctioned",
                    "handled_on": "2025-09-05",
                    "decision": "12/QĐ-XPHC",
                    "fine_vnd": "7500000",
                }
            ]
        },
    )


class CaseFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    start: date | None = None
    end: date | None = None
    unit_id: int | None = None
    category: CrimeCategory | None = None
    handling: CaseHandling | None = None
    operation_id: int | None = None


class SeizedOut(Schema):
    quantity: Decimal
    unit: SeizureUnit
    item: str


class CategoryRowOut(Schema):
    category: CrimeCategory | None
    cases: int
    persons: int
    wanted: int
    prosecuted: int
    sanctioned: int
    pending: int
    fines_vnd: Decimal = Field(alias="fines")
    seized: list[SeizedOut]

    @staticmethod
    def resolve_category(obj: selectors.CategoryRow) -> str | None:
        return obj.category or None

    @staticmethod
    def resolve_seized(obj: selectors.CategoryRow) -> list[dict[str, Any]]:
        return [{"quantity": q, "unit": u, "item": i} for q, u, i in obj.seized]


class OperationOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    unit_id: int
    unit: str = Field(alias="unit.name")
    kind: OperationKind
    name: str
    decision: str
    category: CrimeCategory | None
    started_on: date
    ended_on: date | None
    target: str
    result: str

    @staticmethod
    def resolve_category(obj: CrimeOperation) -> str | None:
        return obj.category or None


class OperationCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    unit_id: int
    kind: OperationKind
    name: Line = Field(max_length=200)
    started_on: date
    ended_on: date | None = None
    decision: Line = Field("", max_length=100)
    category: CrimeCategory | None = None
    target: Paragraph = Field("", max_length=8000)
    result: Paragraph = Field("", max_length=8000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": 1,
                    "kind": "peak",
                    "name": "Cao điểm tấn công, trấn áp tội phạm ma túy dịp Tết",
                    "started_on": "2025-01-01",
                    "ended_on": "2025-02-28",
                    "decision": "05/KH-BCH",
                    "category": "drugs",
                }
            ]
        },
    )


class OperationUpdate(In):
    version: int = Field(ge=1)
    kind: OperationKind | None = None
    name: Line | None = Field(None, max_length=200)
    started_on: date | None = None
    ended_on: date | None = None
    decision: Line | None = Field(None, max_length=100)
    category: CrimeCategory | None = None
    target: Paragraph | None = Field(None, max_length=8000)
    result: Paragraph | None = Field(None, max_length=8000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"version": 1, "ended_on": "2025-02-28", "result": "Phát hiện, bắt giữ 6 vụ"}
            ]
        },
    )


class OperationFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    kind: OperationKind | None = None
    status: str | None = Field(None, pattern="^(open|ended)$")
    start: date | None = None
    end: date | None = None


def _filtered(request: AuthedRequest, filters: CaseFilter) -> Any:
    return selectors.crime_case_list(
        actor=request.auth,
        q=filters.q,
        start=filters.start,
        end=filters.end,
        unit_id=filters.unit_id,
        category=filters.category or "",
        handling=filters.handling or "",
        operation_id=filters.operation_id,
    )


def _rows(payload: Any, name: str) -> list[dict[str, Any]] | None:
    rows = getattr(payload, name)
    return None if rows is None else [row.model_dump() for row in rows]


@router.get("/crime-cases", response=Page[CaseOut], **perm("operations.view"))
def list_cases(request: AuthedRequest, filters: Query[CaseFilter]) -> dict:
    return paginate(_filtered(request, filters), filters.page, filters.size)


@router.get("/crime-cases/table", response=list[CategoryRowOut], **perm("operations.view"))
def case_table(request: AuthedRequest, filters: Query[CaseFilter]) -> list:
    """Per category, then the total (category null): cases, persons, wanted persons, cases
    prosecuted, sanctioned and pending, fines in VND, and seizures summed by item and unit."""
    return selectors.crime_table(_filtered(request, filters))


@router.get("/crime-cases/{int:case_id}", response=CaseDetailOut, **perm("operations.view"))
def get_case(request: AuthedRequest, case_id: int) -> CrimeCase:
    return selectors.crime_case_get(actor=request.auth, case_id=case_id)


@router.post(
    "/crime-cases",
    response={201: CaseDetailOut, 200: CaseDetailOut},
    **perm("operations.record"),
)
def create_case(request: AuthedRequest, payload: CaseCreate) -> Status:
    return created(
        request,
        CrimeCase,
        lambda: services.crime_case_create(
            actor=request.auth,
            client_id=payload.id,
            persons=_rows(payload, "persons"),
            seizures=_rows(payload, "seizures"),
            **payload.model_dump(exclude={"id", "persons", "seizures"}),
        ),
    )


@router.patch(
    "/crime-cases/{int:case_id}",
    response={200: CaseDetailOut, 409: Conflict[CaseDetailOut]},
    **perm("operations.record"),
)
def update_case(request: AuthedRequest, case_id: int, payload: CaseUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True, exclude={"persons", "seizures"})
    version = changes.pop("version")
    return services.crime_case_update(
        actor=request.auth,
        case_id=case_id,
        version=version,
        persons=_rows(payload, "persons"),
        seizures=_rows(payload, "seizures"),
        **changes,
    )


@router.get("/crime-operations", response=Page[OperationOut], **perm("operations.view"))
def list_operations(request: AuthedRequest, filters: Query[OperationFilter]) -> dict:
    """Special operations and peak campaigns run in the caller's scope or above it."""
    operations = selectors.operation_list(
        actor=request.auth,
        q=filters.q,
        kind=filters.kind or "",
        status=filters.status or "",
        start=filters.start,
        end=filters.end,
    )
    return paginate(operations, filters.page, filters.size)


@router.get(
    "/crime-operations/{int:operation_id}", response=OperationOut, **perm("operations.view")
)
def get_operation(request: AuthedRequest, operation_id: int) -> CrimeOperation:
    return selectors.operation_get(actor=request.auth, operation_id=operation_id)


@router.post(
    "/crime-operations",
    response={201: OperationOut, 200: OperationOut},
    **perm("operations.record"),
)
def create_operation(request: AuthedRequest, payload: OperationCreate) -> Status:
    data = payload.model_dump(exclude={"id"})
    data["category"] = data["category"] or ""
    return created(
        request,
        CrimeOperation,
        lambda: services.crime_operation_create(actor=request.auth, client_id=payload.id, **data),
    )


@router.patch(
    "/crime-operations/{int:operation_id}",
    response={200: OperationOut, 409: Conflict[OperationOut]},
    **perm("operations.record"),
)
def update_operation(request: AuthedRequest, operation_id: int, payload: OperationUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    if "category" in changes:
        changes["category"] = changes["category"] or ""
    return services.crime_operation_update(
        actor=request.auth, operation_id=operation_id, version=version, **changes
    )
