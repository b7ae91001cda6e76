"""Self-management teams under Directive 01/CT-TTg: found a team (what it self-manages: km of
line, markers, vessels; its funding), register and release its members, log what it did, and
record the commune's yearly review on the All-People Border Defence Day (3 March).

A marker a team self-manages stands in the team's commune; a member registers, and an activity
or a review happens, no earlier than the team was founded; a team is reviewed once a year, on a
day of that year.
"""

import uuid
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.formats import date_format

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import amount, choice, count, in_force, past_day, replay
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.text import clean_text
from biengioi.registry import selectors as registry
from biengioi.registry.models import Marker, OrgUnit

from ..models import (
    MemberKind,
    ReviewGrade,
    SelfManagementTeam,
    TeamActivity,
    TeamKind,
    TeamMember,
    TeamReview,
)

MAX_MARKERS = 500
MAX_VESSELS = 100_000
_TEAM_FIELDS = [
    "uuid",
    "version",
    "unit",
    "kind",
    "name",
    "commune",
    "village",
    "founded_on",
    "leader",
    "km_managed",
    "vessels_managed",
    "funding_vnd",
    "funding_source",
    "note",
]
_TEAM_EDITABLE = {
    "kind",
    "name",
    "commune_id",
    "village",
    "founded_on",
    "leader",
    "km_managed",
    "vessels_managed",
    "funding_vnd",
    "funding_source",
    "note",
}
_MEMBER_FIELDS = ["uuid", "version", "team", "kind", "name", "registered_on", "left_on"]
_MEMBER_EDITABLE = {"kind", "name", "registered_on", "left_on"}


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _text(data: dict[str, Any], key: str, length: int, *, required: bool = False) -> str:
    return clean_text(
        data.get(key) or "",
        field=key,
        max_length=length,
        required=required,
        multiline=length > 500,
    )


def _unit_for_write(actor: Any, unit_id: Any) -> OrgUnit:
    unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
    if unit is None:
        raise DomainError(Code.UNIT_NOT_IN_SCOPE, field="unit_id")
    return unit


def _apply_team(team: SelfManagementTeam, data: dict[str, Any]) -> None:
    if "kind" in data:
        team.kind = choice(data["kind"], TeamKind, "kind")
    if "name" in data:
        team.name = _text(data, "name", 200, required=True)
    for key, length in (("village", 120), ("leader", 150), ("funding_source", 200)):
        if key in data:
            setattr(team, key, _text(data, key, length))
    if "note" in data:
        team.note = _text(data, "note", 8000)
    if "commune_id" in data:
        team.commune = registry.commune(data["commune_id"])
    if "founded_on" in data:
        team.founded_on = past_day(data["founded_on"], "founded_on")
    if "km_managed" in data:
        km = amount(data["km_managed"], "km_managed", places=3, digits=9)
        team.km_managed = km if km is not None else team._meta.get_field("km_managed").default
    if "vessels_managed" in data:
        team.vessels_managed = count(data["vessels_managed"], "vessels_managed", MAX_VESSELS)
    if "funding_vnd" in data:
        team.funding_vnd = amount(data["funding_vnd"], "funding_vnd")


def _markers(actor: Any, team: SelfManagementTeam, ids: list[Any]) -> list[Marker]:
    """The markers named by `ids`: each one of the actor's province and of the team's commune."""
    if len(ids) > MAX_MARKERS:
        raise DomainError(Code.OUT_OF_RANGE, field="marker_ids", low=0, high=MAX_MARKERS)
    wanted = list(dict.fromkeys(ids))
    found = {
        m.pk: m
        for m in scoped(actor, Marker.objects.select_related("commune"), province_wide=True).filter(
            pk__in=[i for i in wanted if isinstance(i, int)]
        )
    }
    markers = []
    for marker_id in wanted:
        marker = found.get(marker_id)
        if marker is None:
            raise DomainError(Code.MARKER_NOT_FOUND, field="marker_ids", identifier=marker_id)
        if marker.commune_id != team.commune.pk:
            raise DomainError(
                Code.MARKER_OTHER_COMMUNE,
                field="marker_ids",
                identifier=marker.identifier,
                commune=marker.commune.name if marker.commune else "—",
                team_commune=team.commune.name,
            )
        markers.append(marker)
    return markers


