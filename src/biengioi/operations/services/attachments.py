"""Files kept with patrols and incidents: the signed patrol record, photos, letters.

A file is taken only if its content is what its name claims (a ".pdf" must start as a PDF does,
a ".jpg" as a JPEG ...), only of the few types the work needs, and only up to
settings.ATTACHMENT_MAX_BYTES. Its bytes go to settings.ATTACHMENTS_DIR under a name of our own
(never the uploader's), written whole before the row that points at them is committed.
"""

import hashlib
import os
import tempfile
import uuid
import zipfile
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.formats import number_format

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.checks import choice, replay
from biengioi.core.errors import Code, DomainError
from biengioi.core.scope import get_scoped_or_404
from biengioi.core.text import clean_text

from ..models import Attachment, AttachmentKind, Incident, MarkerInspection, Patrol

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# the extensions taken, and the type their content must have
TYPES = {"pdf": PDF, "jpg": JPEG, "jpeg": JPEG, "png": PNG, "docx": DOCX}
CHUNK = 64 * 1024


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


def _store(stream: IO[bytes] | Any) -> tuple[Path, int, str]:
    """Copy the upload into a temporary file in the attachments folder; its path, size, hash."""
    folder = Path(settings.ATTACHMENTS_DIR)
    (folder / "tmp").mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    handle, name = tempfile.mkstemp(dir=folder / "tmp")
    with os.fdopen(handle, "wb") as out:
        chunks = (
            stream.chunks(CHUNK)
            if hasattr(stream, "chunks")
            else iter(lambda: stream.read(CHUNK), b"")
        )
        for chunk in chunks:
            size += len(chunk)
            if size > settings.ATTACHMENT_MAX_BYTES:
                out.close()
                os.unlink(name)
                raise DomainError(
                    Code.FILE_TOO_LARGE,
                    field="file",
                    limit=_megabytes(settings.ATTACHMENT_MAX_BYTES),
                )
            digest.update(chunk)
            out.write(chunk)
    return Path(name), size, digest.hexdigest()


def attachment_add(
    *,
    actor: Any,
    file: Any,
    kind: str,
    patrol_id: int | None = None,
    incident_id: int | None = None,
    inspection_id: int | None = None,
    note: str = "",
    client_id: uuid.UUID | None = None,
) -> tuple[Attachment, bool]:
    """Keep a file with a patrol or an incident of the actor's scope, or with one marker
    inspected on the patrol (`inspection_id`). Returns the attachment and whether it was made
    now (the same `client_id` sent again returns the first one)."""
    access.require(actor, "operations.record")
    if (patrol_id is None) == (incident_id is None):
        raise TypeError("attachment_add: give a patrol_id or an incident_id")
    if (
        client_id is not None
        and (earlier := replay(Attachment, actor, client_id, owner="uploaded_by")) is not None
    ):
        return earlier, False
    owner: Patrol | Incident
    if patrol_id is not None:
        owner = get_scoped_or_404(actor, Patrol.objects.select_related("unit"), pk=patrol_id)
    else:
        owner = get_scoped_or_404(actor, Incident.objects.select_related("unit"), pk=incident_id)
    inspection = None
    if inspection_id not in (None, ""):
        inspection = (
            MarkerInspection.objects.filter(pk=inspection_id, patrol_id=patrol_id).first()
            if patrol_id is not None
            else None
        )
        if inspection is None:
            raise DomainError(Code.INSPECTION_OTHER_PATROL, field="inspection_id")
    kind = choice(kind, AttachmentKind, "kind")
    note = clean_text(note or "", field="note", max_length=500)
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
        raise DomainError(
            Code.FILE_TOO_LARGE, field="file", limit=_megabytes(settings.ATTACHMENT_MAX_BYTES)
        )
    temporary, size, sha256 = _store(file)
    final: Path | None = None
    try:
        if size == 0:
            raise DomainError(Code.REQUIRED, field="file")
        if sniff(temporary) != claimed:
            raise DomainError(
                Code.FILE_NOT_WHAT_IT_CLAIMS, field="file", name=name, claimed=extension.upper()
            )
        if kind == AttachmentKind.PHOTO and not claimed.startswith("image/"):
            raise DomainError(Code.PHOTO_NOT_IMAGE, field="file")
        made = uuid.uuid4() if client_id is None else client_id
        own = uuid.uuid4().hex  # a name of our own, even for a retried upload's twin
        storage_name = f"{own[:2]}/{own}.{extension}"
        final = Path(settings.ATTACHMENTS_DIR) / storage_name
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temporary, final)
        with transaction.atomic():
            attachment = Attachment.objects.create(
                uuid=made,
                unit=owner.unit,
                patrol=owner if isinstance(owner, Patrol) else None,
                incident=owner if isinstance(owner, Incident) else None,
                inspection=inspection,
                kind=kind,
                name=name,
                content_type=claimed,
                size=size,
                sha256=sha256,
                storage_name=storage_name,
                note=note,
                uploaded_by=actor,
            )
            audit.record(
                actor,
                "attachment.create",
                attachment,
                scope_path=owner.unit.path,
                after=audit.snapshot(
                    attachment,
                    [
                        "uuid",
                        "patrol",
                        "incident",
                        "inspection",
                        "kind",
                        "name",
                        "content_type",
                        "size",
                        "sha256",
                    ],
                ),
            )
    except IntegrityError:
        _remove(final)
        if (
            client_id is not None
            and (earlier := replay(Attachment, actor, client_id, owner="uploaded_by")) is not None
        ):
            return earlier, False
        raise
    except BaseException:
        _remove(final)
        raise
    finally:
        _remove(temporary)
    return attachment, True


def _remove(path: Path | None) -> None:
    if path is not None and path.exists():
        path.unlink()


def attachment_path(attachment: Attachment) -> Path:
    return Path(settings.ATTACHMENTS_DIR) / attachment.storage_name
