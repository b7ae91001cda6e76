"""Twinning across the border (kết nghĩa): a pair followed by a unit of the actor's scope, its two
members on the two sides of the border (a pair on one side refused naming the second member's
field), links that suit the kind of pair, a foreign member of a country the province borders,
recorded once per client id, corrected with a version, and its meetings and joint activities
logged between signing and the end; every bad input refused naming its field, nothing written."""

import uuid
from datetime import date, timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.community import twinning_selectors as selectors
from biengioi.community.models import Twinning, TwinningActivity
from biengioi.community.services import (
    twinning_activity_add,
    twinning_create,
    twinning_update,
)
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.registry.models import AdminUnit, ForeignSubdivision
from biengioi.registry.services import admin_unit_create

SIGNED = date(2005, 4, 28)


@pytest.fixture
def village(world):
    """Bản Nà Ngần, a village of Xã Đàm Thủy (Alice's post's commune)."""
    return admin_unit_create(
        actor=None,
        code="99001-01",
        name="Bản Nà Ngần",
        level="village",
        parent_id=world.admin_commune.pk,
        valid_from=date(2025, 7, 1),
    )


def _pair(world, village, actor=None, **fields):
    """Bản Nà Ngần (ours) twinned with Bản Densavan (Laos), unless `fields` say otherwise."""
    data = {
        "unit_id": world.post.pk,
        "kind": "village_village",
        "signed_on": SIGNED,
        "first_name": "Bản Nà Ngần",
        "first_admin_unit_id": village.pk,
        "second_name": "Bản Densavan",
        "second_country": "LA",
        **fields,
    }
    twinning, _made = twinning_create(actor=actor or world.alice, **data)
    return twinning


def _posts(world, actor=None, **fields):
    data = {
        "unit_id": world.post.pk,
        "kind": "post_post",
        "signed_on": date(2018, 3, 3),
        "first_org_unit_id": world.post.pk,
        "second_counterpart_id": world.counterpart.pk,
        **fields,
    }
    twinning, _made = twinning_create(actor=actor or world.alice, **data)
    return twinning


def _counts():
    return (
        Twinning.objects.count(),
        TwinningActivity.objects.count(),
        AuditRecord.objects.count(),
    )


def _refused(field, code, call, *args, **kwargs):
    before = _counts()
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert (caught.value.field, caught.value.code) == (field, code), caught.value.message
    assert _counts() == before
    return caught.value


def test_a_village_pair_is_recorded_and_audited(world, village):
    twinning = _pair(
        world,
        village,
        regulation_title="Quy chế 12 điểm",
        regulation_points="1. Giữ gìn an ninh bản\n2. Báo tin khi có người lạ",
        note="Cặp bản kết nghĩa đầu tiên của đồn",
    )
    assert (twinning.first_admin_unit, twinning.first_country) == (village, None)
    assert twinning.second_country.code == "LA" and twinning.is_active
    assert twinning.version == 1 and str(twinning) == "Bản Nà Ngần – Bản Densavan"
    record = AuditRecord.objects.get(action="twinning.create")
    assert record.scope_path == world.post.path
    assert record.after["first_admin_unit"] == village.pk
    assert record.after["regulation_title"] == "Quy chế 12 điểm"


def test_a_post_pair_takes_its_names_and_country_from_its_links(world):
    twinning = _posts(world)
    assert twinning.first_name == world.post.name
    assert twinning.second_name == "Đại đội Biên phòng 963"
    assert twinning.second_country.code == "LA" and twinning.first_country is None


def test_a_client_id_sent_again_returns_the_first_pair(world, village):
    client_id = uuid.uuid4()
    first = _pair(world, village, client_id=client_id)
    again, made = twinning_create(
        actor=world.alice,
        client_id=client_id,
        unit_id=world.post.pk,
        kind="village_village",
        signed_on=SIGNED,
        first_name="Khác",
        second_name="Khác",
        second_country="LA",
    )
    assert (made, again.pk, again.first_name) == (False, first.pk, "Bản Nà Ngần")
    assert Twinning.objects.count() == 1
    assert AuditRecord.objects.filter(action="twinning.create").count() == 1
    _refused("id", Code.CLIENT_ID_TAKEN, _pair, world, village, world.erin, client_id=client_id)


def test_two_members_on_our_side_are_refused_naming_the_second(world, village):
    error = _refused(
        "second_country",
        Code.TWIN_SAME_SIDE,
        _pair,
        world,
        village,
        second_name="Bản Nà Pồ",
        second_country="VN",
    )
    assert error.message == (
        "Hai bên kết nghĩa phải ở hai phía biên giới: “Bản Nà Ngần” và “Bản Nà Pồ” cùng ở phía "
        "Việt Nam."
    )
    _refused("second_country", Code.TWIN_SAME_SIDE, _pair, world, village, second_country="")


