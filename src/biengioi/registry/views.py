from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from biengioi.core import access, geo, tables
from biengioi.core.errors import DomainError
from biengioi.core.forms import SearchForm

from . import exports, imports, selectors, services
from .forms import (
    AdminUnitFilterForm,
    AdminUnitForm,
    GateForm,
    ImportForm,
    MarkerCreateForm,
    MarkerFilterForm,
    MarkerForm,
    SectionCommuneForm,
    SectionFilterForm,
    SectionForm,
    SignForm,
    StatusForm,
    form_page,
    show_domain_error,
    status_form,
)
from .models import GateKind, GateState, Marker, ObjectStatus, SignKind
from .organisation_views import counterparts_filtered, members_filtered

PAGE_SIZE = 50


def _lines(actor: Any) -> list[tuple[int, str]]:
    return [(line.pk, line.name) for line in selectors.line_list(actor=actor)]


def _posts(actor: Any, *, for_write: bool = False) -> list[tuple[int, str]]:
    return [(p.pk, p.name) for p in selectors.border_posts(actor=actor, for_write=for_write)]


def _border_communes(actor: Any) -> list[tuple[int, str]]:
    """Communes of the land border area along the province's sections."""
    links = selectors.border_communes(actor=actor)
    return [(c.pk, c.name) for c in links]


def _sections(actor: Any) -> list[tuple[int, str]]:
    return [(s.pk, f"{s.code} — {s.name}") for s in selectors.section_list(actor=actor)]


def _filtered(request: HttpRequest) -> tuple[MarkerFilterForm, Any]:
    form = MarkerFilterForm(
        request.GET or None, lines=_lines(request.user), posts=_posts(request.user)
    )
    data = form.cleaned_data if form.is_valid() else {}
    markers = selectors.marker_list(
        actor=request.user,
        q=data.get("q") or "",
        line_id=data.get("line"),
        kind=data.get("kind") or "",
        status=data.get("status") or "",
        post_id=data.get("post"),
    )
    if "q" in form.errors:  # a search that is no search finds nothing
        markers = markers.none()
    return form, markers


@login_required
def markers(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/markers.html",
        {
            "form": form,
            "page": page,
            "query": request.GET.urlencode(),
            "can_manage": access.can(request.user, "registry.manage"),
        },
    )


@login_required
def markers_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = _filtered(request)[1]
    return tables.download(fmt, _("Mốc quốc giới"), exports.MARKERS, rows, "moc-quoc-gioi")


@login_required
def marker_detail(request: HttpRequest, marker_id: int) -> HttpResponse:
    marker = selectors.marker_get(actor=request.user, marker_id=marker_id)
    return render(
        request,
        "registry/marker_detail.html",
        {
            "marker": marker,
            "history": selectors.history(actor=request.user, owner=marker),
            "vn2000": geo.vn2000(float(marker.lon), float(marker.lat)),
            "status_form": StatusForm(prefix="status"),
            "can_record": access.can(request.user, "registry.status_record"),
            "can_manage": access.can(request.user, "registry.manage"),
        },
    )


@login_required
@require_POST
def marker_status(request: HttpRequest, marker_id: int) -> HttpResponse:
    marker = selectors.marker_get(actor=request.user, marker_id=marker_id)
    form = StatusForm(request.POST, prefix="status")
    if form.is_valid():
        try:
            services.marker_status_record(
                actor=request.user, marker_id=marker.pk, **form.cleaned_data
            )
            return redirect("registry:marker", marker_id=marker.pk)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return render(
        request,
        "registry/marker_detail.html",
        {
            "marker": marker,
            "history": selectors.history(actor=request.user, owner=marker),
            "vn2000": geo.vn2000(float(marker.lon), float(marker.lat)),
            "status_form": form,
            "can_record": True,
            "can_manage": access.can(request.user, "registry.manage"),
        },
        status=400,
    )


_ALIASES = {"line_id": "line_id", "post_id": "post_id", "section_id": "section_id"}


