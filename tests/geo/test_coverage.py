"""Coverage kept from GPS tracks (issue 17 item 3): markers' last visits and distinct patrols in
a window, 1 km pieces of the border per month, kept as tracks are imported and removed, equal to
what a rebuild from the positions alone gives (hypothesis), read through the API, the page and
the command line."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biengioi.cli import main
from biengioi.core.errors import DomainError
from biengioi.geo import coverage
from biengioi.geo.models import MarkerVisit, Piece, PieceMonth
from biengioi.geo.selectors import coverage_markers, coverage_stretches
from biengioi.geo.services import track_import, track_remove
from biengioi.operations.services import patrol_create
from biengioi.registry.services import marker_update, section_update
from tests.conftest import api_client, sign_in

from .test_tracks import START, _walk, csv_, gpx

pytestmark = pytest.mark.django_db

SEPTEMBER = date(2025, 9, 1)


def _patrol(world, start=START, hours=12):
    return patrol_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=start,
        ended_at=start + timedelta(hours=hours),
    )[0]


@pytest.fixture
def walked(world):
    """A patrol whose track walks the first leg of the line (15 km) to marker 600."""
    patrol = _patrol(world)
    track, _ = track_import(
        actor=world.alice, patrol_id=patrol.pk, name="a.gpx", content=gpx(_walk(241))
    )
    return patrol, track


def test_a_marker_passed_keeps_its_visit_at_the_nearest_fix(world, walked):
    patrol, track = walked
    visit = MarkerVisit.objects.get()
    assert (visit.marker, visit.track, visit.patrol) == (world.marker, track, patrol)
    assert visit.time == START + timedelta(minutes=240)  # the fix on the marker
    rows = coverage_markers(actor=world.alice, days=30, not_visited=False, today=date(2025, 9, 20))
    [row] = [r for r in rows if r.marker == world.marker]
    assert (row.last_visit, row.patrols) == (visit.time, 1)
    # ninety days later the window holds no patrol: the marker is listed as not visited
    late = coverage_markers(actor=world.alice, days=90, today=date(2025, 12, 31))
    assert [r.marker for r in late] == [world.marker] and late[0].last_visit == visit.time


def test_two_tracks_of_one_patrol_count_it_once(world, walked):
    patrol, _ = walked
    track_import(
        actor=world.alice,
        patrol_id=patrol.pk,
        name="b.csv",
        content=csv_(_walk(241, start=START + timedelta(minutes=1))),
    )
    [row] = coverage_markers(actor=world.alice, days=30, not_visited=False, today=date(2025, 9, 20))
    assert row.patrols == 1
    assert MarkerVisit.objects.count() == 2


def test_the_pieces_near_the_track_are_covered_for_its_month(world, walked):
    pieces = list(Piece.objects.filter(section=world.section))
    total = sum(p.length_m for p in pieces)
    assert len(pieces) == int(total // 1000) + 1 and 26_000 < total < 28_000
    covered = set(
        PieceMonth.objects.filter(month=SEPTEMBER).values_list("piece__number", flat=True)
    )
    assert covered == set(range(1, 17))  # the first leg is 15.3 km: pieces 1-16 (500 m around)
    [stretch] = coverage_stretches(actor=world.alice, month=SEPTEMBER)
    assert (stretch.section, stretch.first, stretch.last) == (world.section, 17, len(pieces))
    assert stretch.to_km == pytest.approx(total / 1000)
    [october] = coverage_stretches(actor=world.alice, month=date(2025, 10, 1))
    assert (october.first, october.last) == (1, len(pieces))


def test_a_section_no_track_came_to_is_one_stretch_without_being_kept(world):
    [stretch] = coverage_stretches(actor=world.alice, month=SEPTEMBER)
    assert stretch.first == 1 and 26 < stretch.km < 28
    assert not Piece.objects.exists()


def test_removing_a_track_removes_its_coverage(world, walked):
    _, track = walked
    track_remove(actor=world.alice, track_id=track.pk)
    assert not MarkerVisit.objects.exists() and not PieceMonth.objects.exists()


def test_a_rebuild_of_kept_coverage_changes_nothing_and_the_command_says_so(world, walked, capsys):
    before = coverage.snapshot()
    assert main(["coverage", "rebuild"]) == 0
    assert "1" in capsys.readouterr().out
    assert coverage.snapshot() == before and before[0] and before[1]


LEGS = [((106.5, 16.5), (106.6, 16.6)), ((106.6, 16.6), (106.7, 16.65))]
OPERATION = st.one_of(
    st.tuples(
        st.just("import"),
        st.integers(0, 1),  # the patrol
        st.integers(0, 1),  # the leg of the line
        st.integers(0, 600),  # minutes after the patrol's start
        st.integers(-12, 12),  # off the line, in units of about 110 m
        st.integers(3, 30),  # fixes
    ),
    st.tuples(st.just("remove"), st.integers(0, 5)),
    st.tuples(st.just("redraw"), st.integers(-5, 5)),
    st.tuples(st.just("move"), st.integers(-3, 3)),
)


def _track(leg, start, offset, n):
    (lon0, lat0), (lon1, lat1) = LEGS[leg]
    return [
        (
            start + timedelta(minutes=2 * i),
            lon0 + (lon1 - lon0) * i / 40,
            lat0 + (lat1 - lat0) * i / 40 + offset * 0.001,
        )
        for i in range(n)
    ]


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(OPERATION, min_size=1, max_size=6))
def test_kept_coverage_is_what_a_rebuild_gives_after_any_imports_and_removals(world, operations):
    # patrols across a month's end, so that pieces are covered in two months
    starts = [datetime(2025, 9, 30, 12, tzinfo=UTC), datetime(2025, 10, 3, 1, tzinfo=UTC)]
    with transaction.atomic():
        patrols = [_patrol(world, start=s, hours=16) for s in starts]
        kept = []
        for op in operations:
            if op[0] == "import":
                _, p, leg, minutes, offset, n = op
                fixes = _track(leg, starts[p] + timedelta(minutes=minutes), offset, n)
                try:
                    track, made = track_import(
                        actor=world.alice,
                        patrol_id=patrols[p].pk,
                        name=f"{len(kept)}.csv",
                        content=csv_(fixes),
                    )
                except DomainError:  # a track its cleaning leaves empty
                    track, made = None, False
                if made:
                    kept.append(track)
            elif op[0] == "remove" and kept:
                track_remove(actor=world.bob, track_id=kept.pop(op[1] % len(kept)).pk)
            elif op[0] == "redraw":  # the section redrawn: its pieces cut anew at the next import
                geometry = {
                    "type": "LineString",
                    "coordinates": [
                        [106.5, 16.5],
                        [106.6, 16.6 + op[1] * 0.001],
                        [106.7, 16.65],
                    ],
                }
                section_update(actor=world.bob, section_id=world.section.pk, geometry=geometry)
            elif op[0] == "move":  # marker 600 surveyed again, up to 330 m away
                marker_update(
                    actor=world.bob,
                    marker_id=world.marker.pk,
                    lat=Decimal("16.6") + Decimal(op[1]) / 1000,
                )
        kept_answers = coverage.snapshot()
        coverage.rebuild()
        assert coverage.snapshot() == kept_answers
        transaction.set_rollback(True)


def test_the_api_lists_markers_not_visited_and_stretches_not_patrolled(world, walked):
    api = api_client(world.alice)
    markers = api.get("/api/v1/coverage/markers", {"days": 3650, "not_visited": "false"}).json()
    [row] = [m for m in markers["markers"] if m["identifier"] == "600"]
    assert row["patrols"] == 1 and row["last_visit"].startswith("2025-09-10")
    stretches = api.get("/api/v1/coverage/stretches", {"month": "2025-09"}).json()
    assert stretches["month"] == "2025-09"
    assert [(s["section_id"], s["from_km"]) for s in stretches["stretches"]] == [
        (world.section.pk, 16.0)
    ]
    for bad in ("2025-13", "septembre"):
        refused = api.get("/api/v1/coverage/stretches", {"month": bad})
        assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "month"


def test_the_page_shows_the_posts_coverage(world, walked):
    client = Client()
    sign_in(client, world.alice)
    page = client.get("/coverage/", {"month": "2025-09", "days": "3650"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="coverage-stretches"' in html and world.section.code in html
    assert "Mọi mốc đều có tuần tra đi qua" in html  # marker 600 visited within 3650 days
    assert client.get("/coverage/", {"month": "2025-13"}).status_code == 400
