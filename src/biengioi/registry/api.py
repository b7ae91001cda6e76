from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext
from ninja import File, Form, Query, Router, Schema, Status, UploadedFile
from pydantic import ConfigDict, Field

from biengioi.core.api import (
    AuthedRequest,
    In,
    Line,
    Page,
    PageQuery,
    Paragraph,
    paginate,
    perm,
)
from biengioi.core.errors import Rejected
from biengioi.core.idempotency import once
from biengioi.core.search import MAX_LENGTH

from . import imports, selectors, services
from .models import (
    AdminLevel,
    AdminUnit,
    BorderLine,
    BorderSection,
    CommitteeMember,
    CommitteeRole,
    CounterpartUnit,
    ForeignSubdivision,
    Gate,
    GateKind,
    GateState,
    Marker,
    MarkerKind,
    MarkerStatus,
    MarkerStatusKind,
    MarkerType,
    Multiplicity,
    ObjectStatus,
    OrgUnit,
    SectionCommune,
    Side,
    Sign,
    SignKind,
    UnitKind,
)

router = Router(tags=["units"])


class UnitOut(Schema):
    id: int
    code: str
    name: str
    kind: UnitKind
    parent_id: int | None
    path: str
    admin_unit_id: int | None
    valid_from: date | None
    valid_to: date | None
    is_sample: bool
    lon: float | None = Field(None, description="kinh độ trụ sở (WGS84); null: chưa có")
    lat: float | None = Field(None, description="vĩ độ trụ sở (WGS84)")
    predecessor_ids: list[int]
    successor_ids: list[int]

    @staticmethod
    def resolve_predecessor_ids(obj: OrgUnit) -> list[int]:
        return sorted(u.pk for u in obj.predecessors.all())

    @staticmethod
    def resolve_successor_ids(obj: OrgUnit) -> list[int]:
        return sorted(u.pk for u in obj.successors.all())


class UnitCreate(In):
    code: Line = Field(max_length=40)
    name: Line = Field(max_length=200)
    kind: UnitKind
    parent_id: int
    admin_unit_id: int | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    predecessor_ids: list[int] = Field(
        default_factory=list,
        description="Các đơn vị đã kết thúc mà đơn vị này kế tiếp (tiền thân).",
    )
    lon: float | None = Field(None, description="kinh độ trụ sở (đồn), cùng với lat")
    lat: float | None = Field(None, description="vĩ độ trụ sở (đồn), cùng với lon")

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "code": "DBP-HUONG-LAP",
                    "name": "Đồn Biên phòng Hướng Lập",
                    "kind": "border_post",
                    "parent_id": 1,
                    "valid_from": "2025-07-01",
                    "lon": 106.7205,
                    "lat": 16.6341,
                }
            ]
        },
    )


class UnitUpdate(In):
    """Fields left out are left alone; null clears a date or the administrative unit."""

    code: Line | None = Field(None, max_length=40)
    name: Line | None = Field(None, max_length=200)
    admin_unit_id: int | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    predecessor_ids: list[int] | None = Field(
        None, description="Thay toàn bộ danh sách đơn vị tiền thân ([] để bỏ hết)."
    )
    lon: float | None = Field(None, description="kinh độ trụ sở; null cùng lat để bỏ vị trí")
    lat: float | None = Field(None, description="vĩ độ trụ sở")

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"name": "Ban Chỉ đạo công tác biên giới huyện Hướng Hóa", "valid_to": "2025-06-30"}
            ]
        },
    )


class UnitFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    kind: UnitKind | None = None
    on: date | None = None


@router.get("/units", response=Page[UnitOut], **perm("unit.view"))
def list_units(request: AuthedRequest, filters: Query[UnitFilter]) -> dict:
    units = selectors.unit_list(
        actor=request.auth, q=filters.q, kind=filters.kind or "", on=filters.on
    )
    return paginate(
        units.prefetch_related("predecessors", "successors"), filters.page, filters.size
    )


@router.get("/units/{int:unit_id}", response=UnitOut, **perm("unit.view"))
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


@router.patch("/units/{int:unit_id}", response=UnitOut, **perm("unit.manage"))
def update_unit(request: AuthedRequest, unit_id: int, payload: UnitUpdate) -> OrgUnit:
    return services.unit_update(
        actor=request.auth, unit_id=unit_id, **payload.model_dump(exclude_unset=True)
    )