def _check_team(team: SelfManagementTeam) -> None:
    """The rules a team keeps whatever was changed: its members, log and reviews come after its
    founding."""
    if team.pk is None:
        return
    for rows, field in (
        (team.members.filter(registered_on__lt=team.founded_on), "registered_on"),
        (team.activities.filter(on__lt=team.founded_on), "on"),
        (team.reviews.filter(held_on__lt=team.founded_on), "held_on"),
    ):
        first = rows.order_by(field).values_list(field, flat=True).first()
        if first is not None:
            raise DomainError(Code.BEFORE_FOUNDED, field="founded_on", day=_day(first))


def _team_snapshot(team: SelfManagementTeam) -> dict[str, Any]:
    after = audit.snapshot(team, _TEAM_FIELDS) or {}
    after["markers"] = sorted(team.markers.values_list("pk", flat=True))
    return after


def team_create(
    *,
    actor: Any,
    unit_id: int,
    kind: str,
    name: str,
    commune_id: int,
    founded_on: date,
    client_id: uuid.UUID | None = None,
    marker_ids: list[int] | None = None,
    **data: Any,
) -> tuple[SelfManagementTeam, bool]:
    """Record a team guided by a unit in the actor's scope, with the markers it self-manages.

    Returns the team and whether it was made now (a `client_id` sent again returns the first).
    """
    access.require(actor, "community.record")
    unknown = set(data) - _TEAM_EDITABLE
    if unknown:
        raise TypeError(f"team_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(SelfManagementTeam, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            team = SelfManagementTeam(
                uuid=client_id or uuid.uuid4(),
                unit=_unit_for_write(actor, unit_id),
                created_by=actor,
            )
            _apply_team(
                team,
                {
                    **data,
                    "kind": kind,
                    "name": name,
                    "commune_id": commune_id,
                    "founded_on": founded_on,
                },
            )
            in_force(team.unit, team.founded_on, field="unit_id")
            markers = _markers(actor, team, marker_ids or [])
            team.save()
            team.markers.set(markers)
            audit.record(
                actor,
                "team.create",
                team,
                scope_path=team.unit.path,
                after=_team_snapshot(team),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(SelfManagementTeam, actor, client_id)):
            return earlier, False
        raise
    return team, True


def team_update(
    *,
    actor: Any,
    team_id: int,
    version: int,
    marker_ids: list[int] | None = None,
    **changes: Any,
) -> SelfManagementTeam:
    """Correct a team. `marker_ids`, when sent, replaces the markers it self-manages; a commune
    changed keeps only if every marker kept stands in the new one."""
    access.require(actor, "community.record")
    unknown = set(changes) - _TEAM_EDITABLE
    if unknown:
        raise TypeError(f"team_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        team = get_scoped_or_404(
            actor,
            SelfManagementTeam.objects.select_for_update(of=("self",)).select_related(
                "unit", "commune"
            ),
            pk=team_id,
        )
        if team.version != version:
            raise Stale(team, version)
        before = _team_snapshot(team)
        _apply_team(team, changes)
        _check_team(team)
        ids = (
            marker_ids
            if marker_ids is not None
            else list(team.markers.values_list("pk", flat=True))
        )
        markers = _markers(actor, team, ids)
        team.version += 1
        team.save()
        team.markers.set(markers)
        audit.record(
            actor,
            "team.update",
            team,
            scope_path=team.unit.path,
            before=before,
            after=_team_snapshot(team),
        )
    return team


def _team_for_write(actor: Any, team_id: int) -> SelfManagementTeam:
    return get_scoped_or_404(
        actor,
        SelfManagementTeam.objects.select_for_update(of=("self",)).select_related("unit"),
        pk=team_id,
    )


def _not_before_founding(team: SelfManagementTeam, value: Any, field: str) -> date:
    day = past_day(value, field)
    if day < team.founded_on:
        raise DomainError(Code.BEFORE_FOUNDED, field=field, day=_day(team.founded_on))
    return day


# --- members ---------------------------------------------------------------------------------


def _apply_member(member: TeamMember, data: dict[str, Any]) -> None:
    if "kind" in data:
        member.kind = choice(data["kind"], MemberKind, "kind")
    if "name" in data:
        member.name = _text(data, "name", 200, required=True)
    if "registered_on" in data:
        member.registered_on = _not_before_founding(
            member.team, data["registered_on"], "registered_on"
        )
    if "left_on" in data:
        left_on = data["left_on"]
        member.left_on = None if left_on in (None, "") else past_day(left_on, "left_on")
    if member.left_on is not None and member.left_on < member.registered_on:
        raise DomainError(Code.ENDED_BEFORE_START, field="left_on", day=_day(member.registered_on))


