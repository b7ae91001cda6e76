"""Files kept with coordination work (DOMAIN §3.12–3.14): the report file a unit submitted, the
minutes of talks, a conference's plan, its signed conclusion notice, the reports presented at it
and its photos, the evidence of a task's progress.

A document belongs to exactly one owner: a submission, talks, a conference or a progress update
of a task. Its bytes live outside the database (`core.files`, under settings.ATTACHMENTS_DIR at
`storage_name`); the row keeps the type found in the content (never the one the upload claimed),
the size and the SHA-256. `unit` is the owner's unit (the unit owing the submission, holding the
talks, organising the conference, carrying out the task), copied so a write's scope is one lookup;
who reads a document is who reads its owner.
"""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biengioi.core.search import Searched
from biengioi.registry.models import OrgUnit

from .conferences import Conference, TaskProgress
from .regulations import Submission
from .talks import Talks

__all__ = ["DOCUMENT_OWNERS", "Document", "DocumentKind"]


class DocumentKind(models.TextChoices):
    REPORT = "report", _("Tệp báo cáo")
    MINUTES = "minutes", _("Biên bản")
    PLAN = "plan", _("Kế hoạch")
    CONCLUSION = "conclusion", _("Thông báo kết luận")
    EVIDENCE = "evidence", _("Minh chứng")
    PHOTO = "photo", _("Ảnh")
    DOCUMENT = "document", _("Văn bản, tài liệu")


K = DocumentKind
# the owners a document may have (its field on `Document`), and the kinds each takes
DOCUMENT_OWNERS: dict[str, tuple[DocumentKind, ...]] = {
    "submission": (K.REPORT, K.DOCUMENT, K.PHOTO),
    "talks": (K.MINUTES, K.PLAN, K.DOCUMENT, K.PHOTO),
    "conference": (K.PLAN, K.CONCLUSION, K.REPORT, K.DOCUMENT, K.PHOTO),
    "progress": (K.EVIDENCE, K.REPORT, K.MINUTES, K.DOCUMENT, K.PHOTO),
}


def _one_owner() -> models.Q:
    """Exactly one of the owner fields is set."""
    owners = list(DOCUMENT_OWNERS)
    either = models.Q()
    for owner in owners:
        either |= models.Q(
            **{f"{owner}__isnull": False},
            **{f"{other}__isnull": True for other in owners if other != owner},
        )
    return either


class Document(Searched):
    """A file kept with a submission, talks, a conference or a progress update of a task."""

    SCOPE_PATH: ClassVar[str] = "unit__path"
    SEARCH_FIELDS: ClassVar[tuple[str, ...]] = ("name", "note", "kind")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+", editable=False)
    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    talks = models.ForeignKey(
        Talks, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    conference = models.ForeignKey(
        Conference, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    progress = models.ForeignKey(
        TaskProgress, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(_("loại tệp"), max_length=16, choices=DocumentKind.choices)
    name = models.CharField(_("tên tệp"), max_length=200)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    storage_name = models.CharField(max_length=200, unique=True, editable=False)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=_one_owner(), name="document_one_owner")]
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def owner_field(self) -> str:
        return next(f for f in DOCUMENT_OWNERS if getattr(self, f"{f}_id") is not None)
