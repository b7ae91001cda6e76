"""Hand-overs (tiếp nhận, trao trả, trục xuất): at one gate or marker of the unit's own area, head
counts that agree with each other, home provinces for received persons; retried creates and
stale edits safe; totals as the reports table them."""

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
from biengioi.operations import handover_selectors as selectors
from biengioi.operations.models import Handover, HandoverOrigin
from biengioi.operations.services import handover_create, handover_update
from biengioi.registry.services import admin_unit_create, marker_create
from tests.conftest import make_user

ON = date(2025, 9, 12)


@pytest.fixture
def provinces(world):
    """Two provinces of the time (valid from the 2025 reform): the world's own and another."""
    own = world.admin_commune.parent
    other = admin_unit_create(
        actor=None, code="98", name="Tỉnh Đồng Xanh", level="province", valid_from=date(2025, 7, 1)
    )
    return own, other


def _handover(world, actor=None, **fields):
    data = {
        "unit_id": world.post.pk,
        "kind": "receive",
        "on": ON,
        "gate_id": world.gate.pk,
        "counterpart_id": world.counterpart.pk,
        "persons": 7,
        "males": 5,
        "females": 2,
        "children": 1,
        "wanted": 1,
        "note": "Cư trú bất hợp pháp bên kia biên giới",
    }
    handover, _made = handover_create(actor=actor or world.alice, **{**data, **fields})
    return handover


def _counts():
    return Handover.objects.count(), HandoverOrigin.objects.count(), AuditRecord.objects.count()


def test_a_received_group_is_recorded_with_its_home_provinces(world, provinces):
    own, other = provinces
    handover = _handover(
        world,
        origins=[
            {"province_id": own.pk, "persons": 4},
            {"province_id": other.pk, "persons": 2},
        ],
    )
    assert handover.nationality == "VN"  # received persons are Vietnamese unless said
    assert handover.place == world.gate and handover.version == 1
    assert sorted(handover.origins.values_list("province__name", "persons")) == [
        ("Tỉnh Biên Thùy", 4),
        ("Tỉnh Đồng Xanh", 2),
    ]
    record = AuditRecord.objects.get(action="handover.create")
    assert record.after["persons"] == 7 and record.after["gate"] == world.gate.pk
    assert {o["persons"] for o in record.after["origins"]} == {4, 2}
    assert record.scope_path == world.post.path


def _bad_cases():
    later = timezone.localdate() + timedelta(days=1)
    return [
        (lambda w, p: {"on": later}, Code.DATE_IN_FUTURE, "on"),
        (lambda w, p: {"kind": "smuggling"}, Code.REQUIRED, "kind"),
        (lambda w, p: {"marker_id": w.marker.pk}, Code.PLACE_ONE_OF, "gate_id"),
        (lambda w, p: {"gate_id": None}, Code.PLACE_ONE_OF, "gate_id"),
        (lambda w, p: {"gate_id": w.tsn_gate.pk}, Code.PLACE_UNKNOWN, "gate_id"),
        (
            lambda w, p: {"gate_id": None, "marker_id": w.tsn_marker.pk},
            Code.PLACE_UNKNOWN,
            "marker_id",
        ),
        (lambda w, p: {"counterpart_id": None}, Code.REQUIRED, "counterpart_id"),
        (
            lambda w, p: {"counterpart_id": w.tsn_counterpart.pk},
            Code.NOT_IN_PROVINCE,
            "counterpart_id",
        ),
        (
            lambda w, p: {"persons": 0, "males": 0, "females": 0, "children": 0, "wanted": 0},
            Code.OUT_OF_RANGE,
            "persons",
        ),
        (lambda w, p: {"persons": 6000}, Code.OUT_OF_RANGE, "persons"),
        (lambda w, p: {"males": -1}, Code.OUT_OF_RANGE, "males"),
        (lambda w, p: {"females": 3}, Code.SEXES_DONT_ADD_UP, "females"),
        (lambda w, p: {"children": 8}, Code.MORE_THAN_PERSONS, "children"),
        (lambda w, p: {"wanted": 8}, Code.MORE_THAN_PERSONS, "wanted"),
        (lambda w, p: {"nationality": "LA"}, Code.RECEIVED_NOT_VIETNAMESE, "nationality"),
        (lambda w, p: {"kind": "hand_back"}, Code.REQUIRED, "nationality"),
        (
            lambda w, p: {"kind": "expel", "nationality": "VN"},
            Code.RETURNED_VIETNAMESE,
            "nationality",
        ),
        (
            lambda w, p: {
                "kind": "hand_back",
                "nationality": "LA",
                "origins": [{"province_id": p[0].pk, "persons": 1}],
            },
            Code.ORIGINS_ONLY_RECEIVED,
            "origins",
        ),
        (
            lambda w, p: {
                "origins": [
                    {"province_id": p[0].pk, "persons": 5},
                    {"province_id": p[1].pk, "persons": 3},
                ]
            },
            Code.ORIGINS_EXCEED,
            "origins",
        ),
        (
            lambda w, p: {"origins": [{"province_id": w.admin_commune.pk, "persons": 1}]},
            Code.NOT_A_PROVINCE,
            "origins.0.province_id",
        ),
        (
            # the province began with the reform of 01/07/2025: not yet a home province before
            lambda w, p: {
                "on": date(2025, 6, 1),
                "origins": [{"province_id": p[0].pk, "persons": 1}],
            },
            Code.NOT_A_PROVINCE,
            "origins.0.province_id",
        ),
        (
            lambda w, p: {
                "origins": [
                    {"province_id": p[0].pk, "persons": 1},
                    {"province_id": p[0].pk, "persons": 2},
                ]
            },
            Code.ORIGIN_TWICE,
            "origins.1.province_id",
        ),
        (
            lambda w, p: {"origins": [{"province_id": p[0].pk, "persons": 0}]},
            Code.OUT_OF_RANGE,
            "origins.0.persons",
        ),
        (lambda w, p: {"note": "a\x00b"}, Code.CONTROL_CHARACTERS, "note"),
    ]


