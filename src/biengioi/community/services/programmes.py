"""Social programmes of the Border Guard: keep the province's list of programmes, record the
people a unit supports under one (a sponsored pupil, a foster child) and what a unit did under
one without named beneficiaries (a clinic, a class, spring gifts); correct each.

A beneficiary or an activity names an active programme of the actor's province and a unit of
the actor's scope; a beneficiary keeps the least personal data the work needs (name, birth year,
a Vietnamese commune or a place abroad with its country), a monthly sum never below zero, and a
support period whose end, when known, is no earlier than its start.
"""

import uuid
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import amount, choice, count, in_force, past_day, replay
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.text import clean_text, unaccent
from biengioi.registry import selectors as registry
from biengioi.registry.models import Country, OrgUnit, UnitKind

from ..models import (
    EndReason,
    Programme,
    ProgrammeActivity,
    ProgrammeBeneficiary,
    ProgrammeKind,
)
from .propaganda import province_of

FIRST_BIRTH_YEAR = 1920
MAX_PEOPLE = 100_000
# the programmes a province starts with (DOMAIN §3.10), added on request to an empty or partial list
USUAL_PROGRAMMES = [
    ("Nâng bước em tới trường", ProgrammeKind.SCHOOL),
    ("Con nuôi đồn Biên phòng", ProgrammeKind.FOSTER),
    ("Xuân Biên phòng ấm lòng dân bản", ProgrammeKind.GIFTS),
    ("Đồng hành cùng phụ nữ biên cương", ProgrammeKind.OTHER),
    ("Phòng khám quân dân y", ProgrammeKind.CLINIC),
    ("Lớp xóa mù chữ", ProgrammeKind.CLASS),
    ("Lớp dạy tiếng", ProgrammeKind.CLASS),
]
_PROGRAMME_FIELDS = ["name", "kind", "active", "note"]
_BENEFICIARY_FIELDS = [
    "uuid",
    "version",
    "programme",
    "unit",
    "full_name",
    "birth_year",
    "commune",
    "place",
    "country",
    "monthly_vnd",
    "since",
    "until",
    "end_reason",
    "note",
]
_BENEFICIARY_EDITABLE = {
    "programme_id",
    "full_name",
    "birth_year",
    "commune_id",
    "place",
    "country_code",
    "monthly_vnd",
    "since",
    "until",
    "end_reason",
    "note",
}
_ACTIVITY_FIELDS = [
    "uuid",
    "version",
    "programme",
    "unit",
    "on",
    "commune",
    "place",
    "people_served",
    "spent_vnd",
    "content",
]
_ACTIVITY_EDITABLE = {
    "programme_id",
    "on",
    "commune_id",
    "place",
    "people_served",
    "spent_vnd",
    "content",
}


def _unit_for_write(actor: Any, unit_id: Any) -> OrgUnit:
    """A unit of the actor's scope that does the work (not a commune's own unit)."""
    units = scoped(actor, OrgUnit.objects.exclude(kind=UnitKind.COMMUNE))
    unit = units.filter(pk=unit_id).first() if isinstance(unit_id, int) else None
    if unit is None:
        raise DomainError(Code.UNIT_NOT_IN_SCOPE, field="unit_id")
    return unit


def _programme(unit: OrgUnit, programme_id: Any, kept: Programme | None = None) -> Programme:
    """An active programme of the unit's province (or the one the record already names)."""
    if programme_id in (None, ""):
        raise DomainError(Code.REQUIRED, field="programme_id")
    if kept is not None and kept.pk == programme_id:
        return kept
    found = (
        Programme.objects.filter(province=province_of(unit), pk=programme_id).first()
        if isinstance(programme_id, int) and not isinstance(programme_id, bool)
        else None
    )
    if found is None or not found.active:
        raise DomainError(
            Code.PROGRAMME_UNKNOWN,
            field="programme_id",
            programme=found.name if found else programme_id,
        )
    return found


