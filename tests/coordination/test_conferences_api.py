"""Conferences, conclusions and tasks in the API: a conference created once per client id
(201 then 200) and read back with its conclusion and tasks; a deadline before the conclusion
refused naming `deadline` and a progress update on a cancelled task naming `task` (nothing
written); stale edits answered 409; the lists with their filters, counts and overdue per unit."""

import uuid

from biengioi.coordination.models import Conclusion, Conference, Task, TaskProgress
from tests.conftest import api_client


def _conference_body(world, **fields):
    return {
        "unit_id": world.tbt.pk,
        "kind": "half_year",
        "title": "Hội nghị sơ kết công tác biên giới 6 tháng đầu năm 2025",
        "plan_number": "239/KH-UBND",
        "held_on": "2025-07-10",
        "participant_unit_ids": [world.bg.pk, world.post.pk],
        "participant_count": 85,
        **fields,
    }


def _post(client, url, body):
    return client.post(url, body, content_type="application/json")


def _with_conclusion(client, world):
    conference = _post(client, "/api/v1/conferences", _conference_body(world)).json()
    notice = _post(
        client,
        f"/api/v1/conferences/{conference['id']}/conclusion",
        {"number": "125/TB-UBND", "issued_on": "2025-07-15", "summary": "Kết luận"},
    )
    assert notice.status_code == 201, notice.content
    return conference, notice.json()


def _task_body(world, **fields):
    return {
        "unit_id": world.post.pk,
        "title": "Tuần tra song phương",
        "deadline": "2025-09-30",
        **fields,
    }


