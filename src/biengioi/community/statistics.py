"""Community work's figures for a periodic report: plain numbers, one tuple per figure with a value
for each period asked, computed in the database a section at a time.

Every function takes the materialised paths of the scope (the scope unit's subtree and those of
the units it took over from: registry.statistics.scope_paths) and the periods as (first day,
last day) spans; the caller has checked that the actor sees that unit. Figures of a state
("teams standing", "pairs twinned") are taken at each period's last day. What each figure counts
is written in docs/reports.md.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db.models import Q

from biengioi.core.stats import (
    Number,
    Span,
    as_of,
    count,
    grouped_over_spans,
    over_spans,
    total,
    under,
)

from .models import (
    Award,
    MemberKind,
    ProgrammeActivity,
    ProgrammeBeneficiary,
    PropagandaSession,
    RecipientKind,
    SelfManagementTeam,
    TeamMember,
    TrainingCourse,
    Twinning,
    TwinningActivity,
    TwinningActivityKind,
)

Pairs = dict[str, tuple[Number, ...]]
Grouped = dict[Any, Pairs]


# --- propaganda and training --------------------------------------------------------------------

_SESSION = {
    "sessions": count(),
    "listeners": total("listeners"),
    "leaflets": total("leaflets"),
    "calendars": total("calendars"),
    "handbooks": total("handbooks"),
}


def propaganda(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per form: sessions held in the period, listeners and materials handed out."""
    rows = PropagandaSession.objects.filter(under("unit__path", paths))
    return grouped_over_spans(rows, spans, "form", _SESSION, date_field="on")


