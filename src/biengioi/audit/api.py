from datetime import date, datetime
from typing import Any

from ninja import Query, Router, Schema
from pydantic import Field

from biengioi.core.api import AuthedRequest, Page, PageQuery, paginate, perm
from biengioi.core.search import MAX_LENGTH

from . import selectors
from .models import AuditRecord

router = Router(tags=["audit"])


class AuditOut(Schema):
    id: int
    seq: int
    at: datetime
    actor_id: int | None
    actor_username: str
    action: str
    object_type: str
    object_id: str
    before: Any
    after: Any
    request_id: str
    hash: str


class AuditFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    action: str = ""
    object_type: str = ""
    username: str = ""
    request_id: str = ""
    since: date | None = None
    until: date | None = None


@router.get("/audit", response=Page[AuditOut], **perm("audit.view"))
def list_audit(request: AuthedRequest, filters: Query[AuditFilter]) -> dict:
    records = selectors.audit_list(
        actor=request.auth, **filters.model_dump(exclude={"page", "size"})
    )
    return paginate(records, filters.page, filters.size)


@router.get("/audit/{int:record_id}", response=AuditOut, **perm("audit.view"))
def get_audit(request: AuthedRequest, record_id: int) -> AuditRecord:
    return selectors.audit_get(actor=request.auth, record_id=record_id)