@pytest.mark.parametrize(("change", "code", "field"), _bad_cases())
def test_bad_handovers_name_the_field_and_write_nothing(world, provinces, change, code, field):
    before = _counts()
    with pytest.raises(DomainError) as caught:
        _handover(world, **change(world, provinces))
    assert (caught.value.code, caught.value.field) == (code, field)
    assert caught.value.message  # a message in Vietnamese, with its figures filled in
    assert _counts() == before


def test_the_sexes_message_names_the_figures(world):
    with pytest.raises(DomainError) as caught:
        _handover(world, females=3)
    assert caught.value.message == "Số nam (5) cộng số nữ (3) phải bằng tổng số người (7)."


def test_the_place_must_be_in_the_recording_units_area(world):
    other = marker_create(
        actor=None,
        line_id=world.line.pk,
        identifier="610",
        kind="main",
        lon=106.65,
        lat=16.62,
        post_id=world.post2.pk,
    )
    before = _counts()
    with pytest.raises(DomainError) as caught:
        _handover(world, gate_id=None, marker_id=other.pk)
    assert (caught.value.code, caught.value.field) == (Code.PLACE_NOT_IN_AREA, "marker_id")
    assert caught.value.message == "Mốc 610 không thuộc địa bàn của Đồn Biên phòng Bản Giốc."
    # the command records for any post under it, not for one post at another's marker
    with pytest.raises(DomainError) as caught:
        _handover(world, actor=world.erin, gate_id=None, marker_id=other.pk)
    assert caught.value.code == Code.PLACE_NOT_IN_AREA
    assert _counts() == before
    made = _handover(world, actor=world.erin, unit_id=world.bg.pk, gate_id=None, marker_id=other.pk)
    assert made.marker == other
    made = _handover(
        world, actor=world.erin, unit_id=world.post2.pk, gate_id=None, marker_id=other.pk
    )
    assert made.unit == world.post2


def test_a_handover_is_seen_and_changed_within_its_scope_only(world):
    handover = _handover(world)
    with pytest.raises(DomainError) as caught:
        _handover(world, unit_id=world.post2.pk)
    assert (caught.value.code, caught.value.field) == (Code.UNIT_NOT_IN_SCOPE, "unit_id")
    with pytest.raises(PermissionDenied):
        _handover(world, actor=world.lee)  # leaders read, they do not record
    dave = make_user("dave", Role.FIELD_OFFICER, world.post2)  # the officer of the other post
    for outsider in (dave, world.charlie):
        with pytest.raises(Http404):
            selectors.handover_get(actor=outsider, handover_id=handover.pk)
        assert not selectors.handover_list(actor=outsider).exists()
        with pytest.raises(Http404):
            handover_update(actor=outsider, handover_id=handover.pk, version=1, persons=9)
    handover.refresh_from_db()
    assert (handover.persons, handover.version) == (7, 1)
    assert list(selectors.handover_list(actor=world.lee)) == [handover]  # the province sees all


def test_a_retried_create_returns_the_first_handover(world):
    client_id = uuid.uuid4()
    first = _handover(world, client_id=client_id)
    again, made = handover_create(
        actor=world.alice,
        client_id=client_id,
        unit_id=world.post.pk,
        kind="receive",
        on=ON,
        gate_id=world.gate.pk,
        counterpart_id=world.counterpart.pk,
        persons=1,
        males=1,
    )
    assert (again.pk, made, again.persons) == (first.pk, False, 7)
    assert Handover.objects.count() == 1
    with pytest.raises(DomainError) as caught:
        _handover(world, actor=world.erin, client_id=client_id)
    assert caught.value.code == Code.CLIENT_ID_TAKEN


