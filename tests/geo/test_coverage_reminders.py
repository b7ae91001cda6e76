"""The coverage reminder (issue 17 item 3): a post is told once a month of its markers no GPS
track came near in COVERAGE_DAYS days; its province's secretariat when one has gone twice as
long; a province that records no track is told nothing."""

from datetime import date

import pytest

from biengioi.geo.reminders import coverage_reminders
from biengioi.notifications.models import Notification
from biengioi.notifications.scheduler import run_once
from biengioi.registry.services import marker_create

from .test_coverage import walked  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def far_marker(world):
    """Marker 610 at the far end of the line, which the walked track never reaches."""
    return marker_create(
        actor=None,
        line_id=world.line.pk,
        identifier="610",
        kind="main",
        lon=106.7,
        lat=16.65,
        post_id=world.post.pk,
    )


def _said(reminders):
    return {(r.key, tuple(sorted(r.recipients)), r.title) for r in reminders}


def test_a_province_without_tracks_is_told_nothing(world, far_marker, settings):
    settings.COVERAGE_DAYS = 90
    assert coverage_reminders(date(2026, 4, 1)) == []


def test_the_post_is_told_of_its_markers_no_track_reached(world, walked, far_marker, settings):  # noqa: F811
    settings.COVERAGE_DAYS = 90
    [told] = coverage_reminders(date(2025, 9, 20))  # 600 visited on 10/09; 610 never
    assert told.key == f"coverage:{world.post.pk}:2025-09"
    assert told.recipients == [world.alice.pk]
    assert told.title == "Đồn Biên phòng Bản Giốc: 1 mốc chưa có tuần tra đi qua trong 90 ngày"
    assert "1 mốc chưa có hành trình GPS nào" in told.body
    assert told.link.endswith(f"?post_id={world.post.pk}&days=90")


def test_the_secretariat_is_told_when_a_marker_has_gone_twice_as_long(
    world,
    walked,  # noqa: F811
    far_marker,
    settings,
):
    settings.COVERAGE_DAYS = 90
    told = coverage_reminders(date(2026, 4, 1))  # 600's visit is 203 days old
    keys = {r.key: r for r in told}
    post, province = f"coverage:{world.post.pk}:2026-04", f"coverage-long:{world.post.pk}:2026-04"
    assert set(keys) == {post, province}
    assert "2 mốc" in keys[post].title and keys[province].recipients == [world.sam.pk]
    assert keys[province].title.startswith("Quá lâu: ")


def test_a_month_is_told_once_however_often_the_scheduler_runs(world, walked, far_marker):  # noqa: F811
    run_once(date(2026, 4, 1))
    made = Notification.objects.filter(key__startswith="coverage").count()
    run_once(date(2026, 4, 15))
    assert made == 2 and Notification.objects.filter(key__startswith="coverage").count() == 2
    run_once(date(2026, 5, 2))  # a new month: told again
    assert Notification.objects.filter(key__startswith="coverage").count() == 4
