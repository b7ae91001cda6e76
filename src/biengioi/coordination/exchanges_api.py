"""Information exchanges in the API: the list (period, unit, channel, direction, counterpart,
incident, awaiting a reply or past its day) with its counts per channel, an exchange, and the
writes (the reply is recorded by a PATCH with `replied_on` and `reply_summary`).

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
    paginate,
    perm,
)
from biengioi.core.idempotency import created
from biengioi.core.search import MAX_LENGTH

from . import exchanges_selectors as selectors
from . import services
from .conferences_api import CLIENT_ID, RECORD, VIEW
from .models import ExchangeChannel, ExchangeDirection, InfoExchange

router = Router(tags=["exchanges"])


class ExchangeOut(Schema):
    """An exchange; `awaiting_reply` and `reply_overdue` are derived (a reply expected and not
    recorded; and its day passed)."""

    id: int
    client_id: UUID = Field(alias="uuid")
    version: int
    on: date
    channel: ExchangeChannel
    direction: ExchangeDirection
    unit_id: int
    unit: str = Field(alias="unit.name")
    counterpart_id: int | None
    other_unit_id: int | None
    party: str
    subject: str
    summary: str
    incident_id: int | None
    reply_expected: bool
    reply_by: date | None
    replied_on: date | None
    reply_summary: str
    awaiting_reply: bool
    reply_overdue: bool

    @staticmethod
    def resolve_reply_overdue(obj: InfoExchange) -> bool:
        return obj.reply_overdue(timezone.localdate())


class ExchangeCreate(In):
    id: UUID | None = Field(None, description=CLIENT_ID)
    unit_id: int = Field(description="Đơn vị phía ta, trong phạm vi của bạn.")
    on: date = Field(description="Ngày trao đổi; không sau hôm nay.")
    channel: ExchangeChannel
    direction: ExchangeDirection
    counterpart_id: int | None = Field(None, description="Đơn vị đối đẳng (hoặc other_unit_id).")
    other_unit_id: int | None = Field(None, description="Đơn vị khác trong tỉnh.")
    subject: Line = Field(max_length=300)
    summary: Paragraph = Field("", max_length=8000)
    incident_id: int | None = Field(None, description="Vụ việc liên quan, trong phạm vi của bạn.")
    reply_expected: bool = False
    reply_by: date | None = Field(None, description="Hạn trả lời; không trước ngày trao đổi.")
    replied_on: date | None = None
    reply_summary: Paragraph = Field("", max_length=8000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "unit_id": 1,
                    "on": "2025-09-05",
                    "channel": "hotline",
                    "direction": "sent",
                    "counterpart_id": 1,
                    "subject": "Thông báo tình hình người qua lại trái phép",
                    "reply_expected": True,
                    "reply_by": "2025-09-12",
                }
            ]
        },
    )


class ExchangeUpdate(In):
    """Fields left out are left alone; naming one party alone replaces the other."""

    version: int = Field(ge=1)
    on: date | None = None
    channel: ExchangeChannel | None = None
    direction: ExchangeDirection | None = None
    counterpart_id: int | None = None
    other_unit_id: int | None = None
    subject: Line | None = Field(None, max_length=300)
    summary: Paragraph | None = Field(None, max_length=8000)
    incident_id: int | None = None
    reply_expected: bool | None = None
    reply_by: date | None = None
    replied_on: date | None = Field(None, description="Ngày trả lời; không trước ngày trao đổi.")
    reply_summary: Paragraph | None = Field(None, max_length=8000)

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"version": 1, "replied_on": "2025-09-10", "reply_summary": "Phía bạn đã trả lời"}
            ]
        },
    )


class ExchangeFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    date_from: date | None = None
    date_to: date | None = None
    unit_id: int | None = None
    channel: ExchangeChannel | None = None
    direction: ExchangeDirection | None = None
    counterpart_id: int | None = None
    incident_id: int | None = None
    reply: Literal["awaiting", "overdue"] | None = Field(
        None, description="`awaiting`: chờ trả lời; `overdue`: chờ trả lời quá hạn."
    )


class ExchangeCounts(Schema):
    total: int
    meeting: int
    letter: int
    hotline: int
    message: int
    awaiting: int
    overdue: int


def _rows(request: AuthedRequest, filters: ExchangeFilter) -> Any:
    return selectors.exchange_list(
        actor=request.auth,
        q=filters.q,
        date_from=filters.date_from,
        date_to=filters.date_to,
        unit_id=filters.unit_id,
        channel=filters.channel,
        direction=filters.direction,
        counterpart_id=filters.counterpart_id,
        incident_id=filters.incident_id,
        reply=filters.reply,
    )


@router.get("/exchanges", response=Page[ExchangeOut], **perm(VIEW))
def list_exchanges(request: AuthedRequest, filters: Query[ExchangeFilter]) -> dict:
    return paginate(_rows(request, filters), filters.page, filters.size)


@router.get("/exchanges/counts", response=ExchangeCounts, **perm(VIEW))
def exchange_counts(request: AuthedRequest, filters: Query[ExchangeFilter]) -> dict:
    """Exchanges over the filters: in all, per channel, awaiting a reply, past its day."""
    return selectors.exchange_counts(_rows(request, filters))


@router.get("/exchanges/{int:exchange_id}", response=ExchangeOut, **perm(VIEW))
def get_exchange(request: AuthedRequest, exchange_id: int) -> InfoExchange:
    return selectors.exchange_get(actor=request.auth, exchange_id=exchange_id)


@router.post("/exchanges", response={201: ExchangeOut, 200: ExchangeOut}, **perm(RECORD))
def create_exchange(request: AuthedRequest, payload: ExchangeCreate) -> Status:
    return created(
        request,
        InfoExchange,
        lambda: services.exchange_create(
            actor=request.auth, client_id=payload.id, **payload.model_dump(exclude={"id"})
        ),
    )


@router.patch(
    "/exchanges/{int:exchange_id}",
    response={200: ExchangeOut, 409: Conflict[ExchangeOut]},
    **perm(RECORD),
)
def update_exchange(request: AuthedRequest, exchange_id: int, payload: ExchangeUpdate) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    version = changes.pop("version")
    return services.exchange_update(
        actor=request.auth, exchange_id=exchange_id, version=version, **changes
    )
