"""Forms that help: every kept save says "Đã lưu …", naming the record, on the page it leads to;
a refused form summarises its errors at its top (each a link to its field, with those of its
tables of rows named by their row) as well as beside each field; and a file chosen on a refused
form is asked for again by name."""

import html
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from biengioi.operations.models import CrimeCase
from biengioi.operations.services import patrol_create
from tests.community.test_team_pages import _form as team_form
from tests.community.test_teams import place  # noqa: F401  (the fixture)
from tests.conftest import PASSWORD, sign_in
from tests.coordination.test_conferences_pages import _task_form
from tests.operations.test_attachments import JPEG
from tests.operations.test_crime_pages import _form as crime_form
from tests.operations.test_handover_pages import _form as handover_form
from tests.operations.test_incident_pages import _form as incident_form
from tests.operations.test_patrol_pages import _form as patrol_form

MARKER = {
    "identifier": "602",
    "kind": "main",
    "multiplicity": "single",
    "lon": "106.62",
    "lat": "16.61",
    "status": "intact",
    "status_on": "01/07/2025",
    "status_source": "kiểm tra",
}
UNIT = {
    "code": "TBT-BCD-HUYEN",
    "name": "Ban Chỉ đạo công tác biên giới huyện Trùng Khánh",
    "kind": "steering_committee",
    "valid_from": "01/01/2016",
    "valid_to": "30/06/2025",
}


def _status(page: str) -> str:
    """The text of the page's polite live region (the messages)."""
    found = re.search(r'<div class="messages" role="status"[^>]*>(.*?)</div>', page, re.S)
    assert found, "the page has no messages region"
    return re.sub(r"<[^>]+>", " ", found.group(1)).strip()


@pytest.mark.parametrize(
    ("who", "url", "form", "said"),
    [
        (
            "erin",
            "/markers/new/",
            lambda w: {**MARKER, "line_id": w.line.pk, "post_id": w.post.pk},
            "Đã lưu mốc quốc giới «602».",
        ),
        (
            "bob",
            "/units/new/",
            lambda w: {**UNIT, "parent_id": w.tbt.pk},
            "Đã lưu đơn vị «Ban Chỉ đạo công tác biên giới huyện Trùng Khánh».",
        ),
        (
            "alice",
            "/incidents/new/",
            incident_form,
            "Đã lưu vụ việc biên giới «Cư dân phía bạn làm nương lấn sang mốc 600».",
        ),
        (
            "alice",
            "/teams/new/",
            team_form,
            "Đã lưu tổ tự quản «Tổ tự quản đường biên thôn Nà Ngần».",
        ),
        (
            "bob",
            "/coordination/tasks/new/",
            _task_form,
            "Đã lưu nhiệm vụ «Tuần tra song phương đoạn mốc 600 – 610».",
        ),
    ],
    ids=["registry", "units", "operations", "community", "coordination"],
)
def test_each_apps_save_says_what_it_saved_on_the_page_it_leads_to(
    world,
    client,
    place,  # noqa: F811
    who,
    url,
    form,
    said,
):
    sign_in(client, getattr(world, who))
    assert _status(client.get(url).content.decode()) == ""  # nothing said before a save
    sent = client.post(url, form(world), follow=True)
    assert sent.redirect_chain, sent.content.decode()[:2000]
    assert sent.status_code == 200
    assert _status(sent.content.decode()) == said
    again = client.get(sent.redirect_chain[-1][0]).content.decode()
    assert _status(again) == ""  # said once


def test_a_refused_save_or_a_sign_in_says_nothing_saved(world, client):
    sign_in(client, world.alice)
    refused = client.post("/incidents/new/", incident_form(world, title=""))
    assert refused.status_code == 400 and _status(refused.content.decode()) == ""
    client.logout()
    signed_in = client.post(
        "/accounts/login/", {"username": "alice", "password": PASSWORD}, follow=True
    )
    assert signed_in.redirect_chain  # signed in: a redirect, yet not a save
    assert _status(signed_in.content.decode()) == ""
    switched = client.post("/i18n/setlang/", {"language": "vi", "next": "/"}, follow=True)
    assert switched.redirect_chain and _status(switched.content.decode()) == ""


