"""Signs and border gates: positions, pairing of gates across the line, status histories."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from biengioi.audit import services as audit
from biengioi.core import access, geo
from biengioi.core.checks import choice, require
from biengioi.core.errors import Code, DomainError
from biengioi.core.scope import get_scoped_or_404
from biengioi.core.text import clean_text

from ..models import (
    BorderLine,
    Gate,
    GateKind,
    GateState,
    GateStatus,
    ObjectStatus,
    Side,
    Sign,
    SignKind,
    SignStatus,
)
from .borders import border_post_for_write
from .history import status_append

_SIGN_FIELDS = ["line", "code", "kind", "lon", "lat", "post", "year_installed", "note"]
_GATE_FIELDS = [
    "line",
    "name",
    "side",
    "kind",
    "paired_with",
    "opening_hours",
    "lon",
    "lat",
    "post",
    "note",
]


def _line(actor: Any, line_id: int) -> BorderLine:
    lines = BorderLine.objects.all()
    if actor is None:
        return lines.get(pk=line_id)
    return get_scoped_or_404(actor, lines, province_wide=True, pk=line_id)


def _position(obj: Any, data: dict[str, Any]) -> None:
    for name in ("lon", "lat"):
        if name in data:
            try:
                setattr(obj, name, Decimal(str(data[name])).quantize(Decimal("0.0000001")))
            except ArithmeticError as exc:
                raise DomainError(Code.REQUIRED, field=name) from exc
    geo.check_lon_lat(float(obj.lon), float(obj.lat))


def _for_status(actor: Any, queryset: Any, pk: int) -> Any:
    """The object whose status is recorded: in scope, or any (`actor=None`: set-up)."""
    if actor is None:
        return queryset.get(pk=pk)
    access.require(actor, "registry.status_record")
    return get_scoped_or_404(actor, queryset, pk=pk)


def _apply_sign(actor: Any, sign: Sign, data: dict[str, Any]) -> None:
    if "code" in data:
        sign.code = clean_text(data["code"], field="code", max_length=40, required=True).upper()
        twins = Sign.objects.filter(line=sign.line, code=sign.code).exclude(pk=sign.pk)
        if twins.exists():
            raise DomainError(Code.SIGN_CODE_TAKEN, field="code", code=sign.code)
    if "kind" in data:
        sign.kind = choice(data["kind"], SignKind, "kind")
    if "post_id" in data:
        sign.post = border_post_for_write(actor, data["post_id"])
    if "year_installed" in data:
        sign.year_installed = data["year_installed"]
    if "note" in data:
        sign.note = clean_text(data["note"] or "", field="note", multiline=True, max_length=4000)
    _position(sign, data)


def sign_create(
    *,
    actor: Any,
    line_id: int,
    status: str | None = None,
    status_on: date | None = None,
    **data: Any,
) -> Sign:
    if actor is not None:
        access.require(actor, "registry.manage")
    require(data, "code", "kind", "lon", "lat", "post_id")
    with transaction.atomic():
        sign = Sign(line=_line(actor, line_id))
        _apply_sign(actor, sign, data)
        sign.save()
        audit.record(
            actor,
            "sign.create",
            sign,
            scope_path=sign.post.path,
            after=audit.snapshot(sign, _SIGN_FIELDS),
        )
        if status:
            _sign_status(actor, sign, status, status_on or timezone.localdate(), "", "")
    return sign


def sign_update(*, actor: Any, sign_id: int, **data: Any) -> Sign:
    access.require(actor, "registry.manage")
    with transaction.atomic():
        sign = get_scoped_or_404(
            actor, Sign.objects.select_for_update().select_related("line"), pk=sign_id
        )
        before = audit.snapshot(sign, _SIGN_FIELDS)
        _apply_sign(actor, sign, data)
        sign.save()
        audit.record(
            actor,
            "sign.update",
            sign,
            scope_path=sign.post.path,
            before=before,
            after=audit.snapshot(sign, _SIGN_FIELDS),
        )
    return sign


def _sign_status(
    actor: Any, sign: Sign, status: str, on: date, source: str, note: str
) -> SignStatus:
    return status_append(  # type: ignore[return-value]
        actor,
        sign,
        entries=SignStatus,
        owner_field="sign",
        choices=ObjectStatus,
        status=status,
        on=on,
        source=source,
        note=note,
        action="sign.status_record",
        scope_path=sign.post.path,
    )


def sign_status_record(
    *, actor: Any, sign_id: int, status: str, on: date, source: str = "", note: str = ""
) -> SignStatus:
    with transaction.atomic():
        sign = _for_status(actor, Sign.objects.select_related("post"), sign_id)
        return _sign_status(actor, sign, status, on, source, note)


def _pair(gate: Gate, partner_id: int | None) -> None:
    """Pair `gate` with the gate facing it across the line (both ways), or unpair it."""
    old = Gate.objects.filter(paired_with=gate).exclude(pk=partner_id or 0)
    old.update(paired_with=None)
    if partner_id is None:
        gate.paired_with = None
        return
    if gate.pk == partner_id:
        raise DomainError(Code.GATE_PAIR_SELF, field="paired_with_id")
    partner = Gate.objects.filter(pk=partner_id, line__province=gate.line.province).first()
    if partner is None or partner.line_id != gate.line_id:
        raise DomainError(Code.GATE_PAIR_OTHER_BORDER, field="paired_with_id")
    if partner.side == gate.side:
        raise DomainError(
            Code.GATE_PAIR_SAME_SIDE, field="paired_with_id", side=Side(gate.side).label
        )
    Gate.objects.filter(paired_with=partner).exclude(pk=gate.pk).update(paired_with=None)
    gate.paired_with = partner


def _apply_gate(actor: Any, gate: Gate, data: dict[str, Any]) -> None:
    if "name" in data:
        gate.name = clean_text(data["name"], field="name", max_length=200, required=True)
    if "side" in data:
        gate.side = choice(data["side"], Side, "side")
    if "kind" in data:
        gate.kind = choice(data["kind"], GateKind, "kind")
    if "opening_hours" in data:
        gate.opening_hours = clean_text(
            data["opening_hours"] or "", field="opening_hours", max_length=200
        )
    if "post_id" in data:
        gate.post = border_post_for_write(actor, data["post_id"])
    if "note" in data:
        gate.note = clean_text(data["note"] or "", field="note", multiline=True, max_length=4000)
    _position(gate, data)


def gate_create(
    *,
    actor: Any,
    line_id: int,
    paired_with_id: int | None = None,
    status: str | None = None,
    status_on: date | None = None,
    **data: Any,
) -> Gate:
    """Register a gate on either side of the line, optionally paired with its counterpart."""
    if actor is not None:
        access.require(actor, "registry.manage")
    require(data, "name", "side", "kind", "lon", "lat", "post_id")
    with transaction.atomic():
        gate = Gate(line=_line(actor, line_id))
        _apply_gate(actor, gate, data)
        gate.save()
        if paired_with_id is not None:
            _pair(gate, paired_with_id)
            gate.save(update_fields=["paired_with"])
            Gate.objects.filter(pk=paired_with_id).update(paired_with=gate)
        audit.record(
            actor,
            "gate.create",
            gate,
            scope_path=gate.post.path,
            after=audit.snapshot(gate, _GATE_FIELDS),
        )
        if status:
            _gate_status(actor, gate, status, status_on or timezone.localdate(), "", "")
    return gate


def gate_update(*, actor: Any, gate_id: int, **data: Any) -> Gate:
    access.require(actor, "registry.manage")
    with transaction.atomic():
        gate = get_scoped_or_404(
            actor, Gate.objects.select_for_update().select_related("line__province"), pk=gate_id
        )
        before = audit.snapshot(gate, _GATE_FIELDS)
        _apply_gate(actor, gate, data)
        if "paired_with_id" in data:
            _pair(gate, data["paired_with_id"])
        gate.save()
        if gate.paired_with_id:
            Gate.objects.filter(pk=gate.paired_with_id).update(paired_with=gate)
        audit.record(
            actor,
            "gate.update",
            gate,
            scope_path=gate.post.path,
            before=before,
            after=audit.snapshot(gate, _GATE_FIELDS),
        )
    return gate


def _gate_status(
    actor: Any, gate: Gate, status: str, on: date, source: str, note: str
) -> GateStatus:
    return status_append(  # type: ignore[return-value]
        actor,
        gate,
        entries=GateStatus,
        owner_field="gate",
        choices=GateState,
        status=status,
        on=on,
        source=source,
        note=note,
        action="gate.status_record",
        scope_path=gate.post.path,
    )


def gate_status_record(
    *, actor: Any, gate_id: int, status: str, on: date, source: str = "", note: str = ""
) -> GateStatus:
    """Open, close or suspend a gate from a date, citing the decision or notice."""
    with transaction.atomic():
        gate = _for_status(actor, Gate.objects.select_related("post"), gate_id)
        return _gate_status(actor, gate, status, on, source, note)
