"""The golden province-year (golden.py) as files: the DOCX read back with python-docx holds each
seed figure as the seeds write it, in its section; the XLSX annex one sheet per section with the
figures; LibreOffice's PDF the same figures; and `biengioi report` writes them from the command
line."""

import io
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from biengioi.cli import main
from biengioi.reports.pdf import to_pdf
from biengioi.reports.services import report_create, report_file

from . import golden
from .test_pdf import embedded_families, fake_soffice

SHEETS = [
    "Đường biên, mốc, cửa khẩu",
    "Tuần tra, kiểm soát",
    "Vụ việc trên biên giới",
    "Phòng, chống tội phạm",
    "Tiếp nhận, trao trả",
    "Cứu hộ, cứu nạn",
    "Cửa khẩu, xuất nhập cảnh",
    "Tuyên truyền",
    "Tập huấn, bồi dưỡng",
    "Tổ tự quản",
    "Kết nghĩa",
    "Chương trình an sinh",
    "Thi đua, khen thưởng",
    "Hội nghị",
    "Nhiệm vụ",
]

# each seed figure as the narrative writes it, with the heading of the item it belongs to
FIGURES = [
    ("81 đợt tuần tra đơn phương", "Quản lý, bảo vệ đường biên giới, mốc quốc giới"),
    ("27 đợt tuần tra song phương", "Quản lý, bảo vệ đường biên giới, mốc quốc giới"),
    ("562 buổi", "Công tác tuyên truyền, phổ biến, giáo dục pháp luật; tập huấn"),
    ("21.790 lượt người nghe", "Công tác tuyên truyền, phổ biến, giáo dục pháp luật; tập huấn"),
    ("4 lớp tập huấn", "Công tác tuyên truyền, phổ biến, giáo dục pháp luật; tập huấn"),
    ("238 tổ tự quản", "Công tác tuyên truyền, phổ biến, giáo dục pháp luật; tập huấn"),
    ("15 cụm xã, thị trấn", "Hợp tác, đối ngoại biên phòng; kết nghĩa"),
    ("5 cụm thôn, bản", "Hợp tác, đối ngoại biên phòng; kết nghĩa"),
]


@pytest.fixture
def built(world):
    return golden.build(world)


@pytest.fixture
def report(world, built):
    made, _ = report_create(actor=world.sam, scope_unit_id=world.tbt.pk, period="2025")
    return made


def _sections(docx: bytes) -> dict[str, str]:
    """The body's text under each heading (items "2. ..." and sections "I. ..."), heading
    numbers removed: a paragraph belongs to the last heading before it."""
    doc = Document(io.BytesIO(docx))
    out: dict[str, str] = {}
    current = ""
    for paragraph in doc.paragraphs:
        if paragraph.style.name.startswith("Heading"):
            current = paragraph.text.split(". ", 1)[-1]
            out[current] = ""
        elif current:
            out[current] += paragraph.text + "\n"
    return out


def test_the_docx_holds_each_seed_figure_in_its_section(world, report):
    _, docx = report_file(actor=world.sam, report_id=report.pk, fmt="docx")
    sections = _sections(docx)
    for phrase, heading in FIGURES:
        assert phrase in sections[heading], (phrase, heading)
    assert "tăng 12 đợt (12,5%) so với cùng kỳ" in sections[FIGURES[0][1]]
    doc = Document(io.BytesIO(docx))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "I. ĐẶC ĐIỂM TÌNH HÌNH",
        "II. KẾT QUẢ THỰC HIỆN",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    texts = [p.text for p in doc.paragraphs]
    assert "Kết quả công tác biên giới năm 2025; phương hướng, nhiệm vụ năm 2026" in texts
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "TM. BAN CHỈ ĐẠO" in cells[-1] or any("TM. BAN CHỈ ĐẠO" in c for c in cells)
    assert any("Nơi nhận:" in c for c in cells)


