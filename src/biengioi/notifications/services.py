"""Every write of notifications: making them (once per recipient and key, e-mailed after commit)
and marking them read.

E-mails go after commit; a mail server that fails leaves the notifications standing, unstamped,
with one more failed attempt counted. Each scheduler run tries those again (`resend_failed`: up to
MAIL_ATTEMPTS tries over MAIL_RETRY_DAYS, rows locked so two runs never send one twice), so a
reminder reaches the inbox once the server is back, and a dead address is not tried forever.

Making is decided by the database: the rows a call wants are inserted with its own batch id and
conflicts ignored, then the rows carrying that batch id are the ones it made. Two runs at the
same moment may both try; the unique constraint (recipient, key) keeps one row, and only the run
whose row it is sends its e-mail. Reading is personal state (no domain record changes): a mark
read is not audited; a scheduler run that made notifications is (see `scheduler`).
"""

import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from .models import Notification

log = logging.getLogger(__name__)
CHUNK = 500
MAIL_CHUNK = 100
MAIL_ATTEMPTS = 5  # tries of one e-mail, the first included
MAIL_RETRY_DAYS = 2  # an e-mail older than this is not worth sending late


@dataclass(frozen=True)
class Reminder:
    """What a job wants said: to whom (users or their ids), once per `key`."""

    recipients: Sequence[Any]
    key: str
    title: str
    body: str = ""
    link: str = ""


@dataclass
class Notified:
    """What one call made: the new notifications, and how many were e-mailed (counted when the
    transaction commits, which is before the call returns unless the caller holds one open)."""

    created: list[Notification] = field(default_factory=list)
    emailed: int = 0


def _user_id(recipient: Any) -> int:
    return recipient if isinstance(recipient, int) else recipient.pk


def notify(
    *, recipients: Iterable[Any], key: str, title: str, body: str = "", link: str = ""
) -> Notified:
    """Tell each recipient once about `key`; returns what was made now."""
    return notify_many([Reminder(list(recipients), key, title, body, link)])


def notify_many(reminders: Iterable[Reminder]) -> Notified:
    """Make the notifications of many reminders in a few queries: the missing (recipient, key)
    rows only. Their e-mails go after commit to recipients who have an address."""
    wanted: dict[tuple[int, str], Reminder] = {}
    for reminder in reminders:
        for recipient in reminder.recipients:
            wanted.setdefault((_user_id(recipient), reminder.key[:200]), reminder)
    result = Notified()
    if not wanted:
        return result
    keys = sorted({key for _user, key in wanted})
    for start in range(0, len(keys), CHUNK):
        existing = Notification.objects.filter(key__in=keys[start : start + CHUNK])
        for pair in existing.values_list("recipient_id", "key"):
            wanted.pop(pair, None)
    if not wanted:
        return result
    batch = uuid.uuid4()
    rows = [
        Notification(
            recipient_id=user_id,
            key=key,
            title=r.title[:300],
            body=r.body,
            link=r.link[:300],
            batch=batch,
        )
        for (user_id, key), r in wanted.items()
    ]
    with transaction.atomic():
        Notification.objects.bulk_create(rows, batch_size=CHUNK, ignore_conflicts=True)
        result.created = list(Notification.objects.filter(batch=batch).order_by("pk"))
        if result.created:
            transaction.on_commit(lambda: _send_emails(batch, result))
    return result


def _absolute(link: str) -> str:
    base = getattr(settings, "BASE_URL", "") or ""
    return f"{base.rstrip('/')}{link}" if base and link.startswith("/") else link


def _send_emails(batch: uuid.UUID, result: Notified) -> None:
    """E-mail the notifications of one batch to recipients with an address, stamping each sent
    one; a mail server that fails leaves the rest unstamped with a failed attempt counted (and
    logged), never the data."""
    rows = list(
        Notification.objects.filter(batch=batch, emailed_at__isnull=True)
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("pk")
    )
    result.emailed += _send(rows)


def _send(rows: list[Notification]) -> int:
    """Send the e-mails of `rows` in chunks, stamping each chunk sent; on a failure, count an
    attempt on the rows not sent and stop. Returns how many were sent."""
    sent = 0
    if not rows:
        return sent
    try:
        connection = get_connection()
        for start in range(0, len(rows), MAIL_CHUNK):
            chunk = rows[start : start + MAIL_CHUNK]
            messages = [
                EmailMessage(
                    subject=n.title,
                    body="\n\n".join(p for p in (n.body, _absolute(n.link)) if p),
                    to=[n.recipient.email],
                )
                for n in chunk
            ]
            connection.send_messages(messages)
            Notification.objects.filter(pk__in=[n.pk for n in chunk]).update(
                emailed_at=timezone.now()
            )
            sent += len(chunk)
    except Exception:  # the mail server is outside the machine; the notifications stand
        log.exception("sending notification e-mails failed")
        Notification.objects.filter(pk__in=[n.pk for n in rows[sent:]]).update(
            email_attempts=F("email_attempts") + 1
        )
    return sent


def resend_failed(now: Any = None) -> int:
    """Try again the e-mails that failed (fewer than MAIL_ATTEMPTS tries, made within the last
    MAIL_RETRY_DAYS) to recipients who still have an address. The rows are locked while they are
    sent (PostgreSQL skips those another run holds), so two runs never send one twice. Returns
    how many were sent."""
    since = (now or timezone.now()) - timedelta(days=MAIL_RETRY_DAYS)
    with transaction.atomic():
        rows = list(
            Notification.objects.filter(
                emailed_at__isnull=True,
                email_attempts__gt=0,
                email_attempts__lt=MAIL_ATTEMPTS,
                created_at__gte=since,
            )
            .exclude(recipient__email="")
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .order_by("pk")[: MAIL_CHUNK * 10]
        )
        return _send(rows)


def _own(actor: Any, notification_id: int) -> Notification:
    row = Notification.objects.filter(pk=notification_id, recipient_id=actor.pk).first()
    if row is None or not getattr(actor, "is_authenticated", False):
        raise Http404("Notification")
    return row


def notification_mark_read(*, actor: Any, notification_id: int) -> Notification:
    """Mark one of the actor's notifications read (again: nothing changes)."""
    notification = _own(actor, notification_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_mark_all_read(*, actor: Any) -> int:
    """Mark every unread notification of the actor read; returns how many."""
    return Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
