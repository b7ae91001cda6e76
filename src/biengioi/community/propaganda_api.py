"""Propaganda and legal education in the API: sessions (list, totals, record, correct, import a
spreadsheet whole or not at all, its template) and the province's topics.

Creates and imports take a client-made `id` (UUID) or an Idempotency-Key header; edits carry the
`version` they were made on, and a stale one answers 409 with the record as it stands.
"""

from datetime import date
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
    Line,
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

from . import propaganda_selectors as selectors
from . import services
from .models import PropagandaForm, PropagandaImport, PropagandaSession

router = Router(tags=["propaganda"])
CLIENT_ID = "Mã do máy khách tạo; gửi lại không tạo bản sao."
LISTENERS = Field(0, ge=0, le=100_000)
MATERIALS = Field(0, ge=0, le=1_000_000)


class SessionOut(Schema):
    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    unit_id: int
    unit: str = Field(alias="unit.name")
    on: date
    commune_id: int
    commune: str = Field(alias="commune.name")
    village: str
    form: PropagandaForm
    topic_ids: list[int]
    listeners: int
    leaflets: int
    calendars: int
    handbooks: int
    other_materials: str
    language: str
    note: str
    import_id: int | None = Field(alias="source_id")

    @staticmethod
    def resolve_topic_ids(obj: PropagandaSession) -> list[int]:
        return sorted(t.pk for t in obj.topics.all())


class SessionCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    unit_id: int
    on: date
    commune_id: int
    village: Line = Field("", max_length=200)
    form: PropagandaForm
    topic_ids: list[int] = Field(min_length=1, max_length=30)
    listeners: int = LISTENERS
    leaflets: int = MATERIALS
    calendars: int = MATERIALS
    handbooks: int = MATERIALS
    other_materials: Line = Field("", max_length=300)
    language: Line = Field("Tiếng Việt", max_length=100)
    note: Paragraph = Field("", max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": 1,
                    "on": "2025-09-01",
                    "commune_id": 1,
                    "village": "Bản Ka Tăng",
                    "form": "meeting",
                    "topic_ids": [1],
                    "listeners": 85,
                    "leaflets": 120,
                    "language": "Tiếng Vân Kiều",
                }
            ]
        },
    )


class SessionUpdate(In):
    """Fields left out are left alone; topic_ids, when sent, replace the list."""

    version: int = Field(ge=1)
    on: date | None = None
    commune_id: int | None = None
    village: Line | None = Field(None, max_length=200)
    form: PropagandaForm | None = None
    topic_ids: list[int] | None = Field(None, min_length=1, max_length=30)
    listeners: int | None = Field(None, ge=0, le=100_000)
    leaflets: int | None = Field(None, ge=0, le=1_000_000)
    calendars: int | None = Field(None, ge=0, le=1_000_000)
    handbooks: int | None = Field(None, ge=0, le=1_000_000)
    other_materials: Line | None = Field(None, max_length=300)
    language: Line | None = Field(None, max_length=100)
    note: Paragraph | None = Field(None, max_length=4000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"version": 1, "listeners": 92, "calendars": 50}]},
    )


class SessionFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    start: date | None = None
    end: date | None = None
    unit_id: int | None = None
    commune_id: int | None = None
    form: PropagandaForm | None = None
    topic_id: int | None = None


class PropagandaTotals(Schema):
    sessions: int
    listeners: int
    leaflets: int
    calendars: int
    handbooks: int
    materials: int = Field(description="Tờ rơi, lịch và sổ tay cộng lại.")


class PropagandaImportOut(Schema):
    import_id: int
    created: int
    ids: list[int]


class TopicOut(Schema):
    id: int
    version: int
    name: str
    active: bool


class TopicCreate(In):
    name: Line = Field(max_length=200)
    active: bool = True

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"name": "Luật Biên giới quốc gia"}]},
    )


class TopicUpdate(In):
    version: int = Field(ge=1)
    name: Line | None = Field(None, max_length=200)
    active: bool | None = None

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"version": 1, "active": False}]}
    )


