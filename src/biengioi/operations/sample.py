"""Patrols of the sample province for the demo, recorded by the demo field officer of the
Phù Lang international-gate post: unilateral and bilateral ones over the months before the
demo's reference day, with the markers of the post's section inspected and found intact."""

from datetime import UTC, datetime, timedelta
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
