"""The report's DOCX read back with python-docx: the layout Decree 30/2020/NĐ-CP asks for."""

import io
from dataclasses import replace
from datetime import date

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt

from biengioi.reports import document as d

from .samples import DIACRITICS, sample_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def doc():
    return Document(io.BytesIO(d.render_docx(sample_report())))


def texts(paragraphs):
    return [p.text for p in paragraphs if p.text]


def size(run, paragraph):
    """The run's size, or its paragraph style's (and so on up the styles)."""
    if run.font.size is not None:
        return run.font.size
    style = paragraph.style
    while style is not None:
        if style.font.size is not None:
            return style.font.size
        style = style.base_style
    return None


def only_run(paragraph):
    runs = [r for r in paragraph.runs if r.text]
    assert len(runs) == 1, paragraph.text
    return runs[0]


def by_text(paragraphs, text):
    return next(p for p in paragraphs if p.text == text)


def has_rule(paragraph):
    bottom = paragraph._p.find(f"{W}pPr/{W}pBdr/{W}bottom")
    return bottom is not None and bottom.get(qn("w:val")) == "single"


def rule_length(paragraph, cell_width):
    fmt = paragraph.paragraph_format
    return Emu(cell_width - (fmt.left_indent or 0) - (fmt.right_indent or 0))


# --------------------------------------------------------------------------------- wording


@pytest.mark.parametrize(
    ("number", "line"),
    [(5, "Số: 05/BC-BCĐ"), (1, "Số: 01/BC-BCĐ"), (12, "Số: 12/BC-BCĐ"), (120, "Số: 120/BC-BCĐ")],
)
def test_numbers_under_ten_get_a_leading_zero(number, line):
    assert d.number_line(sample_report(number=number)) == line


def test_a_draft_leaves_room_for_the_number():
    assert d.number_line(sample_report(number=None)) == "Số:       /BC-BCĐ"


@pytest.mark.parametrize(
    ("day", "line"),
    [
        (date(2026, 1, 5), "Biên Thùy, ngày 05 tháng 01 năm 2026"),
        (date(2026, 2, 28), "Biên Thùy, ngày 28 tháng 02 năm 2026"),
        (date(2025, 3, 9), "Biên Thùy, ngày 09 tháng 3 năm 2025"),
        (date(2025, 12, 18), "Biên Thùy, ngày 18 tháng 12 năm 2025"),
    ],
)
def test_days_under_ten_and_january_february_get_a_leading_zero(day, line):
    assert d.date_line("Biên Thùy", day) == line


def test_entries_get_one_dash_and_one_end_mark():
    assert d.listed(["Như trên", "- Thường trực Tỉnh ủy;", " Lưu: VT, BCĐ. ", ""]) == [
        "- Như trên;",
        "- Thường trực Tỉnh ủy;",
        "- Lưu: VT, BCĐ.",
    ]


def test_roman_numerals_and_points_in_the_vietnamese_alphabet():
    assert [d.roman(n) for n in (1, 4, 5, 9, 11, 14)] == ["I", "IV", "V", "IX", "XI", "XIV"]
    letters = [d.point_letter(n) for n in range(8)]
    assert letters == ["a", "b", "c", "d", "đ", "e", "g", "h"]  # no f; đ after d
    assert [d.point_letter(n) for n in (22, 23)] == ["y", "aa"]


# ---------------------------------------------------------------------------------- layout


def test_every_section_is_a4_portrait_with_the_decrees_margins(doc):
    assert len(doc.sections) == 3  # the report, then one per appendix
    for section in doc.sections:
        assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
        assert round(section.top_margin.mm) == 20 and round(section.bottom_margin.mm) == 20
        assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15


