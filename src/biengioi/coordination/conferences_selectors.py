"""Reads of conferences, conclusion notices and tasks, cut to the actor's scope.

A conference and its conclusion are seen by the scope of the unit that organised it, and by the
units it assigned a task to or asked to coordinate one (they read what they were given). A task is
seen by the scope of the unit it is assigned to (what that unit owes, `mine`) and by the scopes
of its coordinating units. "Overdue" is derived: a deadline before today on a task neither done
nor cancelled.
"""

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from biengioi.core import access
from biengioi.core.scope import scoped, within
from biengioi.core.search import matching, search_text
from biengioi.registry.models import OrgUnit

from .models import Conclusion, Conference, Task, TaskProgress, TaskStatus
from .models.conferences import OPEN_STATUSES

VIEW = "coordination.view"
OVERDUE = "overdue"


def conference_list(
    *,
    actor: Any,
    kind: str | None = None,
    year: int | None = None,
    unit_id: int | None = None,
    q: str = "",
) -> QuerySet[Conference]:
    """Conferences of the actor's scope, of one kind, held in one year, organised by one unit
    and those under it; `q`, words of the title, the plan's number or the place."""
    access.require(actor, VIEW)
    rows = visible_conferences(actor).select_related("unit", "conclusion")
    if q:
        rows = matching(rows, search_text(q))
    if kind:
        rows = rows.filter(kind=kind)
    if year:
        rows = rows.filter(held_on__year=year)
    if unit_id:
        unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
        rows = rows.filter(unit__path__startswith=unit.path) if unit else rows.none()
    return rows.annotate(task_count=Count("conclusion__tasks")).order_by("-held_on", "-pk")


def conference_get(*, actor: Any, conference_id: int) -> Conference:
    access.require(actor, VIEW)
    rows = visible_conferences(actor).select_related("unit", "created_by")
    try:
        return rows.prefetch_related("participant_units").get(pk=conference_id)
    except Conference.DoesNotExist as exc:
        raise Http404("Conference") from exc


def visible_conferences(actor: Any) -> QuerySet[Conference]:
    """Conferences of the actor's scope, and those whose notice gave the actor's units a task
    (to carry out or to coordinate)."""
    given = visible_tasks(actor).filter(conclusion__isnull=False)
    return Conference.objects.filter(
        Q(pk__in=scoped(actor, Conference.objects.all()).values("pk"))
        | Q(pk__in=given.values("conclusion__conference_id"))
    )


def conclusion_of(conference: Conference) -> Conclusion | None:
    return Conclusion.objects.filter(conference=conference).first()


def conclusion_get(*, actor: Any, conclusion_id: int) -> Conclusion:
    access.require(actor, VIEW)
    rows = Conclusion.objects.filter(conference__in=visible_conferences(actor))
    try:
        return rows.select_related("conference__unit").get(pk=conclusion_id)
    except Conclusion.DoesNotExist as exc:
        raise Http404("Conclusion") from exc


def conclusion_list(*, actor: Any) -> QuerySet[Conclusion]:
    """Conclusion notices a task recorded by the actor may come from."""
    access.require(actor, VIEW)
    return scoped(actor, Conclusion.objects.select_related("conference")).order_by(
        "-issued_on", "-pk"
    )


def visible_tasks(actor: Any) -> QuerySet[Task]:
    """Tasks assigned to units of the actor's scope, and those such a unit coordinates."""
    through: Any = Task.coordinating_units.through
    coordinated = through.objects.filter(within(actor, "orgunit__path")).values("task_id")
    return Task.objects.filter(within(actor, "unit__path") | Q(pk__in=coordinated))


def task_list(
    *,
    actor: Any,
    status: str | None = None,
    unit_id: int | None = None,
    mine: bool = False,
    conclusion_id: int | None = None,
    today: date | None = None,
    q: str = "",
) -> QuerySet[Task]:
    """Tasks the actor sees: with one status (or `overdue`), assigned to one unit and those
    under it, only those the actor's unit owes (`mine`), from one conclusion notice, or with
    the words `q` in the title or the content."""
    access.require(actor, VIEW)
    today = today or timezone.localdate()
    rows = visible_tasks(actor).select_related(
        "unit", "conclusion__conference", "agreed_point__talks__counterpart"
    )
    if status == OVERDUE:
        rows = rows.filter(status__in=OPEN_STATUSES, deadline__lt=today)
    elif status:
        rows = rows.filter(status=status)
    if mine:
        rows = rows.filter(within(actor, "unit__path"))
    if unit_id:
        unit = scoped(actor, OrgUnit.objects.all(), province_wide=True).filter(pk=unit_id).first()
        rows = rows.filter(unit__path__startswith=unit.path) if unit else rows.none()
    if conclusion_id:
        rows = rows.filter(conclusion_id=conclusion_id)
    if q:
        rows = matching(rows, search_text(q))
    return rows.order_by("deadline", "pk")


def task_counts(tasks: QuerySet[Task], today: date | None = None) -> dict[str, int]:
    """How many tasks in all, in each status, and overdue."""
    today = today or timezone.localdate()
    ids = tasks.order_by().values("pk")
    rows = Task.objects.filter(pk__in=ids)
    totals: dict[str, int] = rows.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATUSES, deadline__lt=today)),
        **{s.value: Count("pk", filter=Q(status=s.value)) for s in TaskStatus},
    )
    return totals


def overdue_by_unit(tasks: QuerySet[Task], today: date | None = None) -> list[dict[str, Any]]:
    """Overdue tasks counted per assigned unit, most first."""
    today = today or timezone.localdate()
    ids = tasks.order_by().values("pk")
    rows: Any = (
        Task.objects.filter(pk__in=ids, status__in=OPEN_STATUSES, deadline__lt=today)
        .values("unit_id", "unit__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "unit__name")
    )
    return list(rows)


def task_get(*, actor: Any, task_id: int) -> Task:
    access.require(actor, VIEW)
    try:
        return (
            visible_tasks(actor)
            .select_related(
                "unit", "conclusion__conference", "agreed_point__talks__counterpart", "created_by"
            )
            .prefetch_related("coordinating_units")
            .get(pk=task_id)
        )
    except Task.DoesNotExist as exc:
        raise Http404("Task") from exc


def task_progress(task: Task) -> QuerySet[TaskProgress]:
    return task.progress.select_related("created_by").order_by("-on", "-pk")


def own_units(*, actor: Any) -> QuerySet[OrgUnit]:
    """Units of the actor's scope (organising a conference, owing a task)."""
    access.require(actor, VIEW)
    return scoped(actor, OrgUnit.objects.all()).order_by("path")


def province_units(*, actor: Any) -> QuerySet[OrgUnit]:
    """Units of the actor's province (taking part, coordinating)."""
    access.require(actor, VIEW)
    return scoped(actor, OrgUnit.objects.all(), province_wide=True).order_by("path")
