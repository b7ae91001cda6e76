"""The patrol pages: the form records a patrol with its inspections once (even when submitted
twice), errors stand beside their field or row, the list filters, counts and exports."""

import io

import pytest
from django import forms
from openpyxl import load_workbook

import biengioi.urls  # noqa: F401  (imports every app's views, and so their forms)
from biengioi.core.forms import DayField, MomentField
from biengioi.operations.models import Patrol
from biengioi.registry import selectors as registry


def _form(world, **fields):
    data = {
        "client_id": "0b7f2c1e-8d4a-4f3e-9c2b-5a6d7e8f9a0b",
        "unit_id": world.post.pk,
        "kind": "bilateral",
        "host_side": "vn",
        "line_id": world.line.pk,
        "started_at": "2025-09-12T07:30",
        "ended_at": "2025-09-12T15:00",
        "section_ids": [world.section.pk],
        "from_marker": "600",
        "to_marker": "",
        "distance_km": "8,5",
        "border_guards": "6",
        "militia": "2",
        "commune_police": "0",
        "self_management": "1",
        "other_side": "4",
        "counterpart_id": world.counterpart.pk,
        "counterpart_leader": "Đại úy Khamphone",
        "findings": "Đường biên giới không bị xê dịch.",
        "inspections-TOTAL_FORMS": "2",
        "inspections-INITIAL_FORMS": "0",
        "inspections-0-marker": "600",
        "inspections-0-status": "damaged",
        "inspections-0-vegetation_cleared": "on",
        "inspections-1-marker": "",
        "inspections-1-status": "intact",
    }
    return {**data, **fields}


def test_a_field_officer_records_a_patrol_once_on_the_form(world, client):
    client.force_login(world.alice)
    assert client.get("/patrols/new/").status_code == 200
    response = client.post("/patrols/new/", _form(world))
    assert response.status_code == 302
    again = client.post("/patrols/new/", _form(world))  # the same form submitted twice
    assert again.status_code == 302 and again["Location"] == response["Location"]
    patrol = Patrol.objects.get()
    assert (patrol.participants, str(patrol.distance_km)) == (13, "8.5")
    page = client.get(response["Location"]).content.decode()
    assert "Tuần tra song phương" in page and "Đại úy Khamphone" in page
    assert registry.marker_get(actor=world.lee, marker_id=world.marker.pk).current_status == (
        "damaged"
    )


def test_errors_stand_beside_their_field_or_inspection_row(world, client):
    client.force_login(world.alice)
    late = client.post("/patrols/new/", _form(world, ended_at="2025-09-12T06:00"))
    assert late.status_code == 400
    assert "Thời điểm kết thúc phải sau thời điểm bắt đầu." in late.content.decode()
    unknown = client.post("/patrols/new/", _form(world, **{"inspections-0-marker": "999"}))
    assert unknown.status_code == 400
    assert "Không có mốc 999 trên tuyến biên giới này." in unknown.content.decode()
    garbled = client.post("/patrols/new/", _form(world, from_marker="6x0"))
    assert garbled.status_code == 400 and "không đúng dạng" in garbled.content.decode()
    alone = client.post("/patrols/new/", _form(world, counterpart_id=""))
    assert alone.status_code == 400
    assert not Patrol.objects.exists()


def test_a_stale_edit_on_the_page_is_refused(world, client):
    client.force_login(world.alice)
    client.post("/patrols/new/", _form(world))
    patrol = Patrol.objects.get()
    url = f"/patrols/{patrol.pk}/edit/"
    form = _form(world, version="1", findings="Sửa lần một")
    assert client.post(url, form).status_code == 302
    stale = client.post(url, {**form, "findings": "Sửa trên bản cũ"})
    assert stale.status_code == 400 and "phiên bản hiện tại: 2" in stale.content.decode()
    patrol.refresh_from_db()
    assert (patrol.findings, patrol.version) == ("Sửa lần một", 2)


def test_the_list_filters_counts_and_exports_what_the_user_sees(world, client):
    client.force_login(world.alice)
    client.post("/patrols/new/", _form(world))
    client.post(
        "/patrols/new/",
        _form(
            world,
            client_id="1c8e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
            kind="unilateral",
            started_at="2025-10-01T07:00",
            ended_at="2025-10-01T11:00",
            **{"inspections-0-marker": ""},
        ),
    )
    client.force_login(world.lee)
    page = client.get("/patrols/", {"start": "01/09/2025", "end": "30/09/2025"}).content.decode()
    assert "1 chuyến: 0 đơn phương, 1 song phương" in page
    everything = client.get("/patrols/").content.decode()
    assert "2 chuyến: 1 đơn phương, 1 song phương" in everything
    response = client.get("/patrols/export.xlsx", {"kind": "bilateral"})
    rows = list(load_workbook(io.BytesIO(response.getvalue())).active.iter_rows(values_only=True))
    assert rows[0][0] == "Bắt đầu" and len(rows) == 2
    assert rows[1][3] == "Tuần tra song phương" and rows[1][16] == 1  # one marker inspected
    text = client.get("/patrols/export.csv").getvalue().decode("utf-8-sig")
    assert text.count("Đồn Biên phòng Bản Giốc") == 2
    client.force_login(world.charlie)  # another province sees none of it
    assert "Bản Giốc" not in client.get("/patrols/").content.decode()


EDGE_DAYS = ["31/12/9999", "9999-12-31", "01/01/0001", "0001-01-01"]


@pytest.mark.parametrize("day", EDGE_DAYS)
@pytest.mark.parametrize("field", ["start", "end"])
def test_a_day_at_the_ends_of_the_calendar_is_refused_beside_the_filter(world, client, field, day):
    client.force_login(world.lee)
    response = client.get("/patrols/", {field: day})
    assert response.status_code in (200, 400)
    page = response.content.decode()
    assert "Ngày phải trong khoảng từ 01/01/1900 đến 31/12/2999." in page
    for fmt in ("csv", "xlsx"):
        assert client.get(f"/patrols/export.{fmt}", {field: day}).status_code in (200, 400)


def test_every_date_field_of_every_form_is_held_to_the_calendar_range():
    """Pages take dates through core.forms' fields, which refuse a day the arithmetic behind the
    page cannot take; a form with Django's own date field would let 31/12/9999 through."""

    def every(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from every(sub)

    plain = [
        f"{form.__module__}.{form.__qualname__}.{name}"
        for form in every(forms.BaseForm)
        if form.__module__.startswith("biengioi.")
        for name, field in form.base_fields.items()
        if isinstance(field, forms.DateField | forms.DateTimeField)
        and not isinstance(field, DayField | MomentField)
    ]
    assert plain == []
