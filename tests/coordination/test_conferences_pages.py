"""The conference and task pages: a conference recorded once from the form, its conclusion
notice (refused beside `issued_on` when before the conference) and a task assigned from it
(refused beside `deadline` when before the notice, nothing written); the task list with its
counts line, the overdue per unit, `mine`, and its exports read back; a progress update moving
the status and one on a cancelled task refused; a new task first shown due a month ahead; menu
entries; scope."""

import csv
import io
import re
from datetime import date, timedelta

from django.utils import timezone
from openpyxl import load_workbook

from biengioi.coordination.conferences_forms import default_deadline
from biengioi.coordination.models import Conclusion, Conference, Task
from biengioi.coordination.services import task_create, task_progress_record
from tests.clock import stopped_on
from tests.conftest import sign_in

CLIENT_ID = "7c2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c5d"
BASE = "/coordination/conferences/"


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _conference_form(world, **fields):
    return {
        "client_id": CLIENT_ID,
        "unit_id": world.tbt.pk,
        "kind": "half_year",
        "title": "Hội nghị sơ kết công tác biên giới 6 tháng đầu năm 2025",
        "plan_number": "239/KH-UBND",
        "held_on": "10/07/2025",
        "place": "Hội trường UBND tỉnh",
        "chair": "Chủ tịch UBND tỉnh",
        "participant_unit_ids": [world.bg.pk, world.post.pk],
        "participants": "Các sở, ngành",
        "participant_count": "1250",
        "note": "",
        **fields,
    }


def _with_conclusion(client, world):
    client.post(f"{BASE}new/", _conference_form(world))
    conference = Conference.objects.get()
    client.post(
        f"{BASE}{conference.pk}/conclusion/",
        {
            "client_id": "7c2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c50",
            "number": "125/TB-UBND",
            "issued_on": "15/07/2025",
            "summary": "Kết luận",
        },
    )
    return conference


def _task_form(world, **fields):
    return {
        "client_id": "7c2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c51",
        "title": "Tuần tra song phương đoạn mốc 600 – 610",
        "description": "",
        "unit_id": world.post.pk,
        "coordinating_unit_ids": [world.bg.pk],
        "deadline": "30/09/2025",
        **fields,
    }


def test_a_conference_is_recorded_once_with_its_conclusion_and_a_task(world, client):
    sign_in(client, world.bob)
    assert client.get(f"{BASE}new/").status_code == 200
    first = client.post(f"{BASE}new/", _conference_form(world))
    again = client.post(f"{BASE}new/", _conference_form(world))
    conference = Conference.objects.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == f"{BASE}{conference.pk}/"
    assert "Chưa có thông báo kết luận." in _text(client.get(f"{BASE}{conference.pk}/"))
    assert client.get(f"{BASE}{conference.pk}/tasks/new/").status_code == 404

    early = client.post(
        f"{BASE}{conference.pk}/conclusion/",
        {"number": "125/TB-UBND", "issued_on": "09/07/2025", "summary": ""},
    )
    assert early.status_code == 400
    assert "10/07/2025" in early.context["form"].errors["issued_on"][0]
    assert Conclusion.objects.count() == 0
    _with_conclusion(client, world)
    assert Conclusion.objects.get().number == "125/TB-UBND"

    url = f"{BASE}{conference.pk}/tasks/new/"
    assert client.get(url).status_code == 200
    late = client.post(url, _task_form(world, deadline="14/07/2025"))
    assert late.status_code == 400
    assert "15/07/2025" in late.context["form"].errors["deadline"][0]
    assert Task.objects.count() == 0
    assert client.post(url, _task_form(world)).status_code == 302
    assert client.post(url, _task_form(world)).status_code == 302
    task = Task.objects.get()
    assert task.conclusion.conference == conference
    page = _text(client.get(f"{BASE}{conference.pk}/"))
    assert "125/TB-UBND" in page and "15/07/2025" in page and "1.250" in page
    assert f'href="/coordination/tasks/{task.pk}/"' in page and "30/09/2025" in page


def test_a_new_tasks_deadline_is_first_shown_a_month_ahead_never_past(world, client):
    sign_in(client, world.bob)
    conference = _with_conclusion(client, world)  # its notice was issued on 15/07/2025
    ahead = timezone.localdate() + timedelta(days=30)
    for url in (f"{BASE}{conference.pk}/tasks/new/", "/coordination/tasks/new/"):
        form = client.get(url)
        assert form.context["form"]["deadline"].value() == ahead, url
        assert f'value="{ahead:%d/%m/%Y}"' in form.content.decode(), url
    with stopped_on(date(2025, 7, 1)):  # a notice dated later than today: a month after it
        assert default_deadline(date(2025, 7, 15)) == date(2025, 8, 14)
        assert default_deadline() == date(2025, 7, 31)


