"""The report's statistics annex as an XLSX: one sheet per table, ready to print on A4.

Each `AnnexTable` becomes a sheet named "Phụ lục I", "Phụ lục II", ... (or by the table, cut to
Excel's 31 characters and kept unique): the appendix's label ("Phụ lục I", or the one the table
names, so several sheets can make one appendix) and title, an optional line under them ("(Kèm
theo Báo cáo số ...)", "Đơn vị tính: ..."), the table's own caption ("Bảng 2. Kết quả tuần
tra"), a bold header on a grey fill whose row is as tall as its longest title wraps to, that
stays in view and repeats on every printed page, the rows with their number formats, a bold
total row, a note. Figures are written as numbers, not text, so the reader can add them up:
"#,##0" shows 21790 as "21,790" or "21.790" as the reader's locale says; a column's format can
be replaced cell by cell (`AnnexTable.formats`), so a count, a length in km and a rate share a
column each to its precision. openpyxl is enough here: an annex holds tens of rows, not the
exports' hundreds of thousands (those stream through `core.tables`).
"""

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .document import roman

INTEGER = "#,##0"
PERCENT = "0.0%"  # values as fractions: 0.125 is 12.5%
CHANGE_PERCENT = "+0.0%;-0.0%;0.0%"  # a change in percent, its sign shown
RATE = '0.0"%"'  # a rate held in percent (87.5 is 87,5%), not a fraction
POINTS = '+0.0" điểm %";-0.0" điểm %";0'  # the change of a rate: percentage points


def decimal(places: int) -> str:
    """A quantity to its field's precision: "#,##0.000" for tonnes, "#,##0.0" for a patrol's
    km (zeros kept, so a column's decimals line up); an integer's format for 0 places."""
    return INTEGER if places <= 0 else "#,##0." + "0" * places


def places(number_format: str) -> int:
    """The decimals a format shows: "#,##0.000" → 3, "#,##0" → 0, '0.0"%"' → 1."""
    first = number_format.split(";", 1)[0].split('"', 1)[0]
    return len(first.partition(".")[2].rstrip("%"))


def signed(number_format: str) -> str:
    """The format of a change: its sign always shown, "+8" / "-3" / "0", so a column headed
    "Tăng (+), giảm (-)" reads true; a rate's change in percentage points."""
    if number_format == RATE:
        return POINTS
    return f"+{number_format};-{number_format};0"


FONT = "Times New Roman"
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_THIN = Side(style="thin", color="000000")
GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
LANDSCAPE_FROM = 110  # characters of column width: wider tables print across the page
# a column W characters wide (Excel's unit: the digit of its default font) holds about
# W × FILL characters of 12 pt Times New Roman bold on a line; a line is LINE points tall
FILL = 0.8
LINE = 16.0
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
    label: str = ""  # the appendix's label; by default "Phụ lục I", "Phụ lục II", ...
    caption: str = ""  # the table's own title under the banners: "Bảng 2. Kết quả tuần tra"
    # per row, per column: a number format replacing the column's (None keeps it)
    formats: Sequence[Sequence[str | None]] = ()
    landscape: bool | None = None  # None: landscape when the columns are wide
    # what a table with no rows says instead of its header and rows ("Không phát sinh.")
    empty: str = ""


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


def wrapped_lines(text: str, width: float, fill: float = FILL) -> int:
    """The lines `text` takes in a cell `width` characters wide, wrapped between words as Excel
    and LibreOffice wrap it (an estimate: a little generous, so nothing is cut off)."""
    room = max(1, int(width * fill))
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, 0
        used += (1 if used else 0) + len(word)
        while used > room:  # a word longer than the column breaks inside it
            lines, used = lines + 1, used - room
    return lines


def _banner(sheet: Worksheet, row: int, text: str, width: int, font: Font, chars: float) -> None:
    """A line of text centred across the table's columns (`chars` wide), its row as tall as
    its text wraps to: a merged cell is never fitted to its text by Excel."""
    cell = _put(sheet, row, 1, text)
    cell.font = font
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if width > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    size = (font.sz or 12) / 12
    sheet.row_dimensions[row].height = LINE * size * wrapped_lines(text, chars, FILL / size)


def _value(value: Any, number_format: str | None) -> Any:
    """A count as an integer (108, not 108.0); anything else as given."""
    if number_format == INTEGER and isinstance(value, Decimal | float) and value == int(value):
        return int(value)
    return value


def _sheet(sheet: Worksheet, index: int, table: AnnexTable) -> None:
    width = len(table.columns)
    chars = sum(c.width for c in table.columns)
    label = table.label or f"Phụ lục {roman(index + 1)}"
    _banner(sheet, 1, label, width, _font(bold=True, size=13), chars)
    _banner(sheet, 2, table.title.upper(), width, _font(bold=True, size=13), chars)
    row = 3
    for line, font in ((table.subtitle, _font(italic=True)), (table.caption, _font(bold=True))):
        if line:
            _banner(sheet, row, line, width, font, chars)
            row += 1
    for n, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = column.width
    if table.empty and not table.rows and not table.total:
        cell = _put(sheet, row + 1, 1, table.empty)
        cell.font = _font()
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        if width > 1:
            sheet.merge_cells(start_row=row + 1, start_column=1, end_row=row + 1, end_column=width)
        _print_setup(sheet, table, chars)
        return
    header = row + 1
    for n, column in enumerate(table.columns, start=1):
        cell = _put(sheet, header, n, column.title)
        cell.font = _font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = GRID
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    tallest = max((wrapped_lines(c.title, c.width) for c in table.columns), default=1)
    sheet.row_dimensions[header].height = LINE * tallest + 4
    rows: list[tuple[Sequence[Any], Sequence[str | None], bool]] = [
        (r, table.formats[i] if i < len(table.formats) else (), False)
        for i, r in enumerate(table.rows)
    ]
    if table.total:
        rows.append((table.total, (), True))
    for offset, (values, formats, bold) in enumerate(rows, start=1):
        for n, (column, value) in enumerate(zip(table.columns, values, strict=False), start=1):
            number_format = formats[n - 1] if n <= len(formats) else None
            number_format = number_format or column.number_format
            cell = _put(sheet, header + offset, n, _value(value, number_format))
            cell.font = _font(bold=bold)
            cell.border = GRID
            if number_format:
                cell.number_format = number_format
                cell.alignment = Alignment(horizontal="right", vertical="top")
            else:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
    last = header + len(rows)
    if table.note:
        note = _put(sheet, last + 2, 1, table.note)
        note.font = _font(italic=True)

    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    sheet.print_title_rows = f"{header}:{header}"
    _print_setup(sheet, table, chars)


def _print_setup(sheet: Worksheet, table: AnnexTable, chars: float) -> None:
    """A4, one page wide, landscape when asked or wide, centred, page numbers in the footer."""
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    wide = chars > LANDSCAPE_FROM if table.landscape is None else table.landscape
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
