"""Information exchanges (trao đổi thông tin, DOMAIN §3.12): sent or received by a unit of the
actor's scope on a day that has come, with one other party — a counterpart unit facing the
province's border, or another unit of the province — possibly about an incident of the actor's
scope. A reply expected is expected by a day no earlier than the exchange; the reply, recorded
later, is dated no earlier than the exchange and not in the future.
"""

import uuid
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.formats import date_format

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import choice, in_force, past_day, replay
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.text import clean_text
from biengioi.operations.models import Incident
from biengioi.registry.models import OrgUnit

from ..models import ExchangeChannel, ExchangeDirection, InfoExchange
from .conferences import PERMISSION, _unit_for_write
from .talks import _number, counterpart_for

_FIELDS = [
    "uuid",
    "version",
    "on",
    "channel",
    "direction",
    "unit",
    "counterpart",
    "other_unit",
    "subject",
    "summary",
    "incident",
    "reply_expected",
    "reply_by",
    "replied_on",
    "reply_summary",
]
_EDITABLE = {
    "on",
    "channel",
    "direction",
    "counterpart_id",
    "other_unit_id",
    "subject",
    "summary",
    "incident_id",
    "reply_expected",
    "reply_by",
    "replied_on",
    "reply_summary",
}


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _apply(actor: Any, exchange: InfoExchange, data: dict[str, Any]) -> None:
    if "on" in data:
        exchange.on = past_day(data["on"], "on")
    if "channel" in data:
        exchange.channel = choice(data["channel"], ExchangeChannel, "channel")
    if "direction" in data:
        exchange.direction = choice(data["direction"], ExchangeDirection, "direction")
    if "counterpart_id" in data or "other_unit_id" in data:
        counterpart_id = data.get("counterpart_id", exchange.counterpart_id)
        other_id = data.get("other_unit_id", exchange.other_unit_id)
        if "other_unit_id" not in data and counterpart_id not in (None, ""):
            other_id = None  # naming a counterpart alone replaces the other unit
        if "counterpart_id" not in data and other_id not in (None, ""):
            counterpart_id = None
        if (counterpart_id in (None, "")) == (other_id in (None, "")):
            field = "counterpart_id" if counterpart_id in (None, "") else "other_unit_id"
            raise DomainError(Code.EXCHANGE_ONE_PARTY, field=field)
        if counterpart_id not in (None, ""):
            exchange.counterpart = counterpart_for(
                actor, counterpart_id, exchange.unit, "counterpart_id"
            )
            exchange.other_unit = None
        else:
            other = (
                scoped(actor, OrgUnit.objects.all(), province_wide=True)
                .filter(pk=_number(other_id))
                .first()
            )
            if other is None:
                raise DomainError(Code.UNIT_NOT_IN_SCOPE, field="other_unit_id")
            if other.pk == exchange.unit_id:
                raise DomainError(Code.EXCHANGE_SELF, field="other_unit_id")
            exchange.other_unit, exchange.counterpart = other, None
    if "subject" in data:
        exchange.subject = clean_text(
            data["subject"] or "", field="subject", max_length=300, required=True
        )
    for key in ("summary", "reply_summary"):
        if key in data:
            value = clean_text(data[key] or "", field=key, max_length=8000, multiline=True)
            setattr(exchange, key, value)
    if "incident_id" in data:
        exchange.incident = None
        if data["incident_id"] not in (None, ""):
            incident = (
                scoped(actor, Incident.objects.all())
                .filter(pk=_number(data["incident_id"]))
                .first()
            )
            if incident is None:
                raise DomainError(
                    Code.INCIDENT_NOT_FOUND, field="incident_id", id=data["incident_id"]
                )
            exchange.incident = incident
    if "reply_expected" in data:
        exchange.reply_expected = bool(data["reply_expected"])
    if "reply_by" in data:
        if data["reply_by"] not in (None, "") and not isinstance(data["reply_by"], date):
            raise DomainError(Code.REQUIRED, field="reply_by")
        exchange.reply_by = data["reply_by"] or None
    if not exchange.reply_expected:
        exchange.reply_by = None
    elif exchange.reply_by is None:
        raise DomainError(Code.REPLY_BY_REQUIRED, field="reply_by")
    elif exchange.reply_by < exchange.on:
        raise DomainError(Code.REPLY_BY_BEFORE_EXCHANGE, field="reply_by", day=_day(exchange.on))
    if "replied_on" in data:
        exchange.replied_on = (
            None if data["replied_on"] in (None, "") else past_day(data["replied_on"], "replied_on")
        )
    if exchange.replied_on is not None and exchange.replied_on < exchange.on:
        raise DomainError(Code.REPLY_BEFORE_EXCHANGE, field="replied_on", day=_day(exchange.on))


def exchange_create(
    *,
    actor: Any,
    unit_id: int,
    on: date,
    channel: str,
    direction: str,
    subject: str,
    counterpart_id: int | None = None,
    other_unit_id: int | None = None,
    client_id: uuid.UUID | None = None,
    **data: Any,
) -> tuple[InfoExchange, bool]:
    """Record information a unit of the actor's scope sent or received. Returns it and whether
    it was made now (a `client_id` sent again returns the first)."""
    access.require(actor, PERMISSION)
    unknown = set(data) - _EDITABLE
    if unknown:
        raise TypeError(f"exchange_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(InfoExchange, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            exchange = InfoExchange(
                uuid=client_id or uuid.uuid4(),
                unit=_unit_for_write(actor, unit_id),
                created_by=actor,
            )
            _apply(
                actor,
                exchange,
                {
                    **data,
                    "on": on,
                    "channel": channel,
                    "direction": direction,
                    "subject": subject,
                    "counterpart_id": counterpart_id,
                    "other_unit_id": other_unit_id,
                },
            )
            in_force(exchange.unit, exchange.on, field="unit_id")
            exchange.save()
            audit.record(
                actor,
                "exchange.create",
                exchange,
                scope_path=exchange.unit.path,
                after=audit.snapshot(exchange, _FIELDS),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(InfoExchange, actor, client_id)):
            return earlier, False
        raise
    return exchange, True


def exchange_update(*, actor: Any, exchange_id: int, version: int, **changes: Any) -> InfoExchange:
    """Correct an exchange or record its reply (`replied_on`, `reply_summary`)."""
    access.require(actor, PERMISSION)
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise TypeError(f"exchange_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        exchange = get_scoped_or_404(
            actor,
            InfoExchange.objects.select_for_update(of=("self",)).select_related("unit"),
            pk=exchange_id,
        )
        if exchange.version != version:
            raise Stale(exchange, version)
        before = audit.snapshot(exchange, _FIELDS)
        _apply(actor, exchange, changes)
        exchange.version += 1
        exchange.save()
        audit.record(
            actor,
            "exchange.update",
            exchange,
            scope_path=exchange.unit.path,
            before=before,
            after=audit.snapshot(exchange, _FIELDS),
        )
    return exchange