def test_a_conference_edit_and_a_stale_one(world, client):
    sign_in(client, world.bob)
    client.post(f"{BASE}new/", _conference_form(world))
    conference = Conference.objects.get()
    assert client.get(f"{BASE}{conference.pk}/edit/").status_code == 200
    edit = {**_conference_form(world), "version": "1", "place": "Nhà khách tỉnh"}
    del edit["unit_id"], edit["client_id"]
    assert client.post(f"{BASE}{conference.pk}/edit/", edit).status_code == 302
    stale = client.post(f"{BASE}{conference.pk}/edit/", {**edit, "place": "Khác"})
    assert stale.status_code == 400 and stale.context["form"].non_field_errors()
    conference.refresh_from_db()
    assert (conference.version, conference.place) == (2, "Nhà khách tỉnh")


def test_the_conference_list_filters_and_exports(world, client):
    sign_in(client, world.bob)
    _with_conclusion(client, world)
    client.post(
        f"{BASE}new/",
        _conference_form(
            world,
            client_id="7c2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c5e",
            kind="briefing",
            title="Giao ban quý IV năm 2024",
            held_on="20/12/2024",
            unit_id=world.bg.pk,
        ),
    )
    assert "2 hội nghị" in _text(client.get(BASE))
    briefing = _text(client.get(f"{BASE}?kind=briefing"))
    assert "1 hội nghị" in briefing and "Giao ban quý IV" in briefing
    assert "Giao ban quý IV" not in _text(client.get(f"{BASE}?year=2025"))
    assert "1 hội nghị" in _text(client.get(f"{BASE}?unit_id={world.bg.pk}"))
    xlsx = client.get(f"{BASE}export.xlsx?year=2025")
    sheet = load_workbook(io.BytesIO(xlsx.getvalue())).active
    assert sheet.max_row == 2
    values = [cell.value for cell in sheet[2]]
    assert "125/TB-UBND" in values and "Sơ kết 6 tháng" in values
    text = client.get(f"{BASE}export.csv").getvalue().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 3 and rows[2][2] == "Giao ban quý IV năm 2024"


def _tasks(world):
    late = task_create(
        actor=world.bob, unit_id=world.post.pk, title="Rà soát mốc 600", deadline=date(2025, 1, 31)
    )[0]
    task_create(
        actor=world.bob,
        unit_id=world.post.pk,
        title="Tuyên truyền luật biên giới",
        deadline=date(2999, 1, 31),
    )
    other = task_create(
        actor=world.bob, unit_id=world.post2.pk, title="Tuần tra Lý Vạn", deadline=date(2025, 2, 28)
    )[0]
    done = task_create(
        actor=world.bob, unit_id=world.post2.pk, title="Báo cáo quý", deadline=date(2025, 3, 31)
    )[0]
    task_progress_record(
        actor=world.bob, task_id=done.pk, on=date(2025, 3, 1), text="Xong", status="done"
    )
    return late, other, done


def test_the_task_list_counts_overdue_and_mine_and_exports(world, client):
    late, other, done = _tasks(world)
    sign_in(client, world.bob)
    page = _text(client.get("/coordination/tasks/"))
    assert "4 nhiệm vụ: 3 mới giao, 0 đang thực hiện, 1 đã hoàn thành, 0 đã hủy; 2 quá hạn" in page
    assert "Quá hạn theo đơn vị" in page and f"unit_id={world.post2.pk}" in page
    overdue = _text(client.get("/coordination/tasks/?status=overdue"))
    assert "2 nhiệm vụ" in overdue and "Tuyên truyền luật" not in overdue
    sign_in(client, world.alice)
    mine = _text(client.get("/coordination/tasks/?mine=1"))
    assert "2 nhiệm vụ: 2 mới giao" in mine and "Tuần tra Lý Vạn" not in mine
    sign_in(client, world.bob)
    xlsx = client.get("/coordination/tasks/export.xlsx?status=overdue")
    sheet = load_workbook(io.BytesIO(xlsx.getvalue())).active
    assert sheet.max_row == 3
    assert {sheet.cell(row=r, column=1).value for r in (2, 3)} == {late.title, other.title}
    text = client.get("/coordination/tasks/export.csv?status=done").getvalue().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2 and rows[1][0] == "Báo cáo quý" and rows[1][3] == "Đã hoàn thành"


