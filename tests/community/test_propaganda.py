"""Propaganda and legal education: sessions recorded once (client ids), corrected with a version
check, never with negative counts or more listeners than the commune's known population, on the
province's active topics; imported from XLSX or CSV all or nothing; totalled as the reports
count them (sessions, listeners, materials)."""

import io
import uuid
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from biengioi.audit import services as audit
from biengioi.audit.models import AuditRecord
from biengioi.community import propaganda_selectors as selectors
from biengioi.community.models import PropagandaImport, PropagandaSession, PropagandaTopic
from biengioi.community.services import (
    propaganda_import,
    propaganda_session_create,
    propaganda_session_update,
    propaganda_template,
    propaganda_topic_create,
    propaganda_topic_update,
    propaganda_topics_seed,
)
from biengioi.community.services.propaganda import USUAL_TOPICS
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.sheets import FileRejected
from biengioi.registry.models import AdminUnit

DAY = date(2025, 9, 5)


@pytest.fixture
def topics(world):
    propaganda_topics_seed(actor=world.sam)
    propaganda_topic_create(
        actor=world.charlie, name="Luật Biên giới quốc gia"
    )  # the other province
    mine = PropagandaTopic.objects.filter(province=world.tbt)
    return {t.name: t for t in mine}


def _record(world, topics, actor=None, **fields):
    data = {
        "unit_id": world.post.pk,
        "on": DAY,
        "commune_id": world.admin_commune.pk,
        "form": "meeting",
        "topic_ids": [topics["Luật Biên giới quốc gia"].pk],
        "listeners": 85,
        "leaflets": 120,
        "calendars": 40,
        "handbooks": 10,
        "village": "Bản Ka Tăng",
        **fields,
    }
    session, _made = propaganda_session_create(actor=actor or world.alice, **data)
    return session


def _state():
    return (PropagandaSession.objects.count(), AuditRecord.objects.count())


def _refused(code, field, call, *args, **kwargs):
    before = _state()
    with pytest.raises(DomainError) as err:
        call(*args, **kwargs)
    assert (err.value.code, err.value.field) == (code, field)
    assert _state() == before
    return err.value


# --- topics ---------------------------------------------------------------------------------


def test_the_usual_topics_are_seeded_once_per_province(world, topics):
    assert sorted(topics) == sorted(USUAL_TOPICS)
    assert propaganda_topics_seed(actor=world.sam) == 0
    assert PropagandaTopic.objects.filter(province=world.tsn).count() == 1
    seen = selectors.propaganda_topics(actor=world.alice)  # a post reads its province's list
    assert seen.count() == len(USUAL_TOPICS)
    assert AuditRecord.objects.filter(action="propaganda_topic.create").count() == 10


def test_topics_are_managed_by_the_secretariat_only_and_names_never_repeat(world, topics):
    with pytest.raises(PermissionDenied):
        propaganda_topic_create(actor=world.alice, name="Chủ đề mới")
    with pytest.raises(DomainError) as err:
        propaganda_topic_create(actor=world.sam, name="luat bien gioi quoc gia")
    assert (err.value.code, err.value.field) == (Code.TOPIC_TAKEN, "name")
    topic = topics["Phòng, chống ma túy"]
    done = propaganda_topic_update(actor=world.sam, topic_id=topic.pk, version=1, active=False)
    assert (done.active, done.version) == (False, 2)
    with pytest.raises(Stale):
        propaganda_topic_update(actor=world.sam, topic_id=topic.pk, version=1, name="x")
    with pytest.raises(Http404):  # another province's topic
        other = PropagandaTopic.objects.get(province=world.tsn)
        propaganda_topic_update(actor=world.sam, topic_id=other.pk, version=1, active=False)


# --- sessions -------------------------------------------------------------------------------


def test_a_session_is_recorded_once_and_audited(world, topics):
    client_id = uuid.uuid4()
    session = _record(world, topics, client_id=client_id)
    again, made = propaganda_session_create(
        actor=world.alice,
        unit_id=world.post.pk,
        on=DAY,
        commune_id=world.admin_commune.pk,
        form="meeting",
        topic_ids=[topics["Luật Biên giới quốc gia"].pk],
        client_id=client_id,
    )
    assert (again.pk, made) == (session.pk, False)
    assert (session.materials, session.language) == (170, "Tiếng Việt")
    record = AuditRecord.objects.get(action="propaganda_session.create")
    assert record.after["listeners"] == 85 and record.after["topics"] == [
        topics["Luật Biên giới quốc gia"].pk
    ]


