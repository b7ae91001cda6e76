"""Files kept with coordination work in the API: upload one (multipart) to a submission, talks, a
conference or a progress update of a task, list an owner's files, download or remove one; each
to the users who read (or may change) the owner only.

An upload takes a client-made `id` (UUID) or an Idempotency-Key header: sent again, it keeps the
file once.
"""

from typing import Any
from uuid import UUID

from django.http import FileResponse
from ninja import File, Form, Router, Status, UploadedFile

from biengioi.core import files
from biengioi.core.api import AuthedRequest, StoredFileOut, perm
from biengioi.core.idempotency import created

from . import conferences_selectors, regulations_selectors, services, talks_selectors
from . import documents_selectors as selectors
from .models import Document, DocumentKind

router = Router(tags=["documents"])
VIEW, RECORD = "coordination.view", "coordination.record"


class DocumentOut(StoredFileOut):
    submission_id: int | None
    talks_id: int | None
    conference_id: int | None
    progress_id: int | None
    kind: DocumentKind

    @staticmethod
    def resolve_url(obj: Document) -> str:
        return f"/api/v1/documents/{obj.pk}"


def _upload(
    request: AuthedRequest, owner: dict[str, int], kind: str, note: str, id: Any, file: Any
) -> Status:
    return created(
        request,
        Document,
        lambda: services.document_add(
            actor=request.auth, file=file, kind=kind, note=note, client_id=id, **owner
        ),
    )


UPLOAD = {"response": {201: DocumentOut, 200: DocumentOut}, **perm(RECORD)}
LIST = {"response": list[DocumentOut], **perm(VIEW)}


@router.post("/submissions/{int:submission_id}/documents", **UPLOAD)
def upload_to_submission(
    request: AuthedRequest,
    submission_id: int,
    kind: Form[DocumentKind],
    file: File[UploadedFile],
    note: Form[str] = "",
    id: Form[UUID | None] = None,  # noqa: A002 (the client-made id, as in every create)
) -> Status:
    """The report file the unit sent (PDF, JPEG, PNG, DOCX), or another document or a photo
    (kinds `report`, `document`, `photo`); by the owing unit's scope. The type is checked by the
    content, the size against the limit."""
    return _upload(request, {"submission_id": submission_id}, kind, note, id, file)


@router.post("/talks/{int:talks_id}/documents", **UPLOAD)
def upload_to_talks(
    request: AuthedRequest,
    talks_id: int,
    kind: Form[DocumentKind],
    file: File[UploadedFile],
    note: Form[str] = "",
    id: Form[UUID | None] = None,  # noqa: A002
) -> Status:
    """The minutes signed by both sides, the plan, another document or a photo of the talks
    (kinds `minutes`, `plan`, `document`, `photo`)."""
    return _upload(request, {"talks_id": talks_id}, kind, note, id, file)


@router.post("/conferences/{int:conference_id}/documents", **UPLOAD)
def upload_to_conference(
    request: AuthedRequest,
    conference_id: int,
    kind: Form[DocumentKind],
    file: File[UploadedFile],
    note: Form[str] = "",
    id: Form[UUID | None] = None,  # noqa: A002
) -> Status:
    """The plan, the signed conclusion notice, a report presented, another document or a photo
    of the conference (kinds `plan`, `conclusion`, `report`, `document`, `photo`)."""
    return _upload(request, {"conference_id": conference_id}, kind, note, id, file)


@router.post("/tasks/progress/{int:progress_id}/documents", **UPLOAD)
def upload_to_progress(
    request: AuthedRequest,
    progress_id: int,
    kind: Form[DocumentKind],
    file: File[UploadedFile],
    note: Form[str] = "",
    id: Form[UUID | None] = None,  # noqa: A002
) -> Status:
    """Evidence of a progress update of a task (kinds `evidence`, `report`, `minutes`,
    `document`, `photo`); by the scope of the unit carrying out the task."""
    return _upload(request, {"progress_id": progress_id}, kind, note, id, file)


@router.get("/submissions/{int:submission_id}/documents", **LIST)
def submission_documents(request: AuthedRequest, submission_id: int) -> Any:
    submission = regulations_selectors.submission_get(
        actor=request.auth, submission_id=submission_id
    )
    return selectors.documents_of(submission)


@router.get("/talks/{int:talks_id}/documents", **LIST)
def talks_documents(request: AuthedRequest, talks_id: int) -> Any:
    talks = talks_selectors.talks_get(actor=request.auth, talks_id=talks_id)
    return selectors.documents_of(talks)


@router.get("/conferences/{int:conference_id}/documents", **LIST)
def conference_documents(request: AuthedRequest, conference_id: int) -> Any:
    conference = conferences_selectors.conference_get(
        actor=request.auth, conference_id=conference_id
    )
    return selectors.documents_of(conference)


@router.get("/tasks/progress/{int:progress_id}/documents", **LIST)
def progress_documents(request: AuthedRequest, progress_id: int) -> Any:
    progress = selectors.progress_get(actor=request.auth, progress_id=progress_id)
    return selectors.documents_of(progress)


@router.get("/documents/{int:document_id}", **perm(VIEW))
def download(request: AuthedRequest, document_id: int) -> FileResponse:
    """The file itself, as it was uploaded."""
    return serve(selectors.document_get(actor=request.auth, document_id=document_id))


@router.delete("/documents/{int:document_id}", response={204: None}, **perm(RECORD))
def remove(request: AuthedRequest, document_id: int) -> Status:
    """Remove a file kept by mistake; by the scope that may change its owner."""
    services.document_remove(actor=request.auth, document_id=document_id)
    return Status(204, None)


def serve(document: Document) -> FileResponse:
    return files.serve(
        storage_name=document.storage_name, name=document.name, content_type=document.content_type
    )
