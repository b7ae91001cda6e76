from ninja import Query, Router, Schema, Status
from pydantic import ConfigDict, Field

from biengioi.core.api import AuthedRequest, In, Line, Page, PageQuery, paginate, perm
from biengioi.core.idempotency import once

from . import selectors, services
from .models import OrgUnit, UnitKind

router = Router(tags=["units"])


class UnitOut(Schema):
    id: int
    code: str
    name: str
    kind: UnitKind
    parent_id: int | None
    path: str
    is_sample: bool


class UnitCreate(In):
    code: Line = Field(max_length=40)
    name: Line = Field(max_length=200)
    kind: UnitKind
    parent_id: int

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "code": "DBP-HUONG-LAP",
                    "name": "Đồn Biên phòng Hướng Lập",
                    "kind": "border_post",
                    "parent_id": 1,
                }
            ]
        },
    )


class UnitUpdate(In):
    code: Line | None = Field(None, max_length=40)
    name: Line | None = Field(None, max_length=200)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"name": "Đồn Biên phòng Cửa khẩu Quốc tế Lao Bảo"}]},
    )


class UnitFilter(PageQuery):
    q: str = ""
    kind: UnitKind | None = None


@router.get("/units", response=Page[UnitOut], **perm("unit.view"))
def list_units(request: AuthedRequest, filters: Query[UnitFilter]) -> dict:
    units = selectors.unit_list(actor=request.auth, q=filters.q, kind=filters.kind or "")
    return paginate(units, filters.page, filters.size)


@router.get("/units/{unit_id}", response=UnitOut, **perm("unit.view"))
def get_unit(request: AuthedRequest, unit_id: int) -> OrgUnit:
    return selectors.unit_get(actor=request.auth, unit_id=unit_id)


@router.post("/units", response={201: UnitOut, 200: UnitOut}, **perm("unit.manage"))
def create_unit(request: AuthedRequest, payload: UnitCreate) -> Status:
    unit, created = once(
        request,
        request.auth.pk,
        lambda: services.unit_create(actor=request.auth, **payload.model_dump()),
        OrgUnit,
    )
    return Status(201 if created else 200, unit)


@router.patch("/units/{unit_id}", response=UnitOut, **perm("unit.manage"))
def update_unit(request: AuthedRequest, unit_id: int, payload: UnitUpdate) -> OrgUnit:
    return services.unit_update(
        actor=request.auth, unit_id=unit_id, **payload.model_dump(exclude_unset=True)
    )
