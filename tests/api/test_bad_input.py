"""Bad input gets one error shape naming the field, in the caller's language, and writes nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from biengioi.audit.models import AuditRecord
from biengioi.registry.models import OrgUnit


def _unit(world, **overrides):
    body = {
        "code": "TBT-DBP-MOI",
        "name": "Đồn Biên phòng Mới",
        "kind": "border_post",
        "parent_id": world.bg.pk,
    }
    return {**body, **overrides}


@pytest.fixture
def counts():
    def take():
        return OrgUnit.objects.count(), AuditRecord.objects.filter(
            action__startswith="unit."
        ).count()

    return take


def _errors(response) -> dict[str, str]:
    body = response.json()
    assert set(body) == {"detail", "errors"} and body["detail"]
    return {e["field"]: e["message"] for e in body["errors"]}


def test_a_valid_unit_is_created_and_audited(world, as_user, counts):
    units, records = counts()
    response = as_user(world.bob).post(
        "/api/v1/units",
        data=_unit(world),
        content_type="application/json",
        HTTP_X_REQUEST_ID="proxy-req-0001",
    )
    assert response.status_code == 201
    assert response["X-Request-ID"] == "proxy-req-0001"
    assert AuditRecord.objects.order_by("-seq").first().request_id == "proxy-req-0001"
    assert response.json()["path"].startswith(world.bg.path)
    assert counts() == (units + 1, records + 1)


def test_a_body_that_is_not_json_is_refused(world, as_user, counts):
    before = counts()
    response = as_user(world.bob).post(
        "/api/v1/units", data="{code: 1", content_type="application/json"
    )
    assert response.status_code == 400
    assert _errors(response) == {"body": "Nội dung yêu cầu không phải JSON hợp lệ."}
    assert counts() == before


def test_a_body_over_one_megabyte_is_refused_with_413(world, as_user, counts):
    before = counts()
    big = json.dumps(_unit(world, name="x" * (1024 * 1024)))
    response = as_user(world.bob).post("/api/v1/units", data=big, content_type="application/json")
    assert response.status_code == 413
    assert "body" in _errors(response)
    assert counts() == before


def test_an_import_takes_a_file_over_one_megabyte_and_nothing_else_does(world, as_user, counts):
    before = counts()
    api = as_user(world.bob)
    big = {"unit_id": world.post.pk, "file": SimpleUploadedFile("a.xlsx", b"x" * (1536 * 1024))}
    imported = api.post("/api/v1/propaganda-sessions/import", big)
    assert imported.status_code == 422  # read and refused as a file, not as a body over 1 MB
    assert "file" in _errors(imported)
    big["file"] = SimpleUploadedFile("a.xlsx", b"x" * (1536 * 1024))
    assert api.post("/api/v1/units", big).status_code == 413
    assert counts() == before


def test_unknown_fields_are_refused_not_ignored(world, as_user, counts):
    before = counts()
    response = as_user(world.bob).post(
        "/api/v1/units", data=_unit(world, is_admin=True), content_type="application/json"
    )
    assert response.status_code == 422
    assert _errors(response) == {"is_admin": "Trường này không được chấp nhận."}
    assert counts() == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("parent_id", "một", "Phải là một số nguyên."),
        ("name", 42, "Phải là một chuỗi ký tự."),
        ("kind", "fortress", "Giá trị không nằm trong danh sách cho phép"),
        ("code", None, "Phải là một chuỗi ký tự."),
    ],
)
def test_wrong_types_name_the_field(world, as_user, counts, field, value, message):
    before = counts()
    response = as_user(world.bob).post(
        "/api/v1/units", data=_unit(world, **{field: value}), content_type="application/json"
    )
    assert response.status_code == 422
    assert message in _errors(response)[field]
    assert counts() == before


@pytest.mark.parametrize("text", ["Đồn\x00Biên phòng", "Đồn\x1bBiên", "Đồn\nBiên", "Đồn\x85"])
def test_control_characters_in_text_are_refused(world, as_user, counts, text):
    before = counts()
    response = as_user(world.bob).post(
        "/api/v1/units", data=_unit(world, name=text), content_type="application/json"
    )
    assert response.status_code == 422
    assert _errors(response) == {"name": "Văn bản chứa ký tự điều khiển không được phép."}
    assert counts() == before


def test_errors_come_in_english_when_asked(world, as_user):
    response = as_user(world.bob, "en").post(
        "/api/v1/units", data=_unit(world, name=42, x=1), content_type="application/json"
    )
    assert response.json()["detail"] == "The submitted data is invalid."
    assert _errors(response) == {"name": "Must be a string.", "x": "This field is not allowed."}


def test_a_domain_rule_names_its_field(world, as_user, counts):
    before = counts()
    response = as_user(world.bob).post(
        "/api/v1/units", data=_unit(world, code="TBT-BDBP"), content_type="application/json"
    )
    assert response.status_code == 422
    assert _errors(response) == {"code": "Mã “TBT-BDBP” đã được dùng cho đơn vị khác."}
    wrong_parent = as_user(world.bob).post(
        "/api/v1/units",
        data=_unit(world, parent_id=world.commune.pk),
        content_type="application/json",
    )
    assert "parent_id" in _errors(wrong_parent)
    assert counts() == before


def test_html_is_stored_as_text_and_shown_escaped(world, as_user, client):
    name = "<script>alert('x')</script> Đồn <b>Mới</b>"
    response = as_user(world.bob).post(
        "/api/v1/units", data=_unit(world, name=name), content_type="application/json"
    )
    unit = OrgUnit.objects.get(pk=response.json()["id"])
    assert unit.name == name
    client.force_login(world.erin)
    page = client.get(f"/units/{unit.pk}/").content.decode()
    assert "<script>alert" not in page and "<b>Mới</b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Đồn &lt;b&gt;Mới&lt;/b&gt;" in page


def test_a_retried_create_with_the_same_key_makes_one_unit(world, as_user, counts):
    api = as_user(world.bob)
    before = counts()
    first = api.post(
        "/api/v1/units",
        data=_unit(world),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k-123",
    )
    again = api.post(
        "/api/v1/units",
        data=_unit(world),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k-123",
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json()
    assert counts() == (before[0] + 1, before[1] + 1)
    other = api.post(
        "/api/v1/units",
        data=_unit(world, code="KHAC"),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="k-123",
    )
    assert other.status_code == 422 and "Idempotency-Key" in _errors(other)
    assert counts() == (before[0] + 1, before[1] + 1)


def test_names_are_searched_without_diacritics(world, as_user):
    found = as_user(world.alice).get("/api/v1/units?q=ban gioc").json()
    assert [u["code"] for u in found["items"]] == ["TBT-DBP-BANGIOC"]
    assert as_user(world.erin).get("/api/v1/units?q=DON BIEN PHONG").json()["count"] == 2
