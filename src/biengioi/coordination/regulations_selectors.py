"""Reads of regulations, duties and submissions: what each unit owes, how timely it was.

Regulations and their duties are read by every unit of the province. Submissions, what a unit
owes and the compliance table are cut to the actor's scope (the units under the actor's unit,
the whole province for the secretariat at its root).

For each duty and each period it expects, the *status* is derived, never stored:
- on time: submitted no later than the due day;
- late by N days: submitted N days after it;
- missing: the due day has passed (it is before today) and nothing was submitted;
- not yet due: nothing submitted and the due day is today or later.

The compliance table and the reminder list read the duties in one query (with their regulation
and unit) and the submissions in one, as plain rows (`Sent`): a year of 60 posts' duties is some
5,000 submissions, and making a model instance of each took longer than everything else. The
expected periods are generated in Python, once for each distinct rhythm, due day and range (the
720 duties of 60 posts share a dozen).
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from biengioi.core import access
from biengioi.core.scope import scoped, within
from biengioi.core.search import matching, search_text
from biengioi.core.stats import under
from biengioi.registry.models import OrgUnit

from .models import Document, Duty, Regulation, Submission
from .rhythms import Period, due_dates, period_containing

VIEW = "coordination.view"
ON_TIME, LATE, MISSING, NOT_DUE = "on_time", "late", "missing", "not_due"
STATUS_LABELS = {
    ON_TIME: _("Đúng hạn"),
    LATE: _("Chậm"),
    MISSING: _("Chưa nộp"),
    NOT_DUE: _("Chưa đến hạn"),
}
CSS = {
    ON_TIME: "status ok on-time",
    LATE: "status bad late",
    MISSING: "status bad missing",
    NOT_DUE: "status none not-due",
}
LONGEST_PERIOD = 366  # days: no period is longer than a leap year
LOOKBACK_DAYS = 90  # how far back the reminder list looks for what is still missing
PARTS = {
    "year": (1, 12),
    "h1": (1, 6),
    "h2": (7, 12),
    "q1": (1, 3),
    "q2": (4, 6),
    "q3": (7, 9),
    "q4": (10, 12),
}
PART_LABELS = {
    "year": _("Cả năm"),
    "h1": _("6 tháng đầu năm"),
    "h2": _("6 tháng cuối năm"),
    "q1": _("Quý I"),
    "q2": _("Quý II"),
    "q3": _("Quý III"),
    "q4": _("Quý IV"),
}


# --- regulations and duties --------------------------------------------------------------


def regulation_list(
    *, actor: Any, active_on: date | None = None, q: str | None = None
) -> QuerySet[Regulation]:
    """Regulations of the actor's province, those in force on one day, or matching a text in
    their number or title (diacritics ignored)."""
    access.require(actor, VIEW)
    rows = scoped(actor, Regulation.objects.all(), province_wide=True)
    if active_on:
        rows = rows.filter(valid_from__lte=active_on).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=active_on)
        )
    if q:
        rows = matching(rows, search_text(q), "number", "title", "note")
    return (
        rows.annotate(duty_count=Count("duties", distinct=True))
        .prefetch_related("parties")
        .order_by("-signed_on", "-pk")
    )


def regulation_get(*, actor: Any, regulation_id: int) -> Regulation:
    access.require(actor, VIEW)
    rows = scoped(actor, Regulation.objects.all(), province_wide=True)
    try:
        return rows.select_related("province", "created_by").get(pk=regulation_id)
    except Regulation.DoesNotExist as exc:
        raise Http404("Regulation") from exc


def regulation_parties(regulation: Regulation) -> list[OrgUnit]:
    return sorted(regulation.parties.all(), key=lambda u: u.path)


def duties_of(regulation: Regulation) -> QuerySet[Duty]:
    return regulation.duties.select_related("owner").order_by("pk")


def duty_get(*, actor: Any, duty_id: int) -> Duty:
    access.require(actor, VIEW)
    rows = scoped(actor, Duty.objects.all(), province_wide=True)
    try:
        return rows.select_related("regulation", "owner").get(pk=duty_id)
    except Duty.DoesNotExist as exc:
        raise Http404("Duty") from exc


def owner_choices(regulation: Regulation) -> QuerySet[OrgUnit]:
    """Units that may owe a duty of the regulation: its parties and the units under them."""
    paths = Q()
    for party in regulation.parties.all():
        paths |= Q(path__startswith=party.path)
    return OrgUnit.objects.filter(paths).order_by("path") if paths else OrgUnit.objects.none()


# --- submissions -------------------------------------------------------------------------


def submission_list(
    *,
    actor: Any,
    duty_id: int | None = None,
    unit_id: int | None = None,
    year: int | None = None,
    q: str = "",
) -> QuerySet[Submission]:
    """Submissions of the actor's scope, for one duty, of one unit and those under it, or for
    periods ending in one year."""
    access.require(actor, VIEW)
    rows = scoped(actor, Submission.objects.all()).select_related("duty__owner", "duty__regulation")
    if duty_id:
        rows = rows.filter(duty_id=duty_id)
    if unit_id:
        unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
        rows = rows.filter(duty__owner__path__startswith=unit.path) if unit else rows.none()
    if year:
        rows = rows.filter(period_end__year=year)
    if q:
        rows = matching(rows, search_text(q), "reference", "note", "duty__title")
    return rows.order_by("-period_start", "duty_id", "pk")


def submission_get(*, actor: Any, submission_id: int) -> Submission:
    access.require(actor, VIEW)
    rows = scoped(actor, Submission.objects.all())
    try:
        return rows.select_related("duty__owner", "duty__regulation", "created_by").get(
            pk=submission_id
        )
    except Submission.DoesNotExist as exc:
        raise Http404("Submission") from exc


def submission_for(duty: Duty, period_start: date) -> Submission | None:
    return Submission.objects.filter(duty=duty, period_start=period_start).first()


# --- timeliness --------------------------------------------------------------------------


class Sent(NamedTuple):
    """What the tables show of a submission (the rest is on its own page)."""

    pk: int
    duty_id: int
    period_start: date
    submitted_on: date
    reference: str


@dataclass
class Cell:
    """One period a duty expects, with what was sent for it and how timely that was."""

    duty: Duty
    period: Period
    submission: Sent | None
    status: str
    late_days: int = 0
    documents: tuple[Document, ...] = ()  # the files of what was sent, when asked for

    @property
    def unit(self) -> OrgUnit:
        return self.duty.owner

    @property
    def css(self) -> str:
        """The page's classes of the cell: late and missing ones stand out."""
        return CSS[self.status]

    @property
    def label(self) -> str:
        """ "Đúng hạn", "Chậm 3 ngày", "Chưa nộp", "Chưa đến hạn"."""
        if self.status == LATE:
            return ngettext("Chậm %(n)d ngày", "Chậm %(n)d ngày", self.late_days) % {
                "n": self.late_days
            }
        return str(STATUS_LABELS[self.status])


