import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from biengioi.audit import services as audit
from biengioi.core import access
from biengioi.core.access import Role
from biengioi.core.errors import Code, DomainError
from biengioi.core.scope import get_scoped_or_404
from biengioi.core.text import clean_text
from biengioi.registry.models import OrgUnit

from .models import ApiToken, LoginLock, User

_USER_FIELDS = ["username", "full_name", "email", "unit", "role", "is_active", "is_staff"]
TOKEN_PREFIX = "bg_"  # noqa: S105 - a marker, not a secret


def _unit_for(actor: Any, unit_id: int | None) -> OrgUnit:
    if unit_id is None:
        raise DomainError(Code.UNIT_REQUIRED, field="unit_id")
    if actor is None:
        unit = OrgUnit.objects.filter(pk=unit_id).first()
        if unit is None:
            raise DomainError(Code.UNIT_REQUIRED, field="unit_id")
        return unit
    return get_scoped_or_404(actor, OrgUnit.objects.all(), pk=unit_id)


def _check_role(role: str) -> Role:
    if role not in Role.values:
        raise DomainError(Code.BAD_ROLE, field="role", role=role)
    return Role(role)


def user_create(
    *,
    actor: Any,
    username: str,
    password: str,
    unit_id: int | None,
    role: str,
    full_name: str = "",
    email: str = "",
) -> User:
    """Open an account in a unit of the actor's scope (`actor=None`: the command line)."""
    if actor is not None:
        access.require(actor, "user.manage")
    username = clean_text(username, field="username", max_length=150, required=True).lower()
    full_name = clean_text(full_name, field="full_name", max_length=150)
    email = clean_text(email, field="email", max_length=254)
    role = _check_role(role)
    with transaction.atomic():
        unit = _unit_for(actor, unit_id)
        if User.objects.filter(username=username).exists():
            raise DomainError(Code.USERNAME_TAKEN, field="username", username=username)
        user = User(
            username=username,
            full_name=full_name,
            email=email,
            unit=unit,
            role=role,
            is_staff=role == Role.ADMINISTRATOR,
        )
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise DomainError(
                Code.WEAK_PASSWORD, field="password", reason=" ".join(exc.messages)
            ) from exc
        user.set_password(password)
        user.save()
        audit.record(
            actor,
            "user.create",
            user,
            scope_path=unit.path,
            after=audit.snapshot(user, _USER_FIELDS),
        )
    return user


def user_update(
    *,
    actor: Any,
    user_id: int,
    full_name: str | None = None,
    email: str | None = None,
    role: str | None = None,
    unit_id: int | None = None,
    is_active: bool | None = None,
) -> User:
    access.require(actor, "user.manage")
    with transaction.atomic():
        user = get_scoped_or_404(actor, User.objects.select_for_update(), pk=user_id)
        before = audit.snapshot(user, _USER_FIELDS)
        if full_name is not None:
            user.full_name = clean_text(full_name, field="full_name", max_length=150)
        if email is not None:
            user.email = clean_text(email, field="email", max_length=254)
        if role is not None:
            user.role = _check_role(role)
            user.is_staff = user.role == Role.ADMINISTRATOR
        if unit_id is not None:
            user.unit = _unit_for(actor, unit_id)
        if is_active is not None:
            user.is_active = is_active
        user.save()
        audit.record(
            actor,
            "user.update",
            user,
            scope_path=user.unit.path,
            before=before,
            after=audit.snapshot(user, _USER_FIELDS),
        )
    return user


# --- API tokens -----------------------------------------------------------------------------


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_create(
    *, actor: Any, user: User, name: str, days: int | None = None
) -> tuple[ApiToken, str]:
    """Issue a token for `user`; the plain token is returned once and never stored."""
    if actor is not None:
        access.require(actor, "token.manage")
        if actor.pk != user.pk:
            access.require(actor, "user.manage")
            user = get_scoped_or_404(actor, User.objects.all(), pk=user.pk)
    name = clean_text(name, field="name", max_length=100, required=True)
    days = settings.API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= 366:
        raise DomainError(Code.TOKEN_EXPIRY, field="days", max=366)
    prefix = secrets.token_hex(4)
    plain = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=prefix,
            digest=_digest(plain),
            expires_at=timezone.now() + timedelta(days=days),
        )
        audit.record(
            actor,
            "token.create",
            token,
            scope_path=user.unit.path,
            after=audit.snapshot(token, ["user", "name", "prefix", "expires_at"]),
        )
    return token, plain