@login_required
def marker_create(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "registry.manage")
    form = MarkerCreateForm(
        request.POST or None,
        lines=_lines(request.user),
        sections=_sections(request.user),
        communes=_border_communes(request.user),
        posts=_posts(request.user, for_write=True),
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        try:
            marker = services.marker_create(actor=request.user, **data)
            return redirect("registry:marker", marker_id=marker.pk)
        except DomainError as exc:
            show_domain_error(form, exc, _ALIASES)
    return render(
        request,
        "registry/marker_form.html",
        {"form": form, "title": _("Thêm mốc")},
        status=400 if form.errors else 200,
    )


@login_required
def marker_edit(request: HttpRequest, marker_id: int) -> HttpResponse:
    access.require(request.user, "registry.manage")
    marker: Marker = selectors.marker_get(actor=request.user, marker_id=marker_id)
    initial = {
        f: getattr(marker, f)
        for f in (
            "identifier",
            "kind",
            "multiplicity",
            "marker_type",
            "material",
            "lon",
            "lat",
            "elevation_m",
            "year_planted",
            "note",
        )
    }
    initial |= {
        "section_id": marker.section_id,
        "post_id": marker.post_id,
        "commune_id": marker.commune_id,
    }
    form = MarkerForm(
        request.POST or None,
        initial=initial,
        sections=_sections(request.user),
        communes=_border_communes(request.user),
        posts=_posts(request.user, for_write=True),
    )
    if request.method == "POST" and form.is_valid():
        changed = {k: form.cleaned_data[k] for k in form.changed_data}
        try:
            services.marker_update(actor=request.user, marker_id=marker.pk, **changed)
            return redirect("registry:marker", marker_id=marker.pk)
        except DomainError as exc:
            show_domain_error(form, exc, _ALIASES)
    return render(
        request,
        "registry/marker_form.html",
        {
            "form": form,
            "marker": marker,
            "title": _("Sửa mốc {identifier}").format(identifier=marker.identifier),
        },
        status=400 if form.errors else 200,
    )


def _sections_filtered(request: HttpRequest) -> tuple[SectionFilterForm, Any]:
    form = SectionFilterForm(
        request.GET or None, lines=_lines(request.user), posts=_posts(request.user)
    )
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.section_list(
        actor=request.user,
        q=data.get("q") or "",
        line_id=data.get("line_id"),
        post_id=data.get("post_id"),
    )
    if "q" in form.errors:  # a search that is no search finds nothing
        rows = rows.none()
    return form, rows


@login_required
def sections(request: HttpRequest) -> HttpResponse:
    form, rows = _sections_filtered(request)
    return render(
        request,
        "registry/sections.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "can_manage": access.can(request.user, "registry.manage"),
        },
    )


@login_required
def marker_import(request: HttpRequest) -> HttpResponse:
    """Upload a file; either every row is imported, or none and every bad row is listed."""
    access.require(request.user, "registry.manage")
    form = ImportForm(request.POST or None, request.FILES or None, lines=_lines(request.user))
    errors: list = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = imports.marker_import(
                actor=request.user,
                line_id=form.cleaned_data["line_id"],
                filename=upload.name,
                content=upload.read(),
            )
        except imports.FileRejected as exc:
            form.add_error("file", exc.message)
        else:
            if result.ok:
                messages.success(request, _("Đã nhập {n} mốc.").format(n=result.created))
                return redirect("registry:markers")
            errors = result.errors
    status = 400 if form.errors or errors else 200
    return render(
        request,
        "registry/marker_import.html",
        {"form": form, "errors": errors, "columns": imports.COLUMNS},
        status=status,
    )


@login_required
def marker_import_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-moc.csv"'
    return response


# --- signs and gates ------------------------------------------------------------------------


def _status_post(request: HttpRequest, record: Any, choices: Any, **ids: int) -> Any:
    """Record a status from the detail page's form; returns the bound form if it failed."""
    form = status_form(choices, request.POST)
    if form.is_valid():
        try:
            record(actor=request.user, **ids, **form.cleaned_data)
            return None
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form


def _gates_for_pairing(actor: Any, exclude: int | None = None) -> list[tuple[int, str]]:
    return [
        (g.pk, f"{g.name} ({g.get_side_display()})")
        for g in selectors.gate_list(actor=actor)
        if g.pk != exclude
    ]


