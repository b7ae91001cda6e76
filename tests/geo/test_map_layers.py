"""The situational map's layers: GeoJSON in the caller's scope, each with an ETag (304 when
unchanged) and gzip; the built-in background from the installed Natural Earth file."""

import gzip
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from biengioi.geo import background
from biengioi.operations.services import incident_create, patrol_create
from tests.conftest import api_client


def _features(response) -> dict:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    return data


def _patrol(world, on: date, marker) -> None:
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


def test_markers_carry_status_and_last_visit_and_are_stale_past_the_limit(world, settings):
    settings.MAP_STALE_DAYS = 90
    today = timezone.localdate()
    lee = api_client(world.lee)
    (before,) = _features(lee.get("/api/v1/map/markers"))["features"]
    assert before["properties"]["status"] == "intact"
    assert before["properties"]["last_visit"] is None and before["properties"]["stale"] is True
    assert before["geometry"] == {"type": "Point", "coordinates": [106.6, 16.6]}
    assert before["properties"]["url"] == f"/markers/{world.marker.pk}/"

    _patrol(world, today - timedelta(days=100), world.marker)
    (old,) = _features(lee.get("/api/v1/map/markers"))["features"]
    assert old["properties"]["last_visit"] == (today - timedelta(days=100)).isoformat()
    assert old["properties"]["stale"] is True

    _patrol(world, today - timedelta(days=3), world.marker)
    (fresh,) = _features(lee.get("/api/v1/map/markers"))["features"]
    assert fresh["properties"]["last_visit"] == (today - timedelta(days=3)).isoformat()
    assert fresh["properties"]["stale"] is False


def test_registry_layers_show_the_province_and_nothing_of_another(world):
    for user in (world.alice, world.lee):
        client = api_client(user)
        sections = _features(client.get("/api/v1/map/sections"))
        assert [f["id"] for f in sections["features"]] == [world.section.pk]
        assert sections["features"][0]["properties"]["post_id"] == world.post.pk
        markers = _features(client.get("/api/v1/map/markers"))
        assert [f["id"] for f in markers["features"]] == [world.marker.pk]
        gates = _features(client.get("/api/v1/map/gates"))
        assert [f["id"] for f in gates["features"]] == [world.gate.pk]
    charlie = _features(api_client(world.charlie).get("/api/v1/map/markers"))
    assert [f["id"] for f in charlie["features"]] == [world.tsn_marker.pk]


def _incident(world, actor, unit, title: str, on: date):
    return incident_create(
        actor=actor,
        unit_id=unit.pk,
        kind="other",
        title=title,
        lon=106.61,
        lat=16.61,
        detected_on=on,
        detected_by="Tổ tuần tra",
    )[0]


def test_incidents_are_the_callers_own_scope_and_period(world):
    mine = _incident(world, world.alice, world.post, "Vụ của đồn Bản Giốc", date(2025, 9, 1))
    from tests.conftest import make_user

    other_officer = make_user("dan", "field_officer", world.post2)
    _incident(world, other_officer, world.post2, "Vụ của đồn Lý Vạn", date(2025, 9, 2))
    alice = _features(api_client(world.alice).get("/api/v1/map/incidents"))
    assert [f["id"] for f in alice["features"]] == [mine.pk]
    assert "Lý Vạn" not in json.dumps(alice, ensure_ascii=False)
    assert alice["features"][0]["properties"]["state"] in ("open", "overdue")
    lee = api_client(world.lee)
    assert len(_features(lee.get("/api/v1/map/incidents"))["features"]) == 2
    only_first = _features(lee.get("/api/v1/map/incidents?start=2025-09-01&end=2025-09-01"))
    assert [f["id"] for f in only_first["features"]] == [mine.pk]


def test_an_inverted_period_is_refused_naming_its_end(world):
    response = api_client(world.lee).get("/api/v1/map/incidents?start=2025-09-02&end=2025-09-01")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "end"


