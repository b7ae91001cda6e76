"""Patrols and the marker inspections made on them: recorded within scope, audited, a changed
marker status entering the marker's history, retries without duplicates, stale edits refused."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.operations import selectors
from biengioi.operations.models import MarkerInspection, Patrol
from biengioi.operations.services import patrol_create, patrol_update
from biengioi.registry import selectors as registry
from biengioi.registry.models import MarkerStatus
from biengioi.registry.services import border_line_create, marker_create, section_create

START = datetime(2025, 9, 12, 0, 30, tzinfo=UTC)  # 07:30 in Hà Nội


@pytest.fixture
def markers(world):
    """Three more markers of the TBT line: two of alice's post, one of the other post."""
    out = {
        ident: marker_create(
            actor=None,
            line_id=world.line.pk,
            identifier=ident,
            kind="main",
            lon=106.6 + 0.01 * n,
            lat=16.6 + 0.005 * n,
            post_id=post.pk,
            status="intact",
            status_on=START.date() - timedelta(days=200),
        )
        for n, (ident, post) in enumerate(
            [("601", world.post), ("602", world.post), ("603", world.post2)], 1
        )
    }
    out["600"] = world.marker
    return out


def _patrol(world, actor=None, **fields):
    data = {
        "unit_id": world.post.pk,
        "kind": "unilateral",
        "line_id": world.line.pk,
        "started_at": START,
        "ended_at": START + timedelta(hours=8),
    }
    return patrol_create(actor=actor or world.alice, **{**data, **fields})


def _counts():
    return (
        Patrol.objects.count(),
        MarkerInspection.objects.count(),
        MarkerStatus.objects.count(),
        AuditRecord.objects.count(),
    )


def _refused(world, code, field, **fields):
    before = _counts()
    with pytest.raises(DomainError) as err:
        _patrol(world, **fields)
    assert (err.value.code, err.value.field) == (code, field)
    assert _counts() == before
    return err.value


def test_a_bilateral_patrol_with_three_inspections_records_the_damaged_marker(world, markers):
    patrol, created = _patrol(
        world,
        kind="bilateral",
        host_side="vn",
        counterpart_id=world.counterpart.pk,
        counterpart_leader="Đại úy Khamphone",
        section_ids=[world.section.pk],
        from_marker_id=markers["600"].pk,
        to_marker_id=markers["602"].pk,
        distance_km="12.5",
        border_guards=6,
        militia=2,
        other_side=5,
        inspections=[
            {"marker_id": markers["600"].pk, "status": "intact", "vegetation_cleared": True},
            {"marker_id": markers["601"].pk, "status": "damaged", "note": "Nứt chân mốc"},
            {"marker_id": markers["602"].pk, "status": "intact"},
        ],
    )
    assert created and patrol.participants == 13 and str(patrol.distance_km) == "12.5"
    changed = [i.marker.identifier for i in patrol.inspections.all() if i.status_changed]
    assert changed == ["601"]
    damaged = registry.marker_get(actor=world.lee, marker_id=markers["601"].pk)
    assert damaged.current_status == "damaged"
    entry = MarkerStatus.objects.filter(marker=damaged).order_by("-pk").first()
    assert (entry.on.isoformat(), entry.source) == (
        "2025-09-12",
        "Tuần tra song phương ngày 12/09/2025",
    )
    assert entry.recorded_by == world.alice
    record = AuditRecord.objects.filter(action="patrol.create").first()
    assert record.actor == world.alice and len(record.after["inspections"]) == 3
    assert record.after["sections"] == [world.section.pk]


def test_a_retried_create_with_the_same_client_id_makes_no_duplicate(world, markers):
    client_id = uuid.uuid4()
    first, created = _patrol(world, client_id=client_id)
    before = _counts()
    again, created_again = _patrol(world, client_id=client_id, findings="lần hai")
    assert (again.pk, created, created_again) == (first.pk, True, False)
    assert _counts() == before
    with pytest.raises(DomainError) as err:  # someone else's id is not theirs to replay
        _patrol(world, actor=world.erin, client_id=client_id)
    assert (err.value.code, err.value.field) == (Code.CLIENT_ID_TAKEN, "id")


