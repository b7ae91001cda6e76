"""The gate traffic pages: recorded once from the form, corrected with a version check, listed
with the totals and the table of each gate's months, exported; a file imported all or nothing
from the import page, whose template downloads and imports back."""

import csv
import io
import re
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from biengioi.operations.models import GateTraffic
from biengioi.operations.services import gate_traffic_create
from tests.conftest import sign_in

from .test_gate_traffic import _row, _xlsx

CLIENT_ID = "5a2d7c1a-9b3f-4a5e-8c6d-1f2e3a4b5c6d"


def _form(world, **fields):
    data = {
        "client_id": CLIENT_ID,
        "unit_id": world.post.pk,
        "gate_id": world.gate.pk,
        "period": "day",
        "on": "05/09/2025",
        "persons_out": "1.250",  # numbers as written in Vietnamese
        "persons_in": "1180",
        "vehicles_out": "320",
        "vehicles_in": "305",
        "export_tonnes": "850,5",
        "import_tonnes": "620,25",
        "export_value_usd": "1250000",
        "import_value_usd": "980000,50",
        "note": "",
    }
    return {**data, **fields}


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _record(world, on, persons_out=100, period="day"):
    return gate_traffic_create(
        actor=world.alice,
        unit_id=world.post.pk,
        gate_id=world.gate.pk,
        period=period,
        on=on,
        persons_out=persons_out,
        export_value_usd=1500,
    )[0]


def test_a_figure_is_recorded_once_from_the_form_and_shown(world, client):
    sign_in(client, world.alice)
    assert client.get("/gate-traffic/new/").status_code == 200
    made = client.post("/gate-traffic/new/", _form(world))
    assert made.status_code == 302, _text(made)
    again = client.post("/gate-traffic/new/", _form(world))  # the same form sent twice
    assert again["Location"] == made["Location"]
    traffic = GateTraffic.objects.get()
    assert (traffic.persons_out, str(traffic.export_tonnes)) == (1250, "850.500")
    page = _text(client.get(made["Location"]))
    assert "05/09/2025" in page and "1.250" in page and "980.000,50" in page


def test_a_bad_figure_is_shown_beside_its_field_and_nothing_is_written(world, client):
    sign_in(client, world.alice)
    page = client.post("/gate-traffic/new/", _form(world, vehicles_in="-3"))
    assert page.status_code == 400
    errors = re.search(r'id="id_vehicles_in_error">(.*?)</ul>', page.content.decode())
    assert errors and "Số liệu không được âm." in errors.group(1)  # beside its field
    future = client.post("/gate-traffic/new/", _form(world, on="01/01/2099"))
    assert future.status_code == 400 and "Ngày không được sau hôm nay." in _text(future)
    assert not GateTraffic.objects.exists()


def test_an_edit_on_a_stale_copy_is_refused_on_the_form(world, client):
    traffic = _record(world, date(2025, 9, 5))
    sign_in(client, world.alice)
    assert client.get(f"/gate-traffic/{traffic.pk}/edit/").status_code == 200
    edit = _form(world, version="1", persons_out="1300")
    del edit["client_id"], edit["unit_id"]
    done = client.post(f"/gate-traffic/{traffic.pk}/edit/", edit)
    assert done.status_code == 302, _text(done)
    traffic.refresh_from_db()
    assert (traffic.version, traffic.persons_out) == (2, 1300)
    stale = client.post(f"/gate-traffic/{traffic.pk}/edit/", {**edit, "persons_out": "1"})
    assert stale.status_code == 400 and "phiên bản hiện tại: 2" in _text(stale)
    traffic.refresh_from_db()
    assert traffic.persons_out == 1300


