"""Conferences, their conclusion notices and the tasks that follow (DOMAIN §3.13).

A conference is organised by a unit of the actor's scope on a day that has come; the units that
took part are any of the actor's province. Its conclusion notice (one per conference) is issued
no earlier than the conference. A task is assigned to a unit of the actor's scope, from a
conclusion the actor sees or on its own; its deadline is no earlier than its conclusion. Its
status moves only through dated progress updates: a cancelled task takes none (naming `task`),
a done one only an update that reopens it explicitly (naming `status`), and no task goes back
to "new".
"""

import uuid
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import choice, count, in_force, past_day, replay
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.text import clean_text
from biengioi.registry.models import OrgUnit

from ..models import (
    AgreedPoint,
    Conclusion,
    Conference,
    ConferenceKind,
    Task,
    TaskProgress,
    TaskStatus,
)

PERMISSION = "coordination.record"
MAX_PEOPLE = 100_000
MAX_UNITS = 500
_CONFERENCE_FIELDS = [
    "uuid",
    "version",
    "unit",
    "kind",
    "title",
    "plan_number",
    "held_on",
    "place",
    "chair",
    "participants",
    "participant_count",
    "note",
]
_CONFERENCE_EDITABLE = set(_CONFERENCE_FIELDS) - {"uuid", "version", "unit"}
_CONCLUSION_FIELDS = ["uuid", "version", "conference", "number", "issued_on", "summary"]
_CONCLUSION_EDITABLE = {"number", "issued_on", "summary"}
_TASK_FIELDS = [
    "uuid",
    "version",
    "conclusion",
    "agreed_point",
    "title",
    "description",
    "unit",
    "assigned_on",
    "deadline",
]
_TASK_FIELDS_ALL = [*_TASK_FIELDS, "status"]
_TASK_EDITABLE = {"title", "description", "assigned_on", "deadline"}


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _unit_for_write(actor: Any, unit_id: Any, field: str = "unit_id") -> OrgUnit:
    unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first() if unit_id else None
    if unit is None:
        raise DomainError(Code.UNIT_NOT_IN_SCOPE, field=field)
    return unit


def _province_units(actor: Any, ids: list[Any], field: str) -> list[OrgUnit]:
    """Units named by `ids` (each once, in order), each one of the actor's province."""
    if len(ids) > MAX_UNITS:
        raise DomainError(Code.OUT_OF_RANGE, field=field, low=0, high=MAX_UNITS)
    wanted = list(dict.fromkeys(ids))
    numbers = [i for i in wanted if isinstance(i, int) and not isinstance(i, bool)]
    found = scoped(actor, OrgUnit.objects.all(), province_wide=True).in_bulk(numbers)
    units = []
    for unit_id in wanted:
        if unit_id not in found:
            raise DomainError(Code.UNIT_NOT_IN_SCOPE, field=field)
        units.append(found[unit_id])
    return units


# --- conferences -------------------------------------------------------------------------


def _conference_apply(conference: Conference, data: dict[str, Any]) -> None:
    if "kind" in data:
        conference.kind = choice(data["kind"], ConferenceKind, "kind")
    for key, limit in (("title", 300), ("plan_number", 60), ("place", 200), ("chair", 200)):
        if key in data:
            value = clean_text(
                data[key] or "", field=key, max_length=limit, required=key == "title"
            )
            setattr(conference, key, value)
    for key in ("participants", "note"):
        if key in data:
            value = clean_text(data[key] or "", field=key, max_length=4000, multiline=True)
            setattr(conference, key, value)
    if "held_on" in data:
        conference.held_on = past_day(data["held_on"], "held_on")
    if "participant_count" in data:
        conference.participant_count = count(
            data["participant_count"], "participant_count", MAX_PEOPLE
        )


def _conference_snapshot(conference: Conference) -> dict[str, Any]:
    after = audit.snapshot(conference, _CONFERENCE_FIELDS) or {}
    after["participant_units"] = sorted(conference.participant_units.values_list("pk", flat=True))
    return after


