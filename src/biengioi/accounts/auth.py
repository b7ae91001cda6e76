"""How API callers prove who they are: a bearer token, or the browser's session (with CSRF)."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from biengioi.core.api import CsrfRejected

from .services import token_authenticate


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class Session(APIKeyCookie):
    """The signed-in browser; an administrator's session counts only after the second factor."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        key = request.COOKIES.get(self.param_name)
        if (
            key
            and request.method not in ("GET", "HEAD", "OPTIONS", "TRACE")
            and check_csrf(request) is not None
        ):
            raise CsrfRejected
        return key

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not key or not user.is_authenticated:
            return None
        if getattr(user, "needs_second_factor", False) and not user.is_verified():  # type: ignore[union-attr,attr-defined]
            return None
        return user
