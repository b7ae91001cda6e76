"""A report as a plain description, and its DOCX in the format of Decree 30/2020/NĐ-CP.

`Report` says what the document holds — who issues it, its number and date, its sections of
text and tables, who receives it, who signs it, its appendices — and nothing about how it is
laid out. `render_docx` lays it out as Phụ lục I of the decree asks (DOMAIN.md §4.1): A4
portrait, margins 20/20/30/15 mm, Times New Roman, the two-column header with the national
title and motto, "BÁO CÁO" and the summary, the body at 14 pt, "Nơi nhận" beside the signature,
page numbers centred at the top from page 2, each appendix on its own pages numbered from 1.

The writer numbers the parts itself (sections I, II, ...; sub-sections 1., 2., ...; points a),
b), ...; appendices Phụ lục I, II, ...) and writes the decree's capitals and punctuation; the
caller gives plain titles and text, numbers already formatted ("21.790"). Nothing here reads the
database: the statistics are turned into a `Report` elsewhere, so the layout is tested alone.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Length, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

FONT = "Times New Roman"
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
TEXT_WIDTH = Emu(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
BODY_SIZE = Pt(14)
FIRST_LINE_INDENT = Cm(1.27)
PARAGRAPH_SPACING = Pt(6)
LINE_SPACING = 1.15
TABLE_SIZE = Pt(12)
HEADER_LEFT, HEADER_RIGHT = Cm(6.5), Emu(TEXT_WIDTH - Cm(6.5))
SIGNATURE_LEFT, SIGNATURE_RIGHT = Cm(7.5), Emu(TEXT_WIDTH - Cm(7.5))

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# The motto's width at 14 pt bold in Times New Roman (Liberation Serif has the same metrics),
# measured on LibreOffice's PDF: its rule is drawn exactly this long.
MOTTO_WIDTH = Pt(171.2)
SHORT_RULE = Cm(2.5)  # under the issuing body and under the summary
SIGNATURE_SPACE = 4  # empty lines left for the signature and the seal


# ------------------------------------------------------------------------------ the document


@dataclass(frozen=True)
class Column:
    """A column of a table: its title, its width (None: shares what the others leave) and
    whether it holds figures (right-aligned)."""

    title: str
    width: Length | None = None
    numeric: bool = False


@dataclass(frozen=True)
class Table:
    """A table of text cells: the figures are already written ("21.790", "12,5%")."""

    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]
    title: str = ""  # above the table, bold and centred
    unit: str = ""  # "Đơn vị tính: lượt", right-aligned in italics above the table
    total: Sequence[str] = ()  # a last row in bold
    note: str = ""  # under the table, italic
    # what a table with no rows says instead of its grid, under its title ("Không phát sinh.")
    empty: str = ""


@dataclass(frozen=True)
class Paragraph:
    text: str
    italic: bool = False
    bold: bool = False


Block = Paragraph | Table


@dataclass(frozen=True)
class Point:
    """A point "a) ..." of a sub-section."""

    title: str
    blocks: Sequence[Block] = ()


@dataclass(frozen=True)
class SubSection:
    """A numbered item "1. ..." of a section: its text and tables, then its points."""

    title: str
    blocks: Sequence[Block] = ()
    points: Sequence[Point] = ()


@dataclass(frozen=True)
class Section:
    """A part "I. ĐẶC ĐIỂM TÌNH HÌNH": its text and tables, then its sub-sections."""

    title: str
    blocks: Sequence[Block] = ()
    subsections: Sequence[SubSection] = ()


@dataclass(frozen=True)
class Signature:
    """The signature block: `capacity` the lines "TM. BAN CHỈ ĐẠO", "KT. TRƯỞNG BAN" (none when
    the head signs in their own name), `title` the signer's title, `name` their name (with a
    military rank before it where the unit uses one)."""

    title: str
    name: str
    capacity: Sequence[str] = ()


@dataclass(frozen=True)
class Appendix:
    """An appendix, on its own pages numbered from 1: "Phụ lục I", its title, the line tying it
    to the report, then its text and tables."""

    title: str
    blocks: Sequence[Block] = ()


@dataclass(frozen=True)
class Report:
    governing_body: str  # "UBND TỈNH BIÊN THÙY" (may be empty)
    issuing_body: str  # "BAN CHỈ ĐẠO CÔNG TÁC BIÊN GIỚI"
    symbol: str  # "BC-BCĐ"
    number: int | None  # None for a draft: "Số:      /BC-BCĐ", filled in by the office
    place: str  # "Biên Thùy"
    day: date
    summary: str  # "Kết quả công tác biên giới năm 2025; phương hướng, nhiệm vụ năm 2026"
    signature: Signature
    kind: str = "BÁO CÁO"
    recipients: Sequence[str] = ()  # "Kính gửi", for a report sent upward
    bases: Sequence[str] = ()  # "Căn cứ ..." lines, in italics before the body
    sections: Sequence[Section] = ()
    closing: Sequence[str] = ()  # paragraphs after the last section
    copies_to: Sequence[str] = ()  # "Nơi nhận": "Như trên", ..., "Lưu: VT, BCĐ"
    appendices: Sequence[Appendix] = ()
    # the issuing body as a sentence names it, for the appendices' "(Kèm theo ... của ...)"
    issuer_name: str = ""
    marks: Sequence[str] = ()  # "KHẨN", "MẬT", under the number


# ------------------------------------------------------------------------------- the wording


def number_line(report: Report) -> str:
    """ "Số: 05/BC-BCĐ": numbers under 10 get a leading zero; a draft leaves room for one."""
    number = "      " if report.number is None else f"{report.number:02d}"
    return f"Số: {number}/{report.symbol}"


def date_line(place: str, day: date) -> str:
    """ "Biên Thùy, ngày 05 tháng 01 năm 2026": days under 10 and months 1–2 get a zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]  # fmt: skip