# --- the border registry ------------------------------------------------------------------


class CountryOut(Schema):
    code: str
    name: str


class BorderLineOut(Schema):
    id: int
    name: str
    country: CountryOut


class SectionOut(Schema):
    id: int
    line_id: int
    code: str
    name: str
    post_id: int
    post_name: str = Field(alias="post.name")
    length_km: float
    geometry: dict[str, Any]


class SectionCreate(In):
    line_id: int
    code: Line = Field(max_length=40)
    name: Line = Field(max_length=200)
    post_id: int
    geometry: dict[str, Any]

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "line_id": 1,
                    "code": "D1",
                    "name": "Đoạn mốc 600 – 610",
                    "post_id": 1,
                    "geometry": {
                        "type": "LineString",
                        "coordinates": [[106.55, 16.62], [106.6, 16.65]],
                    },
                }
            ]
        },
    )


class SectionUpdate(In):
    name: Line | None = Field(None, max_length=200)
    post_id: int | None = None
    geometry: dict[str, Any] | None = None

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"name": "Đoạn mốc 600 – 612"}]}
    )


class MarkerOut(Schema):
    id: int
    line_id: int
    country: str = Field(alias="line.country.code")
    identifier: str
    kind: MarkerKind
    multiplicity: Multiplicity
    marker_type: MarkerType
    material: str
    lon: float
    lat: float
    elevation_m: float | None
    year_planted: int | None
    section_id: int | None
    post_id: int
    post_name: str = Field(alias="post.name")
    commune_id: int | None
    commune_name: str | None = Field(None, alias="commune.name")
    distance_to_line_m: float | None
    current_status: MarkerStatusKind | None = None
    note: str


class MarkerFields(In):
    kind: MarkerKind | None = None
    multiplicity: Multiplicity | None = None
    marker_type: MarkerType | None = None
    material: Line | None = Field(None, max_length=60)
    lon: float | None = None
    lat: float | None = None
    elevation_m: float | None = None
    year_planted: int | None = None
    section_id: int | None = None
    post_id: int | None = None
    commune_id: int | None = None
    note: Paragraph | None = Field(None, max_length=4000)


class MarkerCreate(MarkerFields):
    line_id: int
    identifier: Line = Field(max_length=20)
    kind: MarkerKind
    lon: float
    lat: float
    post_id: int
    status: MarkerStatusKind | None = None
    status_on: date | None = None
    status_source: Line = Field("", max_length=200)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "line_id": 1,
                    "identifier": "605(1)",
                    "kind": "main",
                    "multiplicity": "double",
                    "marker_type": "A",
                    "lon": 106.58,
                    "lat": 16.63,
                    "post_id": 1,
                    "status": "intact",
                    "status_on": "2025-06-30",
                    "status_source": "tuần tra song phương",
                }
            ]
        },
    )


class MarkerUpdate(MarkerFields):
    identifier: Line | None = Field(None, max_length=20)

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"note": "Đã phát quang quanh mốc."}]}
    )


class MarkerFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    line_id: int | None = None
    kind: MarkerKind | None = None
    status: str = ""
    post_id: int | None = None
    section_id: int | None = None


class MarkerStatusOut(Schema):
    id: int
    status: MarkerStatusKind
    on: date
    source: str
    note: str
    recorded_by: str | None = Field(None, alias="recorded_by.username")
    created_at: datetime
    origin: str = Field(
        "",
        description="Hồ sơ nghiệp vụ đã ghi nhận tình trạng này: operations.patrol (GET "
        "/patrols/{origin_id}), operations.markerrepair (GET /marker-repairs/{origin_id}); "
        "trống nếu ghi nhận trực tiếp trong danh mục hoặc người đọc không được xem hồ sơ đó.",
    )
    origin_id: int | None = None
    withheld: bool = Field(
        False,
        description="Ghi nhận từ hồ sơ nghiệp vụ (tuần tra, sửa chữa mốc) mà người đọc không "
        "được xem: chỉ còn tình trạng và ngày; nguồn, ghi chú, người ghi và hồ sơ để trống.",
    )


