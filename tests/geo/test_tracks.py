"""GPS tracks of patrols (issue 17, items 1 and 2): a device's file in four formats, cleaned
with a report of what was dropped and why, kept with its positions in one transaction, the
effort it shows (km, hours, markers passed, sections covered), removed, and refused whole when
it is no track of this patrol."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.http import Http404
from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.cli import main
from biengioi.core.access import Role
from biengioi.core.errors import Code, DomainError
from biengioi.core.geo import GEOD
from biengioi.geo import coverage
from biengioi.geo.models import Position, Track
from biengioi.geo.services import track_import, track_remove
from biengioi.operations.services import patrol_create
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

START = datetime(2025, 9, 10, 6, 0, tzinfo=UTC)
HOURS = 8
# the world's line: (106.5, 16.5) -> (106.6, 16.6) -> (106.7, 16.65); marker 600 at (106.6, 16.6)
ALONG = [(106.5, 16.5), (106.6, 16.6)]


def _walk(
    n: int, *, start: datetime = START, step_s: int = 60, per_step: float = 1 / 240
) -> list[tuple[datetime, float, float]]:
    """n fixes along the first leg of the line (15 km), `per_step` of it a step of `step_s`
    seconds: by default about 3.8 km/h, the whole leg in 241 fixes."""
    (lon0, lat0), (lon1, lat1) = ALONG
    return [
        (
            start + timedelta(seconds=i * step_s),
            lon0 + (lon1 - lon0) * i * per_step,
            lat0 + (lat1 - lat0) * i * per_step,
        )
        for i in range(n)
    ]


def gpx(fixes) -> bytes:
    points = "".join(
        f'<trkpt lat="{lat}" lon="{lon}"><time>{t:%Y-%m-%dT%H:%M:%SZ}</time></trkpt>'
        for t, lon, lat in fixes
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="GPS Logger" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Tuần tra</name><trkseg>'
        f"{points}</trkseg></trk></gpx>"
    ).encode()


def geojson_points(fixes) -> bytes:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"time": t.isoformat()},
        }
        for t, lon, lat in fixes
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def geojson_line(fixes) -> bytes:
    feature = {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": [[lon, lat] for _t, lon, lat in fixes]},
        "properties": {"coordTimes": [t.strftime("%Y-%m-%dT%H:%M:%SZ") for t, _lo, _la in fixes]},
    }
    return json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()


def csv_(fixes) -> bytes:
    rows = "".join(f"{lon},{lat},{t.isoformat()}\n" for t, lon, lat in fixes)
    return ("lon,lat,time\n" + rows).encode()


def kml(fixes) -> bytes:
    pairs = "".join(
        f"<when>{t:%Y-%m-%dT%H:%M:%SZ}</when><gx:coord>{lon} {lat} 0</gx:coord>"
        for t, lon, lat in fixes
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2" '
        'xmlns:gx="http://www.google.com/kml/ext/2.2"><Document><Placemark><gx:Track>'
        f"{pairs}</gx:Track></Placemark></Document></kml>"
    ).encode()


@pytest.fixture
def patrol(world):
    made, _ = patrol_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=START,
        ended_at=START + timedelta(hours=HOURS),
    )
    return made


def _counts():
    return Track.objects.count(), Position.objects.count(), AuditRecord.objects.count()


def _geodesic_km(fixes) -> float:
    lons, lats = [f[1] for f in fixes], [f[2] for f in fixes]
    return GEOD.line_length(lons, lats) / 1000


def test_a_gpx_track_is_kept_with_its_positions_and_the_effort_it_shows(world, patrol):
    fixes = _walk(241)  # four hours, about 15 km
    track, made = track_import(
        actor=world.alice, patrol_id=patrol.pk, name="tuantra.gpx", content=gpx(fixes)
    )
    assert made and (track.received, track.kept, track.dropped) == (241, 241, {})
    assert track.format == "gpx" and track.mode == "foot"
    # km in UTM 48N: within 0.5 % of the ellipsoid's length of the same fixes
    assert float(track.km) == pytest.approx(_geodesic_km(fixes), rel=0.005)
    assert track.hours == pytest.approx(4.0)
    assert [m.identifier for m in track.markers_passed.all()] == ["600"]
    assert list(track.sections_covered.all()) == [world.section]
    positions = Position.objects.filter(track=track).order_by("time")
    assert positions.count() == 241
    first = positions.first()
    assert (first.patrol_id, first.unit_id, first.time) == (patrol.pk, world.post.pk, START)
    assert (first.lon, first.lat) == (106.5, 16.5)
    # metric coordinates and the 1 km cell, computed once
    x, y = coverage.metric().transform(106.5, 16.5)
    assert (first.x, first.y) == pytest.approx((x, y))
    assert first.cell == int(x // 1000) * 100_000 + int(y // 1000)
    record = AuditRecord.objects.get(action="track.import")
    assert record.after["kept"] == 241 and record.after["file"] == "tuantra.gpx"


def test_the_same_file_sent_again_is_the_same_track(world, patrol):
    content = gpx(_walk(30))
    first, made = track_import(
        actor=world.alice, patrol_id=patrol.pk, name="a.gpx", content=content
    )
    before = _counts()
    again, made_again = track_import(
        actor=world.alice, patrol_id=patrol.pk, name="a.gpx", content=content
    )
    assert made and not made_again and again.pk == first.pk
    assert _counts() == before


@pytest.mark.parametrize(
    ("name", "write"),
    [
        ("track.geojson", geojson_points),
        ("track.json", geojson_line),
        ("track.csv", csv_),
        ("track.kml", kml),
        ("no-ending", gpx),  # known by its first bytes
    ],
)
def test_every_format_gives_the_same_track(world, patrol, name, write):
    fixes = _walk(121, per_step=1 / 120)  # 15 km in two hours
    track, _ = track_import(actor=world.alice, patrol_id=patrol.pk, name=name, content=write(fixes))
    assert (track.received, track.kept) == (121, 121)
    assert float(track.km) == pytest.approx(_geodesic_km(fixes), rel=0.005)
    assert Position.objects.filter(track=track).count() == 121


def test_the_cleaning_drops_what_a_device_gets_wrong_and_says_why(world, patrol):
    fixes = _walk(100, start=START + timedelta(minutes=30))
    t50, lon50, lat50 = fixes[50]
    wrong = [
        (START - timedelta(minutes=10), 106.5, 16.5),  # before the patrol
        *fixes[:51],
        (t50, lon50, lat50),  # the same moment twice
        (t50 + timedelta(seconds=30), lon50 + 0.05, lat50),  # 5 km in 30 s on foot
        *fixes[51:],
        (fixes[-1][0] + timedelta(minutes=1), 106.6, 17.9),  # 140 km inland
    ]
    track, _ = track_import(
        actor=world.alice, patrol_id=patrol.pk, name="device.gpx", content=gpx(wrong)
    )
    assert track.received == 104 and track.kept == 100
    assert track.dropped == {
        "outside_patrol": 1,
        "duplicate": 1,
        "too_fast": 1,
        "far_from_border": 1,
    }
    assert track.examples["outside_patrol"] == [1] and track.examples["far_from_border"] == [104]
    assert track.examples["duplicate"] == [53] and track.examples["too_fast"] == [54]


def test_a_vehicle_may_go_faster_than_a_man_on_foot(world, patrol):
    fixes = _walk(31, step_s=20, per_step=1 / 30)  # 500 m in 20 s: 90 km/h
    on_foot, _ = track_import(
        actor=world.alice, patrol_id=patrol.pk, name="a.gpx", content=gpx(fixes)
    )
    assert (on_foot.kept, on_foot.dropped) == (1, {"too_fast": 30})
    track, _ = track_import(
        actor=world.alice,
        patrol_id=patrol.pk,
        name="b.csv",
        content=csv_(fixes),
        mode="vehicle",
    )
    assert track.kept == 31


def _too_future():
    return [(timezone.now() + timedelta(hours=2), 106.55, 16.55)]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"this is no xml at all", Code.TRACK_UNREADABLE),
        (gpx(_walk(20))[:-60], Code.TRACK_UNREADABLE),  # cut off
        (
            gpx(_walk(3)).replace(b"<time>2025-09-10T06:01:00Z</time>", b""),
            Code.TRACK_NO_TIME,
        ),
        (gpx(list(reversed(_walk(5)))), Code.TRACK_TIME_BACKWARDS),
        (gpx([(t, lon, lat + 1.0) for t, lon, lat in _walk(20)]), Code.TRACK_FAR_FROM_BORDER),
        (gpx([]), Code.TRACK_EMPTY),
    ],
    ids=["not-xml", "cut-off", "no-time", "backwards", "far", "empty"],
)
def test_a_file_that_is_no_track_of_the_patrol_is_refused_naming_the_file(
    world, patrol, content, code
):
    before = _counts()
    with pytest.raises(DomainError) as refused:
        track_import(actor=world.alice, patrol_id=patrol.pk, name="x.gpx", content=content)
    assert (refused.value.code, refused.value.field) == (code, "file")
    assert refused.value.message  # says what is wrong, in words
    assert _counts() == before


def test_a_time_in_the_future_is_refused_naming_the_fix(world, patrol):
    with pytest.raises(DomainError) as refused:
        track_import(
            actor=world.alice, patrol_id=patrol.pk, name="x.gpx", content=gpx(_too_future())
        )
    assert refused.value.code == Code.TRACK_TIME_FUTURE
    assert refused.value.message.startswith("Điểm thứ 1 có thời gian")


def test_a_file_too_large_is_refused_before_it_is_read(world, patrol, settings):
    settings.TRACK_MAX_BYTES = 1000
    before = _counts()
    with pytest.raises(DomainError) as refused:
        track_import(actor=world.alice, patrol_id=patrol.pk, name="x.gpx", content=b"<" * 1001)
    assert (refused.value.code, refused.value.field) == (Code.FILE_TOO_LARGE, "file")
    assert _counts() == before


def test_a_file_of_no_known_format_is_refused(world, patrol):
    with pytest.raises(DomainError) as refused:
        track_import(actor=world.alice, patrol_id=patrol.pk, name="x.docx", content=b"PK\x03\x04")
    assert refused.value.code == Code.TRACK_FORMAT


def test_a_track_fails_whole_when_its_positions_cannot_all_be_written(world, patrol, monkeypatch):
    """12,000 fixes in three statements: the third fails, nothing of the track is left."""
    written = []
    real = Position.objects.bulk_create

    def fail_late(rows, batch_size=None):
        real(rows[:10_000], batch_size=batch_size)
        written.append(Position.objects.count())
        raise RuntimeError("disk full")

    monkeypatch.setattr(Position.objects, "bulk_create", fail_late)
    fixes = _walk(12_000, step_s=2, per_step=1 / 12_000)
    before = _counts()
    with pytest.raises(RuntimeError):
        track_import(actor=world.alice, patrol_id=patrol.pk, name="long.csv", content=csv_(fixes))
    assert written == [10_000]  # they were written, then taken back with the rest
    assert _counts() == before


def test_a_removed_track_takes_its_positions_with_it(world, patrol):
    track, _ = track_import(
        actor=world.alice, patrol_id=patrol.pk, name="a.gpx", content=gpx(_walk(50))
    )
    track_remove(actor=world.alice, track_id=track.pk)
    assert not Track.objects.exists() and not Position.objects.exists()
    assert AuditRecord.objects.get(action="track.remove").before["kept"] == 50


def test_another_post_cannot_import_on_the_patrol(world, patrol):
    other = make_user("other", Role.FIELD_OFFICER, world.post2)
    with pytest.raises(Http404):
        track_import(actor=other, patrol_id=patrol.pk, name="a.gpx", content=gpx(_walk(5)))
    assert not Track.objects.exists()


def test_positions_fall_in_monthly_partitions_on_postgresql(world, patrol):
    if connection.vendor != "postgresql":
        pytest.skip("partitions are PostgreSQL's (SQLite keeps one table)")
    end = START.replace(day=30, hour=23, minute=30)
    patrol.started_at, patrol.ended_at = START, end + timedelta(days=2)
    patrol.save()
    across = [
        (end + timedelta(minutes=15 * i), 106.5 + i * 0.001, 16.5 + i * 0.001) for i in range(6)
    ]
    track_import(actor=world.alice, patrol_id=patrol.pk, name="a.csv", content=csv_(across))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, count(*) FROM geo_position p JOIN pg_class c ON c.oid = p.tableoid "
            "GROUP BY c.relname ORDER BY c.relname"
        )
        assert cursor.fetchall() == [("geo_position_2025_09", 2), ("geo_position_2025_10", 4)]
        cursor.execute(
            "SELECT am.amname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_am am ON am.oid = c.relam WHERE c.relname = 'geo_position_time'"
        )
        assert cursor.fetchone() == ("brin",)


def test_the_command_line_imports_a_track(world, patrol, tmp_path: Path, capsys):
    path = tmp_path / "garmin.gpx"
    path.write_bytes(gpx(_walk(61)))
    assert main(["import-track", str(patrol.pk), str(path), "--as", "alice"]) == 0
    out = capsys.readouterr().out
    assert "61" in out and Track.objects.get().file_name == "garmin.gpx"
    path.write_bytes(b"not a track")
    assert main(["import-track", str(patrol.pk), str(path), "--as", "alice"]) == 2
    assert "file" in capsys.readouterr().err
