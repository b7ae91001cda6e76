"""Pages of periodic reports: the list (drafts and issued, with filters, count and pager), the
form that drafts one, and a report's page: its figures previewed (current, same period before,
change), its narrative edited part by part, recomputing the figures, issuing it (with a
confirmation page), a correction of an issued one, and its files."""

import uuid
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from biengioi.audit import selectors as audit
from biengioi.core import access, tables
from biengioi.core.errors import DomainError, Stale
from biengioi.registry import selectors as registry
from biengioi.registry.forms import form_page, show_domain_error

from . import rendering, selectors, services
from .exports import REPORTS
from .forms import (
    META_LABELS,
    PART_LABELS,
    ReportCreateForm,
    ReportEditForm,
    ReportFilterForm,
    current_period,
    part_field,
)
from .models import FileFormat, Report
from .narrative import KEYS, key_figures, preview
from .pdf import PdfUnavailable
from .periods import parse

PAGE_SIZE = 50
VIEW, DRAFT, ISSUE = "reports.view", "reports.draft", "reports.issue"
ALIASES = {f"narrative.{key}": part_field(key) for key in KEYS}


def _units(actor: Any, on: date | None = None) -> list[tuple[int, str]]:
    return registry.unit_choices(selectors.own_units(actor=actor), on=on)


def _filtered(request: HttpRequest) -> tuple[ReportFilterForm, Any]:
    access.require(request.user, VIEW)
    form = ReportFilterForm(request.GET or None, units=_units(request.user))
    data = form.cleaned_data if form.is_valid() else {}
    rows = selectors.report_list(
        actor=request.user,
        q=data.get("q") or "",
        status=data.get("status") or None,
        period=(data.get("period") or "").strip() or None,
        scope_unit_id=data.get("scope_unit_id"),
    )
    if "q" in form.errors:  # a search that is no search finds nothing
        rows = rows.none()
    return form, rows


@login_required
def reports_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return tables.download(fmt, _("Báo cáo định kỳ"), REPORTS, _filtered(request)[1], "reports")


