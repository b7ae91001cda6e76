"""Pages of gate traffic: the list (filters, totals, the table of each gate's months, export), a
record's page, the record and edit forms, and the spreadsheet import with its template."""

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from biengioi.core import access, tables
from biengioi.core.errors import DomainError, Stale
from biengioi.core.scope import in_scope
from biengioi.core.sheets import FileRejected
from biengioi.registry.forms import form_page, record_day, show_domain_error

from . import exports, services
from . import gate_selectors as selectors
from .gate_forms import TrafficFilterForm, TrafficForm, TrafficImportForm
from .models import FIGURES
from .services.gates import COLUMNS
from .views import PAGE_SIZE, _units

MONTH_ROWS = 600  # a province's gates over several years


def _gates(actor: Any, *, for_write: bool = False) -> list[tuple[int, str]]:
    gates = (
        selectors.recordable_gates(actor=actor)
        if for_write
        else selectors.province_gates(actor=actor)
    )
    return [(g.pk, g.name) for g in gates]


def _filtered(request: HttpRequest) -> tuple[TrafficFilterForm, Any]:
    form = TrafficFilterForm(
        request.GET or None, units=_units(request.user), gates=_gates(request.user)
    )
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.gate_traffic_list(
        actor=request.user,
        start=data.get("start"),
        end=data.get("end"),
        unit_id=data.get("unit_id"),
        gate_id=data.get("gate_id"),
        period=data.get("period") or "",
    )
    return form, rows


@login_required
def gate_traffic(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    months = selectors.gate_traffic_by_month(rows)
    return render(
        request,
        "operations/gate_traffic.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "totals": selectors.gate_traffic_totals(rows),
            "months": months[:MONTH_ROWS],
            "months_cut": len(months) > MONTH_ROWS,
            "can_record": access.can(request.user, "operations.record"),
        },
    )


@login_required
def gate_traffic_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = _filtered(request)[1]
    return tables.download(
        fmt, _("Lưu lượng qua cửa khẩu"), exports.GATE_TRAFFIC, rows, "gate-traffic"
    )


@login_required
def gate_traffic_detail(request: HttpRequest, traffic_id: int) -> HttpResponse:
    traffic = selectors.gate_traffic_get(actor=request.user, traffic_id=traffic_id)
    return render(
        request,
        "operations/gate_traffic_detail.html",
        {
            "traffic": traffic,
            "can_record": access.can(request.user, "operations.record")
            and in_scope(request.user, traffic.unit.path),
        },
    )


@login_required
def gate_traffic_create(request: HttpRequest) -> HttpResponse:
    """Record a gate's figures; the form carries a client id, so a repeated submit records
    them once."""
    access.require(request.user, "operations.record")
    form = TrafficForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "on": timezone.localdate()},
        units=_units(request.user, for_write=True, on=record_day(request, "on")),
        gates=_gates(request.user, for_write=True),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            traffic, _made = services.gate_traffic_create(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
            return redirect("operations:gate_traffic_detail", traffic.pk)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(request, form, _("Ghi số liệu qua cửa khẩu"))


@login_required
def gate_traffic_edit(request: HttpRequest, traffic_id: int) -> HttpResponse:
    """Correct a figure; an edit made on a copy someone has changed since is refused."""
    access.require(request.user, "operations.record")
    traffic = selectors.gate_traffic_get(actor=request.user, traffic_id=traffic_id)
    fields = ["gate_id", "period", "on", *FIGURES, "note", "version"]
    form = TrafficForm(
        request.POST or None,
        initial={name: getattr(traffic, name) for name in fields},
        units=None,
        gates=_gates(request.user, for_write=True),
    )
    if request.method == "POST" and form.is_valid():
        changes = {k: form.cleaned_data[k] for k in form.changed_data if k != "version"}
        try:
            services.gate_traffic_update(
                actor=request.user,
                traffic_id=traffic.pk,
                version=form.cleaned_data.get("version") or 0,
                **changes,
            )
            return redirect("operations:gate_traffic_detail", traffic.pk)
        except Stale as stale:
            form.add_error(None, stale.message)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(request, form, _("Sửa số liệu: {traffic}").format(traffic=traffic))


@login_required
def gate_traffic_import(request: HttpRequest) -> HttpResponse:
    """Upload a spreadsheet; either every row is imported, or none and every bad row is
    listed with its row, column and reason."""
    access.require(request.user, "operations.record")
    form = TrafficImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"client_id": uuid.uuid4()},
        units=_units(request.user, for_write=True),
    )
    errors: list = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.gate_traffic_import(
                actor=request.user,
                unit_id=form.cleaned_data["unit_id"],
                filename=upload.name,
                content=upload.read(),
                client_id=form.cleaned_data.get("client_id"),
            )
        except FileRejected as exc:
            form.add_error("file", exc.message)
        except DomainError as exc:
            show_domain_error(form, exc, {})
        else:
            if result.ok:
                messages.success(request, _("Đã nhập {n} dòng.").format(n=result.created))
                return redirect("operations:gate_traffic")
            errors = result.errors
    return render(
        request,
        "operations/gate_traffic_import.html",
        {"form": form, "errors": errors, "columns": COLUMNS},
        status=400 if form.errors or errors else 200,
    )


@login_required
def gate_traffic_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        services.gate_traffic_template(actor=request.user),
        content_type=tables.CONTENT_TYPES["xlsx"],
    )
    response["Content-Disposition"] = 'attachment; filename="mau-luu-luong-cua-khau.xlsx"'
    return response
