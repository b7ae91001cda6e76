"""Files kept with coordination work on the pages: the list and the upload form the pages of a
submission, talks, a conference and a task carry (each posting to `…/<id>/documents/`), the
download, and the removal of a file kept by mistake; each to users in the owner's scope only."""

import uuid
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from biengioi.core import access
from biengioi.core.errors import DomainError
from biengioi.registry.forms import show_domain_error

from . import documents_selectors as selectors
from . import services
from .documents_api import serve
from .documents_forms import DocumentForm
from .models import Document

RECORD = "coordination.record"


def upload(request: HttpRequest, owner: str, owner_id: int) -> DocumentForm | None:
    """Keep the file posted for one owner (`submission`, `talks`, `conference`, `progress`):
    None when it is kept, else the form with the reason it was refused beside its field."""
    access.require(request.user, RECORD)
    form = DocumentForm(request.POST, request.FILES, kinds=selectors.kinds_for(owner))
    if form.is_valid():
        try:
            services.document_add(
                actor=request.user,
                file=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
                client_id=form.cleaned_data["client_id"],
                **{f"{owner}_id": owner_id},
            )
            return None
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form


def listing(
    request: HttpRequest, owner: str, record: Any, unit_path: str, form: DocumentForm | None = None
) -> dict[str, Any]:
    """What an owner's page needs for its "Tệp đính kèm" section: the files, and the upload form
    (the refused one, or a new one with a fresh client id) when the user may keep files there."""
    can_attach = selectors.can_attach(request.user, unit_path)
    if can_attach and form is None:
        form = DocumentForm(initial={"client_id": uuid.uuid4()}, kinds=selectors.kinds_for(owner))
    return {
        "documents": selectors.documents_of(record),
        "document_form": form if can_attach else None,
        "can_attach": can_attach,
    }


def owner_url(document: Document) -> str:
    """The page showing the document's owner."""
    if document.submission_id is not None:
        submission = document.submission
        url = reverse("coordination:submit", args=[submission.duty_id])  # type: ignore[union-attr]
        return f"{url}?{urlencode({'period': submission.period_start.isoformat()})}"  # type: ignore[union-attr]
    if document.talks_id is not None:
        return reverse("coordination:talks", args=[document.talks_id])
    if document.conference_id is not None:
        return reverse("coordination:conference", args=[document.conference_id])
    return reverse("coordination:task", args=[document.progress.task_id])  # type: ignore[union-attr]


@login_required
def download(request: HttpRequest, document_id: int) -> FileResponse:
    return serve(selectors.document_get(actor=request.user, document_id=document_id))


@login_required
def remove(request: HttpRequest, document_id: int) -> HttpResponse:
    """Ask, then remove a file kept by mistake (by the scope that may change its owner)."""
    access.require(request.user, RECORD)
    document = selectors.document_get(actor=request.user, document_id=document_id)
    back = owner_url(document)
    if request.method == "POST":
        services.document_remove(actor=request.user, document_id=document.pk)
        return redirect(back)
    if not selectors.can_attach(request.user, document.unit.path):
        raise Http404("Document")  # read by the owner's readers; removed by its own scope
    return render(
        request, "coordination/document_remove.html", {"document": document, "back": back}
    )
