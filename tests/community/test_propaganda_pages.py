"""The propaganda pages: a session recorded once from the form (topics ticked), a bad count
refused beside its field, a stale edit refused on the form, the list's totals line and its
export read back, a file imported all or nothing from the import page, the topics page kept by
the secretariat and read by the others, and nothing of another province."""

import csv
import io
import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from biengioi.community.models import PropagandaImport, PropagandaSession, PropagandaTopic
from biengioi.community.services import propaganda_session_create, propaganda_topic_update
from biengioi.registry.services import section_commune_set
from tests.community.test_propaganda import HEADER, _row, _xlsx
from tests.community.test_propaganda import topics as topics  # noqa: F401 (the fixture)
from tests.conftest import sign_in

CLIENT_ID = "3c1e2d4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"


@pytest.fixture
def border(world):
    """Xã Đàm Thủy lies along the post's section, so the forms offer it."""
    section_commune_set(
        actor=None, section_id=world.section.pk, commune_id=world.admin_commune.pk, belt_width_m=500
    )


def _form(world, topics, **fields):  # noqa: F811
    return {
        "client_id": CLIENT_ID,
        "unit_id": world.post.pk,
        "on": "05/09/2025",
        "commune_id": world.admin_commune.pk,
        "village": "Bản Ka Tăng",
        "form": "meeting",
        "topic_ids": [topics["Luật Biên giới quốc gia"].pk, topics["Phòng, chống ma túy"].pk],
        "listeners": "1.250",  # numbers as written in Vietnamese
        "leaflets": "120",
        "calendars": "40",
        "handbooks": "10",
        "other_materials": "",
        "language": "Tiếng Vân Kiều",
        "note": "",
        **fields,
    }


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _record(world, topics, actor=None, **fields):  # noqa: F811
    data = {
        "unit_id": world.post.pk,
        "on": date(2025, 9, 5),
        "commune_id": world.admin_commune.pk,
        "form": "meeting",
        "topic_ids": [topics["Luật Biên giới quốc gia"].pk],
        "listeners": 85,
        "leaflets": 120,
        "calendars": 40,
        "handbooks": 10,
        **fields,
    }
    return propaganda_session_create(actor=actor or world.alice, **data)[0]


def test_a_session_is_recorded_once_from_the_form_and_shown(world, client, topics, border):  # noqa: F811
    sign_in(client, world.alice)
    blank = client.get("/propaganda/new/")
    assert blank.status_code == 200
    assert blank.content.decode().count('type="checkbox" name="topic_ids"') == len(topics)
    made = client.post("/propaganda/new/", _form(world, topics))
    assert made.status_code == 302, _text(made)
    again = client.post("/propaganda/new/", _form(world, topics))  # the same form sent twice
    assert again["Location"] == made["Location"]
    session = PropagandaSession.objects.get()
    assert (session.listeners, session.materials, session.language) == (1250, 170, "Tiếng Vân Kiều")
    assert session.topics.count() == 2
    page = _text(client.get(made["Location"]))
    assert "Họp dân ngày 05/09/2025" in page and "1.250" in page
    assert "Luật Biên giới quốc gia; Phòng, chống ma túy" in page or (
        "Phòng, chống ma túy; Luật Biên giới quốc gia" in page
    )


def test_a_bad_count_or_no_topic_is_refused_beside_its_field(world, client, topics, border):  # noqa: F811
    sign_in(client, world.alice)
    page = client.post("/propaganda/new/", _form(world, topics, listeners="-3"))
    assert page.status_code == 400
    errors = re.search(r'id="id_listeners_error">(.*?)</ul>', page.content.decode(), re.S)
    assert errors and "Giá trị phải từ 0 đến 100.000." in errors.group(1)  # beside its field
    none = client.post("/propaganda/new/", _form(world, topics, topic_ids=[]))
    assert none.status_code == 400
    assert "Chọn ít nhất một chủ đề tuyên truyền." in _text(none)
    assert "topic_ids" in none.context["form"].errors
    assert not PropagandaSession.objects.exists()


def test_an_edit_on_a_stale_copy_is_refused_on_the_form(world, client, topics, border):  # noqa: F811
    session = _record(world, topics)
    drugs = topics["Phòng, chống ma túy"]
    sign_in(client, world.alice)
    assert client.get(f"/propaganda/{session.pk}/edit/").status_code == 200
    edit = _form(world, topics, version="1", listeners="92")
    del edit["client_id"], edit["unit_id"]
    done = client.post(f"/propaganda/{session.pk}/edit/", edit)
    assert done.status_code == 302, _text(done)
    session.refresh_from_db()
    assert (session.version, session.listeners) == (2, 92)
    assert drugs in session.topics.all()
    stale = client.post(f"/propaganda/{session.pk}/edit/", {**edit, "listeners": "1"})
    assert stale.status_code == 400 and "phiên bản hiện tại: 2" in _text(stale)
    session.refresh_from_db()
    assert session.listeners == 92


