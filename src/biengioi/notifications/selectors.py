"""Reads of notifications: a user sees their own, never anyone else's."""

from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404

from biengioi.core.search import matching, search_text

from .models import Notification


def _own(actor: Any) -> QuerySet[Notification]:
    if not getattr(actor, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=actor.pk)


def notification_list(*, actor: Any, unread: bool = False, q: str = "") -> QuerySet[Notification]:
    """The actor's notifications, unread first, newest first within each."""
    rows = _own(actor)
    if unread:
        rows = rows.filter(read_at__isnull=True)
    if q:
        rows = matching(rows, search_text(q), "title", "body")
    unread_first = Case(
        When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return rows.order_by(unread_first, "-created_at", "-pk")


def notification_get(*, actor: Any, notification_id: int) -> Notification:
    row = _own(actor).filter(pk=notification_id).first()
    if row is None:
        raise Http404("Notification")
    return row


def unread_count(*, actor: Any) -> int:
    return _own(actor).filter(read_at__isnull=True).count()
