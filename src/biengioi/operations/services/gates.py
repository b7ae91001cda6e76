"""Gate traffic: what crossed a gate in a day or a month, recorded from a form, the API or a
spreadsheet (every row of it, or none).

The rules every path keeps: the gate is on the Vietnamese side and kept by the recording unit or
a unit under it (a post records its own gates; the provincial command any of the province's);
the day has come (a month figure may be for the month under way); a month figure is dated the
first of its month; a gate's month is recorded day by day or as one figure, never both; one
figure a gate, period and day; no figure is negative.
"""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from biengioi.audit import services as audit
from biengioi.core import access, sheets
from biengioi.core.checks import choice, replay
from biengioi.core.errors import Code, DomainError, Stale
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.sheets import CellError, Column, FileRejected, ImportResult, Row
from biengioi.core.text import clean_text, unaccent
from biengioi.registry.models import Gate, OrgUnit, Side

from ..models import FIGURES, GateTraffic, GateTrafficImport, TrafficPeriod

COUNTS = FIGURES[:4]
AMOUNTS = FIGURES[4:]
MAX_COUNT = 2_000_000_000
_PLACES = {
    "export_tonnes": Decimal("0.001"),
    "import_tonnes": Decimal("0.001"),
    "export_value_usd": Decimal("0.01"),
    "import_value_usd": Decimal("0.01"),
}
_MAX_AMOUNT = {
    "export_tonnes": Decimal("999999999.999"),
    "import_tonnes": Decimal("999999999.999"),
    "export_value_usd": Decimal("9999999999999.99"),
    "import_value_usd": Decimal("9999999999999.99"),
}
_FIELDS = ["uuid", "version", "unit", "gate", "period", "on", *FIGURES, "note", "source"]
_EDITABLE = {"gate_id", "period", "on", *FIGURES, "note"}


def _count(value: Any, field: str) -> int:
    if value is None or value == "":
        raise DomainError(Code.REQUIRED, field=field)
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(Code.NOT_AN_INTEGER, field=field)
    if value < 0:
        raise DomainError(Code.NOT_NEGATIVE, field=field)
    if value > MAX_COUNT:
        high = number_format(MAX_COUNT, force_grouping=True)
        raise DomainError(Code.OUT_OF_RANGE, field=field, low=0, high=high)
    return value


def _amount(value: Any, field: str) -> Decimal:
    if value is None or value == "":
        raise DomainError(Code.REQUIRED, field=field)
    if isinstance(value, bool):
        raise DomainError(Code.NOT_A_NUMBER, field=field)
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation as exc:
        raise DomainError(Code.NOT_A_NUMBER, field=field) from exc
    if not number.is_finite():
        raise DomainError(Code.NOT_A_NUMBER, field=field)
    if number < 0:
        raise DomainError(Code.NOT_NEGATIVE, field=field)
    number = number.quantize(_PLACES[field], rounding=ROUND_HALF_UP)
    if number > _MAX_AMOUNT[field]:
        high = number_format(_MAX_AMOUNT[field], force_grouping=True)
        raise DomainError(Code.OUT_OF_RANGE, field=field, low=0, high=high)
    return number


def _unit_for_write(actor: Any, unit_id: Any) -> OrgUnit:
    unit = scoped(actor, OrgUnit.objects.all()).filter(pk=unit_id).first() if unit_id else None
    if unit is None:
        raise DomainError(Code.UNIT_NOT_IN_SCOPE, field="unit_id")
    return unit


def recordable_gates(unit: OrgUnit) -> Any:
    """The gates `unit` may record figures for: ours, kept by it or a unit under it."""
    return Gate.objects.filter(side=Side.VIETNAM, post__path__startswith=unit.path)


def _gate(unit: OrgUnit, gate_id: Any) -> Gate:
    """The gate, locked: writes for one gate queue, so the one-kind-a-month rule holds."""
    gate = None
    if isinstance(gate_id, int) and not isinstance(gate_id, bool):
        gate = recordable_gates(unit).select_for_update(of=("self",)).filter(pk=gate_id).first()
    if gate is None:
        raise DomainError(Code.GATE_NOT_OF_UNIT, field="gate_id", unit=unit.name)
    return gate


