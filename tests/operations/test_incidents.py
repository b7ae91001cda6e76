"""Border incidents: placed against the border and its markers, handled up a ladder that skips no
rung, each rung with its deadline, closed with a result; retried creates and stale edits safe."""

import uuid
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.operations import selectors
from biengioi.operations.models import Incident, IncidentStep
from biengioi.operations.services import (
    incident_close,
    incident_create,
    incident_deadline_set,
    incident_step_add,
    incident_update,
)
from biengioi.registry.services import marker_create

DETECTED = date(2025, 9, 1)


def _incident(world, actor=None, **fields):
    data = {
        "unit_id": world.post.pk,
        "kind": "encroachment",
        "title": "Phía bạn canh tác lấn sang đất Việt Nam",
        "lon": 106.601,
        "lat": 16.602,
        "detected_on": DETECTED,
        "detected_by": "Tổ tuần tra Đồn Biên phòng Bản Giốc",
    }
    incident, _made = incident_create(actor=actor or world.alice, **{**data, **fields})
    return incident


def _step(world, incident, level="grassroots", on=DETECTED + timedelta(days=2), **fields):
    data = {
        "handled_by": "Đồn Biên phòng Bản Giốc",
        "channel": "meeting",
        "summary": "Hội đàm với Đại đội 963 tại mốc 600",
    }
    step, _made = incident_step_add(
        actor=fields.pop("actor", world.alice),
        incident_id=incident.pk,
        level=level,
        on=on,
        **{**data, **fields},
    )
    return step


def _counts():
    return Incident.objects.count(), IncidentStep.objects.count(), AuditRecord.objects.count()


def test_an_incident_is_placed_against_the_border_and_its_nearest_marker(world):
    far = marker_create(
        actor=None,
        line_id=world.line.pk,
        identifier="640",
        kind="main",
        lon=106.68,
        lat=16.64,
        post_id=world.post.pk,
        commune_id=world.admin_commune.pk,
    )
    incident = _incident(world, lon=106.679, lat=16.641)

    assert incident.line == world.line
    assert incident.nearest_marker == far
    assert 50 < incident.marker_distance_m < 200  # about 150 m on the ground
    assert incident.line_distance_m < incident.marker_distance_m + 1
    assert incident.commune == world.admin_commune  # taken from the nearest marker
    assert incident.level == "grassroots"
    assert incident.due_on == DETECTED + timedelta(days=15)
    record = AuditRecord.objects.filter(action="incident.create").first()
    assert record.after["nearest_marker"] == far.pk

    near = _incident(world, lon=106.6, lat=16.601)
    assert near.nearest_marker == world.marker
    assert near.marker_distance_m < 150


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        (
            {"detected_on": timezone.localdate() + timedelta(days=2)},
            Code.DATE_IN_FUTURE,
            "detected_on",
        ),
        ({"lon": 111.5}, Code.LON_OUT_OF_RANGE, "lon"),
        ({"title": "  "}, Code.REQUIRED, "title"),
        ({"kind": "piracy"}, Code.REQUIRED, "kind"),
        ({"detected_by": ""}, Code.REQUIRED, "detected_by"),
        ({"commune_id": 999999}, Code.NOT_A_COMMUNE, "commune_id"),
    ],
)
def test_bad_incidents_name_the_field_and_write_nothing(world, fields, code, field):
    before = _counts()
    with pytest.raises(DomainError) as caught:
        _incident(world, **fields)
    assert (caught.value.code, caught.value.field) == (code, field)
    assert _counts() == before


def test_an_incident_is_recorded_for_a_unit_in_scope_only(world):
    with pytest.raises(DomainError) as caught:
        _incident(world, unit_id=world.post2.pk)
    assert caught.value.code == Code.UNIT_NOT_IN_SCOPE
    with pytest.raises(PermissionDenied):
        _incident(world, actor=world.lee)  # leaders read, they do not record
    incident = _incident(world)
    with pytest.raises(Http404):
        selectors.incident_get(actor=world.charlie, incident_id=incident.pk)
    assert not selectors.incident_list(actor=world.charlie).exists()


