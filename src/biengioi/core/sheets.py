"""Spreadsheets in: CSV and XLSX files read into numbered rows of named cells, for imports that
write every row or none and list every bad row.

An importer declares its `Column`s (a key, the title the template writes, other titles it
accepts), reads the upload with `read()` into a `Table`, turns each row's cells into values with
`text`, `day`, `integer`, `decimal` and `choice` (a bad cell raises `CellError` naming its column),
and hands the rows to `import_all`, which writes them in one transaction and keeps them only if
none failed. Row numbers are those the user sees in Excel: the header is row 1. `template_xlsx`
and `template_csv` write the file users fill in.
"""

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple, TypeVar

from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .errors import DomainError

MAX_ROWS = 20000
# An XLSX is a zip of XML: a small upload may unpack to a huge sheet. Refuse it before reading.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
DAY_FORMAT = "dd/mm/yyyy"


@dataclass(frozen=True)
class Column:
    """One column of an import: `key` names it in code, `title` in the template and in the
    errors; the header may also give the key or any of the `aliases` (case and spacing aside)."""

    key: str
    title: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    width: int = 16
    number_format: str | None = None  # the template's cell format (DAY_FORMAT for a date)


class Row(NamedTuple):
    number: int  # as Excel shows it: the header is row 1
    cells: dict[str, Any]  # column key -> the cell's value (None when empty or absent)


@dataclass
class Table:
    rows: list[Row]
    typed: bool  # XLSX: cells keep the types Excel gave them; CSV: every cell is text
    titles: dict[str, str]  # column key -> the title the file's header gave it


@dataclass
class RowError:
    row: int
    field: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    ids: list[Any] = field(default_factory=list)  # primary keys of what was written

    @property
    def ok(self) -> bool:
        return not self.errors


class FileRejected(Exception):
    """The file as a whole cannot be read (format, header, merged cells); nothing was imported."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class CellError(Exception):
    """One cell cannot be read; `field` is its column's key."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


# --- reading --------------------------------------------------------------------------------


def _norm(title: Any) -> str:
    return " ".join(unicodedata.normalize("NFC", str(title or "")).split()).casefold()


def _header_map(header: Sequence[Any], columns: Sequence[Column]) -> dict[int, str]:
    lookup = {_norm(name): c.key for c in columns for name in (c.key, c.title, *c.aliases) if name}
    mapping: dict[int, str] = {}
    unknown, twice = [], []
    for index, title in enumerate(header):
        text = _norm(title)
        if not text:
            continue
        key = lookup.get(text)
        if key is None:
            unknown.append(str(title).strip())
        elif key in mapping.values():
            twice.append(str(title).strip())
        else:
            mapping[index] = key
    missing = [c.title for c in columns if c.required and c.key not in mapping.values()]
    if unknown or missing or twice:
        message = _("Dòng tiêu đề không đúng mẫu: cột lạ {unknown}; thiếu cột {missing}.").format(
            unknown=", ".join(unknown) or "—", missing=", ".join(missing) or "—"
        )
        if twice:
            message += " " + _("Cột có hai lần: {columns}.").format(columns=", ".join(twice))
        raise FileRejected(message)
    return mapping


def _table(
    grid: list[list[Any]], columns: Sequence[Column], *, typed: bool, max_rows: int
) -> Table:
    if not grid or all(v in (None, "") for v in grid[0]):
        raise FileRejected(_("Tệp không có dữ liệu."))
    mapping = _header_map(grid[0], columns)
    rows = []
    for number, values in enumerate(grid[1:], start=2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        cells = {key: values[i] if i < len(values) else None for i, key in mapping.items()}
        rows.append(Row(number, {k: None if v == "" else v for k, v in cells.items()}))
        if len(rows) > max_rows:
            raise FileRejected(_("Tệp có quá {max} dòng.").format(max=max_rows))
    titles = {key: str(grid[0][i]).strip() for i, key in mapping.items()}
    return Table(rows, typed, titles)


def read_csv(content: bytes, columns: Sequence[Column], *, max_rows: int = MAX_ROWS) -> Table:
    """UTF-8 (with or without a byte-order mark), separated by commas or, as Excel writes it
    where the decimal mark is a comma, by semicolons."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRejected(_("Tệp CSV phải mã hóa UTF-8.")) from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    grid = [
        [_unguarded(cell) for cell in r] for r in csv.reader(io.StringIO(text), delimiter=delimiter)
    ]
    return _table(grid, columns, typed=False, max_rows=max_rows)


def _unguarded(cell: str) -> str:
    """Our CSV exports write a text such as "-2" or "=x" as "'-2" so no spreadsheet runs it as
    a formula; reading such a file back drops that apostrophe."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r") else cell


