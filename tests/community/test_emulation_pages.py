"""The emulation pages: a movement launched once from its form, an award recorded once from
its form and refused beside `decision_date` when decided outside its movement (a Vietnamese
message naming the movement's dates, nothing written), a stale edit refused on the form, the
award list with its filters, the line "N khen thưởng: X tập thể, Y cá nhân" and its export read
back, the movement's page listing its awards and reviews."""

import csv
import io
import re

from openpyxl import load_workbook

from biengioi.community.models import Award, EmulationMovement, EmulationReview
from tests.community.test_emulation import team  # noqa: F401  (the fixture)
from tests.conftest import sign_in

CLIENT_ID = "7c2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c51"
OTHER_ID = "7c2a1d4e-3b5f-4a6b-8c9d-0e1f2a3b4c52"


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _movement_form(world, **fields):
    return {
        "client_id": CLIENT_ID,
        "unit_id": world.tbt.pk,
        "name": "Toàn dân tham gia tự quản đường biên, mốc quốc giới",
        "decision_number": "4440/QĐ-UBND",
        "decision_date": "13/11/2017",
        "decision_issuer": "UBND tỉnh",
        "starts_on": "13/11/2017",
        "ends_on": "31/12/2025",
        "content": "",
        "note": "",
        **fields,
    }


def _award_form(world, **fields):
    return {
        "client_id": CLIENT_ID,
        "unit_id": world.post.pk,
        "movement_id": "",
        "kind": "certificate_of_merit",
        "conferred_by": "Chủ tịch UBND tỉnh",
        "country": "",
        "recipient_kind": "individual",
        "recipient_name": "Ông Vàng A Chứ",
        "recipient_unit_id": "",
        "recipient_team_id": "",
        "recipient_place": "thôn Nà Pồ",
        "position": "Tổ trưởng",
        "decision_number": "125/QĐ-UBND",
        "decision_date": "03/03/2024",
        "decision_issuer": "UBND tỉnh",
        "reason": "",
        "amount_vnd": "1200000",
        **fields,
    }


def _launch(client, world):
    sign_in(client, world.bob)
    client.post("/emulation/new/", _movement_form(world))
    return EmulationMovement.objects.get()


def test_a_movement_is_launched_once_and_reviewed(world, client):
    sign_in(client, world.bob)
    assert client.get("/emulation/new/").status_code == 200
    first = client.post("/emulation/new/", _movement_form(world))
    again = client.post("/emulation/new/", _movement_form(world))
    movement = EmulationMovement.objects.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == f"/emulation/{movement.pk}/"
    review = client.post(
        f"/emulation/{movement.pk}/reviews/new/",
        {"client_id": OTHER_ID, "year": "2024", "held_on": "20/12/2024", "summary": "Sơ kết"},
    )
    assert review.status_code == 302 and EmulationReview.objects.count() == 1
    page = _text(client.get(f"/emulation/{movement.pk}/"))
    assert "13/11/2017 – 31/12/2025" in page and "4440/QĐ-UBND" in page
    assert "20/12/2024" in page and "Sơ kết" in page
    outside = client.post(
        f"/emulation/{movement.pk}/reviews/new/",
        {"year": "2026", "held_on": "05/01/2026", "summary": "Sơ kết"},
    )
    assert outside.status_code == 400 and outside.context["form"].errors["held_on"]
    assert EmulationReview.objects.count() == 1


def test_a_movement_ending_before_it_starts_is_refused_beside_ends_on(world, client):
    sign_in(client, world.bob)
    response = client.post("/emulation/new/", _movement_form(world, ends_on="12/11/2017"))
    assert response.status_code == 400
    assert "13/11/2017" in response.context["form"].errors["ends_on"][0]
    assert EmulationMovement.objects.count() == 0


def test_an_award_is_recorded_once_from_the_form(world, client):
    movement = _launch(client, world)
    sign_in(client, world.alice)
    form = client.get(f"/awards/new/?movement={movement.pk}")
    assert form.status_code == 200 and form.context["form"]["movement_id"].value() == movement.pk
    first = client.post("/awards/new/", _award_form(world, movement_id=movement.pk))
    again = client.post("/awards/new/", _award_form(world, movement_id=movement.pk))
    award = Award.objects.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == f"/awards/{award.pk}/"
    page = _text(client.get(f"/awards/{award.pk}/"))
    assert "Ông Vàng A Chứ" in page and "1.200.000" in page and "03/03/2024" in page
    assert f'href="/emulation/{movement.pk}/"' in page
    movement_page = _text(client.get(f"/emulation/{movement.pk}/"))
    assert f'href="/awards/{award.pk}/"' in movement_page
    assert "1 khen thưởng: 0 tập thể, 1 cá nhân" in movement_page


