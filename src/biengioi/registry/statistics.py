"""The border registry's figures for a periodic report, and the roll-up of communes across the
2025 reform.

The registry is not dated except where the domain dates it: a section's km, a marker's kind, a
sign or a gate are counted as recorded now (the same for both periods), while a marker's status
and a gate's state are taken from their histories at each period's end, and the border communes
from the effective-dated administrative units. The caller has checked that the actor sees the
scope unit (`path`).
"""

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, OuterRef, Subquery, Sum

from biengioi.core.stats import Number, Span

from .models import (
    AdminLevel,
    AdminUnit,
    BorderSection,
    Gate,
    GateStatus,
    Marker,
    MarkerStatus,
    SectionCommune,
    Side,
    Sign,
)

Pairs = dict[str, tuple[Number, ...]]


def border_km(path: str) -> Decimal:
    """Km of border line in the sections of the scope's posts."""
    km = BorderSection.objects.filter(post__path__startswith=path).aggregate(km=Sum("length_km"))
    return km["km"] or Decimal(0)


def _by(rows: Any, field: str) -> dict[str, int]:
    return {
        r[field]: r["n"]
        for r in rows.order_by().values(field).annotate(n=Count("pk")).order_by(field)
    }


def markers_by_kind(path: str) -> dict[str, int]:
    return _by(Marker.objects.filter(post__path__startswith=path), "kind")


def signs_by_kind(path: str) -> dict[str, int]:
    return _by(Sign.objects.filter(post__path__startswith=path), "kind")


def gates_by_kind(path: str) -> dict[str, int]:
    """Gates on our side of the line (a pair counts once)."""
    return _by(Gate.objects.filter(post__path__startswith=path, side=Side.VIETNAM), "kind")


def markers_by_status(path: str, spans: Sequence[Span]) -> list[dict[str, int]]:
    """For each span, the markers per status at its end: the latest entry of each marker's
    history on or before that day (markers with none then are left out). One query a span."""
    out = []
    for _start, end in spans:
        latest = (
            MarkerStatus.objects.filter(marker=OuterRef("pk"), on__lte=end)
            .order_by("-on", "-id")
            .values("status")[:1]
        )
        rows = (
            Marker.objects.filter(post__path__startswith=path)
            .annotate(status_then=Subquery(latest))
            .exclude(status_then=None)
        )
        out.append(_by(rows, "status_then"))
    return out


def gates_open(path: str, spans: Sequence[Span]) -> list[int]:
    """For each span, our side's gates open at its end (their latest state on or before it)."""
    out = []
    for _start, end in spans:
        latest = (
            GateStatus.objects.filter(gate=OuterRef("pk"), on__lte=end)
            .order_by("-on", "-id")
            .values("status")[:1]
        )
        rows = Gate.objects.filter(post__path__startswith=path, side=Side.VIETNAM).annotate(
            state=Subquery(latest)
        )
        out.append(rows.filter(state="open").count())
    return out


# --- communes across the 2025 reform ------------------------------------------------------------


class CommuneGraph:
    """The communes and which merged into which (AdminUnit.predecessors), read once: two
    queries, whatever the number of communes asked about."""

    def __init__(self) -> None:
        link = AdminUnit.predecessors.through
        edges = link.objects.filter(from_adminunit__level=AdminLevel.COMMUNE).values_list(
            "from_adminunit_id", "to_adminunit_id"
        )
        self.successors: dict[int, list[int]] = {}
        self.predecessors: dict[int, list[int]] = {}
        for successor, predecessor in edges:
            self.successors.setdefault(predecessor, []).append(successor)
            self.predecessors.setdefault(successor, []).append(predecessor)
        self.units: dict[int, dict[str, Any]] = {
            u["pk"]: dict(u)
            for u in AdminUnit.objects.filter(level=AdminLevel.COMMUNE).values(
                "pk", "name", "code", "valid_from", "valid_to", "is_border_area"
            )
        }

    def valid_in(self, pk: int, span: Span) -> bool:
        unit = self.units.get(pk)
        if unit is None:
            return False
        start, end = span
        return (unit["valid_from"] is None or unit["valid_from"] <= end) and (
            unit["valid_to"] is None or unit["valid_to"] >= start
        )

    def roll(self, pk: int, day: date) -> int:
        """The commune valid on `day` that `pk` is part of: itself while it is valid (or when
        no successor is recorded), else its successor's, followed on. A commune split between
        several successors counts under the first recorded (lowest id)."""
        seen = set()
        while pk not in seen:
            seen.add(pk)
            unit = self.units.get(pk)
            if unit is None or unit["valid_to"] is None or unit["valid_to"] >= day:
                return pk
            after = self.successors.get(pk)
            if not after:
                return pk
            pk = min(after)
        return pk

    def ancestry(self, pks: Iterable[int]) -> set[int]:
        """The communes and every commune that merged into them, transitively."""
        out: set[int] = set()
        todo = list(pks)
        while todo:
            pk = todo.pop()
            if pk not in out:
                out.add(pk)
                todo += self.predecessors.get(pk, [])
        return out

    def name(self, pk: int) -> str:
        unit = self.units.get(pk)
        return unit["name"] if unit else ""


def border_communes(path: str, spans: Sequence[Span], graph: CommuneGraph) -> list[set[int]]:
    """For each span, the border communes of the scope, as they stood at its end: the communes
    of the land border area along the scope's sections, and the border communes that merged
    into them, if valid during the span, each rolled up to the commune valid on the span's last
    day (so communes merged in the span count once, as their successor)."""
    linked = set(
        SectionCommune.objects.filter(section__post__path__startswith=path).values_list(
            "commune_id", flat=True
        )
    )
    family = graph.ancestry(linked)
    out = []
    for span in spans:
        members = {
            pk
            for pk in family
            if graph.valid_in(pk, span) and (pk in linked or graph.units[pk]["is_border_area"])
        }
        out.append({graph.roll(pk, span[1]) for pk in members})
    return out
