"""Pages of the organisations around the border: the steering committees (the provincial one and
the district ones of before 01/07/2025) with their seats and terms, the counterpart units across
the border, and the neighbouring countries' subdivisions."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biengioi.core import access
from biengioi.core.errors import DomainError

from . import selectors, services
from .forms import (
    CounterpartFilterForm,
    CounterpartForm,
    MemberEditForm,
    MemberFilterForm,
    MemberForm,
    SubdivisionEditForm,
    SubdivisionForm,
    form_page,
    show_domain_error,
)

PAGE_SIZE = 50


def _agencies(actor: Any) -> list[tuple[int, str]]:
    return [(u.pk, u.name) for u in selectors.committee_agencies(actor=actor)]


def _posts(actor: Any, *, for_write: bool = False) -> list[tuple[int, str]]:
    return [(p.pk, p.name) for p in selectors.border_posts(actor=actor, for_write=for_write)]


@login_required
def organisations(request: HttpRequest) -> HttpResponse:
    """The committees with their seats (those still working first, then those that ended), a
    form to seat a member on a working committee, and the neighbouring countries."""
    seats = selectors.committee_seats(actor=request.user, on=timezone.localdate())
    working = [(c["unit"].pk, c["unit"].name) for c in seats if c["active"]]
    form = MemberForm(request.POST or None, committees=working, agencies=_agencies(request.user))
    if request.method == "POST":
        access.require(request.user, "committee.manage")
        if form.is_valid():
            try:
                services.committee_member_add(actor=request.user, **form.cleaned_data)
                return redirect("registry:organisations")
            except DomainError as exc:
                show_domain_error(form, exc, {})
    return render(
        request,
        "registry/organisations.html",
        {
            "working": [c for c in seats if c["active"]],
            "ended": [c for c in seats if not c["active"]],
            "form": form,
            "countries": selectors.country_list(actor=request.user),
            "subdivision_form": SubdivisionForm(),
            "counterpart_count": selectors.counterpart_list(actor=request.user).count(),
            "can_manage_committee": access.can(request.user, "committee.manage"),
            "can_manage": access.can(request.user, "registry.manage"),
            "countries_kept": selectors.countries_kept(actor=request.user),
        },
        status=400 if form.errors else 200,
    )


def members_filtered(request: HttpRequest) -> tuple[MemberFilterForm, Any]:
    committees = [(c.pk, c.name) for c in selectors.committee_list(actor=request.user)]
    form = MemberFilterForm(request.GET or None, committees=committees)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.committee_members(
        actor=request.user,
        committee_id=data.get("committee_id"),
        on=data.get("on"),
        q=data.get("q") or "",
    )
    if "q" in form.errors:  # a search that is no search finds nothing
        rows = rows.none()
    return form, rows


@login_required
def members(request: HttpRequest) -> HttpResponse:
    """Every seat of every term, filtered by committee, person and the day they were held."""
    form, rows = members_filtered(request)
    return render(
        request,
        "registry/members.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "can_manage_committee": access.can(request.user, "committee.manage"),
        },
    )


@login_required
def member_edit(request: HttpRequest, member_id: int) -> HttpResponse:
    """Correct a seat or end its term."""
    access.require(request.user, "committee.manage")
    member = selectors.committee_member_get(actor=request.user, member_id=member_id)
    initial = {
        "role": member.role,
        "person": member.person,
        "position": member.position,
        "agency_id": member.agency_id,
        "term_from": member.term_from,
        "term_to": member.term_to,
    }
    form = MemberEditForm(request.POST or None, initial=initial, agencies=_agencies(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.committee_member_update(
                actor=request.user,
                member_id=member.pk,
                **{k: form.cleaned_data[k] for k in form.changed_data},
            )
            return redirect("registry:organisations")
        except DomainError as exc:
            show_domain_error(form, exc, {})
    title = _("Sửa thành viên {name} — {committee}").format(
        name=member.person or member.agency, committee=member.committee.name
    )
    return form_page(request, form, title)


def counterparts_filtered(request: HttpRequest) -> tuple[CounterpartFilterForm, Any]:
    form = CounterpartFilterForm(request.GET or None, posts=_posts(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.counterpart_list(
        actor=request.user,
        q=data.get("q") or "",
        country=data.get("country") or "",
        post_id=data.get("post_id"),
    )
    if "q" in form.errors:  # a search that is no search finds nothing
        rows = rows.none()
    return form, rows


@login_required
def counterparts(request: HttpRequest) -> HttpResponse:
    form, rows = counterparts_filtered(request)
    return render(
        request,
        "registry/counterparts.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "can_manage": access.can(request.user, "registry.manage"),
        },
    )


@login_required
def counterpart_detail(request: HttpRequest, counterpart_id: int) -> HttpResponse:
    unit = selectors.counterpart_get(actor=request.user, counterpart_id=counterpart_id)
    return render(
        request,
        "registry/counterpart_detail.html",
        {"unit": unit, "can_manage": access.can(request.user, "registry.manage")},
    )


@login_required
def counterpart_form(request: HttpRequest, counterpart_id: int | None = None) -> HttpResponse:
    access.require(request.user, "registry.manage")
    unit = (
        selectors.counterpart_get(actor=request.user, counterpart_id=counterpart_id)
        if counterpart_id
        else None
    )
    initial = (
        {}
        if unit is None
        else {
            "name": unit.name,
            "kind": unit.kind,
            "country_code": unit.country.code,
            "subdivision": unit.subdivision.name if unit.subdivision else "",
            "facing_post_ids": [p.pk for p in unit.facing_posts.all()],
            "note": unit.note,
        }
    )
    form = CounterpartForm(
        request.POST or None, initial=initial, posts=_posts(request.user, for_write=True)
    )
    if request.method == "POST" and form.is_valid():
        try:
            if unit:
                services.counterpart_update(
                    actor=request.user, counterpart_id=unit.pk, **form.cleaned_data
                )
            else:
                unit = services.counterpart_create(actor=request.user, **form.cleaned_data)
            return redirect("registry:counterpart", unit.pk)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    title = (
        _("Sửa đơn vị đối đẳng {name}").format(name=unit.name)
        if unit
        else _("Thêm đơn vị đối đẳng")
    )
    return form_page(request, form, title)


@login_required
@require_POST
def subdivision_add(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "registry.manage")
    form = SubdivisionForm(request.POST)
    if form.is_valid():
        try:
            services.subdivision_create(actor=request.user, **form.cleaned_data)
            return redirect("registry:organisations")
        except DomainError as exc:
            show_domain_error(form, exc, {})
    messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("registry:organisations")


@login_required
def subdivision_edit(request: HttpRequest, subdivision_id: int) -> HttpResponse:
    unit = selectors.subdivision_for_write(actor=request.user, subdivision_id=subdivision_id)
    form = SubdivisionEditForm(request.POST or None, initial={"name": unit.name, "kind": unit.kind})
    if request.method == "POST" and form.is_valid():
        try:
            services.subdivision_update(
                actor=request.user, subdivision_id=unit.pk, **form.cleaned_data
            )
            return redirect("registry:organisations")
        except DomainError as exc:
            show_domain_error(form, exc, {})
    title = _("Sửa địa phương {name} ({country})").format(name=unit.name, country=unit.country)
    return form_page(request, form, title)
