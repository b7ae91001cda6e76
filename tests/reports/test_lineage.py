"""Reports across the 2025 reorganisation of units: the statistics of a unit count the records
of the units it (or a unit under it) took over from, through every generation, in the period and
in the one it is compared with; a unit outside the lineage counts nowhere but in its own tree.

The story: the provincial Border Guard command ("Bộ Chỉ huy", ended 27/06/2025) had the post
Pò Peo (ended 31/12/2024), whose work went to the post Pò Peo – Ngọc Côn (01/01/2025 to
27/06/2025); on 28/06/2025 the Ban Chỉ huy (world.bg) took over from the command, and its new
post Ngọc Côn from the post Pò Peo – Ngọc Côn.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from biengioi.coordination.services import task_create
from biengioi.operations.services import incident_create, patrol_create
from biengioi.registry.models import OrgUnit, UnitKind
from biengioi.registry.services import unit_create, unit_update
from biengioi.registry.statistics import scope_paths
from biengioi.reports.figures import Figure
from biengioi.reports.narrative import open_tasks
from biengioi.reports.periods import parse
from biengioi.reports.statistics import compute

HANDOVER = date(2025, 6, 28)


@dataclass
class Lineage:
    command: OrgUnit  # the old command, ended 27/06/2025
    first: OrgUnit  # Pò Peo, under the old command, ended 31/12/2024
    second: OrgUnit  # Pò Peo – Ngọc Côn, under the old command, 2025 until the handover
    new_post: OrgUnit  # Ngọc Côn, under the Ban Chỉ huy, from the handover
    stray: OrgUnit  # an ended unit of the province no one took over from


def _unit(world, code, name, kind, parent, valid_from=None, valid_to=None, predecessors=()):
    return unit_create(
        actor=world.bob,
        code=code,
        name=name,
        kind=kind,
        parent_id=parent.pk,
        valid_from=valid_from,
        valid_to=valid_to,
        predecessor_ids=[p.pk for p in predecessors],
    )


@pytest.fixture
def lineage(world) -> Lineage:
    command = _unit(
        world,
        "TBT-BCH-BDBP",
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
        UnitKind.BORDER_GUARD_COMMAND,
        world.tbt,
        valid_to=date(2025, 6, 27),
    )
    post = UnitKind.BORDER_POST
    first = _unit(
        world, "TBT-DBP-POPEO", "Đồn Biên phòng Pò Peo", post, command, None, date(2024, 12, 31)
    )
    second = _unit(
        world,
        "TBT-DBP-POPEO-NGOCCON",
        "Đồn Biên phòng Pò Peo – Ngọc Côn",
        post,
        command,
        date(2025, 1, 1),
        date(2025, 6, 27),
        [first],
    )
    unit_update(
        actor=world.bob, unit_id=world.bg.pk, valid_from=HANDOVER, predecessor_ids=[command.pk]
    )
    name = "Đồn Biên phòng Ngọc Côn"
    new_post = _unit(world, "TBT-DBP-NGOCCON", name, post, world.bg, HANDOVER, None, [second])
    stray = _unit(
        world,
        "TBT-HQ-TRALINH",
        "Chi cục Hải quan cửa khẩu Trà Lĩnh",
        UnitKind.AGENCY,
        world.tbt,
        None,
        date(2024, 12, 31),
    )
    return Lineage(command, first, second, new_post, stray)


def _patrol(world, unit, day):
    start = datetime(day.year, day.month, day.day, 1, tzinfo=UTC)
    patrol_create(
        actor=world.bob,
        unit_id=unit.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=start,
        ended_at=start + timedelta(hours=5),
        distance_km=10,
    )


def _incident(world, unit, day):
    incident_create(
        actor=world.bob,
        unit_id=unit.pk,
        kind="encroachment",
        title="Phía bạn canh tác lấn sang đất Việt Nam",
        lon=106.601,
        lat=16.602,
        detected_on=day,
        detected_by="Tổ tuần tra",
    )


def test_the_paths_of_a_scope_follow_its_lineage_and_drop_those_covered(world, lineage):
    command, first, second = lineage.command, lineage.first, lineage.second
    # the new post: its own, then the posts it took over from, two generations back
    assert scope_paths(lineage.new_post) == (
        lineage.new_post.path,
        *sorted([first.path, second.path]),
    )
    # the Ban Chỉ huy: its own and the old command's, which covers the old posts (and the
    # new post's predecessors, found through a unit inside its tree)
    assert scope_paths(world.bg) == (world.bg.path, command.path)
    # the province: every unit of the lineage is in its tree
    assert scope_paths(world.tbt) == (world.tbt.path,)
    # the old command and a unit outside the lineage reach nothing more
    assert scope_paths(command) == (command.path,)
    assert scope_paths(world.post2) == (world.post2.path,)


def test_a_successor_counts_its_predecessors_records_in_both_periods(world, lineage):
    _patrol(world, lineage.first, date(2024, 3, 1))  # Pò Peo, the year before
    _patrol(world, lineage.second, date(2025, 3, 1))  # Pò Peo – Ngọc Côn, first half of 2025
    _patrol(world, lineage.new_post, date(2025, 9, 1))  # Ngọc Côn, after the handover
    _patrol(world, lineage.command, date(2025, 5, 1))  # the old command itself
    _patrol(world, lineage.stray, date(2024, 6, 1))  # outside the lineage
    _patrol(world, world.post2, date(2025, 4, 1))  # a post of the Ban Chỉ huy, not of Ngọc Côn
    _incident(world, lineage.command, date(2024, 8, 1))
    _incident(world, lineage.second, date(2025, 2, 1))

    post = compute(world.bob, lineage.new_post.pk, parse("2025"))
    assert post.patrols.total["patrols"] == Figure(2, 1)
    assert post.patrols.total["km"] == Figure(20, 10)
    assert post.incidents.total["arisen"] == Figure(1, 0)

    command = compute(world.erin, world.bg.pk, parse("2025"))
    assert command.patrols.total["patrols"] == Figure(4, 1)  # + the command's and Lý Vạn's
    assert command.incidents.total["arisen"] == Figure(1, 1)

    # the first half of 2025 of the post: Pò Peo – Ngọc Côn's patrol, compared with Pò Peo's
    half = compute(world.bob, lineage.new_post.pk, parse("2025-H1"))
    assert half.patrols.total["patrols"] == Figure(1, 1)

    # the province counts each record once, as it did before there was any lineage
    province = compute(world.bob, world.tbt.pk, parse("2025"))
    assert province.patrols.total["patrols"] == Figure(4, 2)
    # the old command's own report does not reach forward to its successor
    old = compute(world.bob, lineage.command.pk, parse("2025"))
    assert old.patrols.total["patrols"] == Figure(2, 1)


def test_a_unit_split_between_two_successors_counts_in_each(world, lineage):
    other = _unit(
        world,
        "TBT-DBP-TRALINH",
        "Đồn Biên phòng Trà Lĩnh",
        UnitKind.BORDER_POST,
        world.bg,
        HANDOVER,
        None,
        [lineage.second],
    )
    _patrol(world, lineage.second, date(2025, 3, 1))
    for unit in (lineage.new_post, other):
        assert compute(world.bob, unit.pk, parse("2025")).patrols.total["patrols"] == Figure(1, 0)
    # counted once in the Ban Chỉ huy's report, which holds both successors
    assert compute(world.bob, world.bg.pk, parse("2025")).patrols.total["patrols"] == Figure(1, 0)


def test_the_reports_the_predecessors_owed_count_in_the_successors_compliance(world, lineage):
    from biengioi.coordination.services import duty_add, regulation_create

    regulation, _made = regulation_create(
        actor=world.sam,
        number="12/QC-BCĐ",
        signed_on=date(2020, 3, 1),
        title="Quy chế phối hợp trong công tác biên giới",
        valid_from=date(2020, 3, 1),
        party_unit_ids=[lineage.command.pk, world.commune.pk],
    )
    duty_add(
        actor=world.sam,
        regulation_id=regulation.pk,
        kind="report",
        title="Báo cáo tình hình biên giới hằng quý",
        rhythm="quarterly",
        due_day=5,
        owner_unit_id=lineage.second.pk,
    )
    post = compute(world.bob, lineage.new_post.pk, parse("2025")).compliance
    assert post is not None
    assert post.total["due"] == Figure(4, 4) and post.total["missing"] == Figure(4, 4)
    assert post.labels["unit"] == {str(lineage.second.pk): lineage.second.name}
    # a unit outside the lineage owes none of them
    other = compute(world.bob, world.post2.pk, parse("2025")).compliance
    assert other is not None and other.total["due"] == Figure(0, 0)


def test_the_directions_name_the_open_tasks_of_the_units_taken_over(world, lineage):
    task_create(
        actor=world.sam,
        unit_id=lineage.command.pk,
        title="Hoàn thành hồ sơ mốc quốc giới",
        assigned_on=date(2025, 11, 3),
        deadline=date(2026, 3, 31),
    )
    task_create(
        actor=world.sam,
        unit_id=lineage.stray.pk,
        title="Bàn giao trụ sở",
        assigned_on=date(2025, 11, 3),
        deadline=date(2026, 3, 31),
    )
    titles = [t.title for t in open_tasks(world.bg, date(2025, 12, 31))]
    assert titles == ["Hoàn thành hồ sơ mốc quốc giới"]
    assert open_tasks(world.post2, date(2025, 12, 31)) == []


def test_the_lineage_costs_no_query_per_generation(world, lineage):
    def queries(unit) -> int:
        with CaptureQueriesContext(connection) as captured:
            compute(world.bob, unit.pk, parse("2025"))
        return len(captured)

    _patrol(world, lineage.first, date(2024, 3, 1))
    alone = queries(world.post2)  # no lineage
    followed = queries(lineage.new_post)  # two generations back
    assert followed == alone
    third = _unit(
        world,
        "TBT-DBP-NGOCCON-2",
        "Đồn Biên phòng Ngọc Côn (mới)",
        UnitKind.BORDER_POST,
        world.bg,
        date(2026, 1, 1),
        None,
        [],
    )
    unit_update(actor=world.bob, unit_id=lineage.new_post.pk, valid_to=date(2025, 12, 31))
    unit_update(actor=world.bob, unit_id=third.pk, predecessor_ids=[lineage.new_post.pk])
    for n in range(3):
        _patrol(world, lineage.second, date(2025, 2, 1) + timedelta(days=n))
    assert queries(third) == alone
