"""Reminder jobs of coordination work, registered with the scheduler in `apps.py`.

Tasks: a reminder `REMINDER_DAYS` (default 3) days or fewer before the deadline to the users of
the assigned unit, and one when the deadline has passed to them and to the secretariat of the
province. The keys carry the deadline, so a task whose deadline is moved is reminded again.

Reports owed under the coordination regulations: the same two reminders for every period of a
duty not yet sent (`regulations_selectors.due_submissions`), to the users of the owing unit and,
once overdue, to the province's secretariat; the key carries the duty and the period's due day,
so each period is reminded once before and once after it falls due. An overdue period is
reminded only while it is at most `LOOKBACK_DAYS` (90) days late: older ones are the compliance
table's business, not a reminder's.

`due_reminders` is what both sources share: given things that fall due, it finds the people to
tell in a fixed number of queries. Each source is a job registered in `CoordinationConfig.ready`.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from biengioi.accounts.models import User
from biengioi.core.access import Role
from biengioi.notifications.scheduler import Reminder

from .models import Task
from .models.conferences import OPEN_STATUSES


@dataclass(frozen=True)
class Due:
    """Something a unit owes by a day: `kind` and `pk` make the key ("task:42")."""

    kind: str
    pk: int
    title: str
    unit_id: int
    unit_path: str
    unit_name: str
    deadline: date
    link: str
    sent: bool = False  # a report (sent or not) rather than a task (done or not)


def _province(path: str) -> str:
    return "/" + path.split("/")[1] + "/"


def due_reminders(items: Iterable[Due], today: date, days: int) -> list[Reminder]:
    """The reminders of things falling due within `days` days, or overdue: two queries for the
    people, however many items."""
    items = [i for i in items if i.deadline <= today + timedelta(days=days)]
    if not items:
        return []
    members: dict[int, list[int]] = defaultdict(list)
    for user_id, unit_id in User.objects.filter(
        unit_id__in={i.unit_id for i in items}, is_active=True
    ).values_list("pk", "unit_id"):
        members[unit_id].append(user_id)
    secretariat: dict[str, list[int]] = defaultdict(list)
    if any(i.deadline < today for i in items):
        for user_id, path in User.objects.filter(role=Role.SECRETARIAT, is_active=True).values_list(
            "pk", "unit__path"
        ):
            secretariat[_province(path)].append(user_id)
    reminders = []
    for item in items:
        day = date_format(item.deadline, "SHORT_DATE_FORMAT")
        unit = (_("Đơn vị nộp: {unit}.") if item.sent else _("Đơn vị chủ trì: {unit}.")).format(
            unit=item.unit_name
        )
        if item.deadline < today:
            late = (today - item.deadline).days
            recipients = members[item.unit_id] + secretariat[_province(item.unit_path)]
            title = _("Quá hạn: {title}").format(title=item.title)
            body = (
                _("Hạn nộp {day} đã qua {n} ngày mà chưa nộp.")
                if item.sent
                else _("Thời hạn {day} đã qua {n} ngày mà chưa hoàn thành.")
            ).format(day=day, n=late)
            key = f"{item.kind}:{item.pk}:overdue:{item.deadline.isoformat()}"
        else:
            left = (item.deadline - today).days
            recipients = members[item.unit_id]
            title = _("Sắp đến hạn: {title}").format(title=item.title)
            body = (
                _("Thời hạn {day} là hôm nay.").format(day=day)
                if left == 0
                else _("Thời hạn {day}, còn {n} ngày.").format(day=day, n=left)
            )
            key = f"{item.kind}:{item.pk}:due:{item.deadline.isoformat()}"
        if recipients:
            reminders.append(Reminder(recipients, key, title, f"{body} {unit}", item.link))
    return reminders


def submission_reminders(today: date) -> list[Reminder]:
    """Periods of the reporting duties falling due within REMINDER_DAYS days, or overdue, that
    nothing was sent for (two queries to find them, two for the people)."""
    from .regulations_selectors import due_submissions

    days = settings.REMINDER_DAYS
    link = reverse("coordination:owed")
    items = [
        Due(
            "report",
            row.duty.pk,
            _("{duty} (kỳ {start} – {end})").format(
                duty=row.duty.title,
                start=date_format(row.period.start, "SHORT_DATE_FORMAT"),
                end=date_format(row.period.end, "SHORT_DATE_FORMAT"),
            ),
            row.unit.pk,
            row.unit.path,
            row.unit.name,
            row.due_on,
            link,
            sent=True,
        )
        for row in due_submissions(today, days)
    ]
    return due_reminders(items, today, days)


def task_reminders(today: date) -> list[Reminder]:
    """Open tasks coming due within REMINDER_DAYS days, and those overdue (one query)."""
    days = settings.REMINDER_DAYS
    rows = Task.objects.filter(
        status__in=OPEN_STATUSES, deadline__lte=today + timedelta(days=days)
    ).values_list("pk", "title", "unit_id", "unit__path", "unit__name", "deadline")
    link = reverse("coordination:task", args=[0])[: -len("0/")]
    items = [
        Due("task", pk, title, unit_id, path, name, deadline, f"{link}{pk}/")
        for pk, title, unit_id, path, name, deadline in rows
    ]
    return due_reminders(items, today, days)