def test_a_topic_no_longer_in_use_stays_on_a_session_edited_for_something_else(
    world,
    client,
    topics,  # noqa: F811
    border,
):
    law = topics["Luật Biên giới quốc gia"]
    session = _record(world, topics)
    propaganda_topic_update(actor=world.sam, topic_id=law.pk, version=1, active=False)
    sign_in(client, world.alice)
    form = client.get(f"/propaganda/{session.pk}/edit/").content.decode()
    assert "Luật Biên giới quốc gia (không còn dùng)" in form
    edit = _form(world, topics, version="1", topic_ids=[law.pk], note="Bổ sung")
    del edit["client_id"], edit["unit_id"]
    done = client.post(f"/propaganda/{session.pk}/edit/", edit)
    assert done.status_code == 302, _text(done)
    session.refresh_from_db()
    assert session.note == "Bổ sung" and list(session.topics.all()) == [law]


def test_the_list_shows_the_totals_and_exports_the_filtered_rows(world, client, topics):  # noqa: F811
    drugs = topics["Phòng, chống ma túy"]
    _record(world, topics, listeners=21000, topic_ids=[drugs.pk], village="Bản Nà Lừa")
    _record(world, topics, form="loudspeaker", listeners=790, on=date(2025, 8, 1))
    _record(world, topics, unit_id=world.bg.pk, actor=world.erin, listeners=7, leaflets=0)
    sign_in(client, world.lee)
    page = client.get("/propaganda/")
    assert page.status_code == 200
    text = _text(page)
    assert "3 buổi, 21.797 lượt người nghe" in text
    assert "390 tài liệu phát ra (240 tờ rơi, 120 lịch, 30 sổ tay)" in text
    assert "2 buổi, 21.790 lượt" in _text(client.get("/propaganda/", {"unit_id": world.post.pk}))
    assert "1 buổi, 790 lượt" in _text(client.get("/propaganda/", {"form": "loudspeaker"}))
    assert "1 buổi, 21.000 lượt" in _text(client.get("/propaganda/", {"topic_id": drugs.pk}))
    assert "2 buổi" in _text(client.get("/propaganda/", {"start": "05/09/2025"}))
    xlsx = client.get("/propaganda/export.xlsx", {"topic_id": drugs.pk})
    sheet = load_workbook(io.BytesIO(xlsx.getvalue())).active
    assert [c.value for c in sheet[1]][:6] == [
        "Ngày",
        "Đơn vị tổ chức",
        "Xã, phường",
        "Thôn, bản",
        "Hình thức",
        "Chủ đề",
    ]
    assert sheet.max_row == 2
    row = [c.value for c in sheet[2]]
    assert row[3:7] == ["Bản Nà Lừa", "Họp dân", "Phòng, chống ma túy", 21000]
    rows = list(csv.reader(io.StringIO(client.get("/propaganda/export.csv").getvalue().decode())))
    assert len(rows) == 4


def test_the_import_page_lists_the_bad_row_then_imports_the_corrected_file(world, client, topics):  # noqa: F811
    sign_in(client, world.alice)
    form = client.get("/propaganda/import/")
    assert form.status_code == 200 and 'href="/propaganda/template.xlsx"' in form.content.decode()
    bad = _xlsx(_row(date(2025, 9, 1)), _row(date(2025, 9, 2), listeners=-4), _row("3/9/2025"))
    page = client.post(
        "/propaganda/import/",
        {"unit_id": world.post.pk, "file": SimpleUploadedFile("tt.xlsx", bad)},
    )
    assert page.status_code == 400
    text = _text(page)
    assert "Không nhập dòng nào: 2 lỗi." in text
    assert "<td>3</td><td>Số người nghe</td>" in text and "<td>4</td><td>Ngày</td>" in text
    assert not PropagandaSession.objects.exists() and not PropagandaImport.objects.exists()
    assert "0 buổi, 0 lượt người nghe" in _text(client.get("/propaganda/"))
    good = _xlsx(*[_row(date(2025, 9, d)) for d in (1, 2, 3)])
    done = client.post(
        "/propaganda/import/",
        {"unit_id": world.post.pk, "file": SimpleUploadedFile("tt.xlsx", good)},
    )
    assert done.status_code == 302, _text(done)
    listed = _text(client.get(done["Location"]))
    assert "Đã nhập 3 buổi." in listed and "3 buổi, 180 lượt người nghe" in listed
    detail = _text(client.get(f"/propaganda/{PropagandaSession.objects.first().pk}/"))
    assert "nhập từ tệp “tt.xlsx”" in detail


