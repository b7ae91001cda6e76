"""Pages of border incidents: the list (filters, counts, export), the overdue list, an incident's
page with its whole timeline and the forms to add a step or close it, the record and edit forms,
and the province's deadlines per kind and rung."""

import uuid
from typing import Any

from django import forms
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

from . import attachment_views, exports, selectors, services
from .forms import AttachmentForm, CloseForm, IncidentFilterForm, IncidentForm, StepForm
from .models import HandlingLevel, Incident, IncidentKind
from .views import PAGE_SIZE, _units, fresh_client_id


def _filtered(request: HttpRequest) -> tuple[IncidentFilterForm, Any]:
    form = IncidentFilterForm(request.GET or None, units=_units(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    incidents = selectors.incident_list(
        actor=request.user,
        start=data.get("start"),
        end=data.get("end"),
        unit_id=data.get("unit_id"),
        kind=data.get("kind") or "",
        status=data.get("status") or "",
        level=data.get("level") or "",
        due_within=data.get("due_within"),
    )
    return form, incidents


def _list_page(request: HttpRequest, *, overdue: bool) -> HttpResponse:
    form, rows = _filtered(request)
    counts = selectors.incident_counts(rows)
    if overdue:
        rows = selectors.overdue(rows)
    return render(
        request,
        "operations/incidents.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "counts": counts,
            "overdue": overdue,
            "today": timezone.localdate(),
            "can_record": access.can(request.user, "operations.record"),
        },
    )


@login_required
def incidents(request: HttpRequest) -> HttpResponse:
    return _list_page(request, overdue=False)


@login_required
def incidents_overdue(request: HttpRequest) -> HttpResponse:
    """Open incidents past the deadline of their rung, the longest overdue first."""
    return _list_page(request, overdue=True)


@login_required
def incidents_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = selectors.with_step_counts(_filtered(request)[1])
    return tables.download(fmt, _("Vụ việc biên giới"), exports.INCIDENTS, rows, "incidents")


def _counterparts(actor: Any) -> list[tuple[int, str]]:
    return [(c.pk, c.name) for c in registry.counterpart_list(actor=actor)]


def _communes(actor: Any) -> list[tuple[int, str]]:
    return [(c.pk, c.name) for c in registry.border_communes(actor=actor)]


def _detail(
    request: HttpRequest,
    incident: Incident,
    step_form: StepForm | None = None,
    close_form: CloseForm | None = None,
    attachment_form: AttachmentForm | None = None,
) -> HttpResponse:
    steps = list(selectors.incident_steps(actor=request.user, incident=incident))
    today = timezone.localdate()
    refused = any(f is not None and f.errors for f in (step_form, close_form, attachment_form))
    can_record = access.can(request.user, "operations.record") and in_scope(
        request.user, incident.unit.path
    )
    if can_record and incident.is_open:
        step_form = step_form or StepForm(
            initial={"client_id": uuid.uuid4(), "level": incident.level, "on": today},
            counterparts=_counterparts(request.user),
        )
        if steps:
            close_form = close_form or CloseForm(
                initial={"version": incident.version, "closed_on": today}
            )
    return render(
        request,
        "operations/incident_detail.html",
        {
            "incident": incident,
            "steps": steps,
            "rungs": [(r, r.late_days(today)) for r in selectors.incident_rungs(incident, steps)],
            "today": today,
            "can_record": can_record,
            "step_form": step_form if can_record and incident.is_open else None,
            "close_form": close_form if can_record and incident.is_open and steps else None,
            "attachments": selectors.attachments(actor=request.user, owner=incident),
            "attachment_form": (
                attachment_form or AttachmentForm(initial=fresh_client_id(), owner="incident")
            )
            if can_record
            else None,
        },
        status=400 if refused else 200,
    )


@login_required
def incident_detail(request: HttpRequest, incident_id: int) -> HttpResponse:
    return _detail(request, selectors.incident_get(actor=request.user, incident_id=incident_id))


@login_required
def incident_step_add(request: HttpRequest, incident_id: int) -> HttpResponse:
    """Add a step of the handling (once, even if the form is submitted twice)."""
    access.require(request.user, "operations.record")
    incident = selectors.incident_get(actor=request.user, incident_id=incident_id)
    if request.method != "POST":
        return redirect("operations:incident", incident.pk)
    form = StepForm(request.POST, counterparts=_counterparts(request.user))
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.incident_step_add(
                actor=request.user,
                incident_id=incident.pk,
                client_id=data.pop("client_id") or None,
                **data,
            )
            return redirect("operations:incident", incident.pk)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return _detail(request, incident, step_form=form)


@login_required
def incident_upload(request: HttpRequest, incident_id: int) -> HttpResponse:
    """Keep a file with the incident: a photo, a letter, a record of a meeting."""
    incident = selectors.incident_get(actor=request.user, incident_id=incident_id)
    if request.method != "POST":
        return redirect("operations:incident", incident.pk)
    refused = attachment_views.upload(request, incident_id=incident.pk)
    if refused is None:
        return redirect("operations:incident", incident.pk)
    return _detail(request, incident, attachment_form=refused)


@login_required
def incident_close(request: HttpRequest, incident_id: int) -> HttpResponse:
    access.require(request.user, "operations.record")
    incident = selectors.incident_get(actor=request.user, incident_id=incident_id)
    if request.method != "POST":
        return redirect("operations:incident", incident.pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.incident_close(
                actor=request.user, incident_id=incident.pk, **form.cleaned_data
            )
            return redirect("operations:incident", incident.pk)
        except Stale as stale:
            form.add_error(None, stale.message)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return _detail(request, incident, close_form=form)


@login_required
def incident_create(request: HttpRequest) -> HttpResponse:
    """Record an incident; the form carries a client id, so a repeated submit records it once."""
    access.require(request.user, "operations.record")
    form = IncidentForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "detected_on": timezone.localdate()},
        units=_units(request.user, for_write=True, on=record_day(request, "detected_on")),
        communes=_communes(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            incident, _made = services.incident_create(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
            return redirect("operations:incident", incident.pk)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(request, form, _("Ghi nhận vụ việc biên giới"))


@login_required
def incident_edit(request: HttpRequest, incident_id: int) -> HttpResponse:
    """Correct an incident; an edit made on a copy someone has changed since is refused."""
    access.require(request.user, "operations.record")
    incident = selectors.incident_get(actor=request.user, incident_id=incident_id)
    fields = ["kind", "title", "lon", "lat", "commune_id", "detected_on", "detected_by"]
    initial = {name: getattr(incident, name) for name in fields}
    initial |= {
        "parties": incident.parties,
        "description": incident.description,
        "version": incident.version,
    }
    form = IncidentForm(
        request.POST or None, initial=initial, units=None, communes=_communes(request.user)
    )
    if request.method == "POST" and form.is_valid():
        changes = {k: form.cleaned_data[k] for k in form.changed_data if k != "version"}
        try:
            services.incident_update(
                actor=request.user,
                incident_id=incident.pk,
                version=form.cleaned_data.get("version") or 0,
                **changes,
            )
            return redirect("operations:incident", incident.pk)
        except Stale as stale:
            form.add_error(None, stale.message)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(request, form, _("Sửa vụ việc: {title}").format(title=incident.title))


def _deadline_form(data: Any, table: list[dict[str, Any]]) -> forms.Form:
    form = forms.Form(data)
    for row in table:
        for level in HandlingLevel:
            form.fields[f"{row['kind']}__{level.value}"] = forms.IntegerField(
                label=f"{row['label']} — {level.label}",
                min_value=1,
                max_value=services.incidents.MAX_DEADLINE_DAYS,
                initial=row["days"][level.value],
            )
    return form


@login_required
def incident_deadlines(request: HttpRequest) -> HttpResponse:
    """Days each rung has, per kind of incident; the secretariat and administrators set them."""
    table = selectors.deadline_table(actor=request.user)
    can_configure = access.can(request.user, "operations.configure")
    form = _deadline_form(request.POST if request.method == "POST" else None, table)
    if request.method == "POST":
        access.require(request.user, "operations.configure")
        if form.is_valid():
            try:
                services.incident_deadlines_set(
                    actor=request.user,
                    changes=[
                        (*name.split("__"), form.cleaned_data[name]) for name in form.changed_data
                    ],
                )
                return redirect("operations:incident_deadlines")
            except DomainError as exc:
                form.add_error(None, exc.message)
    rows = [
        {
            "label": row["label"],
            "cells": [
                (form[f"{row['kind']}__{level.value}"], level.value in row["own"])
                for level in HandlingLevel
            ],
        }
        for row in table
    ]
    return render(
        request,
        "operations/incident_deadlines.html",
        {
            "form": form,
            "rows": rows,
            "levels": HandlingLevel.choices,
            "kinds": IncidentKind.choices,
            "can_configure": can_configure,
        },
        status=400 if form.errors else 200,
    )
