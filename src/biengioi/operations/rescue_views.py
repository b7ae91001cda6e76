"""Pages of rescue and disaster response: the list (filters, totals by kind, export), an
operation's page, and the record and edit forms (closing one is an edit giving its end day)."""

import uuid
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

from . import exports, services
from . import rescue_selectors as selectors
from .models import RescueOperation
from .rescue_forms import RescueFilterForm, RescueForm
from .views import PAGE_SIZE, _units

_FIELDS = [
    "kind",
    "title",
    "started_on",
    "ended_on",
    "commune_id",
    "place",
    "lon",
    "lat",
    "rescued",
    "evacuated",
    "deaths",
    "missing",
    "property_saved",
    "property_value",
    "border_guards",
    "militia",
    "other_forces",
    "vehicles",
    "description",
    "version",
]


def _filtered(request: HttpRequest) -> tuple[RescueFilterForm, Any]:
    form = RescueFilterForm(request.GET or None, units=_units(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    operations = selectors.rescue_list(
        actor=request.user,
        start=data.get("start"),
        end=data.get("end"),
        unit_id=data.get("unit_id"),
        kind=data.get("kind") or "",
    )
    return form, operations


@login_required
def rescues(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    return render(
        request,
        "operations/rescues.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "totals": selectors.rescue_totals(rows),
            "can_record": access.can(request.user, "operations.record"),
        },
    )


@login_required
def rescues_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = _filtered(request)[1]
    return tables.download(fmt, _("Cứu hộ, cứu nạn"), exports.RESCUES, rows, "rescues")


@login_required
def rescue_detail(request: HttpRequest, rescue_id: int) -> HttpResponse:
    operation = selectors.rescue_get(actor=request.user, rescue_id=rescue_id)
    return render(
        request,
        "operations/rescue_detail.html",
        {
            "operation": operation,
            "can_record": access.can(request.user, "operations.record")
            and in_scope(request.user, operation.unit.path),
        },
    )


def _communes(actor: Any, current: RescueOperation | None = None) -> list[tuple[int, str]]:
    communes = [(c.pk, c.name) for c in registry.border_communes(actor=actor)]
    if current is not None and current.commune_id not in {pk for pk, _n in communes}:
        communes.append((current.commune.pk, current.commune.name))  # type: ignore[union-attr]
    return communes


@login_required
def rescue_create(request: HttpRequest) -> HttpResponse:
    """Record an operation; the form carries a client id, so a repeated submit records it once."""
    access.require(request.user, "operations.record")
    form = RescueForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "started_on": timezone.localdate()},
        units=_units(request.user, for_write=True, on=record_day(request, "started_on")),
        communes=_communes(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            operation, _made = services.rescue_create(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
            return redirect("operations:rescue", operation.pk)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(request, form, _("Ghi nhận cứu hộ, cứu nạn"))


@login_required
def rescue_edit(request: HttpRequest, rescue_id: int) -> HttpResponse:
    """Correct an operation or close it; an edit made on a copy someone has changed since is
    refused."""
    access.require(request.user, "operations.record")
    operation = selectors.rescue_get(actor=request.user, rescue_id=rescue_id)
    form = RescueForm(
        request.POST or None,
        initial={name: getattr(operation, name) for name in _FIELDS},
        units=None,
        communes=_communes(request.user, operation if operation.commune_id else None),
    )
    if request.method == "POST" and form.is_valid():
        changes = {k: form.cleaned_data[k] for k in form.changed_data if k != "version"}
        try:
            services.rescue_update(
                actor=request.user,
                rescue_id=operation.pk,
                version=form.cleaned_data.get("version") or 0,
                **changes,
            )
            return redirect("operations:rescue", operation.pk)
        except Stale as stale:
            form.add_error(None, stale.message)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(request, form, _("Sửa: {title}").format(title=operation.title))
