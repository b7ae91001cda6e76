"""Every list, total, summary and export, found from the OpenAPI document and the URL patterns
(a new one is picked up by itself), shows a user nothing of a scope they may not see.

The route walker (test_route_walk.py) checks routes that name one object; this file checks the
routes that gather many. For each caller outside a scope, every such route is called before and
after records of every kind (OBJECTS of the route walker) are written in that scope, and must
answer 200 and exactly the same both times:

- charlie, administrator of the other province TSN, against everything written in TBT (the
  province's reference data and every record of alice's post);
- dave, field officer of the other post of TBT (Lý Vạn), against every record of alice's post
  (Bản Giốc); the province's own records, which he may read, are written before his first call.

An answer that changes leaks the new records: an id in a list, a count in a total, a row in an
export.
"""

import io
import json
import re
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook

from biengioi.accounts.services import token_create
from biengioi.api import api
from biengioi.core.access import Role
from biengioi.registry import views as registry_views
from biengioi.registry.services import (
    border_line_create,
    committee_member_add,
    counterpart_create,
    gate_create,
    marker_create,
    section_create,
    sign_create,
)
from tests.api.test_route_walk import OBJECTS
from tests.conftest import World, api_client, build_world, make_unit, make_user, sign_in

# Keys of OBJECTS whose in-scope object belongs to the province as a whole (every user of TBT
# may read it, dave too), or whose builder writes such a record on the way (a duty makes a
# regulation). They are written before dave's first call; every other key is a record of
# alice's post, written between his two calls. A new key is taken for a post's record.
PROVINCE_WIDE = {
    "topic_id",  # written first: the post's sessions then take this topic, not a new one
    "programme_id",  # the same for the post's beneficiaries and activities
    "regulation_id",
    "duty_id",
    "submission_id",
    "movement_id",
    "report_id",
    "issued_id",
    # a repair writes the marker's status, a registry fact every user of the province reads
    # (that the repair's own text stays hidden is the route walker's case)
    "repair_id",
}
# path parameters dave fills with TBT's objects: the province's, which he may read
READABLE_BY_ANOTHER_POST = {
    "section_id",
    "marker_id",
    "sign_id",
    "gate_id",
    "counterpart_id",
    "member_id",
    "regulation_id",
    "topic_id",
    "programme_id",
    "movement_id",
}


def _tbt_reference_data(w: World) -> None:
    """A record of each kind of TBT's registry, written through the services: another province
    must see none of them."""
    unit = make_unit("TBT-XA-MOI", "Xã Mới Lập", "commune", w.tbt)
    user = make_user("frank", Role.UNIT_STAFF, unit)
    token_create(actor=None, user=user, name="kịch bản")
    line = border_line_create(
        actor=None, country_code="KH", name="Biên giới Việt Nam – Campuchia", province_id=w.tbt.pk
    )
    section = section_create(
        actor=None,
        line_id=line.pk,
        code="K1",
        name="Đoạn K1",
        post_id=w.post.pk,
        geometry={"type": "LineString", "coordinates": [[106.8, 16.7], [106.9, 16.8]]},
    )
    marker_create(
        actor=None,
        line_id=line.pk,
        identifier="601",
        kind="main",
        lon=106.85,
        lat=16.75,
        post_id=w.post.pk,
        section_id=section.pk,
        status="intact",
        status_on=date(2025, 1, 15),
    )
    sign_create(
        actor=None, line_id=line.pk, code="K-VĐ", kind="border_belt", lon=106.86, lat=16.76,
        post_id=w.post.pk, status="intact",
    )  # fmt: skip
    gate_create(
        actor=None, line_id=line.pk, name="Cửa khẩu K", side="vn", kind="secondary", lon=106.87,
        lat=16.77, post_id=w.post.pk, status="open",
    )  # fmt: skip
    committee_member_add(
        actor=None,
        committee_id=w.committee.pk,
        role="member",
        person="Phạm Thị Thành Viên",
        term_from=date(2025, 7, 1),
    )
    counterpart_create(
        actor=None,
        province_id=w.tbt.pk,
        name="Đồn Biên phòng bên kia",
        country_code="LA",
        subdivision="Savannakhet",  # a subdivision is shared reference data: an existing one
        facing_post_ids=[w.post.pk],
    )


