"""A notification is one message to one user, made once per (recipient, key): the key names what
it is about ("task:42:due:2025-09-30"), so a reminder job that runs every few minutes tells each
person once, and the unique constraint decides between two runs at the same moment."""

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    SCOPE_PATH: ClassVar[str] = "recipient__unit__path"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhận"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    key = models.CharField(_("khóa"), max_length=200)
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    link = models.CharField(_("liên kết"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("đã gửi thư lúc"), null=True, blank=True)
    # sending its e-mail failed this many times (the mail server away): the scheduler tries
    # again on its next runs, up to services.MAIL_ATTEMPTS, then leaves it to the app's list
    email_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    # the run that inserted the row: what tells a run the rows it made from those another
    # run made at the same moment (both inserts go through; the constraint keeps one)
    batch = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key")
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["batch"], name="notification_batch_idx"),
            models.Index(
                fields=["created_at"],
                name="notification_mail_retry_idx",
                condition=models.Q(emailed_at__isnull=True, email_attempts__gt=0),
            ),
        ]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")

    def __str__(self) -> str:
        return self.title


class SchedulerRun(models.Model):
    """A run of the scheduler that made notifications (or in which a job failed): what the
    audit trail points at. Runs that found nothing to say leave no row."""

    started_at = models.DateTimeField(_("bắt đầu"))
    finished_at = models.DateTimeField(_("kết thúc"))
    created = models.PositiveIntegerField(_("thông báo mới"), default=0)
    emailed = models.PositiveIntegerField(_("thư đã gửi"), default=0)
    jobs = models.JSONField(_("theo việc"), default=dict)
    failed = models.JSONField(_("việc lỗi"), default=list)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("lượt chạy nhắc việc")
        verbose_name_plural = _("lượt chạy nhắc việc")

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} ({self.created})"
