"""The navigation menu, grouped by the work rather than by the table.

Each entry belongs to a group and is shown to the roles that hold its permission and, when the
entry names `roles`, only to those: a field officer may read the province's budget lines of
his post, but "Kinh phí" is not work he does, so it is not in his menu (the page stays open to
a link). Each role sees the groups in the order of its daily work (`ORDER`). The API's
documentation and tokens, like the language and signing out, sit in the user's own menu
(`OWN`), not among the work.
"""

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from biengioi.core import access
from biengioi.core.access import Role

BORDER = "border"
PATROL = "patrol"
CRIME = "crime"
COMMUNITY = "community"
COORDINATION = "coordination"
ADMIN = "admin"
TOP = ""  # entries shown on their own, before the groups
OWN = "own"  # the user's own menu

GROUPS: dict[str, Promise] = {
    BORDER: _("Biên giới và mốc"),
    PATROL: _("Tuần tra và vụ việc"),
    CRIME: _("Phòng chống tội phạm"),
    COMMUNITY: _("Dân vận và phong trào"),
    COORDINATION: _("Phối hợp, nhiệm vụ và báo cáo"),
    ADMIN: _("Quản trị"),
}

# each role's groups, the work it does most first
ORDER: dict[str, list[str]] = {
    Role.FIELD_OFFICER: [PATROL, BORDER, CRIME, COMMUNITY, COORDINATION],
    Role.UNIT_STAFF: [PATROL, BORDER, CRIME, COMMUNITY, COORDINATION, ADMIN],
    Role.SECRETARIAT: [COORDINATION, PATROL, BORDER, CRIME, COMMUNITY, ADMIN],
    Role.LEADER: [COORDINATION, PATROL, BORDER, CRIME, COMMUNITY, ADMIN],
    Role.ADMINISTRATOR: [ADMIN, BORDER, PATROL, CRIME, COMMUNITY, COORDINATION],
}

# who keeps the books, the units and the people: not a post's daily work
_OFFICE = frozenset({Role.UNIT_STAFF, Role.SECRETARIAT, Role.LEADER, Role.ADMINISTRATOR})


@dataclass(frozen=True)
class Entry:
    key: str
    label: Promise
    url_name: str
    permission: str | None
    group: str
    roles: frozenset[Role] | None = None  # None: every role holding the permission


