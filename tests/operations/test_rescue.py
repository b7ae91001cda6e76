"""Rescue and disaster response: recorded for a unit in scope, with counts that are never
negative and an end no earlier than the start; retried creates and stale edits safe; totals by
kind that add up."""

import uuid
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.core.access import Role
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.operations import rescue_selectors as selectors
from biengioi.operations.models import RescueOperation
from biengioi.operations.services import rescue_create, rescue_update
from biengioi.registry.services import admin_unit_create
from tests.conftest import make_user

STARTED = date(2025, 9, 20)


def _rescue(world, actor=None, **fields):
    data = {
        "unit_id": world.post.pk,
        "kind": "flood",
        "title": "Lũ quét tại bản Nà Khà",
        "started_on": STARTED,
        "ended_on": STARTED + timedelta(days=2),
        "commune_id": world.admin_commune.pk,
        "place": "Bản Nà Khà",
        "rescued": 4,
        "evacuated": 37,
        "property_saved": "12 tấn lúa",
        "property_value": 350_000_000,
        "border_guards": 25,
        "militia": 10,
        "other_forces": 5,
        "vehicles": 3,
    }
    operation, _made = rescue_create(actor=actor or world.alice, **{**data, **fields})
    return operation


def _counts():
    return RescueOperation.objects.count(), AuditRecord.objects.count()


def test_a_rescue_is_recorded_and_audited(world):
    operation = _rescue(world, description="Di dời 9 hộ dân\nra khỏi vùng nguy hiểm")
    assert (operation.forces, operation.version, operation.commune) == (40, 1, world.admin_commune)
    assert operation.description == "Di dời 9 hộ dân\nra khỏi vùng nguy hiểm"
    record = AuditRecord.objects.get(action="rescue.create")
    assert record.after["evacuated"] == 37 and record.after["property_value"] == 350_000_000
    assert record.scope_path == world.post.path
    still = _rescue(world, kind="search", title="Tìm người mất tích", ended_on=None, missing=1)
    assert still.ended_on is None  # still going on


def _bad_cases():
    later = timezone.localdate() + timedelta(days=1)
    return [
        ({"kind": "earthquake"}, Code.REQUIRED, "kind"),
        ({"title": "   "}, Code.REQUIRED, "title"),
        ({"title": "x" * 201}, Code.TOO_LONG, "title"),
        ({"started_on": later, "ended_on": None}, Code.DATE_IN_FUTURE, "started_on"),
        ({"started_on": None}, Code.REQUIRED, "started_on"),
        ({"ended_on": later}, Code.DATE_IN_FUTURE, "ended_on"),
        ({"ended_on": STARTED - timedelta(days=1)}, Code.ENDED_BEFORE_START, "ended_on"),
        ({"rescued": -1}, Code.OUT_OF_RANGE, "rescued"),
        ({"evacuated": -3}, Code.OUT_OF_RANGE, "evacuated"),
        ({"deaths": -1}, Code.OUT_OF_RANGE, "deaths"),
        ({"missing": 2.5}, Code.REQUIRED, "missing"),
        ({"border_guards": -1}, Code.OUT_OF_RANGE, "border_guards"),
        ({"militia": 20_000}, Code.OUT_OF_RANGE, "militia"),
        ({"other_forces": "nhiều"}, Code.REQUIRED, "other_forces"),
        ({"vehicles": -2}, Code.OUT_OF_RANGE, "vehicles"),
        ({"property_value": -1}, Code.OUT_OF_RANGE, "property_value"),
        ({"commune_id": 999_999}, Code.NOT_A_COMMUNE, "commune_id"),
        ({"place": "a\x07b"}, Code.CONTROL_CHARACTERS, "place"),
    ]


@pytest.mark.parametrize(("fields", "code", "field"), _bad_cases())
def test_bad_rescues_name_the_field_and_write_nothing(world, fields, code, field):
    before = _counts()
    with pytest.raises(DomainError) as caught:
        _rescue(world, **fields)
    assert (caught.value.code, caught.value.field) == (code, field)
    assert _counts() == before


