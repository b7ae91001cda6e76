"""An incident's place: typed, or the position of a marker named by its number. Coordinates
typed badly, on the form and in the API, are refused beside the longitude with nothing written:
latitude and longitude swapped (the order a phone's map app copies), and a place inside Vietnam
but far from the province's border (Hà Nội). The map's own paste box reads either order and
refuses a place outside the province's area before it fills the fields
(tests/web/test_map_forms_browser.py); these are what reach the server without it."""

import pytest

from biengioi.audit.models import AuditRecord
from biengioi.core.errors import Code, DomainError
from biengioi.operations.models import Incident
from biengioi.operations.services import incident_update
from biengioi.registry.services import marker_create
from tests.conftest import sign_in
from tests.operations.test_incident_pages import _form, _text
from tests.operations.test_incidents import _create_body, _incident, _json

AMBIGUOUS = "Có nhiều mốc số 240: 240(1), 240(2), 240(3). Chọn một."
HANOI = {"lon": "105,8542", "lat": "21,0285"}  # inside Vietnam's box, about 500 km away


def _counts():
    return Incident.objects.count(), AuditRecord.objects.count()


@pytest.mark.parametrize(
    ("place", "message"),
    [
        ({"lon": "16,6003", "lat": "106,6004"}, "Kinh độ phải nằm trong khoảng 102.0 đến 110.0"),
        (HANOI, "ngoài khu vực biên giới (tối đa 30 km)"),
    ],
)
def test_a_place_typed_badly_on_the_form_is_refused_beside_the_longitude(
    world, client, place, message
):
    sign_in(client, world.alice)
    before = _counts()
    response = client.post("/incidents/new/", _form(world, **place))
    assert response.status_code == 400
    page = _text(response)
    assert message in page
    error = page.rindex(message)  # beside the field, after the summary at the top
    assert page.rfind('for="id_lon"', 0, error) > page.rfind('for="id_lat"', 0, error)
    assert _counts() == before


def test_the_api_refuses_a_place_far_from_the_border_naming_the_longitude(world, as_user):
    api = as_user(world.alice)  # its token is audited: counted before
    before = _counts()
    body = _create_body(world, lon="105.8542", lat="21.0285")
    response = _json(api, "post", "/api/v1/incidents", body)
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["field"] == "lon" and "kinh độ trước, vĩ độ sau" in error["message"]
    assert _counts() == before


def test_an_edit_cannot_move_an_incident_out_of_the_border_area(world):
    incident = _incident(world)
    before = _counts()
    with pytest.raises(DomainError) as caught:
        incident_update(
            actor=world.alice,
            incident_id=incident.pk,
            version=incident.version,
            lon=105.8542,
            lat=21.0285,
        )
    assert (caught.value.code, caught.value.field) == (Code.FAR_FROM_BORDER, "lon")
    incident.refresh_from_db()
    assert (float(incident.lon), float(incident.lat)) == (106.601, 16.602)
    assert _counts() == before


def test_a_place_at_the_edge_of_the_border_area_is_taken(world):
    # about 20 km inland of the line's end (106.7, 16.65): the border area still
    incident = _incident(world, lon=106.7, lat=16.47)
    assert 15_000 < incident.line_distance_m < 30_000


def test_an_incident_is_placed_at_a_marker_named_on_the_form(world, client):
    sign_in(client, world.alice)
    page = client.get("/incidents/new/").content.decode()
    assert 'name="near_marker"' in page and "biengioi/suggest" in page
    response = client.post("/incidents/new/", _form(world, lon="", lat="", near_marker="mốc 600"))
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert (incident.lon, incident.lat) == (world.marker.lon, world.marker.lat)
    assert incident.nearest_marker == world.marker and incident.marker_distance_m == 0
    edit = client.get(f"/incidents/{incident.pk}/edit/").content.decode()
    assert 'name="near_marker"' not in edit  # an edit moves the point by its coordinates


def test_typed_coordinates_win_over_the_marker_named(world, client):
    sign_in(client, world.alice)
    response = client.post("/incidents/new/", _form(world, near_marker="600"))
    assert response.status_code == 302
    assert float(Incident.objects.get().lon) == 106.6004


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"lon": "", "lat": "", "near_marker": "240"}, "near_marker", AMBIGUOUS),
        ({"lon": "", "lat": "", "near_marker": "999"}, "near_marker", "Không có mốc 999"),
        ({"lon": "", "lat": ""}, "lon", "hoặc chọn một mốc ở ô “Gần mốc”"),
        ({"lat": ""}, "lat", "Cần nhập cả kinh độ và vĩ độ"),
    ],
)
def test_a_place_missing_or_named_badly_is_refused_beside_its_field(
    world, client, fields, field, message
):
    for part in (1, 2, 3):
        marker_create(
            actor=None,
            line_id=world.line.pk,
            identifier=f"240({part})",
            kind="main",
            multiplicity="triple",
            lon=106.6 + part / 10000,
            lat=16.6,
            post_id=world.post.pk,
        )
    sign_in(client, world.alice)
    before = _counts()
    response = client.post("/incidents/new/", _form(world, **fields))
    assert response.status_code == 400
    page = _text(response)
    error = page.rindex(message)  # beside the field, after the summary at the top
    labels = {f: page.rfind(f'for="id_{f}"', 0, error) for f in ("near_marker", "lon", "lat")}
    assert max(labels, key=labels.get) == field
    assert _counts() == before
