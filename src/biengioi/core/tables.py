"""Tables as files (XLSX, CSV), written as a stream of chunks.

Each exported list is a sequence of `Column`s; `csv_chunks` and `xlsx_chunks` turn any rows into
the bytes of a file, a piece at a time, so that a list of 200,000 rows goes to the client in
constant memory and its first bytes leave at once (`download` wraps them in a streaming
response). `to_csv` and `to_xlsx` join the chunks, for callers that want the whole file.

The XLSX writer is our own (SpreadsheetML written into a zip that is never seeked, so every
entry can be sent as soon as it is compressed): one sheet, a bold frozen header, column widths,
number formats, inline strings (a text that looks like a formula stays text). It is tested by
reading the files back with openpyxl and with LibreOffice.
"""

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast
from xml.sax.saxutils import escape

from django.utils.functional import Promise

CHUNK = 64 * 1024  # bytes gathered before a chunk is handed to the client
ROWS_PER_WRITE = 500  # rows rendered before they are compressed
XLSX_MAX_ROWS = 1_048_575  # a sheet holds 1,048,576 rows, one of them the header
DB_CHUNK = 2000  # rows fetched from the database at a time


@dataclass(frozen=True)
class Column:
    title: Any  # a lazy translation, rendered in the language active at export time
    width: int
    value: Callable[[Any], Any]
    number_format: str | None = None


def _plain(value: Any) -> Any:
    """Lazy translations become text; everything else is written as it is."""
    return str(value) if isinstance(value, Promise) else value


def _rows(rows: Iterable[Any]) -> Iterator[Any]:
    """A queryset is read in chunks (a server-side cursor on PostgreSQL), never all at once."""
    iterator = getattr(rows, "iterator", None)
    if callable(iterator) and hasattr(rows, "query"):
        return iter(iterator(chunk_size=DB_CHUNK))
    return iter(rows)


class _Buffer:
    """A write-only sink: what is written is taken out by `take`. It cannot tell or seek, so
    `zipfile` writes each entry's sizes after its data and never goes back."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self._parts)
        self._parts.clear()
        self.size = 0
        return data


# ---------------------------------------------------------------------------------------- CSV


def csv_chunks(columns: list[Column], rows: Iterable[Any]) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark, so that Excel opens the Vietnamese text right. The header
    leaves before the first row is read (the query may take a while to start)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(c.title) for c in columns])
    yield _csv_piece(out, True)
    for row in _rows(rows):
        writer.writerow([_csv_cell(_plain(c.value(row))) for c in columns])
        if out.tell() >= CHUNK:
            yield _csv_piece(out, False)
    yield _csv_piece(out, False)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    """A text that a spreadsheet would run as a formula (=, +, -, @ first: "CSV injection")
    gets a leading apostrophe, so Excel and LibreOffice show it as text. Numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_piece(out: io.StringIO, first: bool) -> bytes:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return (("\ufeff" if first else "") + text).encode("utf-8")


def to_csv(columns: list[Column], rows: Iterable[Any]) -> bytes:
    return b"".join(csv_chunks(columns, rows))


# --------------------------------------------------------------------------------------- XLSX

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CONTENT_TYPES = (
    f'{_XML}<Types xmlns="{_PKG}/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    f'{_XML}<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_RELS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    f'{_XML}<Relationships xmlns="{_PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_RELS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
# characters XML 1.0 cannot carry (text cleaning refuses them on input; an old record may have)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_EPOCH = dt.datetime(1899, 12, 30)  # noqa: DTZ001 - day 0 of a spreadsheet's dates (1900 system)
_MAX_TEXT = 32767  # the most characters a cell holds
DAY_FORMAT = "dd/mm/yyyy"
MOMENT_FORMAT = "dd/mm/yyyy hh:mm"


def _letters(index: int) -> str:
    """1 → A, 27 → AA."""
    name = ""
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def _sheet_name(title: Any) -> str:
    name = re.sub(r"[\[\]:*?/\\]", " ", _ILLEGAL.sub("", str(title))).strip("' ")[:31]
    return escape(name or "Sheet1", {'"': "&quot;"})


class _Styles:
    """Cell styles: 0 plain, 1 the bold header, then one per number format in use."""

    def __init__(self, columns: list[Column]) -> None:
        formats = [c.number_format for c in columns if c.number_format]
        self.formats = list(dict.fromkeys([*formats, DAY_FORMAT, MOMENT_FORMAT]))
        self.index = {code: 2 + n for n, code in enumerate(self.formats)}

    def xml(self) -> str:
        numfmts = "".join(
            f'<numFmt numFmtId="{164 + n}" formatCode="{escape(code, {chr(34): "&quot;"})}"/>'
            for n, code in enumerate(self.formats)
        )
        xfs = "".join(
            f'<xf numFmtId="{164 + n}" fontId="0" fillId="0" borderId="0" xfId="0" '
            'applyNumberFormat="1"/>'
            for n in range(len(self.formats))
        )
        font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
        return (
            f'{_XML}<styleSheet xmlns="{_MAIN}">'
            f'<numFmts count="{len(self.formats)}">{numfmts}</numFmts>'
            f'<fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            "</borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            "</cellStyleXfs>"
            f'<cellXfs count="{2 + len(self.formats)}">'
            '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
            f"{xfs}</cellXfs>"
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            "</styleSheet>"
        )


def _text_cell(ref: str, text: str, style: str = "") -> str:
    text = _ILLEGAL.sub("", text)[:_MAX_TEXT]
    return (
        f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'
    )


def _cell(ref: str, value: Any, style: int | None, styles: _Styles) -> str:
    """One cell: numbers, days and moments as numbers with a format, the rest as text."""
    if value is None or value == "":
        return ""
    s = f' s="{style}"' if style is not None else ""
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | Decimal) or (
        isinstance(value, float) and value == value and abs(value) != float("inf")
    ):
        return f'<c r="{ref}"{s}><v>{value}</v></c>'
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            from django.utils import timezone

            value = timezone.localtime(value).replace(tzinfo=None)
        serial = (value - _EPOCH).total_seconds() / 86400
        style = style if style is not None else styles.index[MOMENT_FORMAT]
        return f'<c r="{ref}" s="{style}"><v>{serial!r}</v></c>'
    if isinstance(value, dt.date):
        serial = (value - _EPOCH.date()).days
        style = style if style is not None else styles.index[DAY_FORMAT]
        return f'<c r="{ref}" s="{style}"><v>{serial}</v></c>'
    return _text_cell(ref, str(_plain(value)), s)


