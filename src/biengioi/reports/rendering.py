"""A stored report's document and files: its heading as `Meta`, its statistics read back from
JSON, its DOCX and XLSX annex (a draft's made now, an issued report's read from its snapshot)."""

import hashlib
from datetime import date
from typing import Any

from django.utils import timezone

from . import narrative as text
from .annex import render_annex
from .document import render_docx
from .models import FileFormat, Report, ReportFile
from .statistics import Statistics, from_json

CONTENT_TYPES: dict[str, str] = {
    FileFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileFormat.PDF: "application/pdf",
}


def lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def replaces_line(old: Report) -> str:
    """ "Báo cáo này thay thế Báo cáo số 05/BC-BCĐ ngày 05/01/2026 của ..."."""
    day = f"{old.issued_on:%d/%m/%Y}" if old.issued_on else ""
    return f"Báo cáo này thay thế Báo cáo số {old.number_text} ngày {day} của {old.issuer_name}."


def meta_of(report: Report, day: date | None = None) -> text.Meta:
    bases = [replaces_line(report.corrects)] if report.corrects is not None else []
    return text.Meta(
        governing_body=report.governing_body,
        issuing_body=report.issuing_body,
        issuer_name=report.issuer_name,
        symbol=report.symbol,
        place=report.place,
        day=report.issued_on or day or timezone.localdate(),
        summary=report.summary,
        signer_capacity=tuple(lines(report.signer_capacity)),
        signer_title=report.signer_title,
        signer_name=report.signer_name,
        copies_to=tuple(lines(report.copies_to)),
        number=report.number,
        bases=tuple(bases),
    )


def statistics_of(report: Report) -> Statistics:
    return from_json(report.statistics)


def render(report: Report, fmt: str) -> bytes:
    """The DOCX or XLSX of a report as it stands (for an issued report, use `stored`)."""
    stats = statistics_of(report)
    if fmt == FileFormat.XLSX:
        return render_annex(text.annex_tables(stats, meta_of(report)))
    return render_docx(text.build_document(stats, report.narrative, meta_of(report)))


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def stored(report: Report, fmt: str) -> ReportFile | None:
    return ReportFile.objects.filter(report=report, format=fmt).first()


def filename(report: Report, fmt: str) -> str:
    """ "bao-cao-05-2026.docx" for an issued report, "du-thao-bao-cao-2025-H1-17.docx" else."""
    if report.number is not None:
        return f"bao-cao-{report.number:02d}-{report.year}.{fmt}"
    return f"du-thao-bao-cao-{report.period_code.replace('..', '_')}-{report.pk}.{fmt}"


def file_info(report: Report) -> list[dict[str, Any]]:
    """The stored files of an issued report: format, size, SHA-256."""
    return [
        {"format": f.format, "size": f.size, "sha256": f.sha256}
        for f in ReportFile.objects.filter(report=report).order_by("format").defer("content")
    ]
