"""Every save says it saved, naming what it saved: "Đã lưu vụ việc biên giới «Sạt lở tại mốc
222»." after each form a person sends that is kept.

The pages follow post/redirect/get: a create, an edit or a removal that is kept answers with a
redirect, one that is refused renders its form again with the errors (never a redirect). So one
middleware says it once for every app, instead of a line after each of the ~100 saves in the
views (which no app may import from `web` anyway): an unsafe request (POST ...) of a signed-in
person that is answered with a redirect, and that queued no message of its own, gets "Đã lưu
KIND «NAME»." ("Đã xóa …" for a route named for a removal). What was saved is read from the
audit trail, which every service writes: the records appended while serving the request
(audit.services.written_in_request) name the objects written, and the one the redirect leads to
(the record's page: its id in the target's route) is named, else the first written. A save that
wrote nothing audited (the same form sent twice) says "Đã lưu.". A view says something more
precise ("Đã nhập 12 mốc.", "Đã gỡ tệp …") with `django.contrib.messages`, and this one stays
silent.

What is not a save is left out by its route: signing in and out, the second factor, the language,
marking notifications read, the admin site and the API (which answers in JSON, not in pages).
"""

from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from biengioi.audit.services import written_in_request

QUIET_NAMESPACES = frozenset({"admin", "api", "notifications"})
QUIET_ROUTES = frozenset(
    {"accounts:login", "accounts:logout", "accounts:second_factor", "set_language"}
)
REMOVALS = ("remove", "delete", "revoke")


NAME_LENGTH = 80  # a record's name in the message, cut with an ellipsis beyond


def _target_ids(location: str) -> dict[str, str]:
    """The ids in the route a redirect leads to ({"case": "12"} for /crime/12/), or none."""
    try:
        match = resolve(urlsplit(location).path)
    except Resolver404:
        return {}
    return {
        key.removesuffix("_id"): str(value)
        for key, value in match.kwargs.items()
        if isinstance(value, int)
    }


def saved_object(written: Sequence[models.Model], location: str) -> models.Model | None:
    """Of the objects a request wrote, the one it saved: the one whose page the redirect leads
    to (its id under a name its model's name ends with: case_id for a crime case), else one with
    the id in the target's route, else the first written."""
    if not written:
        return None
    ids = _target_ids(location)
    named = [
        obj
        for obj in written
        if any(
            str(obj.pk) == pk and (obj._meta.model_name or "").endswith(key)
            for key, pk in ids.items()
        )
    ]
    same_id = [obj for obj in written if str(obj.pk) in ids.values()]
    return (named or same_id or list(written))[0]


def saved_message(route: str, obj: models.Model | None = None) -> str:
    """What a kept save says, by the name of the route that kept it and what it saved: the
    kind and name of the record ("Đã lưu vụ việc biên giới «Sạt lở tại mốc 222»."), its kind
    alone for a record with no name of its own or for a person (a model marked PERSONAL: the
    message is kept in the browser until shown, and may be shown to whoever signs in next on
    a shared computer), "Đã lưu." when nothing is known."""
    removal = any(word in route.rsplit(":", 1)[-1] for word in REMOVALS)
    if obj is None:
        return _("Đã xóa.") if removal else _("Đã lưu.")
    kind = str(obj._meta.verbose_name)
    name = ""
    personal = getattr(obj, "PERSONAL", False)  # a person's name stays out of the message
    if not personal and type(obj).__str__ is not models.Model.__str__:  # "… object (5)": none
        name = " ".join(str(obj).split())
        if len(name) > NAME_LENGTH:
            name = name[: NAME_LENGTH - 1].rstrip() + "…"
    if not name:
        return (_("Đã xóa {kind}.") if removal else _("Đã lưu {kind}.")).format(kind=kind)
    if removal:
        return _("Đã xóa {kind} «{name}».").format(kind=kind, name=name)
    return _("Đã lưu {kind} «{name}».").format(kind=kind, name=name)


class SavedMiddleware:
    """Queue "Đã lưu …" on a kept save (see the module); placed after MessageMiddleware, so its
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
                saved = saved_object(written_in_request(), response.get("Location", ""))
                messages.success(request, saved_message(match.view_name, saved))
        return response
