"""The to-do box ("Việc cần làm") of the home page: what needs action in the reader's scope.

A post (its field officers, and anyone whose unit is a post) sees the reports it owes, its
incidents near or past their deadline and the markers of its area due for inspection; the
secretariat, the reports of this quarter sent late or not at all and the tasks past their
deadline; a leader of the province or the command, the overdue incidents and tasks, the late
reports and the markers not inspected. Each list shows a few records, its count, and the
address of the whole list with the same filter. Every list reads through its app's selector
(so scope and rules are the lists' own) in a fixed number of queries, whatever the data.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, ngettext

from biengioi.audit import selectors as audit
from biengioi.coordination import conferences_selectors as tasks
from biengioi.coordination import regulations_selectors as reporting
from biengioi.core import access
from biengioi.core.access import Role
from biengioi.geo import layers
from biengioi.operations import selectors as operations
from biengioi.registry.models import UnitKind

FEW = 5  # records shown in each list; the rest are behind its link
SOON_DAYS = 7  # an incident whose deadline is at most this many days away is near it
CACHE_SECONDS = 600


@dataclass(frozen=True)
class Item:
    label: str
    url: str
    note: str
    late: bool = False


@dataclass(frozen=True)
class Todo:
    key: str
    title: str
    items: list[Item]
    count: int
    url: str  # the whole list, filtered the same way


def _day(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _late(days: int) -> str:
    return ngettext("quá hạn %(n)d ngày", "quá hạn %(n)d ngày", days) % {"n": days}


def _deadline(due_on: date | None, today: date) -> tuple[str, bool]:
    """ "quá hạn 3 ngày" (and late) or "hạn 12/12/2026"; nothing for a closed incident."""
    if due_on is None:
        return "", False
    if due_on < today:
        return _late((today - due_on).days), True
    return gettext("hạn %(day)s") % {"day": _day(due_on)}, False


def owed_reports(actor: Any, today: date) -> Todo:
    """Reports the units of the actor's scope have not sent: past due first, then those
    coming due."""
    owed = reporting.owed(actor=actor, today=today)
    cells = owed.overdue + owed.upcoming
    can_send = access.can(actor, "coordination.record")
    items = []
    for cell in cells[:FEW]:
        note, late = _deadline(cell.period.due_on, today)
        url = (
            f"{reverse('coordination:submit', args=[cell.duty.pk])}"
            f"?period={cell.period.start.isoformat()}"
            if can_send
            else reverse("coordination:regulation", args=[cell.duty.regulation_id])
        )
        label = f"{cell.duty.title} – {cell.duty.owner.name} ({_day(cell.period.end)})"
        items.append(Item(label, url, note, late))
    return Todo(
        "owed", gettext("Báo cáo phải nộp"), items, len(cells), reverse("coordination:owed")
    )


def reporting_quarter(today: date) -> tuple[int, str]:
    """The year and part ("q1" … "q4") of the quarter whose reports are being chased: the
    previous quarter until the end of a quarter's second month (its last month's report and
    its quarterly reports fall due in the weeks after it ends), the current one from then."""
    months = today.year * 12 + today.month - 1 - 2
    year, month = divmod(months, 12)
    return year, f"q{month // 3 + 1}"


def late_reports(actor: Any, today: date) -> Todo:
    """The periods of the reporting quarter's duties sent late or not at all."""
    year, part = reporting_quarter(today)
    first, last = reporting.compliance_range(year, part)
    table = reporting.compliance(actor=actor, first=first, last=last, today=today)
    cells = [c for c in table.cells() if c.status in (reporting.LATE, reporting.MISSING)]
    cells.sort(key=lambda c: (c.status != reporting.MISSING, c.period.due_on, c.duty.pk))
    items = [
        Item(
            f"{c.duty.title} – {c.duty.owner.name} ({_day(c.period.end)})",
            reverse("coordination:regulation", args=[c.duty.regulation_id]),
            c.label,
            late=True,
        )
        for c in cells[:FEW]
    ]
    title = gettext("Báo cáo nộp chậm, chưa nộp (%(part)s năm %(year)s)") % {
        "part": reporting.PART_LABELS[part],
        "year": str(year),
    }
    url = f"{reverse('coordination:compliance')}?year={year}&part={part}"
    return Todo("late_reports", title, items, len(cells), url)


