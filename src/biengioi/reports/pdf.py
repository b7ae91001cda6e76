"""The report's PDF, converted from its DOCX by LibreOffice where the server has it.

LibreOffice (`soffice --headless --convert-to pdf`) draws the DOCX as Word would: the same
tables, rules and PAGE fields, and Times New Roman drawn with Liberation Serif (same metrics, full
Vietnamese) where Microsoft's fonts are not installed, embedded in the PDF. Each conversion runs
in a temporary folder with a LibreOffice profile of its own, so two conversions at once do not
fight over the user's profile lock, and is stopped after `timeout` seconds. Without LibreOffice,
or when it fails, `PdfUnavailable` says so in Vietnamese; the DOCX is still there to print.
Packages: libreoffice-writer-nogui and fonts-liberation (Debian/Ubuntu).
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

TIMEOUT = 120  # seconds; a first start creates the profile, a report converts in a few seconds


class PdfUnavailable(Exception):
    """No PDF could be made; `message` tells the user why, in their language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def to_pdf(docx: bytes, *, timeout: float = TIMEOUT) -> bytes:
    """The PDF of a DOCX, through LibreOffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise PdfUnavailable(
            _(
                "Không tạo được tệp PDF: máy chủ chưa cài LibreOffice (lệnh soffice). "
                "Hãy tải tệp DOCX, hoặc nhờ quản trị cài gói libreoffice-writer-nogui."
            )
        )
    with tempfile.TemporaryDirectory(prefix="biengioi-pdf-") as folder:
        work = Path(folder)
        source = work / "baocao.docx"
        source.write_bytes(docx)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work),
            str(source),
        ]
        env = {**os.environ, "HOME": str(work)}
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
