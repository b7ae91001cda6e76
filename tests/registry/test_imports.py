"""Marker imports: all or nothing, every bad row listed with its number, field and reason."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from biengioi.audit.models import AuditRecord
from biengioi.registry.imports import FileRejected, marker_import, template_csv
from biengioi.registry.models import Marker

HEADER = "Số hiệu,Loại mốc,Mốc đơn/đôi/ba,Kinh độ,Vĩ độ,Đoạn biên giới,Tình trạng,Ngày ghi nhận\n"
GOOD = [
    "605(1),Mốc chính,Mốc đôi,106.6010,16.6005,D1,Nguyên trạng,30/06/2025",
    "605(2),main,double,106.6012,16.6008,D1,,",
    "605/1,Mốc phụ,,106.6100,16.6090,D1,Hư hỏng,01/07/2025",
]


def _csv(*lines: str) -> bytes:
    return (HEADER + "\n".join(lines) + "\n").encode("utf-8")


def _state():
    return Marker.objects.count(), AuditRecord.objects.count()


def test_a_good_csv_imports_every_row(world):
    before = _state()
    result = marker_import(
        actor=world.erin, line_id=world.line.pk, filename="moc.csv", content=_csv(*GOOD)
    )
    assert result.ok and result.created == 3
    assert Marker.objects.get(identifier="605/1").kind == "secondary"
    assert Marker.objects.count() == before[0] + 3
    assert AuditRecord.objects.filter(action="marker.import").count() == 1


def test_one_bad_row_imports_nothing_and_every_bad_row_is_listed(world):
    before = _state()
    rows = [
        GOOD[0],
        "60X,Mốc chính,,106.60,16.60,D1,,",  # row 3: identifier does not parse
        "606,Mốc chính,,106.60,16.70,D1,,",  # row 4: 5 km from the line
        "607,Mốc chính,,abc,16.60,D1,,",  # row 5: not a number
        "608,Mốc chính,,106.60,16.60,D9,,",  # row 6: no such section
        "605(1),Mốc chính,Mốc đôi,106.60,16.60,D1,,",  # row 7: duplicate of row 2
        "609,Mốc chính,,106.60,16.60,D1,Đẹp,",  # row 8: unknown status
        "610,Mốc chính,,106.60,16.60,D1,,31/02/2025",
    ]  # row 9: no such date
    result = marker_import(
        actor=world.erin, line_id=world.line.pk, filename="moc.csv", content=_csv(*rows)
    )
    assert result.created == 0
    assert [(e.row, e.field) for e in result.errors] == [
        (3, "identifier"),
        (4, "lon"),
        (5, "lon"),
        (6, "section"),
        (7, "identifier"),
        (8, "status"),
        (9, "status_on"),
    ]
    assert "2000 m" in result.errors[1].message
    assert _state() == before


def test_a_wrong_header_is_refused_as_a_whole(world):
    with pytest.raises(FileRejected) as err:
        marker_import(
            actor=world.erin,
            line_id=world.line.pk,
            filename="moc.csv",
            content=b"so hieu,kinh do\n600,106\n",
        )
    assert "thiếu cột" in err.value.message and "so hieu" in err.value.message


def test_an_xlsx_with_a_merged_cell_is_refused(world):
    book = Workbook()
    sheet = book.active
    sheet.append(["Số hiệu", "Loại mốc", "Kinh độ", "Vĩ độ", "Đoạn biên giới"])
    sheet.append([611, "Mốc chính", 106.6, 16.6, "D1"])
    sheet.merge_cells("A2:B2")
    buf = io.BytesIO()
    book.save(buf)
    with pytest.raises(FileRejected) as err:
        marker_import(
            actor=world.erin, line_id=world.line.pk, filename="moc.xlsx", content=buf.getvalue()
        )
    assert "ô gộp (A2:B2)" in err.value.message


def test_an_xlsx_with_numbers_in_cells_imports(world):
    book = Workbook()
    sheet = book.active
    sheet.append(["identifier", "kind", "lon", "lat", "section", "year_planted"])
    sheet.append([611, "main", 106.6005, 16.6002, "D1", 2010])
    buf = io.BytesIO()
    book.save(buf)
    result = marker_import(
        actor=world.erin, line_id=world.line.pk, filename="moc.xlsx", content=buf.getvalue()
    )
    assert result.ok
    assert Marker.objects.get(identifier="611").year_planted == 2010


def test_geojson_points_import_and_bad_features_are_numbered(world):
    def feature(identifier, lon, lat):
        return {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"identifier": identifier, "kind": "main", "section": "D1"},
        }

    good = {"type": "FeatureCollection", "features": [feature("612", 106.6003, 16.6001)]}
    assert (
        marker_import(
            actor=world.erin,
            line_id=world.line.pk,
            filename="m.geojson",
            content=json.dumps(good).encode(),
        ).created
        == 1
    )
    bad = {
        "type": "FeatureCollection",
        "features": [feature("613", 106.6004, 16.6002), feature("614", 120.0, 16.6)],
    }
    result = marker_import(
        actor=world.erin,
        line_id=world.line.pk,
        filename="m.geojson",
        content=json.dumps(bad).encode(),
    )
    assert [(e.row, e.field) for e in result.errors] == [(2, "lon")]
    assert not Marker.objects.filter(identifier="613").exists()


def test_the_template_imports_as_it_is(world):
    result = marker_import(
        actor=world.erin, line_id=world.line.pk, filename="mau.csv", content=template_csv()
    )
    assert [(e.row, e.field) for e in result.errors] == [(2, "lon")]  # sample point far away
    assert "Số hiệu" in template_csv().decode("utf-8-sig").splitlines()[0]


def test_the_api_answers_422_with_the_rows(world, as_user):
    api = as_user(world.erin)
    bad = SimpleUploadedFile("moc.csv", _csv(GOOD[0], "60X,Mốc chính,,106.6,16.6,D1,,"))
    response = api.post("/api/v1/markers/import", {"line_id": world.line.pk, "file": bad})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"row": 3, "field": "identifier", "message": response.json()["errors"][0]["message"]}
    ]
    good = SimpleUploadedFile("moc.csv", _csv(*GOOD))
    response = api.post("/api/v1/markers/import", {"line_id": world.line.pk, "file": good})
    assert response.json() == {"created": 3}
    other = SimpleUploadedFile("moc.txt", b"x")
    response = api.post("/api/v1/markers/import", {"line_id": world.line.pk, "file": other})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "file"


def test_the_import_page_lists_bad_rows_then_imports_the_corrected_file(world, client):
    client.force_login(world.erin)
    bad = SimpleUploadedFile("moc.csv", _csv(GOOD[0], "60X,Mốc chính,,106.6,16.6,D1,,"))
    page = client.post("/markers/import/", {"line_id": world.line.pk, "file": bad})
    assert page.status_code == 400
    assert "<td>3</td><td>identifier</td>" in page.content.decode()
    good = SimpleUploadedFile("moc.csv", _csv(*GOOD))
    response = client.post("/markers/import/", {"line_id": world.line.pk, "file": good})
    assert response.status_code == 302 and Marker.objects.filter(identifier="605/1").exists()
