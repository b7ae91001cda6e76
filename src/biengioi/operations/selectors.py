"""Every read of the operations log, cut to the actor's unit scope."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biengioi.core import access
from biengioi.core.scope import get_scoped_or_404, province_path, root_id, scoped
from biengioi.core.search import matching, search_text
from biengioi.registry.models import OrgUnit

from .models import (
    DEFAULT_DEADLINE_DAYS,
    Attachment,
    HandlingLevel,
    Incident,
    IncidentDeadline,
    IncidentKind,
    IncidentStep,
    MarkerInspection,
    Patrol,
    PatrolKind,
    PatrolPlan,
)


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def fresh_from(day: date) -> date:
    """The first day a marker's last inspection must fall on for the marker not to be stale on
    `day` (the map marks the others; the overview and the reports count the share inspected):
    `MAP_STALE_DAYS` days back."""
    return day - timedelta(days=int(settings.MAP_STALE_DAYS))


def patrol_list(
    *,
    actor: Any,
    start: date | None = None,
    end: date | None = None,
    unit_id: int | None = None,
    kind: str = "",
    marker_id: int | None = None,
    q: str = "",
) -> QuerySet[Patrol]:
    """Patrols of the actor's scope begun between `start` and `end` (both days included),
    of one unit (and the units under it), of one kind, or that inspected one marker."""
    access.require(actor, "operations.view")
    patrols = scoped(
        actor,
        Patrol.objects.select_related("unit", "line", "from_marker", "to_marker", "counterpart"),
    )
    if start:
        patrols = patrols.filter(started_at__gte=_day_start(start))
    if end:
        patrols = patrols.filter(started_at__lt=_day_start(end) + timedelta(days=1))
    if unit_id:
        unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
        patrols = patrols.filter(unit__path__startswith=unit.path) if unit else patrols.none()
    if kind:
        patrols = patrols.filter(kind=kind)
    if marker_id:
        patrols = patrols.filter(inspections__marker_id=marker_id)
    if q:
        patrols = matching(
            patrols,
            search_text(q),
            "unit__name",
            "counterpart_leader",
            "findings",
            "from_marker__identifier",
            "to_marker__identifier",
            "counterpart__name",
            "kind",
        )
    return patrols.order_by("-started_at", "-pk")


def with_inspection_counts(patrols: QuerySet[Patrol]) -> QuerySet[Patrol]:
    return patrols.annotate(inspection_count=Count("inspections"))


def patrol_counts(patrols: QuerySet[Patrol]) -> dict[str, int]:
    """How many patrols of each kind (and in all) a filtered list holds, as reports count them."""
    counts = patrols.order_by().aggregate(
        total=Count("pk"),
        **{kind: Count("pk", filter=Q(kind=kind)) for kind in PatrolKind.values},
    )
    return {key: value or 0 for key, value in counts.items()}


def patrol_get(*, actor: Any, patrol_id: int) -> Patrol:
    access.require(actor, "operations.view")
    return get_scoped_or_404(
        actor,
        Patrol.objects.select_related(
            "unit", "line", "from_marker", "to_marker", "counterpart", "created_by"
        ).prefetch_related("sections"),
        pk=patrol_id,
    )


def inspections(*, actor: Any, patrol: Patrol) -> QuerySet[MarkerInspection]:
    access.require(actor, "operations.view")
    return (
        patrol.inspections.select_related("marker")
        .prefetch_related(Prefetch("photos", Attachment.objects.filter(removed_at__isnull=True)))
        .order_by("marker__sort_key")
    )


# --- incidents -------------------------------------------------------------------------------


class IncidentStatus:
    OPEN = "open"
    OVERDUE = "overdue"
    CLOSED = "closed"
    CHOICES = [
        (OPEN, _("Đang giải quyết")),
        (OVERDUE, _("Quá hạn")),
        (CLOSED, _("Đã kết thúc")),
    ]


def deadline_days(province_id: int, kind: str, level: str) -> int:
    """Days a rung has to settle an incident of `kind` in the province."""
    own = (
        IncidentDeadline.objects.filter(province_id=province_id, kind=kind, level=level)
        .values_list("days", flat=True)
        .first()
    )
    return own if own is not None else DEFAULT_DEADLINE_DAYS[level]


MAX_DUE_WITHIN = 365  # days ahead a list of incidents coming due may look


def incident_list(
    *,
    actor: Any,
    start: date | None = None,
    end: date | None = None,
    unit_id: int | None = None,
    kind: str = "",
    status: str = "",
    level: str = "",
    marker_id: int | None = None,
    due_within: int | None = None,
    today: date | None = None,
    q: str = "",
) -> QuerySet[Incident]:
    """Incidents of the actor's scope detected between `start` and `end` (both included), of one
    unit (and those under it), of one kind, open, overdue or closed, standing on one rung; with
    `due_within`, only the open ones whose deadline has passed or comes within that many days,
    the nearest deadline first; `q`, words of the title or the account (core.search)."""
    access.require(actor, "operations.view")
    incidents = scoped(
        actor, Incident.objects.select_related("unit", "nearest_marker", "commune", "line")
    )
    if q:
        incidents = matching(incidents, search_text(q))
    if start:
        incidents = incidents.filter(detected_on__gte=start)
    if end:
        incidents = incidents.filter(detected_on__lte=end)
    if unit_id:
        unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
        incidents = incidents.filter(unit__path__startswith=unit.path) if unit else incidents.none()
    if kind:
        incidents = incidents.filter(kind=kind)
    if level:
        incidents = incidents.filter(level=level)
    if marker_id:
        incidents = incidents.filter(nearest_marker_id=marker_id)
    if status == IncidentStatus.OPEN:
        incidents = incidents.filter(closed_on=None)
    elif status == IncidentStatus.CLOSED:
        incidents = incidents.exclude(closed_on=None)
    elif status == IncidentStatus.OVERDUE:
        incidents = overdue(incidents, today)
    if due_within is not None:
        horizon = (today or timezone.localdate()) + timedelta(days=due_within)
        due = incidents.filter(closed_on=None, due_on__lte=horizon)
        return due.order_by("due_on", "pk")
    return incidents.order_by("-detected_on", "-pk")


def overdue(incidents: QuerySet[Incident], today: date | None = None) -> QuerySet[Incident]:
    """The open incidents past the deadline of the rung they stand on, the longest overdue
    first."""
    today = today or timezone.localdate()
    return incidents.filter(closed_on=None, due_on__lt=today).order_by("due_on", "pk")


def incident_counts(incidents: QuerySet[Incident], today: date | None = None) -> dict[str, int]:
    """How many incidents a filtered list holds: in all, still open, overdue, closed, and on
    each rung (the reports count incidents arising, resolved and outstanding)."""
    today = today or timezone.localdate()
    counts = incidents.order_by().aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(closed_on=None)),
        overdue=Count("pk", filter=Q(closed_on=None, due_on__lt=today)),
        closed=Count("pk", filter=Q(closed_on__isnull=False)),
        **{level: Count("pk", filter=Q(level=level)) for level in HandlingLevel.values},
    )
    return {key: value or 0 for key, value in counts.items()}


def with_step_counts(incidents: QuerySet[Incident]) -> QuerySet[Incident]:
    return incidents.annotate(step_count=Count("steps"))


def incident_get(*, actor: Any, incident_id: int) -> Incident:
    access.require(actor, "operations.view")
    return get_scoped_or_404(
        actor,
        Incident.objects.select_related("unit", "line", "nearest_marker", "commune", "created_by"),
        pk=incident_id,
    )


def incident_steps(*, actor: Any, incident: Incident) -> QuerySet[IncidentStep]:
    access.require(actor, "operations.view")
    return incident.steps.select_related("counterpart", "recorded_by").order_by("on", "pk")


@dataclass
class Rung:
    """One rung of the ladder an incident reached: since when, until when it was due, and
    when it left it (moved up, or closed)."""

    level: HandlingLevel
    since: date
    due_on: date
    left_on: date | None

    def late_days(self, today: date) -> int:
        """Days past the deadline: when it was left, or today while it still stands there."""
        end = self.left_on or today
        return max(0, (end - self.due_on).days)


def incident_rungs(incident: Incident, steps: list[IncidentStep]) -> list[Rung]:
    """The rungs the incident has stood on, with the deadlines in force for its kind."""
    province_id = root_id(incident.unit.path)
    starts = {HandlingLevel.GRASSROOTS: incident.detected_on}
    for step in steps:
        starts.setdefault(HandlingLevel(step.level), step.on)
    levels = [level for level in HandlingLevel if level in starts]
    rungs = []
    for index, level in enumerate(levels):
        since = starts[level]
        nxt = starts[levels[index + 1]] if index + 1 < len(levels) else incident.closed_on
        days = deadline_days(province_id, incident.kind, level)
        rungs.append(Rung(level, since, since + timedelta(days=days), nxt))
    return rungs


def deadline_table(*, actor: Any) -> list[dict[str, Any]]:
    """Each kind of incident with the days each rung has, and whether the province set them."""
    access.require(actor, "operations.view")
    province = province_path(actor)
    if province is None:
        return []
    province_id = root_id(province)
    own = set(IncidentDeadline.objects.filter(province_id=province_id).values_list("kind", "level"))
    return [
        {
            "kind": kind,
            "label": label,
            "days": {
                level: deadline_days(province_id, kind, level) for level in HandlingLevel.values
            },
            "own": {level for k, level in own if k == kind},
        }
        for kind, label in IncidentKind.choices
    ]


# --- attachments -----------------------------------------------------------------------------


def attachment_get(*, actor: Any, attachment_id: int) -> Attachment:
    """An attachment of a patrol or an incident in the actor's scope (404 otherwise, and for
    one removed: its bytes are kept, but only for the record, not for reading)."""
    access.require(actor, "operations.view")
    return get_scoped_or_404(
        actor, Attachment.objects.filter(removed_at__isnull=True), pk=attachment_id
    )


def attachments(*, actor: Any, owner: Patrol | Incident) -> QuerySet[Attachment]:
    """The files kept with a patrol or an incident (not those removed)."""
    access.require(actor, "operations.view")
    return (
        owner.attachments.filter(removed_at__isnull=True)
        .select_related("uploaded_by")
        .order_by("created_at", "pk")
    )


@dataclass
class PlanRow:
    """A post's year: planned and done patrols per month, and per kind over the year."""

    unit: OrgUnit
    months: list[tuple[int, int, int]]  # (month, planned, done)
    kinds: dict[str, tuple[int, int]]  # kind -> (planned, done)
    versions: dict[int, int]  # month -> the version of its plan (0: never planned)

    @property
    def planned(self) -> int:
        return sum(p for _m, p, _d in self.months)

    @property
    def done(self) -> int:
        return sum(d for _m, _p, d in self.months)


