"""Pages of the emulation movements and awards: the movements of the province (filters: unit,
active on a day; the awards each has), a movement's page with its reviews and awards, the award
list with its filters, the line "N khen thưởng: X tập thể, Y cá nhân" by kind and export, an
award's page, and the forms that record or correct them."""

import uuid
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from biengioi.core import access, tables
from biengioi.core.errors import DomainError, Stale
from biengioi.core.scope import in_scope
from biengioi.registry import selectors as registry
from biengioi.registry.forms import form_page, record_day, show_domain_error

from . import emulation_selectors as selectors
from . import services
from .emulation_exports import AWARDS, MOVEMENTS
from .emulation_forms import (
    AwardFilterForm,
    AwardForm,
    MovementFilterForm,
    MovementForm,
    ReviewForm,
)
from .models import Award, EmulationMovement
from .services.emulation import period

PAGE_SIZE = 50


def _units(actor: Any, on: date | None = None) -> list[tuple[int, str]]:
    return registry.unit_choices(selectors.emulation_units(actor=actor), on=on)


def _province_units(
    actor: Any, on: date | None = None, keep: int | None = None
) -> list[tuple[int, str]]:
    units = selectors.award_recipient_units(actor=actor)
    return registry.unit_choices(units, on=on, keep=[keep])


def _movements(actor: Any) -> list[tuple[int, str]]:
    return [(m.pk, m.name) for m in selectors.award_movements(actor=actor)]


def _teams(actor: Any, kept: Award | None = None) -> list[tuple[int, str]]:
    teams = [(t.pk, f"{t.name} ({t.commune.name})") for t in selectors.award_teams(actor=actor)]
    if kept is not None and kept.recipient_team and kept.recipient_team_id not in dict(teams):
        teams.append((kept.recipient_team.pk, kept.recipient_team.name))  # kept on an edit
    return teams


def _can_record(request: HttpRequest, path: str) -> bool:
    return access.can(request.user, "community.record") and in_scope(request.user, path)


# --- movements ---------------------------------------------------------------------------


def _filtered_movements(request: HttpRequest) -> tuple[MovementFilterForm, Any]:
    form = MovementFilterForm(request.GET or None, units=_province_units(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.emulation_movement_list(
        actor=request.user, unit_id=data.get("unit_id"), active_on=data.get("active_on")
    )
    return form, rows


@login_required
def movements(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered_movements(request)
    return render(
        request,
        "community/emulation_movements.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "count": rows.count(),
            "can_record": access.can(request.user, "community.record"),
        },
    )


@login_required
def movements_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = _filtered_movements(request)[1]
    title = _("Phong trào thi đua")
    return tables.download(fmt, title, MOVEMENTS, rows, "emulation")


@login_required
def movement_detail(request: HttpRequest, movement_id: int) -> HttpResponse:
    movement = selectors.emulation_movement_get(actor=request.user, movement_id=movement_id)
    awards = selectors.award_list(actor=request.user, movement_id=movement.pk)
    return render(
        request,
        "community/emulation_movement_detail.html",
        {
            "movement": movement,
            "period": period(movement),
            "reviews": list(movement.reviews.all()),
            "awards": awards[:200],
            "totals": selectors.award_totals(awards),
            "can_edit": _can_record(request, movement.unit.path),
            "can_award": access.can(request.user, "community.record"),
        },
    )


def _save_movement(
    request: HttpRequest, form: MovementForm, movement: EmulationMovement | None
) -> HttpResponse | None:
    if request.method != "POST" or not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    try:
        if movement is None:
            data.pop("version", None)
            movement, _made = services.emulation_movement_create(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
        else:
            data.pop("client_id", None)
            services.emulation_movement_update(
                actor=request.user,
                movement_id=movement.pk,
                version=data.pop("version") or 0,
                **data,
            )
        return redirect("community:emulation_movement", movement.pk)
    except Stale as stale:
        form.add_error(None, stale.message)
    except DomainError as exc:
        show_domain_error(form, exc, {})
    return None


@login_required
def movement_create(request: HttpRequest) -> HttpResponse:
    """Launch a movement; the form carries a client id, so a repeated submit records it once."""
    access.require(request.user, "community.record")
    today = timezone.localdate()
    form = MovementForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "decision_date": today, "starts_on": today},
        units=_units(request.user, record_day(request, "starts_on")),
    )
    return _save_movement(request, form, None) or form_page(
        request, form, _("Ghi phong trào thi đua")
    )


@login_required
def movement_edit(request: HttpRequest, movement_id: int) -> HttpResponse:
    access.require(request.user, "community.record")
    movement = selectors.emulation_movement_get(actor=request.user, movement_id=movement_id)
    if not in_scope(request.user, movement.unit.path):
        raise Http404("EmulationMovement")  # read across the province, corrected in scope
    names = [
        "name",
        "decision_number",
        "decision_date",
        "decision_issuer",
        "starts_on",
        "ends_on",
        "content",
        "note",
        "version",
    ]
    form = MovementForm(
        request.POST or None,
        initial={name: getattr(movement, name) for name in names},
        units=None,
    )
    return _save_movement(request, form, movement) or form_page(
        request, form, _("Sửa: {name}").format(name=movement.name)
    )


@login_required
def review_create(request: HttpRequest, movement_id: int) -> HttpResponse:
    """Record a movement's yearly review (sơ kết), within the movement, once a year."""
    access.require(request.user, "community.record")
    movement = selectors.emulation_movement_get(actor=request.user, movement_id=movement_id)
    today = timezone.localdate()
    form = ReviewForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "year": today.year, "held_on": today},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.emulation_review_add(
                actor=request.user,
                movement_id=movement.pk,
                client_id=data.pop("client_id") or None,
                **data,
            )
            return redirect("community:emulation_movement", movement.pk)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(request, form, _("Sơ kết: {name}").format(name=movement.name))