def test_negative_listeners_are_refused_naming_the_field(world, topics):
    _refused(Code.OUT_OF_RANGE, "listeners", _record, world, topics, listeners=-1)
    _refused(Code.OUT_OF_RANGE, "leaflets", _record, world, topics, leaflets=-3)


def test_more_listeners_than_the_communes_known_population_are_refused(world, topics):
    AdminUnit.objects.filter(pk=world.admin_commune.pk).update(population=300)
    err = _refused(
        Code.MORE_LISTENERS_THAN_POPULATION, "listeners", _record, world, topics, listeners=301
    )
    assert "301" in err.message and "300" in err.message and "Xã Đàm Thủy" in err.message
    assert _record(world, topics, listeners=300).listeners == 300
    AdminUnit.objects.filter(pk=world.admin_commune.pk).update(population=None)
    assert _record(world, topics, listeners=5000).listeners == 5000  # unknown: no bound


def test_other_bad_input_writes_nothing(world, topics):
    tomorrow = timezone.localdate() + timedelta(days=1)
    _refused(Code.DATE_IN_FUTURE, "on", _record, world, topics, on=tomorrow)
    _refused(Code.NOT_A_COMMUNE, "commune_id", _record, world, topics, commune_id=999999)
    _refused(Code.REQUIRED, "form", _record, world, topics, form="radio")
    _refused(Code.TOPICS_REQUIRED, "topic_ids", _record, world, topics, topic_ids=[])
    other = PropagandaTopic.objects.get(province=world.tsn)
    _refused(Code.TOPIC_UNKNOWN, "topic_ids", _record, world, topics, topic_ids=[other.pk])
    _refused(Code.UNIT_NOT_IN_SCOPE, "unit_id", _record, world, topics, unit_id=world.post2.pk)
    topic = topics["Xuất cảnh, nhập cảnh"]
    propaganda_topic_update(actor=world.sam, topic_id=topic.pk, version=1, active=False)
    _refused(Code.TOPIC_UNKNOWN, "topic_ids", _record, world, topics, topic_ids=[topic.pk])


def test_an_edit_checks_the_version_and_the_rules(world, topics):
    session = _record(world, topics)
    drugs = topics["Phòng, chống ma túy"]
    done = propaganda_session_update(
        actor=world.alice, session_id=session.pk, version=1, listeners=92, topic_ids=[drugs.pk]
    )
    assert (done.version, done.listeners) == (2, 92)
    assert list(done.topics.all()) == [drugs]
    with pytest.raises(Stale) as stale:
        propaganda_session_update(actor=world.alice, session_id=session.pk, version=1, note="x")
    assert stale.value.current.version == 2
    _refused(
        Code.OUT_OF_RANGE,
        "listeners",
        propaganda_session_update,
        actor=world.alice,
        session_id=session.pk,
        version=2,
        listeners=-5,
    )
    with pytest.raises(Http404):
        propaganda_session_update(actor=world.charlie, session_id=session.pk, version=2, note="x")


def test_filters_and_totals_count_each_session_once(world, topics):
    law, drugs = topics["Luật Biên giới quốc gia"], topics["Phòng, chống ma túy"]
    _record(world, topics, topic_ids=[law.pk, drugs.pk], listeners=100)
    _record(world, topics, form="loudspeaker", listeners=40, on=date(2025, 8, 1))
    _record(world, topics, unit_id=world.bg.pk, actor=world.erin, listeners=7, leaflets=0)
    every = selectors.propaganda_session_list(actor=world.erin)
    assert selectors.propaganda_totals(every) == {
        "sessions": 3,
        "listeners": 147,
        "leaflets": 240,
        "calendars": 120,
        "handbooks": 30,
        "materials": 390,
    }
    both = selectors.propaganda_session_list(actor=world.erin, topic_id=drugs.pk)
    assert selectors.propaganda_totals(both)["sessions"] == 1
    law_only = selectors.propaganda_session_list(actor=world.erin, topic_id=law.pk)
    assert selectors.propaganda_totals(law_only)["listeners"] == 147
    assert selectors.propaganda_session_list(actor=world.erin, form="loudspeaker").count() == 1
    assert selectors.propaganda_session_list(actor=world.erin, start=DAY).count() == 2
    assert selectors.propaganda_session_list(actor=world.erin, unit_id=world.post.pk).count() == 2
    assert (
        selectors.propaganda_session_list(
            actor=world.erin, commune_id=world.admin_commune.pk
        ).count()
        == 3
    )
    assert selectors.propaganda_session_list(actor=world.alice).count() == 2  # the post's own
    assert selectors.propaganda_session_list(actor=world.charlie).count() == 0


