"""The incident pages: recorded once from the form, climbed step by step on its page (a skipped
rung refused beside the field), closed, corrected with a version check; the overdue list, the
province's deadlines, and the export."""

import csv
import io
import re

from django.utils import timezone
from openpyxl import load_workbook

from biengioi.operations.models import Incident, IncidentDeadline
from tests.conftest import sign_in

CLIENT_ID = "4e2d7c1a-9b3f-4a5e-8c6d-1f2e3a4b5c6d"


def _form(world, **fields):
    data = {
        "client_id": CLIENT_ID,
        "unit_id": world.post.pk,
        "kind": "encroachment",
        "title": "Cư dân phía bạn làm nương lấn sang mốc 600",
        "lon": "106,6004",  # decimals as written in Vietnamese
        "lat": "16,6003",
        "commune_id": "",
        "detected_on": "01/09/2025",
        "detected_by": "Tổ tuần tra Đồn Biên phòng Bản Giốc",
        "parties": "Hộ ông Lò Văn A (phía bạn)",
        "description": "",
    }
    return {**data, **fields}


def _step(**fields):
    data = {
        "client_id": "",
        "level": "grassroots",
        "on": "03/09/2025",
        "handled_by": "Đồn Biên phòng Bản Giốc",
        "channel": "meeting",
        "counterpart_id": "",
        "summary": "Hội đàm với Đại đội 963 tại mốc 600",
        "agreed": "Phía bạn yêu cầu cư dân dừng canh tác",
    }
    return {**data, **fields}


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_an_incident_is_recorded_once_and_climbs_its_ladder_on_its_page(world, client):
    sign_in(client, world.alice)
    assert client.get("/incidents/new/").status_code == 200
    made = client.post("/incidents/new/", _form(world))
    assert made.status_code == 302, _text(made)
    again = client.post("/incidents/new/", _form(world))  # the same form submitted twice
    assert again["Location"] == made["Location"]
    incident = Incident.objects.get()
    assert incident.nearest_marker == world.marker
    page = _text(client.get(made["Location"]))
    assert "Đang giải quyết ở Cấp cơ sở" in page and "mốc 600" in page.lower()

    url = made["Location"]
    skipped = client.post(f"{url}steps/", _step(level="province"))
    assert skipped.status_code == 400
    assert "Không được bỏ qua cấp giải quyết" in _text(skipped)
    assert incident.steps.count() == 0

    step = _step(client_id="7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
    assert client.post(f"{url}steps/", step).status_code == 302
    assert client.post(f"{url}steps/", step).status_code == 302  # submitted twice
    assert incident.steps.count() == 1
    up = _step(level="province", on="20/09/2025", channel="letter", handled_by="Bộ Chỉ huy")
    assert client.post(f"{url}steps/", up).status_code == 302
    page = _text(client.get(url))
    assert "Đang giải quyết ở Cấp tỉnh" in page
    # the rung table: the grassroots was left on 20/09, four days after its deadline (16/09)
    assert "chậm 4 ngày" in page
    assert page.index("Hội đàm với Đại đội 963") < page.index("Bộ Chỉ huy")

    stale = client.post(f"{url}close/", {"version": 1, "closed_on": "25/09/2025", "result": "x"})
    assert stale.status_code == 400 and "Bản ghi đã được sửa" in _text(stale)
    closed = client.post(
        f"{url}close/", {"version": 3, "closed_on": "25/09/2025", "result": "Đã giải quyết xong"}
    )
    assert closed.status_code == 302
    page = _text(client.get(url))
    assert "Đã kết thúc ngày 25/09/2025" in page and "Ghi bước giải quyết" not in page


def test_bad_input_on_the_form_stands_beside_its_field(world, client):
    sign_in(client, world.alice)
    response = client.post("/incidents/new/", _form(world, lat="25,5"))
    assert response.status_code == 400
    assert "Vĩ độ phải nằm trong khoảng 8.0 đến 24.0" in _text(response)
    assert not Incident.objects.exists()


def test_an_edit_made_on_a_stale_copy_is_refused(world, client):
    sign_in(client, world.alice)
    client.post("/incidents/new/", _form(world))
    incident = Incident.objects.get()
    edit = f"/incidents/{incident.pk}/edit/"
    assert client.get(edit).status_code == 200
    first = client.post(edit, _form(world, version=1, title="Sửa lần một"))
    assert first.status_code == 302
    second = client.post(edit, _form(world, version=1, title="Sửa trên bản cũ"))
    assert second.status_code == 400 and "Bản ghi đã được sửa" in _text(second)
    incident.refresh_from_db()
    assert (incident.title, incident.version) == ("Sửa lần một", 2)


def test_the_overdue_list_and_the_deadlines_page(world, client):
    sign_in(client, world.alice)
    client.post("/incidents/new/", _form(world))
    today = timezone.localdate().strftime("%d/%m/%Y")
    fresh = client.post(
        "/incidents/new/", _form(world, client_id="", title="Vụ mới", detected_on=today)
    )
    assert fresh.status_code == 302
    listing = _text(client.get("/incidents/"))
    assert "2 vụ việc" in listing and "Quá hạn: 1" in listing
    overdue = _text(client.get("/incidents/overdue/"))
    assert "Cư dân phía bạn làm nương" in overdue and "Vụ mới" not in overdue

    page = _text(client.get("/incidents/deadlines/"))
    assert "Xâm canh, xâm cư" in page and 'type="number"' not in page  # read-only for her
    change = {"encroachment__grassroots": "800", "encroachment__province": "45"}
    assert client.post("/incidents/deadlines/", change).status_code == 403

    client.logout()
    sign_in(client, world.sam)
    form = _text(client.get("/incidents/deadlines/"))
    fields = dict(re.findall(r'name="(\w+__\w+)" value="(\d+)"', form))
    assert len(fields) == 27  # nine kinds, three rungs
    assert (
        client.post("/incidents/deadlines/", {**fields, "airspace__central": "0"}).status_code
        == 400
    )
    assert not IncidentDeadline.objects.exists()
    saved = client.post("/incidents/deadlines/", {**fields, "encroachment__grassroots": "800"})
    assert saved.status_code == 302
    assert list(IncidentDeadline.objects.values_list("kind", "level", "days")) == [
        ("encroachment", "grassroots", 800)
    ]
    assert "Quá hạn: 0" in _text(client.get("/incidents/"))


def test_the_incident_list_exports(world, client):
    sign_in(client, world.alice)
    client.post("/incidents/new/", _form(world))
    xlsx = client.get("/incidents/export.xlsx?kind=encroachment")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.getvalue())).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("Ngày phát hiện", "Tóm tắt", "Loại vụ việc")
    assert rows[1][1] == "Cư dân phía bạn làm nương lấn sang mốc 600"
    assert rows[1][5] == "600"
    text = client.get("/incidents/export.csv?kind=airspace").getvalue().decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text)))) == 1  # the header only
