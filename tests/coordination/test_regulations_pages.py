"""The regulation pages: a regulation recorded once from the form (refused beside its parties
with one party, nothing written), its page with the duties and the duty form (refused beside
`due_day` out of range); "Báo cáo phải nộp" of a post with the submit form (refused beside
`submitted_on` in the future, then sent, then corrected); the compliance table with its late and
missing periods highlighted, its exports read back; who may do what."""

import csv
import io
import re
from datetime import date, timedelta

from django.utils import timezone
from openpyxl import load_workbook

from biengioi.coordination.models import Duty, Regulation, Submission
from biengioi.coordination.rhythms import period_of
from biengioi.coordination.services import duty_add, regulation_create, submission_create
from tests.conftest import sign_in

CLIENT_ID = "7c2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c60"
BASE = "/coordination/regulations/"


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _regulation_form(world, **fields):
    return {
        "client_id": CLIENT_ID,
        "number": "12/QC-BCĐ",
        "signed_on": "01/03/2020",
        "title": "Quy chế phối hợp trong công tác biên giới",
        "valid_from": "01/03/2020",
        "valid_to": "",
        "party_unit_ids": [world.bg.pk, world.commune.pk],
        "note": "",
        **fields,
    }


def _with_duty(world):
    regulation, _ = regulation_create(
        actor=world.sam,
        number="12/QC-BCĐ",
        signed_on=date(2020, 3, 1),
        title="Quy chế phối hợp",
        valid_from=date(2020, 3, 1),
        party_unit_ids=[world.bg.pk, world.commune.pk],
    )
    duty, _ = duty_add(
        actor=world.sam,
        regulation_id=regulation.pk,
        kind="report",
        title="Báo cáo tháng của đồn",
        rhythm="monthly",
        due_day=5,
        owner_unit_id=world.post.pk,
    )
    return regulation, duty


def test_the_secretariat_records_a_regulation_once_from_the_form(world, client):
    sign_in(client, world.sam)
    page = client.get(BASE)
    assert page.status_code == 200 and f'href="{BASE}new/"' in page.content.decode()
    refused = client.post(f"{BASE}new/", _regulation_form(world, party_unit_ids=[world.bg.pk]))
    assert refused.status_code == 400
    assert "ít nhất hai bên" in _text(refused)
    assert Regulation.objects.count() == 0
    first = client.post(f"{BASE}new/", _regulation_form(world))
    again = client.post(f"{BASE}new/", _regulation_form(world))  # the same client id
    assert first.status_code == again.status_code == 302
    regulation = Regulation.objects.get()
    assert first["Location"] == f"{BASE}{regulation.pk}/"
    listed = _text(client.get(f"{BASE}?q=phoi hop"))
    assert "1 quy chế" in listed and "Quy chế phối hợp trong công tác biên giới" in listed
    edit = client.post(
        f"{BASE}{regulation.pk}/edit/",
        _regulation_form(world, version=1, valid_to="01/01/2019"),
    )
    assert edit.status_code == 400 and "Ngày hết hiệu lực phải sau" in _text(edit)


def test_a_duty_is_added_on_the_regulation_page_and_a_bad_due_day_is_refused(world, client):
    regulation, _duty = _with_duty(world)
    sign_in(client, world.sam)
    url = f"{BASE}{regulation.pk}/duties/new/"
    form = {
        "client_id": "7c2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c61",
        "kind": "exchange",
        "title": "Trao đổi thông tin hằng quý",
        "owner_unit_id": world.commune.pk,
        "rhythm": "quarterly",
        "due_day": "32",
        "due_month": "",
        "note": "",
    }
    refused = client.post(url, form)
    assert refused.status_code == 400 and "Giá trị phải từ 1 đến 31" in _text(refused)
    assert Duty.objects.count() == 1
    assert client.post(url, {**form, "due_day": "10"}).status_code == 302
    page = _text(client.get(f"{BASE}{regulation.pk}/"))
    assert "Trao đổi thông tin hằng quý" in page and "ngày 10 tháng đầu sau kỳ" in page
    assert "Báo cáo tháng của đồn" in page


def test_a_field_officer_reads_regulations_but_does_not_keep_them(world, client):
    regulation, duty = _with_duty(world)
    sign_in(client, world.alice)
    assert client.get(f"{BASE}{regulation.pk}/").status_code == 200
    assert f'href="{BASE}new/"' not in client.get(BASE).content.decode()
    assert client.get(f"{BASE}new/").status_code == 403
    assert client.get(f"/coordination/duties/{duty.pk}/edit/").status_code == 403
    sign_in(client, world.charlie)
    assert client.get(f"{BASE}{regulation.pk}/").status_code == 404