# --- the spreadsheet import -----------------------------------------------------------------

HEADER = [
    "Ngày",
    "Xã, phường",
    "Thôn, bản",
    "Hình thức",
    "Chủ đề",
    "Số người nghe",
    "Tờ rơi",
    "Lịch",
    "Sổ tay, tài liệu",
    "Tài liệu khác",
    "Ngôn ngữ",
    "Ghi chú",
]


def _row(day, *, listeners=60, commune="Xã Đàm Thủy", village="Bản Nà Lừa", topic=None):
    topic = topic or "Luật Biên giới quốc gia; Phòng, chống ma túy"
    return [day, commune, village, "Họp dân", topic, listeners, 50, 20, 5, "", "Tiếng Tày", ""]


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


def _import(world, content, filename="tuyentruyen.xlsx", **kwargs):
    return propaganda_import(
        actor=kwargs.pop("actor", world.alice),
        unit_id=kwargs.pop("unit_id", world.post.pk),
        filename=filename,
        content=content,
        **kwargs,
    )


def test_a_good_xlsx_imports_every_row(world, topics):
    result = _import(world, _xlsx(*[_row(date(2025, 9, d)) for d in (1, 2, 3)]))
    assert result.ok and result.created == 3, result.errors
    batch = PropagandaImport.objects.get()
    assert set(batch.records.values_list("pk", flat=True)) == set(result.ids)
    session = PropagandaSession.objects.get(on=date(2025, 9, 1))
    assert (session.commune, session.village, session.form, session.language) == (
        world.admin_commune,
        "Bản Nà Lừa",
        "meeting",
        "Tiếng Tày",
    )
    assert session.topics.count() == 2
    assert session.source == batch and batch.rows == 3
    assert AuditRecord.objects.filter(action="propaganda.import").count() == 1
    # each session is audited as one recorded by hand is, and the chain still holds
    made = AuditRecord.objects.filter(action="propaganda_session.create").order_by("seq")
    assert [int(r.object_id) for r in made] == sorted(result.ids)
    assert made.first().after["topics"] == sorted(session.topics.values_list("pk", flat=True))
    assert audit.verify().ok


def test_every_bad_row_is_reported_and_nothing_is_imported(world, topics):
    AdminUnit.objects.filter(pk=world.admin_commune.pk).update(population=500)
    before = _state()
    rows = [
        _row(date(2025, 9, 1)),
        _row(date(2025, 9, 2), listeners=-4),  # row 3
        _row(date(2025, 9, 3), listeners=501),  # row 4: more than the population
        _row(date(2025, 9, 4), topic="Chủ đề lạ"),  # row 5
        _row(date(2025, 9, 5), commune="Xã Không Có"),  # row 6
        _row(date(2025, 9, 6), village=date(2025, 9, 6)),  # row 7: a date in a text column
        _row("07/09/2025"),  # row 8: a date typed as text
    ]
    result = _import(world, _xlsx(*rows))
    assert not result.ok and result.created == 0 and result.ids == []
    assert [(e.row, e.field) for e in result.errors] == [
        (3, "Số người nghe"),
        (4, "Số người nghe"),
        (5, "Chủ đề"),
        (6, "Xã, phường"),
        (7, "Thôn, bản"),
        (8, "Ngày"),
    ]
    messages = [e.message for e in result.errors]
    assert "500" in messages[1] and "“Chủ đề lạ”" in messages[2]
    assert "phải là chữ" in messages[4] and "dạng chữ" in messages[5]
    assert _state() == before
    assert PropagandaImport.objects.count() == 0


def test_a_wrong_header_is_refused_as_a_whole(world, topics):
    header = ["Ngày", "Xã", "Hình thức", "Người tham dự"]
    with pytest.raises(FileRejected) as err:
        _import(world, _xlsx([date(2025, 9, 1), "Xã Đàm Thủy", "Họp dân", 5], header=header))
    assert "cột lạ Người tham dự" in err.value.message
    assert "Số người nghe" in err.value.message  # the missing one is named
    assert PropagandaSession.objects.count() == 0


def test_a_merged_cell_is_refused_as_a_whole(world, topics):
    content = _xlsx(_row(date(2025, 9, 1)), _row(date(2025, 9, 2)), merge="B2:B3")
    with pytest.raises(FileRejected) as err:
        _import(world, content)
    assert "ô gộp (B2:B3)" in err.value.message
    assert PropagandaSession.objects.count() == 0


