"""Talks with the other side: recorded by a unit of the actor's scope suited to the level, with a
counterpart facing the province's border, only once held; their agreed points, each of which may
become a task (deadline not before the talks, one source only); the yearly plan with items done,
not yet due and overdue. Every bad input is refused naming its field with nothing written."""

import uuid
from datetime import date, timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.coordination import talks_selectors as selectors
from biengioi.coordination.models import AgreedPoint, PlannedTalks, Talks, Task
from biengioi.coordination.services import (
    conclusion_create,
    conference_create,
    planned_talks_create,
    planned_talks_update,
    talks_create,
    talks_update,
    task_create,
    task_update,
)
from biengioi.core.errors import Code, DomainError, Stale

HELD = date(2025, 3, 20)
POINTS = ["Tuần tra song phương mỗi quý một lần", "Trao đổi thông tin qua đường dây nóng"]


def _talks(world, actor=None, **fields):
    data = {
        "unit_id": world.post.pk,
        "level": "post",
        "counterpart_id": world.counterpart.pk,
        "held_on": HELD,
        "host_side": "ours",
        "agreed_points": POINTS,
    }
    talks, _made = talks_create(actor=actor or world.alice, **{**data, **fields})
    return talks


def _planned(world, actor=None, **fields):
    data = {
        "unit_id": world.post.pk,
        "year": 2025,
        "level": "post",
        "counterpart_id": world.counterpart.pk,
        "quarter": 1,
        "topic": "Hội đàm định kỳ quý I",
    }
    planned, _made = planned_talks_create(actor=actor or world.alice, **{**data, **fields})
    return planned


def _point(talks, position=1):
    return AgreedPoint.objects.get(talks=talks, position=position)


def _counts():
    return (
        Talks.objects.count(),
        AgreedPoint.objects.count(),
        PlannedTalks.objects.count(),
        Task.objects.count(),
        AuditRecord.objects.count(),
    )


def _refused(field, code, call, *args, **kwargs):
    before = _counts()
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert _counts() == before
    return caught.value


def test_a_post_records_talks_with_their_agreed_points_audited(world):
    talks = _talks(
        world,
        our_head="Đồn trưởng Nguyễn Văn A",
        their_head="Đại đội trưởng Bounmy",
        place="Đồn Biên phòng Bản Giốc",
        agenda="Tình hình biên giới quý I",
        minutes_ref="Biên bản hội đàm số 01/BB-HĐ, lưu tại Đồn",
    )
    assert [p.text for p in selectors.talks_points(talks)] == POINTS
    assert [p.position for p in talks.points.all()] == [1, 2]
    record = AuditRecord.objects.get(action="talks.create")
    assert record.scope_path == world.post.path
    assert record.after["agreed_points"] == POINTS
    assert record.after["minutes_ref"].startswith("Biên bản hội đàm số 01")


def test_a_client_id_sent_again_returns_the_first_talks(world):
    key = uuid.uuid4()
    first = _talks(world, client_id=key)
    again, made = talks_create(
        actor=world.alice,
        client_id=key,
        unit_id=world.post.pk,
        level="post",
        counterpart_id=world.counterpart.pk,
        held_on=HELD,
        host_side="theirs",
    )
    assert (again.pk, made, again.host_side) == (first.pk, False, "ours")
    assert Talks.objects.count() == 1


def test_talks_still_to_come_are_refused(world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    _refused("held_on", Code.DATE_IN_FUTURE, _talks, world, held_on=tomorrow)


def test_a_unit_out_of_scope_is_refused(world):
    _refused("unit_id", Code.UNIT_NOT_IN_SCOPE, _talks, world, unit_id=world.post2.pk)
    _refused(
        "unit_id", Code.UNIT_NOT_IN_SCOPE, _talks, world, actor=world.bob, unit_id=world.tsn_bg.pk
    )


def test_a_counterpart_of_another_border_is_refused(world):
    error = _refused(
        "counterpart_id",
        Code.COUNTERPART_NOT_IN_PROVINCE,
        _talks,
        world,
        actor=world.bob,
        counterpart_id=world.tsn_counterpart.pk,
    )
    assert str(world.tsn_counterpart.pk) in error.message


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"level": "village"}, "level", Code.REQUIRED),
        ({"level": "border_guard"}, "unit_id", Code.TALKS_LEVEL_UNIT),
        ({"host_side": "both"}, "host_side", Code.REQUIRED),
        ({"held_on": None}, "held_on", Code.REQUIRED),
        ({"our_head": "x" * 201}, "our_head", Code.TOO_LONG),
        ({"agreed_points": ["a\x00b"]}, "agreed_points", Code.CONTROL_CHARACTERS),
        ({"agreed_points": ["x"] * 101}, "agreed_points", Code.OUT_OF_RANGE),
        ({"planned_id": 999999}, "planned_id", Code.PLANNED_NOT_FOUND),
    ],
)
def test_bad_talks_input_is_refused_naming_its_field(world, fields, field, code):
    _refused(field, code, _talks, world, **fields)


