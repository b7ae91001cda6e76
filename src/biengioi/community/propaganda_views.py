"""Pages of propaganda and legal education: the list of sessions (filters, the totals line,
export), a session's page, the record and edit forms, the spreadsheet import with its template,
and the province's list of topics (kept by the secretariat and administrators, read by all)."""

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
from biengioi.core.sheets import FileRejected
from biengioi.registry import selectors as registry
from biengioi.registry.forms import form_page, record_day, show_domain_error

from . import propaganda_selectors as selectors
from . import services
from .models import PropagandaSession
from .propaganda_exports import SESSIONS
from .propaganda_forms import SessionFilterForm, SessionForm, SessionImportForm, TopicForm
from .services.propaganda import COLUMNS

PAGE_SIZE = 50
EDITABLE = [
    "on",
    "commune_id",
    "village",
    "form",
    "listeners",
    "leaflets",
    "calendars",
    "handbooks",
    "other_materials",
    "language",
    "note",
]


def _units(actor: Any, *, for_write: bool = False, on: date | None = None) -> list[tuple[int, str]]:
    units = selectors.propaganda_units(actor=actor, for_write=for_write)
    return registry.unit_choices(units, on=on)


def _communes(actor: Any) -> list[tuple[int, str]]:
    return [(c.pk, c.name) for c in selectors.propaganda_communes(actor=actor)]


def _topics(actor: Any, *, active_only: bool = False) -> list[tuple[int, str]]:
    topics = selectors.propaganda_topics(actor=actor, active_only=active_only)
    return [(t.pk, t.name) for t in topics]


def _filtered(request: HttpRequest) -> tuple[SessionFilterForm, Any]:
    form = SessionFilterForm(
        request.GET or None,
        units=_units(request.user),
        communes=_communes(request.user),
        topics=_topics(request.user),
    )
    data = form.cleaned_data if form.is_valid() else {}
    sessions = selectors.propaganda_session_list(
        actor=request.user,
        start=data.get("start"),
        end=data.get("end"),
        unit_id=data.get("unit_id"),
        commune_id=data.get("commune_id"),
        form=data.get("form") or "",
        topic_id=data.get("topic_id"),
    )
    return form, sessions


