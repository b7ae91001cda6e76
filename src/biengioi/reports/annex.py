"""The report's statistics annex as an XLSX: one sheet per table, ready to print on A4.

Each `AnnexTable` becomes a sheet named "Phụ lục I", "Phụ lục II", ... (or by the table, cut to
Excel's 31 characters and kept unique): the appendix's label and title, an optional line under
them ("(Kèm theo Báo cáo số ...)", "Đơn vị tính: ..."), a bold header on a grey fill that stays
in view and repeats on every printed page, the rows with their number formats, a bold total row,
a note. Figures are written as numbers, not text, so the reader can add them up: "#,##0" shows
21790 as "21,790" or "21.790" as the reader's locale says; percentages are fractions (0.125 is
12.5%). openpyxl is enough here: an annex holds tens of rows, not the exports' hundreds of
thousands (those stream through `core.tables`).
"""

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .document import roman

INTEGER = "#,##0"
DECIMAL = "#,##0.0##"
PERCENT = "0.0%"

FONT = "Times New Roman"
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_THIN = Side(style="thin", color="000000")
GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
LANDSCAPE_FROM = 110  # characters of column width: wider tables print across the page
_NOT_IN_NAMES = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


@dataclass(frozen=True)
class AnnexColumn:
    """A column: its title, its width in characters, its number format (None for text)."""

    title: str
    width: float = 14
    number_format: str | None = None


@dataclass(frozen=True)
class AnnexTable:
    title: str  # "Kết quả tuần tra, kiểm soát năm 2025"
    columns: Sequence[AnnexColumn]
    rows: Sequence[Sequence[Any]]
    subtitle: str = ""  # "(Kèm theo Báo cáo số 05/BC-BCĐ ngày 05/01/2026 ...)"
    total: Sequence[Any] = ()  # a last row in bold
    note: str = ""
    sheet: str = ""  # the sheet's name; by default "Phụ lục I", "Phụ lục II", ...


def sheet_names(tables: Sequence[AnnexTable]) -> list[str]:
    """Names Excel takes: no []:*?/\\, at most 31 characters, unique whatever their case."""
    names: list[str] = []
    taken: set[str] = set()
    for index, table in enumerate(tables):
        base = _cut(" ".join(_NOT_IN_NAMES.sub(" ", table.sheet).split()).strip("'"), 31)
        base = base or f"Phụ lục {roman(index + 1)}"
        name, copy = base, 1
        while name.casefold() in taken:
            copy += 1
            suffix = f" ({copy})"
            name = _cut(base, 31 - len(suffix)) + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut between words where there is a space to cut at."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if text[limit] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip()


def _font(bold: bool = False, italic: bool = False, size: int = 12) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic)


def _put(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # a text that looks like a formula stays text
    return cell


def _banner(sheet: Worksheet, row: int, text: str, width: int, font: Font) -> None:
    """A line of text centred across the table's columns."""
    cell = _put(sheet, row, 1, text)
    cell.font = font
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if width > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def _sheet(sheet: Worksheet, index: int, table: AnnexTable) -> None:
    width = len(table.columns)
    _banner(sheet, 1, f"Phụ lục {roman(index + 1)}", width, _font(bold=True, size=13))
    _banner(sheet, 2, table.title.upper(), width, _font(bold=True, size=13))
    row = 3
    if table.subtitle:
        _banner(sheet, row, table.subtitle, width, _font(italic=True))
        row += 1
    header = row + 1
    for n, column in enumerate(table.columns, start=1):
        cell = _put(sheet, header, n, column.title)
        cell.font = _font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = GRID
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(n)].width = column.width
    rows: list[tuple[Sequence[Any], bool]] = [(r, False) for r in table.rows]
    if table.total:
        rows.append((table.total, True))
    for offset, (values, bold) in enumerate(rows, start=1):
        for n, (column, value) in enumerate(zip(table.columns, values, strict=False), start=1):
            cell = _put(sheet, header + offset, n, value)
            cell.font = _font(bold=bold)
            cell.border = GRID
            if column.number_format:
                cell.number_format = column.number_format
                cell.alignment = Alignment(horizontal="right", vertical="top")
            else:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
    last = header + len(rows)
    if table.note:
        note = _put(sheet, last + 2, 1, table.note)
        note.font = _font(italic=True)

    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    sheet.print_title_rows = f"{header}:{header}"
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    wide = sum(c.width for c in table.columns) > LANDSCAPE_FROM
    setup.orientation = sheet.ORIENTATION_LANDSCAPE if wide else sheet.ORIENTATION_PORTRAIT
    setup.fitToWidth, setup.fitToHeight = 1, 0  # one page wide, as many pages as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    margins.left, margins.right, margins.top, margins.bottom = 0.6, 0.4, 0.6, 0.6
    sheet.oddFooter.center.text = "&P/&N"  # page numbers, as the reader prints it


def render_annex(tables: Sequence[AnnexTable]) -> bytes:
    """The annex's XLSX: one sheet per table, in the order given."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for index, (table, name) in enumerate(zip(tables, sheet_names(tables), strict=True)):
        _sheet(book.create_sheet(title=name), index, table)
    if not tables:
        book.create_sheet(title="Phụ lục")
    book.properties.language = "vi-VN"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