def test_two_members_across_the_border_are_refused_naming_the_second(world, village):
    savannakhet = ForeignSubdivision.objects.get(name="Savannakhet")
    error = _refused(
        "second_subdivision_id",
        Code.TWIN_SAME_SIDE,
        _pair,
        world,
        village,
        kind="cluster_cluster",
        first_admin_unit_id=None,
        first_name="Cụm bản Na Lay",
        first_country="LA",
        second_country="",
        second_subdivision_id=savannakhet.pk,
    )
    assert "cùng ở phía Lào" in error.message
    _refused(
        "second_counterpart_id",
        Code.TWIN_SAME_SIDE,
        _posts,
        world,
        first_org_unit_id=None,
        first_counterpart_id=world.counterpart.pk,
    )


def test_the_vietnamese_member_of_a_post_pair_is_a_border_post(world):
    _refused(
        "first_org_unit_id",
        Code.TWIN_NOT_POST,
        _posts,
        world,
        first_org_unit_id=None,
        first_name="Đồn Biên phòng không có trong danh mục",
    )
    _refused("first_org_unit_id", Code.TWIN_NOT_POST, _posts, world, first_org_unit_id=world.bg.pk)
    _refused(
        "first_org_unit_id", Code.TWIN_NOT_POST, _posts, world, first_org_unit_id=world.commune.pk
    )
    tsn_post = world.tsn_bg.children.get()
    _refused("first_org_unit_id", Code.TWIN_NOT_POST, _posts, world, first_org_unit_id=tsn_post.pk)


def test_a_link_that_does_not_suit_the_kind_is_refused(world, village):
    error = _refused(
        "first_admin_unit_id",
        Code.TWIN_LINK_KIND,
        _pair,
        world,
        village,
        first_admin_unit_id=world.admin_commune.pk,
    )
    assert "Xã Đàm Thủy" in error.message and "Kết nghĩa bản – bản" in error.message
    _refused(
        "second_counterpart_id",
        Code.TWIN_LINK_KIND,
        _pair,
        world,
        village,
        second_country="",
        second_counterpart_id=world.counterpart.pk,
    )
    _refused(
        "first_admin_unit_id",
        Code.TWIN_LINK_KIND,
        _posts,
        world,
        first_org_unit_id=None,
        first_admin_unit_id=village.pk,
    )
    # a commune–township pair links communes, not villages
    _refused(
        "first_admin_unit_id",
        Code.TWIN_LINK_KIND,
        _pair,
        world,
        village,
        kind="commune_township",
    )


def test_a_foreign_member_of_a_country_the_province_does_not_border_is_refused(world, village):
    error = _refused(
        "second_country", Code.TWIN_NOT_NEIGHBOUR, _pair, world, village, second_country="CN"
    )
    assert error.message == "Trung Quốc không có chung đường biên giới với Tỉnh Biên Thùy."
    _refused("second_country", Code.TWIN_NOT_NEIGHBOUR, _pair, world, village, second_country="XX")
    yunnan = ForeignSubdivision.objects.get(name="Vân Nam")
    _refused(
        "second_subdivision_id",
        Code.TWIN_NOT_NEIGHBOUR,
        _pair,
        world,
        village,
        second_country="",
        second_subdivision_id=yunnan.pk,
    )
    # a counterpart unit of another province is not in the registry the actor sees
    _refused(
        "second_counterpart_id",
        Code.TWIN_LINK_UNKNOWN,
        _posts,
        world,
        second_counterpart_id=world.tsn_counterpart.pk,
    )


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"kind": "town_town"}, "kind", Code.REQUIRED),
        ({"signed_on": None}, "signed_on", Code.REQUIRED),
        ({"signed_on": "2005-04-28"}, "signed_on", Code.REQUIRED),
        ({"ended_on": SIGNED - timedelta(days=1)}, "ended_on", Code.ENDED_BEFORE_START),
        ({"first_name": "", "first_admin_unit_id": None}, "first_name", Code.REQUIRED),
        ({"second_name": "  "}, "second_name", Code.REQUIRED),
        ({"second_name": "x" * 201}, "second_name", Code.TOO_LONG),
        ({"first_includes": "a\x00b"}, "first_includes", Code.CONTROL_CHARACTERS),
        ({"regulation_title": "x" * 201}, "regulation_title", Code.TOO_LONG),
        (
            {"second_counterpart_id": 1, "second_subdivision_id": 1},
            "second_subdivision_id",
            Code.TWIN_ONE_LINK,
        ),
        ({"first_admin_unit_id": 999_999}, "first_admin_unit_id", Code.TWIN_LINK_UNKNOWN),
        ({"first_admin_unit_id": "1"}, "first_admin_unit_id", Code.TWIN_LINK_UNKNOWN),
        ({"unit_id": None}, "unit_id", Code.UNIT_NOT_IN_SCOPE),
    ],
)
def test_bad_input_is_refused_naming_its_field(world, village, fields, field, code):
    _refused(field, code, _pair, world, village, **fields)


