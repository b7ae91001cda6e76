"""The id of the request being served, for logs and audit records."""

import re
import uuid
from contextvars import ContextVar

_current: ContextVar[str | None] = ContextVar("biengioi_request_id", default=None)
_ACCEPTABLE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def new(incoming: str | None = None) -> str:
    """Keep a well-formed id sent by the proxy (X-Request-ID), otherwise make one."""
    rid = incoming if incoming and _ACCEPTABLE.match(incoming) else uuid.uuid4().hex
    _current.set(rid)
    return rid


def current() -> str | None:
    return _current.get()


def clear() -> None:
    _current.set(None)
