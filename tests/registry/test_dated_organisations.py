"""Organisational units with dates and the administrative unit they serve; committees of the
past (district committees ended with the districts on 30/06/2025) and the seats within their
life; seats corrected; subdivisions of the neighbours corrected; counterpart lists."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from biengioi.audit.models import AuditRecord
from biengioi.core.errors import Code, DomainError
from biengioi.registry import selectors
from biengioi.registry.models import CommitteeMember, ForeignSubdivision, OrgUnit, UnitKind
from biengioi.registry.services import (
    committee_member_add,
    committee_member_update,
    subdivision_update,
    unit_create,
    unit_update,
)


def _counts():
    return OrgUnit.objects.count(), CommitteeMember.objects.count(), AuditRecord.objects.count()


def _district_committee(world, **fields):
    data = {
        "code": "TBT-BCD-HUYEN",
        "name": "Ban Chỉ đạo công tác biên giới huyện Trùng Khánh",
        "kind": UnitKind.STEERING_COMMITTEE,
        "parent_id": world.tbt.pk,
        "valid_from": date(2016, 1, 1),
        "valid_to": date(2025, 6, 30),
    }
    return unit_create(actor=world.bob, **{**data, **fields})


def test_a_district_committee_of_the_past_is_dated_and_listed_only_on_its_days(world):
    district = _district_committee(world)
    assert district.valid_to == date(2025, 6, 30)
    working_2024 = selectors.unit_list(actor=world.bob, on=date(2024, 1, 1))
    working_now = selectors.unit_list(actor=world.bob, on=date(2025, 8, 1))
    assert district in working_2024 and district not in working_now
    assert world.committee in working_2024 and world.committee in working_now  # undated
    seats = selectors.committee_seats(actor=world.lee, on=date(2025, 8, 1))
    assert [(c["unit"].code, c["active"]) for c in seats] == [
        ("TBT-BCD", True),
        ("TBT-BCD-HUYEN", False),
    ]
    record = AuditRecord.objects.filter(action="unit.create").first()
    assert record.after["valid_to"] == "2025-06-30"


def test_a_unit_ending_before_it_begins_is_refused_and_nothing_is_written(world):
    before = _counts()
    with pytest.raises(DomainError) as err:
        _district_committee(world, valid_from=date(2025, 1, 1), valid_to=date(2024, 12, 31))
    assert (err.value.code, err.value.field) == (Code.VALID_TO_BEFORE_FROM, "valid_to")
    with pytest.raises(DomainError) as err:
        unit_update(
            actor=world.bob,
            unit_id=world.committee.pk,
            valid_from=date(2030, 1, 1),
            valid_to=date(2029, 1, 1),
        )
    assert err.value.field == "valid_to"
    assert _counts() == before


def test_a_unit_serves_only_an_administrative_unit_of_a_level_its_kind_can_serve(world):
    commune = unit_create(
        actor=world.bob,
        code="TBT-UBND-DAMTHUY",
        name="UBND xã Đàm Thủy",
        kind=UnitKind.COMMUNE,
        parent_id=world.tbt.pk,
        admin_unit_id=world.admin_commune.pk,
    )
    assert commune.admin_unit == world.admin_commune
    before = _counts()
    with pytest.raises(DomainError) as err:  # a post's area comes from its sections
        unit_update(actor=world.bob, unit_id=world.post.pk, admin_unit_id=world.admin_commune.pk)
    assert (err.value.code, err.value.field) == (Code.SERVED_LEVEL, "admin_unit_id")
    with pytest.raises(DomainError) as err:  # a commune does not serve a province
        unit_update(
            actor=world.bob, unit_id=commune.pk, admin_unit_id=world.admin_commune.parent_id
        )
    assert err.value.code == Code.SERVED_LEVEL
    assert _counts() == before
    unit_update(actor=world.bob, unit_id=commune.pk, admin_unit_id=None)
    commune.refresh_from_db()
    assert commune.admin_unit is None


def test_seats_of_a_dated_committee_stay_within_its_life(world):
    district = _district_committee(world)
    seat = {"committee_id": district.pk, "role": "head", "person": "Nông Văn Huyện"}
    before = _counts()
    for fields, field in [
        ({"term_from": date(2015, 1, 1), "term_to": date(2020, 12, 31)}, "term_from"),
        ({"term_from": date(2021, 1, 1)}, "term_to"),  # open-ended on a committee that ended
        ({"term_from": date(2021, 1, 1), "term_to": date(2025, 12, 31)}, "term_to"),
        ({"term_from": date(2025, 7, 1), "term_to": date(2025, 12, 31)}, "term_from"),
    ]:
        with pytest.raises(DomainError) as err:
            committee_member_add(actor=world.sam, **seat, **fields)
        assert (err.value.code, err.value.field) == (Code.TERM_OUTSIDE_COMMITTEE, field)
        assert "01/01/2016 – 30/06/2025" in err.value.message
    assert _counts() == before
    kept = committee_member_add(
        actor=world.sam, **seat, term_from=date(2021, 1, 1), term_to=date(2025, 6, 30)
    )
    assert kept.term_to == district.valid_to


def test_the_secretariat_corrects_a_seat_and_the_change_is_audited(world):
    committee_member_update(
        actor=world.sam,
        member_id=world.member.pk,
        position="Chủ tịch UBND tỉnh",
        agency_id=world.bg.pk,
        term_to=date(2026, 6, 30),
    )
    world.member.refresh_from_db()
    assert (world.member.position, world.member.agency, world.member.term_to) == (
        "Chủ tịch UBND tỉnh",
        world.bg,
        date(2026, 6, 30),
    )
    record = AuditRecord.objects.filter(action="committee_member.update").first()
    assert record.before["term_to"] is None and record.after["term_to"] == "2026-06-30"
    committee_member_update(actor=world.sam, member_id=world.member.pk, term_to=None)
    world.member.refresh_from_db()
    assert world.member.term_to is None
    with pytest.raises(PermissionDenied):
        committee_member_update(actor=world.erin, member_id=world.member.pk, person="X")
    with pytest.raises(DomainError) as err:
        committee_member_update(
            actor=world.sam,
            member_id=world.member.pk,
            term_from=date(2026, 1, 1),
            term_to=date(2025, 1, 1),
        )
    assert err.value.field == "term_to"


def test_members_are_searched_without_diacritics(world):
    names = [m.person for m in selectors.committee_members(actor=world.alice, q="le van truong")]
    assert names == ["Lê Văn Trưởng"]
    assert not selectors.committee_members(actor=world.alice, q="tran van song").exists()


def test_staff_correct_a_subdivision_but_not_into_a_name_taken(world, as_user):
    savannakhet = world.counterpart.subdivision
    other = ForeignSubdivision.objects.create(country=savannakhet.country, name="Salavan")
    api = as_user(world.erin)
    response = api.patch(
        f"/api/v1/subdivisions/{savannakhet.pk}",
        content_type="application/json",
        data={"name": "Savannakhét", "kind": "tỉnh"},
    )
    assert response.status_code == 200 and response.json()["kind"] == "tỉnh"
    before = AuditRecord.objects.count()
    taken = api.patch(
        f"/api/v1/subdivisions/{savannakhet.pk}",
        content_type="application/json",
        data={"name": "salavan"},
    )
    assert taken.status_code == 422 and taken.json()["errors"][0]["field"] == "name"
    assert AuditRecord.objects.count() == before
    savannakhet.refresh_from_db()
    assert savannakhet.name == "Savannakhét"
    with pytest.raises(PermissionDenied):
        subdivision_update(actor=world.alice, subdivision_id=other.pk, name="Y")


def test_the_counterpart_list_pages_searches_and_filters_by_post(world, as_user):
    api = as_user(world.alice)
    page = api.get("/api/v1/counterparts", {"q": "dai doi bien phong", "size": 1}).json()
    assert page["count"] == 1 and page["items"][0]["name"] == "Đại đội Biên phòng 963"
    assert api.get("/api/v1/counterparts", {"post_id": world.post2.pk}).json()["count"] == 0
    assert api.get("/api/v1/counterparts", {"post_id": world.post.pk}).json()["count"] == 1