def xlsx_chunks(title: Any, columns: list[Column], rows: Iterable[Any]) -> Iterator[bytes]:
    """One sheet of at most 1,048,575 rows (a spreadsheet's limit; the rest are not written)."""
    styles = _Styles(columns)
    letters = [_letters(n) for n in range(1, len(columns) + 1)]
    formats = [styles.index[c.number_format] if c.number_format else None for c in columns]
    sink = _Buffer()
    with zipfile.ZipFile(
        cast(Any, sink), "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1
    ) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr(
            "xl/workbook.xml",
            f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_RELS}"><sheets>'
            f'<sheet name="{_sheet_name(title)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        book.writestr("xl/styles.xml", styles.xml())
        yield sink.take()
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            widths = "".join(
                f'<col min="{n}" max="{n}" width="{c.width}" customWidth="1"/>'
                for n, c in enumerate(columns, start=1)
            )
            header = "".join(
                _text_cell(f"{letter}1", str(c.title), ' s="1"')
                for letter, c in zip(letters, columns, strict=True)
            )
            sheet.write(
                (
                    f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_RELS}"><sheetViews>'
                    '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
                    'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>'
                    f"</sheetView></sheetViews><cols>{widths}</cols><sheetData>"
                    f'<row r="1">{header}</row>'
                ).encode()
            )
            lines: list[str] = []
            for number, row in enumerate(_rows(rows), start=2):
                if number > XLSX_MAX_ROWS + 1:
                    break
                cells = "".join(
                    _cell(f"{letter}{number}", _plain(c.value(row)), fmt, styles)
                    for letter, c, fmt in zip(letters, columns, formats, strict=True)
                )
                lines.append(f'<row r="{number}">{cells}</row>')
                if len(lines) >= ROWS_PER_WRITE:
                    sheet.write("".join(lines).encode())
                    lines.clear()
                    if sink.size >= CHUNK:
                        yield sink.take()
            sheet.write(("".join(lines) + "</sheetData></worksheet>").encode())
    yield sink.take()


def to_xlsx(title: Any, columns: list[Column], rows: Iterable[Any]) -> bytes:
    return b"".join(xlsx_chunks(title, columns, rows))


# ------------------------------------------------------------------------------------ download

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def download(fmt: str, title: Any, columns: list[Column], rows: Iterable[Any], stem: str) -> Any:
    """The rows as an XLSX or CSV attachment named `stem-YYYYMMDD.fmt` (404 for another
    format), streamed: rows are read from the database and written while the client receives
    the file, in the language of the request."""
    from django.http import Http404, StreamingHttpResponse
    from django.utils import timezone, translation

    if fmt not in CONTENT_TYPES:
        raise Http404(fmt)
    language = translation.get_language()

    def chunks() -> Iterator[bytes]:
        with translation.override(language):
            pieces = (
                xlsx_chunks(title, columns, rows) if fmt == "xlsx" else csv_chunks(columns, rows)
            )
            yield from (piece for piece in pieces if piece)  # an empty chunk could end the body

    response = StreamingHttpResponse(chunks(), content_type=CONTENT_TYPES[fmt])
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{stamp}.{fmt}"'
    response["X-Accel-Buffering"] = "no"  # a reverse proxy passes the chunks on as they come
    return response
