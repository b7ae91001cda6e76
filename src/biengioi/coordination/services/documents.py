"""Files kept with coordination work: the report file of a submission, the minutes of talks, a
conference's plan, conclusion notice, reports and photos, the evidence of a task's progress.

A file is kept by whoever may change its owner, in the same scope: a submission by the owing
unit's scope, talks and a conference by the scope of the unit that held them, a progress update
by the scope of the unit carrying out the task (`coordination.record` in every case); anyone
else gets 404, as for the owner's own edits. Each owner takes the kinds that fit it
(`DOCUMENT_OWNERS`); a photo must be a picture. The bytes are checked and kept by `core.files`;
a refused file writes nothing and leaves nothing in the folder.

A submission and its report file, or a progress update and its evidence, may be sent in one
step: the file is checked first, and the record and the file are written together or not at
all. A removed document's row and file go; its audit record keeps what it was.
"""

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction

from biengioi.audit import services as audit
from biengioi.core import access, files
from biengioi.core.checks import choice, replay
from biengioi.core.errors import Code, DomainError
from biengioi.core.scope import get_scoped_or_404
from biengioi.core.text import clean_text
from biengioi.registry.models import OrgUnit

from ..models import (
    DOCUMENT_OWNERS,
    Conference,
    Document,
    DocumentKind,
    Submission,
    Talks,
    TaskProgress,
)
from .conferences import PERMISSION, task_progress_record
from .regulations import submission_create

M = TypeVar("M", bound=models.Model)
_FIELDS = [
    "uuid",
    "unit",
    "submission",
    "talks",
    "conference",
    "progress",
    "kind",
    "name",
    "content_type",
    "size",
    "sha256",
    "storage_name",
    "note",
]
# each owner: its rows, read with what names its unit, and that unit
_OWNERS: dict[str, tuple[Any, Callable[[Any], OrgUnit]]] = {
    "submission": (Submission.objects.select_related("duty__owner"), lambda s: s.duty.owner),
    "talks": (Talks.objects.select_related("unit"), lambda t: t.unit),
    "conference": (Conference.objects.select_related("unit"), lambda c: c.unit),
    "progress": (TaskProgress.objects.select_related("task__unit"), lambda p: p.task.unit),
}


def _kind(kind: Any, owner: str) -> str:
    kind = choice(kind, DocumentKind, "kind")
    if kind not in DOCUMENT_OWNERS[owner]:
        raise DomainError(
            Code.DOCUMENT_KIND_NOT_FOR_OWNER,
            field="kind",
            kind=DocumentKind(kind).label,
            owner=str(Document._meta.get_field(owner).related_model._meta.verbose_name),  # type: ignore[union-attr]
        )
    return kind


def _create(
    actor: Any,
    *,
    owner: str,
    record: Any,
    upload: files.Upload,
    storage_name: str,
    kind: str,
    note: str,
    client_id: uuid.UUID | None,
) -> Document:
    """The row naming a kept file, audited; in the caller's transaction."""
    unit = _OWNERS[owner][1](record)
    document = Document.objects.create(
        uuid=client_id or uuid.uuid4(),
        unit=unit,
        **{owner: record},
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
        "document.create",
        document,
        scope_path=unit.path,
        after=audit.snapshot(document, _FIELDS),
    )
    return document


def document_add(
    *,
    actor: Any,
    file: Any,
    kind: str,
    submission_id: int | None = None,
    talks_id: int | None = None,
    conference_id: int | None = None,
    progress_id: int | None = None,
    note: str = "",
    client_id: uuid.UUID | None = None,
) -> tuple[Document, bool]:
    """Keep a file with one submission, talks, conference or progress update the actor may
    change. Returns the document and whether it was made now (the same `client_id` sent again
    returns the first one)."""
    access.require(actor, PERMISSION)
    given = {
        "submission": submission_id,
        "talks": talks_id,
        "conference": conference_id,
        "progress": progress_id,
    }
    named = [owner for owner, pk in given.items() if pk is not None]
    if len(named) != 1:
        raise TypeError("document_add: give one of submission_id, talks_id, conference_id, …")
    owner = named[0]
    if (
        client_id is not None
        and (earlier := replay(Document, actor, client_id, owner="uploaded_by")) is not None
    ):
        return earlier, False
    record = get_scoped_or_404(actor, _OWNERS[owner][0], pk=given[owner])
    kind = _kind(kind, owner)
    note = clean_text(note or "", field="note", max_length=500)
    with files.received(file, image=kind == DocumentKind.PHOTO) as upload:
        try:
            with files.stored(upload) as storage_name, transaction.atomic():
                document = _create(
                    actor,
                    owner=owner,
                    record=record,
                    upload=upload,
                    storage_name=storage_name,
                    kind=kind,
                    note=note,
                    client_id=client_id,
                )
        except IntegrityError:
            if (
                client_id is not None
                and (earlier := replay(Document, actor, client_id, owner="uploaded_by")) is not None
            ):
                return earlier, False
            raise
    return document, True


def _with_file(
    actor: Any, file: Any, kind: str, owner: str, write: Callable[[], tuple[M, bool]]
) -> tuple[M, bool]:
    """`write` a record and keep `file` with it, in one transaction: the file is checked before
    anything is written (refused, nothing is), and removed if the record is not written. A
    record written before (its client id sent again) takes no second file."""
    if file is None:
        return write()
    with files.received(file) as upload, files.stored(upload) as storage_name:
        with transaction.atomic():
            record, made = write()
            if made:
                _create(
                    actor,
                    owner=owner,
                    record=record,
                    upload=upload,
                    storage_name=storage_name,
                    kind=kind,
                    note="",
                    client_id=None,
                )
        if not made:
            files.remove(storage_name)
    return record, made


def submission_create_with_file(
    *, actor: Any, file: Any = None, **submission: Any
) -> tuple[Submission, bool]:
    """Record a submission (`submission_create`) with its report file, both or neither."""
    access.require(actor, PERMISSION)
    return _with_file(
        actor,
        file,
        DocumentKind.REPORT,
        "submission",
        lambda: submission_create(actor=actor, **submission),
    )


def task_progress_record_with_file(
    *, actor: Any, file: Any = None, **progress: Any
) -> tuple[TaskProgress, bool]:
    """Record a progress update (`task_progress_record`) with its evidence file, both or
    neither."""
    access.require(actor, PERMISSION)
    return _with_file(
        actor,
        file,
        DocumentKind.EVIDENCE,
        "progress",
        lambda: task_progress_record(actor=actor, **progress),
    )


def document_remove(*, actor: Any, document_id: int) -> None:
    """Remove a document kept by mistake (the wrong file, a draft), in the scope that may change
    its owner: the row now, the file once that is committed; the audit record keeps its name,
    size and SHA-256."""
    access.require(actor, PERMISSION)
    with transaction.atomic():
        document = get_scoped_or_404(
            actor,
            Document.objects.select_for_update(of=("self",)).select_related("unit"),
            pk=document_id,
        )
        audit.record(
            actor,
            "document.delete",
            document,
            scope_path=document.unit.path,
            before=audit.snapshot(document, _FIELDS),
        )
        storage_name = document.storage_name
        document.delete()
        transaction.on_commit(lambda: files.remove(storage_name))
