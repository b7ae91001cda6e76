"""Tables as files (XLSX, CSV): pure functions from rows to bytes.

Each exported list is a sequence of `Column`s; `to_xlsx` and `to_csv` write any of them. They
are tested by reading the bytes back, without a web server.
"""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter


@dataclass(frozen=True)
class Column:
    title: Any  # a lazy translation, rendered in the language active at export time
    width: int
    value: Callable[[Any], Any]
    number_format: str | None = None


def _plain(value: Any) -> Any:
    """Lazy translations become text; everything else is written as it is."""
    return str(value) if isinstance(value, Promise) else value


def to_csv(columns: list[Column], rows: Iterable[Any]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens the Vietnamese text right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(c.title) for c in columns])
    for row in rows:
        writer.writerow(["" if (v := _plain(c.value(row))) is None else v for c in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(title: Any, columns: list[Column], rows: Iterable[Any]) -> bytes:
    """One sheet, bold frozen header, widths and number formats set; streams the rows."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(str(title)[:31])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=str(column.title))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=_plain(column.value(row)))
            if column.number_format:
                cell.number_format = column.number_format
            cells.append(cell)
        sheet.append(cells)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def download(fmt: str, title: Any, columns: list[Column], rows: Iterable[Any], stem: str) -> Any:
    """The rows as an XLSX or CSV attachment named `stem-YYYYMMDD.fmt` (404 for another
    format)."""
    from django.http import Http404, HttpResponse
    from django.utils import timezone

    if fmt not in CONTENT_TYPES:
        raise Http404(fmt)
    body = to_xlsx(title, columns, rows) if fmt == "xlsx" else to_csv(columns, rows)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{stamp}.{fmt}"'
    return response
