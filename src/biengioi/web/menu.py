"""The navigation menu: each entry is shown to the roles that hold its permission."""

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from biengioi.core import access


@dataclass(frozen=True)
class Entry:
    key: str
    label: Promise
    url_name: str
    permission: str | None


ENTRIES = [
    Entry("home", _("Tổng quan"), "web:home", None),
    Entry("map", _("Bản đồ tình hình"), "web:map", "registry.view"),
    Entry("notifications", _("Thông báo"), "notifications:list", None),
    Entry("patrols", _("Tuần tra"), "operations:patrols", "operations.view"),
    Entry("repairs", _("Sửa chữa mốc"), "operations:repairs", "operations.view"),
    Entry("incidents", _("Vụ việc biên giới"), "operations:incidents", "operations.view"),
    Entry("crime", _("Phòng chống tội phạm"), "operations:crime_cases", "operations.view"),
    Entry("handovers", _("Tiếp nhận, trao trả"), "operations:handovers", "operations.view"),
    Entry("rescues", _("Cứu hộ, cứu nạn"), "operations:rescues", "operations.view"),
    Entry(
        "gate_traffic", _("Lưu lượng qua cửa khẩu"), "operations:gate_traffic", "operations.view"
    ),
    Entry("teams", _("Tổ tự quản"), "community:teams", "community.view"),
    Entry("training", _("Tập huấn"), "community:training_courses", "community.view"),
    Entry("propaganda", _("Tuyên truyền"), "community:propaganda", "community.view"),
    Entry("programmes", _("Chương trình an sinh"), "community:programmes", "community.view"),
    Entry("twinning", _("Kết nghĩa"), "community:twinnings", "community.view"),
    Entry("emulation", _("Thi đua"), "community:emulation_movements", "community.view"),
    Entry("awards", _("Khen thưởng"), "community:awards", "community.view"),
    Entry("conferences", _("Hội nghị"), "coordination:conferences", "coordination.view"),
    Entry("tasks", _("Nhiệm vụ"), "coordination:tasks", "coordination.view"),
    Entry("talks", _("Hội đàm"), "coordination:talks_list", "coordination.view"),
    Entry("exchanges", _("Trao đổi thông tin"), "coordination:exchanges", "coordination.view"),
    Entry("regulations", _("Quy chế phối hợp"), "coordination:regulations", "coordination.view"),
    Entry("owed", _("Báo cáo phải nộp"), "coordination:owed", "coordination.view"),
    Entry(
        "compliance", _("Thực hiện chế độ báo cáo"), "coordination:compliance", "coordination.view"
    ),
    Entry("budget", _("Kinh phí"), "coordination:budget", "coordination.view"),
    Entry("reports", _("Báo cáo định kỳ"), "reports:reports", "reports.view"),
    Entry("markers", _("Mốc quốc giới"), "registry:markers", "registry.view"),
    Entry("sections", _("Đoạn biên giới"), "registry:sections", "registry.view"),
    Entry("gates", _("Cửa khẩu"), "registry:gates", "registry.view"),
    Entry("signs", _("Biển báo"), "registry:signs", "registry.view"),
    Entry("organisations", _("Tổ chức"), "registry:organisations", "registry.view"),
    Entry("admin_units", _("Đơn vị hành chính"), "registry:admin_units", "registry.view"),
    Entry("units", _("Đơn vị"), "web:units", "unit.view"),
    Entry("users", _("Người dùng"), "web:users", "user.view"),
    Entry("audit", _("Nhật ký hệ thống"), "web:audit", "audit.view"),
    Entry("tokens", _("Mã truy cập API"), "accounts:tokens", "token.manage"),
    Entry("api", _("Tài liệu API"), "api:openapi-view", None),
]


def entries_for(user: Any) -> list[Entry]:
    if not getattr(user, "is_authenticated", False):
        return []
    verified = getattr(user, "is_verified", lambda: False)()  # set by django-otp's middleware
    if getattr(user, "needs_second_factor", False) and not verified:
        return []  # nothing to offer before the second factor
    return [e for e in ENTRIES if e.permission is None or access.can(user, e.permission)]
