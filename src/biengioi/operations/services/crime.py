"""Crime and violations: record a case with its persons and seizures, record how it was dealt
with, and the special operations and peak campaigns cases come from.

A case's persons and seizures are written with it; an edit that sends them replaces the whole
list (what the form shows is what is kept). A fine belongs only to an administrative sanction;
a seizure needs a quantity above zero and a unit; a case linked to an operation falls in its
period and in its unit's tree (a post's case can count towards the province's campaign).
"""

import re
import uuid
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.formats import date_format

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import amount, choice, in_force, past_day, point, replay
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.text import clean_text
from biengioi.registry import selectors as registry
from biengioi.registry.models import AdminUnit, OrgUnit

from ..models import (
    CaseHandling,
    CasePerson,
    CrimeCase,
    CrimeCategory,
    CrimeOperation,
    OperationKind,
    Seizure,
    SeizureUnit,
    Sex,
)

MAX_PERSONS = 500
MAX_SEIZURES = 200
FIRST_BIRTH_YEAR = 1900
_CASE_FIELDS = [
    "uuid",
    "version",
    "unit",
    "category",
    "operation",
    "title",
    "description",
    "detected_on",
    "place",
    "lon",
    "lat",
    "commune",
    "handling",
    "handled_on",
    "decision",
    "fine_vnd",
]
_CASE_EDITABLE = set(_CASE_FIELDS) - {"uuid", "version", "unit", "operation", "commune"} | {
    "operation_id",
    "commune_id",
}
_OPERATION_FIELDS = [
    "uuid",
    "version",
    "unit",
    "kind",
    "name",
    "decision",
    "category",
    "started_on",
    "ended_on",
    "target",
    "result",
]
_OPERATION_EDITABLE = {
    "kind",
    "name",
    "decision",
    "category",
    "started_on",
    "ended_on",
    "target",
    "result",
}
_NATIONALITY = re.compile(r"^[A-Z]{2}$")


