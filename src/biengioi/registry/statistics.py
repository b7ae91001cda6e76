"""The border registry's figures for a periodic report, and the roll-up of communes across the
2025 reform.

The registry is not dated except where the domain dates it: a section's km, a marker's kind, a
sign or a gate are counted as recorded now (the same for both periods), while a marker's status
and a gate's state are taken from their histories at each period's end, and the border communes
from the effective-dated administrative units. The caller has checked that the actor sees the
scope unit; `paths` are the scope's materialised paths (`scope_paths`).

Units are followed across the 2025 reform too: a report of a unit counts the records of the
units it (or a unit under it) took over from (`OrgUnit.predecessors`), so the Ban Chỉ huy Bộ đội
Biên phòng formed on 28/06/2025 reports with the figures of the provincial Border Guard command
it replaced, in the current period and in the one it is compared with.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, OuterRef, Subquery, Sum

from biengioi.core.stats import Number, Span, under

from .models import (
    AdminLevel,
    AdminUnit,
    BorderSection,
    Gate,
    GateStatus,
    Marker,
    MarkerStatus,
    OrgUnit,
    SectionCommune,
    Side,
    Sign,
)

Pairs = dict[str, tuple[Number, ...]]


# --- units across the 2025 reform ---------------------------------------------------------------


def _covered(path: str, prefixes: Iterable[str]) -> bool:
    return any(path.startswith(p) for p in prefixes)


def scope_paths(unit: OrgUnit) -> tuple[str, ...]:
    """The materialised paths a report of `unit` counts records under: its subtree, and the
    subtrees of the units that it or a unit under it took over from, followed back through
    their own predecessors (the new post under the Ban Chỉ huy that replaced an old post, and
    the post that one replaced). A path covered by another is dropped; the one covering `unit`
    comes first (its province's settings apply). One query, whatever the lineage's length.

    A unit split between several successors counts whole in each successor's reports: records
    are not apportioned."""
    edges = list(
        OrgUnit.predecessors.through.objects.values_list("from_orgunit__path", "to_orgunit__path")
    )
    prefixes = [unit.path]
    grew = True
    while grew:
        grew = False
        for successor, predecessor in edges:
            if _covered(successor, prefixes) and not _covered(predecessor, prefixes):
                prefixes = [p for p in prefixes if not p.startswith(predecessor)] + [predecessor]
                grew = True
    first = next(p for p in prefixes if unit.path.startswith(p))
    return (first, *sorted(p for p in prefixes if p != first))


def border_km(paths: Sequence[str]) -> Decimal:
    """Km of border line in the sections of the scope's posts."""
    km = BorderSection.objects.filter(under("post__path", paths)).aggregate(km=Sum("length_km"))
    return km["km"] or Decimal(0)


def _by(rows: Any, field: str) -> dict[str, int]:
    return {
        r[field]: r["n"]
        for r in rows.order_by().values(field).annotate(n=Count("pk")).order_by(field)
    }


def markers_by_kind(paths: Sequence[str]) -> dict[str, int]:
    return _by(Marker.objects.filter(under("post__path", paths)), "kind")


def signs_by_kind(paths: Sequence[str]) -> dict[str, int]:
    return _by(Sign.objects.filter(under("post__path", paths)), "kind")


def gates_by_kind(paths: Sequence[str]) -> dict[str, int]:
    """Gates on our side of the line (a pair counts once)."""
    return _by(Gate.objects.filter(under("post__path", paths), side=Side.VIETNAM), "kind")


def markers_by_status(paths: Sequence[str], spans: Sequence[Span]) -> list[dict[str, int]]:
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
            Marker.objects.filter(under("post__path", paths))
            .annotate(status_then=Subquery(latest))
            .exclude(status_then=None)
        )
        out.append(_by(rows, "status_then"))
    return out


def gates_open(paths: Sequence[str], spans: Sequence[Span]) -> list[int]:
    """For each span, our side's gates open at its end (their latest state on or before it)."""
    out = []
    for _start, end in spans:
        latest = (
            GateStatus.objects.filter(gate=OuterRef("pk"), on__lte=end)
            .order_by("-on", "-id")
            .values("status")[:1]
        )
        rows = Gate.objects.filter(under("post__path", paths), side=Side.VIETNAM).annotate(
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


def border_communes(
    paths: Sequence[str], spans: Sequence[Span], graph: CommuneGraph
) -> list[set[int]]:
    """For each span, the border communes of the scope, as they stood at its end: the communes
    of the land border area along the scope's sections, and the border communes that merged
    into them, if valid during the span, each rolled up to the commune valid on the span's last
    day (so communes merged in the span count once, as their successor)."""
    linked = set(
        SectionCommune.objects.filter(under("section__post__path", paths)).values_list(
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