def conference_create(
    *,
    actor: Any,
    unit_id: int,
    kind: str,
    title: str,
    held_on: date,
    client_id: uuid.UUID | None = None,
    participant_unit_ids: list[int] | None = None,
    **data: Any,
) -> tuple[Conference, bool]:
    """Record a conference a unit of the actor's scope held. Returns it and whether it was made
    now (a `client_id` sent again returns the first)."""
    access.require(actor, PERMISSION)
    unknown = set(data) - _CONFERENCE_EDITABLE
    if unknown:
        raise TypeError(f"conference_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(Conference, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            conference = Conference(
                uuid=client_id or uuid.uuid4(),
                unit=_unit_for_write(actor, unit_id),
                created_by=actor,
            )
            _conference_apply(
                conference, {**data, "kind": kind, "title": title, "held_on": held_on}
            )
            in_force(conference.unit, conference.held_on, field="unit_id")
            units = _province_units(actor, participant_unit_ids or [], "participant_unit_ids")
            for unit in units:
                in_force(unit, conference.held_on, field="participant_unit_ids")
            conference.save()
            conference.participant_units.set(units)
            audit.record(
                actor,
                "conference.create",
                conference,
                scope_path=conference.unit.path,
                after=_conference_snapshot(conference),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(Conference, actor, client_id)):
            return earlier, False
        raise
    return conference, True


def conference_update(
    *,
    actor: Any,
    conference_id: int,
    version: int,
    participant_unit_ids: list[int] | None = None,
    **changes: Any,
) -> Conference:
    """Correct a conference; its day stays no later than its conclusion notice."""
    access.require(actor, PERMISSION)
    unknown = set(changes) - _CONFERENCE_EDITABLE
    if unknown:
        raise TypeError(f"conference_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        conference = get_scoped_or_404(
            actor,
            Conference.objects.select_for_update(of=("self",)).select_related("unit"),
            pk=conference_id,
        )
        if conference.version != version:
            raise Stale(conference, version)
        before = _conference_snapshot(conference)
        _conference_apply(conference, changes)
        notice = Conclusion.objects.filter(conference=conference).first()
        if notice is not None and conference.held_on > notice.issued_on:
            raise DomainError(
                Code.CONFERENCE_AFTER_CONCLUSION, field="held_on", day=_day(notice.issued_on)
            )
        units = (
            _province_units(actor, participant_unit_ids, "participant_unit_ids")
            if participant_unit_ids is not None
            else None
        )
        conference.version += 1
        conference.save()
        if units is not None:
            conference.participant_units.set(units)
        audit.record(
            actor,
            "conference.update",
            conference,
            scope_path=conference.unit.path,
            before=before,
            after=_conference_snapshot(conference),
        )
    return conference


# --- conclusion notices ------------------------------------------------------------------


def _conclusion_apply(notice: Conclusion, conference: Conference, data: dict[str, Any]) -> None:
    if "number" in data:
        notice.number = clean_text(
            data["number"] or "", field="number", max_length=60, required=True
        )
    if "summary" in data:
        notice.summary = clean_text(
            data["summary"] or "", field="summary", max_length=8000, multiline=True
        )
    if "issued_on" in data:
        notice.issued_on = past_day(data["issued_on"], "issued_on")
    if notice.issued_on < conference.held_on:
        raise DomainError(
            Code.CONCLUSION_BEFORE_CONFERENCE, field="issued_on", day=_day(conference.held_on)
        )