def test_a_patrol_ending_before_it_starts_is_refused(world):
    _refused(world, Code.ENDS_BEFORE_START, "ended_at", ended_at=START - timedelta(minutes=1))


def test_a_patrol_in_the_future_is_refused(world):
    later = timezone.now() + timedelta(days=1)
    _refused(world, Code.MOMENT_IN_FUTURE, "started_at", started_at=later, ended_at=later)


def test_a_bilateral_patrol_without_its_counterpart_unit_is_refused(world):
    _refused(world, Code.REQUIRED, "counterpart_id", kind="bilateral", host_side="vn")
    _refused(
        world, Code.REQUIRED, "host_side", kind="bilateral", counterpart_id=world.counterpart.pk
    )


def test_an_inspected_marker_not_on_the_patrols_border_is_refused(world, markers):
    china = border_line_create(
        actor=None,
        country_code="CN",
        name="Biên giới Việt Nam – Trung Quốc",
        province_id=world.tbt.pk,
    )
    section_create(
        actor=None,
        line_id=china.pk,
        code="C1",
        name="Đoạn C1",
        post_id=world.post.pk,
        geometry={"type": "LineString", "coordinates": [[106.0, 22.8], [106.1, 22.85]]},
    )
    other = marker_create(
        actor=None,
        line_id=china.pk,
        identifier="1117",
        kind="main",
        lon=106.05,
        lat=22.82,
        post_id=world.post.pk,
    )
    inspections = [
        {"marker_id": markers["601"].pk, "status": "damaged"},
        {"marker_id": other.pk, "status": "intact"},
    ]
    err = _refused(
        world, Code.MARKER_OTHER_BORDER, "inspections.1.marker_id", inspections=inspections
    )
    assert "1117" in err.message
    assert (
        registry.marker_get(actor=world.lee, marker_id=markers["601"].pk).current_status == "intact"
    )
    _refused(world, Code.MARKER_OTHER_BORDER, "to_marker_id", to_marker_id=other.pk)
    foreign = [{"marker_id": world.tsn_marker.pk, "status": "intact"}]  # another province
    _refused(world, Code.REQUIRED, "inspections.0.marker_id", inspections=foreign)


def test_a_marker_inspected_twice_or_outside_the_posts_area_is_refused(world, markers):
    twice = [{"marker_id": markers["601"].pk, "status": "intact"}] * 2
    _refused(world, Code.INSPECTED_TWICE, "inspections.1.marker_id", inspections=twice)
    theirs = [{"marker_id": markers["603"].pk, "status": "intact"}]
    _refused(world, Code.MARKER_NOT_IN_SCOPE, "inspections.0.marker_id", inspections=theirs)
    bad_status = [{"marker_id": markers["601"].pk, "status": "vanished"}]
    _refused(world, Code.REQUIRED, "inspections.0.status", inspections=bad_status)


def test_negative_participants_or_distances_are_refused(world):
    _refused(world, Code.OUT_OF_RANGE, "militia", militia=-1)
    _refused(world, Code.OUT_OF_RANGE, "distance_km", distance_km="-3")


def test_a_patrol_is_recorded_only_for_a_unit_in_scope_and_by_a_role_that_records(world):
    _refused(world, Code.UNIT_NOT_IN_SCOPE, "unit_id", unit_id=world.post2.pk)
    with pytest.raises(PermissionDenied):
        _patrol(world, actor=world.lee)


