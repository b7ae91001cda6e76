"""The periodic report end to end through HTTP (issue 24): a province-year entered through the
API only, as a script or the mobile client would enter it, the annual report drafted and issued
through the API, and its DOCX, XLSX and PDF downloaded and read back.

Two sets of figures, each built once for the tests of this module (a module-scoped fixture in a
transaction rolled back after its last test, as tests/test_sample_days.py does):

- "increases": every count grows on 2024 (one twinning count unchanged);
- "decreases": patrols, sessions, teams trained and twinnings fall, the bilateral patrols and the
  courses stay as they were.

Each set holds, besides: two border communes of 2024 merged on 01/07/2025 into the world's
commune (so 2024 counts two, 2025 one), a quarterly reporting duty whose owner sent its third
quarter's report 15 days late (and, in "decreases", never sent the fourth), an incident past its
deadline at the year's end, and three tasks: one open at the year's end, one done in the year and
one given after it (which the directions of 2025 must not name).

Page images of the DOCX's first two pages and of the patrols annex sheet are written to the
git-ignored test-results/golden-http/ for review.
"""

import io
import re
import subprocess
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from openpyxl import load_workbook

from biengioi.reports import annex as a
from biengioi.reports.pdf import to_pdf
from tests.conftest import World, api_client, build_world, sign_in

from .test_golden_files import _sections
from .test_pdf import embedded_families

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "golden-http"  # git-ignored
YEAR, BEFORE = 2025, 2024
MERGED_ON = date(2025, 7, 1)
KM_PER_PATROL = 12
LATE_DAYS = 15  # the third quarter's report, due 05/10/2025, sent 20/10/2025


@dataclass(frozen=True)
class Figures:
    """What one data set enters, by year: what the report must then say."""

    name: str
    patrols: dict[int, tuple[int, int]]  # unilateral, bilateral
    sessions: dict[int, tuple[int, int]]  # sessions, listeners
    courses: dict[int, tuple[int, int]]  # courses, teams trained
    twinned: dict[int, tuple[int, int]]  # commune–township, cluster–cluster pairs at year end
    closed_incidents: dict[int, int]  # incidents found and settled in the year
    fourth_quarter_sent: bool  # else the duty's fourth report of 2025 is missing
    # the narrative's comparisons, as it writes them (checked against the figures above)
    patrols_change: str
    sessions_change: str
    listeners_change: str
    courses_change: str
    pairs_change: str
    incidents_change: str


INCREASES = Figures(
    name="increases",
    patrols={YEAR: (9, 4), BEFORE: (7, 3)},
    sessions={YEAR: (12, 1_450), BEFORE: (10, 1_200)},
    courses={YEAR: (3, 24), BEFORE: (2, 16)},
    twinned={YEAR: (4, 2), BEFORE: (3, 2)},
    closed_incidents={YEAR: 0, BEFORE: 0},
    fourth_quarter_sent=True,
    patrols_change="tăng 3 đợt (30%) so với cùng kỳ",
    sessions_change="tăng 2 buổi (20%) so với cùng kỳ",
    listeners_change="tăng 250 (20,8%)",
    courses_change="tăng 1 lớp (50%) so với cùng kỳ",
    pairs_change="tăng 1 cặp (20%) so với cùng kỳ",
    incidents_change="tăng 1 vụ so với cùng kỳ",
)
DECREASES = Figures(
    name="decreases",
    patrols={YEAR: (6, 3), BEFORE: (8, 3)},
    sessions={YEAR: (8, 1_020), BEFORE: (11, 1_320)},
    courses={YEAR: (2, 10), BEFORE: (2, 14)},
    twinned={YEAR: (3, 1), BEFORE: (3, 2)},
    closed_incidents={YEAR: 1, BEFORE: 3},
    fourth_quarter_sent=False,
    patrols_change="giảm 2 đợt (18,2%) so với cùng kỳ",
    sessions_change="giảm 3 buổi (27,3%) so với cùng kỳ",
    listeners_change="giảm 300 (22,7%)",
    courses_change="bằng cùng kỳ",
    pairs_change="giảm 1 cặp (20%) so với cùng kỳ",
    incidents_change="giảm 1 vụ (33,3%) so với cùng kỳ",
)


# --------------------------------------------------------------------------- entering it