def _month(day: date) -> str:
    return f"{day:%m/%Y}"


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _apply(traffic: GateTraffic, data: dict[str, Any]) -> None:
    """Copy `data` (fields named as in the API) onto `traffic`, checking each."""
    if "period" in data:
        traffic.period = choice(data["period"], TrafficPeriod, "period")
    if "on" in data:
        if not isinstance(data["on"], date):
            raise DomainError(Code.REQUIRED, field="on")
        traffic.on = data["on"]
    for key in COUNTS:
        if key in data:
            setattr(traffic, key, _count(data[key], key))
    for key in AMOUNTS:
        if key in data:
            setattr(traffic, key, _amount(data[key], key))
    if "note" in data:
        traffic.note = clean_text(data["note"] or "", field="note", multiline=True, max_length=2000)


def _check(traffic: GateTraffic) -> None:
    """The rules that tie the day to the period and to the gate's other figures."""
    today = timezone.localdate()
    if traffic.period == TrafficPeriod.MONTH:
        traffic.on = traffic.on.replace(day=1)
        if traffic.on > today:
            raise DomainError(Code.MONTH_IN_FUTURE, field="on", month=_month(traffic.on))
    elif traffic.on > today:
        raise DomainError(Code.DATE_IN_FUTURE, field="on")
    others = GateTraffic.objects.filter(gate=traffic.gate).exclude(pk=traffic.pk)
    first = traffic.on.replace(day=1)
    if traffic.period == TrafficPeriod.DAY:
        mixed = others.filter(period=TrafficPeriod.MONTH, on=first).exists()
        other = _("bằng một số liệu cả tháng")
    else:
        mixed = others.filter(
            period=TrafficPeriod.DAY, on__gte=first, on__lt=_next_month(first)
        ).exists()
        other = _("theo từng ngày")
    if mixed:
        raise DomainError(
            Code.GATE_TRAFFIC_MIXED,
            field="period",
            month=_month(first),
            gate=traffic.gate.name,
            other=other,
        )
    if others.filter(period=traffic.period, on=traffic.on).exists():
        when = (
            _("tháng {month}").format(month=_month(traffic.on))
            if traffic.period == TrafficPeriod.MONTH
            else _("ngày {day}").format(day=date_format(traffic.on, "SHORT_DATE_FORMAT"))
        )
        raise DomainError(Code.GATE_TRAFFIC_TAKEN, field="on", gate=traffic.gate.name, when=when)


def _snapshot(traffic: GateTraffic) -> dict[str, Any]:
    return audit.snapshot(traffic, _FIELDS) or {}


def _create(
    actor: Any,
    unit: OrgUnit,
    data: dict[str, Any],
    client_id: uuid.UUID | None,
    source: GateTrafficImport | None = None,
) -> GateTraffic:
    """Write one figure; the caller holds the transaction."""
    traffic = GateTraffic(
        uuid=client_id or uuid.uuid4(), unit=unit, created_by=actor, source=source
    )
    traffic.gate = _gate(unit, data.get("gate_id"))
    for key in ("period", "on"):
        if key not in data:
            raise DomainError(Code.REQUIRED, field=key)
    _apply(traffic, data)
    _check(traffic)
    traffic.save()
    audit.record(
        actor, "gate_traffic.create", traffic, scope_path=unit.path, after=_snapshot(traffic)
    )
    return traffic


def gate_traffic_create(
    *,
    actor: Any,
    unit_id: int,
    gate_id: int,
    period: str,
    on: date,
    client_id: uuid.UUID | None = None,
    **data: Any,
) -> tuple[GateTraffic, bool]:
    """Record what crossed a gate on a day, or in a month. Figures left out are 0.

    Returns the record and whether it was made now (a `client_id` sent again returns the first
    one)."""
    access.require(actor, "operations.record")
    unknown = set(data) - (_EDITABLE - {"gate_id", "period", "on"})
    if unknown:
        raise TypeError(f"gate_traffic_create: unknown fields {sorted(unknown)}")
    if client_id is not None and (earlier := replay(GateTraffic, actor, client_id)) is not None:
        return earlier, False
    try:
        with transaction.atomic():
            unit = _unit_for_write(actor, unit_id)
            traffic = _create(
                actor, unit, {**data, "gate_id": gate_id, "period": period, "on": on}, client_id
            )
    except IntegrityError:
        if client_id is not None and (earlier := replay(GateTraffic, actor, client_id)) is not None:
            return earlier, False
        raise
    return traffic, True


