"""Periodic reports through the API: draft, read with figures, edit, issue, correct, files."""

import io
import uuid

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from biengioi.audit.models import AuditRecord
from biengioi.reports.models import Report, ReportFile
from tests.conftest import require_tool

from .test_pdf import fake_soffice, fontconfig


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_a_report_from_draft_to_issued_and_corrected(world, as_user):
    from datetime import UTC, datetime

    from biengioi.operations.services import patrol_create

    start = datetime(2025, 2, 2, 1, tzinfo=UTC)
    patrol_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=start,
        ended_at=start.replace(hour=5),
    )
    sam = as_user(world.sam)
    key = str(uuid.uuid4())
    body = {"id": key, "scope_unit_id": world.tbt.pk, "period": "2025-H1"}
    made = sam.post("/api/v1/reports", body, content_type="application/json")
    assert made.status_code == 201, made.content
    report = made.json()
    again = sam.post("/api/v1/reports", body, content_type="application/json")
    assert again.status_code == 200 and again.json()["id"] == report["id"]
    assert Report.objects.count() == 1
    assert report["status"] == "draft" and report["number"] is None
    assert report["period_label"] == "6 tháng đầu năm 2025"
    titles = [t["title"] for t in report["figures"]]
    assert "Kết quả tuần tra, kiểm soát" in titles
    assert "results.patrols" in report["narrative"]
    patrols = next(t for t in report["figures"] if t["key"] == "patrols")
    first = patrols["rows"][0]
    assert first["label"] == "Số đợt tuần tra"
    assert (first["value"], first["previous"], first["change"]) == (1, 0, 1)
    assert first["percent"] is None

    url = f"/api/v1/reports/{report['id']}"
    edit = {"version": 1, "narrative": {"causes": "Nguyên nhân do Thường trực viết."}}
    edited = sam.patch(url, edit, content_type="application/json")
    assert edited.status_code == 200, edited.content
    assert edited.json()["narrative"]["causes"] == "Nguyên nhân do Thường trực viết."
    stale = sam.patch(url, edit, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["current"]["version"] == 2
    bad = sam.patch(url, {"version": 2, "narrative": {"x": "y"}}, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "narrative"

    erin = as_user(world.erin)
    assert erin.get(url).status_code == 404  # the province's report: not the command's scope
    lee = as_user(world.lee)
    forbidden = lee.post(f"{url}/issue", {"version": 2}, content_type="application/json")
    assert forbidden.status_code == 403

    issued = sam.post(f"{url}/issue", {"version": 2}, content_type="application/json")
    assert issued.status_code == 200, issued.content
    assert issued.json()["number_text"] == "01/BC-BCĐ"
    assert {f["format"] for f in issued.json()["files"]} == {"docx", "xlsx"}
    twice = sam.post(f"{url}/issue", {"version": 3}, content_type="application/json")
    assert twice.status_code == 422 and twice.json()["errors"][0]["field"] == "status"

    docx = sam.get(f"{url}/files/docx")
    assert docx.status_code == 200
    assert docx["Content-Disposition"].startswith('attachment; filename="bao-cao-01-')
    text = _text(docx.content)
    assert "Số: 01/BC-BCĐ" in text and "Nguyên nhân do Thường trực viết." in text
    assert lee.get(f"{url}/files/xlsx").status_code == 200

    fix = sam.post(f"{url}/correction", {}, content_type="application/json")
    assert fix.status_code == 201, fix.content
    assert fix.json()["corrects_id"] == report["id"] and fix.json()["status"] == "draft"
    assert sam.get(url).json()["corrected_by_id"] == fix.json()["id"]
    listed = sam.get("/api/v1/reports?status=issued").json()
    assert [r["id"] for r in listed["items"]] == [report["id"]]


def test_a_report_out_of_scope_or_of_an_unknown_period_is_refused(world, as_user):
    erin = as_user(world.erin)
    body = {"scope_unit_id": world.tbt.pk, "period": "2025"}
    refused = erin.post("/api/v1/reports", body, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "scope_unit_id"
    body = {"scope_unit_id": world.bg.pk, "period": "2025-H7"}
    refused = erin.post("/api/v1/reports", body, content_type="application/json")
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "period"
    assert Report.objects.count() == 0


def _no_soffice(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on it


def _no_font(tmp_path, monkeypatch):
    """LibreOffice there (one that must not run), fontconfig seeing no font at all."""
    fake_soffice(tmp_path, monkeypatch, "echo 'converted without the font check' >&2; exit 1")
    fontconfig(tmp_path, monkeypatch)


@pytest.mark.parametrize(
    ("missing", "reason", "package"),
    [
        (_no_soffice, "chưa cài LibreOffice", "libreoffice-writer-nogui"),
        (_no_font, "chưa có phông chữ Liberation Serif", "fonts-liberation2"),
    ],
    ids=["without LibreOffice", "without the font"],
)
def test_no_pdf_answers_503_with_what_to_install_and_the_other_files_are_served(
    world, as_user, monkeypatch, tmp_path, missing, reason, package
):
    if missing is _no_font:
        require_tool("fc-list")
    sam = as_user(world.sam)
    body = {"scope_unit_id": world.tbt.pk, "period": "2025"}
    report = sam.post("/api/v1/reports", body, content_type="application/json").json()
    url = f"/api/v1/reports/{report['id']}"
    issued = sam.post(f"{url}/issue", {"version": 1}, content_type="application/json")
    assert issued.status_code == 200, issued.content
    audits = AuditRecord.objects.count()
    missing(tmp_path, monkeypatch)
    response = sam.get(f"{url}/files/pdf")
    assert response.status_code == 503
    detail = response.json()["detail"]
    assert reason in detail and package in detail, detail
    assert response.json()["errors"][0]["field"] == "fmt"
    # nothing stored, nothing audited; the DOCX and the annex are still there
    assert not ReportFile.objects.filter(report_id=report["id"], format="pdf").exists()
    assert AuditRecord.objects.count() == audits
    docx = sam.get(f"{url}/files/docx")
    assert docx.status_code == 200 and "Số: 01/BC-BCĐ" in _text(docx.content)
    xlsx = sam.get(f"{url}/files/xlsx")
    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.worksheets[0]["A3"].value.startswith("(Kèm theo Báo cáo số 01/BC-BCĐ")


def test_bad_periods_and_a_correction_of_a_draft_are_refused_through_http(world, as_user):
    """Through the API, each refused with 422 naming its field and nothing written: a range that
    ends before it starts, a period still to come, a correction of a report not issued."""
    sam = as_user(world.sam)
    future = str(timezone.localdate().year + 1)
    for period in ("2025-06-30..2025-01-01", future):
        before = (Report.objects.count(), AuditRecord.objects.count())
        body = {"scope_unit_id": world.tbt.pk, "period": period}
        answer = sam.post("/api/v1/reports", body, content_type="application/json")
        assert answer.status_code == 422, (period, answer.content)
        assert [e["field"] for e in answer.json()["errors"]] == ["period"]
        assert (Report.objects.count(), AuditRecord.objects.count()) == before
    draft = sam.post(
        "/api/v1/reports",
        {"scope_unit_id": world.tbt.pk, "period": "2025-H1"},
        content_type="application/json",
    ).json()
    before = (Report.objects.count(), AuditRecord.objects.count())
    fix = sam.post(f"/api/v1/reports/{draft['id']}/correction", {}, content_type="application/json")
    assert fix.status_code == 422, fix.content
    assert "chưa ban hành" in fix.json()["detail"]
    assert (Report.objects.count(), AuditRecord.objects.count()) == before
