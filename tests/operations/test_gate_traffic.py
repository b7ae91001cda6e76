"""Gate traffic: a gate's figures for a day or a month, recorded once (client ids), corrected
with a version check, never negative, never in the future, never a month both by days and as a
whole; imported from XLSX or CSV all or nothing; summed per gate and month."""

import io
import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from biengioi.accounts.services import user_create
from biengioi.audit.models import AuditRecord
from biengioi.core.access import Role
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.sheets import FileRejected
from biengioi.operations import gate_selectors as selectors
from biengioi.operations.models import GateTraffic, GateTrafficImport
from biengioi.operations.services import (
    gate_traffic_create,
    gate_traffic_import,
    gate_traffic_template,
    gate_traffic_update,
)
from biengioi.registry.services import gate_create
from tests.conftest import PASSWORD

DAY = date(2025, 9, 5)
FIGURES = {
    "persons_out": 1250,
    "persons_in": 1180,
    "vehicles_out": 320,
    "vehicles_in": 305,
    "export_tonnes": Decimal("850.5"),
    "import_tonnes": Decimal("620.25"),
    "export_value_usd": Decimal("1250000"),
    "import_value_usd": Decimal("980000.50"),
}


def _record(world, actor=None, gate=None, period="day", on=DAY, **fields):
    traffic, _made = gate_traffic_create(
        actor=actor or world.alice,
        unit_id=fields.pop("unit_id", world.post.pk),
        gate_id=(gate or world.gate).pk,
        period=period,
        on=on,
        **{**FIGURES, **fields},
    )
    return traffic


def _state():
    return (
        GateTraffic.objects.count(),
        GateTrafficImport.objects.count(),
        AuditRecord.objects.count(),
    )


def _refused(code, field, call):
    before = _state()
    with pytest.raises(DomainError) as err:
        call()
    assert (err.value.code, err.value.field) == (code, field)
    assert _state() == before
    return err.value


# --- recording and correcting ---------------------------------------------------------------


def test_a_day_figure_is_recorded_and_audited(world):
    traffic = _record(world)
    assert (traffic.gate, traffic.unit, traffic.period, traffic.on) == (
        world.gate,
        world.post,
        "day",
        DAY,
    )
    assert traffic.persons == 2430 and traffic.vehicles == 625
    assert traffic.import_value_usd == Decimal("980000.50")
    record = AuditRecord.objects.get(action="gate_traffic.create")
    assert record.after["persons_out"] == 1250 and record.scope_path == world.post.path


def test_figures_left_out_are_zero(world):
    traffic, _ = gate_traffic_create(
        actor=world.alice, unit_id=world.post.pk, gate_id=world.gate.pk, period="day", on=DAY
    )
    assert traffic.persons_out == 0 and traffic.export_value_usd == 0


def test_a_retried_create_returns_the_first_record(world):
    client_id = uuid.uuid4()
    first = _record(world, client_id=client_id)
    again, made = gate_traffic_create(
        actor=world.alice,
        unit_id=world.post.pk,
        gate_id=world.gate.pk,
        period="day",
        on=DAY,
        client_id=client_id,
    )
    assert (again.pk, made) == (first.pk, False)
    assert GateTraffic.objects.count() == 1
    # someone else's client id is refused, not answered with their record
    _refused(
        Code.CLIENT_ID_TAKEN, "id", lambda: _record(world, actor=world.erin, client_id=client_id)
    )


def test_a_month_figure_is_dated_the_first_of_its_month(world):
    traffic = _record(world, period="month", on=date(2025, 8, 17))
    assert traffic.on == date(2025, 8, 1)
    assert str(traffic).endswith("08/2025")


def test_an_edit_bumps_the_version_and_a_stale_one_changes_nothing(world):
    traffic = _record(world)
    edited = gate_traffic_update(
        actor=world.alice, traffic_id=traffic.pk, version=1, persons_out=1300, note="Sửa"
    )
    assert (edited.version, edited.persons_out, edited.note) == (2, 1300, "Sửa")
    audits = AuditRecord.objects.count()
    with pytest.raises(Stale) as err:
        gate_traffic_update(actor=world.alice, traffic_id=traffic.pk, version=1, persons_out=1)
    assert err.value.current.version == 2
    traffic.refresh_from_db()
    assert traffic.persons_out == 1300 and AuditRecord.objects.count() == audits
    update = AuditRecord.objects.get(action="gate_traffic.update")
    assert (update.before["persons_out"], update.after["persons_out"]) == (1250, 1300)


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("field", list(FIGURES))
def test_a_negative_figure_is_refused_naming_its_field(world, field):
    _refused(Code.NOT_NEGATIVE, field, lambda: _record(world, **{field: -1}))


