"""Pages of the training courses: the list with its filters, totals ("N lớp tập huấn cho M tổ
tự quản") and export, a course's page with the teams it trained, and the form that records or
corrects a course (the teams ticked among the actor's teams)."""

import uuid
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from biengioi.core import access, tables
from biengioi.core.errors import DomainError, Stale
from biengioi.core.scope import in_scope
from biengioi.registry import selectors as registry
from biengioi.registry.forms import form_page, record_day, show_domain_error

from . import services
from . import training_selectors as selectors
from .models import TrainingCourse
from .training_exports import COURSES
from .training_forms import CourseFilterForm, CourseForm

PAGE_SIZE = 50


def _units(actor: Any, on: date | None = None) -> list[tuple[int, str]]:
    return registry.unit_choices(selectors.training_units(actor=actor), on=on)


def _teams(actor: Any) -> list[tuple[int, str]]:
    return [(t.pk, f"{t.name} ({t.commune.name})") for t in selectors.training_teams(actor=actor)]


def _filtered(request: HttpRequest) -> tuple[CourseFilterForm, Any]:
    form = CourseFilterForm(request.GET or None, units=_units(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    courses = selectors.training_course_list(
        actor=request.user,
        start=data.get("start"),
        end=data.get("end"),
        unit_id=data.get("unit_id"),
    )
    return form, courses


@login_required
def courses(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    return render(
        request,
        "community/training_courses.html",
        {
            "form": form,
            "page": Paginator(selectors.with_team_counts(rows), PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
            "totals": selectors.training_totals(rows),
            "can_record": access.can(request.user, "community.record"),
        },
    )


@login_required
def courses_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = selectors.with_visible_teams(
        selectors.with_team_counts(_filtered(request)[1]), actor=request.user
    )
    title = _("Lớp tập huấn")
    return tables.download(fmt, title, COURSES, rows, "training")


@login_required
def course_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    course = selectors.training_course_get(actor=request.user, course_id=course_id)
    return render(
        request,
        "community/training_course_detail.html",
        {
            "course": course,
            "teams": list(course.teams.all()),
            "unseen_teams": selectors.unseen_team_count(course),
            "can_record": access.can(request.user, "community.record")
            and in_scope(request.user, course.unit.path),
        },
    )


def _save(
    request: HttpRequest, form: CourseForm, course: TrainingCourse | None
) -> HttpResponse | None:
    if request.method != "POST" or not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    try:
        if course is None:
            data.pop("version", None)
            course, _made = services.training_course_create(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
        else:
            data.pop("client_id", None)
            offered = {pk for pk, _name in form.fields["team_ids"].choices}  # type: ignore[attr-defined]
            unseen = [pk for pk in course.teams.values_list("pk", flat=True) if pk not in offered]
            data["team_ids"] = [*data["team_ids"], *unseen]  # teams the form could not show
            services.training_course_update(
                actor=request.user,
                course_id=course.pk,
                version=data.pop("version") or 0,
                **data,
            )
        return redirect("community:training_course", course.pk)
    except Stale as stale:
        form.add_error(None, stale.message)
    except DomainError as exc:
        show_domain_error(form, exc, {})
    return None


@login_required
def course_create(request: HttpRequest) -> HttpResponse:
    """Record a course; the form carries a client id, so a repeated submit records it once."""
    access.require(request.user, "community.record")
    today = timezone.localdate()
    form = CourseForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "starts_on": today, "ends_on": today},
        units=_units(request.user, record_day(request, "starts_on")),
        teams=_teams(request.user),
    )
    return _save(request, form, None) or form_page(request, form, _("Ghi lớp tập huấn"))


@login_required
def course_edit(request: HttpRequest, course_id: int) -> HttpResponse:
    access.require(request.user, "community.record")
    course = selectors.training_course_get(actor=request.user, course_id=course_id)
    names = ["title", "starts_on", "ends_on", "place", "participants", "people_trained"]
    initial = {name: getattr(course, name) for name in [*names, "note", "version"]}
    initial["team_ids"] = [t.pk for t in course.teams.all()]
    form = CourseForm(request.POST or None, initial=initial, units=None, teams=_teams(request.user))
    return _save(request, form, course) or form_page(
        request, form, _("Sửa: {name}").format(name=course.title)
    )
