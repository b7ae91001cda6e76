"""The map's posts (their seat and area), crime cases and rescues: a place is optional, both
coordinates or neither, inside Vietnam's border box, refused naming the field and audited; the
layers are in the caller's scope, by period and bbox, with an ETag; an unknown layer is refused
naming it."""

import json
from datetime import date

import pytest
from django.test import Client
from shapely.geometry import Point, shape

from biengioi.audit.models import AuditRecord
from biengioi.core.errors import Code, DomainError
from biengioi.geo import layers
from biengioi.operations.models import CrimeCase, RescueOperation
from biengioi.operations.services import (
    crime_case_create,
    crime_case_update,
    rescue_create,
    rescue_update,
)
from biengioi.registry.models import OrgUnit
from biengioi.registry.services import unit_create, unit_update
from tests.conftest import api_client, make_user, sign_in


def _features(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)["features"]


def _case(world, actor=None, on=date(2025, 9, 1), **fields):
    case, _made = crime_case_create(
        actor=actor or world.alice,
        unit_id=(actor or world.alice).unit.pk,
        category="drugs",
        title="Bắt quả tang vận chuyển ma túy",
        detected_on=on,
        **fields,
    )
    return case


def _rescue(world, actor=None, on=date(2025, 9, 20), **fields):
    operation, _made = rescue_create(
        actor=actor or world.alice,
        unit_id=(actor or world.alice).unit.pk,
        kind="flood",
        title="Lũ quét tại bản Nà Khà",
        started_on=on,
        **fields,
    )
    return operation


# --- the place: both coordinates or neither, inside the box, each refusal naming its field ---

BAD_PLACES = [
    ({"lon": 106.6}, Code.POINT_INCOMPLETE, "lat"),
    ({"lat": 16.6}, Code.POINT_INCOMPLETE, "lon"),
    ({"lon": 106.6, "lat": ""}, Code.POINT_INCOMPLETE, "lat"),
    ({"lon": 99.0, "lat": 16.6}, Code.LON_OUT_OF_RANGE, "lon"),
    ({"lon": 106.6, "lat": 30.0}, Code.LAT_OUT_OF_RANGE, "lat"),
    ({"lon": "đông", "lat": 16.6}, Code.REQUIRED, "lon"),
    ({"lon": 106.6, "lat": "nan"}, Code.REQUIRED, "lat"),
]


@pytest.mark.parametrize(("fields", "code", "field"), BAD_PLACES)
def test_a_bad_place_is_refused_naming_the_field_and_nothing_is_written(world, fields, code, field):
    before = (
        CrimeCase.objects.count(),
        RescueOperation.objects.count(),
        OrgUnit.objects.count(),
        AuditRecord.objects.count(),
    )
    for record in (_case, _rescue):
        with pytest.raises(DomainError) as caught:
            record(world, **fields)
        assert (caught.value.code, caught.value.field) == (code, field)
    with pytest.raises(DomainError) as caught:
        unit_create(
            actor=world.bob,
            code="TBT-DBP-MOI",
            name="Đồn Biên phòng Mới",
            kind="border_post",
            parent_id=world.bg.pk,
            **fields,
        )
    assert (caught.value.code, caught.value.field) == (code, field)
    after = (
        CrimeCase.objects.count(),
        RescueOperation.objects.count(),
        OrgUnit.objects.count(),
        AuditRecord.objects.count(),
    )
    assert after == before


def test_a_place_is_kept_audited_changed_and_cleared(world):
    case = _case(world, lon="106.61", lat=16.62)
    assert (float(case.lon), float(case.lat)) == (106.61, 16.62)
    assert AuditRecord.objects.get(action="crime_case.create").after["lon"] == "106.6100000"
    case = crime_case_update(actor=world.alice, case_id=case.pk, version=case.version, lat=16.63)
    assert (float(case.lon), float(case.lat)) == (106.61, 16.63)  # the other one kept
    case = crime_case_update(
        actor=world.alice, case_id=case.pk, version=case.version, lon=None, lat=None
    )
    assert case.lon is None and case.lat is None
    with pytest.raises(DomainError) as caught:
        crime_case_update(actor=world.alice, case_id=case.pk, version=case.version, lon=106.6)
    assert caught.value.field == "lat"

    rescue = _rescue(world)
    assert rescue.lon is None  # a place is optional
    rescue = rescue_update(
        actor=world.alice, rescue_id=rescue.pk, version=rescue.version, lon=106.6, lat=16.6
    )
    assert float(rescue.lon) == 106.6
    record = AuditRecord.objects.filter(action="rescue.update").latest("pk")
    assert record.before["lon"] is None and record.after["lon"] == "106.6000000"

    post = unit_update(actor=world.bob, unit_id=world.post.pk, lon=106.58, lat=16.64)
    assert (float(post.lon), float(post.lat)) == (106.58, 16.64)
    record = AuditRecord.objects.filter(action="unit.update").latest("pk")
    assert record.before["lon"] is None and record.after["lat"] == "16.6400000"


