from typing import Any

from django.db.models import QuerySet

from biengioi.core import access
from biengioi.core.scope import get_scoped_or_404, scoped
from biengioi.core.search import matching, search_text

from .models import ApiToken, User


def user_list(*, actor: Any, q: str = "", role: str = "") -> QuerySet[User]:
    access.require(actor, "user.view")
    users = scoped(actor, User.objects.select_related("unit"))
    if q:
        users = matching(users, search_text(q), "username", "full_name")
    if role:
        users = users.filter(role=role)
    return users.order_by("unit__path", "username")


def user_get(*, actor: Any, user_id: int) -> User:
    access.require(actor, "user.view")
    return get_scoped_or_404(actor, User.objects.select_related("unit"), pk=user_id)


def token_list(*, actor: Any) -> QuerySet[ApiToken]:
    """The actor's own tokens, newest first."""
    access.require(actor, "token.manage")
    return scoped(actor, ApiToken.objects.filter(user=actor)).order_by("-created_at")
