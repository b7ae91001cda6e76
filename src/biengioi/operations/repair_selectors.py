"""Reads of marker repairs, cut to the actor's scope: the list (open or closed, by stage, by
unit, by marker), counts per stage, one repair with its steps."""

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from biengioi.core import access
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.search import matching, search_text
from biengioi.registry.models import Marker, OrgUnit

from .models import MarkerRepair, MarkerRepairStep, RepairStage


def repair_list(
    *,
    actor: Any,
    status: str = "",
    stage: str = "",
    unit_id: int | None = None,
    marker_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
    q: str = "",
) -> QuerySet[MarkerRepair]:
    """Repairs of the actor's scope: `status` open or closed, standing at `stage`, of one unit
    and those under it, of one marker, detected between `start` and `end`."""
    access.require(actor, "operations.view")
    repairs = scoped(actor, MarkerRepair.objects.select_related("marker", "unit"))
    if status == "open":
        repairs = repairs.filter(closed_on__isnull=True)
    elif status == "closed":
        repairs = repairs.filter(closed_on__isnull=False)
    if stage:
        repairs = repairs.filter(stage=stage)
    if unit_id:
        unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
        repairs = repairs.filter(unit__path__startswith=unit.path) if unit else repairs.none()
    if marker_id:
        repairs = repairs.filter(marker_id=marker_id)
    if start:
        repairs = repairs.filter(detected_on__gte=start)
    if end:
        repairs = repairs.filter(detected_on__lte=end)
    if q:
        repairs = matching(
            repairs, search_text(q), "marker__identifier", "unit__name", "description"
        )
    return repairs.order_by("-detected_on", "-pk")


def repair_counts(repairs: QuerySet[MarkerRepair]) -> dict[str, int]:
    """In all, open, and standing at each stage."""
    counts = repairs.order_by().aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(closed_on__isnull=True)),
        **{stage: Count("pk", filter=Q(stage=stage)) for stage in RepairStage.values},
    )
    return {key: value or 0 for key, value in counts.items()}


def repair_get(*, actor: Any, repair_id: int) -> MarkerRepair:
    access.require(actor, "operations.view")
    return get_scoped_or_404(
        actor,
        MarkerRepair.objects.select_related("marker", "unit", "inspection__patrol", "created_by"),
        pk=repair_id,
    )


def repair_steps(repair: MarkerRepair) -> QuerySet[MarkerRepairStep]:
    return repair.steps.select_related("recorded_by").order_by("on", "pk")


def repairable_markers(*, actor: Any) -> QuerySet[Marker]:
    """Markers of the actor's posts, for which the actor may open a repair."""
    access.require(actor, "operations.view")
    return scoped(actor, Marker.objects.select_related("line")).order_by("line_id", "sort_key")
