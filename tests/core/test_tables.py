"""core.tables: lists written as XLSX and CSV in chunks, read back by openpyxl, by our own
import reader and by LibreOffice; and the streamed download."""

import csv
import io
import subprocess
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from biengioi.core import sheets, tables
from biengioi.core.tables import Column

COLUMNS = [
    Column(_("Ngày"), 12, lambda r: r["on"], "dd/mm/yyyy"),
    Column(_("Ghi chú"), 30, lambda r: r["text"]),
    Column(_("Số người"), 10, lambda r: r["count"], "#,##0"),
    Column("Amount", 14, lambda r: r["amount"], "#,##0.00"),
    Column("Moment", 18, lambda r: r["at"]),
    Column("Yes", 6, lambda r: r["yes"]),
]
ROW = {
    "on": date(2025, 9, 1),
    "text": 'Bản Nà Sa & "Pa Háng" <biên giới> =1+1\nhai dòng\x07',
    "count": 1234,
    "amount": Decimal("500000.50"),
    "at": datetime(2025, 9, 1, 0, 30, tzinfo=UTC),  # 07:30 in Asia/Ho_Chi_Minh
    "yes": True,
}
EMPTY = {"on": None, "text": "", "count": None, "amount": None, "at": None, "yes": False}


def test_an_xlsx_keeps_types_formats_widths_the_bold_frozen_header_and_text_as_text():
    book = load_workbook(io.BytesIO(tables.to_xlsx("Buổi tuyên truyền", COLUMNS, [ROW, EMPTY])))
    sheet = book.active
    assert sheet.title == "Buổi tuyên truyền"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Ngày", "Ghi chú", "Số người", "Amount", "Moment", "Yes")
    assert rows[1] == (
        datetime(2025, 9, 1),  # noqa: DTZ001 - a spreadsheet keeps no time zone
        'Bản Nà Sa & "Pa Háng" <biên giới> =1+1\nhai dòng',  # the bell cannot go in XML
        1234,
        500000.5,
        datetime(2025, 9, 1, 7, 30),  # noqa: DTZ001 - local time of the installation
        True,
    )
    assert rows[2] == (None, None, None, None, None, False)
    assert sheet["B2"].data_type == "s"  # "=1+1" inside stays text, never a formula
    assert sheet["A1"].font.b and not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 30
    assert sheet["A2"].number_format == "dd/mm/yyyy"
    assert sheet["C2"].number_format == "#,##0"
    assert sheet["E2"].number_format == "dd/mm/yyyy hh:mm"


def test_our_own_import_reader_reads_an_exported_xlsx_back():
    columns = [sheets.Column("on", "Ngày"), sheets.Column("count", "Số người")]
    table = sheets.read("x.xlsx", tables.to_xlsx("x", COLUMNS[:3:2], [ROW]), columns)
    assert table.rows == [sheets.Row(2, {"on": datetime(2025, 9, 1), "count": 1234})]  # noqa: DTZ001


def test_the_header_is_written_in_the_language_active_at_export_time():
    with translation.override("en"):
        xlsx = tables.to_xlsx("t", COLUMNS[:1], [])
        text = tables.to_csv(COLUMNS[:1], [])
    assert load_workbook(io.BytesIO(xlsx)).active["A1"].value == "Date"
    assert text.decode("utf-8-sig").strip() == "Date"


def test_a_csv_has_one_byte_order_mark_however_many_chunks_it_is_sent_in():
    rows = [ROW | {"count": n} for n in range(3000)]
    chunks = list(tables.csv_chunks(COLUMNS, rows))
    assert len(chunks) > 2
    assert chunks[0].startswith(b"\xef\xbb\xbf") and not any(
        c.startswith(b"\xef") for c in chunks[1:]
    )
    read = list(csv.reader(io.StringIO(b"".join(chunks).decode("utf-8-sig"))))
    assert len(read) == 3001 and read[0][0] == "Ngày" and read[-1][2] == "2999"


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx"])
def test_a_csv_text_a_spreadsheet_would_run_as_a_formula_is_written_as_text(text):
    rows = [ROW | {"text": text, "amount": Decimal("-5.5")}]
    read = list(csv.reader(io.StringIO(tables.to_csv(COLUMNS, rows).decode("utf-8-sig"))))
    assert read[1][1] == "'" + text
    assert read[1][3] == "-5.5"  # a negative number is a number, not a formula
    alone = tables.to_csv(COLUMNS[1:2], rows)
    back = sheets.read_csv(alone, [sheets.Column("text", "Ghi chú")])
    assert back.rows[0].cells["text"] == text  # our own import reads it back as it was


def _counting(n: int, seen: list[int]):
    for k in range(n):
        seen.append(k)
        yield ROW | {"count": k}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_chunks_leave_before_all_rows_are_read(fmt):
    seen: list[int] = []
    rows = _counting(20_000, seen)
    chunks = (
        tables.xlsx_chunks("t", COLUMNS, rows)
        if fmt == "xlsx"
        else tables.csv_chunks(COLUMNS, rows)
    )
    next(chunks)
    assert len(seen) < 5000  # the first bytes are ready long before the 20,000th row
    rest = b"".join(chunks)
    assert len(seen) == 20_000 and rest


def test_the_zip_is_written_without_seeking_and_every_entry_checks_out():
    data = tables.to_xlsx("t", COLUMNS, [ROW] * 3000)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert book.testzip() is None
        assert book.namelist()[-1] == "xl/worksheets/sheet1.xml"
        assert book.getinfo("xl/worksheets/sheet1.xml").flag_bits & 0x08  # sizes after data


@pytest.mark.needs("soffice")
def test_libreoffice_opens_an_exported_xlsx_and_reads_the_same_cells(tmp_path):
    source = tmp_path / "export.xlsx"
    source.write_bytes(tables.to_xlsx("Tuần tra", COLUMNS, [ROW, ROW | {"count": 7}]))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    rows = list(csv.reader(io.StringIO((tmp_path / "export.csv").read_text("utf-8"))))
    assert rows[0][:3] == ["Ngày", "Ghi chú", "Số người"]
    assert rows[1][0] == "01/09/2025" and rows[1][2] == "1,234" and rows[2][2] == "7"
    assert rows[1][1].startswith('Bản Nà Sa & "Pa Háng"')


def test_download_streams_the_file_and_refuses_other_formats():
    from django.http import Http404

    response = tables.download("csv", "t", COLUMNS, [ROW], "propaganda")
    assert response.streaming
    assert response["Content-Disposition"].startswith('attachment; filename="propaganda-')
    assert response.getvalue().decode("utf-8-sig").splitlines()[0].startswith("Ngày,")
    with pytest.raises(Http404):
        tables.download("pdf", "t", COLUMNS, [ROW], "x")
