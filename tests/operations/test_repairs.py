"""Marker repairs: opened by a patrol that finds a marker in trouble (or by hand), climbed one
dated step at a time with none skipped, and a repaired marker back to intact in its history."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.http import Http404

from biengioi.audit.models import AuditRecord
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.operations import repair_selectors as selectors
from biengioi.operations.models import MarkerRepair, MarkerRepairStep
from biengioi.operations.services import (
    marker_repair_advance,
    marker_repair_open,
    patrol_create,
)
from biengioi.registry import selectors as registry
from biengioi.registry.models import MarkerStatus

FOUND = date(2025, 9, 12)
LADDER = [
    ("reported", 1, ""),
    ("notified", 3, ""),
    ("surveyed", 10, ""),
    ("repaired", 20, "replaced"),
    ("closed", 21, ""),
]


def _open(world, **fields):
    data = {"marker_id": world.marker.pk, "problem": "damaged", "detected_on": FOUND}
    repair, _made = marker_repair_open(actor=world.alice, **{**data, **fields})
    return repair


def _advance(world, repair, stage, days, outcome="", version=None):
    return marker_repair_advance(
        actor=world.alice,
        repair_id=repair.pk,
        version=version or repair.version,
        stage=stage,
        on=FOUND + timedelta(days=days),
        note=f"Bước {stage}",
        outcome=outcome,
    )


def test_a_patrol_that_finds_a_marker_damaged_opens_its_repair_once(world):
    started = datetime(2025, 9, 12, 1, tzinfo=UTC)
    inspections = [{"marker_id": world.marker.pk, "status": "damaged", "note": "Nứt chân"}]
    patrol, _ = patrol_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=started,
        ended_at=started + timedelta(hours=6),
        inspections=inspections,
    )
    repair = MarkerRepair.objects.get()
    assert (repair.marker, repair.problem, repair.stage, repair.detected_on) == (
        world.marker,
        "damaged",
        "detected",
        FOUND,
    )
    assert repair.inspection.patrol == patrol and repair.description == "Nứt chân"
    assert AuditRecord.objects.filter(action="marker_repair.open").count() == 1
    patrol_create(  # found damaged again a day later: the same repair goes on
        actor=world.alice,
        unit_id=world.post.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=started + timedelta(days=1),
        ended_at=started + timedelta(days=1, hours=6),
        inspections=inspections,
    )
    assert MarkerRepair.objects.count() == 1


def test_a_repair_climbs_the_ladder_and_the_marker_is_intact_again(world):
    repair = _open(world, description="Mốc nghiêng sau mưa lũ")
    for stage, days, outcome in LADDER:
        repair = _advance(world, repair, stage, days, outcome)
    assert (repair.stage, repair.outcome, repair.closed_on, repair.version) == (
        "closed",
        "replaced",
        FOUND + timedelta(days=21),
        6,
    )
    steps = selectors.repair_steps(repair)
    assert [s.stage for s in steps] == ["detected", *[s for s, _d, _o in LADDER]]
    marker = registry.marker_get(actor=world.lee, marker_id=world.marker.pk)
    assert marker.current_status == "intact"
    entry = MarkerStatus.objects.filter(marker=marker).order_by("-pk").first()
    assert (entry.on, entry.source) == (
        FOUND + timedelta(days=20),
        "Thay thế, cắm lại mốc ngày 02/10/2025",
    )
    assert AuditRecord.objects.filter(action="marker_repair.advance").count() == 5
    reopened = _open(world, problem="landslide", detected_on=FOUND + timedelta(days=30))
    assert reopened.pk != repair.pk  # once closed, a new problem opens a new repair


def _refused_step(world, repair, field, code, **step):
    before = (MarkerRepairStep.objects.count(), AuditRecord.objects.count())
    with pytest.raises(DomainError) as caught:
        _advance(world, repair, **step)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert (MarkerRepairStep.objects.count(), AuditRecord.objects.count()) == before
    return caught.value


def test_no_step_is_skipped_or_dated_backwards(world):
    repair = _open(world)
    error = _refused_step(world, repair, "stage", Code.REPAIR_STAGE_ORDER, stage="surveyed", days=2)
    assert "Báo cáo tỉnh" in error.message
    _refused_step(world, repair, "on", Code.BEFORE_PREVIOUS_STEP, stage="reported", days=-1)
    _refused_step(world, repair, "on", Code.DATE_IN_FUTURE, stage="reported", days=5000)
    _refused_step(world, repair, "stage", Code.REQUIRED, stage="fixed", days=1)
    for stage, days, outcome in LADDER[:3]:
        repair = _advance(world, repair, stage, days, outcome)
    _refused_step(world, repair, "outcome", Code.REQUIRED, stage="repaired", days=12)
    _refused_step(world, repair, "stage", Code.REPAIR_STAGE_ORDER, stage="reported", days=12)
    with pytest.raises(Stale) as stale:
        _advance(world, repair, "repaired", 12, "repaired", version=2)
    assert stale.value.current.stage == "surveyed"
    for stage, days, outcome in LADDER[3:]:
        repair = _advance(world, repair, stage, days, outcome)
    _refused_step(world, repair, "stage", Code.REPAIR_CLOSED, stage="closed", days=22)


def test_opening_a_repair_by_hand_enters_the_problem_in_the_markers_history(world):
    _open(world, problem="displaced", description="Mốc bị xê dịch khoảng 20 cm")
    marker = registry.marker_get(actor=world.lee, marker_id=world.marker.pk)
    assert marker.current_status == "displaced"
    entry = MarkerStatus.objects.filter(marker=marker).order_by("-pk").first()
    assert (entry.on, entry.source) == (FOUND, "Phát hiện ngày 12/09/2025")


def test_opening_a_repair_is_refused_naming_the_field(world):
    _open(world)
    with pytest.raises(DomainError) as caught:
        _open(world, problem="lost")
    assert (caught.value.field, caught.value.code) == ("marker_id", Code.REPAIR_ALREADY_OPEN)
    with pytest.raises(DomainError) as caught:
        marker_repair_open(
            actor=world.erin, marker_id=world.marker.pk, problem="intact", detected_on=FOUND
        )
    assert caught.value.field == "problem"
    with pytest.raises(DomainError) as caught:
        marker_repair_open(
            actor=world.charlie, marker_id=world.marker.pk, problem="lost", detected_on=FOUND
        )
    assert caught.value.field == "marker_id"
    assert MarkerRepair.objects.count() == 1


def test_a_retried_open_makes_one_repair_and_others_do_not_see_it(world):
    client_id = uuid.uuid4()
    first = _open(world, client_id=client_id)
    again, made = marker_repair_open(
        actor=world.alice,
        marker_id=world.marker.pk,
        problem="damaged",
        detected_on=FOUND,
        client_id=client_id,
    )
    assert (again.pk, made) == (first.pk, False)
    with pytest.raises(Http404):
        selectors.repair_get(actor=world.charlie, repair_id=first.pk)
    counts = selectors.repair_counts(selectors.repair_list(actor=world.erin))
    assert (counts["total"], counts["open"], counts["detected"]) == (1, 1, 1)
    assert selectors.repair_list(actor=world.erin, status="closed").count() == 0


def _json(client, method, url, body=None, **headers):
    return getattr(client, method)(url, data=body, content_type="application/json", **headers)


def test_the_api_opens_a_repair_and_climbs_it(world, as_user):
    api = as_user(world.alice)
    body = {
        "id": str(uuid.uuid4()),
        "marker_id": world.marker.pk,
        "problem": "displaced",
        "detected_on": "2025-09-12",
    }
    made = _json(api, "post", "/api/v1/marker-repairs", body)
    assert made.status_code == 201, made.content
    assert _json(api, "post", "/api/v1/marker-repairs", body).status_code == 200
    url = f"/api/v1/marker-repairs/{made.json()['id']}/steps"
    skipped = _json(api, "post", url, {"version": 1, "stage": "notified", "on": "2025-09-13"})
    assert skipped.status_code == 422 and skipped.json()["errors"][0]["field"] == "stage"
    step = {"version": 1, "stage": "reported", "on": "2025-09-13", "note": "Báo cáo tỉnh"}
    done = _json(api, "post", url, step)
    assert done.status_code == 200 and done.json()["next_stage"] == "notified"
    stale = _json(api, "post", url, {**step, "stage": "notified"})
    assert stale.status_code == 409 and stale.json()["current"]["stage"] == "reported"
    counts = api.get("/api/v1/marker-repairs/counts").json()
    assert (counts["open"], counts["reported"]) == (1, 1)
