"""Reads of the twinnings, cut to the actor's scope: the pairs with their filters and the counts
the reports quote ("15 cặp cụm xã với các trấn (hương) và 5 cặp cụm thôn bản"), a pair with what
it did, and what the forms offer (following units, the province's border posts, communes and
villages, counterpart units, the neighbours' subdivisions and countries)."""

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from biengioi.core import access
from biengioi.core.scope import get_scoped_or_404, province_path, scoped
from biengioi.core.search import matching, search_text
from biengioi.registry.models import (
    AdminLevel,
    AdminUnit,
    BorderLine,
    CounterpartUnit,
    Country,
    ForeignSubdivision,
    OrgUnit,
    SectionCommune,
    UnitKind,
)

from .models import Twinning, TwinningActivity, TwinningActivityKind, TwinningKind

_LINKED = [
    f"{side}_{key}"
    for side in Twinning.MEMBERS
    for key in ("admin_unit", "org_unit", "counterpart", "subdivision", "country")
]


def twinning_list(
    *,
    actor: Any,
    kind: str = "",
    unit_id: int | None = None,
    active: bool | None = None,
    start: date | None = None,
    end: date | None = None,
    q: str = "",
) -> QuerySet[Twinning]:
    """Pairs of the actor's scope of one kind, followed by one unit and those under it, still
    going on (or ended), signed between `start` and `end` (both included)."""
    access.require(actor, "community.view")
    rows = scoped(actor, Twinning.objects.select_related("unit", *_LINKED))
    if kind:
        rows = rows.filter(kind=kind)
    if unit_id:
        unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
        rows = rows.filter(unit__path__startswith=unit.path) if unit else rows.none()
    if active is not None:
        rows = rows.filter(ended_on__isnull=active)
    if start:
        rows = rows.filter(signed_on__gte=start)
    if end:
        rows = rows.filter(signed_on__lte=end)
    if q:
        rows = matching(
            rows, search_text(q), "first_name", "second_name", "regulation_title", "note", "kind"
        )
    return rows.order_by("-signed_on", "-pk")


def with_activity_counts(rows: QuerySet[Twinning]) -> QuerySet[Twinning]:
    meeting = Q(activities__kind=TwinningActivityKind.MEETING)
    return rows.annotate(
        meeting_count=Count("activities", filter=meeting),
        activity_count=Count("activities", filter=~meeting),
    )


def twinning_totals(rows: QuerySet[Twinning]) -> dict[str, Any]:
    """Pairs in all, still going on, of each kind, and the meetings and joint activities they
    logged."""
    ids = rows.order_by().values("pk")
    by_kind = dict(
        Twinning.objects.filter(pk__in=ids)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    logged = TwinningActivity.objects.filter(twinning__in=ids).aggregate(
        meetings=Count("pk", filter=Q(kind=TwinningActivityKind.MEETING)),
        activities=Count("pk", filter=~Q(kind=TwinningActivityKind.MEETING)),
    )
    return {
        "twinnings": sum(by_kind.values()),
        "active": Twinning.objects.filter(pk__in=ids, ended_on__isnull=True).count(),
        "by_kind": {kind.value: by_kind.get(kind.value, 0) for kind in TwinningKind},
        **logged,
    }


def twinning_get(*, actor: Any, twinning_id: int) -> Twinning:
    """A pair of the actor's scope with its log (`twinning.activities.all()`, latest first)."""
    access.require(actor, "community.view")
    return get_scoped_or_404(
        actor,
        Twinning.objects.select_related("unit", "created_by", *_LINKED).prefetch_related(
            "activities"
        ),
        pk=twinning_id,
    )


def twinning_units(*, actor: Any) -> QuerySet[OrgUnit]:
    """Units of the actor's scope that follow twinnings (not the communes' own units)."""
    access.require(actor, "community.view")
    return scoped(actor, OrgUnit.objects.exclude(kind=UnitKind.COMMUNE)).order_by("path")


def twinning_posts(*, actor: Any) -> QuerySet[OrgUnit]:
    """The border posts of the actor's province (the Vietnamese member of a post–post pair)."""
    access.require(actor, "community.view")
    return scoped(
        actor, OrgUnit.objects.filter(kind=UnitKind.BORDER_POST), province_wide=True
    ).order_by("name")


def twinning_admin_units(*, actor: Any) -> QuerySet[AdminUnit]:
    """The communes along the province's border and their villages, and the administrative
    units twinnings of the actor's scope already link to."""
    access.require(actor, "community.view")
    communes = scoped(actor, SectionCommune.objects.all(), province_wide=True).values("commune")
    used = scoped(actor, Twinning.objects.all())
    return (
        AdminUnit.objects.filter(
            Q(pk__in=communes, level=AdminLevel.COMMUNE)
            | Q(parent__in=communes, level=AdminLevel.VILLAGE)
            | Q(pk__in=used.values("first_admin_unit"))
            | Q(pk__in=used.values("second_admin_unit"))
        )
        .distinct()
        .order_by("level", "name")
    )


def twinning_counterparts(*, actor: Any) -> QuerySet[CounterpartUnit]:
    access.require(actor, "community.view")
    return scoped(
        actor, CounterpartUnit.objects.select_related("country"), province_wide=True
    ).order_by("country", "name")


def neighbour_countries(*, actor: Any) -> QuerySet[Country]:
    """The countries the actor's province borders."""
    access.require(actor, "community.view")
    path = province_path(actor)
    lines = BorderLine.objects.filter(province__path=path) if path else BorderLine.objects.none()
    return Country.objects.filter(pk__in=lines.values("country")).order_by("code")


def twinning_subdivisions(*, actor: Any) -> QuerySet[ForeignSubdivision]:
    """The subdivisions of the countries the actor's province borders."""
    return ForeignSubdivision.objects.filter(
        country__in=neighbour_countries(actor=actor)
    ).select_related("country")
