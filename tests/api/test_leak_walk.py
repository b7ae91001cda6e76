"""No text of a record that answers 404 appears in any answer or page (issue 22, item 1).

Alice's post keeps one of every operational record the world can make (the route walker's
OBJECTS, made through the services), and a patrol and a repair that write into a marker's status
history. Then a unique token ("zqleak0001" ...) is planted in every free-text field of every one
of those records (and of what they wrote into the shared history). Dave, an officer of the
province's other post, reads none of them: he walks every GET route of the OpenAPI document
(lists as they come, details with the ids of the post's records and of the province's shared
reference data) and every page of the site, and no token may appear in any body, XLSX and DOCX
files read inside their zips. A control shows the tokens do appear to the post's own officer.

A new route or page is walked by itself; a new free-text field is planted by itself.
"""

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.apps import apps
from django.db import models, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from biengioi.api import api
from biengioi.core.access import Role
from biengioi.registry.models import MarkerStatus
from tests.api.test_route_walk import OBJECTS
from tests.conftest import World, api_client, build_world, make_user, sign_in

PREFIX = "zqleak"
# the apps whose records are kept by a unit and read within its scope (the registry is shared)
SCOPED_APPS = ("operations", "community", "coordination", "notifications")
# records without a SCOPE_PATH of their own, reached through the record they belong to
CHILDREN = {
    "operations.markerrepairstep": "repair__unit__path",
    "operations.caseperson": "case__unit__path",
    "operations.seizure": "case__unit__path",
}
# text that is not free text: keys and links the code reads back
NOT_TEXT = {"key", "link"}


def _api_gets() -> list[str]:
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return [path for path, methods in schema["paths"].items() if "get" in methods]


def _patterns(resolvers: list[Any], prefix: str = "") -> Iterator[str]:
    for entry in resolvers:
        route = getattr(entry.pattern, "_route", None)
        if route is None:
            continue  # a regular expression (static files, the admin's catch-all)
        if isinstance(entry, URLResolver):
            if route.startswith(("admin/", "api/")):
                continue  # the admin site (administrators) and the API (walked above)
            yield from _patterns(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            yield prefix + route


API_GETS = _api_gets()
# pages that act when opened (sign out) are not walked
PAGES = [p for p in _patterns(get_resolver().url_patterns) if "logout" not in p]


def _free_text(model: type[models.Model]) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and f.editable
        and not f.choices
        and not f.unique
        and (f.max_length or 999) >= 12
        and f.name not in NOT_TEXT
    ]


def _texts() -> list[tuple[type[models.Model], str | None, list[str]]]:
    """Each model of the scoped apps with free text: its lookup to the unit path, its fields."""
    return [
        (m, CHILDREN.get(m._meta.label_lower) or getattr(m, "SCOPE_PATH", None), _free_text(m))
        for m in apps.get_models()
        if m._meta.app_label in SCOPED_APPS and _free_text(m)
    ]


def _token(n: int) -> str:
    return f"{PREFIX}{n:04d}"


def _plant(world: World) -> dict[str, str]:
    """A token in every free-text field of every record of alice's post, and of the history
    entries its patrol and repair wrote; returns token -> "model.field #pk"."""
    planted: dict[str, str] = {}

    def fill(queryset: models.QuerySet, fields: list[str]) -> None:
        for row in list(queryset):
            for name in fields:
                token = _token(len(planted) + 1)
                planted[token] = f"{queryset.model._meta.label_lower}.{name} #{row.pk}"
                setattr(row, name, token)
            # bulk_update, not update(): a searched record keeps its search copy (core.search)
            queryset.model._default_manager.bulk_update([row], fields)

    for model, lookup, fields in _texts():
        fill(model._default_manager.filter(**{f"{lookup}__startswith": world.post.path}), fields)
    fill(MarkerStatus.objects.exclude(origin=""), ["source", "note"])
    fill(type(world.alice).objects.filter(pk=world.alice.pk), ["full_name"])
    return planted


def _history(world: World) -> None:
    """Alice's patrol finds her marker damaged (its history and a repair); the repair climbs to
    "repaired" (the history again)."""
    from biengioi.operations.models import MarkerRepair
    from biengioi.operations.services import marker_repair_advance, patrol_create

    started = datetime(2025, 9, 12, 1, tzinfo=UTC)
    patrol_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=started,
        ended_at=started + timedelta(hours=6),
        inspections=[{"marker_id": world.marker.pk, "status": "damaged", "note": "Nứt"}],
    )
    repair = MarkerRepair.objects.get(marker=world.marker)
    for stage, days in [("reported", 1), ("notified", 2), ("surveyed", 3), ("repaired", 4)]:
        repair = marker_repair_advance(
            actor=world.alice,
            repair_id=repair.pk,
            version=repair.version,
            stage=stage,
            on=started.date() + timedelta(days=days),
            note="Bước",
            outcome="replaced" if stage == "repaired" else "",
        )