def incidents_due(actor: Any, today: date) -> Todo:
    """Open incidents whose deadline has passed or comes within `SOON_DAYS`."""
    rows = operations.incident_list(actor=actor, due_within=SOON_DAYS, today=today)
    items = [
        Item(i.title, reverse("operations:incident", args=[i.pk]), *_deadline(i.due_on, today))
        for i in rows[:FEW]
    ]
    url = f"{reverse('operations:incidents')}?due_within={SOON_DAYS}"
    return Todo("incidents_due", gettext("Vụ việc sắp đến hạn, quá hạn"), items, rows.count(), url)


def incidents_overdue(actor: Any, today: date) -> Todo:
    rows = operations.incident_list(actor=actor, status="overdue", today=today)
    items = [
        Item(i.title, reverse("operations:incident", args=[i.pk]), *_deadline(i.due_on, today))
        for i in rows[:FEW]
    ]
    url = reverse("operations:incidents_overdue")
    return Todo("incidents_overdue", gettext("Vụ việc quá hạn"), items, rows.count(), url)


def tasks_overdue(actor: Any, today: date) -> Todo:
    rows = tasks.task_list(actor=actor, status="overdue", today=today)
    items = [
        Item(
            f"{t.title} – {t.unit.name}",
            reverse("coordination:task", args=[t.pk]),
            *_deadline(t.deadline, today),
        )
        for t in rows[:FEW]
    ]
    url = f"{reverse('coordination:tasks')}?status=overdue"
    return Todo("tasks_overdue", gettext("Nhiệm vụ quá hạn"), items, rows.count(), url)


def _last_visit(moment: datetime | None) -> str:
    if moment is None:
        return gettext("chưa có lần tuần tra nào")
    return gettext("kiểm tra lần cuối %(day)s") % {"day": _day(timezone.localdate(moment))}


def markers_due(actor: Any, today: date) -> Todo:
    rows = layers.due_for_inspection(actor=actor, today=today)
    items = [
        Item(
            gettext("Mốc %(identifier)s") % {"identifier": m.identifier},
            reverse("registry:marker", args=[m.pk]),
            _last_visit(m.last_visit),  # type: ignore[attr-defined]
        )
        for m in rows[:FEW]
    ]
    title = ngettext(
        "Mốc chưa được kiểm tra trong %(n)d ngày",
        "Mốc chưa được kiểm tra trong %(n)d ngày",
        layers.stale_days(),
    ) % {"n": layers.stale_days()}
    return Todo("markers_due", title, items, rows.count(), reverse("web:markers_due"))


def for_reader(actor: Any, today: date) -> list[Todo]:
    """The lists of the reader's role, computed once per state of the data as the overview's
    figures are (`dashboard.statistics`), and per language: the lists hold their words."""
    key = (
        f"todo:{actor.unit_id}:{actor.role}:{get_language()}:{today.isoformat()}:{audit.last_seq()}"
    )
    found = cache.get(key)
    if found is None:
        found = _lists(actor, today)
        cache.set(key, found, CACHE_SECONDS)
    return found


def _lists(actor: Any, today: date) -> list[Todo]:
    """The lists of the reader's role (a post's whatever the role), in the order to act on."""
    at_post = getattr(actor.unit, "kind", None) == UnitKind.BORDER_POST
    if actor.role == Role.SECRETARIAT:
        makers = [late_reports, tasks_overdue]
    elif actor.role == Role.LEADER and not at_post:
        makers = [incidents_overdue, tasks_overdue, late_reports, markers_due]
    elif actor.role in (Role.FIELD_OFFICER, Role.UNIT_STAFF, Role.LEADER):
        makers = [owed_reports, incidents_due, markers_due]
    else:
        makers = []  # the administrators' work is the system's, not the border's
    return [make(actor, today) for make in makers]
