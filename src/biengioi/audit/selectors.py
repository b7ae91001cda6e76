from datetime import date, datetime, time
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from biengioi.core import access
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.search import matching, search_text

from .models import AuditRecord


def audit_list(
    *,
    actor: Any,
    action: str = "",
    object_type: str = "",
    username: str = "",
    since: date | None = None,
    until: date | None = None,
    request_id: str = "",
    q: str = "",
) -> QuerySet[AuditRecord]:
    """Records of writes in the actor's scope, newest first; dates are local (Asia/Ho_Chi_Minh)."""
    access.require(actor, "audit.view")
    records = scoped(actor, AuditRecord.objects.all())
    if action:
        records = records.filter(action=action)
    if object_type:
        records = records.filter(object_type=object_type)
    if username:
        records = records.filter(actor_username__iexact=username)
    if request_id:
        records = records.filter(request_id=request_id)
    tz = timezone.get_current_timezone()
    if since:
        records = records.filter(at__gte=datetime.combine(since, time.min, tzinfo=tz))
    if until:
        records = records.filter(at__lte=datetime.combine(until, time.max, tzinfo=tz))
    if q:
        records = matching(
            records, search_text(q), "actor_username", "action", "object_type", "object_id"
        )
    return records.order_by("-seq")


def audit_get(*, actor: Any, record_id: int) -> AuditRecord:
    access.require(actor, "audit.view")
    return get_scoped_or_404(actor, AuditRecord.objects.all(), pk=record_id)


def audit_actions(*, actor: Any) -> list[str]:
    access.require(actor, "audit.view")
    actions = scoped(actor, AuditRecord.objects.all()).order_by("action")
    return list(actions.values_list("action", flat=True).distinct())


def last_seq() -> int:
    """The sequence number of the newest audit record: every write is audited, so it changes
    whenever the data does (a version to key cached figures by). One indexed query."""
    return AuditRecord.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def changes_since(path: str, moment: Any) -> int:
    """How many writes of records were made under the unit at `path` (and the units under it)
    after `moment`, the reports' own steps (drafting, editing, issuing) left out: what a
    draft's figures, computed then, may not hold yet. One indexed count."""
    rows = AuditRecord.objects.filter(at__gt=moment, scope_path__startswith=path)
    return rows.exclude(action__startswith="report.").count()
