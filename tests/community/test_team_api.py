"""The teams in the API: created once per client id, a marker of another commune refused naming
`marker_ids` (nothing written), a stale edit answered 409 with the team as it stands, members,
activities and reviews, and the table "Phong trào Chỉ thị 01"."""

import uuid

from biengioi.community.models import SelfManagementTeam
from tests.community.test_teams import place  # noqa: F401  (the fixture)
from tests.conftest import api_client


def _body(world, **fields):
    return {
        "unit_id": world.post.pk,
        "kind": "line_markers",
        "name": "Tổ tự quản đường biên thôn Nà Ngần",
        "commune_id": world.admin_commune.pk,
        "founded_on": "2015-06-01",
        "km_managed": "3.5",
        "marker_ids": [world.marker.pk],
        **fields,
    }


def test_a_team_is_created_once_and_read_back(world, place):  # noqa: F811
    client = api_client(world.alice)
    body = _body(world, id=str(uuid.uuid4()))
    first = client.post("/api/v1/teams", body, content_type="application/json")
    again = client.post("/api/v1/teams", body, content_type="application/json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["markers"] == [{"id": world.marker.pk, "identifier": "600"}]
    assert SelfManagementTeam.objects.count() == 1
    team_id = first.json()["id"]
    got = client.get(f"/api/v1/teams/{team_id}").json()
    assert got["km_managed"] == "3.500" and got["commune"] == "Xã Đàm Thủy"


def test_a_marker_of_another_commune_is_refused_naming_marker_ids(world, place):  # noqa: F811
    _other, far = place
    response = api_client(world.alice).post(
        "/api/v1/teams", _body(world, marker_ids=[far.pk]), content_type="application/json"
    )
    assert response.status_code == 422
    assert "marker_ids" in str(response.json())
    assert "601" in str(response.json())
    assert SelfManagementTeam.objects.count() == 0


def test_a_stale_edit_answers_409_with_the_team(world, place):  # noqa: F811
    client = api_client(world.alice)
    team_id = client.post("/api/v1/teams", _body(world), content_type="application/json").json()[
        "id"
    ]
    ok = client.patch(
        f"/api/v1/teams/{team_id}",
        {"version": 1, "leader": "Giàng A Lử"},
        content_type="application/json",
    )
    stale = client.patch(
        f"/api/v1/teams/{team_id}", {"version": 1, "leader": "x"}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["version"] == 2
    assert stale.status_code == 409
    assert stale.json()["current"]["leader"] == "Giàng A Lử"


def test_members_activities_reviews_and_the_summary(world, place):  # noqa: F811
    client = api_client(world.alice)
    team_id = client.post("/api/v1/teams", _body(world), content_type="application/json").json()[
        "id"
    ]
    member = client.post(
        f"/api/v1/teams/{team_id}/members",
        {"kind": "household", "name": "Hộ A", "registered_on": "2015-06-01"},
        content_type="application/json",
    )
    assert member.status_code == 201
    left = client.patch(
        f"/api/v1/team-members/{member.json()['id']}",
        {"version": 1, "left_on": "2014-01-01"},
        content_type="application/json",
    )
    assert left.status_code == 422 and "left_on" in str(left.json())
    activity = client.post(
        f"/api/v1/teams/{team_id}/activities",
        {"on": "2025-05-10", "summary": "Phát quang mốc 600"},
        content_type="application/json",
    )
    review = {"year": 2025, "held_on": "2025-03-03", "grade": "good"}
    first = client.post(f"/api/v1/teams/{team_id}/reviews", review, content_type="application/json")
    twice = client.post(f"/api/v1/teams/{team_id}/reviews", review, content_type="application/json")
    assert (activity.status_code, first.status_code, twice.status_code) == (201, 201, 422)
    assert "year" in str(twice.json())
    summary = api_client(world.bob).get("/api/v1/teams/summary").json()
    assert (summary["teams"], summary["households"], summary["markers"]) == (1, 1, 1)
    assert summary["rows"][0]["kind"] == "line_markers"
    assert api_client(world.charlie).get("/api/v1/teams").json()["count"] == 0
