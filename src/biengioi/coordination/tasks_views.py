"""Pages of tasks: the list with its filters (status or overdue, unit, what my unit owes), its
counts line, the overdue tasks per unit and exports; a task's page with its progress updates and
their files; the forms that assign or correct a task, record a progress update (which may move
its status, and may carry its evidence file) and keep a file with an update."""

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from biengioi.core import access, tables
from biengioi.core.errors import DomainError, Stale
from biengioi.core.scope import in_scope
from biengioi.registry import selectors as registry
from biengioi.registry.forms import form_page, show_domain_error

from . import conferences_selectors as selectors
from . import documents_selectors, services
from . import documents_views as documents
from .conferences_exports import TASKS
from .conferences_forms import ProgressForm, TaskFilterForm, TaskForm, default_deadline
from .documents_forms import DocumentForm
from .models import Task

PAGE_SIZE = 50
RECORD = "coordination.record"


def _units(actor: Any, on: date | None = None) -> list[tuple[int, str]]:
    return registry.unit_choices(selectors.own_units(actor=actor), on=on)


def _province_units(
    actor: Any, on: date | None = None, keep: Iterable[int] = ()
) -> list[tuple[int, str]]:
    return registry.unit_choices(selectors.province_units(actor=actor), on=on, keep=keep)


def _filtered(request: HttpRequest) -> tuple[TaskFilterForm, Any]:
    form = TaskFilterForm(request.GET or None, units=_province_units(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.task_list(
        actor=request.user,
        status=data.get("status") or None,
        unit_id=data.get("unit_id"),
        mine=bool(data.get("mine")),
    )
    return form, rows


@login_required
def tasks(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    return render(
        request,
        "coordination/tasks.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "counts": selectors.task_counts(rows),
            "overdue_by_unit": selectors.overdue_by_unit(rows),
            "today": timezone.localdate(),
            "can_record": access.can(request.user, RECORD),
        },
    )


@login_required
def tasks_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = _filtered(request)[1].prefetch_related("coordinating_units")
    return tables.download(fmt, _("Nhiệm vụ"), TASKS, rows, "tasks")


@login_required
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    task = selectors.task_get(actor=request.user, task_id=task_id)
    owes = in_scope(request.user, task.unit.path)
    return render(
        request,
        "coordination/task_detail.html",
        {
            "task": task,
            "progress": selectors.task_progress(task).prefetch_related("documents__uploaded_by"),
            "can_attach": documents_selectors.can_attach(request.user, task.unit.path),
            "overdue": task.is_overdue(timezone.localdate()),
            "can_record": access.can(request.user, RECORD) and owes,
            "can_update": access.can(request.user, RECORD) and owes and task.status != "cancelled",
        },
    )


def _save(request: HttpRequest, form: TaskForm, task: Task | None) -> HttpResponse | None:
    if request.method != "POST" or not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    try:
        if task is None:
            data.pop("version", None)
            task, _made = services.task_create(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
        else:
            data.pop("client_id", None)
            offered = {pk for pk, _n in form.fields["coordinating_unit_ids"].choices}  # type: ignore[attr-defined]
            kept = task.coordinating_units.values_list("pk", flat=True)
            unseen = [pk for pk in kept if pk not in offered]  # units the form could not show
            data["coordinating_unit_ids"] = [*data["coordinating_unit_ids"], *unseen]
            services.task_update(
                actor=request.user, task_id=task.pk, version=data.pop("version") or 0, **data
            )
        return redirect("coordination:task", task.pk)
    except Stale as stale:
        form.add_error(None, stale.message)
    except DomainError as exc:
        show_domain_error(form, exc, {})
    return None


@login_required
def task_create(request: HttpRequest) -> HttpResponse:
    """Assign a task on its own (not from a conclusion notice)."""
    access.require(request.user, RECORD)
    form = TaskForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "deadline": default_deadline()},
        units=_units(request.user, timezone.localdate()),
        province_units=_province_units(request.user, timezone.localdate()),
    )
    return _save(request, form, None) or form_page(request, form, _("Giao nhiệm vụ"))


@login_required
def task_edit(request: HttpRequest, task_id: int) -> HttpResponse:
    access.require(request.user, RECORD)
    task = selectors.task_get(actor=request.user, task_id=task_id)
    if not in_scope(request.user, task.unit.path):
        raise Http404("Task")  # a coordinating unit reads the task; the one that owes it edits
    initial: dict[str, Any] = {
        n: getattr(task, n) for n in ("title", "description", "assigned_on", "deadline", "version")
    }
    initial["coordinating_unit_ids"] = [u.pk for u in task.coordinating_units.all()]
    form = TaskForm(
        request.POST or None,
        initial=initial,
        units=None,
        province_units=_province_units(
            request.user, timezone.localdate(), initial["coordinating_unit_ids"]
        ),
    )
    return _save(request, form, task) or form_page(
        request, form, _("Sửa: {name}").format(name=task.title)
    )


@login_required
def progress_create(request: HttpRequest, task_id: int) -> HttpResponse:
    """Record a progress update, with its evidence file if one is chosen (both or neither); the
    task's version travels with the form, so an update written on a task someone changed
    meanwhile is refused rather than applied blindly."""
    access.require(request.user, RECORD)
    task = selectors.task_get(actor=request.user, task_id=task_id)
    if not in_scope(request.user, task.unit.path):
        raise Http404("Task")
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        initial={"client_id": uuid.uuid4(), "on": timezone.localdate(), "version": task.version},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.task_progress_record_with_file(
                actor=request.user,
                task_id=task.pk,
                client_id=data.pop("client_id") or None,
                version=data.pop("version") or None,
                **data,
            )
            return redirect("coordination:task", task.pk)
        except Stale as stale:
            form.add_error(None, stale.message)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(request, form, _("Cập nhật tiến độ: {name}").format(name=task.title))


@login_required
def progress_upload(request: HttpRequest, progress_id: int) -> HttpResponse:
    """Keep a file with a progress update of a task: its evidence, a photo."""
    access.require(request.user, RECORD)
    progress = documents_selectors.progress_get(actor=request.user, progress_id=progress_id)
    task = progress.task
    if not documents_selectors.can_attach(request.user, task.unit.path):
        raise Http404("TaskProgress")  # read by the coordinating units; kept by the one that owes
    if request.method == "POST":
        refused = documents.upload(request, "progress", progress.pk)
        if refused is None:
            return redirect("coordination:task", task.pk)
        form = refused
    else:
        kinds = documents_selectors.kinds_for("progress")
        form = DocumentForm(initial={"client_id": uuid.uuid4()}, kinds=kinds)
    day = progress.on.strftime("%d/%m/%Y")
    return form_page(
        request,
        form,
        _("Đính kèm tệp: {name}, cập nhật ngày {day}").format(name=task.title, day=day),
    )