def test_a_view_that_says_what_it_saved_is_not_followed_by_a_second_message(
    world, incident_with_file, client
):
    incident, kept = incident_with_file
    sign_in(client, world.alice)
    moved = client.post(f"/attachments/{kept.pk}/refile/", {"kind": "document"}, follow=True)
    assert _status(moved.content.decode()) == "Đã lưu: tệp “a.png” là Văn bản, tài liệu."


@pytest.fixture
def incident_with_file(world):
    from biengioi.operations.services import attachment_add, incident_create
    from tests.operations.test_attachments import PNG

    incident, _ = incident_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="other",
        title="Vụ việc",
        lon=106.6,
        lat=16.6,
        detected_on=date(2025, 9, 1),
        detected_by="Tổ tuần tra",
    )
    file = SimpleUploadedFile("a.png", PNG)
    kept, _ = attachment_add(actor=world.alice, file=file, incident_id=incident.pk)
    return incident, kept


def _summary(page: str) -> tuple[str, list[str]]:
    box = page[page.index('data-testid="error-summary"') :]
    box = box[: box.index("</div>")]
    heading = re.search(r"<h2>(.*?)</h2>", box, re.S).group(1).strip()
    return heading, re.findall(r'<a href="#([^"]+)"', box)


def test_a_refused_form_summarises_its_errors_at_the_top_each_linking_to_its_field(world, client):
    sign_in(client, world.alice)
    page = client.post(
        "/incidents/new/", incident_form(world, title="", detected_on="31/02/2025")
    ).content.decode()
    heading, links = _summary(page)
    assert heading == "Có 2 lỗi cần sửa"
    assert links == ["id_title", "id_detected_on"]
    assert 'role="alert"' in page
    for field in links:  # each still beside its field, which the link finds
        assert f'id="{field}"' in page
        assert re.search(rf'<ul class="errorlist" id="{field}_error">', page)
    assert page.index('data-testid="error-summary"') < page.index('id="id_title"')
    client.logout()

    sign_in(client, world.erin)  # another app's form, drawn the same way
    form = {**MARKER, "identifier": "600", "line_id": world.line.pk, "post_id": world.post.pk}
    page = client.post("/markers/new/", form).content.decode()
    heading, links = _summary(page)
    assert heading == "Có 1 lỗi cần sửa" and links == ["id_identifier"]
    assert "đã có trên tuyến" in page[page.index('data-testid="error-summary"') :]


def test_a_form_with_no_error_has_no_summary(world, client):
    sign_in(client, world.alice)
    assert 'data-testid="error-summary"' not in client.get("/incidents/new/").content.decode()


