"""The sample province for the demo: fictional, marked "DỮ LIỆU MẪU" wherever it shows.

Tỉnh Biên Cương borders Laos along about 150 km, kept by three border posts, each with its
section and communes; about 120 markers (single, double, triple, secondary, reference posts)
with status histories. Names, places and figures are invented; the geometry is generated,
deterministically, inside the range the system accepts for Vietnam's borders.

What the law dates stays put (the 2025 reform, committee terms, markers planted); what the
posts observed (the markers' last findings, the suspension of the Ta Lu opening) is dated
before the reference day the sample is loaded for.
"""

import random
from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from shapely import LineString

from biengioi.core import geo

from .models import AdminUnit, BorderLine, BorderSection, OrgUnit, UnitKind
from .services import (
    admin_unit_create,
    border_line_create,
    committee_member_add,
    counterpart_create,
    gate_create,
    gate_status_record,
    marker_create,
    marker_status_record,
    section_commune_set,
    section_create,
    sign_create,
    unit_create,
)

PROVINCE_CODE = "MAU-BC"
SAMPLE = "DỮ LIỆU MẪU"
# the earliest reference day: the province formed on 01/07/2025 and the fixed days below
# (terms, reference posts' and signs' checks) all fall before it
EARLIEST_DAY = date(2026, 1, 1)

UNITS = [
    (PROVINCE_CODE, f"Tỉnh Biên Cương ({SAMPLE})", UnitKind.PROVINCE, None),
    (
        "MAU-BC-BCD",
        "Ban Chỉ đạo công tác biên giới tỉnh",
        UnitKind.STEERING_COMMITTEE,
        PROVINCE_CODE,
    ),
    ("MAU-BC-SNGV", "Sở Ngoại vụ", UnitKind.FOREIGN_AFFAIRS, PROVINCE_CODE),
    (
        "MAU-BC-BDBP",
        "Ban Chỉ huy Bộ đội Biên phòng tỉnh",
        UnitKind.BORDER_GUARD_COMMAND,
        PROVINCE_CODE,
    ),
    ("MAU-BC-DBP-NAMSON", "Đồn Biên phòng Nậm Sơn", UnitKind.BORDER_POST, "MAU-BC-BDBP"),
    (
        "MAU-BC-DBP-CKPHULANG",
        "Đồn Biên phòng Cửa khẩu Quốc tế Phù Lang",
        UnitKind.BORDER_POST,
        "MAU-BC-BDBP",
    ),
    ("MAU-BC-DBP-TALU", "Đồn Biên phòng Ta Lu", UnitKind.BORDER_POST, "MAU-BC-BDBP"),
    ("MAU-BC-CA", "Công an tỉnh", UnitKind.AGENCY, PROVINCE_CODE),
] + [
    (f"MAU-BC-XA-{i:02d}", f"Xã {name}", UnitKind.COMMUNE, PROVINCE_CODE)
    for i, name in enumerate(
        [
            "Nậm Sơn",
            "Pa Hin",
            "Tà Rụt",
            "Hướng Lâm",
            "Phù Lang",
            "Thuận Hòa",
            "A Vao",
            "Ta Lu",
            "Húc Nghì",
            "Cà Ven",
            "Bản Mới",
            "Lìa Khê",
        ],
        1,
    )
]

# A wandering line from the north-west to the south-east, about 150 km.
_LINE = [
    (106.20, 17.30),
    (106.26, 17.21),
    (106.31, 17.15),
    (106.30, 17.06),
    (106.36, 16.98),
    (106.42, 16.93),
    (106.45, 16.84),
    (106.52, 16.78),
    (106.55, 16.70),
    (106.62, 16.64),
    (106.66, 16.55),
    (106.72, 16.50),
    (106.76, 16.41),
    (106.83, 16.36),
    (106.86, 16.27),
    (106.92, 16.20),
]
# (code, name, post, first and last vertex of _LINE): consecutive, sharing their end points
_SECTIONS = [
    ("D1", "Đoạn mốc 200 – 231", "MAU-BC-DBP-NAMSON", 0, 5),
    ("D2", "Đoạn mốc 231 – 262", "MAU-BC-DBP-CKPHULANG", 5, 10),
    ("D3", "Đoạn mốc 262 – 292", "MAU-BC-DBP-TALU", 10, 15),
]

