"""The report's figures in the user's language: its page (the language switch), the API
(Accept-Language) and the list's exports show table titles, row labels, the kinds of the
breakdowns and the period in English when English is chosen, Vietnamese otherwise; the DOCX, the
annex and the frozen figures stay Vietnamese whatever the language of the request."""

import csv
import io
import re
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.utils import translation
from docx import Document
from openpyxl import load_workbook

from biengioi.operations.services import patrol_create
from biengioi.reports.models import Report
from biengioi.reports.narrative import preview
from biengioi.reports.periods import parse
from biengioi.reports.statistics import from_json
from tests.conftest import sign_in


@pytest.fixture
def patrolled(world):
    """One unilateral patrol of the Bản Giốc post in February 2025."""
    start = datetime(2025, 2, 2, 1, tzinfo=UTC)
    patrol_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=start,
        ended_at=start.replace(hour=5),
        distance_km=12,
    )
    return world


def _client(user, language: str) -> Client:
    client = Client()
    sign_in(client, user)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    return client


def _table(page: str, key: str) -> str:
    """The HTML of one figures table of the report's page."""
    match = re.search(rf'data-testid="figures-{key}">(.*?)</table>', page, re.S)
    assert match, f"no table {key}"
    return match[1]


def _draft(client: Client, world) -> Report:
    data = {"scope_unit_id": world.tbt.pk, "kind": "half", "year": 2025, "half": 1}
    response = client.post("/reports/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Report.objects.latest("pk")


def _csv(client: Client) -> list[list[str]]:
    content = b"".join(client.get("/reports/export.csv").streaming_content)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_report_page_shows_the_figures_in_english_and_vietnamese(patrolled):
    world = patrolled
    english = _client(world.sam, "en")
    report = _draft(english, world)  # drafted in English: the figures stored stay Vietnamese
    assert report.statistics["patrols"]["labels"]["kind"]["unilateral"] == "Tuần tra đơn phương"

    page = english.get(f"/reports/{report.pk}/").content.decode()
    assert "<h3>Patrol and control results</h3>" in page
    assert "Kết quả tuần tra, kiểm soát" not in page
    patrols = _table(page, "patrols")
    assert "<th>First half of 2025</th>" in patrols
    assert "<td>Distance patrolled (km)</td>" in patrols
    assert "<td>– Patrols: Unilateral patrol</td>" in patrols
    assert "Tuần tra đơn phương" not in patrols and "Số đợt tuần tra" not in patrols
    # a label the interface uses in another sense ("Hoạt động": an organisation is Working)
    assert "<td>Activities</td>" in _table(page, "programmes") and "Working" not in page
    assert "<td>Crime and violation cases</td>" in _table(page, "crime")
    assert "<dd>first half of 2025 (01/01/2025 – 30/06/2025)</dd>" in page
    assert "<dd>Tỉnh Biên Thùy</dd>" in page  # a proper name stays as it is

    vietnamese = _client(world.sam, "vi")
    page = vietnamese.get(f"/reports/{report.pk}/").content.decode()
    assert "<h3>Kết quả tuần tra, kiểm soát</h3>" in page
    assert "Patrol and control results" not in page
    patrols = _table(page, "patrols")
    assert "<th>6 tháng đầu năm 2025</th>" in patrols
    assert "<td>Chiều dài tuần tra (km)</td>" in patrols
    assert "<td>– Số đợt tuần tra: Tuần tra đơn phương</td>" in patrols
    assert "<td>Số hoạt động</td>" in _table(page, "programmes")
    assert "<dd>6 tháng đầu năm 2025 (01/01/2025 – 30/06/2025)</dd>" in page

    # the document asked for in English is Vietnamese, breakdown and period included
    text = _docx_text(english.get(f"/reports/{report.pk}/file.docx").content)
    assert "– Số đợt tuần tra: Tuần tra đơn phương" in text
    assert "SỐ LIỆU THỐNG KÊ 6 THÁNG ĐẦU NĂM 2025" in text
    # a table of zeros is one line; the pages' clearer words never reach the document
    assert "\nKhông phát sinh.\n" in text and "Số hoạt động" not in text
    assert "Unilateral patrol" not in text and "Patrol and control results" not in text
    xlsx = load_workbook(io.BytesIO(english.get(f"/reports/{report.pk}/file.xlsx").content))
    cells = {c.value for row in xlsx["2. Tuần tra, kiểm soát"].iter_rows() for c in row}
    assert "– Số đợt tuần tra: Tuần tra đơn phương" in cells and "Patrols" not in cells


def test_an_issued_report_s_frozen_figures_are_shown_in_english(patrolled):
    world = patrolled
    vietnamese = _client(world.sam, "vi")
    report = _draft(vietnamese, world)
    issued = vietnamese.post(f"/reports/{report.pk}/issue/", {"version": report.version})
    assert issued.status_code == 302
    report.refresh_from_db()
    assert report.is_issued
    page = _client(world.sam, "en").get(f"/reports/{report.pk}/").content.decode()
    assert "<td>– Patrols: Unilateral patrol</td>" in _table(page, "patrols")


def test_the_report_list_and_its_export_print_the_period_in_the_user_s_language(patrolled):
    world = patrolled
    english = _client(world.sam, "en")
    _draft(english, world)
    assert "<td>first half of 2025</td>" in english.get("/reports/").content.decode()
    header, row = _csv(english)
    # the summary is the document's heading: Vietnamese in every language
    assert (header[1], row[1]) == ("Report period", "first half of 2025")
    assert row[2].startswith("Kết quả công tác biên giới 6 tháng đầu năm 2025")
    vietnamese = _client(world.sam, "vi")
    assert "<td>6 tháng đầu năm 2025</td>" in vietnamese.get("/reports/").content.decode()
    header, row = _csv(vietnamese)
    assert (header[1], row[1]) == ("Kỳ báo cáo", "6 tháng đầu năm 2025")


def test_the_api_answers_the_figures_in_the_language_asked(patrolled, as_user):
    world = patrolled
    body = {"scope_unit_id": world.tbt.pk, "period": "2025-H1"}
    made = as_user(world.sam, "en").post("/api/v1/reports", body, content_type="application/json")
    assert made.status_code == 201, made.content
    report = made.json()
    assert report["period_label"] == "first half of 2025"
    patrols = next(t for t in report["figures"] if t["key"] == "patrols")
    assert patrols["title"] == "Patrol and control results"
    labels = [row["label"] for row in patrols["rows"]]
    assert labels[0] == "Patrols" and "– Patrols: Unilateral patrol" in labels

    url = f"/api/v1/reports/{report['id']}"
    same = as_user(world.sam, "vi").get(url).json()
    assert same["period_label"] == "6 tháng đầu năm 2025"
    patrols = next(t for t in same["figures"] if t["key"] == "patrols")
    assert patrols["title"] == "Kết quả tuần tra, kiểm soát"
    labels = [row["label"] for row in patrols["rows"]]
    assert labels[0] == "Số đợt tuần tra" and "– Số đợt tuần tra: Tuần tra đơn phương" in labels
    listed = as_user(world.sam, "en").get("/api/v1/reports").json()
    assert listed["items"][0]["period_label"] == "first half of 2025"


def test_a_stored_label_with_no_translation_is_shown_as_stored(patrolled):
    """A frozen snapshot keeps the words of its day: a choice label since reworded (or a name)
    has no English and is shown as it was stored."""
    report = _draft(_client(patrolled.sam, "vi"), patrolled)
    data = report.statistics
    data["patrols"]["labels"]["kind"]["unilateral"] = "Đồn Biên phòng Bản Giốc tự tuần tra"
    with translation.override("en"):
        tables = {t["key"]: t for t in preview(from_json(data))}
    labels = [row["label"] for row in tables["patrols"]["rows"]]
    assert "– Patrols: Đồn Biên phòng Bản Giốc tự tuần tra" in labels


@pytest.mark.parametrize(
    ("code", "english"),
    [
        ("2025", "year 2025"),
        ("2025-H1", "first half of 2025"),
        ("2025-H2", "second half of 2025"),
        ("2025-Q1", "Q1 2025"),
        ("2025-Q3", "Q3 2025"),
        ("2025-Q4", "Q4 2025"),
        ("2025-01-01..2025-03-31", "from 01/01/2025 to 31/03/2025"),
    ],
)
def test_a_period_displays_itself_in_the_active_language(code, english):
    period = parse(code)
    with translation.override("vi"):
        assert period.display == period.label  # the document's words: no Vietnamese catalogue
    with translation.override("en"):
        assert period.display == english
        assert period.label.startswith(("năm ", "6 tháng ", "quý ", "từ ngày "))  # the document's
