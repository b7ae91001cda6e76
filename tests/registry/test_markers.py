from datetime import date, timedelta

import pytest
from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.core.errors import Code, DomainError
from biengioi.registry import selectors
from biengioi.registry.models import BorderSection, Marker, MarkerStatus
from biengioi.registry.services import (
    marker_create,
    marker_status_record,
    marker_update,
    section_create,
)


def _new(world, actor=None, **fields):
    data = {
        "line_id": world.line.pk,
        "identifier": "601",
        "kind": "main",
        "lon": 106.61,
        "lat": 16.61,
        "post_id": world.post.pk,
    }
    return marker_create(actor=actor or world.erin, **{**data, **fields})


def _refused(world, code, field, **fields):
    markers, records = Marker.objects.count(), AuditRecord.objects.count()
    with pytest.raises(DomainError) as err:
        _new(world, **fields)
    assert (err.value.code, err.value.field) == (code, field)
    assert (Marker.objects.count(), AuditRecord.objects.count()) == (markers, records)
    return err.value


def test_a_marker_gets_its_distance_to_the_line_and_an_audit_record(world):
    marker = _new(world, status="intact", status_on=date(2025, 3, 3))
    assert 0 < marker.distance_to_line_m < 2000
    assert marker.sort_key == "00601.0000.0"
    assert AuditRecord.objects.filter(action="marker.create", object_id=str(marker.pk)).exists()
    assert selectors.marker_get(actor=world.alice, marker_id=marker.pk).current_status == "intact"


def test_an_identifier_that_does_not_parse_is_refused(world):
    _refused(world, Code.MARKER_ID_INVALID, "identifier", identifier="60A")


def test_a_duplicate_identifier_on_the_same_border_is_refused(world):
    err = _refused(world, Code.MARKER_ID_TAKEN, "identifier", identifier="600")
    assert "600" in err.message


def test_the_same_identifier_on_another_border_is_allowed(world):
    assert _new(world, identifier="1116").identifier == "1116"  # 1116 exists on the VN-CN border


@pytest.mark.parametrize(
    ("lon", "lat", "field"),
    [(101.9, 16.6, "lon"), (110.5, 16.6, "lon"), (106.6, 7.9, "lat"), (106.6, 24.1, "lat")],
)
def test_coordinates_outside_vietnams_border_box_are_refused(world, lon, lat, field):
    code = Code.LON_OUT_OF_RANGE if field == "lon" else Code.LAT_OUT_OF_RANGE
    _refused(world, code, field, lon=lon, lat=lat)


@pytest.mark.parametrize("elevation", [-100.1, 4000.5])
def test_an_elevation_out_of_range_is_refused_as_out_of_range(world, elevation):
    err = _refused(world, Code.OUT_OF_RANGE, "elevation_m", elevation_m=elevation)
    assert err.message == "Giá trị phải từ -100 đến 4.000."


def test_a_position_more_than_two_kilometres_from_the_line_is_refused(world):
    err = _refused(world, Code.TOO_FAR_FROM_LINE, "lon", lon=106.6, lat=16.65)
    assert "2000 m" in err.message


def test_an_identifier_must_agree_with_kind_and_multiplicity(world):
    _refused(world, Code.MARKER_ID_KIND, "identifier", identifier="600/3")
    _refused(world, Code.MARKER_MULTIPLICITY, "identifier", identifier="605(1)")
    _refused(world, Code.MARKER_MULTIPLICITY, "identifier", identifier="605", multiplicity="double")
    _refused(
        world, Code.MARKER_MULTIPLICITY, "identifier", identifier="605(3)", multiplicity="double"
    )
    assert _new(world, identifier="605(3)", multiplicity="triple").identifier == "605(3)"
    assert _new(world, identifier="600/3", kind="secondary").kind == "secondary"


def test_a_marker_must_be_given_to_a_border_post_in_the_actors_scope(world):
    _refused(world, Code.NOT_A_BORDER_POST, "post_id", post_id=world.commune.pk)
    with pytest.raises(DomainError):
        _new(world, actor=world.erin, post_id=world.tsn_section.post_id)


def test_a_field_officer_records_a_status_and_it_becomes_the_current_one(world):
    marker_status_record(
        actor=world.alice,
        marker_id=world.marker.pk,
        status="damaged",
        on=date(2025, 6, 1),
        source="tuần tra đơn phương",
        note="nứt chân đế",
    )
    current = selectors.marker_get(actor=world.lee, marker_id=world.marker.pk)
    assert current.current_status == "damaged"
    # an older finding recorded later does not overrule the newer one
    marker_status_record(
        actor=world.alice, marker_id=world.marker.pk, status="intact", on=date(2025, 2, 1)
    )
    assert (
        selectors.marker_get(actor=world.lee, marker_id=world.marker.pk).current_status == "damaged"
    )
    damaged = selectors.marker_list(actor=world.lee, status="damaged")
    assert [m.identifier for m in damaged] == ["600"]


