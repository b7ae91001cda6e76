"""The statistics of a report, section by section: what each figure counts, the previous period,
the scope (a unit and those under it), and a number of queries that does not grow with the rows."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from biengioi.coordination.services import task_create, task_progress_record
from biengioi.operations.services import (
    incident_close,
    incident_create,
    incident_step_add,
    patrol_create,
)
from biengioi.reports.figures import Figure
from biengioi.reports.periods import parse
from biengioi.reports.statistics import compute


def _incident(world, detected_on, kind="encroachment", actor=None, unit=None):
    incident, _made = incident_create(
        actor=actor or world.alice,
        unit_id=(unit or world.post).pk,
        kind=kind,
        title="Phía bạn canh tác lấn sang đất Việt Nam",
        lon=106.601,
        lat=16.602,
        detected_on=detected_on,
        detected_by="Tổ tuần tra",
    )
    return incident


def _step(world, incident, level, on):
    incident_step_add(
        actor=world.alice,
        incident_id=incident.pk,
        level=level,
        on=on,
        handled_by="Đồn Biên phòng Bản Giốc",
        channel="meeting",
        summary="Gặp phía bạn",
    )


def _patrol(world, day, unit=None, actor=None):
    start = datetime(day.year, day.month, day.day, 1, tzinfo=UTC)
    patrol_create(
        actor=actor or world.alice,
        unit_id=(unit or world.post).pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=start,
        ended_at=start + timedelta(hours=5),
        distance_km=10,
    )


def test_incidents_arisen_resolved_outstanding_and_overdue_at_the_period_end(world):
    settled = _incident(world, date(2024, 3, 1))
    _step(world, settled, "grassroots", date(2024, 3, 2))
    incident_close(
        actor=world.alice,
        incident_id=settled.pk,
        version=settled.version + 1,
        closed_on=date(2024, 3, 10),
        result="Phía bạn đã rút",
    )
    _incident(world, date(2024, 11, 1))  # open, past the grassroots' 15 days by 31/12/2024
    _incident(world, date(2024, 12, 25), kind="marker_damage")  # open, within its 15 days
    climbed = _incident(world, date(2023, 6, 1), kind="resident_dispute")
    _step(world, climbed, "grassroots", date(2023, 6, 2))
    # at the province since 01/12/2024: 45 days, not overdue at the end of 2024 (it was at the
    # grassroots, and overdue, at the end of 2023)
    _step(world, climbed, "province", date(2024, 12, 1))
    _incident(world, date(2024, 5, 5), actor=world.erin, unit=world.post2)  # another post's

    stats = compute(world.alice, world.post.pk, parse("2024"))
    total = stats.incidents.total
    assert total["arisen"] == Figure(3, 1)
    assert total["resolved"] == Figure(1, 0)
    assert total["outstanding"] == Figure(3, 1)
    assert total["overdue"] == Figure(1, 1)
    kinds = stats.incidents.by["kind"]
    assert kinds["encroachment"]["arisen"] == Figure(2, 0)
    assert kinds["resident_dispute"]["overdue"] == Figure(0, 1)
    assert stats.incidents.labels["kind"]["encroachment"] == "Xâm canh, xâm cư"
    levels = stats.incidents.by["level"]
    assert levels["grassroots"]["outstanding"] == Figure(2, 1)
    assert levels["grassroots"]["overdue"] == Figure(1, 1)
    assert levels["province"]["outstanding"] == Figure(1, 0)
    assert levels["central"]["outstanding"] == Figure(0, 0)

    # the command sees both posts' incidents
    command = compute(world.erin, world.bg.pk, parse("2024"))
    assert command.incidents.total["arisen"] == Figure(4, 1)


def test_tasks_due_done_on_time_and_overdue_at_the_period_end(world):
    def task(deadline, done_on=None):
        made, _ = task_create(
            actor=world.sam, unit_id=world.post.pk, title=f"Nhiệm vụ {deadline}", deadline=deadline
        )
        if done_on:
            task_progress_record(
                actor=world.alice, task_id=made.pk, on=done_on, text="Đã xong", status="done"
            )

    task(date(2024, 6, 30), done_on=date(2024, 7, 10))  # done late
    task(date(2024, 3, 31), done_on=date(2024, 3, 20))  # done on time
    task(date(2024, 10, 1))  # never done: overdue at the end of 2024
    task(date(2025, 2, 1))  # due the next year: not overdue at the end of 2024
    stats = compute(world.sam, world.tbt.pk, parse("2024"))
    tasks = stats.tasks.total
    assert tasks["due"] == Figure(3, 0)
    assert tasks["done"] == Figure(2, 0)
    assert tasks["done_on_time"] == Figure(1, 0)
    assert tasks["overdue"] == Figure(1, 0)
    assert round(tasks["on_time_percent"].value, 1) == Decimal("33.3")
    # on 30/06/2024 nothing was overdue yet (the late task's deadline is that very day); from
    # 01/07 to its completion on 10/07 it was
    h1 = compute(world.sam, world.tbt.pk, parse("2024-H1"))
    assert h1.tasks.total["overdue"].value == 0
    assert compute(world.sam, world.tbt.pk, parse("2024-01-01..2024-08-31")).tasks.total[
        "overdue"
    ] == Figure(0, 0)
    assert compute(world.sam, world.tbt.pk, parse("2024-07-01..2024-07-05")).tasks.total[
        "overdue"
    ] == Figure(1, 0)


def test_patrols_count_in_the_scope_and_in_the_period_of_their_local_day(world):
    _patrol(world, date(2024, 2, 1))
    _patrol(world, date(2023, 2, 1))
    _patrol(world, date(2024, 2, 2), unit=world.post2, actor=world.erin)
    # 31/12/2024 18:30 UTC is 01/01/2025 01:30 in Hà Nội: a patrol of 2025
    late = datetime(2024, 12, 31, 18, 30, tzinfo=UTC)
    patrol_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=late,
        ended_at=late + timedelta(hours=2),
    )
    post = compute(world.alice, world.post.pk, parse("2024"))
    assert post.patrols.total["patrols"] == Figure(1, 1)
    assert post.patrols.total["km"] == Figure(10, 10)
    province = compute(world.sam, world.tbt.pk, parse("2024"))
    assert province.patrols.total["patrols"] == Figure(2, 1)
    assert province.patrols.total["patrols"].trend == "tăng"
    assert compute(world.sam, world.tbt.pk, parse("2025-Q1")).patrols.total["patrols"].value == 1


def test_the_labels_of_the_breakdowns_are_the_document_s_vietnamese_in_any_language(world):
    """Figures computed for an English request (a report drafted from the English pages) keep
    the Vietnamese choice labels: the document and its frozen snapshot print them."""
    _patrol(world, date(2024, 2, 1))
    with translation.override("en"):
        stats = compute(world.sam, world.tbt.pk, parse("2024"))
    assert stats.patrols.labels["kind"]["unilateral"] == "Tuần tra đơn phương"
    assert stats.crime.labels["category"]["smuggling"] == "Buôn lậu, gian lận thương mại"
    assert stats.registry.labels["marker_status"]["intact"] == "Nguyên trạng"


def test_the_registry_of_a_scope(world):
    stats = compute(world.sam, world.tbt.pk, parse("2025"))
    registry = stats.registry.total
    assert registry["markers"] == Figure(1, 1)
    assert registry["gates"] == Figure(1, 1)
    assert registry["signs"] == Figure(1, 1)
    assert registry["km"].value == registry["km"].previous > 0
    # the marker's status was first recorded on 15/01/2025: none known at the end of 2024
    assert stats.registry.by["marker_status"]["intact"]["count"] == Figure(1, 0)
    # the gate was recorded open today: open at the end of this year, not at the end of the last
    this_year = compute(world.sam, world.tbt.pk, parse(str(timezone.localdate().year)))
    assert this_year.registry.total["gates_open"] == Figure(1, 0)
    other = compute(world.charlie, world.tsn.pk, parse("2025"))
    assert other.registry.total["markers"] == Figure(1, 1)
    assert other.registry.total["gates"] == Figure(1, 1)


def test_a_unit_outside_the_actors_scope_is_not_found(world):
    with pytest.raises(Http404):
        compute(world.alice, world.tbt.pk, parse("2025"))
    with pytest.raises(Http404):
        compute(world.charlie, world.post.pk, parse("2025"))
    with pytest.raises(Http404):
        compute(world.alice, world.post2.pk, parse("2025"))


def test_an_actor_signed_out_is_refused(world):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        compute(AnonymousUser(), world.post.pk, parse("2025"))


def test_the_number_of_queries_does_not_grow_with_the_records(world):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            compute(world.sam, world.tbt.pk, parse("2024"))
        return len(captured)

    _patrol(world, date(2024, 2, 1))
    _incident(world, date(2024, 3, 1))
    few = queries()
    for n in range(5):
        _patrol(world, date(2024, 3, 1) + timedelta(days=n))
        _incident(world, date(2024, 4, 1) + timedelta(days=n), kind="resources")
    assert queries() == few


def test_compliance_counts_the_reports_the_regulations_expected_and_the_share_on_time(world):
    from biengioi.coordination.rhythms import period_of
    from biengioi.coordination.services import duty_add, regulation_create, submission_create

    regulation, _made = regulation_create(
        actor=world.sam,
        number="12/QC-BCĐ",
        signed_on=date(2020, 3, 1),
        title="Quy chế phối hợp trong công tác biên giới",
        valid_from=date(2020, 3, 1),
        party_unit_ids=[world.bg.pk, world.commune.pk],
    )
    duty, _made = duty_add(
        actor=world.sam,
        regulation_id=regulation.pk,
        kind="report",
        title="Báo cáo tình hình biên giới hằng tháng",
        rhythm="monthly",
        due_day=5,
        owner_unit_id=world.post.pk,
    )
    for month, late in ((1, 0), (2, 3), (3, 0)):
        period = period_of("monthly", 5, date(2025, month, 1))
        submission_create(
            actor=world.alice,
            duty_id=duty.pk,
            period_start=period.start,
            submitted_on=period.due_on + timedelta(days=late),
        )
    january_2024 = period_of("monthly", 5, date(2024, 1, 1))
    submission_create(
        actor=world.alice,
        duty_id=duty.pk,
        period_start=january_2024.start,
        submitted_on=january_2024.due_on,
    )
    c = compute(world.bob, world.tbt.pk, parse("2025")).compliance
    assert c is not None
    totals = {name: (f.value, f.previous) for name, f in c.total.items()}
    assert totals["due"] == (12, 12) and totals["submitted"] == (3, 1)
    assert totals["on_time"] == (2, 1) and totals["late"] == (1, 0)
    assert totals["missing"] == (9, 11)
    assert totals["on_time_percent"] == (Decimal("16.7"), Decimal("8.3"))
    assert c.labels["unit"] == {str(world.post.pk): world.post.name}
    assert c.by["unit"][str(world.post.pk)]["on_time"] == Figure(2, 1)
    assert c.by["unit"][str(world.post.pk)]["late_days_max"] == Figure(3, 0)  # February's
    # another post's scope sees none of them
    other = compute(world.bob, world.post2.pk, parse("2025")).compliance
    assert other is not None and other.total["due"] == Figure(0, 0)


def test_a_period_still_running_is_counted_to_today_and_compared_with_the_same_days(world):
    """The annual report is drafted in December: the figures stand on the day they are
    computed, an incident is not overdue on a day still to come, and the year before is cut at
    the same day."""
    from biengioi.reports.narrative import annex_tables, draft
    from biengioi.reports.statistics import from_json, to_json

    _incident(world, date(2024, 11, 1))  # 9 days old on 10/11/2024: overdue only by 31/12
    _incident(world, date(2024, 10, 1))  # 40 days old on 10/11/2024: overdue then
    _incident(world, date(2023, 11, 5))  # before 10/11/2023: in the comparison
    _incident(world, date(2023, 12, 1))  # after it: the same days a year earlier leave it out

    running = compute(world.alice, world.post.pk, parse("2024"), today=date(2024, 11, 10))
    assert running.as_of == date(2024, 11, 10) == running.end
    assert running.incidents.total["arisen"] == Figure(2, 1)
    # overdue on 10/11/2024: the two of 2023 and the one of 01/10/2024; on 10/11/2023, none
    assert running.incidents.total["overdue"] == Figure(3, 0)
    assert from_json(to_json(running)).as_of == date(2024, 11, 10)
    columns = annex_tables(running)[0].columns
    assert columns[1].title == "Năm 2024 (đến 10/11/2024)"
    assert columns[2].title == "Cùng kỳ (đến 10/11/2023)"
    shortcomings = draft(running, unit=world.post, period=running.period)["shortcomings"]
    assert "đến ngày 10/11/2024 còn 3 vụ việc quá thời hạn xử lý, gồm: vụ" in shortcomings

    ended = compute(world.alice, world.post.pk, parse("2024"), today=date(2025, 1, 5))
    assert ended.as_of is None and ended.end == date(2024, 12, 31)
    assert ended.incidents.total["arisen"] == Figure(2, 2)
    assert ended.incidents.total["overdue"] == Figure(4, 2)
    assert from_json(to_json(ended)).as_of is None
