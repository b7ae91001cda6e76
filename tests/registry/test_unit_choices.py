"""Unit pickers (issue 23, item 3): units in the order of the unit tree, each under its parent
and siblings by name, not in the order they were typed in; a unit dissolved (or not yet formed)
is offered only for records of its time, and kept on an old record that names it; the API
refuses a record dated after its unit ended, naming the field, and writes nothing."""

import html
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from biengioi.audit.models import AuditRecord
from biengioi.coordination.models import Conference
from biengioi.coordination.services import conference_create
from biengioi.core.checks import in_force
from biengioi.core.errors import Code, DomainError
from biengioi.operations.models import Patrol
from biengioi.registry import selectors
from biengioi.registry.models import OrgUnit, UnitKind
from biengioi.registry.services import unit_create, unit_update
from tests.conftest import api_client, sign_in

ENDED = date(2025, 6, 27)  # the provincial Border Guard command's last day
FORMED = date(2026, 1, 1)


def _unit(world, code, name, kind, parent, **dates):
    return unit_create(
        actor=world.bob, code=code, name=name, kind=kind, parent_id=parent.pk, **dates
    )


@pytest.fixture
def history(world):
    """The world with a command that ended on 27/06/2025 (and its post), a post formed on
    01/01/2026, and a post typed in last whose name comes first."""
    old = _unit(
        world,
        "TBT-BCH",
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
        UnitKind.BORDER_GUARD_COMMAND,
        world.tbt,
        valid_from=date(2009, 1, 1),
        valid_to=ENDED,
    )
    old_post = _unit(
        world, "TBT-POPEO", "Đồn Biên phòng Pò Peo", UnitKind.BORDER_POST, old, valid_to=ENDED
    )
    new_post = _unit(
        world,
        "TBT-NGOCCON",
        "Đồn Biên phòng Ngọc Côn",
        UnitKind.BORDER_POST,
        world.bg,
        valid_from=FORMED,
    )
    an_lac = _unit(world, "TBT-ANLAC", "Đồn Biên phòng An Lạc", UnitKind.BORDER_POST, world.bg)
    return {"old": old, "old_post": old_post, "new_post": new_post, "an_lac": an_lac}


def _province(world):
    return selectors.unit_list(actor=world.bob)


def test_units_come_in_tree_order_each_under_its_parent_siblings_by_name(world, history):
    choices = selectors.unit_choices(_province(world), on=date(2025, 9, 1))
    assert [label for _pk, label in choices] == [
        "Tỉnh Biên Thùy",
        "— Ban Chỉ đạo công tác biên giới tỉnh",
        "— Ban Chỉ huy Bộ đội Biên phòng tỉnh",
        "— — Đồn Biên phòng An Lạc",
        "— — Đồn Biên phòng Bản Giốc",
        "— — Đồn Biên phòng Lý Vạn",
        "— Xã Đàm Thủy",
    ]
    # the order of ids (what the pickers showed before) is not it
    by_path = [u.pk for u in _province(world).filter(pk__in=[pk for pk, _ in choices])]
    assert by_path != [pk for pk, _label in choices]
    # a picker of posts only: no parent offered, so no indent
    posts = selectors.border_posts(actor=world.bob)
    assert [label for _pk, label in selectors.unit_choices(posts, on=date(2025, 9, 1))] == [
        "Đồn Biên phòng An Lạc",
        "Đồn Biên phòng Bản Giốc",
        "Đồn Biên phòng Lý Vạn",
    ]


def test_a_picker_offers_the_units_working_on_the_records_day(world, history):
    def offered(on, keep=()):
        return {pk for pk, _label in selectors.unit_choices(_province(world), on=on, keep=keep)}

    old, old_post, new_post = history["old"].pk, history["old_post"].pk, history["new_post"].pk
    assert {old, old_post} <= offered(ENDED) and new_post not in offered(ENDED)
    assert not {old, old_post, new_post} & offered(date(2025, 6, 28))
    assert new_post not in offered(date(2025, 12, 31)) and new_post in offered(FORMED)
    # an old record naming the command keeps it, said to have ended
    kept = dict(selectors.unit_choices(_province(world), on=date(2025, 9, 1), keep=[old]))
    assert kept[old] == "— Bộ Chỉ huy Bộ đội Biên phòng tỉnh (hoạt động đến 27/06/2025)"
    assert old_post not in kept
    # a list's filter reaches back over history: every unit, the ended ones said so
    labels = dict(selectors.unit_choices(_province(world)))
    assert {old, old_post, new_post} <= labels.keys()
    assert labels[old_post] == "— — Đồn Biên phòng Pò Peo (hoạt động đến 27/06/2025)"
    assert labels[new_post] == "— — Đồn Biên phòng Ngọc Côn"