# Where the posts' barracks stand: a few kilometres inside, by the middle of their sections.
_POST_POSITIONS = {
    "MAU-BC-DBP-NAMSON": (106.3620, 17.1180),
    "MAU-BC-DBP-CKPHULANG": (106.5310, 16.8420),
    "MAU-BC-DBP-TALU": (106.8080, 16.4420),
}


# A district steering committee of before the 2025 reform (districts ended on 30/06/2025).
_DISTRICT_COMMITTEE = (
    "MAU-BC-BCD-PHULANG",
    "Ban Chỉ đạo công tác biên giới huyện Phù Lang (đã giải thể)",
    date(2016, 1, 1),
    date(2025, 6, 30),
)


# The provincial Border Guard command, dissolved at the 2025 reorganisation; the Ban Chỉ huy
# formed under the Military Command on the handover day takes over from it (its predecessor).
_OLD_COMMAND = (
    "MAU-BC-BCH-BDBP",
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh (đã giải thể)",
    date(2025, 6, 27),
)
_HANDOVER = date(2025, 6, 28)


# Before the reform of 01/07/2025: the province had two border districts, and each of today's
# communes was two (the one that kept its name and the one merged into it).
_OLD_DISTRICTS = [
    ("MAU-BC-H-PHULANG", "Huyện Phù Lang", range(1, 7)),
    ("MAU-BC-H-TALU", "Huyện Ta Lu", range(7, 13)),
]
_MERGED_INTO = [
    "Pa Lăng",
    "Hồng Thái",
    "Ba Nang",
    "Tân Lập",
    "Phù Lang Thượng",
    "Thuận Lộc",
    "A Bung",
    "Ta Lu Hạ",
    "Húc Sơn",
    "Cà Lú",
    "Bản Chăn",
    "Lìa Thượng",
]
_LAST_OLD_DAY = date(2025, 6, 30)


def _communes_before_reform() -> dict[str, list[AdminUnit]]:
    """The province, its two districts and its 24 communes as they stood until 30/06/2025: for
    each of today's communes (by code), the two it was made of, to be recorded as its
    predecessors, so that a report of a year before the reform counts the communes of that
    year (registry.statistics.border_communes)."""

    def kept(code: str, **data: Any) -> AdminUnit:
        found = AdminUnit.objects.filter(code=code, valid_to=_LAST_OLD_DAY).first()
        return found or admin_unit_create(actor=None, code=code, valid_to=_LAST_OLD_DAY, **data)

    province = kept(
        PROVINCE_CODE,
        name=f"Tỉnh Biên Cương ({SAMPLE})",
        level="province",
        division_type="tỉnh",
    )
    merged: dict[str, list[AdminUnit]] = {}
    names = {code: name for code, name, _kind, _parent in UNITS}
    for district_code, district_name, numbers in _OLD_DISTRICTS:
        district = kept(
            district_code,
            name=district_name,
            level="district",
            division_type="huyện",
            parent_id=province.pk,
        )
        for i in numbers:
            code = f"MAU-BC-XA-{i:02d}"
            merged[code] = [
                kept(
                    f"MAU-BC-X{i:02d}{letter}",
                    name=name,
                    level="commune",
                    division_type="xã",
                    parent_id=district.pk,
                    is_border_area=True,
                )
                for letter, name in (("A", names[code]), ("B", f"Xã {_MERGED_INTO[i - 1]}"))
            ]
    return merged


def sample_commune(code: str, on: date) -> AdminUnit | None:
    """The sample commune of today's `code` as it stood on day `on`: the version of that code in
    force then, else the predecessor in force then that kept its name (the A of its two): what a
    record of that day names, held as every record is to the commune of its day
    (registry.selectors.commune)."""
    versions = list(AdminUnit.objects.filter(code=code, level="commune").order_by("pk"))
    for unit in versions:
        if unit.in_force(on):
            return unit
    for unit in versions:
        for old in unit.predecessors.order_by("code"):
            if old.in_force(on):
                return old
    return None