def test_an_unchanged_layer_answers_304_and_a_large_one_is_gzipped(world):
    lee = api_client(world.lee)
    first = lee.get("/api/v1/map/countries", HTTP_ACCEPT_ENCODING="gzip")
    assert first.status_code == 200 and first["Content-Encoding"] == "gzip"
    data = json.loads(gzip.decompress(first.content))
    etag = first["ETag"]
    again = lee.get("/api/v1/map/countries", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    names = {f["properties"]["name"] for f in data["features"]}
    assert {"Việt Nam", "Lào"} <= names  # TBT's border with Laos, drawn from the installed file
    west, south, east, north = data["bbox"]
    assert west < 106.5 < 106.7 < east and south < 16.5 < 16.65 < north
    _patrol(world, date(2025, 9, 1), world.marker)
    changed = lee.get("/api/v1/map/markers", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200


def test_without_the_natural_earth_file_the_background_is_empty(world, settings, tmp_path):
    settings.NODE_MODULES = tmp_path
    background.countries.cache_clear()
    try:
        data = _features(api_client(world.lee).get("/api/v1/map/countries"))
        assert data["features"] == []
    finally:
        background.countries.cache_clear()


@pytest.mark.parametrize("who", ["alice", "erin", "sam", "lee"])
def test_the_map_page_is_in_every_roles_menu(world, client, who):
    client.force_login(getattr(world, who))
    page = client.get("/map/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-menu="map"' in html
    assert 'data-markers="/api/v1/map/markers"' in html
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "Chưa tuần tra quá 90 ngày" in html


def test_the_map_page_refuses_an_inverted_period_beside_the_field(world, client):
    client.force_login(world.lee)
    page = client.get("/map/?start=2025-09-02&end=2025-09-01")
    assert page.status_code == 400
    assert "Ngày kết thúc phải sau ngày bắt đầu." in page.content.decode()


@pytest.mark.parametrize("q", ["600", "mốc 600", "moc 600", "Mốc số 600", "M600"])
def test_a_search_for_a_marker_finds_it_however_it_is_typed(world, q):
    data = _features(api_client(world.alice).get("/api/v1/map/search", {"q": q}))
    assert [f["id"] for f in data["features"]] == [f"marker:{world.marker.pk}"]
    (found,) = data["features"]
    assert found["properties"] == {
        "kind": "marker",
        "label": "Mốc 600",
        "url": f"/markers/{world.marker.pk}/",
    }
    assert found["geometry"]["coordinates"] == [106.6, 16.6]


def test_a_search_finds_gates_and_posts_without_accents_and_not_another_provinces(world):
    alice = api_client(world.alice)
    gate = _features(alice.get("/api/v1/map/search", {"q": "cua khau ban gioc"}))
    assert [f["id"] for f in gate["features"]] == [f"gate:{world.gate.pk}"]
    post = _features(alice.get("/api/v1/map/search", {"q": "BAN GIOC"}))
    ids = {f["id"] for f in post["features"]}
    assert f"post:{world.post.pk}" in ids and f"gate:{world.gate.pk}" in ids
    # a post is placed at the middle of its markers
    (placed,) = [f for f in post["features"] if f["id"] == f"post:{world.post.pk}"]
    assert placed["geometry"]["coordinates"] == [106.6, 16.6]
    assert _features(alice.get("/api/v1/map/search", {"q": "1116"}))["features"] == []
    charlie = _features(api_client(world.charlie).get("/api/v1/map/search", {"q": "1116"}))
    assert [f["id"] for f in charlie["features"]] == [f"marker:{world.tsn_marker.pk}"]


def test_a_search_finds_the_readers_own_incidents_only(world):
    from tests.conftest import make_user

    mine = _incident(world, world.alice, world.post, "Xâm canh tại mốc 600", date(2025, 9, 1))
    dan = make_user("dan", "field_officer", world.post2)
    _incident(world, dan, world.post2, "Xâm canh phía Lý Vạn", date(2025, 9, 2))
    data = _features(api_client(world.alice).get("/api/v1/map/search", {"q": "Xâm canh"}))
    assert [f["id"] for f in data["features"]] == [f"incident:{mine.pk}"]


def test_an_empty_or_overlong_search_is_refused_naming_q(world):
    alice = api_client(world.alice)
    assert _features(alice.get("/api/v1/map/search", {"q": "  "}))["features"] == []
    response = alice.get("/api/v1/map/search", {"q": "x" * 101})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "q"


@pytest.mark.parametrize(
    "bbox",
    ["1,2,3", "a,b,c,d", "107,16,106,17", "106,17,107,16", "-200,16,107,17", "106,16,107,95"],
)
def test_a_bad_bbox_is_refused_naming_it(world, bbox):
    for layer in ("markers", "signs", "incidents", "repairs", "handovers"):
        response = api_client(world.lee).get(f"/api/v1/map/{layer}", {"bbox": bbox})
        assert response.status_code == 422, (layer, response.content)
        assert response.json()["errors"][0]["field"] == "bbox"
        assert "tây,nam,đông,bắc" in response.json()["errors"][0]["message"]


def test_a_bbox_keeps_only_what_lies_in_it(world):
    lee = api_client(world.lee)
    inside = _features(lee.get("/api/v1/map/markers", {"bbox": "106.5,16.5,106.7,16.7"}))
    assert [f["id"] for f in inside["features"]] == [world.marker.pk]
    outside = _features(lee.get("/api/v1/map/markers", {"bbox": "106.7,16.7,106.8,16.8"}))
    assert outside["features"] == []
    signs = _features(lee.get("/api/v1/map/signs", {"bbox": "106.5,16.5,106.7,16.7"}))
    assert [f["id"] for f in signs["features"]] == [world.sign.pk]


def test_open_repairs_and_handovers_are_the_readers_own_scope(world):
    from biengioi.operations.services import handover_create, marker_repair_open
    from tests.conftest import make_user

    repair = marker_repair_open(
        actor=world.alice,
        marker_id=world.marker.pk,
        problem="damaged",
        detected_on=date(2025, 9, 1),
    )[0]
    handover = handover_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="hand_back",
        on=date(2025, 9, 1),
        gate_id=world.gate.pk,
        counterpart_id=world.counterpart.pk,
        persons=2,
        males=1,
        females=1,
        nationality="LA",
    )[0]
    alice = api_client(world.alice)
    (open_repair,) = _features(alice.get("/api/v1/map/repairs"))["features"]
    assert open_repair["id"] == repair.pk
    assert open_repair["properties"]["marker"] == "600"
    assert open_repair["geometry"]["coordinates"] == [106.6, 16.6]
    (done,) = _features(alice.get("/api/v1/map/handovers"))["features"]
    assert done["id"] == handover.pk and done["properties"]["persons"] == 2
    assert done["geometry"]["coordinates"] == [106.62, 16.61]  # at its gate
    dan = api_client(make_user("dan", "field_officer", world.post2))
    assert _features(dan.get("/api/v1/map/repairs"))["features"] == []
    assert _features(dan.get("/api/v1/map/handovers"))["features"] == []
    later = _features(alice.get("/api/v1/map/handovers", {"start": "2025-09-02"}))
    assert later["features"] == []


def test_the_marker_and_incident_pages_carry_a_small_map_of_the_place(world, client):
    client.force_login(world.alice)
    page = client.get(f"/markers/{world.marker.pk}/").content.decode()
    assert 'data-testid="minimap"' in page
    assert 'data-lon="106.6000000" data-lat="16.6000000" data-label="Mốc 600"' in page
    incident = _incident(world, world.alice, world.post, "Vụ việc có vị trí", date(2025, 9, 1))
    page = client.get(f"/incidents/{incident.pk}/").content.decode()
    assert 'data-lon="106.6100000" data-lat="16.6100000"' in page
    assert "/map/#15/16.6100000/106.6100000" in page


def test_a_patrols_page_maps_the_markers_it_went_by_and_one_without_none(world, client):
    from biengioi.registry.services import marker_create

    other = marker_create(
        actor=None,
        line_id=world.line.pk,
        identifier="601",
        kind="main",
        lon=106.61,
        lat=16.605,
        post_id=world.post.pk,
        section_id=world.section.pk,
    )
    start = datetime(2025, 9, 1, 1, tzinfo=UTC)
    went, _ = patrol_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=start,
        ended_at=start + timedelta(hours=4),
        from_marker_id=world.marker.pk,
        to_marker_id=other.pk,
        inspections=[{"marker_id": world.marker.pk, "status": "intact"}],
    )
    client.force_login(world.alice)
    page = client.get(f"/patrols/{went.pk}/").content.decode()
    assert (
        'data-points="[[106.6, 16.6, &quot;600&quot;], [106.61, 16.605, &quot;601&quot;]]"' in page
    )
    bare, _ = patrol_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=start + timedelta(days=1),
        ended_at=start + timedelta(days=1, hours=4),
    )
    assert 'data-testid="minimap"' not in client.get(f"/patrols/{bare.pk}/").content.decode()