def test_an_edit_replaces_origins_and_a_stale_one_writes_nothing(world, provinces):
    own, other = provinces
    handover = _handover(world, origins=[{"province_id": own.pk, "persons": 3}])
    edited = handover_update(
        actor=world.alice,
        handover_id=handover.pk,
        version=1,
        persons=9,
        males=6,
        females=3,
        origins=[{"province_id": other.pk, "persons": 9}],
    )
    assert (edited.version, edited.persons) == (2, 9)
    assert list(edited.origins.values_list("province", "persons")) == [(other.pk, 9)]
    record = AuditRecord.objects.get(action="handover.update")
    assert record.before["origins"] == [{"province": own.pk, "persons": 3}]
    assert record.after["origins"] == [{"province": other.pk, "persons": 9}]

    before = _counts()
    with pytest.raises(Stale) as caught:
        handover_update(actor=world.alice, handover_id=handover.pk, version=1, wanted=0)
    assert caught.value.current.version == 2
    # kept origins must still fit: fewer persons than they account for is refused
    with pytest.raises(DomainError) as refused:
        handover_update(actor=world.alice, handover_id=handover.pk, version=2, persons=8, males=5)
    assert (refused.value.code, refused.value.field) == (Code.ORIGINS_EXCEED, "origins")
    # a hand-back keeps no home provinces
    with pytest.raises(DomainError) as refused:
        handover_update(
            actor=world.alice,
            handover_id=handover.pk,
            version=2,
            kind="hand_back",
            nationality="LA",
        )
    assert (refused.value.code, refused.value.field) == (Code.ORIGINS_ONLY_RECEIVED, "origins")
    assert _counts() == before
    handover.refresh_from_db()
    assert (handover.version, handover.wanted, handover.kind) == (2, 1, "receive")

    moved = handover_update(
        actor=world.alice,
        handover_id=handover.pk,
        version=2,
        kind="hand_back",
        nationality="LA",
        origins=[],
        gate_id=None,
        marker_id=world.marker.pk,
    )
    assert (moved.kind, moved.place, moved.origins.count()) == ("hand_back", world.marker, 0)