def gate_traffic_update(
    *, actor: Any, traffic_id: int, version: int, **changes: Any
) -> GateTraffic:
    """Correct a figure. `version` is the one the user saw; if the record has changed since,
    nothing is written and `Stale` carries it as it now stands."""
    access.require(actor, "operations.record")
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise TypeError(f"gate_traffic_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        traffic = get_scoped_or_404(
            actor,
            GateTraffic.objects.select_for_update(of=("self",)).select_related("unit", "gate"),
            pk=traffic_id,
        )
        if traffic.version != version:
            raise Stale(traffic, version)
        before = _snapshot(traffic)
        if "gate_id" in changes:
            traffic.gate = _gate(traffic.unit, changes["gate_id"])
        else:
            _gate(traffic.unit, traffic.gate_id)  # lock it, and it must still be the unit's
        _apply(traffic, changes)
        _check(traffic)
        traffic.version += 1
        traffic.save()
        audit.record(
            actor,
            "gate_traffic.update",
            traffic,
            scope_path=traffic.unit.path,
            before=before,
            after=_snapshot(traffic),
        )
    return traffic


# --- the spreadsheet import -----------------------------------------------------------------

COLUMNS = [
    Column("gate", "Cửa khẩu", required=True, width=34),
    Column("period", "Loại số liệu", ("kỳ số liệu",), width=14),
    Column("on", "Ngày", ("ngày, tháng",), required=True, width=12, number_format="dd/mm/yyyy"),
    Column("persons_out", "Người xuất cảnh (lượt)", width=14, number_format="#,##0"),
    Column("persons_in", "Người nhập cảnh (lượt)", width=14, number_format="#,##0"),
    Column("vehicles_out", "Phương tiện xuất cảnh (lượt)", width=14, number_format="#,##0"),
    Column("vehicles_in", "Phương tiện nhập cảnh (lượt)", width=14, number_format="#,##0"),
    Column("export_tonnes", "Hàng xuất khẩu (tấn)", width=14, number_format="#,##0.000"),
    Column("import_tonnes", "Hàng nhập khẩu (tấn)", width=14, number_format="#,##0.000"),
    Column("export_value_usd", "Kim ngạch xuất khẩu (USD)", width=16, number_format="#,##0.00"),
    Column("import_value_usd", "Kim ngạch nhập khẩu (USD)", width=16, number_format="#,##0.00"),
    Column("note", "Ghi chú", width=30),
]
# a service's field -> the column that holds it
_COLUMN_OF = {"gate_id": "gate"}
# a year of days of a dozen gates; each row is checked and audited like a record from the form,
# some milliseconds a row, and the import answers within one request
MAX_ROWS = 5000


@dataclass
class GateImport(ImportResult):
    """What an import did; `batch` is the record of the file (None when nothing was written),
    `made` is False when the same client id had already imported it."""

    batch: GateTrafficImport | None = None
    made: bool = True


def _gate_names(unit: OrgUnit) -> dict[str, list[Gate]]:
    names: dict[str, list[Gate]] = {}
    for gate in recordable_gates(unit).order_by("name"):
        names.setdefault(unaccent(" ".join(gate.name.split())), []).append(gate)
    return names


def _row_data(row: Row, typed: bool, names: dict[str, list[Gate]]) -> dict[str, Any]:
    """A row's cells as the arguments of `_create`; a bad cell raises CellError."""
    cells = row.cells
    name = sheets.text(cells.get("gate"))
    if not name:
        raise CellError("gate", _("Trường này là bắt buộc."))
    gates = names.get(unaccent(" ".join(name.split())), [])
    if len(gates) != 1:
        known = ", ".join(g[0].name for g in names.values()) or "—"
        message = (
            _("Có nhiều cửa khẩu tên “{name}”.")
            if gates
            else _("Không có cửa khẩu “{name}” do đơn vị phụ trách (có: {known}).")
        )
        raise CellError("gate", message.format(name=name, known=known))
    on = sheets.day(cells.get("on"), "on", strict=typed)
    if on is None:
        raise CellError("on", _("Trường này là bắt buộc."))
    data: dict[str, Any] = {
        "gate_id": gates[0].pk,
        "period": sheets.choice(cells.get("period"), "period", TrafficPeriod) or TrafficPeriod.DAY,
        "on": on,
        "note": sheets.text(cells.get("note")),
    }
    for key in COUNTS:
        data[key] = sheets.integer(cells.get(key), key) or 0
    for key in AMOUNTS:
        data[key] = sheets.decimal(cells.get(key), key) or Decimal(0)
    return data


