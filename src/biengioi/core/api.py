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
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import get_language_from_request, gettext_lazy, override
from django.utils.translation import gettext as _
from django.views import defaults
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, ConfigError, HttpError, ValidationError
from ninja.openapi.schema import REF_TEMPLATE, OpenAPISchema
from ninja.operation import Operation
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, GetCoreSchemaHandler
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from . import access
from .errors import DomainError, Rejected, Stale
from .limits import ID_MIN, INT_MAX, INT_MIN, check_day, is_id_field
from .text import clean_text, refuse_unsafe


class AuthedRequest(HttpRequest):
    """A request that passed its operation's Gate: `auth` is the signed-in user."""

    auth: Any


def _domain_check(check: Callable[..., Any]) -> Callable[[Any], Any]:
    """A pydantic validator from a check that raises DomainError (its field named by pydantic)."""

    def validate(value: Any) -> Any:
        try:
            return check(value, field="")
        except DomainError as exc:
            raise PydanticCustomError(str(exc.code), exc.message) from exc

    return validate


_check_day = _domain_check(check_day)
_check_text = _domain_check(refuse_unsafe)


_INNER = {
    "schema", "items_schema", "values_schema", "keys_schema", "choices", "steps",
    "lax_schema", "strict_schema", "json_schema", "python_schema",
}  # fmt: skip


def _held(schema: Any, *, is_id: bool) -> Any:
    """`schema` with every integer, date, moment and string in it held to core.limits and the
    text cleaner's rules, as new dicts (the ones pydantic keeps for other models are not
    touched). Nested models are their own `In` or are left alone."""
    if not isinstance(schema, dict) or schema.get("type") in ("model", "definitions"):
        return schema
    kind = schema.get("type")
    if kind == "int":
        low = ID_MIN if is_id else INT_MIN
        bounded = dict(schema)
        if "gt" not in bounded:
            bounded["ge"] = max(bounded.get("ge", low), low)
        if "lt" not in bounded:
            bounded["le"] = min(bounded.get("le", INT_MAX), INT_MAX)
        return bounded
    if kind in ("date", "datetime"):
        return core_schema.no_info_after_validator_function(_check_day, schema)
    if kind == "str":
        return core_schema.no_info_after_validator_function(_check_text, schema)

    def held(inner: Any) -> Any:
        if isinstance(inner, dict) and "type" not in inner:  # a tagged union's choices
            return {tag: held(choice) for tag, choice in inner.items()}
        if isinstance(inner, list | tuple):  # a union's choices, a tuple's items, a chain
            return type(inner)(held(item) for item in inner)
        return _held(inner, is_id=is_id)

    return {key: held(inner) if key in _INNER else inner for key, inner in schema.items()}


class In(Schema):
    """Base of every request body and query: unknown fields are refused, not ignored; every
    integer is one a 64-bit column holds (an id from 1), every date and moment within
    core.limits, every string free of what the text cleaner refuses (a NUL byte, which
    PostgreSQL cannot take, a right-to-left override); each refused with a 422 naming the field,
    before anything reads it."""

    model_config = ConfigDict(extra="forbid")

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[BaseModel], handler: GetCoreSchemaHandler, /
    ) -> CoreSchema:
        schema = handler(source)
        node: Any = schema
        while node.get("type") != "model":  # the model under ninja's wrap validator
            node = node["schema"]
        fields = node["schema"]["fields"]
        for name, field in fields.items():
            fields[name] = {**field, "schema": _held(field["schema"], is_id=is_id_field(name))}
        return schema


def _text(multiline: bool) -> Any:
    clean = _domain_check(lambda value, field: clean_text(value, field=field, multiline=multiline))
    # a value that is not a string is left to the str type check, which names the error
    return BeforeValidator(lambda value: clean(value) if isinstance(value, str) else value)


Line = Annotated[str, _text(multiline=False)]
"""One line of text: NFC, stripped, no control or invisible characters (core.text)."""
Paragraph = Annotated[str, _text(multiline=True)]
"""Multi-line text: as Line, but newlines and tabs are kept."""


# Set once by the project's API wiring: the ways a caller proves who they are, in order.
authenticators: list[Callable[[HttpRequest], Any]] = []


class CsrfRejected(PermissionDenied):
    """A browser session's write without its CSRF token (or with a wrong one): a 403 that says
    so, not that the role is not allowed."""


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


def _api_error(request: HttpRequest, status: int, detail: str) -> HttpResponse | None:
    """The JSON error of a request under /api/ that Django answers itself (no route matched,
    an exception no handler took); None for a page."""
    if not request.path.startswith("/api/"):
        return None
    return JsonResponse(error_body(detail), status=status)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 404 (handler404): the JSON error under /api/, the page elsewhere."""
    with override(get_language_from_request(request)):
        answer = _api_error(request, 404, _("Không tìm thấy."))
    return answer or defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500 (handler500), after it has logged the exception: the JSON error under
    /api/, with the request id to quote, the page elsewhere."""
    with override(get_language_from_request(request)):
        answer = _api_error(
            request,
            500,
            _(
                "Lỗi máy chủ khi xử lý yêu cầu (mã yêu cầu {request_id}); hãy báo quản trị viên."
            ).format(request_id=getattr(request, "request_id", "")),
        )
    return answer or defaults.server_error(request)


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

    @api.exception_handler(CsrfRejected)
    def on_csrf(request: HttpRequest, exc: CsrfRejected) -> HttpResponse:
        detail = _(
            "Thiếu mã chống giả mạo yêu cầu (CSRF token) hoặc mã không đúng: gửi lại mã trong "
            "header X-CSRFToken, hoặc dùng mã truy cập (Bearer) thay cho phiên đăng nhập."
        )
        return respond(request, 403, detail, [{"field": "X-CSRFToken", "message": detail}])

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
