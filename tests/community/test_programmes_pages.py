"""The programme pages: a pupil recorded once from the form, a monthly sum below zero refused
beside its field (nothing written), a stale edit refused on the form, the list with its line
"N em được đỡ đầu, tổng M đồng/tháng", counts per programme and exports read back; a sibling
post sees neither the list rows, the exports, nor the page (404) while the command above does;
activities and the province's list of programmes; the admin shows no personal data."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from biengioi.community.models import Programme, ProgrammeActivity, ProgrammeBeneficiary
from biengioi.registry.services import section_commune_set
from tests.community.test_programmes import dave, progs  # noqa: F401  (the fixtures)
from tests.conftest import sign_in

CLIENT_ID = "3f2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c5d"


@pytest.fixture(autouse=True)
def border(world):
    """Xã Đàm Thủy lies along the post's section, so the forms offer it."""
    section_commune_set(
        actor=None, section_id=world.section.pk, commune_id=world.admin_commune.pk, belt_width_m=500
    )


def _form(world, progs, **fields):  # noqa: F811
    return {
        "client_id": CLIENT_ID,
        "unit_id": world.post.pk,
        "programme_id": progs[0].pk,
        "full_name": "Lò Thị Mai",
        "birth_year": "2014",
        "commune_id": world.admin_commune.pk,
        "country_code": "",
        "place": "",
        "monthly_vnd": "500000",
        "since": "05/09/2024",
        "until": "",
        "end_reason": "",
        "note": "",
        **fields,
    }


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_pupil_is_recorded_once_from_the_form(world, client, progs):  # noqa: F811
    sign_in(client, world.alice)
    assert client.get("/programmes/new/").status_code == 200
    first = client.post("/programmes/new/", _form(world, progs))
    again = client.post("/programmes/new/", _form(world, progs))
    pupil = ProgrammeBeneficiary.objects.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == f"/programmes/{pupil.pk}/"
    page = _text(client.get(f"/programmes/{pupil.pk}/"))
    assert "Lò Thị Mai" in page and "500.000" in page and "05/09/2024" in page
    assert "Nâng bước em tới trường" in page and "Xã Đàm Thủy" in page


def test_bad_input_on_the_form_is_refused_beside_its_field(world, client, progs):  # noqa: F811
    sign_in(client, world.alice)
    cases = [
        ({"monthly_vnd": "-500000"}, "monthly_vnd"),
        ({"until": "01/09/2024"}, "until"),
        ({"birth_year": "2999"}, "birth_year"),
        ({"place": "Savannakhet"}, "place"),
    ]
    for fields, field in cases:
        response = client.post("/programmes/new/", _form(world, progs, **fields))
        assert response.status_code == 400, fields
        assert field in response.context["form"].errors, (fields, response.context["form"].errors)
    assert ProgrammeBeneficiary.objects.count() == 0


def test_a_pupil_from_laos(world, client, progs):  # noqa: F811
    sign_in(client, world.alice)
    form = _form(world, progs, commune_id="", country_code="LA", place="Bản Densavan")
    assert client.post("/programmes/new/", form).status_code == 302
    page = _text(client.get("/programmes/"))
    assert "Bản Densavan (Lào)" in page


def test_an_edit_ends_the_support_and_a_stale_one_is_refused(world, client, progs):  # noqa: F811
    sign_in(client, world.alice)
    client.post("/programmes/new/", _form(world, progs))
    pupil = ProgrammeBeneficiary.objects.get()
    assert client.get(f"/programmes/{pupil.pk}/edit/").status_code == 200
    edit = {**_form(world, progs), "version": "1", "until": "30/06/2025"}
    edit["end_reason"] = "graduated"
    del edit["unit_id"], edit["client_id"]
    assert client.post(f"/programmes/{pupil.pk}/edit/", edit).status_code == 302
    stale = client.post(f"/programmes/{pupil.pk}/edit/", {**edit, "monthly_vnd": "0"})
    assert stale.status_code == 400 and stale.context["form"].non_field_errors()
    pupil.refresh_from_db()
    assert (pupil.version, pupil.end_reason, pupil.monthly_vnd) == (2, "graduated", 500000)
    assert "Đã học hết lớp 12" in _text(client.get(f"/programmes/{pupil.pk}/"))


def test_the_list_totals_counts_and_exports(world, client, progs):  # noqa: F811
    foster = Programme.objects.get(name="Con nuôi đồn Biên phòng")
    sign_in(client, world.alice)
    client.post("/programmes/new/", _form(world, progs))
    client.post(
        "/programmes/new/",
        _form(
            world,
            progs,
            client_id="3f2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c5e",
            full_name="Hà Văn Tùng",
            programme_id=foster.pk,
            monthly_vnd="1000000",
            since="01/01/2025",
        ),
    )
    page = _text(client.get("/programmes/"))
    assert "2 em được đỡ đầu, tổng 1.500.000 đồng/tháng" in page
    assert re.search(r"Con nuôi đồn Biên phòng</td><td>1</td><td>1.000.000", page)
    early = _text(client.get("/programmes/?on=01/10/2024"))
    assert "1 em được đỡ đầu, tổng 500.000 đồng/tháng" in early and "Hà Văn Tùng" not in early
    only = _text(client.get(f"/programmes/?programme_id={foster.pk}"))
    assert "Hà Văn Tùng" in only and "Lò Thị Mai" not in only
    xlsx = client.get(f"/programmes/export.xlsx?programme_id={progs[0].pk}")
    sheet = load_workbook(io.BytesIO(xlsx.getvalue())).active
    assert sheet.max_row == 2
    values = [cell.value for cell in sheet[2]]
    assert "Lò Thị Mai" in values and 500000 in values and 2014 in values
    text = client.get("/programmes/export.csv").getvalue().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 3 and rows[1][0] == "Hà Văn Tùng"


