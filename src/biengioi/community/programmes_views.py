"""Pages of the social programmes: the beneficiaries with their filters, totals ("N em được đỡ
đầu, tổng M đồng/tháng"), counts per programme and export, a beneficiary's page and form; the
activities of programmes without named beneficiaries, likewise; and the province's list of
programmes (kept by the secretariat and administrators, read by all).

A beneficiary is shown only to the unit that supports them and the units above it: the list,
the export and the counts are built from the same scoped rows, and anyone else gets a 404."""

import uuid
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from biengioi.core import access, tables
from biengioi.core.errors import DomainError, Stale
from biengioi.core.scope import in_scope
from biengioi.registry import selectors as registry
from biengioi.registry.forms import form_page, record_day, show_domain_error

from . import programmes_selectors as selectors
from . import services
from .models import Programme, ProgrammeActivity, ProgrammeBeneficiary
from .programmes_exports import ACTIVITIES, BENEFICIARIES
from .programmes_forms import (
    ActivityFilterForm,
    ActivityForm,
    BeneficiaryFilterForm,
    BeneficiaryForm,
    ProgrammeForm,
)

PAGE_SIZE = 50
BENEFICIARY_EDITABLE = [
    "programme_id",
    "full_name",
    "birth_year",
    "commune_id",
    "place",
    "country_code",
    "monthly_vnd",
    "since",
    "until",
    "end_reason",
    "note",
]
ACTIVITY_EDITABLE = [
    "programme_id",
    "on",
    "commune_id",
    "place",
    "people_served",
    "spent_vnd",
    "content",
]


def _units(actor: Any, *, for_write: bool = False, on: date | None = None) -> list[tuple[int, str]]:
    units = selectors.programme_units(actor=actor, for_write=for_write)
    return registry.unit_choices(units, on=on)


def _programmes(actor: Any, kept: Programme | None = None, **kw: Any) -> list[tuple[int, str]]:
    """The programmes to choose from; one a record keeps though no longer run, marked so."""
    found = [(p.pk, p.name) for p in selectors.programmes(actor=actor, **kw)]
    if kept is not None and kept.pk not in {pk for pk, _name in found}:
        found.append((kept.pk, _("{name} (đã dừng)").format(name=kept.name)))
    return found


def _communes(actor: Any) -> list[tuple[int, str]]:
    return [(c.pk, c.name) for c in selectors.programme_communes(actor=actor)]


def _countries() -> list[tuple[str, str]]:
    return [(c.code, c.name) for c in selectors.countries()]


# --- beneficiaries ------------------------------------------------------------------------------


def _filtered(request: HttpRequest) -> tuple[BeneficiaryFilterForm, Any]:
    form = BeneficiaryFilterForm(
        request.GET or None,
        programmes=_programmes(request.user),
        units=_units(request.user),
    )
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.beneficiary_list(
        actor=request.user,
        programme_id=data.get("programme_id"),
        unit_id=data.get("unit_id"),
        on=data.get("on"),
    )
    return form, rows


@login_required
def beneficiaries(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    return render(
        request,
        "community/programmes.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "totals": selectors.beneficiary_totals(rows),
            "counts": selectors.beneficiary_counts(rows),
            "can_record": access.can(request.user, "community.record"),
        },
    )


@login_required
def beneficiaries_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = _filtered(request)[1]
    return tables.download(fmt, _("Người được hỗ trợ"), BENEFICIARIES, rows, "programmes")


@login_required
def beneficiary_detail(request: HttpRequest, beneficiary_id: int) -> HttpResponse:
    b = selectors.beneficiary_get(actor=request.user, beneficiary_id=beneficiary_id)
    return render(
        request,
        "community/programme_beneficiary_detail.html",
        {
            "b": b,
            "can_record": access.can(request.user, "community.record")
            and in_scope(request.user, b.unit.path),
        },
    )


def _beneficiary_form(
    request: HttpRequest, initial: dict[str, Any], b: ProgrammeBeneficiary | None
) -> BeneficiaryForm:
    return BeneficiaryForm(
        request.POST or None,
        initial=initial,
        units=_units(request.user, for_write=True, on=record_day(request, "since"))
        if b is None
        else None,
        programmes=_programmes(request.user, b.programme if b else None, active_only=True),
        communes=_communes(request.user),
        countries=_countries(),
    )