def test_a_csv_with_grouped_numbers_and_commune_codes_imports(world, topics):
    text = (
        ";".join(HEADER)
        + "\n"
        + "01/09/2025;99001;Bản Giốc;Phát thanh, loa truyền thanh;Xuất cảnh, nhập cảnh;"
        + "1.250;2.000;0;0;Băng rôn;;\n"
    )
    result = _import(world, text.encode("utf-8-sig"), filename="tt.csv")
    assert result.ok, result.errors
    session = PropagandaSession.objects.get()
    assert (session.listeners, session.leaflets, session.form, session.language) == (
        1250,
        2000,
        "loudspeaker",
        "Tiếng Việt",
    )


def test_the_template_round_trips(world, topics):
    book = load_workbook(io.BytesIO(propaganda_template(actor=world.alice)))
    sheet = book.active
    assert [c.value for c in sheet[1]] == HEADER
    sheet["B2"] = "Xã Đàm Thủy"  # the example's commune, made one of this world
    sheet.append(_row(date(2025, 9, 1), listeners=777))
    buf = io.BytesIO()
    book.save(buf)
    result = _import(world, buf.getvalue(), filename="mau.xlsx")
    assert result.ok and result.created == 2, result.errors
    assert PropagandaSession.objects.filter(listeners=777).exists()


def test_an_import_sent_again_with_its_client_id_writes_nothing_more(world, topics):
    client_id = uuid.uuid4()
    first = _import(world, _xlsx(_row(date(2025, 9, 1))), client_id=client_id)
    again = _import(world, _xlsx(_row(date(2025, 9, 1))), client_id=client_id)
    assert (again.made, again.ids, again.batch) == (False, first.ids, first.batch)
    assert PropagandaSession.objects.count() == 1


# --- the API --------------------------------------------------------------------------------


def _body(world, topics, **fields):
    return {
        "unit_id": world.post.pk,
        "on": "2025-09-05",
        "commune_id": world.admin_commune.pk,
        "form": "meeting",
        "topic_ids": [topics["Luật Biên giới quốc gia"].pk],
        "listeners": 85,
        **fields,
    }


def test_the_api_records_once_and_answers_409_to_a_stale_edit(world, topics, as_user):
    api = as_user(world.alice)
    client_id = str(uuid.uuid4())
    body = _body(world, topics, id=client_id)
    made = api.post("/api/v1/propaganda-sessions", body, content_type="application/json")
    assert made.status_code == 201, made.content
    again = api.post("/api/v1/propaganda-sessions", body, content_type="application/json")
    assert again.status_code == 200 and again.json()["id"] == made.json()["id"]
    key = {"HTTP_IDEMPOTENCY_KEY": "k-1"}
    first = api.post(
        "/api/v1/propaganda-sessions", _body(world, topics), content_type="application/json", **key
    )
    retry = api.post(
        "/api/v1/propaganda-sessions", _body(world, topics), content_type="application/json", **key
    )
    assert (first.status_code, retry.status_code) == (201, 200)
    assert PropagandaSession.objects.count() == 2
    url = f"/api/v1/propaganda-sessions/{made.json()['id']}"
    edit = api.patch(url, {"version": 1, "listeners": 90}, content_type="application/json")
    assert edit.status_code == 200 and edit.json()["version"] == 2
    stale = api.patch(url, {"version": 1, "listeners": 1}, content_type="application/json")
    assert stale.status_code == 409
    assert stale.json()["current"]["listeners"] == 90
    bad = api.post(
        "/api/v1/propaganda-sessions",
        _body(world, topics, listeners=-1),
        content_type="application/json",
    )
    assert bad.status_code == 422 and "listeners" in str(bad.json())
    assert PropagandaSession.objects.count() == 2


def test_the_api_lists_totals_and_keeps_to_the_scope(world, topics, as_user):
    _record(world, topics)
    _record(world, topics, listeners=15, form="home_visit")
    api = as_user(world.lee)
    listed = api.get("/api/v1/propaganda-sessions", {"form": "meeting"}).json()
    assert listed["count"] == 1 and listed["items"][0]["listeners"] == 85
    totals = api.get("/api/v1/propaganda-sessions/totals").json()
    assert (totals["sessions"], totals["listeners"], totals["materials"]) == (2, 100, 340)
    one = listed["items"][0]["id"]
    assert api.get(f"/api/v1/propaganda-sessions/{one}").status_code == 200
    assert as_user(world.charlie).get(f"/api/v1/propaganda-sessions/{one}").status_code == 404
    topics_seen = api.get("/api/v1/propaganda-topics", {"active": True}).json()
    assert len(topics_seen) == len(USUAL_TOPICS)


