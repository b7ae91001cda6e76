"""Every API list (every GET without a path parameter answering a Page, an array or a map
layer, found from the OpenAPI document) and every page of the menu (web/menu.py) takes as many
queries with six of its rows as with two: a list that fetches something row by row (an N+1)
fails here.

The rows are the list's own, written through the services (GROW below); a new list or menu
entry fails here until it is given a way to grow.
"""

import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from biengioi.accounts.services import token_create
from biengioi.api import api
from biengioi.core.access import Role
from biengioi.registry.services import (
    admin_unit_create,
    committee_member_add,
    counterpart_create,
    gate_create,
    marker_create,
    section_create,
    sign_create,
    unit_create,
)
from biengioi.web.menu import ENTRIES
from tests.api import test_route_walk as walk
from tests.api.test_route_walk import _world_once  # noqa: F401 (the module's one world)
from tests.conftest import World, api_client, make_unit, make_user, sign_in

# A list may take this many more queries with more rows (none so far).
SLACK = 0


def _marker(w: World, i: int) -> Any:
    return marker_create(
        actor=None,
        line_id=w.line.pk,
        identifier=str(700 + i),
        kind="main",
        lon=106.6 + i / 1000,
        lat=16.6,
        post_id=w.post.pk,
        section_id=w.section.pk,
        status="intact",
        status_on=date(2025, 1, 15),
    )


def _section(w: World, i: int) -> Any:
    return section_create(
        actor=None,
        line_id=w.line.pk,
        code=f"Q{i}",
        name=f"Đoạn Q{i}",
        post_id=w.post.pk,
        geometry={"type": "LineString", "coordinates": [[106.5, 16.5 + i / 100], [106.6, 16.6]]},
    )


def _post(w: World, i: int) -> Any:
    """A post with its seat and a section (its area)."""
    post = unit_create(
        actor=None,
        code=f"TBT-DBP-Q{i}",
        name=f"Đồn Biên phòng Q{i}",
        kind="border_post",
        parent_id=w.bg.pk,
        lon=106.6,
        lat=16.7 + i / 100,
    )
    return section_create(
        actor=None,
        line_id=w.line.pk,
        code=f"P{i}",
        name=f"Đoạn P{i}",
        post_id=post.pk,
        geometry={"type": "LineString", "coordinates": [[106.7, 16.7 + i / 100], [106.8, 16.8]]},
    )


def _sign(w: World, i: int) -> Any:
    return sign_create(
        actor=None,
        line_id=w.line.pk,
        code=f"Q-{i}",
        kind="border_belt",
        lon=106.59,
        lat=16.6 + i / 1000,
        post_id=w.post.pk,
        status="intact",
    )


def _gate(w: World, i: int) -> Any:
    return gate_create(
        actor=None,
        line_id=w.line.pk,
        name=f"Cửa khẩu Q{i}",
        side="vn",
        kind="secondary",
        lon=106.62,
        lat=16.61 + i / 1000,
        post_id=w.post.pk,
        status="open",
    )


def _traffic(w: World, i: int) -> Any:
    from biengioi.operations.services import gate_traffic_create

    day = date(2025, 9, 1) + timedelta(days=i)
    return gate_traffic_create(
        actor=w.alice, unit_id=w.post.pk, gate_id=w.gate.pk, period="day", on=day
    )[0]


def _repair(w: World, i: int) -> Any:
    return walk._repair(w.alice, _marker(w, i))


def _notification(w: World, i: int) -> Any:
    from biengioi.notifications.services import notify

    return notify(recipients=[w.bob], key=f"count:{i}", title=f"Thông báo {i}").created[0]


