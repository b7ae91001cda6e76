"""Every write of community work: one function per use case, in a transaction, audited."""

from .teams import (
    team_activity_add,
    team_create,
    team_member_add,
    team_member_update,
    team_review_add,
    team_update,
)

__all__ = [
    "team_activity_add",
    "team_create",
    "team_member_add",
    "team_member_update",
    "team_review_add",
    "team_update",
]
