"""Task reminders: a reminder REMINDER_DAYS days or fewer before the deadline to the users of the
assigned unit, one when it is overdue to them and to the secretariat of the province; once per
deadline (a moved deadline reminds again), none for done or cancelled tasks, in a fixed number
of queries; and the scheduler run that makes them, audited once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from biengioi.audit.models import AuditRecord
from biengioi.coordination.reminders import task_reminders
from biengioi.coordination.services import task_create, task_progress_record, task_update
from biengioi.notifications import scheduler
from biengioi.notifications.models import Notification, SchedulerRun
from biengioi.notifications.services import Reminder
from tests.conftest import make_user

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.REMINDER_DAYS = 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _task(world, unit=None, days=3, **fields):
    task, _made = task_create(
        actor=world.bob,
        unit_id=(unit or world.post).pk,
        title=fields.pop("title", "Tuần tra song phương"),
        deadline=TODAY + timedelta(days=days),
    )
    return task


def _by_key(reminders):
    return {r.key: sorted(r.recipients) for r in reminders}


def test_a_task_due_within_the_window_reminds_the_users_of_its_unit(world):
    task = _task(world, days=3)
    colleague = make_user("an", "unit_staff", world.post)
    reminders = task_reminders(TODAY)
    key = f"task:{task.pk}:due:{task.deadline.isoformat()}"
    assert _by_key(reminders) == {key: sorted([world.alice.pk, colleague.pk])}
    (reminder,) = reminders
    assert reminder.title == "Sắp đến hạn: Tuần tra song phương"
    assert "còn 3 ngày" in reminder.body
    assert reminder.link == f"/coordination/tasks/{task.pk}/"


def test_a_task_due_later_than_the_window_reminds_nobody_yet(world):
    _task(world, days=4)
    assert task_reminders(TODAY) == []


def test_the_window_is_a_setting(world, settings):
    _task(world, days=4)
    settings.REMINDER_DAYS = 5
    assert len(task_reminders(TODAY)) == 1


def test_an_overdue_task_reminds_its_unit_and_the_secretariat_of_its_province(world):
    task = _task(world, days=10)
    other_secretariat = make_user("tsn.sec", "secretariat", world.tsn)
    later = TODAY + timedelta(days=12)
    reminders = task_reminders(later)
    key = f"task:{task.pk}:overdue:{task.deadline.isoformat()}"
    assert _by_key(reminders) == {key: sorted([world.alice.pk, world.sam.pk])}
    assert other_secretariat.pk not in reminders[0].recipients
    assert "đã qua 2 ngày" in reminders[0].body


def test_done_and_cancelled_tasks_remind_nobody(world):
    done, cancelled = _task(world, days=1), _task(world, days=2)
    task_progress_record(actor=world.alice, task_id=done.pk, on=TODAY, text="Xong", status="done")
    task_progress_record(
        actor=world.alice, task_id=cancelled.pk, on=TODAY, text="Hủy", status="cancelled"
    )
    assert task_reminders(TODAY) == []
    assert task_reminders(TODAY + timedelta(days=30)) == []


def test_a_moved_deadline_reminds_again(world, django_capture_on_commit_callbacks):
    task = _task(world, days=2)
    assert scheduler.run_once(TODAY).created == 1
    assert scheduler.run_once(TODAY).created == 0
    task_update(
        actor=world.bob, task_id=task.pk, version=task.version, deadline=TODAY + timedelta(days=1)
    )
    assert scheduler.run_once(TODAY).created == 1
    assert Notification.objects.filter(recipient=world.alice).count() == 2


def test_the_job_reads_in_a_fixed_number_of_queries(world, django_assert_num_queries):
    _task(world, days=1)
    _task(world, days=30)  # not due yet
    with django_assert_num_queries(3):  # tasks, their units' users, the secretariat
        task_reminders(TODAY + timedelta(days=5))
    make_user("ly", "field_officer", world.post2)
    for n in range(15):
        _task(world, unit=world.post2 if n % 2 else world.post, days=n % 4)
    with django_assert_num_queries(3):
        reminders = task_reminders(TODAY + timedelta(days=2))
    assert len(reminders) == 16  # all but the one due in 30 days


def test_a_scheduler_run_twice_makes_nothing_the_second_time_and_is_audited_once(
    world, django_capture_on_commit_callbacks
):
    world.alice.email = "alice@example.vn"
    world.alice.save()
    _task(world, days=1)
    _task(world, days=3)
    audits = AuditRecord.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        first = scheduler.run_once(TODAY)
    assert (first.created, first.jobs["coordination.tasks"]) == (2, 2)
    assert len(mail.outbox) == 2
    second = scheduler.run_once(TODAY)
    assert (second.created, second.emailed) == (0, 0)
    assert len(mail.outbox) == 2
    run = SchedulerRun.objects.get()
    assert run.created == 2
    record = AuditRecord.objects.get(seq__gt=0, action="scheduler.run")
    assert record.after["created"] == 2
    assert AuditRecord.objects.count() == audits + 1


def test_a_failing_job_is_named_and_the_others_still_run(world, monkeypatch):
    def broken(today):
        raise RuntimeError("boom")

    monkeypatch.setitem(scheduler.JOBS, "broken", broken)
    monkeypatch.setitem(
        scheduler.JOBS, "hello", lambda today: [Reminder([world.lee], "hello", "Xin chào")]
    )
    _task(world, days=0)
    result = scheduler.run_once(TODAY)
    assert result.failed == ["broken"]
    assert result.created == 2  # the task's reminder and hello
    assert SchedulerRun.objects.get().failed == ["broken"]


def test_a_job_may_notify_by_itself(world, monkeypatch):
    from biengioi.notifications.services import notify

    def job(today):
        notify(recipients=[world.lee], key="self", title="Tự gửi")

    monkeypatch.setattr(scheduler, "JOBS", {"self": job})
    result = scheduler.run_once(TODAY)
    assert result.failed == []
    assert Notification.objects.get().key == "self"