def test_the_annex_has_one_sheet_per_section_with_the_figures(world, report):
    _, xlsx = report_file(actor=world.sam, report_id=report.pk, fmt="xlsx")
    book = load_workbook(io.BytesIO(xlsx))
    assert book.sheetnames == [f"{n}. {name}" for n, name in enumerate(SHEETS, start=1)]

    def rows(sheet: str) -> dict[str, tuple]:
        return {
            r[0]: r[1:] for r in book[sheet].iter_rows(values_only=True) if isinstance(r[0], str)
        }

    patrols = rows("2. Tuần tra, kiểm soát")
    assert patrols["Số đợt tuần tra"][:3] == (108, 96, 12)
    assert patrols["– Số đợt tuần tra: Tuần tra đơn phương"][:2] == (81, 72)
    assert patrols["– Số đợt tuần tra: Tuần tra song phương"][:2] == (27, 24)
    propaganda = rows("8. Tuyên truyền")
    assert propaganda["Số buổi tuyên truyền"][:2] == (562, 500)
    assert propaganda["Lượt người nghe"][:2] == (21_790, 19_000)
    training = rows("9. Tập huấn, bồi dưỡng")
    assert training["Số lớp tập huấn, bồi dưỡng"][:2] == (4, 3)
    assert training["Số tổ tự quản được tập huấn"][:2] == (238, 200)
    twinning = rows("11. Kết nghĩa")
    assert twinning["– Cặp kết nghĩa (cuối kỳ): Kết nghĩa xã – trấn (hương)"][:2] == (15, 12)
    assert twinning["– Cặp kết nghĩa (cuối kỳ): Kết nghĩa cụm dân cư hai bên biên giới"][:2] == (
        5,
        5,
    )


# the golden province-year records nothing of these: each sheet says so in one line
EMPTY_SHEETS = [
    "3. Vụ việc trên biên giới",
    "4. Phòng, chống tội phạm",
    "5. Tiếp nhận, trao trả",
    "6. Cứu hộ, cứu nạn",
    "7. Cửa khẩu, xuất nhập cảnh",
    "12. Chương trình an sinh",
    "13. Thi đua, khen thưởng",
    "14. Hội nghị",
    "15. Nhiệm vụ",
]


def _cells(sheet) -> list:
    return [c for row in sheet.iter_rows() for c in row if c.value is not None]


def test_the_annex_prints_each_figure_to_its_precision_signed_and_tied_to_the_draft(world, report):
    _, xlsx = report_file(actor=world.sam, report_id=report.pk, fmt="xlsx")
    book = load_workbook(io.BytesIO(xlsx))
    empty = []
    for sheet, n in zip(book.worksheets, range(1, 16), strict=True):
        assert sheet["A1"].value == "Phụ lục I"  # the DOCX's one appendix
        assert sheet["A2"].value == "SỐ LIỆU THỐNG KÊ NĂM 2025"
        assert sheet["A3"].value.startswith("(Kèm theo Dự thảo báo cáo số …/BC-BCĐ của Ban")
        assert sheet["A4"].value == f"Bảng {n}. " + sheet["A4"].value.split(". ", 1)[1]
        assert sheet.title.startswith(f"{n}. ")  # the sheet numbered as its table
        if sheet["A6"].value == "Không phát sinh.":  # every figure zero in both years
            empty.append(sheet.title)
            assert [c.value for c in _cells(sheet)][-1] == "Không phát sinh."
        else:
            header = [c.value for c in sheet[6]]
            assert header[0] == "Chỉ tiêu" and header[3] == "Tăng (+), giảm (-)"
            assert sheet.row_dimensions[6].height >= 2 * 16  # "Tăng (+), giảm (-)" wraps once
            assert sheet.print_title_rows == "$6:$6"
        setup = sheet.page_setup
        assert (str(setup.paperSize), setup.orientation) == ("9", "landscape")
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert empty == EMPTY_SHEETS
    patrols = {r[0].value: r for r in book["2. Tuần tra, kiểm soát"].iter_rows(min_row=7)}
    count = patrols["Số đợt tuần tra"]
    assert [c.value for c in count[1:4]] == [108, 96, 12]
    assert [c.number_format for c in count[1:5]] == [
        "#,##0",
        "#,##0",
        "+#,##0;-#,##0;0",
        "+0.0%;-0.0%;0.0%",
    ]
    assert all(isinstance(c.value, int) for c in count[1:4])
    km = patrols["Chiều dài tuần tra (km)"]
    assert [c.number_format for c in km[1:4]] == ["#,##0.0", "#,##0.0", "+#,##0.0;-#,##0.0;0"]
    assert km[1].value == 108 * golden.KM_PER_PATROL
    twinning = {r[0].value: r for r in book["11. Kết nghĩa"].iter_rows(min_row=7)}
    unchanged = twinning["– Cặp kết nghĩa (cuối kỳ): Kết nghĩa cụm dân cư hai bên biên giới"]
    assert [c.value for c in unchanged[1:5]] == [5, 5, 0, 0]
    communes = {r[0].value: r for r in book["1. Đường biên, mốc, cửa khẩu"].iter_rows(min_row=7)}
    fewer = communes["Xã, phường biên giới"]  # two communes merged into one
    assert [c.value for c in fewer[1:4]] == [1, 2, -1]
    assert fewer[3].number_format == "+#,##0;-#,##0;0"
    assert communes["Chiều dài đường biên giới (km)"][1].number_format == "#,##0.000"
    for sheet in book.worksheets:  # nothing left in the old "#,##0.0##"
        assert all(c.number_format != "#,##0.0##" for c in _cells(sheet))


