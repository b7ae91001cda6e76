"""Marker imports from CSV, XLSX and GeoJSON: all or nothing, every bad row named.

A file is read into rows of text (parsers below), each row goes through `marker_create`
inside one transaction, and any error rolls the whole import back, listing every bad row with
its row number (as the user sees it: the header is row 1), the field and the reason.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.errors import DomainError
from biengioi.core.scope import get_scoped_or_404

from .models import BorderLine, BorderSection, MarkerKind, MarkerStatusKind, Multiplicity
from .selectors import admin_unit_on
from .services import admin_unit_create, marker_create

# column key -> headers accepted for it (the key itself, and the Vietnamese header)
COLUMNS: dict[str, tuple[str, ...]] = {
    "identifier": ("identifier", "số hiệu"),
    "kind": ("kind", "loại mốc"),
    "multiplicity": ("multiplicity", "mốc đơn/đôi/ba"),
    "marker_type": ("marker_type", "kiểu", "kiểu mốc"),
    "material": ("material", "vật liệu"),
    "lon": ("lon", "kinh độ"),
    "lat": ("lat", "vĩ độ"),
    "elevation_m": ("elevation_m", "độ cao (m)"),
    "year_planted": ("year_planted", "năm cắm", "năm cắm mốc"),
    "section": ("section", "đoạn biên giới", "mã đoạn"),
    "status": ("status", "tình trạng"),
    "status_on": ("status_on", "ngày ghi nhận"),
    "note": ("note", "ghi chú"),
}
REQUIRED = ("identifier", "kind", "lon", "lat", "section")
MAX_ROWS = 20000


@dataclass
class RowError:
    row: int
    field: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class FileRejected(Exception):
    """The file as a whole cannot be read (format, header); nothing was imported."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _header_map(header: list[Any]) -> dict[int, str]:
    lookup = {alias: key for key, aliases in COLUMNS.items() for alias in aliases}
    mapping, unknown = {}, []
    for index, title in enumerate(header):
        text = str(title or "").strip().lower()
        if not text:
            continue
        if text not in lookup:
            unknown.append(str(title))
        else:
            mapping[index] = lookup[text]
    missing = [k for k in REQUIRED if k not in mapping.values()]
    if unknown or missing:
        raise FileRejected(
            _("Dòng tiêu đề không đúng mẫu: cột lạ {unknown}; thiếu cột {missing}.").format(
                unknown=", ".join(unknown) or "—", missing=", ".join(missing) or "—"
            )
        )
    return mapping


def _rows_from_table(table: list[list[Any]]) -> list[tuple[int, dict[str, Any]]]:
    if not table:
        raise FileRejected(_("Tệp không có dữ liệu."))
    mapping = _header_map(table[0])
    rows = []
    for number, values in enumerate(table[1:], start=2):
        if all(v in (None, "") for v in values):
            continue
        rows.append(
            (number, {key: values[i] if i < len(values) else None for i, key in mapping.items()})
        )
    if len(rows) > MAX_ROWS:
        raise FileRejected(_("Tệp có quá {max} dòng.").format(max=MAX_ROWS))
    return rows