def test_the_list_shows_totals_the_month_table_and_exports(world, client):
    _record(world, date(2025, 8, 1), persons_out=1000)
    _record(world, date(2025, 8, 2), persons_out=250)
    _record(world, date(2025, 7, 1), persons_out=30000, period="month")
    sign_in(client, world.lee)
    page = client.get("/gate-traffic/")
    assert page.status_code == 200
    text = _text(page)
    assert "3 bản ghi: 31.250 lượt người xuất cảnh" in text
    assert "kim ngạch xuất khẩu 4.500,00 USD" in text
    months = re.search(r'data-testid="gate-months">(.*?)</table>', text).group(1)
    assert "07/2025</td><td>cả tháng" in months and "08/2025</td><td>2 ngày" in months
    assert '<td class="num">1.250</td>' in months
    filtered = _text(client.get("/gate-traffic/", {"period": "month"}))
    assert "1 bản ghi: 30.000 lượt" in filtered
    xlsx = client.get("/gate-traffic/export.xlsx", {"start": "01/08/2025"})
    sheet = load_workbook(io.BytesIO(xlsx.getvalue())).active
    assert [c.value for c in sheet[1]][:3] == ["Ngày", "Loại số liệu", "Cửa khẩu"]
    assert sheet.max_row == 3  # the two August days
    rows = list(csv.reader(io.StringIO(client.get("/gate-traffic/export.csv").getvalue().decode())))
    assert len(rows) == 4


def test_the_import_page_lists_bad_rows_then_imports_the_corrected_file(world, client):
    sign_in(client, world.alice)
    assert client.get("/gate-traffic/import/").status_code == 200
    bad = SimpleUploadedFile(
        "cuakhau.xlsx",
        _xlsx(_row(date(2025, 9, 1)), _row(date(2025, 9, 2), persons_out=-1), _row("3/9/2025")),
    )
    page = client.post("/gate-traffic/import/", {"unit_id": world.post.pk, "file": bad})
    assert page.status_code == 400
    text = _text(page)
    assert "<td>3</td><td>Người xuất cảnh (lượt)</td>" in text
    assert "<td>4</td><td>Ngày</td>" in text
    assert not GateTraffic.objects.exists()
    merged = SimpleUploadedFile("m.xlsx", _xlsx(_row(date(2025, 9, 1)), merge="B2:C2"))
    page = client.post("/gate-traffic/import/", {"unit_id": world.post.pk, "file": merged})
    assert page.status_code == 400 and "ô gộp (B2:C2)" in _text(page)
    good = SimpleUploadedFile("cuakhau.xlsx", _xlsx(_row(date(2025, 9, 1)), _row(date(2025, 9, 2))))
    done = client.post("/gate-traffic/import/", {"unit_id": world.post.pk, "file": good})
    assert done.status_code == 302
    assert "Đã nhập 2 dòng." in _text(client.get(done["Location"]))
    assert GateTraffic.objects.count() == 2
    detail = _text(client.get(f"/gate-traffic/{GateTraffic.objects.first().pk}/"))
    assert "nhập từ tệp “cuakhau.xlsx”" in detail


def test_the_downloaded_template_imports_back(world, client):
    sign_in(client, world.alice)
    response = client.get("/gate-traffic/template.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.getvalue()))
    book.active["C2"].value = date(2025, 9, 3)  # fill in the example row's day
    buf = io.BytesIO()
    book.save(buf)
    upload = SimpleUploadedFile("mau.xlsx", buf.getvalue())
    done = client.post("/gate-traffic/import/", {"unit_id": world.post.pk, "file": upload})
    assert done.status_code == 302, _text(done)
    assert GateTraffic.objects.get().on == date(2025, 9, 3)


def test_another_post_cannot_see_or_edit_and_a_leader_cannot_record(world, client):
    traffic = _record(world, date(2025, 9, 5))
    sign_in(client, world.charlie)
    assert client.get(f"/gate-traffic/{traffic.pk}/").status_code == 404
    assert client.get(f"/gate-traffic/{traffic.pk}/edit/").status_code == 404
    assert "Chưa có số liệu nào." in _text(client.get("/gate-traffic/"))
    sign_in(client, world.lee)
    assert client.get(f"/gate-traffic/{traffic.pk}/").status_code == 200
    assert client.get("/gate-traffic/new/").status_code == 403
    assert client.get("/gate-traffic/import/").status_code == 403