def test_a_retried_create_returns_the_first_incident(world):
    client_id = uuid.uuid4()
    first = _incident(world, client_id=client_id)
    again, made = incident_create(
        actor=world.alice,
        client_id=client_id,
        unit_id=world.post.pk,
        kind="other",
        title="Gửi lại",
        lon=106.6,
        lat=16.6,
        detected_on=DETECTED,
        detected_by="x",
    )
    assert (again.pk, made, again.title) == (first.pk, False, first.title)
    assert Incident.objects.count() == 1
    with pytest.raises(DomainError) as caught:
        _incident(world, actor=world.erin, client_id=client_id)
    assert caught.value.code == Code.CLIENT_ID_TAKEN


def test_the_ladder_skips_no_rung(world):
    incident = _incident(world)
    before = _counts()
    with pytest.raises(DomainError) as caught:
        _step(world, incident, level="province")
    assert (caught.value.code, caught.value.field) == (Code.STEP_SKIPPED, "level")
    assert "Cấp cơ sở" in caught.value.message and "Cấp tỉnh" in caught.value.message
    assert _counts() == before

    _step(world, incident, level="grassroots")
    with pytest.raises(DomainError) as caught:
        _step(world, incident, level="central", on=DETECTED + timedelta(days=5))
    assert caught.value.code == Code.STEP_SKIPPED
    # the rung below must come first in time too
    with pytest.raises(DomainError) as caught:
        _step(world, incident, level="province", on=DETECTED + timedelta(days=1))
    assert caught.value.code == Code.STEP_SKIPPED

    moved = DETECTED + timedelta(days=20)
    _step(world, incident, level="province", on=moved, channel="letter")
    incident.refresh_from_db()
    assert (incident.level, incident.level_since) == ("province", moved)
    assert incident.due_on == moved + timedelta(days=45)
    assert incident.version == 3  # made, then two steps
    _step(world, incident, level="central", on=moved + timedelta(days=3))
    incident.refresh_from_db()
    assert incident.level == "central"
    assert AuditRecord.objects.filter(action="incident.step").count() == 3


@pytest.mark.parametrize(
    ("fields", "code", "field"),
    [
        ({"on": DETECTED - timedelta(days=1)}, Code.BEFORE_DETECTION, "on"),
        ({"on": timezone.localdate() + timedelta(days=3)}, Code.DATE_IN_FUTURE, "on"),
        ({"level": "district"}, Code.REQUIRED, "level"),
        ({"channel": "pigeon"}, Code.REQUIRED, "channel"),
        ({"summary": ""}, Code.REQUIRED, "summary"),
        ({"counterpart_id": -1}, Code.NOT_IN_PROVINCE, "counterpart_id"),
    ],
)
def test_bad_steps_name_the_field_and_write_nothing(world, fields, code, field):
    incident = _incident(world)
    before = _counts()
    with pytest.raises(DomainError) as caught:
        _step(world, incident, **fields)
    assert (caught.value.code, caught.value.field) == (code, field)
    assert _counts() == before
    incident.refresh_from_db()
    assert incident.version == 1


