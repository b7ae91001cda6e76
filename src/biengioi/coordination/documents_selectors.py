"""Reads of the files kept with coordination work: who reads an owner reads its documents (a
conference also by the units its notice gave a task, a task's progress also by its coordinating
units); anyone else gets 404."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from biengioi.core import access
from biengioi.core.scope import in_scope, scoped
from biengioi.core.search import matching, search_text

from .conferences_selectors import visible_conferences, visible_tasks
from .models import DOCUMENT_OWNERS, Document, Submission, Talks, TaskProgress

VIEW, RECORD = "coordination.view", "coordination.record"


def _visible(actor: Any) -> QuerySet[Document]:
    return Document.objects.filter(
        Q(submission__in=scoped(actor, Submission.objects.all()).values("pk"))
        | Q(talks__in=scoped(actor, Talks.objects.all()).values("pk"))
        | Q(conference__in=visible_conferences(actor).values("pk"))
        | Q(progress__task__in=visible_tasks(actor).values("pk"))
    )


def document_list(*, actor: Any, q: str = "") -> QuerySet[Document]:
    """The documents whose owner the actor reads, newest first; `q`, words of the file's name or
    its note (core.search)."""
    access.require(actor, VIEW)
    rows = _visible(actor).select_related("unit", "submission", "progress")
    if q:
        rows = matching(rows, search_text(q))
    return rows.order_by("-created_at", "-pk")


def document_get(*, actor: Any, document_id: int) -> Document:
    """A document whose owner the actor reads (404 otherwise)."""
    access.require(actor, VIEW)
    try:
        return _visible(actor).select_related("unit", "uploaded_by").get(pk=document_id)
    except Document.DoesNotExist as exc:
        raise Http404("Document") from exc


def documents_of(owner: Any) -> QuerySet[Document]:
    """The documents of an owner the caller has read through its own selector, oldest first."""
    return owner.documents.select_related("uploaded_by").order_by("created_at", "pk")


def progress_get(*, actor: Any, progress_id: int) -> TaskProgress:
    """A progress update of a task the actor reads (404 otherwise)."""
    access.require(actor, VIEW)
    rows = TaskProgress.objects.filter(task__in=visible_tasks(actor).values("pk"))
    try:
        return rows.select_related("task__unit").get(pk=progress_id)
    except TaskProgress.DoesNotExist as exc:
        raise Http404("TaskProgress") from exc


def can_attach(actor: Any, unit_path: str) -> bool:
    """Whether the actor may keep files with an owner of the unit at `unit_path` (the write
    scope of the owner's own edits)."""
    return access.can(actor, RECORD) and in_scope(actor, unit_path)


def kinds_for(owner: str) -> list[tuple[str, Any]]:
    """The kinds a document of `owner` may have, as form choices."""
    return [(k.value, k.label) for k in DOCUMENT_OWNERS[owner]]