@pytest.mark.parametrize("field", ["signed_on", "ended_on"])
def test_a_day_still_to_come_is_refused(world, village, field):
    tomorrow = timezone.localdate() + timedelta(days=1)
    _refused(field, Code.DATE_IN_FUTURE, _pair, world, village, **{field: tomorrow})


def test_a_unit_outside_the_scope_is_refused(world, village):
    _refused("unit_id", Code.UNIT_NOT_IN_SCOPE, _pair, world, village, unit_id=world.post2.pk)
    _refused("unit_id", Code.UNIT_NOT_IN_SCOPE, _pair, world, village, unit_id=world.tsn_bg.pk)


def test_a_counterpart_link_with_another_country_is_refused(world):
    _refused("second_country", Code.TWIN_COUNTRY_OF_LINK, _posts, world, second_country="KH")


def test_an_edit_is_versioned_audited_and_a_stale_one_refused(world, village):
    twinning = _pair(world, village)
    ended = date(2024, 12, 31)
    edited = twinning_update(
        actor=world.alice,
        twinning_id=twinning.pk,
        version=1,
        ended_on=ended,
        second_name="Bản Densavan (Savannakhet)",
    )
    assert (edited.version, edited.ended_on, edited.is_active) == (2, ended, False)
    assert edited.first_admin_unit == village and edited.second_country.code == "LA"
    record = AuditRecord.objects.get(action="twinning.update")
    assert record.before["ended_on"] is None and record.after["ended_on"] == "2024-12-31"
    before = _counts()
    with pytest.raises(Stale) as stale:
        twinning_update(actor=world.alice, twinning_id=twinning.pk, version=1, note="Cũ")
    assert stale.value.current.version == 2 and _counts() == before


def test_an_edit_checks_the_pair_again(world, village):
    twinning = _pair(world, village)
    _refused(
        "second_country",
        Code.TWIN_SAME_SIDE,
        twinning_update,
        actor=world.alice,
        twinning_id=twinning.pk,
        version=1,
        second_country="VN",
    )
    _refused(
        "first_admin_unit_id",
        Code.TWIN_LINK_KIND,
        twinning_update,
        actor=world.alice,
        twinning_id=twinning.pk,
        version=1,
        kind="commune_township",
    )
    # a new link brings its own country: a subdivision of Laos replaces the declared country
    savannakhet = ForeignSubdivision.objects.get(name="Savannakhet")
    edited = twinning_update(
        actor=world.alice,
        twinning_id=twinning.pk,
        version=1,
        kind="cluster_cluster",
        second_subdivision_id=savannakhet.pk,
    )
    assert edited.second_subdivision == savannakhet and edited.second_country.code == "LA"
    assert Twinning.objects.get().version == 2


def test_a_pair_outside_the_scope_is_not_found(world, village):
    twinning = _pair(world, village, actor=world.bob, unit_id=world.post2.pk)
    with pytest.raises(Http404):
        twinning_update(actor=world.alice, twinning_id=twinning.pk, version=1, note="X")
    with pytest.raises(Http404):
        twinning_activity_add(
            actor=world.alice, twinning_id=twinning.pk, kind="meeting", on=SIGNED, content="X"
        )
    with pytest.raises(Http404):
        selectors.twinning_get(actor=world.charlie, twinning_id=twinning.pk)


def _meeting(world, twinning, **fields):
    data = {
        "kind": "meeting",
        "on": date(2025, 3, 28),
        "place": "Nhà văn hóa bản Nà Ngần",
        "host_side": "vn",
        "content": "Giao ban kết nghĩa quý I: tình hình an ninh hai bản",
        "participants_vn": 18,
        "participants_foreign": 15,
        **fields,
    }
    activity, _made = twinning_activity_add(actor=world.alice, twinning_id=twinning.pk, **data)
    return activity


