"""The rescue pages: recorded once from the form, bad input beside its field, closed by an edit
with a version check, the list's totals, the export read back, and nothing shown to another
post."""

import csv
import io
import re

from openpyxl import load_workbook

from biengioi.core.access import Role
from biengioi.operations.models import RescueOperation
from tests.conftest import make_user, sign_in

CLIENT_ID = "8b7a6f5e-4d3c-4b2a-9f1e-0d9c8b7a6f5e"


def _form(world, **fields):
    data = {
        "client_id": CLIENT_ID,
        "unit_id": world.post.pk,
        "kind": "flood",
        "title": "Lũ quét tại bản Nà Khà",
        "started_on": "20/09/2025",
        "ended_on": "",
        "commune_id": "",
        "place": "Bản Nà Khà",
        "rescued": "4",
        "evacuated": "37",
        "deaths": "0",
        "missing": "1",
        "property_saved": "12 tấn lúa",
        "property_value": "350.000.000",  # as written in Vietnamese
        "border_guards": "25",
        "militia": "10",
        "other_forces": "0",
        "vehicles": "3",
        "description": "",
    }
    return {**data, **fields}


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_an_operation_is_recorded_once_and_closed_by_an_edit(world, client):
    sign_in(client, world.alice)
    assert client.get("/rescues/new/").status_code == 200
    made = client.post("/rescues/new/", _form(world))
    assert made.status_code == 302, _text(made)
    assert client.post("/rescues/new/", _form(world))["Location"] == made["Location"]
    operation = RescueOperation.objects.get()
    assert operation.property_value == 350_000_000
    page = _text(client.get(made["Location"]))
    assert "20/09/2025 – đang diễn ra" in page
    assert "cứu 4 người, sơ tán 37 người; 0 người chết, 1 người mất tích" in page
    assert "trị giá 350.000.000 đồng" in page
    assert "35 người: biên phòng 25, dân quân 10" in page

    edit = f"/rescues/{operation.pk}/edit/"
    assert client.get(edit).status_code == 200
    closed = client.post(edit, _form(world, version=1, ended_on="22/09/2025", missing="0"))
    assert closed.status_code == 302, _text(closed)
    stale = client.post(edit, _form(world, version=1, rescued="9"))
    assert stale.status_code == 400 and "Bản ghi đã được sửa" in _text(stale)
    operation.refresh_from_db()
    assert (operation.version, operation.rescued, operation.missing) == (2, 4, 0)
    assert "20/09/2025 – 22/09/2025" in _text(client.get(made["Location"]))


def test_bad_input_stands_beside_its_field(world, client):
    sign_in(client, world.alice)
    early = client.post("/rescues/new/", _form(world, ended_on="19/09/2025"))
    assert early.status_code == 400
    text = _text(early)
    assert "Ngày kết thúc không được trước ngày bắt đầu (20/09/2025)." in text
    assert text.rindex("không được trước ngày bắt đầu") > text.index('name="started_on"')
    negative = client.post("/rescues/new/", _form(world, evacuated="-5"))
    assert negative.status_code == 400
    assert not RescueOperation.objects.exists()


def test_the_list_totals_and_exports(world, client):
    sign_in(client, world.alice)
    client.post("/rescues/new/", _form(world))
    fire = _form(
        world,
        client_id="",
        kind="fire",
        title="Cháy rừng phòng hộ",
        rescued="0",
        evacuated="12",
        property_value="",
        border_guards="40",
        militia="0",
        vehicles="0",
    )
    assert client.post("/rescues/new/", fire).status_code == 302
    listing = _text(client.get("/rescues/"))
    assert "2 vụ: cứu 4 người, sơ tán 49 người" in listing
    assert "huy động 75 lượt người, 3 phương tiện" in listing
    assert "tài sản cứu được trị giá 350.000.000 đồng" in listing
    assert "<td>Cháy, cháy rừng</td><td>1</td><td>0</td><td>12</td><td>40</td>" in listing
    assert "1 vụ" in _text(client.get("/rescues/?kind=fire"))

    xlsx = client.get("/rescues/export.xlsx")
    rows = list(load_workbook(io.BytesIO(xlsx.getvalue())).active.values)
    assert rows[0][:4] == ("Ngày bắt đầu", "Ngày kết thúc", "Tóm tắt", "Loại")
    assert {row[2] for row in rows[1:]} == {"Lũ quét tại bản Nà Khà", "Cháy rừng phòng hộ"}
    assert sum(row[8] for row in rows[1:]) == 49  # evacuated
    text = client.get("/rescues/export.csv?kind=storm").getvalue().decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text)))) == 1


def test_another_post_sees_nothing_of_it(world, client):
    sign_in(client, world.alice)
    client.post("/rescues/new/", _form(world))
    operation = RescueOperation.objects.get()
    client.logout()
    sign_in(client, make_user("dave", Role.FIELD_OFFICER, world.post2))
    assert client.get(f"/rescues/{operation.pk}/").status_code == 404
    assert client.get(f"/rescues/{operation.pk}/edit/").status_code == 404
    assert "0 vụ" in _text(client.get("/rescues/"))


def test_lists_take_a_flat_number_of_queries(world, client, as_user, django_assert_max_num_queries):
    from datetime import date

    from biengioi.operations.services import rescue_create

    def record(n):
        for _ in range(n):
            rescue_create(
                actor=world.alice,
                unit_id=world.post.pk,
                kind="storm",
                title="Lốc xoáy",
                started_on=date(2025, 9, 1),
                commune_id=world.admin_commune.pk,
            )

    sign_in(client, world.alice)
    api = as_user(world.alice)
    record(1)
    counts = {}
    for path in ("/rescues/", "/rescues/export.xlsx", "/api/v1/rescue-operations"):
        caller = api if path.startswith("/api") else client
        with django_assert_max_num_queries(30) as few:
            assert caller.get(path).status_code == 200
        counts[path] = len(few.captured_queries)
    record(20)
    for path, most in counts.items():
        caller = api if path.startswith("/api") else client
        with django_assert_max_num_queries(most):
            caller.get(path)
