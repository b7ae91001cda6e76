"""The OpenAPI document as tests read it: made once, and a validator of a body against the schema
an operation declares for its answer (JSON Schema 2020-12, as OpenAPI 3.1 says)."""

import functools
import json
from typing import Any

import jsonschema
from jsonschema.protocols import Validator

from biengioi.api import api


@functools.cache
def document() -> dict[str, Any]:
    """The document as a client reads it (statuses are strings there), made once per run: making
    it takes most of a second."""
    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1"), default=str))


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    """A schema with its `$ref` to the components followed."""
    while "$ref" in schema:
        schema = document()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def answer_schema(op: dict[str, Any], status: int) -> dict[str, Any] | None:
    """The JSON schema an operation declares for an answer of `status` (None: not declared)."""
    responses = op["responses"]
    declared = responses.get(str(status), responses.get(status))  # JSON's keys, or Ninja's
    if declared is None:
        return None
    return declared.get("content", {}).get("application/json", {}).get("schema", {})


@functools.cache
def _validator(schema: str) -> Validator:
    """One validator per answer schema (making one resolves the components afresh)."""
    return jsonschema.Draft202012Validator(
        {**json.loads(schema), "components": document()["components"]}
    )


def check_answer(op: dict[str, Any], response: Any) -> None:
    """The answer's status is documented on its operation and its body is what it says."""
    status = response.status_code
    schema = answer_schema(op, status)
    assert schema is not None, f"{op['operationId']}: status {status} is not documented"
    if status == 204 or "application/json" not in response.get("Content-Type", ""):
        return
    body = response.json()
    validator = _validator(json.dumps(schema, sort_keys=True))
    problems = [
        f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message}"
        for e in validator.iter_errors(body)
    ]
    assert not problems, f"{op['operationId']} {status}: " + "; ".join(problems[:5])