def test_a_task_from_an_agreed_point_shows_its_source_and_keeps_its_deadline(world):
    talks = _talks(world)
    point = _point(talks, 1)
    task, made = task_create(
        actor=world.alice,
        agreed_point_id=point.pk,
        unit_id=world.post.pk,
        title=point.text,
        deadline=HELD,
    )
    assert made and task.agreed_point == point and task.conclusion is None
    assert list(point.tasks.all()) == [task]
    assert AuditRecord.objects.get(action="task.create").after["agreed_point"] == point.pk
    error = _refused(
        "deadline",
        Code.DEADLINE_BEFORE_TALKS,
        task_update,
        actor=world.alice,
        task_id=task.pk,
        version=1,
        deadline=HELD - timedelta(days=1),
    )
    assert "20/03/2025" in error.message


def test_a_task_deadline_before_the_talks_is_refused(world):
    talks = _talks(world)
    _refused(
        "deadline",
        Code.DEADLINE_BEFORE_TALKS,
        task_create,
        actor=world.alice,
        agreed_point_id=_point(talks).pk,
        unit_id=world.post.pk,
        title="Tuần tra",
        deadline=HELD - timedelta(days=1),
    )


def test_a_task_with_both_a_conclusion_and_an_agreed_point_is_refused(world):
    talks = _talks(world)
    conference, _ = conference_create(
        actor=world.alice, unit_id=world.post.pk, kind="briefing", title="Giao ban", held_on=HELD
    )
    notice, _ = conclusion_create(
        actor=world.alice, conference_id=conference.pk, number="1/TB", issued_on=HELD
    )
    _refused(
        "agreed_point_id",
        Code.TASK_TWO_SOURCES,
        task_create,
        actor=world.alice,
        conclusion_id=notice.pk,
        agreed_point_id=_point(talks).pk,
        unit_id=world.post.pk,
        title="Tuần tra",
        deadline=HELD,
    )


def test_an_agreed_point_out_of_scope_cannot_become_a_task(world):
    talks = _talks(
        world, actor=world.erin, unit_id=world.post2.pk, counterpart_id=world.counterpart.pk
    )
    _refused(
        "agreed_point_id",
        Code.AGREED_POINT_NOT_FOUND,
        task_create,
        actor=world.alice,
        agreed_point_id=_point(talks).pk,
        unit_id=world.post.pk,
        title="Tuần tra",
        deadline=HELD,
    )


def test_talks_edits_keep_points_with_tasks_and_stay_before_their_deadlines(world):
    talks = _talks(world)
    task_create(
        actor=world.alice,
        agreed_point_id=_point(talks, 2).pk,
        unit_id=world.post.pk,
        title="Đường dây nóng",
        deadline=HELD + timedelta(days=10),
    )
    edited = talks_update(
        actor=world.alice,
        talks_id=talks.pk,
        version=1,
        agreed_points=["Tuần tra song phương mỗi tháng", POINTS[1], "Điểm thứ ba"],
    )
    assert edited.version == 2
    assert [p.text for p in edited.points.all()][0] == "Tuần tra song phương mỗi tháng"
    assert _point(talks, 2).tasks.count() == 1
    with pytest.raises(Stale):
        talks_update(actor=world.alice, talks_id=talks.pk, version=1, place="X")
    _refused(
        "agreed_points",
        Code.AGREED_POINT_HAS_TASK,
        talks_update,
        actor=world.alice,
        talks_id=talks.pk,
        version=2,
        agreed_points=[POINTS[0]],
    )
    error = _refused(
        "held_on",
        Code.TALKS_AFTER_DEADLINE,
        talks_update,
        actor=world.alice,
        talks_id=talks.pk,
        version=2,
        held_on=HELD + timedelta(days=11),
    )
    assert "30/03/2025" in error.message
    assert Talks.objects.get().held_on == HELD