def test_a_wrong_header_refuses_the_file_beside_the_file_field(world, client, topics):  # noqa: F811
    sign_in(client, world.alice)
    content = _xlsx(_row(date(2025, 9, 1)), header=["Ngày", *HEADER[2:]])
    page = client.post(
        "/propaganda/import/",
        {"unit_id": world.post.pk, "file": SimpleUploadedFile("tt.xlsx", content)},
    )
    assert page.status_code == 400 and "Xã, phường" in page.context["form"].errors["file"][0]
    assert not PropagandaSession.objects.exists()


def test_the_downloaded_template_imports_back(world, client, topics, border):  # noqa: F811
    sign_in(client, world.alice)
    response = client.get("/propaganda/template.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.getvalue()))
    book.active["B2"].value = "Xã Đàm Thủy"  # the example's commune, made one of this world
    buf = io.BytesIO()
    book.save(buf)
    upload = SimpleUploadedFile("mau.xlsx", buf.getvalue())
    done = client.post("/propaganda/import/", {"unit_id": world.post.pk, "file": upload})
    assert done.status_code == 302, _text(done)
    assert PropagandaSession.objects.get().listeners == 85


def test_the_secretariat_keeps_the_topics_and_the_others_read_them(world, client, topics):  # noqa: F811
    sign_in(client, world.sam)
    page = client.get("/propaganda/topics/")
    assert page.status_code == 200 and 'data-testid="topic-add"' in page.content.decode()
    added = client.post("/propaganda/topics/", {"name": "Chủ quyền biển, đảo"})
    assert added.status_code == 302
    assert "Đã thêm chủ đề “Chủ quyền biển, đảo”." in _text(client.get(added["Location"]))
    taken = client.post("/propaganda/topics/", {"name": "chu quyen bien, dao"})
    assert taken.status_code == 400 and "Tỉnh đã có chủ đề" in _text(taken)
    topic = PropagandaTopic.objects.get(name="Chủ quyền biển, đảo")
    url = f"/propaganda/topics/{topic.pk}/edit/"
    done = client.post(url, {"version": "1", "name": "Chủ quyền biển, đảo Việt Nam"})
    assert done.status_code == 302  # renamed, and (the box unticked) no longer in use
    topic.refresh_from_db()
    assert (topic.name, topic.active, topic.version) == ("Chủ quyền biển, đảo Việt Nam", False, 2)
    stale = client.post(url, {"version": "1", "name": "X", "active": "on"})
    assert stale.status_code == 400 and "phiên bản hiện tại: 2" in _text(stale)
    assert client.post("/propaganda/topics/seed/").status_code == 302
    sign_in(client, world.alice)
    page = client.get("/propaganda/topics/")
    text = _text(page)
    assert page.status_code == 200 and "Chủ quyền biển, đảo Việt Nam" in text
    assert 'data-testid="topic-add"' not in text and url not in text
    assert client.post("/propaganda/topics/", {"name": "Khác"}).status_code == 403
    assert client.get(url).status_code == 403
    assert client.post("/propaganda/topics/seed/").status_code == 403
    assert PropagandaTopic.objects.filter(name="Khác").count() == 0


def test_another_province_sees_nothing_and_a_leader_cannot_record(world, client, topics):  # noqa: F811
    session = _record(world, topics)
    mine = topics["Luật Biên giới quốc gia"]
    sign_in(client, world.charlie)
    assert client.get(f"/propaganda/{session.pk}/").status_code == 404
    assert client.get(f"/propaganda/{session.pk}/edit/").status_code == 404
    assert client.get(f"/propaganda/topics/{mine.pk}/edit/").status_code == 404
    assert "Chưa có buổi tuyên truyền nào." in _text(client.get("/propaganda/"))
    assert "Phòng, chống ma túy" not in _text(client.get("/propaganda/topics/"))
    sign_in(client, world.lee)
    assert client.get(f"/propaganda/{session.pk}/").status_code == 200
    assert client.get("/propaganda/new/").status_code == 403
    assert client.get("/propaganda/import/").status_code == 403
    assert client.get(f"/propaganda/{session.pk}/edit/").status_code == 403
