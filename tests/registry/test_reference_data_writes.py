"""Shared reference data is read by everyone and changed only by those it belongs to (ADR 0008).

An administrative unit is kept by the administrators of the province whose area it lies in (its
parent chain up to its province, and the provinces that province merged into); a neighbouring
country's subdivision by the registry staff and administrators of the provinces that border that
country. Everyone else reads them, and a change answers 403 and changes nothing; every change is
audited under each province it touches, so that province's audit list shows it.
"""

from datetime import date

import pytest

from biengioi.accounts.models import User
from biengioi.audit.models import AuditRecord
from biengioi.core.errors import Code, DomainError
from biengioi.registry.imports import admin_units_import_csv
from biengioi.registry.models import AdminUnit, ForeignSubdivision, OrgUnit
from biengioi.registry.services import (
    admin_unit_create,
    section_commune_set,
    unit_update,
)
from tests.conftest import World, api_client, sign_in


def _state(unit: AdminUnit) -> tuple:
    unit.refresh_from_db()
    return unit.name, unit.is_border_area, unit.parent_id, AuditRecord.objects.count()


def _audit_seen_by(user: User, action: str) -> set[str]:
    """The object ids of the records of `action` the user's audit list shows."""
    listing = api_client(user).get("/api/v1/audit", {"action": action, "size": 100})
    assert listing.status_code == 200, listing.content
    return {r["object_id"] for r in listing.json()["items"]}


@pytest.fixture
def border_commune(world: World) -> AdminUnit:
    AdminUnit.objects.filter(pk=world.admin_commune.pk).update(is_border_area=True)
    world.admin_commune.refresh_from_db()
    return world.admin_commune


# --- administrative units ---------------------------------------------------------------------


def test_another_provinces_administrator_cannot_rename_or_unmark_our_commune(world, border_commune):
    charlie = api_client(world.charlie)  # (its token is audited too)
    before = _state(border_commune)
    response = charlie.patch(
        f"/api/v1/admin-units/{border_commune.pk}",
        {"name": "Xã Bị Đổi", "is_border_area": False},
        content_type="application/json",
    )
    assert response.status_code == 403, response.content
    assert _state(border_commune) == before
    # reading stays open: administrative units are national reference data
    assert charlie.get(f"/api/v1/admin-units/{border_commune.pk}").status_code == 200


