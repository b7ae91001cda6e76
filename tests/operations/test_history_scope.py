"""A marker's status history is registry fact read across the province, but what a post's patrol
or repair wrote into it (its source, note and recorder) is that post's record: another post's
officer sees the status and the date only, in the API, on the page and in the export, while the
post itself and the province see everything. An entry recorded in the registry by hand stays
whole for everyone."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from biengioi.core.access import Role
from biengioi.operations.services import marker_repair_advance, marker_repair_open, patrol_create
from biengioi.registry.services import marker_status_record
from tests.conftest import api_client, make_user, sign_in

START = datetime(2025, 9, 12, 1, tzinfo=UTC)  # 08:00 in Hà Nội, 12/09/2025
NOTE = "Nứt chân mốc phía tây, dấu vết đào bới"
REPAIR_NOTE = "Mốc nghiêng sau mưa lũ đêm 10/09"
STEP_NOTE = "Đổ lại bê tông chân mốc"


@pytest.fixture
def dave(world):
    """A field officer of the province's other post (Lý Vạn)."""
    return make_user("dave", Role.FIELD_OFFICER, world.post2)


def _inspected(world, *, day=0, status="damaged", note=NOTE):
    started = START + timedelta(days=day)
    return patrol_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=started,
        ended_at=started + timedelta(hours=6),
        inspections=[{"marker_id": world.marker.pk, "status": status, "note": note}],
    )[0]


def _statuses(user, marker):
    response = api_client(user).get(f"/api/v1/markers/{marker.pk}/statuses")
    assert response.status_code == 200
    return response


