"""Reads of the training courses, cut to the actor's scope: the courses with their filters and
totals (courses, participants, people trained, teams trained counted once), a course, the
courses a team attended, and what the forms offer (organising units, the actor's teams)."""

from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.functions import Coalesce

from biengioi.core import access
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.search import matching, search_text
from biengioi.registry.models import OrgUnit, UnitKind

from .models import SelfManagementTeam, TrainingCourse


def training_course_list(
    *,
    actor: Any,
    start: date | None = None,
    end: date | None = None,
    unit_id: int | None = None,
    team_id: int | None = None,
    q: str = "",
) -> QuerySet[TrainingCourse]:
    """Courses of the actor's scope that started between `start` and `end` (both included),
    organised by one unit and those under it, or that trained one team."""
    access.require(actor, "community.view")
    courses = scoped(actor, TrainingCourse.objects.select_related("unit"))
    if start:
        courses = courses.filter(starts_on__gte=start)
    if end:
        courses = courses.filter(starts_on__lte=end)
    if unit_id:
        unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
        courses = courses.filter(unit__path__startswith=unit.path) if unit else courses.none()
    if team_id:
        courses = courses.filter(teams__pk=team_id)
    if q:
        courses = matching(courses, search_text(q), "title", "place", "note")
    return courses.order_by("-starts_on", "-pk")


def with_team_counts(courses: QuerySet[TrainingCourse]) -> QuerySet[TrainingCourse]:
    return courses.annotate(team_count=Count("teams", distinct=True))


def training_totals(courses: QuerySet[TrainingCourse]) -> dict[str, int]:
    """Courses, participants, people trained and the teams trained over `courses`: a team two
    courses trained is counted once ("4 lớp tập huấn cho 238 tổ tự quản")."""
    ids = courses.order_by().values("pk")  # a team filter joins; count each course once
    totals = TrainingCourse.objects.filter(pk__in=ids).aggregate(
        courses=Count("pk"),
        participants=Coalesce(Sum("participants"), 0),
        people_trained=Coalesce(Sum("people_trained"), 0),
    )
    through: Any = TrainingCourse.teams.through
    totals["teams"] = (
        through.objects.filter(trainingcourse__in=ids)
        .values("selfmanagementteam")
        .distinct()
        .count()
    )
    return totals


def _visible(actor: Any) -> Prefetch:
    """The teams of a course the actor may see (a course of the province command may train
    teams of every post; a post sees its own)."""
    teams = scoped(actor, SelfManagementTeam.objects.select_related("commune"))
    return Prefetch("teams", queryset=teams.order_by("commune__name", "name", "pk"))


def with_visible_teams(
    courses: QuerySet[TrainingCourse], *, actor: Any
) -> QuerySet[TrainingCourse]:
    return courses.prefetch_related(_visible(actor))


def training_course_get(*, actor: Any, course_id: int) -> TrainingCourse:
    """A course with the teams it trained that the actor sees (`course.teams.all()`)."""
    access.require(actor, "community.view")
    return get_scoped_or_404(
        actor,
        TrainingCourse.objects.select_related("unit", "created_by").prefetch_related(
            _visible(actor)
        ),
        pk=course_id,
    )


def unseen_team_count(course: TrainingCourse) -> int:
    """How many teams the course trained in all, less those prefetched (seen)."""
    through: Any = TrainingCourse.teams.through
    return through.objects.filter(trainingcourse=course).count() - len(course.teams.all())


def team_courses(*, actor: Any, team: SelfManagementTeam) -> QuerySet[TrainingCourse]:
    """The courses a team attended that the actor sees."""
    access.require(actor, "community.view")
    return scoped(actor, team.training_courses.select_related("unit")).order_by("-starts_on", "-pk")


def training_units(*, actor: Any) -> QuerySet[OrgUnit]:
    """Units of the actor's scope that organise courses (not the communes' own units)."""
    access.require(actor, "community.view")
    return scoped(actor, OrgUnit.objects.exclude(kind=UnitKind.COMMUNE)).order_by("path")


def training_teams(*, actor: Any) -> QuerySet[SelfManagementTeam]:
    """The teams a course recorded by the actor may name: those of the actor's scope."""
    access.require(actor, "community.view")
    return scoped(actor, SelfManagementTeam.objects.select_related("commune")).order_by(
        "commune__name", "name", "pk"
    )
