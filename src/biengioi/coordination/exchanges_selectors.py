"""Reads of information exchanges, cut to the actor's scope (the unit of ours that sent or
received them): the list with its filters and the counts per channel, of those awaiting a reply
and of those awaiting it past its day."""

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from biengioi.core import access
from biengioi.core.scope import scoped
from biengioi.core.search import matching, search_text
from biengioi.operations.models import Incident

from .models import ExchangeChannel, InfoExchange
from .talks_selectors import under_unit

VIEW = "coordination.view"
AWAITING, OVERDUE = "awaiting", "overdue"


def _awaiting() -> Q:
    return Q(reply_expected=True, replied_on__isnull=True)


def exchange_list(
    *,
    actor: Any,
    date_from: date | None = None,
    date_to: date | None = None,
    unit_id: int | None = None,
    channel: str | None = None,
    direction: str | None = None,
    counterpart_id: int | None = None,
    reply: str | None = None,
    incident_id: int | None = None,
    today: date | None = None,
    q: str = "",
) -> QuerySet[InfoExchange]:
    """Exchanges of the actor's scope in a period, of one unit and those under it, by one
    channel or direction, with one counterpart, about one incident, awaiting a reply
    (`reply="awaiting"`) or awaiting it past its day (`reply="overdue"`)."""
    access.require(actor, VIEW)
    today = today or timezone.localdate()
    rows = scoped(
        actor,
        InfoExchange.objects.select_related("unit", "counterpart", "other_unit", "incident"),
    )
    if date_from:
        rows = rows.filter(on__gte=date_from)
    if date_to:
        rows = rows.filter(on__lte=date_to)
    if channel:
        rows = rows.filter(channel=channel)
    if direction:
        rows = rows.filter(direction=direction)
    if counterpart_id:
        rows = rows.filter(counterpart_id=counterpart_id)
    if incident_id:
        rows = rows.filter(incident_id=incident_id)
    if reply == AWAITING:
        rows = rows.filter(_awaiting())
    elif reply == OVERDUE:
        rows = rows.filter(_awaiting(), reply_by__lt=today)
    rows = under_unit(actor, rows, unit_id, "unit__path")
    if q:
        rows = matching(
            rows,
            search_text(q),
            "subject",
            "summary",
            "reply_summary",
            "counterpart__name",
            "channel",
        )
    return rows.order_by("-on", "-pk")


def exchange_counts(rows: QuerySet[InfoExchange], today: date | None = None) -> dict[str, int]:
    """How many exchanges in all, by each channel, awaiting a reply, and past the reply's day."""
    today = today or timezone.localdate()
    ids = rows.order_by().values("pk")
    counts: dict[str, int] = InfoExchange.objects.filter(pk__in=ids).aggregate(
        total=Count("pk"),
        awaiting=Count("pk", filter=_awaiting()),
        overdue=Count("pk", filter=_awaiting() & Q(reply_by__lt=today)),
        **{c.value: Count("pk", filter=Q(channel=c.value)) for c in ExchangeChannel},
    )
    return counts


def exchange_get(*, actor: Any, exchange_id: int) -> InfoExchange:
    access.require(actor, VIEW)
    rows = scoped(
        actor,
        InfoExchange.objects.select_related(
            "unit", "counterpart", "other_unit", "incident", "created_by"
        ),
    )
    try:
        return rows.get(pk=exchange_id)
    except InfoExchange.DoesNotExist as exc:
        raise Http404("InfoExchange") from exc


def incident_choices(*, actor: Any) -> list[tuple[int, str]]:
    """Incidents of the actor's scope an exchange may be about, latest first."""
    access.require(actor, VIEW)
    rows = scoped(actor, Incident.objects.all()).order_by("-detected_on", "-pk")[:200]
    return [(i.pk, f"{i.detected_on:%d/%m/%Y} – {i.title}") for i in rows]
