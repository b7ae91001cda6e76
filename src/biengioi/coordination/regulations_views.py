"""Pages of regulations and reporting duties: the list of regulations (filters, count, export),
a regulation with its duties, the forms that record or correct a regulation and its duties;
"Báo cáo phải nộp" (what my unit owes: overdue, upcoming, submitted, with the submit form, which
may carry the report file, and the files of what was sent); the compliance table of a year, a
half or a quarter, late and missing periods highlighted, and its export."""

import uuid
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from biengioi.core import access, tables
from biengioi.core.errors import DomainError, Stale
from biengioi.core.scope import in_scope, province_path, scope_path
from biengioi.registry import selectors as registry
from biengioi.registry.forms import form_page, record_day, show_domain_error

from . import conferences_selectors, services, talks_selectors
from . import documents_views as documents
from . import regulations_selectors as selectors
from .documents_forms import DocumentForm
from .models import Duty, Regulation, Rhythm, Submission
from .regulations_exports import COMPLIANCE_CELLS, COMPLIANCE_UNITS, REGULATIONS
from .regulations_forms import (
    ComplianceFilterForm,
    DutyForm,
    RegulationFilterForm,
    RegulationForm,
    SubmissionForm,
    figures_text,
)
from .rhythms import Period
from .services.regulations import expected_period

PAGE_SIZE = 50
RECORD, CONFIGURE = "coordination.record", "coordination.configure"


def _can_configure(user: Any) -> bool:
    """Regulations are the province's: kept by the secretariat or an administrator at its root."""
    path = scope_path(user)
    return access.can(user, CONFIGURE) and bool(path) and path == province_path(user)


def _filtered(request: HttpRequest) -> tuple[RegulationFilterForm, Any]:
    form = RegulationFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.regulation_list(
        actor=request.user, active_on=data.get("active_on"), q=data.get("q") or None
    )
    return form, rows


