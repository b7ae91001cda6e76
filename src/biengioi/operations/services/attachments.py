"""Files kept with patrols and incidents: the signed patrol record, photos, letters.

The bytes are taken, checked and kept by `core.files` (the types, the size limit, the content
matching the name, a storage name of our own); this module keeps the row that names them, in
the owner's scope.
"""

import uuid
from typing import Any

from django.db import IntegrityError, transaction

from biengioi.audit import services as audit
from biengioi.core import access, files
from biengioi.core.checks import choice, replay
from biengioi.core.errors import Code, DomainError
from biengioi.core.scope import get_scoped_or_404
from biengioi.core.text import clean_text

from ..models import Attachment, AttachmentKind, Incident, MarkerInspection, Patrol


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
    with files.received(file, image=kind == AttachmentKind.PHOTO) as upload:
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
            if (
                client_id is not None
                and (earlier := replay(Attachment, actor, client_id, owner="uploaded_by"))
                is not None
            ):
                return earlier, False
            raise
    return attachment, True