def test_a_stale_edit_is_refused_with_the_current_patrol(world):
    patrol, _ = _patrol(world)
    patrol_update(actor=world.alice, patrol_id=patrol.pk, version=1, findings="Bình thường")
    before = _counts()
    with pytest.raises(Stale) as stale:
        patrol_update(actor=world.erin, patrol_id=patrol.pk, version=1, findings="Ghi đè")
    assert stale.value.current.version == 2 and stale.value.current.findings == "Bình thường"
    assert _counts() == before
    updated = patrol_update(actor=world.erin, patrol_id=patrol.pk, version=2, militia=4)
    assert (updated.version, updated.militia, updated.findings) == (3, 4, "Bình thường")
    record = AuditRecord.objects.filter(action="patrol.update").first()
    assert (record.before["militia"], record.after["militia"]) == (0, 4)


def test_lists_filter_by_period_unit_and_kind_and_count_by_kind(world, markers):
    _patrol(world)
    _patrol(world, started_at=START - timedelta(days=40), ended_at=START - timedelta(days=40))
    _patrol(world, kind="bilateral", host_side="other", counterpart_id=world.counterpart.pk)
    _patrol(world, actor=world.erin, unit_id=world.post2.pk)
    september = selectors.patrol_list(
        actor=world.lee, start=START.date().replace(day=1), end=START.date().replace(day=30)
    )
    counts = selectors.patrol_counts(september)
    assert (counts["total"], counts["unilateral"], counts["bilateral"]) == (3, 2, 1)
    assert selectors.patrol_list(actor=world.alice).count() == 3  # her post only
    assert selectors.patrol_list(actor=world.lee, unit_id=world.post2.pk).count() == 1
    assert selectors.patrol_list(actor=world.charlie).count() == 0  # another province
    inspected = selectors.patrol_list(actor=world.lee, marker_id=markers["601"].pk)
    assert inspected.count() == 0


def _body(world, **fields):
    return {
        "unit_id": world.post.pk,
        "kind": "unilateral",
        "line_id": world.line.pk,
        "started_at": "2025-09-12T07:30:00+07:00",
        "ended_at": "2025-09-12T15:30:00+07:00",
        **fields,
    }


def test_the_api_replays_a_create_sent_twice_by_id_or_by_key(world, as_user):
    api = as_user(world.alice)
    body = _body(world, id=str(uuid.uuid4()), militia=3)
    first = api.post("/api/v1/patrols", data=body, content_type="application/json")
    assert first.status_code == 201 and first.json()["client_id"] == body["id"]
    again = api.post("/api/v1/patrols", data=body, content_type="application/json")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    keyed = {"HTTP_IDEMPOTENCY_KEY": "k-1"}
    one = api.post("/api/v1/patrols", data=_body(world), content_type="application/json", **keyed)
    two = api.post("/api/v1/patrols", data=_body(world), content_type="application/json", **keyed)
    assert (one.status_code, two.status_code) == (201, 200)
    assert Patrol.objects.count() == 2


def test_the_api_answers_409_with_the_current_patrol_to_a_stale_edit(world, as_user):
    api = as_user(world.alice)
    made = api.post("/api/v1/patrols", data=_body(world), content_type="application/json").json()
    url = f"/api/v1/patrols/{made['id']}"
    ok = api.patch(url, data={"version": 1, "militia": 2}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = api.patch(url, data={"version": 1, "militia": 9}, content_type="application/json")
    assert stale.status_code == 409
    body = stale.json()
    assert body["errors"][0]["field"] == "version" and body["current"]["militia"] == 2
    assert Patrol.objects.get().militia == 2


def test_the_api_names_the_bad_field_of_an_inspection(world, as_user):
    api = as_user(world.alice)
    body = _body(world, inspections=[{"marker_id": world.tsn_marker.pk, "status": "intact"}])
    response = api.post("/api/v1/patrols", data=body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "inspections.0.marker_id"
    late = _body(world, ended_at="2025-09-12T06:00:00+07:00")
    response = api.post("/api/v1/patrols", data=late, content_type="application/json")
    assert response.json()["errors"][0]["field"] == "ended_at"
    counts = api.get("/api/v1/patrols/counts", {"start": "2025-09-01"}).json()
    assert counts["total"] == 0
