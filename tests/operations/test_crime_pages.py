"""The crime pages: a case recorded once from the form with its persons and seizures (a bad row
refused in its row, nothing written), dealt with on its edit form under a version check, the list
with its table by category and export, and the operations with their cases."""

import io
import re

from openpyxl import load_workbook

from biengioi.operations.models import CrimeCase, CrimeOperation
from tests.conftest import sign_in

CLIENT_ID = "6b1f0c3e-2a4d-4e5f-9a8b-7c6d5e4f3a2b"


def _rows(prefix, rows, extra=3):
    data = {
        f"{prefix}-TOTAL_FORMS": str(max(extra, len(rows))),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data |= {f"{prefix}-{index}-{key}": value for key, value in row.items()}
    for index in range(len(rows), max(extra, len(rows))):
        data |= {f"{prefix}-{index}-sex": "male", f"{prefix}-{index}-nationality": "VN"}
    return data


def _form(world, persons=None, seizures=None, **fields):
    data = {
        "client_id": CLIENT_ID,
        "unit_id": world.post.pk,
        "category": "drugs",
        "title": "Bắt quả tang vận chuyển heroin qua đường mòn",
        "detected_on": "01/09/2025",
        "place": "Đường mòn gần mốc 600",
        "commune_id": "",
        "operation_id": "",
        "description": "",
        "handling": "pending",
        "handled_on": "",
        "decision": "",
        "fine_vnd": "",
    }
    person = {"full_name": "Hồ Văn A", "birth_year": "1990", "sex": "male", "nationality": "VN"}
    seizure = {"item": "heroin", "quantity": "2", "unit": "banh", "value_vnd": ""}
    return {
        **data,
        **_rows("persons", [person] if persons is None else persons),
        **_rows("seizures", [seizure] if seizures is None else seizures),
        **fields,
    }


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_case_is_recorded_once_from_the_form_with_its_persons_and_seizures(world, client):
    sign_in(client, world.alice)
    assert client.get("/crime/new/").status_code == 200
    made = client.post("/crime/new/", _form(world))
    assert made.status_code == 302, _text(made)
    again = client.post("/crime/new/", _form(world))  # the same form submitted twice
    assert again["Location"] == made["Location"]
    case = CrimeCase.objects.get()
    page = _text(client.get(made["Location"]))
    assert "Hồ Văn A" in page and "2 bánh" not in page  # quantity and unit are columns
    assert re.search(r"<td>heroin</td><td>2</td><td>bánh</td>", page)
    assert case.persons.count() == 1 and case.seizures.count() == 1


def test_a_bad_seizure_row_is_refused_in_its_row_and_nothing_is_written(world, client):
    sign_in(client, world.alice)
    blank_unit = [{"item": "heroin", "quantity": "2", "unit": ""}]
    refused = client.post("/crime/new/", _form(world, seizures=blank_unit))
    assert refused.status_code == 400
    assert "Tang vật phải có đơn vị tính" in _text(refused)
    negative = [{"item": "heroin", "quantity": "-2", "unit": "banh"}]
    refused = client.post("/crime/new/", _form(world, seizures=negative))
    assert refused.status_code == 400
    assert "Giá trị phải lớn hơn 0." in _text(refused)
    assert CrimeCase.objects.count() == 0


def test_dealing_with_a_case_on_its_edit_form_checks_the_version(world, client):
    sign_in(client, world.alice)
    client.post("/crime/new/", _form(world))
    case = CrimeCase.objects.get()
    url = f"/crime/{case.pk}/edit/"
    assert "Hồ Văn A" in _text(client.get(url))  # the rows come back filled
    person = {"full_name": "Hồ Văn A", "birth_year": "1990", "sex": "male", "nationality": "VN"}
    seizure = {"item": "heroin", "quantity": "2", "unit": "banh"}
    handled = {
        "version": "1",
        "handling": "sanctioned",
        "handled_on": "03/09/2025",
        "decision": "12/QĐ-XPHC",
        "fine_vnd": "7.500.000",  # written as in Vietnamese
    }
    form = _form(world, persons=[person], seizures=[seizure], **handled)
    assert client.post(url, form).status_code == 302
    case.refresh_from_db()
    assert (case.handling, case.fine_vnd, case.version) == ("sanctioned", 7500000, 2)
    assert "7.500.000" in _text(client.get(f"/crime/{case.pk}/"))
    stale = client.post(url, form)  # still version 1
    assert stale.status_code == 400 and "phiên bản hiện tại: 2" in _text(stale)
    fined_prosecution = _form(
        world, persons=[person], seizures=[seizure], **{**handled, "version": "2"}
    )
    fined_prosecution["handling"] = "prosecuted"
    refused = client.post(url, fined_prosecution)
    assert refused.status_code == 400
    assert "Chỉ vụ bị xử phạt vi phạm hành chính mới có số tiền phạt." in _text(refused)


def test_the_list_shows_the_table_by_category_and_exports(world, client):
    sign_in(client, world.alice)
    client.post("/crime/new/", _form(world))
    other = _form(
        world,
        client_id="7c2e1d4f-3b5e-4f6a-8b9c-0d1e2f3a4b5c",
        seizures=[{"item": "Heroin", "quantity": "1,5", "unit": "banh"}],
    )
    assert client.post("/crime/new/", other).status_code == 302
    page = _text(client.get("/crime/"))
    assert "3,5 bánh heroin" in page.lower()  # like with like, decimals as written in Vietnamese
    export = client.get("/crime/export.xlsx")
    sheet = load_workbook(io.BytesIO(export.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Ngày phát hiện", "Tóm tắt", "Loại tội phạm")
    assert sorted(r[8] for r in rows[1:]) == ["1,5 bánh Heroin", "2 bánh heroin"]
    sign_in(client, world.charlie)
    assert client.get(f"/crime/{CrimeCase.objects.first().pk}/").status_code == 404
    assert "Chưa có vụ việc nào." in _text(client.get("/crime/"))


def test_an_operation_is_opened_and_shows_its_cases(world, client):
    sign_in(client, world.erin)
    opened = client.post(
        "/crime/operations/new/",
        {
            "client_id": "8d3f2e5a-4c6f-4a7b-9cad-1e2f3a4b5c6d",
            "unit_id": world.bg.pk,
            "kind": "peak",
            "name": "Cao điểm trấn áp tội phạm ma túy",
            "decision": "05/KH-BCH",
            "category": "drugs",
            "started_on": "01/08/2025",
            "ended_on": "",
            "target": "",
            "result": "",
        },
    )
    assert opened.status_code == 302, _text(opened)
    operation = CrimeOperation.objects.get()
    sign_in(client, world.alice)
    form = _form(world, operation_id=str(operation.pk))
    assert client.post("/crime/new/", form).status_code == 302
    page = _text(client.get(f"/crime/operations/{operation.pk}/"))
    assert "Bắt quả tang vận chuyển heroin" in page and "đang thực hiện" in page
    assert "Sửa, ghi kết quả" not in page  # the post does not edit the province's campaign
    listing = _text(client.get("/crime/operations/?start=01/09/2025"))
    assert "Cao điểm trấn áp tội phạm ma túy" in listing
    assert "Chưa có chuyên án" in _text(client.get("/crime/operations/?end=31/07/2025"))
    export = client.get("/crime/operations/export.xlsx")
    rows = list(load_workbook(io.BytesIO(export.getvalue())).active.iter_rows(values_only=True))
    assert rows[1][:2] == ("Kế hoạch cao điểm", "Cao điểm trấn áp tội phạm ma túy")
    assert rows[1][7] == 1  # the case of the post