@settings(max_examples=30, deadline=None)
@given(names=st.lists(st.sampled_from(["Ba", "An", "Ân", "ba", "Cư", "Đa", "Da"]), max_size=6))
def test_every_unit_comes_after_its_parent_and_siblings_by_unaccented_name(names):
    # a tree of units built in memory: unit_choices reads only their paths and names
    rows = [OrgUnit(pk=1, name="Tỉnh", name_search="tinh", path="/1/")]
    for i, name in enumerate(names, start=2):
        parent = rows[(i * 7) % len(rows)]
        rows.append(OrgUnit(pk=i, name=name, name_search=name.lower(), path=f"{parent.path}{i}/"))

    class Rows(list):  # what unit_choices asks of a query set without `on`
        def select_related(self, *fields):
            return self

        def only(self, *fields):
            return self

    order = [pk for pk, _ in selectors.unit_choices(Rows(rows))]
    where = {pk: i for i, pk in enumerate(order)}
    by_pk = {u.pk: u for u in rows}
    for u in rows:
        ids = [int(x) for x in u.path.strip("/").split("/")]
        if len(ids) > 1:
            assert where[ids[-2]] < where[u.pk]
    for a in rows:
        for b in rows:
            same_parent = a.path.rsplit("/", 2)[0] == b.path.rsplit("/", 2)[0] and a.pk != b.pk
            if same_parent and (a.name_search, a.pk) < (b.name_search, b.pk):
                assert where[a.pk] < where[b.pk], (by_pk[a.pk].name, by_pk[b.pk].name)


def _checkbox_labels(page: str, name: str) -> list[str]:
    found = re.findall(
        rf'<label for="id_{name}_\d+"><input type="checkbox" name="{name}" value="\d+"[^>]*>\s*'
        r"([^<]*)</label>",
        page,
    )
    return [html.unescape(label).strip() for label in found]


def test_the_conference_page_offers_units_in_tree_order_and_old_ones_for_old_records(
    world, history, client
):
    sign_in(client, world.bob)
    page = client.get("/coordination/conferences/new/").content.decode()
    labels = _checkbox_labels(page, "participant_unit_ids")
    assert labels[:4] == [
        "Tỉnh Biên Thùy",
        "— Ban Chỉ đạo công tác biên giới tỉnh",
        "— Ban Chỉ huy Bộ đội Biên phòng tỉnh",
        "— — Đồn Biên phòng An Lạc",
    ]
    assert not any("Pò Peo" in label or "Bộ Chỉ huy" in label for label in labels)
    assert "data-multiselect" in page and "biengioi/multiselect" in page
    # a conference of March 2025, when the command still worked, offers it and its post
    conference, _made = conference_create(
        actor=world.bob,
        unit_id=world.tbt.pk,
        kind="half_year",
        title="Hội nghị sơ kết",
        held_on=date(2025, 3, 1),
        participant_unit_ids=[history["old"].pk],
    )
    page = client.get(f"/coordination/conferences/{conference.pk}/edit/").content.decode()
    labels = _checkbox_labels(page, "participant_unit_ids")
    assert "— Bộ Chỉ huy Bộ đội Biên phòng tỉnh" in labels
    assert "— — Đồn Biên phòng Pò Peo" in labels
    assert not any("Ngọc Côn" in label for label in labels)
    assert re.search(rf'name="participant_unit_ids" value="{history["old"].pk}"[^>]*checked', page)


def test_a_new_record_posted_for_a_day_of_the_old_command_may_name_it(world, history, client):
    sign_in(client, world.bob)
    body = {
        "client_id": "6d4a3c52-0d1b-4a9e-9c55-4c8f9e1f2a10",
        "unit_id": world.tbt.pk,
        "kind": "half_year",
        "title": "Hội nghị sơ kết 6 tháng đầu năm 2025",
        "held_on": "20/06/2025",
        "participant_unit_ids": [history["old"].pk],
    }
    response = client.post("/coordination/conferences/new/", body)
    assert response.status_code == 302, response.content.decode()[:2000]
    made = Conference.objects.get()
    assert list(made.participant_units.all()) == [history["old"]]
    # the same dated after its end: the form refuses the choice beside the field
    body |= {"client_id": "0b7f1f0e-1e4e-4a53-9f39-4d9e2ad4a0c1", "held_on": "01/07/2025"}
    response = client.post("/coordination/conferences/new/", body)
    assert response.status_code == 400 and Conference.objects.count() == 1


