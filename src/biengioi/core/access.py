"""Who may do what: the roles of ARCHITECTURE.md and the one table of their permissions.

Scope (which units' records a user sees) is separate: see `core.scope`. A permission says what
kind of action a role may take; the scope says on which records.
"""

from typing import Any, Protocol

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    FIELD_OFFICER = "field_officer", _("Cán bộ đồn, trạm")
    UNIT_STAFF = "unit_staff", _("Cán bộ nghiệp vụ đơn vị")
    SECRETARIAT = "secretariat", _("Thường trực Ban Chỉ đạo")
    LEADER = "leader", _("Lãnh đạo")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")


_ALL = frozenset(Role)

PERMISSIONS: dict[str, frozenset[Role]] = {
    "unit.view": _ALL,
    "unit.manage": frozenset({Role.ADMINISTRATOR}),
    "user.view": frozenset({Role.ADMINISTRATOR, Role.SECRETARIAT, Role.LEADER}),
    "user.manage": frozenset({Role.ADMINISTRATOR}),
    "token.manage": _ALL,
    "audit.view": frozenset({Role.ADMINISTRATOR}),
    # the border registry: read by everyone in the province, kept by staff of the command,
    # the Department of Foreign Affairs and the administrators; statuses also by field officers
    "registry.view": _ALL,
    "registry.manage": frozenset({Role.UNIT_STAFF, Role.ADMINISTRATOR}),
    "admin_unit.manage": frozenset({Role.ADMINISTRATOR}),
    "committee.manage": frozenset({Role.SECRETARIAT, Role.ADMINISTRATOR}),
    "registry.status_record": frozenset({Role.FIELD_OFFICER, Role.UNIT_STAFF, Role.ADMINISTRATOR}),
    # the operations log: read within one's scope by everyone, recorded by those who do the work
    "operations.view": _ALL,
    "operations.record": frozenset({Role.FIELD_OFFICER, Role.UNIT_STAFF, Role.ADMINISTRATOR}),
    # the province's rules for the log (deadlines of the incident ladder)
    "operations.configure": frozenset({Role.SECRETARIAT, Role.ADMINISTRATOR}),
    # community work: read within one's scope by everyone, recorded by those who do it; the
    # managed lists (propaganda topics, programmes) kept by the secretariat and administrators
    "community.view": _ALL,
    "community.record": frozenset({Role.FIELD_OFFICER, Role.UNIT_STAFF, Role.ADMINISTRATOR}),
    "community.configure": frozenset({Role.SECRETARIAT, Role.ADMINISTRATOR}),
    # coordination: read within one's scope by everyone; units record what they do and submit
    # what they owe; the secretariat (at the province's root) runs the committee's conferences
    # and assigns their tasks, and keeps the regulations and their duties
    "coordination.view": _ALL,
    "coordination.record": frozenset(
        {Role.FIELD_OFFICER, Role.UNIT_STAFF, Role.SECRETARIAT, Role.ADMINISTRATOR}
    ),
    "coordination.configure": frozenset({Role.SECRETARIAT, Role.ADMINISTRATOR}),
    # periodic reports: statistics of one's scope seen by everyone; a report drafted by the
    # secretariat (the province's) or a unit's staff (their unit's), issued by the secretariat
    "reports.view": _ALL,
    "reports.draft": frozenset({Role.SECRETARIAT, Role.UNIT_STAFF, Role.ADMINISTRATOR}),
    "reports.issue": frozenset({Role.SECRETARIAT, Role.ADMINISTRATOR}),
}


class Actor(Protocol):
    role: str
    is_authenticated: bool


def can(actor: Any, action: str) -> bool:
    """True when the actor's role holds the permission `action` (an unknown action is a bug)."""
    roles = PERMISSIONS[action]
    return bool(getattr(actor, "is_authenticated", False)) and actor.role in roles


def require(actor: Any, action: str) -> None:
    """Refuse (403) an action the actor's role does not hold."""
    if not can(actor, action):
        raise PermissionDenied(action)


def roles_without(action: str) -> list[Role]:
    return [r for r in Role if r not in PERMISSIONS[action]]
