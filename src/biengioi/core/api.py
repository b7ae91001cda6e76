"""The frame every API router stands on: input schemas, text fields, errors, pages, permissions.

Every failure answers one shape, in the request's language:
    {"detail": "...", "errors": [{"field": "name", "message": "..."}]}
"""

import functools
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar
from uuid import UUID

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, ConfigError, HttpError, ValidationError
from ninja.openapi.schema import REF_TEMPLATE, OpenAPISchema
from ninja.operation import Operation
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from . import access
from .errors import DomainError, Rejected, Stale
from .text import clean_text


class AuthedRequest(HttpRequest):
    """A request that passed its operation's Gate: `auth` is the signed-in user."""

    auth: Any


class In(Schema):
    """Base of every request body: unknown fields are refused, not ignored."""

    model_config = ConfigDict(extra="forbid")


def _text(multiline: bool) -> Any:
    def validate(value: Any) -> Any:
        if not isinstance(value, str):
            return value  # the str type check below names the error
        try:
            return clean_text(value, field="", multiline=multiline)
        except DomainError as exc:
            raise PydanticCustomError(str(exc.code), exc.message) from exc

    return BeforeValidator(validate)


Line = Annotated[str, _text(multiline=False)]
"""One line of text: NFC, stripped, no control characters."""
Paragraph = Annotated[str, _text(multiline=True)]
"""Multi-line text: as Line, but newlines and tabs are kept."""


# Set once by the project's API wiring: the ways a caller proves who they are, in order.
authenticators: list[Callable[[HttpRequest], Any]] = []


class Gate:
    """An operation's auth: who the caller is (401 if nobody), then whether their role holds
    the operation's permission (403). It runs before the body is read, so a caller without the
    permission learns nothing from validation errors."""

    # Shown as "Authorize" on the docs page; the browser session works there too.
    openapi_security_schema = {"type": "http", "scheme": "bearer", "bearerFormat": "bg_…"}

    def __init__(self, action: str | None) -> None:
        self.action = action

    def __call__(self, request: HttpRequest) -> Any:
        for authenticate in authenticators:
            user = authenticate(request)
            if user:
                if self.action is not None:
                    access.require(user, self.action)
                return user
        return None


def perm(action: str | None) -> dict[str, Any]:
    """Route options for an operation that needs the permission `action` (None: any signed-in
    user): its gate, and an OpenAPI extension naming the permission, which the route-walking
    test reads to check that every route answers 403 to a role without it."""
    return {"auth": [Gate(action)], "openapi_extra": {"x-permission": action or "authenticated"}}


T = TypeVar("T")


class StoredFileOut(Schema):
    """What the API says of a kept file (an operations attachment, a coordination document):
    each app's schema adds its owner's ids, its kind and `resolve_url`."""

    id: int
    client_id: UUID = Field(alias="uuid")
    name: str
    content_type: str
    size: int
    sha256: str
    note: str
    created_at: datetime
    url: str


class UnitRef(Schema):
    """An organisational unit named in a record (a party, a participant): its id and name."""

    id: int
    name: str


class Page(BaseModel, Generic[T]):
    count: int
    page: int
    pages: int
    items: list[T]


PAGE_SIZE_MAX = 200