def test_a_count_that_is_not_a_whole_number_is_refused(world):
    _refused(Code.NOT_AN_INTEGER, "vehicles_in", lambda: _record(world, vehicles_in=2.5))
    _refused(Code.NOT_A_NUMBER, "export_tonnes", lambda: _record(world, export_tonnes="nhiều"))


def test_a_negative_figure_in_an_edit_is_refused(world):
    traffic = _record(world)
    _refused(
        Code.NOT_NEGATIVE,
        "import_tonnes",
        lambda: gate_traffic_update(
            actor=world.alice, traffic_id=traffic.pk, version=1, import_tonnes=Decimal("-0.5")
        ),
    )
    traffic.refresh_from_db()
    assert traffic.version == 1


def test_a_day_to_come_is_refused_but_the_month_under_way_is_not(world):
    today = timezone.localdate()
    _refused(Code.DATE_IN_FUTURE, "on", lambda: _record(world, on=today + timedelta(days=1)))
    next_month = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
    _refused(Code.MONTH_IN_FUTURE, "on", lambda: _record(world, period="month", on=next_month))
    assert _record(world, period="month", on=today).on == today.replace(day=1)


def test_a_month_is_recorded_by_days_or_as_a_whole_never_both(world):
    _record(world, on=date(2025, 8, 30))
    err = _refused(
        Code.GATE_TRAFFIC_MIXED,
        "period",
        lambda: _record(world, period="month", on=date(2025, 8, 1)),
    )
    assert "08/2025" in err.message and "theo từng ngày" in err.message
    _record(world, period="month", on=date(2025, 7, 1))
    _refused(Code.GATE_TRAFFIC_MIXED, "period", lambda: _record(world, on=date(2025, 7, 9)))
    # the other gate's months are its own
    other = gate_create(
        actor=None,
        line_id=world.line.pk,
        name="Lối mở Nà Khà",
        side="vn",
        kind="opening",
        lon=106.61,
        lat=16.605,
        post_id=world.post.pk,
    )
    assert _record(world, gate=other, period="month", on=date(2025, 8, 1))


def test_an_edit_cannot_turn_a_day_into_a_month_that_has_days(world):
    _record(world, on=date(2025, 8, 2))
    traffic = _record(world, on=date(2025, 8, 3))
    _refused(
        Code.GATE_TRAFFIC_MIXED,
        "period",
        lambda: gate_traffic_update(
            actor=world.alice, traffic_id=traffic.pk, version=1, period="month"
        ),
    )


def test_the_same_gate_and_day_is_recorded_once(world):
    _record(world)
    err = _refused(Code.GATE_TRAFFIC_TAKEN, "on", lambda: _record(world, actor=world.erin))
    assert "05/09/2025" in err.message and world.gate.name in err.message


def test_a_gate_outside_the_units_charge_is_refused(world):
    # the other province's gate, a gate of another post, and the neighbour's gate
    _refused(Code.GATE_NOT_OF_UNIT, "gate_id", lambda: _record(world, gate=world.tsn_gate))
    _refused(
        Code.GATE_NOT_OF_UNIT,
        "gate_id",
        lambda: _record(world, actor=world.erin, unit_id=world.post2.pk),
    )
    facing = gate_create(
        actor=None,
        line_id=world.line.pk,
        name="Cửa khẩu Đen Sa Vẳn (Lào)",
        side="neighbour",
        kind="main",
        lon=106.618,
        lat=16.61,
        post_id=world.post.pk,
    )
    _refused(Code.GATE_NOT_OF_UNIT, "gate_id", lambda: _record(world, gate=facing))
    # the provincial command records for any gate of its posts
    assert _record(world, actor=world.erin, unit_id=world.bg.pk).unit == world.bg


