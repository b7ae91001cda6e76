"""Attachments in the API: upload a file to a patrol or an incident (multipart), list them with
their owner, download one, re-file or remove one kept by mistake, to users in the owner's scope
only."""

from typing import Any
from uuid import UUID

from django.http import FileResponse
from ninja import File, Form, Router, Schema, Status, UploadedFile
from pydantic import ConfigDict

from biengioi.core import files
from biengioi.core.api import AuthedRequest, StoredFileOut, perm
from biengioi.core.idempotency import created

from . import selectors, services
from .models import Attachment, AttachmentKind

router = Router(tags=["attachments"])


class AttachmentOut(StoredFileOut):
    patrol_id: int | None
    incident_id: int | None
    inspection_id: int | None
    kind: AttachmentKind

    @staticmethod
    def resolve_url(obj: Attachment) -> str:
        return f"/api/v1/attachments/{obj.pk}"


class AttachmentRefile(Schema):
    kind: AttachmentKind

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"kind": "document"}]}
    )


def _upload(
    request: AuthedRequest, owner: dict[str, Any], kind: str | None, note: str, id: Any, file: Any
) -> Status:
    return created(
        request,
        Attachment,
        lambda: services.attachment_add(
            actor=request.auth, file=file, kind=kind, note=note, client_id=id, **owner
        ),
    )


@router.post(
    "/patrols/{int:patrol_id}/attachments",
    response={201: AttachmentOut, 200: AttachmentOut},
    **perm("operations.record"),
)
def upload_to_patrol(
    request: AuthedRequest,
    patrol_id: int,
    file: File[UploadedFile],
    kind: Form[AttachmentKind | None] = None,
    note: Form[str] = "",
    id: Form[UUID | None] = None,  # noqa: A002 (the client-made id, as in every create)
    inspection_id: Form[int | None] = None,
) -> Status:
    """The signed patrol record (PDF, JPEG, PNG, DOCX) or a photo, of the patrol or of one
    marker inspected on it (`inspection_id`); the type is checked by the content, the size
    against the limit. Without `kind`, a picture is filed as a photo, any other file as the
    patrol record."""
    owner = {"patrol_id": patrol_id, "inspection_id": inspection_id}
    return _upload(request, owner, kind, note, id, file)


@router.post(
    "/incidents/{int:incident_id}/attachments",
    response={201: AttachmentOut, 200: AttachmentOut},
    **perm("operations.record"),
)
def upload_to_incident(
    request: AuthedRequest,
    incident_id: int,
    file: File[UploadedFile],
    kind: Form[AttachmentKind | None] = None,
    note: Form[str] = "",
    id: Form[UUID | None] = None,  # noqa: A002
) -> Status:
    """A photo, a letter or a record of the incident's handling (an incident holds no patrol
    record). Without `kind`, a picture is filed as a photo, any other file as a document."""
    return _upload(request, {"incident_id": incident_id}, kind, note, id, file)


@router.get(
    "/patrols/{int:patrol_id}/attachments",
    response=list[AttachmentOut],
    **perm("operations.view"),
)
def patrol_attachments(request: AuthedRequest, patrol_id: int) -> Any:
    patrol = selectors.patrol_get(actor=request.auth, patrol_id=patrol_id)
    return selectors.attachments(actor=request.auth, owner=patrol)


@router.get(
    "/incidents/{int:incident_id}/attachments",
    response=list[AttachmentOut],
    **perm("operations.view"),
)
def incident_attachments(request: AuthedRequest, incident_id: int) -> Any:
    incident = selectors.incident_get(actor=request.auth, incident_id=incident_id)
    return selectors.attachments(actor=request.auth, owner=incident)


@router.get("/attachments/{int:attachment_id}", **perm("operations.view"))
def download(request: AuthedRequest, attachment_id: int) -> FileResponse:
    """The file itself, as it was uploaded."""
    attachment = selectors.attachment_get(actor=request.auth, attachment_id=attachment_id)
    return serve(attachment)


@router.patch(
    "/attachments/{int:attachment_id}", response=AttachmentOut, **perm("operations.record")
)
def refile(request: AuthedRequest, attachment_id: int, payload: AttachmentRefile) -> Attachment:
    """File an attachment under another kind its owner holds (by whoever may change the
    owner)."""
    return services.attachment_refile(
        actor=request.auth, attachment_id=attachment_id, kind=payload.kind
    )


@router.delete(
    "/attachments/{int:attachment_id}", response={204: None}, **perm("operations.record")
)
def remove(request: AuthedRequest, attachment_id: int) -> Status:
    """Remove a file kept by mistake (by whoever may change the owner): gone from lists and
    downloads, its bytes kept for the record."""
    services.attachment_remove(actor=request.auth, attachment_id=attachment_id)
    return Status(204, None)


def serve(attachment: Attachment) -> FileResponse:
    """The file with the type found in its content; images and PDFs shown, others saved."""
    return files.serve(
        storage_name=attachment.storage_name,
        name=attachment.name,
        content_type=attachment.content_type,
    )