@login_required
def regulations(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    return render(
        request,
        "coordination/regulations.html",
        {
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "count": rows.count(),
            "can_configure": _can_configure(request.user),
        },
    )


@login_required
def regulations_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return tables.download(
        fmt, _("Quy chế phối hợp"), REGULATIONS, _filtered(request)[1], "regulations"
    )


@login_required
def regulation_detail(request: HttpRequest, regulation_id: int) -> HttpResponse:
    regulation = selectors.regulation_get(actor=request.user, regulation_id=regulation_id)
    return render(
        request,
        "coordination/regulation_detail.html",
        {
            "regulation": regulation,
            "parties": selectors.regulation_parties(regulation),
            "counterparts": list(regulation.counterparts.all()),
            "duties": selectors.duties_of(regulation),
            "can_configure": _can_configure(request.user),
        },
    )


def _regulation_form(request: HttpRequest, initial: dict[str, Any]) -> RegulationForm:
    # the parties working on the day it is signed, and those already parties to it
    on = initial.get("signed_on") if request.method != "POST" else None
    units = registry.unit_choices(
        conferences_selectors.province_units(actor=request.user),
        on=on or record_day(request, "signed_on"),
        keep=initial.get("party_unit_ids") or (),
    )
    counterparts = talks_selectors.counterparts(actor=request.user)
    return RegulationForm(
        request.POST or None,
        initial=initial,
        units=units,
        counterparts=[(c.pk, c.name) for c in counterparts],
    )


def _save_regulation(
    request: HttpRequest, form: RegulationForm, regulation: Regulation | None
) -> HttpResponse | None:
    if request.method != "POST" or not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    data.setdefault("counterpart_ids", [])
    try:
        if regulation is None:
            data.pop("version", None)
            regulation, _made = services.regulation_create(
                actor=request.user, client_id=data.pop("client_id") or None, **data
            )
        else:
            data.pop("client_id", None)
            services.regulation_update(
                actor=request.user,
                regulation_id=regulation.pk,
                version=data.pop("version") or 0,
                **data,
            )
        return redirect("coordination:regulation", regulation.pk)
    except Stale as stale:
        form.add_error(None, stale.message)
    except DomainError as exc:
        show_domain_error(form, exc, {})
    return None


@login_required
def regulation_create(request: HttpRequest) -> HttpResponse:
    """Record a regulation; the form carries a client id, so a repeated submit records it once."""
    access.require(request.user, CONFIGURE)
    today = timezone.localdate()
    form = _regulation_form(
        request, {"client_id": uuid.uuid4(), "signed_on": today, "valid_from": today}
    )
    return _save_regulation(request, form, None) or form_page(
        request, form, _("Ghi quy chế phối hợp")
    )


@login_required
def regulation_edit(request: HttpRequest, regulation_id: int) -> HttpResponse:
    access.require(request.user, CONFIGURE)
    regulation = selectors.regulation_get(actor=request.user, regulation_id=regulation_id)
    if not in_scope(request.user, regulation.province.path):
        raise Http404("Regulation")
    names = ["number", "signed_on", "title", "valid_from", "valid_to", "note", "version"]
    initial: dict[str, Any] = {name: getattr(regulation, name) for name in names}
    initial["party_unit_ids"] = [u.pk for u in regulation.parties.all()]
    initial["counterpart_ids"] = [c.pk for c in regulation.counterparts.all()]
    form = _regulation_form(request, initial)
    return _save_regulation(request, form, regulation) or form_page(
        request, form, _("Sửa: {name}").format(name=regulation.title)
    )


def _save_duty(
    request: HttpRequest, form: DutyForm, regulation: Regulation, duty: Duty | None
) -> HttpResponse | None:
    if request.method != "POST" or not form.is_valid():
        return None
    data = dict(form.cleaned_data)
    try:
        if duty is None:
            data.pop("version", None)
            services.duty_add(
                actor=request.user,
                regulation_id=regulation.pk,
                client_id=data.pop("client_id") or None,
                **data,
            )
        else:
            data.pop("client_id", None)
            services.duty_update(
                actor=request.user, duty_id=duty.pk, version=data.pop("version") or 0, **data
            )
        return redirect("coordination:regulation", regulation.pk)
    except Stale as stale:
        form.add_error(None, stale.message)
    except DomainError as exc:
        show_domain_error(form, exc, {})
    return None


@login_required
def duty_create(request: HttpRequest, regulation_id: int) -> HttpResponse:
    access.require(request.user, CONFIGURE)
    regulation = selectors.regulation_get(actor=request.user, regulation_id=regulation_id)
    if not in_scope(request.user, regulation.province.path):
        raise Http404("Regulation")
    owners = [(u.pk, u.name) for u in selectors.owner_choices(regulation)]
    form = DutyForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), "rhythm": "monthly", "due_day": 5},
        owners=owners,
    )
    return _save_duty(request, form, regulation, None) or form_page(
        request, form, _("Thêm nhiệm vụ: {name}").format(name=regulation.title)
    )


@login_required
def duty_edit(request: HttpRequest, duty_id: int) -> HttpResponse:
    access.require(request.user, CONFIGURE)
    duty = selectors.duty_get(actor=request.user, duty_id=duty_id)
    regulation = selectors.regulation_get(actor=request.user, regulation_id=duty.regulation_id)
    if not in_scope(request.user, regulation.province.path):
        raise Http404("Duty")
    names = ["kind", "title", "rhythm", "due_day", "due_month", "note", "version"]
    form = DutyForm(request.POST or None, initial={n: getattr(duty, n) for n in names}, owners=None)
    return _save_duty(request, form, regulation, duty) or form_page(
        request, form, _("Sửa nhiệm vụ: {name}").format(name=duty.title)
    )


# --- what a unit owes and its submissions --------------------------------------------------


@login_required
def owed(request: HttpRequest) -> HttpResponse:
    """Báo cáo phải nộp: what the units of my scope owe."""
    result = selectors.owed(actor=request.user, with_documents=True)
    return render(
        request,
        "coordination/owed.html",
        {
            "owed": result,
            "today": timezone.localdate(),
            "can_record": access.can(request.user, RECORD),
        },
    )


def _period_start(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("period") or request.POST.get("period") or "")
    except ValueError as exc:
        raise Http404("Period") from exc


