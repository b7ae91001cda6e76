"""Emulation movements and awards (thi đua, khen thưởng): launch a movement, review it each
year, record the awards conferred under it (or outside any movement), and correct them.

A movement is launched by a unit of the actor's scope and may be corrected there; it is read,
and awards are recorded under it, anywhere in its province (a post records the awards of the
province's movement). An award's decision falls within its movement's period, and so does a
review; an award to an individual names the person, one to a collective names it or picks the
unit or self-management team; a foreign decoration names its country.
"""

import uuid
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import amount, choice, count, in_force, past_day, replay
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.text import clean_text
from biengioi.registry.models import OrgUnit

from ..models import (
    Award,
    AwardKind,
    EmulationMovement,
    EmulationReview,
    RecipientKind,
    SelfManagementTeam,
)

_MOVEMENT_FIELDS = [
    "uuid",
    "version",
    "unit",
    "name",
    "decision_number",
    "decision_date",
    "decision_issuer",
    "starts_on",
    "ends_on",
    "content",
    "note",
]
_MOVEMENT_EDITABLE = set(_MOVEMENT_FIELDS) - {"uuid", "version", "unit"}
_AWARD_FIELDS = [
    "uuid",
    "version",
    "unit",
    "movement",
    "kind",
    "conferred_by",
    "country",
    "recipient_kind",
    "recipient_name",
    "recipient_unit",
    "recipient_team",
    "recipient_place",
    "position",
    "decision_number",
    "decision_date",
    "decision_issuer",
    "reason",
    "amount_vnd",
]
_AWARD_EDITABLE = {
    "movement_id",
    "kind",
    "conferred_by",
    "country",
    "recipient_kind",
    "recipient_name",
    "recipient_unit_id",
    "recipient_team_id",
    "recipient_place",
    "position",
    "decision_number",
    "decision_date",
    "decision_issuer",
    "reason",
    "amount_vnd",
}
_LINES = {  # single-line text fields and their length
    "name": 300,
    "decision_number": 60,
    "decision_issuer": 200,
    "conferred_by": 200,
    "country": 100,
    "recipient_name": 200,
    "recipient_place": 200,
    "position": 150,
}
_REQUIRED = {"name", "decision_number"}


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def period(movement: EmulationMovement) -> str:
    """The movement's period as the messages and pages show it: "13/11/2017 – 31/12/2025"."""
    if movement.ends_on is None:
        return gettext("từ {day}").format(day=_day(movement.starts_on))
    return f"{_day(movement.starts_on)} – {_day(movement.ends_on)}"


def _within(movement: EmulationMovement, day: date, field: str) -> None:
    if day < movement.starts_on or (movement.ends_on is not None and day > movement.ends_on):
        raise DomainError(
            Code.OUTSIDE_MOVEMENT, field=field, name=movement.name, period=period(movement)
        )


def _text(obj: Any, data: dict[str, Any], names: dict[str, int]) -> None:
    for name, length in names.items():
        if name in data:
            value = clean_text(
                data[name] or "", field=name, max_length=length, required=name in _REQUIRED
            )
            setattr(obj, name, value)


def _paragraphs(obj: Any, data: dict[str, Any], *names: str) -> None:
    for name in names:
        if name in data:
            value = clean_text(data[name] or "", field=name, max_length=8000, multiline=True)
            setattr(obj, name, value)


def _unit_for_write(actor: Any, unit_id: Any) -> OrgUnit:
    unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first() if unit_id else None
    if unit is None:
        raise DomainError(Code.UNIT_NOT_IN_SCOPE, field="unit_id")
    return unit


# --- movements ---------------------------------------------------------------------------


def _movement_snapshot(movement: EmulationMovement) -> dict[str, Any]:
    return audit.snapshot(movement, _MOVEMENT_FIELDS) or {}