# points follow the Vietnamese alphabet, as in legal texts: a) b) c) d) đ) e) g) ...
_LETTERS = tuple("abcdđeghiklmnopqrstuvxy")


def roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def point_letter(index: int) -> str:
    """The letter of the point at `index` (from 0): a, b, c, d, đ, e, g, ..., y, then aa, ab."""
    count = len(_LETTERS)
    if index < count:
        return _LETTERS[index]
    return _LETTERS[index // count - 1] + _LETTERS[index % count]


def listed(entries: Sequence[str]) -> list[str]:
    """ "- Như trên;" ... "- Lưu: VT, BCĐ.": a dash before each entry, ";" after all but the
    last, "." after the last. Dashes and end punctuation the caller wrote are not doubled."""
    clean = [e.strip().removeprefix("-").strip().rstrip(";.").rstrip() for e in entries]
    clean = [e for e in clean if e]
    return [f"- {e}{'.' if n == len(clean) - 1 else ';'}" for n, e in enumerate(clean)]


def reference_text(*, kind: str, number: int | None, symbol: str, day: date, issuer: str) -> str:
    """ "(Kèm theo Báo cáo số 05/BC-BCĐ ngày 05/01/2026 của Ban Chỉ đạo ...)"."""
    shown = "   " if number is None else f"{number:02d}"
    return f"(Kèm theo {kind} số {shown}/{symbol} ngày {day:%d/%m/%Y} của {issuer})"


def reference_line(report: Report) -> str:
    """An appendix's line naming the report it is attached to (`reference_text`)."""
    return reference_text(
        kind=report.kind.capitalize(),
        number=report.number,
        symbol=report.symbol,
        day=report.day,
        issuer=report.issuer_name or report.issuing_body.capitalize(),
    )


# ------------------------------------------------------------------------------------ styles


def _set_fonts(parent: Any, size: Length | None = None) -> None:
    """Times New Roman for every script (ascii, hAnsi, eastAsia, cs) in `parent`'s run
    properties, without the theme fonts that would otherwise win in Word and LibreOffice."""
    rpr = parent.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        parent.append(rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            element = rpr.find(qn(tag))
            if element is None:
                element = OxmlElement(tag)
                rpr.append(element)
            element.set(qn("w:val"), str(int(size.pt * 2)))


def _styles(doc: DocxDocument) -> None:
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            _set_fonts(rpr_default, BODY_SIZE)
            lang = OxmlElement("w:lang")
            lang.set(qn("w:val"), "vi-VN")
            lang.set(qn("w:eastAsia"), "vi-VN")
            lang.set(qn("w:bidi"), "ar-SA")
            rpr = rpr_default.find(qn("w:rPr"))
            for old in rpr.findall(qn("w:lang")):
                rpr.remove(old)
            rpr.append(lang)

    normal = styles["Normal"]
    _set_fonts(normal.element, BODY_SIZE)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    fmt = normal.paragraph_format  # type: ignore[attr-defined]
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0

    body = styles["Body Text"]
    _set_fonts(body.element, BODY_SIZE)
    fmt = body.paragraph_format  # type: ignore[attr-defined]
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = FIRST_LINE_INDENT
    fmt.space_before = PARAGRAPH_SPACING
    fmt.space_after = Pt(0)
    fmt.line_spacing = LINE_SPACING
    fmt.widow_control = True

    for level in (1, 2, 3):
        style = styles[f"Heading {level}"]
        assert isinstance(style, ParagraphStyle)
        style.base_style = body  # type: ignore[assignment]
        _set_fonts(style.element, BODY_SIZE)
        style.font.bold = True
        style.font.italic = level == 3
        color = style.element.rPr.find(qn("w:color"))
        if color is not None:
            style.element.rPr.remove(color)
        style.font.color.rgb = RGBColor(0, 0, 0)
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = PARAGRAPH_SPACING, Pt(0)
        fmt.keep_with_next = True
        # a section's heading starts at the margin; items and points are indented as the body
        fmt.first_line_indent = Cm(0) if level == 1 else FIRST_LINE_INDENT

    for name in ("Header", "Footer"):
        style = styles[name]
        _set_fonts(style.element, Pt(13))
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER  # type: ignore[attr-defined]


def _page(section: Any) -> None:
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = section.footer_distance = Mm(10)


# ---------------------------------------------------------------------------- small writers


def _para(
    container: object,
    text: str = "",
    *,
    size: Length | None = None,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = WD_ALIGN_PARAGRAPH.CENTER,
    style: str | None = None,
) -> DocxParagraph:
    """A paragraph of one run; without a style it is compact (Normal: no indent, no spacing)."""
    paragraph: DocxParagraph = container.add_paragraph(style=style)  # type: ignore[attr-defined]
    if align is not None:
        paragraph.alignment = align
    if text:
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        if size is not None:
            run.font.size = size
    return paragraph


def _cell_para(cell: _Cell, text: str = "", **kwargs: object) -> DocxParagraph:
    """The cell's first (empty) paragraph is used before new ones are added."""
    paragraphs = cell.paragraphs
    if len(paragraphs) == 1 and paragraphs[0]._p.pPr is None and not paragraphs[0].runs:
        cell._tc.remove(paragraphs[0]._p)  # the empty paragraph a new cell comes with
    return _para(cell, text, **kwargs)  # type: ignore[arg-type]


def _rule(container: object, width: Length, within: Length) -> DocxParagraph:
    """A solid rule `width` long, centred in `within`: the bottom border of an empty 1-pt
    paragraph whose indents leave exactly that width (Word and LibreOffice both draw it)."""
    paragraph = (
        _cell_para(container, align=WD_ALIGN_PARAGRAPH.CENTER)  # type: ignore[arg-type]
        if isinstance(container, _Cell)
        else _para(container)
    )
    side = Emu(max(0, (within - width) // 2))
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = side
    fmt.space_before = Pt(2)
    fmt.line_spacing = Pt(2)
    run = paragraph.add_run()
    run.font.size = Pt(1)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:spacing", "w:ind", "w:jc", "w:rPr")
    return paragraph


def _no_borders(table: DocxTable) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)


def _fixed_widths(table: DocxTable, widths: Sequence[Length]) -> None:
    """Fixed layout with each column's width on the grid and on every cell (Word reads the
    cells, LibreOffice the grid)."""
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _two_columns(doc: DocxDocument, left: Length, right: Length) -> DocxTable:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _fixed_widths(table, [left, right])
    return table


# ------------------------------------------------------------------------------------- parts


def _header(doc: DocxDocument, report: Report) -> None:
    """The two-column header: issuing body and number on the left, national title, motto and
    place-date on the right; the number and the date share the second row (the same line)."""
    table = _two_columns(doc, HEADER_LEFT, HEADER_RIGHT)
    left, right = table.rows[0].cells
    if report.governing_body:
        _cell_para(left, report.governing_body.upper(), size=Pt(13))
    _cell_para(left, report.issuing_body.upper(), size=Pt(13), bold=True)
    _rule(left, SHORT_RULE, HEADER_LEFT)
    _cell_para(right, NATIONAL_TITLE, size=Pt(13), bold=True)
    _cell_para(right, MOTTO, size=Pt(14), bold=True)
    _rule(right, MOTTO_WIDTH, HEADER_RIGHT)

    second = table.add_row()
    left, right = second.cells
    for cell, width in ((left, HEADER_LEFT), (right, HEADER_RIGHT)):
        cell.width = width
    number = _cell_para(left, number_line(report), size=Pt(13))
    number.paragraph_format.space_before = Pt(6)
    for mark in report.marks:
        _cell_para(left, mark.upper(), size=Pt(13), bold=True)
    day = _cell_para(right, date_line(report.place, report.day), size=Pt(14), italic=True)
    day.paragraph_format.space_before = Pt(6)


def _title(doc: DocxDocument, report: Report) -> None:
    kind = _para(doc, report.kind.upper(), size=Pt(14), bold=True)
    kind.paragraph_format.space_before = Pt(18)
    kind.paragraph_format.keep_with_next = True
    summary = _para(doc, report.summary, size=Pt(14), bold=True)
    summary.paragraph_format.keep_with_next = True
    _rule(doc, SHORT_RULE, TEXT_WIDTH)
    if report.recipients:
        entries = listed(report.recipients)
        if len(entries) == 1:
            line = _para(doc, f"Kính gửi: {entries[0][2:-1]}", size=Pt(14))
            line.paragraph_format.space_before = Pt(12)
        else:
            line = _para(doc, "Kính gửi:", size=Pt(14), align=WD_ALIGN_PARAGRAPH.LEFT)
            line.paragraph_format.space_before = Pt(12)
            line.paragraph_format.left_indent = Cm(3)
            for entry in entries:
                item = _para(doc, entry, size=Pt(14), align=WD_ALIGN_PARAGRAPH.LEFT)
                item.paragraph_format.left_indent = Cm(5)
    spacer = _para(doc)
    spacer.paragraph_format.space_after = Pt(6)
    for basis in report.bases:
        _para(doc, basis, italic=True, style="Body Text", align=None)


def _blocks(doc: DocxDocument, blocks: Sequence[Block]) -> None:
    for block in blocks:
        if isinstance(block, Table):
            _table(doc, block)
        else:
            _para(
                doc, block.text, bold=block.bold, italic=block.italic, style="Body Text", align=None
            )


def _table(doc: DocxDocument, data: Table) -> None:
    if data.title:
        title = _para(doc, data.title, bold=True)
        title.paragraph_format.space_before = Pt(6)
        title.paragraph_format.keep_with_next = True
    if data.empty and not data.rows and not data.total:
        _para(doc, data.empty, style="Body Text", align=None)
        _para(doc).paragraph_format.space_after = Pt(6)
        return
    if data.unit:
        unit = _para(doc, data.unit, size=TABLE_SIZE, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
        unit.paragraph_format.keep_with_next = True
    count = len(data.columns)
    table = doc.add_table(rows=1, cols=count)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = _column_widths(data.columns)
    _fixed_widths(table, widths)

    header = table.rows[0]
    _repeat_header(header)
    for cell, column in zip(header.cells, data.columns, strict=True):
        _cell_para(cell, column.title, size=TABLE_SIZE, bold=True)
    rows = [(list(r), False) for r in data.rows]
    if data.total:
        rows.append((list(data.total), True))
    for values, bold in rows:
        cells = table.add_row().cells
        for cell, column, value, width in zip(cells, data.columns, values, widths, strict=False):
            cell.width = width
            align = WD_ALIGN_PARAGRAPH.RIGHT if column.numeric else WD_ALIGN_PARAGRAPH.LEFT
            _cell_para(cell, value, size=TABLE_SIZE, bold=bold, align=align)
    if data.note:
        _para(doc, data.note, size=TABLE_SIZE, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    _para(doc).paragraph_format.space_after = Pt(6)


def _column_widths(columns: Sequence[Column]) -> list[Length]:
    """Columns without a width share what the others leave: a text column twice a figure's."""
    given = sum((c.width for c in columns if c.width is not None), Emu(0))
    weights = {n: 1 if c.numeric else 2 for n, c in enumerate(columns) if c.width is None}
    unit = max(0, TEXT_WIDTH - given) // max(1, sum(weights.values()))
    return [
        c.width if c.width is not None else Emu(unit * weights[n]) for n, c in enumerate(columns)
    ]


def _repeat_header(row: object) -> None:
    """The header row repeats at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _body(doc: DocxDocument, report: Report) -> None:
    for s, section in enumerate(report.sections):
        doc.add_paragraph(f"{roman(s + 1)}. {section.title.upper()}", style="Heading 1")
        _blocks(doc, section.blocks)
        for n, sub in enumerate(section.subsections):
            doc.add_paragraph(f"{n + 1}. {sub.title}", style="Heading 2")
            _blocks(doc, sub.blocks)
            for p, point in enumerate(sub.points):
                doc.add_paragraph(f"{point_letter(p)}) {point.title}", style="Heading 3")
                _blocks(doc, point.blocks)
    for text in report.closing:
        _para(doc, text, style="Body Text", align=None)


def _signature(doc: DocxDocument, report: Report) -> None:
    """ "Nơi nhận" on the left, the signature on the right, in a table without borders."""
    spacer = _para(doc)
    spacer.paragraph_format.space_before = Pt(6)
    table = _two_columns(doc, SIGNATURE_LEFT, SIGNATURE_RIGHT)
    left, right = table.rows[0].cells
    _repeat_nothing_split(table)
    if report.copies_to:
        _cell_para(
            left, "Nơi nhận:", size=Pt(12), bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT
        )
        for entry in listed(report.copies_to):
            _cell_para(left, entry, size=Pt(11), align=WD_ALIGN_PARAGRAPH.LEFT)
    sign = report.signature
    for line in [*sign.capacity, sign.title]:
        _cell_para(right, line.upper(), size=Pt(14), bold=True)
    for _ in range(SIGNATURE_SPACE):
        _cell_para(right, size=Pt(14))
    _cell_para(right, sign.name, size=Pt(14), bold=True)


def _repeat_nothing_split(table: DocxTable) -> None:
    """The signature row is never split across two pages."""
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))


def _page_number_field(paragraph: DocxParagraph) -> None:
    """A PAGE field (begin, instruction, separate, shown value, end)."""

    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    paragraph.add_run()._r.append(instruction)
    char("separate")
    paragraph.add_run("2")
    char("end")


def _numbering(section: Any, *, restart: bool) -> None:
    """Page numbers centred in the top margin, none on the section's first page. The first
    section gets the header with the PAGE field; an appendix's section keeps it (its headers
    stay linked to the previous ones) and restarts the count at 1."""
    section.different_first_page_header_footer = True
    if restart:
        number_type = OxmlElement("w:pgNumType")
        number_type.set(qn("w:start"), "1")
        section._sectPr.insert_element_before(
            number_type, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
            "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
        )  # fmt: skip
        return
    paragraph = section.header.paragraphs[0]
    paragraph.style = "Header"
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number_field(paragraph)


def _appendix(doc: DocxDocument, report: Report, index: int, appendix: Appendix) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section)
    _numbering(section, restart=True)
    _para(doc, f"Phụ lục {roman(index + 1)}", bold=True).paragraph_format.keep_with_next = True
    _para(doc, appendix.title.upper(), bold=True).paragraph_format.keep_with_next = True
    _para(doc, reference_line(report), italic=True)
    _rule(doc, SHORT_RULE, TEXT_WIDTH)
    _para(doc).paragraph_format.space_after = Pt(6)
    _blocks(doc, appendix.blocks)


def render_docx(report: Report) -> bytes:
    """The report's DOCX, ready to print and sign."""
    doc = Document()
    _styles(doc)
    first = doc.sections[0]
    _page(first)
    _numbering(first, restart=False)
    # the template's body starts with no paragraph; every part adds its own
    _header(doc, report)
    _title(doc, report)
    _body(doc, report)
    _signature(doc, report)
    for index, appendix in enumerate(report.appendices):
        _appendix(doc, report, index, appendix)
    doc.core_properties.title = f"{report.kind.capitalize()} {number_line(report)}"
    doc.core_properties.subject = report.summary
    doc.core_properties.author = report.issuing_body
    doc.core_properties.language = "vi-VN"
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


__all__ = [
    "Appendix",
    "Column",
    "Paragraph",
    "Point",
    "Report",
    "Section",
    "Signature",
    "SubSection",
    "Table",
    "date_line",
    "number_line",
    "reference_text",
    "render_docx",
]
