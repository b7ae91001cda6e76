"""The repair pages: a repair opened from the form once, its next step recorded on its page (a
skipped step refused beside the field), the list with its counts per stage and export."""

import io
import re

from openpyxl import load_workbook

from biengioi.operations.models import MarkerRepair
from tests.conftest import sign_in

CLIENT_ID = "9e4a3f6b-5d7a-4b8c-9dbe-2f3a4b5c6d7e"


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_repair_is_opened_once_and_climbs_on_its_page(world, client):
    sign_in(client, world.alice)
    assert client.get(f"/repairs/new/?marker={world.marker.pk}").status_code == 200
    form = {
        "client_id": CLIENT_ID,
        "marker_id": world.marker.pk,
        "problem": "damaged",
        "detected_on": "12/09/2025",
        "description": "Nứt chân đế",
    }
    made = client.post("/repairs/new/", form)
    assert made.status_code == 302, _text(made)
    assert client.post("/repairs/new/", form)["Location"] == made["Location"]
    repair = MarkerRepair.objects.get()
    page = _text(client.get(made["Location"]))
    assert 'value="reported" selected' in page  # the next step is offered
    skipped = client.post(
        f"/repairs/{repair.pk}/steps/",
        {"version": "1", "stage": "surveyed", "on": "13/09/2025", "note": "", "outcome": ""},
    )
    assert skipped.status_code == 400
    assert "Bước tiếp theo phải là “Báo cáo tỉnh”" in _text(skipped)
    step = {"version": "1", "stage": "reported", "on": "13/09/2025", "note": "", "outcome": ""}
    assert client.post(f"/repairs/{repair.pk}/steps/", step).status_code == 302
    stale = client.post(f"/repairs/{repair.pk}/steps/", {**step, "stage": "notified"})
    assert stale.status_code == 400 and "phiên bản hiện tại: 2" in _text(stale)
    listing = _text(client.get("/repairs/?status=open"))
    assert "1 mốc: 1 đang theo dõi" in listing and "báo cáo tỉnh 1" in listing
    sheet = load_workbook(io.BytesIO(client.get("/repairs/export.xlsx").getvalue())).active
    assert [c.value for c in sheet[2]][:2] == ["600", "Đồn Biên phòng Bản Giốc"]
    sign_in(client, world.charlie)
    assert client.get(f"/repairs/{repair.pk}/").status_code == 404