class Api:
    """A bearer-token client of one user that checks every answer."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def post(self, url: str, body: dict[str, Any], status: int = 201) -> dict[str, Any]:
        answer = self.client.post(f"/api/v1{url}", body, content_type="application/json")
        assert answer.status_code == status, (url, answer.status_code, answer.content[:500])
        return answer.json()

    def patch(self, url: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = self.client.patch(f"/api/v1{url}", body, content_type="application/json")
        assert answer.status_code == 200, (url, answer.status_code, answer.content[:500])
        return answer.json()

    def get(self, url: str) -> Any:
        return self.client.get(f"/api/v1{url}")


def _communes(world: World, bob: Api) -> list[int]:
    """Two border communes until 30/06/2025, merged into the world's commune, which joins the
    section's border belt."""
    old = [
        bob.post(
            "/admin-units",
            {
                "code": code,
                "name": name,
                "level": "commune",
                "parent_id": world.admin_commune.parent_id,
                "valid_from": "2000-01-01",
                "valid_to": str(MERGED_ON - timedelta(days=1)),
                "is_border_area": True,
            },
        )["id"]
        for code, name in (("99101", "Xã Đàm Cũ"), ("99102", "Xã Thủy Cũ"))
    ]
    bob.patch(f"/admin-units/{world.admin_commune.pk}", {"predecessor_ids": old})
    bob.post(
        f"/sections/{world.section.pk}/communes",
        {"commune_id": world.admin_commune.pk, "belt_width_m": 1000},
        status=200,
    )
    return old


def _patrols(world: World, alice: Api, figures: Figures) -> None:
    for year, (unilateral, bilateral) in figures.patrols.items():
        for n, kind in enumerate(["unilateral"] * unilateral + ["bilateral"] * bilateral):
            start = datetime(year, 1, 2, 1, 0, tzinfo=UTC) + timedelta(days=9 * n)
            body = {
                "id": str(uuid.uuid4()),
                "unit_id": world.post.pk,
                "kind": kind,
                "line_id": world.line.pk,
                "started_at": start.isoformat(),
                "ended_at": (start + timedelta(hours=6)).isoformat(),
                "distance_km": KM_PER_PATROL,
                "border_guards": 6,
            }
            if kind == "bilateral":
                body |= {"counterpart_id": world.counterpart.pk, "host_side": "vn"}
            alice.post("/patrols", body)


def _propaganda(world: World, alice: Api, sam: Api, figures: Figures, old: list[int]) -> None:
    topic = sam.post("/propaganda-topics", {"name": "Luật Biên giới quốc gia"})["id"]
    days = {  # each day with the commune in force on it
        YEAR: [(date(YEAR, 3, 5), old[0]), (date(YEAR, 5, 20), old[1])]
        + [(date(YEAR, 9, 9), world.admin_commune.pk)],
        BEFORE: [(date(BEFORE, 4, 1), old[0]), (date(BEFORE, 10, 1), old[1])],
    }
    for year, (sessions, listeners) in figures.sessions.items():
        base, extra = divmod(listeners, sessions)
        for i in range(sessions):
            day, commune = days[year][i % len(days[year])]
            alice.post(
                "/propaganda-sessions",
                {
                    "id": str(uuid.uuid4()),
                    "unit_id": world.post.pk,
                    "on": str(day),
                    "commune_id": commune,
                    "village": f"Bản {i % 7}",
                    "form": "meeting",
                    "topic_ids": [topic],
                    "listeners": base + (1 if i < extra else 0),
                },
            )


