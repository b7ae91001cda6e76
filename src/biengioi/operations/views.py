"""Pages of the operations log: the patrol list (filters, counts, export), a patrol's page with
the markers inspected, the form that records a patrol with its inspections, and its edit."""

import json
import uuid
from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from biengioi.core import access, tables
from biengioi.core.errors import DomainError, Stale
from biengioi.core.forms import summarise_rows
from biengioi.core.panels import panels
from biengioi.core.scope import in_scope
from biengioi.registry import selectors as registry
from biengioi.registry.forms import record_day, show_domain_error

from . import attachment_views, exports, selectors, services
from .forms import AttachmentForm, InspectionFormSet, PatrolFilterForm, PatrolForm
from .models import Patrol, PatrolKind

PAGE_SIZE = 50


def _units(actor: Any, *, for_write: bool = False, on: date | None = None) -> list[tuple[int, str]]:
    posts = registry.border_posts(actor=actor, for_write=for_write)
    return registry.unit_choices(posts, on=on)


def _filtered(request: HttpRequest) -> tuple[PatrolFilterForm, Any]:
    form = PatrolFilterForm(request.GET or None, units=_units(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    patrols = selectors.patrol_list(
        actor=request.user,
        q=data.get("q") or "",
        start=data.get("start"),
        end=data.get("end"),
        unit_id=data.get("unit_id"),
        kind=data.get("kind") or "",
    )
    if "q" in form.errors:  # a search that is no search finds nothing
        patrols = patrols.none()
    return form, patrols


@login_required
def patrols(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    page = Paginator(selectors.with_inspection_counts(rows), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "operations/patrols.html",
        {
            "form": form,
            "page": page,
            "counts": selectors.patrol_counts(rows),
            "can_record": access.can(request.user, "operations.record"),
        },
    )


@login_required
def patrols_export(request: HttpRequest, fmt: str) -> HttpResponse:
    patrols = selectors.with_inspection_counts(_filtered(request)[1])
    rows = patrols.prefetch_related("sections")
    return tables.download(fmt, _("Tuần tra"), exports.PATROLS, rows, "patrols")


def _places(patrol: Patrol, inspections: list[Any]) -> str:
    """The markers a patrol went from, to and inspected, as JSON [lon, lat, identifier] for
    its small map; "" when it names none."""
    markers = [patrol.from_marker, *(i.marker for i in inspections), patrol.to_marker]
    seen: dict[int, list[Any]] = {}
    for m in markers:
        if m is not None and m.pk not in seen:
            seen[m.pk] = [float(m.lon), float(m.lat), m.identifier]
    return json.dumps(list(seen.values()), ensure_ascii=False) if seen else ""


def _patrol_page(
    request: HttpRequest, patrol: Patrol, attachment_form: AttachmentForm | None = None
) -> HttpResponse:
    can_record = access.can(request.user, "operations.record") and in_scope(
        request.user, patrol.unit.path
    )
    inspections = list(selectors.inspections(actor=request.user, patrol=patrol))
    return render(
        request,
        "operations/patrol_detail.html",
        {
            "patrol": patrol,
            "inspections": inspections,
            "places": _places(patrol, inspections),
            "attachments": selectors.attachments(actor=request.user, owner=patrol),
            "attachment_form": (
                attachment_form
                or AttachmentForm(
                    initial=fresh_client_id(), owner="patrol", inspections=_marked(inspections)
                )
            )
            if can_record
            else None,
            "can_record": can_record,
            "panels": panels("patrol", request, patrol),
        },
        status=400 if attachment_form is not None else 200,
    )


def _marked(inspections: Any) -> list[tuple[int, str]]:
    return [(i.pk, i.marker.identifier) for i in inspections]


def fresh_client_id() -> dict[str, Any]:
    """A new client id for a create form: the same form submitted twice makes one record."""
    return {"client_id": uuid.uuid4()}


@login_required
def patrol_detail(request: HttpRequest, patrol_id: int) -> HttpResponse:
    return _patrol_page(request, selectors.patrol_get(actor=request.user, patrol_id=patrol_id))


@login_required
def patrol_upload(request: HttpRequest, patrol_id: int) -> HttpResponse:
    """Keep a file with the patrol: its signed record, a photo."""
    patrol = selectors.patrol_get(actor=request.user, patrol_id=patrol_id)
    if request.method != "POST":
        return redirect("operations:patrol", patrol.pk)
    inspections = _marked(selectors.inspections(actor=request.user, patrol=patrol))
    refused = attachment_views.upload(request, inspections=inspections, patrol_id=patrol.pk)
    if refused is None:
        return redirect("operations:patrol", patrol.pk)
    return _patrol_page(request, patrol, attachment_form=refused)


def _choices(actor: Any, line_id: int | None) -> dict[str, list]:
    sections = registry.section_list(actor=actor)
    if line_id:
        sections = sections.filter(line_id=line_id)
    return {
        "sections": [(s.pk, f"{s.code} — {s.name}") for s in sections],
        "counterparts": [(c.pk, c.name) for c in registry.counterpart_list(actor=actor)],
    }


def _markers(actor: Any, data: dict[str, Any], line_id: int) -> dict[str, Any]:
    """Marker identifiers typed on the form, as the ids the service takes."""
    out = {}
    for key in ("from_marker", "to_marker"):
        text = (data.pop(key, "") or "").strip()
        out[f"{key}_id"] = (
            registry.marker_by_identifier(
                actor=actor, line_id=line_id, identifier=text, field=key
            ).pk
            if text
            else None
        )
    return out


def _inspections(actor: Any, formset: Any, line_id: int) -> list[dict[str, Any]]:
    rows = []
    for index, form in enumerate(formset.forms):
        text = (form.cleaned_data.get("marker") or "").strip()
        if not text:
            continue
        try:
            marker = registry.marker_by_identifier(
                actor=actor, line_id=line_id, identifier=text, field="marker"
            )
        except DomainError as exc:
            raise DomainError(exc.code, field=f"inspections.{index}.marker", **exc.params) from exc
        rows.append(
            {
                "marker_id": marker.pk,
                "status": form.cleaned_data["status"],
                "vegetation_cleared": form.cleaned_data.get("vegetation_cleared", False),
                "note": form.cleaned_data.get("note", ""),
            }
        )
    return rows


def _show(form: Any, formset: Any, exc: DomainError) -> None:
    """Put a service error beside its field: a patrol field, or a row of the inspections."""
    field = exc.field or ""
    if field.startswith("inspections."):
        _, index, name = (field.split(".") + ["", ""])[:3]
        rows = formset.forms if formset is not None else []
        row = rows[int(index)] if index.isdigit() and int(index) < len(rows) else None
        if row is not None:
            row.add_error("marker" if name.startswith("marker") else name or None, exc.message)
            return
    aliases = {"from_marker_id": "from_marker", "to_marker_id": "to_marker", "id": None}
    show_domain_error(form, exc, {k: v for k, v in aliases.items() if v})


@login_required
def patrol_create(request: HttpRequest) -> HttpResponse:
    """Record a patrol with the markers inspected on it. The form carries a client id, so a
    submit repeated on a weak link records the patrol once."""
    access.require(request.user, "operations.record")
    lines = [(line.pk, line.name) for line in registry.line_list(actor=request.user)]
    line_id = int(request.POST.get("line_id") or 0) or (lines[0][0] if lines else None)
    form = PatrolForm(
        request.POST or None,
        units=_units(request.user, for_write=True, on=record_day(request, "started_at")),
        lines=lines,
        **_choices(request.user, line_id),
    )
    formset = summarise_rows(form, InspectionFormSet(request.POST or None, prefix="inspections"))
    client_id = request.POST.get("client_id") or str(uuid.uuid4())
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data = dict(form.cleaned_data)
        try:
            markers = _markers(request.user, data, data["line_id"])
            inspections = _inspections(request.user, formset, data["line_id"])
            patrol, _made = services.patrol_create(
                actor=request.user,
                client_id=uuid.UUID(client_id),
                inspections=inspections,
                **data,
                **markers,
            )
            return redirect("operations:patrol", patrol.pk)
        except DomainError as exc:
            _show(form, formset, exc)
        except ValueError:
            form.add_error(None, _("Mã định danh biểu mẫu không hợp lệ; hãy tải lại trang."))
    return render(
        request,
        "operations/patrol_form.html",
        {
            "form": form,
            "formset": formset,
            "client_id": client_id,
            "title": _("Ghi nhận chuyến tuần tra"),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def patrol_inspections_add(request: HttpRequest, patrol_id: int) -> HttpResponse:
    """Add markers inspected to a patrol already recorded; `?markers=600,601` fills the rows
    (the markers its GPS track passed, offered on its page)."""
    access.require(request.user, "operations.record")
    patrol: Patrol = selectors.patrol_get(actor=request.user, patrol_id=patrol_id)
    offered = [m for m in request.GET.get("markers", "").split(",") if m.strip()][:60]
    formset = InspectionFormSet(
        request.POST or None,
        prefix="inspections",
        initial=[{"marker": m.strip()} for m in offered] or None,
    )
    for row in formset.forms:  # suggest.js: the markers of the patrol's border
        row.fields["marker"].widget.attrs["data-line"] = patrol.line_id
    if request.method == "POST" and formset.is_valid():
        try:
            services.patrol_inspections_add(
                actor=request.user,
                patrol_id=patrol.pk,
                version=int(request.POST.get("version") or 0),
                inspections=_inspections(request.user, formset, patrol.line_id),
            )
            return redirect("operations:patrol", patrol.pk)
        except Stale:
            formset._non_form_errors = formset.error_class(  # type: ignore[attr-defined]
                [_("Đợt tuần tra vừa được người khác sửa; hãy tải lại trang rồi ghi lại.")]
            )
        except DomainError as exc:
            if (exc.field or "").startswith("inspections."):
                _show(None, formset, exc)
            else:
                formset._non_form_errors = formset.error_class([exc.message])  # type: ignore[attr-defined]
    return render(
        request,
        "operations/patrol_form.html",
        {
            "form": None,
            "formset": formset,
            "version": patrol.version,
            "line_id": patrol.line_id,
            "cancel_url": reverse("operations:patrol", args=[patrol.pk]),
            "title": _("Thêm mốc đã kiểm tra vào {patrol}").format(patrol=patrol),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def patrol_edit(request: HttpRequest, patrol_id: int) -> HttpResponse:
    """Correct a patrol; an edit made on a copy someone has changed since is refused."""
    access.require(request.user, "operations.record")
    patrol: Patrol = selectors.patrol_get(actor=request.user, patrol_id=patrol_id)
    initial = {
        "kind": patrol.kind,
        "host_side": patrol.host_side,
        "started_at": timezone.localtime(patrol.started_at),
        "ended_at": timezone.localtime(patrol.ended_at),
        "section_ids": [s.pk for s in patrol.sections.all()],
        "from_marker": patrol.from_marker.identifier if patrol.from_marker else "",
        "to_marker": patrol.to_marker.identifier if patrol.to_marker else "",
        "distance_km": patrol.distance_km,
        "border_guards": patrol.border_guards,
        "militia": patrol.militia,
        "commune_police": patrol.commune_police,
        "self_management": patrol.self_management,
        "other_side": patrol.other_side,
        "counterpart_id": patrol.counterpart_id,
        "counterpart_leader": patrol.counterpart_leader,
        "findings": patrol.findings,
        "next_patrol_on": patrol.next_patrol_on,
        "version": patrol.version,
    }
    form = PatrolForm(
        request.POST or None,
        initial=initial,
        units=None,
        lines=None,
        **_choices(request.user, patrol.line_id),
    )
    for key in ("from_marker", "to_marker"):  # suggest.js: the markers of the patrol's border
        form.fields[key].widget.attrs["data-line"] = patrol.line_id
    if request.method == "POST" and form.is_valid():
        changed = [k for k in form.changed_data if k != "version"]
        data = {k: form.cleaned_data[k] for k in changed}
        try:
            data |= {
                k: v
                for k, v in _markers(request.user, data, patrol.line_id).items()
                if k[: -len("_id")] in changed
            }
            services.patrol_update(
                actor=request.user,
                patrol_id=patrol.pk,
                version=form.cleaned_data.get("version") or 0,
                **data,
            )
            return redirect("operations:patrol", patrol.pk)
        except Stale as stale:
            form.add_error(None, stale.message)
        except DomainError as exc:
            _show(form, None, exc)
    return render(
        request,
        "operations/patrol_form.html",
        {"form": form, "title": _("Sửa chuyến tuần tra {patrol}").format(patrol=patrol)},
        status=400 if form.errors else 200,
    )


def _year(request: HttpRequest) -> int:
    text = request.GET.get("year", "")
    year = int(text) if text.isdigit() else timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
def patrol_plans(request: HttpRequest) -> HttpResponse:
    """Each post's patrols done against its plan, month by month, for a year."""
    year = _year(request)
    rows = selectors.plan_table(actor=request.user, year=year)
    today = timezone.localdate()
    return render(
        request,
        "operations/patrol_plans.html",
        {
            "year": year,
            "rows": rows,
            "months": range(1, 13),
            "past": 12 if year < today.year else (today.month - 1 if year == today.year else 0),
            "can_record": access.can(request.user, "operations.record"),
        },
    )


@login_required
def patrol_plans_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """A year's plans as rows of post and month: planned, done, and the share done."""
    year = _year(request)
    rows = [
        (row.unit, year, month, planned, done)
        for row in selectors.plan_table(actor=request.user, year=year)
        for month, planned, done in row.months
    ]
    title = _("Kế hoạch tuần tra năm {year}").format(year=year)
    return tables.download(fmt, title, exports.PATROL_PLANS, rows, f"patrol-plans-{year}")


@login_required
def patrol_plan_edit(request: HttpRequest, unit_id: int, year: int) -> HttpResponse:
    """A post's plan for a year: patrols of each kind per month."""
    access.require(request.user, "operations.record")
    row = next(iter(selectors.plan_table(actor=request.user, year=year, unit_id=unit_id)), None)
    if row is None or not in_scope(request.user, row.unit.path) or not 2000 <= year <= 2100:
        raise Http404("PatrolPlan")
    current = selectors.plan_of(actor=request.user, unit_id=unit_id, year=year)
    form = forms.Form(request.POST if request.method == "POST" else None)
    for month in range(1, 13):
        form.fields[f"v{month}"] = forms.IntegerField(
            widget=forms.HiddenInput, initial=row.versions[month], min_value=0
        )
        for kind in PatrolKind:
            form.fields[f"m{month}_{kind.value}"] = forms.IntegerField(
                label=f"{month}/{kind.label}",
                min_value=0,
                max_value=services.plans.MAX_PLANNED,
                initial=current.get((month, kind.value), 0),
            )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                for month in range(1, 13):
                    planned = {
                        kind.value: form.cleaned_data[f"m{month}_{kind.value}"]
                        for kind in PatrolKind
                        if f"m{month}_{kind.value}" in form.changed_data
                    }
                    if planned:
                        services.patrol_plan_set(
                            actor=request.user,
                            unit_id=unit_id,
                            year=year,
                            month=month,
                            planned=planned,
                            version=form.cleaned_data[f"v{month}"],
                        )
            return redirect(f"{reverse('operations:patrol_plans')}?year={year}")
        except Stale as stale:
            form.add_error(
                None,
                _("Kế hoạch tháng {month} đã được sửa sau khi bạn mở trang; hãy tải lại.").format(
                    month=stale.current.month
                ),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
    grid = [
        (kind.label, [form[f"m{month}_{kind.value}"] for month in range(1, 13)])
        for kind in PatrolKind
    ]
    return render(
        request,
        "operations/patrol_plan_form.html",
        {
            "form": form,
            "grid": grid,
            "versions": [form[f"v{month}"] for month in range(1, 13)],
            "unit": row.unit,
            "year": year,
            "months": range(1, 13),
        },
        status=400 if form.errors else 200,
    )