def test_an_award_outside_its_movement_is_refused_beside_decision_date(world, client):
    movement = _launch(client, world)
    sign_in(client, world.alice)
    response = client.post(
        "/awards/new/",
        _award_form(world, movement_id=movement.pk, decision_date="02/01/2026"),
    )
    assert response.status_code == 400
    message = response.context["form"].errors["decision_date"][0]
    assert "Ngày phải nằm trong thời gian của phong trào" in message
    assert "13/11/2017 – 31/12/2025" in message
    assert Award.objects.count() == 0


def test_other_bad_awards_are_refused_beside_their_field(world, client):
    sign_in(client, world.alice)
    cases = [
        ({"kind": "foreign_decoration"}, "country"),
        ({"recipient_name": ""}, "recipient_name"),
        ({"recipient_kind": "collective"}, "position"),
        ({"decision_date": "01/01/2999"}, "decision_date"),
    ]
    for fields, field in cases:
        response = client.post("/awards/new/", _award_form(world, **fields))
        assert response.status_code == 400, fields
        assert field in response.context["form"].errors, (fields, response.context["form"].errors)
    assert Award.objects.count() == 0


def test_an_award_edit_and_a_stale_one(world, client, team):  # noqa: F811
    sign_in(client, world.alice)
    client.post("/awards/new/", _award_form(world))
    award = Award.objects.get()
    assert client.get(f"/awards/{award.pk}/edit/").status_code == 200
    edit = {
        **_award_form(world),
        "version": "1",
        "recipient_kind": "collective",
        "recipient_name": "",
        "position": "",
        "recipient_team_id": team.pk,
    }
    del edit["unit_id"], edit["client_id"]
    assert client.post(f"/awards/{award.pk}/edit/", edit).status_code == 302
    stale = client.post(f"/awards/{award.pk}/edit/", {**edit, "reason": "Cũ"})
    assert stale.status_code == 400 and stale.context["form"].non_field_errors()
    award.refresh_from_db()
    assert (award.version, award.recipient_name, award.reason) == (2, team.name, "")


def test_the_award_list_filters_totals_and_exports(world, client, team):  # noqa: F811
    movement = _launch(client, world)
    sign_in(client, world.alice)
    client.post("/awards/new/", _award_form(world, movement_id=movement.pk))
    client.post(
        "/awards/new/",
        _award_form(
            world,
            client_id=OTHER_ID,
            kind="emulation_flag",
            recipient_kind="collective",
            recipient_name="",
            position="",
            recipient_team_id=team.pk,
            decision_date="05/01/2019",
            amount_vnd="",
        ),
    )
    sign_in(client, world.bob)
    page = _text(client.get("/awards/"))
    assert "2 khen thưởng: 1 tập thể, 1 cá nhân" in page
    assert "Cờ thi đua: 1 (1 tập thể, 0 cá nhân)" in page
    assert "Bằng khen: 1 (0 tập thể, 1 cá nhân)" in page
    flags = _text(client.get("/awards/?kind=emulation_flag"))
    assert "1 khen thưởng: 1 tập thể, 0 cá nhân" in flags and "Ông Vàng A Chứ" not in flags
    by_movement = _text(client.get(f"/awards/?movement_id={movement.pk}"))
    assert "1 khen thưởng: 0 tập thể, 1 cá nhân" in by_movement
    individuals = _text(client.get("/awards/?recipient_kind=individual&start=01/01/2024"))
    assert "1 khen thưởng: 0 tập thể, 1 cá nhân" in individuals
    xlsx = client.get("/awards/export.xlsx?end=31/12/2019")
    sheet = load_workbook(io.BytesIO(xlsx.getvalue())).active
    assert sheet.max_row == 2
    values = [cell.value for cell in sheet[2]]
    assert "Cờ thi đua" in values and team.name in values
    text = client.get("/awards/export.csv").getvalue().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 3 and rows[1][7] == "Ông Vàng A Chứ"
    movements = _text(client.get("/emulation/?active_on=01/01/2024"))
    assert "1 phong trào thi đua" in movements
    assert "0 phong trào thi đua" in _text(client.get("/emulation/?active_on=01/01/2026"))
    sheet = load_workbook(io.BytesIO(client.get("/emulation/export.xlsx").getvalue())).active
    assert sheet.max_row == 2 and sheet.cell(2, 8).value == 1


def test_pages_outside_the_scope(world, client):
    movement = _launch(client, world)
    client.post("/awards/new/", _award_form(world, unit_id=world.post2.pk))
    award = Award.objects.get()
    sign_in(client, world.alice)
    assert client.get(f"/emulation/{movement.pk}/").status_code == 200  # the province's
    assert client.get(f"/emulation/{movement.pk}/edit/").status_code == 404
    assert client.get(f"/awards/{award.pk}/").status_code == 404
    assert client.get(f"/awards/{award.pk}/edit/").status_code == 404
    sign_in(client, world.charlie)
    assert client.get(f"/emulation/{movement.pk}/").status_code == 404
    sign_in(client, world.lee)
    assert client.get("/awards/new/").status_code == 403
    assert client.get("/emulation/new/").status_code == 403
