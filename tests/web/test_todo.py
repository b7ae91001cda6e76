"""The home page's to-do box ("Việc cần làm"), role by role, and the filtered lists it opens.

alice (a field officer of post Bản Giốc) sees what her post owes and must do; sam (the
secretariat) the reports of the quarter sent late or not at all and the overdue tasks; lee (the
province's leader) the overdue incidents and tasks, the late reports and the markers not
inspected; bob (an administrator) no box. Each list's records are links, and its whole list is
the filtered list page it names.
"""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from biengioi.coordination.services import task_create
from biengioi.operations.services import incident_create, patrol_create
from biengioi.registry.services import marker_create
from biengioi.web.todo import reporting_quarter
from tests.api import test_route_walk as walk
from tests.conftest import api_client, sign_in


def _home(client, user) -> str:
    sign_in(client, user)
    page = client.get("/")
    assert page.status_code == 200
    return page.content.decode()


def _box(page: str, key: str) -> str:
    """The html of one to-do list of the page."""
    found = re.search(
        rf'<section class="todo-list[^"]*" data-testid="todo-{key}">(.*?)</section>', page, re.S
    )
    assert found, f"no to-do list {key}"
    return found.group(1)


def _count(box: str) -> int:
    return int(re.search(r'data-count="(\d+)"', box).group(1))


def _keys(page: str) -> list[str]:
    return re.findall(r'data-testid="todo-(\w+)">', page)


def _incident(world, unit, detected_on: date, title: str):
    return incident_create(
        actor=world.alice if unit == world.post else world.erin,
        unit_id=unit.pk,
        kind="other",
        title=title,
        lon=world.marker.lon,
        lat=world.marker.lat,
        detected_on=detected_on,
        detected_by="Tổ tuần tra",
    )[0]


def _inspect(world, marker, on: date) -> None:
    started = datetime(on.year, on.month, on.day, 1, tzinfo=UTC)
    patrol_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=started,
        ended_at=started + timedelta(hours=6),
        inspections=[{"marker_id": marker.pk, "status": "intact"}],
    )


def _marker(world, identifier: str, post):
    return marker_create(
        actor=None,
        line_id=world.line.pk,
        identifier=identifier,
        kind="main",
        lon=106.61,
        lat=16.605,
        post_id=post.pk,
        section_id=world.section.pk,
        status="intact",
        status_on=date(2025, 1, 15),
    )


def test_a_post_sees_what_it_owes_its_incidents_near_their_deadline_and_its_markers_due(
    world, client, settings
):
    settings.MAP_STALE_DAYS = 90
    today = timezone.localdate()
    duty = walk._duty(world, world.bob)  # a monthly report of the post, never sent
    # deadlines: 15 days at the grassroots from the day detected
    late = _incident(world, world.post, today - timedelta(days=20), "Xâm canh gần mốc 600")
    soon = _incident(world, world.post, today - timedelta(days=10), "Khai thác gỗ trái phép")
    _incident(world, world.post, today, "Vụ việc mới phát hiện")  # due in 15 days: not yet
    _incident(world, world.post2, today - timedelta(days=20), "Vụ việc của đồn Lý Vạn")
    seen = _marker(world, "601", world.post)
    _inspect(world, seen, today - timedelta(days=3))
    _marker(world, "650", world.post2)  # another post's marker, never inspected

    page = _home(client, world.alice)
    assert _keys(page) == ["owed", "incidents_due", "markers_due"]
    owed = _box(page, "owed")
    assert _count(owed) >= 1 and "Báo cáo tháng" in owed
    assert f'href="/coordination/duties/{duty.pk}/submit/?period=' in owed
    assert 'href="/coordination/reporting/"' in owed

    incidents = _box(page, "incidents_due")
    assert _count(incidents) == 2
    assert incidents.index(late.title) < incidents.index(soon.title)  # the overdue one first
    assert f'href="/incidents/{late.pk}/"' in incidents and "quá hạn 5 ngày" in incidents
    assert "hạn " + (soon.due_on).strftime("%d/%m/%Y") in incidents
    assert "Vụ việc mới phát hiện" not in incidents and "Lý Vạn" not in incidents
    assert 'href="/incidents/?due_within=7"' in incidents

    markers = _box(page, "markers_due")
    assert _count(markers) == 1 and "Mốc 600" in markers  # 601 was seen, 650 is Lý Vạn's
    assert "chưa có lần tuần tra nào" in markers
    assert f'href="/markers/{world.marker.pk}/"' in markers
    assert 'href="/markers/due/"' in markers


def test_the_secretariat_sees_the_quarters_late_reports_and_the_overdue_tasks(world, client):
    today = timezone.localdate()
    walk._duty(world, world.bob)  # the post's monthly report, never sent since 2024
    task = task_create(
        actor=world.sam,
        unit_id=world.post.pk,
        title="Rà soát mốc sau mưa lũ",
        deadline=today - timedelta(days=4),
    )[0]
    task_create(actor=world.sam, unit_id=world.post.pk, title="Việc còn hạn", deadline=today)
    task_create(
        actor=world.charlie,
        unit_id=world.tsn_bg.pk,
        title="Nhiệm vụ của tỉnh khác",
        deadline=today - timedelta(days=4),
    )

    page = _home(client, world.sam)
    assert _keys(page) == ["late_reports", "tasks_overdue"]
    reports = _box(page, "late_reports")
    year, part = reporting_quarter(today)
    # the quarter's months whose reports have fallen due (each on the 5th of the next month)
    first = date(year, int(part[1]) * 3 - 2, 1)
    due = [first.replace(month=first.month + n) for n in range(3)]
    missing = sum((d.replace(day=28) + timedelta(days=8)).replace(day=5) < today for d in due)
    assert _count(reports) == missing >= 1
    assert "Báo cáo tháng – Đồn Biên phòng Bản Giốc" in reports and "Chưa nộp" in reports
    assert f'href="/coordination/compliance/?year={year}&amp;part={part}"' in reports

    tasks = _box(page, "tasks_overdue")
    assert _count(tasks) == 1 and f'href="/coordination/tasks/{task.pk}/"' in tasks
    assert "quá hạn 4 ngày" in tasks and "tỉnh khác" not in tasks
    assert 'href="/coordination/tasks/?status=overdue"' in tasks