class MarkerStatusIn(In):
    status: MarkerStatusKind
    on: date
    source: Line = Field("", max_length=200)
    note: Paragraph = Field("", max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "status": "damaged",
                    "on": "2025-06-30",
                    "source": "tuần tra đơn phương",
                    "note": "Nứt chân đế",
                }
            ]
        },
    )


@router.get("/border-lines", response=list[BorderLineOut], **perm("registry.view"))
def list_border_lines(request: AuthedRequest) -> list[BorderLine]:
    return list(selectors.line_list(actor=request.auth))


class SectionFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    line_id: int | None = None
    post_id: int | None = None


@router.get("/sections", response=Page[SectionOut], **perm("registry.view"))
def list_sections(request: AuthedRequest, filters: Query[SectionFilter]) -> dict:
    sections = selectors.section_list(
        actor=request.auth, q=filters.q, line_id=filters.line_id, post_id=filters.post_id
    )
    return paginate(sections, filters.page, filters.size)


@router.get("/sections/{int:section_id}", response=SectionOut, **perm("registry.view"))
def get_section(request: AuthedRequest, section_id: int) -> BorderSection:
    return selectors.section_get(actor=request.auth, section_id=section_id)


@router.post("/sections", response={201: SectionOut, 200: SectionOut}, **perm("registry.manage"))
def create_section(request: AuthedRequest, payload: SectionCreate) -> Status:
    section, created = once(
        request,
        request.auth.pk,
        lambda: services.section_create(actor=request.auth, **payload.model_dump()),
        BorderSection,
    )
    return Status(201 if created else 200, section)


@router.patch("/sections/{int:section_id}", response=SectionOut, **perm("registry.manage"))
def update_section(
    request: AuthedRequest, section_id: int, payload: SectionUpdate
) -> BorderSection:
    return services.section_update(
        actor=request.auth, section_id=section_id, **payload.model_dump(exclude_unset=True)
    )


@router.get("/markers", response=Page[MarkerOut], **perm("registry.view"))
def list_markers(request: AuthedRequest, filters: Query[MarkerFilter]) -> dict:
    markers = selectors.marker_list(
        actor=request.auth, **filters.model_dump(exclude={"page", "size"})
    )
    return paginate(markers, filters.page, filters.size)


class MarkerSuggestFilter(In):
    q: Line = Field("", max_length=40, description="Số hiệu mốc hoặc phần đầu: “24”, “mốc 24”.")
    near: str = Field(
        "", max_length=60, description="Vị trí đã biết, “kinh độ,vĩ độ”: mốc gần nhất trước."
    )
    line_id: int | None = None
    own: bool = Field(
        False, description="Chỉ mốc thuộc địa bàn đơn vị mình (mốc đơn vị được ghi kiểm tra)."
    )
    limit: int = Field(10, ge=1, le=selectors.SUGGEST_MAX)


class MarkerSuggestion(Schema):
    id: int
    identifier: str
    line_id: int
    status: MarkerStatusKind | None = Field(None, alias="current_status")
    status_label: str | None = None
    post_id: int
    post_name: str = Field(alias="post.name")
    own_post: bool = Field(alias="own")
    lon: float
    lat: float
    distance_m: float | None

    @staticmethod
    def resolve_status_label(obj: Marker) -> str | None:
        status = getattr(obj, "current_status", None)
        return str(MarkerStatusKind(status).label) if status else None


@router.get("/markers/suggest", response=list[MarkerSuggestion], **perm("registry.view"))
def suggest_markers(request: AuthedRequest, filters: Query[MarkerSuggestFilter]) -> list[Marker]:
    """Markers for a form's marker field as the user types: the user's own post area first,
    the nearest to `near` first when a place is known, else in natural order."""
    return selectors.marker_suggest(
        actor=request.auth,
        q=filters.q,
        near=selectors.parse_near(filters.near),
        line_id=filters.line_id,
        own_only=filters.own,
        limit=filters.limit,
    )


class MarkerResolveIn(In):
    line_id: int
    identifier: Line = Field(max_length=40, description="Số hiệu như người dùng gõ: “240(1)”.")

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"line_id": 1, "identifier": "600"}]}
    )