@pytest.fixture(scope="module")
def _world_once(django_db_setup, django_db_blocker):
    """One world for the module, in a transaction rolled back at its end (see the route
    walker); each test runs in a savepoint of its own."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = build_world()
            world.dave = make_user("dave", Role.FIELD_OFFICER, world.post2)
            _history(world)
            world.ids = {
                name: inside(world)
                for name, (inside, _outside) in OBJECTS.items()
                if name not in ("token_id", "fmt")
            }
            world.planted = _plant(world)
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(_world_once, db):
    return _world_once


def _text(response: Any) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":  # XLSX, DOCX: the text is in the zip's XML
        with zipfile.ZipFile(io.BytesIO(body)) as pack:
            body = b"".join(pack.read(name) for name in pack.namelist())
    return body.decode("utf-8", "replace").lower()


def _leaks(world: Any, response: Any) -> list[str]:
    found = set(re.findall(PREFIX + r"\d{4}", _text(response)))
    return sorted(f"{t} ({world.planted.get(t, '?')})" for t in found)


def _fill(world: Any, path: str, converters: str) -> str | None:
    """The path with its parameters filled from the world, or None if one is unknown."""
    values = {
        **world.ids,
        "activity_id": world.ids["programme_activity_id"],
        "year": 2025,
        "fmt": "csv",
        "table": "sections",
    }

    def one(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(name)
        return str(values[name])

    try:
        return re.sub(converters, one, path)
    except KeyError:
        return None


def test_the_world_holds_a_token_in_every_kind_of_scoped_record(world):
    kinds = {where.split(".")[0] + "." + where.split(".")[1] for where in world.planted.values()}
    for label in (
        "operations.patrol",
        "operations.markerinspection",
        "operations.markerrepair",
        "operations.markerrepairstep",
        "operations.incident",
        "operations.crimecase",
        "operations.handover",
        "community.propagandasession",
        "coordination.talks",
        "registry.markerstatus",
    ):
        assert label in kinds


def test_every_scoped_model_with_free_text_is_planted():
    """A new model of free text either declares its SCOPE_PATH or is named in CHILDREN."""
    assert [m._meta.label_lower for m, lookup, _ in _texts() if lookup is None] == []


def test_the_posts_own_officer_sees_the_tokens_and_the_other_post_the_shared_records(world):
    """The control: the walk would see a leak, for alice does see her post's text where dave
    reads the same shared records without it."""
    alice, dave = api_client(world.alice), api_client(world.dave)
    statuses = f"/api/v1/markers/{world.marker.pk}/statuses"
    assert _leaks(world, alice.get(statuses))
    assert _leaks(world, alice.get(f"/api/v1/patrols/{world.ids['patrol_id']}"))
    seen = dave.get(statuses)
    assert seen.status_code == 200 and [e["status"] for e in seen.json()][:2] == [
        "intact",
        "damaged",
    ]


@pytest.mark.parametrize("path", API_GETS)
def test_no_api_answer_to_another_post_carries_its_records_text(world, path):
    url = _fill(world, path, r"\{(\w+)\}")
    if url is None:
        pytest.fail(f"name the world's object for a parameter of {path} in OBJECTS")
    response = api_client(world.dave).get(url)
    assert response.status_code < 500, response.content[:500]
    assert _leaks(world, response) == []


@pytest.mark.parametrize("pattern", PAGES)
def test_no_page_shown_to_another_post_carries_its_records_text(world, pattern):
    url = _fill(world, "/" + pattern, r"<(?:\w+:)?(\w+)>")
    if url is None:
        pytest.skip("a page of an object the world does not name")
    client = Client()
    sign_in(client, world.dave)
    response = client.get(url)
    assert response.status_code < 500, response.content[:500]
    assert _leaks(world, response) == []


def test_the_search_finds_none_of_another_posts_text(world):
    """The walk above calls the search without words; here it is asked for the tokens
    themselves, on the API and the page: alice finds her post's records, dave none."""
    page = Client()
    sign_in(page, world.dave)
    for response in (
        api_client(world.dave).get("/api/v1/search", {"q": PREFIX}),
        page.get("/search/", {"q": PREFIX}),
    ):
        assert response.status_code == 200
        assert _leaks(world, response) == []
    assert _leaks(world, api_client(world.alice).get("/api/v1/search", {"q": PREFIX}))
