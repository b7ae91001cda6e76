import csv
import io
from datetime import date

from openpyxl import load_workbook

from biengioi.audit.models import AuditRecord
from biengioi.registry import exports, selectors
from biengioi.registry.models import Marker, MarkerStatus
from biengioi.registry.services import marker_create


def _marker(world, identifier, **extra):
    data = {
        "line_id": world.line.pk,
        "identifier": identifier,
        "kind": "main",
        "lon": 106.61,
        "lat": 16.61,
        "post_id": world.post.pk,
    }
    return marker_create(actor=world.erin, **{**data, **extra})


def test_the_marker_list_page_searches_by_identifier(world, client):
    _marker(world, "222(1)", multiplicity="double")
    _marker(world, "222(2)", multiplicity="double", lon=106.612)
    client.force_login(world.alice)
    page = client.get("/markers/", {"q": "222"}).content.decode()
    assert "222(1)" in page and "222(2)" in page and ">600<" not in page
    assert "Thêm mốc" not in page  # a field officer does not keep the registry


def test_unit_staff_create_a_marker_on_its_page(world, client):
    client.force_login(world.erin)
    form = {
        "line_id": world.line.pk,
        "identifier": "602",
        "kind": "main",
        "multiplicity": "single",
        "lon": "106.62",
        "lat": "16.61",
        "post_id": world.post.pk,
        "status": "intact",
        "status_on": "01/07/2025",
        "status_source": "kiểm tra",
    }
    response = client.post("/markers/new/", form)
    marker = Marker.objects.get(identifier="602")
    assert response["Location"] == f"/markers/{marker.pk}/"
    assert MarkerStatus.objects.get(marker=marker).on == date(2025, 7, 1)


def test_a_bad_marker_form_shows_the_error_beside_the_field_and_writes_nothing(world, client):
    client.force_login(world.erin)
    before = (Marker.objects.count(), AuditRecord.objects.count())
    form = {
        "line_id": world.line.pk,
        "identifier": "600",
        "kind": "main",
        "multiplicity": "single",
        "lon": "106.6",
        "lat": "16.7",
        "post_id": world.post.pk,
    }
    response = client.post("/markers/new/", form)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "identifier" in errors and "đã có trên tuyến" in errors["identifier"][0]
    form["identifier"] = "603"
    errors = client.post("/markers/new/", form).context["form"].errors
    assert "lon" in errors and "2000 m" in errors["lon"][0]
    assert (Marker.objects.count(), AuditRecord.objects.count()) == before


def test_moving_a_marker_on_its_edit_page(world, client):
    client.force_login(world.erin)
    page = client.get(f"/markers/{world.marker.pk}/edit/")
    form = page.context["form"].initial | {
        "lon": "106.6012",
        "section_id": world.section.pk,
        "post_id": world.post.pk,
        "marker_type": "",
        "material": "",
        "note": "",
        "elevation_m": "",
        "year_planted": "",
        "commune_id": "",
    }
    response = client.post(f"/markers/{world.marker.pk}/edit/", form)
    assert response.status_code == 302
    world.marker.refresh_from_db()
    assert str(world.marker.lon) == "106.6012000"
    record = AuditRecord.objects.filter(action="marker.update").latest("seq")
    assert record.after["lon"] == "106.6012000"


def test_a_field_officer_records_a_status_on_the_marker_page(world, client):
    client.force_login(world.alice)
    response = client.post(
        f"/markers/{world.marker.pk}/status/",
        {"status-status": "landslide", "status-on": "02/08/2025", "status-source": "tuần tra"},
    )
    assert response.status_code == 302
    page = client.get(f"/markers/{world.marker.pk}/").content.decode()
    assert "Sạt lở / nguy cơ sạt lở" in page and "02/08/2025" in page
    assert client.get(f"/markers/{world.marker.pk}/edit/").status_code == 403


def test_the_marker_page_shows_vn2000_coordinates(world, client):
    client.force_login(world.lee)
    page = client.get(f"/markers/{world.marker.pk}/").content.decode()
    assert "múi 48N: X = 670.488,69, Y = 1.836.096,93" in page


def test_exports_read_back_with_the_same_markers(world, client):
    _marker(world, "601")
    rows = list(selectors.marker_list(actor=world.lee, line_id=world.line.pk))
    book = load_workbook(io.BytesIO(exports.markers_xlsx(rows)))
    sheet = book.active
    assert sheet["B1"].value == "Số hiệu" and sheet["A1"].font.bold
    assert [sheet.cell(row=r, column=2).value for r in (2, 3)] == ["600", "601"]
    assert sheet.cell(row=2, column=7).value == 106.6
    assert sheet.cell(row=2, column=18).value == "Nguyên trạng"
    text = exports.markers_csv(rows).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][1] == "Số hiệu" and [r[1] for r in table[1:]] == ["600", "601"]
    client.force_login(world.lee)
    response = client.get("/markers/export.xlsx", {"q": "601"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert load_workbook(io.BytesIO(response.getvalue())).active.max_row == 2
    assert client.get("/markers/export.pdf").status_code == 404


def test_the_marker_list_takes_a_flat_number_of_queries(
    world, client, django_assert_max_num_queries
):
    client.force_login(world.lee)
    with django_assert_max_num_queries(12) as few:
        client.get("/markers/")
    for n in range(610, 640):
        _marker(world, str(n), lon=106.6 + (n - 600) * 0.0002)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/markers/")


def test_every_registry_list_exports_what_the_user_sees(world, client):
    client.force_login(world.lee)
    for table, first_header, expected in [
        ("sections", "Tuyến biên giới", "D1"),
        ("signs", "Tuyến biên giới", "VĐ-01"),
        ("gates", "Tên cửa khẩu", "Cửa khẩu Bản Giốc"),
        ("admin-units", "Mã", "Xã Đàm Thủy"),
        ("units", "Mã", "Đồn Biên phòng Bản Giốc"),
        ("committee-members", "Ban chỉ đạo", "Lê Văn Trưởng"),
        ("counterparts", "Tên đơn vị", "Đại đội Biên phòng 963"),
    ]:
        response = client.get(f"/{table}/export.xlsx")
        assert response.status_code == 200, table
        sheet = load_workbook(io.BytesIO(response.getvalue())).active
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert rows[0][0] == first_header
        assert any(expected in [str(v) for v in r] for r in rows[1:]), (table, rows)
        if table != "admin-units":  # reference data every province reads (ADR 0008)
            assert all("Sông Núi" not in str(v) for r in rows for v in r)  # other province
        text = client.get(f"/{table}/export.csv").getvalue().decode("utf-8-sig")
        assert expected in text
    assert client.get("/nothing/export.xlsx").status_code == 404