def token_revoke(*, actor: Any, token_id: int) -> ApiToken:
    """Revoke a token: one's own, or, for an administrator, any in scope (`actor=None`: CLI)."""
    with transaction.atomic():
        tokens = ApiToken.objects.select_for_update().select_related("user__unit")
        if actor is None:
            token = tokens.filter(pk=token_id).first()
            if token is None:
                raise Http404("ApiToken")
        else:
            access.require(actor, "token.manage")
            if not access.can(actor, "user.manage"):
                tokens = tokens.filter(user=actor)
            token = get_scoped_or_404(actor, tokens, pk=token_id)
        if token.revoked_at is not None:
            raise DomainError(Code.TOKEN_ALREADY_REVOKED, field="token_id")
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            actor,
            "token.revoke",
            token,
            scope_path=token.user.unit.path,
            before={"revoked_at": None},
            after=audit.snapshot(token, ["revoked_at"]),
        )
    return token


def token_authenticate(plain: str) -> User | None:
    """The active user behind a bearer token, or None (unknown, expired, revoked)."""
    if not plain.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user__unit").filter(digest=_digest(plain)).first()
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        # Bookkeeping, not a user's write: not audited, throttled to one write per 5 minutes.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- sign-in throttling ---------------------------------------------------------------------


def login_is_locked(*, username: str, ip: str) -> bool:
    lock = LoginLock.objects.filter(username=username.lower(), ip=ip).first()
    return bool(lock and lock.locked_until and lock.locked_until > timezone.now())


def login_failed(*, username: str, ip: str) -> bool:
    """Count a failed sign-in; returns True when this failure locks the username+address pair.

    A failure against an existing account is audited in its unit (with the address, never the
    password tried), so a province sees who is being guessed at; an unknown name writes no
    record (there is nothing of ours to file it under)."""
    with transaction.atomic():
        lock, _ = LoginLock.objects.select_for_update().get_or_create(
            username=username.lower(), ip=ip
        )
        now = timezone.now()
        if lock.locked_until and lock.locked_until <= now:
            lock.failures, lock.locked_until = 0, None
        lock.failures += 1
        locked_now = lock.failures >= settings.LOGIN_FAILURE_LIMIT and lock.locked_until is None
        target = User.objects.select_related("unit").filter(username=username.lower()).first()
        if target is not None and target.unit is not None:
            audit.record(
                None,
                "account.sign_in_failed",
                target,
                scope_path=target.unit.path,
                after={"ip": ip, "failures": lock.failures},
            )
        if locked_now:
            lock.locked_until = now + timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
            if target is not None and target.unit is not None:
                audit.record(
                    None,
                    "account.lock",
                    target,
                    scope_path=target.unit.path,
                    after={"ip": ip, "until": lock.locked_until},
                )
        lock.save()
    return locked_now


def login_succeeded(*, user: User, ip: str) -> None:
    """A sign-in with the right password: the failures of the name and address are forgotten
    and the sign-in is audited in the user's unit with the address."""
    with transaction.atomic():
        LoginLock.objects.filter(username=user.username.lower(), ip=ip).delete()
        audit.record(user, "account.sign_in", user, scope_path=_unit_path(user), after={"ip": ip})


def _unit_path(user: User) -> str:
    return user.unit.path if user.unit is not None else "/"


# --- second factor --------------------------------------------------------------------------


def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed TOTP device for enrolment (replaces any earlier unconfirmed one)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name="biengioi", confirmed=False)


def second_factor_passed(*, user: User, device: TOTPDevice, ip: str) -> None:
    """A right TOTP code: the session is verified; audited with the device and address."""
    with transaction.atomic():
        audit.record(
            user,
            "account.second_factor",
            user,
            scope_path=_unit_path(user),
            after={"device": device.pk, "ip": ip},
        )


def second_factor_failed(*, user: User, ip: str) -> None:
    """A wrong or expired TOTP code, audited (with the address, never the code tried): a
    stolen password being tried against the second factor shows in the unit's audit."""
    with transaction.atomic():
        audit.record(
            user,
            "account.second_factor_failed",
            user,
            scope_path=_unit_path(user),
            after={"ip": ip},
        )


def totp_device_confirm(*, user: User, device: TOTPDevice) -> None:
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record(
            user, "account.totp_enrol", user, scope_path=user.unit.path, after={"device": device.pk}
        )
