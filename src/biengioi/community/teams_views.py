"""Pages of the self-management teams: the list with the table "Phong trào Chỉ thị 01" (filters,
export), a team's page (members, markers, activity log, reviews), and the forms that record a
team, a member, an activity and a yearly review."""

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

from . import services, training_selectors
from . import teams_selectors as selectors
from .models import SelfManagementTeam
from .teams_exports import TEAMS
from .teams_forms import ActivityForm, MemberForm, ReviewForm, TeamFilterForm, TeamForm

PAGE_SIZE = 50
ALIASES = {"marker_ids": "markers"}


def _units(actor: Any, on: date | None = None) -> list[tuple[int, str]]:
    return registry.unit_choices(selectors.team_units(actor=actor), on=on)


def _communes(actor: Any) -> list[tuple[int, str]]:
    return [(c.pk, c.name) for c in selectors.team_communes(actor=actor)]


def _filtered(request: HttpRequest) -> tuple[TeamFilterForm, Any]:
    form = TeamFilterForm(
        request.GET or None, units=_units(request.user), communes=_communes(request.user)
    )
    data = form.cleaned_data if form.is_valid() else {}
    teams = selectors.team_list(
        actor=request.user,
        unit_id=data.get("unit_id"),
        commune_id=data.get("commune_id"),
        kind=data.get("kind") or "",
        q=data.get("q") or "",
    )
    return form, teams


@login_required
def teams(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    return render(
        request,
        "community/teams.html",
        {
            "form": form,
            "page": Paginator(selectors.with_counts(rows), PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
            "summary": selectors.team_summary(rows),
            "can_record": access.can(request.user, "community.record"),
        },
    )


@login_required
def teams_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = selectors.with_counts(_filtered(request)[1]).prefetch_related("markers")
    title = _("Tổ tự quản")
    return tables.download(fmt, title, TEAMS, rows, "teams")


def _can_record(request: HttpRequest, team: SelfManagementTeam) -> bool:
    return access.can(request.user, "community.record") and in_scope(request.user, team.unit.path)


@login_required
def team_detail(request: HttpRequest, team_id: int) -> HttpResponse:
    team = selectors.team_get(actor=request.user, team_id=team_id)
    members = list(team.members.all())
    return render(
        request,
        "community/team_detail.html",
        {
            "team": team,
            "members": members,
            "current": sum(1 for m in members if m.left_on is None),
            "markers": list(team.markers.all()),
            "activities": list(team.activities.all()),
            "reviews": list(team.reviews.all()),
            "courses": list(training_selectors.team_courses(actor=request.user, team=team)),
            "can_record": _can_record(request, team),
        },
    )


def _save_team(
    request: HttpRequest, form: TeamForm, team: SelfManagementTeam | None
) -> HttpResponse | None:
    if request.method != "POST" or not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    text = data.pop("markers") or ""
    try:
        data["marker_ids"] = selectors.marker_ids(
            actor=request.user, commune_id=data.get("commune_id"), text=text, field="markers"
        )
        if team is None:
            data.pop("version", None)
            team, _made = services.team_create(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
        else:
            data.pop("client_id", None)
            services.team_update(
                actor=request.user, team_id=team.pk, version=data.pop("version") or 0, **data
            )
        return redirect("community:team", team.pk)
    except Stale as stale:
        form.add_error(None, stale.message)
    except DomainError as exc:
        show_domain_error(form, exc, ALIASES)
    return None


@login_required
def team_create(request: HttpRequest) -> HttpResponse:
    """Record a team; the form carries a client id, so a repeated submit records it once."""
    access.require(request.user, "community.record")
    form = TeamForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "founded_on": timezone.localdate()},
        units=_units(request.user, record_day(request, "founded_on")),
        communes=_communes(request.user),
    )
    return _save_team(request, form, None) or form_page(request, form, _("Thành lập tổ tự quản"))


@login_required
def team_edit(request: HttpRequest, team_id: int) -> HttpResponse:
    access.require(request.user, "community.record")
    team = selectors.team_get(actor=request.user, team_id=team_id)
    names = ["kind", "name", "commune_id", "village", "founded_on", "leader", "km_managed"]
    names += ["vessels_managed", "funding_vnd", "funding_source", "note", "version"]
    initial = {name: getattr(team, name) for name in names}
    initial["markers"] = ", ".join(m.identifier for m in team.markers.all())
    form = TeamForm(
        request.POST or None, initial=initial, units=None, communes=_communes(request.user)
    )
    return _save_team(request, form, team) or form_page(
        request, form, _("Sửa: {name}").format(name=team.name)
    )


def _child_page(
    request: HttpRequest, form: Any, team_id: int, title: str, save: Any
) -> HttpResponse:
    """A form that adds to (or corrects a row of) a team, then goes back to the team's page."""
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            save(data)
            return redirect("community:team", team_id)
        except Stale as stale:
            form.add_error(None, stale.message)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(request, form, title)


def _team_to_write(request: HttpRequest, team_id: int) -> SelfManagementTeam:
    access.require(request.user, "community.record")
    return selectors.team_get(actor=request.user, team_id=team_id)


@login_required
def member_create(request: HttpRequest, team_id: int) -> HttpResponse:
    team = _team_to_write(request, team_id)
    form = MemberForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "registered_on": timezone.localdate()},
    )

    def save(data: dict[str, Any]) -> None:
        data.pop("version", None)
        services.team_member_add(
            actor=request.user, team_id=team.pk, client_id=data.pop("client_id") or None, **data
        )

    title = _("Đăng ký thành viên: {name}").format(name=team.name)
    return _child_page(request, form, team.pk, title, save)


@login_required
def member_edit(request: HttpRequest, member_id: int) -> HttpResponse:
    """Correct a member, or record the day it left the team."""
    access.require(request.user, "community.record")
    member = selectors.member_get(actor=request.user, member_id=member_id)
    names = ["kind", "name", "registered_on", "left_on", "version"]
    form = MemberForm(request.POST or None, initial={n: getattr(member, n) for n in names})

    def save(data: dict[str, Any]) -> None:
        data.pop("client_id", None)
        services.team_member_update(
            actor=request.user, member_id=member.pk, version=data.pop("version") or 0, **data
        )

    title = _("Sửa thành viên: {name}").format(name=member.name)
    return _child_page(request, form, member.team_id, title, save)


@login_required
def activity_create(request: HttpRequest, team_id: int) -> HttpResponse:
    team = _team_to_write(request, team_id)
    form = ActivityForm(
        request.POST or None, initial={"client_id": uuid.uuid4(), "on": timezone.localdate()}
    )

    def save(data: dict[str, Any]) -> None:
        services.team_activity_add(
            actor=request.user, team_id=team.pk, client_id=data.pop("client_id") or None, **data
        )

    title = _("Ghi hoạt động: {name}").format(name=team.name)
    return _child_page(request, form, team.pk, title, save)


@login_required
def review_create(request: HttpRequest, team_id: int) -> HttpResponse:
    """The commune's yearly review, held on the All-People Border Defence Day (3 March)."""
    team = _team_to_write(request, team_id)
    today = timezone.localdate()
    form = ReviewForm(
        request.POST or None,
        initial={
            "client_id": uuid.uuid4(),
            "year": today.year,
            "held_on": min(today, today.replace(month=3, day=3)),
        },
    )

    def save(data: dict[str, Any]) -> None:
        services.team_review_add(
            actor=request.user, team_id=team.pk, client_id=data.pop("client_id") or None, **data
        )

    title = _("Bình xét tổ: {name}").format(name=team.name)
    return _child_page(request, form, team.pk, title, save)
