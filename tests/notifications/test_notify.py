"""Notifications: made once per (recipient, key) however often a job asks, e-mailed after commit
to those with an address, and each user reads and marks only their own."""

import pytest
from django.core import mail
from django.http import Http404

from biengioi.audit.models import AuditRecord
from biengioi.notifications import selectors
from biengioi.notifications.models import Notification
from biengioi.notifications.services import (
    Reminder,
    notification_mark_read,
    notifications_mark_all_read,
    notify,
    notify_many,
)


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.BASE_URL = "https://bg.example.vn"


def test_notify_makes_one_row_per_recipient_and_key_and_a_second_call_makes_none(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = notify(
            recipients=[world.alice, world.sam.pk],
            key="task:1:due:2030-01-01",
            title="Sắp đến hạn",
            link="/coordination/tasks/1/",
        )
        again = notify(recipients=[world.alice, world.sam], key="task:1:due:2030-01-01", title="x")
    assert sorted(n.recipient_id for n in first.created) == sorted([world.alice.pk, world.sam.pk])
    assert again.created == []
    assert Notification.objects.count() == 2


def test_the_same_key_for_another_person_is_another_notification(world):
    notify(recipients=[world.alice], key="k", title="t")
    made = notify(recipients=[world.alice, world.erin], key="k", title="t")
    assert [n.recipient_id for n in made.created] == [world.erin.pk]


def test_a_row_made_by_another_run_meanwhile_is_not_claimed(world):
    """Two runs at once: the unique constraint keeps the first row, and the second run's
    answer does not count it (nor would it e-mail it)."""
    other = Notification.objects.create(recipient=world.alice, key="k", title="first run")
    made = notify_many([Reminder([world.alice], "k", "second run")])
    assert made.created == []
    assert Notification.objects.get().pk == other.pk


def test_notifications_are_emailed_after_commit_to_recipients_with_an_address(
    world, django_capture_on_commit_callbacks
):
    world.alice.email = "alice@example.vn"
    world.alice.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        made = notify(
            recipients=[world.alice, world.erin],
            key="task:7:overdue:2025-01-01",
            title="Quá hạn: tuần tra",
            body="Thời hạn đã qua.",
            link="/coordination/tasks/7/",
        )
        assert mail.outbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert made.emailed == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@example.vn"]
    assert message.subject == "Quá hạn: tuần tra"
    assert "https://bg.example.vn/coordination/tasks/7/" in message.body
    stamped = dict(Notification.objects.values_list("recipient_id", "emailed_at"))
    assert stamped[world.alice.pk] is not None
    assert stamped[world.erin.pk] is None  # no address, no e-mail


def test_a_failing_mail_server_leaves_the_notifications_unstamped(
    world, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    world.alice.email = "alice@example.vn"
    world.alice.save()
    with django_capture_on_commit_callbacks(execute=True):
        made = notify(recipients=[world.alice], key="k", title="t")
    assert len(made.created) == 1
    assert made.emailed == 0
    assert Notification.objects.get().emailed_at is None


def test_making_notifications_writes_no_audit_record_of_its_own(world):
    before = AuditRecord.objects.count()
    notify(recipients=[world.alice], key="k", title="t")
    assert AuditRecord.objects.count() == before


def test_a_user_lists_and_counts_only_their_own_unread_first(world):
    notify(recipients=[world.alice], key="a", title="old")
    notify(recipients=[world.alice, world.charlie], key="b", title="new")
    first = Notification.objects.get(recipient=world.alice, key="a")
    notification_mark_read(actor=world.alice, notification_id=first.pk)
    notify(recipients=[world.alice], key="c", title="newest")
    titles = [n.title for n in selectors.notification_list(actor=world.alice)]
    assert titles == ["newest", "new", "old"]
    assert selectors.unread_count(actor=world.alice) == 2
    assert [n.title for n in selectors.notification_list(actor=world.alice, unread=True)] == [
        "newest",
        "new",
    ]
    assert selectors.unread_count(actor=world.charlie) == 1


def test_nobody_marks_another_users_notification(world):
    notify(recipients=[world.charlie], key="k", title="t")
    theirs = Notification.objects.get()
    with pytest.raises(Http404):
        notification_mark_read(actor=world.alice, notification_id=theirs.pk)
    assert Notification.objects.get().read_at is None


def test_mark_all_read_marks_only_the_actors(world):
    notify(recipients=[world.alice, world.sam], key="k1", title="t")
    notify(recipients=[world.alice], key="k2", title="t")
    assert notifications_mark_all_read(actor=world.alice) == 2
    assert notifications_mark_all_read(actor=world.alice) == 0
    assert selectors.unread_count(actor=world.sam) == 1


@pytest.fixture
def server_down(world, settings):
    """Alice has an address and the mail server (nothing listens on port 9) is away."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    world.alice.email = "alice@example.vn"
    world.alice.save()


def test_an_email_that_failed_is_sent_by_the_next_scheduler_run_once_the_server_is_back(
    world, settings, server_down, django_capture_on_commit_callbacks
):
    from biengioi.notifications.models import SchedulerRun
    from biengioi.notifications.scheduler import run_once

    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[world.alice, world.erin], key="k", title="Nhiệm vụ sắp đến hạn")
    failed = Notification.objects.get(recipient=world.alice)
    assert (failed.emailed_at, failed.email_attempts) == (None, 1)
    assert Notification.objects.get(recipient=world.erin).email_attempts == 0  # no address

    assert run_once().emailed == 0  # still down: one more attempt counted
    assert Notification.objects.get(pk=failed.pk).email_attempts == 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    result = run_once()
    assert result.emailed == 1
    assert [m.to for m in mail.outbox] == [["alice@example.vn"]]
    assert mail.outbox[0].subject == "Nhiệm vụ sắp đến hạn"
    assert Notification.objects.get(pk=failed.pk).emailed_at is not None
    assert SchedulerRun.objects.filter(emailed=1).count() == 1  # the run that sent it says so

    assert run_once().emailed == 0  # sent once only
    assert len(mail.outbox) == 1


def test_an_email_is_tried_a_few_times_and_not_days_later(
    world, settings, server_down, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from biengioi.notifications.services import MAIL_ATTEMPTS, resend_failed

    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[world.alice], key="tired", title="t")
        notify(recipients=[world.alice], key="old", title="t")
    Notification.objects.filter(key="tired").update(email_attempts=MAIL_ATTEMPTS)
    Notification.objects.filter(key="old").update(created_at=timezone.now() - timedelta(days=3))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert resend_failed() == 0
    assert mail.outbox == []
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 0
