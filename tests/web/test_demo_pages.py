"""Every page of the sample province answers, for every demo role: a smoke test over real
sample data (past committee terms, suspended gates, reference posts ...)."""

import pytest
from django.urls import reverse

from biengioi.accounts.models import User
from biengioi.accounts.sample import create_demo_users
from biengioi.operations.gate_sample import load_sample_gate_traffic
from biengioi.operations.models import GateTraffic, Incident, Patrol
from biengioi.operations.sample import load_sample_incidents, load_sample_patrols
from biengioi.registry.models import AdminUnit, BorderSection, Gate, Marker, OrgUnit, Sign
from biengioi.registry.sample import load_sample_province
from biengioi.web.menu import entries_for
from tests.conftest import sign_in


@pytest.fixture
def demo(db):
    province = load_sample_province()
    create_demo_users()
    assert load_sample_patrols() == 8
    assert load_sample_patrols() == 0  # loading again changes nothing
    assert load_sample_incidents() == 4
    assert load_sample_incidents() == 0
    assert load_sample_gate_traffic() == 2 * 60 + 3  # two gates' days, one gate's months
    assert load_sample_gate_traffic() == 0
    return province


@pytest.mark.parametrize(
    "username", ["canbo.phulang", "nghiepvu.bdbp", "thuongtruc.bcd", "lanhdao.tinh", "quantri"]
)
def test_every_page_of_the_sample_province_answers(demo, client, username):
    user = User.objects.get(username=username)
    sign_in(client, user)
    user.is_verified = lambda: True  # as django-otp marks the session after the second factor
    pages = [reverse(e.url_name) for e in entries_for(user)]
    assert len(pages) >= 9
    post = OrgUnit.objects.get(code="MAU-BC-DBP-CKPHULANG")
    pages += [
        f"/markers/{Marker.objects.get(identifier='240(2)').pk}/",
        f"/sections/{BorderSection.objects.first().pk}/",
        f"/gates/{Gate.objects.get(name='Lối mở Ta Lu').pk}/",
        f"/signs/{Sign.objects.first().pk}/",
        f"/units/{post.pk}/",
        f"/admin-units/{AdminUnit.objects.get(code='MAU-BC').pk}/",
        "/markers/?q=222",
        "/markers/?status=damaged",
        "/admin-units/?q=bien cuong",
        "/markers/export.xlsx",
        "/gates/export.csv",
        "/organisations/members/?q=luong van",
        "/organisations/counterparts/?country=LA",
        f"/organisations/counterparts/{post.facing_counterparts.first().pk}/",
        "/units/?on=01/01/2024",
        "/patrols/?kind=bilateral",
        f"/patrols/{Patrol.objects.first().pk}/",
        "/patrols/export.xlsx",
        "/incidents/?status=open",
        "/incidents/overdue/",
        "/incidents/deadlines/",
        "/incidents/export.csv",
        *[f"/incidents/{i.pk}/" for i in Incident.objects.all()],
        "/gate-traffic/?period=month",
        f"/gate-traffic/{GateTraffic.objects.filter(unit=post).first().pk}/",
        "/gate-traffic/export.xlsx",
        "/gate-traffic/template.xlsx",
    ]
    district = OrgUnit.objects.get(code="MAU-BC-BCD-PHULANG")
    if district.path.startswith(user.unit.path):  # units are seen within one's own scope
        pages.append(f"/units/{district.pk}/")
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, (page, response.status_code)
    assert "DỮ LIỆU MẪU" in client.get("/").content.decode()


def test_the_sample_keeps_a_district_committee_of_the_past_and_links_its_communes(demo):
    district = OrgUnit.objects.get(code="MAU-BC-BCD-PHULANG")
    assert (district.valid_from.year, district.valid_to.isoformat()) == (2016, "2025-06-30")
    assert district.members.count() == 3
    assert all(m.term_to == district.valid_to for m in district.members.all())
    communes = OrgUnit.objects.filter(kind="commune", code__startswith="MAU-BC-XA-")
    assert communes.count() == 12
    assert all(c.admin_unit and c.admin_unit.code == c.code for c in communes)
    assert OrgUnit.objects.get(code="MAU-BC").admin_unit.level == "province"


def test_the_sample_incidents_stand_at_each_stage_of_their_handling(demo):
    officer = User.objects.get(username="canbo.phulang")
    from biengioi.operations import selectors

    everything = selectors.incident_list(actor=officer)
    counts = selectors.incident_counts(everything)
    assert (counts["total"], counts["closed"], counts["overdue"], counts["province"]) == (
        4,
        1,
        2,
        1,
    )
    assert all("DỮ LIỆU MẪU" in i.title and i.nearest_marker for i in everything)