def test_an_issued_report_names_its_number_and_day_on_every_sheet(world, report, as_user):
    sam = as_user(world.sam)
    url = f"/api/v1/reports/{report.pk}"
    issued = sam.post(f"{url}/issue", {"version": report.version}, content_type="application/json")
    assert issued.status_code == 200, issued.content
    day = date.fromisoformat(issued.json()["issued_on"])
    xlsx = sam.get(f"{url}/files/xlsx")
    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(xlsx.content))
    line = f"(Kèm theo Báo cáo số 01/BC-BCĐ ngày {day:%d/%m/%Y} của Ban Chỉ đạo"
    assert all(sheet["A3"].value.startswith(line) for sheet in book.worksheets)
    docx = Document(io.BytesIO(sam.get(f"{url}/files/docx").content))
    texts = [p.text for p in docx.paragraphs]
    assert any(t.startswith(line) for t in texts)  # the DOCX's appendix says the same
    assert "Phụ lục I" in texts and "Bảng 2. Kết quả tuần tra, kiểm soát" in texts


def _pdf_text(path: Path) -> str:
    text = subprocess.run(  # noqa: S603
        ["pdftotext", "-layout", str(path), "-"],  # noqa: S607
        capture_output=True,
        check=True,
    ).stdout.decode()
    return unicodedata.normalize("NFC", text)


@pytest.mark.needs("soffice", "pdftotext", "pdffonts")
def test_libreoffice_makes_a_pdf_holding_the_figures(world, report, tmp_path):
    _, pdf = report_file(actor=world.sam, report_id=report.pk, fmt="pdf")
    assert pdf.startswith(b"%PDF")
    path = tmp_path / "baocao.pdf"
    path.write_bytes(pdf)
    flat = " ".join(_pdf_text(path).split())
    for phrase in ("81 đợt tuần tra đơn phương", "27 đợt tuần tra song phương", "21.790"):
        assert phrase in flat, phrase
    assert "562 buổi" in flat and "238 tổ" in flat and "15 cụm xã" in flat
    # the narrative's words whole in the text layer, drawn in one family
    for phrase in ("đợt tuần tra", "(tổng số 108 đợt, tăng 12 đợt (12,5%) so với cùng kỳ)"):
        assert phrase in flat, phrase
    assert embedded_families(path) == {"LiberationSerif"} or embedded_families(path) == {
        "TimesNewRoman"
    }