def _movement_apply(movement: EmulationMovement, data: dict[str, Any]) -> None:
    _text(movement, data, {k: v for k, v in _LINES.items() if k in _MOVEMENT_EDITABLE})
    _paragraphs(movement, data, "content", "note")
    if "decision_date" in data:
        movement.decision_date = past_day(data["decision_date"], "decision_date")
    if "starts_on" in data:
        if not isinstance(data["starts_on"], date):
            raise DomainError(Code.REQUIRED, field="starts_on")
        movement.starts_on = data["starts_on"]
    if "ends_on" in data:
        if data["ends_on"] is not None and not isinstance(data["ends_on"], date):
            raise DomainError(Code.REQUIRED, field="ends_on")
        movement.ends_on = data["ends_on"]
    if movement.ends_on is not None and movement.ends_on < movement.starts_on:
        raise DomainError(Code.ENDED_BEFORE_START, field="ends_on", day=_day(movement.starts_on))


def _keeps_its_records(movement: EmulationMovement) -> None:
    """A corrected period still holds every award decided and every review held under it."""
    days = [
        *movement.awards.values_list("decision_date", flat=True),
        *movement.reviews.values_list("held_on", flat=True),
    ]
    early = [d for d in days if d < movement.starts_on]
    late = [d for d in days if movement.ends_on is not None and d > movement.ends_on]
    if early:
        raise DomainError(Code.MOVEMENT_AWARDS_OUTSIDE, field="starts_on", day=_day(min(early)))
    if late:
        raise DomainError(Code.MOVEMENT_AWARDS_OUTSIDE, field="ends_on", day=_day(max(late)))


def emulation_movement_create(
    *,
    actor: Any,
    unit_id: int,
    name: str,
    decision_number: str,
    decision_date: date,
    starts_on: date,
    client_id: uuid.UUID | None = None,
    **data: Any,
) -> tuple[EmulationMovement, bool]:
    """Launch a movement by a decision of a unit of the actor's scope.

    Returns the movement and whether it was made now (a `client_id` sent again returns the
    first)."""
    access.require(actor, "community.record")
    unknown = set(data) - _MOVEMENT_EDITABLE
    if unknown:
        raise TypeError(f"emulation_movement_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(EmulationMovement, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            movement = EmulationMovement(
                uuid=client_id or uuid.uuid4(),
                unit=_unit_for_write(actor, unit_id),
                created_by=actor,
            )
            _movement_apply(
                movement,
                {
                    "ends_on": None,
                    **data,
                    "name": name,
                    "decision_number": decision_number,
                    "decision_date": decision_date,
                    "starts_on": starts_on,
                },
            )
            in_force(movement.unit, movement.decision_date, field="unit_id")
            movement.save()
            audit.record(
                actor,
                "emulation_movement.create",
                movement,
                scope_path=movement.unit.path,
                after=_movement_snapshot(movement),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(EmulationMovement, actor, client_id)):
            return earlier, False
        raise
    return movement, True


def emulation_movement_update(
    *, actor: Any, movement_id: int, version: int, **changes: Any
) -> EmulationMovement:
    """Correct a movement launched in the actor's scope; its period must still hold the awards
    and reviews recorded under it."""
    access.require(actor, "community.record")
    unknown = set(changes) - _MOVEMENT_EDITABLE
    if unknown:
        raise TypeError(f"emulation_movement_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        movement = get_scoped_or_404(
            actor,
            EmulationMovement.objects.select_for_update(of=("self",)).select_related("unit"),
            pk=movement_id,
        )
        if movement.version != version:
            raise Stale(movement, version)
        before = _movement_snapshot(movement)
        _movement_apply(movement, changes)
        _keeps_its_records(movement)
        movement.version += 1
        movement.save()
        audit.record(
            actor,
            "emulation_movement.update",
            movement,
            scope_path=movement.unit.path,
            before=before,
            after=_movement_snapshot(movement),
        )
    return movement


