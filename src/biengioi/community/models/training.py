"""Training courses (tập huấn, bồi dưỡng, DOMAIN §3.7): the courses a unit organises for the core
members of the movement and for the self-management teams ("4 lớp tập huấn cho 238 tổ tự quản").

A course is organised by a unit (which decides who sees it), runs from one day to another, counts
its participants and the people it trained, and names the teams whose members it trained.
"""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from biengioi.registry.models import OrgUnit

from .teams import SelfManagementTeam

__all__ = ["TrainingCourse"]


class TrainingCourse(models.Model):
    """A training course organised by a unit, with the teams it trained."""

    SCOPE_PATH: ClassVar[str] = "unit__path"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("tên lớp"), max_length=200)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    participants = models.PositiveIntegerField(_("số người tham dự"), default=0)
    people_trained = models.PositiveIntegerField(_("số người được tập huấn"), default=0)
    teams = models.ManyToManyField(
        SelfManagementTeam,
        verbose_name=_("tổ tự quản được tập huấn"),
        blank=True,
        related_name="training_courses",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="training_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["starts_on"], name="training_starts_idx")]
        verbose_name = _("lớp tập huấn")
        verbose_name_plural = _("lớp tập huấn")

    def __str__(self) -> str:
        return self.title