@router.post("/markers/resolve", response=MarkerOut, **perm("registry.view"))
def resolve_marker(request: AuthedRequest, payload: MarkerResolveIn) -> Marker:
    """The one marker a typed identifier names on a border, as the forms read it; 422 when it
    names none or several (a double or triple marker typed without its member: the error lists
    them). A read: nothing is written."""
    marker = selectors.marker_by_identifier(
        actor=request.auth,
        line_id=payload.line_id,
        identifier=payload.identifier,
        field="identifier",
    )
    return selectors.marker_get(actor=request.auth, marker_id=marker.pk)


@router.get("/markers/{int:marker_id}", response=MarkerOut, **perm("registry.view"))
def get_marker(request: AuthedRequest, marker_id: int) -> Marker:
    return selectors.marker_get(actor=request.auth, marker_id=marker_id)


@router.post("/markers", response={201: MarkerOut, 200: MarkerOut}, **perm("registry.manage"))
def create_marker(request: AuthedRequest, payload: MarkerCreate) -> Status:
    marker, created = once(
        request,
        request.auth.pk,
        lambda: services.marker_create(actor=request.auth, **payload.model_dump(exclude_none=True)),
        Marker,
    )
    return Status(
        201 if created else 200, selectors.marker_get(actor=request.auth, marker_id=marker.pk)
    )


@router.patch("/markers/{int:marker_id}", response=MarkerOut, **perm("registry.manage"))
def update_marker(request: AuthedRequest, marker_id: int, payload: MarkerUpdate) -> Marker:
    services.marker_update(
        actor=request.auth, marker_id=marker_id, **payload.model_dump(exclude_unset=True)
    )
    return selectors.marker_get(actor=request.auth, marker_id=marker_id)


@router.get(
    "/markers/{int:marker_id}/statuses", response=list[MarkerStatusOut], **perm("registry.view")
)
def list_marker_statuses(request: AuthedRequest, marker_id: int) -> list[MarkerStatus]:
    marker = selectors.marker_get(actor=request.auth, marker_id=marker_id)
    return list(selectors.history(actor=request.auth, owner=marker))


@router.post(
    "/markers/{int:marker_id}/statuses",
    response={201: MarkerStatusOut},
    **perm("registry.status_record"),
)
def record_marker_status(request: AuthedRequest, marker_id: int, payload: MarkerStatusIn) -> Status:
    entry = services.marker_status_record(
        actor=request.auth, marker_id=marker_id, **payload.model_dump()
    )
    return Status(201, entry)


class ImportOut(Schema):
    created: int


@router.post("/markers/import", response={200: ImportOut}, **perm("registry.manage"))
def import_markers(request: AuthedRequest, line_id: Form[int], file: File[UploadedFile]) -> Any:
    """Import markers from CSV, XLSX or GeoJSON; all or nothing (422 lists every bad row)."""
    try:
        result = imports.marker_import(
            actor=request.auth, line_id=line_id, filename=file.name or "", content=file.read()
        )
    except imports.FileRejected as exc:
        raise Rejected(exc.message, [{"field": "file", "message": exc.message}]) from exc
    if not result.ok:
        rows = len({e.row for e in result.errors})
        raise Rejected(
            gettext("Không nhập mốc nào: có {n} dòng lỗi.").format(n=rows),
            [{"row": e.row, "field": e.field, "message": e.message} for e in result.errors],
        )
    return {"created": result.created}


# --- signs and gates ------------------------------------------------------------------------


class SignStatusIn(In):
    status: ObjectStatus
    on: date
    source: Line = Field("", max_length=200)
    note: Paragraph = Field("", max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"status": "damaged", "on": "2025-06-30", "source": "tuần tra", "note": "mờ chữ"}
            ]
        },
    )


class GateStatusIn(In):
    status: GateState
    on: date
    source: Line = Field("", max_length=200)
    note: Paragraph = Field("", max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "status": "suspended",
                    "on": "2025-06-30",
                    "source": "Thông báo số 12/TB-UBND",
                    "note": "tạm dừng do mưa lũ",
                }
            ]
        },
    )


class StatusOut(Schema):
    id: int
    status: str
    on: date
    source: str
    note: str
    recorded_by: str | None = Field(None, alias="recorded_by.username")
    created_at: datetime


class SignOut(Schema):
    id: int
    line_id: int
    code: str
    kind: SignKind
    lon: float
    lat: float
    post_id: int
    post_name: str = Field(alias="post.name")
    year_installed: int | None
    current_status: ObjectStatus | None = None
    note: str


