"""The PDF made by LibreOffice from the report's DOCX: its text, its page numbers, its fonts;
and the clear error when LibreOffice is missing or fails."""

import csv
import io
import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from biengioi.reports import annex, document
from biengioi.reports import pdf as pdf_module
from biengioi.reports.pdf import PdfUnavailable, to_pdf
from tests.conftest import require_tool

from .samples import DIACRITICS, sample_report
from .test_annex import PATROLS

needs_soffice = pytest.mark.needs("soffice")
needs_poppler = pytest.mark.needs("pdftotext", "pdfinfo", "pdffonts")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    require_tool("soffice")
    path = tmp_path_factory.mktemp("pdf") / "baocao.pdf"
    path.write_bytes(to_pdf(document.render_docx(sample_report())))
    return path


def page_text(path, page=None):
    pages = ["-f", str(page), "-l", str(page)] if page else []
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return unicodedata.normalize("NFC", done.stdout.decode("utf-8"))


def docx_text_by_libreoffice(tmp_path):
    """The fallback reader: LibreOffice's own text export of the DOCX."""
    source = tmp_path / "baocao.docx"
    source.write_bytes(document.render_docx(sample_report()))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return unicodedata.normalize("NFC", (tmp_path / "baocao.txt").read_text("utf-8-sig"))


@needs_soffice
def test_the_pdf_holds_the_vietnamese_text_and_the_figures(pdf, tmp_path):
    assert pdf.read_bytes().startswith(b"%PDF")
    text = page_text(pdf) if shutil.which("pdftotext") else docx_text_by_libreoffice(tmp_path)
    text = " ".join(text.split())  # lines wrap where the page ends them
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/BC-BCĐ",
        "Biên Thùy, ngày 05 tháng 01 năm 2026",
        "I. ĐẶC ĐIỂM TÌNH HÌNH",
        DIACRITICS,
        "1.449,566 km",
        "21.790",
        "1.647",
        "Nơi nhận:",
        "- Lưu: VT, BCĐ.",
        "Nguyễn Văn Hưng",
        "Phụ lục I",
    ):
        assert expected in text, expected


@needs_soffice
@needs_poppler
def test_a_multi_page_report_is_numbered_from_page_two_and_each_appendix_from_one(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True)
    pages = int(next(li for li in info.stdout.splitlines() if li.startswith("Pages:")).split()[1])
    first_lines = [page_text(pdf, n).strip().splitlines()[0].strip() for n in range(1, pages + 1)]
    appendix = next(n for n in range(1, pages + 1) if "Phụ lục I\n" in page_text(pdf, n))
    assert appendix >= 4  # the report itself runs to several pages
    assert first_lines[0].startswith("UBND TỈNH BIÊN THÙY")  # no number on page 1
    assert first_lines[1 : appendix - 1] == [str(n) for n in range(2, appendix)]
    assert first_lines[appendix - 1] == "Phụ lục I"  # an appendix's first page has none either


def embedded_families(path):
    """The families pdffonts lists, subset prefix and style removed: "LiberationSerif"."""
    done = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    rows = [line.split() for line in done.stdout.splitlines()[2:]]
    assert rows and all("yes" in row[-5:-2] for row in rows)  # every font embedded
    return {row[0].split("+")[-1].split("-")[0].split(",")[0] for row in rows}


@needs_soffice
@needs_poppler
def test_one_serif_family_is_embedded_times_new_roman_or_its_metric_twin(pdf):
    families = embedded_families(pdf)
    assert len(families) == 1 and families <= {"LiberationSerif", "TimesNewRoman"}, families


@needs_soffice
def test_libreoffice_reads_the_annex_figures_as_numbers(tmp_path):
    source = tmp_path / "phuluc.xlsx"
    source.write_bytes(annex.render_annex([PATROLS]))
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
    rows = list(csv.reader(io.StringIO((tmp_path / "phuluc.csv").read_text("utf-8"))))
    assert rows[0][0] == "Phụ lục I"
    assert rows[5][:3] == ["Tuần tra đơn phương", "81", "21,790"]  # formatted "#,##0"
    assert rows[5][4] == "6.6%"


def test_without_libreoffice_to_pdf_says_so_in_vietnamese(monkeypatch):
    monkeypatch.setenv("PATH", "")
    with pytest.raises(PdfUnavailable) as raised:
        to_pdf(b"PK")
    assert "chưa cài LibreOffice" in raised.value.message
    assert str(raised.value) == raised.value.message


