"""Conferences, conclusion notices and tasks: a conference organised by a unit of the actor's
scope, its conclusion notice (never before the conference, one per conference), the tasks it
assigns (a deadline never before the conclusion), their progress updates moving the status (none
on a cancelled task, a done one reopened only explicitly), "overdue" derived, and what each unit
owes. Every bad input is refused naming its field with nothing written."""

import uuid
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.coordination import conferences_selectors as selectors
from biengioi.coordination.models import Conclusion, Conference, Task, TaskProgress
from biengioi.coordination.services import (
    conclusion_create,
    conclusion_update,
    conference_create,
    conference_update,
    task_create,
    task_progress_record,
    task_update,
)
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.registry.models import UnitKind
from tests.conftest import make_unit

HELD = date(2025, 7, 10)
ISSUED = date(2025, 7, 15)


@pytest.fixture
def ngoai_vu(world):
    """The province's Department of Foreign Affairs."""
    return make_unit("TBT-SNV", "Sở Ngoại vụ tỉnh Biên Thùy", UnitKind.FOREIGN_AFFAIRS, world.tbt)


def _conference(world, actor=None, **fields):
    data = {
        "unit_id": world.tbt.pk,
        "kind": "half_year",
        "title": "Hội nghị sơ kết công tác biên giới 6 tháng đầu năm 2025",
        "held_on": HELD,
    }
    conference, _made = conference_create(actor=actor or world.bob, **{**data, **fields})
    return conference


def _conclusion(world, conference, actor=None, **fields):
    data = {"number": "125/TB-UBND", "issued_on": ISSUED, "summary": "Kết luận của Chủ tịch"}
    notice, _made = conclusion_create(
        actor=actor or world.bob, conference_id=conference.pk, **{**data, **fields}
    )
    return notice


def _task(world, actor=None, **fields):
    data = {
        "unit_id": world.post.pk,
        "title": "Tuần tra song phương đoạn mốc 600 – 610",
        "deadline": date(2025, 9, 30),
    }
    task, _made = task_create(actor=actor or world.bob, **{**data, **fields})
    return task


def _counts():
    return (
        Conference.objects.count(),
        Conference.participant_units.through.objects.count(),
        Conclusion.objects.count(),
        Task.objects.count(),
        Task.coordinating_units.through.objects.count(),
        TaskProgress.objects.count(),
        AuditRecord.objects.count(),
    )


def _refused(field, code, call, *args, **kwargs):
    before = _counts()
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert (caught.value.field, caught.value.code) == (field, code)
    assert _counts() == before
    return caught.value


# --- conferences -------------------------------------------------------------------------


def test_a_conference_is_recorded_with_its_units_and_audited(world, ngoai_vu):
    conference = _conference(
        world,
        plan_number="239/KH-UBND",
        place="Hội trường UBND tỉnh",
        chair="Chủ tịch UBND tỉnh",
        participant_unit_ids=[world.bg.pk, ngoai_vu.pk, world.bg.pk],
        participants="Lãnh đạo các sở, ngành; các đồn biên phòng",
        participant_count=85,
    )
    assert sorted(conference.participant_units.values_list("pk", flat=True)) == sorted(
        [world.bg.pk, ngoai_vu.pk]
    )
    assert (conference.participant_count, conference.version) == (85, 1)
    record = AuditRecord.objects.get(action="conference.create")
    assert record.scope_path == world.tbt.path
    assert record.after["plan_number"] == "239/KH-UBND"