# --- the routes -----------------------------------------------------------------------------


def _gathering_operations() -> list[tuple[str, dict]]:
    """Every GET of the API that answers with many things: those without a path parameter, and
    those with one whose answer is a list or a page."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    found = []
    for path, methods in schema["paths"].items():
        op = methods.get("get")
        if op is None:
            continue
        answer = op["responses"].get(200, op["responses"].get("200", {}))
        body = answer.get("content", {}).get("application/json", {}).get("schema", {})
        many = body.get("type") == "array" or "/Page_" in body.get("$ref", "")
        if "{" not in path or many:
            found.append((path, op))
    return found


# a parameter of an export's path other than its format -> the values it takes
EXPORT_PARAMETERS: dict[str, Callable[[], list[str]]] = {
    "table": lambda: sorted(registry_views._TABLES),
}


def _export_urls() -> list[str]:
    """Every export of the pages (`.../export.<fmt>`), as CSV."""
    found: list[str] = []

    def walk(patterns: list, prefix: str) -> None:
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route)
            elif isinstance(p, URLPattern) and route.endswith("export.<str:fmt>"):
                found.extend(_filled("/" + route.replace("<str:fmt>", "csv")))

    walk(get_resolver().url_patterns, "")
    return sorted(found)


def _filled(route: str) -> list[str]:
    match = re.search(r"<(?:\w+:)?(\w+)>", route)
    if match is None:
        return [route]
    name = match.group(1)
    assert name in EXPORT_PARAMETERS, f"declare the values of {name!r} in EXPORT_PARAMETERS"
    urls = []
    for value in EXPORT_PARAMETERS[name]():
        urls.extend(_filled(route.replace(match.group(0), value, 1)))
    return urls


# a query parameter an operation requires -> the value the walk gives it
REQUIRED = {"year": "2025", "q": "cua khau"}  # q: a search that finds gates of both provinces


def _query(op: dict) -> str:
    wanted = [
        p["name"] for p in op.get("parameters", []) if p.get("required") and p["in"] == "query"
    ]
    for name in wanted:
        assert name in REQUIRED, f"declare a value of the required parameter {name!r} in REQUIRED"
    return urlencode({name: REQUIRED[name] for name in wanted})


pytestmark = pytest.mark.django_db  # the test database is made only for modules that ask for it
OPERATIONS = _gathering_operations()
EXPORTS = _export_urls()
# a token's use is written at most every five minutes: a slow walk may see it move
VOLATILE = {"last_used_at"}


def _steady(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _steady(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_steady(v) for v in value]
    return value


def _fill(path: str, w: World, caller: str) -> str | None:
    """The path with the caller's own objects in it (None: the caller has no such object)."""

    def one(match: re.Match) -> str:
        name = match.group(1)
        assert name in OBJECTS, f"declare objects for path parameter {name!r} in test_route_walk"
        inside, outside = OBJECTS[name]
        if caller == "charlie":
            make = outside or inside  # shared reference data: the one object
        elif name in READABLE_BY_ANOTHER_POST:
            make = inside
        else:
            raise LookupError(name)
        return str(make(w))

    try:
        return re.sub(r"\{(\w+)\}", one, path)
    except LookupError:
        return None


def _urls(w: World, caller: str) -> dict[str, str]:
    """The URL of each gathering route the caller is asked, objects in its path made once."""
    urls = {}
    for path, op in OPERATIONS:
        filled = _fill(path, w, caller) if caller != "bob" or "{" not in path else None
        if filled is not None:
            urls[path] = f"{filled}?{_query(op)}"
    return urls | {url: url for url in EXPORTS}


def _cells(book: bytes) -> list:
    """The values of every sheet of an XLSX (its bytes hold the time it was made)."""
    sheets = load_workbook(io.BytesIO(book), read_only=True)
    return [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in sheets]


