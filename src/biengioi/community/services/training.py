"""Training courses (tập huấn, bồi dưỡng): record a course a unit organised, with the teams it
trained, and correct it.

A course is organised by a unit of the actor's scope; it ends no earlier than it starts, and
neither day is still to come; its counts are never negative; every team it names is one the
actor sees (a team of another unit's scope is refused, naming `team_ids`).
"""

import uuid
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.formats import date_format

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import count, in_force, past_day, replay
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.text import clean_text
from biengioi.registry.models import OrgUnit

from ..models import SelfManagementTeam, TrainingCourse

MAX_PEOPLE = 100_000
MAX_TEAMS = 1000
_FIELDS = [
    "uuid",
    "version",
    "unit",
    "title",
    "starts_on",
    "ends_on",
    "place",
    "participants",
    "people_trained",
    "note",
]
_EDITABLE = {"title", "starts_on", "ends_on", "place", "participants", "people_trained", "note"}


def _unit_for_write(actor: Any, unit_id: Any) -> OrgUnit:
    unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first() if unit_id else None
    if unit is None:
        raise DomainError(Code.UNIT_NOT_IN_SCOPE, field="unit_id")
    return unit


def _apply(course: TrainingCourse, data: dict[str, Any]) -> None:
    if "title" in data:
        course.title = clean_text(data["title"] or "", field="title", max_length=200, required=True)
    if "place" in data:
        course.place = clean_text(data["place"] or "", field="place", max_length=200)
    if "note" in data:
        course.note = clean_text(data["note"] or "", field="note", max_length=4000, multiline=True)
    if "starts_on" in data:
        course.starts_on = past_day(data["starts_on"], "starts_on")
    if "ends_on" in data:
        course.ends_on = past_day(data["ends_on"], "ends_on")
    if course.ends_on < course.starts_on:
        raise DomainError(
            Code.ENDED_BEFORE_START,
            field="ends_on",
            day=date_format(course.starts_on, "SHORT_DATE_FORMAT"),
        )
    for key in ("participants", "people_trained"):
        if key in data:
            setattr(course, key, count(data[key], key, MAX_PEOPLE))


def _teams(
    actor: Any, ids: list[Any], kept: TrainingCourse | None = None
) -> list[SelfManagementTeam]:
    """The teams named by `ids` (in the order given, each once): each one the actor sees, or
    one the course `kept` already names (a course may have been recorded by a wider unit)."""
    if len(ids) > MAX_TEAMS:
        raise DomainError(Code.OUT_OF_RANGE, field="team_ids", low=0, high=MAX_TEAMS)
    wanted = list(dict.fromkeys(ids))
    numbers = [i for i in wanted if isinstance(i, int) and not isinstance(i, bool)]
    found = scoped(actor, SelfManagementTeam.objects.all()).in_bulk(numbers)
    if kept is not None:
        found = {**kept.teams.in_bulk(numbers), **found}
    teams = []
    for team_id in wanted:
        team = found.get(team_id)
        if team is None:
            raise DomainError(Code.TEAM_NOT_IN_SCOPE, field="team_ids", id=team_id)
        teams.append(team)
    return teams


def _snapshot(course: TrainingCourse) -> dict[str, Any]:
    after = audit.snapshot(course, _FIELDS) or {}
    after["teams"] = sorted(course.teams.values_list("pk", flat=True))
    return after


def training_course_create(
    *,
    actor: Any,
    unit_id: int,
    title: str,
    starts_on: date,
    ends_on: date,
    client_id: uuid.UUID | None = None,
    team_ids: list[int] | None = None,
    **data: Any,
) -> tuple[TrainingCourse, bool]:
    """Record a course organised by a unit of the actor's scope, with the teams it trained.

    Returns the course and whether it was made now (a `client_id` sent again returns the first).
    """
    access.require(actor, "community.record")
    unknown = set(data) - _EDITABLE
    if unknown:
        raise TypeError(f"training_course_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(TrainingCourse, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            course = TrainingCourse(
                uuid=client_id or uuid.uuid4(),
                unit=_unit_for_write(actor, unit_id),
                created_by=actor,
            )
            course.starts_on = past_day(starts_on, "starts_on")
            course.ends_on = past_day(ends_on, "ends_on")
            in_force(course.unit, course.starts_on, field="unit_id")
            _apply(course, {**data, "title": title})
            teams = _teams(actor, team_ids or [])
            course.save()
            course.teams.set(teams)
            audit.record(
                actor,
                "training_course.create",
                course,
                scope_path=course.unit.path,
                after=_snapshot(course),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(TrainingCourse, actor, client_id)):
            return earlier, False
        raise
    return course, True


def training_course_update(
    *,
    actor: Any,
    course_id: int,
    version: int,
    team_ids: list[int] | None = None,
    **changes: Any,
) -> TrainingCourse:
    """Correct a course. `team_ids`, when sent, replaces the teams it trained: each one the
    actor sees or the course already named."""
    access.require(actor, "community.record")
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise TypeError(f"training_course_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        course = get_scoped_or_404(
            actor,
            TrainingCourse.objects.select_for_update(of=("self",)).select_related("unit"),
            pk=course_id,
        )
        if course.version != version:
            raise Stale(course, version)
        before = _snapshot(course)
        _apply(course, changes)
        teams = _teams(actor, team_ids, kept=course) if team_ids is not None else None
        course.version += 1
        course.save()
        if teams is not None:
            course.teams.set(teams)
        audit.record(
            actor,
            "training_course.update",
            course,
            scope_path=course.unit.path,
            after=_snapshot(course),
            before=before,
        )
    return course
