"""Pages of talks with the other side: the list with its filters (year, level, unit,
counterpart), count and export; talks' page with their agreed points, the tasks made from them
("Giao nhiệm vụ" beside each point) and their files (the minutes); the forms that record or
correct talks and turn a point into a task; the yearly plan (planned against held) and the forms
of its items."""

import uuid
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from biengioi.core import access, tables
from biengioi.core.errors import DomainError, Stale
from biengioi.core.scope import in_scope
from biengioi.registry import selectors as registry
from biengioi.registry.forms import form_page, record_day, show_domain_error

from . import conferences_selectors, services
from . import documents_views as documents
from . import talks_selectors as selectors
from .conferences_forms import TaskForm, default_deadline
from .documents_forms import DocumentForm
from .models import PlannedTalks, Talks
from .talks_exports import TALKS
from .talks_forms import PlanFilterForm, PlannedForm, TalksFilterForm, TalksForm

PAGE_SIZE = 50
RECORD = "coordination.record"
_TALKS_NAMES = [
    "level",
    "our_head",
    "their_head",
    "held_on",
    "host_side",
    "place",
    "agenda",
    "minutes_ref",
    "note",
    "version",
]


def _units(actor: Any, on: date | None = None) -> list[tuple[int, str]]:
    return registry.unit_choices(conferences_selectors.own_units(actor=actor), on=on)


def _counterparts(actor: Any) -> list[tuple[int, str]]:
    return [(c.pk, c.name) for c in selectors.counterparts(actor=actor)]


def _plan(actor: Any, keep: int | None = None) -> list[tuple[int, str]]:
    rows = selectors.open_plan_items(actor=actor, keep=keep)
    return [(p.pk, f"{p.when} – {p.counterpart.name}: {p.topic}") for p in rows]


def _filtered(request: HttpRequest) -> tuple[TalksFilterForm, Any]:
    form = TalksFilterForm(
        request.GET or None,
        units=_units(request.user),
        counterparts=_counterparts(request.user),
    )
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.talks_list(
        actor=request.user,
        year=data.get("year"),
        level=data.get("level") or None,
        unit_id=data.get("unit_id"),
        counterpart_id=data.get("counterpart_id"),
    )
    return form, rows


@login_required
def talks_list(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    return render(
        request,
        "coordination/talks.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "count": rows.count(),
            "can_record": access.can(request.user, RECORD),
        },
    )


@login_required
def talks_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return tables.download(fmt, _("Hội đàm"), TALKS, _filtered(request)[1], "talks")


def _talks_page(
    request: HttpRequest, talks: Talks, document_form: DocumentForm | None = None
) -> HttpResponse:
    return render(
        request,
        "coordination/talks_detail.html",
        {
            "talks": talks,
            "points": selectors.talks_points(talks),
            "today": timezone.localdate(),
            "can_record": access.can(request.user, RECORD),
            **documents.listing(request, "talks", talks, talks.unit.path, document_form),
        },
        status=400 if document_form is not None else 200,
    )


@login_required
def talks_detail(request: HttpRequest, talks_id: int) -> HttpResponse:
    return _talks_page(request, selectors.talks_get(actor=request.user, talks_id=talks_id))


@login_required
def talks_upload(request: HttpRequest, talks_id: int) -> HttpResponse:
    """Keep a file with the talks: the minutes signed by both sides, a photo."""
    talks = selectors.talks_get(actor=request.user, talks_id=talks_id)
    if request.method != "POST":
        return redirect("coordination:talks", talks.pk)
    refused = documents.upload(request, "talks", talks.pk)
    if refused is None:
        return redirect("coordination:talks", talks.pk)
    return _talks_page(request, talks, refused)


def _save(request: HttpRequest, form: TalksForm, talks: Talks | None) -> HttpResponse | None:
    if request.method != "POST" or not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    try:
        if talks is None:
            data.pop("version", None)
            talks, _made = services.talks_create(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
        else:
            data.pop("client_id", None)
            services.talks_update(
                actor=request.user, talks_id=talks.pk, version=data.pop("version") or 0, **data
            )
        return redirect("coordination:talks", talks.pk)
    except Stale as stale:
        form.add_error(None, stale.message)
    except DomainError as exc:
        show_domain_error(form, exc, {})
    return None


@login_required
def talks_create(request: HttpRequest) -> HttpResponse:
    """Record talks; the form carries a client id, so a repeated submit records them once."""
    access.require(request.user, RECORD)
    form = TalksForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "held_on": timezone.localdate()},
        units=_units(request.user, record_day(request, "held_on")),
        counterparts=_counterparts(request.user),
        plan=_plan(request.user),
    )
    return _save(request, form, None) or form_page(request, form, _("Ghi hội đàm"))