def test_a_client_id_sent_again_returns_the_first_conference(world):
    client_id = uuid.uuid4()
    first = _conference(world, client_id=client_id)
    again, made = conference_create(
        actor=world.bob,
        client_id=client_id,
        unit_id=world.tbt.pk,
        kind="annual",
        title="Khác",
        held_on=HELD,
    )
    assert (again.pk, made, again.title) == (first.pk, False, first.title)
    assert Conference.objects.count() == 1
    _refused("id", Code.CLIENT_ID_TAKEN, _conference, world, actor=world.erin, client_id=client_id)


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"kind": "party"}, "kind", Code.REQUIRED),
        ({"title": " "}, "title", Code.REQUIRED),
        ({"title": "x" * 301}, "title", Code.TOO_LONG),
        ({"plan_number": "x" * 61}, "plan_number", Code.TOO_LONG),
        ({"held_on": None}, "held_on", Code.REQUIRED),
        ({"participant_count": -1}, "participant_count", Code.OUT_OF_RANGE),
        ({"note": "a\x00b"}, "note", Code.CONTROL_CHARACTERS),
    ],
)
def test_bad_conference_input_is_refused_naming_its_field(world, fields, field, code):
    _refused(field, code, _conference, world, **fields)


def test_a_conference_still_to_come_is_refused(world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    _refused("held_on", Code.DATE_IN_FUTURE, _conference, world, held_on=tomorrow)


def test_units_outside_the_scope_are_refused(world):
    _refused("unit_id", Code.UNIT_NOT_IN_SCOPE, _conference, world, actor=world.alice)
    _refused("unit_id", Code.UNIT_NOT_IN_SCOPE, _conference, world, unit_id=world.tsn.pk)
    _refused(
        "participant_unit_ids",
        Code.UNIT_NOT_IN_SCOPE,
        _conference,
        world,
        participant_unit_ids=[world.post.pk, world.tsn_bg.pk],
    )


def test_a_conference_edit_is_versioned_and_stays_before_its_conclusion(world):
    conference = _conference(world)
    _conclusion(world, conference)
    edited = conference_update(
        actor=world.bob, conference_id=conference.pk, version=1, place="Nhà khách tỉnh"
    )
    assert edited.version == 2
    with pytest.raises(Stale):
        conference_update(actor=world.bob, conference_id=conference.pk, version=1, chair="X")
    error = _refused(
        "held_on",
        Code.CONFERENCE_AFTER_CONCLUSION,
        conference_update,
        actor=world.bob,
        conference_id=conference.pk,
        version=2,
        held_on=ISSUED + timedelta(days=1),
    )
    assert "15/07/2025" in error.message
    assert Conference.objects.get().held_on == HELD


def test_a_conference_outside_the_scope_is_not_found(world):
    conference = _conference(world, unit_id=world.post2.pk)
    with pytest.raises(Http404):
        selectors.conference_get(actor=world.alice, conference_id=conference.pk)
    with pytest.raises(Http404):
        conference_update(actor=world.alice, conference_id=conference.pk, version=1, chair="X")
    with pytest.raises(Http404):
        _conclusion(world, conference, actor=world.charlie)


def test_the_list_filters_by_kind_year_and_unit(world):
    _conference(world)
    _conference(world, kind="briefing", held_on=date(2024, 3, 5), unit_id=world.bg.pk)
    _conference(world, kind="briefing", held_on=date(2025, 1, 6), unit_id=world.post.pk)
    assert selectors.conference_list(actor=world.bob).count() == 3
    assert selectors.conference_list(actor=world.bob, kind="briefing").count() == 2
    assert selectors.conference_list(actor=world.bob, year=2025).count() == 2
    assert selectors.conference_list(actor=world.bob, unit_id=world.bg.pk).count() == 2
    assert selectors.conference_list(actor=world.alice).count() == 1
    assert selectors.conference_list(actor=world.charlie).count() == 0


def test_the_secretariat_runs_the_committee_conference_and_assigns_its_tasks(world):
    conference = _conference(world, actor=world.sam)
    notice = _conclusion(world, conference, actor=world.sam)
    task = _task(world, actor=world.sam, conclusion_id=notice.pk, unit_id=world.post2.pk)
    assert (conference.unit, task.unit, task.conclusion) == (world.tbt, world.post2, notice)
    assert AuditRecord.objects.filter(actor=world.sam).count() == 3


def test_a_reader_cannot_record(world):
    with pytest.raises(PermissionDenied):
        _conference(world, actor=world.lee)


# --- conclusion notices ------------------------------------------------------------------


def test_a_conclusion_is_recorded_once_per_conference(world):
    conference = _conference(world)
    notice = _conclusion(world, conference)
    assert AuditRecord.objects.get(action="conclusion.create").after["number"] == "125/TB-UBND"
    _refused("conference_id", Code.CONCLUSION_EXISTS, _conclusion, world, conference)
    assert Conclusion.objects.get() == notice


def test_a_conclusion_before_the_conference_is_refused_naming_issued_on(world):
    conference = _conference(world)
    error = _refused(
        "issued_on",
        Code.CONCLUSION_BEFORE_CONFERENCE,
        _conclusion,
        world,
        conference,
        issued_on=HELD - timedelta(days=1),
    )
    assert "10/07/2025" in error.message
    tomorrow = timezone.localdate() + timedelta(days=1)
    _refused("issued_on", Code.DATE_IN_FUTURE, _conclusion, world, conference, issued_on=tomorrow)
    _refused("number", Code.REQUIRED, _conclusion, world, conference, number="")


def test_a_conclusion_cannot_move_after_a_deadline_of_its_tasks(world):
    notice = _conclusion(world, _conference(world))
    _task(world, conclusion_id=notice.pk, deadline=date(2025, 7, 31))
    _refused(
        "issued_on",
        Code.CONCLUSION_AFTER_DEADLINE,
        conclusion_update,
        actor=world.bob,
        conclusion_id=notice.pk,
        version=1,
        issued_on=date(2025, 8, 1),
    )
    moved = conclusion_update(
        actor=world.bob, conclusion_id=notice.pk, version=1, issued_on=date(2025, 7, 20)
    )
    assert moved.version == 2
    with pytest.raises(Stale):
        conclusion_update(actor=world.bob, conclusion_id=notice.pk, version=1, summary="X")


# --- tasks -------------------------------------------------------------------------------


def test_a_task_from_a_conclusion_is_assigned_and_audited(world, ngoai_vu):
    notice = _conclusion(world, _conference(world))
    task = _task(
        world,
        conclusion_id=notice.pk,
        coordinating_unit_ids=[ngoai_vu.pk],
        description="Phối hợp với trạm biên phòng phía bên kia",
    )
    assert (task.status, task.version, task.conclusion) == ("new", 1, notice)
    record = AuditRecord.objects.get(action="task.create")
    assert record.after["coordinating_units"] == [ngoai_vu.pk]
    assert record.scope_path == world.post.path
    standalone = _task(world, title="Rà soát hồ sơ mốc")
    assert standalone.conclusion is None


def test_a_deadline_before_the_conclusion_is_refused_naming_deadline(world):
    notice = _conclusion(world, _conference(world))
    error = _refused(
        "deadline",
        Code.DEADLINE_BEFORE_CONCLUSION,
        _task,
        world,
        conclusion_id=notice.pk,
        deadline=ISSUED - timedelta(days=1),
    )
    assert "15/07/2025" in error.message
    task = _task(world, conclusion_id=notice.pk)
    _refused(
        "deadline",
        Code.DEADLINE_BEFORE_CONCLUSION,
        task_update,
        actor=world.bob,
        task_id=task.pk,
        version=1,
        deadline=date(2025, 7, 1),
    )
    assert Task.objects.get().deadline == date(2025, 9, 30)


def test_bad_task_input_is_refused_naming_its_field(world):
    other = _conclusion(
        world, _conference(world, actor=world.charlie, unit_id=world.tsn.pk), actor=world.charlie
    )
    _refused("conclusion_id", Code.CONCLUSION_NOT_FOUND, _task, world, conclusion_id=other.pk)
    _refused("unit_id", Code.UNIT_NOT_IN_SCOPE, _task, world, unit_id=world.tsn_bg.pk)
    _refused(
        "unit_id", Code.UNIT_NOT_IN_SCOPE, _task, world, actor=world.alice, unit_id=world.post2.pk
    )
    _refused(
        "coordinating_unit_ids",
        Code.UNIT_NOT_IN_SCOPE,
        _task,
        world,
        coordinating_unit_ids=[world.tsn_bg.pk],
    )
    _refused("title", Code.REQUIRED, _task, world, title="")
    _refused("deadline", Code.REQUIRED, _task, world, deadline=None)


def test_progress_moves_the_status_and_is_audited(world):
    task = _task(world)
    update, made = task_progress_record(
        actor=world.alice,
        task_id=task.pk,
        on=date(2025, 8, 1),
        text="Đã tuần tra 2 lần",
        evidence="Biên bản tuần tra số 12",
        status="in_progress",
    )
    task.refresh_from_db()
    assert made and (task.status, task.version) == ("in_progress", 2)
    assert (update.status, update.status_before) == ("in_progress", "new")
    record = AuditRecord.objects.get(action="task.progress")
    assert record.before["status"] == "new" and record.after["status"] == "in_progress"
    assert record.after["progress"]["evidence"] == "Biên bản tuần tra số 12"
    again, made_again = task_progress_record(
        actor=world.alice, task_id=task.pk, on=date(2025, 8, 2), text="Tiếp tục"
    )
    task.refresh_from_db()
    assert made_again and again.status == "" and task.status == "in_progress"


def test_a_progress_update_on_a_cancelled_task_is_refused_naming_task(world):
    task = _task(world)
    task_progress_record(
        actor=world.bob, task_id=task.pk, on=date(2025, 8, 1), text="Hủy", status="cancelled"
    )
    for status in (None, "in_progress", "done"):
        _refused(
            "task",
            Code.TASK_CANCELLED,
            task_progress_record,
            actor=world.alice,
            task_id=task.pk,
            on=date(2025, 8, 2),
            text="Vẫn làm",
            status=status,
        )
    assert Task.objects.get().status == "cancelled"


def test_a_done_task_is_reopened_only_by_an_explicit_status(world):
    task = _task(world)
    task_progress_record(
        actor=world.alice, task_id=task.pk, on=date(2025, 8, 1), text="Xong", status="done"
    )
    _refused(
        "status",
        Code.TASK_DONE_NEEDS_STATUS,
        task_progress_record,
        actor=world.alice,
        task_id=task.pk,
        on=date(2025, 8, 2),
        text="Bổ sung",
    )
    _refused(
        "status",
        Code.TASK_BACK_TO_NEW,
        task_progress_record,
        actor=world.alice,
        task_id=task.pk,
        on=date(2025, 8, 2),
        text="Làm lại",
        status="new",
    )
    task_progress_record(
        actor=world.alice,
        task_id=task.pk,
        on=date(2025, 8, 3),
        text="Mở lại để bổ sung",
        status="in_progress",
    )
    assert Task.objects.get().status == "in_progress"


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"on": None}, "on", Code.REQUIRED),
        ({"text": " "}, "text", Code.REQUIRED),
        ({"evidence": "x" * 301}, "evidence", Code.TOO_LONG),
        ({"status": "paused"}, "status", Code.REQUIRED),
    ],
)
def test_bad_progress_input_is_refused_naming_its_field(world, fields, field, code):
    task = _task(world)
    data = {"on": date(2025, 8, 1), "text": "Đã làm", **fields}
    _refused(field, code, task_progress_record, actor=world.alice, task_id=task.pk, **data)