ENTRIES = [
    Entry("home", _("Tổng quan"), "web:home", None, TOP),
    Entry("map", _("Bản đồ tình hình"), "web:map", "registry.view", TOP),
    Entry("patrols", _("Tuần tra"), "operations:patrols", "operations.view", PATROL),
    Entry("coverage", _("Độ phủ tuần tra (GPS)"), "geo:coverage", "registry.view", PATROL),
    Entry("incidents", _("Vụ việc biên giới"), "operations:incidents", "operations.view", PATROL),
    Entry("rescues", _("Cứu hộ, cứu nạn"), "operations:rescues", "operations.view", PATROL),
    Entry(
        "gate_traffic",
        _("Lưu lượng qua cửa khẩu"),
        "operations:gate_traffic",
        "operations.view",
        PATROL,
    ),
    Entry("markers", _("Mốc quốc giới"), "registry:markers", "registry.view", BORDER),
    Entry("markers_due", _("Mốc cần kiểm tra"), "web:markers_due", "registry.view", BORDER),
    Entry("repairs", _("Sửa chữa mốc"), "operations:repairs", "operations.view", BORDER),
    Entry("sections", _("Đoạn biên giới"), "registry:sections", "registry.view", BORDER),
    Entry("gates", _("Cửa khẩu"), "registry:gates", "registry.view", BORDER),
    Entry("signs", _("Biển báo"), "registry:signs", "registry.view", BORDER),
    Entry("organisations", _("Tổ chức"), "registry:organisations", "registry.view", BORDER),
    Entry("admin_units", _("Đơn vị hành chính"), "registry:admin_units", "registry.view", BORDER),
    Entry("crime", _("Vụ án, vụ việc"), "operations:crime_cases", "operations.view", CRIME),
    Entry(
        "crime_operations",
        _("Chuyên án, kế hoạch cao điểm"),
        "operations:crime_operations",
        "operations.view",
        CRIME,
    ),
    Entry("handovers", _("Tiếp nhận, trao trả"), "operations:handovers", "operations.view", CRIME),
    Entry("propaganda", _("Tuyên truyền"), "community:propaganda", "community.view", COMMUNITY),
    Entry("teams", _("Tổ tự quản"), "community:teams", "community.view", COMMUNITY),
    Entry("training", _("Tập huấn"), "community:training_courses", "community.view", COMMUNITY),
    Entry(
        "programmes",
        _("Chương trình an sinh"),
        "community:programmes",
        "community.view",
        COMMUNITY,
    ),
    Entry("twinning", _("Kết nghĩa"), "community:twinnings", "community.view", COMMUNITY),
    Entry(
        "emulation",
        _("Thi đua"),
        "community:emulation_movements",
        "community.view",
        COMMUNITY,
    ),
    Entry("awards", _("Khen thưởng"), "community:awards", "community.view", COMMUNITY),
    Entry("owed", _("Báo cáo phải nộp"), "coordination:owed", "coordination.view", COORDINATION),
    Entry("tasks", _("Nhiệm vụ"), "coordination:tasks", "coordination.view", COORDINATION),
    Entry(
        "compliance",
        _("Thực hiện chế độ báo cáo"),
        "coordination:compliance",
        "coordination.view",
        COORDINATION,
    ),
    Entry("reports", _("Báo cáo định kỳ"), "reports:reports", "reports.view", COORDINATION),
    Entry(
        "conferences",
        _("Hội nghị"),
        "coordination:conferences",
        "coordination.view",
        COORDINATION,
    ),
    Entry("talks", _("Hội đàm"), "coordination:talks_list", "coordination.view", COORDINATION),
    Entry(
        "exchanges",
        _("Trao đổi thông tin"),
        "coordination:exchanges",
        "coordination.view",
        COORDINATION,
    ),
    Entry(
        "regulations",
        _("Quy chế phối hợp"),
        "coordination:regulations",
        "coordination.view",
        COORDINATION,
    ),
    Entry(
        "budget",
        _("Kinh phí"),
        "coordination:budget",
        "coordination.view",
        COORDINATION,
        _OFFICE,
    ),
    Entry("users", _("Người dùng"), "web:users", "user.view", ADMIN),
    Entry("units", _("Đơn vị"), "web:units", "unit.view", ADMIN, _OFFICE),
    Entry("audit", _("Nhật ký hệ thống"), "web:audit", "audit.view", ADMIN),
    Entry("notifications", _("Thông báo"), "notifications:list", None, OWN),
    Entry("tokens", _("Mã truy cập API"), "accounts:tokens", "token.manage", OWN),
    Entry("api", _("Tài liệu API"), "api:openapi-view", None, OWN),
]


@dataclass(frozen=True)
class Link:
    key: str
    label: Promise
    url: str
    current: str  # "page" on the entry's own page, "true" on a record under it, else ""


@dataclass(frozen=True)
class Group:
    key: str
    label: Promise
    links: list[Link]

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


@dataclass(frozen=True)
class Menu:
    top: list[Link]
    groups: list[Group]
    own: list[Link]


def entries_for(user: Any) -> list[Entry]:
    """The entries the user may follow, in the order of their role's work."""
    if not getattr(user, "is_authenticated", False):
        return []
    verified = getattr(user, "is_verified", lambda: False)()  # set by django-otp's middleware
    if getattr(user, "needs_second_factor", False) and not verified:
        return []  # nothing to offer before the second factor
    order = [TOP, *ORDER.get(user.role, []), OWN]
    shown = [
        e
        for e in ENTRIES
        if (e.permission is None or access.can(user, e.permission))
        and (e.roles is None or user.role in e.roles)
        and e.group in order
    ]
    return sorted(shown, key=lambda e: order.index(e.group))


def _current(url: str, path: str) -> str:
    if path == url:
        return "page"
    if url != "/" and path.startswith(url):
        return "true"
    return ""


def menu_for(user: Any, path: str) -> Menu:
    """The user's menu with the entry of the page at `path` marked: the page itself, or the
    list a record's page belongs to (the longest list address the path starts with)."""
    links = [(e, reverse(e.url_name)) for e in entries_for(user)]
    under = [url for _e, url in links if _current(url, path)]
    best = max(under, key=len, default=None)

    def link(entry: Entry, url: str) -> Link:
        return Link(entry.key, entry.label, url, _current(url, path) if url == best else "")

    groups = [
        Group(key, GROUPS[key], [link(e, url) for e, url in links if e.group == key])
        for key in ORDER.get(getattr(user, "role", ""), [])
    ]
    return Menu(
        top=[link(e, url) for e, url in links if e.group == TOP],
        groups=[g for g in groups if g.links],
        own=[link(e, url) for e, url in links if e.group == OWN],
    )