class SignFields(In):
    code: Line | None = Field(None, max_length=40)
    kind: SignKind | None = None
    lon: float | None = None
    lat: float | None = None
    post_id: int | None = None
    year_installed: int | None = Field(None, ge=1950, le=2100)
    note: Paragraph | None = Field(None, max_length=4000)

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"note": "Biển bị mờ chữ, cần sơn lại."}]}
    )


class SignCreate(SignFields):
    line_id: int
    code: Line = Field(max_length=40)
    kind: SignKind
    lon: float
    lat: float
    post_id: int
    status: ObjectStatus | None = None

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "line_id": 1,
                    "code": "VĐ-12",
                    "kind": "border_belt",
                    "lon": 106.6,
                    "lat": 16.6,
                    "post_id": 1,
                    "status": "intact",
                }
            ]
        },
    )


class GateOut(Schema):
    id: int
    line_id: int
    name: str
    side: Side
    kind: GateKind
    paired_with_id: int | None
    paired_with_name: str | None = Field(None, alias="paired_with.name")
    opening_hours: str
    lon: float
    lat: float
    post_id: int
    post_name: str = Field(alias="post.name")
    current_status: GateState | None = None
    note: str


class GateFields(In):
    name: Line | None = Field(None, max_length=200)
    side: Side | None = None
    kind: GateKind | None = None
    paired_with_id: int | None = None
    opening_hours: Line | None = Field(None, max_length=200)
    lon: float | None = None
    lat: float | None = None
    post_id: int | None = None
    note: Paragraph | None = Field(None, max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"opening_hours": "07:00 – 19:00 hằng ngày"}]},
    )


class GateCreate(GateFields):
    line_id: int
    name: Line = Field(max_length=200)
    side: Side
    kind: GateKind
    lon: float
    lat: float
    post_id: int
    status: GateState | None = None

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "line_id": 1,
                    "name": "Cửa khẩu Quốc tế Phù Lang",
                    "side": "vn",
                    "kind": "international",
                    "lon": 106.6,
                    "lat": 16.6,
                    "post_id": 1,
                    "opening_hours": "07:00 – 19:00",
                    "status": "open",
                }
            ]
        },
    )


class SignFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    kind: SignKind | None = None


@router.get("/signs", response=Page[SignOut], **perm("registry.view"))
def list_signs(request: AuthedRequest, filters: Query[SignFilter]) -> dict:
    signs = selectors.sign_list(actor=request.auth, kind=filters.kind or "", q=filters.q)
    return paginate(signs, filters.page, filters.size)


@router.get("/signs/{int:sign_id}", response=SignOut, **perm("registry.view"))
def get_sign(request: AuthedRequest, sign_id: int) -> Sign:
    return selectors.sign_get(actor=request.auth, sign_id=sign_id)


@router.post("/signs", response={201: SignOut, 200: SignOut}, **perm("registry.manage"))
def create_sign(request: AuthedRequest, payload: SignCreate) -> Status:
    sign, created = once(
        request,
        request.auth.pk,
        lambda: services.sign_create(actor=request.auth, **payload.model_dump(exclude_none=True)),
        Sign,
    )
    return Status(201 if created else 200, selectors.sign_get(actor=request.auth, sign_id=sign.pk))


@router.patch("/signs/{int:sign_id}", response=SignOut, **perm("registry.manage"))
def update_sign(request: AuthedRequest, sign_id: int, payload: SignFields) -> Sign:
    services.sign_update(
        actor=request.auth, sign_id=sign_id, **payload.model_dump(exclude_unset=True)
    )
    return selectors.sign_get(actor=request.auth, sign_id=sign_id)


@router.post(
    "/signs/{int:sign_id}/statuses", response={201: StatusOut}, **perm("registry.status_record")
)
def record_sign_status(request: AuthedRequest, sign_id: int, payload: SignStatusIn) -> Status:
    return Status(
        201,
        services.sign_status_record(actor=request.auth, sign_id=sign_id, **payload.model_dump()),
    )


class GateFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    kind: GateKind | None = None
    side: Side | None = None


