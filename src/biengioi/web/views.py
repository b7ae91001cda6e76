from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from biengioi.accounts import selectors as accounts
from biengioi.audit import selectors as audit_selectors
from biengioi.core import access
from biengioi.core.access import Role
from biengioi.core.errors import DomainError
from biengioi.core.forms import DayField
from biengioi.registry import selectors as registry
from biengioi.registry import services as registry_services
from biengioi.registry.forms import form_page
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
    on = DayField(label=_("Đang hoạt động ngày"), required=False)


@login_required
def units(request: HttpRequest) -> HttpResponse:
    form = UnitFilter(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = registry.unit_list(
        actor=request.user,
        q=filters.get("q", ""),
        kind=filters.get("kind", ""),
        on=filters.get("on"),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "web/units.html",
        {"form": form, "page": page, "can_manage": access.can(request.user, "unit.manage")},
    )


class UnitForm(forms.Form):
    """A unit's own fields; the administrative unit it serves is named by its official code."""

    code = forms.CharField(label=_("Mã"), max_length=40)
    name = forms.CharField(label=_("Tên"), max_length=200)
    kind = forms.ChoiceField(label=_("Loại"), choices=UnitKind.choices)
    parent_id = forms.TypedChoiceField(label=_("Trực thuộc"), coerce=int)
    admin_unit_code = forms.CharField(
        label=_("Mã đơn vị hành chính phục vụ"),
        required=False,
        max_length=20,
        help_text=_(
            "Tỉnh, huyện (trước 01/07/2025) hoặc xã mà đơn vị phụ trách; để trống nếu không có."
        ),
    )
    valid_from = DayField(label=_("Hoạt động từ ngày"), required=False)
    valid_to = DayField(label=_("Đến ngày"), required=False)
    predecessor_ids = forms.TypedMultipleChoiceField(
        label=_("Đơn vị tiền thân"),
        coerce=int,
        required=False,
        help_text=_(
            "Các đơn vị đã kết thúc mà đơn vị này tiếp nhận nhiệm vụ (sắp xếp tổ chức năm 2025); "
            "báo cáo của đơn vị này tính cả số liệu của chúng."
        ),
    )

    def __init__(self, *args: Any, parents: list | None, predecessors: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["predecessor_ids"].choices = predecessors  # type: ignore[attr-defined]
        if parents is None:  # editing: kind and place in the tree stay
            del self.fields["kind"], self.fields["parent_id"]
        else:
            self.fields["parent_id"].choices = parents  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code = (data.pop("admin_unit_code", "") or "").strip()
        data["admin_unit_id"] = None
        if code:
            day = data.get("valid_to") or data.get("valid_from") or timezone.localdate()
            served = registry.admin_unit_on(code=code, day=day)
            if served is None:
                self.add_error(
                    "admin_unit_code",
                    _("Không có đơn vị hành chính mã “{code}” có hiệu lực ngày {day}.").format(
                        code=code, day=date_format(day, "SHORT_DATE_FORMAT")
                    ),
                )
            else:
                data["admin_unit_id"] = served.pk
        return data


def _predecessor_choices(actor: Any, unit: Any) -> list[tuple[int, str]]:
    """The units of the actor's scope that have ended, and those the unit names already (of
    another branch maybe), each with its last day: those it may name as its predecessors (the
    service checks the rest)."""
    ended = list(registry.units_ended(actor=actor))
    if unit is not None:
        ended += [u for u in unit.predecessors.all() if u not in ended]
    return [
        (
            u.pk,
            _("{name} (đến {day})").format(
                name=u.name, day=date_format(u.valid_to, "SHORT_DATE_FORMAT")
            ),
        )
        for u in ended
        if u.valid_to is not None and (unit is None or u.pk != unit.pk)
    ]


@login_required
def unit_form(request: HttpRequest, unit_id: int | None = None) -> HttpResponse:
    """Add a unit under one in the actor's scope, or change one: its name, code, the
    administrative unit it serves, its dates (a district committee ended on 30/06/2025) and the
    units that ended that it took over from (the Border Guard command, 27/06/2025)."""
    access.require(request.user, "unit.manage")
    unit = registry.unit_get(actor=request.user, unit_id=unit_id) if unit_id else None
    initial = (
        {}
        if unit is None
        else {
            "code": unit.code,
            "name": unit.name,
            "admin_unit_code": unit.admin_unit.code if unit.admin_unit else "",
            "valid_from": unit.valid_from,
            "valid_to": unit.valid_to,
            "predecessor_ids": [p.pk for p in unit.predecessors.all()],
        }
    )
    parents = None if unit else [(u.pk, u.name) for u in registry.unit_list(actor=request.user)]
    form = UnitForm(
        request.POST or None,
        initial=initial,
        parents=parents,
        predecessors=_predecessor_choices(request.user, unit),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if unit is None:
                unit = registry_services.unit_create(actor=request.user, **data)
            else:
                if "admin_unit_code" not in form.changed_data:
                    data.pop("admin_unit_id")
                if "predecessor_ids" not in form.changed_data:
                    data.pop("predecessor_ids")
                unit = registry_services.unit_update(actor=request.user, unit_id=unit.pk, **data)
            return redirect("web:unit", unit.pk)
        except DomainError as exc:
            field = "admin_unit_code" if exc.field == "admin_unit_id" else exc.field
            form.add_error(field if field in form.fields else None, exc.message)
    title = _("Sửa đơn vị {name}").format(name=unit.name) if unit else _("Thêm đơn vị")
    return form_page(request, form, title)


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = registry.unit_get(actor=request.user, unit_id=unit_id)
    children = registry.unit_list(actor=request.user).filter(parent=unit)
    context: dict[str, Any] = {
        "unit": unit,
        "children": children,
        "lineage": registry.unit_lineage(actor=request.user, unit=unit),
        "can_manage": access.can(request.user, "unit.manage"),
    }
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
    since = DayField(label=_("Từ ngày"), required=False)
    until = DayField(label=_("Đến ngày"), required=False)


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    form = AuditFilter(request.GET or None)
    filters = {k: v for k, v in (form.cleaned_data if form.is_valid() else {}).items() if v}
    rows = audit_selectors.audit_list(actor=request.user, **filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    actions = audit_selectors.audit_actions(actor=request.user)
    return render(request, "web/audit.html", {"form": form, "page": page, "actions": actions})
