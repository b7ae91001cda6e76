"""Every read of the operations log, cut to the actor's unit scope."""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from biengioi.core import access
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.registry.models import OrgUnit

from .models import MarkerInspection, Patrol, PatrolKind


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def patrol_list(
    *,
    actor: Any,
    start: date | None = None,
    end: date | None = None,
    unit_id: int | None = None,
    kind: str = "",
    marker_id: int | None = None,
) -> QuerySet[Patrol]:
    """Patrols of the actor's scope begun between `start` and `end` (both days included),
    of one unit (and the units under it), of one kind, or that inspected one marker."""
    access.require(actor, "operations.view")
    patrols = scoped(
        actor,
        Patrol.objects.select_related("unit", "line", "from_marker", "to_marker", "counterpart"),
    )
    if start:
        patrols = patrols.filter(started_at__gte=_day_start(start))
    if end:
        patrols = patrols.filter(started_at__lt=_day_start(end) + timedelta(days=1))
    if unit_id:
        unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
        patrols = patrols.filter(unit__path__startswith=unit.path) if unit else patrols.none()
    if kind:
        patrols = patrols.filter(kind=kind)
    if marker_id:
        patrols = patrols.filter(inspections__marker_id=marker_id)
    return patrols.order_by("-started_at", "-pk")


def with_inspection_counts(patrols: QuerySet[Patrol]) -> QuerySet[Patrol]:
    return patrols.annotate(inspection_count=Count("inspections"))


def patrol_counts(patrols: QuerySet[Patrol]) -> dict[str, int]:
    """How many patrols of each kind (and in all) a filtered list holds, as reports count them."""
    counts = patrols.order_by().aggregate(
        total=Count("pk"),
        **{kind: Count("pk", filter=Q(kind=kind)) for kind in PatrolKind.values},
    )
    return {key: value or 0 for key, value in counts.items()}


def patrol_get(*, actor: Any, patrol_id: int) -> Patrol:
    access.require(actor, "operations.view")
    return get_scoped_or_404(
        actor,
        Patrol.objects.select_related(
            "unit", "line", "from_marker", "to_marker", "counterpart", "created_by"
        ).prefetch_related("sections"),
        pk=patrol_id,
    )


def inspections(*, actor: Any, patrol: Patrol) -> QuerySet[MarkerInspection]:
    access.require(actor, "operations.view")
    return patrol.inspections.select_related("marker").order_by("marker__sort_key")