def status_of(period: Period, submission: Sent | Submission | None, today: date) -> tuple[str, int]:
    """The status of one expected period and, when late, by how many days."""
    if submission is not None:
        late = (submission.submitted_on - period.due_on).days
        return (LATE, late) if late > 0 else (ON_TIME, 0)
    return (MISSING, 0) if period.due_on < today else (NOT_DUE, 0)


def _expected(duty: Duty, first: date, last: date) -> tuple[Period, ...]:
    """Periods the duty expects whose last day falls within `first` … `last`."""
    regulation = duty.regulation
    # the period holding `first` is the first that may end within the range
    low = max(regulation.valid_from, period_containing(duty.rhythm, first)[0])
    high = min(regulation.valid_to, last) if regulation.valid_to else last
    return _periods(duty.rhythm, duty.due_day, duty.due_month, low, high, first, last)


@lru_cache(maxsize=256)
def _periods(
    rhythm: str, due_day: int, due_month: int | None, low: date, high: date, first: date, last: date
) -> tuple[Period, ...]:
    """Pure and small (Period is frozen): shared by every duty of the same rhythm and range."""
    periods = due_dates(rhythm, due_day, low, high, due_month)
    return tuple(p for p in periods if first <= p.end <= last)


def _cells(
    duties: list[Duty], submissions: Iterable[Sent], first: date, last: date, today: date
) -> list[Cell]:
    sent = {(s.duty_id, s.period_start): s for s in submissions}
    cells = []
    for duty in duties:
        for period in _expected(duty, first, last):
            submission = sent.get((duty.pk, period.start))
            status, late = status_of(period, submission, today)
            cells.append(Cell(duty, period, submission, status, late))
    return cells