def read_csv(content: bytes) -> list[tuple[int, dict[str, Any]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRejected(_("Tệp CSV phải mã hóa UTF-8.")) from exc
    return _rows_from_table(list(csv.reader(io.StringIO(text))))


def read_xlsx(content: bytes) -> list[tuple[int, dict[str, Any]]]:
    try:
        book = load_workbook(io.BytesIO(content), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not XLSX
        raise FileRejected(_("Tệp không phải bảng tính XLSX hợp lệ.")) from exc
    sheet = book.worksheets[0]
    if sheet.merged_cells.ranges:
        first = sorted(str(r) for r in sheet.merged_cells.ranges)[0]
        raise FileRejected(
            _("Bảng tính có ô gộp ({cells}); hãy bỏ gộp ô rồi nhập lại.").format(cells=first)
        )
    return _rows_from_table([list(r) for r in sheet.iter_rows(values_only=True)])


def read_geojson(content: bytes) -> list[tuple[int, dict[str, Any]]]:
    """A FeatureCollection of Points; the properties carry the columns. Row = feature number."""
    try:
        data = json.loads(content.decode("utf-8-sig"))
        features = data["features"]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise FileRejected(_("Tệp không phải GeoJSON FeatureCollection hợp lệ.")) from exc
    rows = []
    for number, feature in enumerate(features, start=1):
        props = dict((feature or {}).get("properties") or {})
        geometry = (feature or {}).get("geometry") or {}
        if geometry.get("type") == "Point" and len(geometry.get("coordinates") or []) >= 2:
            props["lon"], props["lat"] = geometry["coordinates"][:2]
        rows.append((number, {k: props.get(k) for k in COLUMNS}))
    return rows


READERS = {"csv": read_csv, "xlsx": read_xlsx, "geojson": read_geojson, "json": read_geojson}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _convert(raw: dict[str, Any], sections: dict[str, BorderSection]) -> dict[str, Any]:
    """Text cells to the service's arguments; raises (field, message) on a bad cell."""
    out: dict[str, Any] = {}
    for key in ("identifier", "material", "note"):
        out[key] = _text(raw.get(key))
    for key, choices in (
        ("kind", MarkerKind),
        ("multiplicity", Multiplicity),
        ("status", MarkerStatusKind),
    ):
        text = _text(raw.get(key))
        if not text:
            continue
        match = [k for k, label in choices.choices if text.lower() in (k, str(label).lower())]
        if not match:
            raise CellError(
                key, _("Giá trị “{value}” không có trong danh sách.").format(value=text)
            )
        out[key] = match[0]
    out["marker_type"] = _text(raw.get("marker_type")).upper()
    for key in ("lon", "lat", "elevation_m"):
        value = raw.get(key)
        if value in (None, ""):
            continue
        try:
            out[key] = (
                float(str(value).replace(",", "."))
                if not isinstance(value, int | float)
                else float(value)
            )
        except ValueError as exc:
            raise CellError(key, _("Phải là một số.")) from exc
    if raw.get("year_planted") not in (None, ""):
        try:
            out["year_planted"] = int(float(_text(raw["year_planted"])))
        except ValueError as exc:
            raise CellError("year_planted", _("Phải là một số nguyên.")) from exc
    value = raw.get("status_on")
    if isinstance(value, datetime):
        out["status_on"] = value.date()
    elif isinstance(value, date):
        out["status_on"] = value
    elif _text(value):
        try:
            day, month, year = (int(part) for part in _text(value).split("/"))
            out["status_on"] = date(year, month, day)
        except ValueError as exc:
            raise CellError("status_on", _("Ngày phải có dạng dd/mm/yyyy.")) from exc
    code = _text(raw.get("section")).upper()
    section = sections.get(code)
    if section is None:
        raise CellError(
            "section", _("Không có đoạn biên giới mã “{code}” trên tuyến này.").format(code=code)
        )
    out["section_id"], out["post_id"] = section.pk, section.post_id
    return out


class CellError(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


_SERVICE_FIELDS = {"post_id": "section", "section_id": "section"}


def marker_import(*, actor: Any, line_id: int, filename: str, content: bytes) -> ImportResult:
    """Import every row or none; the result lists every bad row."""
    access.require(actor, "registry.manage")
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    reader = READERS.get(extension)
    if reader is None:
        raise FileRejected(_("Chỉ nhận tệp .csv, .xlsx hoặc .geojson."))
    line = get_scoped_or_404(actor, BorderLine.objects.all(), province_wide=True, pk=line_id)
    rows = reader(content)
    sections = {s.code: s for s in BorderSection.objects.filter(line=line)}
    result = ImportResult()
    with transaction.atomic():
        for number, raw in rows:
            try:
                data = _convert(raw, sections)
                missing = [k for k in ("identifier", "kind") if not data.get(k)]
                missing += [k for k in ("lon", "lat") if k not in data]
                if missing:
                    raise CellError(missing[0], _("Trường này là bắt buộc."))
                with transaction.atomic():  # a savepoint: one bad row does not poison the rest
                    marker_create(actor=actor, line_id=line.pk, **data)
                result.created += 1
            except CellError as exc:
                result.errors.append(RowError(number, exc.field, exc.message))
            except DomainError as exc:
                name = _SERVICE_FIELDS.get(exc.field or "", exc.field or "")
                result.errors.append(RowError(number, name, exc.message))
        if result.errors:
            result.created = 0
            transaction.set_rollback(True)
        else:
            audit.record(
                actor,
                "marker.import",
                line,
                scope_path=actor.unit.path,
                after={"file": filename, "markers": result.created},
            )
    return result


def template_csv() -> bytes:
    """The import template: the header and one example row."""
    header = [
        aliases[1].capitalize() if len(aliases) > 1 else key for key, aliases in COLUMNS.items()
    ]
    example = [
        "605(1)",
        "Mốc chính",
        "Mốc đôi",
        "A",
        "đá granite",
        "106.5812345",
        "16.6312345",
        "412,5",
        "2010",
        "D1",
        "Nguyên trạng",
        "30/06/2025",
        "",
    ]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerow(example)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# --- historical administrative units --------------------------------------------------------

UNIT_COLUMNS = (
    "code",
    "name",
    "level",
    "division_type",
    "parent_code",
    "valid_from",
    "valid_to",
    "predecessors",
)


def _day(text: str, field: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        day, month, year = (int(part) for part in text.split("/"))
        return date(year, month, day)
    except ValueError as exc:
        raise CellError(field, _("Ngày phải có dạng dd/mm/yyyy.")) from exc


def admin_units_import_csv(*, actor: Any, content: bytes) -> ImportResult:
    """Historical units from CSV (documented in docs/operations.md), all or nothing.

    A parent or predecessor is named by its code and resolved to the version in force on the
    day before the row's valid_from (the unit as it was when this one began)."""
    access.require(actor, "admin_unit.manage")
    try:
        table = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    except UnicodeDecodeError as exc:
        raise FileRejected(_("Tệp CSV phải mã hóa UTF-8.")) from exc
    if not table or [h.strip().lower() for h in table[0]] != list(UNIT_COLUMNS):
        raise FileRejected(
            _("Dòng tiêu đề phải đúng: {columns}.").format(columns=",".join(UNIT_COLUMNS))
        )
    result = ImportResult()
    with transaction.atomic():
        for number, values in enumerate(table[1:], start=2):
            if not any(v.strip() for v in values):
                continue
            row = dict(zip(UNIT_COLUMNS, [v.strip() for v in values] + [""] * 8, strict=False))
            try:
                valid_from = _day(row["valid_from"], "valid_from")
                valid_to = _day(row["valid_to"], "valid_to")
                # the parent as it was while this unit existed; predecessors the day before it
                alive = valid_from or valid_to or timezone.localdate()
                before = alive - timedelta(days=1)
                parent = None
                if row["parent_code"]:
                    parent = admin_unit_on(code=row["parent_code"], day=alive)
                    if parent is None:
                        raise CellError(
                            "parent_code",
                            _("Không có đơn vị mã “{code}” hiệu lực vào ngày đó.").format(
                                code=row["parent_code"]
                            ),
                        )
                predecessors = []
                for code in filter(None, (c.strip() for c in row["predecessors"].split(";"))):
                    found = admin_unit_on(code=code, day=before)
                    if found is None:
                        raise CellError(
                            "predecessors",
                            _("Không có đơn vị mã “{code}” hiệu lực vào ngày đó.").format(
                                code=code
                            ),
                        )
                    predecessors.append(found.pk)
                with transaction.atomic():
                    admin_unit_create(
                        actor=actor,
                        code=row["code"],
                        name=row["name"],
                        level=row["level"],
                        division_type=row["division_type"],
                        valid_from=valid_from,
                        valid_to=valid_to,
                        parent_id=parent.pk if parent else None,
                        predecessor_ids=predecessors,
                    )
                result.created += 1
            except CellError as exc:
                result.errors.append(RowError(number, exc.field, exc.message))
            except DomainError as exc:
                field_name = {"parent_id": "parent_code"}.get(exc.field or "", exc.field or "")
                result.errors.append(RowError(number, field_name, exc.message))
        if result.errors:
            result.created = 0
            transaction.set_rollback(True)
    return result