def conclusion_create(
    *,
    actor: Any,
    conference_id: int,
    number: str,
    issued_on: date,
    summary: str = "",
    client_id: uuid.UUID | None = None,
) -> tuple[Conclusion, bool]:
    """Record the conclusion notice of a conference of the actor's scope (one per conference)."""
    access.require(actor, PERMISSION)
    if client_id is not None and (earlier := replay(Conclusion, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            conference = get_scoped_or_404(
                actor,
                Conference.objects.select_for_update(of=("self",)).select_related("unit"),
                pk=conference_id,
            )
            if Conclusion.objects.filter(conference=conference).exists():
                raise DomainError(Code.CONCLUSION_EXISTS, field="conference_id")
            notice = Conclusion(
                uuid=client_id or uuid.uuid4(), conference=conference, created_by=actor
            )
            notice.issued_on = past_day(issued_on, "issued_on")
            _conclusion_apply(
                notice, conference, {"number": number, "summary": summary, "issued_on": issued_on}
            )
            notice.save()
            audit.record(
                actor,
                "conclusion.create",
                notice,
                scope_path=conference.unit.path,
                after=audit.snapshot(notice, _CONCLUSION_FIELDS),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(Conclusion, actor, client_id)):
            return earlier, False
        raise
    return notice, True


def conclusion_update(
    *, actor: Any, conclusion_id: int, version: int, **changes: Any
) -> Conclusion:
    """Correct a conclusion notice; its day stays between its conference and its tasks'
    deadlines."""
    access.require(actor, PERMISSION)
    unknown = set(changes) - _CONCLUSION_EDITABLE
    if unknown:
        raise TypeError(f"conclusion_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        notice = get_scoped_or_404(
            actor,
            Conclusion.objects.select_for_update(of=("self",)).select_related("conference__unit"),
            pk=conclusion_id,
        )
        if notice.version != version:
            raise Stale(notice, version)
        before = audit.snapshot(notice, _CONCLUSION_FIELDS)
        _conclusion_apply(notice, notice.conference, changes)
        earliest = notice.tasks.order_by("deadline").values_list("deadline", flat=True).first()
        if earliest is not None and earliest < notice.issued_on:
            raise DomainError(Code.CONCLUSION_AFTER_DEADLINE, field="issued_on", day=_day(earliest))
        notice.version += 1
        notice.save()
        audit.record(
            actor,
            "conclusion.update",
            notice,
            scope_path=notice.conference.unit.path,
            before=before,
            after=audit.snapshot(notice, _CONCLUSION_FIELDS),
        )
    return notice


# --- tasks -------------------------------------------------------------------------------


def _task_apply(task: Task, data: dict[str, Any]) -> None:
    if "title" in data:
        task.title = clean_text(data["title"] or "", field="title", max_length=300, required=True)
    if "description" in data:
        task.description = clean_text(
            data["description"] or "", field="description", max_length=8000, multiline=True
        )
    if "deadline" in data:
        if not isinstance(data["deadline"], date):
            raise DomainError(Code.REQUIRED, field="deadline")
        task.deadline = data["deadline"]
    notice = task.conclusion
    point = task.agreed_point
    if data.get("assigned_on") is not None:
        task.assigned_on = data["assigned_on"]
    elif task.assigned_on is None:  # a new task: the day of what gave it, or today
        task.assigned_on = (
            notice.issued_on
            if notice is not None
            else point.talks.held_on
            if point is not None
            # a task recorded after its deadline (from the paper files) was given by then
            else min(timezone.localdate(), task.deadline)
        )
    if task.assigned_on > timezone.localdate():
        raise DomainError(Code.DATE_IN_FUTURE, field="assigned_on")
    source = notice.issued_on if notice else point.talks.held_on if point else None
    if source is not None and task.assigned_on < source:
        raise DomainError(Code.ASSIGNED_BEFORE_SOURCE, field="assigned_on", day=_day(source))
    if notice is not None and task.deadline < notice.issued_on:
        raise DomainError(
            Code.DEADLINE_BEFORE_CONCLUSION, field="deadline", day=_day(notice.issued_on)
        )
    if point is not None and task.deadline < point.talks.held_on:
        raise DomainError(
            Code.DEADLINE_BEFORE_TALKS, field="deadline", day=_day(point.talks.held_on)
        )
    if task.deadline < task.assigned_on:
        raise DomainError(
            Code.DEADLINE_BEFORE_ASSIGNED, field="deadline", day=_day(task.assigned_on)
        )


def _task_snapshot(task: Task) -> dict[str, Any]:
    after = audit.snapshot(task, _TASK_FIELDS_ALL) or {}
    after["coordinating_units"] = sorted(task.coordinating_units.values_list("pk", flat=True))
    return after


def task_create(
    *,
    actor: Any,
    unit_id: int,
    title: str,
    deadline: date,
    conclusion_id: int | None = None,
    agreed_point_id: int | None = None,
    coordinating_unit_ids: list[int] | None = None,
    description: str = "",
    assigned_on: date | None = None,
    client_id: uuid.UUID | None = None,
) -> tuple[Task, bool]:
    """Assign a task to a unit of the actor's scope, from a conclusion notice or a point agreed
    at talks (one source, not both) the actor sees, or on its own; it starts "new". It is given
    on `assigned_on` (not after today nor before its notice or talks), by default the day of
    its notice or talks, or for a task on its own today (its deadline's day if that is earlier:
    a task copied from the paper files after its deadline was given by then)."""
    access.require(actor, PERMISSION)
    if client_id is not None and (earlier := replay(Task, actor, client_id)):
        return earlier, False
    if conclusion_id is not None and agreed_point_id is not None:
        raise DomainError(Code.TASK_TWO_SOURCES, field="agreed_point_id")
    try:
        with transaction.atomic():
            notice = None
            point = None
            if agreed_point_id is not None:
                point = (
                    scoped(actor, AgreedPoint.objects.select_related("talks"))
                    .filter(pk=agreed_point_id)
                    .first()
                )
                if point is None:
                    raise DomainError(
                        Code.AGREED_POINT_NOT_FOUND, field="agreed_point_id", id=agreed_point_id
                    )
            if conclusion_id is not None:
                notice = (
                    scoped(actor, Conclusion.objects.select_related("conference"))
                    .filter(pk=conclusion_id)
                    .first()
                )
                if notice is None:
                    raise DomainError(
                        Code.CONCLUSION_NOT_FOUND, field="conclusion_id", id=conclusion_id
                    )
            task = Task(
                uuid=client_id or uuid.uuid4(),
                conclusion=notice,
                agreed_point=point,
                unit=_unit_for_write(actor, unit_id),
                created_by=actor,
            )
            _task_apply(
                task,
                {
                    "title": title,
                    "description": description,
                    "assigned_on": assigned_on,
                    "deadline": deadline,
                },
            )
            units = _province_units(actor, coordinating_unit_ids or [], "coordinating_unit_ids")
            task.save()
            task.coordinating_units.set(units)
            audit.record(
                actor,
                "task.create",
                task,
                scope_path=task.unit.path,
                after=_task_snapshot(task),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(Task, actor, client_id)):
            return earlier, False
        raise
    return task, True


def task_update(
    *,
    actor: Any,
    task_id: int,
    version: int,
    coordinating_unit_ids: list[int] | None = None,
    **changes: Any,
) -> Task:
    """Correct a task's wording, deadline or coordinating units (its status moves only through
    progress updates)."""
    access.require(actor, PERMISSION)
    unknown = set(changes) - _TASK_EDITABLE
    if unknown:
        raise TypeError(f"task_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        task = get_scoped_or_404(
            actor,
            Task.objects.select_for_update(of=("self",)).select_related(
                "unit", "conclusion", "agreed_point__talks"
            ),
            pk=task_id,
        )
        if task.version != version:
            raise Stale(task, version)
        before = _task_snapshot(task)
        _task_apply(task, changes)
        units = (
            _province_units(actor, coordinating_unit_ids, "coordinating_unit_ids")
            if coordinating_unit_ids is not None
            else None
        )
        task.version += 1
        task.save()
        if units is not None:
            task.coordinating_units.set(units)
        audit.record(
            actor,
            "task.update",
            task,
            scope_path=task.unit.path,
            before=before,
            after=_task_snapshot(task),
        )
    return task


def _next_status(task: Task, status: Any) -> str:
    """The status a progress update leaves the task in."""
    if task.status == TaskStatus.CANCELLED:
        raise DomainError(Code.TASK_CANCELLED, field="task")
    if status in (None, ""):
        if task.status == TaskStatus.DONE:
            raise DomainError(Code.TASK_DONE_NEEDS_STATUS, field="status")
        return task.status
    status = choice(status, TaskStatus, "status")
    if status == TaskStatus.NEW and task.status != TaskStatus.NEW:
        raise DomainError(Code.TASK_BACK_TO_NEW, field="status")
    return status


def task_progress_record(
    *,
    actor: Any,
    task_id: int,
    on: date,
    text: str,
    evidence: str = "",
    status: str | None = None,
    version: int | None = None,
    client_id: uuid.UUID | None = None,
) -> tuple[TaskProgress, bool]:
    """Record a dated progress update of a task of the actor's scope, moving its status when
    `status` is sent. `version`, when sent, is the task's version the update was written on."""
    access.require(actor, PERMISSION)
    if client_id is not None and (earlier := replay(TaskProgress, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            task = get_scoped_or_404(
                actor,
                Task.objects.select_for_update(of=("self",)).select_related("unit"),
                pk=task_id,
            )
            if version is not None and task.version != version:
                raise Stale(task, version)
            new_status = _next_status(task, status)
            update = TaskProgress(
                uuid=client_id or uuid.uuid4(),
                task=task,
                on=past_day(on, "on"),
                text=clean_text(
                    text or "", field="text", max_length=8000, multiline=True, required=True
                ),
                evidence=clean_text(evidence or "", field="evidence", max_length=300),
                status=new_status if new_status != task.status else "",
                status_before=task.status,
                created_by=actor,
            )
            update.save()
            before = _task_snapshot(task)
            if new_status != task.status:
                task.status = new_status
            task.version += 1
            task.save()
            audit.record(
                actor,
                "task.progress",
                task,
                scope_path=task.unit.path,
                before=before,
                after={
                    **_task_snapshot(task),
                    "progress": audit.snapshot(update, ["uuid", "on", "text", "evidence"]),
                },
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(TaskProgress, actor, client_id)):
            return earlier, False
        raise
    return update, True