def _duty_period(request: HttpRequest, duty_id: int) -> tuple[Duty, Period]:
    duty = selectors.duty_get(actor=request.user, duty_id=duty_id)
    if not in_scope(request.user, duty.owner.path):
        raise Http404("Duty")  # read by the province; sent only by the owing unit's scope
    try:
        return duty, expected_period(duty, _period_start(request))
    except DomainError as exc:
        raise Http404("Period") from exc


def _submission_page(
    request: HttpRequest,
    duty: Duty,
    period: Period,
    sent: Submission | None,
    form: SubmissionForm,
    document_form: DocumentForm | None = None,
) -> HttpResponse:
    """The form that sends (or corrects) a submission, and, once sent, its files."""
    title = _("{duty} – {unit}, kỳ {start} – {end} (hạn {due})").format(
        duty=duty.title,
        unit=duty.owner.name,
        start=period.start.strftime("%d/%m/%Y"),
        end=period.end.strftime("%d/%m/%Y"),
        due=period.due_on.strftime("%d/%m/%Y"),
    )
    context: dict[str, Any] = {"form": form, "title": title, "submission": sent}
    if sent is not None:
        context.update(
            documents.listing(request, "submission", sent, duty.owner.path, document_form)
        )
    bad = form.errors or document_form is not None
    return render(request, "coordination/submission_form.html", context, status=400 if bad else 200)


@login_required
def submit(request: HttpRequest, duty_id: int) -> HttpResponse:
    """Send what a duty expects for one period (`?period=YYYY-MM-DD`, its first day), with its
    report file if one is chosen (both or neither), or correct what was sent."""
    access.require(request.user, RECORD)
    duty, period = _duty_period(request, duty_id)
    sent = selectors.submission_for(duty, period.start)
    if sent is None:
        initial: dict[str, Any] = {"client_id": uuid.uuid4(), "submitted_on": timezone.localdate()}
    else:
        initial = {n: getattr(sent, n) for n in ("submitted_on", "reference", "note", "version")}
        initial["figures"] = figures_text(sent.figures)
    form = SubmissionForm(request.POST or None, request.FILES or None, initial=initial)
    if sent is not None:
        del form.fields["file"]  # a sent submission's files are kept below its form
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if sent is None:
                data.pop("version", None)
                services.submission_create_with_file(
                    actor=request.user,
                    duty_id=duty.pk,
                    period_start=period.start,
                    client_id=data.pop("client_id") or None,
                    **data,
                )
            else:
                data.pop("client_id", None)
                services.submission_update(
                    actor=request.user,
                    submission_id=sent.pk,
                    version=data.pop("version") or 0,
                    **data,
                )
            return redirect("coordination:owed")
        except Stale as stale:
            form.add_error(None, stale.message)
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return _submission_page(request, duty, period, sent, form)


@login_required
def submission_upload(request: HttpRequest, submission_id: int) -> HttpResponse:
    """Keep a file with a submission: its report file, another document, a photo."""
    submission = selectors.submission_get(actor=request.user, submission_id=submission_id)
    url = reverse("coordination:submit", args=[submission.duty_id])
    back = f"{url}?{urlencode({'period': submission.period_start.isoformat()})}"
    if request.method != "POST":
        return redirect(back)
    refused = documents.upload(request, "submission", submission.pk)
    if refused is None:
        return redirect(back)
    duty = submission.duty
    period = expected_period(duty, submission.period_start, submission.period_end)
    names = ("submitted_on", "reference", "note", "version")
    initial: dict[str, Any] = {n: getattr(submission, n) for n in names}
    initial["figures"] = figures_text(submission.figures)
    form = SubmissionForm(initial=initial)
    del form.fields["file"]
    return _submission_page(request, duty, period, submission, form, refused)


# --- the compliance table ----------------------------------------------------------------


def _compliance(request: HttpRequest) -> tuple[ComplianceFilterForm, selectors.Compliance, str]:
    units = registry.unit_choices(conferences_selectors.own_units(actor=request.user))
    today = timezone.localdate()
    form = ComplianceFilterForm(request.GET or {"year": today.year, "part": "year"}, units=units)
    data = form.cleaned_data if form.is_valid() else {}
    year, part = data.get("year") or today.year, data.get("part") or "year"
    first, last = selectors.compliance_range(year, part)
    table = selectors.compliance(
        actor=request.user, first=first, last=last, unit_id=data.get("unit_id"), today=today
    )
    return form, table, f"{selectors.PART_LABELS[part]} {year}"


