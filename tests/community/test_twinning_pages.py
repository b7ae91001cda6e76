"""The twinning pages: a pair recorded once from the form, a pair on one side of the border
refused beside the second member's field in Vietnamese (nothing written), a stale edit refused on
the form, a meeting and an activity added from the pair's page, the list with its filters and
counts line, and the export read back."""

import csv
import io
import re

from openpyxl import load_workbook

from biengioi.community.models import Twinning, TwinningActivity
from tests.community.test_twinning import village  # noqa: F401  (the fixture)
from tests.conftest import sign_in

CLIENT_ID = "7c2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c60"


def _form(world, village, **fields):  # noqa: F811
    return {
        "client_id": CLIENT_ID,
        "unit_id": world.post.pk,
        "kind": "village_village",
        "first_name": "Bản Nà Ngần",
        "first_admin_unit_id": "",
        "first_country": "VN",
        "second_name": "Bản Densavan",
        "second_country": "LA",
        "signed_on": "28/04/2005",
        "regulation_title": "Quy chế 12 điểm",
        **fields,
    }


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_pair_is_recorded_once_from_the_form(world, client, village):  # noqa: F811
    sign_in(client, world.alice)
    page = _text(client.get("/twinning/new/"))
    assert "Bản Nà Ngần (Thôn, bản)" not in page  # a commune not along the border is not offered
    assert "Đại đội Biên phòng 963 (Lào)" in page and "Savannakhet (Lào)" in page
    first = client.post("/twinning/new/", _form(world, village))
    again = client.post("/twinning/new/", _form(world, village))
    twinning = Twinning.objects.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == f"/twinning/{twinning.pk}/"
    page = _text(client.get(f"/twinning/{twinning.pk}/"))
    assert "Bản Nà Ngần – Bản Densavan" in page and "28/04/2005" in page
    assert "Quy chế 12 điểm" in page and "Đang duy trì" in page


def test_a_pair_on_one_side_is_refused_beside_the_second_member(world, client, village):  # noqa: F811
    sign_in(client, world.alice)
    response = client.post("/twinning/new/", _form(world, village, second_country="VN"))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == ["second_country"]
    assert errors["second_country"][0] == (
        "Hai bên kết nghĩa phải ở hai phía biên giới: “Bản Nà Ngần” và “Bản Densavan” cùng ở "
        "phía Việt Nam."
    )
    assert "Hai bên kết nghĩa phải ở hai phía biên giới" in _text(response)
    post_pair = _form(
        world,
        village,
        kind="post_post",
        first_name="",
        first_country="",
        first_org_unit_id=world.post.pk,
        second_name="",
        second_country="",
        second_counterpart_id=world.counterpart.pk,
    )
    ours = {**post_pair, "second_counterpart_id": "", "second_name": "Trạm Biên phòng X"}
    mixed = client.post("/twinning/new/", ours)
    assert mixed.status_code == 400 and list(mixed.context["form"].errors) == ["second_country"]
    assert Twinning.objects.count() == 0
    assert client.post("/twinning/new/", post_pair).status_code == 302
    assert Twinning.objects.get().second_name == "Đại đội Biên phòng 963"


def test_an_edit_a_stale_one_and_the_log(world, client, village):  # noqa: F811
    sign_in(client, world.alice)
    client.post("/twinning/new/", _form(world, village))
    twinning = Twinning.objects.get()
    assert client.get(f"/twinning/{twinning.pk}/edit/").status_code == 200
    edit = {**_form(world, village), "version": "1", "note": "Bổ sung quy chế"}
    del edit["unit_id"], edit["client_id"]
    assert client.post(f"/twinning/{twinning.pk}/edit/", edit).status_code == 302
    stale = client.post(f"/twinning/{twinning.pk}/edit/", {**edit, "note": "Cũ"})
    assert stale.status_code == 400 and stale.context["form"].non_field_errors()
    twinning.refresh_from_db()
    assert (twinning.version, twinning.note) == (2, "Bổ sung quy chế")

    meeting = {
        "on": "28/03/2025",
        "place": "Nhà văn hóa bản Nà Ngần",
        "host_side": "vn",
        "content": "Giao ban kết nghĩa quý I",
        "participants_vn": "18",
        "participants_foreign": "15",
    }
    url = f"/twinning/{twinning.pk}/meetings/new/"
    assert client.get(url).status_code == 200
    early = client.post(url, {**meeting, "on": "01/01/2005"})
    assert early.status_code == 400 and "28/04/2005" in early.context["form"].errors["on"][0]
    assert client.post(url, meeting).status_code == 302
    patrol = {"kind": "joint_patrol", "on": "10/05/2025", "content": "Tuần tra chung"}
    assert client.post(f"/twinning/{twinning.pk}/activities/new/", patrol).status_code == 302
    assert TwinningActivity.objects.filter(kind="meeting").count() == 1
    page = _text(client.get(f"/twinning/{twinning.pk}/"))
    assert "Giao ban kết nghĩa quý I" in page and "Tuần tra chung địa bàn" in page


def test_the_list_filters_counts_and_exports(world, client, village):  # noqa: F811
    sign_in(client, world.alice)
    client.post("/twinning/new/", _form(world, village))
    client.post(
        "/twinning/new/",
        _form(
            world,
            village,
            client_id="7c2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c61",
            kind="cluster_cluster",
            first_name="Cụm dân cư Nà Ngần",
            second_name="Cụm bản Densavan",
            signed_on="01/06/2019",
            ended_on="31/12/2024",
        ),
    )
    sign_in(client, world.bob)
    page = _text(client.get("/twinning/"))
    assert "2 cặp kết nghĩa: 1 bản – bản, 1 cụm – cụm, 0 xã – trấn, 0 đồn – trạm" in page
    assert "1 đang duy trì" in page
    ended = _text(client.get("/twinning/?active=no"))
    assert "1 cặp kết nghĩa: 0 bản – bản, 1 cụm – cụm" in ended and "Bản Densavan" not in ended
    clusters = _text(client.get("/twinning/?kind=cluster_cluster&start=01/01/2019"))
    assert "Cụm bản Densavan" in clusters and "1 cặp kết nghĩa" in clusters
    xlsx = client.get("/twinning/export.xlsx?kind=village_village")
    sheet = load_workbook(io.BytesIO(xlsx.getvalue())).active
    assert sheet.max_row == 2
    values = [cell.value for cell in sheet[2]]
    assert "Bản Densavan" in values and "Lào" in values and "Việt Nam" in values
    text = client.get("/twinning/export.csv").getvalue().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert [row[1] for row in rows[1:]] == ["Cụm dân cư Nà Ngần", "Bản Nà Ngần"]  # latest first


def test_a_pair_outside_the_scope_is_not_found(world, client, village):  # noqa: F811
    sign_in(client, world.bob)
    client.post("/twinning/new/", _form(world, village, unit_id=world.post2.pk))
    twinning = Twinning.objects.get()
    sign_in(client, world.alice)
    assert client.get(f"/twinning/{twinning.pk}/").status_code == 404
    assert client.get(f"/twinning/{twinning.pk}/edit/").status_code == 404
    assert client.get(f"/twinning/{twinning.pk}/meetings/new/").status_code == 404
    sign_in(client, world.lee)
    assert client.get("/twinning/new/").status_code == 403