def test_a_post_sees_what_it_owes_and_submits_from_the_page(world, client):
    _regulation, duty = _with_duty(world)
    sign_in(client, world.alice)
    owed = _text(client.get("/coordination/reporting/"))
    assert "Báo cáo tháng của đồn" in owed and "Chưa nộp" in owed
    month = period_of("monthly", 5, timezone.localdate().replace(day=1) - timedelta(days=40))
    url = f"/coordination/duties/{duty.pk}/submit/?period={month.start.isoformat()}"
    assert client.get(url).status_code == 200
    form = {
        "client_id": "7c2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c62",
        "submitted_on": (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y"),
        "reference": "Báo cáo số 7/BC-ĐBP",
        "figures": "Số lượt tuần tra: 1.200\nSố vụ việc: 3",
        "note": "",
    }
    refused = client.post(url, form)
    assert refused.status_code == 400 and "Ngày không được sau hôm nay" in _text(refused)
    assert Submission.objects.count() == 0
    bad = client.post(url, {**form, "figures": "không có số"})
    assert bad.status_code == 400 and Submission.objects.count() == 0
    day = month.due_on + timedelta(days=2)
    sent = client.post(url, {**form, "submitted_on": day.strftime("%d/%m/%Y")})
    assert sent.status_code == 302, _text(sent)
    submission = Submission.objects.get()
    assert submission.figures == {"Số lượt tuần tra": 1200, "Số vụ việc": 3}
    edit = client.get(url)
    assert "Số lượt tuần tra: 1.200" in _text(edit)
    fixed = client.post(
        url, {**form, "submitted_on": month.due_on.strftime("%d/%m/%Y"), "version": 1}
    )
    assert fixed.status_code == 302
    submission.refresh_from_db()
    assert (submission.version, submission.submitted_on) == (2, month.due_on)
    assert (
        client.get(f"/coordination/duties/{duty.pk}/submit/?period=2019-01-01").status_code == 404
    )


def test_another_post_cannot_open_the_submit_form(world, client):
    _regulation, duty = _with_duty(world)
    from biengioi.core.access import Role
    from tests.conftest import make_user

    other = make_user("olga", Role.FIELD_OFFICER, world.post2)
    sign_in(client, other)
    url = f"/coordination/duties/{duty.pk}/submit/?period=2024-01-01"
    assert client.get(url).status_code == 404


def test_the_compliance_table_highlights_late_and_missing_periods_and_exports(world, client):
    _regulation, duty = _with_duty(world)
    year = timezone.localdate().year - 1
    for month, late in ((1, 0), (2, 3)):
        period = period_of("monthly", 5, date(year, month, 1))
        submission_create(
            actor=world.alice,
            duty_id=duty.pk,
            period_start=period.start,
            submitted_on=period.due_on + timedelta(days=late),
        )
    sign_in(client, world.sam)
    page = client.get(f"/coordination/compliance/?year={year}&part=year")
    assert page.status_code == 200
    text = _text(page)
    assert '<span class="status bad late"' in text and "Chậm 3 ngày" in text
    assert '<span class="status bad missing"' in text and "Chưa nộp" in text
    assert "Đồn Biên phòng Bản Giốc" in text and "8%" in text  # 1 on time of 12
    # the period on time is counted, not written, unless every period is asked for
    assert "1 kỳ đúng hạn" in text and "status ok on-time" not in text
    every = _text(client.get(f"/coordination/compliance/?year={year}&part=year&cells=all"))
    assert every.count("status ok on-time") == 1 and "1 kỳ đúng hạn" not in every
    assert every.count("status bad missing") == text.count("status bad missing")
    units = client.get(f"/coordination/compliance/export.xlsx?year={year}&view=units")
    sheet = load_workbook(io.BytesIO(b"".join(units.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:5] == ("Đồn Biên phòng Bản Giốc", 12, 1, 1, 10)
    cells = client.get(f"/coordination/compliance/export.csv?year={year}")
    lines = list(csv.reader(io.StringIO(b"".join(cells.streaming_content).decode("utf-8-sig"))))
    assert len(lines) == 1 + 12
    assert lines[2][7] == "Chậm 3 ngày" and lines[3][7] == "Chưa nộp"
    regulations = client.get("/coordination/regulations/export.csv")
    assert "12/QC-BCĐ" in b"".join(regulations.streaming_content).decode("utf-8-sig")


def test_the_menu_offers_regulations_reporting_and_compliance(world, client):
    sign_in(client, world.lee)
    home = client.get("/").content.decode()
    for name in ("regulations", "owed", "compliance"):
        assert f'data-menu="{name}"' in home
    assert client.get("/coordination/compliance/").status_code == 200
    assert client.get("/coordination/reporting/").status_code == 200
