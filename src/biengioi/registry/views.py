from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biengioi.core import access, geo
from biengioi.core.errors import DomainError
from biengioi.core.scope import scoped

from . import exports, imports, selectors, services
from .forms import (
    ImportForm,
    MarkerCreateForm,
    MarkerFilterForm,
    MarkerForm,
    StatusForm,
    show_domain_error,
)
from .models import Marker, OrgUnit, UnitKind

PAGE_SIZE = 50
EXPORT_LIMIT = 20000


def _lines(actor: Any) -> list[tuple[int, str]]:
    return [(line.pk, line.name) for line in selectors.line_list(actor=actor)]


def _posts(actor: Any, *, for_write: bool = False) -> list[tuple[int, str]]:
    posts = OrgUnit.objects.filter(kind=UnitKind.BORDER_POST).order_by("name")
    return [(p.pk, p.name) for p in scoped(actor, posts, province_wide=not for_write)]


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
    if fmt not in ("csv", "xlsx"):
        raise Http404(fmt)
    _form, rows = _filtered(request)
    rows = rows[:EXPORT_LIMIT]
    stamp = timezone.localdate().strftime("%Y%m%d")
    if fmt == "xlsx":
        body = exports.markers_xlsx(rows)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = exports.markers_csv(rows)
        kind = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="moc-quoc-gioi-{stamp}.{fmt}"'
    return response


@login_required
def marker_detail(request: HttpRequest, marker_id: int) -> HttpResponse:
    marker = selectors.marker_get(actor=request.user, marker_id=marker_id)
    return render(
        request,
        "registry/marker_detail.html",
        {
            "marker": marker,
            "history": selectors.marker_history(actor=request.user, marker=marker),
            "vn2000": geo.vn2000(float(marker.lon), float(marker.lat)),
            "status_form": StatusForm(prefix="status"),
            "can_record": access.can(request.user, "marker.status_record"),
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
            "history": selectors.marker_history(actor=request.user, marker=marker),
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
    initial |= {"section_id": marker.section_id, "post_id": marker.post_id}
    form = MarkerForm(
        request.POST or None,
        initial=initial,
        sections=_sections(request.user),
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


@login_required
def sections(request: HttpRequest) -> HttpResponse:
    rows = selectors.section_list(actor=request.user)
    return render(request, "registry/sections.html", {"sections": rows})


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
