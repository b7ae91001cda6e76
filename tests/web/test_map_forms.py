"""Every form that takes a place states the order of its coordinates beside the longitude and
carries the place picker; the section form carries the line editor over its GeoJSON field; every
page shows a place longitude first, as the forms ask (ADR 0010). The maps themselves are
driven in a real browser in test_map_forms_browser.py."""

import pytest
from django.utils import timezone

from biengioi.operations.services import incident_create

ORDER = "Tọa độ WGS84 theo thứ tự kinh độ, vĩ độ"


@pytest.mark.parametrize(
    "path",
    [
        "/markers/new/",
        "/markers/{marker}/edit/",
        "/signs/new/",
        "/signs/{sign}/edit/",
        "/gates/new/",
        "/gates/{gate}/edit/",
    ],
)
def test_each_registry_form_with_a_place_states_the_order_and_has_the_picker(world, client, path):
    client.force_login(world.erin)
    ids = {"marker": world.marker.pk, "sign": world.sign.pk, "gate": world.gate.pk}
    page = client.get(path.format(**ids)).content.decode()
    assert ORDER in page and 'aria-describedby="id_lon_helptext"' in page
    assert page.index('name="lon"') < page.index('name="lat"')
    assert 'data-testid="placepicker" hidden' in page  # shown by its script, if it runs
    assert "biengioi/mapforms.js" in page and "lineeditor" not in page


def test_the_incident_form_states_the_order_and_has_the_picker(world, client):
    client.force_login(world.alice)
    page = client.get("/incidents/new/").content.decode()
    assert ORDER in page and 'data-testid="placepicker"' in page


def test_the_section_form_draws_on_a_map_over_its_geojson(world, client):
    client.force_login(world.erin)
    page = client.get("/sections/new/").content.decode()
    assert '<textarea name="geometry"' in page  # still the field the form posts
    assert 'data-testid="lineeditor" hidden' in page and "placepicker" not in page


def test_forms_without_a_place_load_no_map(world, client):
    client.force_login(world.erin)
    page = client.get("/admin-units/new/").content.decode()
    assert "mapforms.js" not in page and "leaflet" not in page


def test_a_marker_and_an_incident_show_their_place_longitude_first(world, client):
    client.force_login(world.alice)
    marker = world.marker
    page = client.get(f"/markers/{marker.pk}/").content.decode()
    assert f'data-testid="wgs84">{marker.lon}, {marker.lat}</dd>' in page
    assert "Kinh độ, vĩ độ (WGS84)" in page
    incident, _made = incident_create(
        actor=world.alice,
        client_id=None,
        unit_id=world.post.pk,
        kind="encroachment",
        title="Dấu vết lạ",
        lon=marker.lon,
        lat=marker.lat,
        detected_on=timezone.localdate(),
        detected_by="Tổ tuần tra",
    )
    page = client.get(f"/incidents/{incident.pk}/").content.decode()
    assert f'data-testid="wgs84">{incident.lon}, {incident.lat}</dd>' in page
