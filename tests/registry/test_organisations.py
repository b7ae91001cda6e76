from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from biengioi.audit.models import AuditRecord
from biengioi.core.errors import Code, DomainError
from biengioi.registry import selectors
from biengioi.registry.models import CommitteeMember, SectionCommune
from biengioi.registry.services import (
    committee_member_add,
    committee_member_update,
    counterpart_create,
    section_commune_set,
)


def _seat(world, actor=None, **fields):
    data = {
        "committee_id": world.committee.pk,
        "role": "member",
        "person": "Phạm Thị Hoa",
        "position": "Giám đốc Sở Ngoại vụ",
        "term_from": date(2025, 7, 1),
    }
    return committee_member_add(actor=actor or world.sam, **{**data, **fields})


def _refused(world, code, field, **fields):
    before = CommitteeMember.objects.count(), AuditRecord.objects.count()
    with pytest.raises(DomainError) as err:
        _seat(world, **fields)
    assert (err.value.code, err.value.field) == (code, field)
    assert (CommitteeMember.objects.count(), AuditRecord.objects.count()) == before


def test_the_secretariat_seats_members_and_the_list_of_a_day_shows_them(world):
    _seat(world)
    _seat(world, role="standing_agency", person="", agency_id=world.bg.pk)
    today = [
        (m.role, m.person)
        for m in selectors.committee_members(
            actor=world.alice, committee_id=world.committee.pk, on=date(2025, 8, 1)
        )
    ]
    assert today == [("head", "Lê Văn Trưởng"), ("member", "Phạm Thị Hoa"), ("standing_agency", "")]
    assert selectors.committee_members(actor=world.alice, on=date(2025, 6, 1)).count() == 0


def test_a_committee_has_one_head_at_a_time(world):
    _refused(world, Code.ONE_HEAD, "role", role="head", person="Người thứ hai")
    committee_member_update(actor=world.sam, member_id=world.member.pk, term_to=date(2025, 12, 31))
    assert _seat(world, role="head", person="Người kế nhiệm", term_from=date(2026, 1, 1))


def test_a_term_ending_before_it_starts_is_refused(world):
    _refused(world, Code.VALID_TO_BEFORE_FROM, "term_to", term_to=date(2025, 1, 1))


def test_a_standing_agency_needs_its_agency_and_a_member_a_name(world):
    _refused(world, Code.REQUIRED, "agency_id", role="standing_agency", person="")
    _refused(world, Code.REQUIRED, "person", person="")


def test_only_the_secretariat_and_administrators_seat_members(world):
    with pytest.raises(PermissionDenied):
        _seat(world, actor=world.erin)


def test_a_counterpart_faces_only_posts_in_the_actors_scope(world):
    unit = counterpart_create(
        actor=world.erin,
        name="Đại đội Biên phòng 964",
        country_code="LA",
        subdivision="Savannakhet",
        facing_post_ids=[world.post.pk, world.post2.pk],
    )
    assert {p.pk for p in unit.facing_posts.all()} == {world.post.pk, world.post2.pk}
    assert unit.subdivision == world.counterpart.subdivision  # the same Lao province, once
    with pytest.raises(DomainError) as err:
        counterpart_create(
            actor=world.erin,
            name="X",
            country_code="LA",
            facing_post_ids=[world.tsn_section.post_id],
        )
    assert err.value.field == "facing_post_ids"
    names = [u.name for u in selectors.counterpart_list(actor=world.lee)]
    assert names == ["Đại đội Biên phòng 963", "Đại đội Biên phòng 964"]


def test_a_border_commune_gets_its_belt_width(world):
    link = section_commune_set(
        actor=world.erin,
        section_id=world.section.pk,
        commune_id=world.admin_commune.pk,
        belt_width_m=500,
    )
    assert link.belt_width_m == 500
    world.admin_commune.refresh_from_db()
    assert world.admin_commune.is_border_area
    section_commune_set(
        actor=world.erin,
        section_id=world.section.pk,
        commune_id=world.admin_commune.pk,
        belt_width_m=800,
    )
    assert SectionCommune.objects.get().belt_width_m == 800