@login_required
def talks_edit(request: HttpRequest, talks_id: int) -> HttpResponse:
    access.require(request.user, RECORD)
    talks = selectors.talks_get(actor=request.user, talks_id=talks_id)
    initial: dict[str, Any] = {name: getattr(talks, name) for name in _TALKS_NAMES}
    initial["counterpart_id"] = talks.counterpart_id
    initial["planned_id"] = talks.planned_id
    initial["agreed_points"] = "\n".join(
        p.text.replace("\n", " ") for p in selectors.talks_points(talks)
    )
    form = TalksForm(
        request.POST or None,
        initial=initial,
        units=None,
        counterparts=_counterparts(request.user),
        plan=_plan(request.user, keep=talks.planned_id),
    )
    return _save(request, form, talks) or form_page(
        request, form, _("Sửa: hội đàm với {name}").format(name=talks.counterpart.name)
    )


@login_required
def point_task_create(request: HttpRequest, talks_id: int, point_id: int) -> HttpResponse:
    """Turn an agreed point into a task ("giao nhiệm vụ"), due no earlier than the talks."""
    access.require(request.user, RECORD)
    point = selectors.point_get(actor=request.user, talks_id=talks_id, point_id=point_id)
    talks = point.talks
    form = TaskForm(
        request.POST or None,
        initial={
            "client_id": uuid.uuid4(),
            "title": point.text[:300],
            "unit_id": talks.unit_id,
            "deadline": default_deadline(talks.held_on),
        },
        units=_units(request.user, timezone.localdate()),
        province_units=registry.unit_choices(
            conferences_selectors.province_units(actor=request.user), on=timezone.localdate()
        ),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            services.task_create(
                actor=request.user,
                agreed_point_id=point.pk,
                client_id=data.pop("client_id") or None,
                **data,
            )
            return redirect("coordination:talks", talks.pk)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(
        request,
        form,
        _("Giao nhiệm vụ theo nội dung thống nhất {n} – hội đàm với {name}").format(
            n=point.position, name=talks.counterpart.name
        ),
    )


# --- the yearly plan ---------------------------------------------------------------------


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    """The talks plan of a year (this year unless another is asked): each item with the talks
    that fulfilled it, or not yet due, or overdue."""
    form = PlanFilterForm(
        request.GET or {"year": timezone.localdate().year}, units=_units(request.user)
    )
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.plan_list(
        actor=request.user,
        year=data.get("year"),
        unit_id=data.get("unit_id"),
        progress=data.get("progress") or None,
    )
    return render(
        request,
        "coordination/talks_plan.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "counts": selectors.plan_counts(rows),
            "can_record": access.can(request.user, RECORD),
        },
    )


def _save_planned(
    request: HttpRequest, form: PlannedForm, planned: PlannedTalks | None
) -> HttpResponse | None:
    if request.method != "POST" or not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    try:
        if planned is None:
            data.pop("version", None)
            planned, _made = services.planned_talks_create(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
        else:
            data.pop("client_id", None)
            services.planned_talks_update(
                actor=request.user,
                planned_id=planned.pk,
                version=data.pop("version") or 0,
                **data,
            )
        return redirect(f"{_plan_url()}?year={planned.year}")
    except Stale as stale:
        form.add_error(None, stale.message)
    except DomainError as exc:
        show_domain_error(form, exc, {})
    return None


def _plan_url() -> str:
    return reverse("coordination:talks_plan")


@login_required
def planned_create(request: HttpRequest) -> HttpResponse:
    access.require(request.user, RECORD)
    form = PlannedForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "year": timezone.localdate().year},
        units=_units(request.user, timezone.localdate()),
        counterparts=_counterparts(request.user),
    )
    return _save_planned(request, form, None) or form_page(
        request, form, _("Thêm hội đàm vào kế hoạch năm")
    )


@login_required
def planned_edit(request: HttpRequest, planned_id: int) -> HttpResponse:
    access.require(request.user, RECORD)
    planned = selectors.planned_get(actor=request.user, planned_id=planned_id)
    if not in_scope(request.user, planned.unit.path):
        raise Http404("PlannedTalks")
    names = ["year", "level", "month", "quarter", "topic", "note", "version"]
    initial: dict[str, Any] = {n: getattr(planned, n) for n in names}
    initial["counterpart_id"] = planned.counterpart_id
    form = PlannedForm(
        request.POST or None,
        initial=initial,
        units=None,
        counterparts=_counterparts(request.user),
    )
    return _save_planned(request, form, planned) or form_page(
        request, form, _("Sửa kế hoạch: {name}").format(name=planned.topic)
    )