def test_a_sibling_post_sees_nothing_and_the_command_sees_all(
    world,
    client,
    progs,  # noqa: F811
    dave,  # noqa: F811
):
    sign_in(client, world.alice)
    client.post("/programmes/new/", _form(world, progs))
    pupil = ProgrammeBeneficiary.objects.get()
    sign_in(client, dave)
    page = _text(client.get("/programmes/"))
    assert "Lò Thị Mai" not in page and "0 em được đỡ đầu, tổng 0 đồng/tháng" in page
    assert 'data-testid="programme-counts"' not in page
    assert client.get(f"/programmes/{pupil.pk}/").status_code == 404
    assert client.get(f"/programmes/{pupil.pk}/edit/").status_code == 404
    text = client.get("/programmes/export.csv").getvalue().decode("utf-8-sig")
    assert "Lò Thị Mai" not in text and len(list(csv.reader(io.StringIO(text)))) == 1
    xlsx = client.get("/programmes/export.xlsx")
    assert load_workbook(io.BytesIO(xlsx.getvalue())).active.max_row == 1
    sign_in(client, world.erin)
    assert "Lò Thị Mai" in _text(client.get("/programmes/"))
    assert client.get(f"/programmes/{pupil.pk}/").status_code == 200
    assert "Lò Thị Mai" in client.get("/programmes/export.csv").getvalue().decode("utf-8-sig")
    sign_in(client, world.lee)
    assert client.get("/programmes/new/").status_code == 403


def test_an_activity_is_recorded_and_listed(world, client, progs):  # noqa: F811
    sign_in(client, world.alice)
    assert client.get("/programmes/activities/new/").status_code == 200
    form = {
        "client_id": CLIENT_ID,
        "unit_id": world.post.pk,
        "programme_id": progs[1].pk,
        "on": "20/08/2025",
        "commune_id": world.admin_commune.pk,
        "place": "Nhà văn hóa bản Nà Ngần",
        "people_served": "120",
        "spent_vnd": "15000000",
        "content": "Khám bệnh, cấp thuốc miễn phí",
    }
    bad = client.post("/programmes/activities/new/", {**form, "spent_vnd": "-1"})
    assert bad.status_code == 400 and "spent_vnd" in bad.context["form"].errors
    assert client.post("/programmes/activities/new/", form).status_code == 302
    activity = ProgrammeActivity.objects.get()
    edit = {**form, "version": "1", "people_served": "130"}
    del edit["unit_id"], edit["client_id"]
    assert client.post(f"/programmes/activities/{activity.pk}/edit/", edit).status_code == 302
    page = _text(client.get("/programmes/activities/"))
    assert "1 hoạt động, phục vụ 130 người, kinh phí 15.000.000 đồng" in page
    assert "Khám bệnh" in _text(client.get(f"/programmes/activities/{activity.pk}/"))
    rows = list(
        csv.reader(
            io.StringIO(
                client.get("/programmes/activities/export.csv").getvalue().decode("utf-8-sig")
            )
        )
    )
    assert len(rows) == 2 and "Nhà văn hóa bản Nà Ngần" in rows[1]


def test_the_programme_list_is_kept_by_the_secretariat(world, client):
    sign_in(client, world.alice)
    page = _text(client.get("/programmes/list/"))
    assert "Chưa có chương trình nào." in page and "programme-add" not in page
    assert client.post("/programmes/list/seed/").status_code == 403
    sign_in(client, world.sam)
    assert client.post("/programmes/list/seed/").status_code == 302
    assert Programme.objects.count() == 7
    made = client.post("/programmes/list/", {"name": "Tủ sách biên cương", "kind": "other"})
    assert made.status_code == 302
    taken = client.post("/programmes/list/", {"name": "tu sach bien cuong", "kind": "other"})
    assert taken.status_code == 400 and Programme.objects.count() == 8
    shelf = Programme.objects.get(name="Tủ sách biên cương")
    edit = {"version": "1", "name": shelf.name, "kind": "other", "note": ""}  # active unticked
    assert client.post(f"/programmes/list/{shelf.pk}/edit/", edit).status_code == 302
    shelf.refresh_from_db()
    assert shelf.active is False
    sign_in(client, world.alice)
    assert "Tủ sách biên cương (đã dừng)" not in _text(client.get("/programmes/new/"))


def test_the_admin_shows_no_personal_data(world, client, progs):  # noqa: F811
    sign_in(client, world.alice)
    client.post("/programmes/new/", _form(world, progs))
    pupil = ProgrammeBeneficiary.objects.get()
    world.bob.is_staff = True
    world.bob.save()
    sign_in(client, world.bob)
    listing = client.get("/admin/community/programmebeneficiary/")
    assert listing.status_code == 200 and "Nâng bước em tới trường" in listing.content.decode()
    one = client.get(f"/admin/community/programmebeneficiary/{pupil.pk}/change/")
    assert one.status_code == 200
    for response in (listing, one):
        body = response.content.decode()
        assert "Lò Thị Mai" not in body and "2014" not in body
