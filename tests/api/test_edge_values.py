"""Edge values a client can send, to every parameter of every API route (found from the OpenAPI
document, so a new route or parameter is picked up by itself): an id beyond the 64-bit range, a
date at the ends of the calendar, a NUL byte or a right-to-left override in a string, an id
beyond range in a body's id or id list. Each is refused in the one error shape, naming the
parameter, in Vietnamese; none is a server error."""

import functools
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from biengioi.api import api
from biengioi.core.access import PERMISSIONS, Role
from tests.conftest import World, api_client, build_world

HUGE = "99999999999999999999"  # over 2**64
EDGE_DATES = ("0001-01-01", "9999-12-31")
EDGE_TEXT = ("a\x00b", "a\u202eb")


@functools.cache
def _document() -> dict:
    return api.get_openapi_schema(path_prefix="/api/v1")


def _operations() -> list[tuple[str, str, dict]]:
    return [
        (method, path, op)
        for path, methods in _document()["paths"].items()
        for method, op in methods.items()
    ]


def _resolve(schema: dict) -> dict:
    if "$ref" in schema:
        return _document()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _kinds(schema: dict) -> set[str]:
    """What a parameter or property holds: 'integer', 'date', 'string', 'integer[]'."""
    schema = _resolve(schema)
    kinds: set[str] = set()
    for choice in schema.get("anyOf", [schema]):
        choice = _resolve(choice)
        kind = choice.get("type")
        if kind == "string" and choice.get("format") == "date":
            kinds.add("date")
        elif kind == "string" and choice.get("format") not in ("date-time", "uuid", "binary"):
            kinds.add("string")
        elif kind == "integer":
            kinds.add("integer")
        elif kind == "array" and _resolve(choice.get("items", {})).get("type") == "integer":
            kinds.add("integer[]")
    return kinds


def _edge_values(name: str, kinds: set[str], where: str) -> list[str]:
    values: list[str] = []
    if "integer" in kinds:  # a negative id in a path matches no route: see test_error_pages
        values += [HUGE, "-1"] if where == "query" else [HUGE]
    if "date" in kinds:
        values += EDGE_DATES
    if "string" in kinds and where == "query":
        values += EDGE_TEXT
    return values


def _cases() -> list[tuple[str, str, dict, str, str, str]]:
    cases = []
    for method, path, op in _operations():
        for parameter in op.get("parameters", []):
            where, name = parameter["in"], parameter["name"]
            for value in _edge_values(name, _kinds(parameter["schema"]), where):
                cases.append((method, path, op, where, name, value))
    return cases


def _body_cases() -> list[tuple[str, str, dict, str, Any]]:
    cases = []
    for method, path, op in _operations():
        content = op.get("requestBody", {}).get("content", {})
        if "application/json" not in content:
            continue
        component = _resolve(content["application/json"]["schema"])
        for name, prop in component.get("properties", {}).items():
            kinds = _kinds(prop)
            if not name.endswith(("_id", "_ids")):
                continue
            if "integer[]" in kinds:
                cases.append((method, path, op, name, [int(HUGE)]))
            elif "integer" in kinds:
                cases.append((method, path, op, name, int(HUGE)))
    return cases


CASES = _cases()
BODY_CASES = _body_cases()


def _fill(path: str) -> str:
    """Path ids of objects that need not exist: the edge value is refused before any is read."""
    import re

    return re.sub(r"\{(\w+)\}", lambda m: "docx" if m.group(1) == "fmt" else "1", path)


