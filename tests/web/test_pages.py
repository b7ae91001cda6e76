from biengioi.audit.models import AuditRecord
from biengioi.registry.services import unit_update
from tests.conftest import sign_in


def test_the_audit_page_lists_and_filters_the_records_of_the_scope(world, client):
    unit_update(actor=world.bob, unit_id=world.post.pk, name="Đồn Biên phòng <Mới>")
    unit_update(actor=world.charlie, unit_id=world.tsn_bg.pk, name="Đồn khác tỉnh")
    sign_in(client, world.bob)
    page = client.get("/audit/", {"action": "unit.update"}).content.decode()
    assert "Đồn Biên phòng &lt;Mới&gt;" in page
    assert "Đồn khác tỉnh" not in page  # another province's records are out of scope
    assert page.count("<td>unit.update</td>") == 1
    none = client.get("/audit/", {"username": "nobody"}).content.decode()
    assert "Không có bản ghi nào." in none
    bad = client.get("/audit/", {"since": "31/02/2026"})
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()
    assert AuditRecord.objects.filter(action="unit.update").count() == 2


def test_a_field_officer_is_refused_the_audit_and_users_pages(world, client):
    client.force_login(world.alice)
    for path in ("/audit/", "/users/"):
        response = client.get(path)
        assert response.status_code == 403
        assert "Vai trò của bạn không được phép" in response.content.decode()


def test_a_unit_outside_the_scope_is_not_found(world, client):
    client.force_login(world.alice)
    assert client.get(f"/units/{world.post.pk}/").status_code == 200
    assert client.get(f"/units/{world.post2.pk}/").status_code == 404
    assert client.get(f"/units/{world.tsn.pk}/").status_code == 404


def test_the_unit_list_searches_without_diacritics(world, client):
    client.force_login(world.erin)
    page = client.get("/units/", {"q": "ly van"}).content.decode()
    assert "Đồn Biên phòng Lý Vạn" in page and "Bản Giốc" not in page


def test_pages_are_in_vietnamese_whatever_the_browser_asks_until_english_is_chosen(world, client):
    client.force_login(world.alice)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "<h1>Tổng quan</h1>" in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "<h1>Overview</h1>" in client.get("/").content.decode()


def test_an_administrator_before_the_second_factor_is_offered_no_menu(world, client):
    client.force_login(world.bob)
    page = client.get("/accounts/second-factor/").content.decode()
    assert 'class="menu"' not in page and "<svg" in page


def test_the_admin_site_signs_in_through_the_throttled_login_page(db, client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/"


def test_every_page_carries_the_security_headers(db, client):
    response = client.get("/accounts/login/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert len(response["X-Request-ID"]) == 32


def test_a_border_post_page_shows_its_area(world, client):
    from biengioi.registry.services import section_commune_set

    section_commune_set(
        actor=None, section_id=world.section.pk, commune_id=world.admin_commune.pk, belt_width_m=500
    )
    client.force_login(world.sam)
    page = client.get(f"/units/{world.post.pk}/").content.decode()
    assert "Địa bàn phụ trách" in page and "D1" in page and "Xã Đàm Thủy" in page
    assert "Cửa khẩu Bản Giốc" in page and "Đại đội Biên phòng 963" in page
    other = client.get(f"/units/{world.bg.pk}/").content.decode()
    assert "Địa bàn phụ trách" not in other


def test_every_admin_list_opens_read_only_for_an_administrator(world, client):
    from django.contrib import admin

    sign_in(client, world.bob)
    for model in admin.site._registry:
        meta = model._meta
        url = f"/admin/{meta.app_label}/{meta.model_name}/"
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert "/add/" not in response.content.decode(), url  # writes go through the services
    units = client.get("/admin/registry/orgunit/").content.decode()
    assert "Đồn Biên phòng Bản Giốc" in units and "Sông Núi" not in units  # scope holds
    audit = client.get("/admin/audit/auditrecord/").content.decode()
    assert "TSN" not in audit
    client.force_login(world.erin)  # not staff
    assert client.get("/admin/registry/marker/").status_code == 302
