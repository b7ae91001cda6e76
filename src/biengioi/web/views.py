from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, localize_input
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from biengioi.accounts import selectors as accounts
from biengioi.audit import selectors as audit_selectors
from biengioi.core import access
from biengioi.core.access import Role
from biengioi.core.errors import DomainError
from biengioi.core.forms import DayField, SearchField, SearchForm
from biengioi.geo import basemap, layers
from biengioi.operations.models import (
    CaseHandling,
    CrimeCategory,
    HandoverKind,
    RepairStage,
    RescueKind,
)
from biengioi.operations.selectors import IncidentStatus
from biengioi.registry import selectors as registry
from biengioi.registry import services as registry_services
from biengioi.registry.forms import form_page
from biengioi.registry.models import GateKind, MarkerStatusKind, Side, SignKind, UnitKind
from biengioi.search import selectors as search_selectors

from . import dashboard, todo

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
    """The overview of the reader's own scope for a period (this year unless chosen): what needs
    doing now, the report's statistics as cards, each opening its list, and charts by month
    with their tables."""
    user: Any = request.user
    today = timezone.localdate()
    offered = dashboard.periods(today)
    codes = {p.code: p for p in offered}
    period = codes.get(request.GET.get("period", ""), offered[0])
    figures, as_of = dashboard.rendered(user, period, today)
    return render(
        request,
        "web/home.html",
        {
            "unit": user.unit,
            "periods": [(p.code, p.display) for p in offered],
            "period": period,
            "figures": figures,  # HTML our template made (a SafeString, cached as one)
            "as_of": as_of,
            "todo": todo.for_reader(user, today),
        },
    )


@login_required
def markers_due(request: HttpRequest) -> HttpResponse:
    """Markers of the reader's area that no patrol has inspected for more than the map's
    number of days (or ever): the list a post's to-do box opens."""
    access.require(request.user, "registry.view")
    form = SearchForm(request.GET)
    form.is_valid()
    rows = layers.due_for_inspection(actor=request.user, q=form.cleaned_data.get("q", ""))
    if form.errors:  # a search that is no search finds nothing
        rows = rows.none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "stale_days": layers.stale_days()}
    return render(request, "web/markers_due.html", context)