@pytest.fixture(scope="module")
def _clients(django_db_setup, django_db_blocker):
    """One world and one client per role for the whole module, in a transaction rolled back at
    its end; each test runs in a savepoint of its own (the `db` fixture)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world: World = build_world()
            yield {role: api_client(world.by_role(role)) for role in Role}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def clients(_clients, db):
    return _clients


def _client_for(clients: dict[Role, Client], op: dict) -> Client:
    """An administrator, unless the route is for other roles only: someone who may call it, so
    the answer is about the value and not a 403."""
    permission = op["x-permission"]
    allowed = PERMISSIONS.get(permission, set(Role))
    role = Role.ADMINISTRATOR if Role.ADMINISTRATOR in allowed else sorted(allowed)[0]
    return clients[role]


def _example(op: dict) -> dict | None:
    content = op.get("requestBody", {}).get("content", {})
    if "application/json" not in content:
        return None
    component = _resolve(content["application/json"]["schema"])
    return dict(component["examples"][0]) if component.get("examples") else {}


def _assert_refused(response, name: str, *, named: bool = True) -> None:
    assert response.status_code in (400, 404, 422), response.content[:400]
    assert response["Content-Type"].startswith("application/json"), response.content[:400]
    body = response.json()
    assert set(body) == {"detail", "errors"} and body["detail"], body
    if named and response.status_code != 404:
        fields = [e["field"] for e in body["errors"]]
        assert any(f == name or f.startswith(f"{name}.") for f in fields), body


def test_the_walk_finds_every_kind_of_edge():
    sent = {(where, value) for _, _, _, where, _, value in CASES}
    assert ("query", HUGE) in sent and ("path", HUGE) in sent
    assert ("query", "9999-12-31") in sent and ("query", "a\x00b") in sent
    assert {name for _, _, _, name, _ in BODY_CASES} >= {"section_ids", "marker_ids"}


@pytest.mark.parametrize(
    ("method", "path", "op", "where", "name", "value"),
    CASES,
    ids=[f"{m.upper()} {p} {n}={v!r}" for m, p, _, _, n, v in CASES],
)
def test_an_edge_value_in_a_parameter_is_refused_naming_it(
    clients, method, path, op, where, name, value
):
    client = _client_for(clients, op)
    if where == "path":
        url = _fill(path.replace("{" + name + "}", value))
        query: dict[str, str] = {}
    else:
        url, query = _fill(path), {name: value}
    body = _example(op)
    if method == "get":
        response = client.get(url, query)
    else:
        from urllib.parse import urlencode

        full = f"{url}?{urlencode(query)}" if query else url
        response = getattr(client, method)(full, data=body, content_type="application/json")
    # An id in the path names no record (404), or the body, read first, is refused on its own.
    _assert_refused(response, name, named=where != "path")


@pytest.mark.parametrize(
    ("method", "path", "op", "name", "value"),
    BODY_CASES,
    ids=[f"{m.upper()} {p} {n}" for m, p, _, n, _ in BODY_CASES],
)
def test_an_id_beyond_range_in_a_body_is_refused_naming_it(clients, method, path, op, name, value):
    client = _client_for(clients, op)
    body = {**(_example(op) or {}), name: value}
    response = getattr(client, method)(_fill(path), data=body, content_type="application/json")
    assert response.status_code == 422, response.content[:400]
    _assert_refused(response, name)


def _upload_cases() -> list[tuple[str, str, dict, str, str]]:
    """Fields of multipart uploads (imports, attachments) sent beside their file."""
    cases = []
    for method, path, op in _operations():
        content = op.get("requestBody", {}).get("content", {})
        if "multipart/form-data" not in content:
            continue
        component = _resolve(content["multipart/form-data"]["schema"])
        for name, prop in component.get("properties", {}).items():
            values = [HUGE] if "integer" in _kinds(prop) else []
            values += list(EDGE_TEXT) if "string" in _kinds(prop) else []
            cases += [(method, path, op, name, value) for value in values]
    return cases


UPLOAD_CASES = _upload_cases()


@pytest.mark.parametrize(
    ("method", "path", "op", "name", "value"),
    UPLOAD_CASES,
    ids=[f"{m.upper()} {p} {n}={v!r}" for m, p, _, n, v in UPLOAD_CASES],
)
def test_an_edge_value_beside_an_uploaded_file_is_refused(clients, method, path, op, name, value):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = _client_for(clients, op)
    content = op["requestBody"]["content"]["multipart/form-data"]["schema"]
    required = _resolve(content).get("required", [])
    data: dict[str, Any] = {"kind": "photo", "unit_id": "1", "line_id": "1"}
    data = {k: v for k, v in data.items() if k in required}
    data[name] = value
    data["file"] = SimpleUploadedFile("a.csv", b"a,b\n1,2\n")
    response = getattr(client, method)(_fill(path), data=data)
    _assert_refused(response, name, named="{" not in path)