def _searched(request: HttpRequest, select: Any, **filters: Any) -> tuple[SearchForm, Any]:
    """A list read with the page's search box (core.search's rule); nothing when the search is
    refused, the form saying why."""
    search = SearchForm(request.GET)
    search.is_valid()
    rows = select(actor=request.user, q=search.cleaned_data.get("q", ""), **filters)
    return search, rows.none() if search.errors else rows


@login_required
def signs(request: HttpRequest) -> HttpResponse:
    search, rows = _searched(request, selectors.sign_list, kind=request.GET.get("kind", ""))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/signs.html",
        {
            "search": search,
            "page": page,
            "kinds": SignKind.choices,
            "can_manage": access.can(request.user, "registry.manage"),
        },
    )


@login_required
def sign_detail(request: HttpRequest, sign_id: int) -> HttpResponse:
    sign = selectors.sign_get(actor=request.user, sign_id=sign_id)
    form = status_form(ObjectStatus)
    if request.method == "POST":
        form = _status_post(request, services.sign_status_record, ObjectStatus, sign_id=sign.pk)
        if form is None:
            return redirect("registry:sign", sign_id=sign.pk)
    return render(
        request,
        "registry/object_detail.html",
        {
            "obj": sign,
            "title": _("Biển báo {code}").format(code=sign.code),
            "history": selectors.history(actor=request.user, owner=sign),
            "status_form": form,
            "edit_url": "registry:sign_edit",
            "list_url": "registry:signs",
            "facts": [
                (_("Loại biển"), sign.get_kind_display()),
                (_("Tuyến"), sign.line.name),
                (_("Kinh độ, vĩ độ (WGS84)"), f"{sign.lon}, {sign.lat}"),
                (_("Đồn phụ trách"), sign.post.name),
                (_("Năm cắm biển"), sign.year_installed or "—"),
                (_("Ghi chú"), sign.note),
            ],
            "can_record": access.can(request.user, "registry.status_record"),
            "can_manage": access.can(request.user, "registry.manage"),
        },
        status=400 if form.errors else 200,
    )


def _save(request: HttpRequest, form: Any, write: Any, target: str, **ids: int) -> Any:
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in (form.changed_data if ids else form.fields)}
        try:
            obj = write(actor=request.user, **ids, **data)
            return redirect(target, obj.pk)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return None


@login_required
def sign_form(request: HttpRequest, sign_id: int | None = None) -> HttpResponse:
    access.require(request.user, "registry.manage")
    sign = selectors.sign_get(actor=request.user, sign_id=sign_id) if sign_id else None
    initial = (
        {}
        if sign is None
        else {
            "code": sign.code,
            "kind": sign.kind,
            "lon": sign.lon,
            "lat": sign.lat,
            "post_id": sign.post_id,
            "year_installed": sign.year_installed,
            "note": sign.note,
        }
    )
    form = SignForm(
        request.POST or None,
        initial=initial,
        posts=_posts(request.user, for_write=True),
        lines=None if sign else _lines(request.user),
    )
    ids = {"sign_id": sign.pk} if sign else {}
    done = _save(
        request,
        form,
        services.sign_update if sign else services.sign_create,
        "registry:sign",
        **ids,
    )
    if done:
        return done
    title = _("Sửa biển báo {code}").format(code=sign.code) if sign else _("Thêm biển báo")
    return form_page(request, form, title)


@login_required
def gates(request: HttpRequest) -> HttpResponse:
    search, rows = _searched(
        request,
        selectors.gate_list,
        kind=request.GET.get("kind", ""),
        side=request.GET.get("side", ""),
    )
    return render(
        request,
        "registry/gates.html",
        {
            "search": search,
            "gates": rows,
            "kinds": GateKind.choices,
            "can_manage": access.can(request.user, "registry.manage"),
        },
    )


