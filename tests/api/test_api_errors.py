"""What the API answers when no route answers: an unmatched path, a server error, a session
write without its CSRF token, text with invisible characters. Always the one JSON error shape,
in the caller's language; pages keep their HTML."""

import inspect

import pytest
from django.test import Client

from biengioi.api import api
from biengioi.audit.models import AuditRecord
from biengioi.core.api import In
from biengioi.registry import selectors
from biengioi.registry.models import OrgUnit
from tests.conftest import sign_in


def _shape(response) -> dict[str, str]:
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail", "errors"} and body["detail"]
    return {e["field"]: e["message"] for e in body["errors"]}


@pytest.mark.parametrize("path", ["/api/v1/nonexistent", "/api/v1/units/-1", "/api/v2/units"])
def test_an_unmatched_path_under_the_api_answers_the_json_404(world, as_user, path):
    response = as_user(world.bob).get(path)
    assert response.status_code == 404
    assert _shape(response) == {}
    assert response.json()["detail"] == "Không tìm thấy."
    english = as_user(world.bob, "en").get(path)
    assert english.json()["detail"] == "Not found."


def test_a_method_a_route_does_not_take_answers_the_json_405(world, as_user):
    response = as_user(world.bob).delete("/api/v1/units")
    assert response.status_code == 405
    assert _shape(response) == {}
    assert "DELETE" in response.json()["detail"] and "GET" in response["Allow"]


def test_an_unmatched_page_still_answers_the_html_404(world, client):
    sign_in(client, world.erin)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_server_error_under_the_api_answers_the_json_500(world, monkeypatch):
    """A crash is simulated by making the units' selector raise (nothing else can be made to
    crash on purpose); Django logs it and answers the error shape with the request id."""

    def crash(**kwargs):
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(selectors, "unit_list", crash)
    from biengioi.accounts.services import token_create

    _, plain = token_create(actor=None, user=world.bob, name="t")
    client = Client(raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {plain}")
    response = client.get("/api/v1/units", HTTP_X_REQUEST_ID="req-crash-1")
    assert response.status_code == 500
    assert _shape(response) == {}
    assert "req-crash-1" in response.json()["detail"]
    assert "simulated crash" not in response.content.decode()


def test_a_server_error_on_a_page_still_answers_the_html_500(world, monkeypatch):
    def crash(**kwargs):
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(selectors, "unit_list", crash)
    client = Client(raise_request_exception=False)
    sign_in(client, world.erin)
    response = client.get("/units/")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


def test_a_session_write_without_its_csrf_token_is_told_so(world):
    client = Client(enforce_csrf_checks=True)
    sign_in(client, world.bob)
    before = OrgUnit.objects.count()
    body = {"code": "TBT-DBP-MOI", "name": "Đồn Mới", "kind": "border_post", "parent_id": 1}
    response = client.post("/api/v1/units", data=body, content_type="application/json")
    assert response.status_code == 403
    errors = _shape(response)
    assert set(errors) == {"X-CSRFToken"}
    assert "CSRF" in errors["X-CSRFToken"] and "Vai trò" not in response.json()["detail"]
    assert OrgUnit.objects.count() == before
    client.get("/units/")  # a page sets the CSRF cookie, which the script sends back
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/api/v1/units",
        data={**body, "parent_id": world.bg.pk},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    "name",
    [
        "Đồn \u202eBiên phòng",  # right-to-left override
        "Đồn Biên\u200bphòng",  # zero-width space
        "Đồn\u2066 Mới\u2069",  # isolates
        "\ufeffĐồn Mới",  # zero-width no-break space
    ],
)
def test_invisible_characters_in_a_name_are_refused_naming_the_field(world, as_user, name):
    bob = as_user(world.bob)
    before = OrgUnit.objects.count(), AuditRecord.objects.count()
    body = {"code": "TBT-DBP-MOI", "name": name, "kind": "border_post", "parent_id": world.bg.pk}
    response = bob.post("/api/v1/units", data=body, content_type="application/json")
    assert response.status_code == 422
    assert set(_shape(response)) == {"name"}
    assert "U+202E" in _shape(response)["name"]
    assert (OrgUnit.objects.count(), AuditRecord.objects.count()) == before


def test_invisible_characters_in_a_form_are_refused_beside_the_field(world, client):
    sign_in(client, world.bob)
    before = OrgUnit.objects.count(), AuditRecord.objects.count()
    form = {
        "code": "TBT-BCD-HUYEN",
        "name": "Ban Chỉ đạo \u202ehuyện",
        "kind": "steering_committee",
        "parent_id": world.tbt.pk,
        "valid_from": "01/01/2016",
    }
    response = client.post("/units/new/", form)
    assert response.status_code == 400
    assert "U+202E" in response.content.decode()
    assert (OrgUnit.objects.count(), AuditRecord.objects.count()) == before


def test_every_query_parameter_is_read_through_an_in_schema():
    """Query strings pass the checks `In` holds every field to (ids, dates, text): a route that
    takes a filter as a plain argument would skip them."""
    plain = []
    for _prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                for model in operation.signature.models:
                    if model.__ninja_param_source__ != "query":
                        continue
                    for name, field in model.model_fields.items():
                        kind = field.annotation
                        read_by_in = inspect.isclass(kind) and issubclass(kind, In)
                        if not read_by_in and kind not in (bool, bool | None):
                            plain.append(f"{path} {name}")
    assert plain == []
