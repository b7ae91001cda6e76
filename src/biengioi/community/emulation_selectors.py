"""Reads of the emulation movements and awards. Movements are read across the actor's province
(a post sees the movement its province launched); awards within the actor's scope. The award
totals are the line the reports quote: "N khen thưởng: X tập thể, Y cá nhân", by kind."""

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from biengioi.core import access
from biengioi.core.scope import get_scoped_or_404, scoped, within
from biengioi.core.search import matching, search_text
from biengioi.registry.models import OrgUnit, UnitKind

from .models import (
    Award,
    AwardKind,
    EmulationMovement,
    RecipientKind,
    SelfManagementTeam,
)


def _movements(actor: Any) -> QuerySet[EmulationMovement]:
    return scoped(actor, EmulationMovement.objects.select_related("unit"), province_wide=True)


def emulation_movement_list(
    *, actor: Any, unit_id: int | None = None, active_on: date | None = None, q: str = ""
) -> QuerySet[EmulationMovement]:
    """Movements of the actor's province, launched by one unit (and those under it) or running
    on a day, each with `award_count`: the awards under it the actor sees."""
    access.require(actor, "community.view")
    movements = _movements(actor)
    if unit_id:
        unit = scoped(actor, OrgUnit.objects.all(), province_wide=True).filter(pk=unit_id).first()
        movements = movements.filter(unit__path__startswith=unit.path) if unit else movements.none()
    if active_on:
        movements = movements.filter(starts_on__lte=active_on).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=active_on)
        )
    if q:
        fields = ("name", "decision_number", "decision_issuer", "content", "note")
        movements = matching(movements, search_text(q), *fields)
    seen = within(actor, "awards__unit__path")
    return movements.annotate(award_count=Count("awards", filter=seen)).order_by(
        "-starts_on", "-pk"
    )


def emulation_movement_get(*, actor: Any, movement_id: int) -> EmulationMovement:
    """A movement of the actor's province with its reviews (`movement.reviews.all()`)."""
    access.require(actor, "community.view")
    return get_scoped_or_404(
        actor,
        EmulationMovement.objects.select_related("unit", "created_by").prefetch_related("reviews"),
        province_wide=True,
        pk=movement_id,
    )


def award_list(
    *,
    actor: Any,
    movement_id: int | None = None,
    kind: str | None = None,
    recipient_kind: str | None = None,
    start: date | None = None,
    end: date | None = None,
    unit_id: int | None = None,
    team_id: int | None = None,
    q: str = "",
) -> QuerySet[Award]:
    """Awards of the actor's scope: under one movement, of one kind, to collectives or to
    individuals, decided between `start` and `end` (both included), recorded by one unit (and
    those under it), or conferred on one self-management team."""
    access.require(actor, "community.view")
    awards = scoped(
        actor,
        Award.objects.select_related("unit", "movement", "recipient_unit", "recipient_team"),
    )
    if movement_id:
        awards = awards.filter(movement_id=movement_id)
    if kind:
        awards = awards.filter(kind=kind)
    if recipient_kind:
        awards = awards.filter(recipient_kind=recipient_kind)
    if start:
        awards = awards.filter(decision_date__gte=start)
    if end:
        awards = awards.filter(decision_date__lte=end)
    if unit_id:
        unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
        awards = awards.filter(unit__path__startswith=unit.path) if unit else awards.none()
    if team_id:
        awards = awards.filter(recipient_team_id=team_id)
    if q:
        awards = matching(
            awards,
            search_text(q),
            "recipient_name",
            "recipient_place",
            "position",
            "decision_number",
            "decision_issuer",
            "conferred_by",
            "reason",
            "kind",
        )
    return awards.order_by("-decision_date", "-pk")


def award_totals(awards: QuerySet[Award]) -> dict[str, Any]:
    """Awards over `awards`, to collectives and individuals, the money, and the same by kind
    (kinds in their usual order, those with none left out)."""
    collective = Count("pk", filter=Q(recipient_kind=RecipientKind.COLLECTIVE))
    individual = Count("pk", filter=Q(recipient_kind=RecipientKind.INDIVIDUAL))
    plain = awards.order_by()
    totals: dict[str, Any] = plain.aggregate(
        awards=Count("pk"),
        collective=collective,
        individual=individual,
        amount_vnd=Sum("amount_vnd"),
    )
    totals["amount_vnd"] = int(totals["amount_vnd"] or 0)
    rows = {
        row["kind"]: row
        for row in plain.values("kind").annotate(
            awards=Count("pk"), collective=collective, individual=individual
        )
    }
    totals["by_kind"] = [
        {
            "kind": kind.value,
            "label": str(kind.label),
            "awards": rows[kind.value]["awards"],
            "collective": rows[kind.value]["collective"],
            "individual": rows[kind.value]["individual"],
        }
        for kind in AwardKind
        if kind.value in rows
    ]
    return totals


def award_get(*, actor: Any, award_id: int) -> Award:
    access.require(actor, "community.view")
    return get_scoped_or_404(
        actor,
        Award.objects.select_related(
            "unit", "movement", "recipient_unit", "recipient_team", "created_by"
        ),
        pk=award_id,
    )


def emulation_units(*, actor: Any) -> QuerySet[OrgUnit]:
    """Units of the actor's scope that launch movements and record awards (not communes)."""
    access.require(actor, "community.view")
    return scoped(actor, OrgUnit.objects.exclude(kind=UnitKind.COMMUNE)).order_by("path")


def award_recipient_units(*, actor: Any) -> QuerySet[OrgUnit]:
    """Units an award may go to: those of the actor's province."""
    access.require(actor, "community.view")
    return scoped(actor, OrgUnit.objects.all(), province_wide=True).order_by("path")


def award_movements(*, actor: Any) -> QuerySet[EmulationMovement]:
    """Movements an award may be recorded under: those of the actor's province."""
    access.require(actor, "community.view")
    return _movements(actor).order_by("-starts_on", "-pk")


def award_teams(*, actor: Any) -> QuerySet[SelfManagementTeam]:
    """Teams an award may go to: those of the actor's scope."""
    access.require(actor, "community.view")
    return scoped(actor, SelfManagementTeam.objects.select_related("commune")).order_by(
        "commune__name", "name", "pk"
    )
