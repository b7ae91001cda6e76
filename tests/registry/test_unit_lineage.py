"""A unit's lineage across the 2025 reorganisation: the provincial Border Guard command ended on
27/06/2025 and the Ban Chỉ huy formed the next day names it as its predecessor. Set through the
unit services, the API and the unit pages; every refusal names its field and writes nothing."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from biengioi.audit.models import AuditRecord
from biengioi.core.access import Role
from biengioi.core.errors import Code, DomainError
from biengioi.registry.models import OrgUnit, UnitKind
from biengioi.registry.services import unit_create, unit_update
from tests.conftest import make_user, sign_in

HANDOVER = date(2025, 6, 28)
LINKS = OrgUnit.predecessors.through


def _counts():
    return OrgUnit.objects.count(), LINKS.objects.count(), AuditRecord.objects.count()


def _old_command(world, **fields):
    data = {
        "code": "TBT-BCH-BDBP",
        "name": "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
        "kind": UnitKind.BORDER_GUARD_COMMAND,
        "parent_id": world.tbt.pk,
        "valid_from": date(2009, 1, 1),
        "valid_to": date(2025, 6, 27),
    }
    return unit_create(actor=world.bob, **{**data, **fields})


def _refused(code, field, call, /, *args, **kwargs):
    before = _counts()
    with pytest.raises(DomainError) as err:
        call(*args, **kwargs)
    assert (err.value.code, err.value.field) == (code, field)
    assert _counts() == before
    return err.value


def test_the_ban_chi_huy_takes_over_from_the_command_and_the_change_is_audited(world):
    old = _old_command(world)
    unit_update(actor=world.bob, unit_id=world.bg.pk, valid_from=HANDOVER, predecessor_ids=[old.pk])
    assert list(world.bg.predecessors.all()) == [old]
    assert list(old.successors.all()) == [world.bg]
    record = AuditRecord.objects.filter(action="unit.update").order_by("-seq").first()
    assert (record.before["predecessors"], record.after["predecessors"]) == ([], [old.pk])
    assert record.after["valid_from"] == "2025-06-28"
    # a new post begins on the handover day itself, taking over from an old post of the command
    old_post = unit_create(
        actor=world.bob,
        code="TBT-DBP-POPEO",
        name="Đồn Biên phòng Pò Peo",
        kind=UnitKind.BORDER_POST,
        parent_id=old.pk,
        valid_to=HANDOVER,
    )
    new_post = unit_create(
        actor=world.bob,
        code="TBT-DBP-NGOCCON",
        name="Đồn Biên phòng Ngọc Côn",
        kind=UnitKind.BORDER_POST,
        parent_id=world.bg.pk,
        valid_from=HANDOVER,
        predecessor_ids=[old_post.pk, old_post.pk],  # named twice, linked once
    )
    assert list(new_post.predecessors.all()) == [old_post]
    created = AuditRecord.objects.filter(action="unit.create").order_by("-seq").first()
    assert created.object_id == str(new_post.pk) and created.after["predecessors"] == [old_post.pk]
    # an empty list lets them go, and the audit says so
    unit_update(actor=world.bob, unit_id=new_post.pk, predecessor_ids=[])
    assert not new_post.predecessors.exists()
    record = AuditRecord.objects.filter(action="unit.update").order_by("-seq").first()
    assert (record.before["predecessors"], record.after["predecessors"]) == ([old_post.pk], [])
    # a change of name leaves the lineage alone
    unit_update(actor=world.bob, unit_id=world.bg.pk, name="Ban Chỉ huy BĐBP tỉnh Biên Thùy")
    assert list(world.bg.predecessors.all()) == [old]


def test_a_predecessor_outside_the_scope_or_unknown_is_refused(world):
    other = unit_create(
        actor=world.charlie,
        code="TSN-BCH-BDBP",
        name="Bộ Chỉ huy Bộ đội Biên phòng tỉnh Sông Núi",
        kind=UnitKind.BORDER_GUARD_COMMAND,
        parent_id=world.tsn.pk,
        valid_to=date(2025, 6, 27),
    )
    for pk in (other.pk, 999_999):
        err = _refused(
            Code.PREDECESSOR_UNKNOWN,
            "predecessor_ids",
            unit_update,
            actor=world.bob,
            unit_id=world.bg.pk,
            predecessor_ids=[pk],
        )
        assert err.message == f"Đơn vị số {pk} không có hoặc nằm ngoài phạm vi của bạn."
    _refused(
        Code.PREDECESSOR_UNKNOWN,
        "predecessor_ids",
        unit_create,
        actor=world.bob,
        code="TBT-DBP-MOI",
        name="Đồn Biên phòng Mới",
        kind=UnitKind.BORDER_POST,
        parent_id=world.bg.pk,
        predecessor_ids=[other.pk],
    )


def test_a_unit_cannot_take_over_from_itself_its_tree_or_its_successors(world):
    old = _old_command(world)
    # both ended, so that only the tree rule refuses them
    unit_update(actor=world.bob, unit_id=world.post.pk, valid_to=date(2025, 6, 27))
    unit_update(actor=world.bob, unit_id=world.bg.pk, valid_to=date(2025, 6, 27))
    _refused(
        Code.PREDECESSOR_SELF,
        "predecessor_ids",
        unit_update,
        actor=world.bob,
        unit_id=old.pk,
        predecessor_ids=[old.pk],
    )
    for unit, predecessor in ((world.bg, world.post), (world.post, world.bg)):
        err = _refused(
            Code.PREDECESSOR_IN_TREE,
            "predecessor_ids",
            unit_update,
            actor=world.bob,
            unit_id=unit.pk,
            predecessor_ids=[predecessor.pk],
        )
        assert predecessor.name in err.message
    # two generations: the old command → a unit of 2025 → the Ban Chỉ huy; the old command
    # cannot name the Ban Chỉ huy (nor the unit between) as its own predecessor
    between = _old_command(
        world,
        code="TBT-BCH-TAM",
        name="Ban Chỉ huy tạm thời",
        valid_from=date(2025, 6, 27),
        valid_to=HANDOVER,
        predecessor_ids=[old.pk],
    )
    unit_update(
        actor=world.bob,
        unit_id=world.bg.pk,
        valid_to=None,
        valid_from=HANDOVER,
        predecessor_ids=[between.pk],
    )
    for later in (between, world.bg):
        err = _refused(
            Code.PREDECESSOR_CYCLE,
            "predecessor_ids",
            unit_update,
            actor=world.bob,
            unit_id=old.pk,
            predecessor_ids=[later.pk],
        )
        assert later.name in err.message


def test_a_predecessor_must_have_ended_by_the_day_its_successor_began(world):
    working = unit_create(
        actor=world.bob,
        code="TBT-CA",
        name="Công an tỉnh",
        kind=UnitKind.AGENCY,
        parent_id=world.tbt.pk,
    )
    err = _refused(
        Code.PREDECESSOR_NOT_ENDED,
        "predecessor_ids",
        unit_update,
        actor=world.bob,
        unit_id=world.bg.pk,
        predecessor_ids=[working.pk],
    )
    assert "“Công an tỉnh” chưa có ngày kết thúc" in err.message
    late = _old_command(world, valid_to=date(2025, 6, 30))
    err = _refused(
        Code.PREDECESSOR_ENDS_AFTER,
        "predecessor_ids",
        unit_update,
        actor=world.bob,
        unit_id=world.bg.pk,
        valid_from=HANDOVER,
        predecessor_ids=[late.pk],
    )
    assert "đến ngày 30/06/2025" in err.message and "(28/06/2025)" in err.message
    # with the successor's start unknown, the end alone is checked
    unit_update(actor=world.bob, unit_id=world.bg.pk, predecessor_ids=[late.pk])
    assert list(world.bg.predecessors.all()) == [late]


def test_new_dates_keep_the_handovers_already_recorded(world):
    old = _old_command(world)
    unit_update(actor=world.bob, unit_id=world.bg.pk, valid_from=HANDOVER, predecessor_ids=[old.pk])
    # the successor cannot begin before its predecessor ended
    _refused(
        Code.PREDECESSOR_ENDS_AFTER,
        "valid_from",
        unit_update,
        actor=world.bob,
        unit_id=world.bg.pk,
        valid_from=date(2025, 6, 1),
    )
    # the predecessor cannot lose its end, nor end after its successor began
    _refused(
        Code.PREDECESSOR_NOT_ENDED,
        "valid_to",
        unit_update,
        actor=world.bob,
        unit_id=old.pk,
        valid_to=None,
    )
    _refused(
        Code.PREDECESSOR_ENDS_AFTER,
        "valid_to",
        unit_update,
        actor=world.bob,
        unit_id=old.pk,
        valid_to=date(2025, 7, 1),
    )
    unit_update(actor=world.bob, unit_id=old.pk, valid_to=HANDOVER)  # the same day is allowed
    old.refresh_from_db()
    assert old.valid_to == HANDOVER


def test_a_predecessor_already_named_stays_for_an_administrator_who_does_not_see_it(world):
    old = _old_command(world)
    unit_update(actor=world.bob, unit_id=world.bg.pk, predecessor_ids=[old.pk])
    dan = make_user("dan", Role.ADMINISTRATOR, world.bg)
    unit_update(actor=dan, unit_id=world.bg.pk, predecessor_ids=[old.pk], name="Ban Chỉ huy")
    assert list(world.bg.predecessors.all()) == [old]
    other = _old_command(world, code="TBT-BCH-KHAC", name="Đơn vị khác")
    _refused(
        Code.PREDECESSOR_UNKNOWN,
        "predecessor_ids",
        unit_update,
        actor=dan,
        unit_id=world.bg.pk,
        predecessor_ids=[old.pk, other.pk],
    )


# --- the API ------------------------------------------------------------------------------------


def test_the_api_reads_and_writes_the_lineage(world, as_user):
    old = _old_command(world)
    client = as_user(world.bob)
    made = client.post(
        "/api/v1/units",
        data={
            "code": "TBT-BCH-BDBP-MOI",
            "name": "Ban Chỉ huy Bộ đội Biên phòng (mới)",
            "kind": "border_guard_command",
            "parent_id": world.tbt.pk,
            "valid_from": "2025-06-28",
            "predecessor_ids": [old.pk],
        },
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    new = made.json()
    assert (new["predecessor_ids"], new["successor_ids"]) == ([old.pk], [])
    assert client.get(f"/api/v1/units/{old.pk}").json()["successor_ids"] == [new["id"]]
    english_client = as_user(world.bob, "en")
    before = _counts()
    bad = client.patch(
        f"/api/v1/units/{new['id']}",
        data={"valid_from": "2025-06-01"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    [error] = bad.json()["errors"]
    assert error["field"] == "valid_from" and "27/06/2025" in error["message"]
    english = english_client.patch(
        f"/api/v1/units/{new['id']}",
        data={"predecessor_ids": [new["id"]]},
        content_type="application/json",
    )
    assert english.status_code == 422
    assert english.json()["errors"][0]["field"] == "predecessor_ids"
    assert _counts() == before
    cleared = client.patch(
        f"/api/v1/units/{new['id']}", data={"predecessor_ids": []}, content_type="application/json"
    )
    assert cleared.status_code == 200 and cleared.json()["predecessor_ids"] == []


def test_the_unit_list_reads_the_lineage_in_a_fixed_number_of_queries(world, as_user):
    client = as_user(world.bob)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/units", {"size": 100}).status_code == 200
        return len(captured)

    old = _old_command(world)
    unit_update(actor=world.bob, unit_id=world.bg.pk, predecessor_ids=[old.pk])
    queries()  # the token's first use is recorded once
    few = queries()
    more = [_old_command(world, code=f"TBT-CU-{n}", name=f"Đơn vị cũ {n}") for n in range(3)]
    unit_update(actor=world.bob, unit_id=world.post.pk, predecessor_ids=[u.pk for u in more])
    unit_update(actor=world.bob, unit_id=world.post2.pk, predecessor_ids=[more[0].pk])
    assert queries() == few
    listed = {u["id"]: u for u in client.get("/api/v1/units", {"size": 100}).json()["items"]}
    assert listed[world.bg.pk]["predecessor_ids"] == [old.pk]


# --- the pages ----------------------------------------------------------------------------------


def test_the_unit_form_offers_the_units_that_ended_and_the_detail_shows_the_lineage(world, client):
    old = _old_command(world)
    sign_in(client, world.bob)
    page = client.get("/units/new/").content.decode()
    assert 'name="predecessor_ids"' in page
    assert "Bộ Chỉ huy Bộ đội Biên phòng tỉnh (đến 27/06/2025)" in page
    assert f'value="{world.post.pk}"' not in page.split('name="predecessor_ids"')[1]
    form = {
        "code": "TBT-BCH-BDBP-MOI",
        "name": "Ban Chỉ huy Bộ đội Biên phòng (mới)",
        "kind": "border_guard_command",
        "parent_id": world.tbt.pk,
        "valid_from": "01/06/2025",
        "predecessor_ids": [old.pk],
    }
    before = _counts()
    bad = client.post("/units/new/", form)
    assert bad.status_code == 400
    assert "sau ngày “Ban Chỉ huy Bộ đội Biên phòng (mới)” bắt đầu" in bad.content.decode()
    assert _counts() == before
    response = client.post("/units/new/", {**form, "valid_from": "28/06/2025"})
    assert response.status_code == 302
    new = OrgUnit.objects.get(code="TBT-BCH-BDBP-MOI")
    assert list(new.predecessors.all()) == [old]
    detail = client.get(response["Location"]).content.decode()
    assert "Đơn vị tiền thân" in detail
    assert f'<a href="/units/{old.pk}/">Bộ Chỉ huy Bộ đội Biên phòng tỉnh</a>' in detail
    assert "(đến 27/06/2025)" in detail
    back = client.get(f"/units/{old.pk}/").content.decode()
    assert f'<a href="/units/{new.pk}/">Ban Chỉ huy Bộ đội Biên phòng (mới)</a>' in back
    assert "(từ 28/06/2025)" in back
    # the edit form shows the predecessor chosen; saving it as it is keeps it, emptying the
    # choice lets it go
    edit = client.get(f"/units/{new.pk}/edit/").content.decode()
    assert f'value="{old.pk}" selected' in edit
    same = {"code": new.code, "name": "Ban Chỉ huy BĐBP", "valid_from": "28/06/2025"}
    kept = client.post(f"/units/{new.pk}/edit/", {**same, "predecessor_ids": [old.pk]})
    assert kept.status_code == 302 and list(new.predecessors.all()) == [old]
    assert client.post(f"/units/{new.pk}/edit/", same).status_code == 302
    assert list(new.predecessors.all()) == []


def test_a_predecessor_the_reader_does_not_see_is_named_without_a_link(world, client):
    old = _old_command(world)
    unit_update(actor=world.bob, unit_id=world.bg.pk, predecessor_ids=[old.pk])
    client.force_login(world.erin)
    page = client.get(f"/units/{world.bg.pk}/").content.decode()
    assert "Bộ Chỉ huy Bộ đội Biên phòng tỉnh" in page
    assert f'href="/units/{old.pk}/"' not in page