@router.get("/gates", response=Page[GateOut], **perm("registry.view"))
def list_gates(request: AuthedRequest, filters: Query[GateFilter]) -> dict:
    gates = selectors.gate_list(
        actor=request.auth, kind=filters.kind or "", side=filters.side or "", q=filters.q
    )
    return paginate(gates, filters.page, filters.size)


@router.get("/gates/{int:gate_id}", response=GateOut, **perm("registry.view"))
def get_gate(request: AuthedRequest, gate_id: int) -> Gate:
    return selectors.gate_get(actor=request.auth, gate_id=gate_id)


@router.post("/gates", response={201: GateOut, 200: GateOut}, **perm("registry.manage"))
def create_gate(request: AuthedRequest, payload: GateCreate) -> Status:
    gate, created = once(
        request,
        request.auth.pk,
        lambda: services.gate_create(actor=request.auth, **payload.model_dump(exclude_none=True)),
        Gate,
    )
    return Status(201 if created else 200, selectors.gate_get(actor=request.auth, gate_id=gate.pk))


@router.patch("/gates/{int:gate_id}", response=GateOut, **perm("registry.manage"))
def update_gate(request: AuthedRequest, gate_id: int, payload: GateFields) -> Gate:
    services.gate_update(
        actor=request.auth, gate_id=gate_id, **payload.model_dump(exclude_unset=True)
    )
    return selectors.gate_get(actor=request.auth, gate_id=gate_id)


@router.post(
    "/gates/{int:gate_id}/statuses", response={201: StatusOut}, **perm("registry.status_record")
)
def record_gate_status(request: AuthedRequest, gate_id: int, payload: GateStatusIn) -> Status:
    return Status(
        201,
        services.gate_status_record(actor=request.auth, gate_id=gate_id, **payload.model_dump()),
    )


# --- administrative units -------------------------------------------------------------------


class AdminUnitOut(Schema):
    id: int
    code: str
    name: str
    level: AdminLevel
    division_type: str
    parent_id: int | None
    valid_from: date | None
    valid_to: date | None
    is_border_area: bool
    population: int | None
    predecessor_ids: list[int]
    successor_ids: list[int]

    @staticmethod
    def resolve_predecessor_ids(obj: AdminUnit) -> list[int]:
        return sorted(u.pk for u in obj.predecessors.all())

    @staticmethod
    def resolve_successor_ids(obj: AdminUnit) -> list[int]:
        return sorted(u.pk for u in obj.successors.all())


class AdminUnitFields(In):
    code: Line | None = Field(None, max_length=20)
    name: Line | None = Field(None, max_length=200)
    level: AdminLevel | None = None
    division_type: Line | None = Field(None, max_length=40)
    parent_id: int | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    is_border_area: bool | None = None
    population: int | None = Field(None, ge=0, le=100_000_000)
    predecessor_ids: list[int] | None = None

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"is_border_area": True}]}
    )


class AdminUnitCreate(AdminUnitFields):
    code: Line = Field(max_length=20)
    name: Line = Field(max_length=200)
    level: AdminLevel

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "code": "H-123",
                    "name": "Huyện Hướng Hóa",
                    "level": "district",
                    "valid_to": "2025-06-30",
                }
            ]
        },
    )


class AdminUnitFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    level: AdminLevel | None = None
    parent_id: int | None = None
    on: date | None = None


@router.get("/admin-units", response=Page[AdminUnitOut], **perm("registry.view"))
def list_admin_units(request: AuthedRequest, filters: Query[AdminUnitFilter]) -> dict:
    units = selectors.admin_unit_list(
        actor=request.auth,
        q=filters.q,
        level=filters.level or "",
        parent_id=filters.parent_id,
        on=filters.on,
    )
    return paginate(
        units.prefetch_related("predecessors", "successors"), filters.page, filters.size
    )


@router.get("/admin-units/{int:admin_unit_id}", response=AdminUnitOut, **perm("registry.view"))
def get_admin_unit(request: AuthedRequest, admin_unit_id: int) -> AdminUnit:
    return selectors.admin_unit_get(actor=request.auth, admin_unit_id=admin_unit_id)