def _page(user, url):
    client = Client()
    sign_in(client, user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_another_posts_officer_sees_a_patrols_finding_without_its_text(world, dave):
    patrol = _inspected(world)
    assert api_client(dave).get(f"/api/v1/patrols/{patrol.pk}").status_code == 404

    response = _statuses(dave, world.marker)
    latest = response.json()[0]
    assert (latest["status"], latest["on"]) == ("damaged", "2025-09-12")
    assert (latest["source"], latest["note"], latest["recorded_by"]) == ("", "", None)
    assert (latest["withheld"], latest["origin"], latest["origin_id"]) == (True, "", None)
    for text in (NOTE, "Tuần tra", "alice"):
        assert text not in response.content.decode()

    page = _page(dave, f"/markers/{world.marker.pk}/")
    assert "Hư hỏng" in page and "12/09/2025" in page
    assert 'data-testid="withheld"' in page
    for text in (NOTE, "Tuần tra đơn phương", "Alice", f"/patrols/{patrol.pk}/"):
        assert text not in page


@pytest.mark.parametrize("who", ["alice", "bob", "lee"])
def test_the_post_and_the_province_see_a_patrols_finding_whole(world, who):
    patrol = _inspected(world)
    user = getattr(world, who)
    latest = _statuses(user, world.marker).json()[0]
    assert (latest["source"], latest["note"], latest["recorded_by"]) == (
        "Tuần tra đơn phương ngày 12/09/2025",
        NOTE,
        "alice",
    )
    assert (latest["withheld"], latest["origin"], latest["origin_id"]) == (
        False,
        "operations.patrol",
        patrol.pk,
    )
    page = _page(user, f"/markers/{world.marker.pk}/")
    assert NOTE in page
    assert f'<a href="/patrols/{patrol.pk}/">Tuần tra đơn phương ngày 12/09/2025</a>' in page


def test_another_posts_officer_sees_a_repairs_steps_without_their_text(world, dave):
    repair, _ = marker_repair_open(
        actor=world.alice,
        marker_id=world.marker.pk,
        problem="displaced",
        detected_on=START.date(),
        description=REPAIR_NOTE,
    )
    for stage, days in [("reported", 1), ("notified", 2), ("surveyed", 3), ("repaired", 4)]:
        repair = marker_repair_advance(
            actor=world.alice,
            repair_id=repair.pk,
            version=repair.version,
            stage=stage,
            on=START.date() + timedelta(days=days),
            note=STEP_NOTE,
            outcome="repaired" if stage == "repaired" else "",
        )
    assert api_client(dave).get(f"/api/v1/marker-repairs/{repair.pk}").status_code == 404

    rows = _statuses(dave, world.marker).json()
    assert [(r["status"], r["on"]) for r in rows[:2]] == [
        ("intact", "2025-09-16"),
        ("displaced", "2025-09-12"),
    ]
    assert all(
        r["withheld"] and not (r["source"] or r["note"] or r["recorded_by"]) for r in rows[:2]
    )
    text = _statuses(dave, world.marker).content.decode() + _page(
        dave, f"/markers/{world.marker.pk}/"
    )
    for secret in (REPAIR_NOTE, STEP_NOTE, "Phát hiện ngày", "khôi phục tại chỗ", "alice", "Alice"):
        assert secret not in text

    mine = _statuses(world.alice, world.marker).json()
    assert [(r["note"], r["origin"], r["origin_id"]) for r in mine[:2]] == [
        (STEP_NOTE, "operations.markerrepair", repair.pk),
        (REPAIR_NOTE, "operations.markerrepair", repair.pk),
    ]
    assert f'href="/repairs/{repair.pk}/"' in _page(world.alice, f"/markers/{world.marker.pk}/")


def test_an_entry_recorded_in_the_registry_by_hand_stays_whole_for_every_post(world, dave):
    marker_status_record(
        actor=world.erin,
        marker_id=world.marker.pk,
        status="landslide",
        on=date(2025, 10, 1),
        source="Báo cáo của Ban Chỉ huy",
        note="Taluy sạt sau bão số 10",
    )
    latest = _statuses(dave, world.marker).json()[0]
    assert (latest["source"], latest["note"], latest["recorded_by"], latest["withheld"]) == (
        "Báo cáo của Ban Chỉ huy",
        "Taluy sạt sau bão số 10",
        "erin",
        False,
    )
    assert (latest["origin"], latest["origin_id"]) == ("", None)


def test_the_marker_export_carries_no_text_of_another_posts_patrol(world, dave):
    _inspected(world)
    client = Client()
    sign_in(client, dave)
    for fmt in ("csv", "xlsx"):
        response = client.get(f"/markers/export.{fmt}")
        assert response.status_code == 200
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert NOTE.encode() not in body and "Tuần tra".encode() not in body


def test_reading_a_history_takes_as_many_queries_however_many_patrols_wrote_it(world, dave):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _statuses(dave, world.marker)
        return len(queries)

    _inspected(world, day=0, status="damaged")
    few = count()
    for day, status in enumerate(["intact", "displaced", "intact", "lost", "intact"], 1):
        _inspected(world, day=day, status=status)
    assert count() == few


def test_entries_written_before_origins_were_kept_are_traced_to_their_patrol_or_repair(world):
    """operations 0011 names the record behind each entry written before registry 0012."""
    import importlib

    from django.apps import apps

    from biengioi.operations.models import MarkerRepair
    from biengioi.registry.models import MarkerStatus

    _inspected(world)  # damaged: its inspection also opens a repair, which writes no entry
    repair = MarkerRepair.objects.get()
    ladder = [("reported", 1), ("notified", 2), ("surveyed", 3), ("repaired", 4), ("closed", 5)]
    for stage, days in ladder:
        repair = marker_repair_advance(
            actor=world.alice,
            repair_id=repair.pk,
            version=repair.version,
            stage=stage,
            on=START.date() + timedelta(days=days),
            note=STEP_NOTE,
            outcome="replaced" if stage == "repaired" else "",
        )
    marker_repair_open(
        actor=world.alice,
        marker_id=world.marker.pk,
        problem="lost",
        detected_on=START.date() + timedelta(days=6),
        description=REPAIR_NOTE,
    )
    expected = list(MarkerStatus.objects.order_by("pk").values_list("origin", "origin_id"))
    assert expected[0] == ("", None)  # planted with the marker, in the registry
    assert {o for o, _ in expected[1:]} == {"operations.patrol", "operations.markerrepair"}
    MarkerStatus.objects.update(origin="", origin_id=None)

    migration = importlib.import_module("biengioi.operations.migrations.0011_status_entry_origins")
    migration.name_origins(apps, None)

    assert list(MarkerStatus.objects.order_by("pk").values_list("origin", "origin_id")) == expected
