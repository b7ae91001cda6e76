"""Periodic reports: draft, edit, refresh, issue, correct (issue 8 item 5).

A draft is made for a unit of the actor's scope and a period (`periods.parse`: "2025",
"2025-H1", "2025-Q3", "a..b") that has begun: the statistics are computed and the narrative
drafted from them, the heading and the signature filled from the province and its committee.
The secretariat (or a unit's staff, for their unit) edits the narrative part by part and the
heading; `report_refresh` recomputes the figures and redrafts the parts nobody edited. Issuing
(`reports.issue`) recomputes the figures the same way, takes the next number of the province's
series for the year of issue (a counter row locked while it is taken), and freezes the
statistics and the files (DOCX and XLSX, each with its SHA-256). An issued report never changes;
`report_correct` makes a new draft that cites it and, once issued, replaces it.
"""

import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import replay
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import get_scoped_or_404, root_id, scoped
from biengioi.core.text import clean_text
from biengioi.registry.models import OrgUnit

from . import narrative as text
from . import rendering
from .models import FileFormat, Report, ReportCounter, ReportFile, ReportStatus
from .pdf import to_pdf
from .periods import Period, PeriodError, parse
from .statistics import compute, to_json

DRAFT, ISSUE, VIEW = "reports.draft", "reports.issue", "reports.view"
_FIELDS = [
    "uuid",
    "version",
    "scope_unit",
    "period_code",
    "status",
    "summary",
    "governing_body",
    "issuing_body",
    "issuer_name",
    "symbol",
    "place",
    "signer_capacity",
    "signer_title",
    "signer_name",
    "copies_to",
    "number",
    "year",
    "issued_on",
    "corrects",
]
# editable heading fields: (max length, several lines)
META: dict[str, tuple[int, bool]] = {
    "summary": (300, False),
    "governing_body": (200, False),
    "issuing_body": (200, False),
    "issuer_name": (200, False),
    "symbol": (40, False),
    "place": (100, False),
    "signer_capacity": (400, True),
    "signer_title": (150, False),
    "signer_name": (150, False),
    "copies_to": (4000, True),
}
_REQUIRED_META = {"summary", "issuing_body", "issuer_name", "symbol", "place"}


def _snapshot(report: Report) -> dict[str, Any]:
    after = audit.snapshot(report, _FIELDS) or {}
    after["narrative"] = report.narrative
    return after


def _period(value: Any) -> Period:
    try:
        period = value if isinstance(value, Period) else parse(str(value or ""))
    except PeriodError as error:
        raise DomainError(Code.REPORT_PERIOD_UNKNOWN, field="period", period=value) from error
    if period.start > timezone.localdate():
        raise DomainError(Code.REPORT_PERIOD_FUTURE, field="period", day=f"{period.start:%d/%m/%Y}")
    return period


def _unit(actor: Any, unit_id: Any) -> OrgUnit:
    unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first() if unit_id else None
    if unit is None:
        raise DomainError(Code.UNIT_NOT_IN_SCOPE, field="scope_unit_id")
    return unit


def _apply_meta(report: Report, data: dict[str, Any]) -> None:
    for key, value in data.items():
        limit, multiline = META[key]
        if isinstance(value, list | tuple):
            value = "\n".join(str(v) for v in value)
        cleaned = clean_text(
            value or "",
            field=key,
            max_length=limit,
            multiline=multiline,
            required=key in _REQUIRED_META,
        )
        setattr(report, key, cleaned)


def _apply_narrative(report: Report, parts: dict[str, Any]) -> None:
    merged = dict(report.narrative)
    for key, value in parts.items():
        if key not in text.KEYS:
            raise DomainError(Code.REPORT_PART_UNKNOWN, field="narrative", part=key)
        merged[key] = clean_text(
            str(value or ""), field=f"narrative.{key}", max_length=text.MAX_TEXT, multiline=True
        )
    report.narrative = merged