def test_a_meeting_and_a_joint_activity_are_logged_once_per_client_id(world, village):
    twinning = _pair(world, village)
    client_id = uuid.uuid4()
    meeting = _meeting(world, twinning, client_id=client_id)
    again = _meeting(world, twinning, client_id=client_id, content="Lần hai")
    patrol = _meeting(
        world,
        twinning,
        kind="joint_patrol",
        host_side="",
        place="",
        content="Tuần tra chung địa bàn giáp ranh",
        participants_foreign=None,
    )
    assert again.pk == meeting.pk and TwinningActivity.objects.count() == 2
    assert (meeting.host_side, meeting.participants_vn, meeting.participants_foreign) == (
        "vn",
        18,
        15,
    )
    assert patrol.participants_foreign is None
    record = AuditRecord.objects.filter(action="twinning_activity.create").first()
    assert record.scope_path == world.post.path and record.after["twinning"] == twinning.pk


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"on": SIGNED - timedelta(days=1)}, "on", Code.TWIN_BEFORE_SIGNED),
        ({"on": None}, "on", Code.REQUIRED),
        ({"kind": "party"}, "kind", Code.REQUIRED),
        ({"host_side": "both"}, "host_side", Code.REQUIRED),
        ({"content": " "}, "content", Code.REQUIRED),
        ({"place": "x" * 201}, "place", Code.TOO_LONG),
        ({"participants_vn": -1}, "participants_vn", Code.OUT_OF_RANGE),
        ({"participants_foreign": 2.5}, "participants_foreign", Code.REQUIRED),
    ],
)
def test_a_bad_activity_is_refused_naming_its_field(world, village, fields, field, code):
    twinning = _pair(world, village)
    _refused(field, code, _meeting, world, twinning, **fields)


def test_an_activity_still_to_come_or_after_the_end_is_refused(world, village):
    twinning = _pair(world, village, ended_on=date(2020, 12, 31))
    tomorrow = timezone.localdate() + timedelta(days=1)
    _refused("on", Code.DATE_IN_FUTURE, _meeting, world, twinning, on=tomorrow)
    error = _refused("on", Code.TWIN_AFTER_END, _meeting, world, twinning, on=date(2021, 1, 1))
    assert "31/12/2020" in error.message


def test_a_correction_keeps_the_log_inside_the_twinning(world, village):
    twinning = _pair(world, village)
    _meeting(world, twinning, on=date(2010, 6, 1))
    common = {"actor": world.alice, "twinning_id": twinning.pk, "version": 1}
    error = _refused(
        "signed_on",
        Code.TWIN_ACTIVITY_OUTSIDE,
        twinning_update,
        signed_on=date(2011, 1, 1),
        **common,
    )
    assert "01/06/2010" in error.message
    _refused(
        "ended_on", Code.TWIN_ACTIVITY_OUTSIDE, twinning_update, ended_on=date(2009, 1, 1), **common
    )


def test_the_list_filters_and_counts(world, village):
    _pair(world, village)
    _pair(world, village, kind="cluster_cluster", first_admin_unit_id=None, first_name="Cụm A")
    ended = _posts(world, ended_on=date(2024, 12, 31))
    _meeting(world, ended, on=date(2024, 6, 1))
    _meeting(world, ended, on=date(2024, 7, 1), kind="exchange", host_side="")
    _posts(world, actor=world.bob, unit_id=world.post2.pk, first_org_unit_id=world.post2.pk)

    everything = selectors.twinning_list(actor=world.bob)
    totals = selectors.twinning_totals(everything)
    assert totals == {
        "twinnings": 4,
        "active": 3,
        "by_kind": {
            "village_village": 1,
            "cluster_cluster": 1,
            "commune_township": 0,
            "post_post": 2,
        },
        "meetings": 1,
        "activities": 1,
    }
    assert selectors.twinning_list(actor=world.alice).count() == 3
    assert selectors.twinning_list(actor=world.charlie).count() == 0
    assert selectors.twinning_list(actor=world.bob, kind="post_post").count() == 2
    assert selectors.twinning_list(actor=world.bob, active=False).get() == ended
    assert selectors.twinning_list(actor=world.bob, unit_id=world.post2.pk).count() == 1
    signed_2018 = selectors.twinning_list(
        actor=world.bob, start=date(2018, 1, 1), end=date(2018, 12, 31)
    )
    assert signed_2018.count() == 2
    counted = selectors.with_activity_counts(everything).get(pk=ended.pk)
    assert (counted.meeting_count, counted.activity_count) == (1, 1)


def test_a_commune_pair_names_a_commune_that_stood_on_the_day_it_was_signed(world, village):
    """The one rule of a commune (registry.selectors.commune): Xã Đàm Thủy of the 2025 reform
    did not sign a pact in 2005; a pact of September 2025 it did."""
    AdminUnit.objects.filter(pk=world.admin_commune.pk).update(valid_from=date(2025, 7, 1))
    pair = {"kind": "commune_township", "first_admin_unit_id": world.admin_commune.pk}
    pair |= {"first_name": "Xã Đàm Thủy", "second_name": "Cụm bản Densavan"}
    error = _refused(
        "first_admin_unit_id", Code.COMMUNE_NOT_IN_FORCE, _pair, world, village, **pair
    )
    assert "Xã Đàm Thủy" in error.message and "28/04/2005" in error.message
    assert _pair(world, village, signed_on=date(2025, 9, 2), **pair).first_admin_unit.pk == (
        world.admin_commune.pk
    )
