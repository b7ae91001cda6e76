"""The map's GPS layers (issue 17 item 3): the tracks of a period's patrols as lines, in the
reader's scope, and a month's coverage of the border by 1 km pieces."""

import pytest

from biengioi.core.access import Role
from biengioi.geo.services import track_import
from tests.conftest import api_client, make_user

from .test_coverage import _patrol, walked  # noqa: F401 (walked: the fixture)
from .test_tracks import _walk, csv_

pytestmark = pytest.mark.django_db


def test_the_tracks_of_a_period_are_lines_of_their_fixes(world, walked):  # noqa: F811
    patrol, track = walked
    api = api_client(world.alice)
    [line] = api.get("/api/v1/map/tracks", {"start": "2025-09-01", "end": "2025-09-30"}).json()[
        "features"
    ]
    assert line["id"] == track.pk and line["geometry"]["type"] == "LineString"
    coords = line["geometry"]["coordinates"]
    assert coords[0] == [106.5, 16.5] and coords[-1] == [106.6, 16.6] and len(coords) == 241
    assert line["properties"]["url"] == f"/patrols/{patrol.pk}/"
    october = api.get("/api/v1/map/tracks", {"start": "2025-10-01"}).json()["features"]
    assert october == []
    other = api_client(make_user("other", Role.FIELD_OFFICER, world.post2))
    assert other.get("/api/v1/map/tracks", {"start": "2025-09-01"}).json()["features"] == []


def test_a_long_track_is_drawn_with_at_most_five_hundred_fixes(world):
    patrol = _patrol(world)
    fixes = _walk(2000, step_s=15, per_step=1 / 2000)
    track_import(actor=world.alice, patrol_id=patrol.pk, name="long.csv", content=csv_(fixes))
    [line] = api_client(world.alice).get("/api/v1/map/tracks").json()["features"]
    coords = line["geometry"]["coordinates"]
    assert 400 <= len(coords) <= 501
    assert coords[-1] == [round(fixes[-1][1], 6), round(fixes[-1][2], 6)]  # the end kept


def test_the_coverage_layer_counts_the_patrols_of_each_piece_in_the_month(world, walked):  # noqa: F811
    api = api_client(world.alice)
    pieces = api.get("/api/v1/map/coverage", {"month": "2025-09"}).json()["features"]
    counts = [f["properties"]["patrols"] for f in pieces]
    assert counts[:16] == [1] * 16 and set(counts[16:]) == {0} and len(counts) == 28
    first = pieces[0]["geometry"]["coordinates"][0]
    assert first == pytest.approx([106.5, 16.5], abs=1e-5)  # back in WGS84
    october = api.get("/api/v1/map/coverage", {"month": "2025-10"}).json()["features"]
    assert {f["properties"]["patrols"] for f in october} == {0}
    refused = api.get("/api/v1/map/coverage", {"month": "2025-13"})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "month"


def test_a_markers_popup_says_when_a_gps_track_last_came_near(world, walked):  # noqa: F811
    markers = api_client(world.alice).get("/api/v1/map/markers").json()["features"]
    by_number = {f["properties"]["identifier"]: f["properties"] for f in markers}
    assert by_number["600"]["last_track"] == "2025-09-10"