def test_a_file_chosen_on_a_refused_form_is_asked_for_again_by_name(world, client):
    start = datetime(2025, 9, 12, 0, 30, tzinfo=UTC)
    patrol, _ = patrol_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=start,
        ended_at=start + timedelta(hours=6),
    )
    sign_in(client, world.alice)
    url = f"/patrols/{patrol.pk}/attachments/"
    # refused for another field: the note is too long; the file was fine but is not kept
    refused = client.post(
        url, {"kind": "", "note": "x" * 501, "file": SimpleUploadedFile("Mốc 600.jpg", JPEG)}
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    asked = re.search(r'<p class="reselect" data-testid="file-again">(.*?)</p>', page)
    assert asked and asked.group(1) == "Tệp đã chọn (Mốc 600.jpg) chưa được lưu: hãy chọn lại."
    assert page.index('id="id_file"') < page.index('data-testid="file-again"')
    fresh = client.get(f"/patrols/{patrol.pk}/").content.decode()
    assert 'data-testid="file-again"' not in fresh  # only on a form that came back


def test_a_form_drawn_cell_by_cell_summarises_its_errors_too(world, client):
    sign_in(client, world.sam)
    page = client.get("/incidents/deadlines/").content.decode()
    fields = dict(re.findall(r'name="(\w+__\w+)" value="(\d+)"', page))
    refused = client.post("/incidents/deadlines/", {**fields, "airspace__central": "0"})
    assert refused.status_code == 400
    page = refused.content.decode()
    heading, links = _summary(page)
    assert heading == "Có 1 lỗi cần sửa" and links == ["id_airspace__central"]
    assert 'id="id_airspace__central"' in page  # the link finds its input


def _items(page: str) -> list[tuple[str, str]]:
    """The summary's lines: (text, the id it links to, or "")."""
    box = page[page.index('data-testid="error-summary"') :]
    box = box[: box.index("</div>")]
    out = []
    for item in re.findall(r"<li>(.*?)</li>", box, re.S):
        link = re.search(r'href="#([^"]+)"', item)
        text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", item))).strip()
        out.append((text, link.group(1) if link else ""))
    return out


def test_the_summary_lists_each_row_of_a_table_by_its_number_linked_to_its_cell(world, client):
    sign_in(client, world.alice)
    # the patrol is right, its second inspection row is not: the summary still says it
    bad_row = patrol_form(world, **{"inspections-1-marker": "600", "inspections-1-status": "x"})
    page = client.post("/patrols/new/", bad_row).content.decode()
    heading, _links = _summary(page)
    (text, anchor), *more = _items(page)
    assert heading == "Có 1 lỗi cần sửa" and not more
    assert text.startswith("Dòng 2: Tình trạng: ") and anchor == "id_inspections-1-status"
    assert f'id="{anchor}"' in page
    both = {**bad_row, "started_at": ""}  # the patrol's own errors first, then the rows'
    page = client.post("/patrols/new/", both).content.decode()
    assert [a for _t, a in _items(page)] == ["id_started_at", "id_inspections-1-status"]
    assert _summary(page)[0] == "Có 2 lỗi cần sửa"
    # a row refused by the service (an unknown marker) is named by its row as well
    page = client.post(
        "/patrols/new/", patrol_form(world, **{"inspections-0-marker": "999"})
    ).content.decode()
    assert _items(page) == [
        ("Dòng 1: Mốc: Không có mốc 999 trên tuyến biên giới này.", "id_inspections-0-marker")
    ]


def test_the_summary_names_the_table_when_a_page_has_two_and_lists_a_tables_own_error(
    world, client
):
    sign_in(client, world.alice)
    garbled = [{"item": "heroin", "quantity": "hai", "unit": "banh"}]
    no_sex = [{"full_name": "Hồ Văn A", "birth_year": "1990", "sex": "x", "nationality": "VN"}]
    page = client.post(
        "/crime/new/", crime_form(world, persons=no_sex, seizures=garbled)
    ).content.decode()
    lines = _items(page)
    assert [anchor for _text, anchor in lines] == ["id_persons-0-sex", "id_seizures-0-quantity"]
    assert lines[0][0].startswith("Đối tượng, dòng 1: Giới tính: ")
    assert lines[1][0].startswith("Tang vật thu giữ, dòng 1: Số lượng: ")
    assert not CrimeCase.objects.exists()

    own = world.admin_commune.parent  # the home provinces: a table's own error, then a row's
    too_many = client.post("/handovers/new/", handover_form(world, (own.pk, 8)))
    assert _items(too_many.content.decode()) == [
        ("Tổng số người theo quê quán (8) vượt quá tổng số người (7).", "")
    ]
    twice = {**handover_form(world, (own.pk, 1)), "origins-3-province_id": own.pk}
    twice["origins-3-persons"] = "1"
    assert _items(client.post("/handovers/new/", twice).content.decode()) == [
        (
            "Dòng 4: Tỉnh, thành phố: “Tỉnh Biên Thùy” đã có trong danh sách quê quán.",
            "id_origins-3-province_id",
        )
    ]


def test_the_saved_message_names_the_record_the_page_leads_to_not_its_rows(world, client):
    sign_in(client, world.alice)
    made = client.post("/crime/new/", crime_form(world), follow=True)  # a case, a person, a
    said = "Đã lưu vụ việc vi phạm pháp luật «Bắt quả tang vận chuyển heroin qua đường mòn»."
    assert _status(made.content.decode()) == said  # seizure written: the case is named
    again = client.post("/crime/new/", crime_form(world), follow=True)  # sent twice: nothing
    assert _status(again.content.decode()) == "Đã lưu."  # new is written, nothing to name


def test_the_saved_object_is_the_one_the_redirect_leads_to():
    from biengioi.operations.models import CasePerson, CrimeCase, Seizure
    from biengioi.web.feedback import saved_message, saved_object

    case, person, seizure = CrimeCase(pk=5, title="Vụ A"), CasePerson(pk=5), Seizure(pk=7)
    assert saved_object([seizure, person, case], "/crime/5/") is case  # its id, by its name
    assert saved_object([seizure, person], "/crime/5/") is person  # its id alone
    assert saved_object([seizure, case], "/crime/") is seizure  # a list: the first written
    assert saved_object([], "/crime/5/") is None
    assert saved_message("operations:crime_case_edit", case) == (
        "Đã lưu vụ việc vi phạm pháp luật «Vụ A»."
    )
    case.title = "Vụ " + "rất dài " * 20
    assert saved_message("x:case_remove", case).endswith("rất…».")
    assert saved_message("x:case_remove", case).startswith("Đã xóa vụ việc vi phạm pháp luật «")
    assert saved_message("x:case_remove") == "Đã xóa."


def test_a_person_saved_is_named_by_kind_alone(world, client):
    """A saved message is kept in the browser until shown, maybe to whoever signs in next on a
    shared computer: a person's name stays out of it."""
    from biengioi.community.models import ProgrammeBeneficiary, TeamMember
    from biengioi.operations.models import CasePerson, CrimeCase
    from biengioi.registry.models import CommitteeMember
    from biengioi.web.feedback import saved_message

    for person in (
        CasePerson(full_name="Hồ Văn A"),
        ProgrammeBeneficiary(full_name="Lò Thị Mai"),
        TeamMember(name="Hộ ông Lò Văn Pó"),
        CommitteeMember(person="Lê Văn Trưởng"),
    ):
        said = saved_message("x:edit", person)
        assert said == f"Đã lưu {person._meta.verbose_name}.", said
    assert "«Vụ A»" in saved_message("x:edit", CrimeCase(title="Vụ A"))


def test_a_table_of_rows_drawn_alone_has_its_summary_too(world, client):
    """The page adding markers inspected to a patrol recorded already has no patrol form: its
    rows' errors are summarised at its top all the same."""
    patrol, _made = patrol_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=datetime(2025, 9, 12, 0, 30, tzinfo=UTC),
        ended_at=datetime(2025, 9, 12, 8, 0, tzinfo=UTC),
    )
    sign_in(client, world.alice)
    rows = {
        "inspections-TOTAL_FORMS": "2",
        "inspections-INITIAL_FORMS": "0",
        "inspections-0-marker": "",
        "inspections-0-status": "intact",
        "inspections-1-marker": "999",
        "inspections-1-status": "intact",
        "version": str(patrol.version),
    }
    page = client.post(f"/patrols/{patrol.pk}/inspections/new/", rows)
    assert page.status_code == 400
    assert _items(page.content.decode()) == [
        ("Dòng 2: Mốc: Không có mốc 999 trên tuyến biên giới này.", "id_inspections-1-marker")
    ]