def read_xlsx(content: bytes, columns: Sequence[Column], *, max_rows: int = MAX_ROWS) -> Table:
    """The first sheet; a sheet with merged cells is refused (a merged cell's value belongs to
    one row only, so the rows under it would silently lose it)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        book = load_workbook(io.BytesIO(content), data_only=True)
    except Exception as exc:  # zipfile and openpyxl raise many kinds for a file that is not XLSX
        raise FileRejected(_("Tệp không phải bảng tính XLSX hợp lệ.")) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise FileRejected(_("Bảng tính quá lớn."))
    sheet = book.worksheets[0]
    if sheet.merged_cells.ranges:
        ranges = sorted(str(r) for r in sheet.merged_cells.ranges)
        raise FileRejected(
            _("Bảng tính có ô gộp ({cells}); hãy bỏ gộp ô rồi nhập lại.").format(
                cells=", ".join(ranges[:5]) + (" …" if len(ranges) > 5 else "")
            )
        )
    grid = [list(r) for r in sheet.iter_rows(values_only=True)]
    return _table(grid, columns, typed=True, max_rows=max_rows)


def extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def read(
    filename: str, content: bytes, columns: Sequence[Column], *, max_rows: int = MAX_ROWS
) -> Table:
    """A .csv or .xlsx file, told apart by its name."""
    reader = {"csv": read_csv, "xlsx": read_xlsx}.get(extension(filename))
    if reader is None:
        raise FileRejected(_("Chỉ nhận tệp .xlsx hoặc .csv."))
    return reader(content, columns, max_rows=max_rows)


# --- cells ----------------------------------------------------------------------------------


def text(value: Any) -> str:
    """A cell as text: NFC, stripped; a whole number Excel stored as 2010.0 reads "2010"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return unicodedata.normalize("NFC", str(value)).strip()


def day(value: Any, key: str, *, strict: bool) -> date | None:
    """A date cell. Text is read as dd/mm/yyyy unless `strict` (an XLSX): there a date must be a
    date cell, since text that looks like a date is read differently by each copy of Excel."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if strict:
        if isinstance(value, str):
            raise CellError(
                key,
                _("Ngày được gõ dạng chữ (“{value}”); hãy định dạng ô là ngày (Date).").format(
                    value=value.strip()
                ),
            )
        raise CellError(key, _("Ô không chứa một ngày."))
    try:
        d, m, y = (int(part) for part in text(value).split("/"))
        return date(y, m, d)
    except ValueError as exc:
        raise CellError(key, _("Ngày phải có dạng dd/mm/yyyy.")) from exc


_GROUPED = re.compile(r"-?\d{1,3}([.,\s]\d{3})+")


def integer(value: Any, key: str) -> int | None:
    """A whole number; in text, thousands may be grouped (21.790, 21,790, 21 790)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(key, _("Phải là một số nguyên."))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError(key, _("Phải là một số nguyên."))
    raw = text(value).replace("\u00a0", " ")
    if _GROUPED.fullmatch(raw):
        raw = re.sub(r"[.,\s]", "", raw)
    try:
        return int(raw)
    except ValueError as exc:
        raise CellError(key, _("Phải là một số nguyên.")) from exc