@login_required
def gate_detail(request: HttpRequest, gate_id: int) -> HttpResponse:
    gate = selectors.gate_get(actor=request.user, gate_id=gate_id)
    form = status_form(GateState)
    if request.method == "POST":
        form = _status_post(request, services.gate_status_record, GateState, gate_id=gate.pk)
        if form is None:
            return redirect("registry:gate", gate_id=gate.pk)
    partner = gate.paired_with.name if gate.paired_with else "—"
    return render(
        request,
        "registry/object_detail.html",
        {
            "obj": gate,
            "title": gate.name,
            "history": selectors.history(actor=request.user, owner=gate),
            "status_form": form,
            "edit_url": "registry:gate_edit",
            "list_url": "registry:gates",
            "facts": [
                (_("Phía"), gate.get_side_display()),
                (_("Loại cửa khẩu"), gate.get_kind_display()),
                (_("Cửa khẩu đối diện"), partner),
                (_("Giờ mở cửa"), gate.opening_hours or "—"),
                (_("Tuyến"), gate.line.name),
                (_("Kinh độ, vĩ độ (WGS84)"), f"{gate.lon}, {gate.lat}"),
                (_("Đồn biên phòng phụ trách"), gate.post.name),
                (_("Ghi chú"), gate.note),
            ],
            "can_record": access.can(request.user, "registry.status_record"),
            "can_manage": access.can(request.user, "registry.manage"),
        },
        status=400 if form.errors else 200,
    )


@login_required
def gate_form(request: HttpRequest, gate_id: int | None = None) -> HttpResponse:
    access.require(request.user, "registry.manage")
    gate = selectors.gate_get(actor=request.user, gate_id=gate_id) if gate_id else None
    initial = (
        {}
        if gate is None
        else {
            "name": gate.name,
            "side": gate.side,
            "kind": gate.kind,
            "paired_with_id": gate.paired_with_id,
            "opening_hours": gate.opening_hours,
            "lon": gate.lon,
            "lat": gate.lat,
            "post_id": gate.post_id,
            "note": gate.note,
        }
    )
    form = GateForm(
        request.POST or None,
        initial=initial,
        posts=_posts(request.user, for_write=True),
        gates=_gates_for_pairing(request.user, gate.pk if gate else None),
        lines=None if gate else _lines(request.user),
    )
    ids = {"gate_id": gate.pk} if gate else {}
    done = _save(
        request,
        form,
        services.gate_update if gate else services.gate_create,
        "registry:gate",
        **ids,
    )
    if done:
        return done
    title = _("Sửa cửa khẩu {name}").format(name=gate.name) if gate else _("Thêm cửa khẩu")
    return form_page(request, form, title)


# --- administrative units ---------------------------------------------------------------------


@login_required
def admin_units(request: HttpRequest) -> HttpResponse:
    form = AdminUnitFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.admin_unit_list(
        actor=request.user, q=data.get("q") or "", level=data.get("level") or "", on=data.get("on")
    )
    if "q" in form.errors:  # a search that is no search finds nothing
        rows = rows.none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/admin_units.html",
        {"form": form, "page": page, "can_manage": access.can(request.user, "admin_unit.manage")},
    )


@login_required
def admin_unit_detail(request: HttpRequest, admin_unit_id: int) -> HttpResponse:
    unit = selectors.admin_unit_get(actor=request.user, admin_unit_id=admin_unit_id)
    today = timezone.localdate()
    return render(
        request,
        "registry/admin_unit_detail.html",
        {
            "unit": unit,
            "predecessors": unit.predecessors.all(),
            "successors": unit.successors.all(),
            "children": unit.children.order_by("name")[:500],
            "today_units": selectors.admin_unit_rollup(unit, today),
            "can_manage": access.can(request.user, "admin_unit.manage")
            and selectors.admin_unit_writable(actor=request.user, unit=unit),
        },
    )


@login_required
def admin_unit_form(request: HttpRequest, admin_unit_id: int | None = None) -> HttpResponse:
    access.require(request.user, "admin_unit.manage")
    unit = (
        selectors.admin_unit_for_write(actor=request.user, admin_unit_id=admin_unit_id)
        if admin_unit_id
        else None
    )
    initial = (
        {}
        if unit is None
        else {
            "code": unit.code,
            "name": unit.name,
            "level": unit.level,
            "division_type": unit.division_type,
            "parent_id": unit.parent_id,
            "valid_from": unit.valid_from,
            "valid_to": unit.valid_to,
            "is_border_area": unit.is_border_area,
            "population": unit.population,
        }
    )
    form = AdminUnitForm(request.POST or None, initial=initial)
    ids = {"admin_unit_id": unit.pk} if unit else {}
    done = _save(
        request,
        form,
        services.admin_unit_update if unit else services.admin_unit_create,
        "registry:admin_unit",
        **ids,
    )
    if done:
        return done
    title = (
        _("Sửa đơn vị hành chính {name}").format(name=unit.name)
        if unit
        else _("Thêm đơn vị hành chính")
    )
    return form_page(request, form, title)