def test_times_new_roman_for_every_script_with_no_theme_font(doc):
    styles = doc.styles.element
    holders = [styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")]
    for name in ("Normal", "Body Text", "Heading 1", "Heading 2", "Heading 3", "Header"):
        holders.append(doc.styles[name].element.find(f"{W}rPr"))
    for rpr in holders:
        fonts = rpr.find(f"{W}rFonts")
        assert {fonts.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {
            "Times New Roman"
        }
        assert not [k for k in fonts.attrib if "Theme" in k or "theme" in k]
    # no run names another font
    body = doc.element.body
    assert {f.get(qn("w:ascii")) for f in body.iter(f"{W}rFonts")} <= {"Times New Roman"}


def test_the_header_table_has_no_borders_and_two_columns(doc):
    header = doc.tables[0]
    assert len(header.columns) == 2
    borders = header._tbl.tblPr.find(f"{W}tblBorders")
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}
    assert len(list(borders)) == 6


def test_the_left_column_governing_body_issuing_body_with_a_short_rule_and_the_number(doc):
    first, second = doc.tables[0].rows
    left = first.cells[0].paragraphs
    governing, issuing, rule = left
    assert governing.text == "UBND TỈNH BIÊN THÙY"
    assert size(only_run(governing), governing) == Pt(13) and not only_run(governing).bold
    assert issuing.text == "BAN CHỈ ĐẠO CÔNG TÁC BIÊN GIỚI"
    assert size(only_run(issuing), issuing) == Pt(13) and only_run(issuing).bold
    assert has_rule(rule) and not rule.text
    assert Cm(2) <= rule_length(rule, d.HEADER_LEFT) <= Cm(3)
    number = second.cells[0].paragraphs[0]
    assert number.text == "Số: 05/BC-BCĐ"
    assert size(only_run(number), number) == Pt(13)


def test_the_right_column_national_title_motto_with_its_rule_and_the_date_on_the_numbers_line(doc):
    first, second = doc.tables[0].rows
    title, motto, rule = first.cells[1].paragraphs
    assert title.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert size(only_run(title), title) == Pt(13) and only_run(title).bold
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert size(only_run(motto), motto) == Pt(14) and only_run(motto).bold
    assert not only_run(motto).italic
    assert motto.alignment == WD_ALIGN_PARAGRAPH.CENTER
    # the rule under the motto is as long as the motto (171 pt at 14 pt bold), centred
    assert has_rule(rule) and not rule.text
    assert abs(rule_length(rule, d.HEADER_RIGHT).pt - 171.2) < 1
    fmt = rule.paragraph_format
    assert fmt.left_indent == fmt.right_indent
    place = second.cells[1].paragraphs[0]
    assert place.text == "Biên Thùy, ngày 05 tháng 01 năm 2026"
    assert size(only_run(place), place) == Pt(14) and only_run(place).italic


def test_the_kind_and_summary_bold_centred_with_a_short_rule(doc):
    paragraphs = doc.paragraphs
    kind = by_text(paragraphs, "BÁO CÁO")
    index = [p.text for p in paragraphs].index("BÁO CÁO")
    summary = paragraphs[index + 1]
    assert summary.text == "Kết quả công tác biên giới năm 2025; phương hướng, nhiệm vụ năm 2026"
    for paragraph in (kind, summary):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert only_run(paragraph).bold and size(only_run(paragraph), paragraph) == Pt(14)
    assert has_rule(paragraphs[index + 2])
    assert by_text(paragraphs, "Kính gửi: Ban Chỉ đạo công tác biên giới Trung ương")


def test_several_recipients_one_per_line_with_dashes():
    several = replace(sample_report(), recipients=("Bộ Ngoại giao", "Bộ Quốc phòng"))
    doc = Document(io.BytesIO(d.render_docx(several)))
    lines = texts(doc.paragraphs)
    at = lines.index("Kính gửi:")
    assert lines[at + 1 : at + 3] == ["- Bộ Ngoại giao;", "- Bộ Quốc phòng."]


def test_body_paragraphs_are_14_pt_justified_indented_and_spaced(doc):
    body = [p for p in doc.paragraphs if p.style.name == "Body Text" and p.text]
    assert len(body) > 20
    style = doc.styles["Body Text"]
    fmt = style.paragraph_format
    assert style.font.size == Pt(14)
    assert fmt.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert fmt.first_line_indent == Cm(1.27)
    assert fmt.space_before >= Pt(6)
    assert 1.0 <= fmt.line_spacing <= 1.5
    for paragraph in body:  # nothing on a paragraph overrides them
        assert paragraph.alignment is None and paragraph.paragraph_format.first_line_indent is None
        assert all(r.font.size is None for r in paragraph.runs)
    assert any(DIACRITICS in p.text for p in body)
    assert any("21.790 lượt người nghe" in p.text for p in body)


def test_sections_numbered_in_capitals_bold_then_items_and_points(doc):
    def headings(level):
        return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]

    assert headings(1) == [
        "I. ĐẶC ĐIỂM TÌNH HÌNH",
        "II. KẾT QUẢ THỰC HIỆN",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    assert headings(2) == [
        "1. Quản lý, bảo vệ đường biên giới, mốc quốc giới",
        "2. Tuyên truyền, phổ biến, giáo dục pháp luật",
        "1. Ưu điểm và hạn chế",
    ]
    assert headings(3) == ["a) Ưu điểm", "b) Tồn tại, hạn chế"]
    for level in (1, 2, 3):
        style = doc.styles[f"Heading {level}"]
        assert style.font.bold and style.font.size == Pt(14)
        assert style.font.color.rgb in (None, d.RGBColor(0, 0, 0))
        assert style.paragraph_format.keep_with_next


def test_a_table_of_figures_right_aligned_with_a_repeating_header(doc):
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Hình thức")
    assert [c.text for c in table.rows[0].cells] == [
        "Hình thức",
        "Số đợt",
        "Lượt cán bộ, chiến sĩ",
        "Cùng kỳ năm trước",
        "Tăng, giảm",
    ]
    assert table.rows[0]._tr.find(f"{W}trPr/{W}tblHeader") is not None
    assert [c.text for c in table.rows[1].cells] == [
        "Tuần tra đơn phương",
        "81",
        "1.215",
        "76",
        "+6,6%",
    ]
    total = table.rows[-1].cells
    assert total[2].text == "1.647" and only_run(total[2].paragraphs[0]).bold
    assert total[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.rows[1].cells[0].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    widths = [c.width for c in table.columns]
    assert widths[0] == 2 * widths[1]  # text twice as wide as a figure
    assert abs(sum(widths) - d.TEXT_WIDTH) < Cm(0.1)
    propaganda = next(t for t in doc.tables if t.rows[0].cells[0].text == "Nội dung")
    assert propaganda.rows[1].cells[2].text == "21.790"


def test_noi_nhan_left_of_the_signature_in_a_table_without_borders(doc):
    table = next(t for t in doc.tables if t.rows[0].cells[0].text.startswith("Nơi nhận"))
    assert {b.get(qn("w:val")) for b in table._tbl.tblPr.find(f"{W}tblBorders")} == {"nil"}
    left, right = table.rows[0].cells
    heading, *entries = left.paragraphs
    assert heading.text == "Nơi nhận:"
    run = only_run(heading)
    assert run.bold and run.italic and size(run, heading) == Pt(12)
    assert [e.text for e in entries] == [
        "- Như trên;",
        "- Thường trực Tỉnh ủy;",
        "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;",
        "- Thành viên Ban Chỉ đạo;",
        "- Lưu: VT, BCĐ.",
    ]
    assert all(size(only_run(e), e) == Pt(11) and not only_run(e).bold for e in entries)
    signature = list(right.paragraphs)
    assert texts(signature) == [
        "TM. BAN CHỈ ĐẠO",
        "KT. TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "Nguyễn Văn Hưng",
    ]
    for paragraph in signature:
        if paragraph.text:
            assert only_run(paragraph).bold and size(only_run(paragraph), paragraph) == Pt(14)
    name_at = [p.text for p in signature].index("Nguyễn Văn Hưng")
    assert name_at - 3 > d.SIGNATURE_SPACE - 1  # room for the signature and the seal
    assert table.rows[0]._tr.find(f"{W}trPr/{W}cantSplit") is not None


def test_page_numbers_in_the_header_from_page_two_and_none_on_page_one(doc):
    first = doc.sections[0]
    assert first.different_first_page_header_footer
    header = first.header
    assert not header.is_linked_to_previous
    instructions = [i.text.strip() for i in header._element.iter(f"{W}instrText")]
    assert instructions == ["PAGE"]
    kinds = [c.get(qn("w:fldCharType")) for c in header._element.iter(f"{W}fldChar")]
    assert kinds == ["begin", "separate", "end"]
    assert header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    first_page = first.first_page_header
    assert not list(first_page._element.iter(f"{W}instrText"))
    assert not "".join(p.text for p in first_page.paragraphs).strip()


def test_each_appendix_starts_a_page_numbered_from_one_with_its_title_and_reference(doc):
    for section in doc.sections[1:]:
        number_type = section._sectPr.find(f"{W}pgNumType")
        assert number_type is not None and number_type.get(qn("w:start")) == "1"
        assert section.different_first_page_header_footer
        assert section.header.is_linked_to_previous  # the same centred PAGE field
    lines = texts(doc.paragraphs)
    at = lines.index("Phụ lục I")
    assert lines[at + 1] == "KẾT QUẢ TUẦN TRA, KIỂM SOÁT NĂM 2025"
    assert lines[at + 2] == (
        "(Kèm theo Báo cáo số 05/BC-BCĐ ngày 05/01/2026 "
        "của Ban Chỉ đạo công tác biên giới tỉnh Biên Thùy)"
    )
    reference = by_text(doc.paragraphs, lines[at + 2])
    assert only_run(reference).italic
    assert "Phụ lục II" in lines and "KẾT QUẢ TUYÊN TRUYỀN NĂM 2025" in lines


def test_a_report_without_governing_body_copies_or_appendices_still_renders():
    bare = d.Report(
        governing_body="",
        issuing_body="Ban Chỉ đạo công tác biên giới",
        symbol="BC-BCĐ",
        number=None,
        place="Biên Thùy",
        day=date(2025, 7, 10),
        summary="Kết quả công tác biên giới 6 tháng đầu năm 2025",
        signature=d.Signature(title="Trưởng ban", name="Lò Văn Sơn"),
    )
    doc = Document(io.BytesIO(d.render_docx(bare)))
    assert len(doc.sections) == 1
    left = texts(doc.tables[0].rows[0].cells[0].paragraphs)
    assert left == ["BAN CHỈ ĐẠO CÔNG TÁC BIÊN GIỚI"]
    assert texts(doc.tables[0].rows[1].cells[0].paragraphs) == ["Số:       /BC-BCĐ"]
    assert texts(doc.tables[1].rows[0].cells[1].paragraphs) == ["TRƯỞNG BAN", "Lò Văn Sơn"]
    assert doc.core_properties.language == "vi-VN"


def test_urgency_and_secrecy_marks_go_under_the_number():
    doc = Document(io.BytesIO(d.render_docx(replace(sample_report(), marks=("Khẩn",)))))
    number_cell = doc.tables[0].rows[1].cells[0]
    assert texts(number_cell.paragraphs) == ["Số: 05/BC-BCĐ", "KHẨN"]
    assert only_run(number_cell.paragraphs[1]).bold


def test_a_table_without_rows_prints_its_title_and_one_line_instead_of_a_grid():
    nothing = d.Table(
        title="Bảng 6. Cứu hộ, cứu nạn",
        columns=(d.Column("Chỉ tiêu"), d.Column("Năm 2025", numeric=True)),
        rows=(),
        empty="Không phát sinh.",
    )
    report = replace(
        sample_report(pages=1), appendices=(d.Appendix("Số liệu thống kê năm 2025", (nothing,)),)
    )
    doc = Document(io.BytesIO(d.render_docx(report)))
    shown = texts(doc.paragraphs)
    line = by_text(doc.paragraphs, "Không phát sinh.")
    assert shown[shown.index("Bảng 6. Cứu hộ, cứu nạn") + 1] == "Không phát sinh."
    assert line.style.name == "Body Text"
    # the header's table, the body's two, the signature's: no grid for the empty table
    assert len(doc.tables) == 4
