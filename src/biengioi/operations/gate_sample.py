"""Gate traffic of the sample province for the demo: the daily figures of its two gates for the
60 days before today (fewer crossings at weekends), and, for the Nậm Sơn gate, one figure a
month for the three months before that, as a post that reported monthly would have. Recorded
through `gate_traffic_create` (audited, like any record), with fixed client ids: loading again
changes nothing. The figures are invented, in the range of a Lao-border gate pair."""

import random
from datetime import date, timedelta
from decimal import Decimal
from uuid import uuid5

from django.utils import timezone

from biengioi.accounts.models import User
from biengioi.core.errors import DomainError
from biengioi.registry.models import Gate

from .models import GateTraffic
from .sample import NAMESPACE
from .services import gate_traffic_create

DAYS = 60
MONTHS = 3
# gate name -> (who records it, its post's code, a usual weekday's figures)
_GATES: dict[str, tuple[str, str, dict[str, float]]] = {
    "Cửa khẩu Quốc tế Phù Lang": (
        "canbo.phulang",
        "MAU-BC-DBP-CKPHULANG",
        {
            "persons_out": 1800,
            "persons_in": 1700,
            "vehicles_out": 420,
            "vehicles_in": 400,
            "export_tonnes": 1400,
            "import_tonnes": 900,
            "export_value_usd": 2_100_000,
            "import_value_usd": 1_300_000,
        },
    ),
    "Cửa khẩu Nậm Sơn": (
        "nghiepvu.bdbp",
        "MAU-BC-DBP-NAMSON",
        {
            "persons_out": 220,
            "persons_in": 210,
            "vehicles_out": 35,
            "vehicles_in": 30,
            "export_tonnes": 160,
            "import_tonnes": 90,
            "export_value_usd": 180_000,
            "import_value_usd": 95_000,
        },
    ),
}


def _figures(usual: dict[str, float], seed: str, scale: float) -> dict[str, object]:
    rng = random.Random(seed)  # noqa: S311 - invented sample figures, not security
    out: dict[str, object] = {}
    for key, value in usual.items():
        amount = value * scale * rng.uniform(0.85, 1.15)
        if key.endswith("_tonnes"):
            out[key] = Decimal(f"{amount:.3f}")
        elif key.endswith("_usd"):
            out[key] = Decimal(f"{amount:.2f}")
        else:
            out[key] = round(amount)
    return out


def _months_before(day: date, count: int) -> list[date]:
    months, first = [], day.replace(day=1)
    for _ in range(count):
        first = (first - timedelta(days=1)).replace(day=1)
        months.append(first)
    return sorted(months)


def load_sample_gate_traffic(today: date | None = None) -> int:
    """Record the sample figures that are missing; returns how many were made now."""
    today = today or timezone.localdate()
    days = [today - timedelta(days=n) for n in range(DAYS, 0, -1)]
    made = 0
    for name, (username, post_code, usual) in _GATES.items():
        actor = User.objects.filter(username=username).first()
        gate = Gate.objects.filter(name=name, side="vn", post__code=post_code).first()
        if actor is None or gate is None:
            continue
        wanted = [("day", d, 0.7 if d.weekday() >= 5 else 1.0) for d in days]
        if post_code.endswith("NAMSON"):
            wanted = [("month", m, 27.0) for m in _months_before(days[0], MONTHS)] + wanted
        for period, on, scale in wanted:
            client_id = uuid5(NAMESPACE, f"gate-{gate.pk}-{period}-{on.isoformat()}")
            if GateTraffic.objects.filter(uuid=client_id).exists():
                continue
            try:
                gate_traffic_create(
                    actor=actor,
                    client_id=client_id,
                    unit_id=gate.post_id,
                    gate_id=gate.pk,
                    period=period,
                    on=on,
                    **_figures(usual, f"{name}-{on.isoformat()}", scale),
                )
            except DomainError:  # the day (or month) was recorded by hand in this database
                continue
            made += 1
    return made