@router.post(
    "/admin-units", response={201: AdminUnitOut, 200: AdminUnitOut}, **perm("admin_unit.manage")
)
def create_admin_unit(request: AuthedRequest, payload: AdminUnitCreate) -> Status:
    unit, created = once(
        request,
        request.auth.pk,
        lambda: services.admin_unit_create(
            actor=request.auth, **payload.model_dump(exclude_none=True)
        ),
        AdminUnit,
    )
    return Status(201 if created else 200, unit)


@router.patch(
    "/admin-units/{int:admin_unit_id}", response=AdminUnitOut, **perm("admin_unit.manage")
)
def update_admin_unit(
    request: AuthedRequest, admin_unit_id: int, payload: AdminUnitFields
) -> AdminUnit:
    return services.admin_unit_update(
        actor=request.auth, admin_unit_id=admin_unit_id, **payload.model_dump(exclude_unset=True)
    )


# --- organisations ----------------------------------------------------------------------------


class MemberOut(Schema):
    id: int
    committee_id: int
    committee_name: str = Field(alias="committee.name")
    role: CommitteeRole
    person: str
    position: str
    agency_id: int | None
    agency_name: str | None = Field(None, alias="agency.name")
    term_from: date
    term_to: date | None


class MemberCreate(In):
    committee_id: int
    role: CommitteeRole
    term_from: date
    person: Line = Field("", max_length=150)
    position: Line = Field("", max_length=200)
    agency_id: int | None = None
    term_to: date | None = None

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "committee_id": 1,
                    "role": "member",
                    "person": "Nguyễn Văn Bình",
                    "position": "Giám đốc Sở Ngoại vụ",
                    "term_from": "2025-07-01",
                }
            ]
        },
    )


class MemberUpdate(In):
    """Fields left out are left alone; `term_to: null` reopens the term."""

    role: CommitteeRole | None = None
    person: Line | None = Field(None, max_length=150)
    position: Line | None = Field(None, max_length=200)
    agency_id: int | None = None
    term_from: date | None = None
    term_to: date | None = None

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"term_to": "2026-06-30"}]}
    )


class MemberFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    committee_id: int | None = None
    on: date | None = None


class CounterpartOut(Schema):
    id: int
    name: str
    kind: str
    country_code: str = Field(alias="country.code")
    subdivision: str | None = Field(None, alias="subdivision.name")
    facing_post_ids: list[int]
    note: str

    @staticmethod
    def resolve_facing_post_ids(obj: CounterpartUnit) -> list[int]:
        return sorted(p.pk for p in obj.facing_posts.all())


class CounterpartFields(In):
    name: Line | None = Field(None, max_length=200)
    kind: Line | None = Field(None, max_length=100)
    country_code: Line | None = Field(None, max_length=2)
    subdivision: Line | None = Field(None, max_length=200)
    facing_post_ids: list[int] | None = None
    note: Paragraph | None = Field(None, max_length=4000)

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"note": "Giao ban định kỳ hằng quý."}]}
    )


class CounterpartCreate(CounterpartFields):
    name: Line = Field(max_length=200)
    country_code: Line = Field(max_length=2)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Đại đội Biên phòng 963",
                    "kind": "Đại đội Biên phòng",
                    "country_code": "LA",
                    "subdivision": "Savannakhet",
                    "facing_post_ids": [1],
                }
            ]
        },
    )


class SectionCommuneIn(In):
    commune_id: int
    belt_width_m: int

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"commune_id": 1, "belt_width_m": 500}]}
    )


class SectionCommuneOut(Schema):
    section_id: int
    commune_id: int
    commune_name: str = Field(alias="commune.name")
    belt_width_m: int


@router.get("/committee-members", response=Page[MemberOut], **perm("registry.view"))
def list_committee_members(request: AuthedRequest, filters: Query[MemberFilter]) -> dict:
    members = selectors.committee_members(
        actor=request.auth, q=filters.q, committee_id=filters.committee_id, on=filters.on
    )
    return paginate(members, filters.page, filters.size)


@router.post(
    "/committee-members", response={201: MemberOut, 200: MemberOut}, **perm("committee.manage")
)
def add_committee_member(request: AuthedRequest, payload: MemberCreate) -> Status:
    member, created = once(
        request,
        request.auth.pk,
        lambda: services.committee_member_add(actor=request.auth, **payload.model_dump()),
        CommitteeMember,
    )
    return Status(201 if created else 200, member)