def _training(world: World, alice: Api, figures: Figures, old: list[int]) -> None:
    count = max(trained for _, trained in figures.courses.values())
    teams = [
        alice.post(
            "/teams",
            {
                "unit_id": world.post.pk,
                "kind": "line_markers" if i % 2 else "village_security",
                "name": f"Tổ tự quản số {i + 1}",
                "commune_id": old[i % 2],
                "founded_on": "2020-03-03",
            },
        )["id"]
        for i in range(count)
    ]
    for year, (courses, trained) in figures.courses.items():
        share = -(-trained // courses)
        for c in range(courses):
            start = date(year, 3 + 2 * c, 10)
            alice.post(
                "/training-courses",
                {
                    "unit_id": world.post.pk,
                    "title": f"Lớp tập huấn số {c + 1}/{year}",
                    "starts_on": str(start),
                    "ends_on": str(start + timedelta(days=2)),
                    "participants": 40,
                    "team_ids": teams[:trained][c * share : (c + 1) * share],
                },
            )


def _twinnings(world: World, alice: Api, figures: Figures) -> None:
    """The pairs of 2024 signed in 2023; those 2025 adds signed in 2025, those it loses ended
    on 30/06/2025."""
    for k, kind in enumerate(("commune_township", "cluster_cluster")):
        before, after = figures.twinned[BEFORE][k], figures.twinned[YEAR][k]
        for n in range(max(before, after)):
            body = {
                "unit_id": world.post.pk,
                "kind": kind,
                "signed_on": "2023-04-28" if n < before else "2025-04-28",
                "first_name": f"Cụm {n + 1} (Việt Nam)",
                "second_name": f"Cụm {n + 1} (phía bạn)",
                "second_country": "LA",
            }
            if n >= after:
                body["ended_on"] = "2025-06-30"
            alice.post("/twinnings", body)


def _incidents(world: World, alice: Api, figures: Figures) -> None:
    """One incident found on 15/09/2025 and never settled (past its deadline by 31/12/2025), and
    the year's settled ones."""
    body = {
        "unit_id": world.post.pk,
        "kind": "works_near_line",
        "lon": 106.6,
        "lat": 16.6,
        "detected_by": "Tổ tuần tra Đồn Biên phòng Bản Giốc",
    }
    alice.post(
        "/incidents",
        body | {"title": "Xây dựng lán trại sát mốc 600", "detected_on": f"{YEAR}-09-15"},
    )
    for year, closed in figures.closed_incidents.items():
        for n in range(closed):
            made = alice.post(
                "/incidents",
                body
                | {"title": f"Vụ việc số {n + 1}/{year}", "detected_on": f"{year}-03-0{n + 1}"},
            )
            alice.post(
                f"/incidents/{made['id']}/steps",
                {
                    "level": "grassroots",
                    "on": f"{year}-03-1{n + 1}",
                    "handled_by": "Đồn Biên phòng Bản Giốc",
                    "channel": "meeting",
                    "summary": "Hội đàm với phía bạn, thống nhất tháo dỡ.",
                },
            )
            version = alice.get(f"/incidents/{made['id']}").json()["version"]
            alice.post(
                f"/incidents/{made['id']}/close",
                {"version": version, "closed_on": f"{year}-04-0{n + 1}", "result": "Đã tháo dỡ."},
                status=200,
            )


def _reporting_duty(world: World, sam: Api, erin: Api, figures: Figures) -> None:
    """Đồn Biên phòng Lý Vạn owes a quarterly report by the 5th of the next month from 2025:
    the third quarter's came 15 days late; in "decreases" the fourth never came."""
    regulation = sam.post(
        "/regulations",
        {
            "number": "01/QC-BCĐ",
            "signed_on": "2024-12-15",
            "title": "Quy chế phối hợp thông tin, báo cáo về công tác biên giới",
            "valid_from": f"{YEAR}-01-01",
            "party_unit_ids": [world.bg.pk, world.post2.pk],
        },
    )["id"]
    duty = sam.post(
        f"/regulations/{regulation}/duties",
        {
            "kind": "report",
            "title": "Báo cáo quý tình hình biên giới",
            "rhythm": "quarterly",
            "due_day": 5,
            "owner_unit_id": world.post2.pk,
        },
    )["id"]
    sent = [("01-01", "2025-04-03"), ("04-01", "2025-07-02"), ("07-01", "2025-10-20")]
    if figures.fourth_quarter_sent:
        sent.append(("10-01", "2026-01-05"))
    for start, on in sent:
        erin.post(
            f"/duties/{duty}/submissions",
            {"period_start": f"{YEAR}-{start}", "submitted_on": on, "reference": f"BC {start}"},
        )


@dataclass(frozen=True)
class Tasks:
    open: str  # given in 2025, due in 2026: the directions of 2025 name it
    done: str  # done in 2025
    later: str  # given in July 2026: not a task of 2025


TASKS = Tasks(
    open="Rà soát, bổ sung biển báo khu vực biên giới",
    done="Tổng kết 10 năm thực hiện Luật Biên phòng Việt Nam",
    later="Triển khai Nghị định mới về khu vực biên giới",
)


def _tasks(world: World, sam: Api) -> None:
    def conclusion(held_on: str, issued_on: str, number: str) -> int:
        conference = sam.post(
            "/conferences",
            {
                "unit_id": world.tbt.pk,
                "kind": "briefing",
                "title": f"Hội nghị giao ban công tác biên giới {held_on[:4]}",
                "held_on": held_on,
            },
        )["id"]
        return sam.post(
            f"/conferences/{conference}/conclusion", {"number": number, "issued_on": issued_on}
        )["id"]

    of_2025 = conclusion(f"{YEAR}-11-05", f"{YEAR}-11-10", "52/TB-BCĐ")
    sam.post(
        "/tasks",
        {
            "conclusion_id": of_2025,
            "unit_id": world.bg.pk,
            "title": TASKS.open,
            "deadline": f"{YEAR + 1}-03-31",
        },
    )
    done = sam.post(
        "/tasks",
        {
            "conclusion_id": of_2025,
            "unit_id": world.bg.pk,
            "title": TASKS.done,
            "deadline": f"{YEAR}-12-20",
        },
    )
    sam.post(
        f"/tasks/{done['id']}/progress",
        {"on": f"{YEAR}-12-15", "text": "Đã tổ chức hội nghị tổng kết.", "status": "done"},
    )
    of_2026 = conclusion(f"{YEAR + 1}-07-10", f"{YEAR + 1}-07-15", "31/TB-BCĐ")
    sam.post(
        "/tasks",
        {
            "conclusion_id": of_2026,
            "unit_id": world.bg.pk,
            "title": TASKS.later,
            "deadline": f"{YEAR + 2}-06-30",
        },
    )


# ------------------------------------------------------------------------------ the report


@dataclass
class Issued:
    """A data set entered, its report of 2025 issued, and what HTTP gave back."""

    figures: Figures
    world: World
    report: dict[str, Any]  # the issued report as the API answers
    before: dict[str, Any]  # a draft of 2024, for the communes of that year
    docx: bytes
    xlsx: bytes
    pdf_status: int
    pdf: bytes
    page: str  # the report's page, read by the secretariat signed in


def _enter_and_issue(figures: Figures) -> Issued:
    world = build_world()
    bob, sam = Api(api_client(world.bob)), Api(api_client(world.sam))
    alice, erin = Api(api_client(world.alice)), Api(api_client(world.erin))
    old = _communes(world, bob)
    _patrols(world, alice, figures)
    _propaganda(world, alice, sam, figures, old)
    _training(world, alice, figures, old)
    _twinnings(world, alice, figures)
    _incidents(world, alice, figures)
    _reporting_duty(world, sam, erin, figures)
    _tasks(world, sam)

    draft = sam.post(
        "/reports", {"id": str(uuid.uuid4()), "scope_unit_id": world.tbt.pk, "period": str(YEAR)}
    )
    issued = sam.post(f"/reports/{draft['id']}/issue", {"version": draft["version"]}, status=200)
    report = sam.get(f"/reports/{draft['id']}").json()
    assert report["status"] == issued["status"] == "issued"
    before = sam.post("/reports", {"scope_unit_id": world.tbt.pk, "period": str(BEFORE)})
    files = {fmt: sam.get(f"/reports/{draft['id']}/files/{fmt}") for fmt in ("docx", "xlsx")}
    assert all(f.status_code == 200 for f in files.values()), files
    pdf = sam.get(f"/reports/{draft['id']}/files/pdf")
    browser = Client()
    sign_in(browser, world.sam)
    page = browser.get(f"/reports/{draft['id']}/")
    assert page.status_code == 200
    return Issued(
        figures=figures,
        world=world,
        report=report,
        before=before,
        docx=files["docx"].content,
        xlsx=files["xlsx"].content,
        pdf_status=pdf.status_code,
        pdf=pdf.content if pdf.status_code == 200 else b"",
        page=page.content.decode(),
    )


@pytest.fixture(scope="module", params=[INCREASES, DECREASES], ids=lambda f: f.name)
def _issued_once(request, django_db_setup, django_db_blocker):
    """Each data set entered and its report issued once for the module's tests, in a
    transaction rolled back after its last test (each test runs in a savepoint of its own)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _enter_and_issue(request.param)
        transaction.set_rollback(True)


@pytest.fixture
def issued(_issued_once, db) -> Issued:
    return _issued_once


# ------------------------------------------------------------------ reading the files back


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _flat(text: str) -> str:
    """One line, single spaces, NFC: a sentence as the page wraps it, whole again."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _pdf_text(path: Path, *, layout: bool = False) -> str:
    """The PDF's text layer: flattened to one line, or (`layout`) its lines as printed."""
    done = subprocess.run(  # noqa: S603
        ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
        timeout=60,
    )
    text = unicodedata.normalize("NFC", done.stdout.decode("utf-8"))
    return text if layout else _flat(text)


def _rows(book, title: str) -> dict[str, Any]:
    """The rows of the annex sheet whose name ends with `title`, by their label."""
    sheet = next(s for s in book.worksheets if s.title.split(". ", 1)[-1] == title)
    return {r[0].value: r for r in sheet.iter_rows(min_row=7) if isinstance(r[0].value, str)}


def _n(value: int) -> str:
    """A count as the narrative writes it: 1.450."""
    return f"{value:,}".replace(",", ".")


# ---- the shortcomings' wording, which issue 24 is still changing: one helper per claim, so that
# ---- a change of wording is made here once


def assert_names_late_unit(shortcomings: str, unit: str, late: int, missing: int) -> None:
    """The shortcomings name the unit that reported late, how many reports were late and how
    late (LATE_DAYS), and how many never came."""
    assert "Một số đơn vị thực hiện chưa tốt chế độ thông tin, báo cáo" in shortcomings
    said = f"{unit} nộp chậm {late} báo cáo (chậm {LATE_DAYS} ngày)"
    assert said in shortcomings, shortcomings
    if missing:
        assert f"{said} và chưa nộp {missing} báo cáo" in shortcomings, shortcomings
    else:
        assert f"{said} và chưa nộp" not in shortcomings, shortcomings


def assert_names_overdue_incidents(
    shortcomings: str, overdue: int, end: date, named: list[tuple[str, str, int]]
) -> None:
    """The shortcomings count the incidents past their deadline at the period's end and name
    each (its summary, the rung it stood on, the days past that rung's deadline)."""
    assert f"đến ngày {end:%d/%m/%Y} còn {overdue} vụ việc quá thời hạn xử lý" in shortcomings, (
        shortcomings
    )
    for title, rung, days in named:
        assert f"vụ “{title}” ({rung}, quá hạn {days} ngày)" in shortcomings, shortcomings


# words a count is said in: "0 vụ", "0 báo cáo" must be said as "không …" or left out
ZERO_COUNT = re.compile(
    r"(?<![\d.,])0 (vụ|báo cáo|đợt|buổi|lớp|tổ|cặp|nhiệm vụ|hội nghị|mốc|người|lượt|xã)\b"
)


# ------------------------------------------------------------------------------ the tests


def test_the_report_was_made_from_the_api_alone(issued):
    report = issued.report
    assert report["number_text"] == "01/BC-BCĐ"
    assert {f["format"] for f in report["files"]} >= {"docx", "xlsx"}
    patrols = next(t for t in report["figures"] if t["key"] == "patrols")
    f = issued.figures
    total = sum(f.patrols[YEAR]), sum(f.patrols[BEFORE])
    first = patrols["rows"][0]
    assert (first["value"], first["previous"], first["change"]) == (*total, total[0] - total[1])


def test_the_narrative_says_each_figure_and_its_comparison(issued):
    f = issued.figures
    sections = _sections(issued.docx)
    patrols = sections["Quản lý, bảo vệ đường biên giới, mốc quốc giới"]
    (u, b), total = f.patrols[YEAR], sum(f.patrols[YEAR])
    assert f"đã tổ chức {u} đợt tuần tra đơn phương, {b} đợt tuần tra song phương" in patrols
    assert f"(tổng số {total} đợt, {f.patrols_change})" in patrols
    assert f", tổng chiều dài {_n(total * KM_PER_PATROL)} km." in patrols
    incidents = sections["Giải quyết các vụ việc trên biên giới"]
    arisen = 1 + f.closed_incidents[YEAR]  # the overdue one and those settled
    assert f"phát sinh {arisen} vụ việc trên biên giới ({f.incidents_change})" in incidents
    assert "còn 1 vụ đang giải quyết, trong đó 1 vụ quá thời hạn xử lý" in incidents
    propaganda = sections["Công tác tuyên truyền, phổ biến, giáo dục pháp luật; tập huấn"]
    sessions, listeners = f.sessions[YEAR]
    assert (
        f"đã tổ chức tuyên truyền được {sessions} buổi/{_n(listeners)} lượt người nghe "
        f"({f.sessions_change}; số lượt người nghe {f.listeners_change})"
    ) in propaganda
    courses, trained = f.courses[YEAR]
    assert f"Mở {courses} lớp tập huấn, bồi dưỡng cho {trained} tổ tự quản" in propaganda
    assert f"({f.courses_change})." in propaganda
    foreign = sections["Hợp tác, đối ngoại biên phòng; kết nghĩa"]
    township, cluster = f.twinned[YEAR]
    assert f"{township} cụm xã, thị trấn biên giới" in foreign
    assert f"{cluster} cụm thôn, bản dân cư hai bên biên giới" in foreign
    assert f"({f.pairs_change})" in foreign


def test_the_strengths_and_shortcomings_follow_the_changes(issued):
    f = issued.figures
    narrative = issued.report["narrative"]
    fell = sum(f.patrols[YEAR]) < sum(f.patrols[BEFORE])
    said = f.patrols_change  # "giảm 2 đợt (18,2%) so với cùng kỳ": the figure with its unit
    assert (f"Số đợt tuần tra {said}." in narrative["shortcomings"]) == fell
    grew = f"số đợt tuần tra {said.removesuffix(' so với cùng kỳ')}"
    assert (grew in narrative["strengths"]) == (not fell)


def test_zeros_are_said_in_words(issued):
    narrative = issued.report["narrative"]
    incidents = narrative["results.incidents"]
    if not issued.figures.closed_incidents[YEAR]:
        assert "chưa có vụ nào giải quyết xong" in incidents
    else:
        assert "đã giải quyết 1 vụ" in incidents
    compliance = narrative["results.compliance"]
    assert "các đơn vị phải nộp 4 báo cáo" in compliance
    for part in ("results.incidents", "results.compliance", "shortcomings", "results.patrols"):
        assert not ZERO_COUNT.search(narrative[part]), (part, narrative[part])


def test_no_count_of_zero_anywhere_in_the_document(issued):
    found = ZERO_COUNT.findall(_docx_text(issued.docx))
    assert not found, found


def test_the_shortcomings_name_the_late_unit_and_the_overdue_incident(issued):
    shortcomings = issued.report["narrative"]["shortcomings"]
    missing = 0 if issued.figures.fourth_quarter_sent else 1
    assert_names_late_unit(shortcomings, issued.world.post2.name, late=1, missing=missing)
    # found 15/09/2025, at the grassroots (15 days for works near the line): due 30/09/2025
    over = (date(YEAR, 12, 31) - date(YEAR, 9, 30)).days
    assert_names_overdue_incidents(
        shortcomings,
        overdue=1,
        end=date(YEAR, 12, 31),
        named=[("Xây dựng lán trại sát mốc 600", "cấp cơ sở", over)],
    )
    assert issued.world.post.name not in shortcomings  # the unit that reported on time


def test_the_document_says_the_compliance_and_incidents_as_the_narrative(issued):
    """The DOCX carries the narrative's sentences (the JSON the tests above read), and names
    nothing of the other province."""
    text = _flat(_docx_text(issued.docx))
    narrative = issued.report["narrative"]
    for part in ("results.incidents", "results.compliance", "shortcomings", "directions"):
        for sentence in narrative[part].splitlines():
            assert _flat(sentence) in text, (part, sentence)
    for other in ("Sông Núi", "1116", "KV-01", "Trạm kiểm tra X"):
        assert other not in text, other


def test_the_directions_list_only_the_tasks_open_at_the_years_end(issued):
    directions = issued.report["narrative"]["directions"]
    assert "Thực hiện các nhiệm vụ theo Thông báo kết luận số 52/TB-BCĐ ngày 10/11/2025:" in (
        directions
    )
    assert f"- {TASKS.open} (" in directions and "hạn 31/03/2026" in directions
    assert TASKS.done not in directions  # done in the year
    assert TASKS.later not in directions and "31/TB-BCĐ" not in directions  # given in 2026


def test_each_year_counts_its_own_communes(issued):
    assert "khu vực biên giới gồm 1 xã, phường biên giới" in issued.report["narrative"]["situation"]
    assert "khu vực biên giới gồm 2 xã, phường biên giới" in issued.before["narrative"]["situation"]
    book = load_workbook(io.BytesIO(issued.xlsx))
    communes = _rows(book, "Đường biên, mốc, cửa khẩu")["Xã, phường biên giới"]
    assert [c.value for c in communes[1:4]] == [1, 2, -1]


def test_the_page_puts_the_key_figures_first(issued):
    page = issued.page
    key = page.index('data-testid="key-figures"')
    assert key < page.index('data-testid="narrative"')
    table = page[key : page.index("</table>", key)]
    rows = re.findall(r"<tr><td>([^<]+)</td>((?:<td[^>]*>[^<]*</td>)+)</tr>", table)
    cells = {label: re.findall(r">([^<]*)</td>", rest) for label, rest in rows}
    f = issued.figures
    total = sum(f.patrols[YEAR]), sum(f.patrols[BEFORE])
    patrols = next(v for k, v in cells.items() if k.endswith("Số đợt tuần tra"))
    assert patrols[:3] == [str(total[0]), str(total[1]), str(total[0] - total[1])]
    sessions = next(v for k, v in cells.items() if k.endswith("Số buổi tuyên truyền"))
    assert sessions[:2] == [str(f.sessions[YEAR][0]), str(f.sessions[BEFORE][0])]


def test_the_docx_is_a4_in_times_new_roman_13_to_14(issued):
    doc = Document(io.BytesIO(issued.docx))
    for section in doc.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and Pt(13) <= normal.size <= Pt(14)
    headings = [p for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert [p.text for p in headings] == [
        "I. ĐẶC ĐIỂM TÌNH HÌNH",
        "II. KẾT QUẢ THỰC HIỆN",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    body = doc.styles["Body Text"]
    assert body.font.name == "Times New Roman" and Pt(13) <= body.font.size <= Pt(14)
    assert body.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    for level in (1, 2):
        heading = doc.styles[f"Heading {level}"].font
        assert heading.name == "Times New Roman" and Pt(13) <= heading.size <= Pt(14)
        assert heading.bold
    patrols = next(p for p in doc.paragraphs if "đợt tuần tra đơn phương" in p.text)
    assert patrols.style.name == "Body Text"
    for run in patrols.runs:  # nothing overrides the style's font inside the paragraph
        assert run.font.name in (None, "Times New Roman") and run.font.size in (
            None,
            body.font.size,
        )
    texts = [p.text for p in doc.paragraphs]
    assert any(t.startswith("(Kèm theo Báo cáo số 01/BC-BCĐ ngày ") for t in texts)


def test_the_annex_holds_the_values_in_their_formats(issued):
    f = issued.figures
    book = load_workbook(io.BytesIO(issued.xlsx))
    patrols = _rows(book, "Tuần tra, kiểm soát")
    total = sum(f.patrols[YEAR]), sum(f.patrols[BEFORE])
    count = patrols["Số đợt tuần tra"]
    assert [c.value for c in count[1:4]] == [*total, total[0] - total[1]]
    assert all(isinstance(c.value, int) for c in count[1:4])
    assert [c.number_format for c in count[1:5]] == [
        "#,##0",
        "#,##0",
        "+#,##0;-#,##0;0",
        "+0.0%;-0.0%;0.0%",
    ]
    bilateral = patrols["– Số đợt tuần tra: Tuần tra song phương"]
    b = f.patrols[YEAR][1], f.patrols[BEFORE][1]
    assert [c.value for c in bilateral[1:4]] == [*b, b[0] - b[1]]
    propaganda = _rows(book, "Tuyên truyền")
    listeners = propaganda["Lượt người nghe"]
    heard = f.sessions[YEAR][1], f.sessions[BEFORE][1]
    assert [c.value for c in listeners[1:4]] == [*heard, heard[0] - heard[1]]
    assert listeners[1].number_format == "#,##0"
    training = _rows(book, "Tập huấn, bồi dưỡng")
    courses = training["Số lớp tập huấn, bồi dưỡng"]
    c = f.courses[YEAR][0], f.courses[BEFORE][0]
    assert [x.value for x in courses[1:4]] == [*c, c[0] - c[1]]
    tasks = _rows(book, "Nhiệm vụ")
    rate = tasks["Tỷ lệ đúng hạn (%)"]
    assert [x.number_format for x in rate[1:4]] == ['0.0"%"', '0.0"%"', a.POINTS]
    assert rate[4].value is None  # a change of a rate is in points, not a percent of it
    counted = 0
    for sheet in book.worksheets:  # every count: integers, the change signed
        for row in sheet.iter_rows(min_row=7):
            if row[1].number_format != "#,##0":
                continue
            counted += 1
            assert all(isinstance(c.value, int) for c in row[1:4]), (sheet.title, row[0].value)
            assert row[2].number_format == "#,##0", (sheet.title, row[0].value)
            assert row[3].number_format == "+#,##0;-#,##0;0", (sheet.title, row[0].value)
            assert row[3].value == row[1].value - row[2].value, (sheet.title, row[0].value)
    assert counted > 40


def test_the_reporting_duty_is_counted_with_its_rate_in_points(issued):
    book = load_workbook(io.BytesIO(issued.xlsx))
    rows = {k.lower(): v for k, v in _rows(book, "Chế độ báo cáo").items()}
    missing = 0 if issued.figures.fourth_quarter_sent else 1
    on_time = 3 - missing
    assert rows["báo cáo phải nộp"][1].value == 4
    assert [rows[k][1].value for k in ("báo cáo nộp chậm", "báo cáo chưa nộp")] == [1, missing]
    rate = rows["tỷ lệ nộp đúng hạn (%)"]
    assert rate[1].value == on_time * 100 / 4
    assert [c.number_format for c in rate[1:4]] == ['0.0"%"', '0.0"%"', a.POINTS]
    assert rate[4].value is None


def test_the_annex_numbers_its_tables_as_the_docx_does(issued):
    book = load_workbook(io.BytesIO(issued.xlsx))
    doc = Document(io.BytesIO(issued.docx))
    captions = [p.text for p in doc.paragraphs if re.match(r"Bảng \d+\. ", p.text)]
    assert [s["A4"].value for s in book.worksheets] == captions
    assert [s.title.split(". ", 1)[0] for s in book.worksheets] == [
        str(n) for n in range(1, len(captions) + 1)
    ]


def test_every_row_label_is_capitalised(issued):
    book = load_workbook(io.BytesIO(issued.xlsx))
    lower = [
        (sheet.title, label)
        for sheet in book.worksheets
        for label in _rows(book, sheet.title.split(". ", 1)[-1])
        if label.removeprefix("– ")[:1].islower()
    ]
    assert not lower, lower


def test_every_annex_sheet_names_the_report_and_prints_a4_landscape(issued):
    day = date.fromisoformat(issued.report["issued_on"])
    book = load_workbook(io.BytesIO(issued.xlsx))
    line = f"(Kèm theo Báo cáo số 01/BC-BCĐ ngày {day:%d/%m/%Y} của Ban Chỉ đạo"
    for sheet in book.worksheets:
        assert sheet["A1"].value == "Phụ lục I"
        assert sheet["A3"].value.startswith(line), (sheet.title, sheet["A3"].value)
        if sheet["A6"].value == "Không phát sinh.":  # a table of zeros is that one line
            assert sheet.max_row == 6, sheet.title
        else:
            assert [c.value for c in sheet[6]][3] == "Tăng (+), giảm (-)"
            assert sheet.print_title_rows == "$6:$6"
        setup = sheet.page_setup
        assert (str(setup.paperSize), setup.orientation) == ("9", "landscape")
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage


@pytest.mark.needs("soffice", "pdftotext", "pdffonts")
def test_the_pdf_keeps_the_sentences_whole_in_one_serif_family(issued, tmp_path):
    assert issued.pdf_status == 200 and issued.pdf.startswith(b"%PDF")
    path = tmp_path / "baocao.pdf"
    path.write_bytes(issued.pdf)
    text = _pdf_text(path)
    f = issued.figures
    (u, b), total = f.patrols[YEAR], sum(f.patrols[YEAR])
    for sentence in (
        "đợt tuần tra",
        f"đã tổ chức {u} đợt tuần tra đơn phương, {b} đợt tuần tra song phương",
        f"(tổng số {total} đợt, {f.patrols_change})",
        f"{f.sessions[YEAR][0]} buổi/{_n(f.sessions[YEAR][1])} lượt người nghe",
        "Một số đơn vị thực hiện chưa tốt chế độ thông tin, báo cáo",
    ):
        assert sentence in text, sentence
    families = embedded_families(path)
    assert len(families) == 1 and families <= {"LiberationSerif", "TimesNewRoman", "Tinos"}, (
        families
    )


def _page_images(pdf: Path, stem: str, last: int) -> list[Path]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", str(last), str(pdf), str(SHOTS / stem)],  # noqa: S607
        check=True,
        capture_output=True,
        timeout=60,
    )
    return sorted(SHOTS.glob(f"{stem}-*.png"))


@pytest.mark.needs("soffice", "pdftoppm", "pdftotext")
def test_page_images_for_review_and_the_annex_sheet_printed(issued, tmp_path):
    """The DOCX's first two pages (LibreOffice's PDF, as downloaded) and the patrols sheet of
    the annex, at 60 dpi, in test-results/golden-http/; the sheet as LibreOffice prints it
    (one conversion serves both) keeps its header words whole and its changes signed."""
    assert issued.pdf_status == 200
    stem = f"{issued.figures.name}"
    for old in SHOTS.glob(f"{stem}-*.png"):
        old.unlink()
    report = tmp_path / "baocao.pdf"
    report.write_bytes(issued.pdf)
    pages = _page_images(report, f"{stem}-docx", 2)
    assert len(pages) == 2 and all(p.stat().st_size > 1000 for p in pages)
    book = load_workbook(io.BytesIO(issued.xlsx))
    keep = next(s for s in book.worksheets if s.title.endswith("Tuần tra, kiểm soát"))
    for sheet in list(book.worksheets):
        if sheet is not keep:
            book.remove(sheet)
    out = io.BytesIO()
    book.save(out)
    annex = tmp_path / "phuluc.pdf"
    annex.write_bytes(to_pdf(out.getvalue(), kind="xlsx"))
    sheet = _page_images(annex, f"{stem}-annex-patrols", 1)
    assert len(sheet) == 1 and sheet[0].stat().st_size > 1000
    printed = _pdf_text(annex)
    assert "Kèm theo Báo cáo số 01/BC-BCĐ ngày" in printed and "###" not in printed
    for title in ("Chỉ tiêu", "Năm 2025", "Cùng kỳ (năm 2024)", "Tăng (+), giảm (-)"):
        assert title in printed, title
    total = sum(issued.figures.patrols[YEAR]), sum(issued.figures.patrols[BEFORE])
    lines = _pdf_text(annex, layout=True).splitlines()
    row = next(line.split() for line in lines if line.strip().startswith("Số đợt tuần tra"))
    assert row[-4:-1] == [str(total[0]), str(total[1]), f"{total[0] - total[1]:+d}"], row


def test_the_figure_sets_differ_as_the_tests_need():
    """Every test above runs on both sets: they must differ in each figure they check, one with
    decreases and an unchanged figure."""
    up, down = INCREASES, DECREASES
    for name in ("patrols", "sessions", "courses", "twinned"):
        assert getattr(up, name) != getattr(down, name), name
    assert sum(down.patrols[YEAR]) < sum(down.patrols[BEFORE])
    assert down.patrols[YEAR][1] == down.patrols[BEFORE][1]  # unchanged
    assert down.courses[YEAR][0] == down.courses[BEFORE][0]  # unchanged
    assert sum(up.patrols[YEAR]) > sum(up.patrols[BEFORE])
