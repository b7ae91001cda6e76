"""Marker imports from CSV, XLSX and GeoJSON: all or nothing, every bad row named.

A file is read into rows (`core.sheets`, and GeoJSON below), each row goes through
`marker_create` inside one transaction, and any error rolls the whole import back, listing every
bad row with its row number (as the user sees it: the header is row 1), the field and the reason.
"""

import csv
import io
import json
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from biengioi.audit import services as audit
from biengioi.core import access, sheets
from biengioi.core.scope import get_scoped_or_404
from biengioi.core.sheets import CellError, Column, FileRejected, ImportResult, Row, RowError

from .models import BorderLine, BorderSection, MarkerKind, MarkerStatusKind, Multiplicity
from .selectors import CommuneFinder, admin_unit_on
from .services import admin_unit_create, marker_create

__all__ = ["COLUMNS", "FileRejected", "ImportResult", "RowError", "marker_import", "template_csv"]

# The columns of a marker file: the header may give the key, the title or an alias.
COLUMNS = [
    Column("identifier", "Số hiệu", required=True),
    Column("kind", "Loại mốc", required=True),
    Column("multiplicity", "Mốc đơn/đôi/ba"),
    Column("marker_type", "Kiểu", ("kiểu mốc",)),
    Column("material", "Vật liệu"),
    Column("lon", "Kinh độ", required=True),
    Column("lat", "Vĩ độ", required=True),
    Column("elevation_m", "Độ cao (m)"),
    Column("year_planted", "Năm cắm", ("năm cắm mốc",)),
    Column("section", "Đoạn biên giới", ("mã đoạn",), required=True),
    Column("status", "Tình trạng"),
    Column("status_on", "Ngày ghi nhận"),
    Column("commune", "Xã, phường", ("xã", "mã xã")),
    Column("note", "Ghi chú"),
]


def read_geojson(content: bytes) -> list[Row]:
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
        rows.append(Row(number, {c.key: props.get(c.key) for c in COLUMNS}))
    return rows


def _convert(
    raw: dict[str, Any], sections: dict[str, BorderSection], communes: CommuneFinder
) -> dict[str, Any]:
    """Cells to the service's arguments; raises CellError on a bad cell. The commune, by code or
    name, is one in force today, as on the marker's form (marker_create)."""
    out: dict[str, Any] = {}
    for key in ("identifier", "material", "note"):
        out[key] = sheets.text(raw.get(key))
    for key, choices in (
        ("kind", MarkerKind),
        ("multiplicity", Multiplicity),
        ("status", MarkerStatusKind),
    ):
        text = sheets.text(raw.get(key))
        if not text:
            continue
        match = [k for k, label in choices.choices if text.lower() in (k, str(label).lower())]
        if not match:
            raise CellError(
                key, _("Giá trị “{value}” không có trong danh sách.").format(value=text)
            )
        out[key] = match[0]
    out["marker_type"] = sheets.text(raw.get("marker_type")).upper()
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
            out["year_planted"] = int(float(sheets.text(raw["year_planted"])))
        except ValueError as exc:
            raise CellError("year_planted", _("Phải là một số nguyên.")) from exc
    status_on = sheets.day(raw.get("status_on"), "status_on", strict=False)
    if status_on is not None:
        out["status_on"] = status_on
    code = sheets.text(raw.get("section")).upper()
    section = sections.get(code)
    if section is None:
        raise CellError(
            "section", _("Không có đoạn biên giới mã “{code}” trên tuyến này.").format(code=code)
        )
    out["section_id"], out["post_id"] = section.pk, section.post_id
    commune = sheets.text(raw.get("commune"))
    if commune:
        out["commune_id"] = communes.find(commune, timezone.localdate()).pk
    return out


_SERVICE_FIELDS = {"post_id": "section", "section_id": "section", "commune_id": "commune"}


def marker_import(*, actor: Any, line_id: int, filename: str, content: bytes) -> ImportResult:
    """Import every row or none; the result lists every bad row."""
    access.require(actor, "registry.manage")
    kind = sheets.extension(filename)
    if kind not in ("csv", "xlsx", "geojson", "json"):
        raise FileRejected(_("Chỉ nhận tệp .csv, .xlsx hoặc .geojson."))
    line = get_scoped_or_404(actor, BorderLine.objects.all(), province_wide=True, pk=line_id)
    rows = (
        read_geojson(content)
        if kind in ("geojson", "json")
        else sheets.read(filename, content, COLUMNS).rows
    )
    sections = {s.code: s for s in BorderSection.objects.filter(line=line)}
    communes = CommuneFinder()

    def create(row: Row) -> Any:
        data = _convert(row.cells, sections, communes)
        missing = [k for k in ("identifier", "kind") if not data.get(k)]
        missing += [k for k in ("lon", "lat") if k not in data]
        if missing:
            raise CellError(missing[0], _("Trường này là bắt buộc."))
        return marker_create(actor=actor, line_id=line.pk, **data)

    with transaction.atomic():
        result = sheets.import_all(rows, create, fields=_SERVICE_FIELDS)
        if result.ok:
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
    example = {
        "identifier": "605(1)",
        "kind": "Mốc chính",
        "multiplicity": "Mốc đôi",
        "marker_type": "A",
        "material": "đá granite",
        "lon": "106.5812345",
        "lat": "16.6312345",
        "elevation_m": "412,5",
        "year_planted": "2010",
        "section": "D1",
        "status": "Nguyên trạng",
        "status_on": "30/06/2025",
    }
    return sheets.template_csv(COLUMNS, example)


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
    rows = [
        Row(number, dict(zip(UNIT_COLUMNS, [v.strip() for v in values] + [""] * 8, strict=False)))
        for number, values in enumerate(table[1:], start=2)
        if any(v.strip() for v in values)
    ]

    def create(row: Row) -> Any:
        cells = row.cells
        valid_from = sheets.day(cells["valid_from"], "valid_from", strict=False)
        valid_to = sheets.day(cells["valid_to"], "valid_to", strict=False)
        # the parent as it was while this unit existed; predecessors the day before it
        alive = valid_from or valid_to or timezone.localdate()
        before = alive - timedelta(days=1)
        parent = None
        if cells["parent_code"]:
            parent = admin_unit_on(code=cells["parent_code"], day=alive)
            if parent is None:
                raise CellError(
                    "parent_code",
                    _("Không có đơn vị mã “{code}” hiệu lực vào ngày đó.").format(
                        code=cells["parent_code"]
                    ),
                )
        predecessors = []
        for code in filter(None, (c.strip() for c in cells["predecessors"].split(";"))):
            found = admin_unit_on(code=code, day=before)
            if found is None:
                raise CellError(
                    "predecessors",
                    _("Không có đơn vị mã “{code}” hiệu lực vào ngày đó.").format(code=code),
                )
            predecessors.append(found.pk)
        return admin_unit_create(
            actor=actor,
            code=cells["code"],
            name=cells["name"],
            level=cells["level"],
            division_type=cells["division_type"],
            valid_from=valid_from,
            valid_to=valid_to,
            parent_id=parent.pk if parent else None,
            predecessor_ids=predecessors,
        )

    return sheets.import_all(rows, create, fields={"parent_id": "parent_code"})