def test_closing_needs_steps_a_result_and_a_day_after_the_last_step(world):
    incident = _incident(world)
    with pytest.raises(DomainError) as caught:
        incident_close(
            actor=world.alice, incident_id=incident.pk, version=1, closed_on=DETECTED, result="x"
        )
    assert caught.value.code == Code.NO_STEPS
    _step(world, incident, on=DETECTED + timedelta(days=4), counterpart_id=world.counterpart.pk)
    for closed_on, result, code, field in [
        (DETECTED + timedelta(days=3), "Đã giải quyết", Code.CLOSED_BEFORE_STEP, "closed_on"),
        (DETECTED + timedelta(days=5), "  ", Code.REQUIRED, "result"),
    ]:
        with pytest.raises(DomainError) as caught:
            incident_close(
                actor=world.alice,
                incident_id=incident.pk,
                version=2,
                closed_on=closed_on,
                result=result,
            )
        assert (caught.value.code, caught.value.field) == (code, field)
    with pytest.raises(Stale):
        incident_close(
            actor=world.alice,
            incident_id=incident.pk,
            version=1,
            closed_on=DETECTED + timedelta(days=5),
            result="Phía bạn đã thu hồi diện tích canh tác",
        )
    closed = incident_close(
        actor=world.alice,
        incident_id=incident.pk,
        version=2,
        closed_on=DETECTED + timedelta(days=5),
        result="Phía bạn đã thu hồi diện tích canh tác",
    )
    assert (closed.closed_on, closed.due_on, closed.version) == (
        DETECTED + timedelta(days=5),
        None,
        3,
    )
    with pytest.raises(DomainError) as caught:
        _step(world, incident, on=DETECTED + timedelta(days=6))
    assert caught.value.code == Code.INCIDENT_CLOSED


def test_a_stale_edit_overwrites_nothing(world):
    incident = _incident(world)
    incident_update(actor=world.alice, incident_id=incident.pk, version=1, parties="Hộ ông A")
    with pytest.raises(Stale) as caught:
        incident_update(actor=world.erin, incident_id=incident.pk, version=1, title="Sửa cũ")
    assert caught.value.current.version == 2
    incident.refresh_from_db()
    assert (incident.title, incident.parties) == (
        "Phía bạn canh tác lấn sang đất Việt Nam",
        "Hộ ông A",
    )


def test_an_edit_moves_the_point_and_the_deadline(world):
    incident = _incident(world)
    incident_deadline_set(actor=world.sam, kind="airspace", level="grassroots", days=3)
    edited = incident_update(
        actor=world.alice,
        incident_id=incident.pk,
        version=1,
        kind="airspace",
        lon=106.65,
        lat=16.63,
        detected_on=DETECTED + timedelta(days=1),
    )
    assert edited.due_on == DETECTED + timedelta(days=4)
    assert edited.marker_distance_m > 5000  # marker 600 is far from the new point
    _step(world, edited, on=DETECTED + timedelta(days=2))
    with pytest.raises(DomainError) as caught:
        incident_update(
            actor=world.alice,
            incident_id=incident.pk,
            version=3,
            detected_on=DETECTED + timedelta(days=3),
        )
    assert caught.value.code == Code.DETECTED_AFTER_STEP


def test_a_province_sets_its_deadlines_and_open_incidents_follow(world):
    waiting = _incident(world, kind="works_near_line")
    other_kind = _incident(world, kind="resources")
    with pytest.raises(PermissionDenied):
        incident_deadline_set(actor=world.alice, kind="works_near_line", level="grassroots", days=5)
    with pytest.raises(DomainError) as caught:
        incident_deadline_set(actor=world.sam, kind="works_near_line", level="grassroots", days=0)
    assert (caught.value.code, caught.value.field) == (Code.OUT_OF_RANGE, "days")

    incident_deadline_set(actor=world.sam, kind="works_near_line", level="grassroots", days=5)
    waiting.refresh_from_db()
    other_kind.refresh_from_db()
    assert waiting.due_on == DETECTED + timedelta(days=5)
    assert other_kind.due_on == DETECTED + timedelta(days=15)
    table = {row["kind"]: row for row in selectors.deadline_table(actor=world.alice)}
    assert table["works_near_line"]["days"]["grassroots"] == 5
    assert table["works_near_line"]["own"] == {"grassroots"}
    assert table["resources"]["days"]["province"] == 45
    # another province keeps the defaults
    assert selectors.deadline_days(world.tsn.pk, "works_near_line", "grassroots") == 15
    assert AuditRecord.objects.filter(action="incident.deadline").count() == 1