@login_required
def section_detail(request: HttpRequest, section_id: int) -> HttpResponse:
    section = selectors.section_get(actor=request.user, section_id=section_id)
    form = SectionCommuneForm(request.POST or None)
    if request.method == "POST":
        access.require(request.user, "registry.manage")
        if form.is_valid():
            try:
                services.section_commune_set(
                    actor=request.user, section_id=section.pk, **form.cleaned_data
                )
                return redirect("registry:section", section_id=section.pk)
            except DomainError as exc:
                show_domain_error(form, exc, {})
    return render(
        request,
        "registry/section_detail.html",
        {
            "section": section,
            "form": form,
            "communes": selectors.section_communes(actor=request.user, section=section),
            "markers": selectors.marker_list(actor=request.user, section_id=section.pk).count(),
            "can_manage": access.can(request.user, "registry.manage"),
        },
        status=400 if form.errors else 200,
    )


# --- exports of the other registry lists ------------------------------------------------------

_TABLES: dict[str, tuple[Any, list, Any]] = {
    "sections": (
        lambda r: _sections_filtered(r)[1],
        exports.SECTIONS,
        gettext_lazy("Đoạn biên giới"),
    ),
    "signs": (
        lambda r: _searched(r, selectors.sign_list, kind=r.GET.get("kind", ""))[1],
        exports.SIGNS,
        gettext_lazy("Biển báo"),
    ),
    "gates": (
        lambda r: _searched(r, selectors.gate_list, kind=r.GET.get("kind", ""))[1],
        exports.GATES,
        gettext_lazy("Cửa khẩu"),
    ),
    "admin-units": (
        lambda r: _admin_units_filtered(r),
        exports.ADMIN_UNITS,
        gettext_lazy("Đơn vị hành chính"),
    ),
    "units": (
        lambda r: _searched(r, selectors.unit_list, kind=r.GET.get("kind", ""))[1],
        exports.UNITS,
        gettext_lazy("Đơn vị"),
    ),
    "committee-members": (
        lambda r: members_filtered(r)[1],
        exports.COMMITTEE_MEMBERS,
        gettext_lazy("Thành viên ban chỉ đạo"),
    ),
    "counterparts": (
        lambda r: counterparts_filtered(r)[1],
        exports.COUNTERPARTS,
        gettext_lazy("Đơn vị đối đẳng"),
    ),
}


def _admin_units_filtered(request: HttpRequest) -> Any:
    form = AdminUnitFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.admin_unit_list(
        actor=request.user, q=data.get("q") or "", level=data.get("level") or "", on=data.get("on")
    )
    return rows.none() if "q" in form.errors else rows


@login_required
def table_export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    """The list as the user filtered it, as an XLSX or CSV file."""
    if table not in _TABLES:
        raise Http404(table)
    select, columns, title = _TABLES[table]
    return tables.download(fmt, title, columns, select(request), table)


@login_required
def section_form(request: HttpRequest, section_id: int | None = None) -> HttpResponse:
    """Draw (as GeoJSON) or redraw a section and give it to a post; lengths are computed."""
    access.require(request.user, "registry.manage")
    section = (
        selectors.section_get(actor=request.user, section_id=section_id) if section_id else None
    )
    initial = (
        {}
        if section is None
        else {"name": section.name, "post_id": section.post_id, "geometry": section.geometry}
    )
    form = SectionForm(
        request.POST or None,
        initial=initial,
        posts=_posts(request.user, for_write=True),
        lines=None if section else _lines(request.user),
    )
    ids = {"section_id": section.pk} if section else {}
    done = _save(
        request,
        form,
        services.section_update if section else services.section_create,
        "registry:section",
        **ids,
    )
    if done:
        return done
    title = (
        _("Sửa đoạn biên giới {code}").format(code=section.code)
        if section
        else _("Thêm đoạn biên giới")
    )
    return form_page(request, form, title)
