"""Every page of the sample province answers, for every demo role: a smoke test over real
sample data (past committee terms, suspended gates, reference posts ...)."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from biengioi.accounts.models import User
from biengioi.accounts.sample import create_demo_users
from biengioi.registry.models import AdminUnit, BorderSection, Gate, Marker, OrgUnit, Sign
from biengioi.registry.sample import load_sample_province
from biengioi.web.menu import entries_for


@pytest.fixture
def demo(db):
    province = load_sample_province()
    create_demo_users()
    return province


def _sign_in(client, user):
    client.force_login(user)
    if user.needs_second_factor:
        device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()


@pytest.mark.parametrize(
    "username", ["canbo.phulang", "nghiepvu.bdbp", "thuongtruc.bcd", "lanhdao.tinh", "quantri"]
)
def test_every_page_of_the_sample_province_answers(demo, client, username):
    user = User.objects.get(username=username)
    _sign_in(client, user)
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
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, (page, response.status_code)
    assert "DỮ LIỆU MẪU" in client.get("/").content.decode()