def paginate(queryset: QuerySet[Any] | Sequence[Any], page: int, size: int) -> dict[str, Any]:
    size = max(1, min(size, PAGE_SIZE_MAX))
    count = queryset.count() if isinstance(queryset, QuerySet) else len(queryset)
    pages = max(1, -(-count // size))
    page = max(1, min(page, pages))
    start = (page - 1) * size
    return {
        "count": count,
        "page": page,
        "pages": pages,
        "items": list(queryset[start : start + size]),
    }


class FieldError(BaseModel):
    field: str = Field(description="Trường có lỗi ('' : cả yêu cầu).")
    message: str


class Error(BaseModel):
    """Every failure's answer: what went wrong, and each field at fault."""

    detail: str
    errors: list[FieldError]


class Conflict(BaseModel, Generic[T]):
    """A 409: the edit was made on an older version; `current` is the record as it stands."""

    detail: str
    errors: list[FieldError]
    current: T


def conflict(stale: Stale) -> Status:
    """The 409 answer to a stale edit, `current` shaped by the operation's own 409 schema."""
    return Status(
        409,
        {
            "detail": stale.message,
            "errors": [{"field": "version", "message": stale.message}],
            "current": stale.current,
        },
    )


class PageQuery(In):
    page: int = Field(1, ge=1)
    size: int = Field(50, ge=1, le=PAGE_SIZE_MAX)


# --- errors ---------------------------------------------------------------------------------

_PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("Trường này là bắt buộc."),
    "extra_forbidden": gettext_lazy("Trường này không được chấp nhận."),
    "string_type": gettext_lazy("Phải là một chuỗi ký tự."),
    "int_type": gettext_lazy("Phải là một số nguyên."),
    "int_parsing": gettext_lazy("Phải là một số nguyên."),
    "int_from_float": gettext_lazy("Phải là một số nguyên."),
    "float_type": gettext_lazy("Phải là một số."),
    "float_parsing": gettext_lazy("Phải là một số."),
    "decimal_parsing": gettext_lazy("Phải là một số."),
    "bool_type": gettext_lazy("Phải là đúng hoặc sai (true/false)."),
    "bool_parsing": gettext_lazy("Phải là đúng hoặc sai (true/false)."),
    "date_type": gettext_lazy("Phải là một ngày (YYYY-MM-DD)."),
    "date_parsing": gettext_lazy("Phải là một ngày (YYYY-MM-DD)."),
    "date_from_datetime_parsing": gettext_lazy("Phải là một ngày (YYYY-MM-DD)."),
    "datetime_type": gettext_lazy("Phải là một thời điểm (ISO 8601)."),
    "datetime_parsing": gettext_lazy("Phải là một thời điểm (ISO 8601)."),
    "datetime_from_date_parsing": gettext_lazy("Phải là một thời điểm (ISO 8601)."),
    "enum": gettext_lazy("Giá trị không nằm trong danh sách cho phép: {expected}."),
    "literal_error": gettext_lazy("Giá trị không nằm trong danh sách cho phép: {expected}."),
    "string_too_short": gettext_lazy("Phải có ít nhất {min_length} ký tự."),
    "string_too_long": gettext_lazy("Không được dài quá {max_length} ký tự."),
    "greater_than_equal": gettext_lazy("Phải lớn hơn hoặc bằng {ge}."),
    "greater_than": gettext_lazy("Phải lớn hơn {gt}."),
    "less_than_equal": gettext_lazy("Phải nhỏ hơn hoặc bằng {le}."),
    "less_than": gettext_lazy("Phải nhỏ hơn {lt}."),
    "model_attributes_type": gettext_lazy("Phải là một đối tượng JSON."),
    "model_type": gettext_lazy("Phải là một đối tượng JSON."),
    "dict_type": gettext_lazy("Phải là một đối tượng JSON."),
    "list_type": gettext_lazy("Phải là một danh sách."),
    "json_invalid": gettext_lazy("Nội dung không phải JSON hợp lệ."),
}
_LOCATION_PREFIXES = {"body", "query", "path", "header", "cookie", "form"}


def _field(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in _LOCATION_PREFIXES:
        parts = parts[1:]
        # A body parsed into one schema parameter is reported under that parameter's name.
        if len(parts) > 1 and parts[0] == "payload":
            parts = parts[1:]
    return ".".join(parts) or "body"


def _message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    template = _PYDANTIC_MESSAGES.get(kind)
    if template is None:
        return str(error.get("msg") or _("Giá trị không hợp lệ."))
    try:
        return str(template).format(**(error.get("ctx") or {}))
    except (KeyError, IndexError):
        return str(template)


def error_body(detail: str, errors: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"detail": detail, "errors": errors or []}


def install_error_handlers(api: NinjaAPI) -> None:
    def respond(
        request: HttpRequest, status: int, detail: str, errors: list[dict[str, str]] | None = None
    ) -> HttpResponse:
        return api.create_response(request, error_body(detail, errors), status=status)

    @api.exception_handler(ValidationError)
    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [{"field": _field(e.get("loc", ())), "message": _message(e)} for e in exc.errors]
        return respond(request, 422, _("Dữ liệu gửi lên không hợp lệ."), errors)

    @api.exception_handler(DomainError)
    def on_domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
        errors = [{"field": exc.field or "", "message": exc.message}]
        return respond(request, 422, exc.message, errors)

    @api.exception_handler(Rejected)
    def on_rejected(request: HttpRequest, exc: Rejected) -> HttpResponse:
        return api.create_response(
            request, {"detail": exc.detail, "errors": exc.errors}, status=422
        )

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(
            request,
            401,
            _("Chưa đăng nhập, hoặc mã truy cập không hợp lệ, đã hết hạn hay đã bị thu hồi."),
        )

    @api.exception_handler(PermissionDenied)
    def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return respond(request, 403, _("Vai trò của bạn không được phép thực hiện thao tác này."))

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, _("Không tìm thấy."))

    @api.exception_handler(RequestDataTooBig)
    def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        detail = _("Nội dung yêu cầu quá lớn.")
        return respond(request, 413, detail, [{"field": "body", "message": detail}])

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:  # ninja's "Cannot parse request body"
            detail = _("Nội dung yêu cầu không phải JSON hợp lệ.")
            return respond(request, 400, detail, [{"field": "body", "message": detail}])
        if exc.status_code == 401:
            return on_unauthenticated(request, AuthenticationError())
        if exc.status_code == 403:
            return on_forbidden(request, PermissionDenied())
        return respond(request, exc.status_code, str(exc))

    api.add_decorator(_stale_as_conflict, mode="operation")


def _stale_as_conflict(view: Callable[..., Any]) -> Callable[..., Any]:
    """Every operation: an edit on an old version (`Stale`, raised by a service) answers 409
    with the record as it stands, shaped by the 409 schema the operation declares."""

    @functools.wraps(view)
    def run(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        try:
            return view(request, *args, **kwargs)
        except Stale as stale:
            return conflict(stale)

    return run


# --- the OpenAPI document --------------------------------------------------------------------


class SchemaNameTaken(ConfigError):
    """Two different schemas of one name: the document would show one of them for both."""


# What each error status of an operation means, where the operation can answer it.
_ERRORS = {
    400: "Nội dung yêu cầu không phải JSON hợp lệ.",
    401: "Chưa đăng nhập, hoặc mã truy cập không hợp lệ, đã hết hạn hay đã bị thu hồi.",
    403: "Vai trò không có quyền thực hiện thao tác, hoặc thiếu mã CSRF của phiên đăng nhập.",
    404: "Không tìm thấy, hoặc ngoài phạm vi đơn vị của người gọi.",
    413: "Nội dung yêu cầu quá lớn.",
    422: "Dữ liệu không hợp lệ: `errors` nêu từng trường và lỗi của nó.",
}


def _error_statuses(method: str, details: dict[str, Any]) -> list[int]:
    """The errors an operation can answer, from what it takes: every one needs a caller (401);
    one that needs a permission, or writes (CSRF), can refuse (403); one that takes input can
    name what the caller cannot see (404) or send what is wrong (422); one with a body can
    send too much (413) or, in JSON, not JSON at all (400)."""
    statuses = [401]
    if details.get("x-permission") != "authenticated" or method != "get":
        statuses.append(403)
    body = details.get("requestBody", {}).get("content", {})
    if details.get("parameters") or body:
        statuses += [404, 422]
    if body:
        statuses.append(413)
    if "application/json" in body:
        statuses.append(400)
    return sorted(statuses)


class _Document(OpenAPISchema):
    """Ninja's OpenAPI document, refusing two schemas of one name (it would keep the last one
    made and show it for both) and documenting the errors every operation can answer, in the
    one `Error` shape."""

    def add_schema_definitions(self, definitions: dict[str, Any]) -> None:
        for name, schema in definitions.items():
            if self.schemas.get(name, schema) != schema:
                raise SchemaNameTaken(f"two different schemas are named {name!r}: rename one")
        super().add_schema_definitions(definitions)

    def operation_details(self, operation: Operation) -> dict[str, Any]:
        details = super().operation_details(operation)
        if "Error" not in self.schemas:
            schema = Error.model_json_schema(ref_template=REF_TEMPLATE, mode="serialization")
            self.add_schema_definitions({**schema.pop("$defs"), "Error": schema})
        for method in operation.methods:
            for status in _error_statuses(method.lower(), details):
                details["responses"].setdefault(
                    status,
                    {
                        "description": _ERRORS[status],
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                        },
                    },
                )
        return details


class Api(NinjaAPI):
    """The project's NinjaAPI: its OpenAPI document is `_Document`."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return _Document(self, path_prefix)