def test_the_leader_sees_overdue_incidents_and_tasks_late_reports_and_markers_not_inspected(
    world, client
):
    today = timezone.localdate()
    late = _incident(world, world.post2, today - timedelta(days=30), "Vượt biên trái phép")
    _incident(world, world.post, today - timedelta(days=10), "Chưa quá hạn")
    page = _home(client, world.lee)
    assert _keys(page) == ["incidents_overdue", "tasks_overdue", "late_reports", "markers_due"]
    incidents = _box(page, "incidents_overdue")
    assert _count(incidents) == 1 and late.title in incidents and "Chưa quá hạn" not in incidents
    assert 'href="/incidents/overdue/"' in incidents
    assert _count(_box(page, "tasks_overdue")) == 0
    assert "Không có việc nào." in _box(page, "tasks_overdue")
    assert _count(_box(page, "markers_due")) == 1  # the province's one marker, never visited


def test_an_administrator_has_no_to_do_box(world, client):
    page = _home(client, world.bob)
    assert 'data-testid="todo"' not in page


def test_the_box_shows_a_few_and_links_the_rest(world, client):
    today = timezone.localdate()
    for n in range(7):
        _incident(world, world.post, today - timedelta(days=20 + n), f"Vụ việc số {n}")
    box = _box(_home(client, world.alice), "incidents_due")
    assert _count(box) == 7 and box.count("<li>") == 5
    assert 'data-testid="todo-incidents_due-all"' in box and "Xem cả 7" in box


def test_the_incident_list_filters_what_comes_due_within_days(world, client):
    today = timezone.localdate()
    late = _incident(world, world.post, today - timedelta(days=20), "Đã quá hạn")
    soon = _incident(world, world.post, today - timedelta(days=10), "Còn 5 ngày")
    later = _incident(world, world.post, today, "Còn 15 ngày")
    client.force_login(world.alice)
    page = client.get("/incidents/", {"due_within": 7}).content.decode()
    assert late.title in page and soon.title in page and later.title not in page
    assert page.index(late.title) < page.index(soon.title)  # the nearest deadline first
    wide = client.get("/incidents/", {"due_within": 30}).content.decode()
    assert later.title in wide


def test_the_incident_api_filters_what_comes_due_within_days(world):
    today = timezone.localdate()
    late = _incident(world, world.post, today - timedelta(days=20), "Đã quá hạn")
    _incident(world, world.post, today, "Còn 15 ngày")
    answer = api_client(world.alice).get("/api/v1/incidents", {"due_within": 7})
    assert answer.status_code == 200
    assert [i["id"] for i in answer.json()["items"]] == [late.pk]


@pytest.mark.parametrize("bad", ["-1", "366", "bảy"])
def test_a_due_within_out_of_range_is_refused_naming_the_field(world, client, bad):
    answer = api_client(world.alice).get("/api/v1/incidents", {"due_within": bad})
    assert answer.status_code == 422 and "due_within" in answer.content.decode()
    client.force_login(world.alice)
    page = client.get("/incidents/", {"due_within": bad}).content.decode()
    assert 'id="id_due_within"' in page and "errorlist" in page


def test_the_markers_due_list_is_the_readers_area(world, client, settings):
    settings.MAP_STALE_DAYS = 30
    today = timezone.localdate()
    old = _marker(world, "601", world.post)
    _inspect(world, old, today - timedelta(days=31))
    fresh = _marker(world, "602", world.post)
    _inspect(world, fresh, today - timedelta(days=30))  # 30 days ago: not more than 30
    _marker(world, "650", world.post2)
    client.force_login(world.alice)
    page = client.get("/markers/due/").content.decode()
    rows = re.findall(r'<a href="/markers/\d+/">([^<]+)</a>', page)
    assert rows == ["600", "601"]  # never inspected first, then the longest unvisited
    assert (today - timedelta(days=31)).strftime("%d/%m/%Y") in page
    client.force_login(world.lee)  # the province: every post's
    page = client.get("/markers/due/").content.decode()
    assert re.findall(r'<a href="/markers/\d+/">([^<]+)</a>', page) == ["600", "650", "601"]


@pytest.mark.parametrize(
    ("today", "quarter"),
    [
        (date(2026, 12, 7), (2026, "q4")),
        (date(2026, 11, 30), (2026, "q3")),
        (date(2027, 1, 10), (2026, "q4")),
        (date(2027, 2, 28), (2026, "q4")),
        (date(2027, 3, 1), (2027, "q1")),
        (date(2027, 6, 1), (2027, "q2")),
    ],
)
def test_the_reporting_quarter_is_the_previous_until_a_quarters_third_month(today, quarter):
    assert reporting_quarter(today) == quarter
