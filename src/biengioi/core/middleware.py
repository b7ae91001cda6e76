from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import get_language_from_request, override
from django.utils.translation import gettext as _

from . import requestid

Handler = Callable[[HttpRequest], HttpResponse]


class RequestIdMiddleware:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = requestid.new(request.headers.get("X-Request-ID"))  # type: ignore[attr-defined]
        try:
            response = self.get_response(request)
        finally:
            requestid.clear()
        response["X-Request-ID"] = request.request_id  # type: ignore[attr-defined]
        return response


UPLOAD_OVERHEAD = 64 * 1024  # the multipart envelope and the form's other fields
UPLOAD_PATHS = (
    "/attachments",  # files of patrols and incidents (API and pages)
    "/documents",  # files of coordination work (API and pages)
    "/import",  # spreadsheets imported
    "/submit",  # a submission sent with its report file (the page)
    "/progress/new",  # a task's progress update sent with its evidence (the page)
)
TRACK_PATHS = ("/tracks", "/tracks/new")  # a patrol's GPS track (API and page): TRACK_MAX_BYTES


class BodySizeLimitMiddleware:
    """Refuse a body over MAX_BODY_BYTES with 413 before anything reads it; a route that takes a
    file (a path ending in one of UPLOAD_PATHS, with or without the slash) may carry one of
    ATTACHMENT_MAX_BYTES: 20,000 rows of sessions are over 1 MB, a scanned report more; a
    patrol's GPS track (TRACK_PATHS) one of TRACK_MAX_BYTES."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_BODY_BYTES
        if request.path.rstrip("/").endswith(UPLOAD_PATHS):
            limit = max(limit, settings.ATTACHMENT_MAX_BYTES + UPLOAD_OVERHEAD)
        elif request.path.rstrip("/").endswith(TRACK_PATHS):
            limit = max(limit, settings.TRACK_MAX_BYTES + UPLOAD_OVERHEAD)
        if length > limit:
            with override(get_language_from_request(request)):
                message = _("Nội dung yêu cầu vượt quá {limit} byte.").format(limit=limit)
                return JsonResponse(
                    {"detail": message, "errors": [{"field": "body", "message": message}]},
                    status=413,
                )
        return self.get_response(request)


class ApiMethodNotAllowedMiddleware:
    """Under /api/, a method a route does not take (ninja answers a plain-text 405) answers the
    JSON error shape like every other error, with the methods it does take."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or not request.path.startswith("/api/"):
            return response
        allowed = response.get("Allow", "")
        message = _("Đường dẫn này không nhận phương thức {method}; chỉ nhận: {allowed}.").format(
            method=request.method, allowed=allowed
        )
        answer = JsonResponse({"detail": message, "errors": []}, status=405)
        answer["Allow"] = allowed
        return answer


class ContentSecurityPolicyMiddleware:
    """Pages load scripts, styles and images from this server only."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class LanguageMiddleware(LocaleMiddleware):
    """Pages are in Vietnamese unless the user picked English with the switch (a cookie);
    the API answers in the language of Accept-Language, Vietnamese by default."""

    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith("/api/"):
            language = get_language_from_request(request)
        else:
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
            known = {code for code, _name in settings.LANGUAGES}
            language = chosen if chosen in known else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