def test_a_unit_outside_the_actors_scope_is_refused(world):
    _refused(Code.UNIT_NOT_IN_SCOPE, "unit_id", lambda: _record(world, unit_id=world.post2.pk))
    _refused(
        Code.UNIT_NOT_IN_SCOPE,
        "unit_id",
        lambda: _record(world, actor=world.charlie, unit_id=world.post.pk),
    )


def test_roles_that_do_not_record_cannot_record(world):
    with pytest.raises(PermissionDenied):
        _record(world, actor=world.lee)


def test_another_post_neither_sees_nor_edits_the_figures(world):
    traffic = _record(world)
    dave = user_create(
        actor=None,
        username="dave",
        password=PASSWORD,
        unit_id=world.post2.pk,
        role=Role.FIELD_OFFICER,
        full_name="Dave",
    )
    assert not selectors.gate_traffic_list(actor=dave).exists()
    with pytest.raises(Http404):
        selectors.gate_traffic_get(actor=dave, traffic_id=traffic.pk)
    with pytest.raises(Http404):
        gate_traffic_update(actor=dave, traffic_id=traffic.pk, version=1, persons_in=1)
    assert selectors.gate_traffic_list(actor=world.lee).get() == traffic  # the province sees it


# --- totals ---------------------------------------------------------------------------------


def test_totals_and_the_month_table_add_up(world):
    for day, persons in ((date(2025, 8, 1), 100), (date(2025, 8, 2), 200), (date(2025, 9, 1), 50)):
        _record(world, on=day, persons_out=persons, export_tonnes=Decimal("1.5"))
    _record(world, period="month", on=date(2025, 7, 1), persons_out=3000, export_tonnes=40)
    rows = selectors.gate_traffic_list(actor=world.lee)
    totals = selectors.gate_traffic_totals(rows)
    assert totals["records"] == 4
    assert totals["persons_out"] == 3350
    assert totals["export_tonnes"] == Decimal("44.5")
    assert totals["persons_in"] == 4 * FIGURES["persons_in"]
    table = selectors.gate_traffic_by_month(rows)
    assert [(r["month"], r["days"], r["persons_out"]) for r in table] == [
        (date(2025, 7, 1), 0, 3000),
        (date(2025, 8, 1), 2, 300),
        (date(2025, 9, 1), 1, 50),
    ]
    assert {r["gate"] for r in table} == {world.gate.name}
    assert sum(r["persons_out"] for r in table) == totals["persons_out"]
    # a month figure counts in any range that meets its month; days only inside the range
    august = selectors.gate_traffic_list(
        actor=world.lee, start=date(2025, 7, 15), end=date(2025, 8, 1)
    )
    assert selectors.gate_traffic_totals(august)["persons_out"] == 3100
    months = selectors.gate_traffic_list(actor=world.lee, period="month")
    assert selectors.gate_traffic_totals(months)["records"] == 1


def test_the_list_filters_by_unit_and_gate(world):
    _record(world)
    assert selectors.gate_traffic_list(actor=world.lee, unit_id=world.bg.pk).count() == 1
    assert selectors.gate_traffic_list(actor=world.lee, unit_id=world.post2.pk).count() == 0
    assert selectors.gate_traffic_list(actor=world.lee, gate_id=world.tsn_gate.pk).count() == 0
    assert selectors.gate_traffic_list(actor=world.charlie).count() == 0


# --- imports --------------------------------------------------------------------------------

HEADER = [
    "Cửa khẩu",
    "Loại số liệu",
    "Ngày",
    "Người xuất cảnh (lượt)",
    "Người nhập cảnh (lượt)",
    "Phương tiện xuất cảnh (lượt)",
    "Phương tiện nhập cảnh (lượt)",
    "Hàng xuất khẩu (tấn)",
    "Hàng nhập khẩu (tấn)",
    "Kim ngạch xuất khẩu (USD)",
    "Kim ngạch nhập khẩu (USD)",
    "Ghi chú",
]


def _row(day, *, gate="Cửa khẩu Bản Giốc", period="Ngày", persons_out=100):
    return [gate, period, day, persons_out, 90, 12, 11, 45.5, 30.25, 120000, 95000.5, ""]


