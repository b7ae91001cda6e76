"""Patrols and incidents of the sample province for the demo, recorded by the demo field officer
of the Phù Lang international-gate post: unilateral and bilateral patrols over the months before
the demo's reference day, with the markers of the post's section inspected and found intact;
incidents at each stage of their handling; crime cases, marker repairs, hand-overs and rescues.

Every loader takes the reference day (`today`, by default the day the demo is loaded) and dates
its records a number of days before it, so that the reference day's month, half-year and year,
and the year before, all have records whenever the demo is started."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from uuid import UUID, uuid5

from django.utils import timezone

from biengioi.accounts.models import User
from biengioi.core.days import shift_year
from biengioi.registry.models import BorderSection, CounterpartUnit, Marker

from .models import Patrol
from .services import patrol_create

OFFICER = "canbo.phulang"
NAMESPACE = UUID("9d5c3f0e-2b1a-4c8d-9e7f-6a5b4c3d2e1f")  # fixed: the same ids on every load


# (years, days) before the reference day of each patrol: one on the day itself, every two weeks
# for three months, then one a quarter; and two on the same days of the year before, so that
# "cùng kỳ năm trước" compares with patrols too, whatever the reference day
PATROL_DAYS = [(0, n) for n in (0, 9, 23, 37, 51, 65, 79, 93, 180, 270)] + [(1, 0), (1, 90)]
PATROL_HOURS = 7
BILATERAL_EVERY = timedelta(days=30)


def before(today: date, years: int, days: int) -> date:
    """`days` days before the same day `years` years before the reference day (29 February
    a year back is the 28th)."""
    return shift_year(today, -years) - timedelta(days=days)


def patrol_times(day: date) -> tuple[datetime, datetime]:
    """A patrol of the day from 07:30 for seven hours, ended by now when the day is today (the
    demo loaded in the morning still has this day's patrol, only shorter)."""
    start = timezone.make_aware(datetime.combine(day, time(7, 30)))
    end = min(start + timedelta(hours=PATROL_HOURS), timezone.now())
    return min(start, end - timedelta(hours=1)), end


def load_sample_patrols(today: date | None = None) -> int:
    """Record the sample patrols that are missing; returns how many were made now."""
    today = today or timezone.localdate()
    officer = User.objects.filter(username=OFFICER).select_related("unit").first()
    if officer is None or officer.unit is None:
        return 0
    section = BorderSection.objects.filter(post=officer.unit).order_by("code").first()
    counterpart = CounterpartUnit.objects.filter(facing_posts=officer.unit).first()
    if section is None or counterpart is None:
        return 0
    markers = list(
        Marker.objects.filter(section=section, kind="main", multiplicity="single").order_by(
            "sort_key"
        )
    )
    made = 0
    for n, (years, days) in enumerate(PATROL_DAYS):
        client_id = uuid5(NAMESPACE, f"patrol-{n}")
        if Patrol.objects.filter(uuid=client_id).exists():
            continue
        start, end = patrol_times(before(today, years, days))
        bilateral = n % 3 == 2
        stretch = markers[(4 * n) % max(1, len(markers) - 4) :][:4]
        patrol_create(
            actor=officer,
            client_id=client_id,
            unit_id=officer.unit.pk,
            kind="bilateral" if bilateral else "unilateral",
            host_side=("vn" if n % 2 else "other") if bilateral else "",
            counterpart_id=counterpart.pk if bilateral else None,
            counterpart_leader="Thiếu tá Bounmy (DỮ LIỆU MẪU)" if bilateral else "",
            line_id=section.line_id,
            section_ids=[section.pk],
            started_at=start,
            ended_at=end,
            from_marker_id=stretch[0].pk if stretch else None,
            to_marker_id=stretch[-1].pk if stretch else None,
            distance_km="9.5",
            border_guards=6,
            militia=2,
            self_management=1 if not bilateral else 0,
            other_side=5 if bilateral else 0,
            findings=(
                "Dấu hiệu đường biên giới không bị xê dịch, cột mốc được đảm bảo nguyên trạng."
            ),
            # the bilateral patrol agrees the next one a month on (the latest lies ahead)
            next_patrol_on=start.date() + BILATERAL_EVERY if bilateral else None,
            inspections=[
                {"marker_id": m.pk, "status": "intact", "vegetation_cleared": bilateral}
                for m in stretch
            ],
        )
        made += 1
    return made


# (kind, title, (years, days) before the reference day, parties, steps as (level, day offset,
# channel, summary, agreed), result closing it or "")
_INCIDENTS: list[
    tuple[str, str, tuple[int, int], str, list[tuple[str, int, str, str, str]], str]
] = [
    (
        "encroachment",
        "Cư dân phía bạn phát nương lấn sang phía Việt Nam (DỮ LIỆU MẪU)",
        (0, 120),
        "Hai hộ cư dân bản đối diện (phía bạn)",
        [
            ("grassroots", 2, "meeting", "Hội đàm với đơn vị phía bạn tại khu vực mốc", ""),
            ("grassroots", 9, "joint_survey", "Khảo sát thực địa chung", "Xác định diện tích lấn"),
        ],
        "Phía bạn yêu cầu cư dân dừng canh tác, trả lại nguyên trạng.",
    ),
    (
        "marker_damage",
        "Mốc bị sạt lở chân đế sau mưa lớn (DỮ LIỆU MẪU)",
        (0, 70),
        "",
        [
            ("grassroots", 1, "hotline", "Thông báo cho phía bạn qua đường dây nóng", ""),
            ("province", 20, "letter", "Bộ Chỉ huy báo cáo, đề nghị khảo sát chung", ""),
        ],
        "",
    ),
    (
        "works_near_line",
        "Phía bạn làm đường sát đường biên giới (DỮ LIỆU MẪU)",
        (0, 40),
        "Đơn vị thi công phía bạn",
        [("grassroots", 3, "meeting", "Gặp đơn vị phía bạn, đề nghị dừng thi công", "")],
        "",
    ),
    (
        "illegal_crossing",
        "Nhóm người qua lại biên giới trái phép qua đường mòn (DỮ LIỆU MẪU)",
        (0, 5),
        "",
        [],
        "",
    ),
    (
        "illegal_crossing",
        "Phát hiện dấu vết người qua lại tại khu vực mốc (DỮ LIỆU MẪU)",
        (0, 0),
        "",
        [],
        "",
    ),
    (
        "works_near_line",
        "Phía bạn đặt ống dẫn nước qua suối biên giới (DỮ LIỆU MẪU)",
        (0, 200),
        "Cư dân bản đối diện (phía bạn)",
        [("grassroots", 4, "meeting", "Gặp phía bạn, thống nhất di dời ống", "Di dời trong tuần")],
        "Phía bạn đã di dời ống dẫn nước.",
    ),
    (
        "encroachment",
        "Cư dân phía bạn dựng lán sát đường biên giới (DỮ LIỆU MẪU)",
        (1, 0),
        "Một hộ cư dân bản đối diện (phía bạn)",
        [("grassroots", 3, "meeting", "Hội đàm với đơn vị phía bạn", "Tháo dỡ lán")],
        "Phía bạn đã tháo dỡ lán, trả lại nguyên trạng.",
    ),
]


def load_sample_incidents(today: date | None = None) -> int:
    """Record the sample incidents that are missing, placed by markers of the post's section:
    three closed at the grassroots (two of them the year before), one moved up to the province
    and past its deadline there, three at the grassroots (one past its deadline, one found on
    the reference day). Their days count back from the reference day, so the overdue list
    always shows the same picture. Returns how many were made now."""
    from .models import Incident
    from .services import incident_close, incident_create, incident_step_add

    officer = User.objects.filter(username=OFFICER).select_related("unit").first()
    if officer is None or officer.unit is None:
        return 0
    markers = list(Marker.objects.filter(post=officer.unit).order_by("sort_key")[:40])
    counterpart = CounterpartUnit.objects.filter(facing_posts=officer.unit).first()
    if not markers:
        return 0
    today = today or timezone.localdate()
    made = 0
    for n, (kind, title, ago, parties, steps, result) in enumerate(_INCIDENTS):
        client_id = uuid5(NAMESPACE, f"incident-{n}")
        if Incident.objects.filter(uuid=client_id).exists():
            continue
        marker = markers[(7 * n + 3) % len(markers)]
        detected = before(today, *ago)
        incident, _ = incident_create(
            actor=officer,
            client_id=client_id,
            unit_id=officer.unit.pk,
            kind=kind,
            title=title,
            lon=marker.lon + Decimal("0.0008"),
            lat=marker.lat - Decimal("0.0005"),
            detected_on=detected,
            detected_by="Tổ tuần tra " + officer.unit.name,
            parties=parties,
        )
        for m, (level, after, channel, summary, agreed) in enumerate(steps):
            incident_step_add(
                actor=officer,
                client_id=uuid5(NAMESPACE, f"incident-{n}-step-{m}"),
                incident_id=incident.pk,
                level=level,
                on=detected + timedelta(days=after),
                handled_by=officer.unit.name if level == "grassroots" else "Bộ Chỉ huy BĐBP tỉnh",
                channel=channel,
                counterpart_id=counterpart.pk if counterpart and channel != "letter" else None,
                summary=summary,
                agreed=agreed,
            )
        if result:
            incident_close(
                actor=officer,
                incident_id=incident.pk,
                version=1 + len(steps),
                closed_on=detected + timedelta(days=steps[-1][1] + 1),
                result=result,
            )
        made += 1
    return made


STAFF = "nghiepvu.bdbp"
_CASES = [
    # category, title, days ago, persons, seizures, handling (kind, days after, fine), campaign
    (
        "drugs",
        "Bắt quả tang đối tượng vận chuyển trái phép heroin qua đường mòn (DỮ LIỆU MẪU)",
        40,
        [("Hồ Văn Lử", 1988, "male", "VN", False), ("Vừ Thị Say", 1995, "female", "VN", False)],
        [("heroin", "2", "banh"), ("ma túy tổng hợp", "1500", "tablet")],
        ("prosecuted", 3, None),
        True,
    ),
    (
        "smuggling",
        "Vận chuyển thuốc lá điếu nhập lậu không có hóa đơn chứng từ (DỮ LIỆU MẪU)",
        25,
        [("Nguyễn Văn Thắng", 1979, "male", "VN", False)],
        [("thuốc lá điếu", "1200", "item")],
        ("sanctioned", 2, "15000000"),
        True,
    ),
    (
        "illegal_crossing",
        "Phát hiện 3 công dân xuất cảnh trái phép qua lối mòn (DỮ LIỆU MẪU)",
        12,
        [
            ("Lò Văn Piếng", 1999, "male", "VN", False),
            ("Lò Thị Ín", 2001, "female", "VN", False),
            ("Sùng A Chả", 1985, "male", "VN", True),
        ],
        [],
        ("sanctioned", 1, "4500000"),
        False,
    ),
    (
        "explosives",
        "Thu giữ pháo nổ vận chuyển trái phép qua biên giới (DỮ LIỆU MẪU)",
        4,
        [("Hoàng Văn Định", 1992, "male", "VN", False)],
        [("pháo nổ", "12.5", "kg")],
        None,
        False,
    ),
    (
        "smuggling",
        "Vận chuyển đường kính nhập lậu qua lối mở (DỮ LIỆU MẪU)",
        210,
        [("Lương Văn Tài", 1983, "male", "VN", False)],
        [("đường kính", "2500", "kg")],
        ("sanctioned", 2, "8000000"),
        False,
    ),
    (
        "drugs",
        "Bắt đối tượng tàng trữ trái phép chất ma túy tại khu vực biên giới (DỮ LIỆU MẪU)",
        390,
        [("Vàng A Lử", 1990, "male", "VN", False)],
        [("heroin", "0.5", "banh")],
        ("prosecuted", 5, None),
        False,
    ),
]


# Where the cases were detected, along the Phù Lang post's stretch, one a case (the fourth
# unplaced: a case recorded from a report may have no point).
_CASE_PLACES = [
    (106.4705, 16.8935),
    (106.5310, 16.8010),
    (106.5890, 16.7120),
    None,
    (106.4950, 16.8720),
    (106.5520, 16.7650),
]


def load_sample_crime(today: date | None = None) -> int:
    """A peak campaign of the Border Guard command and the cases of the Phù Lang post, some
    within the campaign, at each stage of their handling; days count back from today. Returns
    how many cases were made now."""
    from .models import CrimeCase
    from .services import crime_case_create, crime_operation_create

    officer = User.objects.filter(username=OFFICER).select_related("unit").first()
    staff = User.objects.filter(username=STAFF).select_related("unit").first()
    if officer is None or officer.unit is None or staff is None or staff.unit is None:
        return 0
    today = today or timezone.localdate()
    campaign, _ = crime_operation_create(
        actor=staff,
        client_id=uuid5(NAMESPACE, "crime-campaign"),
        unit_id=staff.unit.pk,
        kind="peak",
        name="Cao điểm trấn áp tội phạm ma túy, buôn lậu trên tuyến biên giới (DỮ LIỆU MẪU)",
        decision="Kế hoạch số 15/KH-BCH",
        started_on=today - timedelta(days=60),
        target="Các đường dây vận chuyển ma túy, hàng lậu qua đường mòn, lối mở",
    )
    made = 0
    for n, (category, title, ago, persons, seizures, handling, in_campaign) in enumerate(_CASES):
        client_id = uuid5(NAMESPACE, f"crime-{n}")
        if CrimeCase.objects.filter(uuid=client_id).exists():
            continue
        detected = today - timedelta(days=ago)
        dealt = {}
        if handling is not None:
            kind, after, fine = handling
            dealt = {"handling": kind, "handled_on": detected + timedelta(days=after)}
            dealt |= {"fine_vnd": fine} if fine else {}
        crime_case_create(
            actor=officer,
            client_id=client_id,
            unit_id=officer.unit.pk,
            category=category,
            title=title,
            detected_on=detected,
            place="Khu vực biên giới " + officer.unit.name.removeprefix("Đồn Biên phòng "),
            **_at(_CASE_PLACES[n]),
            operation_id=campaign.pk if in_campaign else None,
            persons=[
                {
                    "full_name": f"{name} (DỮ LIỆU MẪU)",
                    "birth_year": year,
                    "sex": sex,
                    "nationality": country,
                    "wanted": wanted,
                }
                for name, year, sex, country, wanted in persons
            ],
            seizures=[
                {"item": item, "quantity": quantity, "unit": unit}
                for item, quantity, unit in seizures
            ],
            **dealt,
        )
        made += 1
    return made


def load_sample_repairs(today: date | None = None) -> int:
    """Two marker repairs of the Phù Lang post: one replaced and closed, one waiting for the
    joint survey after the other side was notified. Returns how many were made now."""
    from .models import MarkerRepair
    from .services import marker_repair_advance, marker_repair_open

    officer = User.objects.filter(username=OFFICER).select_related("unit").first()
    if officer is None or officer.unit is None:
        return 0
    markers = list(
        Marker.objects.filter(post=officer.unit, kind="main").order_by("sort_key")[10:30:10]
    )
    today = today or timezone.localdate()
    plans = [
        ("landslide", 90, "Sạt lở taluy cạnh mốc sau mưa lớn (DỮ LIỆU MẪU)", 5, "replaced"),
        ("damaged", 20, "Mốc bị nứt, bong lớp sơn số hiệu (DỮ LIỆU MẪU)", 2, None),
    ]
    stages = ["reported", "notified", "surveyed", "repaired", "closed"]
    made = 0
    for n, (marker, (problem, ago, text, steps, outcome)) in enumerate(
        zip(markers, plans, strict=False)
    ):
        client_id = uuid5(NAMESPACE, f"repair-{n}")
        if MarkerRepair.objects.filter(uuid=client_id).exists():
            continue
        detected = today - timedelta(days=ago)
        repair, _ = marker_repair_open(
            actor=officer,
            client_id=client_id,
            marker_id=marker.pk,
            problem=problem,
            detected_on=detected,
            description=text,
        )
        for m, stage in enumerate(stages[:steps]):
            repair = marker_repair_advance(
                actor=officer,
                repair_id=repair.pk,
                version=repair.version,
                stage=stage,
                on=detected + timedelta(days=3 + 9 * m),
                outcome=(outcome or "") if stage == "repaired" else "",
            )
        made += 1
    return made


# (kind, days before today, at the gate (else a marker), persons, males, females, children,
# wanted, nationality, home provinces as (index among the provinces, persons), note)
_HANDOVERS: list[
    tuple[str, int, bool, int, int, int, int, int, str, list[tuple[int, int]], str]
] = [
    (
        "receive",
        150,
        True,
        12,
        8,
        4,
        2,
        1,
        "VN",
        [(0, 7), (1, 3)],
        "Công dân nhập cảnh, cư trú trái phép bên kia biên giới; phía bạn bàn giao (DỮ LIỆU MẪU)",
    ),
    (
        "receive",
        95,
        False,
        5,
        3,
        2,
        0,
        0,
        "VN",
        [(0, 5)],
        "Lao động tự do không có giấy tờ, bàn giao tại khu vực mốc (DỮ LIỆU MẪU)",
    ),
    (
        "hand_back",
        60,
        True,
        3,
        2,
        1,
        0,
        0,
        "LA",
        [],
        "Cư dân phía bạn nhập cảnh trái phép, trao trả qua cửa khẩu (DỮ LIỆU MẪU)",
    ),
    ("receive", 21, True, 7, 5, 2, 1, 0, "VN", [(2, 4)], "Tiếp nhận theo danh sách (DỮ LIỆU MẪU)"),
    ("expel", 0, True, 1, 1, 0, 0, 0, "other", [], "Người nước thứ ba bị trục xuất (DỮ LIỆU MẪU)"),
    ("receive", 380, True, 4, 3, 1, 0, 0, "VN", [(0, 4)], "Tiếp nhận năm trước (DỮ LIỆU MẪU)"),
]


def load_sample_handovers(today: date | None = None) -> int:
    """Record the sample hand-overs that are missing: received groups with their home
    provinces, a hand-back and an expulsion (on the reference day itself, so the map's year
    has one on any day), at the post's gate or one of its markers, over the months before the
    reference day and one in the year before. Returns how many were made now."""
    from biengioi.registry.models import AdminLevel, AdminUnit, Gate
    from biengioi.registry.selectors import valid_on

    from .models import Handover
    from .services import handover_create

    officer = User.objects.filter(username=OFFICER).select_related("unit").first()
    if officer is None or officer.unit is None:
        return 0
    gate = Gate.objects.filter(post=officer.unit, side="vn").order_by("name").first()
    marker = Marker.objects.filter(post=officer.unit).order_by("sort_key").first()
    counterpart = CounterpartUnit.objects.filter(facing_posts=officer.unit).first()
    if gate is None or marker is None or counterpart is None:
        return 0
    today = today or timezone.localdate()
    made = 0
    for n, row in enumerate(_HANDOVERS):
        kind, ago, at_gate, persons, males, females, children, wanted, nation, homes, note = row
        client_id = uuid5(NAMESPACE, f"handover-{n}")
        if Handover.objects.filter(uuid=client_id).exists():
            continue
        on = today - timedelta(days=ago)
        provinces = list(
            AdminUnit.objects.filter(valid_on(on), level=AdminLevel.PROVINCE).order_by("code")[:3]
        )
        handover_create(
            actor=officer,
            client_id=client_id,
            unit_id=officer.unit.pk,
            kind=kind,
            on=on,
            gate_id=gate.pk if at_gate else None,
            marker_id=None if at_gate else marker.pk,
            counterpart_id=counterpart.pk,
            persons=persons,
            males=males,
            females=females,
            children=children,
            wanted=wanted,
            nationality=nation,
            note=note,
            origins=[
                {"province_id": provinces[i].pk, "persons": count}
                for i, count in homes
                if i < len(provinces)
            ],
        )
        made += 1
    return made


# (kind, days before today, days it lasted (None: still going on), title, place, rescued,
# evacuated, deaths, missing, property saved, its value, border guards, militia, other forces,
# vehicles)
_RESCUES: list[
    tuple[str, int, int | None, str, str, int, int, int, int, str, int | None, int, int, int, int]
] = [
    (
        "flood",
        130,
        3,
        "Lũ quét sau mưa lớn, nhiều hộ bị cô lập (DỮ LIỆU MẪU)",
        "Bản ven suối",
        6,
        48,
        0,
        0,
        "Di chuyển 15 tấn lương thực, 40 con gia súc",
        420_000_000,
        30,
        15,
        10,
        4,
    ),
    (
        "landslide",
        75,
        1,
        "Sạt lở taluy vùi lấp nhà dân (DỮ LIỆU MẪU)",
        "Đường liên bản",
        2,
        19,
        0,
        0,
        "",
        None,
        20,
        12,
        0,
        1,
    ),
    (
        "fire",
        40,
        0,
        "Cháy rừng thông gần đường tuần tra (DỮ LIỆU MẪU)",
        "Khu rừng phòng hộ",
        0,
        0,
        0,
        0,
        "Khoanh vùng, bảo vệ khoảng 12 ha rừng",
        None,
        25,
        20,
        15,
        2,
    ),
    (
        "search",
        6,
        None,
        "Tìm kiếm người bị nước cuốn trôi (DỮ LIỆU MẪU)",
        "Khúc suối biên giới",
        0,
        0,
        0,
        1,
        "",
        None,
        12,
        8,
        0,
        1,
    ),
    (
        "flood",
        395,
        2,
        "Lũ ống cuốn trôi cầu treo qua suối (DỮ LIỆU MẪU)",
        "Cầu treo bản Khuổi Lừa",
        3,
        22,
        0,
        0,
        "Di chuyển tài sản của 9 hộ dân",
        150_000_000,
        18,
        10,
        6,
        2,
    ),
]


# Where the rescues took place, one a rescue (the search along the stream has no single point).
_RESCUE_PLACES = [
    (106.5020, 16.8660),
    (106.4590, 16.9020),
    (106.5620, 16.7480),
    None,
    (106.4830, 16.8810),
]


def _at(place: tuple[float, float] | None) -> dict[str, float]:
    return {} if place is None else {"lon": place[0], "lat": place[1]}


def load_sample_rescues(today: date | None = None) -> int:
    """Record the sample rescue operations that are missing, in a commune of the post's area:
    a flood, a landslide, a forest fire, and a search still going on. Returns how many were
    made now."""
    from biengioi.registry.models import AdminLevel, AdminUnit
    from biengioi.registry.selectors import valid_on

    from .models import RescueOperation
    from .services import rescue_create

    officer = User.objects.filter(username=OFFICER).select_related("unit").first()
    if officer is None or officer.unit is None:
        return 0
    today = today or timezone.localdate()
    made = 0
    for n, row in enumerate(_RESCUES):
        kind, ago, lasted, title, place, rescued, evacuated, deaths, missing = row[:9]
        saved, value, border_guards, militia, other_forces, vehicles = row[9:]
        client_id = uuid5(NAMESPACE, f"rescue-{n}")
        if RescueOperation.objects.filter(uuid=client_id).exists():
            continue
        started = today - timedelta(days=ago)
        commune = (
            AdminUnit.objects.filter(
                valid_on(started),
                level=AdminLevel.COMMUNE,
                border_sections__section__post=officer.unit,
            )
            .order_by("code")
            .first()
        )
        rescue_create(
            actor=officer,
            client_id=client_id,
            unit_id=officer.unit.pk,
            kind=kind,
            title=title,
            started_on=started,
            ended_on=None if lasted is None else started + timedelta(days=lasted),
            commune_id=commune.pk if commune else None,
            place=place,
            **_at(_RESCUE_PLACES[n]),
            rescued=rescued,
            evacuated=evacuated,
            deaths=deaths,
            missing=missing,
            property_saved=saved,
            property_value=value,
            border_guards=border_guards,
            militia=militia,
            other_forces=other_forces,
            vehicles=vehicles,
        )
        made += 1
    return made
