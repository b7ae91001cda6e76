"""core.sheets: reading CSV and XLSX into numbered rows, and the cells of Vietnamese files."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import models
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from biengioi.core import sheets
from biengioi.core.sheets import CellError, Column, FileRejected

# Excel keeps no time zones: a date cell reads as a naive datetime
CELL = datetime(2025, 9, 1)  # noqa: DTZ001
CELL_WITH_TIME = datetime(2025, 9, 1, 7, 30)  # noqa: DTZ001

COLUMNS = [
    Column("name", "Tên", ("họ tên",), required=True),
    Column("on", "Ngày", required=True),
    Column("count", "Số người"),
]


def test_a_csv_header_is_matched_by_title_alias_or_key_whatever_the_case_and_spacing():
    table = sheets.read_csv("HỌ  TÊN , on,số người\nAn,01/09/2025,3\n\n,,\n".encode(), COLUMNS)
    assert table.rows == [sheets.Row(2, {"name": "An", "on": "01/09/2025", "count": "3"})]
    assert table.titles == {"name": "HỌ  TÊN", "on": "on", "count": "số người"}
    assert not table.typed


def test_a_semicolon_csv_as_excel_writes_it_reads():
    table = sheets.read_csv("Tên;Ngày\nAn;01/09/2025\n".encode("utf-8-sig"), COLUMNS)
    assert table.rows[0].cells == {"name": "An", "on": "01/09/2025"}


def test_a_header_with_unknown_missing_or_repeated_columns_is_refused():
    with pytest.raises(FileRejected) as err:
        sheets.read_csv("Tên,Tuổi,Tên\nAn,3,An\n".encode(), COLUMNS)
    message = err.value.message
    assert "cột lạ Tuổi" in message and "thiếu cột Ngày" in message and "hai lần: Tên" in message


def test_an_xlsx_keeps_its_cell_types_and_refuses_merged_cells():
    book = Workbook()
    sheet = book.active
    sheet.append(["Tên", "Ngày", "Số người"])
    sheet.append(["An", CELL, 3])
    buf = io.BytesIO()
    book.save(buf)
    table = sheets.read("a.XLSX", buf.getvalue(), COLUMNS)
    assert table.typed and table.rows[0].cells == {
        "name": "An",
        "on": CELL,
        "count": 3,
    }
    sheet.merge_cells("A2:A3")
    buf = io.BytesIO()
    book.save(buf)
    with pytest.raises(FileRejected, match="A2:A3"):
        sheets.read("a.xlsx", buf.getvalue(), COLUMNS)
    with pytest.raises(FileRejected):
        sheets.read("a.ods", b"", COLUMNS)


def test_a_date_typed_as_text_is_refused_only_where_cells_have_types():
    assert sheets.day("01/09/2025", "on", strict=False) == date(2025, 9, 1)
    assert sheets.day(CELL_WITH_TIME, "on", strict=True) == date(2025, 9, 1)
    with pytest.raises(CellError, match="dạng chữ"):
        sheets.day("01/09/2025", "on", strict=True)
    with pytest.raises(CellError):
        sheets.day(45900, "on", strict=True)
    with pytest.raises(CellError, match="dd/mm/yyyy"):
        sheets.day("31/02/2025", "on", strict=False)


@pytest.mark.parametrize(
    ("text", "value"),
    [("1.250", 1250), ("1,250", 1250), ("1 250 000", 1250000), ("-5", -5), (12.0, 12)],
)
def test_counts_read_with_thousands_grouped(text, value):
    assert sheets.integer(text, "count") == value


@pytest.mark.parametrize("text", ["1,5", "12.5", "mười", 2.5, True])
def test_a_count_that_is_not_whole_is_refused(text):
    with pytest.raises(CellError):
        sheets.integer(text, "count")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("850,5", "850.5"),
        ("850.5", "850.5"),
        ("21.790,5", "21790.5"),
        ("21,790.5", "21790.5"),
        ("1.250.000", "1250000"),
        (0.1, "0.1"),
    ],
)
def test_decimals_read_with_either_mark(text, value):
    assert sheets.decimal(text, "tonnes") == Decimal(value)


@given(st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False))
def test_a_decimal_written_the_vietnamese_way_reads_back(number):
    whole, _, fraction = f"{number:,.3f}".partition(".")
    vietnamese = whole.replace(",", ".") + "," + fraction
    assert sheets.decimal(vietnamese, "tonnes") == number


class Kind(models.TextChoices):
    DAY = "day", "Ngày"
    MONTH = "month", "Tháng"


def test_a_choice_is_read_by_value_or_label():
    assert sheets.choice("tháng", "period", Kind) == "month"
    assert sheets.choice("DAY", "period", Kind) == "day"
    assert sheets.choice(None, "period", Kind) is None
    with pytest.raises(CellError, match="Ngày, Tháng"):
        sheets.choice("Tuần", "period", Kind)