def _day(value: date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _unit_for_write(actor: Any, unit_id: Any) -> OrgUnit:
    unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first()
    if unit is None:
        raise DomainError(Code.UNIT_NOT_IN_SCOPE, field="unit_id")
    return unit


def _text(data: dict[str, Any], key: str, length: int, *, required: bool = False) -> str:
    return clean_text(
        data.get(key) or "",
        field=key,
        max_length=length,
        required=required,
        multiline=length > 500,
    )


# --- cases -----------------------------------------------------------------------------------


def _operation_for(case: CrimeCase, operation_id: Any) -> CrimeOperation | None:
    """The operation a case counts towards: one run by the case's unit or a unit above it."""
    if operation_id in (None, ""):
        return None
    operation = (
        CrimeOperation.objects.select_related("unit")
        .filter(pk=operation_id, unit__path__startswith="/" + case.unit.path.split("/")[1] + "/")
        .first()
    )
    if operation is None:
        raise DomainError(Code.REQUIRED, field="operation_id")
    if not case.unit.path.startswith(operation.unit.path):
        raise DomainError(Code.OPERATION_OTHER_UNIT, field="operation_id", name=operation.name)
    return operation


def _commune(commune_id: Any) -> AdminUnit | None:
    return None if commune_id in (None, "") else registry.commune(commune_id)


def _apply_case(case: CrimeCase, data: dict[str, Any]) -> None:
    if "category" in data:
        case.category = choice(data["category"], CrimeCategory, "category")
    if "title" in data:
        case.title = _text(data, "title", 200, required=True)
    for key, length in (("description", 8000), ("place", 200), ("decision", 100)):
        if key in data:
            setattr(case, key, _text(data, key, length))
    if "detected_on" in data:
        case.detected_on = past_day(data["detected_on"], "detected_on")
    if "lon" in data or "lat" in data:  # where it was detected, for the map
        case.lon, case.lat = point(data.get("lon", case.lon), data.get("lat", case.lat))
    if "commune_id" in data:
        case.commune = _commune(data["commune_id"])
    if ("commune_id" in data or "detected_on" in data) and case.commune_id is not None:
        # the commune in force on the day the case was detected (registry.selectors.commune)
        registry.commune(case.commune_id, on=case.detected_on)
    if "operation_id" in data:
        case.operation = _operation_for(case, data["operation_id"])
    if "handling" in data:
        case.handling = choice(data["handling"] or CaseHandling.PENDING, CaseHandling, "handling")
    if "handled_on" in data:
        handled_on = data["handled_on"]
        case.handled_on = None if handled_on in (None, "") else past_day(handled_on, "handled_on")
    if "fine_vnd" in data:
        case.fine_vnd = amount(data["fine_vnd"], "fine_vnd")


def _check_case(case: CrimeCase) -> None:
    """The rules a case keeps whatever was changed."""
    if case.handling == CaseHandling.PENDING:
        if case.handled_on is not None:
            raise DomainError(Code.PENDING_HANDLED_ON, field="handled_on")
    elif case.handled_on is None:
        raise DomainError(Code.REQUIRED, field="handled_on")
    if case.handled_on is not None and case.handled_on < case.detected_on:
        raise DomainError(
            Code.HANDLED_BEFORE_DETECTION, field="handled_on", day=_day(case.detected_on)
        )
    if case.fine_vnd is not None and case.handling != CaseHandling.SANCTIONED:
        raise DomainError(Code.FINE_WITHOUT_SANCTION, field="fine_vnd")
    operation = case.operation
    if operation is not None and not (
        operation.started_on <= case.detected_on
        and (operation.ended_on is None or case.detected_on <= operation.ended_on)
    ):
        raise DomainError(
            Code.OUTSIDE_OPERATION,
            field="detected_on",
            start=_day(operation.started_on),
            end=_day(operation.ended_on) if operation.ended_on else "…",
        )


def _persons(case: CrimeCase, rows: list[dict[str, Any]]) -> list[CasePerson]:
    if len(rows) > MAX_PERSONS:
        raise DomainError(Code.OUT_OF_RANGE, field="persons", low=0, high=MAX_PERSONS)
    persons = []
    for index, row in enumerate(rows):
        field = f"persons.{index}"
        nationality = (row.get("nationality") or "VN").strip().upper()
        if not _NATIONALITY.match(nationality):
            raise DomainError(Code.NATIONALITY_CODE, field=f"{field}.nationality")
        birth_year = row.get("birth_year")
        if birth_year not in (None, ""):
            try:
                birth_year = int(birth_year)
            except (TypeError, ValueError) as exc:
                raise DomainError(Code.REQUIRED, field=f"{field}.birth_year") from exc
            last = case.detected_on.year
            if not FIRST_BIRTH_YEAR <= birth_year <= last:
                raise DomainError(
                    Code.OUT_OF_RANGE, field=f"{field}.birth_year", low=FIRST_BIRTH_YEAR, high=last
                )
        persons.append(
            CasePerson(
                case=case,
                full_name=clean_text(
                    row.get("full_name") or "",
                    field=f"{field}.full_name",
                    max_length=150,
                    required=True,
                ),
                birth_year=birth_year or None,
                sex=choice(row.get("sex"), Sex, f"{field}.sex"),
                nationality=nationality,
                residence=clean_text(
                    row.get("residence") or "", field=f"{field}.residence", max_length=200
                ),
                wanted=bool(row.get("wanted")),
            )
        )
    return persons


def _seizures(case: CrimeCase, rows: list[dict[str, Any]]) -> list[Seizure]:
    if len(rows) > MAX_SEIZURES:
        raise DomainError(Code.OUT_OF_RANGE, field="seizures", low=0, high=MAX_SEIZURES)
    seizures = []
    for index, row in enumerate(rows):
        field = f"seizures.{index}"
        item = clean_text(
            row.get("item") or "", field=f"{field}.item", max_length=150, required=True
        )
        quantity = amount(
            row.get("quantity"), f"{field}.quantity", places=3, digits=14, positive=True
        )
        if quantity is None:
            raise DomainError(Code.REQUIRED, field=f"{field}.quantity")
        if row.get("unit") in (None, ""):
            raise DomainError(Code.SEIZURE_UNIT_REQUIRED, field=f"{field}.unit")
        seizures.append(
            Seizure(
                case=case,
                item=item,
                quantity=quantity,
                unit=choice(row["unit"], SeizureUnit, f"{field}.unit"),
                value_vnd=amount(row.get("value_vnd"), f"{field}.value_vnd"),
            )
        )
    return seizures


def _case_snapshot(case: CrimeCase) -> dict[str, Any]:
    after = audit.snapshot(case, _CASE_FIELDS) or {}
    after["persons"] = [
        {"name": p.full_name, "sex": p.sex, "nationality": p.nationality, "wanted": p.wanted}
        for p in case.persons.all()
    ]
    after["seizures"] = [
        {"item": s.item, "quantity": str(s.quantity), "unit": s.unit} for s in case.seizures.all()
    ]
    return after


def _write_rows(
    case: CrimeCase,
    persons: list[dict[str, Any]] | None,
    seizures: list[dict[str, Any]] | None,
) -> None:
    """Check every row before writing any; then replace the lists that were sent."""
    new_persons = _persons(case, persons) if persons is not None else None
    new_seizures = _seizures(case, seizures) if seizures is not None else None
    if new_persons is not None:
        case.persons.all().delete()
        CasePerson.objects.bulk_create(new_persons)
    if new_seizures is not None:
        case.seizures.all().delete()
        Seizure.objects.bulk_create(new_seizures)


def crime_case_create(
    *,
    actor: Any,
    unit_id: int,
    category: str,
    title: str,
    detected_on: date,
    client_id: uuid.UUID | None = None,
    persons: list[dict[str, Any]] | None = None,
    seizures: list[dict[str, Any]] | None = None,
    **data: Any,
) -> tuple[CrimeCase, bool]:
    """Record a case detected by a unit in the actor's scope, with its persons and seizures.

    Returns the case and whether it was made now (a `client_id` sent again returns the first).
    """
    access.require(actor, "operations.record")
    unknown = set(data) - _CASE_EDITABLE
    if unknown:
        raise TypeError(f"crime_case_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(CrimeCase, actor, client_id)) is not None:
        return earlier, False
    try:
        with transaction.atomic():
            case = CrimeCase(
                uuid=client_id or uuid.uuid4(),
                unit=_unit_for_write(actor, unit_id),
                created_by=actor,
            )
            _apply_case(
                case,
                {**data, "category": category, "title": title, "detected_on": detected_on},
            )
            _check_case(case)
            in_force(case.unit, case.detected_on, field="unit_id")
            case.save()
            _write_rows(case, persons or [], seizures or [])
            audit.record(
                actor,
                "crime_case.create",
                case,
                scope_path=case.unit.path,
                after=_case_snapshot(case),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(CrimeCase, actor, client_id)) is not None:
            return earlier, False
        raise
    return case, True


def crime_case_update(
    *,
    actor: Any,
    case_id: int,
    version: int,
    persons: list[dict[str, Any]] | None = None,
    seizures: list[dict[str, Any]] | None = None,
    **changes: Any,
) -> CrimeCase:
    """Correct a case or record how it was dealt with. `version` is the one the user saw; if the
    case changed since, nothing is written and `Stale` carries it as it stands. Persons or
    seizures, when sent, replace the lists."""
    access.require(actor, "operations.record")
    unknown = set(changes) - _CASE_EDITABLE
    if unknown:
        raise TypeError(f"crime_case_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        case = get_scoped_or_404(
            actor,
            CrimeCase.objects.select_for_update(of=("self",)).select_related("unit", "operation"),
            pk=case_id,
        )
        if case.version != version:
            raise Stale(case, version)
        before = _case_snapshot(case)
        _apply_case(case, changes)
        _check_case(case)
        _write_rows(case, persons, seizures)
        case.version += 1
        case.save()
        audit.record(
            actor,
            "crime_case.update",
            case,
            scope_path=case.unit.path,
            before=before,
            after=_case_snapshot(case),
        )
    return case


# --- special operations and peak campaigns ---------------------------------------------------


def _apply_operation(operation: CrimeOperation, data: dict[str, Any]) -> None:
    if "kind" in data:
        operation.kind = choice(data["kind"], OperationKind, "kind")
    if "name" in data:
        operation.name = _text(data, "name", 200, required=True)
    if "decision" in data:
        operation.decision = _text(data, "decision", 100)
    if "category" in data:
        value = data["category"] or ""
        operation.category = value and choice(value, CrimeCategory, "category")
    for key in ("target", "result"):
        if key in data:
            setattr(operation, key, _text(data, key, 8000))
    if "started_on" in data:
        operation.started_on = past_day(data["started_on"], "started_on")
    if "ended_on" in data:
        ended_on = data["ended_on"]
        operation.ended_on = None if ended_on in (None, "") else past_day(ended_on, "ended_on")


def _check_operation(operation: CrimeOperation) -> None:
    if operation.ended_on is not None and operation.ended_on < operation.started_on:
        raise DomainError(Code.ENDS_BEFORE_START, field="ended_on")
    if operation.pk is None:
        return
    cases = operation.cases.all()
    outside = cases.filter(detected_on__lt=operation.started_on)
    if operation.ended_on is not None:
        outside = outside | cases.filter(detected_on__gt=operation.ended_on)
    first = outside.order_by("detected_on").first()
    if first is not None:
        raise DomainError(
            Code.OUTSIDE_OPERATION,
            field="ended_on" if first.detected_on >= operation.started_on else "started_on",
            start=_day(operation.started_on),
            end=_day(operation.ended_on) if operation.ended_on else "…",
        )


def _operation_snapshot(operation: CrimeOperation) -> dict[str, Any]:
    return audit.snapshot(operation, _OPERATION_FIELDS) or {}


def crime_operation_create(
    *,
    actor: Any,
    unit_id: int,
    kind: str,
    name: str,
    started_on: date,
    client_id: uuid.UUID | None = None,
    **data: Any,
) -> tuple[CrimeOperation, bool]:
    """Open a special operation or a peak campaign run by a unit in the actor's scope."""
    access.require(actor, "operations.record")
    unknown = set(data) - _OPERATION_EDITABLE
    if unknown:
        raise TypeError(f"crime_operation_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(CrimeOperation, actor, client_id)):
        return earlier, False
    try:
        with transaction.atomic():
            operation = CrimeOperation(
                uuid=client_id or uuid.uuid4(),
                unit=_unit_for_write(actor, unit_id),
                created_by=actor,
            )
            _apply_operation(
                operation, {**data, "kind": kind, "name": name, "started_on": started_on}
            )
            _check_operation(operation)
            in_force(operation.unit, operation.started_on, field="unit_id")
            operation.save()
            audit.record(
                actor,
                "crime_operation.create",
                operation,
                scope_path=operation.unit.path,
                after=_operation_snapshot(operation),
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(CrimeOperation, actor, client_id)):
            return earlier, False
        raise
    return operation, True


def crime_operation_update(
    *, actor: Any, operation_id: int, version: int, **changes: Any
) -> CrimeOperation:
    """Correct an operation, or close it with its end day and result. Its period must keep
    holding the cases linked to it."""
    access.require(actor, "operations.record")
    unknown = set(changes) - _OPERATION_EDITABLE
    if unknown:
        raise TypeError(f"crime_operation_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        operation = get_scoped_or_404(
            actor,
            CrimeOperation.objects.select_for_update(of=("self",)).select_related("unit"),
            pk=operation_id,
        )
        if operation.version != version:
            raise Stale(operation, version)
        before = _operation_snapshot(operation)
        _apply_operation(operation, changes)
        _check_operation(operation)
        operation.version += 1
        operation.save()
        audit.record(
            actor,
            "crime_operation.update",
            operation,
            scope_path=operation.unit.path,
            before=before,
            after=_operation_snapshot(operation),
        )
    return operation
