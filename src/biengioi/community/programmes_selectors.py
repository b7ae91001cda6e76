"""Reads of the social programmes, cut to the actor's scope: the province's programmes, the
beneficiaries with their filters and totals ("N em được đỡ đầu, tổng M đồng/tháng") and counts
per programme, a beneficiary, the activities with their totals, and what the forms offer.

Who sees a beneficiary: `scoped()` keeps the records whose unit lies in the actor's subtree, so
a beneficiary of a post is seen by that post and by every unit above it (the Border Guard
command, the province), and by no sibling post nor another province. That is the rule for
personal data here, and it is the same `scoped()` every other record goes through; counts and
sums are computed over those rows only.
"""

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from biengioi.core import access
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.search import matching, search_text
from biengioi.registry.models import AdminUnit, Country, OrgUnit, UnitKind
from biengioi.registry.selectors import border_communes

from .models import Programme, ProgrammeActivity, ProgrammeBeneficiary


def programmes(
    *, actor: Any, active_only: bool = False, kinds: list[str] | None = None
) -> QuerySet[Programme]:
    """The programmes of the actor's province (every unit of it reads the same list)."""
    access.require(actor, "community.view")
    found = scoped(actor, Programme.objects.all(), province_wide=True)
    if active_only:
        found = found.filter(active=True)
    if kinds:
        found = found.filter(kind__in=kinds)
    return found.order_by("name")


def programme_get(*, actor: Any, programme_id: int) -> Programme:
    access.require(actor, "community.view")
    return get_scoped_or_404(actor, Programme.objects.all(), province_wide=True, pk=programme_id)


def _under(actor: Any, rows: QuerySet[Any], unit_id: int | None) -> QuerySet[Any]:
    """`rows` of one unit of the actor's scope and those under it."""
    if not unit_id:
        return rows
    unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
    return rows.filter(unit__path__startswith=unit.path) if unit else rows.none()


def beneficiary_list(
    *,
    actor: Any,
    programme_id: int | None = None,
    unit_id: int | None = None,
    on: date | None = None,
    q: str = "",
) -> QuerySet[ProgrammeBeneficiary]:
    """Beneficiaries of the actor's scope (their supporting unit and those above it see them),
    under one programme, supported by one unit and those under it, or supported on a day
    (started by then, not ended before)."""
    access.require(actor, "community.view")
    rows = scoped(
        actor,
        ProgrammeBeneficiary.objects.select_related("programme", "unit", "commune", "country"),
    )
    if programme_id:
        rows = rows.filter(programme_id=programme_id)
    rows = _under(actor, rows, unit_id)
    if on:
        rows = rows.filter(Q(until__isnull=True) | Q(until__gte=on), since__lte=on)
    if q:
        rows = matching(
            rows, search_text(q), "full_name", "programme__name", "place", "note", "commune__name"
        )
    return rows.order_by("programme__name", "full_name", "pk")


def beneficiary_totals(rows: QuerySet[ProgrammeBeneficiary]) -> dict[str, int]:
    """How many beneficiaries and their monthly sums added up, over `rows`."""
    return rows.order_by().aggregate(
        beneficiaries=Count("pk"), monthly_vnd=Coalesce(Sum("monthly_vnd"), 0)
    )


def beneficiary_counts(rows: QuerySet[ProgrammeBeneficiary]) -> list[dict[str, Any]]:
    """Per programme, over `rows` (already cut to what the actor sees): the beneficiaries and
    their monthly sums."""
    counts: Any = (
        rows.order_by()
        .values("programme_id", "programme__name")
        .annotate(beneficiaries=Count("pk"), monthly_vnd=Coalesce(Sum("monthly_vnd"), 0))
        .order_by("programme__name")
    )
    return [dict(row) for row in counts]


def beneficiary_get(*, actor: Any, beneficiary_id: int) -> ProgrammeBeneficiary:
    """A beneficiary the actor's unit supports or oversees; anyone else gets a 404."""
    access.require(actor, "community.view")
    return get_scoped_or_404(
        actor,
        ProgrammeBeneficiary.objects.select_related(
            "programme", "unit", "commune", "country", "created_by"
        ),
        pk=beneficiary_id,
    )


def activity_list(
    *,
    actor: Any,
    programme_id: int | None = None,
    unit_id: int | None = None,
    start: date | None = None,
    end: date | None = None,
    q: str = "",
) -> QuerySet[ProgrammeActivity]:
    """Activities of the actor's scope between `start` and `end` (both included), under one
    programme, or by one unit and those under it."""
    access.require(actor, "community.view")
    rows = scoped(actor, ProgrammeActivity.objects.select_related("programme", "unit", "commune"))
    if programme_id:
        rows = rows.filter(programme_id=programme_id)
    rows = _under(actor, rows, unit_id)
    if start:
        rows = rows.filter(on__gte=start)
    if end:
        rows = rows.filter(on__lte=end)
    if q:
        rows = matching(
            rows, search_text(q), "programme__name", "place", "content", "commune__name"
        )
    return rows.order_by("-on", "-pk")


def activity_totals(rows: QuerySet[ProgrammeActivity]) -> dict[str, int]:
    return rows.order_by().aggregate(
        activities=Count("pk"),
        people_served=Coalesce(Sum("people_served"), 0),
        spent_vnd=Coalesce(Sum("spent_vnd"), 0),
    )


def activity_get(*, actor: Any, activity_id: int) -> ProgrammeActivity:
    access.require(actor, "community.view")
    return get_scoped_or_404(
        actor,
        ProgrammeActivity.objects.select_related("programme", "unit", "commune", "created_by"),
        pk=activity_id,
    )


def programme_units(*, actor: Any, for_write: bool = False) -> QuerySet[OrgUnit]:
    """Units that support beneficiaries or run activities (not the communes' own units)."""
    access.require(actor, "community.record" if for_write else "community.view")
    return scoped(actor, OrgUnit.objects.exclude(kind=UnitKind.COMMUNE)).order_by("path")


def programme_communes(*, actor: Any) -> QuerySet[AdminUnit]:
    """The communes of the province's border area, and any commune the scope's records name."""
    named = scoped(actor, ProgrammeBeneficiary.objects.all()).values("commune_id")
    done = scoped(actor, ProgrammeActivity.objects.all()).values("commune_id")
    border = border_communes(actor=actor).order_by().values("pk")
    return AdminUnit.objects.filter(Q(pk__in=named) | Q(pk__in=done) | Q(pk__in=border)).order_by(
        "name"
    )


def countries() -> QuerySet[Country]:
    """Neighbouring countries a pupil supported across the border may live in."""
    return Country.objects.exclude(code="VN").order_by("name")