def fake_soffice(tmp_path, monkeypatch, script):
    """A PATH holding only an `soffice` running `script` (and fontconfig's `fc-list`, which the
    font check before the conversion reads)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "soffice"
    program.write_text(f"#!/bin/sh\n{script}\n")
    program.chmod(0o755)
    if fc_list := shutil.which("fc-list"):
        (folder / "fc-list").symlink_to(fc_list)
    monkeypatch.setenv("PATH", str(folder))


def test_a_failing_libreoffice_is_reported_with_its_reason(tmp_path, monkeypatch):
    fake_soffice(tmp_path, monkeypatch, "echo 'Error: source file could not be loaded' >&2; exit 1")
    with pytest.raises(PdfUnavailable) as raised:
        to_pdf(b"PK")
    assert "không chuyển được văn bản sang PDF" in raised.value.message
    assert "source file could not be loaded" in raised.value.message


def test_a_libreoffice_that_writes_nothing_is_a_failure_too(tmp_path, monkeypatch):
    fake_soffice(tmp_path, monkeypatch, "exit 0")
    with pytest.raises(PdfUnavailable) as raised:
        to_pdf(b"PK")
    assert "mã lỗi 0" in raised.value.message


def test_a_stuck_libreoffice_is_stopped_after_the_timeout(tmp_path, monkeypatch):
    fake_soffice(tmp_path, monkeypatch, f"exec {shutil.which('sleep')} 30")
    with pytest.raises(PdfUnavailable) as raised:
        to_pdf(b"PK", timeout=1)
    assert "sau 1 giây" in raised.value.message


# ------------------------------------------------------------------ the font's Vietnamese letters

OLD = Path("/usr/share/fonts/truetype/liberation")  # fonts-liberation 1.07: no "ổ", "ợ"
NEW = Path("/usr/share/fonts/truetype/liberation2")  # fonts-liberation2 2.x: Vietnamese


def fontconfig(tmp_path, monkeypatch, *folders):
    """A fontconfig configuration seeing only the Liberation Serif files of `folders` (none: no
    font at all), set for this test's processes as FONTCONFIG_FILE."""
    dirs = []
    for n, folder in enumerate(folders):
        found = sorted(folder.glob("LiberationSerif-*.ttf"))
        assert found, f"{folder} has no Liberation Serif: install {folder.name} fonts"
        linked = tmp_path / f"fonts{n}"
        linked.mkdir()
        for file in found:
            (linked / file.name).symlink_to(file)
        dirs.append(f"<dir>{linked}</dir>")
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f"<?xml version='1.0'?><fontconfig>{''.join(dirs)}"
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))


def test_the_text_of_a_docx_is_every_character_it_prints():
    characters = pdf_module.text_characters(document.render_docx(sample_report()))
    assert set("ổợĐđ05/") <= characters and " " not in characters and "\n" not in characters
    assert pdf_module.text_characters(b"PK") == set()  # not a DOCX: LibreOffice will say so


@pytest.mark.needs("fc-list")
def test_a_server_with_both_liberation_versions_hides_the_old_one_from_libreoffice(
    tmp_path, monkeypatch
):
    fontconfig(tmp_path, monkeypatch, OLD, NEW)
    choice = pdf_module.covering_faces(set("Tổng số đợt"), fc_list=shutil.which("fc-list"))
    assert choice.family == "Liberation Serif"
    assert {Path(f.file).name for f in choice.kept} == {
        "LiberationSerif-Regular.ttf",
        "LiberationSerif-Bold.ttf",
        "LiberationSerif-Italic.ttf",
        "LiberationSerif-BoldItalic.ttf",
    }
    assert all(f.version >= 0x20000 for f in choice.kept)  # 2.x
    assert len(choice.hidden) == 4 and all(f.version < 0x20000 for f in choice.hidden)
    (tmp_path / "soffice").mkdir()
    conf = pdf_module.fontconfig_file(tmp_path / "soffice", choice.hidden).read_text()
    assert f'<include ignore_missing="yes">{tmp_path / "fonts.conf"}</include>' in conf
    seen = subprocess.run(
        ["fc-list", "-f", "%{file}\\n", ":family=Liberation Serif"],
        env={**os.environ, "FONTCONFIG_FILE": str(tmp_path / "soffice" / "fonts.conf")},
        capture_output=True,
        check=True,
        text=True,
    ).stdout.split()
    assert sorted(seen) == sorted(f.file for f in choice.kept)  # what LibreOffice can find
    assert all(f"<glob>{f.file}</glob>" in conf for f in choice.hidden)
    # a text of plain letters needs no face hidden
    plain = pdf_module.covering_faces(set("Tong so"), fc_list=shutil.which("fc-list"))
    assert not plain.hidden


@pytest.mark.needs("fc-list")
def test_only_the_old_liberation_refuses_naming_the_letters_and_the_package(tmp_path, monkeypatch):
    fontconfig(tmp_path, monkeypatch, OLD)
    with pytest.raises(PdfUnavailable) as raised:
        pdf_module.covering_faces(set("Tổng số đợt"), fc_list=shutil.which("fc-list"))
    message = raised.value.message
    assert "thiếu chữ tiếng Việt “ố”, “ổ”, “ợ” (" in message and "fonts-liberation2" in message


@pytest.mark.needs("fc-list")
def test_no_font_at_all_refuses_naming_the_package(tmp_path, monkeypatch):
    fontconfig(tmp_path, monkeypatch)
    with pytest.raises(PdfUnavailable) as raised:
        to_pdf(document.render_docx(sample_report()))
    assert "chưa có phông chữ Liberation Serif" in raised.value.message
    assert "fonts-liberation2" in raised.value.message


@pytest.mark.needs("fc-list")
def test_a_character_no_face_has_is_named_for_the_writer_to_change(tmp_path, monkeypatch):
    fontconfig(tmp_path, monkeypatch, NEW)
    with pytest.raises(PdfUnavailable) as raised:
        pdf_module.covering_faces(set("Tổng ☎"), fc_list=shutil.which("fc-list"))
    assert "văn bản có ký tự “☎”" in raised.value.message
    assert "fonts-liberation2" not in raised.value.message  # installing it would not help


@needs_soffice
@needs_poppler
def test_with_both_versions_installed_the_pdf_has_one_family_and_whole_words(tmp_path, monkeypatch):
    fontconfig(tmp_path, monkeypatch, OLD, NEW)
    path = tmp_path / "baocao.pdf"
    path.write_bytes(to_pdf(document.render_docx(sample_report())))
    assert embedded_families(path) == {"LiberationSerif"}
    text = " ".join(page_text(path).split())
    assert DIACRITICS in text and "Tổ chức 81 đợt tuần tra đơn phương." in text