def test_the_api_manages_topics(world, topics, as_user):
    made = as_user(world.sam).post(
        "/api/v1/propaganda-topics", {"name": "Chủ quyền biển đảo"}, content_type="application/json"
    )
    assert made.status_code == 201
    url = f"/api/v1/propaganda-topics/{made.json()['id']}"
    off = as_user(world.sam).patch(
        url, {"version": 1, "active": False}, content_type="application/json"
    )
    assert off.status_code == 200 and off.json()["active"] is False
    stale = as_user(world.sam).patch(url, {"version": 1}, content_type="application/json")
    assert stale.status_code == 409
    refused = as_user(world.alice).post(
        "/api/v1/propaganda-topics", {"name": "X"}, content_type="application/json"
    )
    assert refused.status_code == 403


def test_the_api_import_answers_422_with_the_rows_then_201(world, topics, as_user):
    api = as_user(world.alice)
    bad = SimpleUploadedFile("tt.xlsx", _xlsx(_row(date(2025, 9, 1)), _row("02/09/2025")))
    response = api.post(
        "/api/v1/propaganda-sessions/import", {"unit_id": world.post.pk, "file": bad}
    )
    assert response.status_code == 422
    assert [(e["row"], e["field"]) for e in response.json()["errors"]] == [(3, "Ngày")]
    assert PropagandaSession.objects.count() == 0
    good = _xlsx(_row(date(2025, 9, 1)), _row(date(2025, 9, 2)))
    key = {"HTTP_IDEMPOTENCY_KEY": "import-1"}
    upload = {"unit_id": world.post.pk, "file": SimpleUploadedFile("tt.xlsx", good)}
    response = api.post("/api/v1/propaganda-sessions/import", upload, **key)
    assert response.status_code == 201 and response.json()["created"] == 2
    upload = {"unit_id": world.post.pk, "file": SimpleUploadedFile("tt.xlsx", good)}
    retry = api.post("/api/v1/propaganda-sessions/import", upload, **key)
    assert retry.status_code == 200 and retry.json() == response.json()
    assert PropagandaSession.objects.count() == 2
    merged = SimpleUploadedFile("m.xlsx", _xlsx(_row(date(2025, 9, 1)), _row(DAY), merge="C2:C3"))
    refused = api.post(
        "/api/v1/propaganda-sessions/import", {"unit_id": world.post.pk, "file": merged}
    )
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "file"
    template = api.get("/api/v1/propaganda-sessions/template.xlsx")
    assert template.status_code == 200
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_commune_of_a_day_it_did_not_stand_is_refused_alike_by_hand_and_by_import(world, topics):
    """One rule for the commune of a session, recorded by hand or imported: it stood on the
    session's day (registry.selectors.commune); a merged commune of 01/07/2025 is not the
    commune of a session of June 2025, by hand as in a file."""
    AdminUnit.objects.filter(pk=world.admin_commune.pk).update(valid_from=date(2025, 7, 1))
    before_reform = date(2025, 6, 20)
    err = _refused(
        Code.COMMUNE_NOT_IN_FORCE,
        "commune_id",
        _record,
        world,
        topics,
        on=before_reform,
    )
    assert "Xã Đàm Thủy" in err.message and "20/06/2025" in err.message
    result = _import(world, _xlsx(_row(before_reform)))
    assert not result.ok and [(e.row, e.field) for e in result.errors] == [(2, "Xã, phường")]
    # a day it stood: both accepted
    assert _record(world, topics, on=date(2025, 7, 2)).commune == world.admin_commune
    assert _import(world, _xlsx(_row(date(2025, 7, 3)))).created == 1
    # moving a session to a day before the commune stood is refused too
    session = PropagandaSession.objects.get(on=date(2025, 7, 2))
    _refused(
        Code.COMMUNE_NOT_IN_FORCE,
        "commune_id",
        propaganda_session_update,
        actor=world.alice,
        session_id=session.pk,
        version=session.version,
        on=before_reform,
    )


@pytest.mark.parametrize("commune_id", ["abc", "1.5", 10**12])
def test_a_commune_that_is_no_id_of_a_commune_is_refused_naming_the_field(
    world, topics, commune_id
):
    _refused(Code.NOT_A_COMMUNE, "commune_id", _record, world, topics, commune_id=commune_id)