@pytest.mark.needs("soffice", "pdftotext")
def test_libreoffice_prints_the_annex_with_whole_header_words_and_signs(world, report, tmp_path):
    _, xlsx = report_file(actor=world.sam, report_id=report.pk, fmt="xlsx")
    book = load_workbook(io.BytesIO(xlsx))
    for name in book.sheetnames[2:]:  # the first two sheets: the registry and the patrols
        book.remove(book[name])
    out = io.BytesIO()
    book.save(out)
    path = tmp_path / "phuluc.pdf"
    path.write_bytes(to_pdf(out.getvalue(), kind="xlsx"))
    text = _pdf_text(path)
    words = set(text.split())
    for title in ("Chỉ tiêu", "Năm 2025", "Cùng kỳ (năm 2024)", "Tăng (+), giảm (-)"):
        assert set(title.split()) <= words, title  # wrapped between words, never inside one
    assert "Kèm theo Dự thảo báo cáo số" in " ".join(text.split())
    assert "###" not in text  # every number fits its column
    patrols = next(line for line in text.splitlines() if line.strip().startswith("Số đợt tuần"))
    assert patrols.split()[-4:-1] == ["108", "96", "+12"]
    assert patrols.split()[-1] == "+12.5%" or patrols.split()[-1] == "+12,5%"
    communes = next(line for line in text.splitlines() if "Xã, phường biên giới" in line)
    assert communes.split()[-4:] == ["1", "2", "-1", "-50.0%"] or communes.split()[-4:] == [
        "1",
        "2",
        "-1",
        "-50,0%",
    ]


def test_the_command_line_writes_a_draft_in_each_format(world, built, tmp_path, capsys):
    out = tmp_path / "bc.docx"
    assert main(["report", "--scope", "tbt", "--period", "2025", "--out", str(out)]) == 0
    sections = _sections(out.read_bytes())
    assert "81 đợt tuần tra đơn phương" in sections[FIGURES[0][1]]
    assert "chưa ban hành" in capsys.readouterr().out
    xlsx = tmp_path / "bc.xlsx"
    args = ["report", "--scope", "TBT", "--period", "2025", "--format", "xlsx"]
    assert main([*args, "--out", str(xlsx), "--as", "sam"]) == 0
    assert len(load_workbook(xlsx).sheetnames) == 15


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--scope", "NOWHERE", "--period", "2025"], "không có đơn vị mã “NOWHERE”"),
        (["--scope", "TBT", "--period", "2025-H3"], "không hiểu kỳ báo cáo “2025-H3”"),
        (["--scope", "TBT", "--period", "2025", "--format", "odt"], "định dạng “odt” không có"),
        (["--scope", "TBT", "--period", "2025", "--as", "nobody"], "không có người dùng"),
        (["--scope", "TBT", "--period", "2025", "--as", "alice"], "alice không được lập"),
    ],
)
def test_the_command_line_names_what_is_wrong(world, tmp_path, capsys, args, message):
    out = tmp_path / "bc.docx"
    assert main(["report", *args, "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    ("soffice", "reason"),
    [
        (None, "chưa cài LibreOffice"),
        ("echo 'Error: source file could not be loaded' >&2; exit 1", "could not be loaded"),
    ],
    ids=["without LibreOffice", "LibreOffice fails"],
)
def test_the_command_line_says_why_there_is_no_pdf(
    world, tmp_path, capsys, monkeypatch, soffice, reason
):
    """The project's own conversion runs, with a PATH that lacks `soffice` or holds one that
    fails."""
    if soffice is None:
        monkeypatch.setenv("PATH", str(tmp_path))
    else:
        fake_soffice(tmp_path, monkeypatch, soffice)
    out = tmp_path / "bc.pdf"
    args = ["report", "--scope", "TBT", "--period", "2025", "--format", "pdf"]
    assert main([*args, "--out", str(out)]) == 2
    assert reason in capsys.readouterr().err
    assert not Path(out).exists()
