"""Attachments on the pages: keeping an uploaded file (the patrol and incident pages carry the
form), re-filing or removing one kept by mistake (by whoever may change its owner: see
services/attachments.py), and the download, served to users in the owner's scope only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from biengioi.core import access
from biengioi.core.errors import DomainError
from biengioi.registry.forms import show_domain_error

from . import selectors, services
from .attachment_api import serve
from .forms import AttachmentForm, AttachmentRefileForm
from .models import Attachment


def upload(
    request: HttpRequest, inspections: list | None = None, **owner: int
) -> AttachmentForm | None:
    """Keep the file posted for a patrol (or one marker inspected on it) or an incident: None
    when it is kept, else the form with the reason it was refused beside its field."""
    access.require(request.user, "operations.record")
    form = AttachmentForm(
        request.POST,
        request.FILES,
        owner="patrol" if "patrol_id" in owner else "incident",
        inspections=inspections,
    )
    if form.is_valid():
        try:
            kept, _made = services.attachment_add(
                actor=request.user,
                file=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"] or None,
                note=form.cleaned_data["note"],
                client_id=form.cleaned_data["client_id"],
                inspection_id=form.cleaned_data.get("inspection_id"),
                **owner,
            )
            messages.success(
                request,
                _("Đã lưu tệp “{name}” ({kind}).").format(
                    name=kept.name, kind=kept.get_kind_display()
                ),
            )
            return None
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return form


def owner_url(attachment: Attachment) -> str:
    """The page of the patrol or the incident the file is kept with."""
    if attachment.patrol_id is not None:
        return reverse("operations:patrol", args=[attachment.patrol_id])
    return reverse("operations:incident", args=[attachment.incident_id])


def _manageable(request: HttpRequest, attachment_id: int) -> Attachment:
    """A kept attachment the user may change (404 otherwise, as for the owner's own edits)."""
    access.require(request.user, "operations.record")
    return selectors.attachment_get(actor=request.user, attachment_id=attachment_id)


def _manage_page(
    request: HttpRequest, attachment: Attachment, form: AttachmentRefileForm | None = None
) -> HttpResponse:
    return render(
        request,
        "operations/attachment_manage.html",
        {
            "attachment": attachment,
            "form": form
            or AttachmentRefileForm(
                owner=attachment.owner_field, initial={"kind": attachment.kind}
            ),
            "back": owner_url(attachment),
        },
        status=400 if form is not None else 200,
    )


@login_required
def manage(request: HttpRequest, attachment_id: int) -> HttpResponse:
    """Re-file or remove a file: the page that asks (and the confirmation of a removal)."""
    return _manage_page(request, _manageable(request, attachment_id))


@login_required
def refile(request: HttpRequest, attachment_id: int) -> HttpResponse:
    """File a kept file under another kind its owner holds."""
    attachment = _manageable(request, attachment_id)
    if request.method != "POST":
        return redirect("operations:attachment_manage", attachment.pk)
    form = AttachmentRefileForm(request.POST, owner=attachment.owner_field)
    if form.is_valid():
        try:
            changed = services.attachment_refile(
                actor=request.user, attachment_id=attachment.pk, kind=form.cleaned_data["kind"]
            )
            messages.success(
                request,
                _("Đã lưu: tệp “{name}” là {kind}.").format(
                    name=changed.name, kind=changed.get_kind_display()
                ),
            )
            return redirect(owner_url(changed))
        except DomainError as exc:
            show_domain_error(form, exc, {})
    return _manage_page(request, attachment, form)


@login_required
def remove(request: HttpRequest, attachment_id: int) -> HttpResponse:
    """Remove a file kept by mistake (asked first on the manage page)."""
    attachment = _manageable(request, attachment_id)
    if request.method != "POST":
        return redirect("operations:attachment_manage", attachment.pk)
    services.attachment_remove(actor=request.user, attachment_id=attachment.pk)
    messages.success(request, _("Đã gỡ tệp “{name}”.").format(name=attachment.name))
    return redirect(owner_url(attachment))


@login_required
def download(request: HttpRequest, attachment_id: int) -> FileResponse:
    return serve(selectors.attachment_get(actor=request.user, attachment_id=attachment_id))