def test_the_overdue_list_and_the_counts(world):
    late = _incident(world, title="Quá hạn ở cơ sở")  # due 16/09/2025
    on_time = _incident(world, title="Còn hạn", detected_on=DETECTED + timedelta(days=20))
    moved_up = _incident(world, title="Đã lên tỉnh")
    _step(world, moved_up, level="grassroots", on=DETECTED + timedelta(days=1))
    _step(world, moved_up, level="province", on=DETECTED + timedelta(days=10))  # due 26/10
    done = _incident(world, title="Đã xong")
    _step(world, done)
    incident_close(
        actor=world.alice,
        incident_id=done.pk,
        version=2,
        closed_on=DETECTED + timedelta(days=40),
        result="Xong",
    )
    today = date(2025, 10, 1)
    everything = selectors.incident_list(actor=world.erin)
    assert [i.pk for i in selectors.overdue(everything, today)] == [late.pk]
    assert [i.pk for i in selectors.overdue(everything, date(2025, 10, 27))] == [
        late.pk,
        on_time.pk,
        moved_up.pk,
    ]  # the longest overdue first
    counts = selectors.incident_counts(everything, today)
    assert counts == {
        "total": 4,
        "open": 3,
        "overdue": 1,
        "closed": 1,
        "grassroots": 3,
        "province": 1,
        "central": 0,
    }
    assert list(selectors.incident_list(actor=world.erin, status="overdue", today=today)) == [late]
    assert set(selectors.incident_list(actor=world.erin, status="closed")) == {done}
    assert set(selectors.incident_list(actor=world.erin, level="province")) == {moved_up}


def test_the_rungs_of_an_incident_tell_how_late_each_was(world):
    incident = _incident(world)
    _step(world, incident, on=DETECTED + timedelta(days=3))
    _step(world, incident, level="province", on=DETECTED + timedelta(days=20))
    steps = list(selectors.incident_steps(actor=world.alice, incident=incident))
    incident.refresh_from_db()
    rungs = selectors.incident_rungs(incident, steps)
    assert [(r.level, r.since, r.left_on) for r in rungs] == [
        ("grassroots", DETECTED, DETECTED + timedelta(days=20)),
        ("province", DETECTED + timedelta(days=20), None),
    ]
    today = DETECTED + timedelta(days=70)
    assert [r.late_days(today) for r in rungs] == [5, 5]


def _json(client, method, url, body=None, **headers):
    return getattr(client, method)(url, data=body, content_type="application/json", **headers)


def _create_body(world, **fields):
    return {
        "unit_id": world.post.pk,
        "kind": "marker_damage",
        "title": "Mốc 600 bị xe cày làm nghiêng",
        "lon": "106.6003",
        "lat": "16.6004",
        "detected_on": "2025-09-01",
        "detected_by": "Tổ tuần tra",
        **fields,
    }