def _answers(urls: dict[str, str], clients: tuple[Client, Client]) -> dict[str, Any]:
    """What every gathering route answers the caller now: JSON made steady, a spreadsheet's
    cells, CSV as text."""
    bearer, session = clients
    out: dict[str, Any] = {}
    for route, url in urls.items():
        response = (bearer if route.startswith("/api/") else session).get(url)
        kind = response.get("Content-Type", "")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if "json" in kind:  # and geo+json
            out[route] = (response.status_code, _steady(json.loads(body)))
        elif "spreadsheetml" in kind:
            out[route] = (response.status_code, _cells(body))
        else:
            out[route] = (response.status_code, body.decode("utf-8-sig", "replace"))
    return out


@pytest.fixture(scope="module")
def walked(django_db_setup, django_db_blocker) -> dict[str, dict[str, Any]]:
    """One world, written in the order the docstring of this module gives, and every caller's
    answers before and after; rolled back when the module ends."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            w = build_world()
            dave = make_user("dave", Role.FIELD_OFFICER, w.post2)
            callers: dict[str, tuple[Client, Client]] = {}
            for name, user in (("charlie", w.charlie), ("dave", dave), ("bob", w.bob)):
                session, bearer = Client(raise_request_exception=False), api_client(user)
                bearer.raise_request_exception = False  # a server error is an answer to assert
                sign_in(session, user)
                callers[name] = (bearer, session)
            for _name, (_inside, outside) in OBJECTS.items():
                if outside is not None:
                    outside(w)  # charlie's own records: his lists are not empty
            urls = {"charlie": _urls(w, "charlie"), "bob": _urls(w, "bob")}
            answers = {f"{c} before": _answers(urls[c], callers[c]) for c in ("charlie", "bob")}
            _tbt_reference_data(w)
            for name in sorted(PROVINCE_WIDE):
                OBJECTS[name][0](w)
            urls["dave"] = _urls(w, "dave")
            answers["dave before"] = _answers(urls["dave"], callers["dave"])
            for name, (inside, outside) in OBJECTS.items():
                if name not in PROVINCE_WIDE and outside is not None:
                    inside(w)
            for name in ("charlie", "dave", "bob"):
                answers[f"{name} after"] = _answers(urls[name], callers[name])
            yield answers
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


ROUTES = [path for path, _ in OPERATIONS] + EXPORTS


def test_the_walk_finds_the_lists_totals_and_exports():
    paths = set(ROUTES)
    assert {"/api/v1/patrols", "/api/v1/patrols/counts", "/api/v1/audit"} <= paths
    assert "/api/v1/markers/{marker_id}/statuses" in paths
    assert "/patrols/export.csv" in paths
    assert len(OPERATIONS) >= 60 and len(EXPORTS) >= 20


@pytest.mark.parametrize("route", ROUTES)
def test_another_province_sees_nothing_of_ours_in_any_list(walked, route):
    before, after = walked["charlie before"][route], walked["charlie after"][route]
    assert before[0] == 200, before
    assert after == before


@pytest.mark.parametrize("route", ROUTES)
def test_another_post_sees_nothing_of_ours_in_any_list(walked, route):
    if route not in walked["dave before"]:
        pytest.skip("a path parameter with no object of dave's own post")
    before, after = walked["dave before"][route], walked["dave after"][route]
    assert before[0] in (200, 403), before  # a field officer may not read users or the audit
    assert after == before


def test_the_records_written_show_in_the_lists_of_their_own_province(walked):
    """The control: what the others must not see is there, and bob sees it."""
    changed = [
        r
        for r in ROUTES
        if r in walked["bob before"] and walked["bob before"][r] != walked["bob after"][r]
    ]
    assert {"/api/v1/patrols", "/api/v1/incidents/counts", "/patrols/export.csv"} <= set(changed)
    assert len(changed) >= len(ROUTES) // 2, sorted(set(ROUTES) - set(changed))
