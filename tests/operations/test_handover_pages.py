"""The hand-over pages: recorded once from the form with its home provinces as rows, bad input
beside its field (or its row), a stale edit refused, the list's totals table, the export read
back, and nothing shown to another post."""

import csv
import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook

from biengioi.core.access import Role
from biengioi.operations.models import Handover
from biengioi.registry.services import admin_unit_create
from tests.conftest import make_user, sign_in

CLIENT_ID = "2c9d8e7f-6a5b-4c3d-9e1f-0a1b2c3d4e5f"


@pytest.fixture
def other_province(world):
    return admin_unit_create(
        actor=None, code="98", name="Tỉnh Đồng Xanh", level="province", valid_from=date(2025, 7, 1)
    )


def _origins(*rows, total=4):
    data = {
        "origins-TOTAL_FORMS": str(total),
        "origins-INITIAL_FORMS": "0",
        "origins-MIN_NUM_FORMS": "0",
        "origins-MAX_NUM_FORMS": "63",
    }
    for index in range(total):
        province, persons = rows[index] if index < len(rows) else ("", "")
        data[f"origins-{index}-province_id"] = str(province)
        data[f"origins-{index}-persons"] = str(persons)
    return data


def _form(world, *rows, **fields):
    data = {
        "client_id": CLIENT_ID,
        "unit_id": world.post.pk,
        "kind": "receive",
        "on": "12/09/2025",
        "gate_id": world.gate.pk,
        "marker_id": "",
        "counterpart_id": world.counterpart.pk,
        "persons": "7",
        "males": "5",
        "females": "2",
        "children": "1",
        "nationality": "",
        "wanted": "1",
        "note": "Nhập cảnh trái phép, phía bạn bàn giao",
    }
    return {**data, **_origins(*rows), **fields}


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_handover_is_recorded_once_with_its_home_provinces(world, client, other_province):
    own = world.admin_commune.parent
    sign_in(client, world.alice)
    assert client.get("/handovers/new/").status_code == 200
    form = _form(world, (own.pk, 4), (other_province.pk, 2))
    made = client.post("/handovers/new/", form)
    assert made.status_code == 302, _text(made)
    again = client.post("/handovers/new/", form)  # the same form submitted twice
    assert again["Location"] == made["Location"]
    handover = Handover.objects.get()
    assert (handover.nationality, handover.origins.count()) == ("VN", 2)
    page = _text(client.get(made["Location"]))
    assert "Tiếp nhận — 12/09/2025" in page and "Cửa khẩu Bản Giốc" in page
    assert "7 người: nam 5, nữ 2; trẻ em 1" in page
    assert "Tỉnh Đồng Xanh" in page and "Đại đội Biên phòng 963" in page


def test_bad_input_stands_beside_its_field_or_its_row(world, client, other_province):
    own = world.admin_commune.parent
    sign_in(client, world.alice)
    sexes = client.post("/handovers/new/", _form(world, females="3"))
    assert sexes.status_code == 400
    assert "Số nam (5) cộng số nữ (3) phải bằng tổng số người (7)." in _text(sexes)
    both = client.post("/handovers/new/", _form(world, marker_id=world.marker.pk))
    assert "Chọn đúng một nơi" in _text(both)
    too_many = client.post("/handovers/new/", _form(world, (own.pk, 5), (other_province.pk, 3)))
    assert too_many.status_code == 400
    assert 'data-testid="origins-error"' in _text(too_many)
    assert "Tổng số người theo quê quán (8) vượt quá tổng số người (7)." in _text(too_many)
    # the second filled row is the fourth on the form: its error stands on that row
    twice = client.post(
        "/handovers/new/",
        {**_form(world, (own.pk, 1)), "origins-3-province_id": own.pk, "origins-3-persons": "1"},
    )
    text = _text(twice)
    assert "“Tỉnh Biên Thùy” đã có trong danh sách quê quán." in text
    # (its last mention: the first is in the summary at the top)
    assert text.rindex("đã có trong danh sách") > text.index('name="origins-2-persons"')
    assert not Handover.objects.exists()


def test_an_edit_made_on_a_stale_copy_is_refused(world, client):
    own = world.admin_commune.parent
    sign_in(client, world.alice)
    client.post("/handovers/new/", _form(world, (own.pk, 3)))
    handover = Handover.objects.get()
    edit = f"/handovers/{handover.pk}/edit/"
    page = _text(client.get(edit))
    assert 'name="origins-0-persons" value="3"' in page.replace(' min="1"', "")
    rows = _origins((own.pk, 6))
    first = client.post(edit, {**_form(world), **rows, "version": 1, "wanted": "0"})
    assert first.status_code == 302, _text(first)
    second = client.post(edit, {**_form(world), **rows, "version": 1, "wanted": "2"})
    assert second.status_code == 400 and "Bản ghi đã được sửa" in _text(second)
    handover.refresh_from_db()
    assert (handover.wanted, handover.version) == (0, 2)
    assert list(handover.origins.values_list("persons", flat=True)) == [6]


