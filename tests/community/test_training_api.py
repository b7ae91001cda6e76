"""Training courses in the API: created once per client id (201 then 200), a team outside the
caller's scope refused naming `team_ids` and a course ending before it starts naming `ends_on`
(nothing written), a stale edit answered 409 with the course as it stands, the list with its
filters and the totals counting each team once."""

import uuid

from biengioi.community.models import TrainingCourse
from tests.community.test_training import teams  # noqa: F401  (the fixture)
from tests.conftest import api_client


def _body(world, **fields):
    return {
        "unit_id": world.post.pk,
        "title": "Tập huấn nghiệp vụ cho tổ tự quản đường biên",
        "starts_on": "2025-06-10",
        "ends_on": "2025-06-11",
        "place": "Hội trường UBND xã",
        "participants": 64,
        "people_trained": 60,
        **fields,
    }


def _post(client, body):
    return client.post("/api/v1/training-courses", body, content_type="application/json")


def test_a_course_is_created_once_and_read_back(world, teams):  # noqa: F811
    client = api_client(world.alice)
    body = _body(world, id=str(uuid.uuid4()), team_ids=[teams[1].pk, teams[0].pk])
    first, again = _post(client, body), _post(client, body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert TrainingCourse.objects.count() == 1
    got = client.get(f"/api/v1/training-courses/{first.json()['id']}").json()
    assert got["team_ids"] == sorted([teams[0].pk, teams[1].pk])
    assert [t["name"] for t in got["teams"]] == ["Tổ Khuổi Lừa", "Tổ Nà Ngần"]
    assert (got["participants"], got["people_trained"], got["version"]) == (64, 60, 1)
    assert got["unit"] == world.post.name and got["ends_on"] == "2025-06-11"


def test_an_idempotency_key_makes_one_course(world, teams):  # noqa: F811
    client = api_client(world.alice)
    key = {"HTTP_IDEMPOTENCY_KEY": str(uuid.uuid4())}
    first = client.post(
        "/api/v1/training-courses", _body(world), content_type="application/json", **key
    )
    again = client.post(
        "/api/v1/training-courses", _body(world), content_type="application/json", **key
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert TrainingCourse.objects.count() == 1


def test_bad_input_is_refused_naming_its_field(world, teams):  # noqa: F811
    client = api_client(world.alice)
    cases = [
        ({"team_ids": [teams[2].pk]}, "team_ids"),
        ({"ends_on": "2025-06-09"}, "ends_on"),
        ({"starts_on": "2999-01-01", "ends_on": "2999-01-02"}, "starts_on"),
        ({"participants": -1}, "participants"),
        ({"people_trained": -3}, "people_trained"),
        ({"unit_id": world.post2.pk}, "unit_id"),
        ({"title": ""}, "title"),
    ]
    for fields, field in cases:
        response = _post(client, _body(world, **fields))
        assert response.status_code == 422, (fields, response.content)
        assert field in [e["field"] for e in response.json()["errors"]], response.json()
    assert TrainingCourse.objects.count() == 0


def test_a_stale_edit_answers_409_with_the_course(world, teams):  # noqa: F811
    client = api_client(world.alice)
    course_id = _post(client, _body(world, team_ids=[teams[0].pk])).json()["id"]
    url = f"/api/v1/training-courses/{course_id}"
    ok = client.patch(
        url, {"version": 1, "participants": 70, "team_ids": [teams[1].pk]}, "application/json"
    )
    stale = client.patch(url, {"version": 1, "participants": 1}, "application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    assert ok.json()["team_ids"] == [teams[1].pk]
    assert stale.status_code == 409
    assert stale.json()["current"]["participants"] == 70
    assert stale.json()["current"]["team_ids"] == [teams[1].pk]
    bad = client.patch(url, {"version": 2, "ends_on": "2025-06-01"}, "application/json")
    assert bad.status_code == 422 and "ends_on" in str(bad.json())
    assert TrainingCourse.objects.get().version == 2


def test_the_list_filters_and_totals(world, teams):  # noqa: F811
    alice = api_client(world.alice)
    _post(alice, _body(world, team_ids=[teams[0].pk, teams[1].pk]))
    _post(
        alice,
        _body(world, starts_on="2025-09-01", ends_on="2025-09-01", team_ids=[teams[0].pk]),
    )
    bob = api_client(world.bob)
    _post(bob, _body(world, unit_id=world.post2.pk, participants=5, team_ids=[teams[2].pk]))

    listed = bob.get("/api/v1/training-courses").json()
    assert listed["count"] == 3
    totals = bob.get("/api/v1/training-courses/totals").json()
    assert totals == {"courses": 3, "participants": 133, "people_trained": 180, "teams": 3}
    september = bob.get("/api/v1/training-courses/totals?start=2025-09-01").json()
    assert (september["courses"], september["teams"]) == (1, 1)
    post = bob.get(f"/api/v1/training-courses/totals?unit_id={world.post.pk}").json()
    assert (post["courses"], post["teams"]) == (2, 2)
    by_team = bob.get(f"/api/v1/training-courses?team_id={teams[0].pk}").json()
    assert by_team["count"] == 2
    assert alice.get("/api/v1/training-courses").json()["count"] == 2
    assert api_client(world.charlie).get("/api/v1/training-courses").json()["count"] == 0