def _xlsx(*rows, header=HEADER, merge=None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _import(world, content, filename="cuakhau.xlsx", actor=None, **kwargs):
    return gate_traffic_import(
        actor=actor or world.alice,
        unit_id=kwargs.pop("unit_id", world.post.pk),
        filename=filename,
        content=content,
        **kwargs,
    )


def test_a_good_xlsx_imports_every_row_with_one_import_record(world):
    rows = [_row(date(2025, 9, d)) for d in (1, 2, 3)] + [
        _row(date(2025, 8, 1), period="Tháng", persons_out=2900)
    ]
    result = _import(world, _xlsx(*rows))
    assert result.ok and result.created == 4
    assert GateTraffic.objects.count() == 4
    batch = GateTrafficImport.objects.get()
    assert (batch.rows, batch.filename, batch.unit) == (4, "cuakhau.xlsx", world.post)
    assert set(batch.records.values_list("pk", flat=True)) == set(result.ids)
    month = GateTraffic.objects.get(period="month")
    assert (month.on, month.persons_out, month.import_value_usd) == (
        date(2025, 8, 1),
        2900,
        Decimal("95000.50"),
    )
    record = AuditRecord.objects.get(action="gate_traffic.import")
    assert record.after == {
        "file": "cuakhau.xlsx",
        "unit": world.post.pk,
        "rows": 4,
        "ids": result.ids,
    }
    assert AuditRecord.objects.filter(action="gate_traffic.create").count() == 4


def test_two_bad_rows_are_both_reported_and_nothing_is_imported(world):
    before = _state()
    rows = [
        _row(date(2025, 9, 1)),
        _row(date(2025, 9, 2), persons_out=-5),  # row 3
        _row(date(2025, 9, 3)),
        _row(date(2025, 9, 4), gate="Cửa khẩu Không Có"),  # row 5
    ]
    result = _import(world, _xlsx(*rows))
    assert not result.ok and result.created == 0 and result.ids == []
    assert [(e.row, e.field) for e in result.errors] == [
        (3, "Người xuất cảnh (lượt)"),
        (5, "Cửa khẩu"),
    ]
    assert result.errors[0].message == "Số liệu không được âm."
    assert "Cửa khẩu Bản Giốc" in result.errors[1].message  # the gates it could be
    assert _state() == before


def test_a_wrong_header_is_refused_as_a_whole(world):
    header = ["Cửa khẩu", "Ngày tháng", "Người xuất cảnh (lượt)"]
    with pytest.raises(FileRejected) as err:
        _import(world, _xlsx(["Cửa khẩu Bản Giốc", date(2025, 9, 1), 5], header=header))
    assert "cột lạ Ngày tháng" in err.value.message and "thiếu cột Ngày" in err.value.message
    assert _state()[0] == 0


def test_a_merged_cell_is_refused_as_a_whole(world):
    content = _xlsx(_row(date(2025, 9, 1)), _row(date(2025, 9, 2)), merge="A2:A3")
    with pytest.raises(FileRejected) as err:
        _import(world, content)
    assert "ô gộp (A2:A3)" in err.value.message
    assert _state()[0] == 0


def test_a_date_typed_as_text_names_its_row_and_column(world):
    result = _import(world, _xlsx(_row(date(2025, 9, 1)), _row("02/09/2025")))
    assert [(e.row, e.field) for e in result.errors] == [(3, "Ngày")]
    assert "“02/09/2025”" in result.errors[0].message and "dạng chữ" in result.errors[0].message
    assert GateTraffic.objects.count() == 0


def test_a_row_repeating_the_file_or_the_records_is_bad(world):
    _record(world, on=date(2025, 9, 1))
    rows = [
        _row(date(2025, 9, 1)),  # row 2: already recorded
        _row(date(2025, 9, 2)),
        _row(date(2025, 9, 2)),  # row 4: repeats row 3
        _row(date(2025, 9, 20), period="Tháng"),  # row 5: September is recorded by days
    ]
    result = _import(world, _xlsx(*rows))
    assert [(e.row, e.field) for e in result.errors] == [
        (2, "Ngày"),
        (4, "Ngày"),
        (5, "Loại số liệu"),
    ]
    assert "dòng 3" in result.errors[1].message
    assert GateTraffic.objects.count() == 1


def test_a_csv_with_vietnamese_numbers_and_semicolons_imports(world):
    text = (
        ";".join(HEADER)
        + "\n"
        + "Cửa khẩu Bản Giốc;Ngày;01/09/2025;1.250;1.180;320;305;850,5;620,25;"
        + "1.250.000;980.000,50;ghi chú\n"
    )
    result = _import(world, text.encode("utf-8-sig"), filename="so-lieu.csv")
    assert result.ok, result.errors
    traffic = GateTraffic.objects.get()
    assert (traffic.persons_out, traffic.export_tonnes, traffic.import_value_usd) == (
        1250,
        Decimal("850.500"),
        Decimal("980000.50"),
    )
    assert traffic.note == "ghi chú"


def test_a_file_of_another_kind_or_without_rows_is_refused(world):
    with pytest.raises(FileRejected):
        _import(world, b"x", filename="so-lieu.pdf")
    with pytest.raises(FileRejected):
        _import(world, b"not a zip", filename="so-lieu.xlsx")
    with pytest.raises(FileRejected) as err:
        _import(world, _xlsx())
    assert "không có dòng số liệu" in err.value.message


def test_an_import_for_a_unit_outside_the_scope_is_refused(world):
    _refused(
        Code.UNIT_NOT_IN_SCOPE,
        "unit_id",
        lambda: _import(world, _xlsx(_row(date(2025, 9, 1))), unit_id=world.post2.pk),
    )


def test_the_template_round_trips(world):
    content = gate_traffic_template(actor=world.alice)
    book = load_workbook(io.BytesIO(content))
    sheet = book.active
    assert [c.value for c in sheet[1]] == HEADER
    assert sheet["A2"].value == "Cửa khẩu Bản Giốc"  # the example names the user's own gate
    sheet.append(_row(date(2025, 9, 1), persons_out=777))  # a row filled in under the example
    buf = io.BytesIO()
    book.save(buf)
    result = _import(world, buf.getvalue(), filename="mau.xlsx")
    assert result.ok and result.created == 2, result.errors
    assert GateTraffic.objects.filter(persons_out=777, on=date(2025, 9, 1)).exists()


def test_an_import_sent_again_with_its_client_id_writes_nothing_more(world):
    client_id = uuid.uuid4()
    first = _import(world, _xlsx(_row(date(2025, 9, 1))), client_id=client_id)
    again = _import(world, _xlsx(_row(date(2025, 9, 1))), client_id=client_id)
    assert (again.made, again.created, again.ids, again.batch) == (
        False,
        1,
        first.ids,
        first.batch,
    )
    assert GateTraffic.objects.count() == 1


# --- the API --------------------------------------------------------------------------------


def _body(world, **fields):
    data = {
        "unit_id": world.post.pk,
        "gate_id": world.gate.pk,
        "period": "day",
        "on": "2025-09-05",
        "persons_out": 1250,
        "persons_in": 1180,
        "export_tonnes": "850.5",
    }
    return {**data, **fields}


def test_the_api_records_once_and_answers_409_to_a_stale_edit(world, as_user):
    api = as_user(world.alice)
    client_id = str(uuid.uuid4())
    made = api.post(
        "/api/v1/gate-traffic", _body(world, id=client_id), content_type="application/json"
    )
    assert made.status_code == 201, made.content
    again = api.post(
        "/api/v1/gate-traffic", _body(world, id=client_id), content_type="application/json"
    )
    assert again.status_code == 200 and again.json()["id"] == made.json()["id"]
    key = {"HTTP_IDEMPOTENCY_KEY": "k-1"}
    other = _body(world, on="2025-09-06")
    first = api.post("/api/v1/gate-traffic", other, content_type="application/json", **key)
    retry = api.post("/api/v1/gate-traffic", other, content_type="application/json", **key)
    assert (first.status_code, retry.status_code) == (201, 200)
    assert GateTraffic.objects.count() == 2
    url = f"/api/v1/gate-traffic/{made.json()['id']}"
    edit = api.patch(url, {"version": 1, "persons_out": 1300}, content_type="application/json")
    assert edit.status_code == 200 and edit.json()["version"] == 2
    stale = api.patch(url, {"version": 1, "persons_out": 1}, content_type="application/json")
    assert stale.status_code == 409
    assert stale.json()["current"]["persons_out"] == 1300
    assert stale.json()["errors"][0]["field"] == "version"
    bad = api.post(
        "/api/v1/gate-traffic",
        _body(world, on="2025-09-07", vehicles_in=-1),
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "vehicles_in"
    mixed = api.post(
        "/api/v1/gate-traffic", _body(world, period="month"), content_type="application/json"
    )
    assert mixed.status_code == 422 and mixed.json()["errors"][0]["field"] == "period"


def test_the_api_lists_totals_and_months(world, as_user):
    _record(world, on=date(2025, 9, 1))
    _record(world, on=date(2025, 9, 2), persons_out=50)
    api = as_user(world.lee)
    listed = api.get("/api/v1/gate-traffic", {"gate_id": world.gate.pk, "period": "day"}).json()
    assert listed["count"] == 2 and listed["items"][0]["gate"] == world.gate.name
    totals = api.get("/api/v1/gate-traffic/totals", {"start": "2025-09-02"}).json()
    assert totals["records"] == 1 and totals["persons_out"] == 50
    months = api.get("/api/v1/gate-traffic/months").json()
    assert months == [
        {
            **months[0],
            "gate_id": world.gate.pk,
            "month": "2025-09-01",
            "days": 2,
            "persons_out": 1300,
        }
    ]
    one = api.get(f"/api/v1/gate-traffic/{listed['items'][0]['id']}")
    assert one.status_code == 200
    assert (
        as_user(world.charlie).get(f"/api/v1/gate-traffic/{listed['items'][0]['id']}").status_code
        == 404
    )


def test_the_api_import_answers_422_with_the_rows_then_201(world, as_user):
    api = as_user(world.alice)
    bad = SimpleUploadedFile("cuakhau.xlsx", _xlsx(_row(date(2025, 9, 1)), _row("02/09/2025")))
    response = api.post("/api/v1/gate-traffic/import", {"unit_id": world.post.pk, "file": bad})
    assert response.status_code == 422
    assert [(e["row"], e["field"]) for e in response.json()["errors"]] == [(3, "Ngày")]
    assert GateTraffic.objects.count() == 0
    good = _xlsx(_row(date(2025, 9, 1)), _row(date(2025, 9, 2)))
    key = {"HTTP_IDEMPOTENCY_KEY": "import-1"}
    upload = {"unit_id": world.post.pk, "file": SimpleUploadedFile("cuakhau.xlsx", good)}
    response = api.post("/api/v1/gate-traffic/import", upload, **key)
    assert response.status_code == 201 and response.json()["created"] == 2
    upload = {"unit_id": world.post.pk, "file": SimpleUploadedFile("cuakhau.xlsx", good)}
    retry = api.post("/api/v1/gate-traffic/import", upload, **key)
    assert retry.status_code == 200 and retry.json() == response.json()
    assert GateTraffic.objects.count() == 2
    header = SimpleUploadedFile("x.xlsx", _xlsx(["a"], header=["Không đúng"]))
    refused = api.post("/api/v1/gate-traffic/import", {"unit_id": world.post.pk, "file": header})
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "file"


def test_the_api_serves_the_template(world, as_user):
    response = as_user(world.lee).get("/api/v1/gate-traffic/template.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert [c.value for c in sheet[1]] == HEADER


def test_a_file_with_too_many_rows_is_refused(world, monkeypatch):
    from biengioi.operations.services import gates

    monkeypatch.setattr(gates, "MAX_ROWS", 2)
    with pytest.raises(FileRejected) as err:
        _import(world, _xlsx(*[_row(date(2025, 9, d)) for d in (1, 2, 3)]))
    assert "quá 2 dòng" in err.value.message
    assert _state()[0] == 0


def test_the_list_endpoint_and_page_take_as_many_queries_for_many_rows(world, as_user, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import sign_in

    api = as_user(world.lee)
    sign_in(client, world.lee)

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as listed:
            assert api.get("/api/v1/gate-traffic").status_code == 200
        with CaptureQueriesContext(connection) as page:
            assert client.get("/gate-traffic/").status_code == 200
        return len(listed), len(page)

    _record(world, on=date(2025, 9, 1))
    queries()  # the first call also notes the token's use
    few = queries()
    for day in range(2, 22):
        _record(world, on=date(2025, 9, day))
    assert queries() == few
