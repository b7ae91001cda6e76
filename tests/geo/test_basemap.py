"""An operator's basemap file, served by biengioi to signed-in users: MBTiles tiles by z/x/y,
PMTiles by byte ranges; a missing or foreign file leaves the map on its background, saying why."""

import pytest

from biengioi.geo import basemap
from tests.geo.tiles import mbtiles, pmtiles_header, png


def test_a_missing_or_foreign_file_is_named_with_the_reason(tmp_path):
    missing = basemap.inspect(tmp_path / "khong-co.mbtiles")
    assert not missing.usable and "Không mở được tệp bản đồ nền" in missing.problem
    text = tmp_path / "ghi-chu.mbtiles"
    text.write_text("không phải bản đồ")
    foreign = basemap.inspect(text)
    assert not foreign.usable and "không phải bản đồ nền MBTiles hay PMTiles" in foreign.problem
    vector = basemap.inspect(mbtiles(tmp_path / "vector.mbtiles", fmt="pbf"))
    assert not vector.usable and "pbf" in vector.problem
    old = basemap.inspect(pmtiles_header(tmp_path / "cu.pmtiles", version=2))
    assert not old.usable and "phiên bản 3" in old.problem


def test_an_mbtiles_and_a_pmtiles_file_are_recognised(tmp_path):
    found = basemap.inspect(mbtiles(tmp_path / "vung.mbtiles", maxzoom=2))
    assert (found.kind, found.format, found.minzoom, found.maxzoom) == ("mbtiles", "png", 0, 2)
    assert found.usable and found.attribution == "Bản đồ thử"
    archive = basemap.inspect(pmtiles_header(tmp_path / "vung.pmtiles"))
    assert (archive.kind, archive.format, archive.maxzoom, archive.usable) == (
        "pmtiles",
        "png",
        5,
        True,
    )


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-6", (0, 6)),
        ("bytes=10-", (10, 1150)),
        ("bytes=-5", (1146, 1150)),
        ("bytes=1000-99999", (1000, 1150)),
        ("bytes=5000-", None),
        ("bytes=7-3", None),
        ("bytes=0-1,5-6", None),
        ("items=0-1", None),
        ("bytes=a-b", None),
    ],
)
def test_a_byte_range_is_read_within_the_file(header, expected):
    assert basemap.byte_range(header, 1151) == expected


def test_mbtiles_tiles_are_served_in_xyz_order_to_signed_in_users_only(
    world, client, settings, tmp_path
):
    settings.BASEMAP = str(mbtiles(tmp_path / "vung.mbtiles", maxzoom=1))
    assert client.get("/map/basemap/1/0/0").status_code == 302  # to the sign-in page
    client.force_login(world.alice)
    north = client.get("/map/basemap/1/0/0")  # XYZ y=0 is the north row
    assert north.status_code == 200 and north["Content-Type"] == "image/png"
    assert north.content == png((46, 125, 50))
    assert client.get("/map/basemap/1/1/1").content == png((21, 101, 192))
    assert client.get("/map/basemap/4/0/0").status_code == 404  # beyond the file's zooms
    assert client.get("/map/basemap/1/5/0").status_code == 404
    assert client.get("/map/basemap.pmtiles").status_code == 404  # the file is not a PMTiles
    page = client.get("/map/").content.decode()
    assert '"url": "/map/basemap/{z}/{x}/{y}"' in page and "basemap-problem" not in page


def test_a_pmtiles_file_is_read_by_ranges(world, client, settings, tmp_path):
    path = pmtiles_header(tmp_path / "vung.pmtiles")
    settings.BASEMAP = str(path)
    assert client.get("/map/basemap.pmtiles", HTTP_RANGE="bytes=0-6").status_code == 302
    client.force_login(world.lee)
    head = client.get("/map/basemap.pmtiles", HTTP_RANGE="bytes=0-6")
    assert head.status_code == 206 and head.content == b"PMTiles"
    assert head["Content-Range"] == f"bytes 0-6/{path.stat().st_size}"
    assert head["Accept-Ranges"] == "bytes"
    tail = client.get("/map/basemap.pmtiles", HTTP_RANGE="bytes=-4")
    assert tail.status_code == 206 and tail.content == path.read_bytes()[-4:]
    beyond = client.get("/map/basemap.pmtiles", HTTP_RANGE="bytes=99999-")
    assert beyond.status_code == 416 and beyond["Content-Range"] == f"bytes */{path.stat().st_size}"
    whole = client.get("/map/basemap.pmtiles")
    assert whole.status_code == 200 and b"".join(whole.streaming_content) == path.read_bytes()
    page = client.get("/map/").content.decode()
    assert "vendor/pmtiles/pmtiles.js" in page and '"kind": "pmtiles"' in page


def test_the_map_opens_on_its_background_and_says_why_the_file_is_not_used(
    world, client, settings, tmp_path
):
    settings.BASEMAP = str(tmp_path / "khong-co.pmtiles")
    client.force_login(world.lee)
    page = client.get("/map/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="basemap-problem"' in html and "khong-co.pmtiles" in html
    assert '<script id="map-basemap" type="application/json">null</script>' in html
    assert client.get("/map/basemap/0/0/0").status_code == 404