@router.patch("/committee-members/{int:member_id}", response=MemberOut, **perm("committee.manage"))
def update_committee_member(
    request: AuthedRequest, member_id: int, payload: MemberUpdate
) -> CommitteeMember:
    return services.committee_member_update(
        actor=request.auth, member_id=member_id, **payload.model_dump(exclude_unset=True)
    )


class CounterpartFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    country: str = ""
    post_id: int | None = None


@router.get("/counterparts", response=Page[CounterpartOut], **perm("registry.view"))
def list_counterparts(request: AuthedRequest, filters: Query[CounterpartFilter]) -> dict:
    units = selectors.counterpart_list(
        actor=request.auth, q=filters.q, country=filters.country, post_id=filters.post_id
    )
    return paginate(units, filters.page, filters.size)


@router.get("/counterparts/{int:counterpart_id}", response=CounterpartOut, **perm("registry.view"))
def get_counterpart(request: AuthedRequest, counterpart_id: int) -> CounterpartUnit:
    return selectors.counterpart_get(actor=request.auth, counterpart_id=counterpart_id)


@router.post(
    "/counterparts", response={201: CounterpartOut, 200: CounterpartOut}, **perm("registry.manage")
)
def create_counterpart(request: AuthedRequest, payload: CounterpartCreate) -> Status:
    unit, created = once(
        request,
        request.auth.pk,
        lambda: services.counterpart_create(
            actor=request.auth, **payload.model_dump(exclude_none=True)
        ),
        CounterpartUnit,
    )
    return Status(201 if created else 200, unit)


@router.patch(
    "/counterparts/{int:counterpart_id}", response=CounterpartOut, **perm("registry.manage")
)
def update_counterpart(
    request: AuthedRequest, counterpart_id: int, payload: CounterpartFields
) -> CounterpartUnit:
    services.counterpart_update(
        actor=request.auth, counterpart_id=counterpart_id, **payload.model_dump(exclude_unset=True)
    )
    return selectors.counterpart_get(actor=request.auth, counterpart_id=counterpart_id)


@router.post(
    "/sections/{int:section_id}/communes", response=SectionCommuneOut, **perm("registry.manage")
)
def set_section_commune(
    request: AuthedRequest, section_id: int, payload: SectionCommuneIn
) -> SectionCommune:
    return services.section_commune_set(
        actor=request.auth, section_id=section_id, **payload.model_dump()
    )


class SubdivisionOut(Schema):
    id: int
    name: str
    kind: str


class CountryWithSubdivisionsOut(Schema):
    code: str
    name: str
    name_en: str
    subdivisions: list[SubdivisionOut]

    @staticmethod
    def resolve_subdivisions(obj: Any) -> list[Any]:
        return list(obj.subdivisions.all())


class SubdivisionIn(In):
    country_code: Line = Field(max_length=2)
    name: Line = Field(max_length=200)
    kind: Line = Field("", max_length=60)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"country_code": "LA", "name": "Khammouane", "kind": "tỉnh"}]
        },
    )


@router.get("/countries", response=list[CountryWithSubdivisionsOut], **perm("registry.view"))
def list_countries(request: AuthedRequest) -> list[Any]:
    return list(selectors.country_list(actor=request.auth))


class SubdivisionUpdate(In):
    name: Line | None = Field(None, max_length=200)
    kind: Line | None = Field(None, max_length=60)

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"name": "Khammouane", "kind": "tỉnh"}]}
    )


@router.post(
    "/subdivisions", response={201: SubdivisionOut, 200: SubdivisionOut}, **perm("registry.manage")
)
def create_subdivision(request: AuthedRequest, payload: SubdivisionIn) -> Status:
    unit, created = once(
        request,
        request.auth.pk,
        lambda: services.subdivision_create(actor=request.auth, **payload.model_dump()),
        ForeignSubdivision,
    )
    return Status(201 if created else 200, unit)


@router.patch(
    "/subdivisions/{int:subdivision_id}", response=SubdivisionOut, **perm("registry.manage")
)
def update_subdivision(
    request: AuthedRequest, subdivision_id: int, payload: SubdivisionUpdate
) -> ForeignSubdivision:
    return services.subdivision_update(
        actor=request.auth, subdivision_id=subdivision_id, **payload.model_dump(exclude_none=True)
    )