# --- awards ------------------------------------------------------------------------------


def _filtered_awards(request: HttpRequest) -> tuple[AwardFilterForm, Any]:
    form = AwardFilterForm(request.GET or None, movements=_movements(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.award_list(
        actor=request.user,
        movement_id=data.get("movement_id"),
        kind=data.get("kind") or None,
        recipient_kind=data.get("recipient_kind") or None,
        start=data.get("start"),
        end=data.get("end"),
    )
    return form, rows


@login_required
def awards(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered_awards(request)
    return render(
        request,
        "community/awards.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "totals": selectors.award_totals(rows),
            "can_record": access.can(request.user, "community.record"),
        },
    )


@login_required
def awards_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = _filtered_awards(request)[1]
    title = _("Khen thưởng")
    return tables.download(fmt, title, AWARDS, rows, "awards")


@login_required
def award_detail(request: HttpRequest, award_id: int) -> HttpResponse:
    award = selectors.award_get(actor=request.user, award_id=award_id)
    return render(
        request,
        "community/award_detail.html",
        {"award": award, "can_record": _can_record(request, award.unit.path)},
    )


def _save_award(request: HttpRequest, form: AwardForm, award: Award | None) -> HttpResponse | None:
    if request.method != "POST" or not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    try:
        if award is None:
            data.pop("version", None)
            award, _made = services.award_create(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
        else:
            data.pop("client_id", None)
            services.award_update(
                actor=request.user, award_id=award.pk, version=data.pop("version") or 0, **data
            )
        return redirect("community:award", award.pk)
    except Stale as stale:
        form.add_error(None, stale.message)
    except DomainError as exc:
        show_domain_error(form, exc, {})
    return None


def _award_form(request: HttpRequest, award: Award | None, initial: dict) -> AwardForm:
    return AwardForm(
        request.POST or None,
        initial=initial,
        units=_units(request.user, record_day(request, "decision_date")) if award is None else None,
        movements=_movements(request.user),
        recipient_units=_province_units(
            request.user,
            award.decision_date if award else record_day(request, "decision_date"),
            award.recipient_unit_id if award else None,
        ),
        teams=_teams(request.user, award),
    )


@login_required
def award_create(request: HttpRequest) -> HttpResponse:
    """Record an award (`?movement=ID` offers that movement first); the form carries a client
    id, so a repeated submit records it once."""
    access.require(request.user, "community.record")
    initial: dict[str, Any] = {"client_id": uuid.uuid4(), "decision_date": timezone.localdate()}
    if (movement := request.GET.get("movement", "")).isdigit():
        initial["movement_id"] = int(movement)
    form = _award_form(request, None, initial)
    return _save_award(request, form, None) or form_page(request, form, _("Ghi khen thưởng"))


@login_required
def award_edit(request: HttpRequest, award_id: int) -> HttpResponse:
    access.require(request.user, "community.record")
    award = selectors.award_get(actor=request.user, award_id=award_id)
    names = [
        "movement_id",
        "kind",
        "conferred_by",
        "country",
        "recipient_kind",
        "recipient_name",
        "recipient_unit_id",
        "recipient_team_id",
        "recipient_place",
        "position",
        "decision_number",
        "decision_date",
        "decision_issuer",
        "reason",
        "amount_vnd",
        "version",
    ]
    initial = {name: getattr(award, name) for name in names}
    form = _award_form(request, award, initial)
    return _save_award(request, form, award) or form_page(
        request, form, _("Sửa: {name}").format(name=str(award))
    )
