"""Patrol plans: a post's planned patrols per month and kind, against which the patrols it
began are counted (months in Hà Nội time); set by service, API and page, audited once."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook

from biengioi.audit.models import AuditRecord
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.operations import selectors
from biengioi.operations.models import PatrolPlan
from biengioi.operations.services import patrol_create, patrol_plan_set
from tests.conftest import sign_in


def _patrol(world, started, kind="unilateral"):
    extra = (
        {"counterpart_id": world.counterpart.pk, "host_side": "vn"} if kind == "bilateral" else {}
    )
    patrol_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind=kind,
        line_id=world.line.pk,
        started_at=started,
        ended_at=started + timedelta(hours=5),
        **extra,
    )


def test_done_patrols_are_counted_against_the_plan_by_month_and_kind(world):
    patrol_plan_set(
        actor=world.alice,
        unit_id=world.post.pk,
        year=2025,
        month=9,
        planned={"unilateral": 3, "bilateral": 1},
        version=0,
    )
    patrol_plan_set(
        actor=world.alice,
        unit_id=world.post.pk,
        year=2025,
        month=10,
        planned={"unilateral": 2},
        version=0,
    )
    _patrol(world, datetime(2025, 9, 3, 1, tzinfo=UTC))
    _patrol(world, datetime(2025, 9, 10, 1, tzinfo=UTC), kind="bilateral")
    _patrol(world, datetime(2025, 9, 30, 18, tzinfo=UTC))  # 1 October, 01:00 in Hà Nội
    rows = selectors.plan_table(actor=world.erin, year=2025)
    post = next(r for r in rows if r.unit == world.post)
    assert post.months[8] == (9, 4, 2) and post.months[9] == (10, 2, 1)
    assert post.kinds["unilateral"] == (5, 2) and post.kinds["bilateral"] == (1, 1)
    assert (post.planned, post.done) == (6, 3)
    assert [r.unit for r in selectors.plan_table(actor=world.alice, year=2025)] == [world.post]


def test_setting_a_plan_is_audited_once_and_bad_figures_name_their_field(world):
    args = {"actor": world.alice, "unit_id": world.post.pk, "year": 2025, "month": 9}
    patrol_plan_set(**args, planned={"unilateral": 3}, version=0)
    patrol_plan_set(**args, planned={"unilateral": 3}, version=1)  # the same again: no change
    assert AuditRecord.objects.filter(action="patrol_plan.set").count() == 1
    with pytest.raises(Stale) as stale:  # planned on the month as it was before the first set
        patrol_plan_set(**args, planned={"unilateral": 5}, version=0)
    assert (stale.value.current.version, stale.value.current.planned) == (1, {"unilateral": 3})
    patrol_plan_set(**args, planned={"bilateral": 2}, version=1)  # the unilateral figure is kept
    assert dict(PatrolPlan.objects.values_list("kind", "planned")) == {
        "unilateral": 3,
        "bilateral": 2,
    }
    for changes, field, code in [
        ({"planned": {"unilateral": -1}}, "planned.unilateral", Code.OUT_OF_RANGE),
        ({"planned": {"walk": 1}}, "planned.walk", Code.REQUIRED),
        ({"month": 13, "planned": {}}, "month", Code.OUT_OF_RANGE),
        ({"unit_id": world.post2.pk, "planned": {}}, "unit_id", Code.UNIT_NOT_IN_SCOPE),
        ({"unit_id": world.bg.pk, "planned": {}}, "unit_id", Code.UNIT_NOT_IN_SCOPE),
    ]:
        with pytest.raises(DomainError) as caught:
            patrol_plan_set(**{**args, "version": 2, **changes})
        assert (caught.value.field, caught.value.code) == (field, code)
    assert AuditRecord.objects.filter(action="patrol_plan.set").count() == 2


def test_the_api_and_the_page_set_and_show_the_plan(world, as_user, client):
    api = as_user(world.alice)
    body = {
        "unit_id": world.post.pk,
        "year": 2025,
        "month": 9,
        "planned": {"unilateral": 4},
        "version": 0,
    }
    put = api.put("/api/v1/patrol-plans", data=body, content_type="application/json")
    assert put.status_code == 200, put.content
    assert put.json()["months"][8] == {"month": 9, "planned": 4, "done": 0, "version": 1}
    again = api.put("/api/v1/patrol-plans", data=body, content_type="application/json")
    assert again.status_code == 409 and again.json()["current"]["planned"] == {"unilateral": 4}
    rows = api.get("/api/v1/patrol-plans", {"year": 2025}).json()
    assert [(r["unit_id"], r["planned"]) for r in rows] == [(world.post.pk, 4)]

    sign_in(client, world.alice)
    page = client.get(f"/patrols/plans/{world.post.pk}/2025/")
    assert page.status_code == 200
    data = {
        f"m{m}_{k}": "0"
        for m in range(1, 13)
        for k in ("unilateral", "bilateral", "joint", "joint_law_enforcement")
    }
    data |= {f"v{m}": "0" for m in range(1, 13)}
    data |= {"m9_unilateral": "4", "m10_bilateral": "2", "v9": "1"}
    assert client.post(f"/patrols/plans/{world.post.pk}/2025/", data).status_code == 302
    stale = client.post(f"/patrols/plans/{world.post.pk}/2025/", {**data, "m10_bilateral": "3"})
    assert stale.status_code == 400  # month 10 was planned since the page was opened (v10: 0)
    assert "Kế hoạch tháng 10 đã được sửa" in stale.content.decode()
    assert PatrolPlan.objects.get(month=10).planned == 2
    listing = client.get("/patrols/plans/?year=2025").content.decode()
    assert "0/4" in listing and "0/2" in listing and "0/6" in listing
    assert client.get(f"/patrols/plans/{world.post2.pk}/2025/").status_code == 404
    sheet = load_workbook(io.BytesIO(client.get("/patrols/plans/export.xlsx?year=2025").getvalue()))
    rows = list(sheet.active.iter_rows(values_only=True))
    assert rows[0][3:5] == ("Số chuyến kế hoạch", "Số chuyến thực hiện")
    assert rows[9][1:5] == (2025, 9, 4, 0) and rows[10][2:4] == (10, 2)
