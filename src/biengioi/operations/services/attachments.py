"""Files kept with patrols and incidents: the signed patrol record, photos, letters.

The bytes are taken, checked and kept by `core.files` (the types, the size limit, the content
matching the name, a storage name of our own); this module keeps the row that names them, in
the owner's scope.

Each owner holds the kinds of `ATTACHMENT_KINDS` (an incident has no patrol record). A file sent
without a kind is filed by what it is: a picture as a photo, a PDF or DOCX as the owner's own
record (a patrol's signed record, an incident's letters and documents).

A file filed wrongly is re-filed (another kind) or removed by whoever may change its owner: the
same permission (`operations.record`) and the same scope as editing the patrol or the incident,
which includes the person who uploaded it while they work there; anyone else gets 404, as for
the owner's own edits. Unlike a coordination document (whose row and file go), a removed
attachment is hidden, not deleted: patrol and incident records are evidence, and no retention
period for them has been set, so no period has yet run out that would allow the bytes to go.
The row keeps who removed it and when; the audit records keep both steps.
"""

import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from biengioi.audit import services as audit
from biengioi.core import access, files
from biengioi.core.checks import choice, replay
from biengioi.core.errors import Code, DomainError
from biengioi.core.scope import get_scoped_or_404
from biengioi.core.text import clean_text

from ..models import (
    ATTACHMENT_KINDS,
    Attachment,
    AttachmentKind,
    Incident,
    MarkerInspection,
    Patrol,
)

_FIELDS = [
    "uuid",
    "patrol",
    "incident",
    "inspection",
    "kind",
    "name",
    "content_type",
    "size",
    "sha256",
]


def attachment_kind_for(*, owner: str, content_type: str) -> AttachmentKind:
    """The kind a file is filed under when the sender names none: a picture is a photo, any
    other file the owner's own record (ATTACHMENT_KINDS lists it first after the photo)."""
    if content_type.startswith("image/"):
        return AttachmentKind.PHOTO
    return next(k for k in ATTACHMENT_KINDS[owner] if k != AttachmentKind.PHOTO)


def _kind(kind: Any, owner: str) -> str:
    """`kind` if the owner may hold it, else an error naming the field "kind"."""
    kind = choice(kind, AttachmentKind, "kind")
    if kind not in ATTACHMENT_KINDS[owner]:
        model = Patrol if owner == "patrol" else Incident
        raise DomainError(
            Code.DOCUMENT_KIND_NOT_FOR_OWNER,
            field="kind",
            kind=AttachmentKind(kind).label,
            owner=str(model._meta.verbose_name),
        )
    return kind


def attachment_add(
    *,
    actor: Any,
    file: Any,
    kind: str | None = None,
    patrol_id: int | None = None,
    incident_id: int | None = None,
    inspection_id: int | None = None,
    note: str = "",
    client_id: uuid.UUID | None = None,
) -> tuple[Attachment, bool]:
    """Keep a file with a patrol or an incident of the actor's scope, or with one marker
    inspected on the patrol (`inspection_id`); with no `kind`, filed by what the file is
    (`attachment_kind_for`). Returns the attachment and whether it was made now (the same
    `client_id` sent again returns the first one)."""
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
    owner_field = "patrol" if isinstance(owner, Patrol) else "incident"
    if kind not in (None, ""):
        kind = _kind(kind, owner_field)
    note = clean_text(note or "", field="note", max_length=500)
    with files.received(file, image=kind == AttachmentKind.PHOTO) as upload:
        if kind in (None, ""):
            kind = attachment_kind_for(owner=owner_field, content_type=upload.content_type)
        try:
            with files.stored(upload) as storage_name, transaction.atomic():
                attachment = Attachment.objects.create(
                    uuid=uuid.uuid4() if client_id is None else client_id,
                    unit=owner.unit,
                    patrol=owner if isinstance(owner, Patrol) else None,
                    incident=owner if isinstance(owner, Incident) else None,
                    inspection=inspection,
                    kind=kind,
                    name=upload.name,
                    content_type=upload.content_type,
                    size=upload.size,
                    sha256=upload.sha256,
                    storage_name=storage_name,
                    note=note,
                    uploaded_by=actor,
                )
                audit.record(
                    actor,
                    "attachment.create",
                    attachment,
                    scope_path=owner.unit.path,
                    after=audit.snapshot(attachment, _FIELDS),
                )
        except IntegrityError:
            if (
                client_id is not None
                and (earlier := replay(Attachment, actor, client_id, owner="uploaded_by"))
                is not None
            ):
                return earlier, False
            raise
    return attachment, True


def _locked(actor: Any, attachment_id: int) -> Attachment:
    """The attachment, locked, if it is kept (not removed) in the actor's scope; else 404."""
    return get_scoped_or_404(
        actor,
        Attachment.objects.select_for_update(of=("self",))
        .select_related("unit")
        .filter(removed_at__isnull=True),
        pk=attachment_id,
    )


def attachment_refile(*, actor: Any, attachment_id: int, kind: str) -> Attachment:
    """File an attachment under another kind (a letter filed as a photo, a record as a
    letter): only a kind its owner holds, and a photo only if the file is a picture."""
    access.require(actor, "operations.record")
    with transaction.atomic():
        attachment = _locked(actor, attachment_id)
        kind = _kind(kind, attachment.owner_field)
        if kind == AttachmentKind.PHOTO and not attachment.is_image:
            raise DomainError(Code.PHOTO_NOT_IMAGE, field="kind")
        if kind == attachment.kind:
            return attachment
        before = audit.snapshot(attachment, ["kind"])
        attachment.kind = kind
        attachment.save(update_fields=["kind"])
        audit.record(
            actor,
            "attachment.update",
            attachment,
            scope_path=attachment.unit.path,
            before=before,
            after=audit.snapshot(attachment, ["kind"]),
        )
    return attachment


def attachment_remove(*, actor: Any, attachment_id: int) -> Attachment:
    """Remove a file kept by mistake: hidden from the owner's lists and downloads from now on,
    its bytes kept (see the module's note on retention); the audit record keeps what it was."""
    access.require(actor, "operations.record")
    with transaction.atomic():
        attachment = _locked(actor, attachment_id)
        attachment.removed_at = timezone.now()
        attachment.removed_by = actor
        attachment.save(update_fields=["removed_at", "removed_by"])
        audit.record(
            actor,
            "attachment.delete",
            attachment,
            scope_path=attachment.unit.path,
            before=audit.snapshot(attachment, _FIELDS),
            after=audit.snapshot(attachment, ["removed_at", "removed_by"]),
        )
    return attachment
