"""The OpenAPI document is a contract a generated client can trust:

- each schema name in it is one schema (two classes of one name made one of them lie);
- every set of values it lists is exactly what the server validates, and what it stores;
- an edit takes the names its record is read with, and takes back, unchanged, what was read;
- every operation documents the errors it answers, in the one error shape.

Routes and schemas are found from the document itself, so a new one is checked by itself.
"""

import enum
import typing
from collections import defaultdict
from typing import Any

import pytest
from django.apps import apps
from ninja import Router, Schema
from pydantic import BaseModel

from biengioi.api import api
from biengioi.community.models import TwinningKind
from biengioi.core import api as core_api
from tests.api.openapi import check_answer, document, resolve
from tests.api.test_route_walk import _url, _world_once  # noqa: F401  (the walk's world)
from tests.conftest import api_client

# Sets of values the API names that no model stores (a filter's or a computed value's);
# a new enum fails here until it is stored by a model field or given its reason below.
NOT_STORED: dict[str, str] = {}

# Writes that set one cell of a table rather than edit a record read at their own path.
NOT_RECORDS = {
    "put /api/v1/patrol-plans": "sets one month of a post's plan; read as the plan table",
    "put /api/v1/incidents/deadlines": "sets one deadline; read as the deadline table",
    "patch /api/v1/attachments/{attachment_id}": (
        "files a kept file under another kind; a GET at its path is the file itself, the "
        "attachment is read in its owner's list (tests/operations/test_attachment_filing.py)"
    ),
}


def _operations() -> list[tuple[str, str, dict]]:
    return [
        (method, path, op)
        for path, methods in document()["paths"].items()
        for method, op in methods.items()
    ]


OPERATIONS = _operations()
EDITS = [(m, p, op) for m, p, op in OPERATIONS if m in ("patch", "put")]


@pytest.fixture
def world(_world_once, db):  # noqa: F811
    """The route walk's world, built once for this module; each test in a savepoint."""
    return _world_once


def _id(item: tuple[str, str, dict]) -> str:
    return f"{item[0].upper()} {item[1]}"


# --- what the server validates ---------------------------------------------------------------


def _schemas() -> dict[str, set[type]]:
    """Every pydantic model an operation reads or answers with, and every Enum in them, by
    name (the name the document gives its schema)."""
    found: dict[str, set[type]] = defaultdict(set)

    def walk(model: type[BaseModel]) -> None:
        if model in found[model.__name__]:
            return
        found[model.__name__].add(model)
        for field in model.model_fields.values():
            for kind in _kinds(field.annotation):
                if isinstance(kind, type) and issubclass(kind, BaseModel):
                    walk(kind)
                elif isinstance(kind, type) and issubclass(kind, enum.Enum):
                    found[kind.__name__].add(kind)

    for bound in api._get_bound_routers():
        for view in bound.path_operations.values():
            for operation in view.operations:
                for model in [*operation.models, *operation.response_models.values()]:
                    if isinstance(model, type) and issubclass(model, BaseModel):
                        walk(model)
    return found


def _kinds(annotation: Any) -> list[Any]:
    """The types an annotation is made of (Optional, lists, Annotated and dicts unwrapped)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _kinds(typing.get_args(annotation)[0])
    if origin is None or origin is typing.Literal:
        return [annotation]
    return [kind for arg in typing.get_args(annotation) for kind in _kinds(arg)]


def _python_values(annotation: Any) -> list[Any] | None:
    """The values an annotation admits when it is a set of them (an Enum or a Literal)."""
    values: list[Any] = []
    for kind in _kinds(annotation):
        if typing.get_origin(kind) is typing.Literal:
            values += list(typing.get_args(kind))
        elif isinstance(kind, type) and issubclass(kind, enum.Enum):
            values += [member.value for member in kind]
    return values or None


def _document_values(schema: dict[str, Any]) -> list[Any] | None:
    schema = resolve(schema)
    values = list(schema.get("enum", []))
    parts = [*schema.get("anyOf", []), *schema.get("allOf", [])]
    parts += [schema[key] for key in ("items", "propertyNames") if key in schema]
    for part in parts:
        values += _document_values(part) or []
    return values or None


def _stored_choices() -> set[tuple[Any, ...]]:
    return {
        tuple(value for value, _ in field.flatchoices)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if getattr(field, "choices", None)
    }


def test_each_schema_name_in_the_document_is_one_schema():
    components = document()["components"]["schemas"]
    same_name = {
        name: models
        for name, models in _schemas().items()
        if len(models) > 1 and name in components
    }
    assert not same_name, sorted(same_name)


def test_two_schemas_of_one_name_refuse_to_make_the_document():
    class Totals(Schema):
        a: int

    first = Totals

    class Totals(Schema):  # type: ignore[no-redef]  # noqa: F811
        b: int

    router = Router()
    router.get("/a", response=first)(lambda request: {"a": 1})
    router.get("/b", response=Totals)(lambda request: {"b": 1})
    trial = core_api.Api(urls_namespace="collision-trial")
    trial.add_router("", router)
    with pytest.raises(core_api.SchemaNameTaken, match="Totals"):
        trial.get_openapi_schema(path_prefix="")


def test_every_set_of_values_in_the_document_is_what_the_server_validates():
    """A property's values in the document are the values its schema's field admits: a client
    generated from the document sends what the server takes, and reads what it answers."""
    components = document()["components"]["schemas"]
    wrong = []
    for name, found in _schemas().items():
        if name not in components or "properties" not in components[name]:
            continue
        (model,) = found  # one schema of each name (see above)
        properties = components[name].get("properties", {})
        for field_name, field in model.model_fields.items():
            key = field.alias if field.alias and field.alias in properties else field_name
            if key not in properties:
                continue  # a query model's field is a parameter, checked as the route runs
            python = _python_values(field.annotation)
            documented = _document_values(properties[key])
            if python != documented:
                wrong.append(f"{name}.{key}: document {documented}, server {python}")
    assert not wrong, "\n".join(wrong)


def test_every_named_set_of_values_is_what_a_model_stores():
    """A named set of values is a model's choices, so the server stores what the document
    lists and lists what it stores."""
    stored = _stored_choices()
    components = document()["components"]["schemas"]
    enums = {name: schema["enum"] for name, schema in components.items() if "enum" in schema}
    assert enums
    for name, values in enums.items():
        assert name in NOT_STORED or tuple(values) in stored, f"{name} {values} is stored by none"


def test_the_document_names_the_values_of_every_stored_choice_it_shows():
    """A record's field whose values are a model's choices is documented with them: a
    unilateral patrol's host side reads null, not a string outside the set."""
    components = document()["components"]["schemas"]
    patrol = components["PatrolOut"]["properties"]["host_side"]
    assert _document_values(patrol) == ["vn", "other"]
    assert {"type": "null"} in patrol["anyOf"]
    for schema in ("TwinningActivityOut", "TwinningActivityCreate", "MeetingCreate"):
        host = components[schema]["properties"]["host_side"]
        assert _document_values(host) == ["vn", "neighbour"], schema
    twinning = components["TwinningOut"]["properties"]["kind"]
    assert _document_values(twinning) == [k.value for k in TwinningKind]