def test_the_list_of_markers_not_intact_leaves_out_intact_and_unrecorded_ones(world, client):
    """The overview's "markers not intact" card opens this list: any recorded status but
    intact, whatever it is."""
    other = _new(world)
    third = _new(world, identifier="602", lon=106.62)
    on = date(2025, 6, 1)
    marker_status_record(actor=world.alice, marker_id=world.marker.pk, status="lost", on=on)
    marker_status_record(actor=world.alice, marker_id=other.pk, status="landslide", on=on)
    marker_status_record(actor=world.alice, marker_id=third.pk, status="intact", on=on)
    found = selectors.marker_list(actor=world.lee, status=selectors.NOT_INTACT)
    assert [m.identifier for m in found] == ["600", "601"]
    client.force_login(world.lee)
    page = client.get("/markers/", {"status": "not_intact"}).content.decode()
    assert ">600<" in page and ">601<" in page and ">602<" not in page


def test_a_status_dated_in_the_future_is_refused(world):
    before = MarkerStatus.objects.count()
    with pytest.raises(DomainError) as err:
        marker_status_record(
            actor=world.alice,
            marker_id=world.marker.pk,
            status="lost",
            on=timezone.localdate() + timedelta(days=1),
        )
    assert err.value.field == "on" and MarkerStatus.objects.count() == before


def test_moving_a_marker_recomputes_its_distance_and_is_audited(world):
    before = world.marker.distance_to_line_m
    moved = marker_update(actor=world.erin, marker_id=world.marker.pk, lon=106.605, lat=16.6)
    assert moved.distance_to_line_m != before
    record = AuditRecord.objects.filter(action="marker.update").latest("seq")
    assert record.before["lon"] == "106.6000000" and record.after["lon"] == "106.6050000"


def test_the_list_is_in_natural_order_and_a_search_finds_a_family(world):
    for identifier, kind, multiplicity in [
        ("222(2)", "main", "double"),
        ("222(1)", "main", "double"),
        ("222/1", "secondary", "single"),
        ("2221", "main", "single"),
        ("23", "main", "single"),
    ]:
        _new(world, identifier=identifier, kind=kind, multiplicity=multiplicity)
    everything = [
        m.identifier for m in selectors.marker_list(actor=world.alice, line_id=world.line.pk)
    ]
    assert everything == ["23", "222(1)", "222(2)", "222/1", "600", "2221"]
    # a number is a beginning (issue 23): its family first, then the numbers it begins
    found = [m.identifier for m in selectors.marker_list(actor=world.alice, q="222")]
    assert found == ["222(1)", "222(2)", "222/1", "2221"]
    assert [m.identifier for m in selectors.marker_list(actor=world.alice, q="222(2)")] == [
        "222(2)"
    ]
    for typed in ("mốc 222", "moc 222", "Mốc số 222", "M222", "cọc dấu 222"):
        found = [m.identifier for m in selectors.marker_list(actor=world.alice, q=typed)]
        assert found == ["222(1)", "222(2)", "222/1", "2221"], typed
    assert [m.identifier for m in selectors.marker_list(actor=world.alice, q="moc 222(2)")] == [
        "222(2)"
    ]


def test_markers_are_read_province_wide_but_written_only_in_the_subtree(world):
    # alice's colleague post Lý Vạn sees the marker of post Bản Giốc ...
    assert selectors.marker_list(actor=world.alice).filter(pk=world.marker.pk).exists()
    # ... the other province does not
    assert not selectors.marker_list(actor=world.charlie).filter(pk=world.marker.pk).exists()


def test_a_section_of_zero_length_or_crossing_itself_is_refused(world):
    count = BorderSection.objects.count()
    for geometry, code in [
        (
            {"type": "LineString", "coordinates": [[106.6, 16.6], [106.6, 16.6]]},
            Code.GEOMETRY_ZERO_LENGTH,
        ),
        (
            {
                "type": "LineString",
                "coordinates": [[106.6, 16.6], [106.7, 16.7], [106.7, 16.6], [106.6, 16.7]],
            },
            Code.GEOMETRY_SELF_CROSSING,
        ),
        ({"type": "Point", "coordinates": [106.6, 16.6]}, Code.GEOMETRY_NOT_LINE),
        ({"type": "LineString", "coordinates": "x"}, Code.GEOMETRY_INVALID),
    ]:
        with pytest.raises(DomainError) as err:
            section_create(
                actor=world.erin,
                line_id=world.line.pk,
                code="D9",
                name="x",
                post_id=world.post.pk,
                geometry=geometry,
            )
        assert (err.value.code, err.value.field) == (code, "geometry")
    assert BorderSection.objects.count() == count


def test_a_section_length_is_measured_on_the_ellipsoid(world):
    # LINE_TBT: two legs of 15.4 km and 12.0 km (pyproj Geod on WGS84)
    assert 27.3 < float(world.section.length_km) < 27.5


def test_a_marker_belongs_to_a_commune_and_only_to_a_commune(world, as_user):
    api = as_user(world.erin)
    response = api.patch(
        f"/api/v1/markers/{world.marker.pk}",
        data={"commune_id": world.admin_commune.pk},
        content_type="application/json",
    )
    assert response.json()["commune_name"] == "Xã Đàm Thủy"
    province = world.admin_commune.parent_id
    bad = api.patch(
        f"/api/v1/markers/{world.marker.pk}",
        data={"commune_id": province},
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "commune_id"
    world.marker.refresh_from_db()
    assert world.marker.commune_id == world.admin_commune.pk