def _filtered(request: AuthedRequest, filters: SessionFilter) -> Any:
    return selectors.propaganda_session_list(
        actor=request.auth,
        q=filters.q,
        start=filters.start,
        end=filters.end,
        unit_id=filters.unit_id,
        commune_id=filters.commune_id,
        form=filters.form or "",
        topic_id=filters.topic_id,
    )


@router.get("/propaganda-sessions", response=Page[SessionOut], **perm("community.view"))
def list_sessions(request: AuthedRequest, filters: Query[SessionFilter]) -> dict:
    return paginate(
        _filtered(request, filters).prefetch_related("topics"), filters.page, filters.size
    )


@router.get("/propaganda-sessions/totals", response=PropagandaTotals, **perm("community.view"))
def session_totals(request: AuthedRequest, filters: Query[SessionFilter]) -> dict:
    """Sessions, listeners and the materials handed out, over the filters."""
    return selectors.propaganda_totals(_filtered(request, filters))


@router.get("/propaganda-sessions/template.xlsx", **perm("community.view"))
def session_template(request: AuthedRequest) -> HttpResponse:
    """The spreadsheet to fill in for an import: the header and one example row."""
    response = HttpResponse(
        services.propaganda_template(actor=request.auth), content_type=CONTENT_TYPES["xlsx"]
    )
    response["Content-Disposition"] = 'attachment; filename="mau-buoi-tuyen-truyen.xlsx"'
    return response


@router.get("/propaganda-sessions/{int:session_id}", response=SessionOut, **perm("community.view"))
def get_session(request: AuthedRequest, session_id: int) -> PropagandaSession:
    return selectors.propaganda_session_get(actor=request.auth, session_id=session_id)


@router.post(
    "/propaganda-sessions",
    response={201: SessionOut, 200: SessionOut},
    **perm("community.record"),
)
def create_session(request: AuthedRequest, payload: SessionCreate) -> Status:
    return created(
        request,
        PropagandaSession,
        lambda: services.propaganda_session_create(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )


@router.patch(
    "/propaganda-sessions/{int:session_id}",
    response={200: SessionOut, 409: Conflict[SessionOut]},
    **perm("community.record"),
)
def update_session(request: AuthedRequest, session_id: int, payload: SessionUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    return services.propaganda_session_update(
        actor=request.auth, session_id=session_id, version=version, **changes
    )


@router.post(
    "/propaganda-sessions/import",
    response={201: PropagandaImportOut, 200: PropagandaImportOut},
    **perm("community.record"),
)
def import_sessions(
    request: AuthedRequest,
    unit_id: Form[int],
    file: File[UploadedFile],
    id: Form[UUID | None] = None,  # noqa: A002 (the client-made id, as in every create)
) -> Status:
    """Import an XLSX or CSV file of sessions held by the unit: every row, or none (422 lists
    every bad row with its number, column and reason)."""
    made = True

    def run() -> PropagandaImport:
        nonlocal made
        try:
            result = services.propaganda_import(
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

    batch, first = once(request, request.auth.pk, run, PropagandaImport)
    ids = list(batch.records.order_by("pk").values_list("pk", flat=True))
    return Status(
        201 if first and made else 200, {"import_id": batch.pk, "created": len(ids), "ids": ids}
    )


@router.get("/propaganda-topics", response=list[TopicOut], **perm("community.view"))
def list_topics(request: AuthedRequest, active: bool | None = None) -> Any:
    """The topics of the caller's province; `active=true` for those a session may name."""
    return selectors.propaganda_topics(actor=request.auth, active_only=bool(active))


@router.post("/propaganda-topics", response={201: TopicOut}, **perm("community.configure"))
def create_topic(request: AuthedRequest, payload: TopicCreate) -> Status:
    topic = services.propaganda_topic_create(actor=request.auth, **payload.model_dump())
    return Status(201, topic)


@router.patch(
    "/propaganda-topics/{int:topic_id}",
    response={200: TopicOut, 409: Conflict[TopicOut]},
    **perm("community.configure"),
)
def update_topic(request: AuthedRequest, topic_id: int, payload: TopicUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    return services.propaganda_topic_update(
        actor=request.auth, topic_id=topic_id, version=version, **changes
    )
