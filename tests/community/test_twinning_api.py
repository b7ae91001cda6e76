"""Twinnings in the API: created once per client id (201 then 200) or Idempotency-Key, a pair on
one side of the border refused naming the second member's field (422, nothing written), other
bad input refused naming its field, a stale edit answered 409 with the pair as it stands, the
meetings and activities added once, and the list with its filters and counts."""

import uuid

from biengioi.community.models import Twinning, TwinningActivity
from tests.community.test_twinning import village  # noqa: F401  (the fixture)
from tests.conftest import api_client


def _body(village, **fields):  # noqa: F811
    return {
        "unit_id": fields.pop("unit_id"),
        "kind": "village_village",
        "signed_on": "2005-04-28",
        "first_name": "Bản Nà Ngần",
        "first_admin_unit_id": village.pk,
        "second_name": "Bản Densavan",
        "second_country": "LA",
        "regulation_title": "Quy chế 12 điểm",
        **fields,
    }


def _post(client, body, **headers):
    return client.post("/api/v1/twinnings", body, content_type="application/json", **headers)


def test_a_pair_is_created_once_and_read_back(world, village):  # noqa: F811
    client = api_client(world.alice)
    body = _body(village, unit_id=world.post.pk, id=str(uuid.uuid4()))
    first, again = _post(client, body), _post(client, body)
    assert (first.status_code, again.status_code) == (201, 200), first.content
    assert first.json()["id"] == again.json()["id"] and Twinning.objects.count() == 1
    got = client.get(f"/api/v1/twinnings/{first.json()['id']}").json()
    assert (got["first_country"], got["second_country"]) == ("VN", "LA")
    assert got["first_admin_unit_id"] == village.pk and got["active"] is True
    assert (got["unit"], got["version"], got["activities"]) == (world.post.name, 1, [])
    key = {"HTTP_IDEMPOTENCY_KEY": str(uuid.uuid4())}
    body = _body(village, unit_id=world.post.pk)
    assert [_post(client, body, **key).status_code for _ in range(2)] == [201, 200]
    assert Twinning.objects.count() == 2


def test_a_pair_on_one_side_is_refused_naming_the_second_member(world, village):  # noqa: F811
    client = api_client(world.alice)
    response = _post(client, _body(village, unit_id=world.post.pk, second_country="VN"))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["second_country"]
    assert "hai phía biên giới" in errors[0]["message"]
    english = api_client(world.alice, "en")
    response = _post(english, _body(village, unit_id=world.post.pk, second_country="VN"))
    assert "both on the Vietnam side" in response.json()["errors"][0]["message"]
    assert Twinning.objects.count() == 0


def test_bad_input_is_refused_naming_its_field(world, village):  # noqa: F811
    client = api_client(world.alice)
    cases = [
        ({"second_country": "CN"}, "second_country", 422),
        ({"signed_on": "2999-01-01"}, "signed_on", 422),
        ({"ended_on": "2005-01-01"}, "ended_on", 422),
        ({"unit_id": world.post2.pk}, "unit_id", 422),
        ({"kind": "post_post", "first_admin_unit_id": None}, "first_org_unit_id", 422),
        ({"first_admin_unit_id": world.admin_commune.pk}, "first_admin_unit_id", 422),
        ({"kind": "town_town"}, "kind", 422),
        ({"second_country": "LAO"}, "second_country", 422),
        ({"colour": "red"}, "colour", 422),
    ]
    for fields, field, status in cases:
        body = _body(village, **{"unit_id": world.post.pk, **fields})
        response = _post(client, body)
        assert response.status_code == status, (fields, response.content)
        assert field in [e["field"] for e in response.json()["errors"]], response.json()
    assert Twinning.objects.count() == 0


def test_a_stale_edit_answers_409_with_the_pair(world, village):  # noqa: F811
    client = api_client(world.alice)
    twinning_id = _post(client, _body(village, unit_id=world.post.pk)).json()["id"]
    url = f"/api/v1/twinnings/{twinning_id}"
    ok = client.patch(url, {"version": 1, "ended_on": "2024-12-31"}, "application/json")
    stale = client.patch(url, {"version": 1, "note": "cũ"}, "application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 2 and ok.json()["active"] is False
    assert stale.status_code == 409 and stale.json()["current"]["ended_on"] == "2024-12-31"
    bad = client.patch(url, {"version": 2, "second_country": "VN"}, "application/json")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "second_country"
    reopened = client.patch(url, {"version": 2, "ended_on": None}, "application/json")
    assert reopened.json()["active"] is True and Twinning.objects.get().version == 3


def test_meetings_and_activities_are_added_once(world, village):  # noqa: F811
    client = api_client(world.alice)
    twinning_id = _post(client, _body(village, unit_id=world.post.pk)).json()["id"]
    meeting = {
        "id": str(uuid.uuid4()),
        "on": "2025-03-28",
        "place": "Nhà văn hóa bản",
        "host_side": "neighbour",
        "content": "Giao ban kết nghĩa quý I",
        "participants_vn": 18,
        "participants_foreign": 15,
    }
    url = f"/api/v1/twinnings/{twinning_id}/meetings"
    first = client.post(url, meeting, "application/json")
    again = client.post(url, meeting, "application/json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["kind"] == "meeting" and first.json()["host_side"] == "neighbour"
    patrol = {"kind": "joint_patrol", "on": "2025-05-10", "content": "Tuần tra chung"}
    url = f"/api/v1/twinnings/{twinning_id}/activities"
    assert client.post(url, patrol, "application/json").status_code == 201
    early = client.post(url, {**patrol, "on": "2004-01-01"}, "application/json")
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "on"
    negative = client.post(url, {**patrol, "participants_vn": -1}, "application/json")
    assert (
        negative.status_code == 422 and negative.json()["errors"][0]["field"] == "participants_vn"
    )
    meeting_here = client.post(url, {**patrol, "kind": "meeting"}, "application/json")
    assert meeting_here.status_code == 422  # meetings go to /meetings
    assert TwinningActivity.objects.count() == 2
    got = client.get(f"/api/v1/twinnings/{twinning_id}").json()
    assert [a["kind"] for a in got["activities"]] == ["joint_patrol", "meeting"]


def test_the_list_filters_and_counts(world, village):  # noqa: F811
    alice = api_client(world.alice)
    _post(alice, _body(village, unit_id=world.post.pk))
    _post(
        alice, _body(village, unit_id=world.post.pk, kind="cluster_cluster", ended_on="2020-01-01")
    )
    bob = api_client(world.bob)
    _post(
        bob,
        _body(
            village,
            unit_id=world.post2.pk,
            kind="post_post",
            signed_on="2018-03-03",
            first_admin_unit_id=None,
            first_org_unit_id=world.post2.pk,
            second_country="",
            second_counterpart_id=world.counterpart.pk,
        ),
    )
    totals = bob.get("/api/v1/twinnings/totals").json()
    assert (totals["twinnings"], totals["active"]) == (3, 2)
    assert totals["by_kind"] == {
        "village_village": 1,
        "cluster_cluster": 1,
        "commune_township": 0,
        "post_post": 1,
    }
    assert bob.get("/api/v1/twinnings?kind=post_post").json()["count"] == 1
    assert bob.get("/api/v1/twinnings?active=false").json()["count"] == 1
    assert bob.get(f"/api/v1/twinnings?unit_id={world.post.pk}").json()["count"] == 2
    assert bob.get("/api/v1/twinnings?start=2010-01-01").json()["count"] == 1
    assert alice.get("/api/v1/twinnings").json()["count"] == 2
    assert api_client(world.charlie).get("/api/v1/twinnings").json()["count"] == 0