def propaganda_by_commune(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per commune (as recorded): sessions held in the period and listeners."""
    rows = PropagandaSession.objects.filter(under("unit__path", paths))
    measures = {"sessions": _SESSION["sessions"], "listeners": _SESSION["listeners"]}
    return grouped_over_spans(rows, spans, "commune", measures, date_field="on")


def training(paths: Sequence[str], spans: Sequence[Span]) -> Pairs:
    """Courses begun in the period, their participants and the people they trained; the
    distinct self-management teams they trained (a second query: the teams are a many-to-many
    that would multiply the sums)."""
    rows = TrainingCourse.objects.filter(under("unit__path", paths))
    figures = over_spans(
        rows,
        spans,
        {
            "courses": count(),
            "participants": total("participants"),
            "people_trained": total("people_trained"),
        },
        date_field="starts_on",
    )
    teams = over_spans(
        rows, spans, {"teams": count(field="teams", distinct=True)}, date_field="starts_on"
    )
    return figures | teams


# --- self-management teams ----------------------------------------------------------------------


def _team_standing(prefix: str = "") -> Any:
    return lambda s, e: Q(**{f"{prefix}founded_on__lte": e})


def _member_standing(s: date, e: date) -> Q:
    return Q(registered_on__lte=e, team__founded_on__lte=e) & (Q(left_on=None) | Q(left_on__gt=e))


def teams(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per team kind: teams standing at the period's end (founded by then), founded in the
    period, km and vessels they self-manage (as recorded now)."""
    rows = SelfManagementTeam.objects.filter(under("unit__path", paths))
    return grouped_over_spans(
        rows,
        spans,
        "kind",
        {
            "teams": as_of(_team_standing()),
            "founded": as_of(lambda s, e: Q(founded_on__gte=s, founded_on__lte=e)),
            "km": as_of(_team_standing(), field="km_managed", sum=True),
            "vessels": as_of(_team_standing(), field="vessels_managed", sum=True),
        },
    )


def team_members(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per team kind: members registered at the period's end (not left), by what they are."""
    rows = TeamMember.objects.filter(under("team__unit__path", paths))

    def standing(kind: str | None = None) -> Any:
        if kind is None:
            return as_of(_member_standing)
        return as_of(lambda s, e: _member_standing(s, e) & Q(kind=kind))

    return grouped_over_spans(
        rows,
        spans,
        "team__kind",
        {
            "members": standing(),
            "collectives": standing(MemberKind.COLLECTIVE),
            "households": standing(MemberKind.HOUSEHOLD),
            "individuals": standing(MemberKind.INDIVIDUAL),
        },
    )


def team_markers(paths: Sequence[str], spans: Sequence[Span]) -> Pairs:
    """Distinct markers self-managed by the teams standing at the period's end."""
    rows = SelfManagementTeam.markers.through.objects.filter(
        under("selfmanagementteam__unit__path", paths)
    )
    return over_spans(
        rows,
        spans,
        {
            "markers": as_of(
                lambda s, e: Q(selfmanagementteam__founded_on__lte=e),
                field="marker",
                distinct=True,
            )
        },
    )


def teams_by_commune(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per commune (as recorded): teams standing at the period's end."""
    rows = SelfManagementTeam.objects.filter(under("unit__path", paths))
    return grouped_over_spans(rows, spans, "commune", {"teams": as_of(_team_standing())})


def members_by_commune(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per commune (as recorded): members of its teams at the period's end."""
    rows = TeamMember.objects.filter(under("team__unit__path", paths))
    return grouped_over_spans(rows, spans, "team__commune", {"members": as_of(_member_standing)})


# --- twinning -----------------------------------------------------------------------------------


def _twinned(s: date, e: date) -> Q:
    return Q(signed_on__lte=e) & (Q(ended_on=None) | Q(ended_on__gt=e))


def twinning(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per kind: pairs twinned at the period's end (signed by then, not ended), signed in it."""
    rows = Twinning.objects.filter(under("unit__path", paths))
    return grouped_over_spans(
        rows,
        spans,
        "kind",
        {
            "pairs": as_of(_twinned),
            "signed": as_of(lambda s, e: Q(signed_on__gte=s, signed_on__lte=e)),
        },
    )


def twinning_activities(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per kind of pair: twinning meetings (giao ban kết nghĩa) and other joint activities held
    in the period."""
    rows = TwinningActivity.objects.filter(under("twinning__unit__path", paths))
    meeting = Q(kind=TwinningActivityKind.MEETING)
    return grouped_over_spans(
        rows,
        spans,
        "twinning__kind",
        {"meetings": count(meeting), "activities": count(~meeting)},
        date_field="on",
    )


# --- programmes and awards ----------------------------------------------------------------------


def _supported(s: date, e: date) -> Q:
    return Q(since__lte=e) & (Q(until=None) | Q(until__gte=e))


def programme_beneficiaries(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per kind of programme: people supported at the period's end, taken on in the period,
    and the monthly support of those supported at the end."""
    rows = ProgrammeBeneficiary.objects.filter(under("unit__path", paths))
    return grouped_over_spans(
        rows,
        spans,
        "programme__kind",
        {
            "beneficiaries": as_of(_supported),
            "taken_on": as_of(lambda s, e: Q(since__gte=s, since__lte=e)),
            "monthly_vnd": as_of(_supported, field="monthly_vnd", sum=True),
        },
    )


def programme_activities(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per kind of programme: activities held in the period, people served, money spent."""
    rows = ProgrammeActivity.objects.filter(under("unit__path", paths))
    return grouped_over_spans(
        rows,
        spans,
        "programme__kind",
        {
            "activities": count(),
            "people_served": total("people_served"),
            "spent_vnd": total("spent_vnd"),
        },
        date_field="on",
    )


def awards(paths: Sequence[str], spans: Sequence[Span]) -> Grouped:
    """Per kind of award: awards decided in the period, to collectives and to individuals, and
    the money they carried."""
    rows = Award.objects.filter(under("unit__path", paths))
    return grouped_over_spans(
        rows,
        spans,
        "kind",
        {
            "awards": count(),
            "collectives": count(Q(recipient_kind=RecipientKind.COLLECTIVE)),
            "individuals": count(Q(recipient_kind=RecipientKind.INDIVIDUAL)),
            "amount_vnd": total("amount_vnd"),
        },
        date_field="decision_date",
    )