def test_the_api_records_an_incident_once_and_climbs_its_ladder(world, as_user):
    api = as_user(world.alice)
    body = _create_body(world, id=str(uuid.uuid4()))
    first = _json(api, "post", "/api/v1/incidents", body)
    assert first.status_code == 201, first.content
    made = first.json()
    assert (made["nearest_marker"], made["level"], made["due_on"]) == (
        "600",
        "grassroots",
        "2025-09-16",
    )
    assert _json(api, "post", "/api/v1/incidents", body).status_code == 200
    keyed = {"HTTP_IDEMPOTENCY_KEY": "inc-1"}
    one = _json(api, "post", "/api/v1/incidents", _create_body(world), **keyed)
    two = _json(api, "post", "/api/v1/incidents", _create_body(world), **keyed)
    assert (one.status_code, two.status_code) == (201, 200)
    assert Incident.objects.count() == 2

    steps = f"/api/v1/incidents/{made['id']}/steps"
    skipped = {
        "level": "province",
        "on": "2025-09-05",
        "handled_by": "Bộ Chỉ huy",
        "channel": "letter",
        "summary": "Gửi thư cho phía bạn",
    }
    refused = _json(api, "post", steps, skipped)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "level"
    assert "Cấp cơ sở" in refused.json()["errors"][0]["message"]
    step = {
        "id": str(uuid.uuid4()),
        "level": "grassroots",
        "on": "2025-09-02",
        "handled_by": "Đồn Biên phòng Bản Giốc",
        "channel": "hotline",
        "counterpart_id": world.counterpart.pk,
        "summary": "Thông báo qua đường dây nóng",
        "agreed": "Phía bạn cử người kiểm tra",
    }
    assert _json(api, "post", steps, step).status_code == 201
    assert _json(api, "post", steps, step).status_code == 200  # a retry
    assert _json(api, "post", steps, skipped).status_code == 201
    detail = api.get(f"/api/v1/incidents/{made['id']}").json()
    assert [s["level"] for s in detail["steps"]] == ["grassroots", "province"]
    assert (detail["level"], detail["version"]) == ("province", 3)
    assert detail["overdue_days"] > 0  # 45 days from 05/09/2025 have long passed

    overdue = api.get("/api/v1/incidents/overdue").json()
    assert overdue["count"] == 2 and overdue["items"][0]["id"] == one.json()["id"]
    counts = api.get("/api/v1/incidents/counts", {"kind": "marker_damage"}).json()
    assert (counts["total"], counts["overdue"], counts["province"]) == (2, 2, 1)


def test_the_api_answers_409_to_a_stale_edit_or_closing(world, as_user):
    api = as_user(world.alice)
    made = _json(api, "post", "/api/v1/incidents", _create_body(world)).json()
    url = f"/api/v1/incidents/{made['id']}"
    assert _json(api, "patch", url, {"version": 1, "parties": "Hộ ông A"}).status_code == 200
    stale = _json(api, "patch", url, {"version": 1, "title": "Cũ"})
    assert stale.status_code == 409
    assert stale.json()["current"]["parties"] == "Hộ ông A"
    assert stale.json()["errors"][0]["field"] == "version"
    closing = {"version": 1, "closed_on": "2025-09-10", "result": "Xong"}
    assert _json(api, "post", f"{url}/close", closing).status_code == 409
    no_steps = _json(api, "post", f"{url}/close", {**closing, "version": 2})
    assert no_steps.status_code == 422 and no_steps.json()["errors"][0]["field"] == "closed_on"
    assert Incident.objects.get().closed_on is None


def test_the_api_lists_and_sets_the_provinces_deadlines(world, as_user):
    rows = as_user(world.alice).get("/api/v1/incidents/deadlines").json()
    assert {r["kind"]: r["grassroots"] for r in rows}["airspace"] == 15
    change = {"kind": "airspace", "level": "grassroots", "days": 2}
    assert (
        _json(as_user(world.alice), "put", "/api/v1/incidents/deadlines", change).status_code == 403
    )
    rows = _json(as_user(world.sam), "put", "/api/v1/incidents/deadlines", change).json()
    airspace = {r["kind"]: r for r in rows}["airspace"]
    assert (airspace["grassroots"], airspace["set_by_province"]) == (2, ["grassroots"])


def test_several_deadlines_are_set_together_or_not_at_all(world):
    from biengioi.operations.models import IncidentDeadline
    from biengioi.operations.services import incident_deadlines_set

    with pytest.raises(DomainError) as caught:
        incident_deadlines_set(
            actor=world.sam,
            changes=[("airspace", "grassroots", 3), ("airspace", "province", 99999)],
        )
    assert caught.value.field == "days"
    assert not IncidentDeadline.objects.exists()
    assert not AuditRecord.objects.filter(action="incident.deadline").exists()


def test_a_coordinate_that_is_not_a_number_names_its_field(world):
    with pytest.raises(DomainError) as caught:
        _incident(world, lon="106,6.1")
    assert (caught.value.code, caught.value.field) == (Code.REQUIRED, "lon")
    assert not Incident.objects.exists()