def test_a_progress_update_still_to_come_is_refused(world):
    task = _task(world)
    tomorrow = timezone.localdate() + timedelta(days=1)
    _refused(
        "on",
        Code.DATE_IN_FUTURE,
        task_progress_record,
        actor=world.alice,
        task_id=task.pk,
        on=tomorrow,
        text="Sẽ làm",
    )


def test_a_progress_update_is_recorded_once_per_client_id_and_checks_the_version(world):
    task = _task(world)
    client_id = uuid.uuid4()
    first, _ = task_progress_record(
        actor=world.alice, task_id=task.pk, on=date(2025, 8, 1), text="A", client_id=client_id
    )
    again, made = task_progress_record(
        actor=world.alice, task_id=task.pk, on=date(2025, 8, 1), text="B", client_id=client_id
    )
    assert (again.pk, made) == (first.pk, False) and TaskProgress.objects.count() == 1
    before = _counts()
    with pytest.raises(Stale):
        task_progress_record(
            actor=world.alice, task_id=task.pk, on=date(2025, 8, 2), text="C", version=1
        )
    assert _counts() == before


def test_a_task_of_another_unit_cannot_be_updated(world):
    task = _task(world, unit_id=world.post2.pk)
    with pytest.raises(Http404):
        task_progress_record(actor=world.alice, task_id=task.pk, on=date(2025, 8, 1), text="X")
    with pytest.raises(Http404):
        selectors.task_get(actor=world.alice, task_id=task.pk)


