"""Emulation movements and awards in the API: created once per client id or Idempotency-Key
(201 then 200), an award decided outside its movement refused naming `decision_date` (and the
other bad inputs naming theirs, nothing written), a stale edit answered 409 with the record as
it stands, a movement's yearly review, the lists with their filters and the award totals."""

import uuid

from biengioi.community.models import Award, EmulationMovement, EmulationReview
from tests.community.test_emulation import team  # noqa: F401  (the fixture)
from tests.conftest import api_client


def _movement_body(world, **fields):
    return {
        "unit_id": world.tbt.pk,
        "name": "Toàn dân tham gia tự quản đường biên, mốc quốc giới",
        "decision_number": "4440/QĐ-UBND",
        "decision_date": "2017-11-13",
        "decision_issuer": "UBND tỉnh",
        "starts_on": "2017-11-13",
        "ends_on": "2025-12-31",
        **fields,
    }


def _award_body(world, **fields):
    return {
        "unit_id": world.post.pk,
        "kind": "certificate_of_merit",
        "conferred_by": "Chủ tịch UBND tỉnh",
        "recipient_kind": "individual",
        "recipient_name": "Ông Vàng A Chứ",
        "decision_number": "125/QĐ-UBND",
        "decision_date": "2024-03-03",
        **fields,
    }


def _post(client, url, body, **headers):
    return client.post(f"/api/v1/{url}", body, content_type="application/json", **headers)


def _movement(world):
    return _post(api_client(world.bob), "emulation-movements", _movement_body(world)).json()["id"]


