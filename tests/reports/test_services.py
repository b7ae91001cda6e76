"""Drafting, editing, refreshing, issuing and correcting a report through the services."""

import hashlib
import io
import os
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from docx import Document

from biengioi.audit.models import AuditRecord
from biengioi.core.errors import DomainError, Stale
from biengioi.operations.services import patrol_create
from biengioi.reports.models import Report, ReportFile, ReportStatus
from biengioi.reports.services import (
    report_correct,
    report_create,
    report_file,
    report_issue,
    report_refresh,
    report_update,
)


def _patrol(world, day: date) -> None:
    start = datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC)
    patrol_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=start,
        ended_at=start + timedelta(hours=5),
        distance_km=10,
        border_guards=4,
    )


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    paragraphs = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            paragraphs += [cell.text for cell in row.cells]
    return "\n".join(paragraphs)


@pytest.fixture
def draft(world):
    _patrol(world, date(2025, 3, 3))
    report, made = report_create(actor=world.sam, scope_unit_id=world.tbt.pk, period="2025-H1")
    assert made
    return report


def _counts() -> tuple[int, int, int]:
    return Report.objects.count(), ReportFile.objects.count(), AuditRecord.objects.count()


def test_a_draft_holds_the_figures_the_narrative_and_the_heading(world, draft):
    assert draft.status == ReportStatus.DRAFT and draft.number is None
    assert draft.period_code == "2025-H1" and draft.series_owner_id == world.tbt.pk
    assert draft.statistics["patrols"]["total"]["patrols"] == [1, 0]
    assert "1 đợt tuần tra đơn phương" in draft.narrative["results.patrols"]
    assert draft.narrative == draft.drafted
    assert draft.symbol == "BC-BCĐ" and draft.signer_name == "Lê Văn Trưởng"
    assert AuditRecord.objects.filter(action="report.create").count() == 1


def test_a_client_id_sent_again_returns_the_first_draft(world):
    key = uuid.uuid4()
    first, made = report_create(
        actor=world.sam, scope_unit_id=world.tbt.pk, period="2025", client_id=key
    )
    again, made_again = report_create(
        actor=world.sam, scope_unit_id=world.tbt.pk, period="2025", client_id=key
    )
    assert made and not made_again and again.pk == first.pk
    assert Report.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "unit", "period", "field"),
    [
        ("sam", "tbt", "2025-H3", "period"),
        ("sam", "tbt", "năm hai nghìn", "period"),
        ("sam", "tbt", "future", "period"),
        ("erin", "tbt", "2025", "scope_unit_id"),  # the command's staff: not the province
        ("charlie", "tbt", "2025", "scope_unit_id"),  # another province's administrator
    ],
)
def test_a_draft_is_refused_for_a_bad_period_or_a_unit_out_of_scope(
    world, who, unit, period, field
):
    if period == "future":
        period = str(timezone.localdate().year + 1)
    before = _counts()
    with pytest.raises(DomainError) as error:
        report_create(
            actor=getattr(world, who), scope_unit_id=getattr(world, unit).pk, period=period
        )
    assert error.value.field == field
    assert _counts() == before


def test_field_officers_and_leaders_do_not_draft(world):
    for actor in (world.alice, world.lee):
        with pytest.raises(PermissionDenied):
            report_create(actor=actor, scope_unit_id=world.post.pk, period="2025")
    assert Report.objects.count() == 0


def test_editing_keeps_other_parts_and_refresh_keeps_edited_text(world, draft):
    edited = report_update(
        actor=world.sam,
        report_id=draft.pk,
        version=1,
        narrative={"strengths": "Ưu điểm do Thường trực viết lại."},
        signer_name="Nguyễn Văn A",
    )
    assert edited.version == 2 and edited.signer_name == "Nguyễn Văn A"
    assert edited.narrative["strengths"] == "Ưu điểm do Thường trực viết lại."
    assert edited.narrative["results.patrols"] == draft.narrative["results.patrols"]
    _patrol(world, date(2025, 4, 4))
    fresh = report_refresh(actor=world.sam, report_id=draft.pk, version=2)
    assert fresh.statistics["patrols"]["total"]["patrols"] == [2, 0]
    assert "2 đợt tuần tra đơn phương" in fresh.narrative["results.patrols"]
    assert fresh.narrative["strengths"] == "Ưu điểm do Thường trực viết lại."


def test_an_unknown_part_or_a_stale_version_changes_nothing(world, draft):
    before = _counts()
    with pytest.raises(DomainError) as error:
        report_update(actor=world.sam, report_id=draft.pk, version=1, narrative={"intro": "x"})
    assert error.value.field == "narrative"
    with pytest.raises(DomainError) as error:
        report_update(actor=world.sam, report_id=draft.pk, version=1, place="")
    assert error.value.field == "place"
    with pytest.raises(Stale):
        report_update(actor=world.sam, report_id=draft.pk, version=7, signer_name="B")
    with pytest.raises(Stale):
        report_issue(actor=world.sam, report_id=draft.pk, version=7)
    assert _counts() == before
    draft.refresh_from_db()
    assert draft.version == 1 and draft.signer_name == "Lê Văn Trưởng"