def _birth_year(value: Any) -> int:
    this_year = timezone.localdate().year
    if isinstance(value, bool):
        raise DomainError(Code.REQUIRED, field="birth_year")
    try:
        year = int(value)
    except (TypeError, ValueError) as exc:
        raise DomainError(Code.REQUIRED, field="birth_year") from exc
    if year > this_year:
        raise DomainError(Code.BIRTH_YEAR_IN_FUTURE, field="birth_year", year=this_year)
    if year < FIRST_BIRTH_YEAR:
        raise DomainError(
            Code.OUT_OF_RANGE, field="birth_year", low=FIRST_BIRTH_YEAR, high=this_year
        )
    return year


def _vnd(value: Any, field: str) -> int:
    return int(amount(value, field) or 0)


def _where(b: ProgrammeBeneficiary, data: dict[str, Any]) -> None:
    """Where the person lives: a commune of Vietnam, or a place abroad and its country."""
    if "place" in data:
        b.place = clean_text(data["place"] or "", field="place", max_length=200)
    if "country_code" in data:
        code = (data["country_code"] or "").strip().upper()
        if code:
            b.country = Country.objects.filter(code=code).first()
            if b.country is None:
                raise DomainError(Code.COUNTRY_UNKNOWN, field="country_code", code=code)
        else:
            b.country = None
    if "commune_id" in data:
        b.commune = (
            registry.commune(data["commune_id"]) if data["commune_id"] not in (None, "") else None
        )
    if b.country_id is not None:
        if b.commune_id is not None:
            raise DomainError(Code.PLACE_COMMUNE_OR_ABROAD, field="commune_id")
        if not b.place:
            raise DomainError(Code.REQUIRED, field="place")
    else:
        if b.place:
            raise DomainError(Code.PLACE_ABROAD_ONLY, field="place")
        if b.commune_id is None:
            raise DomainError(Code.REQUIRED, field="commune_id")


def _apply_beneficiary(
    b: ProgrammeBeneficiary, data: dict[str, Any], kept: Programme | None = None
) -> None:
    if "programme_id" in data:
        b.programme = _programme(b.unit, data["programme_id"], kept)
    if "full_name" in data:
        b.full_name = clean_text(
            data["full_name"] or "", field="full_name", max_length=100, required=True
        )
    if "birth_year" in data:
        b.birth_year = _birth_year(data["birth_year"])
    _where(b, data)
    if "monthly_vnd" in data:
        b.monthly_vnd = _vnd(data["monthly_vnd"], "monthly_vnd")
    if "since" in data:
        b.since = past_day(data["since"], "since")
    if "until" in data:
        until = data["until"]
        if until is not None and not isinstance(until, date):
            raise DomainError(Code.REQUIRED, field="until")
        b.until = until
    if b.until is not None and b.until < b.since:
        raise DomainError(
            Code.ENDED_BEFORE_START,
            field="until",
            day=date_format(b.since, "SHORT_DATE_FORMAT"),
        )
    if "end_reason" in data:
        reason = data["end_reason"] or ""
        b.end_reason = choice(reason, EndReason, "end_reason") if reason else ""
    if b.end_reason and b.until is None:
        raise DomainError(Code.END_REASON_WITHOUT_UNTIL, field="end_reason")
    if "note" in data:
        b.note = clean_text(data["note"] or "", field="note", max_length=4000, multiline=True)


def _beneficiary_snapshot(b: ProgrammeBeneficiary) -> dict[str, Any]:
    return audit.snapshot(b, _BENEFICIARY_FIELDS) or {}


def programme_beneficiary_create(
    *,
    actor: Any,
    unit_id: int,
    programme_id: int,
    full_name: str,
    birth_year: int,
    since: date,
    client_id: uuid.UUID | None = None,
    **data: Any,
) -> tuple[ProgrammeBeneficiary, bool]:
    """Record a person a unit of the actor's scope supports under an active programme of the
    province. Returns the record and whether it was made now (a `client_id` sent again returns
    the first)."""
    access.require(actor, "community.record")
    unknown = set(data) - _BENEFICIARY_EDITABLE
    if unknown:
        raise TypeError(f"programme_beneficiary_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(ProgrammeBeneficiary, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            b = ProgrammeBeneficiary(
                uuid=client_id or uuid.uuid4(),
                unit=_unit_for_write(actor, unit_id),
                created_by=actor,
            )
            b.since = past_day(since, "since")
            in_force(b.unit, b.since, field="unit_id")
            _apply_beneficiary(
                b,
                {
                    "commune_id": None,
                    "country_code": "",
                    **data,
                    "programme_id": programme_id,
                    "full_name": full_name,
                    "birth_year": birth_year,
                },
            )
            b.save()
            audit.record(
                actor,
                "programme_beneficiary.create",
                b,
                scope_path=b.unit.path,
                after=_beneficiary_snapshot(b),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(ProgrammeBeneficiary, actor, client_id)):
            return earlier, False
        raise
    return b, True


