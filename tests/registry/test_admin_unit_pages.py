from datetime import date

from biengioi.registry.models import AdminUnit
from biengioi.registry.services import admin_unit_create
from tests.conftest import sign_in


def test_the_admin_unit_pages_show_a_merger(world, client):
    old = admin_unit_create(
        actor=None,
        code="45",
        name="Tỉnh Quảng Trị (cũ)",
        level="province",
        valid_to=date(2025, 6, 30),
    )
    new = admin_unit_create(
        actor=None,
        code="44",
        name="Tỉnh Quảng Trị",
        level="province",
        valid_from=date(2025, 7, 1),
        predecessor_ids=[old.pk],
    )
    client.force_login(world.alice)
    listing = client.get("/admin-units/", {"q": "quang tri", "on": "01/01/2025"})
    assert "Tỉnh Quảng Trị (cũ)" in listing.content.decode()
    assert f'/admin-units/{new.pk}/"' not in listing.content.decode()
    detail = client.get(f"/admin-units/{old.pk}/").content.decode()
    assert "Đơn vị kế tục" in detail and f'/admin-units/{new.pk}/"' in detail
    assert client.get(f"/admin-units/{old.pk}/edit/").status_code == 403


def test_an_administrator_corrects_a_unit_and_a_bad_date_range_is_refused(world, client):
    province = admin_unit_create(
        actor=None, code="44", name="Tỉnh Quảng Trị", level="province", valid_from=date(2025, 7, 1)
    )
    unit = admin_unit_create(
        actor=None,
        code="19432",
        name="Xã Lao Bảo",
        level="commune",
        parent_id=province.pk,
        valid_from=date(2025, 7, 1),
    )
    sign_in(client, world.bob)
    form = {
        "code": "19432",
        "name": "Xã Lao Bảo",
        "level": "commune",
        "parent_id": province.pk,
        "valid_from": "01/07/2025",
        "valid_to": "01/01/2025",
    }
    response = client.post(f"/admin-units/{unit.pk}/edit/", form)
    assert response.status_code == 400
    assert "valid_to" in response.context["form"].errors
    form["valid_to"] = ""
    form["is_border_area"] = "on"
    assert client.post(f"/admin-units/{unit.pk}/edit/", form).status_code == 302
    assert AdminUnit.objects.get(pk=unit.pk).is_border_area
