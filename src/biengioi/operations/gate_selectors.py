"""Every read of gate traffic, cut to the actor's unit scope: the list, its totals, and the table
of each gate's months that provincial reports quote."""

from datetime import date, datetime
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from biengioi.core import access
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.search import matching, search_text
from biengioi.registry.models import Gate, OrgUnit, Side

from .models import FIGURES, GateTraffic, GateTrafficImport, TrafficPeriod


def gate_traffic_list(
    *,
    actor: Any,
    start: date | None = None,
    end: date | None = None,
    unit_id: int | None = None,
    gate_id: int | None = None,
    period: str = "",
    q: str = "",
) -> QuerySet[GateTraffic]:
    """Figures of the actor's scope between `start` and `end` (both days included), of one unit
    (and the units under it), one gate, or one kind of period. A month figure is in the list
    when its month meets the range: it cannot be cut into days."""
    access.require(actor, "operations.view")
    rows = scoped(actor, GateTraffic.objects.select_related("unit", "gate"))
    if start:
        rows = rows.filter(
            Q(period=TrafficPeriod.DAY, on__gte=start)
            | Q(period=TrafficPeriod.MONTH, on__gte=start.replace(day=1))
        )
    if end:
        rows = rows.filter(on__lte=end)
    if unit_id:
        unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
        rows = rows.filter(unit__path__startswith=unit.path) if unit else rows.none()
    if gate_id:
        rows = rows.filter(gate_id=gate_id)
    if period:
        rows = rows.filter(period=period)
    if q:
        rows = matching(rows, search_text(q), "gate__name", "unit__name", "note")
    return rows.order_by("-on", "gate__name", "-pk")


def gate_traffic_get(*, actor: Any, traffic_id: int) -> GateTraffic:
    access.require(actor, "operations.view")
    return get_scoped_or_404(
        actor,
        GateTraffic.objects.select_related("unit", "gate", "source", "created_by"),
        pk=traffic_id,
    )


def _sums() -> dict[str, Any]:
    return {name: Sum(name) for name in FIGURES}


def gate_traffic_totals(rows: QuerySet[GateTraffic]) -> dict[str, Any]:
    """The sum of each figure over a filtered list, and how many records it holds. A gate's
    month is recorded either by days or as one figure, so nothing is counted twice."""
    totals = rows.order_by().aggregate(records=Count("pk"), **_sums())
    return {key: value or 0 for key, value in totals.items()}


def gate_traffic_by_month(rows: QuerySet[GateTraffic]) -> list[dict[str, Any]]:
    """One row a gate and month (day figures summed into their month), by gate then month:
    `gate_id`, `gate`, `month` (its first day), `days` (day figures in it; 0 for a month
    figure), and the sum of each figure."""
    table = (
        rows.order_by()
        .annotate(month=TruncMonth("on"))
        .values("gate_id", "gate__name", "month")
        .annotate(days=Count("pk", filter=Q(period=TrafficPeriod.DAY)), **_sums())
        .order_by("gate__name", "gate_id", "month")
    )
    out: list[dict[str, Any]] = []
    for values in table:
        row: dict[str, Any] = dict(values)
        month = row["month"]
        row["gate"] = row.pop("gate__name")
        row["month"] = month.date() if isinstance(month, datetime) else month
        out.append(row)
    return out


def recordable_gates(*, actor: Any) -> QuerySet[Gate]:
    """Our gates whose post is in the actor's scope: those the actor may record figures for."""
    access.require(actor, "operations.view")
    return scoped(actor, Gate.objects.filter(side=Side.VIETNAM)).order_by("name")


def province_gates(*, actor: Any) -> QuerySet[Gate]:
    """Our gates of the actor's province (for the list's filter)."""
    access.require(actor, "operations.view")
    return scoped(actor, Gate.objects.filter(side=Side.VIETNAM), province_wide=True).order_by(
        "name"
    )


def gate_imports(*, actor: Any) -> QuerySet[GateTrafficImport]:
    access.require(actor, "operations.view")
    return scoped(actor, GateTrafficImport.objects.select_related("unit", "created_by"))