def test_issuing_numbers_freezes_and_stores_the_files(world, draft):
    issued = report_issue(actor=world.sam, report_id=draft.pk, version=1)
    today = timezone.localdate()
    assert issued.status == ReportStatus.ISSUED
    assert (issued.number, issued.year, issued.issued_on) == (1, today.year, today)
    assert issued.number_text == "01/BC-BCĐ"
    files = {f.format: f for f in ReportFile.objects.filter(report=issued)}
    assert set(files) == {"docx", "xlsx"}
    docx = bytes(files["docx"].content)
    assert files["docx"].sha256 == hashlib.sha256(docx).hexdigest()
    assert "Số: 01/BC-BCĐ" in _text(docx)
    audit = AuditRecord.objects.get(action="report.issue")
    assert audit.after["files"]["docx"] == files["docx"].sha256

    # later records change neither the figures nor the files of the issued report
    _patrol(world, date(2025, 5, 5))
    _, served = report_file(actor=world.sam, report_id=issued.pk, fmt="docx")
    assert served == docx
    issued.refresh_from_db()
    assert issued.statistics["patrols"]["total"]["patrols"] == [1, 0]

    second, _ = report_create(actor=world.sam, scope_unit_id=world.tbt.pk, period="2025")
    second = report_issue(actor=world.sam, report_id=second.pk, version=1)
    assert second.number == 2
    # another province keeps its own series
    other, _ = report_create(actor=world.charlie, scope_unit_id=world.tsn.pk, period="2025")
    assert report_issue(actor=world.charlie, report_id=other.pk, version=1).number == 1


def test_an_issued_report_is_never_changed(world, draft):
    issued = report_issue(actor=world.sam, report_id=draft.pk, version=1)
    before = _counts()
    for call in (
        lambda: report_issue(actor=world.sam, report_id=issued.pk, version=issued.version),
        lambda: report_update(
            actor=world.sam, report_id=issued.pk, version=issued.version, signer_name="B"
        ),
        lambda: report_refresh(actor=world.sam, report_id=issued.pk, version=issued.version),
    ):
        with pytest.raises(DomainError) as error:
            call()
        assert error.value.field == "status"
    assert _counts() == before


def test_only_the_secretariat_and_administrators_issue(world, draft):
    for actor in (world.erin, world.lee, world.alice):
        with pytest.raises((PermissionDenied, Http404)):
            report_issue(actor=actor, report_id=draft.pk, version=1)
    draft.refresh_from_db()
    assert draft.status == ReportStatus.DRAFT


def test_a_correction_is_a_new_draft_that_cites_the_issued_report(world, draft):
    before = _counts()
    with pytest.raises(DomainError) as error:
        report_correct(actor=world.sam, report_id=draft.pk)
    assert error.value.field == "report_id"
    assert _counts() == before

    report_update(actor=world.sam, report_id=draft.pk, version=1, narrative={"causes": "Do A."})
    issued = report_issue(actor=world.sam, report_id=draft.pk, version=2)
    fix, made = report_correct(actor=world.sam, report_id=issued.pk)
    assert made and fix.status == ReportStatus.DRAFT and fix.corrects_id == issued.pk
    assert fix.narrative["causes"] == "Do A." and fix.period_code == "2025-H1"
    _, docx = report_file(actor=world.sam, report_id=fix.pk, fmt="docx")
    day = f"{timezone.localdate():%d/%m/%Y}"
    assert f"Báo cáo này thay thế Báo cáo số 01/BC-BCĐ ngày {day}" in _text(docx)
    fixed = report_issue(actor=world.sam, report_id=fix.pk, version=1)
    assert fixed.number == 2

    before = _counts()
    with pytest.raises(DomainError) as error:
        report_correct(actor=world.sam, report_id=issued.pk)
    assert error.value.field == "report_id"
    assert _counts() == before


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="concurrent writers need PostgreSQL (SQLite runs one writer at a time)",
)
@pytest.mark.django_db(transaction=True)
def test_two_issues_at_once_take_two_numbers(world):
    """On PostgreSQL, two drafts issued at the same moment wait on the year's counter row and
    take 1 and 2 (SQLite runs one writer at a time anyway)."""
    import threading

    from django.db import connections

    drafts = [
        report_create(actor=world.sam, scope_unit_id=world.tbt.pk, period=p)[0]
        for p in ("2025-H1", "2025")
    ]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def issue(report_id: int) -> None:
        try:
            barrier.wait()
            report_issue(actor=world.sam, report_id=report_id, version=1)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(d.pk,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Report.objects.values_list("number", flat=True))
    assert numbers == [1, 2]