def test_the_api_takes_and_shows_a_place_and_refuses_half_of_one(world):
    alice = api_client(world.alice)
    made = alice.post(
        "/api/v1/crime-cases",
        {
            "unit_id": world.post.pk,
            "category": "smuggling",
            "title": "Thuốc lá lậu",
            "detected_on": "2025-09-01",
            "lon": 106.61,
            "lat": 16.62,
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assert (made.json()["lon"], made.json()["lat"]) == (106.61, 16.62)
    half = alice.post(
        "/api/v1/rescue-operations",
        {
            "unit_id": world.post.pk,
            "kind": "fire",
            "title": "Cháy rừng",
            "started_on": "2025-09-01",
            "lon": 106.61,
        },
        content_type="application/json",
    )
    assert half.status_code == 422
    assert half.json()["errors"][0]["field"] == "lat"
    assert "vĩ độ" in half.json()["errors"][0]["message"]
    bob = api_client(world.bob)
    moved = bob.patch(
        f"/api/v1/units/{world.post.pk}",
        {"lon": 106.58, "lat": 16.64},
        content_type="application/json",
    )
    assert moved.status_code == 200, moved.content
    assert (moved.json()["lon"], moved.json()["lat"]) == (106.58, 16.64)
    outside = bob.patch(
        f"/api/v1/units/{world.post.pk}",
        {"lon": 120.0, "lat": 16.64},
        content_type="application/json",
    )
    assert outside.status_code == 422 and outside.json()["errors"][0]["field"] == "lon"


def test_the_forms_take_a_place_and_put_a_half_one_beside_its_field(world):
    client = Client()
    sign_in(client, world.alice)
    data = {
        "client_id": "9b1f3c1e-4a4e-4a39-9d7e-0d0f1f2e3a4b",
        "unit_id": world.post.pk,
        "kind": "landslide",
        "title": "Sạt lở taluy",
        "started_on": "01/09/2025",
        "lon": "106,6",
        "lat": "",
    }
    for key in ("rescued", "evacuated", "deaths", "missing"):
        data[key] = "0"
    for key in ("border_guards", "militia", "other_forces", "vehicles"):
        data[key] = "0"
    refused = client.post("/rescues/new/", data)
    assert refused.status_code == 400
    assert "Cần nhập cả kinh độ và vĩ độ" in refused.content.decode()
    assert not RescueOperation.objects.exists()
    made = client.post("/rescues/new/", {**data, "lat": "16,61"})
    assert made.status_code == 302, made.content.decode()[:2000]
    operation = RescueOperation.objects.get()
    assert (float(operation.lon), float(operation.lat)) == (106.6, 16.61)
    page = client.get(f"/rescues/{operation.pk}/").content.decode()
    assert "16,6100000" in page or "16.6100000" in page


# --- the layers -------------------------------------------------------------------------------


def test_posts_are_drawn_with_their_area_and_their_seat_where_they_have_one(world):
    unit_update(actor=world.bob, unit_id=world.post.pk, lon=106.58, lat=16.64)
    for user in (world.alice, world.lee):  # registry data: the whole province
        features = _features(api_client(user).get("/api/v1/map/posts"))
        parts = {(f["properties"]["post_id"], f["properties"]["part"]) for f in features}
        # Bản Giốc has a section and a seat; Lý Vạn neither; Sông Núi is another province
        assert parts == {(world.post.pk, "area"), (world.post.pk, "seat")}
    by_part = {f["properties"]["part"]: f for f in features}
    assert by_part["seat"]["geometry"] == {"type": "Point", "coordinates": [106.58, 16.64]}
    assert by_part["seat"]["properties"]["url"] == f"/units/{world.post.pk}/"
    area = shape(by_part["area"]["geometry"])
    assert area.geom_type == "Polygon"
    section = shape(world.section.geometry)
    assert area.contains(section)
    # about 5 km either side: a point 3 km off the line is in, one 9 km off is not
    middle = section.interpolate(0.5, normalized=True)
    assert area.contains(Point(middle.x + 0.02, middle.y - 0.02))  # ~3 km south-east
    assert not area.contains(Point(middle.x + 0.06, middle.y - 0.06))  # ~9 km
    other = _features(api_client(world.charlie).get("/api/v1/map/posts"))
    assert {f["properties"]["name"] for f in other} == {"Đồn Biên phòng Sông Núi 1"}


def test_crime_and_rescues_are_the_callers_scope_with_a_place_in_the_period_and_bbox(world):
    placed = _case(world, lon=106.61, lat=16.62, on=date(2025, 9, 1))
    _case(world, on=date(2025, 9, 1))  # no place: not on the map
    later = _case(world, lon=106.7, lat=16.7, on=date(2025, 9, 10))
    rescue = _rescue(world, lon=106.6, lat=16.6)
    dan = make_user("dan", "field_officer", world.post2)
    _case(world, actor=dan, lon=106.5, lat=16.5)
    _rescue(world, actor=dan, lon=106.5, lat=16.5)

    alice = api_client(world.alice)
    crime = _features(alice.get("/api/v1/map/crime"))
    assert sorted(f["id"] for f in crime) == sorted([placed.pk, later.pk])
    first = next(f for f in crime if f["id"] == placed.pk)
    assert first["geometry"]["coordinates"] == [106.61, 16.62]
    assert first["properties"]["category"] == "drugs"
    assert first["properties"]["handling"] == "pending"
    assert first["properties"]["url"] == f"/crime/{placed.pk}/"
    period = _features(alice.get("/api/v1/map/crime", {"start": "2025-09-05"}))
    assert [f["id"] for f in period] == [later.pk]
    box = _features(alice.get("/api/v1/map/crime", {"bbox": "106.6,16.6,106.65,16.65"}))
    assert [f["id"] for f in box] == [placed.pk]
    (mine,) = _features(alice.get("/api/v1/map/rescues"))
    assert mine["id"] == rescue.pk and mine["properties"]["ongoing"] is True
    assert mine["properties"]["kind"] == "flood"
    assert _features(alice.get("/api/v1/map/rescues", {"end": "2025-09-19"})) == []

    lee = api_client(world.lee)
    assert len(_features(lee.get("/api/v1/map/crime"))) == 3
    assert len(_features(lee.get("/api/v1/map/rescues"))) == 2
    assert _features(api_client(world.charlie).get("/api/v1/map/crime")) == []


def test_the_new_layers_answer_304_when_unchanged_and_200_after_a_write(world):
    _case(world, lon=106.61, lat=16.62)
    alice = api_client(world.alice)
    for layer in ("posts", "crime", "rescues"):
        first = alice.get(f"/api/v1/map/{layer}")
        assert first.status_code == 200
        again = alice.get(f"/api/v1/map/{layer}", HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304 and again.content == b""
    etag = alice.get("/api/v1/map/crime")["ETag"]
    _case(world, lon=106.62, lat=16.63)
    assert alice.get("/api/v1/map/crime", HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("bbox", ["107,16,106,17", "106,16,107,95", "x,16,107,17"])
@pytest.mark.parametrize("layer", ["crime", "rescues"])
def test_a_bad_bbox_or_period_on_the_new_layers_is_refused_naming_it(world, layer, bbox):
    lee = api_client(world.lee)
    response = lee.get(f"/api/v1/map/{layer}", {"bbox": bbox})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "bbox"
    inverted = lee.get(f"/api/v1/map/{layer}", {"start": "2025-09-02", "end": "2025-09-01"})
    assert inverted.status_code == 422 and inverted.json()["errors"][0]["field"] == "end"


def test_an_unknown_layer_is_refused_naming_it_and_the_layers_there_are(world):
    response = api_client(world.lee).get("/api/v1/map/roads")
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "layer"
    assert "roads" in error["message"] and "rescues" in error["message"]
    english = api_client(world.lee, language="en").get("/api/v1/map/roads")
    assert english.json()["errors"][0]["field"] == "layer"
    assert Client().get("/api/v1/map/roads").status_code == 401  # signed-in users only


def test_the_new_layers_are_for_signed_in_users_only(world):
    for layer in ("posts", "crime", "rescues"):
        assert Client().get(f"/api/v1/map/{layer}").status_code == 401


def test_the_area_is_an_estimate_from_the_sections(world):
    area = shape(layers._area([world.section.geometry]))
    assert area.is_valid and not area.is_empty
    assert layers._area([]) is None


def test_the_unit_form_places_a_posts_seat_and_refuses_half_of_it(world):
    client = Client()
    sign_in(client, world.bob)
    page = client.get(f"/units/{world.post.pk}/edit/").content.decode()
    assert 'name="lon"' in page and 'name="lat"' in page
    form = {"code": world.post.code, "name": world.post.name, "lon": "106,58", "lat": ""}
    before = AuditRecord.objects.count()
    half = client.post(f"/units/{world.post.pk}/edit/", form)
    assert half.status_code == 400
    assert "Cần nhập cả kinh độ và vĩ độ" in half.content.decode()
    assert AuditRecord.objects.count() == before
    saved = client.post(f"/units/{world.post.pk}/edit/", {**form, "lat": "16,64"})
    assert saved.status_code == 302
    world.post.refresh_from_db()
    assert (float(world.post.lon), float(world.post.lat)) == (106.58, 16.64)