@pytest.mark.parametrize("width", [99, 1001, 0])
def test_a_belt_width_outside_100_to_1000_metres_is_refused(world, width):
    with pytest.raises(DomainError) as err:
        section_commune_set(
            actor=world.erin,
            section_id=world.section.pk,
            commune_id=world.admin_commune.pk,
            belt_width_m=width,
        )
    assert (err.value.code, err.value.field) == (Code.BELT_WIDTH, "belt_width_m")
    assert not SectionCommune.objects.exists()


def test_only_a_commune_in_force_can_join_a_section(world):
    with pytest.raises(DomainError) as err:
        section_commune_set(
            actor=world.erin,
            section_id=world.section.pk,
            commune_id=world.admin_commune.parent_id,
            belt_width_m=500,
        )
    assert err.value.code == Code.NOT_A_COMMUNE


def test_the_organisations_page_shows_seats_and_counterparts(world, client):
    _seat(world, person="Người cũ", term_from=date(2020, 1, 1), term_to=date(2024, 12, 31))
    _seat(
        world,
        role="standing_agency",
        person="",
        agency_id=world.bg.pk,
        term_from=date(2020, 1, 1),
        term_to=date(2024, 12, 31),
    )
    client.force_login(world.sam)
    response = client.post(
        "/organisations/",
        {
            "committee_id": world.committee.pk,
            "role": "deputy",
            "person": "Võ Văn Phó",
            "position": "Chỉ huy trưởng BĐBP",
            "term_from": "01/07/2025",
        },
    )
    assert response.status_code == 302
    page = client.get("/organisations/").content.decode()
    assert "Võ Văn Phó" in page and "Phó Trưởng ban" in page
    assert "Người cũ" in page  # the earlier terms are kept and shown
    counterparts = client.get("/organisations/counterparts/").content.decode()
    assert "Đại đội Biên phòng 963" in counterparts and "Đồn Biên phòng Bản Giốc" in counterparts
    twice = client.post(
        "/organisations/",
        {
            "committee_id": world.committee.pk,
            "role": "head",
            "person": "Hai Trưởng",
            "term_from": "01/08/2025",
        },
    )
    assert twice.status_code == 400 and "đã có Trưởng ban" in twice.content.decode()


def test_the_section_page_records_a_border_commune(world, client):
    client.force_login(world.erin)
    response = client.post(
        f"/sections/{world.section.pk}/",
        {"commune_id": world.admin_commune.pk, "belt_width_m": 1500},
    )
    assert response.status_code == 400 and "1.000 m" in response.content.decode()
    response = client.post(
        f"/sections/{world.section.pk}/",
        {"commune_id": world.admin_commune.pk, "belt_width_m": 300},
    )
    assert response.status_code == 302
    assert "Xã Đàm Thủy" in client.get(f"/sections/{world.section.pk}/").content.decode()


def test_staff_add_a_lao_province_once_and_everyone_sees_it(world, client, as_user):
    api = as_user(world.erin)
    response = api.post(
        "/api/v1/subdivisions",
        content_type="application/json",
        data={"country_code": "LA", "name": "Khammouane", "kind": "tỉnh"},
    )
    assert response.status_code == 201
    again = api.post(
        "/api/v1/subdivisions",
        content_type="application/json",
        data={"country_code": "LA", "name": "khammouane"},
    )
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "name"
    laos = [c for c in as_user(world.alice).get("/api/v1/countries").json() if c["code"] == "LA"]
    assert sorted(d["name"] for d in laos[0]["subdivisions"]) == ["Khammouane", "Savannakhet"]
    client.force_login(world.erin)
    client.post("/organisations/subdivisions/", {"country_code": "LA", "name": "Champasak"})
    assert "Champasak" in client.get("/organisations/").content.decode()
    # Cambodia is no neighbour of this province: its subdivisions are kept by those it borders
    client.post("/organisations/subdivisions/", {"country_code": "KH", "name": "Svay Rieng"})
    assert "Svay Rieng" not in client.get("/organisations/").content.decode()
