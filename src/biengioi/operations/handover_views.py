"""Pages of the hand-overs (tiếp nhận, trao trả, trục xuất): the list (filters, the totals table
of the reports, export), a hand-over's page, and the record and edit forms with the received
persons' home provinces as rows."""

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
from biengioi.core.forms import summarise_rows
from biengioi.core.scope import in_scope
from biengioi.registry import selectors as registry
from biengioi.registry.forms import record_day, show_domain_error

from . import exports, services
from . import handover_selectors as selectors
from .handover_forms import HandoverFilterForm, HandoverForm, OriginFormSet, origin_rows
from .models import Handover
from .views import PAGE_SIZE, _units


def _filtered(request: HttpRequest) -> tuple[HandoverFilterForm, Any]:
    form = HandoverFilterForm(request.GET or None, units=_units(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    handovers = selectors.handover_list(
        actor=request.user,
        q=data.get("q") or "",
        start=data.get("start"),
        end=data.get("end"),
        unit_id=data.get("unit_id"),
        kind=data.get("kind") or "",
        nationality=data.get("nationality") or "",
    )
    if "q" in form.errors:  # a search that is no search finds nothing
        handovers = handovers.none()
    return form, handovers


@login_required
def handovers(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    return render(
        request,
        "operations/handovers.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "totals": selectors.handover_totals(rows),
            "can_record": access.can(request.user, "operations.record"),
        },
    )


@login_required
def handovers_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = _filtered(request)[1].prefetch_related("origins__province")
    return tables.download(fmt, _("Tiếp nhận, trao trả"), exports.HANDOVERS, rows, "handovers")


@login_required
def handover_detail(request: HttpRequest, handover_id: int) -> HttpResponse:
    handover = selectors.handover_get(actor=request.user, handover_id=handover_id)
    return render(
        request,
        "operations/handover_detail.html",
        {
            "handover": handover,
            "origins": list(handover.origins.all()),
            "can_record": access.can(request.user, "operations.record")
            and in_scope(request.user, handover.unit.path),
        },
    )


def _choices(actor: Any) -> dict[str, list]:
    gates, markers = selectors.handover_places(actor=actor)
    return {
        "gates": [(g.pk, g.name) for g in gates],
        "markers": [(m.pk, f"{m.identifier} ({m.line.country.name})") for m in markers],
        "counterparts": [(c.pk, c.name) for c in registry.counterpart_list(actor=actor)],
    }


def _provinces(actor: Any) -> list[tuple[int, str]]:
    today = timezone.localdate()
    return [
        (p.pk, p.name) for p in registry.admin_unit_list(actor=actor, level="province", on=today)
    ]


def _show(form: Any, formset: Any, positions: list[int], exc: DomainError) -> str:
    """Put a service error beside its field: a field of the hand-over, or a cell of a row of
    the home provinces. Returns the message meant for the rows as a whole, if any."""
    field = exc.field or ""
    if field == "origins":
        return exc.message
    if field.startswith("origins."):
        _head, index, name = (field.split(".") + ["", ""])[:3]
        if index.isdigit() and int(index) < len(positions):
            formset.forms[positions[int(index)]].add_error(name or None, exc.message)
            return ""
    show_domain_error(form, exc, {})
    return ""


def _form_page(
    request: HttpRequest, form: Any, formset: Any, title: str, origins_error: str = ""
) -> HttpResponse:
    refused = request.method == "POST"
    summarise_rows(form, formset)
    if origins_error:  # the rows as a whole: shown above the table and in the summary
        formset.non_form_errors().append(origins_error)
    return render(
        request,
        "operations/handover_form.html",
        {"form": form, "formset": formset, "title": title},
        status=400 if refused else 200,
    )


@login_required
def handover_create(request: HttpRequest) -> HttpResponse:
    """Record a hand-over; the form carries a client id, so a repeated submit records it once."""
    access.require(request.user, "operations.record")
    form = HandoverForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "on": timezone.localdate()},
        units=_units(request.user, for_write=True, on=record_day(request, "on")),
        **_choices(request.user),
    )
    provinces = _provinces(request.user)
    formset = OriginFormSet(
        request.POST or None, prefix="origins", form_kwargs={"provinces": provinces}
    )
    problem = ""
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = dict(form.cleaned_data)
        rows, positions = origin_rows(formset)
        try:
            handover, _made = services.handover_create(
                actor=request.user, client_id=data.pop("client_id") or None, origins=rows, **data
            )
            return redirect("operations:handover", handover.pk)
        except DomainError as exc:
            problem = _show(form, formset, positions, exc)
    return _form_page(request, form, formset, _("Ghi nhận tiếp nhận, trao trả"), problem)


@login_required
def handover_edit(request: HttpRequest, handover_id: int) -> HttpResponse:
    """Correct a hand-over; an edit made on a copy someone has changed since is refused."""
    access.require(request.user, "operations.record")
    handover: Handover = selectors.handover_get(actor=request.user, handover_id=handover_id)
    fields = ["kind", "on", "gate_id", "marker_id", "counterpart_id", "persons", "males"]
    fields += ["females", "children", "nationality", "wanted", "note", "version"]
    form = HandoverForm(
        request.POST or None,
        initial={name: getattr(handover, name) for name in fields},
        units=None,
        **_choices(request.user),
    )
    origins = list(handover.origins.all())
    provinces = _provinces(request.user)
    known = {pk for pk, _name in provinces}
    provinces += [(o.province_id, o.province.name) for o in origins if o.province_id not in known]
    formset = OriginFormSet(
        request.POST or None,
        prefix="origins",
        initial=[{"province_id": o.province_id, "persons": o.persons} for o in origins],
        form_kwargs={"provinces": provinces},
    )
    problem = ""
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        changes = {k: form.cleaned_data[k] for k in form.changed_data if k != "version"}
        rows, positions = origin_rows(formset)
        try:
            services.handover_update(
                actor=request.user,
                handover_id=handover.pk,
                version=form.cleaned_data.get("version") or 0,
                origins=rows,
                **changes,
            )
            return redirect("operations:handover", handover.pk)
        except Stale as stale:
            form.add_error(None, stale.message)
        except DomainError as exc:
            problem = _show(form, formset, positions, exc)
    title = _("Sửa: {handover}").format(handover=handover)
    return _form_page(request, form, formset, title, problem)