def plan_table(*, actor: Any, year: int, unit_id: int | None = None) -> list[PlanRow]:
    """Every border post of the actor's scope (or one), with its plan for `year` and the
    patrols it began each month (in Hà Nội time), as the reports compare them."""
    access.require(actor, "operations.view")
    chosen = scoped(actor, OrgUnit.objects.filter(kind="border_post")).order_by("name")
    if unit_id:
        chosen = chosen.filter(pk=unit_id)
    posts = list(chosen)
    planned: dict[tuple[int, int, str], int] = {}
    versions: dict[tuple[int, int], int] = {}
    for p in PatrolPlan.objects.filter(unit__in=posts, year=year).values(
        "unit_id", "month", "kind", "planned", "version"
    ):
        planned[(p["unit_id"], p["month"], p["kind"])] = p["planned"]
        versions[(p["unit_id"], p["month"])] = p["version"]
    done: dict[tuple[int, int, str], int] = {}
    begun = Patrol.objects.filter(
        unit__in=posts,
        started_at__gte=_day_start(date(year, 1, 1)),
        started_at__lt=_day_start(date(year + 1, 1, 1)),
    ).values_list("unit_id", "started_at", "kind")
    for unit, started, kind in begun:  # months in local time, whatever the database
        key = (unit, timezone.localtime(started).month, kind)
        done[key] = done.get(key, 0) + 1
    rows = []
    for post in posts:
        months = [
            (
                m,
                sum(planned.get((post.pk, m, k), 0) for k in PatrolKind.values),
                sum(done.get((post.pk, m, k), 0) for k in PatrolKind.values),
            )
            for m in range(1, 13)
        ]
        kinds = {
            k: (
                sum(planned.get((post.pk, m, k), 0) for m in range(1, 13)),
                sum(done.get((post.pk, m, k), 0) for m in range(1, 13)),
            )
            for k in PatrolKind.values
        }
        own = {m: versions.get((post.pk, m), 0) for m in range(1, 13)}
        rows.append(PlanRow(unit=post, months=months, kinds=kinds, versions=own))
    return rows


def plan_of(*, actor: Any, unit_id: int, year: int) -> dict[tuple[int, str], int]:
    """A post's planned figures for a year, by (month, kind)."""
    access.require(actor, "operations.view")
    plans = scoped(actor, PatrolPlan.objects.filter(unit_id=unit_id, year=year))
    return {(p.month, p.kind): p.planned for p in plans}
