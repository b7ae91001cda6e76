"""Reminders of the reports the coordination regulations expect: a period not yet sent is
reminded to the owing unit REMINDER_DAYS days or fewer before its due day, and once overdue to
that unit and the province's secretariat; a sent period reminds nobody; the scheduler makes each
reminder once however often it runs."""

from datetime import date

import pytest
from django.core import mail

from biengioi.coordination.reminders import submission_reminders
from biengioi.coordination.rhythms import due_dates
from biengioi.coordination.services import duty_add, regulation_create, submission_create
from biengioi.notifications import scheduler
from biengioi.notifications.models import Notification

SIGNED = date(2020, 3, 1)


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.REMINDER_DAYS = 3
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def duty(world):
    regulation, _made = regulation_create(
        actor=world.sam,
        number="12/QC-BCĐ",
        signed_on=SIGNED,
        title="Quy chế phối hợp trong công tác biên giới",
        valid_from=SIGNED,
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
    return duty


def _period(due_on):
    """The month of 2025 whose report is due on `due_on` (the 5th of the next month)."""
    (period,) = [
        p
        for p in due_dates("monthly", 5, date(2025, 1, 1), date(2025, 12, 31))
        if p.due_on == due_on
    ]
    return period


def _keyed(reminders):
    return {r.key: (r.title, sorted(r.recipients)) for r in reminders}


def test_a_report_coming_due_reminds_the_owing_unit_only(world, duty):
    period = _period(date(2025, 6, 5))  # May's report
    reminders = [r for r in submission_reminders(date(2025, 6, 3)) if ":due:" in r.key]
    key = f"report:{duty.pk}:due:2025-06-05"
    assert _keyed(reminders) == {
        key: (
            "Sắp đến hạn: Báo cáo tình hình biên giới hằng tháng (kỳ 01/05/2025 – 31/05/2025)",
            [world.alice.pk],
        )
    }
    assert "còn 2 ngày" in reminders[0].body and reminders[0].link == "/coordination/reporting/"
    assert period.start == date(2025, 5, 1)


def test_an_overdue_report_reminds_the_unit_and_the_secretariat(world, duty):
    reminders = _keyed(submission_reminders(date(2025, 6, 9)))
    title, recipients = reminders[f"report:{duty.pk}:overdue:2025-06-05"]
    assert title.startswith("Quá hạn: ") and recipients == sorted([world.alice.pk, world.sam.pk])
    body = next(r.body for r in submission_reminders(date(2025, 6, 9)) if "06-05" in r.key)
    assert "Hạn nộp 05/06/2025 đã qua 4 ngày mà chưa nộp." in body
    assert "Đơn vị nộp: Đồn Biên phòng Bản Giốc." in body


def test_an_overdue_report_is_reminded_while_at_most_90_days_late(world, duty):
    keys = _keyed(submission_reminders(date(2025, 6, 9)))
    overdue = sorted(k.rsplit(":", 1)[1] for k in keys if ":overdue:" in k)
    assert overdue == ["2025-04-05", "2025-05-05", "2025-06-05"]  # 5 March is 96 days late


def test_a_sent_report_reminds_nobody(world, duty):
    period = _period(date(2025, 6, 5))
    submission_create(
        actor=world.alice, duty_id=duty.pk, period_start=period.start, submitted_on=date(2025, 6, 2)
    )
    keys = _keyed(submission_reminders(date(2025, 6, 9)))
    assert f"report:{duty.pk}:overdue:2025-06-05" not in keys
    assert f"report:{duty.pk}:due:2025-06-05" not in keys


def test_a_report_due_later_than_the_window_reminds_nobody_yet(world, duty):
    assert not [r for r in submission_reminders(date(2025, 6, 1)) if "2025-06-05" in r.key]


def test_the_scheduler_makes_each_report_reminder_once(
    world, duty, django_capture_on_commit_callbacks
):
    world.alice.email = "alice@example.vn"
    world.alice.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        first = scheduler.run_once(date(2025, 6, 9))
    made = Notification.objects.filter(key__startswith=f"report:{duty.pk}:").count()
    assert made >= 2 and first.created >= made  # alice and sam, for the overdue May report
    assert any("Quá hạn: Báo cáo tình hình" in m.subject for m in mail.outbox)
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        second = scheduler.run_once(date(2025, 6, 9))
    assert second.created == 0 and len(mail.outbox) == sent