def test_a_movement_is_created_once_and_read_across_the_province(world):
    bob = api_client(world.bob)
    body = _movement_body(world, id=str(uuid.uuid4()))
    first, again = _post(bob, "emulation-movements", body), _post(bob, "emulation-movements", body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"] and EmulationMovement.objects.count() == 1
    got = api_client(world.alice).get(f"/api/v1/emulation-movements/{first.json()['id']}")
    assert got.status_code == 200
    assert (got.json()["ends_on"], got.json()["unit"], got.json()["reviews"]) == (
        "2025-12-31",
        world.tbt.name,
        [],
    )
    outside = api_client(world.charlie).get(f"/api/v1/emulation-movements/{first.json()['id']}")
    assert outside.status_code == 404


def test_an_idempotency_key_makes_one_award(world):
    alice = api_client(world.alice)
    key = {"HTTP_IDEMPOTENCY_KEY": str(uuid.uuid4())}
    first = _post(alice, "awards", _award_body(world), **key)
    again = _post(alice, "awards", _award_body(world), **key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert Award.objects.count() == 1


def test_an_award_decided_outside_its_movement_is_refused_naming_decision_date(world):
    movement_id = _movement(world)
    response = _post(
        api_client(world.alice),
        "awards",
        _award_body(world, movement_id=movement_id, decision_date="2026-01-02"),
    )
    assert response.status_code == 422
    error = next(e for e in response.json()["errors"] if e["field"] == "decision_date")
    assert "13/11/2017 – 31/12/2025" in error["message"]
    assert Award.objects.count() == 0


def test_bad_award_input_is_refused_naming_its_field(world, team):  # noqa: F811
    client = api_client(world.alice)
    cases = [
        ({"decision_date": "2999-01-01"}, "decision_date"),
        ({"recipient_name": ""}, "recipient_name"),
        ({"kind": "foreign_decoration"}, "country"),
        ({"country": "Lào"}, "country"),
        ({"recipient_kind": "collective", "position": "Đồn trưởng"}, "position"),
        ({"kind": "medal"}, "kind"),
        ({"amount_vnd": -5}, "amount_vnd"),
        ({"movement_id": 999_999}, "movement_id"),
        ({"unit_id": world.post2.pk}, "unit_id"),
        ({"recipient_unit_id": world.tsn.pk}, "recipient_unit_id"),
        (
            {
                "recipient_kind": "collective",
                "recipient_team_id": team.pk,
                "recipient_unit_id": world.bg.pk,
            },
            "recipient_team_id",
        ),
    ]
    for fields, field in cases:
        response = _post(client, "awards", _award_body(world, **fields))
        assert response.status_code == 422, (fields, response.content)
        assert field in [e["field"] for e in response.json()["errors"]], response.json()
    assert Award.objects.count() == 0


def test_bad_movement_input_is_refused_naming_its_field(world):
    client = api_client(world.bob)
    cases = [
        ({"ends_on": "2017-11-12"}, "ends_on"),
        ({"decision_date": "2999-01-01"}, "decision_date"),
        ({"name": ""}, "name"),
        ({"unit_id": world.tsn.pk}, "unit_id"),
    ]
    for fields, field in cases:
        response = _post(client, "emulation-movements", _movement_body(world, **fields))
        assert response.status_code == 422, (fields, response.content)
        assert field in [e["field"] for e in response.json()["errors"]], response.json()
    assert EmulationMovement.objects.count() == 0


def test_stale_edits_answer_409_with_the_record(world):
    alice = api_client(world.alice)
    award_id = _post(alice, "awards", _award_body(world, amount_vnd=1_000_000)).json()["id"]
    url = f"/api/v1/awards/{award_id}"
    ok = alice.patch(url, {"version": 1, "amount_vnd": 2_000_000}, "application/json")
    stale = alice.patch(url, {"version": 1, "amount_vnd": 5}, "application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    assert stale.status_code == 409 and stale.json()["current"]["amount_vnd"] == 2_000_000
    movement_id = _movement(world)
    bad = alice.patch(
        url,
        {"version": 2, "movement_id": movement_id, "decision_date": "2017-01-01"},
        "application/json",
    )
    assert bad.status_code == 422 and "decision_date" in str(bad.json())
    assert Award.objects.get().version == 2

    bob = api_client(world.bob)
    murl = f"/api/v1/emulation-movements/{movement_id}"
    assert (
        bob.patch(murl, {"version": 1, "ends_on": None}, "application/json").json()["ends_on"]
        is None
    )
    stale = bob.patch(murl, {"version": 1, "note": "cũ"}, "application/json")
    assert stale.status_code == 409 and stale.json()["current"]["version"] == 2
    assert alice.patch(murl, {"version": 2, "note": "x"}, "application/json").status_code == 404


def test_a_movement_review_is_added_once(world):
    movement_id = _movement(world)
    bob = api_client(world.bob)
    url = f"emulation-movements/{movement_id}/reviews"
    body = {"id": str(uuid.uuid4()), "year": 2024, "held_on": "2024-12-20", "summary": "Sơ kết"}
    first, again = _post(bob, url, body), _post(bob, url, body)
    assert (first.status_code, again.status_code) == (201, 200)
    twice = _post(bob, url, {**body, "id": str(uuid.uuid4()), "held_on": "2025-01-05"})
    assert twice.status_code == 422 and twice.json()["errors"][0]["field"] == "year"
    outside = _post(bob, url, {"year": 2026, "held_on": "2026-01-05", "summary": "Sơ kết"})
    assert outside.status_code == 422 and outside.json()["errors"][0]["field"] == "held_on"
    assert EmulationReview.objects.count() == 1
    got = bob.get(f"/api/v1/emulation-movements/{movement_id}").json()
    assert [r["year"] for r in got["reviews"]] == [2024]


def test_the_lists_filter_and_total(world, team):  # noqa: F811
    movement_id = _movement(world)
    alice = api_client(world.alice)
    _post(alice, "awards", _award_body(world, movement_id=movement_id, amount_vnd=1_000_000))
    _post(
        alice,
        "awards",
        _award_body(
            world,
            movement_id=movement_id,
            kind="emulation_flag",
            recipient_kind="collective",
            recipient_name="",
            recipient_team_id=team.pk,
        ),
    )
    _post(
        alice,
        "awards",
        _award_body(world, kind="letter_of_merit", decision_date="2019-05-05"),
    )
    bob = api_client(world.bob)
    _post(bob, "awards", _award_body(world, unit_id=world.post2.pk, kind="on_the_spot"))

    assert bob.get("/api/v1/awards").json()["count"] == 4
    assert alice.get("/api/v1/awards").json()["count"] == 3
    totals = bob.get("/api/v1/awards/totals").json()
    assert (totals["awards"], totals["collective"], totals["individual"]) == (4, 1, 3)
    assert totals["amount_vnd"] == 1_000_000
    assert [k["kind"] for k in totals["by_kind"]] == [
        "emulation_flag",
        "certificate_of_merit",
        "letter_of_merit",
        "on_the_spot",
    ]
    under = bob.get(f"/api/v1/awards/totals?movement_id={movement_id}").json()
    assert (under["awards"], under["collective"]) == (2, 1)
    flags = bob.get("/api/v1/awards?kind=emulation_flag&recipient_kind=collective").json()
    assert [a["recipient_name"] for a in flags["items"]] == [team.name]
    old = bob.get("/api/v1/awards?start=2019-01-01&end=2019-12-31").json()
    assert [a["kind"] for a in old["items"]] == ["letter_of_merit"]
    assert bob.get(f"/api/v1/awards?team_id={team.pk}").json()["count"] == 1
    movements = alice.get("/api/v1/emulation-movements?active_on=2024-01-01").json()
    assert [(m["id"], m["award_count"]) for m in movements["items"]] == [(movement_id, 2)]
    assert alice.get("/api/v1/emulation-movements?active_on=2026-01-01").json()["count"] == 0
    assert api_client(world.charlie).get("/api/v1/awards").json()["count"] == 0