def test_a_conference_is_created_once_and_read_back_with_its_conclusion_and_tasks(world):
    client = api_client(world.bob)
    body = _conference_body(world, id=str(uuid.uuid4()))
    first = _post(client, "/api/v1/conferences", body)
    again = _post(client, "/api/v1/conferences", body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert Conference.objects.count() == 1
    conference_id = first.json()["id"]
    notice = _post(
        client,
        f"/api/v1/conferences/{conference_id}/conclusion",
        {"number": "125/TB-UBND", "issued_on": "2025-07-15"},
    ).json()
    task = _post(client, "/api/v1/tasks", _task_body(world, conclusion_id=notice["id"]))
    assert task.status_code == 201, task.content
    got = client.get(f"/api/v1/conferences/{conference_id}").json()
    assert got["conclusion"]["number"] == "125/TB-UBND"
    assert [t["title"] for t in got["tasks"]] == ["Tuần tra song phương"]
    assert [u["id"] for u in got["participant_units"]] == sorted([world.bg.pk, world.post.pk])
    assert got["plan_number"] == "239/KH-UBND" and got["kind"] == "half_year"


def test_bad_input_is_refused_naming_its_field(world):
    client = api_client(world.bob)
    conference, notice = _with_conclusion(client, world)
    cases = [
        (
            "/api/v1/tasks",
            _task_body(world, conclusion_id=notice["id"], deadline="2025-07-14"),
            "deadline",
        ),
        ("/api/v1/tasks", _task_body(world, unit_id=world.tsn_bg.pk), "unit_id"),
        (
            "/api/v1/tasks",
            _task_body(world, coordinating_unit_ids=[world.tsn.pk]),
            "coordinating_unit_ids",
        ),
        ("/api/v1/conferences", _conference_body(world, held_on="2999-01-01"), "held_on"),
        ("/api/v1/conferences", _conference_body(world, kind="party"), "kind"),
    ]
    for url, body, field in cases:
        response = _post(client, url, body)
        assert response.status_code == 422, (body, response.content)
        assert field in [e["field"] for e in response.json()["errors"]], response.json()
    again = _post(
        client,
        f"/api/v1/conferences/{conference['id']}/conclusion",
        {"number": "126/TB-UBND", "issued_on": "2025-07-16"},
    )
    assert again.status_code == 422
    assert (Conference.objects.count(), Conclusion.objects.count(), Task.objects.count()) == (
        1,
        1,
        0,
    )


def test_progress_moves_the_status_and_a_cancelled_task_takes_none(world):
    bob, alice = api_client(world.bob), api_client(world.alice)
    task = _post(bob, "/api/v1/tasks", _task_body(world)).json()
    url = f"/api/v1/tasks/{task['id']}/progress"
    ok = _post(alice, url, {"on": "2025-08-01", "text": "Đã tuần tra", "status": "in_progress"})
    assert ok.status_code == 201 and ok.json()["status"] == "in_progress"
    _post(alice, url, {"on": "2025-08-02", "text": "Dừng", "status": "cancelled"})
    refused = _post(alice, url, {"on": "2025-08-03", "text": "Làm tiếp", "status": "in_progress"})
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["task"]
    got = alice.get(f"/api/v1/tasks/{task['id']}").json()
    assert got["status"] == "cancelled" and len(got["progress"]) == 2
    assert got["progress"][0]["text"] == "Dừng"
    assert TaskProgress.objects.count() == 2


def test_stale_edits_answer_409(world):
    client = api_client(world.bob)
    conference, notice = _with_conclusion(client, world)
    url = f"/api/v1/conferences/{conference['id']}"
    assert client.patch(url, {"version": 1, "chair": "A"}, "application/json").status_code == 200
    stale = client.patch(url, {"version": 1, "chair": "B"}, "application/json")
    assert stale.status_code == 409 and stale.json()["current"]["chair"] == "A"
    task = _post(client, "/api/v1/tasks", _task_body(world)).json()
    turl = f"/api/v1/tasks/{task['id']}"
    assert client.patch(turl, {"version": 1, "title": "X"}, "application/json").status_code == 200
    assert client.patch(turl, {"version": 1, "title": "Y"}, "application/json").status_code == 409
    progress = _post(client, f"{turl}/progress", {"on": "2025-08-01", "text": "Cũ", "version": 1})
    assert progress.status_code == 409 and progress.json()["current"]["version"] == 2
    nurl = f"/api/v1/conclusions/{notice['id']}"
    late = client.patch(nurl, {"version": 1, "issued_on": "2025-07-01"}, "application/json")
    assert late.status_code == 422 and "issued_on" in str(late.json())
    assert Task.objects.get().title == "X"


def test_the_lists_filter_and_count(world):
    bob = api_client(world.bob)
    _with_conclusion(bob, world)
    _post(
        bob,
        "/api/v1/conferences",
        _conference_body(world, kind="briefing", held_on="2024-12-20", unit_id=world.bg.pk),
    )
    assert bob.get("/api/v1/conferences").json()["count"] == 2
    assert bob.get("/api/v1/conferences?kind=briefing").json()["count"] == 1
    assert bob.get("/api/v1/conferences?year=2025").json()["count"] == 1
    assert bob.get(f"/api/v1/conferences?unit_id={world.bg.pk}").json()["count"] == 1

    late = _post(bob, "/api/v1/tasks", _task_body(world, deadline="2025-01-31")).json()
    _post(bob, "/api/v1/tasks", _task_body(world, deadline="2999-01-31"))
    _post(bob, "/api/v1/tasks", _task_body(world, unit_id=world.post2.pk, deadline="2025-02-28"))
    listed = bob.get("/api/v1/tasks?overdue=true").json()
    assert listed["count"] == 2 and all(t["overdue"] for t in listed["items"])
    assert bob.get("/api/v1/tasks?status=overdue").json()["count"] == 2
    assert bob.get("/api/v1/tasks?status=new").json()["count"] == 3
    assert bob.get("/api/v1/tasks?status=paused").status_code == 422
    counts = bob.get("/api/v1/tasks/counts").json()
    assert (counts["total"], counts["new"], counts["overdue"]) == (3, 3, 2)
    assert sorted((r["unit_id"], r["count"]) for r in counts["overdue_by_unit"]) == sorted(
        [(world.post.pk, 1), (world.post2.pk, 1)]
    )
    alice = api_client(world.alice)
    mine = alice.get("/api/v1/tasks?mine=true").json()
    assert mine["count"] == 2 and late["id"] in [t["id"] for t in mine["items"]]
    assert alice.get("/api/v1/tasks/counts?mine=true").json()["overdue"] == 1
    assert api_client(world.charlie).get("/api/v1/tasks").json()["count"] == 0


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_query_counts_stay_flat(world):
    bob = api_client(world.bob)
    _with_conclusion(bob, world)
    _post(bob, "/api/v1/tasks", _task_body(world, coordinating_unit_ids=[world.bg.pk]))
    urls = ["/api/v1/conferences", "/api/v1/tasks", "/api/v1/tasks/counts"]
    few = [_queries(bob, url) for url in urls]
    for n in range(5):
        _post(bob, "/api/v1/conferences", _conference_body(world, title=f"Giao ban {n}"))
        _post(bob, "/api/v1/tasks", _task_body(world, coordinating_unit_ids=[world.bg.pk]))
    assert [_queries(bob, url) for url in urls] == few


def test_a_task_is_given_on_its_notices_day_unless_told(world):
    client = api_client(world.bob)
    _conference, notice = _with_conclusion(client, world)
    from_notice = _post(client, "/api/v1/tasks", _task_body(world, conclusion_id=notice["id"]))
    told = _post(
        client,
        "/api/v1/tasks",
        _task_body(world, conclusion_id=notice["id"], assigned_on="2025-07-20"),
    )
    # copied from the paper files after its deadline: given by its deadline
    on_its_own = _post(client, "/api/v1/tasks", _task_body(world))
    assert [r.json()["assigned_on"] for r in (from_notice, told, on_its_own)] == [
        "2025-07-15",
        "2025-07-20",
        "2025-09-30",
    ]


def test_a_task_given_on_a_day_that_cannot_be_is_refused_naming_the_field(world):
    client = api_client(world.bob)
    _conference, notice = _with_conclusion(client, world)
    cases = [
        (_task_body(world, assigned_on="2999-01-01", deadline="2999-02-01"), "assigned_on"),
        (_task_body(world, conclusion_id=notice["id"], assigned_on="2025-07-14"), "assigned_on"),
        (_task_body(world, assigned_on="2025-10-01"), "deadline"),  # due before it was given
    ]
    for body, field in cases:
        answer = _post(client, "/api/v1/tasks", body)
        assert answer.status_code == 422, (body, answer.content)
        assert [e["field"] for e in answer.json()["errors"]] == [field]
    assert Task.objects.count() == 0
    task = _post(client, "/api/v1/tasks", _task_body(world)).json()
    moved = client.patch(
        f"/api/v1/tasks/{task['id']}",
        {"version": task["version"], "assigned_on": "2025-10-02"},
        content_type="application/json",
    )
    assert moved.status_code == 422 and moved.json()["errors"][0]["field"] == "deadline"
    assert Task.objects.get().assigned_on.isoformat() == "2025-09-30"