def test_the_list_tables_the_totals_and_exports(world, client, other_province):
    sign_in(client, world.alice)
    client.post("/handovers/new/", _form(world, (other_province.pk, 7)))
    back = _form(
        world,
        client_id="",
        kind="hand_back",
        nationality="LA",
        persons="2",
        males="1",
        females="1",
        children="0",
        wanted="0",
        gate_id="",
        marker_id=world.marker.pk,
    )
    assert client.post("/handovers/new/", back).status_code == 302
    listing = _text(client.get("/handovers/"))
    assert "2 vụ/đợt, 9 người (nam 6, nữ 3, trẻ em 1); 1 đối tượng truy nã" in listing
    assert "<td>Tiếp nhận</td><td>1</td><td>7</td>" in listing
    assert "<td>Trao trả</td><td>1</td><td>2</td>" in listing
    assert "Tỉnh Đồng Xanh 7" in listing and "Mốc 600" in listing
    assert "Theo nơi tiếp nhận, trao trả: Cửa khẩu Bản Giốc 7; Mốc 600 2" in listing
    only = _text(client.get("/handovers/?kind=hand_back"))
    assert "1 vụ/đợt, 2 người" in only

    xlsx = client.get("/handovers/export.xlsx")
    assert xlsx.status_code == 200
    rows = list(load_workbook(io.BytesIO(xlsx.getvalue())).active.values)
    assert rows[0][:6] == ("Ngày", "Đơn vị", "Hình thức", "Nơi", "Đơn vị phía bạn", "Số người")
    by_kind = {row[2]: row for row in rows[1:]}
    assert by_kind["Tiếp nhận"][3] == "Cửa khẩu Bản Giốc"
    assert by_kind["Tiếp nhận"][11] == "Tỉnh Đồng Xanh: 7"
    assert (by_kind["Trao trả"][3], by_kind["Trao trả"][9]) == ("Mốc 600", "Lào")
    assert sum(row[5] for row in rows[1:]) == 9
    text = client.get("/handovers/export.csv?kind=expel").getvalue().decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text)))) == 1  # the header only


def test_another_post_sees_nothing_of_it(world, client):
    sign_in(client, world.alice)
    client.post("/handovers/new/", _form(world))
    handover = Handover.objects.get()
    client.logout()
    sign_in(client, make_user("dave", Role.FIELD_OFFICER, world.post2))
    assert client.get(f"/handovers/{handover.pk}/").status_code == 404
    assert client.get(f"/handovers/{handover.pk}/edit/").status_code == 404
    assert "0 vụ/đợt" in _text(client.get("/handovers/"))
    client.logout()
    sign_in(client, world.lee)  # the province's leader reads it, without an edit link
    page = _text(client.get(f"/handovers/{handover.pk}/"))
    assert "Cửa khẩu Bản Giốc" in page and "/edit/" not in page
    assert client.get("/handovers/new/").status_code == 403


def test_lists_take_a_flat_number_of_queries(
    world, client, as_user, other_province, django_assert_max_num_queries
):
    from biengioi.operations.services import handover_create

    def record(n):
        for _ in range(n):
            handover_create(
                actor=world.alice,
                unit_id=world.post.pk,
                kind="receive",
                on=date(2025, 9, 12),
                gate_id=world.gate.pk,
                counterpart_id=world.counterpart.pk,
                persons=2,
                males=1,
                females=1,
                origins=[{"province_id": other_province.pk, "persons": 2}],
            )

    sign_in(client, world.alice)
    api = as_user(world.alice)
    paths = ["/handovers/", "/handovers/export.xlsx"]
    record(1)
    counts = {}
    for path in paths:
        with django_assert_max_num_queries(30) as few:
            assert client.get(path).status_code == 200
        counts[path] = len(few.captured_queries)
    with django_assert_max_num_queries(30) as few:
        assert api.get("/api/v1/handovers").json()["count"] == 1
    counts["api"] = len(few.captured_queries)
    record(20)
    for path in paths:
        with django_assert_max_num_queries(counts[path]):
            client.get(path)
    with django_assert_max_num_queries(counts["api"]):
        assert api.get("/api/v1/handovers").json()["count"] == 21
