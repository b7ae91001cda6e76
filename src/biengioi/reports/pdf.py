"""The report's PDF, converted from its DOCX by LibreOffice where the server has it.

LibreOffice (`soffice --headless --convert-to pdf`) draws the DOCX as Word would: the same
tables, rules and PAGE fields. The DOCX names Times New Roman, as Word users expect; where
Microsoft's font is not installed LibreOffice draws it with its metric twin, Liberation Serif,
and embeds it in the PDF. Only Liberation Serif 2.x (Debian's `fonts-liberation2`) has the
Vietnamese letters: 1.07 (`fonts-liberation`) lacks "ổ", "ợ", "ử" ..., which LibreOffice then
takes from another font inside the same word, so the page mixes two families and the PDF's
text splits ("t ổng số", "đ ợt"). A server often has both packages installed, so before
converting `covering_faces` reads, through fontconfig (`fc-list`), every face of the family and
the characters it holds; each style (regular, bold, italic, bold italic) needs a face holding
every character of the document's text, or the conversion is refused with the letters it lacks
and the package to install (`PdfUnavailable`, a 503 for the API) rather than drawing a wrong
one. The faces that lack a letter are hidden from LibreOffice by a fontconfig file of its own
(`FONTCONFIG_FILE`: the server's configuration plus a `rejectfont` per face), so it can only
find the faces that were checked (ADR 0012, the-pdf-font-checked-before-conversion).

Each conversion runs in a temporary folder with a LibreOffice profile of its own, so two
conversions at once do not fight over the user's profile lock, and is stopped after `timeout`
seconds. Without LibreOffice, or when it fails, `PdfUnavailable` says so in Vietnamese; the DOCX
is still there to print. Packages: libreoffice-writer-nogui, fonts-liberation2 and fontconfig
(Debian/Ubuntu).
"""

import bisect
import html
import io
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

TIMEOUT = 120  # seconds; a first start creates the profile, a report converts in a few seconds
FC_TIMEOUT = 60  # seconds; fontconfig's first run on a machine builds its cache
# the family the DOCX names, then the one LibreOffice draws it with when Microsoft's is absent
FAMILIES = ("Times New Roman", "Liberation Serif")
FONT_PACKAGE = "fonts-liberation2"
SYSTEM_FONTCONFIG = "/etc/fonts/fonts.conf"  # included when FONTCONFIG_FILE is not set
SHOWN_MISSING = 12  # the letters a refusal names; more are counted
FC_FORMAT = r"%{file}\t%{weight}\t%{slant}\t%{fontversion}\t%{charset}\n"
FILTERS = {"docx": "pdf:writer_pdf_Export", "xlsx": "pdf:calc_pdf_Export"}

# every letter of the Vietnamese alphabet with every tone, both cases: what a face lacking
# one of them is missing is the Vietnamese font, not an odd character of the text
_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VIETNAMESE = frozenset(
    unicodedata.normalize("NFC", vowel + tone)
    for vowel in _VOWELS + _VOWELS.upper()
    for tone in _TONES
) | frozenset("đĐ")
_TEXT = re.compile(r"<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)</(?:\w+:)?t>")
_FORMAT = re.compile(r'formatCode="([^"]*)"')


class PdfUnavailable(Exception):
    """No PDF could be made; `message` tells the user why, in their language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Face:
    """A font file as fontconfig lists it: its style and the code points it holds."""

    file: str
    bold: bool
    italic: bool
    version: int
    ranges: tuple[tuple[int, int], ...]  # (first, last) code points, in order

    @property
    def style(self) -> tuple[bool, bool]:
        return self.bold, self.italic

    def lacks(self, characters: Iterable[str]) -> set[str]:
        starts = [first for first, _last in self.ranges]
        missing = set()
        for ch in characters:
            at = bisect.bisect_right(starts, ord(ch)) - 1
            if at < 0 or self.ranges[at][1] < ord(ch):
                missing.add(ch)
        return missing


def text_characters(document: bytes) -> set[str]:
    """Every character a DOCX or XLSX prints: the text runs of its parts (body, headers,
    footers; shared strings) and its number formats, without spaces and control characters.
    Not an Office file: nothing (LibreOffice will say what is wrong with it)."""
    found: set[str] = set()
    try:
        with zipfile.ZipFile(io.BytesIO(document)) as archive:
            for name in archive.namelist():
                if not name.endswith(".xml"):
                    continue
                xml = archive.read(name).decode("utf-8", "replace")
                for text in (*_TEXT.findall(xml), *_FORMAT.findall(xml)):
                    found.update(unicodedata.normalize("NFC", html.unescape(text)))
    except (zipfile.BadZipFile, KeyError, OSError):
        return set()
    return {ch for ch in found if unicodedata.category(ch)[0] not in "CZ"}


def _ranges(charset: str) -> tuple[tuple[int, int], ...]:
    """fontconfig's "20-7e a0-36f 1ea0-1ef9" as ((0x20, 0x7e), (0xa0, 0x36f), ...)."""
    out = []
    for part in charset.split():
        first, _dash, last = part.partition("-")
        out.append((int(first, 16), int(last or first, 16)))
    return tuple(sorted(out))


def faces(family: str, *, fc_list: str) -> list[Face]:
    """The faces fontconfig lists under `family` (its own name, no alias followed)."""
    command = [fc_list, "-f", FC_FORMAT, f":family={family}"]
    try:
        done = subprocess.run(  # noqa: S603 - a fixed command, the family is ours
            command, capture_output=True, timeout=FC_TIMEOUT, check=False
        )
    except (subprocess.TimeoutExpired, OSError) as error:
        raise PdfUnavailable(
            _("Không đọc được danh sách phông chữ của máy chủ ({reason}).").format(reason=error)
        ) from error
    out = []
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        parts = line.split("\t")
        if len(parts) != 5 or not parts[0]:
            continue
        file, weight, slant, version, charset = parts
        out.append(
            Face(
                file=file,
                bold=int(weight or 80) >= 180,  # fontconfig: 80 regular, 180 semibold, 200 bold
                italic=int(slant or 0) != 0,
                version=int(version or 0),
                ranges=_ranges(charset),
            )
        )
    return out