def _owed_duties(actor: Any) -> QuerySet[Duty]:
    """Duties owed by units of the actor's scope."""
    return Duty.objects.filter(within(actor, "owner__path")).select_related("regulation", "owner")


def _submitted(duties: QuerySet[Duty], first: date, last: date) -> QuerySet[Submission]:
    """The submissions of those duties for periods ending within `first` … `last`."""
    return Submission.objects.filter(
        duty__in=duties.order_by().values("pk"), period_end__gte=first, period_end__lte=last
    )


def _submissions(duties: QuerySet[Duty], first: date, last: date) -> list[Sent]:
    """The same, as the plain rows the tables need."""
    rows = _submitted(duties, first, last).values_list(*Sent._fields)
    return [Sent._make(row) for row in rows]


def _add_documents(cells: list[Cell], submitted: QuerySet[Submission]) -> None:
    """Give each cell of what was sent the files kept with it."""
    kept: dict[int, list[Document]] = {}
    rows = Document.objects.filter(submission__in=submitted.values("pk"))
    for document in rows.only("pk", "name", "submission_id").order_by("created_at", "pk"):
        kept.setdefault(document.submission_id or 0, []).append(document)
    for cell in cells:
        if cell.submission is not None and cell.submission.pk in kept:
            cell.documents = tuple(kept[cell.submission.pk])


# --- the compliance table ----------------------------------------------------------------


def compliance_range(year: int, part: str = "year") -> tuple[date, date]:
    """The first and last day of a year, a half (`h1`, `h2`) or a quarter (`q1` … `q4`)."""
    first_month, last_month = PARTS[part]
    last = date(year + (last_month == 12), last_month % 12 + 1, 1) - timedelta(days=1)
    return date(year, first_month, 1), last


@dataclass
class UnitRow:
    """One unit's record over the table's periods: how many were due (or sent early), on time,
    late, missing, not yet due, and the share on time ("the figure the annual report quotes")."""

    unit: OrgUnit
    on_time: int = 0
    late: int = 0
    missing: int = 0
    not_due: int = 0
    late_days: int = 0
    duties: list["DutyRow"] = field(default_factory=list)

    @property
    def counted(self) -> int:
        return self.on_time + self.late + self.missing

    @property
    def share_on_time(self) -> float | None:
        return self.on_time / self.counted if self.counted else None

    def add(self, cell: Cell) -> None:
        setattr(self, cell.status, getattr(self, cell.status) + 1)
        self.late_days += cell.late_days


@dataclass
class DutyRow:
    duty: Duty
    cells: list[Cell]


@dataclass
class Compliance:
    first: date
    last: date
    today: date
    units: list[UnitRow]
    total: UnitRow | None

    def cells(self) -> Iterator[Cell]:
        for unit in self.units:
            for row in unit.duties:
                yield from row.cells


def compliance(
    *,
    actor: Any,
    first: date,
    last: date,
    unit_id: int | None = None,
    paths: Sequence[str] | None = None,
    today: date | None = None,
) -> Compliance:
    """For every duty owed by a unit of the actor's scope (or of one unit and those under it),
    the periods ending within `first` … `last`, each with its status; grouped by unit, each with
    its share on time. Three queries whatever the number of units and duties.

    `paths` (a periodic report's scope: its unit's subtree and those of the units it took over
    from, registry.statistics.scope_paths) replaces the actor's scope and `unit_id`: the report
    has checked that the actor sees its unit, and counts the duties of the units it replaced."""
    access.require(actor, VIEW)
    today = today or timezone.localdate()
    duties_qs = _owed_duties(actor)
    if paths is not None:
        duties_qs = Duty.objects.filter(under("owner__path", paths)).select_related(
            "regulation", "owner"
        )
    elif unit_id:
        unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
        duties_qs = (
            duties_qs.filter(owner__path__startswith=unit.path) if unit else duties_qs.none()
        )
    duties = list(duties_qs.order_by("owner__path", "regulation_id", "pk"))
    cells = _cells(duties, _submissions(duties_qs, first, last), first, last, today)
    by_unit: dict[int, UnitRow] = {}
    by_duty: dict[int, DutyRow] = {}
    for duty in duties:
        row = by_unit.setdefault(duty.owner_id, UnitRow(duty.owner))
        by_duty[duty.pk] = DutyRow(duty, [])
        row.duties.append(by_duty[duty.pk])
    total = UnitRow(OrgUnit(name=str(_("Tổng cộng"))))
    for cell in cells:
        by_duty[cell.duty.pk].cells.append(cell)
        by_unit[cell.duty.owner_id].add(cell)
        total.add(cell)
    units = [u for u in by_unit.values() if any(r.cells for r in u.duties)]
    for unit_row in units:
        unit_row.duties = [r for r in unit_row.duties if r.cells]
    return Compliance(first, last, today, units, total if units else None)