def test_the_api_refuses_a_unit_for_a_record_dated_after_it_ended(world):
    unit_update(actor=world.bob, unit_id=world.post.pk, valid_to=ENDED)
    api = api_client(world.alice)
    body = {
        "unit_id": world.post.pk,
        "kind": "unilateral",
        "line_id": world.line.pk,
        "started_at": "2025-09-12T07:30:00+07:00",
        "ended_at": "2025-09-12T15:30:00+07:00",
    }
    audits = AuditRecord.objects.count()
    response = api.post("/api/v1/patrols", data=body, content_type="application/json")
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "unit_id"
    assert "Đồn Biên phòng Bản Giốc" in error["message"] and "27/06/2025" in error["message"]
    assert Patrol.objects.count() == 0 and AuditRecord.objects.count() == audits
    # a patrol of its time is recorded
    body |= {"started_at": "2025-06-27T07:30:00+07:00", "ended_at": "2025-06-27T15:30:00+07:00"}
    response = api.post("/api/v1/patrols", data=body, content_type="application/json")
    assert response.status_code == 201 and Patrol.objects.count() == 1


def test_the_api_refuses_a_participant_unit_that_had_ended_by_the_conference(world, history):
    api = api_client(world.bob)
    body = {
        "unit_id": world.tbt.pk,
        "kind": "half_year",
        "title": "Hội nghị sơ kết",
        "held_on": "2025-07-10",
        "participant_unit_ids": [world.bg.pk, history["old"].pk],
    }
    response = api.post("/api/v1/conferences", data=body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "participant_unit_ids"
    assert Conference.objects.count() == 0
    body["held_on"] = "2025-06-20"
    response = api.post("/api/v1/conferences", data=body, content_type="application/json")
    assert response.status_code == 201, response.content


def test_a_unit_may_make_records_until_its_last_day():
    ended = OrgUnit(name="Đồn Biên phòng Pò Peo", valid_from=date(2009, 1, 1), valid_to=ENDED)
    assert in_force(ended, ENDED, field="unit_id") is ended
    assert in_force(ended, date(2009, 1, 1), field="unit_id") is ended
    with pytest.raises(DomainError) as err:
        in_force(ended, date(2025, 6, 28), field="unit_id")
    assert (err.value.code, err.value.field) == (Code.UNIT_ENDED, "unit_id")
    assert "Pò Peo" in err.value.message and "27/06/2025" in err.value.message
    # nor before it was formed: the day before its first is refused, naming its first day
    with pytest.raises(DomainError) as err:
        in_force(ended, date(2008, 12, 31), field="unit_id")
    assert (err.value.code, err.value.field) == (Code.UNIT_NOT_YET_FORMED, "unit_id")
    assert "Pò Peo" in err.value.message and "01/01/2009" in err.value.message


def test_the_api_refuses_a_record_of_a_unit_not_yet_formed(world):
    unit_update(actor=world.bob, unit_id=world.post.pk, valid_from=date(2025, 7, 1))
    api = api_client(world.alice)
    body = {
        "unit_id": world.post.pk,
        "kind": "unilateral",
        "line_id": world.line.pk,
        "started_at": "2025-06-30T07:30:00+07:00",
        "ended_at": "2025-06-30T15:30:00+07:00",
    }
    audits = AuditRecord.objects.count()
    response = api.post("/api/v1/patrols", data=body, content_type="application/json")
    assert response.status_code == 422, response.content
    error = response.json()["errors"][0]
    assert error["field"] == "unit_id"
    assert "Đồn Biên phòng Bản Giốc" in error["message"] and "01/07/2025" in error["message"]
    assert Patrol.objects.count() == 0 and AuditRecord.objects.count() == audits
    body |= {"started_at": "2025-07-01T07:30:00+07:00", "ended_at": "2025-07-01T15:30:00+07:00"}
    response = api.post("/api/v1/patrols", data=body, content_type="application/json")
    assert response.status_code == 201 and Patrol.objects.count() == 1