@login_required
def sessions(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    return render(
        request,
        "community/propaganda.html",
        {
            "form": form,
            "page": Paginator(rows.prefetch_related("topics"), PAGE_SIZE).get_page(
                request.GET.get("page")
            ),
            "totals": selectors.propaganda_totals(rows),
            "can_record": access.can(request.user, "community.record"),
        },
    )


@login_required
def sessions_export(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = _filtered(request)[1].prefetch_related("topics")
    return tables.download(fmt, _("Buổi tuyên truyền"), SESSIONS, rows, "propaganda")


@login_required
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors.propaganda_session_get(actor=request.user, session_id=session_id)
    return render(
        request,
        "community/propaganda_detail.html",
        {
            "session": session,
            "can_record": access.can(request.user, "community.record")
            and in_scope(request.user, session.unit.path),
        },
    )


@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    """Record a session; the form carries a client id, so a repeated submit records it once."""
    access.require(request.user, "community.record")
    form = SessionForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "on": timezone.localdate()},
        units=_units(request.user, for_write=True, on=record_day(request, "on")),
        communes=_communes(request.user),
        topics=_topics(request.user, active_only=True),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            session, _made = services.propaganda_session_create(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
            return redirect("community:propaganda_session", session.pk)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(request, form, _("Ghi buổi tuyên truyền"))


def _edit_topics(actor: Any, session: PropagandaSession) -> list[tuple[int, str]]:
    """The active topics, and those of the session no longer in use (marked so)."""
    topics = _topics(actor, active_only=True)
    offered = {pk for pk, _name in topics}
    for topic in session.topics.all():
        if topic.pk not in offered:
            topics.append((topic.pk, _("{name} (không còn dùng)").format(name=topic.name)))
    return topics


@login_required
def session_edit(request: HttpRequest, session_id: int) -> HttpResponse:
    """Correct a session; an edit made on a copy someone has changed since is refused."""
    access.require(request.user, "community.record")
    session = selectors.propaganda_session_get(actor=request.user, session_id=session_id)
    topic_ids = sorted(t.pk for t in session.topics.all())
    initial = {name: getattr(session, name) for name in [*EDITABLE, "version"]}
    initial["topic_ids"] = topic_ids
    form = SessionForm(
        request.POST or None,
        initial=initial,
        units=None,
        communes=_communes(request.user),
        topics=_edit_topics(request.user, session),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {k: data[k] for k in form.changed_data if k in EDITABLE}
        if sorted(data["topic_ids"]) != topic_ids:  # sent only when changed: a topic no
            changes["topic_ids"] = data["topic_ids"]  # longer in use may stay on the session
        try:
            services.propaganda_session_update(
                actor=request.user,
                session_id=session.pk,
                version=data.get("version") or 0,
                **changes,
            )
            return redirect("community:propaganda_session", session.pk)
        except Stale as stale:
            form.add_error(None, stale.message)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(request, form, _("Sửa buổi tuyên truyền: {session}").format(session=session))


@login_required
def session_import(request: HttpRequest) -> HttpResponse:
    """Upload a spreadsheet; either every row is imported, or none and every bad row is
    listed with its row, column and reason."""
    access.require(request.user, "community.record")
    form = SessionImportForm(
        request.POST or None,
        request.FILES or None,
        initial={"client_id": uuid.uuid4()},
        units=_units(request.user, for_write=True),
    )
    errors: list = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.propaganda_import(
                actor=request.user,
                unit_id=form.cleaned_data["unit_id"],
                filename=upload.name,
                content=upload.read(),
                client_id=form.cleaned_data.get("client_id"),
            )
        except FileRejected as exc:
            form.add_error("file", exc.message)
        except DomainError as exc:
            show_domain_error(form, exc, {})
        else:
            if result.ok:
                n = result.created
                messages.success(
                    request, ngettext("Đã nhập {n} buổi.", "Đã nhập {n} buổi.", n).format(n=n)
                )
                return redirect("community:propaganda")
            errors = result.errors
    return render(
        request,
        "community/propaganda_import.html",
        {"form": form, "errors": errors, "columns": COLUMNS},
        status=400 if form.errors or errors else 200,
    )


@login_required
def session_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        services.propaganda_template(actor=request.user),
        content_type=tables.CONTENT_TYPES["xlsx"],
    )
    response["Content-Disposition"] = 'attachment; filename="mau-buoi-tuyen-truyen.xlsx"'
    return response


# --- the province's topics -------------------------------------------------------------------


@login_required
def topics(request: HttpRequest) -> HttpResponse:
    """The province's topics; those who keep the list add one here (POST)."""
    can_configure = access.can(request.user, "community.configure")
    form = TopicForm(request.POST or None) if can_configure else None
    if request.method == "POST":
        access.require(request.user, "community.configure")
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            topic = services.propaganda_topic_create(
                actor=request.user, name=form.cleaned_data["name"]
            )
            messages.success(request, _("Đã thêm chủ đề “{name}”.").format(name=topic.name))
            return redirect("community:propaganda_topics")
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return render(
        request,
        "community/propaganda_topics.html",
        {
            "topics": selectors.propaganda_topics(actor=request.user),
            "form": form,
            "can_configure": can_configure,
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def topics_seed(request: HttpRequest) -> HttpResponse:
    """Add the usual topics the province's list lacks."""
    added = services.propaganda_topics_seed(actor=request.user)
    messages.success(
        request,
        ngettext("Đã thêm {n} chủ đề.", "Đã thêm {n} chủ đề.", added).format(n=added),
    )
    return redirect("community:propaganda_topics")


@login_required
def topic_edit(request: HttpRequest, topic_id: int) -> HttpResponse:
    """Rename a topic, or stop (or resume) using it; sessions that name it keep it."""
    access.require(request.user, "community.configure")
    topic = selectors.propaganda_topic_get(actor=request.user, topic_id=topic_id)
    form = TopicForm(
        request.POST or None,
        initial={"name": topic.name, "active": topic.active, "version": topic.version},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.propaganda_topic_update(
                actor=request.user,
                topic_id=topic.pk,
                version=data.get("version") or 0,
                name=data["name"],
                active=data["active"],
            )
            return redirect("community:propaganda_topics")
        except Stale as stale:
            form.add_error(None, stale.message)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(request, form, _("Sửa chủ đề: {name}").format(name=topic.name))