def programme_beneficiary_update(
    *, actor: Any, beneficiary_id: int, version: int, **changes: Any
) -> ProgrammeBeneficiary:
    """Correct a beneficiary or end their support (`until`, `end_reason`). `version` is the one
    the user saw; if the record changed since, nothing is written and `Stale` carries it."""
    access.require(actor, "community.record")
    unknown = set(changes) - _BENEFICIARY_EDITABLE
    if unknown:
        raise TypeError(f"programme_beneficiary_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        b = get_scoped_or_404(
            actor,
            ProgrammeBeneficiary.objects.select_for_update(of=("self",)).select_related(
                "unit", "programme", "commune", "country"
            ),
            pk=beneficiary_id,
        )
        if b.version != version:
            raise Stale(b, version)
        before = _beneficiary_snapshot(b)
        _apply_beneficiary(b, changes, kept=b.programme)
        b.version += 1
        b.save()
        audit.record(
            actor,
            "programme_beneficiary.update",
            b,
            scope_path=b.unit.path,
            before=before,
            after=_beneficiary_snapshot(b),
        )
    return b


# --- activities of programmes without named beneficiaries ----------------------------------


def _apply_activity(
    a: ProgrammeActivity, data: dict[str, Any], kept: Programme | None = None
) -> None:
    if "programme_id" in data:
        a.programme = _programme(a.unit, data["programme_id"], kept)
    if "on" in data:
        a.on = past_day(data["on"], "on")
    if "commune_id" in data:
        a.commune = (
            registry.commune(data["commune_id"]) if data["commune_id"] not in (None, "") else None
        )
    if ("commune_id" in data or "on" in data) and a.commune_id is not None and a.on:
        registry.commune(a.commune_id, on=a.on)  # the commune of the activity's day
    if "place" in data:
        a.place = clean_text(data["place"] or "", field="place", max_length=200)
    if "people_served" in data:
        a.people_served = count(data["people_served"], "people_served", MAX_PEOPLE)
    if "spent_vnd" in data:
        a.spent_vnd = _vnd(data["spent_vnd"], "spent_vnd")
    if "content" in data:
        a.content = clean_text(
            data["content"] or "", field="content", max_length=4000, multiline=True, required=True
        )


def programme_activity_create(
    *,
    actor: Any,
    unit_id: int,
    programme_id: int,
    on: date,
    content: str,
    client_id: uuid.UUID | None = None,
    **data: Any,
) -> tuple[ProgrammeActivity, bool]:
    """Record what a unit of the actor's scope did under an active programme on a day that has
    come. Returns the activity and whether it was made now."""
    access.require(actor, "community.record")
    unknown = set(data) - _ACTIVITY_EDITABLE
    if unknown:
        raise TypeError(f"programme_activity_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(ProgrammeActivity, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            a = ProgrammeActivity(
                uuid=client_id or uuid.uuid4(),
                unit=_unit_for_write(actor, unit_id),
                created_by=actor,
            )
            _apply_activity(a, {**data, "programme_id": programme_id, "on": on, "content": content})
            in_force(a.unit, a.on, field="unit_id")
            a.save()
            audit.record(
                actor,
                "programme_activity.create",
                a,
                scope_path=a.unit.path,
                after=audit.snapshot(a, _ACTIVITY_FIELDS),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(ProgrammeActivity, actor, client_id)):
            return earlier, False
        raise
    return a, True