def decimal(value: Any, key: str) -> Decimal | None:
    """A number; in text the decimal mark is a comma (12,5) or a point (12.5). With both, the
    last one is the decimal mark (21.790,5 or 21,790.5); one of them used twice or more groups
    thousands (1.250.000 or 1,250,000); used once it is the decimal mark (1.250 is 1,25)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise CellError(key, _("Phải là một số."))
    if isinstance(value, int | float):
        return Decimal(str(value))
    raw = text(value).replace("\u00a0", "").replace(" ", "")
    if "," in raw and "." in raw:
        mark = "," if raw.rfind(",") > raw.rfind(".") else "."
        raw = raw.replace("." if mark == "," else ",", "").replace(",", ".")
    elif raw.count(",") > 1 or raw.count(".") > 1:
        raw = raw.replace(",", "").replace(".", "")
    else:
        raw = raw.replace(",", ".")
    try:
        number = Decimal(raw)
    except InvalidOperation as exc:
        raise CellError(key, _("Phải là một số.")) from exc
    if not number.is_finite():
        raise CellError(key, _("Phải là một số."))
    return number


def choice(value: Any, key: str, choices: type[models.TextChoices]) -> str | None:
    """One of `choices`, by its value or its label (case aside), in Vietnamese (the language
    of the templates) or in the language of the request."""
    raw = _norm(text(value))
    if not raw:
        return None
    with translation.override(None):  # the msgids: the Vietnamese labels
        vietnamese = [_norm(label) for _v, label in choices.choices]
    for (stored, label), original in zip(choices.choices, vietnamese, strict=True):
        if raw in (_norm(stored), _norm(label), original):
            return str(stored)
    raise CellError(
        key,
        _("Giá trị “{value}” không có trong danh sách: {allowed}.").format(
            value=text(value), allowed=", ".join(str(label) for _v, label in choices.choices)
        ),
    )


T = TypeVar("T")

# --- writing every row or none --------------------------------------------------------------


def _row_error(
    row: Row, exc: CellError | DomainError, titles: Mapping[str, str], fields: Mapping[str, str]
) -> RowError:
    """A failure as the user reads it: the row, the column's title, the reason."""
    if isinstance(exc, CellError):
        return RowError(row.number, titles.get(exc.field, exc.field), exc.message)
    key = fields.get(exc.field or "", exc.field or "")
    return RowError(row.number, titles.get(key, key), exc.message)


def import_all(
    rows: Iterable[Row],
    handle: Callable[[Row], models.Model],
    *,
    titles: Mapping[str, str] | None = None,
    fields: Mapping[str, str] | None = None,
) -> ImportResult:
    """Call `handle` on every row, each in a savepoint, inside one transaction; if any row
    failed, roll all of them back. Returns the rows written (none if any failed) and every
    failure: a `CellError`, or a `DomainError` of the service `handle` calls, whose field is
    turned into a column key through `fields`. Errors name the column by its title in `titles`
    (the key when there is none)."""
    titles, fields = titles or {}, fields or {}
    result = ImportResult()
    with transaction.atomic():
        for row in rows:
            try:
                with transaction.atomic():  # one bad row does not poison the transaction
                    made = handle(row)
                result.ids.append(made.pk)
            except (CellError, DomainError) as exc:
                result.errors.append(_row_error(row, exc, titles, fields))
        if result.errors:
            result.ids = []
            transaction.set_rollback(True)
    result.created = len(result.ids)
    return result


def check_all(
    rows: Iterable[Row],
    build: Callable[[Row], T],
    *,
    titles: Mapping[str, str] | None = None,
    fields: Mapping[str, str] | None = None,
) -> tuple[list[T], list[RowError]]:
    """Call `build` on every row, writing nothing: what it built from each row, and every
    failure as `import_all` reports it. For imports that check every row first, then write the
    lot in a few bulk inserts (thousands of rows in seconds)."""
    titles, fields = titles or {}, fields or {}
    built: list[T] = []
    errors: list[RowError] = []
    for row in rows:
        try:
            built.append(build(row))
        except (CellError, DomainError) as exc:
            errors.append(_row_error(row, exc, titles, fields))
    return ([] if errors else built), errors


# --- templates ------------------------------------------------------------------------------


def template_xlsx(columns: Sequence[Column], example: Mapping[str, Any], *, title: str) -> bytes:
    """A sheet with the header (bold, frozen) and one example row; the columns carry their
    formats, so a date typed under the header is a date cell."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append([c.title for c in columns])
    sheet.append([example.get(c.key) for c in columns])
    bold = Font(bold=True)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet[f"{letter}1"].font = bold
        sheet.column_dimensions[letter].width = column.width
        if column.number_format:
            sheet.column_dimensions[letter].number_format = column.number_format
            sheet[f"{letter}2"].number_format = column.number_format
    sheet.freeze_panes = "A2"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def template_csv(columns: Sequence[Column], example: Mapping[str, Any]) -> bytes:
    """The header and one example row, UTF-8 with a byte-order mark (for Excel)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.title for c in columns])
    writer.writerow([text(example.get(c.key)) for c in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