def _admin_units() -> dict[str, AdminUnit]:
    """The province and its communes as administrative units since the reform of 01/07/2025,
    each commune the successor of the two it was made of (`_communes_before_reform`)."""
    reform = date(2025, 7, 1)
    province = AdminUnit.objects.filter(code=PROVINCE_CODE, valid_from=reform).first()
    if province is None:
        province = admin_unit_create(
            actor=None,
            code=PROVINCE_CODE,
            name=f"Tỉnh Biên Cương ({SAMPLE})",
            level="province",
            division_type="tỉnh",
            valid_from=reform,
        )
    out = {PROVINCE_CODE: province}
    merged = _communes_before_reform()
    for code, name, _kind, _parent in UNITS:
        if code.startswith("MAU-BC-XA-"):
            out[code] = AdminUnit.objects.filter(
                code=code, valid_from=reform
            ).first() or admin_unit_create(
                actor=None,
                code=code,
                name=name,
                level="commune",
                division_type="xã",
                parent_id=province.pk,
                valid_from=reform,
                is_border_area=True,
                predecessor_ids=[old.pk for old in merged[code]],
            )
    return out


def _units(admin: dict[str, AdminUnit]) -> dict[str, OrgUnit]:
    """The organisational units; the province, its committee and the communes' People's
    Committees serve the administrative unit of the same code."""
    serves = {PROVINCE_CODE: PROVINCE_CODE, "MAU-BC-BCD": PROVINCE_CODE}
    starts = {PROVINCE_CODE: date(2025, 7, 1), "MAU-BC-BDBP": _HANDOVER}
    for code, name, kind, parent_code in UNITS:
        if not OrgUnit.objects.filter(code=code).exists():
            parent = OrgUnit.objects.get(code=parent_code) if parent_code else None
            served = admin.get(serves.get(code, code))
            lon, lat = _POST_POSITIONS.get(code, (None, None))
            unit_create(
                actor=None,
                code=code,
                name=name,
                kind=kind,
                parent_id=parent.pk if parent else None,
                admin_unit_id=served.pk if served else None,
                valid_from=starts.get(code),
                predecessor_ids=[_old_command().pk] if code == "MAU-BC-BDBP" else [],
                is_sample=True,
                lon=lon,
                lat=lat,
            )
    code, name, valid_from, valid_to = _DISTRICT_COMMITTEE
    if not OrgUnit.objects.filter(code=code).exists():
        unit_create(
            actor=None,
            code=code,
            name=name,
            kind=UnitKind.STEERING_COMMITTEE,
            parent_id=OrgUnit.objects.get(code=PROVINCE_CODE).pk,
            valid_from=valid_from,
            valid_to=valid_to,
            is_sample=True,
        )
    return {u.code: u for u in OrgUnit.objects.filter(code__startswith="MAU-BC")}


def _old_command() -> OrgUnit:
    code, name, valid_to = _OLD_COMMAND
    return OrgUnit.objects.filter(code=code).first() or unit_create(
        actor=None,
        code=code,
        name=name,
        kind=UnitKind.BORDER_GUARD_COMMAND,
        parent_id=OrgUnit.objects.get(code=PROVINCE_CODE).pk,
        valid_to=valid_to,
        is_sample=True,
    )


def sample_unit_on(unit: OrgUnit, on: date) -> OrgUnit:
    """The sample unit that did `unit`'s work on day `on`, held as every record is to a unit in
    force on its day (core.checks.in_force): `unit` once formed; before, the unit it took over
    from (the Ban Chỉ huy, formed on 28/06/2025: the dissolved Bộ Chỉ huy); the province,
    formed with the merged province on 01/07/2025, by the dissolved Bộ Chỉ huy, the standing
    agency of its border work until then."""
    if unit.valid_from is None or unit.valid_from <= on:
        return unit
    for old in unit.predecessors.all():
        if old.valid_to is None or on <= old.valid_to:
            return old
    return _old_command()