def test_each_unit_sees_what_it_owes_and_what_is_overdue(world, ngoai_vu):
    today = date(2025, 10, 15)
    late = _task(world, deadline=date(2025, 9, 30))
    _task(world, deadline=date(2025, 12, 31))
    done = _task(world, deadline=date(2025, 8, 31))
    task_progress_record(
        actor=world.bob, task_id=done.pk, on=date(2025, 8, 1), text="Xong", status="done"
    )
    other = _task(
        world,
        unit_id=world.post2.pk,
        deadline=date(2025, 9, 1),
        coordinating_unit_ids=[world.post.pk],
    )
    _task(world, unit_id=ngoai_vu.pk, deadline=date(2025, 10, 1))

    bob = selectors.task_list(actor=world.bob, today=today)
    assert selectors.task_counts(bob, today) == {
        "total": 5,
        "overdue": 3,
        "new": 4,
        "in_progress": 0,
        "done": 1,
        "cancelled": 0,
    }
    by_unit = {r["unit_id"]: r["count"] for r in selectors.overdue_by_unit(bob, today)}
    assert by_unit == {world.post.pk: 1, world.post2.pk: 1, ngoai_vu.pk: 1}
    assert selectors.overdue_by_unit(selectors.task_list(actor=world.alice, mine=True), today) == [
        {"unit_id": world.post.pk, "unit__name": world.post.name, "count": 1}
    ]
    overdue = selectors.task_list(actor=world.bob, status="overdue", today=today)
    assert {t.pk for t in overdue} == {late.pk, other.pk, Task.objects.get(unit=ngoai_vu).pk}

    # Alice's post owes three tasks and coordinates the Lý Vạn one.
    assert selectors.task_list(actor=world.alice, today=today).count() == 4
    mine = selectors.task_list(actor=world.alice, mine=True, today=today)
    assert other not in mine and mine.count() == 3
    assert selectors.task_get(actor=world.alice, task_id=other.pk) == other
    assert selectors.task_list(actor=world.bob, unit_id=world.post2.pk).get() == other
    assert selectors.task_list(actor=world.charlie).count() == 0
    done.refresh_from_db()
    assert late.is_overdue(today) and not done.is_overdue(today)


def test_a_unit_given_a_task_reads_the_conference_but_cannot_change_it(world):
    """The province's review gives Bản Giốc a task: Alice reads the conference, its notice and
    her task (not Lý Vạn's), and cannot correct the conference."""
    conference = _conference(world)
    notice = _conclusion(world, conference)
    hers = _task(world, conclusion_id=notice.pk)
    _task(world, conclusion_id=notice.pk, unit_id=world.post2.pk)
    other = _conference(world, title="Giao ban", kind="briefing")

    assert selectors.conference_get(actor=world.alice, conference_id=conference.pk) == conference
    assert selectors.conclusion_get(actor=world.alice, conclusion_id=notice.pk) == notice
    assert list(selectors.conference_list(actor=world.alice)) == [conference]
    assert list(selectors.task_list(actor=world.alice, conclusion_id=notice.pk)) == [hers]
    with pytest.raises(Http404):
        selectors.conference_get(actor=world.alice, conference_id=other.pk)
    with pytest.raises(Http404):
        conference_update(actor=world.alice, conference_id=conference.pk, version=1, chair="X")
    with pytest.raises(Http404):
        conclusion_update(actor=world.alice, conclusion_id=notice.pk, version=1, summary="X")
