from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from biengioi.accounts.models import ApiToken, LoginLock, User
from biengioi.accounts.services import token_create, token_revoke, user_create
from biengioi.audit.models import AuditRecord
from biengioi.core.access import Role
from biengioi.core.errors import Code, DomainError
from tests.conftest import PASSWORD


def _login(client: Client, username: str, password: str):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_a_user_signs_in_and_sees_the_home_page(world, client):
    response = _login(client, "alice", PASSWORD)
    assert response.status_code == 302
    home = client.get("/")
    assert "Đồn Biên phòng Bản Giốc" in home.content.decode()


def test_wrong_password_is_refused_and_signs_nobody_in(world, client):
    response = _login(client, "alice", "sai-mat-khau")
    assert response.status_code == 400
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
    assert client.get("/").status_code == 302  # still sent to the login page


def test_five_failures_lock_the_username_and_address_for_fifteen_minutes(world, client):
    for _ in range(5):
        _login(client, "alice", "sai-mat-khau")
    response = _login(client, "alice", PASSWORD)
    assert "tạm khóa" in response.content.decode()
    assert client.get("/").status_code == 302
    lock = LoginLock.objects.get(username="alice")
    assert timedelta(minutes=14) < lock.locked_until - timezone.now() <= timedelta(minutes=15)
    assert AuditRecord.objects.filter(action="account.lock", object_id=str(world.alice.pk)).exists()
    # another address is not locked out
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert _login(other, "alice", PASSWORD).status_code == 302
    # and the lock lifts when its time is over
    LoginLock.objects.filter(pk=lock.pk).update(locked_until=timezone.now() - timedelta(seconds=1))
    assert _login(client, "alice", PASSWORD).status_code == 302


def test_an_administrator_must_pass_the_second_factor(world, client):
    response = _login(client, "bob", PASSWORD)
    assert response["Location"].startswith("/accounts/second-factor/")
    assert client.get("/units/")["Location"] == "/accounts/second-factor/"
    page = client.get("/accounts/second-factor/")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=world.bob, confirmed=False)
    assert client.post("/accounts/second-factor/", {"code": "000000"}).status_code == 200
    device.throttle_reset()  # django-otp slows retries down after a wrong code
    good = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    assert client.post("/accounts/second-factor/", {"code": good}).status_code == 302
    assert client.get("/units/").status_code == 200
    assert TOTPDevice.objects.get(user=world.bob).confirmed


def test_an_unverified_administrator_session_does_not_open_the_api(world, client):
    _login(client, "bob", PASSWORD)
    assert client.get("/api/v1/me").status_code == 401


def test_a_user_without_a_unit_is_refused(db):
    with pytest.raises(DomainError) as err:
        user_create(
            actor=None, username="nobody", password=PASSWORD, unit_id=None, role=Role.LEADER
        )
    assert err.value.field == "unit_id" and err.value.code == Code.UNIT_REQUIRED
    assert not User.objects.filter(username="nobody").exists()


def test_an_administrator_cannot_open_an_account_in_another_province(world, as_user):
    response = as_user(world.bob).post(
        "/api/v1/users",
        content_type="application/json",
        data={"username": "spy", "password": PASSWORD, "unit_id": world.tsn.pk, "role": "leader"},
    )
    assert response.status_code == 404
    assert not User.objects.filter(username="spy").exists()


def test_tokens_are_kept_as_hashes_and_shown_once(world, as_user):
    response = as_user(world.alice).post(
        "/api/v1/tokens", content_type="application/json", data={"name": "báo cáo", "days": 7}
    )
    assert response.status_code == 201
    plain = response.json()["token"]
    token = ApiToken.objects.get(pk=response.json()["id"])
    assert plain not in token.digest and token.prefix in plain
    listed = as_user(world.alice).get("/api/v1/tokens").json()
    assert all("token" not in t for t in listed)
    me = Client(HTTP_AUTHORIZATION=f"Bearer {plain}").get("/api/v1/me")
    assert me.json()["username"] == "alice"


def test_an_expired_token_is_refused(world):
    token, plain = token_create(actor=None, user=world.alice, name="cũ", days=1)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = Client(HTTP_AUTHORIZATION=f"Bearer {plain}").get("/api/v1/me")
    assert response.status_code == 401
    assert "hết hạn" in response.json()["detail"]


def test_a_revoked_token_is_refused_and_cannot_be_revoked_twice(world):
    token, plain = token_create(actor=None, user=world.alice, name="x")
    token_revoke(actor=world.alice, token_id=token.pk)
    assert Client(HTTP_AUTHORIZATION=f"Bearer {plain}").get("/api/v1/me").status_code == 401
    with pytest.raises(DomainError) as err:
        token_revoke(actor=world.alice, token_id=token.pk)
    assert err.value.code == Code.TOKEN_ALREADY_REVOKED


def test_a_field_officer_cannot_revoke_a_colleagues_token(world):
    token, _ = token_create(actor=None, user=world.erin, name="x")
    from django.http import Http404

    with pytest.raises(Http404):
        token_revoke(actor=world.alice, token_id=token.pk)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_a_token_of_a_deactivated_user_is_refused(world, as_user):
    _, plain = token_create(actor=None, user=world.alice, name="x")
    as_user(world.bob).patch(
        f"/api/v1/users/{world.alice.pk}",
        content_type="application/json",
        data={"is_active": False},
    )
    assert Client(HTTP_AUTHORIZATION=f"Bearer {plain}").get("/api/v1/me").status_code == 401


def _audited(action: str, user: User) -> list[AuditRecord]:
    return list(AuditRecord.objects.filter(action=action, object_id=str(user.pk)).order_by("seq"))


def test_a_sign_in_is_audited_in_the_users_unit_with_the_address(world):
    client = Client(REMOTE_ADDR="10.9.8.7")
    assert _login(client, "alice", PASSWORD).status_code == 302
    (signed_in,) = _audited("account.sign_in", world.alice)
    assert signed_in.actor_id == world.alice.pk
    assert signed_in.scope_path == world.alice.unit.path
    assert signed_in.after == {"ip": "10.9.8.7"}


def test_a_wrong_password_for_a_known_user_is_audited_and_an_unknown_name_writes_nothing(
    world, client
):
    before = AuditRecord.objects.count()
    _login(client, "alice", "sai-mat-khau")
    (failed,) = _audited("account.sign_in_failed", world.alice)
    assert failed.actor_id is None and failed.scope_path == world.alice.unit.path
    assert "sai-mat-khau" not in str(failed.after)
    _login(client, "khong-co-ai", "sai-mat-khau")
    assert AuditRecord.objects.count() == before + 1


def test_a_wrong_second_factor_code_is_audited_and_a_good_one_too(world, client):
    _login(client, "bob", PASSWORD)
    client.get("/accounts/second-factor/")
    device = TOTPDevice.objects.get(user=world.bob, confirmed=False)
    client.post("/accounts/second-factor/", {"code": "000000"})
    (failed,) = _audited("account.second_factor_failed", world.bob)
    assert failed.actor_id == world.bob.pk and failed.scope_path == world.bob.unit.path
    assert "000000" not in str(failed.after)
    device.throttle_reset()
    good = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    assert client.post("/accounts/second-factor/", {"code": good}).status_code == 302
    assert len(_audited("account.second_factor", world.bob)) == 1
