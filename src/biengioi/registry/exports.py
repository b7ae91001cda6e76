"""Marker lists as files: pure functions from rows to bytes, tested without a web server."""

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from biengioi.core import geo

from .models import Marker, MarkerKind, MarkerStatusKind, Multiplicity


def _columns() -> list[tuple[str, int]]:
    """Header and column width of each exported column."""
    return [
        (_("Tuyến biên giới"), 28),
        (_("Số hiệu"), 10),
        (_("Loại mốc"), 12),
        (_("Mốc đơn/đôi/ba"), 12),
        (_("Kiểu"), 6),
        (_("Vật liệu"), 14),
        (_("Kinh độ"), 12),
        (_("Vĩ độ"), 12),
        (_("VN-2000 múi"), 9),
        (_("VN-2000 X"), 13),
        (_("VN-2000 Y"), 13),
        (_("Độ cao (m)"), 10),
        (_("Năm cắm"), 8),
        (_("Đoạn biên giới"), 12),
        (_("Đồn phụ trách"), 34),
        (_("Cách đường biên (m)"), 12),
        (_("Tình trạng"), 16),
        (_("Ghi chú"), 30),
    ]


def _row(m: Marker) -> list[Any]:
    zone, x, y = geo.vn2000(float(m.lon), float(m.lat))
    status = getattr(m, "current_status", None)
    return [
        m.line.name,
        m.identifier,
        str(MarkerKind(m.kind).label),
        str(Multiplicity(m.multiplicity).label),
        m.marker_type,
        m.material,
        float(m.lon),
        float(m.lat),
        zone,
        x,
        y,
        None if m.elevation_m is None else float(m.elevation_m),
        m.year_planted,
        m.section.code if m.section else "",
        m.post.name,
        None if m.distance_to_line_m is None else float(m.distance_to_line_m),
        str(MarkerStatusKind(status).label) if status else "",
        m.note,
    ]


def markers_csv(markers: Iterable[Marker]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens the Vietnamese text right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(h) for h, _w in _columns()])
    for m in markers:
        writer.writerow(["" if v is None else v for v in _row(m)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def markers_xlsx(markers: Iterable[Marker]) -> bytes:
    """One sheet, bold frozen header, widths set, coordinates with 7 decimals."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Mốc quốc giới"))
    columns = _columns()
    for index, (_h, width) in enumerate(columns):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title, _w in columns:
        cell = WriteOnlyCell(sheet, value=str(title))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for m in markers:
        values = _row(m)
        cells = []
        for index, value in enumerate(values):
            cell = WriteOnlyCell(sheet, value=value)
            if index in (6, 7):
                cell.number_format = "0.0000000"
            elif index in (9, 10):
                cell.number_format = "#,##0.00"
            cells.append(cell)
        sheet.append(cells)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