def _identifiers() -> list[tuple[str, str, str]]:
    """(identifier, kind, multiplicity) in order along the line."""
    out: list[tuple[str, str, str]] = []
    for main in range(200, 293):
        if main == 222:
            out += [("222(1)", "main", "double"), ("222(2)", "main", "double")]
        elif main == 240:
            out += [(f"240({k})", "main", "triple") for k in (1, 2, 3)]
        elif main == 275:
            out += [("275(1)", "main", "double"), ("275(2)", "main", "double")]
        else:
            out.append((str(main), "main", "single"))
        if main % 5 == 0 and main < 290:
            out.append((f"{main}/1", "secondary", "single"))
        if main in (210, 250):
            out.append((f"{main}/2", "secondary", "single"))
    return out


def load_sample_province(today: date | None = None) -> OrgUnit:
    """Create what is missing of the sample province; running it again changes nothing."""
    today = today or timezone.localdate()
    admin = _admin_units()
    units = _units(admin)
    province = units[PROVINCE_CODE]
    if BorderLine.objects.filter(province=province).exists():
        return province
    line = border_line_create(
        actor=None,
        country_code="LA",
        province_id=province.pk,
        name=f"Biên giới Việt Nam – Lào ({SAMPLE})",
    )
    sections = {}
    for code, name, post_code, start, end in _SECTIONS:
        sections[code] = section_create(
            actor=None,
            line_id=line.pk,
            code=code,
            name=name,
            post_id=units[post_code].pk,
            geometry={
                "type": "LineString",
                "coordinates": [list(p) for p in _LINE[start : end + 1]],
            },
        )
    communes = _communes(sections, admin)
    _markers(line, sections, communes, today)
    _gates_and_signs(line, units, today)
    _organisations(province, units)
    return province


# the communes of each section, with the border-belt width along it (metres)
_SECTION_COMMUNES = {
    "D1": [(1, 1000), (2, 500), (3, 500), (4, 800)],
    "D2": [(4, 800), (5, 500), (6, 300), (7, 500)],
    "D3": [(8, 1000), (9, 500), (10, 500), (11, 700), (12, 1000)],
}


def _communes(sections: dict, admin: dict[str, AdminUnit]) -> dict[str, list[AdminUnit]]:
    """The sample communes linked to their sections, with the belt width along each."""
    by_number = {
        int(code.rsplit("-", 1)[1]): unit
        for code, unit in admin.items()
        if code.startswith("MAU-BC-XA-")
    }
    out: dict[str, list[AdminUnit]] = {}
    for code, pairs in _SECTION_COMMUNES.items():
        out[code] = []
        for number, width in pairs:
            section_commune_set(
                actor=None,
                section_id=sections[code].pk,
                commune_id=by_number[number].pk,
                belt_width_m=width,
            )
            out[code].append(by_number[number])
    return out