@login_required
def reports(request: HttpRequest) -> HttpResponse:
    form, rows = _filtered(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for report in page:
        report.period_label = parse(report.period_code).display  # type: ignore[attr-defined]
    return render(
        request,
        "reports/reports.html",
        {
            "form": form,
            "page": page,
            "count": rows.count(),
            "can_draft": access.can(request.user, DRAFT),
        },
    )


@login_required
def report_create(request: HttpRequest) -> HttpResponse:
    """Draft a report; the form carries a client id, so a repeated submit drafts it once."""
    access.require(request.user, DRAFT)
    form = ReportCreateForm(
        request.POST or None,
        initial={"client_id": uuid.uuid4(), **current_period()},
        units=_units(request.user, timezone.localdate()),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report, _made = services.report_create(
                actor=request.user,
                client_id=data.get("client_id") or None,
                scope_unit_id=data["scope_unit_id"],
                period=data["period"],
            )
            return redirect("reports:report", report.pk)
        except DomainError as exc:
            show_domain_error(form, exc, {"period": "year"})
    return form_page(request, form, _("Lập báo cáo"))


def _edit_form(report: Report, data: Any = None) -> ReportEditForm:
    initial: dict[str, Any] = {"version": report.version}
    for key in KEYS:
        initial[part_field(key)] = report.narrative.get(key, "")
    for name in META_LABELS:
        initial[name] = getattr(report, name)
    return ReportEditForm(
        data, initial=initial, with_compliance=report.statistics.get("compliance") is not None
    )


def _detail(
    request: HttpRequest,
    report: Report,
    form: ReportEditForm | None = None,
    refusal: str = "",
    status: int = 200,
) -> Any:
    can_draft = access.can(request.user, DRAFT)
    editable = can_draft and not report.is_issued
    parts = [(PART_LABELS[key], report.narrative[key]) for key in KEYS if report.narrative.get(key)]
    statistics = rendering.statistics_of(report)
    figures = preview(statistics)
    return render(
        request,
        "reports/report.html",
        {
            "report": report,
            "period": parse(report.period_code),
            "figures": figures,
            "key_figures": key_figures(figures),
            # a draft's figures stand as they were computed: how many writes came since
            "changes_since": (
                None
                if report.is_issued
                else audit.changes_since(report.scope_unit.path, report.computed_at)
            ),
            "as_of": statistics.as_of,
            "files": rendering.file_info(report),
            "form": (form or _edit_form(report)) if editable else None,
            "parts": parts,
            "corrected_by": selectors.corrected_by(report),
            "can_draft": can_draft,
            "can_issue": access.can(request.user, ISSUE) and not report.is_issued,
            "can_correct": can_draft and report.is_issued,
            "refusal": refusal,
        },
        status=400 if form is not None and form.errors else status,
    )


@login_required
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    """The report's page; a POST saves the draft's narrative and heading."""
    report = selectors.report_get(actor=request.user, report_id=report_id)
    if request.method != "POST":
        return _detail(request, report)
    access.require(request.user, DRAFT)
    form = _edit_form(report, request.POST)
    if form.is_valid():
        try:
            services.report_update(
                actor=request.user,
                report_id=report.pk,
                version=form.cleaned_data["version"],
                narrative=form.narrative(),
                **form.meta(),
            )
            return redirect("reports:report", report.pk)
        except Stale as stale:
            form.add_error(None, stale.message)
        except DomainError as exc:
            show_domain_error(form, exc, ALIASES)
    return _detail(request, report, form)


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return 0


def _act(request: HttpRequest, report: Report, act: Any) -> HttpResponse:
    """Run a button's action; its refusal is shown on the report's page."""
    try:
        act()
    except Stale as stale:
        return _refused(request, report, stale.message)
    except DomainError as exc:
        return _refused(request, report, exc.message)
    return redirect("reports:report", report.pk)


def _refused(request: HttpRequest, report: Report, message: str, status: int = 400) -> HttpResponse:
    """The report's page with the reason an action was refused on top."""
    return _detail(request, report, refusal=message, status=status)  # type: ignore[no-any-return]


@login_required
@require_POST
def report_refresh(request: HttpRequest, report_id: int) -> HttpResponse:
    access.require(request.user, DRAFT)
    report = selectors.report_get(actor=request.user, report_id=report_id)
    return _act(
        request,
        report,
        lambda: services.report_refresh(
            actor=request.user, report_id=report.pk, version=_version(request)
        ),
    )


@login_required
def report_issue(request: HttpRequest, report_id: int) -> HttpResponse:
    """The confirmation page (GET), then the issue (POST)."""
    access.require(request.user, ISSUE)
    report = selectors.report_get(actor=request.user, report_id=report_id)
    if report.is_issued:
        return redirect("reports:report", report.pk)
    if request.method == "POST":
        return _act(
            request,
            report,
            lambda: services.report_issue(
                actor=request.user, report_id=report.pk, version=_version(request)
            ),
        )
    return render(
        request,
        "reports/issue.html",
        {"report": report, "period": parse(report.period_code)},
    )


@login_required
@require_POST
def report_correct(request: HttpRequest, report_id: int) -> HttpResponse:
    access.require(request.user, DRAFT)
    report = selectors.report_get(actor=request.user, report_id=report_id)
    try:
        fix, _made = services.report_correct(
            actor=request.user,
            report_id=report.pk,
            client_id=_client_id(request.POST.get("client_id")),
        )
    except DomainError as exc:
        return _refused(request, report, exc.message)
    return redirect("reports:report", fix.pk)


def _client_id(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


@login_required
def report_file(request: HttpRequest, report_id: int, fmt: str) -> HttpResponse:
    """The report's DOCX, XLSX annex or PDF; without LibreOffice, a page saying why."""
    if fmt not in FileFormat.values:
        raise Http404(fmt)
    try:
        report, content = services.report_file(actor=request.user, report_id=report_id, fmt=fmt)
    except PdfUnavailable as error:
        report = selectors.report_get(actor=request.user, report_id=report_id)
        return _refused(request, report, error.message, status=503)
    response = HttpResponse(content, content_type=rendering.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{rendering.filename(report, fmt)}"'
    return response