def test_a_progress_update_moves_the_status_and_a_cancelled_task_takes_none(world, client):
    late, _other, _done = _tasks(world)
    sign_in(client, world.alice)
    url = f"/coordination/tasks/{late.pk}/progress/new/"
    assert client.get(url).status_code == 200
    form = {
        "client_id": "7c2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c60",
        "version": "1",
        "on": "01/08/2025",
        "text": "Đã rà soát",
        "evidence": "Biên bản 12",
        "status": "in_progress",
    }
    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 302  # a repeated submit records once
    assert late.progress.count() == 1
    page = _text(client.get(f"/coordination/tasks/{late.pk}/"))
    assert "Đang thực hiện" in page and "Biên bản 12" in page and "Quá hạn" in page
    cancel = {
        **form,
        "client_id": "7c2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c61",
        "version": "2",
        "status": "cancelled",
        "text": "Hủy theo chỉ đạo",
    }
    assert client.post(url, cancel).status_code == 302
    refused = client.post(
        url, {**form, "client_id": "7c2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c62", "version": "3"}
    )
    assert refused.status_code == 400
    assert "Nhiệm vụ đã hủy" in " ".join(refused.context["form"].non_field_errors())
    assert late.progress.count() == 2 and Task.objects.get(pk=late.pk).status == "cancelled"


def test_a_task_is_assigned_on_its_own_and_edited(world, client):
    sign_in(client, world.bob)
    assert client.get("/coordination/tasks/new/").status_code == 200
    assert client.post("/coordination/tasks/new/", _task_form(world)).status_code == 302
    task = Task.objects.get()
    assert task.conclusion is None and list(task.coordinating_units.all()) == [world.bg]
    assert client.get(f"/coordination/tasks/{task.pk}/edit/").status_code == 200
    edit = {
        **_task_form(world),
        "version": "1",
        "deadline": "31/10/2025",
        "coordinating_unit_ids": [],
    }
    del edit["unit_id"], edit["client_id"]
    assert client.post(f"/coordination/tasks/{task.pk}/edit/", edit).status_code == 302
    task.refresh_from_db()
    assert (task.version, task.deadline) == (2, date(2025, 10, 31))


def test_scope_and_menu(world, client):
    task = task_create(
        actor=world.bob,
        unit_id=world.post2.pk,
        title="Tuần tra Lý Vạn",
        deadline=date(2025, 2, 28),
        coordinating_unit_ids=[world.post.pk],
    )[0]
    sign_in(client, world.bob)
    client.post(f"{BASE}new/", _conference_form(world, unit_id=world.post2.pk))
    conference = Conference.objects.get()
    sign_in(client, world.alice)
    menu = _text(client.get("/coordination/tasks/"))
    assert 'href="/coordination/conferences/"' in menu and "Tuần tra Lý Vạn" in menu
    assert client.get(f"{BASE}{conference.pk}/").status_code == 404
    assert client.get(f"{BASE}{conference.pk}/edit/").status_code == 404
    assert client.get(f"/coordination/tasks/{task.pk}/").status_code == 200  # coordinating
    assert client.get(f"/coordination/tasks/{task.pk}/edit/").status_code == 404
    assert client.get(f"/coordination/tasks/{task.pk}/progress/new/").status_code == 404
    sign_in(client, world.lee)
    assert client.get(f"{BASE}new/").status_code == 403
    assert client.get("/coordination/tasks/new/").status_code == 403
    sign_in(client, world.charlie)
    assert client.get(f"/coordination/tasks/{task.pk}/").status_code == 404


def test_the_pages_query_counts_stay_flat(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            if url.endswith((".csv", ".xlsx")):
                response.getvalue()
        return len(captured)

    sign_in(client, world.bob)
    _with_conclusion(client, world)
    _tasks(world)
    urls = [
        BASE,
        "/coordination/tasks/",
        "/coordination/tasks/export.csv",
        f"{BASE}export.csv",
    ]
    few = [queries(url) for url in urls]
    for n in range(4):
        client.post(
            f"{BASE}new/",
            _conference_form(world, client_id=f"7c2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4d{n:02d}"),
        )
        _tasks(world)
    assert [queries(url) for url in urls] == few