def programme_activity_update(
    *, actor: Any, activity_id: int, version: int, **changes: Any
) -> ProgrammeActivity:
    """Correct an activity; a stale `version` writes nothing and raises `Stale`."""
    access.require(actor, "community.record")
    unknown = set(changes) - _ACTIVITY_EDITABLE
    if unknown:
        raise TypeError(f"programme_activity_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        a = get_scoped_or_404(
            actor,
            ProgrammeActivity.objects.select_for_update(of=("self",)).select_related(
                "unit", "programme", "commune"
            ),
            pk=activity_id,
        )
        if a.version != version:
            raise Stale(a, version)
        before = audit.snapshot(a, _ACTIVITY_FIELDS)
        _apply_activity(a, changes, kept=a.programme)
        a.version += 1
        a.save()
        audit.record(
            actor,
            "programme_activity.update",
            a,
            scope_path=a.unit.path,
            before=before,
            after=audit.snapshot(a, _ACTIVITY_FIELDS),
        )
    return a


# --- the province's programmes ---------------------------------------------------------------


def _province(actor: Any) -> OrgUnit:
    unit = getattr(actor, "unit", None)
    if unit is None:
        raise DomainError(Code.UNIT_REQUIRED, field="unit_id")
    return province_of(unit)


def _programme_name(province: OrgUnit, name: Any, programme_id: int | None = None) -> str:
    name = clean_text(name or "", field="name", max_length=200, required=True)
    others = Programme.objects.filter(province=province)
    if programme_id is not None:
        others = others.exclude(pk=programme_id)
    key = unaccent(name).casefold()
    if any(unaccent(n).casefold() == key for n in others.values_list("name", flat=True)):
        raise DomainError(Code.PROGRAMME_TAKEN, field="name", name=name)
    return name


def _programme_snapshot(p: Programme) -> dict[str, Any]:
    return audit.snapshot(p, _PROGRAMME_FIELDS) or {}


def programme_create(
    *, actor: Any, name: str, kind: str, active: bool = True, note: str = ""
) -> Programme:
    """Add a programme to the actor's province's list."""
    access.require(actor, "community.configure")
    province = _province(actor)
    with transaction.atomic():
        programme = Programme.objects.create(
            province=province,
            name=_programme_name(province, name),
            kind=choice(kind, ProgrammeKind, "kind"),
            active=bool(active),
            note=clean_text(note or "", field="note", max_length=4000, multiline=True),
        )
        audit.record(
            actor,
            "programme.create",
            programme,
            scope_path=province.path,
            after=_programme_snapshot(programme),
        )
    return programme


def programme_update(
    *,
    actor: Any,
    programme_id: int,
    version: int,
    name: str | None = None,
    kind: str | None = None,
    active: bool | None = None,
    note: str | None = None,
) -> Programme:
    """Rename a programme, change its kind or note, or stop (or resume) running it; the
    beneficiaries and activities already recorded keep it."""
    access.require(actor, "community.configure")
    with transaction.atomic():
        programme = get_scoped_or_404(
            actor,
            Programme.objects.select_for_update(of=("self",)).select_related("province"),
            province_wide=True,
            pk=programme_id,
        )
        if programme.version != version:
            raise Stale(programme, version)
        before = _programme_snapshot(programme)
        if name is not None:
            programme.name = _programme_name(programme.province, name, programme.pk)
        if kind is not None:
            programme.kind = choice(kind, ProgrammeKind, "kind")
        if active is not None:
            programme.active = bool(active)
        if note is not None:
            programme.note = clean_text(note, field="note", max_length=4000, multiline=True)
        programme.version += 1
        programme.save()
        audit.record(
            actor,
            "programme.update",
            programme,
            scope_path=programme.province.path,
            before=before,
            after=_programme_snapshot(programme),
        )
    return programme


def programmes_seed(*, actor: Any) -> int:
    """Add the usual programmes the province's list lacks; returns how many were added."""
    access.require(actor, "community.configure")
    province = _province(actor)
    have = {
        unaccent(n).casefold()
        for n in Programme.objects.filter(province=province).values_list("name", flat=True)
    }
    added = 0
    with transaction.atomic():
        for name, kind in USUAL_PROGRAMMES:
            if unaccent(name).casefold() not in have:
                programme_create(actor=actor, name=name, kind=kind)
                added += 1
    return added
