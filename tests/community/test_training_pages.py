"""The training pages: a course recorded once from the form with its teams ticked, a course
ending before it starts refused beside `ends_on` (nothing written), a stale edit refused on the
form, the list with its totals line and export read back, the course's page linking to its teams
and a team's page listing the courses it attended."""

import csv
import io
import re

from openpyxl import load_workbook

from biengioi.community.models import TrainingCourse
from tests.community.test_training import teams  # noqa: F401  (the fixture)
from tests.conftest import sign_in

CLIENT_ID = "7c2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c5d"


def _form(world, teams, **fields):  # noqa: F811
    return {
        "client_id": CLIENT_ID,
        "unit_id": world.post.pk,
        "title": "Tập huấn nghiệp vụ cho tổ tự quản đường biên",
        "starts_on": "10/06/2025",
        "ends_on": "11/06/2025",
        "place": "Hội trường UBND xã",
        "participants": "1250",
        "people_trained": "1200",
        "team_ids": [teams[0].pk, teams[1].pk],
        "note": "",
        **fields,
    }


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_course_is_recorded_once_from_the_form(world, client, teams):  # noqa: F811
    sign_in(client, world.alice)
    assert client.get("/training/new/").status_code == 200
    first = client.post("/training/new/", _form(world, teams))
    again = client.post("/training/new/", _form(world, teams))
    course = TrainingCourse.objects.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == f"/training/{course.pk}/"
    assert sorted(course.teams.values_list("pk", flat=True)) == [teams[0].pk, teams[1].pk]
    page = _text(client.get(f"/training/{course.pk}/"))
    assert "10/06/2025" in page and "11/06/2025" in page and "1.250" in page
    assert f'href="/teams/{teams[0].pk}/"' in page and "Tổ Khuổi Lừa" in page


def test_the_form_offers_only_the_actors_teams(world, client, teams):  # noqa: F811
    sign_in(client, world.alice)
    page = _text(client.get("/training/new/"))
    assert "Tổ Nà Ngần" in page and "Tổ Lý Vạn" not in page
    response = client.post("/training/new/", _form(world, teams, team_ids=[teams[2].pk]))
    assert response.status_code == 400 and "team_ids" in response.context["form"].errors
    assert TrainingCourse.objects.count() == 0


def test_a_course_ending_before_it_starts_is_refused_beside_ends_on(
    world,
    client,
    teams,  # noqa: F811
):
    sign_in(client, world.alice)
    response = client.post("/training/new/", _form(world, teams, ends_on="09/06/2025"))
    assert response.status_code == 400
    assert "10/06/2025" in response.context["form"].errors["ends_on"][0]
    assert TrainingCourse.objects.count() == 0


def test_an_edit_and_a_stale_one(world, client, teams):  # noqa: F811
    sign_in(client, world.alice)
    client.post("/training/new/", _form(world, teams))
    course = TrainingCourse.objects.get()
    form = client.get(f"/training/{course.pk}/edit/")
    assert form.status_code == 200
    edit = {**_form(world, teams), "version": "1", "team_ids": [teams[1].pk], "place": "Thôn A"}
    del edit["unit_id"], edit["client_id"]
    assert client.post(f"/training/{course.pk}/edit/", edit).status_code == 302
    stale = client.post(f"/training/{course.pk}/edit/", {**edit, "place": "Thôn B"})
    assert stale.status_code == 400 and stale.context["form"].non_field_errors()
    course.refresh_from_db()
    assert (course.version, course.place) == (2, "Thôn A")
    assert list(course.teams.values_list("pk", flat=True)) == [teams[1].pk]


def test_the_list_totals_and_exports(world, client, teams):  # noqa: F811
    sign_in(client, world.alice)
    client.post("/training/new/", _form(world, teams))
    client.post(
        "/training/new/",
        _form(
            world,
            teams,
            client_id="7c2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c5e",
            title="Bồi dưỡng pháp luật biên giới",
            starts_on="01/09/2025",
            ends_on="01/09/2025",
            team_ids=[teams[1].pk],
        ),
    )
    sign_in(client, world.bob)
    page = _text(client.get("/training/"))
    assert "2 lớp tập huấn cho 2 tổ tự quản" in page
    assert "2.500 người tham dự, 2.400 người được tập huấn" in page
    september = _text(client.get("/training/?start=01/09/2025"))
    assert "1 lớp tập huấn cho 1 tổ tự quản" in september
    assert "Tập huấn nghiệp vụ" not in september
    xlsx = client.get("/training/export.xlsx?end=30/06/2025")
    sheet = load_workbook(io.BytesIO(xlsx.getvalue())).active
    assert sheet.max_row == 2
    values = [cell.value for cell in sheet[2]]
    assert "Tập huấn nghiệp vụ cho tổ tự quản đường biên" in values
    assert "Tổ Khuổi Lừa; Tổ Nà Ngần" in values and 1250 in values
    text = client.get("/training/export.csv").getvalue().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 3 and rows[1][0] == "Bồi dưỡng pháp luật biên giới"


def test_a_teams_page_lists_its_courses(world, client, teams):  # noqa: F811
    sign_in(client, world.alice)
    client.post("/training/new/", _form(world, teams))
    course = TrainingCourse.objects.get()
    page = _text(client.get(f"/teams/{teams[0].pk}/"))
    assert f'href="/training/{course.pk}/"' in page and "10/06/2025" in page
    sign_in(client, world.bob)
    assert "Tổ chưa dự lớp tập huấn nào." in _text(client.get(f"/teams/{teams[2].pk}/"))


def test_a_course_outside_the_scope_is_not_found(world, client, teams):  # noqa: F811
    sign_in(client, world.bob)
    client.post("/training/new/", _form(world, teams, unit_id=world.post2.pk, team_ids=[]))
    course = TrainingCourse.objects.get()
    sign_in(client, world.alice)
    assert client.get(f"/training/{course.pk}/").status_code == 404
    assert client.get(f"/training/{course.pk}/edit/").status_code == 404
    sign_in(client, world.lee)
    assert client.get("/training/new/").status_code == 403
