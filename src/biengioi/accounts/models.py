from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from biengioi.core.access import Role


class User(AbstractUser):
    """A person who signs in; belongs to one unit and sees that unit and the units under it."""

    SCOPE_PATH: ClassVar[str] = "unit__path"

    unit = models.ForeignKey(
        "registry.OrgUnit",
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)

    objects: ClassVar[UserManager["User"]] = UserManager()  # type: ignore[assignment]
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def needs_second_factor(self) -> bool:
        return self.role == Role.ADMINISTRATOR


class ApiToken(models.Model):
    """A bearer token for scripts. Only its SHA-256 is kept; the token is shown once."""

    SCOPE_PATH: ClassVar[str] = "user__unit__path"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("tên"), max_length=100)
    prefix = models.CharField(_("tiền tố"), max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn"))
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class LoginLock(models.Model):
    """Failed sign-ins of one username from one address; locked for a while past the limit."""

    username = models.CharField(max_length=150)
    ip = models.CharField(max_length=64)
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["username", "ip"], name="login_lock_per_user_ip")
        ]

    def __str__(self) -> str:
        return f"{self.username}@{self.ip}"