def _markers(
    line: BorderLine, sections: dict, communes: dict[str, list[AdminUnit]], today: date
) -> None:
    """The markers along the line, each inspected at the year-end check two years before the
    reference day and found again in the ten months before it."""
    checked = date(today.year - 2, 12, 15)
    rnd = random.Random(2025)  # noqa: S311 - sample geometry, not security
    whole = LineString(_LINE)
    tm = geo.local_tm(106.55, 16.75)
    metric = LineString([tm.transform(x, y) for x, y in _LINE])

    def nearest_section(lon: float, lat: float) -> BorderSection:
        return min(
            sections.values(),
            key=lambda s: geo.distance_m(lon, lat, [geo.line_from_geojson(s.geometry)]) or 0.0,
        )

    ids = _identifiers()
    statuses = ["intact"] * 16 + ["damaged", "displaced", "landslide"]
    for index, (identifier, kind, multiplicity) in enumerate(ids):
        along = metric.length * (index + 0.5) / len(ids)
        point = metric.interpolate(along)
        side = 1 if index % 2 else -1
        offset = side * rnd.uniform(5, 250) if kind != "reference" else rnd.uniform(300, 800)
        ahead = metric.interpolate(min(along + 10, metric.length))
        dx, dy = ahead.x - point.x, ahead.y - point.y
        norm = (dx * dx + dy * dy) ** 0.5 or 1.0
        x, y = point.x - dy / norm * offset, point.y + dx / norm * offset
        lon, lat = tm.transform(x, y, direction="INVERSE")
        section = nearest_section(lon, lat)
        marker = marker_create(
            actor=None,
            line_id=line.pk,
            identifier=identifier,
            kind=kind,
            multiplicity=multiplicity,
            marker_type="A" if identifier.startswith("250") else "B",
            material="đá granite" if kind == "main" else "bê tông cốt thép",
            lon=round(lon, 6),
            lat=round(lat, 6),
            elevation_m=round(rnd.uniform(180, 1400), 1),
            year_planted=rnd.choice([2008, 2009, 2010, 2011, 2012]),
            commune_id=rnd.choice(communes[section.code]).pk,
            section_id=section.pk,
            post_id=section.post_id,
            status="intact",
            status_on=checked,
            status_source=f"tổng kiểm tra cuối năm {checked.year}",
        )
        finding = rnd.choice(statuses)
        marker_status_record(
            actor=None,
            marker_id=marker.pk,
            status=finding,
            on=today - timedelta(days=30 * rnd.randint(0, 9) + rnd.randint(1, 28)),
            source=rnd.choice(
                ["tuần tra đơn phương", "tuần tra song phương", "báo cáo của tổ tự quản"]
            ),
        )
    for number in range(1, 9):  # reference posts, numbered apart from the markers
        lon, lat = whole.interpolate(number / 9, normalized=True).coords[0]
        section = nearest_section(lon, lat)
        marker_create(
            actor=None,
            line_id=line.pk,
            identifier=str(number),
            kind="reference",
            lon=round(lon, 6),
            lat=round(lat, 6),
            material="bê tông cốt thép",
            section_id=section.pk,
            post_id=section.post_id,
            status="intact",
            status_on=date(2025, 3, 3),
            status_source="Ngày Biên phòng toàn dân",
        )


# (VN gate, kind, its post, the vertex of _LINE it sits by, the Lao gate facing it)
_GATES = [
    (
        "Cửa khẩu Quốc tế Phù Lang",
        "international",
        "MAU-BC-DBP-CKPHULANG",
        7,
        "Cửa khẩu Quốc tế Bản Mày (Lào)",
    ),
    ("Cửa khẩu Nậm Sơn", "main", "MAU-BC-DBP-NAMSON", 2, "Cửa khẩu Ban Nam Sơn (Lào)"),
]
_SIGNS = [
    ("VĐ-{:02d}", "border_belt", 10),
    ("KV-{:02d}", "border_area", 5),
    ("CK-{:02d}", "gate_area", 3),
]


