"""Talks, the talks plan and information exchanges in the API: talks created once per client id
(201 then 200) and read back with their points; a point turned into a task through POST /tasks
and shown under its point; refusals naming their field with nothing written; stale edits
answered 409; the plan with its progress and the exchanges with their counts."""

import uuid
from datetime import date, timedelta

from django.utils import timezone

from biengioi.coordination.models import InfoExchange, PlannedTalks, Talks, Task
from tests.conftest import api_client


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def _patch(client, url, body):
    return client.patch(url, body, content_type="application/json")


def _talks_body(world, **fields):
    return {
        "unit_id": world.post.pk,
        "level": "post",
        "counterpart_id": world.counterpart.pk,
        "held_on": "2025-03-20",
        "host_side": "theirs",
        "agreed_points": ["Tuần tra song phương mỗi quý", "Trao đổi qua đường dây nóng"],
        **fields,
    }


def _exchange_body(world, **fields):
    return {
        "unit_id": world.post.pk,
        "on": "2025-09-05",
        "channel": "letter",
        "direction": "received",
        "counterpart_id": world.counterpart.pk,
        "subject": "Đề nghị phối hợp xác minh",
        **fields,
    }


def test_talks_are_created_once_and_a_point_becomes_a_task(world):
    client = api_client(world.alice)
    body = _talks_body(world, id=str(uuid.uuid4()))
    first, again = _post(client, "/api/v1/talks", body), _post(client, "/api/v1/talks", body)
    assert (first.status_code, again.status_code) == (201, 200), first.content
    assert Talks.objects.count() == 1
    talks = first.json()
    point = talks["points"][1]
    assert (point["position"], point["text"]) == (2, "Trao đổi qua đường dây nóng")
    task = _post(
        client,
        "/api/v1/tasks",
        {
            "agreed_point_id": point["id"],
            "unit_id": world.post.pk,
            "title": point["text"],
            "deadline": "2025-04-30",
        },
    )
    assert task.status_code == 201, task.content
    assert (task.json()["agreed_point_id"], task.json()["talks_id"]) == (point["id"], talks["id"])
    got = client.get(f"/api/v1/talks/{talks['id']}").json()
    assert [t["title"] for t in got["points"][1]["tasks"]] == [point["text"]]
    assert got["host_side"] == "theirs"


def test_bad_input_is_refused_naming_its_field_with_nothing_written(world):
    client = api_client(world.alice)
    talks = _post(client, "/api/v1/talks", _talks_body(world)).json()
    point_id = talks["points"][0]["id"]
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    cases = [
        ("/api/v1/talks", _talks_body(world, held_on=tomorrow), "held_on"),
        ("/api/v1/talks", _talks_body(world, unit_id=world.post2.pk), "unit_id"),
        (
            "/api/v1/talks",
            _talks_body(world, counterpart_id=world.tsn_counterpart.pk),
            "counterpart_id",
        ),
        (
            "/api/v1/tasks",
            {
                "agreed_point_id": point_id,
                "unit_id": world.post.pk,
                "title": "X",
                "deadline": "2025-03-19",
            },
            "deadline",
        ),
        ("/api/v1/exchanges", _exchange_body(world, incident_id=10**6), "incident_id"),
        (
            "/api/v1/exchanges",
            _exchange_body(world, replied_on="2025-09-04"),
            "replied_on",
        ),
    ]
    before = (Talks.objects.count(), Task.objects.count(), InfoExchange.objects.count())
    for url, body, field in cases:
        response = _post(client, url, body)
        assert response.status_code == 422, (field, response.content)
        assert [e["field"] for e in response.json()["errors"]] == [field]
    assert (Talks.objects.count(), Task.objects.count(), InfoExchange.objects.count()) == before


def test_a_stale_talks_edit_answers_409_with_the_talks_as_they_stand(world):
    client = api_client(world.alice)
    talks = _post(client, "/api/v1/talks", _talks_body(world)).json()
    url = f"/api/v1/talks/{talks['id']}"
    assert _patch(client, url, {"version": 1, "place": "Cửa khẩu"}).status_code == 200
    stale = _patch(client, url, {"version": 1, "place": "Khác"})
    assert stale.status_code == 409
    assert stale.json()["current"]["place"] == "Cửa khẩu"


def test_the_plan_shows_each_item_done_or_overdue(world):
    client = api_client(world.alice)
    year = timezone.localdate().year - 1
    made = _post(
        client,
        "/api/v1/talks-plan",
        {
            "unit_id": world.post.pk,
            "year": year,
            "level": "post",
            "counterpart_id": world.counterpart.pk,
            "month": 3,
            "topic": "Hội đàm quý I",
        },
    )
    assert made.status_code == 201, made.content
    assert made.json()["progress"] == "overdue"
    body = _talks_body(world, held_on=date(year, 3, 20).isoformat(), planned_id=made.json()["id"])
    assert _post(client, "/api/v1/talks", body).status_code == 201
    items = client.get(f"/api/v1/talks-plan?year={year}").json()["items"]
    assert [(i["progress"], i["talks_id"] is not None) for i in items] == [("done", True)]
    assert PlannedTalks.objects.count() == 1


def test_exchanges_are_counted_per_channel_and_a_reply_recorded_later(world):
    client = api_client(world.alice)
    made = _post(
        client,
        "/api/v1/exchanges",
        _exchange_body(world, reply_expected=True, reply_by="2025-09-08"),
    )
    assert made.status_code == 201, made.content
    assert made.json()["reply_overdue"] is True
    _post(client, "/api/v1/exchanges", _exchange_body(world, channel="hotline"))
    counts = client.get("/api/v1/exchanges/counts").json()
    assert (counts["total"], counts["letter"], counts["hotline"], counts["overdue"]) == (2, 1, 1, 1)
    awaiting = client.get("/api/v1/exchanges?reply=overdue").json()
    assert [e["id"] for e in awaiting["items"]] == [made.json()["id"]]
    url = f"/api/v1/exchanges/{made.json()['id']}"
    replied = _patch(client, url, {"version": 1, "replied_on": "2025-09-09"})
    assert replied.status_code == 200 and replied.json()["awaiting_reply"] is False
    assert _patch(client, url, {"version": 1, "subject": "X"}).status_code == 409
    assert client.get("/api/v1/exchanges/counts").json()["awaiting"] == 0
