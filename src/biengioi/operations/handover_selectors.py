"""Reads of the hand-overs (tiếp nhận, trao trả, trục xuất), cut to the actor's unit scope, and
their totals as the reports table them: operations, persons, men, women, children and wanted
persons by kind; persons by nationality and by place, received persons by home province."""

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from biengioi.core import access
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.search import matching, search_text
from biengioi.registry.models import Gate, Marker, OrgUnit

from .models import Handover, HandoverKind, HandoverOrigin, Nationality

FIGURES = ["persons", "males", "females", "children", "wanted"]


def handover_list(
    *,
    actor: Any,
    start: date | None = None,
    end: date | None = None,
    unit_id: int | None = None,
    kind: str = "",
    nationality: str = "",
    q: str = "",
) -> QuerySet[Handover]:
    """Hand-overs of the actor's scope made between `start` and `end` (both days included), of
    one unit (and the units under it), of one kind, of one nationality."""
    access.require(actor, "operations.view")
    handovers = scoped(
        actor, Handover.objects.select_related("unit", "gate", "marker", "counterpart")
    )
    if start:
        handovers = handovers.filter(on__gte=start)
    if end:
        handovers = handovers.filter(on__lte=end)
    if unit_id:
        unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
        handovers = handovers.filter(unit__path__startswith=unit.path) if unit else handovers.none()
    if kind:
        handovers = handovers.filter(kind=kind)
    if nationality:
        handovers = handovers.filter(nationality=nationality)
    if q:
        handovers = matching(
            handovers,
            search_text(q),
            "unit__name",
            "gate__name",
            "marker__identifier",
            "counterpart__name",
            "note",
            "kind",
        )
    return handovers.order_by("-on", "-pk")


def _figures(condition: Q | None = None) -> dict[str, Any]:
    return {
        "operations": Count("pk", filter=condition),
        **{name: Coalesce(Sum(name, filter=condition), 0) for name in FIGURES},
    }


def handover_totals(handovers: QuerySet[Handover]) -> dict[str, Any]:
    """The figures of a filtered list in all and by kind (one query); operations and persons by
    nationality and by place (gate or marker); received persons by home province. Largest
    first."""
    rows = handovers.order_by()
    aggregates: dict[str, Any] = {}
    for kind in [None, *HandoverKind.values]:
        condition = Q(kind=kind) if kind else None
        aggregates |= {
            f"{kind or 'all'}__{name}": value for name, value in _figures(condition).items()
        }
    flat = rows.aggregate(**aggregates)
    flat = {key: int(value) for key, value in flat.items()}  # PostgreSQL sums bigints as numeric
    figures = ["operations", *FIGURES]
    labels = dict(HandoverKind.choices)
    nationalities = dict(Nationality.choices)
    by_nationality = (
        rows.values("nationality")
        .annotate(operations=Count("pk"), persons=Sum("persons"))
        .order_by("-persons", "nationality")
    )
    by_place = (
        rows.values("gate_id", "gate__name", "marker_id", "marker__identifier")
        .annotate(operations=Count("pk"), persons=Sum("persons"))
        .order_by("-persons", "gate__name", "marker__identifier")
    )
    by_origin = (
        HandoverOrigin.objects.filter(handover__in=rows.values("pk"))
        .values("province_id", "province__name")
        .annotate(persons=Sum("persons"))
        .order_by("-persons", "province__name")
    )
    return {
        **{name: flat[f"all__{name}"] for name in figures},
        "by_kind": [
            {"kind": kind, "label": labels[kind], **{n: flat[f"{kind}__{n}"] for n in figures}}
            for kind in HandoverKind.values
        ],
        "by_nationality": [
            {**row, "label": nationalities.get(row["nationality"], row["nationality"])}
            for row in by_nationality
        ],
        "by_place": [
            {
                "gate_id": r["gate_id"],
                "marker_id": r["marker_id"],
                "place": r["gate__name"]
                or _("Mốc {identifier}").format(identifier=r["marker__identifier"]),
                "operations": r["operations"],
                "persons": r["persons"],
            }
            for r in by_place
        ],
        "by_origin": [
            {
                "province_id": r["province_id"],
                "province": r["province__name"],
                "persons": r["persons"],
            }
            for r in by_origin
        ],
    }


def handover_get(*, actor: Any, handover_id: int) -> Handover:
    access.require(actor, "operations.view")
    return get_scoped_or_404(
        actor,
        Handover.objects.select_related(
            "unit", "gate", "marker__line", "counterpart", "created_by"
        ).prefetch_related("origins__province"),
        pk=handover_id,
    )


def handover_places(*, actor: Any) -> tuple[QuerySet[Gate], QuerySet[Marker]]:
    """The gates and markers where the actor's units hand persons over: those in the care of
    the posts of the actor's own subtree."""
    access.require(actor, "operations.view")
    gates = scoped(actor, Gate.objects.select_related("line__country")).order_by("name")
    markers = scoped(actor, Marker.objects.select_related("line__country"))
    return gates, markers.order_by("line_id", "sort_key")