# --- what a unit owes --------------------------------------------------------------------


@dataclass
class Owed:
    overdue: list[Cell]
    upcoming: list[Cell]
    submitted: list[Cell]


def owed(
    *,
    actor: Any,
    today: date | None = None,
    ahead_days: int = 45,
    back_days: int = 365,
    with_documents: bool = False,
) -> Owed:
    """What the units of the actor's scope owe: periods missing (due passed, nothing sent) over
    the last `back_days`, periods not yet due whose due day comes within `ahead_days` (or whose
    period has begun), and what was sent over the last `back_days` (with its files, when
    `with_documents`: the page links them, in one more query)."""
    access.require(actor, VIEW)
    today = today or timezone.localdate()
    first = today - timedelta(days=back_days)
    last = today + timedelta(days=ahead_days)
    horizon = last + timedelta(days=LONGEST_PERIOD)  # a period running now ends by then
    duties_qs = _owed_duties(actor)
    duties = list(duties_qs.order_by("owner__path", "pk"))
    cells = _cells(duties, _submissions(duties_qs, first, horizon), first, horizon, today)
    if with_documents:
        _add_documents(cells, _submitted(duties_qs, first, horizon))
    cells.sort(key=lambda c: (c.period.due_on, c.duty.owner.path, c.duty.pk))
    return Owed(
        overdue=[c for c in cells if c.status == MISSING],
        upcoming=[
            c
            for c in cells
            if c.status == NOT_DUE and (c.period.due_on <= last or c.period.start <= today)
        ],
        submitted=sorted(
            (c for c in cells if c.submission is not None),
            key=lambda c: (c.submission.submitted_on, c.duty.pk),  # type: ignore[union-attr]
            reverse=True,
        ),
    )


# --- for a reminder job ------------------------------------------------------------------


class Due(NamedTuple):
    duty: Duty
    period: Period
    unit: OrgUnit
    due_on: date
    submitted: bool


def due_submissions(
    on: date,
    window_days: int,
    *,
    lookback_days: int = LOOKBACK_DAYS,
    include_submitted: bool = False,
) -> list[Due]:
    """Every duty's periods (all provinces: a scheduler's read, no actor) whose due day falls
    within `on - lookback_days` … `on + window_days`, not yet submitted (all of them when
    `include_submitted`), ordered by due day. Two queries (duties with their regulation and
    unit; the submissions of those periods), whatever the number of duties."""
    first_due = on - timedelta(days=lookback_days)
    last_due = on + timedelta(days=window_days)
    first_end = first_due - timedelta(days=LONGEST_PERIOD)  # a period ends before it is due
    duties_qs = (
        Duty.objects.filter(regulation__valid_from__lte=last_due)
        .filter(Q(regulation__valid_to__isnull=True) | Q(regulation__valid_to__gte=first_end))
        .select_related("regulation", "owner")
    )
    duties = list(duties_qs.order_by("pk"))
    sent = {
        (duty_id, start)
        for duty_id, start in _submitted(duties_qs, first_end, last_due).values_list(
            "duty_id", "period_start"
        )
    }
    rows = []
    for duty in duties:
        for period in _expected(duty, first_end, last_due):
            if not first_due <= period.due_on <= last_due:
                continue
            submitted = (duty.pk, period.start) in sent
            if submitted and not include_submitted:
                continue
            rows.append(Due(duty, period, duty.owner, period.due_on, submitted))
    rows.sort(key=lambda r: (r.due_on, r.duty.pk))
    return rows
