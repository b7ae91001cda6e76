from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from biengioi.accounts import selectors as accounts
from biengioi.audit import selectors as audit_selectors
from biengioi.core.access import Role
from biengioi.registry import selectors as registry
from biengioi.registry.models import UnitKind

PAGE_SIZE = 50


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database reachability, for load balancers and monitoring."""
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
            cur.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"unit": request.user.unit})  # type: ignore[union-attr]


class UnitFilter(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Loại"), required=False, choices=[("", _("Tất cả"))] + list(UnitKind.choices)
    )


@login_required
def units(request: HttpRequest) -> HttpResponse:
    form = UnitFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = registry.unit_list(
        actor=request.user, q=filters.get("q", ""), kind=filters.get("kind", "")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/units.html", {"form": form, "page": page})


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = registry.unit_get(actor=request.user, unit_id=unit_id)
    children = registry.unit_list(actor=request.user).filter(parent=unit)
    context: dict[str, Any] = {"unit": unit, "children": children}
    if unit.kind == UnitKind.BORDER_POST:  # the post's area: sections, communes, markers, gates
        sections = list(registry.section_list(actor=request.user, post_id=unit.pk))
        context |= {
            "sections": sections,
            "area_communes": registry.border_communes(actor=request.user)
            .filter(border_sections__section__in=sections)
            .distinct(),
            "marker_count": registry.marker_list(actor=request.user, post_id=unit.pk).count(),
            "gates": registry.gate_list(actor=request.user).filter(post=unit),
            "counterparts": registry.counterpart_list(actor=request.user).filter(facing_posts=unit),
        }
    return render(request, "web/unit_detail.html", context)


class UserFilter(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100)
    role = forms.ChoiceField(
        label=_("Vai trò"), required=False, choices=[("", _("Tất cả"))] + list(Role.choices)
    )


@login_required
def users(request: HttpRequest) -> HttpResponse:
    form = UserFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = accounts.user_list(
        actor=request.user, q=filters.get("q", ""), role=filters.get("role", "")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/users.html", {"form": form, "page": page})


class AuditFilter(forms.Form):
    action = forms.CharField(label=_("Thao tác"), required=False, max_length=80)
    object_type = forms.CharField(label=_("Loại đối tượng"), required=False, max_length=80)
    username = forms.CharField(label=_("Người thực hiện"), required=False, max_length=150)
    since = forms.DateField(label=_("Từ ngày"), required=False)
    until = forms.DateField(label=_("Đến ngày"), required=False)


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    form = AuditFilter(request.GET or None)
    filters = {k: v for k, v in (form.cleaned_data if form.is_valid() else {}).items() if v}
    rows = audit_selectors.audit_list(actor=request.user, **filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    actions = audit_selectors.audit_actions(actor=request.user)
    return render(request, "web/audit.html", {"form": form, "page": page, "actions": actions})