def gate_traffic_import(
    *,
    actor: Any,
    unit_id: int,
    filename: str,
    content: bytes,
    client_id: uuid.UUID | None = None,
) -> GateImport:
    """Import a file of figures (XLSX or CSV, the columns of `COLUMNS`) recorded by `unit`:
    every row, or none and every bad row with its number, column and reason. A row that repeats
    another row of the file, or a figure already recorded, is a bad row. A whole-file problem
    (format, header, merged cells) raises `FileRejected`."""
    access.require(actor, "operations.record")
    if client_id is not None:
        earlier = replay(GateTrafficImport, actor, client_id)
        if earlier is not None:
            ids = list(earlier.records.order_by("pk").values_list("pk", flat=True))
            return GateImport(created=len(ids), ids=ids, batch=earlier, made=False)
    unit = _unit_for_write(actor, unit_id)
    table = sheets.read(filename, content, COLUMNS, max_rows=MAX_ROWS)
    if not table.rows:
        raise FileRejected(_("Tệp không có dòng số liệu nào."))
    titles = {c.key: c.title for c in COLUMNS} | table.titles
    names = _gate_names(unit)
    seen: dict[tuple[int, str, date], int] = {}

    try:
        with transaction.atomic():
            batch = GateTrafficImport.objects.create(
                uuid=client_id or uuid.uuid4(),
                unit=unit,
                filename=filename[:200],
                rows=0,
                created_by=actor,
            )

            def create(row: Row) -> GateTraffic:
                data = _row_data(row, table.typed, names)
                on = data["on"].replace(day=1) if data["period"] == "month" else data["on"]
                first = seen.setdefault((data["gate_id"], data["period"], on), row.number)
                if first != row.number:
                    raise CellError("on", _("Trùng với dòng {row} của tệp.").format(row=first))
                return _create(actor, unit, data, None, source=batch)

            result = sheets.import_all(table.rows, create, titles=titles, fields=_COLUMN_OF)
            if not result.ok:
                transaction.set_rollback(True)
                return GateImport(errors=result.errors)
            batch.rows = result.created
            batch.save(update_fields=["rows"])
            audit.record(
                actor,
                "gate_traffic.import",
                batch,
                scope_path=unit.path,
                after={
                    "file": filename,
                    "unit": unit.pk,
                    "rows": result.created,
                    "ids": result.ids,
                },
            )
    except IntegrityError:
        if (
            client_id is not None
            and (earlier := replay(GateTrafficImport, actor, client_id)) is not None
        ):
            ids = list(earlier.records.order_by("pk").values_list("pk", flat=True))
            return GateImport(created=len(ids), ids=ids, batch=earlier, made=False)
        raise
    return GateImport(created=result.created, ids=result.ids, batch=batch)


def gate_traffic_template(*, actor: Any) -> bytes:
    """The XLSX to fill in: the header and one example row (a gate of the actor's, yesterday)."""
    access.require(actor, "operations.view")
    gate = scoped(actor, Gate.objects.filter(side=Side.VIETNAM)).order_by("name").first()
    example = {
        "gate": gate.name if gate else "Cửa khẩu Quốc tế Phù Lang",
        "period": "Ngày",  # the templates are in Vietnamese, whatever the page's language
        "on": timezone.localdate() - timedelta(days=1),
        "persons_out": 1250,
        "persons_in": 1180,
        "vehicles_out": 320,
        "vehicles_in": 305,
        "export_tonnes": 850.5,
        "import_tonnes": 620.25,
        "export_value_usd": 1250000,
        "import_value_usd": 980000.5,
        "note": "",
    }
    return sheets.template_xlsx(COLUMNS, example, title=_("Lưu lượng qua cửa khẩu"))
