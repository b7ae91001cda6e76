"""The pages of periodic reports: list, drafting, the report's page with its figures and its
narrative, issuing with a confirmation, a correction, the files."""

import io
import uuid
from datetime import date

from django.test import Client
from docx import Document

from biengioi.reports.models import Report, ReportStatus
from tests.clock import stopped_on
from tests.conftest import sign_in


def _client(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _draft(client: Client, world, **period) -> Report:
    data = {
        "client_id": str(uuid.uuid4()),
        "scope_unit_id": world.tbt.pk,
        "kind": "half",
        "year": 2025,
        "half": 1,
        **period,
    }
    response = client.post("/reports/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Report.objects.latest("pk")


def _form(report: Report, **changes) -> dict:
    from biengioi.reports.forms import META_LABELS, part_field

    data = {"version": report.version}
    data.update({part_field(k): v for k, v in report.narrative.items()})
    data.update({name: getattr(report, name) for name in META_LABELS})
    data.update(changes)
    return data


def test_the_secretariat_drafts_edits_issues_and_downloads(world):
    sam = _client(world.sam)
    assert sam.get("/reports/").status_code == 200
    assert sam.get("/reports/new/").status_code == 200
    report = _draft(sam, world)
    assert report.period_code == "2025-H1"
    page = sam.get(f"/reports/{report.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "6 tháng đầu năm 2025" in body and 'data-testid="figures-patrols"' in body
    assert 'name="part_results__patrols"' in body

    edited = sam.post(
        f"/reports/{report.pk}/",
        _form(report, part_causes="Nguyên nhân viết tay của Thường trực.", signer_name="Lê B"),
    )
    assert edited.status_code == 302
    report.refresh_from_db()
    assert report.narrative["causes"] == "Nguyên nhân viết tay của Thường trực."
    assert report.signer_name == "Lê B" and report.version == 2
    stale = sam.post(f"/reports/{report.pk}/", _form(report, version=1, part_causes="x"))
    assert stale.status_code == 400
    report.refresh_from_db()
    assert report.narrative["causes"] == "Nguyên nhân viết tay của Thường trực."

    assert sam.post(f"/reports/{report.pk}/refresh/", {"version": 2}).status_code == 302
    report.refresh_from_db()
    assert report.version == 3 and report.narrative["causes"].startswith("Nguyên nhân viết tay")

    confirm = sam.get(f"/reports/{report.pk}/issue/")
    assert confirm.status_code == 200 and "Xác nhận ban hành" in confirm.content.decode()
    assert sam.post(f"/reports/{report.pk}/issue/", {"version": 3}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ISSUED and report.number == 1
    page = sam.get(f"/reports/{report.pk}/").content.decode()
    assert "01/BC-BCĐ" in page and "SHA-256" in page and 'name="part_causes"' not in page
    docx = sam.get(f"/reports/{report.pk}/file.docx")
    assert docx.status_code == 200
    text = _docx_text(docx.content)
    assert "Số: 01/BC-BCĐ" in text and "Nguyên nhân viết tay của Thường trực." in text
    assert sam.get(f"/reports/{report.pk}/file.xlsx").status_code == 200

    csv = b"".join(sam.get("/reports/export.csv?status=issued").streaming_content).decode()
    assert "01/BC-BCĐ" in csv and len(csv.strip().splitlines()) == 2

    fixed = sam.post(f"/reports/{report.pk}/correct/", {"client_id": str(uuid.uuid4())})
    assert fixed.status_code == 302
    fix = Report.objects.get(corrects=report)
    assert fixed["Location"] == f"/reports/{fix.pk}/"
    again = sam.post(f"/reports/{report.pk}/correct/")
    assert again.status_code == 400 and "đã có bản đính chính" in again.content.decode()


def test_a_year_a_quarter_and_a_range_are_picked(world):
    sam = _client(world.sam)
    assert _draft(sam, world, kind="year").period_code == "2025"
    assert _draft(sam, world, kind="quarter", quarter=3).period_code == "2025-Q3"
    rng = {"kind": "range", "start": "01/02/2025", "end": "31/03/2025"}
    assert _draft(sam, world, **rng).period_code == "2025-02-01..2025-03-31"
    bad = sam.post("/reports/new/", {"scope_unit_id": world.tbt.pk, "kind": "year"})
    assert bad.status_code == 400 and Report.objects.count() == 3


def test_the_form_first_shows_the_period_going_on_and_drafts_it_as_shown(world):
    with stopped_on(date(2027, 8, 14)):
        sam = _client(world.sam)
        page = sam.get("/reports/new/")
        form = page.context["form"]
        shown = {name: form[name].value() for name in ("kind", "year", "half", "quarter")}
        assert shown == {"kind": "half", "year": 2027, "half": 2, "quarter": 3}
        assert 'name="year" value="2027"' in page.content.decode()
        sent = sam.post("/reports/new/", {**shown, "scope_unit_id": world.tbt.pk})
        assert sent.status_code == 302
        assert Report.objects.get().period_code == "2027-H2"
    with stopped_on(date(2028, 2, 29)):
        form = _client(world.sam).get("/reports/new/").context["form"]
        assert (form["year"].value(), form["half"].value(), form["quarter"].value()) == (2028, 1, 1)


def test_who_may_do_what_on_the_pages(world):
    sam = _client(world.sam)
    report = _draft(sam, world)
    lee = _client(world.lee)
    assert lee.get("/reports/").status_code == 200
    page = lee.get(f"/reports/{report.pk}/").content.decode()
    assert "Ban hành" not in page and 'name="part_causes"' not in page
    assert lee.get("/reports/new/").status_code == 403
    assert lee.post(f"/reports/{report.pk}/issue/", {"version": 1}).status_code == 403
    erin = _client(world.erin)  # the command's staff drafts for the command, not the province
    assert erin.get(f"/reports/{report.pk}/").status_code == 404
    assert erin.post(f"/reports/{report.pk}/issue/", {"version": 1}).status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_without_libreoffice_the_page_says_why_there_is_no_pdf(world, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on it
    sam = _client(world.sam)
    report = _draft(sam, world)
    response = sam.get(f"/reports/{report.pk}/file.pdf")
    assert response.status_code == 503
    assert "chưa cài LibreOffice" in response.content.decode()


def test_a_report_of_the_running_year_says_the_day_its_figures_stand_at(world):
    from datetime import date

    from django.utils import timezone

    sam = _client(world.sam)
    today = timezone.localdate()
    running = _draft(sam, world, kind="year", year=today.year)
    page = sam.get(f"/reports/{running.pk}/").content.decode()
    if today < date(today.year, 12, 31):  # on the year's last day it has ended, as it were
        assert f"số liệu tính đến ngày {today:%d/%m/%Y}" in page
    ended = _draft(sam, world, kind="year", year=today.year - 1)
    assert 'data-testid="as-of"' not in sam.get(f"/reports/{ended.pk}/").content.decode()


def test_a_draft_opens_on_its_key_figures_and_says_how_many_writes_came_since(world):
    """The figures a leader reads first stand at the top with their comparison, and a draft
    says plainly that its figures may be older than the records: how many writes were recorded
    in its scope since they were computed (none right after drafting; one after a patrol)."""
    import re
    from datetime import UTC, datetime, timedelta

    from biengioi.operations.services import patrol_create

    sam = _client(world.sam)
    report = _draft(sam, world)
    page = sam.get(f"/reports/{report.pk}/").content.decode()
    key = page.index('data-testid="key-figures"')
    assert key < page.index('data-testid="narrative"')
    rows = re.findall(r"<tr><td>([^<]+)</td>", page[key : page.index("</table>", key)])
    assert rows[0].endswith("Số đợt tuần tra") and len(rows) >= 4
    assert "từ lúc đó đã có 0 thay đổi" in page
    start = datetime(2025, 3, 3, 1, tzinfo=UTC)
    patrol_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=start,
        ended_at=start + timedelta(hours=4),
    )
    page = sam.get(f"/reports/{report.pk}/").content.decode()
    assert "từ lúc đó đã có 1 thay đổi" in page
    # an issued report's figures are its own: no such note
    issued = Report.objects.filter(pk=report.pk)
    issued.update(status=ReportStatus.ISSUED, number=1, issued_on=date(2025, 7, 5))
    assert 'data-testid="figures-age"' not in sam.get(f"/reports/{report.pk}/").content.decode()
