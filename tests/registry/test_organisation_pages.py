"""The organisation pages: units with dates and their administrative unit, seats corrected,
subdivisions corrected, counterparts listed and shown. Errors are shown beside the field."""

from datetime import date

from biengioi.audit.models import AuditRecord
from biengioi.registry.models import CommitteeMember, ForeignSubdivision, OrgUnit
from tests.conftest import sign_in


def test_an_administrator_adds_a_dated_district_committee_on_the_units_page(world, client):
    sign_in(client, world.bob)
    form = {
        "code": "TBT-BCD-HUYEN",
        "name": "Ban Chỉ đạo công tác biên giới huyện Trùng Khánh",
        "kind": "steering_committee",
        "parent_id": world.tbt.pk,
        "valid_from": "01/01/2016",
        "valid_to": "30/06/2025",
    }
    before = OrgUnit.objects.count(), AuditRecord.objects.count()
    bad = client.post("/units/new/", {**form, "valid_to": "31/12/2015"})
    assert bad.status_code == 400
    assert "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực." in bad.content.decode()
    unknown = client.post("/units/new/", {**form, "admin_unit_code": "12345"})
    assert unknown.status_code == 400 and "mã “12345”" in unknown.content.decode()
    assert (OrgUnit.objects.count(), AuditRecord.objects.count()) == before
    response = client.post("/units/new/", form)
    assert response.status_code == 302
    unit = OrgUnit.objects.get(code="TBT-BCD-HUYEN")
    assert (unit.valid_from, unit.valid_to) == (date(2016, 1, 1), date(2025, 6, 30))
    page = client.get(response["Location"]).content.decode()
    assert "01/01/2016 – 30/06/2025" in page
    listed = client.get("/units/", {"on": "01/08/2025"}).content.decode()
    assert "huyện Trùng Khánh" not in listed and "Đồn Biên phòng Bản Giốc" in listed


def test_the_commune_unit_is_tied_to_its_administrative_commune_by_code(world, client):
    sign_in(client, world.bob)
    wrong = client.post(
        f"/units/{world.post.pk}/edit/",
        {"code": world.post.code, "name": world.post.name, "admin_unit_code": "99001"},
    )
    assert wrong.status_code == 400 and "không gắn được" in wrong.content.decode()
    response = client.post(
        f"/units/{world.commune.pk}/edit/",
        {"code": world.commune.code, "name": world.commune.name, "admin_unit_code": "99001"},
    )
    assert response.status_code == 302
    world.commune.refresh_from_db()
    assert world.commune.admin_unit == world.admin_commune
    assert "Xã Đàm Thủy" in client.get(f"/units/{world.commune.pk}/").content.decode()


def test_only_administrators_open_the_unit_forms(world, client):
    client.force_login(world.erin)
    assert client.get("/units/new/").status_code == 403
    assert client.get(f"/units/{world.post.pk}/edit/").status_code == 403


def test_the_secretariat_ends_a_term_on_the_seat_page(world, client):
    client.force_login(world.sam)
    url = f"/organisations/members/{world.member.pk}/edit/"
    page = client.get(url)
    assert page.status_code == 200 and "Lê Văn Trưởng" in page.content.decode()
    seat = {
        "role": "head",
        "person": "Lê Văn Trưởng",
        "position": "Phó Chủ tịch UBND tỉnh",
        "term_from": "01/07/2025",
    }
    bad = client.post(url, {**seat, "term_to": "30/06/2025"})
    assert bad.status_code == 400
    assert CommitteeMember.objects.get(pk=world.member.pk).term_to is None
    assert client.post(url, {**seat, "term_to": "31/12/2025"}).status_code == 302
    assert CommitteeMember.objects.get(pk=world.member.pk).term_to == date(2025, 12, 31)
    listed = client.get("/organisations/members/", {"q": "le van", "on": "01/01/2026"})
    assert "Lê Văn Trưởng" not in listed.content.decode()
    client.force_login(world.erin)
    assert client.get(url).status_code == 403


def test_staff_correct_a_subdivision_on_its_page(world, client):
    savannakhet = world.counterpart.subdivision
    client.force_login(world.erin)
    url = f"/organisations/subdivisions/{savannakhet.pk}/edit/"
    response = client.post(url, {"name": "Savannakhet", "kind": "tỉnh"})
    assert response.status_code == 302
    assert ForeignSubdivision.objects.get(pk=savannakhet.pk).kind == "tỉnh"
    assert "(tỉnh)" in client.get("/organisations/").content.decode()
    assert client.post(url, {"name": ""}).status_code == 400


def test_a_new_counterpart_opens_on_its_own_page(world, client):
    client.force_login(world.erin)
    response = client.post(
        "/organisations/counterparts/new/",
        {
            "name": "Đại đội Biên phòng 965",
            "kind": "Đại đội Biên phòng",
            "country_code": "LA",
            "subdivision": "Savannakhet",
            "facing_post_ids": [world.post2.pk],
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Đại đội Biên phòng 965" in page and "Đồn Biên phòng Lý Vạn" in page
    found = client.get("/organisations/counterparts/", {"q": "965"}).content.decode()
    assert "Đại đội Biên phòng 965" in found and "Đại đội Biên phòng 963" not in found
