"""The caller's notifications in the API: the list (unread first, or unread only), the unread
count, and marking one or all read. Nobody reaches another user's notifications (404)."""

from datetime import datetime

from ninja import Query, Router, Schema
from pydantic import Field

from biengioi.core.api import AuthedRequest, Page, PageQuery, paginate, perm
from biengioi.core.search import MAX_LENGTH

from . import selectors, services
from .models import Notification

router = Router(tags=["notifications"])
ANYONE = perm(None)


class NotificationOut(Schema):
    id: int
    key: str = Field(description="Điều thông báo nói về (mỗi người nhận một lần mỗi khóa).")
    title: str
    body: str
    link: str = Field(description="Đường dẫn trang liên quan, ví dụ /coordination/tasks/42/.")
    created_at: datetime
    read_at: datetime | None
    emailed_at: datetime | None


class NotificationFilter(PageQuery):
    q: str = Field("", max_length=MAX_LENGTH, description="words to find, accents and case ignored")
    unread: bool = Field(False, description="Chỉ thông báo chưa đọc.")


class UnreadCount(Schema):
    unread: int


class Marked(Schema):
    marked: int


@router.get("/notifications", response=Page[NotificationOut], **ANYONE)
def list_notifications(request: AuthedRequest, filters: Query[NotificationFilter]) -> dict:
    rows = selectors.notification_list(actor=request.auth, q=filters.q, unread=filters.unread)
    return paginate(rows, filters.page, filters.size)


@router.get("/notifications/unread-count", response=UnreadCount, **ANYONE)
def unread_count(request: AuthedRequest) -> dict:
    return {"unread": selectors.unread_count(actor=request.auth)}


@router.post("/notifications/read-all", response=Marked, **ANYONE)
def read_all(request: AuthedRequest) -> dict:
    return {"marked": services.notifications_mark_all_read(actor=request.auth)}


@router.post("/notifications/{int:notification_id}/read", response=NotificationOut, **ANYONE)
def mark_read(request: AuthedRequest, notification_id: int) -> Notification:
    return services.notification_mark_read(actor=request.auth, notification_id=notification_id)