def _compute(actor: Any, report: Report, period: Period) -> None:
    """Recompute the figures and redraft every part whose text nobody edited."""
    stats = compute(actor, report.scope_unit_id, period)
    fresh = text.draft(stats, unit=report.scope_unit, period=period)
    narrative = {}
    for key in text.KEYS:
        old, drafted = report.narrative.get(key), report.drafted.get(key)
        edited = key in report.narrative and old != drafted
        if edited:
            narrative[key] = old
        elif key in fresh:
            narrative[key] = fresh[key]
    report.statistics = to_json(stats)
    report.drafted = fresh
    report.narrative = narrative
    report.computed_at = timezone.now()


def _check_draft(report: Report) -> None:
    if report.is_issued:
        raise DomainError(Code.REPORT_ISSUED, field="status", number=report.number_text)


def _locked(actor: Any, report_id: int) -> Report:
    return get_scoped_or_404(
        actor,
        Report.objects.select_for_update(of=("self",)).select_related("scope_unit", "corrects"),
        pk=report_id,
    )


def report_create(
    *,
    actor: Any,
    scope_unit_id: int,
    period: Any,
    client_id: uuid.UUID | None = None,
    narrative: dict[str, Any] | None = None,
    **meta: Any,
) -> tuple[Report, bool]:
    """Draft the report of a unit of the actor's scope for a period that has begun: figures,
    narrative, heading and signature. Returns it and whether it was made now (a `client_id`
    sent again returns the first)."""
    access.require(actor, DRAFT)
    unknown = set(meta) - set(META)
    if unknown:
        raise TypeError(f"report_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(Report, actor, client_id)):
        return earlier, False
    unit = _unit(actor, scope_unit_id)
    when = _period(period)
    try:
        with transaction.atomic():
            report = _new(actor, unit, when, client_id)
            if meta:
                _apply_meta(report, meta)
            if narrative:
                _apply_narrative(report, narrative)
            report.save()
            audit.record(
                actor, "report.create", report, scope_path=unit.path, after=_snapshot(report)
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(Report, actor, client_id)):
            return earlier, False
        raise
    return report, True


def _new(actor: Any, unit: OrgUnit, period: Period, client_id: uuid.UUID | None) -> Report:
    defaults = text.default_meta(unit, period, timezone.localdate())
    report = Report(
        uuid=client_id or uuid.uuid4(),
        scope_unit=unit,
        series_owner_id=root_id(unit.path),
        period_code=period.code,
        created_by=actor,
        summary=defaults.summary,
        governing_body=defaults.governing_body,
        issuing_body=defaults.issuing_body,
        issuer_name=defaults.issuer_name,
        symbol=defaults.symbol,
        place=defaults.place,
        signer_capacity="\n".join(defaults.signer_capacity),
        signer_title=defaults.signer_title,
        signer_name=defaults.signer_name,
        copies_to="\n".join(defaults.copies_to),
    )
    _compute(actor, report, period)
    return report


def report_update(
    *,
    actor: Any,
    report_id: int,
    version: int,
    narrative: dict[str, Any] | None = None,
    **meta: Any,
) -> Report:
    """Edit a draft's narrative (the parts sent; the others are kept) and heading."""
    access.require(actor, DRAFT)
    unknown = set(meta) - set(META)
    if unknown:
        raise TypeError(f"report_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        report = _locked(actor, report_id)
        if report.version != version:
            raise Stale(report, version)
        _check_draft(report)
        before = _snapshot(report)
        _apply_meta(report, meta)
        if narrative:
            _apply_narrative(report, narrative)
        report.version += 1
        report.save()
        audit.record(
            actor,
            "report.update",
            report,
            scope_path=report.scope_unit.path,
            before=before,
            after=_snapshot(report),
        )
    return report


def report_refresh(*, actor: Any, report_id: int, version: int) -> Report:
    """Recompute a draft's figures from the records as they stand; the parts of the narrative
    someone edited are kept, the others redrafted."""
    access.require(actor, DRAFT)
    with transaction.atomic():
        report = _locked(actor, report_id)
        if report.version != version:
            raise Stale(report, version)
        _check_draft(report)
        before = _snapshot(report)
        _compute(actor, report, parse(report.period_code))
        report.version += 1
        report.save()
        audit.record(
            actor,
            "report.refresh",
            report,
            scope_path=report.scope_unit.path,
            before=before,
            after=_snapshot(report),
        )
    return report


def _next_number(owner_id: int, year: int) -> int:
    """The next number of the province's series for the year, the counter row locked until the
    transaction ends (two issues at once get two numbers)."""
    ReportCounter.objects.get_or_create(owner_id=owner_id, year=year)
    counter = ReportCounter.objects.select_for_update().get(owner_id=owner_id, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _store(report: Report, fmt: str, content: bytes) -> ReportFile:
    return ReportFile.objects.create(
        report=report,
        format=fmt,
        content=content,
        sha256=rendering.sha256(content),
        size=len(content),
    )


def report_issue(*, actor: Any, report_id: int, version: int) -> Report:
    """Issue a draft today: recompute its figures (edited text kept), number it in the
    province's series for this year, and freeze its statistics and files."""
    access.require(actor, ISSUE)
    with transaction.atomic():
        report = _locked(actor, report_id)
        if report.version != version:
            raise Stale(report, version)
        _check_draft(report)
        before = _snapshot(report)
        _compute(actor, report, parse(report.period_code))
        today = timezone.localdate()
        report.number = _next_number(report.series_owner_id, today.year)
        report.year = today.year
        report.issued_on = today
        report.issued_by = actor
        report.status = ReportStatus.ISSUED
        report.version += 1
        report.save()
        files = {
            fmt: _store(report, fmt, rendering.render(report, fmt))
            for fmt in (FileFormat.DOCX, FileFormat.XLSX)
        }
        after = _snapshot(report)
        after["files"] = {fmt: f.sha256 for fmt, f in files.items()}
        audit.record(
            actor,
            "report.issue",
            report,
            scope_path=report.scope_unit.path,
            before=before,
            after=after,
        )
    return report


def report_correct(
    *, actor: Any, report_id: int, client_id: uuid.UUID | None = None
) -> tuple[Report, bool]:
    """A new draft replacing an issued report: its narrative and heading copied, its figures
    recomputed; the document cites the report it replaces."""
    access.require(actor, DRAFT)
    if client_id is not None and (earlier := replay(Report, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            old = _locked(actor, report_id)
            if not old.is_issued:
                raise DomainError(Code.REPORT_NOT_ISSUED, field="report_id")
            if Report.objects.filter(corrects=old).exists():
                raise DomainError(Code.REPORT_CORRECTED, field="report_id")
            report = _new(actor, old.scope_unit, parse(old.period_code), client_id)
            for key in META:
                setattr(report, key, getattr(old, key))
            report.narrative = dict(old.narrative)
            report.corrects = old
            report.save()
            audit.record(
                actor,
                "report.correct",
                report,
                scope_path=report.scope_unit.path,
                after=_snapshot(report),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(Report, actor, client_id)):
            return earlier, False
        raise
    return report, True


def report_file(*, actor: Any, report_id: int, fmt: str) -> tuple[Report, bytes]:
    """A report's file: an issued report's from its snapshot (the PDF made from the frozen DOCX
    the first time it is asked for, then kept), a draft's made now. `PdfUnavailable` when no PDF
    can be made."""
    access.require(actor, VIEW)
    if fmt not in FileFormat.values:
        raise DomainError(Code.OUT_OF_RANGE, field="format", low="docx", high="pdf")
    report = get_scoped_or_404(
        actor, Report.objects.select_related("scope_unit", "corrects"), pk=report_id
    )
    if not report.is_issued:
        made_now = rendering.render(report, FileFormat.DOCX if fmt == FileFormat.PDF else fmt)
        return report, to_pdf(made_now) if fmt == FileFormat.PDF else made_now
    kept = rendering.stored(report, fmt)
    if kept is not None:
        return report, bytes(kept.content)
    frozen = rendering.stored(report, FileFormat.DOCX)
    assert frozen is not None, "an issued report keeps its DOCX"
    pdf = to_pdf(bytes(frozen.content))
    with transaction.atomic():
        try:
            with transaction.atomic():
                made = _store(report, FileFormat.PDF, pdf)
        except IntegrityError:  # made meanwhile by another request: serve that one
            made = ReportFile.objects.get(report=report, format=FileFormat.PDF)
            return report, bytes(made.content)
        audit.record(
            actor,
            "report.pdf",
            report,
            scope_path=report.scope_unit.path,
            after={"files": {"pdf": made.sha256}},
        )
    return report, pdf
