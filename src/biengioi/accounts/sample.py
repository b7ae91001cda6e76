"""One demo user per role in the sample province, with a published demo password."""

from biengioi.core.access import Role
from biengioi.registry.models import OrgUnit

from .models import User
from .services import user_create

DEMO_PASSWORD = "BienGioi-Demo-2025"  # noqa: S105 - sample data, printed by `biengioi demo`

# (username, full name, role, unit code)
DEMO_USERS = [
    ("canbo.phulang", "Nguyễn Văn Hùng", Role.FIELD_OFFICER, "MAU-BC-DBP-CKPHULANG"),
    ("nghiepvu.bdbp", "Trần Thị Lan", Role.UNIT_STAFF, "MAU-BC-BDBP"),
    ("thuongtruc.bcd", "Lê Minh Tuấn", Role.SECRETARIAT, "MAU-BC"),
    ("lanhdao.tinh", "Phạm Quốc Bảo", Role.LEADER, "MAU-BC"),
    ("quantri", "Hoàng Thị Mai", Role.ADMINISTRATOR, "MAU-BC"),
]


def create_demo_users() -> list[tuple[str, str, str]]:
    """Create the missing demo users; returns (username, role label, unit name) for each."""
    rows = []
    for username, full_name, role, unit_code in DEMO_USERS:
        unit = OrgUnit.objects.get(code=unit_code)
        if not User.objects.filter(username=username).exists():
            user_create(
                actor=None,
                username=username,
                password=DEMO_PASSWORD,
                unit_id=unit.pk,
                role=role,
                full_name=full_name,
            )
        rows.append((username, str(role.label), unit.name))
    return rows