def test_talks_outside_the_scope_are_not_found(world):
    talks = _talks(world, actor=world.erin, unit_id=world.post2.pk)
    with pytest.raises(Http404):
        selectors.talks_get(actor=world.alice, talks_id=talks.pk)
    with pytest.raises(Http404):
        talks_update(actor=world.alice, talks_id=talks.pk, version=1, place="X")
    assert selectors.talks_list(actor=world.alice).count() == 0
    assert selectors.talks_list(actor=world.erin).count() == 1


def test_the_list_filters_by_year_level_unit_and_counterpart(world):
    _talks(world)
    _talks(world, held_on=date(2024, 11, 5))
    _talks(world, actor=world.erin, unit_id=world.bg.pk, level="border_guard")
    rows = selectors.talks_list(actor=world.erin)
    assert rows.count() == 3
    assert selectors.talks_list(actor=world.erin, year=2025).count() == 2
    assert selectors.talks_list(actor=world.erin, level="post").count() == 2
    assert selectors.talks_list(actor=world.erin, unit_id=world.post.pk).count() == 2
    assert selectors.talks_list(actor=world.erin, counterpart_id=world.counterpart.pk).count() == 3
    assert {r.point_count for r in rows} == {2}


# --- the yearly plan ---------------------------------------------------------------------


def test_the_plan_shows_items_done_not_yet_due_and_overdue(world):
    year = timezone.localdate().year
    done = _planned(world, year=year - 1, quarter=None, month=3)
    overdue = _planned(world, year=year - 1, quarter=4)
    not_yet = _planned(world, year=year + 1, quarter=1)
    _talks(world, held_on=date(year - 1, 3, 20), planned_id=done.pk)
    rows = {r.pk: r.progress for r in selectors.plan_list(actor=world.alice)}
    assert rows == {done.pk: "done", overdue.pk: "overdue", not_yet.pk: "not_yet"}
    counts = selectors.plan_counts(selectors.plan_list(actor=world.alice))
    assert counts == {"total": 3, "done": 1, "overdue": 1, "not_yet": 1}
    assert selectors.plan_list(actor=world.alice, year=year - 1).count() == 2
    assert done.due_on == date(year - 1, 3, 31) and overdue.due_on == date(year - 1, 12, 31)


def test_talks_fulfil_a_plan_item_once_of_its_year_and_counterpart(world):
    planned = _planned(world)
    _talks(world, planned_id=planned.pk)
    _refused("planned_id", Code.PLANNED_ALREADY_HELD, _talks, world, planned_id=planned.pk)
    other = _planned(world, year=2024)
    _refused("planned_id", Code.PLANNED_OTHER_YEAR, _talks, world, planned_id=other.pk)
    _refused(
        "year",
        Code.PLANNED_OTHER_YEAR,
        planned_talks_update,
        actor=world.alice,
        planned_id=planned.pk,
        version=1,
        year=2026,
    )


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"quarter": None}, "month", Code.PLAN_MONTH_OR_QUARTER),
        ({"month": 2}, "month", Code.PLAN_MONTH_OR_QUARTER),
        ({"quarter": 5}, "quarter", Code.OUT_OF_RANGE),
        ({"quarter": None, "month": 13}, "month", Code.OUT_OF_RANGE),
        ({"year": 1800}, "year", Code.OUT_OF_RANGE),
        ({"topic": ""}, "topic", Code.REQUIRED),
        ({"unit_id": 0}, "unit_id", Code.UNIT_NOT_IN_SCOPE),
    ],
)
def test_bad_plan_input_is_refused_naming_its_field(world, fields, field, code):
    _refused(field, code, _planned, world, **fields)


def test_a_plan_item_of_another_border_is_refused(world):
    _refused(
        "counterpart_id",
        Code.COUNTERPART_NOT_IN_PROVINCE,
        _planned,
        world,
        actor=world.bob,
        counterpart_id=world.tsn_counterpart.pk,
    )
