"""Attachments on the pages: keeping an uploaded file (the patrol and incident pages carry the
form), and the download, served to users in the owner's scope only."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest

from biengioi.core import access
from biengioi.core.errors import DomainError
from biengioi.registry.forms import show_domain_error

from . import selectors, services
from .attachment_api import serve
from .forms import AttachmentForm


def upload(
    request: HttpRequest, inspections: list | None = None, **owner: int
) -> AttachmentForm | None:
    """Keep the file posted for a patrol (or one marker inspected on it) or an incident: None
    when it is kept, else the form with the reason it was refused beside its field."""
    access.require(request.user, "operations.record")
    form = AttachmentForm(request.POST, request.FILES, inspections=inspections)
    if form.is_valid():
        try:
            services.attachment_add(
                actor=request.user,
                file=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
                client_id=form.cleaned_data["client_id"],
                inspection_id=form.cleaned_data.get("inspection_id"),
                **owner,
            )
            return None
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form


@login_required
def download(request: HttpRequest, attachment_id: int) -> FileResponse:
    return serve(selectors.attachment_get(actor=request.user, attachment_id=attachment_id))
