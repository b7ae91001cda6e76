"""Social programmes in the API: a beneficiary created once per client id or Idempotency-Key
(201 then 200), bad input refused naming its field with nothing written, a stale edit answered
409 with the record as it stands, a sibling post and another province answered 404 while the
command above sees it, the totals per programme, the programmes list kept by the secretariat
and an activity recorded once."""

import uuid

from biengioi.community.models import Programme, ProgrammeActivity, ProgrammeBeneficiary
from tests.community.test_programmes import dave, progs  # noqa: F401  (the fixtures)
from tests.conftest import api_client

URL = "/api/v1/programme-beneficiaries"


def _body(world, progs, **fields):  # noqa: F811
    return {
        "unit_id": world.post.pk,
        "programme_id": progs[0].pk,
        "full_name": "Lò Thị Mai",
        "birth_year": 2014,
        "commune_id": world.admin_commune.pk,
        "monthly_vnd": 500000,
        "since": "2024-09-05",
        **fields,
    }


def _post(client, body, url=URL, **headers):
    return client.post(url, body, content_type="application/json", **headers)


def test_a_beneficiary_is_created_once_and_read_back(world, progs):  # noqa: F811
    client = api_client(world.alice)
    body = _body(world, progs, id=str(uuid.uuid4()))
    first, again = _post(client, body), _post(client, body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    got = client.get(f"{URL}/{first.json()['id']}").json()
    assert (got["full_name"], got["monthly_vnd"], got["version"]) == ("Lò Thị Mai", 500000, 1)
    assert got["programme"] == "Nâng bước em tới trường" and got["until"] is None
    assert ProgrammeBeneficiary.objects.count() == 1


def test_an_idempotency_key_makes_one_beneficiary(world, progs):  # noqa: F811
    client = api_client(world.alice)
    key = {"HTTP_IDEMPOTENCY_KEY": str(uuid.uuid4())}
    first = _post(client, _body(world, progs), **key)
    again = _post(client, _body(world, progs), **key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert ProgrammeBeneficiary.objects.count() == 1


def test_bad_input_is_refused_naming_its_field(world, progs):  # noqa: F811
    client = api_client(world.alice)
    cases = [
        ({"monthly_vnd": -500000}, "monthly_vnd"),
        ({"until": "2024-09-01"}, "until"),
        ({"birth_year": 2999}, "birth_year"),
        ({"unit_id": world.post2.pk}, "unit_id"),
        ({"programme_id": 999999}, "programme_id"),
        ({"commune_id": None, "place": "Savannakhet"}, "place"),
        ({"full_name": ""}, "full_name"),
    ]
    for fields, field in cases:
        response = _post(client, _body(world, progs, **fields))
        assert response.status_code == 422, (fields, response.content)
        assert field in [e["field"] for e in response.json()["errors"]], response.json()
    assert ProgrammeBeneficiary.objects.count() == 0


def test_a_stale_edit_answers_409_with_the_record(world, progs):  # noqa: F811
    client = api_client(world.alice)
    pk = _post(client, _body(world, progs)).json()["id"]
    ok = client.patch(
        f"{URL}/{pk}",
        {"version": 1, "until": "2025-06-30", "end_reason": "graduated"},
        "application/json",
    )
    assert ok.status_code == 200 and ok.json()["end_reason"] == "graduated"
    stale = client.patch(f"{URL}/{pk}", {"version": 1, "monthly_vnd": 0}, "application/json")
    assert stale.status_code == 409
    assert stale.json()["current"]["version"] == 2
    assert ProgrammeBeneficiary.objects.get().monthly_vnd == 500000


def test_a_sibling_post_and_another_province_do_not_see_it(world, progs, dave):  # noqa: F811
    pk = _post(api_client(world.alice), _body(world, progs)).json()["id"]
    for other in (dave, world.charlie):
        client = api_client(other)
        assert client.get(f"{URL}/{pk}").status_code == 404
        assert client.get(URL).json()["count"] == 0
        totals = client.get(f"{URL}/totals").json()
        assert (totals["beneficiaries"], totals["programmes"]) == (0, [])
        edit = client.patch(f"{URL}/{pk}", {"version": 1, "monthly_vnd": 0}, "application/json")
        assert edit.status_code == 404
    command = api_client(world.erin)
    assert command.get(f"{URL}/{pk}").status_code == 200
    assert command.get(URL).json()["count"] == 1


def test_the_totals_per_programme(world, progs):  # noqa: F811
    client = api_client(world.alice)
    foster = Programme.objects.get(name="Con nuôi đồn Biên phòng")
    _post(client, _body(world, progs))
    _post(client, _body(world, progs, full_name="Vàng A Páo", monthly_vnd=700000))
    _post(client, _body(world, progs, full_name="Hà Văn Tùng", programme_id=foster.pk))
    totals = client.get(f"{URL}/totals").json()
    assert (totals["beneficiaries"], totals["monthly_vnd"]) == (3, 1700000)
    assert [(p["programme"], p["beneficiaries"]) for p in totals["programmes"]] == [
        ("Con nuôi đồn Biên phòng", 1),
        ("Nâng bước em tới trường", 2),
    ]
    only = client.get(f"{URL}?programme_id={foster.pk}").json()
    assert [b["full_name"] for b in only["items"]] == ["Hà Văn Tùng"]


def test_the_programmes_are_kept_by_the_secretariat(world):
    sam, alice = api_client(world.sam), api_client(world.alice)
    assert alice.post("/api/v1/programmes/seed").status_code == 403
    assert sam.post("/api/v1/programmes/seed").json() == {"added": 7}
    assert sam.post("/api/v1/programmes/seed").json() == {"added": 0}
    listed = alice.get("/api/v1/programmes").json()
    assert len(listed) == 7
    made = _post(sam, {"name": "Tủ sách biên cương", "kind": "other"}, "/api/v1/programmes")
    assert made.status_code == 201
    pk = made.json()["id"]
    stop = sam.patch(
        f"/api/v1/programmes/{pk}", {"version": 1, "active": False}, "application/json"
    )
    assert stop.status_code == 200 and stop.json()["active"] is False
    assert len(alice.get("/api/v1/programmes?active=true").json()) == 7
    taken = _post(sam, {"name": "Tu sach bien cuong", "kind": "other"}, "/api/v1/programmes")
    assert taken.status_code == 422 and taken.json()["errors"][0]["field"] == "name"


def test_an_activity_is_recorded_once(world, progs):  # noqa: F811
    client = api_client(world.alice)
    body = {
        "id": str(uuid.uuid4()),
        "unit_id": world.post.pk,
        "programme_id": progs[1].pk,
        "on": "2025-08-20",
        "commune_id": world.admin_commune.pk,
        "people_served": 120,
        "spent_vnd": 15000000,
        "content": "Khám bệnh, cấp thuốc miễn phí",
    }
    url = "/api/v1/programme-activities"
    first, again = _post(client, body, url), _post(client, body, url)
    assert (first.status_code, again.status_code) == (201, 200)
    assert ProgrammeActivity.objects.count() == 1
    refused = _post(client, {**body, "id": str(uuid.uuid4()), "spent_vnd": -1}, url)
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "spent_vnd"
    totals = api_client(world.erin).get(f"{url}/totals").json()
    assert totals == {"activities": 1, "people_served": 120, "spent_vnd": 15000000}
