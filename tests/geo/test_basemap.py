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


@pytest.mark.parametrize(
    ("value", "origin"),
    [
        ("https://tiles.example.vn/{z}/{x}/{y}.png", "https://tiles.example.vn"),
        ("http://10.0.0.5:8080/osm/{z}/{x}/{y}.png", "http://10.0.0.5:8080"),
        ("https://Tiles.Example.vn/a/{z}/{y}/{x}", "https://tiles.example.vn"),
        ("https://tiles.example.vn/tiles.png", ""),  # no {z}/{x}/{y}
        ("https://tiles.example.vn/{z}/{x}.png", ""),
        ("ftp://tiles.example.vn/{z}/{x}/{y}.png", ""),
        ("https:///{z}/{x}/{y}.png", ""),
        ("https://{z}.tiles.example.vn/{z}/{x}/{y}.png", ""),  # the host is not one origin
        ("https://a@tiles.example.vn/{z}/{x}/{y}.png", ""),
        ("https://tiles.example.vn;img-src */{z}/{x}/{y}", ""),
        ("/srv/vung.mbtiles", ""),
    ],
)
def test_a_tile_server_is_an_http_url_template_with_z_x_y(value, origin):
    assert basemap.tile_server_origin(value) == origin


def test_the_csp_lets_images_come_from_the_tile_server_and_no_other():
    from biengioi.settings import content_security_policy

    plain = content_security_policy("")
    assert "img-src 'self' data: blob:;" in plain
    served = content_security_policy("https://tiles.example.vn:8443/{z}/{x}/{y}.png")
    assert "img-src 'self' data: blob: https://tiles.example.vn:8443;" in served
    assert served.replace(" https://tiles.example.vn:8443", "") == plain  # nothing else opened
    assert content_security_policy("https://tiles.example.vn/tiles.png") == plain
    assert content_security_policy("/srv/vung.mbtiles") == plain


def test_the_server_sends_that_csp_when_started_with_a_tile_server(tmp_path):
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "BIENGIOI_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
        "BIENGIOI_BASEMAP": "https://tiles.example.vn/{z}/{x}/{y}.png",
    }
    code = "from django.conf import settings as s; print(s.CONTENT_SECURITY_POLICY)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**env, "DJANGO_SETTINGS_MODULE": "biengioi.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "img-src 'self' data: blob: https://tiles.example.vn;" in result.stdout


def test_the_map_draws_a_tile_servers_tiles_directly(world, client, settings):
    settings.BASEMAP = "https://tiles.example.vn/{z}/{x}/{y}.png"
    client.force_login(world.lee)
    html = client.get("/map/").content.decode()
    assert '"kind": "url"' in html
    assert '"url": "https://tiles.example.vn/{z}/{x}/{y}.png"' in html
    assert 'data-testid="basemap-problem"' not in html
    assert "vendor/pmtiles/pmtiles.js" not in html
    assert client.get("/map/basemap/0/0/0").status_code == 404  # not served by biengioi


@pytest.mark.parametrize(
    "value", ["https://tiles.example.vn/tiles.png", "ftp://tiles.example.vn/{z}/{x}/{y}.png"]
)
def test_a_bad_tile_server_url_keeps_the_background_and_the_page_says_why(
    world, client, settings, value
):
    settings.BASEMAP = value
    client.force_login(world.lee)
    html = client.get("/map/").content.decode()
    assert 'data-testid="basemap-problem"' in html
    assert "không phải địa chỉ máy chủ ô bản đồ" in html and "{z}, {x}, {y}" in html
    assert '<script id="map-basemap" type="application/json">null</script>' in html