def test_the_map_shows_this_years_incidents_unless_asked_for_a_period(world, client):
    client.force_login(world.lee)
    first = timezone.localdate().replace(month=1, day=1).isoformat()
    page = client.get("/map/").content.decode()
    assert f'data-incidents="/api/v1/map/incidents?start={first}"' in page
    assert f'value="{timezone.localdate().replace(month=1, day=1):%d/%m/%Y}"' in page
    asked = client.get("/map/", {"start": "2024-01-01", "end": ""}).content.decode()
    assert 'data-incidents="/api/v1/map/incidents?start=2024-01-01"' in asked
    everything = client.get("/map/", {"start": "", "end": ""}).content.decode()
    assert 'data-incidents="/api/v1/map/incidents"' in everything


def test_a_layer_is_built_once_per_state_of_the_data_and_a_write_shows_at_once(
    world, django_assert_max_num_queries
):
    lee = api_client(world.lee)
    first = lee.get("/api/v1/map/markers")
    assert _features(first)["features"][0]["properties"]["last_visit"] is None
    with django_assert_max_num_queries(4):  # the token, the user, the audit head: no layer query
        again = lee.get("/api/v1/map/markers", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    _patrol(world, timezone.localdate() - timedelta(days=2), world.marker)
    after = lee.get("/api/v1/map/markers", HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200 and after["ETag"] != first["ETag"]
    assert _features(after)["features"][0]["properties"]["last_visit"] is not None


def test_a_bbox_keeps_the_hand_overs_at_a_gate_within_it(world):
    from biengioi.operations.services import handover_create

    handover_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="receive",
        on=date(2025, 9, 1),
        gate_id=world.gate.pk,
        counterpart_id=world.counterpart.pk,
        persons=1,
        males=1,
        females=0,
        nationality="VN",
    )
    alice = api_client(world.alice)
    near = _features(alice.get("/api/v1/map/handovers", {"bbox": "106.6,16.6,106.63,16.62"}))
    far = _features(alice.get("/api/v1/map/handovers", {"bbox": "106.7,16.7,106.8,16.8"}))
    assert len(near["features"]) == 1 and far["features"] == []
