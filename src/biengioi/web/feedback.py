"""Every save says it saved: "Đã lưu." after each form a person sends that is kept.

The pages follow post/redirect/get: a create, an edit or a removal that is kept answers with a
redirect, one that is refused renders its form again with the errors (never a redirect). So one
middleware says it once for every app, instead of a line after each of the ~100 saves in the
views (which no app may import from `web` anyway): an unsafe request (POST ...) of a signed-in
person that is answered with a redirect, and that queued no message of its own, gets "Đã lưu."
("Đã xóa." for a route named for a removal). A view says something more precise ("Đã nhập 12
mốc.", "Đã gỡ tệp …") with `django.contrib.messages`, and this one stays silent.

What is not a save is left out by its route: signing in and out, the second factor, the language,
marking notifications read, the admin site and the API (which answers in JSON, not in pages).
"""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

QUIET_NAMESPACES = frozenset({"admin", "api", "notifications"})
QUIET_ROUTES = frozenset(
    {"accounts:login", "accounts:logout", "accounts:second_factor", "set_language"}
)
REMOVALS = ("remove", "delete", "revoke")


def saved_message(route: str) -> str:
    """What a kept save says, by the name of the route that kept it."""
    name = route.rsplit(":", 1)[-1]
    return _("Đã xóa.") if any(word in name for word in REMOVALS) else _("Đã lưu.")


class SavedMiddleware:
    """Queue "Đã lưu." on a kept save (see the module); placed after MessageMiddleware, so its
    answer passes here before the messages are stored."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.method in ("POST", "PUT", "PATCH", "DELETE")
            and response.status_code in (301, 302, 303)
            and getattr(request, "user", None) is not None
            and request.user.is_authenticated
            and not request.path.startswith("/api/")
        ):
            match = request.resolver_match
            if match is None or set(match.namespaces) & QUIET_NAMESPACES:
                return response
            if match.view_name in QUIET_ROUTES:
                return response
            storage = getattr(request, "_messages", None)
            if storage is not None and not storage._queued_messages:
                messages.success(request, saved_message(match.view_name))
        return response