def _gates_and_signs(line: BorderLine, units: dict[str, OrgUnit], today: date) -> None:
    for name, kind, post_code, vertex, facing in _GATES:
        lon, lat = _LINE[vertex]
        post = units[post_code].pk
        ours = gate_create(
            actor=None,
            line_id=line.pk,
            name=name,
            side="vn",
            kind=kind,
            lon=lon + 0.004,
            lat=lat,
            post_id=post,
            opening_hours="07:00 – 19:00",
            status="open",
            status_on=date(2024, 1, 1),
        )
        gate_create(
            actor=None,
            line_id=line.pk,
            name=facing,
            side="neighbour",
            kind=kind,
            lon=lon - 0.004,
            lat=lat,
            post_id=post,
            paired_with_id=ours.pk,
            opening_hours="07:00 – 19:00",
        )
    opening = gate_create(
        actor=None,
        line_id=line.pk,
        name="Lối mở Ta Lu",
        side="vn",
        kind="opening",
        lon=_LINE[12][0] + 0.003,
        lat=_LINE[12][1],
        post_id=units["MAU-BC-DBP-TALU"].pk,
        opening_hours="07:00 – 17:00",
        status="open",
        status_on=date(2024, 1, 1),
    )
    gate_status_record(
        actor=None,
        gate_id=opening.pk,
        status="suspended",
        on=today - timedelta(days=75),
        source="Thông báo tạm dừng do mưa lũ (mẫu)",
    )
    posts = [
        units[code] for code in ("MAU-BC-DBP-NAMSON", "MAU-BC-DBP-CKPHULANG", "MAU-BC-DBP-TALU")
    ]
    number = 0
    for pattern, kind, count in _SIGNS:
        for i in range(1, count + 1):
            number += 1
            vertex = (number * 7) % (len(_LINE) - 1)
            lon, lat = _LINE[vertex]
            sign_create(
                actor=None,
                line_id=line.pk,
                code=pattern.format(i),
                kind=kind,
                lon=lon + 0.002 * (1 + i % 3),
                lat=lat,
                post_id=posts[vertex // 5 % 3].pk,
                year_installed=2015 + i % 8,
                status="intact",
                status_on=date(2025, 3, 3),
            )


# (role, person, position, agency code) — invented people
_SEATS = [
    ("head", "Nguyễn Hữu Thành", "Phó Chủ tịch Thường trực UBND tỉnh", None),
    ("deputy", "Lò Văn Dũng", "Chỉ huy trưởng Ban Chỉ huy Bộ đội Biên phòng tỉnh", "MAU-BC-BDBP"),
    ("deputy", "Đinh Thị Thu", "Giám đốc Sở Ngoại vụ", "MAU-BC-SNGV"),
    ("standing_agency", "", "", "MAU-BC-SNGV"),
    ("member", "Hà Quang Minh", "Phó Giám đốc Công an tỉnh", None),
    ("member", "Vi Thị Hạnh", "Phó Giám đốc Sở Tài chính", None),
]
# seats of the district committee until it ended with the districts (role, person, position, from)
_DISTRICT_SEATS = [
    ("head", "Lương Văn Khải", "Chủ tịch UBND huyện Phù Lang", date(2021, 7, 1)),
    (
        "deputy",
        "Hồ Văn Tâm",
        "Đồn trưởng Đồn Biên phòng Cửa khẩu Quốc tế Phù Lang",
        date(2021, 7, 1),
    ),
    ("member", "Kăn Thị Lê", "Trưởng phòng Nội vụ huyện", date(2021, 7, 1)),
]
_COUNTERPARTS = [
    ("Đại đội Biên phòng 963 (Lào)", "Đại đội Biên phòng", "Savannakhet", ["MAU-BC-DBP-NAMSON"]),
    ("Đại đội Biên phòng 965 (Lào)", "Đại đội Biên phòng", "Savannakhet", ["MAU-BC-DBP-CKPHULANG"]),
    (
        "Bộ Chỉ huy Quân sự tỉnh Salavan (Lào)",
        "Bộ Chỉ huy Quân sự tỉnh",
        "Salavan",
        ["MAU-BC-DBP-CKPHULANG", "MAU-BC-DBP-TALU"],
    ),
]


def _organisations(province: OrgUnit, units: dict[str, OrgUnit]) -> None:
    committee = units["MAU-BC-BCD"]
    for role, person, position, agency in _SEATS:
        committee_member_add(
            actor=None,
            committee_id=committee.pk,
            role=role,
            person=person,
            position=position,
            agency_id=units[agency].pk if agency else None,
            term_from=date(2025, 7, 1),
        )
    committee_member_add(
        actor=None,
        committee_id=committee.pk,
        role="head",
        person="Trần Văn Cựu",
        position="Phó Chủ tịch UBND tỉnh",
        term_from=date(2021, 1, 1),
        term_to=date(2025, 6, 30),
    )
    district = units[_DISTRICT_COMMITTEE[0]]
    for role, person, position, term_from in _DISTRICT_SEATS:
        committee_member_add(
            actor=None,
            committee_id=district.pk,
            role=role,
            person=person,
            position=position,
            term_from=term_from,
            term_to=_DISTRICT_COMMITTEE[3],
        )
    for name, kind, subdivision, posts in _COUNTERPARTS:
        counterpart_create(
            actor=None,
            province_id=province.pk,
            name=name,
            kind=kind,
            country_code="LA",
            subdivision=subdivision,
            facing_post_ids=[units[code].pk for code in posts],
        )
