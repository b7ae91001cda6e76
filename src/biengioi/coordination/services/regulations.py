"""Coordination regulations, their duties and the submissions they expect (DOMAIN §3.12).

A regulation is the province's: only the secretariat or an administrator at the province's root
(`coordination.configure`) records or corrects one and its duties. Its parties are two or more
(at least one a unit of the province; counterpart units of the other side may join a joint
regulation). A duty is owed by a party or a unit under one (a post of the Border Guard command),
on a rhythm with a due day (`rhythms`); its rhythm stays as it is once something was submitted
for it. A submission is sent by the owing unit's scope (`coordination.record`) for one period the
duty expects (a calendar period of its rhythm overlapping the regulation's validity), on a day
that has come and no earlier than the period's start; there is one per duty and period: a second
is an edit (with `version`) or a replay of the first (the same client id).
"""

import uuid
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.formats import date_format

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import choice, count, past_day, replay
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import get_scoped_or_404, in_scope, province_path, root_id
from biengioi.core.text import clean_text
from biengioi.registry.models import CounterpartUnit, OrgUnit

from ..models import Duty, DutyKind, Regulation, Submission
from ..rhythms import Period, Rhythm, day_range, period_of
from .conferences import _province_units

CONFIGURE = "coordination.configure"
RECORD = "coordination.record"
MAX_FIGURES = 50
MAX_FIGURE = Decimal(10) ** 15
_REGULATION_FIELDS = [
    "uuid",
    "version",
    "province",
    "number",
    "signed_on",
    "title",
    "valid_from",
    "valid_to",
    "note",
]
_REGULATION_EDITABLE = {"number", "signed_on", "title", "valid_from", "valid_to", "note"}
_DUTY_FIELDS = [
    "uuid",
    "version",
    "regulation",
    "kind",
    "title",
    "rhythm",
    "due_day",
    "due_month",
    "owner",
    "note",
]
_DUTY_EDITABLE = {"kind", "title", "rhythm", "due_day", "due_month", "note"}
_SUBMISSION_FIELDS = [
    "uuid",
    "version",
    "duty",
    "period_start",
    "period_end",
    "submitted_on",
    "reference",
    "figures",
    "note",
]
_SUBMISSION_EDITABLE = {"submitted_on", "reference", "figures", "note"}


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _validity(regulation: Regulation) -> str:
    end = _day(regulation.valid_to) if regulation.valid_to else "…"
    return f"{_day(regulation.valid_from)} – {end}"


# --- regulations -------------------------------------------------------------------------


def _province(actor: Any) -> OrgUnit:
    """The actor's province, when the actor sits at its root (regulations are provincial)."""
    path = getattr(getattr(actor, "unit", None), "path", None)
    if not path or path != province_path(actor):
        raise DomainError(Code.NOT_PROVINCE_LEVEL)
    return OrgUnit.objects.get(pk=root_id(path))


def _counterparts(province: OrgUnit, ids: list[Any]) -> list[CounterpartUnit]:
    wanted = list(dict.fromkeys(ids))
    numbers = [i for i in wanted if isinstance(i, int) and not isinstance(i, bool)]
    found = CounterpartUnit.objects.filter(province=province).in_bulk(numbers)
    for counterpart_id in wanted:
        if counterpart_id not in found:
            raise DomainError(
                Code.COUNTERPART_NOT_IN_PROVINCE, field="counterpart_ids", id=counterpart_id
            )
    return [found[i] for i in wanted]


