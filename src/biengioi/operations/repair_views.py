"""Pages of marker repairs: the list (open first, counts per stage, export), a repair's page
with its ladder and the form for its next step, and the form that opens one."""

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
from biengioi.registry.forms import form_page, show_domain_error

from . import exports, services
from . import repair_selectors as selectors
from .models import MarkerRepair, RepairStage
from .repair_forms import RepairFilterForm, RepairOpenForm, RepairStepForm
from .views import PAGE_SIZE, _units


def _filtered(request: HttpRequest) -> tuple[RepairFilterForm, Any]:
    form = RepairFilterForm(request.GET or None, units=_units(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    repairs = selectors.repair_list(
        actor=request.user,
        q=data.get("q") or "",
        status=data.get("status") or "",
        stage=data.get("stage") or "",
        unit_id=data.get("unit_id"),
        start=data.get("start"),
        end=data.get("end"),
    )
    if "q" in form.errors:  # a search that is no search finds nothing
        repairs = repairs.none()
    return form, repairs


@login_required
def repairs(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    return render(
        request,
        "operations/repairs.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "counts": selectors.repair_counts(rows),
            "stages": RepairStage.choices,
            "can_record": access.can(request.user, "operations.record"),
        },
    )


@login_required
def repairs_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = _filtered(request)[1]
    return tables.download(fmt, _("Sửa chữa mốc"), exports.REPAIRS, rows, "marker-repairs")


def _detail(
    request: HttpRequest, repair: MarkerRepair, form: RepairStepForm | None = None
) -> HttpResponse:
    can_record = access.can(request.user, "operations.record") and in_scope(
        request.user, repair.unit.path
    )
    if can_record and repair.next_stage is not None and form is None:
        form = RepairStepForm(
            initial={
                "version": repair.version,
                "stage": repair.next_stage,
                "on": timezone.localdate(),
            }
        )
    return render(
        request,
        "operations/repair_detail.html",
        {
            "repair": repair,
            "steps": list(selectors.repair_steps(repair)),
            "form": form if can_record else None,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def repair_detail(request: HttpRequest, repair_id: int) -> HttpResponse:
    return _detail(request, selectors.repair_get(actor=request.user, repair_id=repair_id))


@login_required
def repair_step(request: HttpRequest, repair_id: int) -> HttpResponse:
    """Record the repair's next step; a step on a copy someone has changed since is refused."""
    access.require(request.user, "operations.record")
    repair = selectors.repair_get(actor=request.user, repair_id=repair_id)
    if request.method != "POST":
        return redirect("operations:repair", repair.pk)
    form = RepairStepForm(request.POST)
    if form.is_valid():
        try:
            services.marker_repair_advance(
                actor=request.user, repair_id=repair.pk, **form.cleaned_data
            )
            return redirect("operations:repair", repair.pk)
        except Stale as stale:
            form.add_error(None, stale.message)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return _detail(request, repair, form)


@login_required
def repair_open(request: HttpRequest) -> HttpResponse:
    """Start following a marker in trouble (a patrol that finds one opens it by itself)."""
    access.require(request.user, "operations.record")
    markers = [
        (m.pk, f"{m.identifier} ({m.line.name})")
        for m in selectors.repairable_markers(actor=request.user)
    ]
    initial = {"client_id": uuid.uuid4(), "detected_on": timezone.localdate()}
    if request.GET.get("marker", "").isdigit():
        initial["marker_id"] = int(request.GET["marker"])
    form = RepairOpenForm(request.POST or None, initial=initial, markers=markers)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            repair, _made = services.marker_repair_open(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
            return redirect("operations:repair", repair.pk)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(request, form, _("Theo dõi sửa chữa mốc"))
