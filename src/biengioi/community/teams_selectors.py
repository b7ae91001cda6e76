"""Reads of the self-management teams, cut to the actor's unit scope: the team list with its
filters, the table "Phong trào Chỉ thị 01" (teams by kind, members by type, km and markers
self-managed), a team with its members, markers, activity log and reviews."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from biengioi.core import access
from biengioi.core.errors import Code, DomainError
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.search import matching, search_text
from biengioi.registry import identifiers
from biengioi.registry.models import AdminUnit, Marker, OrgUnit, UnitKind

from .models import MemberKind, SelfManagementTeam, TeamKind, TeamMember

THOUSANDTH = Decimal("0.001")  # km as stored, the same on SQLite and PostgreSQL


def team_list(
    *,
    actor: Any,
    unit_id: int | None = None,
    commune_id: int | None = None,
    kind: str = "",
    q: str = "",
) -> QuerySet[SelfManagementTeam]:
    """Teams guided by the actor's units (one unit and those under it), of one commune, of one
    kind, or whose name holds `q`."""
    access.require(actor, "community.view")
    teams = scoped(actor, SelfManagementTeam.objects.select_related("unit", "commune"))
    if unit_id:
        unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
        teams = teams.filter(unit__path__startswith=unit.path) if unit else teams.none()
    if commune_id:
        teams = teams.filter(commune_id=commune_id)
    if kind:
        teams = teams.filter(kind=kind)
    if q:
        teams = matching(
            teams, search_text(q), "name", "village", "leader", "commune__name", "note", "kind"
        )
    return teams.order_by("commune__name", "name", "pk")


def _count(model: Any, **extra: Any) -> Coalesce:
    rows = model.objects.filter(team=OuterRef("pk"), **extra).order_by().values("team")
    return Coalesce(
        Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0
    )


def with_counts(teams: QuerySet[SelfManagementTeam]) -> QuerySet[SelfManagementTeam]:
    """Each team with its current members (not left) and the number of its markers."""
    through: Any = SelfManagementTeam.markers.through
    markers = (
        through.objects.filter(selfmanagementteam=OuterRef("pk"))
        .order_by()
        .values("selfmanagementteam")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return teams.annotate(
        member_count=_count(TeamMember, left_on__isnull=True),
        marker_count=Coalesce(Subquery(markers, output_field=IntegerField()), 0),
    )


@dataclass
class KindRow:
    kind: str
    label: Any
    teams: int = 0
    members: int = 0
    km: Decimal = Decimal(0)
    markers: int = 0
    vessels: int = 0


@dataclass
class TeamSummary:
    """The table "Phong trào Chỉ thị 01": teams by kind, then members by type and what is
    self-managed in all (markers counted once even if two teams name the same)."""

    rows: list[KindRow] = field(default_factory=list)
    teams: int = 0
    collectives: int = 0
    households: int = 0
    individuals: int = 0
    km: Decimal = Decimal(0)
    markers: int = 0
    vessels: int = 0

    @property
    def members(self) -> int:
        return self.collectives + self.households + self.individuals


def team_summary(teams: QuerySet[SelfManagementTeam]) -> TeamSummary:
    ids = teams.order_by().values("pk")
    summary = TeamSummary(km=Decimal(0).quantize(THOUSANDTH))
    per_kind = {
        r["kind"]: r
        for r in teams.order_by()
        .values("kind")
        .annotate(n=Count("pk"), km=Sum("km_managed"), vessels=Sum("vessels_managed"))
    }
    members = {
        r["team__kind"]: r["n"]
        for r in TeamMember.objects.filter(team__in=ids, left_on__isnull=True)
        .values("team__kind")
        .annotate(n=Count("pk"))
    }
    through: Any = SelfManagementTeam.markers.through
    markers = {
        r["selfmanagementteam__kind"]: r["n"]
        for r in through.objects.filter(selfmanagementteam__in=ids)
        .values("selfmanagementteam__kind")
        .annotate(n=Count("marker", distinct=True))
    }
    for kind in TeamKind:
        row = per_kind.get(kind.value)
        if row is None:
            continue
        summary.rows.append(
            KindRow(
                kind=kind.value,
                label=kind.label,
                teams=row["n"],
                members=members.get(kind.value, 0),
                km=(row["km"] or Decimal(0)).quantize(THOUSANDTH),
                markers=markers.get(kind.value, 0),
                vessels=row["vessels"] or 0,
            )
        )
        summary.teams += row["n"]
        summary.km += (row["km"] or Decimal(0)).quantize(THOUSANDTH)
        summary.vessels += row["vessels"] or 0
    by_type = TeamMember.objects.filter(team__in=ids, left_on__isnull=True).aggregate(
        collectives=Count("pk", filter=Q(kind=MemberKind.COLLECTIVE)),
        households=Count("pk", filter=Q(kind=MemberKind.HOUSEHOLD)),
        individuals=Count("pk", filter=Q(kind=MemberKind.INDIVIDUAL)),
    )
    summary.collectives = by_type["collectives"]
    summary.households = by_type["households"]
    summary.individuals = by_type["individuals"]
    summary.markers = (
        through.objects.filter(selfmanagementteam__in=ids).values("marker").distinct().count()
    )
    return summary


def team_get(*, actor: Any, team_id: int) -> SelfManagementTeam:
    access.require(actor, "community.view")
    return get_scoped_or_404(
        actor,
        SelfManagementTeam.objects.select_related("unit", "commune", "created_by").prefetch_related(
            "members", "activities", "reviews", "markers__line"
        ),
        pk=team_id,
    )


def member_get(*, actor: Any, member_id: int) -> TeamMember:
    access.require(actor, "community.view")
    return get_scoped_or_404(
        actor, TeamMember.objects.select_related("team__unit", "team__commune"), pk=member_id
    )


def team_units(*, actor: Any) -> QuerySet[OrgUnit]:
    """Units of the actor's scope that guide teams: the Border Guard command and its posts."""
    access.require(actor, "community.view")
    kinds = [UnitKind.BORDER_GUARD_COMMAND, UnitKind.BORDER_POST]
    return scoped(actor, OrgUnit.objects.filter(kind__in=kinds)).order_by("path")


def team_communes(*, actor: Any) -> QuerySet[AdminUnit]:
    """Communes a team may belong to: those of the markers of the actor's province, and those
    teams of the actor's scope already belong to."""
    access.require(actor, "community.view")
    markers = scoped(actor, Marker.objects.all(), province_wide=True)
    teams = scoped(actor, SelfManagementTeam.objects.all())
    return (
        AdminUnit.objects.filter(
            Q(pk__in=markers.values("commune")) | Q(pk__in=teams.values("commune"))
        )
        .distinct()
        .order_by("name")
    )


def marker_ids(*, actor: Any, commune_id: int | None, text: str, field: str) -> list[int]:
    """Marker identifiers typed on a form ("605, 606(1)") as ids: the marker of that identifier
    in the team's commune when there is one, else any in the actor's province (which the
    service then refuses, naming its commune)."""
    access.require(actor, "community.view")
    markers = scoped(actor, Marker.objects.all(), province_wide=True)
    ids = []
    for part in text.replace(";", ",").split(","):
        if not part.strip():
            continue
        identifier = str(identifiers.parse(part.strip(), field=field))
        found = list(markers.filter(identifier=identifier).values_list("pk", "commune_id"))
        if not found:
            raise DomainError(Code.MARKER_NOT_FOUND, field=field, identifier=identifier)
        ids.append(next((pk for pk, c in found if c == commune_id), found[0][0]))
    return ids