def test_the_database_refuses_a_handover_at_two_places_or_with_counts_that_disagree(world):
    base = {
        "unit": world.post,
        "kind": "receive",
        "on": ON,
        "counterpart": world.counterpart,
        "nationality": "VN",
    }
    for wrong in (
        {"gate": world.gate, "marker": world.marker, "persons": 1, "males": 1},
        {"gate": world.gate, "persons": 2, "males": 1},
        {"gate": world.gate, "persons": 1, "males": 1, "children": 2},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            Handover.objects.create(**base, **wrong)
    assert not Handover.objects.exists()


def test_the_totals_add_up_by_kind_nationality_and_home_province(world, provinces):
    own, other = provinces
    _handover(world, origins=[{"province_id": own.pk, "persons": 4}])
    _handover(
        world,
        on=ON + timedelta(days=30),
        persons=3,
        males=1,
        females=2,
        children=0,
        wanted=0,
        origins=[{"province_id": own.pk, "persons": 1}, {"province_id": other.pk, "persons": 2}],
    )
    _handover(
        world,
        kind="hand_back",
        nationality="LA",
        persons=4,
        males=4,
        females=0,
        children=0,
        gate_id=None,
        marker_id=world.marker.pk,
    )
    _handover(world, kind="expel", nationality="CN", persons=2, males=1, females=1, wanted=0)

    everything = selectors.handover_list(actor=world.erin)
    totals = selectors.handover_totals(everything)
    assert {k: totals[k] for k in ("operations", "persons", "males", "females")} == {
        "operations": 4,
        "persons": 16,
        "males": 11,
        "females": 5,
    }
    assert (totals["children"], totals["wanted"]) == (2, 2)
    by_kind = {row["kind"]: row for row in totals["by_kind"]}
    assert (by_kind["receive"]["operations"], by_kind["receive"]["persons"]) == (2, 10)
    assert (by_kind["hand_back"]["persons"], by_kind["expel"]["wanted"]) == (4, 0)
    for figure in ("operations", "persons", "males", "females", "children", "wanted"):
        assert sum(row[figure] for row in totals["by_kind"]) == totals[figure]
    assert [(r["nationality"], r["persons"]) for r in totals["by_nationality"]] == [
        ("VN", 10),
        ("LA", 4),
        ("CN", 2),
    ]
    assert [(r["place"], r["operations"], r["persons"]) for r in totals["by_place"]] == [
        ("Cửa khẩu Bản Giốc", 3, 12),
        ("Mốc 600", 1, 4),
    ]
    assert [(r["province"], r["persons"]) for r in totals["by_origin"]] == [
        ("Tỉnh Biên Thùy", 5),
        ("Tỉnh Đồng Xanh", 2),
    ]

    september = selectors.handover_list(actor=world.erin, start=ON, end=ON + timedelta(days=1))
    assert selectors.handover_totals(september)["persons"] == 13
    assert selectors.handover_list(actor=world.erin, kind="expel").count() == 1
    assert selectors.handover_list(actor=world.erin, unit_id=world.post2.pk).count() == 0
    assert selectors.handover_list(actor=world.erin, nationality="LA").count() == 1
    empty = selectors.handover_totals(selectors.handover_list(actor=world.charlie))
    assert (empty["operations"], empty["persons"], empty["by_origin"]) == (0, 0, [])


# --- the API ---------------------------------------------------------------------------------


def _json(client, method, url, body=None, **headers):
    return getattr(client, method)(url, data=body, content_type="application/json", **headers)


def _body(world, **fields):
    return {
        "unit_id": world.post.pk,
        "kind": "hand_back",
        "on": "2025-09-12",
        "gate_id": world.gate.pk,
        "counterpart_id": world.counterpart.pk,
        "persons": 5,
        "males": 3,
        "females": 2,
        "children": 1,
        "nationality": "LA",
        **fields,
    }


def test_the_api_records_a_handover_once(world, as_user, provinces):
    api = as_user(world.alice)
    body = _body(world, id=str(uuid.uuid4()))
    first = _json(api, "post", "/api/v1/handovers", body)
    assert first.status_code == 201, first.content
    made = first.json()
    assert (made["place"], made["counterpart"], made["version"]) == (
        "Cửa khẩu Bản Giốc",
        "Đại đội Biên phòng 963",
        1,
    )
    assert _json(api, "post", "/api/v1/handovers", body).status_code == 200
    keyed = {"HTTP_IDEMPOTENCY_KEY": "ho-1"}
    received = _body(
        world,
        kind="receive",
        nationality=None,
        origins=[{"province_id": provinces[0].pk, "persons": 5}],
    )
    one = _json(api, "post", "/api/v1/handovers", received, **keyed)
    two = _json(api, "post", "/api/v1/handovers", received, **keyed)
    assert (one.status_code, two.status_code) == (201, 200)
    assert one.json()["origins"] == [
        {"province_id": provinces[0].pk, "province": "Tỉnh Biên Thùy", "persons": 5}
    ]
    assert one.json()["nationality"] == "VN"
    assert Handover.objects.count() == 2

    refused = _json(api, "post", "/api/v1/handovers", _body(world, females=1))
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "females"
    both = _json(api, "post", "/api/v1/handovers", _body(world, marker_id=world.marker.pk))
    assert both.status_code == 422 and both.json()["errors"][0]["field"] == "gate_id"
    assert Handover.objects.count() == 2

    listing = api.get("/api/v1/handovers", {"kind": "receive"}).json()
    assert listing["count"] == 1 and listing["items"][0]["id"] == one.json()["id"]
    totals = api.get("/api/v1/handovers/totals").json()
    assert (totals["operations"], totals["persons"], totals["children"]) == (2, 10, 2)
    assert {r["kind"]: r["persons"] for r in totals["by_kind"]} == {
        "receive": 5,
        "hand_back": 5,
        "expel": 0,
    }
    assert totals["by_origin"][0]["persons"] == 5
    assert totals["by_place"] == [
        {
            "gate_id": world.gate.pk,
            "marker_id": None,
            "place": "Cửa khẩu Bản Giốc",
            "operations": 2,
            "persons": 10,
        }
    ]


def test_the_api_answers_409_to_a_stale_edit_and_404_outside_the_scope(world, as_user):
    api = as_user(world.alice)
    made = _json(api, "post", "/api/v1/handovers", _body(world)).json()
    url = f"/api/v1/handovers/{made['id']}"
    assert _json(api, "patch", url, {"version": 1, "wanted": 1}).status_code == 200
    stale = _json(api, "patch", url, {"version": 1, "note": "Cũ"})
    assert stale.status_code == 409
    assert stale.json()["current"]["wanted"] == 1
    assert stale.json()["errors"][0]["field"] == "version"
    bad = _json(api, "patch", url, {"version": 2, "wanted": 9})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "wanted"
    assert api.get(url).json()["version"] == 2

    dave = as_user(make_user("dave", Role.FIELD_OFFICER, world.post2))
    assert dave.get(url).status_code == 404
    assert _json(dave, "patch", url, {"version": 2, "wanted": 0}).status_code == 404
    assert dave.get("/api/v1/handovers").json()["count"] == 0
    assert Handover.objects.get().wanted == 1