def test_our_administrator_unmarks_our_commune_and_our_audit_list_shows_it(world, border_commune):
    response = api_client(world.bob).patch(
        f"/api/v1/admin-units/{border_commune.pk}",
        {"is_border_area": False},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert not AdminUnit.objects.get(pk=border_commune.pk).is_border_area
    record = AuditRecord.objects.filter(action="admin_unit.update").latest("seq")
    assert record.scope_path == world.tbt.path
    assert record.before["is_border_area"] is True and record.after["is_border_area"] is False
    assert str(border_commune.pk) in _audit_seen_by(world.bob, "admin_unit.update")
    assert str(border_commune.pk) not in _audit_seen_by(world.charlie, "admin_unit.update")


def test_another_provinces_administrator_cannot_edit_our_commune_on_its_page(
    world, border_commune, client
):
    sign_in(client, world.charlie)
    url = f"/admin-units/{border_commune.pk}/edit/"
    before = _state(border_commune)
    assert client.get(url).status_code == 403
    form = {"code": "99001", "name": "Xã Bị Đổi", "level": "commune", "valid_from": "01/07/2025"}
    assert client.post(url, form).status_code == 403
    assert _state(border_commune) == before
    assert url not in client.get(f"/admin-units/{border_commune.pk}/").content.decode()


def test_our_administrator_edits_our_commune_on_its_page_audited_in_our_province(
    world, border_commune, client
):
    sign_in(client, world.bob)
    url = f"/admin-units/{border_commune.pk}/edit/"
    assert f'href="{url}"' in client.get(f"/admin-units/{border_commune.pk}/").content.decode()
    form = {
        "code": "99001",
        "name": "Xã Đàm Thủy",
        "level": "commune",
        "parent_id": border_commune.parent_id,
        "valid_from": "01/07/2025",
    }
    assert client.post(url, form).status_code == 302
    assert not AdminUnit.objects.get(pk=border_commune.pk).is_border_area
    record = AuditRecord.objects.filter(action="admin_unit.update").latest("seq")
    assert (record.object_id, record.scope_path) == (str(border_commune.pk), world.tbt.path)


def test_a_commune_under_another_provinces_province_is_refused_naming_the_parent(world):
    charlie = api_client(world.charlie)
    count, records = AdminUnit.objects.count(), AuditRecord.objects.count()
    body = {
        "code": "99009",
        "name": "Xã Chen Vào",
        "level": "commune",
        "parent_id": world.admin_commune.parent_id,
        "valid_from": "2025-07-01",
    }
    response = charlie.post("/api/v1/admin-units", body, content_type="application/json")
    assert response.status_code in (400, 422), response.content
    assert [e["field"] for e in response.json()["errors"]] == ["parent_id"]
    assert (AdminUnit.objects.count(), AuditRecord.objects.count()) == (count, records)
    # moving one of their own communes under our province is the same refusal
    response = charlie.patch(
        f"/api/v1/admin-units/{world.tsn_admin_commune.pk}",
        {"parent_id": world.admin_commune.parent_id},
        content_type="application/json",
    )
    assert [e["field"] for e in response.json()["errors"]] == ["parent_id"]
    assert AdminUnit.objects.get(pk=world.tsn_admin_commune.pk).parent_id != (
        world.admin_commune.parent_id
    )


def test_a_commune_under_another_province_is_refused_beside_the_parent_on_the_page(world, client):
    sign_in(client, world.charlie)
    form = {
        "code": "99009",
        "name": "Xã Chen Vào",
        "level": "commune",
        "parent_id": world.admin_commune.parent_id,
        "valid_from": "01/07/2025",
    }
    response = client.post("/admin-units/new/", form)
    assert response.status_code == 400
    assert "parent_id" in response.context["form"].errors
    assert not AdminUnit.objects.filter(code="99009").exists()


def test_a_file_of_units_under_another_provinces_province_is_refused_at_the_parent_code(world):
    content = (
        "code,name,level,division_type,parent_code,valid_from,valid_to,predecessors\n"
        "99009,Xã Chen Vào,commune,xã,99,01/07/2025,,\n"
    ).encode()
    result = admin_units_import_csv(actor=world.charlie, content=content)
    assert [(e.row, e.field) for e in result.errors] == [(2, "parent_code")]
    assert not AdminUnit.objects.filter(code="99009").exists()
    assert admin_units_import_csv(actor=world.bob, content=content).created == 1


def test_our_administrator_adds_a_commune_to_our_province_audited_in_our_province(world):
    response = api_client(world.bob).post(
        "/api/v1/admin-units",
        {
            "code": "99009",
            "name": "Xã Mới",
            "level": "commune",
            "parent_id": world.admin_commune.parent_id,
            "valid_from": "2025-07-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    record = AuditRecord.objects.filter(action="admin_unit.create").latest("seq")
    assert (record.object_id, record.scope_path) == (str(response.json()["id"]), world.tbt.path)


def test_our_old_units_are_ours_through_the_merger_of_our_province(world):
    """A district of 2024 lies in a province that merged into ours on 01/07/2025."""
    old_province = admin_unit_create(
        actor=None, code="98", name="Tỉnh Cũ", level="province", valid_to=date(2025, 6, 30)
    )
    district = admin_unit_create(
        actor=None,
        code="980",
        name="Huyện Cũ",
        level="district",
        parent_id=old_province.pk,
        valid_to=date(2025, 6, 30),
    )
    ours = AdminUnit.objects.get(pk=world.admin_commune.parent_id)
    api = api_client(world.bob)
    linked = api.patch(
        f"/api/v1/admin-units/{ours.pk}",
        {"predecessor_ids": [old_province.pk]},
        content_type="application/json",
    )
    assert linked.status_code == 200, linked.content
    edit = {"name": "Huyện Cũ (đã giải thể)"}
    assert (
        api_client(world.charlie)
        .patch(f"/api/v1/admin-units/{district.pk}", edit, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        api.patch(
            f"/api/v1/admin-units/{district.pk}", edit, content_type="application/json"
        ).status_code
        == 200
    )
    record = AuditRecord.objects.filter(action="admin_unit.update").latest("seq")
    assert (record.object_id, record.scope_path) == (str(district.pk), world.tbt.path)


def test_another_province_cannot_claim_our_province_as_its_predecessor(world):
    theirs = AdminUnit.objects.get(pk=world.tsn_admin_commune.parent_id)
    response = api_client(world.charlie).patch(
        f"/api/v1/admin-units/{theirs.pk}",
        {"predecessor_ids": [world.admin_commune.parent_id]},
        content_type="application/json",
    )
    assert [e["field"] for e in response.json()["errors"]] == ["predecessor_ids"]
    assert not theirs.predecessors.exists()


def test_another_province_cannot_serve_our_administrative_province(world):
    with pytest.raises(DomainError) as caught:
        unit_update(
            actor=world.charlie, unit_id=world.tsn.pk, admin_unit_id=world.admin_commune.parent_id
        )
    assert (caught.value.code, caught.value.field) == (
        Code.ADMIN_UNIT_OTHER_PROVINCE,
        "admin_unit_id",
    )
    assert OrgUnit.objects.get(pk=world.tsn.pk).admin_unit_id == world.tsn_admin_commune.parent_id


def test_units_of_no_province_here_are_kept_by_any_administrator(world):
    """A province no unit of this installation serves (history being loaded, another province
    of the country) belongs to no one here: an administrator may add it and its units."""
    records = AuditRecord.objects.filter(action="admin_unit.create").count()
    province = admin_unit_create(
        actor=world.charlie,
        code="45",
        name="Tỉnh Quảng Trị",
        level="province",
        valid_to=date(2025, 6, 30),
    )
    admin_unit_create(
        actor=world.bob,
        code="464",
        name="Huyện Hướng Hóa",
        level="district",
        parent_id=province.pk,
        valid_to=date(2025, 6, 30),
    )
    assert AuditRecord.objects.filter(action="admin_unit.create").count() == records + 2


# --- is_border_area set by a section's land border area ---------------------------------------


def test_adding_a_commune_to_a_sections_border_area_audits_the_flip_in_its_province(world):
    section_commune_set(
        actor=world.erin,
        section_id=world.section.pk,
        commune_id=world.admin_commune.pk,
        belt_width_m=500,
    )
    assert AdminUnit.objects.get(pk=world.admin_commune.pk).is_border_area
    record = AuditRecord.objects.get(
        action="admin_unit.update", object_id=str(world.admin_commune.pk)
    )
    assert record.scope_path == world.tbt.path
    assert (record.before, record.after) == ({"is_border_area": False}, {"is_border_area": True})


def test_another_provinces_commune_cannot_join_our_sections_border_area(world):
    records = AuditRecord.objects.count()
    with pytest.raises(DomainError) as caught:
        section_commune_set(
            actor=world.erin,
            section_id=world.section.pk,
            commune_id=world.tsn_admin_commune.pk,
            belt_width_m=500,
        )
    assert (caught.value.code, caught.value.field) == (
        Code.ADMIN_UNIT_OTHER_PROVINCE,
        "commune_id",
    )
    assert not AdminUnit.objects.get(pk=world.tsn_admin_commune.pk).is_border_area
    assert AuditRecord.objects.count() == records


# --- neighbouring countries' subdivisions ------------------------------------------------------


def test_staff_of_a_province_not_bordering_the_country_cannot_change_its_subdivision(world):
    yunnan = world.tsn_counterpart.subdivision  # China: TSN borders it, TBT does not
    erin = api_client(world.erin)
    records = AuditRecord.objects.count()
    response = erin.patch(
        f"/api/v1/subdivisions/{yunnan.pk}",
        {"name": "Quảng Tây"},
        content_type="application/json",
    )
    assert response.status_code == 403, response.content
    assert ForeignSubdivision.objects.get(pk=yunnan.pk).name == "Vân Nam"
    assert AuditRecord.objects.count() == records


def test_staff_of_a_bordering_province_correct_its_subdivision_audited_there(world):
    savannakhet = world.counterpart.subdivision  # Laos: TBT borders it
    response = api_client(world.erin).patch(
        f"/api/v1/subdivisions/{savannakhet.pk}", {"kind": "tỉnh"}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    record = AuditRecord.objects.filter(action="subdivision.update").latest("seq")
    assert (record.object_id, record.scope_path) == (str(savannakhet.pk), world.tbt.path)
    assert str(savannakhet.pk) in _audit_seen_by(world.bob, "subdivision.update")
    charlie = api_client(world.charlie).patch(
        f"/api/v1/subdivisions/{savannakhet.pk}", {"kind": "x"}, content_type="application/json"
    )
    assert charlie.status_code == 403
    assert ForeignSubdivision.objects.get(pk=savannakhet.pk).kind == "tỉnh"


def test_a_subdivision_of_a_country_our_province_does_not_border_is_refused(world):
    response = api_client(world.erin).post(
        "/api/v1/subdivisions",
        {"country_code": "CN", "name": "Quảng Tây"},
        content_type="application/json",
    )
    assert response.status_code in (400, 422), response.content
    assert [e["field"] for e in response.json()["errors"]] == ["country_code"]
    assert not ForeignSubdivision.objects.filter(name="Quảng Tây").exists()


def test_a_subdivision_of_another_provinces_neighbour_cannot_be_edited_on_its_page(world, client):
    yunnan = world.tsn_counterpart.subdivision
    client.force_login(world.erin)
    url = f"/organisations/subdivisions/{yunnan.pk}/edit/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"name": "Quảng Tây"}).status_code == 403
    assert ForeignSubdivision.objects.get(pk=yunnan.pk).name == "Vân Nam"


def test_the_organisations_page_offers_to_edit_only_the_subdivisions_we_keep(world, client):
    client.force_login(world.erin)
    page = client.get("/organisations/").content.decode()
    savannakhet, yunnan = world.counterpart.subdivision, world.tsn_counterpart.subdivision
    assert f"/organisations/subdivisions/{savannakhet.pk}/edit/" in page
    assert f"/organisations/subdivisions/{yunnan.pk}/edit/" not in page


def test_a_counterpart_adds_a_subdivision_only_of_a_country_we_border_and_audits_it(world):
    erin = api_client(world.erin)
    records = AuditRecord.objects.count()
    body = {"name": "Trạm Y", "country_code": "CN", "subdivision": "Quảng Tây"}
    refused = erin.post("/api/v1/counterparts", body, content_type="application/json")
    assert [e["field"] for e in refused.json()["errors"]] == ["subdivision"]
    assert not ForeignSubdivision.objects.filter(name="Quảng Tây").exists()
    assert AuditRecord.objects.count() == records
    body = {"name": "Đại đội Y", "country_code": "LA", "subdivision": "Attapeu"}
    added = erin.post("/api/v1/counterparts", body, content_type="application/json")
    assert added.status_code == 201, added.content
    attapeu = ForeignSubdivision.objects.get(name="Attapeu")
    record = AuditRecord.objects.get(action="subdivision.create", object_id=str(attapeu.pk))
    assert record.scope_path == world.tbt.path
