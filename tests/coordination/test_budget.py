"""Budget estimates: a line of a unit's estimate for a year kept by the secretariat and the
administrators for a unit of their scope, amounts in integer đồng none below zero, spent never
over approved, the year between 2000 and two years ahead; totals per unit and in all; every bad
input refused naming its field with nothing written."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.coordination import budget_selectors as selectors
from biengioi.coordination.models import BudgetItem
from biengioi.coordination.services import budget_item_create, budget_item_update
from biengioi.core.errors import Code, DomainError, Stale
from tests.conftest import api_client, sign_in

YEAR = timezone.localdate().year


def _item(world, actor=None, unit=None, **fields):
    data = {
        "unit_id": (unit or world.post).pk,
        "year": YEAR,
        "title": "Tuần tra song phương",
        "category": "patrol",
        "estimated": 21_790_000,
        "approved": 20_000_000,
        "spent": 12_500_000,
    }
    item, _made = budget_item_create(actor=actor or world.sam, **{**data, **fields})
    return item


def _counts():
    return BudgetItem.objects.count(), AuditRecord.objects.count()


def test_the_secretariat_adds_a_line_for_a_unit_of_the_province_audited(world):
    item = _item(world)
    assert (item.unit, item.year, item.spent) == (world.post, YEAR, 12_500_000)
    record = AuditRecord.objects.get(action="budget_item.create")
    assert record.after["estimated"] == 21_790_000
    assert record.scope_path == world.post.path


def test_a_client_id_sent_again_returns_the_first_line(world):
    key = uuid.uuid4()
    first = _item(world, client_id=key)
    again, made = budget_item_create(
        actor=world.sam, client_id=key, unit_id=world.post.pk, year=YEAR, title="x"
    )
    assert (again.pk, made) == (first.pk, False)
    assert BudgetItem.objects.count() == 1


@pytest.mark.parametrize("field", ["estimated", "approved", "spent"])
def test_a_negative_amount_is_refused(world, field):
    before = _counts()
    with pytest.raises(DomainError) as err:
        _item(world, **{field: -1})
    assert (err.value.code, err.value.field) == (Code.NEGATIVE, field)
    assert _counts() == before


def test_spent_over_approved_is_refused_naming_spent(world):
    before = _counts()
    with pytest.raises(DomainError) as err:
        _item(world, approved=10_000_000, spent=10_000_001)
    assert (err.value.code, err.value.field) == (Code.SPENT_OVER_APPROVED, "spent")
    assert "10.000.001 đ" in err.value.message and "10.000.000 đ" in err.value.message
    assert _counts() == before


def test_lowering_the_approval_under_the_spending_is_refused(world):
    item = _item(world)
    before = _counts()
    with pytest.raises(DomainError) as err:
        budget_item_update(actor=world.sam, budget_item_id=item.pk, version=1, approved=1)
    assert err.value.field == "spent"
    item.refresh_from_db()
    assert (item.approved, item.version) == (20_000_000, 1)
    assert _counts() == before


@pytest.mark.parametrize("year", [1999, YEAR + 3, True])
def test_a_year_out_of_range_is_refused(world, year):
    before = _counts()
    with pytest.raises(DomainError) as err:
        _item(world, year=year)
    assert (err.value.code, err.value.field) == (Code.OUT_OF_RANGE, "year")
    assert _counts() == before


def test_a_year_two_ahead_is_accepted(world):
    assert _item(world, year=YEAR + 2).year == YEAR + 2


def test_a_unit_outside_the_actors_scope_is_refused(world):
    before = _counts()
    with pytest.raises(DomainError) as err:
        _item(world, unit=world.tsn_bg)
    assert (err.value.code, err.value.field) == (Code.UNIT_NOT_IN_SCOPE, "unit_id")
    assert _counts() == before


def test_an_amount_that_is_not_a_whole_number_is_refused(world):
    before = _counts()
    with pytest.raises(DomainError) as err:
        _item(world, estimated=1.5)
    assert (err.value.code, err.value.field) == (Code.NOT_AN_INTEGER, "estimated")
    assert _counts() == before


@pytest.mark.parametrize("who", ["alice", "erin", "lee"])
def test_only_the_secretariat_and_administrators_keep_the_budget(world, who):
    before = _counts()
    with pytest.raises(PermissionDenied):
        _item(world, actor=getattr(world, who))
    assert _counts() == before


def test_a_stale_edit_is_refused(world):
    item = _item(world)
    budget_item_update(actor=world.sam, budget_item_id=item.pk, version=1, spent=15_000_000)
    with pytest.raises(Stale):
        budget_item_update(actor=world.bob, budget_item_id=item.pk, version=1, spent=1)
    item.refresh_from_db()
    assert (item.spent, item.version) == (15_000_000, 2)


def test_totals_per_unit_and_in_all_within_the_viewers_scope(world):
    _item(world)
    _item(
        world, title="Phát quang mốc", category="markers", estimated=5_000_000, approved=0, spent=0
    )
    _item(world, unit=world.post2, estimated=1_000_000, approved=1_000_000, spent=0)
    _item(world, unit=world.post, year=YEAR - 1)
    _item(world, actor=world.charlie, unit=world.tsn_bg)
    rows = selectors.budget_list(actor=world.sam, year=YEAR)
    totals = selectors.budget_totals(rows)
    assert (totals["estimated"], totals["approved"], totals["spent"]) == (
        27_790_000,
        21_000_000,
        12_500_000,
    )
    assert [(t["unit_id"], t["estimated"]) for t in totals["by_unit"]] == [
        (world.post.pk, 26_790_000),
        (world.post2.pk, 1_000_000),
    ]
    alice_rows = selectors.budget_list(actor=world.alice, year=YEAR)
    assert {b.unit_id for b in alice_rows} == {world.post.pk}


def test_the_page_shows_the_years_table_with_totals_in_dong(world, client):
    _item(world)
    _item(world, unit=world.post2, estimated=1_000_000, approved=1_000_000, spent=0)
    sign_in(client, world.sam)
    page = client.get("/coordination/budget/").content.decode()
    assert "21.790.000 đ" in page
    assert "Dự toán 22.790.000 đ; được duyệt 21.000.000 đ; đã chi 12.500.000 đ" in page
    assert page.count('class="subtotal"') == 2


def test_the_form_shows_spent_over_approved_beside_the_field(world, client):
    sign_in(client, world.sam)
    response = client.post(
        "/coordination/budget/new/",
        {
            "client_id": str(uuid.uuid4()),
            "unit_id": world.post.pk,
            "year": YEAR,
            "title": "Tuần tra",
            "estimated": "100",
            "approved": "50",
            "spent": "60",
        },
    )
    assert response.status_code == 400
    assert "không được vượt số được duyệt" in response.content.decode()
    assert not BudgetItem.objects.exists()


def test_a_leader_reads_the_page_but_finds_no_form(world, client):
    sign_in(client, world.lee)
    assert client.get("/coordination/budget/").status_code == 200
    assert client.get("/coordination/budget/new/").status_code == 403


def test_the_export_lists_the_lines(world, client):
    _item(world)
    sign_in(client, world.sam)
    body = b"".join(client.get(f"/coordination/budget/export.csv?year={YEAR}").streaming_content)
    assert "Tuần tra song phương" in body.decode("utf-8-sig")
    assert "21790000" in body.decode("utf-8-sig")


def test_the_api_creates_edits_and_sums(world):
    api = api_client(world.sam)
    made = api.post(
        "/api/v1/budget-items",
        {
            "unit_id": world.post.pk,
            "year": YEAR,
            "title": "Tuần tra",
            "estimated": 100,
            "approved": 80,
            "spent": 10,
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    item = made.json()
    refused = api.patch(
        f"/api/v1/budget-items/{item['id']}",
        {"version": 1, "spent": 81},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "spent"
    stale = api.patch(
        f"/api/v1/budget-items/{item['id']}",
        {"version": 7, "spent": 20},
        content_type="application/json",
    )
    assert stale.status_code == 409
    totals = api.get(f"/api/v1/budget-items/totals?year={YEAR}").json()
    assert (totals["estimated"], totals["by_unit"][0]["unit"]) == (100, world.post.name)
    assert api_client(world.charlie).get(f"/api/v1/budget-items/{item['id']}").status_code == 404
