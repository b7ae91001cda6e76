"""The talks and exchange pages: talks recorded once from the form with their agreed points (one
per line), refused beside `held_on` when to come; a point turned into a task from its button
(refused beside `deadline` when before the talks, nothing written) and the task's page naming
its source; the plan page with planned against held; the exchange list with its counts line,
the awaiting filter and exports read back; an exchange's page linking to its incident; a reply
dated before the exchange refused beside `replied_on`; scope."""

import csv
import io
import re
from datetime import date, timedelta

from django.utils import timezone
from openpyxl import load_workbook

from biengioi.coordination.models import InfoExchange, Talks, Task
from biengioi.coordination.services import (
    exchange_create,
    planned_talks_create,
    talks_create,
)
from tests.api.test_route_walk import _incident
from tests.conftest import sign_in

BASE = "/coordination/talks/"
EXCHANGES = "/coordination/exchanges/"


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _talks_form(world, **fields):
    return {
        "client_id": "5d2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c5d",
        "level": "post",
        "unit_id": world.post.pk,
        "counterpart_id": world.counterpart.pk,
        "our_head": "Đồn trưởng",
        "their_head": "Đại đội trưởng",
        "held_on": "20/03/2025",
        "host_side": "ours",
        "place": "Đồn Biên phòng Bản Giốc",
        "agenda": "Tình hình quý I",
        "agreed_points": "Tuần tra song phương mỗi quý\r\n\r\nTrao đổi qua đường dây nóng\r\n",
        "minutes_ref": "Biên bản số 01/BB-HĐ",
        "planned_id": "",
        "note": "",
        **fields,
    }


def _exchange_form(world, **fields):
    return {
        "client_id": "5d2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c6e",
        "unit_id": world.post.pk,
        "on": "05/09/2025",
        "channel": "letter",
        "direction": "sent",
        "counterpart_id": world.counterpart.pk,
        "other_unit_id": "",
        "subject": "Đề nghị xác minh người qua lại",
        "summary": "",
        "incident_id": "",
        "reply_by": "",
        "replied_on": "",
        "reply_summary": "",
        **fields,
    }


def test_talks_are_recorded_once_and_a_point_becomes_a_task(world, client):
    sign_in(client, world.alice)
    assert client.get(f"{BASE}new/").status_code == 200
    first = client.post(f"{BASE}new/", _talks_form(world))
    again = client.post(f"{BASE}new/", _talks_form(world))
    talks = Talks.objects.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == f"{BASE}{talks.pk}/"
    page = _text(client.get(f"{BASE}{talks.pk}/"))
    assert "Tuần tra song phương mỗi quý" in page and "Biên bản số 01/BB-HĐ" in page
    point = talks.points.get(position=2)
    url = f"{BASE}{talks.pk}/points/{point.pk}/task/"
    form = client.get(url)
    assert form.status_code == 200 and "Trao đổi qua đường dây nóng" in _text(form)
    task_form = {
        "client_id": "5d2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c7f",
        "title": point.text,
        "description": "",
        "unit_id": world.post.pk,
        "deadline": "19/03/2025",
    }
    refused = client.post(url, task_form)
    assert refused.status_code == 400
    assert "Thời hạn không được trước ngày hội đàm (20/03/2025)." in _text(refused)
    assert Task.objects.count() == 0
    made = client.post(url, {**task_form, "deadline": "30/04/2025"})
    assert made.status_code == 302
    task = Task.objects.get()
    assert task.agreed_point == point
    source = _text(client.get(f"/coordination/tasks/{task.pk}/"))
    assert "Nội dung thống nhất 2 tại hội đàm với Đại đội Biên phòng 963" in source
    assert "Trao đổi qua đường dây nóng" in _text(client.get("/coordination/tasks/"))


def test_talks_to_come_are_refused_beside_the_day(world, client):
    sign_in(client, world.alice)
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
    response = client.post(f"{BASE}new/", _talks_form(world, held_on=tomorrow))
    assert response.status_code == 400
    assert "Ngày không được sau hôm nay." in _text(response)
    assert Talks.objects.count() == 0


def test_the_talks_list_filters_and_exports(world, client):
    talks_create(
        actor=world.alice,
        unit_id=world.post.pk,
        level="post",
        counterpart_id=world.counterpart.pk,
        held_on=date(2025, 3, 20),
        host_side="ours",
        agreed_points=["Tuần tra"],
    )
    sign_in(client, world.erin)
    assert "1 cuộc hội đàm" in _text(client.get(f"{BASE}?level=post"))
    assert "0 cuộc hội đàm" in _text(client.get(f"{BASE}?level=province"))
    rows = list(
        csv.reader(io.StringIO(client.get(f"{BASE}export.csv").getvalue().decode("utf-8-sig")))
    )
    assert rows[1][0] == "2025-03-20" and rows[1][3] == "Đại đội Biên phòng 963"
    book = load_workbook(io.BytesIO(client.get(f"{BASE}export.xlsx").getvalue()))
    assert book.active.cell(2, 4).value == "Đại đội Biên phòng 963"
    sign_in(client, world.charlie)
    assert "0 cuộc hội đàm" in _text(client.get(BASE))


