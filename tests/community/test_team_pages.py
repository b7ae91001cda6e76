"""The team pages: a team recorded once from the form with its markers typed by identifier, a
marker of another commune refused beside the markers field (nothing written), the list with the
table "Phong trào Chỉ thị 01" and its export, and the team's page with members and reviews."""

import io
import re

from openpyxl import load_workbook

from biengioi.community.models import SelfManagementTeam, TeamMember, TeamReview
from tests.community.test_teams import place  # noqa: F401  (the fixture)
from tests.conftest import sign_in

CLIENT_ID = "6b1f0c3e-2a4d-4e5f-9a8b-7c6d5e4f3a2c"


def _form(world, **fields):
    return {
        "client_id": CLIENT_ID,
        "unit_id": world.post.pk,
        "kind": "line_markers",
        "name": "Tổ tự quản đường biên thôn Nà Ngần",
        "commune_id": world.admin_commune.pk,
        "village": "Nà Ngần",
        "founded_on": "01/06/2015",
        "leader": "",
        "km_managed": "3,5",
        "markers": "600",
        "vessels_managed": "",
        "funding_vnd": "5.000.000",
        "funding_source": "Ngân sách xã",
        "note": "",
        **fields,
    }


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_team_is_recorded_once_from_the_form(world, client, place):  # noqa: F811
    sign_in(client, world.alice)
    first = client.post("/teams/new/", _form(world))
    again = client.post("/teams/new/", _form(world))
    team = SelfManagementTeam.objects.get()
    assert first.status_code == again.status_code == 302
    assert list(team.markers.values_list("identifier", flat=True)) == ["600"]
    assert str(team.km_managed) == "3.500" and team.funding_vnd == 5000000
    page = _text(client.get(f"/teams/{team.pk}/"))
    assert "Nà Ngần" in page and "01/06/2015" in page and "5.000.000" in page


def test_a_marker_of_another_commune_is_refused_beside_the_markers(
    world,
    client,
    place,  # noqa: F811
):
    sign_in(client, world.alice)
    response = client.post("/teams/new/", _form(world, markers="600, 601"))
    assert response.status_code == 400
    assert "601" in response.context["form"].errors["markers"][0]
    assert SelfManagementTeam.objects.count() == 0


def test_an_unknown_marker_is_refused_beside_the_markers(world, client, place):  # noqa: F811
    sign_in(client, world.alice)
    response = client.post("/teams/new/", _form(world, markers="999"))
    assert response.status_code == 400
    assert "999" in response.context["form"].errors["markers"][0]
    assert SelfManagementTeam.objects.count() == 0


def test_members_and_reviews_from_the_team_page(world, client, place):  # noqa: F811
    sign_in(client, world.alice)
    client.post("/teams/new/", _form(world))
    team = SelfManagementTeam.objects.get()
    added = client.post(
        f"/teams/{team.pk}/members/new/",
        {
            "client_id": "6b1f0c3e-2a4d-4e5f-9a8b-7c6d5e4f3a21",
            "kind": "collective",
            "name": "Chi đoàn thôn Nà Ngần",
            "registered_on": "01/06/2015",
        },
    )
    early = client.post(
        f"/teams/{team.pk}/members/new/",
        {"kind": "individual", "name": "Ông B", "registered_on": "01/01/2014"},
    )
    assert added.status_code == 302 and early.status_code == 400
    assert "registered_on" in early.context["form"].errors
    assert TeamMember.objects.count() == 1
    review = {"year": "2025", "held_on": "03/03/2025", "grade": "excellent", "note": ""}
    assert client.post(f"/teams/{team.pk}/reviews/new/", review).status_code == 302
    assert client.post(f"/teams/{team.pk}/reviews/new/", review).status_code == 400
    assert TeamReview.objects.count() == 1
    page = _text(client.get(f"/teams/{team.pk}/"))
    assert "Chi đoàn thôn Nà Ngần" in page and "Xuất sắc" in page and "03/03/2025" in page


def test_the_list_counts_and_exports(world, client, place):  # noqa: F811
    sign_in(client, world.alice)
    client.post("/teams/new/", _form(world))
    sign_in(client, world.bob)
    page = client.get("/teams/?kind=line_markers")
    assert page.status_code == 200
    assert "1 tổ" in _text(page) and "3,500 km" in _text(page) and "1 mốc" in _text(page)
    assert "Nà Ngần" not in _text(client.get("/teams/?kind=solidarity"))
    xlsx = client.get("/teams/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.getvalue())).active
    values = [cell.value for cell in sheet[2]]
    assert "Tổ tự quản đường biên thôn Nà Ngần" in values and "600" in values