def _regulation_apply(regulation: Regulation, data: dict[str, Any]) -> None:
    for key, limit in (("number", 60), ("title", 300)):
        if key in data:
            setattr(
                regulation,
                key,
                clean_text(data[key] or "", field=key, max_length=limit, required=True),
            )
    if "note" in data:
        regulation.note = clean_text(
            data["note"] or "", field="note", max_length=4000, multiline=True
        )
    if "signed_on" in data:
        regulation.signed_on = past_day(data["signed_on"], "signed_on")
    if "valid_from" in data:
        if not isinstance(data["valid_from"], date):
            raise DomainError(Code.REQUIRED, field="valid_from")
        regulation.valid_from = data["valid_from"]
    if "valid_to" in data:
        if data["valid_to"] is not None and not isinstance(data["valid_to"], date):
            raise DomainError(Code.REQUIRED, field="valid_to")
        regulation.valid_to = data["valid_to"]
    if regulation.valid_to is not None and regulation.valid_to < regulation.valid_from:
        raise DomainError(Code.VALID_TO_BEFORE_FROM, field="valid_to")


def _check_parties(units: list[OrgUnit], counterparts: list[CounterpartUnit]) -> None:
    if not units or len(units) + len(counterparts) < 2:
        raise DomainError(Code.REGULATION_TWO_PARTIES, field="party_unit_ids")


def _regulation_snapshot(regulation: Regulation) -> dict[str, Any]:
    after = audit.snapshot(regulation, _REGULATION_FIELDS) or {}
    after["parties"] = sorted(regulation.parties.values_list("pk", flat=True))
    after["counterparts"] = sorted(regulation.counterparts.values_list("pk", flat=True))
    return after