def test_the_plan_page_shows_planned_against_held(world, client):
    year = timezone.localdate().year - 1
    done, _ = planned_talks_create(
        actor=world.alice,
        unit_id=world.post.pk,
        year=year,
        level="post",
        counterpart_id=world.counterpart.pk,
        quarter=1,
        topic="Hội đàm quý I",
    )
    planned_talks_create(
        actor=world.alice,
        unit_id=world.post.pk,
        year=year,
        level="post",
        counterpart_id=world.counterpart.pk,
        quarter=3,
        topic="Hội đàm quý III",
    )
    talks_create(
        actor=world.alice,
        unit_id=world.post.pk,
        level="post",
        counterpart_id=world.counterpart.pk,
        held_on=date(year, 3, 20),
        host_side="theirs",
        planned_id=done.pk,
    )
    sign_in(client, world.alice)
    page = _text(client.get(f"{BASE}plan/?year={year}"))
    assert "2 cuộc hội đàm theo kế hoạch: 1 đã tổ chức, 0 chưa đến hạn, 1 quá hạn" in page
    assert f"Đã tổ chức ngày 20/03/{year}" in page
    assert client.get(f"{BASE}plan/new/").status_code == 200
    assert client.get(f"{BASE}plan/{done.pk}/edit/").status_code == 200


def test_exchanges_are_counted_and_a_reply_before_the_exchange_is_refused(world, client):
    incident = _incident(world.alice, world.post)
    sign_in(client, world.alice)
    made = client.post(
        f"{EXCHANGES}new/",
        _exchange_form(world, incident_id=incident.pk, reply_expected="on", reply_by="08/09/2025"),
    )
    assert made.status_code == 302, _text(made)
    exchange = InfoExchange.objects.get()
    exchange_create(
        actor=world.alice,
        unit_id=world.post.pk,
        on=date(2025, 9, 6),
        channel="hotline",
        direction="received",
        other_unit_id=world.commune.pk,
        subject="Tin báo",
    )
    page = _text(client.get(EXCHANGES))
    assert (
        "2 lượt trao đổi thông tin: 0 qua hội đàm/gặp gỡ, 1 bằng thư, 1 qua đường dây nóng, "
        "0 bằng tin nhắn; 1 chờ trả lời (1 quá hạn)" in page
    )
    assert "1 lượt trao đổi thông tin" in _text(client.get(f"{EXCHANGES}?reply=overdue"))
    detail = _text(client.get(f"{EXCHANGES}{exchange.pk}/"))
    assert f'href="/incidents/{incident.pk}/"' in detail
    edit = f"{EXCHANGES}{exchange.pk}/edit/"
    form = {
        **_exchange_form(world, incident_id=incident.pk, reply_expected="on"),
        "reply_by": "08/09/2025",
        "version": 1,
    }
    form.pop("unit_id")
    refused = client.post(edit, {**form, "replied_on": "04/09/2025"})
    assert refused.status_code == 400
    assert "Ngày trả lời không được trước ngày trao đổi (05/09/2025)." in _text(refused)
    assert InfoExchange.objects.get(pk=exchange.pk).version == 1
    assert client.post(edit, {**form, "replied_on": "07/09/2025"}).status_code == 302
    assert "0 chờ trả lời" in _text(client.get(EXCHANGES))
    rows = list(
        csv.reader(io.StringIO(client.get(f"{EXCHANGES}export.csv").getvalue().decode("utf-8-sig")))
    )
    assert len(rows) == 3 and rows[2][1] == "Thư"


def test_pages_of_another_scope_are_not_found(world, client):
    talks, _ = talks_create(
        actor=world.erin,
        unit_id=world.post2.pk,
        level="post",
        counterpart_id=world.counterpart.pk,
        held_on=date(2025, 3, 20),
        host_side="ours",
        agreed_points=["Tuần tra"],
    )
    exchange, _ = exchange_create(
        actor=world.erin,
        unit_id=world.post2.pk,
        on=date(2025, 9, 6),
        channel="hotline",
        direction="received",
        counterpart_id=world.counterpart.pk,
        subject="Tin báo",
    )
    sign_in(client, world.alice)
    point = talks.points.get()
    for url in (
        f"{BASE}{talks.pk}/",
        f"{BASE}{talks.pk}/edit/",
        f"{BASE}{talks.pk}/points/{point.pk}/task/",
        f"{EXCHANGES}{exchange.pk}/",
        f"{EXCHANGES}{exchange.pk}/edit/",
    ):
        assert client.get(url).status_code == 404, url
