"""Reads of the rescue and disaster-response operations, cut to the actor's unit scope, and their
totals: operations, people rescued and evacuated, lives lost, forces and means engaged."""

from datetime import date
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from biengioi.core import access
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.search import matching, search_text
from biengioi.registry.models import OrgUnit

from .models import RescueKind, RescueOperation

FIGURES = [
    "rescued",
    "evacuated",
    "deaths",
    "missing",
    "border_guards",
    "militia",
    "other_forces",
    "vehicles",
    "property_value",
]


def rescue_list(
    *,
    actor: Any,
    start: date | None = None,
    end: date | None = None,
    unit_id: int | None = None,
    kind: str = "",
    q: str = "",
) -> QuerySet[RescueOperation]:
    """Operations of the actor's scope begun between `start` and `end` (both days included), of
    one unit (and the units under it), of one kind."""
    access.require(actor, "operations.view")
    operations = scoped(actor, RescueOperation.objects.select_related("unit", "commune"))
    if start:
        operations = operations.filter(started_on__gte=start)
    if end:
        operations = operations.filter(started_on__lte=end)
    if unit_id:
        unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
        operations = (
            operations.filter(unit__path__startswith=unit.path) if unit else operations.none()
        )
    if kind:
        operations = operations.filter(kind=kind)
    if q:
        operations = matching(
            operations, search_text(q), "title", "place", "description", "commune__name", "kind"
        )
    return operations.order_by("-started_on", "-pk")


def _figures(condition: Q | None = None) -> dict[str, Any]:
    return {
        "operations": Count("pk", filter=condition),
        **{name: Coalesce(Sum(name, filter=condition), 0) for name in FIGURES},
        "forces": Coalesce(
            Sum(F("border_guards") + F("militia") + F("other_forces"), filter=condition), 0
        ),
    }


def rescue_totals(operations: QuerySet[RescueOperation]) -> dict[str, Any]:
    """The figures of a filtered list in all and by kind, in one query."""
    aggregates: dict[str, Any] = {}
    for kind in [None, *RescueKind.values]:
        condition = Q(kind=kind) if kind else None
        aggregates |= {
            f"{kind or 'all'}__{name}": value for name, value in _figures(condition).items()
        }
    flat = operations.order_by().aggregate(**aggregates)
    flat = {key: int(value) for key, value in flat.items()}  # PostgreSQL sums bigints as numeric
    figures = ["operations", *FIGURES, "forces"]
    labels = dict(RescueKind.choices)
    return {
        **{name: flat[f"all__{name}"] for name in figures},
        "by_kind": [
            {"kind": kind, "label": labels[kind], **{n: flat[f"{kind}__{n}"] for n in figures}}
            for kind in RescueKind.values
        ],
    }


def rescue_get(*, actor: Any, rescue_id: int) -> RescueOperation:
    access.require(actor, "operations.view")
    return get_scoped_or_404(
        actor,
        RescueOperation.objects.select_related("unit", "commune", "created_by"),
        pk=rescue_id,
    )
