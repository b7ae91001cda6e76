"""The sample province for the demo: a few real unit names of Quảng Trị, marked as sample data.

Figures and people are invented; every unit carries `is_sample=True` and the pages say so.
"""

from .models import OrgUnit, UnitKind
from .services import unit_create

PROVINCE_CODE = "MAU-QT"

# (code, name, kind, parent code)
UNITS = [
    (PROVINCE_CODE, "Tỉnh Quảng Trị (dữ liệu mẫu)", UnitKind.PROVINCE, None),
    (
        "MAU-QT-BCD",
        "Ban Chỉ đạo công tác biên giới tỉnh",
        UnitKind.STEERING_COMMITTEE,
        PROVINCE_CODE,
    ),
    ("MAU-QT-SNGV", "Sở Ngoại vụ", UnitKind.FOREIGN_AFFAIRS, PROVINCE_CODE),
    (
        "MAU-QT-BDBP",
        "Ban Chỉ huy Bộ đội Biên phòng tỉnh",
        UnitKind.BORDER_GUARD_COMMAND,
        PROVINCE_CODE,
    ),
    (
        "MAU-QT-DBP-LAOBAO",
        "Đồn Biên phòng Cửa khẩu Quốc tế Lao Bảo",
        UnitKind.BORDER_POST,
        "MAU-QT-BDBP",
    ),
    ("MAU-QT-DBP-LALAY", "Đồn Biên phòng Cửa khẩu La Lay", UnitKind.BORDER_POST, "MAU-QT-BDBP"),
    ("MAU-QT-DBP-HUONGPHUNG", "Đồn Biên phòng Hướng Phùng", UnitKind.BORDER_POST, "MAU-QT-BDBP"),
    ("MAU-QT-XA-LAOBAO", "Xã Lao Bảo", UnitKind.COMMUNE, PROVINCE_CODE),
    ("MAU-QT-XA-HUONGPHUNG", "Xã Hướng Phùng", UnitKind.COMMUNE, PROVINCE_CODE),
    ("MAU-QT-XA-LALAY", "Xã La Lay", UnitKind.COMMUNE, PROVINCE_CODE),
]


def load_sample_province() -> OrgUnit:
    """Create the sample units that are missing; running it again changes nothing."""
    for code, name, kind, parent_code in UNITS:
        if OrgUnit.objects.filter(code=code).exists():
            continue
        parent = OrgUnit.objects.get(code=parent_code) if parent_code else None
        unit_create(
            actor=None,
            code=code,
            name=name,
            kind=kind,
            parent_id=parent.pk if parent else None,
            is_sample=True,
        )
    return OrgUnit.objects.get(code=PROVINCE_CODE)