# --- edits take back what was read ---------------------------------------------------------


def _read_schema(path: str, op: dict[str, Any]) -> dict[str, Any]:
    """The schema a record is read with: its GET at the same path, else the edit's answer."""
    get = document()["paths"][path].get("get")
    answer = (get or op)["responses"]["200"]["content"]["application/json"]["schema"]
    return resolve(answer)


def _body_schema(op: dict[str, Any]) -> dict[str, Any]:
    return resolve(op["requestBody"]["content"]["application/json"]["schema"])


@pytest.mark.parametrize(("method", "path", "op"), EDITS, ids=[_id(e) for e in EDITS])
def test_every_edit_takes_the_names_its_record_is_read_with(method, path, op):
    if f"{method} {path}" in NOT_RECORDS:
        pytest.skip(NOT_RECORDS[f"{method} {path}"])
    written = set(_body_schema(op)["properties"])
    read = set(_read_schema(path, op)["properties"])
    assert written - read == set(), f"written but never read under that name: {written - read}"


RECORD_EDITS = [e for e in EDITS if f"{e[0]} {e[1]}" not in NOT_RECORDS]


@pytest.mark.parametrize(("method", "path", "op"), RECORD_EDITS, ids=[_id(e) for e in RECORD_EDITS])
def test_a_record_read_is_accepted_back_unchanged(world, method, path, op):
    """GET a record (or, with no GET, the record a stale edit answers with), send back what
    the edit takes: 200, and nothing changed but the version."""
    bob = api_client(world.bob)
    url = _url(path, world, 0)
    fields = _body_schema(op)["properties"]
    versioned = "version" in fields
    if versioned:
        stale = getattr(bob, method)(url, {"version": 999_999}, content_type="application/json")
        assert stale.status_code == 409, stale.content
        check_answer(op, stale)
    if "get" in document()["paths"][path]:
        before = bob.get(url).json()
    elif versioned:
        before = stale.json()["current"]
    else:
        before = getattr(bob, method)(url, {}, content_type="application/json").json()
    body = {name: before[name] for name in fields if name in before}
    after = getattr(bob, method)(url, body, content_type="application/json")
    assert after.status_code == 200, after.content
    check_answer(op, after)
    after = after.json()
    if versioned:
        assert after.pop("version") == before.pop("version") + 1
    after.pop("updated_at", None), before.pop("updated_at", None)  # the moment of the write
    assert after == before


# --- errors --------------------------------------------------------------------------------


def _has_input(op: dict[str, Any]) -> bool:
    return bool(op.get("parameters")) or "requestBody" in op


@pytest.mark.parametrize(("method", "path", "op"), OPERATIONS, ids=[_id(o) for o in OPERATIONS])
def test_every_operation_documents_the_errors_it_answers(method, path, op):
    expected = {"401"}
    if op.get("x-permission") != "authenticated" or method != "get":
        expected.add("403")
    if _has_input(op):
        expected |= {"404", "422"}
    if "requestBody" in op:
        expected.add("413")
    body = op.get("requestBody", {}).get("content", {}).get("application/json")
    if body:
        expected.add("400")
        if "version" in resolve(body["schema"]).get("properties", {}):
            expected.add("409")
    assert expected <= set(op["responses"]), expected - set(op["responses"])
    for status in expected - {"409"}:
        schema = op["responses"][status]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/Error"}, status
    if "409" in expected:
        conflict = resolve(op["responses"]["409"]["content"]["application/json"]["schema"])
        assert {"detail", "errors", "current"} <= set(conflict["properties"])


def test_the_error_schema_is_the_one_error_shape():
    error = document()["components"]["schemas"]["Error"]
    assert error["required"] == ["detail", "errors"]
    field_error = resolve(error["properties"]["errors"]["items"])
    assert set(field_error["properties"]) == {"field", "message"}