def emulation_review_add(
    *,
    actor: Any,
    movement_id: int,
    year: int,
    held_on: date,
    summary: str,
    client_id: uuid.UUID | None = None,
) -> tuple[EmulationReview, bool]:
    """Record the yearly review of a movement launched in the actor's scope: held within the
    movement, in the year reviewed or early the next, once a year."""
    access.require(actor, "community.record")
    if client_id is not None and (earlier := replay(EmulationReview, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            movement = get_scoped_or_404(
                actor,
                EmulationMovement.objects.select_for_update(of=("self",)).select_related("unit"),
                pk=movement_id,
            )
            held_on = past_day(held_on, "held_on")
            _within(movement, held_on, "held_on")
            year = count(year, "year", held_on.year, low=held_on.year - 1)
            if movement.reviews.filter(year=year).exists():
                raise DomainError(Code.MOVEMENT_REVIEW_TWICE, field="year", year=year)
            review = EmulationReview(
                uuid=client_id or uuid.uuid4(),
                movement=movement,
                year=year,
                held_on=held_on,
                summary=clean_text(
                    summary or "", field="summary", max_length=8000, multiline=True, required=True
                ),
                created_by=actor,
            )
            review.save()
            audit.record(
                actor,
                "emulation_review.add",
                review,
                scope_path=movement.unit.path,
                after=audit.snapshot(review, ["uuid", "movement", "year", "held_on", "summary"]),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(EmulationReview, actor, client_id)):
            return earlier, False
        raise
    return review, True


# --- awards ------------------------------------------------------------------------------


def _award_snapshot(award: Award) -> dict[str, Any]:
    return audit.snapshot(award, _AWARD_FIELDS) or {}


def _movement(actor: Any, movement_id: Any, kept: Award | None) -> EmulationMovement | None:
    """A movement of the actor's province (or the one the award already names)."""
    if movement_id in (None, ""):
        return None
    if kept is not None and kept.movement_id == movement_id:
        return kept.movement
    found = None
    if isinstance(movement_id, int) and not isinstance(movement_id, bool):
        # locked: a concurrent correction of the period cannot strand this award outside it
        locked = EmulationMovement.objects.select_for_update(of=("self",))
        movements = scoped(actor, locked, province_wide=True)
        found = movements.filter(pk=movement_id).first()
    if found is None:
        raise DomainError(Code.MOVEMENT_NOT_FOUND, field="movement_id", id=movement_id)
    return found


def _recipient_unit(actor: Any, unit_id: Any, kept: Award | None) -> OrgUnit | None:
    """A unit of the actor's province (the award may go to a unit the recorder does not
    oversee: the province's command, a neighbouring post)."""
    if unit_id in (None, ""):
        return None
    if kept is not None and kept.recipient_unit_id == unit_id:
        return kept.recipient_unit
    units = scoped(actor, OrgUnit.objects.all(), province_wide=True)
    found = units.filter(pk=unit_id).first() if isinstance(unit_id, int) else None
    if found is None:
        raise DomainError(Code.UNIT_NOT_IN_SCOPE, field="recipient_unit_id")
    return found


def _recipient_team(actor: Any, team_id: Any, kept: Award | None) -> SelfManagementTeam | None:
    if team_id in (None, ""):
        return None
    if kept is not None and kept.recipient_team_id == team_id:
        return kept.recipient_team
    teams = scoped(actor, SelfManagementTeam.objects.all())
    found = teams.filter(pk=team_id).first() if isinstance(team_id, int) else None
    if found is None:
        raise DomainError(Code.TEAM_NOT_IN_SCOPE, field="recipient_team_id", id=team_id)
    return found


def _award_apply(actor: Any, award: Award, data: dict[str, Any], kept: Award | None) -> None:
    _text(award, data, {k: v for k, v in _LINES.items() if k not in {"name"}})
    _paragraphs(award, data, "reason")
    if "kind" in data:
        award.kind = choice(data["kind"], AwardKind, "kind")
    if "recipient_kind" in data:
        award.recipient_kind = choice(data["recipient_kind"], RecipientKind, "recipient_kind")
    if "decision_date" in data:
        award.decision_date = past_day(data["decision_date"], "decision_date")
    if "amount_vnd" in data:
        award.amount_vnd = amount(data["amount_vnd"], "amount_vnd")
    if "movement_id" in data:
        award.movement = _movement(actor, data["movement_id"], kept)
    if "recipient_unit_id" in data:
        award.recipient_unit = _recipient_unit(actor, data["recipient_unit_id"], kept)
    if "recipient_team_id" in data:
        award.recipient_team = _recipient_team(actor, data["recipient_team_id"], kept)
    # the rules between fields, on the award as it will stand
    if award.movement is not None:
        _within(award.movement, award.decision_date, "decision_date")
    if award.recipient_unit_id and award.recipient_team_id:
        raise DomainError(Code.RECIPIENT_ONE_OF, field="recipient_team_id")
    if award.recipient_kind == RecipientKind.COLLECTIVE:
        if award.position:
            raise DomainError(Code.POSITION_ONLY_INDIVIDUAL, field="position")
        named = award.recipient_team or award.recipient_unit
        if not award.recipient_name and named is not None:
            award.recipient_name = named.name[:200]
    if not award.recipient_name:
        raise DomainError(Code.RECIPIENT_NAME_REQUIRED, field="recipient_name")
    if award.kind == AwardKind.FOREIGN_DECORATION and not award.country:
        raise DomainError(Code.COUNTRY_REQUIRED, field="country")
    if award.kind != AwardKind.FOREIGN_DECORATION and award.country:
        raise DomainError(Code.COUNTRY_ONLY_FOREIGN, field="country")


def award_create(
    *,
    actor: Any,
    unit_id: int,
    kind: str,
    recipient_kind: str,
    decision_number: str,
    decision_date: date,
    client_id: uuid.UUID | None = None,
    **data: Any,
) -> tuple[Award, bool]:
    """Record an award; the recording unit (of the actor's scope) owns it.

    Returns the award and whether it was made now (a `client_id` sent again returns the
    first)."""
    access.require(actor, "community.record")
    unknown = set(data) - _AWARD_EDITABLE
    if unknown:
        raise TypeError(f"award_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(Award, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            award = Award(
                uuid=client_id or uuid.uuid4(),
                unit=_unit_for_write(actor, unit_id),
                created_by=actor,
            )
            fields = {
                "recipient_name": "",
                **data,
                "kind": kind,
                "recipient_kind": recipient_kind,
                "decision_number": decision_number,
                "decision_date": decision_date,
            }
            _award_apply(actor, award, fields, None)
            in_force(award.unit, award.decision_date, field="unit_id")
            award.save()
            audit.record(
                actor,
                "award.create",
                award,
                scope_path=award.unit.path,
                after=_award_snapshot(award),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(Award, actor, client_id)):
            return earlier, False
        raise
    return award, True


def award_update(*, actor: Any, award_id: int, version: int, **changes: Any) -> Award:
    """Correct an award recorded in the actor's scope; the movement, unit or team it already
    names may stay even when the editor would not be offered them."""
    access.require(actor, "community.record")
    unknown = set(changes) - _AWARD_EDITABLE
    if unknown:
        raise TypeError(f"award_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        award = get_scoped_or_404(
            actor,
            Award.objects.select_for_update(of=("self",)).select_related(
                "unit", "movement", "recipient_unit", "recipient_team"
            ),
            pk=award_id,
        )
        if award.version != version:
            raise Stale(award, version)
        before = _award_snapshot(award)
        _award_apply(actor, award, changes, award)
        award.version += 1
        award.save()
        audit.record(
            actor,
            "award.update",
            award,
            scope_path=award.unit.path,
            before=before,
            after=_award_snapshot(award),
        )
    return award
