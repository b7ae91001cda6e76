"""Pages of the twinnings: the list with its filters, counts ("N cặp kết nghĩa: X bản – bản, ...")
and export, a pair's page with its meetings and joint activities, the form that records or
corrects a pair, and the forms that add a meeting or a joint activity."""

import uuid
from datetime import date
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

from . import services
from . import twinning_selectors as selectors
from .models import Twinning, TwinningActivityKind
from .twinning_exports import TWINNINGS
from .twinning_forms import ActivityForm, TwinningFilterForm, TwinningForm

PAGE_SIZE = 50
_LINKS = ("admin_unit_id", "org_unit_id", "counterpart_id", "subdivision_id")


def _units(actor: Any, on: date | None = None) -> list[tuple[int, str]]:
    return registry.unit_choices(selectors.twinning_units(actor=actor), on=on)


def _choices(actor: Any) -> dict[str, list]:
    """What the member fields offer: the registry entries of the actor's province."""
    return {
        "admin_unit_id": [
            (u.pk, f"{u.name} ({u.get_level_display()})")
            for u in selectors.twinning_admin_units(actor=actor)
        ],
        "org_unit_id": [(u.pk, u.name) for u in selectors.twinning_posts(actor=actor)],
        "counterpart_id": [
            (c.pk, f"{c.name} ({c.country.name})")
            for c in selectors.twinning_counterparts(actor=actor)
        ],
        "subdivision_id": [
            (s.pk, f"{s.name} ({s.country.name})")
            for s in selectors.twinning_subdivisions(actor=actor)
        ],
        "country": [
            ("VN", _("Việt Nam")),
            *[(c.code, c.name) for c in selectors.neighbour_countries(actor=actor)],
        ],
    }


def _filtered(request: HttpRequest) -> tuple[TwinningFilterForm, Any]:
    form = TwinningFilterForm(request.GET or None, units=_units(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    active = {"yes": True, "no": False}.get(data.get("active") or "")
    rows = selectors.twinning_list(
        actor=request.user,
        kind=data.get("kind") or "",
        unit_id=data.get("unit_id"),
        active=active,
        start=data.get("start"),
        end=data.get("end"),
    )
    return form, rows


@login_required
def twinnings(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    return render(
        request,
        "community/twinnings.html",
        {
            "form": form,
            "page": Paginator(selectors.with_activity_counts(rows), PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
            "totals": selectors.twinning_totals(rows),
            "can_record": access.can(request.user, "community.record"),
        },
    )


@login_required
def twinnings_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = selectors.with_activity_counts(_filtered(request)[1])
    title = _("Kết nghĩa")
    return tables.download(fmt, title, TWINNINGS, rows, "twinning")


def _can_record(request: HttpRequest, twinning: Twinning) -> bool:
    return access.can(request.user, "community.record") and in_scope(
        request.user, twinning.unit.path
    )


@login_required
def twinning_detail(request: HttpRequest, twinning_id: int) -> HttpResponse:
    twinning = selectors.twinning_get(actor=request.user, twinning_id=twinning_id)
    log = list(twinning.activities.all())
    meeting = TwinningActivityKind.MEETING
    return render(
        request,
        "community/twinning_detail.html",
        {
            "twinning": twinning,
            "meetings": [a for a in log if a.kind == meeting],
            "activities": [a for a in log if a.kind != meeting],
            "can_record": _can_record(request, twinning),
        },
    )


def _save(
    request: HttpRequest, form: TwinningForm, twinning: Twinning | None
) -> HttpResponse | None:
    if request.method != "POST" or not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    try:
        if twinning is None:
            data.pop("version", None)
            twinning, _made = services.twinning_create(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
        else:
            data.pop("client_id", None)
            services.twinning_update(
                actor=request.user,
                twinning_id=twinning.pk,
                version=data.pop("version") or 0,
                **data,
            )
        return redirect("community:twinning", twinning.pk)
    except Stale as stale:
        form.add_error(None, stale.message)
    except DomainError as exc:
        show_domain_error(form, exc, {})
    return None


@login_required
def twinning_create(request: HttpRequest) -> HttpResponse:
    """Record a pair; the form carries a client id, so a repeated submit records it once."""
    access.require(request.user, "community.record")
    form = TwinningForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "signed_on": timezone.localdate()},
        units=_units(request.user, record_day(request, "signed_on")),
        choices=_choices(request.user),
    )
    return _save(request, form, None) or form_page(request, form, _("Ghi cặp kết nghĩa"))


def _initial(twinning: Twinning) -> dict[str, Any]:
    names = ["kind", "signed_on", "regulation_title", "regulation_points", "ended_on", "note"]
    initial = {name: getattr(twinning, name) for name in [*names, "version"]}
    for prefix in Twinning.MEMBERS:
        linked = False
        for key in (*_LINKS, "name", "includes"):
            initial[f"{prefix}_{key}"] = value = getattr(twinning, f"{prefix}_{key}")
            linked = linked or (key in _LINKS and value is not None)
        country = getattr(twinning, f"{prefix}_country")
        initial[f"{prefix}_country"] = "" if linked else (country.code if country else "VN")
    return initial


@login_required
def twinning_edit(request: HttpRequest, twinning_id: int) -> HttpResponse:
    access.require(request.user, "community.record")
    twinning = selectors.twinning_get(actor=request.user, twinning_id=twinning_id)
    form = TwinningForm(
        request.POST or None,
        initial=_initial(twinning),
        units=None,
        choices=_choices(request.user),
    )
    return _save(request, form, twinning) or form_page(
        request, form, _("Sửa: {name}").format(name=twinning)
    )


def _log_page(request: HttpRequest, twinning_id: int, meeting: bool) -> HttpResponse:
    access.require(request.user, "community.record")
    twinning = selectors.twinning_get(actor=request.user, twinning_id=twinning_id)
    form = ActivityForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "on": timezone.localdate()},
        meeting=meeting,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if meeting:
            data["kind"] = TwinningActivityKind.MEETING
        try:
            services.twinning_activity_add(
                actor=request.user,
                twinning_id=twinning.pk,
                client_id=data.pop("client_id") or None,
                **data,
            )
            return redirect("community:twinning", twinning.pk)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    title = _("Ghi giao ban kết nghĩa: {name}") if meeting else _("Ghi hoạt động chung: {name}")
    return form_page(request, form, title.format(name=twinning))


@login_required
def meeting_create(request: HttpRequest, twinning_id: int) -> HttpResponse:
    return _log_page(request, twinning_id, meeting=True)


@login_required
def activity_create(request: HttpRequest, twinning_id: int) -> HttpResponse:
    return _log_page(request, twinning_id, meeting=False)