PROBLEMS = (selectors.LATE, selectors.MISSING)


def _cells_html(
    row: selectors.DutyRow, every: bool = False, labels: dict[tuple[str, int], str] | None = None
) -> str:
    """A duty's periods as highlighted labels ("03/2025: Chậm 3 ngày"), written here rather than
    by the template: a year of 720 duties has over 5,000 of them. Unless `every`, only the late
    and missing periods are written, the others counted ("11 kỳ đúng hạn"). `labels` keeps the
    translated labels from one duty to the next."""
    labels = {} if labels is None else labels

    def label(c: selectors.Cell) -> str:
        key = (c.status, c.late_days)
        if key not in labels:
            labels[key] = c.label
        return labels[key]

    due = _("hạn")
    short = "%d/%m" if row.duty.rhythm == "weekly" else "%m/%Y"
    cells = row.cells if every else [c for c in row.cells if c.status in PROBLEMS]
    rest = "" if every else _others(row.cells)
    return rest + format_html_join(
        "",
        '<span class="{}" title="{} – {}, {} {}">{}: {}</span>',
        (
            (
                c.css,
                c.period.start.strftime("%d/%m/%Y"),
                c.period.end.strftime("%d/%m/%Y"),
                due,
                c.period.due_on.strftime("%d/%m/%Y"),
                c.period.end.strftime(short),
                label(c),
            )
            for c in cells
        ),
    )


def _others(cells: list[selectors.Cell]) -> str:
    """ "11 kỳ đúng hạn, 1 kỳ chưa đến hạn " for the periods not written one by one."""
    on_time = sum(c.status == selectors.ON_TIME for c in cells)
    not_due = sum(c.status == selectors.NOT_DUE for c in cells)
    parts = []
    if on_time:
        parts.append(ngettext("%(n)d kỳ đúng hạn", "%(n)d kỳ đúng hạn", on_time) % {"n": on_time})
    if not_due:
        parts.append(
            ngettext("%(n)d kỳ chưa đến hạn", "%(n)d kỳ chưa đến hạn", not_due) % {"n": not_due}
        )
    return format_html('<span class="others">{}</span> ', ", ".join(parts)) if parts else ""


def _duty_rows_html(table: selectors.Compliance, every: bool) -> str:
    """The table's rows, one per duty (unit, duty linked to its regulation, rhythm, periods),
    written here for the same reason as the cells: the template language took a third of a
    second over 720 of them."""
    links: dict[int, str] = {}
    rhythms = {value: str(name) for value, name in Rhythm.choices}
    labels: dict[tuple[str, int], str] = {}

    def link(regulation_id: int) -> str:
        if regulation_id not in links:
            links[regulation_id] = reverse("coordination:regulation", args=[regulation_id])
        return links[regulation_id]

    rows = (
        (
            unit.unit.name,
            link(r.duty.regulation_id),
            r.duty.title,
            rhythms[r.duty.rhythm],
            _cells_html(r, every, labels),
        )
        for unit in table.units
        for r in unit.duties
    )
    return format_html_join(
        "\n",
        '<tr><td>{}</td><td><a href="{}">{}</a></td><td>{}</td><td class="cells">{}</td></tr>',
        rows,
    )


@login_required
def compliance(request: HttpRequest) -> HttpResponse:
    form, table, label = _compliance(request)
    every = request.GET.get("cells") == "all"
    return render(
        request,
        "coordination/compliance.html",
        {
            "form": form,
            "table": table,
            "label": label,
            "rows": _duty_rows_html(table, every),
            "every": every,
        },
    )


@login_required
def compliance_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The table per unit (`?view=units`, the share on time) or per period (each status)."""
    _form, table, _label = _compliance(request)
    if request.GET.get("view") == "units":
        rows = [*table.units, table.total] if table.total else []
        return tables.download(
            fmt, _("Thực hiện chế độ báo cáo"), COMPLIANCE_UNITS, rows, "compliance-units"
        )
    return tables.download(
        fmt, _("Thực hiện chế độ báo cáo"), COMPLIANCE_CELLS, list(table.cells()), "compliance"
    )
