"""The statistics annex read back with openpyxl: sheets, header, formats, widths, printing."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from biengioi.reports import annex as a

PATROLS = a.AnnexTable(
    title="Kết quả tuần tra, kiểm soát năm 2025",
    subtitle="(Kèm theo Báo cáo số 05/BC-BCĐ ngày 05/01/2026 của Ban Chỉ đạo)",
    columns=(
        a.AnnexColumn("Hình thức", width=30),
        a.AnnexColumn("Số đợt", width=12, number_format=a.INTEGER),
        a.AnnexColumn("Lượt cán bộ, chiến sĩ", width=14, number_format=a.INTEGER),
        a.AnnexColumn("Km tuần tra", width=12, number_format=a.decimal(3)),
        a.AnnexColumn("So với cùng kỳ", width=12, number_format=a.PERCENT),
    ),
    rows=(
        ("Tuần tra đơn phương", 81, 21790, 1449.566, 0.066),
        ("Tuần tra song phương", 27, 432, 310.5, -0.1),
    ),
    total=("Cộng", 108, 22222, 1760.066, 0.019),
    note="Nguồn: Bộ Chỉ huy Bộ đội Biên phòng tỉnh.",
)

PROPAGANDA = a.AnnexTable(
    title="Tuyên truyền, phổ biến pháp luật",
    columns=(
        a.AnnexColumn("Nội dung", width=40),
        a.AnnexColumn("Số buổi", number_format=a.INTEGER),
        a.AnnexColumn("Lượt người nghe", number_format=a.INTEGER),
    ),
    rows=(("=SUM(1,2) không phải công thức", 562, 21790),),
)


@pytest.fixture(scope="module")
def book():
    return load_workbook(io.BytesIO(a.render_annex([PATROLS, PROPAGANDA])))


def test_one_sheet_per_table_named_phu_luc_in_order(book):
    assert book.sheetnames == ["Phụ lục I", "Phụ lục II"]


def test_the_title_rows_then_a_bold_filled_header(book):
    sheet = book["Phụ lục I"]
    assert sheet["A1"].value == "Phụ lục I" and sheet["A1"].font.b
    assert sheet["A2"].value == "KẾT QUẢ TUẦN TRA, KIỂM SOÁT NĂM 2025" and sheet["A2"].font.b
    assert sheet["A3"].value.startswith("(Kèm theo Báo cáo số 05/BC-BCĐ") and sheet["A3"].font.i
    assert "A2:E2" in {str(r) for r in sheet.merged_cells.ranges}
    header = list(sheet[5])
    assert [c.value for c in header] == [
        "Hình thức",
        "Số đợt",
        "Lượt cán bộ, chiến sĩ",
        "Km tuần tra",
        "So với cùng kỳ",
    ]
    for cell in header:
        assert cell.font.b and cell.font.name == "Times New Roman"
        assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb.endswith("D9D9D9")
        assert cell.border.bottom.style == "thin"


def test_figures_are_numbers_with_thousands_decimal_and_percent_formats(book):
    sheet = book["Phụ lục I"]
    row = list(sheet[6])
    assert [c.value for c in row] == ["Tuần tra đơn phương", 81, 21790, 1449.566, 0.066]
    assert [c.number_format for c in row[1:]] == ["#,##0", "#,##0", "#,##0.000", "0.0%"]
    assert row[2].data_type == "n"
    total = list(sheet[8])
    assert total[0].value == "Cộng" and all(c.font.b for c in total)
    assert total[2].value == 22222 and total[2].number_format == "#,##0"
    assert sheet["A10"].value == "Nguồn: Bộ Chỉ huy Bộ đội Biên phòng tỉnh." and sheet["A10"].font.i


def test_widths_frozen_header_and_a4_printing_one_page_wide(book):
    sheet = book["Phụ lục I"]
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDE"]
    assert widths == [30, 12, 14, 12, 12]
    assert sheet.freeze_panes == "A6"
    assert sheet.print_title_rows == "$5:$5"
    setup = sheet.page_setup
    assert str(setup.paperSize) == "9"  # A4
    assert setup.orientation == "portrait"
    assert setup.fitToWidth == 1 and setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage


def test_a_wide_table_prints_across_the_page():
    wide = a.AnnexTable(
        title="Rộng",
        columns=[a.AnnexColumn(f"Cột {n}", width=16, number_format=a.INTEGER) for n in range(9)],
        rows=[list(range(9))],
    )
    sheet = load_workbook(io.BytesIO(a.render_annex([wide]))).active
    assert sheet.page_setup.orientation == "landscape"


def test_a_text_that_looks_like_a_formula_stays_text(book):
    cell = book["Phụ lục II"]["A5"]
    assert cell.value == "=SUM(1,2) không phải công thức" and cell.data_type == "s"
    assert book["Phụ lục II"]["C5"].value == 21790


def test_sheets_named_by_their_tables_are_cut_to_31_characters_and_kept_unique():
    long = "Kết quả tuần tra: song phương / đơn phương năm 2025"
    tables = [
        a.AnnexTable(title="x", sheet=long, columns=[a.AnnexColumn("A")], rows=[]),
        a.AnnexTable(title="y", sheet=long.upper(), columns=[a.AnnexColumn("A")], rows=[]),
        a.AnnexTable(title="z", columns=[a.AnnexColumn("A")], rows=[]),
    ]
    names = a.sheet_names(tables)
    assert all(len(n) <= 31 for n in names)
    assert not any(ch in n for n in names for ch in "[]:*?/\\")
    assert len({n.casefold() for n in names}) == 3
    assert names[0] == "Kết quả tuần tra song phương"  # cut between words
    assert names[1].endswith(" (2)") and names[2] == "Phụ lục III"
    book = load_workbook(io.BytesIO(a.render_annex(tables)))
    assert book.sheetnames == names


def test_formats_wrap_the_numbers_to_their_precision_with_signs():
    assert a.decimal(3) == "#,##0.000" and a.decimal(1) == "#,##0.0" and a.decimal(0) == "#,##0"
    assert [a.places(f) for f in ("#,##0", "#,##0.000", a.RATE, a.signed(a.decimal(2)))] == [
        0,
        3,
        1,
        2,
    ]
    assert a.signed(a.INTEGER) == "+#,##0;-#,##0;0"
    assert a.signed(a.RATE) == a.POINTS and "%" not in a.POINTS.replace('"', " ").split()[0]


CHANGES = a.AnnexTable(
    label="Phụ lục I",
    title="Số liệu thống kê năm 2025",
    subtitle="(Kèm theo Báo cáo số 05/BC-BCĐ ngày 05/01/2026 của Ban Chỉ đạo)",
    caption="Bảng 2. Kết quả tuần tra, kiểm soát",
    columns=(
        a.AnnexColumn("Chỉ tiêu", width=40),
        a.AnnexColumn("Năm 2025", width=16, number_format=a.INTEGER),
        a.AnnexColumn("Tăng (+), giảm (-)", width=16, number_format=a.signed(a.INTEGER)),
    ),
    rows=(
        ("Số đợt tuần tra", 108, 12),
        ("Chiều dài tuần tra (km)", Decimal("1296.0"), Decimal("-8.5")),
        ("Tỷ lệ đúng hạn (%)", Decimal("87.5"), Decimal("12.5")),
        ("Số hội nghị", Decimal(4), 0),
    ),
    formats=(
        (),
        (None, a.decimal(1), a.signed(a.decimal(1))),
        (None, a.RATE, a.POINTS),
    ),
    landscape=True,
)


def test_each_row_keeps_its_own_precision_and_changes_show_their_sign():
    sheet = load_workbook(io.BytesIO(a.render_annex([CHANGES]))).active
    assert [sheet.cell(1, 1).value, sheet.cell(4, 1).value] == [
        "Phụ lục I",
        "Bảng 2. Kết quả tuần tra, kiểm soát",
    ]
    assert sheet["A3"].value.startswith("(Kèm theo Báo cáo số 05/BC-BCĐ ngày 05/01/2026")
    assert [c.value for c in sheet[7]] == ["Số đợt tuần tra", 108, 12]
    assert [c.number_format for c in sheet[7][1:]] == ["#,##0", "+#,##0;-#,##0;0"]
    assert [c.number_format for c in sheet[8][1:]] == ["#,##0.0", "+#,##0.0;-#,##0.0;0"]
    assert [c.number_format for c in sheet[9][1:]] == [a.RATE, a.POINTS]
    four = sheet["B10"]
    assert four.value == 4 and isinstance(four.value, int)  # a count written as an integer
    assert sheet.page_setup.orientation == "landscape"


def test_the_header_row_is_as_tall_as_its_longest_title_wraps_to():
    assert a.wrapped_lines("Tăng (+), giảm (-)", 16) == 2
    assert a.wrapped_lines("Số đợt", 12) == 1
    assert a.wrapped_lines("Cùng kỳ (đến 24/11/2025)", 16) == 2
    assert a.wrapped_lines("Lượt cán bộ, chiến sĩ Biên phòng", 14) == 4
    sheet = load_workbook(io.BytesIO(a.render_annex([CHANGES]))).active
    assert sheet.row_dimensions[6].height == a.LINE * 2 + 4
    assert sheet.print_title_rows == "$6:$6" and sheet.freeze_panes == "A7"
    # a merged banner is never fitted by Excel: its height is set from its text
    assert sheet.row_dimensions[3].height >= a.LINE * 2


def test_a_table_without_rows_says_its_one_line_instead_of_a_header():
    nothing = a.AnnexTable(
        label="Phụ lục I",
        title="Số liệu thống kê năm 2025",
        caption="Bảng 6. Cứu hộ, cứu nạn",
        columns=CHANGES.columns,
        rows=(),
        empty="Không phát sinh.",
        landscape=True,
    )
    sheet = load_workbook(io.BytesIO(a.render_annex([nothing]))).active
    assert [sheet.cell(r, 1).value for r in range(1, 6)] == [
        "Phụ lục I",
        "SỐ LIỆU THỐNG KÊ NĂM 2025",
        "Bảng 6. Cứu hộ, cứu nạn",
        None,
        "Không phát sinh.",
    ]
    assert "A5:C5" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.max_row == 5 and not sheet["A5"].font.b
    assert sheet.print_title_rows is None and sheet.freeze_panes is None
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    # a table with rows ignores it
    sheet = load_workbook(io.BytesIO(a.render_annex([PATROLS]))).active
    assert "Không phát sinh." not in {c.value for row in sheet.iter_rows() for c in row}
