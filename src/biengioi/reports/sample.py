"""A sample draft report for the demo province: the secretariat's report of the current year
(figures and narrative drafted from the sample records), not issued; the id is fixed so loading
again changes nothing."""

from datetime import date
from uuid import UUID, uuid5

from django.utils import timezone

from biengioi.accounts.models import User
from biengioi.registry.models import OrgUnit

SECRETARIAT = "thuongtruc.bcd"
PROVINCE = "MAU-BC"
NAMESPACE = UUID("5b0f3c1e-2d4a-4e8b-9c7d-1a2b3c4d5e70")


def load_sample_reports(today: date | None = None) -> int:
    """The draft report of the province for the current year; returns how many were made now."""
    from .services import report_create

    actor = User.objects.filter(username=SECRETARIAT).select_related("unit").first()
    province = OrgUnit.objects.filter(code=PROVINCE).first()
    if actor is None or province is None:
        return 0
    year = (today or timezone.localdate()).year
    _report, made = report_create(
        actor=actor,
        client_id=uuid5(NAMESPACE, f"report-{year}"),
        scope_unit_id=province.pk,
        period=str(year),
    )
    return int(made)
