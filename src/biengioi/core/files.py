"""Files users upload (a signed patrol record, the minutes of talks, a conclusion notice, photos),
kept outside the database: the apps keep the rows that name them (`operations.Attachment`,
`coordination.Document`), this module keeps the bytes.

A file is taken only if its content is what its name claims (a ".pdf" must start as a PDF does,
a ".jpg" as a JPEG ...), only of the few types the work needs, and only up to
settings.ATTACHMENT_MAX_BYTES. Its bytes are copied into a temporary file under
settings.ATTACHMENTS_DIR (hashed on the way), then moved to a name of our own (never the
uploader's) before the row that points at them is committed; the temporary file never outlives
the request, and a file whose row was not written is removed.
"""

import hashlib
import os
import tempfile
import uuid
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.formats import number_format

from .errors import Code, DomainError
from .text import clean_text

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# the extensions taken, and the type their content must have
TYPES = {"pdf": PDF, "jpg": JPEG, "jpeg": JPEG, "png": PNG, "docx": DOCX}
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Upload:
    """A file taken: its temporary copy, the name the uploader gave it, and what we found."""

    path: Path
    name: str
    extension: str
    content_type: str
    size: int
    sha256: str


def sniff(path: Path) -> str | None:
    """The type of a file found from its first bytes (and, for DOCX, its zip directory)."""
    with path.open("rb") as f:
        head = f.read(16)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError):
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DOCX
    return None


def _megabytes(size: int) -> str:
    return number_format(size / (1024 * 1024), decimal_pos=1)


def _too_large() -> DomainError:
    return DomainError(
        Code.FILE_TOO_LARGE, field="file", limit=_megabytes(settings.ATTACHMENT_MAX_BYTES)
    )


def _copy(stream: IO[bytes] | Any) -> tuple[Path, int, str]:
    """Copy the upload into a temporary file in the attachments folder; its path, size, hash."""
    folder = Path(settings.ATTACHMENTS_DIR)
    (folder / "tmp").mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    handle, name = tempfile.mkstemp(dir=folder / "tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            chunks = (
                stream.chunks(CHUNK)
                if hasattr(stream, "chunks")
                else iter(lambda: stream.read(CHUNK), b"")
            )
            for chunk in chunks:
                size += len(chunk)
                if size > settings.ATTACHMENT_MAX_BYTES:
                    raise _too_large()
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        os.unlink(name)
        raise
    return Path(name), size, digest.hexdigest()


def receive(file: Any, *, image: bool = False) -> Upload:
    """Take an upload into a temporary file, or refuse it naming the field "file": missing or
    empty, of a type not taken, over the limit, content not what its name claims, or (`image`)
    not a picture. Nothing is left behind when it is refused; once taken, the caller moves it
    with `keep` or drops it with `discard` (`received` does the dropping)."""
    if file is None:
        raise DomainError(Code.REQUIRED, field="file")
    name = clean_text(
        os.path.basename(getattr(file, "name", "") or ""), field="file", max_length=200
    )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    claimed = TYPES.get(extension)
    if claimed is None:
        raise DomainError(Code.FILE_TYPE_NOT_ALLOWED, field="file", name=name or "—")
    if getattr(file, "size", 0) and file.size > settings.ATTACHMENT_MAX_BYTES:
        raise _too_large()
    temporary, size, sha256 = _copy(file)
    try:
        if size == 0:
            raise DomainError(Code.REQUIRED, field="file")
        if sniff(temporary) != claimed:
            raise DomainError(
                Code.FILE_NOT_WHAT_IT_CLAIMS, field="file", name=name, claimed=extension.upper()
            )
        if image and not claimed.startswith("image/"):
            raise DomainError(Code.PHOTO_NOT_IMAGE, field="file")
    except BaseException:
        discard(temporary)
        raise
    return Upload(temporary, name, extension, claimed, size, sha256)


@contextmanager
def received(file: Any, *, image: bool = False) -> Iterator[Upload]:
    """`receive` for the length of a block: the temporary copy is gone when the block ends,
    whether the block moved it (`keep`, `stored`) or failed."""
    upload = receive(file, image=image)
    try:
        yield upload
    finally:
        discard(upload.path)


def keep(upload: Upload) -> str:
    """Move the temporary copy under a name of our own (a retried upload's twin gets another
    one); its storage name."""
    own = uuid.uuid4().hex
    storage_name = f"{own[:2]}/{own}.{upload.extension}"
    final = path_of(storage_name)
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(upload.path, final)
    return storage_name


@contextmanager
def stored(upload: Upload) -> Iterator[str]:
    """`keep` around the block that writes the row naming the file: if the block fails (the
    row was not written), the file is removed, so no file outlives a write that did not
    happen."""
    storage_name = keep(upload)
    try:
        yield storage_name
    except BaseException:
        remove(storage_name)
        raise


def path_of(storage_name: str) -> Path:
    return Path(settings.ATTACHMENTS_DIR) / storage_name


def discard(path: Path | None) -> None:
    if path is not None and path.exists():
        path.unlink()


def remove(storage_name: str) -> None:
    """Remove a kept file (one whose row was not written, or was deleted); gone already is
    fine."""
    discard(path_of(storage_name))


def serve(*, storage_name: str, name: str, content_type: str) -> FileResponse:
    """The file with the type found in its content; images and PDFs shown, others saved."""
    inline = content_type.startswith("image/") or content_type == PDF
    path = path_of(storage_name)
    if not path.is_file():  # removed from the folder by hand: say so, do not fail with a 500
        raise Http404(storage_name)
    response = FileResponse(
        path.open("rb"), content_type=content_type, as_attachment=not inline, filename=name
    )
    response["Cache-Control"] = "private, no-store"
    return response
