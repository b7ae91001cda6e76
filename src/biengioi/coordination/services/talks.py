"""Talks with the other side, their agreed points, and the yearly talks plan (DOMAIN §3.14).

Talks are recorded by a unit of the actor's scope whose kind suits the level (a border post for
post-level talks, the Border Guard command for its own, a province-level unit for the
province's), with a counterpart unit facing the border of the unit's province, on a day that has
come. Their agreed points are a list in the order of the minutes; a point that has become a task
stays (its wording may be corrected). Talks may name the item of the yearly plan they fulfil: an
item of the actor's scope, of the same year and counterpart, not fulfilled already.
"""

import uuid
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.formats import date_format

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import choice, in_force, past_day, replay
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.text import clean_text
from biengioi.registry.models import CounterpartUnit, OrgUnit, UnitKind

from ..models import AgreedPoint, PlannedTalks, Talks, TalksHostSide, TalksLevel, Task
from .conferences import PERMISSION, _unit_for_write

MAX_POINTS = 100
LEVEL_KINDS = {
    TalksLevel.PROVINCE: {
        UnitKind.PROVINCE,
        UnitKind.STEERING_COMMITTEE,
        UnitKind.FOREIGN_AFFAIRS,
        UnitKind.AGENCY,
    },
    TalksLevel.BORDER_GUARD: {UnitKind.BORDER_GUARD_COMMAND},
    TalksLevel.POST: {UnitKind.BORDER_POST},
}
_TALKS_FIELDS = [
    "uuid",
    "version",
    "level",
    "unit",
    "counterpart",
    "our_head",
    "their_head",
    "held_on",
    "host_side",
    "place",
    "agenda",
    "minutes_ref",
    "planned",
    "note",
]
_TALKS_TEXT = {"our_head": 200, "their_head": 200, "place": 200, "minutes_ref": 300}
_TALKS_PARAGRAPHS = {"agenda": 8000, "note": 4000}
_TALKS_EDITABLE = {"level", "counterpart_id", "held_on", "host_side", "planned_id"}
_TALKS_EDITABLE |= set(_TALKS_TEXT) | set(_TALKS_PARAGRAPHS)
_PLANNED_FIELDS = [
    "uuid",
    "version",
    "year",
    "unit",
    "level",
    "counterpart",
    "month",
    "quarter",
    "topic",
    "note",
]
_PLANNED_EDITABLE = {"year", "level", "counterpart_id", "month", "quarter", "topic", "note"}


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _number(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def counterpart_for(actor: Any, counterpart_id: Any, unit: OrgUnit, field: str) -> CounterpartUnit:
    """A counterpart unit facing the border of `unit`'s province (the actor's province): one
    registered for another province faces another border."""
    found = (
        scoped(actor, CounterpartUnit.objects.select_related("province"), province_wide=True)
        .filter(pk=_number(counterpart_id))
        .first()
    )
    if found is None or not unit.path.startswith(found.province.path):
        raise DomainError(Code.COUNTERPART_NOT_IN_PROVINCE, field=field, id=counterpart_id)
    return found


def _level_fits(level: str, unit: OrgUnit) -> None:
    if unit.kind not in LEVEL_KINDS[TalksLevel(level)]:
        raise DomainError(Code.TALKS_LEVEL_UNIT, field="unit_id", level=TalksLevel(level).label)


# --- talks -------------------------------------------------------------------------------


def _talks_apply(actor: Any, talks: Talks, data: dict[str, Any]) -> None:
    if "level" in data:
        talks.level = choice(data["level"], TalksLevel, "level")
    _level_fits(talks.level, talks.unit)
    if "counterpart_id" in data:
        talks.counterpart = counterpart_for(
            actor, data["counterpart_id"], talks.unit, "counterpart_id"
        )
    if "held_on" in data:
        talks.held_on = past_day(data["held_on"], "held_on")
    if "host_side" in data:
        talks.host_side = choice(data["host_side"], TalksHostSide, "host_side")
    for key, limit in _TALKS_TEXT.items():
        if key in data:
            setattr(talks, key, clean_text(data[key] or "", field=key, max_length=limit))
    for key, limit in _TALKS_PARAGRAPHS.items():
        if key in data:
            value = clean_text(data[key] or "", field=key, max_length=limit, multiline=True)
            setattr(talks, key, value)
    if "planned_id" in data:
        talks.planned = _planned_for(actor, data["planned_id"], talks)
    if talks.planned is not None:
        _planned_fits(talks.planned, talks)


def _planned_for(actor: Any, planned_id: Any, talks: Talks) -> PlannedTalks | None:
    if planned_id in (None, ""):
        return None
    planned = (
        scoped(actor, PlannedTalks.objects.select_related("counterpart"))
        .filter(pk=_number(planned_id))
        .first()
    )
    if planned is None:
        raise DomainError(Code.PLANNED_NOT_FOUND, field="planned_id", id=planned_id)
    earlier = Talks.objects.filter(planned=planned).exclude(pk=talks.pk).first()
    if earlier is not None:
        raise DomainError(Code.PLANNED_ALREADY_HELD, field="planned_id", day=_day(earlier.held_on))
    return planned


def _planned_fits(planned: PlannedTalks, talks: Talks) -> None:
    if planned.year != talks.held_on.year:
        raise DomainError(Code.PLANNED_OTHER_YEAR, field="planned_id", year=planned.year)
    if planned.counterpart_id != talks.counterpart_id:
        raise DomainError(
            Code.PLANNED_OTHER_COUNTERPART, field="planned_id", name=planned.counterpart.name
        )


def _clean_points(points: Any) -> list[str]:
    if not isinstance(points, list | tuple):
        raise DomainError(Code.REQUIRED, field="agreed_points")
    if len(points) > MAX_POINTS:
        raise DomainError(Code.OUT_OF_RANGE, field="agreed_points", low=0, high=MAX_POINTS)
    texts = [
        clean_text(p or "", field="agreed_points", max_length=2000, multiline=True) for p in points
    ]
    return [t for t in texts if t]


def _set_points(talks: Talks, texts: list[str]) -> None:
    """Make the talks' points `texts`, in order: a point keeps its row (and its tasks) at its
    position; one with a task is never dropped."""
    existing = {p.position: p for p in talks.points.all()}
    tasked = set(
        Task.objects.filter(agreed_point__talks=talks).values_list(
            "agreed_point__position", flat=True
        )
    )
    for position in sorted(existing):
        if position > len(texts) and position in tasked:
            raise DomainError(Code.AGREED_POINT_HAS_TASK, field="agreed_points", n=position)
    for position, dropped in existing.items():
        if position > len(texts):
            dropped.delete()
    for position, text in enumerate(texts, start=1):
        kept = existing.get(position)
        if kept is None:
            AgreedPoint.objects.create(talks=talks, position=position, text=text)
        elif kept.text != text:
            kept.text = text
            kept.save(update_fields=["text"])


def _talks_snapshot(talks: Talks) -> dict[str, Any]:
    after = audit.snapshot(talks, _TALKS_FIELDS) or {}
    after["agreed_points"] = list(talks.points.order_by("position").values_list("text", flat=True))
    return after


def talks_create(
    *,
    actor: Any,
    unit_id: int,
    level: str,
    counterpart_id: int,
    held_on: date,
    host_side: str,
    agreed_points: list[str] | None = None,
    planned_id: int | None = None,
    client_id: uuid.UUID | None = None,
    **data: Any,
) -> tuple[Talks, bool]:
    """Record talks a unit of the actor's scope held with a counterpart unit, with the points
    agreed. Returns them and whether they were made now (a `client_id` sent again returns the
    first)."""
    access.require(actor, PERMISSION)
    unknown = set(data) - _TALKS_EDITABLE
    if unknown:
        raise TypeError(f"talks_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(Talks, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            talks = Talks(
                uuid=client_id or uuid.uuid4(),
                unit=_unit_for_write(actor, unit_id),
                created_by=actor,
            )
            _talks_apply(
                actor,
                talks,
                {
                    **data,
                    "level": level,
                    "counterpart_id": counterpart_id,
                    "held_on": held_on,
                    "host_side": host_side,
                    "planned_id": planned_id,
                },
            )
            in_force(talks.unit, talks.held_on, field="unit_id")
            texts = _clean_points(agreed_points or [])
            talks.save()
            _set_points(talks, texts)
            audit.record(
                actor,
                "talks.create",
                talks,
                scope_path=talks.unit.path,
                after=_talks_snapshot(talks),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(Talks, actor, client_id)):
            return earlier, False
        raise
    return talks, True


def talks_update(
    *,
    actor: Any,
    talks_id: int,
    version: int,
    agreed_points: list[str] | None = None,
    **changes: Any,
) -> Talks:
    """Correct talks; `agreed_points`, when sent, replaces the list (a point that became a task
    stays). The day stays no later than the deadline of a task from its points."""
    access.require(actor, PERMISSION)
    unknown = set(changes) - _TALKS_EDITABLE
    if unknown:
        raise TypeError(f"talks_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        talks = get_scoped_or_404(
            actor,
            Talks.objects.select_for_update(of=("self",)).select_related(
                "unit", "counterpart", "planned"
            ),
            pk=talks_id,
        )
        if talks.version != version:
            raise Stale(talks, version)
        before = _talks_snapshot(talks)
        _talks_apply(actor, talks, changes)
        earliest = (
            Task.objects.filter(agreed_point__talks=talks)
            .order_by("deadline")
            .values_list("deadline", flat=True)
            .first()
        )
        if earliest is not None and earliest < talks.held_on:
            raise DomainError(Code.TALKS_AFTER_DEADLINE, field="held_on", day=_day(earliest))
        texts = _clean_points(agreed_points) if agreed_points is not None else None
        talks.version += 1
        talks.save()
        if texts is not None:
            _set_points(talks, texts)
        audit.record(
            actor,
            "talks.update",
            talks,
            scope_path=talks.unit.path,
            before=before,
            after=_talks_snapshot(talks),
        )
    return talks


# --- the yearly plan ---------------------------------------------------------------------


def _small(value: Any, field: str, low: int, high: int) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise DomainError(Code.OUT_OF_RANGE, field=field, low=low, high=high)
    return value


def _planned_apply(actor: Any, planned: PlannedTalks, data: dict[str, Any]) -> None:
    if "year" in data:
        year = _small(data["year"], "year", 2000, 2100)
        if year is None:
            raise DomainError(Code.REQUIRED, field="year")
        planned.year = year
    if "level" in data:
        planned.level = choice(data["level"], TalksLevel, "level")
    _level_fits(planned.level, planned.unit)
    if "counterpart_id" in data:
        planned.counterpart = counterpart_for(
            actor, data["counterpart_id"], planned.unit, "counterpart_id"
        )
    if "month" in data:
        planned.month = _small(data["month"], "month", 1, 12)
    if "quarter" in data:
        planned.quarter = _small(data["quarter"], "quarter", 1, 4)
    if (planned.month is None) == (planned.quarter is None):
        raise DomainError(Code.PLAN_MONTH_OR_QUARTER, field="month")
    if "topic" in data:
        planned.topic = clean_text(
            data["topic"] or "", field="topic", max_length=300, required=True
        )
    if "note" in data:
        planned.note = clean_text(data["note"] or "", field="note", max_length=4000, multiline=True)


def planned_talks_create(
    *,
    actor: Any,
    unit_id: int,
    year: int,
    level: str,
    counterpart_id: int,
    topic: str,
    month: int | None = None,
    quarter: int | None = None,
    note: str = "",
    client_id: uuid.UUID | None = None,
) -> tuple[PlannedTalks, bool]:
    """Put talks in the yearly plan of a unit of the actor's scope (in a month or a quarter)."""
    access.require(actor, PERMISSION)
    if client_id is not None and (earlier := replay(PlannedTalks, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            planned = PlannedTalks(
                uuid=client_id or uuid.uuid4(),
                unit=_unit_for_write(actor, unit_id),
                created_by=actor,
            )
            _planned_apply(
                actor,
                planned,
                {
                    "year": year,
                    "level": level,
                    "counterpart_id": counterpart_id,
                    "month": month,
                    "quarter": quarter,
                    "topic": topic,
                    "note": note,
                },
            )
            planned.save()
            audit.record(
                actor,
                "talks_plan.create",
                planned,
                scope_path=planned.unit.path,
                after=audit.snapshot(planned, _PLANNED_FIELDS),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(PlannedTalks, actor, client_id)):
            return earlier, False
        raise
    return planned, True


def planned_talks_update(
    *, actor: Any, planned_id: int, version: int, **changes: Any
) -> PlannedTalks:
    """Correct an item of the plan; once talks fulfil it, its year and counterpart stay theirs."""
    access.require(actor, PERMISSION)
    unknown = set(changes) - _PLANNED_EDITABLE
    if unknown:
        raise TypeError(f"planned_talks_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        planned = get_scoped_or_404(
            actor,
            PlannedTalks.objects.select_for_update(of=("self",)).select_related(
                "unit", "counterpart"
            ),
            pk=planned_id,
        )
        if planned.version != version:
            raise Stale(planned, version)
        before = audit.snapshot(planned, _PLANNED_FIELDS)
        _planned_apply(actor, planned, changes)
        held = Talks.objects.filter(planned=planned).first()
        if held is not None:
            if held.held_on.year != planned.year:
                raise DomainError(Code.PLANNED_OTHER_YEAR, field="year", year=held.held_on.year)
            if held.counterpart_id != planned.counterpart_id:
                raise DomainError(
                    Code.PLANNED_OTHER_COUNTERPART, field="counterpart_id", name=held.counterpart
                )
        planned.version += 1
        planned.save()
        audit.record(
            actor,
            "talks_plan.update",
            planned,
            scope_path=planned.unit.path,
            before=before,
            after=audit.snapshot(planned, _PLANNED_FIELDS),
        )
    return planned
