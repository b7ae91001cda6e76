"""Reads of talks, their agreed points and the yearly talks plan, cut to the actor's scope (the
scope of the unit of ours that held or planned them).

An item of the plan is done when talks name it, overdue when not done and its month (or its
quarter's last month) has passed, else not yet due: derived in the query, never stored.
"""

from datetime import date
from typing import Any

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from biengioi.core import access
from biengioi.core.scope import scoped
from biengioi.core.search import matching, search_text
from biengioi.registry.models import CounterpartUnit, OrgUnit

from .models import AgreedPoint, PlannedTalks, Talks

VIEW = "coordination.view"

# what a search of talks reads: the counterpart's name is not kept with the talks (a rename
# would leave it stale), so the list matches these fields in the query (core.search)
WORDS = (
    "counterpart__name",
    "our_head",
    "their_head",
    "place",
    "agenda",
    "minutes_ref",
    "note",
    "level",
)
DONE, NOT_YET, OVERDUE = "done", "not_yet", "overdue"


def under_unit(actor: Any, rows: QuerySet[Any], unit_id: int | None, lookup: str) -> QuerySet[Any]:
    if not unit_id:
        return rows
    unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
    return rows.filter(**{f"{lookup}__startswith": unit.path}) if unit else rows.none()


def talks_list(
    *,
    actor: Any,
    year: int | None = None,
    level: str | None = None,
    unit_id: int | None = None,
    counterpart_id: int | None = None,
    q: str = "",
) -> QuerySet[Talks]:
    """Talks of the actor's scope, held in one year, at one level, by one unit and those under
    it, or with one counterpart unit; with how many points were agreed and became tasks."""
    access.require(actor, VIEW)
    rows = scoped(actor, Talks.objects.select_related("unit", "counterpart", "planned"))
    if year:
        rows = rows.filter(held_on__year=year)
    if level:
        rows = rows.filter(level=level)
    if counterpart_id:
        rows = rows.filter(counterpart_id=counterpart_id)
    rows = under_unit(actor, rows, unit_id, "unit__path")
    if q:
        rows = matching(rows, search_text(q), *WORDS)
    return rows.annotate(
        point_count=Count("points", distinct=True),
        task_count=Count("points__tasks", distinct=True),
    ).order_by("-held_on", "-pk")


def talks_get(*, actor: Any, talks_id: int) -> Talks:
    access.require(actor, VIEW)
    rows = scoped(
        actor, Talks.objects.select_related("unit", "counterpart__country", "planned", "created_by")
    )
    try:
        return rows.get(pk=talks_id)
    except Talks.DoesNotExist as exc:
        raise Http404("Talks") from exc


def talks_points(talks: Talks) -> QuerySet[AgreedPoint]:
    """The talks' agreed points in order, each with its tasks."""
    return talks.points.prefetch_related("tasks__unit").order_by("position")


def point_get(*, actor: Any, talks_id: int, point_id: int) -> AgreedPoint:
    access.require(actor, VIEW)
    rows = scoped(actor, AgreedPoint.objects.select_related("talks__unit", "talks__counterpart"))
    try:
        return rows.get(pk=point_id, talks_id=talks_id)
    except AgreedPoint.DoesNotExist as exc:
        raise Http404("AgreedPoint") from exc


def counterparts(*, actor: Any) -> QuerySet[CounterpartUnit]:
    """Counterpart units facing the actor's province."""
    access.require(actor, VIEW)
    return scoped(actor, CounterpartUnit.objects.all(), province_wide=True).order_by("name")


# --- the yearly plan ---------------------------------------------------------------------


def _progress(today: date) -> Case:
    passed = Q(year__lt=today.year) | Q(year=today.year) & (
        Q(month__lt=today.month) | Q(month__isnull=True, quarter__lt=(today.month - 1) // 3 + 1)
    )
    return Case(
        When(held__isnull=False, then=Value(DONE)),
        When(passed, then=Value(OVERDUE)),
        default=Value(NOT_YET),
        output_field=CharField(),
    )


def plan_list(
    *,
    actor: Any,
    year: int | None = None,
    unit_id: int | None = None,
    progress: str | None = None,
    today: date | None = None,
    q: str = "",
) -> QuerySet[PlannedTalks]:
    """Items of the talks plans of the actor's scope, of one year, of one unit and those under
    it, with their `progress`: done (talks name it), overdue (its month has passed), not yet."""
    access.require(actor, VIEW)
    today = today or timezone.localdate()
    rows = scoped(actor, PlannedTalks.objects.select_related("unit", "counterpart", "held"))
    if year:
        rows = rows.filter(year=year)
    rows = under_unit(actor, rows, unit_id, "unit__path").annotate(progress=_progress(today))
    if progress:
        rows = rows.filter(progress=progress)
    if q:
        rows = matching(rows, search_text(q), "counterpart__name", "topic", "note")
    return rows.order_by("year", "unit__path", "month", "quarter", "pk")


def plan_counts(rows: QuerySet[PlannedTalks]) -> dict[str, int]:
    """How many items planned, done, overdue and not yet due."""
    ids = rows.order_by().values("pk")
    annotated = PlannedTalks.objects.filter(pk__in=ids).annotate(
        progress=_progress(timezone.localdate())
    )
    counts: dict[str, int] = annotated.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(progress=DONE)),
        overdue=Count("pk", filter=Q(progress=OVERDUE)),
        not_yet=Count("pk", filter=Q(progress=NOT_YET)),
    )
    return counts


def planned_get(*, actor: Any, planned_id: int) -> PlannedTalks:
    access.require(actor, VIEW)
    rows = scoped(actor, PlannedTalks.objects.select_related("unit", "counterpart", "held"))
    try:
        return rows.annotate(progress=_progress(timezone.localdate())).get(pk=planned_id)
    except PlannedTalks.DoesNotExist as exc:
        raise Http404("PlannedTalks") from exc


def open_plan_items(*, actor: Any, keep: int | None = None) -> QuerySet[PlannedTalks]:
    """Items of the plan talks may still fulfil (none name them), and `keep` (the item the
    talks being edited name)."""
    access.require(actor, VIEW)
    rows = scoped(actor, PlannedTalks.objects.select_related("counterpart"))
    return rows.filter(Q(held__isnull=True) | Q(pk=keep or 0)).order_by("-year", "month", "pk")