def team_member_add(
    *,
    actor: Any,
    team_id: int,
    kind: str,
    name: str,
    registered_on: date,
    left_on: date | None = None,
    client_id: uuid.UUID | None = None,
) -> tuple[TeamMember, bool]:
    """Register a collective, household or individual in a team."""
    access.require(actor, "community.record")
    if client_id is not None and (earlier := replay(TeamMember, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            team = _team_for_write(actor, team_id)
            member = TeamMember(uuid=client_id or uuid.uuid4(), team=team, created_by=actor)
            _apply_member(
                member,
                {"kind": kind, "name": name, "registered_on": registered_on, "left_on": left_on},
            )
            member.save()
            audit.record(
                actor,
                "team_member.create",
                member,
                scope_path=team.unit.path,
                after=audit.snapshot(member, _MEMBER_FIELDS),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(TeamMember, actor, client_id)):
            return earlier, False
        raise
    return member, True


def team_member_update(*, actor: Any, member_id: int, version: int, **changes: Any) -> TeamMember:
    """Correct a member, or record the day it left the team."""
    access.require(actor, "community.record")
    unknown = set(changes) - _MEMBER_EDITABLE
    if unknown:
        raise TypeError(f"team_member_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        member = get_scoped_or_404(
            actor,
            TeamMember.objects.select_for_update(of=("self",)).select_related("team__unit"),
            pk=member_id,
        )
        if member.version != version:
            raise Stale(member, version)
        before = audit.snapshot(member, _MEMBER_FIELDS)
        _apply_member(member, changes)
        member.version += 1
        member.save()
        audit.record(
            actor,
            "team_member.update",
            member,
            scope_path=member.team.unit.path,
            before=before,
            after=audit.snapshot(member, _MEMBER_FIELDS),
        )
    return member


# --- activity log and yearly reviews ---------------------------------------------------------


def team_activity_add(
    *,
    actor: Any,
    team_id: int,
    on: date,
    summary: str,
    client_id: uuid.UUID | None = None,
) -> tuple[TeamActivity, bool]:
    """Log what a team did on a day (a patrol of its stretch of line, a marker cleared, a
    meeting)."""
    access.require(actor, "community.record")
    if client_id is not None and (earlier := replay(TeamActivity, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            team = _team_for_write(actor, team_id)
            activity = TeamActivity(
                uuid=client_id or uuid.uuid4(),
                team=team,
                on=_not_before_founding(team, on, "on"),
                summary=clean_text(
                    summary or "", field="summary", max_length=4000, required=True, multiline=True
                ),
                created_by=actor,
            )
            activity.save()
            audit.record(
                actor,
                "team_activity.create",
                activity,
                scope_path=team.unit.path,
                after=audit.snapshot(activity, ["uuid", "team", "on", "summary"]),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(TeamActivity, actor, client_id)):
            return earlier, False
        raise
    return activity, True


def team_review_add(
    *,
    actor: Any,
    team_id: int,
    year: int,
    held_on: date,
    grade: str,
    note: str = "",
    client_id: uuid.UUID | None = None,
) -> tuple[TeamReview, bool]:
    """Record the commune's review of a team for a year (held around 3 March): one a year."""
    access.require(actor, "community.record")
    if client_id is not None and (earlier := replay(TeamReview, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            team = _team_for_write(actor, team_id)
            year = count(year, "year", high=9999, low=1900)
            held_on = _not_before_founding(team, held_on, "held_on")
            if held_on.year != year:
                raise DomainError(Code.REVIEW_YEAR, field="held_on", year=year)
            if team.reviews.filter(year=year).exists():
                raise DomainError(Code.REVIEW_TWICE, field="year", year=year)
            review = TeamReview(
                uuid=client_id or uuid.uuid4(),
                team=team,
                year=year,
                held_on=held_on,
                grade=choice(grade, ReviewGrade, "grade"),
                note=clean_text(note or "", field="note", max_length=4000, multiline=True),
                created_by=actor,
            )
            review.save()
            audit.record(
                actor,
                "team_review.create",
                review,
                scope_path=team.unit.path,
                after=audit.snapshot(review, ["uuid", "team", "year", "held_on", "grade", "note"]),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(TeamReview, actor, client_id)):
            return earlier, False
        raise
    return review, True