def test_the_commune_is_the_one_in_force_when_the_operation_began(world):
    old_province = admin_unit_create(
        actor=None,
        code="97",
        name="Tỉnh Biên Thùy (cũ)",
        level="province",
        valid_from=date(2008, 1, 1),
        valid_to=date(2025, 6, 30),
    )
    before_reform = admin_unit_create(
        actor=None,
        code="99002",
        name="Xã Đàm Thủy (cũ)",
        level="commune",
        parent_id=old_province.pk,
        valid_from=date(2008, 1, 1),
        valid_to=date(2025, 6, 30),
    )
    with pytest.raises(DomainError) as caught:
        _rescue(world, commune_id=before_reform.pk)
    assert (caught.value.code, caught.value.field) == (Code.COMMUNE_NOT_IN_FORCE, "commune_id")
    old = _rescue(
        world,
        commune_id=before_reform.pk,
        started_on=date(2024, 9, 8),
        ended_on=date(2024, 9, 12),
        kind="storm",
    )
    assert old.commune == before_reform
    assert RescueOperation.objects.count() == 1


def test_an_ended_day_before_the_start_names_the_start(world):
    with pytest.raises(DomainError) as caught:
        _rescue(world, ended_on=STARTED - timedelta(days=1))
    assert caught.value.message == "Ngày kết thúc không được trước ngày bắt đầu (20/09/2025)."


def test_a_rescue_is_seen_and_changed_within_its_scope_only(world):
    operation = _rescue(world)
    with pytest.raises(DomainError) as caught:
        _rescue(world, unit_id=world.post2.pk)
    assert (caught.value.code, caught.value.field) == (Code.UNIT_NOT_IN_SCOPE, "unit_id")
    with pytest.raises(PermissionDenied):
        _rescue(world, actor=world.lee)
    dave = make_user("dave", Role.FIELD_OFFICER, world.post2)
    for outsider in (dave, world.charlie):
        with pytest.raises(Http404):
            selectors.rescue_get(actor=outsider, rescue_id=operation.pk)
        assert not selectors.rescue_list(actor=outsider).exists()
        with pytest.raises(Http404):
            rescue_update(actor=outsider, rescue_id=operation.pk, version=1, rescued=0)
    operation.refresh_from_db()
    assert (operation.rescued, operation.version) == (4, 1)
    assert list(selectors.rescue_list(actor=world.erin)) == [operation]


def test_a_retried_create_returns_the_first_operation(world):
    client_id = uuid.uuid4()
    first = _rescue(world, client_id=client_id)
    again = _rescue(world, client_id=client_id, title="Gửi lại")
    assert (again.pk, again.title) == (first.pk, first.title)
    assert RescueOperation.objects.count() == 1
    with pytest.raises(DomainError) as caught:
        _rescue(world, actor=world.erin, client_id=client_id)
    assert caught.value.code == Code.CLIENT_ID_TAKEN


def test_an_edit_closes_the_operation_and_a_stale_one_writes_nothing(world):
    operation = _rescue(world, ended_on=None)
    closed = rescue_update(
        actor=world.alice,
        rescue_id=operation.pk,
        version=1,
        ended_on=STARTED + timedelta(days=3),
        rescued=6,
    )
    assert (closed.version, closed.rescued, closed.ended_on) == (2, 6, date(2025, 9, 23))
    record = AuditRecord.objects.get(action="rescue.update")
    assert (record.before["ended_on"], record.after["ended_on"]) == (None, "2025-09-23")
    before = _counts()
    with pytest.raises(Stale) as caught:
        rescue_update(actor=world.alice, rescue_id=operation.pk, version=1, rescued=0)
    assert caught.value.current.rescued == 6
    # moving the start after the end is refused beside the end
    with pytest.raises(DomainError) as refused:
        rescue_update(
            actor=world.alice, rescue_id=operation.pk, version=2, started_on=date(2025, 9, 30)
        )
    assert (refused.value.code, refused.value.field) == (Code.ENDED_BEFORE_START, "ended_on")
    assert _counts() == before
    operation.refresh_from_db()
    assert (operation.version, operation.started_on) == (2, STARTED)


