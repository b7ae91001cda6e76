"""Pages of conferences: the list with its filters (kind, year, unit), count and export; a
conference's page with its conclusion notice, the tasks it assigned and its files; the forms
that record or correct a conference and its conclusion notice and assign a task from that
notice."""

import uuid
from collections.abc import Iterable
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

from . import conferences_selectors as selectors
from . import documents_views as documents
from . import services
from .conferences_exports import CONFERENCES
from .conferences_forms import (
    ConclusionForm,
    ConferenceFilterForm,
    ConferenceForm,
    TaskForm,
    default_deadline,
)
from .documents_forms import DocumentForm
from .models import Conference

PAGE_SIZE = 50
RECORD = "coordination.record"


def _units(actor: Any, on: date | None = None) -> list[tuple[int, str]]:
    return registry.unit_choices(selectors.own_units(actor=actor), on=on)


def _province_units(
    actor: Any, on: date | None = None, keep: Iterable[int] = ()
) -> list[tuple[int, str]]:
    return registry.unit_choices(selectors.province_units(actor=actor), on=on, keep=keep)


def _filtered(request: HttpRequest) -> tuple[ConferenceFilterForm, Any]:
    form = ConferenceFilterForm(request.GET or None, units=_units(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.conference_list(
        actor=request.user,
        kind=data.get("kind") or None,
        year=data.get("year"),
        unit_id=data.get("unit_id"),
    )
    return form, rows


@login_required
def conferences(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    return render(
        request,
        "coordination/conferences.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "count": rows.count(),
            "can_record": access.can(request.user, RECORD),
        },
    )


@login_required
def conferences_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return tables.download(fmt, _("Hội nghị"), CONFERENCES, _filtered(request)[1], "conferences")


def _conference_page(
    request: HttpRequest, conference: Conference, document_form: DocumentForm | None = None
) -> HttpResponse:
    notice = selectors.conclusion_of(conference)
    tasks = notice.tasks.select_related("unit").order_by("deadline", "pk") if notice else []
    return render(
        request,
        "coordination/conference_detail.html",
        {
            "conference": conference,
            "conclusion": notice,
            "tasks": tasks,
            "today": timezone.localdate(),
            "can_record": access.can(request.user, RECORD)
            and in_scope(request.user, conference.unit.path),
            **documents.listing(
                request, "conference", conference, conference.unit.path, document_form
            ),
        },
        status=400 if document_form is not None else 200,
    )


@login_required
def conference_detail(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = selectors.conference_get(actor=request.user, conference_id=conference_id)
    return _conference_page(request, conference)


@login_required
def conference_upload(request: HttpRequest, conference_id: int) -> HttpResponse:
    """Keep a file with the conference: its plan, the signed conclusion notice, a report, a
    photo."""
    conference = selectors.conference_get(actor=request.user, conference_id=conference_id)
    if request.method != "POST":
        return redirect("coordination:conference", conference.pk)
    refused = documents.upload(request, "conference", conference.pk)
    if refused is None:
        return redirect("coordination:conference", conference.pk)
    return _conference_page(request, conference, refused)


def _save_conference(
    request: HttpRequest, form: ConferenceForm, conference: Conference | None
) -> HttpResponse | None:
    if request.method != "POST" or not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    data["participant_count"] = data.get("participant_count") or 0
    try:
        if conference is None:
            data.pop("version", None)
            conference, _made = services.conference_create(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
        else:
            data.pop("client_id", None)
            services.conference_update(
                actor=request.user,
                conference_id=conference.pk,
                version=data.pop("version") or 0,
                **data,
            )
        return redirect("coordination:conference", conference.pk)
    except Stale as stale:
        form.add_error(None, stale.message)
    except DomainError as exc:
        show_domain_error(form, exc, {})
    return None


@login_required
def conference_create(request: HttpRequest) -> HttpResponse:
    """Record a conference; the form carries a client id, so a repeated submit records it once."""
    access.require(request.user, RECORD)
    form = ConferenceForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "held_on": timezone.localdate()},
        units=_units(request.user, record_day(request, "held_on")),
        province_units=_province_units(request.user, record_day(request, "held_on")),
    )
    return _save_conference(request, form, None) or form_page(request, form, _("Ghi hội nghị"))


@login_required
def conference_edit(request: HttpRequest, conference_id: int) -> HttpResponse:
    access.require(request.user, RECORD)
    conference = selectors.conference_get(actor=request.user, conference_id=conference_id)
    if not in_scope(request.user, conference.unit.path):
        raise Http404("Conference")
    names = [
        "kind",
        "title",
        "plan_number",
        "held_on",
        "place",
        "chair",
        "participants",
        "participant_count",
        "note",
        "version",
    ]
    initial: dict[str, Any] = {name: getattr(conference, name) for name in names}
    initial["participant_unit_ids"] = [u.pk for u in conference.participant_units.all()]
    form = ConferenceForm(
        request.POST or None,
        initial=initial,
        units=None,
        province_units=_province_units(
            request.user, conference.held_on, initial["participant_unit_ids"]
        ),
    )
    return _save_conference(request, form, conference) or form_page(
        request, form, _("Sửa: {name}").format(name=conference.title)
    )


@login_required
def conclusion_form(request: HttpRequest, conference_id: int) -> HttpResponse:
    """Record the conference's conclusion notice, or correct it when there is one."""
    access.require(request.user, RECORD)
    conference = selectors.conference_get(actor=request.user, conference_id=conference_id)
    if not in_scope(request.user, conference.unit.path):
        raise Http404("Conference")  # read by the units it gave tasks; changed by its own
    notice = selectors.conclusion_of(conference)
    if notice is None:
        initial: dict[str, Any] = {"client_id": uuid.uuid4(), "issued_on": timezone.localdate()}
    else:
        initial = {n: getattr(notice, n) for n in ("number", "issued_on", "summary", "version")}
    form = ConclusionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if notice is None:
                data.pop("version", None)
                services.conclusion_create(
                    actor=request.user,
                    conference_id=conference.pk,
                    client_id=data.pop("client_id") or None,
                    **data,
                )
            else:
                data.pop("client_id", None)
                services.conclusion_update(
                    actor=request.user,
                    conclusion_id=notice.pk,
                    version=data.pop("version") or 0,
                    **data,
                )
            return redirect("coordination:conference", conference.pk)
        except Stale as stale:
            form.add_error(None, stale.message)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(request, form, _("Thông báo kết luận: {name}").format(name=conference.title))


@login_required
def conference_task_create(request: HttpRequest, conference_id: int) -> HttpResponse:
    """Assign a task from the conference's conclusion notice."""
    access.require(request.user, RECORD)
    conference = selectors.conference_get(actor=request.user, conference_id=conference_id)
    notice = selectors.conclusion_of(conference)
    if notice is None or not in_scope(request.user, conference.unit.path):
        raise Http404("Conclusion")
    form = TaskForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "deadline": default_deadline(notice.issued_on)},
        units=_units(request.user, timezone.localdate()),
        province_units=_province_units(request.user, timezone.localdate()),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            services.task_create(
                actor=request.user,
                conclusion_id=notice.pk,
                client_id=data.pop("client_id") or None,
                **data,
            )
            return redirect("coordination:conference", conference.pk)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form_page(
        request, form, _("Giao nhiệm vụ theo thông báo {number}").format(number=notice.number)
    )