def regulation_create(
    *,
    actor: Any,
    number: str,
    signed_on: date,
    title: str,
    valid_from: date,
    party_unit_ids: list[int],
    counterpart_ids: list[int] | None = None,
    client_id: uuid.UUID | None = None,
    **data: Any,
) -> tuple[Regulation, bool]:
    """Record a regulation of the actor's province between its parties. Returns it and whether
    it was made now (a `client_id` sent again returns the first)."""
    access.require(actor, CONFIGURE)
    unknown = set(data) - _REGULATION_EDITABLE
    if unknown:
        raise TypeError(f"regulation_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(Regulation, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            province = _province(actor)
            regulation = Regulation(
                uuid=client_id or uuid.uuid4(), province=province, created_by=actor
            )
            _regulation_apply(
                regulation,
                {
                    **data,
                    "number": number,
                    "signed_on": signed_on,
                    "title": title,
                    "valid_from": valid_from,
                },
            )
            units = _province_units(actor, party_unit_ids or [], "party_unit_ids")
            counterparts = _counterparts(province, counterpart_ids or [])
            _check_parties(units, counterparts)
            regulation.save()
            regulation.parties.set(units)
            regulation.counterparts.set(counterparts)
            audit.record(
                actor,
                "regulation.create",
                regulation,
                scope_path=province.path,
                after=_regulation_snapshot(regulation),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(Regulation, actor, client_id)):
            return earlier, False
        raise
    return regulation, True


def _owner_is_party(owner: OrgUnit, parties: list[OrgUnit]) -> bool:
    return any(owner.path.startswith(p.path) for p in parties)


def regulation_update(
    *,
    actor: Any,
    regulation_id: int,
    version: int,
    party_unit_ids: list[int] | None = None,
    counterpart_ids: list[int] | None = None,
    **changes: Any,
) -> Regulation:
    """Correct a regulation: every duty's unit stays a party (or under one), and every submission
    already sent stays within its validity."""
    access.require(actor, CONFIGURE)
    unknown = set(changes) - _REGULATION_EDITABLE
    if unknown:
        raise TypeError(f"regulation_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        regulation = get_scoped_or_404(
            actor,
            Regulation.objects.select_for_update(of=("self",)).select_related("province"),
            pk=regulation_id,
        )
        if regulation.version != version:
            raise Stale(regulation, version)
        before = _regulation_snapshot(regulation)
        _regulation_apply(regulation, changes)
        units = (
            _province_units(actor, party_unit_ids, "party_unit_ids")
            if party_unit_ids is not None
            else list(regulation.parties.all())
        )
        counterparts = (
            _counterparts(regulation.province, counterpart_ids)
            if counterpart_ids is not None
            else list(regulation.counterparts.all())
        )
        _check_parties(units, counterparts)
        for duty in regulation.duties.select_related("owner"):
            if not _owner_is_party(duty.owner, units):
                raise DomainError(
                    Code.PARTY_OWES_DUTIES, field="party_unit_ids", unit=duty.owner.name
                )
        outside = Q(period_end__lt=regulation.valid_from)
        if regulation.valid_to is not None:
            outside |= Q(period_start__gt=regulation.valid_to)
        stray = (
            Submission.objects.filter(outside, duty__regulation=regulation)
            .order_by("period_start")
            .first()
        )
        if stray is not None:
            field = "valid_from" if stray.period_end < regulation.valid_from else "valid_to"
            raise DomainError(
                Code.VALIDITY_EXCLUDES_SUBMISSION,
                field=field,
                period=f"{_day(stray.period_start)} – {_day(stray.period_end)}",
            )
        regulation.version += 1
        regulation.save()
        if party_unit_ids is not None:
            regulation.parties.set(units)
        if counterpart_ids is not None:
            regulation.counterparts.set(counterparts)
        audit.record(
            actor,
            "regulation.update",
            regulation,
            scope_path=regulation.province.path,
            before=before,
            after=_regulation_snapshot(regulation),
        )
    return regulation


# --- duties ------------------------------------------------------------------------------


def _duty_apply(duty: Duty, data: dict[str, Any]) -> None:
    if "kind" in data:
        duty.kind = choice(data["kind"], DutyKind, "kind")
    if "title" in data:
        duty.title = clean_text(data["title"] or "", field="title", max_length=300, required=True)
    if "note" in data:
        duty.note = clean_text(data["note"] or "", field="note", max_length=4000, multiline=True)
    if "rhythm" in data:
        duty.rhythm = choice(data["rhythm"], Rhythm, "rhythm")
    if "due_day" in data:
        low, high = day_range(duty.rhythm)
        duty.due_day = count(data["due_day"], "due_day", high, low)
    elif duty.due_day is not None:
        low, high = day_range(duty.rhythm)
        duty.due_day = count(duty.due_day, "due_day", high, low)  # the rhythm changed under it
    if "due_month" in data:
        duty.due_month = data["due_month"] if data["due_month"] not in ("", 0) else None
    if duty.rhythm == Rhythm.YEARLY:
        if duty.due_month is None:
            raise DomainError(Code.REQUIRED, field="due_month")
        duty.due_month = count(duty.due_month, "due_month", 12, 1)
    elif duty.due_month is not None:
        raise DomainError(Code.DUE_MONTH_ONLY_YEARLY, field="due_month")


def duty_add(
    *,
    actor: Any,
    regulation_id: int,
    kind: str,
    title: str,
    rhythm: str,
    due_day: int,
    owner_unit_id: int,
    due_month: int | None = None,
    note: str = "",
    client_id: uuid.UUID | None = None,
) -> tuple[Duty, bool]:
    """Add a duty to a regulation of the actor's province, owed by one of its parties (or a unit
    under one)."""
    access.require(actor, CONFIGURE)
    if client_id is not None and (earlier := replay(Duty, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            regulation = get_scoped_or_404(
                actor,
                Regulation.objects.select_for_update(of=("self",)).select_related("province"),
                pk=regulation_id,
            )
            duty = Duty(uuid=client_id or uuid.uuid4(), regulation=regulation, created_by=actor)
            _duty_apply(
                duty,
                {
                    "kind": kind,
                    "title": title,
                    "rhythm": rhythm,
                    "due_day": due_day,
                    "due_month": due_month,
                    "note": note,
                },
            )
            owner = (
                OrgUnit.objects.filter(pk=owner_unit_id).first()
                if isinstance(owner_unit_id, int)
                else None
            )
            if owner is None or not _owner_is_party(owner, list(regulation.parties.all())):
                raise DomainError(Code.DUTY_OWNER_NOT_PARTY, field="owner_unit_id")
            duty.owner = owner
            duty.save()
            audit.record(
                actor,
                "duty.create",
                duty,
                scope_path=regulation.province.path,
                after=audit.snapshot(duty, _DUTY_FIELDS),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(Duty, actor, client_id)):
            return earlier, False
        raise
    return duty, True


def duty_update(*, actor: Any, duty_id: int, version: int, **changes: Any) -> Duty:
    """Correct a duty's wording or due day; its rhythm only while nothing was submitted for it
    (a period of one rhythm is not a period of another). Its unit stays: a duty owed by another
    unit is another duty."""
    access.require(actor, CONFIGURE)
    unknown = set(changes) - _DUTY_EDITABLE
    if unknown:
        raise TypeError(f"duty_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        duty = get_scoped_or_404(
            actor,
            Duty.objects.select_for_update(of=("self",)).select_related("regulation__province"),
            pk=duty_id,
        )
        if duty.version != version:
            raise Stale(duty, version)
        before = audit.snapshot(duty, _DUTY_FIELDS)
        old_rhythm = duty.rhythm
        _duty_apply(duty, changes)
        if duty.rhythm != old_rhythm and duty.submissions.exists():
            raise DomainError(Code.RHYTHM_HAS_SUBMISSIONS, field="rhythm")
        duty.version += 1
        duty.save()
        audit.record(
            actor,
            "duty.update",
            duty,
            scope_path=duty.regulation.province.path,
            before=before,
            after=audit.snapshot(duty, _DUTY_FIELDS),
        )
    return duty


# --- submissions -------------------------------------------------------------------------


def _number(value: Any) -> int | float:
    if isinstance(value, bool):
        raise ValueError(value)
    number = Decimal(str(value).strip())
    if not number.is_finite() or abs(number) >= MAX_FIGURE:
        raise ValueError(value)
    return int(number) if number == number.to_integral_value() else float(number)


def clean_figures(value: Any) -> dict[str, int | float]:
    """The figures of a report as named numbers ({"Số lượt trao đổi": 4, ...}), names cleaned
    (NFC, trimmed) and each used once."""
    if value in (None, ""):
        return {}
    error = DomainError(Code.FIGURES_INVALID, field="figures", max=MAX_FIGURES)
    if not isinstance(value, dict) or len(value) > MAX_FIGURES:
        raise error
    figures: dict[str, int | float] = {}
    seen: set[str] = set()
    for raw, number in value.items():
        name = clean_text(str(raw), field="figures", max_length=100)
        if not name or name.casefold() in seen:
            raise error
        seen.add(name.casefold())
        try:
            figures[name] = _number(number)
        except (ValueError, TypeError, InvalidOperation) as exc:
            raise error from exc
    return figures


def expected_period(duty: Duty, start: Any, end: Any = None) -> Period:
    """The period of the duty that starts on `start` (and ends on `end`, when sent), if the duty
    expects one there: a period of its rhythm overlapping the regulation's validity."""
    if not isinstance(start, date):
        raise DomainError(Code.REQUIRED, field="period_start")
    period = period_of(duty.rhythm, duty.due_day, start, duty.due_month)
    regulation = duty.regulation
    fits = period.start == start and (end is None or period.end == end)
    valid = period.end >= regulation.valid_from and (
        regulation.valid_to is None or period.start <= regulation.valid_to
    )
    if not (fits and valid):
        raise DomainError(
            Code.PERIOD_NOT_OF_DUTY,
            field="period_start" if period.start != start or not valid else "period_end",
            start=_day(start),
            end=_day(end) if isinstance(end, date) else "…",
            validity=_validity(regulation),
        )
    return period


def _submission_apply(submission: Submission, data: dict[str, Any]) -> None:
    if "reference" in data:
        submission.reference = clean_text(
            data["reference"] or "", field="reference", max_length=300
        )
    if "note" in data:
        submission.note = clean_text(
            data["note"] or "", field="note", max_length=4000, multiline=True
        )
    if "figures" in data:
        submission.figures = clean_figures(data["figures"])
    if "submitted_on" in data:
        submission.submitted_on = past_day(data["submitted_on"], "submitted_on")
    if submission.submitted_on < submission.period_start:
        raise DomainError(
            Code.SUBMITTED_BEFORE_PERIOD, field="submitted_on", day=_day(submission.period_start)
        )


def _duty_for_submission(actor: Any, duty_id: int, lock: bool = False) -> Duty:
    rows = Duty.objects.select_related("regulation", "owner")
    if lock:
        rows = rows.select_for_update(of=("self",))
    duty = get_scoped_or_404(actor, rows, province_wide=True, pk=duty_id)
    if not in_scope(actor, duty.owner.path):
        raise DomainError(Code.NOT_DUTY_OWNER, field="duty_id", unit=duty.owner.name)
    return duty


def submission_create(
    *,
    actor: Any,
    duty_id: int,
    period_start: date,
    submitted_on: date,
    period_end: date | None = None,
    reference: str = "",
    figures: dict[str, Any] | None = None,
    note: str = "",
    client_id: uuid.UUID | None = None,
) -> tuple[Submission, bool]:
    """Record what the owing unit sent for one period of a duty. Returns it and whether it was
    made now (a `client_id` sent again returns the first)."""
    access.require(actor, RECORD)
    if client_id is not None and (earlier := replay(Submission, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            duty = _duty_for_submission(actor, duty_id, lock=True)
            day = past_day(submitted_on, "submitted_on")
            period = expected_period(duty, period_start, period_end)
            if Submission.objects.filter(duty=duty, period_start=period.start).exists():
                raise DomainError(
                    Code.SUBMISSION_EXISTS,
                    field="period_start",
                    start=_day(period.start),
                    end=_day(period.end),
                )
            submission = Submission(
                uuid=client_id or uuid.uuid4(),
                duty=duty,
                period_start=period.start,
                period_end=period.end,
                submitted_on=day,
                created_by=actor,
            )
            _submission_apply(
                submission, {"reference": reference, "figures": figures, "note": note}
            )
            submission.save()
            audit.record(
                actor,
                "submission.create",
                submission,
                scope_path=duty.owner.path,
                after=audit.snapshot(submission, _SUBMISSION_FIELDS),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(Submission, actor, client_id)):
            return earlier, False
        if Submission.objects.filter(duty_id=duty_id, period_start=period_start).exists():
            raise DomainError(  # sent at the same moment by someone else
                Code.SUBMISSION_EXISTS,
                field="period_start",
                start=_day(period_start),
                end=_day(period_end or period_start),
            ) from None
        raise
    return submission, True


def submission_update(
    *, actor: Any, submission_id: int, version: int, **changes: Any
) -> Submission:
    """Correct a submission of the actor's scope: its day, reference, figures or note (its
    period stays: another period is another submission)."""
    access.require(actor, RECORD)
    unknown = set(changes) - _SUBMISSION_EDITABLE
    if unknown:
        raise TypeError(f"submission_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        submission = get_scoped_or_404(
            actor,
            Submission.objects.select_for_update(of=("self",)).select_related("duty__owner"),
            pk=submission_id,
        )
        if submission.version != version:
            raise Stale(submission, version)
        before = audit.snapshot(submission, _SUBMISSION_FIELDS)
        _submission_apply(submission, changes)
        submission.version += 1
        submission.save()
        audit.record(
            actor,
            "submission.update",
            submission,
            scope_path=submission.duty.owner.path,
            before=before,
            after=audit.snapshot(submission, _SUBMISSION_FIELDS),
        )
    return submission