def test_the_database_refuses_an_end_before_the_start(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        RescueOperation.objects.create(
            unit=world.post,
            kind="fire",
            title="x",
            started_on=STARTED,
            ended_on=STARTED - timedelta(days=1),
        )


def test_the_totals_add_up_by_kind(world):
    _rescue(world)
    _rescue(world, started_on=STARTED + timedelta(days=5), ended_on=None, rescued=1, evacuated=0)
    _rescue(
        world,
        kind="fire",
        title="Cháy rừng",
        rescued=0,
        evacuated=12,
        deaths=1,
        property_value=None,
        border_guards=40,
        militia=0,
        other_forces=0,
        vehicles=0,
    )
    totals = selectors.rescue_totals(selectors.rescue_list(actor=world.erin))
    assert {k: totals[k] for k in ("operations", "rescued", "evacuated", "deaths", "forces")} == {
        "operations": 3,
        "rescued": 5,
        "evacuated": 49,
        "deaths": 1,
        "forces": 120,
    }
    assert (totals["property_value"], totals["vehicles"]) == (700_000_000, 6)
    by_kind = {row["kind"]: row for row in totals["by_kind"]}
    assert (by_kind["flood"]["operations"], by_kind["fire"]["forces"]) == (2, 40)
    for figure in ("operations", "rescued", "evacuated", "forces", "property_value"):
        assert sum(row[figure] for row in totals["by_kind"]) == totals[figure]
    first_days = selectors.rescue_list(actor=world.erin, start=STARTED, end=STARTED)
    assert selectors.rescue_totals(first_days)["operations"] == 2
    assert selectors.rescue_list(actor=world.erin, kind="fire").count() == 1
    assert selectors.rescue_list(actor=world.erin, unit_id=world.post2.pk).count() == 0
    none = selectors.rescue_totals(selectors.rescue_list(actor=world.charlie))
    assert (none["operations"], none["forces"], none["property_value"]) == (0, 0, 0)


# --- the API ---------------------------------------------------------------------------------


def _json(client, method, url, body=None, **headers):
    return getattr(client, method)(url, data=body, content_type="application/json", **headers)


def _body(world, **fields):
    return {
        "unit_id": world.post.pk,
        "kind": "landslide",
        "title": "Sạt lở taluy dương trên đường tuần tra",
        "started_on": "2025-10-02",
        "rescued": 2,
        "border_guards": 12,
        "vehicles": 1,
        **fields,
    }


def test_the_api_records_a_rescue_once_and_totals_it(world, as_user):
    api = as_user(world.alice)
    body = _body(world, id=str(uuid.uuid4()))
    first = _json(api, "post", "/api/v1/rescue-operations", body)
    assert first.status_code == 201, first.content
    assert (first.json()["forces"], first.json()["ended_on"]) == (12, None)
    assert _json(api, "post", "/api/v1/rescue-operations", body).status_code == 200
    keyed = {"HTTP_IDEMPOTENCY_KEY": "rs-1"}
    one = _json(api, "post", "/api/v1/rescue-operations", _body(world, kind="storm"), **keyed)
    two = _json(api, "post", "/api/v1/rescue-operations", _body(world, kind="storm"), **keyed)
    assert (one.status_code, two.status_code) == (201, 200)
    refused = _json(api, "post", "/api/v1/rescue-operations", _body(world, ended_on="2025-10-01"))
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "ended_on"
    negative = _json(api, "post", "/api/v1/rescue-operations", _body(world, evacuated=-1))
    assert negative.status_code == 422 and negative.json()["errors"][0]["field"] == "evacuated"
    assert RescueOperation.objects.count() == 2

    listing = api.get("/api/v1/rescue-operations", {"kind": "storm"}).json()
    assert listing["count"] == 1
    totals = api.get("/api/v1/rescue-operations/totals").json()
    assert (totals["operations"], totals["rescued"], totals["forces"]) == (2, 4, 24)
    assert {r["kind"]: r["operations"] for r in totals["by_kind"]}["landslide"] == 1


def test_the_api_answers_409_to_a_stale_edit_and_404_outside_the_scope(world, as_user):
    api = as_user(world.alice)
    made = _json(api, "post", "/api/v1/rescue-operations", _body(world)).json()
    url = f"/api/v1/rescue-operations/{made['id']}"
    assert _json(api, "patch", url, {"version": 1, "ended_on": "2025-10-03"}).status_code == 200
    stale = _json(api, "patch", url, {"version": 1, "rescued": 9})
    assert stale.status_code == 409
    assert stale.json()["current"]["ended_on"] == "2025-10-03"
    dave = as_user(make_user("dave", Role.FIELD_OFFICER, world.post2))
    assert dave.get(url).status_code == 404
    assert _json(dave, "patch", url, {"version": 2, "rescued": 0}).status_code == 404
    assert RescueOperation.objects.get().rescued == 2