@dataclass(frozen=True)
class Choice:
    """The family the conversion draws with, the faces checked and those to hide."""

    family: str
    kept: Sequence[Face]  # a face of every style holding every character
    hidden: Sequence[Face]  # the family's faces lacking one: LibreOffice must not see them


def _shown(characters: set[str]) -> str:
    listed = ", ".join(f"“{ch}”" for ch in sorted(characters)[:SHOWN_MISSING])
    more = len(characters) - SHOWN_MISSING
    return listed + (_(" và {count} ký tự khác").format(count=more) if more > 0 else "")


def covering_faces(characters: set[str], *, fc_list: str) -> Choice:
    """The faces LibreOffice may draw the document with: those of the family it resolves Times
    New Roman to that hold every one of `characters`, at least one of each style the family
    has. `PdfUnavailable` naming what is missing and what to install when a style has none."""
    family, found = FAMILIES[-1], []
    for family in FAMILIES:
        found = faces(family, fc_list=fc_list)
        if found:
            break
    if not found:
        raise PdfUnavailable(
            _(
                "Không tạo được tệp PDF: máy chủ chưa có phông chữ {family}. Hãy tải tệp DOCX, "
                "hoặc nhờ quản trị cài gói {package}."
            ).format(family=FAMILIES[-1], package=FONT_PACKAGE)
        )
    kept: list[Face] = []
    missing: set[str] = set()
    for style in sorted({f.style for f in found}):
        same = [f for f in found if f.style == style]
        holding = [f for f in same if not f.lacks(characters)]
        if holding:
            kept.extend(holding)
        else:  # what the fullest face of this style still lacks
            missing |= min((f.lacks(characters) for f in same), key=len)
    if missing and missing & VIETNAMESE:
        raise PdfUnavailable(
            _(
                "Không tạo được tệp PDF: phông chữ {family} trên máy chủ thiếu chữ tiếng Việt "
                "{letters} (LibreOffice sẽ vẽ các chữ đó bằng phông khác). Hãy tải tệp DOCX, "
                "hoặc nhờ quản trị cài gói {package}."
            ).format(family=family, letters=_shown(missing), package=FONT_PACKAGE)
        )
    if missing:
        raise PdfUnavailable(
            _(
                "Không tạo được tệp PDF: văn bản có ký tự {letters} mà phông chữ {family} không "
                "có. Hãy sửa các ký tự đó trong văn bản, hoặc tải tệp DOCX."
            ).format(family=family, letters=_shown(missing))
        )
    hidden = [f for f in found if f not in kept]
    return Choice(family=family, kept=kept, hidden=hidden)


def fontconfig_file(folder: Path, hidden: Sequence[Face]) -> Path:
    """A fontconfig file for LibreOffice: the server's own configuration, without `hidden`."""
    base = os.environ.get("FONTCONFIG_FILE") or SYSTEM_FONTCONFIG
    rejected = "".join(f"<glob>{escape(f.file)}</glob>" for f in hidden)
    path = folder / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f'<fontconfig><include ignore_missing="yes">{escape(base)}</include>'
        f"<selectfont><rejectfont>{rejected}</rejectfont></selectfont></fontconfig>\n",
        encoding="utf-8",
    )
    return path


def to_pdf(document: bytes, *, timeout: float = TIMEOUT, kind: str = "docx") -> bytes:
    """The PDF of a DOCX (or, `kind="xlsx"`, of a workbook), through LibreOffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise PdfUnavailable(
            _(
                "Không tạo được tệp PDF: máy chủ chưa cài LibreOffice (lệnh soffice). "
                "Hãy tải tệp DOCX, hoặc nhờ quản trị cài gói libreoffice-writer-nogui."
            )
        )
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise PdfUnavailable(
            _(
                "Không tạo được tệp PDF: máy chủ chưa cài fontconfig (lệnh fc-list) để kiểm tra "
                "phông chữ. Hãy tải tệp DOCX, hoặc nhờ quản trị cài gói fontconfig."
            )
        )
    choice = covering_faces(text_characters(document), fc_list=fc_list)
    with tempfile.TemporaryDirectory(prefix="biengioi-pdf-") as folder:
        work = Path(folder)
        source = work / f"baocao.{kind}"
        source.write_bytes(document)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            FILTERS[kind],
            "--outdir",
            str(work),
            str(source),
        ]
        env = {**os.environ, "HOME": str(work)}
        if choice.hidden:
            env["FONTCONFIG_FILE"] = str(fontconfig_file(work, choice.hidden))
        try:
            done = subprocess.run(  # noqa: S603 - a fixed command on our own temporary file
                command, capture_output=True, timeout=timeout, env=env, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise PdfUnavailable(
                _("LibreOffice không chuyển xong văn bản sang PDF sau {seconds} giây.").format(
                    seconds=int(timeout)
                )
            ) from error
        except OSError as error:
            raise PdfUnavailable(
                _("Không chạy được LibreOffice để tạo tệp PDF ({reason}).").format(reason=error)
            ) from error
        target = work / "baocao.pdf"
        if done.returncode != 0 or not target.is_file():
            reason = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
            raise PdfUnavailable(
                _("LibreOffice không chuyển được văn bản sang PDF ({reason}).").format(
                    reason=reason[-300:] or _("mã lỗi {code}").format(code=done.returncode)
                )
            )
        return target.read_bytes()