def _report(w: World, i: int) -> Any:
    from biengioi.reports.services import report_create

    unit = [w.tbt, w.bg, w.post, w.post2, w.commune, w.committee][i % 6]
    return report_create(actor=w.bob, scope_unit_id=unit.pk, period=str(2025 - i // 6))[0]


def _patrol(w: World, i: int) -> Any:
    from biengioi.operations.services import patrol_create

    start = datetime(2025, 9, 1, 1, tzinfo=UTC) + timedelta(days=i)
    return patrol_create(
        actor=w.alice,
        unit_id=w.post.pk,
        kind="unilateral",
        line_id=w.line.pk,
        started_at=start,
        ended_at=start + timedelta(hours=8),
    )[0]


def _plan(w: World, i: int) -> Any:
    from biengioi.operations.services import patrol_plan_set

    planned = {"unilateral": 4 + i}
    return patrol_plan_set(
        actor=w.alice, unit_id=w.post.pk, year=2025, month=i + 1, planned=planned, version=0
    )


def _programme(w: World, i: int) -> Any:
    from biengioi.community.services import programme_create

    return programme_create(actor=w.sam, name=f"Chương trình {i}", kind="gifts")


def _topic(w: World, i: int) -> Any:
    from biengioi.community.services import propaganda_topic_create

    return propaganda_topic_create(actor=w.sam, name=f"Chủ đề {i}")


# each API list -> one more of its own rows, in bob's scope (None: a list with a bound of its
# own, measured once)
GROW: dict[str, Callable[[World, int], Any] | None] = {
    "/api/v1/users": lambda w, i: make_user(f"nguoi{i}", Role.FIELD_OFFICER, w.post),
    "/api/v1/units": lambda w, i: make_unit(f"TBT-XA-{i}", f"Xã {i}", "commune", w.tbt),
    "/api/v1/sections": _section,
    "/api/v1/markers": _marker,
    "/api/v1/markers/suggest": _marker,  # at most `limit` of them, ordered in Python
    "/api/v1/signs": _sign,
    "/api/v1/gates": _gate,
    "/api/v1/admin-units": lambda w, i: admin_unit_create(
        actor=None,
        code=f"98{i:03d}",
        name=f"Xã {i}",
        level="commune",
        parent_id=w.admin_commune.parent_id,
        valid_from=date(2025, 7, 1),
    ),  # fmt: skip
    "/api/v1/committee-members": lambda w, i: committee_member_add(
        actor=None,
        committee_id=w.committee.pk,
        role="member",
        person=f"Thành viên {i}",
        term_from=date(2025, 7, 1),
    ),  # fmt: skip
    "/api/v1/counterparts": lambda w, i: counterpart_create(
        actor=None,
        province_id=w.tbt.pk,
        name=f"Đại đội {i}",
        country_code="LA",
        subdivision="Savannakhet",
        facing_post_ids=[w.post.pk],
    ),  # fmt: skip
    "/api/v1/patrols": _patrol,
    "/api/v1/incidents": lambda w, i: walk._incident(w.alice, w.post),
    "/api/v1/incidents/overdue": lambda w, i: walk._incident(w.alice, w.post),  # long past due
    "/api/v1/crime-cases": lambda w, i: walk._case(w.alice, w.post),
    "/api/v1/crime-operations": lambda w, i: walk._operation(w.alice, w.post),
    "/api/v1/marker-repairs": _repair,
    "/api/v1/handovers": lambda w, i: walk._handover(w.alice, w.post),
    "/api/v1/rescue-operations": lambda w, i: walk._rescue(w.alice, w.post),
    "/api/v1/gate-traffic": _traffic,
    "/api/v1/teams": lambda w, i: walk._team(w, w.alice, w.post),
    "/api/v1/propaganda-sessions": lambda w, i: walk._propaganda(w.alice, w.post, w.sam),
    "/api/v1/training-courses": lambda w, i: walk._training(w.alice, w.post),
    "/api/v1/programme-beneficiaries": lambda w, i: walk._beneficiary(w, w.alice, w.post, w.sam),
    "/api/v1/programme-activities": lambda w, i: walk._programme_activity(w.alice, w.post, w.sam),
    "/api/v1/twinnings": lambda w, i: walk._twinning(w.alice, w.post, "LA"),
    "/api/v1/emulation-movements": lambda w, i: walk._movement(w.bob, w.tbt),
    "/api/v1/awards": lambda w, i: walk._award(w.alice, w.post),
    "/api/v1/conferences": lambda w, i: walk._conference(w.alice, w.post),
    "/api/v1/tasks": lambda w, i: walk._coordination_task(w.alice, w.post),
    "/api/v1/talks": lambda w, i: walk._talks(w.alice, w.post, w.counterpart),
    "/api/v1/talks-plan": lambda w, i: walk._planned_talks(w.alice, w.post, w.counterpart),
    "/api/v1/exchanges": lambda w, i: walk._exchange(w.alice, w.post, w.counterpart),
    "/api/v1/regulations": lambda w, i: walk._regulation(w, w.bob),
    "/api/v1/submissions": lambda w, i: walk._submission(w, w.bob),
    "/api/v1/budget-items": lambda w, i: walk._budget_item(w.bob, w.post),
    "/api/v1/notifications": _notification,
    "/api/v1/reports": _report,
    "/api/v1/audit": lambda w, i: walk._rescue(w.alice, w.post),  # a write leaves a record
    "/api/v1/tokens": lambda w, i: token_create(actor=None, user=w.bob, name=f"kịch bản {i}"),
    "/api/v1/border-lines": None,  # one line a neighbouring country
    "/api/v1/countries": lambda w, i: counterpart_create(
        actor=None,
        province_id=w.tbt.pk,
        name=f"Đồn {i}",
        country_code="LA",
        subdivision=f"Tỉnh {i}",
    ),  # fmt: skip
    "/api/v1/patrol-plans?year=2025": _plan,
    "/api/v1/incidents/deadlines": lambda w, i: walk._incident(w.alice, w.post),
    "/api/v1/crime-cases/table": lambda w, i: walk._case(w.alice, w.post),
    "/api/v1/gate-traffic/months": _traffic,
    "/api/v1/propaganda-topics": _topic,
    "/api/v1/programmes": _programme,
    "/api/v1/map/countries": None,  # the background: the same for any data
    "/api/v1/map/sections": _section,
    "/api/v1/map/markers": _marker,
    "/api/v1/map/gates": _gate,
    "/api/v1/map/incidents": lambda w, i: walk._incident(w.alice, w.post),
    "/api/v1/map/signs": _sign,
    "/api/v1/map/repairs": _repair,
    "/api/v1/map/handovers": lambda w, i: walk._handover(w.alice, w.post),
    "/api/v1/map/search?q=cua+khau+q": _gate,
    "/api/v1/map/posts": _post,
    "/api/v1/map/crime": lambda w, i: walk._case(w.alice, w.post),  # each with a place
    "/api/v1/map/rescues": lambda w, i: walk._rescue(w.alice, w.post),
    "/api/v1/map/tracks": lambda w, i: walk._track(
        w.alice, walk._patrol(w, w.alice, w.post), 106.55, 16.55
    ),
    "/api/v1/map/coverage": _section,  # each section cut in pieces of 1 km
}

# each page of the menu -> one more of the rows it lists (None: a page with no rows)
GROW_PAGE: dict[str, Callable[[World, int], Any] | None] = {
    "home": _patrol,
    "map": _marker,  # the page; its layers are API lists
    "notifications": GROW["/api/v1/notifications"],
    "patrols": _patrol,
    "repairs": _repair,
    "incidents": GROW["/api/v1/incidents"],
    "crime": GROW["/api/v1/crime-cases"],
    "crime_operations": GROW["/api/v1/crime-operations"],
    "handovers": GROW["/api/v1/handovers"],
    "rescues": GROW["/api/v1/rescue-operations"],
    "gate_traffic": _traffic,
    "teams": GROW["/api/v1/teams"],
    "training": GROW["/api/v1/training-courses"],
    "propaganda": GROW["/api/v1/propaganda-sessions"],
    "programmes": GROW["/api/v1/programme-beneficiaries"],
    "twinning": GROW["/api/v1/twinnings"],
    "emulation": GROW["/api/v1/emulation-movements"],
    "awards": GROW["/api/v1/awards"],
    "conferences": GROW["/api/v1/conferences"],
    "tasks": GROW["/api/v1/tasks"],
    "talks": GROW["/api/v1/talks"],
    "exchanges": GROW["/api/v1/exchanges"],
    "regulations": GROW["/api/v1/regulations"],
    "owed": lambda w, i: walk._duty(w, w.bob),
    "compliance": lambda w, i: walk._duty(w, w.bob),
    "budget": GROW["/api/v1/budget-items"],
    "reports": _report,
    "markers": _marker,
    "markers_due": _marker,  # a marker no patrol has inspected yet
    "coverage": _marker,  # a marker no GPS track has come near
    "sections": _section,
    "gates": _gate,
    "signs": _sign,
    "organisations": GROW["/api/v1/counterparts"],
    "admin_units": GROW["/api/v1/admin-units"],
    "units": GROW["/api/v1/units"],
    "users": GROW["/api/v1/users"],
    "audit": GROW["/api/v1/audit"],
    "tokens": GROW["/api/v1/tokens"],
    "api": None,  # the API's documentation: the same for any data
}


# a query parameter a list requires -> the value it is given
REQUIRED = {"year": "2025", "q": "cua khau q"}  # q: the search finds the gates grown


def _lists() -> list[str]:
    """Every GET of the API without a path parameter whose answer is a Page, an array or a
    map layer (a FeatureCollection), with the query its required parameters need."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    found = []
    for path, methods in schema["paths"].items():
        op = methods.get("get")
        if op is None or "{" in path:
            continue
        answer = op["responses"].get(200, op["responses"].get("200", {}))
        body = answer.get("content", {}).get("application/json", {}).get("schema", {})
        ref = body.get("$ref", "")
        if body.get("type") == "array" or "/Page_" in ref or ref.endswith("/FeatureCollection"):
            required = [p["name"] for p in op.get("parameters", []) if p.get("required")]
            assert set(required) <= set(REQUIRED), f"{path}: give {required} a value in REQUIRED"
            query = urlencode({name: REQUIRED[name] for name in required})
            found.append(f"{path}?{query}" if query else path)
    return found


LISTS = _lists()
MENU = [entry.key for entry in ENTRIES]


@pytest.fixture
def world(_world_once, db):  # noqa: F811
    return _world_once


def _queries(client: Client, url: str) -> tuple[int, Any]:
    """The queries a GET of the url takes, and its JSON (None for a page)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200, (url, response.status_code, body[:300])
    data = json.loads(body) if "json" in response["Content-Type"] else None  # and geo+json
    return len(captured.captured_queries), data


def _flat(client: Client, url: str, world: World, grow: Callable[[World, int], Any]) -> None:
    for i in range(2):
        grow(world, i)
    few, before = _queries(client, url)
    for i in range(2, 6):
        grow(world, i)
    many, after = _queries(client, url)
    # a page or a layer: the rows grown are the list's own, and listed
    if isinstance(before, dict) and "count" in before:
        assert after["count"] >= before["count"] + 4, (before["count"], after["count"])
    if isinstance(before, dict) and "features" in before:
        assert len(after["features"]) >= len(before["features"]) + 4
    assert many <= few + SLACK, f"{url}: {few} queries with 2 rows, {many} with 6"


def test_every_list_and_menu_page_has_a_way_to_grow():
    assert len(LISTS) >= 40
    assert sorted(set(LISTS) - set(GROW)) == [], "add the route to GROW"
    assert sorted(set(MENU) - set(GROW_PAGE)) == [], "add the menu entry to GROW_PAGE"


@pytest.mark.parametrize("path", LISTS)
def test_a_list_takes_as_many_queries_with_more_rows(world, path):
    grow = GROW[path]
    client = api_client(world.bob)
    if grow is None:
        _queries(client, path)
    else:
        _flat(client, path, world, grow)


@pytest.mark.parametrize("key", MENU)
def test_a_menu_page_takes_as_many_queries_with_more_rows(world, key):
    client = Client()
    sign_in(client, world.bob)
    url = reverse(next(e.url_name for e in ENTRIES if e.key == key))
    grow = GROW_PAGE[key]
    if grow is None:
        _queries(client, url)
    else:
        _flat(client, url, world, grow)


def _needing_action(w: World, i: int) -> None:
    """One more of everything a to-do list of the home page names: an incident and a task long
    past their deadline, a monthly report never sent, a marker no patrol has inspected."""
    walk._incident(w.alice, w.post)
    walk._coordination_task(w.alice, w.post)
    walk._duty(w, w.bob)
    _marker(w, i)


def _to_do(client: Client) -> tuple[int, dict[str, int]]:
    """The queries of the home page and the count of each of its to-do lists."""
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("web:home")).content.decode()
    counts = re.findall(r'data-testid="todo-(\w+)".*?data-count="(\d+)"', page, re.S)
    return len(captured.captured_queries), {key: int(n) for key, n in counts}


@pytest.mark.parametrize("who", ["alice", "sam", "lee"])
def test_the_home_pages_to_do_lists_take_as_many_queries_with_more_to_do(world, who):
    client = Client()
    sign_in(client, getattr(world, who))
    for i in range(2):
        _needing_action(world, i)
    few, before = _to_do(client)
    for i in range(2, 6):
        _needing_action(world, i)
    many, after = _to_do(client)
    assert before and before.keys() == after.keys()
    assert all(after[key] > before[key] for key in before), (before, after)
    assert many <= few + SLACK, f"home as {who}: {few} queries with 2 rows, {many} with 6"