class MapFilter(forms.Form):
    start = DayField(label=_("Vụ việc từ ngày"), required=False)
    end = DayField(label=_("đến ngày"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


@login_required
def situation_map(request: HttpRequest) -> HttpResponse:
    """The border on one screen: sections by post, markers by status and last visit, gates,
    incidents of a period. The page is a frame; its layers come from the map API."""
    access.require(request.user, "registry.view")
    # Incidents and hand-overs of this year unless a period is asked for: a province's whole
    # history (50,000 incidents: 13 MB) is not what a first look at the map needs.
    this_year = {"start": localize_input(timezone.localdate().replace(month=1, day=1))}
    form = MapFilter(request.GET if "start" in request.GET or "end" in request.GET else this_year)
    # a refused period (said beside its field) shows this year's, not the whole history
    period = (
        form.cleaned_data
        if form.is_valid()
        else {"start": timezone.localdate().replace(day=1, month=1)}
    )
    incidents = access.can(request.user, "operations.view")
    query = {k: v.isoformat() for k, v in period.items() if v}
    labels: dict[str, Any] = {
        "status": {k: str(v) for k, v in MarkerStatusKind.choices},
        "incident": {k: str(v) for k, v in IncidentStatus.CHOICES},
        "gate_kind": {k: str(v) for k, v in GateKind.choices},
        "side": {k: str(v) for k, v in Side.choices},
        "sign_kind": {k: str(v) for k, v in SignKind.choices},
        "stage": {k: str(v) for k, v in RepairStage.choices},
        "handover_kind": {k: str(v) for k, v in HandoverKind.choices},
        "crime_category": {k: str(v) for k, v in CrimeCategory.choices},
        "handling": {k: str(v) for k, v in CaseHandling.choices},
        "rescue_kind": {k: str(v) for k, v in RescueKind.choices},
        "none": str(_("chưa ghi nhận")),
        "never": str(_("chưa có lần tuần tra nào")),
        "last_visit": str(_("Lần tuần tra gần nhất")),
        "last_track": str(_("Hành trình GPS gần nhất đi qua")),
        "never_track": str(_("chưa có hành trình GPS nào")),
        "status_label": str(_("Tình trạng")),
        "side_label": str(_("Phía")),
        "kind_label": str(_("Loại")),
        "post": str(_("Đồn phụ trách")),
        "length": str(_("Chiều dài")),
        "detected": str(_("Phát hiện ngày")),
        "open": str(_("Xem chi tiết")),
        "countries": str(_("Nền bản đồ")),
        "sections": str(_("Đoạn biên giới")),
        "markers": str(_("Mốc quốc giới")),
        "gates": str(_("Cửa khẩu")),
        "incidents": str(_("Vụ việc biên giới")),
        "signs": str(_("Biển báo")),
        "repairs": str(_("Sửa chữa mốc đang làm")),
        "handovers": str(_("Tiếp nhận, trao trả")),
        "stage_label": str(_("Bước")),
        "persons": str(_("Số người")),
        "on": str(_("Ngày")),
        "posts": str(_("Đồn biên phòng")),
        "crime": str(_("Vụ vi phạm pháp luật")),
        "rescues": str(_("Cứu hộ, cứu nạn")),
        "sections_count": str(_("Số đoạn phụ trách")),
        "area": str(_("Địa bàn (ước tính)")),
        "handling_label": str(_("Xử lý")),
        "started": str(_("Bắt đầu ngày")),
        "ongoing": str(_("đang diễn ra")),
        "ended": str(_("đã kết thúc")),
        "rescued": str(_("Số người được cứu")),
        "tracks": str(_("Hành trình GPS của các đợt tuần tra")),
        "coverage": str(_("Độ phủ tuần tra tháng này (đoạn 1 km)")),
        "piece_covered": str(_("Đoạn 1 km có hành trình GPS đi qua trong tháng")),
        "piece_uncovered": str(_("Đoạn 1 km chưa có hành trình GPS đi qua trong tháng")),
        "piece": str(_("Đoạn 1 km số")),
        "patrols_month": str(_("Số đợt tuần tra đi qua trong tháng")),
    }
    operator_map = basemap.configured()
    base = None
    if operator_map is not None and operator_map.usable:
        tile = reverse("web:basemap_tile", args=[0, 0, 0])
        urls = {
            "pmtiles": reverse("web:basemap_file"),
            "mbtiles": tile.replace("/0/0/0", "/{z}/{x}/{y}"),
            "url": operator_map.url,  # the deployment's own tile server, drawn directly
        }
        base = {
            "kind": operator_map.kind,
            "url": urls[operator_map.kind],
            "minzoom": operator_map.minzoom,
            "maxzoom": operator_map.maxzoom,
            "attribution": operator_map.attribution,
        }
    return render(
        request,
        "web/map.html",
        {
            "form": form,
            "basemap": base,
            "basemap_problem": operator_map.problem if operator_map is not None else "",
            "stale_days": settings.MAP_STALE_DAYS,
            "area_km": layers.AREA_KM,
            "incidents": incidents,
            "incidents_query": urlencode(query),
            "labels": labels,
        },
        status=200 if not form.errors else 400,
    )


def _basemap(request: HttpRequest, kind: str) -> basemap.Basemap:
    """The operator's basemap for a signed-in reader of the map, or 404."""
    access.require(request.user, "registry.view")
    found = basemap.configured()
    if found is None or not found.usable or found.kind != kind:
        raise Http404("basemap")
    return found


@login_required
def basemap_tile(request: HttpRequest, z: int, x: int, y: int) -> HttpResponse:
    """One tile of an MBTiles basemap; 404 where the file has none."""
    found = _basemap(request, "mbtiles")
    data = basemap.tile(found, z, x, y)
    if data is None:
        raise Http404("tile")
    response = HttpResponse(data, content_type=basemap.CONTENT_TYPES[found.format])
    response["Cache-Control"] = "private, max-age=86400"
    return response


@login_required
def basemap_file(request: HttpRequest) -> HttpResponseBase:
    """A PMTiles basemap, read by the map in byte ranges (206 Partial Content)."""
    found = _basemap(request, "pmtiles")
    size = found.path.stat().st_size
    header = request.headers.get("Range", "")
    if not header:
        response: HttpResponseBase = FileResponse(
            found.path.open("rb"), content_type="application/octet-stream"
        )
    else:
        wanted = basemap.byte_range(header, size)
        if wanted is None:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        start, end = wanted
        with found.path.open("rb") as f:
            f.seek(start)
            response = HttpResponse(
                f.read(end - start + 1), status=206, content_type="application/octet-stream"
            )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, max-age=86400"
    return response


class UnitFilter(forms.Form):
    q = SearchField()
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
    if "q" in form.errors:  # a search that is no search finds nothing
        rows = rows.none()
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
    lon = forms.DecimalField(
        label=_("Kinh độ trụ sở"),
        max_digits=10,
        decimal_places=7,
        localize=True,
        required=False,
        help_text=_("Vị trí trụ sở (đồn) trên bản đồ, WGS84; để trống cả hai nếu không có."),
    )
    lat = forms.DecimalField(
        label=_("Vĩ độ trụ sở"), max_digits=10, decimal_places=7, localize=True, required=False
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
            "lon": unit.lon,
            "lat": unit.lat,
        }
    )
    parents = (
        None
        if unit
        else registry.unit_choices(registry.unit_list(actor=request.user), on=timezone.localdate())
    )
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
                if not {"lon", "lat"} & set(form.changed_data):
                    data.pop("lon"), data.pop("lat")
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
    q = SearchField()
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
    if "q" in form.errors:  # a search that is no search finds nothing
        rows = rows.none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/users.html", {"form": form, "page": page})


class AuditFilter(forms.Form):
    q = SearchField()
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
    if "q" in form.errors:  # a search that is no search finds nothing
        rows = rows.none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    actions = audit_selectors.audit_actions(actor=request.user)
    return render(request, "web/audit.html", {"form": form, "page": page, "actions": actions})


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """The header's search: what the words find in the reader's scope, grouped by kind."""
    q = request.GET.get("q")
    groups: list[Any] = []
    error = ""
    if q is not None:
        try:
            groups = search_selectors.search(actor=request.user, q=q)
        except DomainError as exc:
            error = exc.message
    context = {"q": q or "", "searched": q is not None, "groups": groups, "error": error}
    return render(request, "web/search.html", context)
