"""Patrols and incidents of the sample province for the demo, recorded by the demo field officer
of the Phù Lang international-gate post: unilateral and bilateral patrols over the months before
the demo's reference day, with the markers of the post's section inspected and found intact;
incidents at each stage of their handling."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from uuid import UUID, uuid5

from biengioi.accounts.models import User
from biengioi.registry.models import BorderSection, CounterpartUnit, Marker

from .models import Patrol
from .services import patrol_create

OFFICER = "canbo.phulang"
NAMESPACE = UUID("9d5c3f0e-2b1a-4c8d-9e7f-6a5b4c3d2e1f")  # fixed: the same ids on every load


def load_sample_patrols() -> int:
    """Record the sample patrols that are missing; returns how many were made now."""
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
    for n in range(8):
        client_id = uuid5(NAMESPACE, f"patrol-{n}")
        if Patrol.objects.filter(uuid=client_id).exists():
            continue
        start = datetime(2025, 7, 3, 0, 30, tzinfo=UTC) + timedelta(days=14 * n)
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
            ended_at=start + timedelta(hours=7),
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
            inspections=[
                {"marker_id": m.pk, "status": "intact", "vegetation_cleared": bilateral}
                for m in stretch
            ],
        )
        made += 1
    return made


# (kind, title, days before the reference day, parties, steps as (level, day offset, channel,
# summary, agreed), result closing it or "")
_INCIDENTS: list[tuple[str, str, int, str, list[tuple[str, int, str, str, str]], str]] = [
    (
        "encroachment",
        "Cư dân phía bạn phát nương lấn sang phía Việt Nam (DỮ LIỆU MẪU)",
        120,
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
        70,
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
        40,
        "Đơn vị thi công phía bạn",
        [("grassroots", 3, "meeting", "Gặp đơn vị phía bạn, đề nghị dừng thi công", "")],
        "",
    ),
    (
        "illegal_crossing",
        "Nhóm người qua lại biên giới trái phép qua đường mòn (DỮ LIỆU MẪU)",
        5,
        "",
        [],
        "",
    ),
]


def load_sample_incidents() -> int:
    """Record the sample incidents that are missing, placed by markers of the post's section:
    one closed at the grassroots, one moved up to the province and past its deadline there, two
    at the grassroots (one past its deadline). Their days count back from today, so the overdue
    list always shows the same picture. Returns how many were made now."""
    from django.utils import timezone

    from .models import Incident
    from .services import incident_close, incident_create, incident_step_add

    officer = User.objects.filter(username=OFFICER).select_related("unit").first()
    if officer is None or officer.unit is None:
        return 0
    markers = list(Marker.objects.filter(post=officer.unit).order_by("sort_key")[:40])
    counterpart = CounterpartUnit.objects.filter(facing_posts=officer.unit).first()
    if not markers:
        return 0
    today = timezone.localdate()
    made = 0
    for n, (kind, title, ago, parties, steps, result) in enumerate(_INCIDENTS):
        client_id = uuid5(NAMESPACE, f"incident-{n}")
        if Incident.objects.filter(uuid=client_id).exists():
            continue
        marker = markers[(7 * n + 3) % len(markers)]
        detected = today - timedelta(days=ago)
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