@login_required
def beneficiary_create(request: HttpRequest) -> HttpResponse:
    """Record a beneficiary; the form carries a client id, so a repeated submit records once."""
    access.require(request.user, "community.record")
    form = _beneficiary_form(
        request,
        {"client_id": uuid.uuid4(), "since": timezone.localdate(), "monthly_vnd": 500_000},
        None,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            b, _made = services.programme_beneficiary_create(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
            return redirect("community:programme_beneficiary", b.pk)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(request, form, _("Ghi người được hỗ trợ"))


@login_required
def beneficiary_edit(request: HttpRequest, beneficiary_id: int) -> HttpResponse:
    """Correct a beneficiary or end their support; an edit made on a copy someone has changed
    since is refused."""
    access.require(request.user, "community.record")
    b = selectors.beneficiary_get(actor=request.user, beneficiary_id=beneficiary_id)
    initial = {
        name: getattr(b, name)
        for name in [*BENEFICIARY_EDITABLE[1:], "version"]
        if name not in ("commune_id", "country_code")
    }
    initial.update(
        programme_id=b.programme_id,
        commune_id=b.commune_id,
        country_code=b.country.code if b.country else "",
    )
    form = _beneficiary_form(request, initial, b)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {k: data[k] for k in BENEFICIARY_EDITABLE}
        changes["monthly_vnd"] = data["monthly_vnd"] or 0
        try:
            services.programme_beneficiary_update(
                actor=request.user,
                beneficiary_id=b.pk,
                version=data.get("version") or 0,
                **changes,
            )
            return redirect("community:programme_beneficiary", b.pk)
        except Stale as stale:
            form.add_error(None, stale.message)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(request, form, _("Sửa: {name}").format(name=b.full_name))


# --- activities ---------------------------------------------------------------------------------


def _activities_filtered(request: HttpRequest) -> tuple[ActivityFilterForm, Any]:
    form = ActivityFilterForm(
        request.GET or None, programmes=_programmes(request.user), units=_units(request.user)
    )
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.activity_list(
        actor=request.user,
        programme_id=data.get("programme_id"),
        unit_id=data.get("unit_id"),
        start=data.get("start"),
        end=data.get("end"),
    )
    return form, rows


@login_required
def activities(request: HttpRequest) -> HttpResponse:
    form, rows = _activities_filtered(request)
    return render(
        request,
        "community/programme_activities.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "totals": selectors.activity_totals(rows),
            "can_record": access.can(request.user, "community.record"),
        },
    )


@login_required
def activities_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = _activities_filtered(request)[1]
    title = _("Hoạt động chương trình")
    return tables.download(fmt, title, ACTIVITIES, rows, "programme-activities")


@login_required
def activity_detail(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = selectors.activity_get(actor=request.user, activity_id=activity_id)
    return render(
        request,
        "community/programme_activity_detail.html",
        {
            "a": activity,
            "can_record": access.can(request.user, "community.record")
            and in_scope(request.user, activity.unit.path),
        },
    )


def _activity_form(
    request: HttpRequest, initial: dict[str, Any], activity: ProgrammeActivity | None
) -> ActivityForm:
    return ActivityForm(
        request.POST or None,
        initial=initial,
        units=_units(request.user, for_write=True, on=record_day(request, "on"))
        if activity is None
        else None,
        programmes=_programmes(
            request.user, activity.programme if activity else None, active_only=True
        ),
        communes=_communes(request.user),
    )


@login_required
def activity_create(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "community.record")
    form = _activity_form(request, {"client_id": uuid.uuid4(), "on": timezone.localdate()}, None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            activity, _made = services.programme_activity_create(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
            return redirect("community:programme_activity", activity.pk)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(request, form, _("Ghi hoạt động chương trình"))


@login_required
def activity_edit(request: HttpRequest, activity_id: int) -> HttpResponse:
    access.require(request.user, "community.record")
    activity = selectors.activity_get(actor=request.user, activity_id=activity_id)
    initial = {name: getattr(activity, name) for name in [*ACTIVITY_EDITABLE, "version"]}
    form = _activity_form(request, initial, activity)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {k: data[k] for k in ACTIVITY_EDITABLE}
        try:
            services.programme_activity_update(
                actor=request.user,
                activity_id=activity.pk,
                version=data.get("version") or 0,
                **changes,
            )
            return redirect("community:programme_activity", activity.pk)
        except Stale as stale:
            form.add_error(None, stale.message)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(request, form, _("Sửa hoạt động: {name}").format(name=activity))


# --- the province's programmes --------------------------------------------------------------


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    """The province's programmes; those who keep the list add one here (POST)."""
    can_configure = access.can(request.user, "community.configure")
    form = ProgrammeForm(request.POST or None) if can_configure else None
    if request.method == "POST":
        access.require(request.user, "community.configure")
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programme = services.programme_create(
                actor=request.user,
                name=data["name"],
                kind=data["kind"],
                active=data["active"],
                note=data["note"],
            )
            messages.success(request, _("Đã thêm chương trình “{name}”.").format(name=programme))
            return redirect("community:programme_list")
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return render(
        request,
        "community/programme_list.html",
        {
            "programmes": selectors.programmes(actor=request.user),
            "form": form,
            "can_configure": can_configure,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def programmes_seed(request: HttpRequest) -> HttpResponse:
    """Add the usual programmes the province's list lacks."""
    added = services.programmes_seed(actor=request.user)
    messages.success(
        request,
        ngettext("Đã thêm {n} chương trình.", "Đã thêm {n} chương trình.", added).format(n=added),
    )
    return redirect("community:programme_list")


@login_required
def programme_edit(request: HttpRequest, programme_id: int) -> HttpResponse:
    """Rename a programme, or stop (or resume) running it; its records keep it."""
    access.require(request.user, "community.configure")
    programme = selectors.programme_get(actor=request.user, programme_id=programme_id)
    form = ProgrammeForm(
        request.POST or None,
        initial={
            name: getattr(programme, name) for name in ("name", "kind", "active", "note", "version")
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.programme_update(
                actor=request.user,
                programme_id=programme.pk,
                version=data.get("version") or 0,
                name=data["name"],
                kind=data["kind"],
                active=data["active"],
                note=data["note"],
            )
            return redirect("community:programme_list")
        except Stale as stale:
            form.add_error(None, stale.message)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(request, form, _("Sửa chương trình: {name}").format(name=programme.name))
