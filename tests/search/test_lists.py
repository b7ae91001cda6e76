"""Every list searches by the one rule (issue 23, item 2): each list route's `q` and each list
page's "Tìm kiếm" box, over the sample province.

The routes are found from the OpenAPI document (every GET without a path parameter that answers
a page of records) and the pages from the URL patterns (every page without a parameter that shows
a page of records), so a new list without a search fails here by itself. For each route, words
are taken from a record the route shows (the first of its texts that finds it again): typed
without accents they find the record, typed in capitals with accents they find the same records,
a word in no record finds nothing, and the province's field officer finds only records of his
own list. A search of 10,000 characters or of only punctuation is refused naming `q`.
"""

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.paginator import Page
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from biengioi.accounts.models import User
from biengioi.core.search import words
from biengioi.core.text import unaccent
from tests.api import openapi
from tests.conftest import api_client, sign_in

pytestmark = pytest.mark.django_db

# the sample's callers: the province's leader first, its administrator for what only they read
# (users, the audit log); the field officer of the Phù Lang post for the scope
READERS = ("lanhdao.tinh", "quantri")
OFFICER = "canbo.phulang"
NOWHERE = "zqxwv"  # a word in no record of the sample
CANDIDATES = 40  # texts of a record tried before a route is said to search none of them


def _list_routes() -> list[str]:
    routes = []
    for path, item in openapi.document()["paths"].items():
        op = item.get("get")
        if op is None or "{" in path:
            continue
        schema = openapi.answer_schema(op, 200)
        properties = openapi.resolve(schema or {}).get("properties", {})
        if {"count", "pages", "items"} <= set(properties):
            routes.append(path)
    return sorted(routes)


ROUTES = _list_routes()


def _everything(client: Client, route: str, **params: Any) -> tuple[int, list[dict]]:
    """The route's whole answer for these filters, page after page: its count and its items."""
    items: list[dict] = []
    page = 1
    while True:
        answer = client.get(route, {**params, "size": 200, "page": page})
        assert answer.status_code == 200, (route, params, answer.content[:300])
        body = answer.json()
        items += body["items"]
        if page >= body["pages"]:
            return body["count"], items
        page += 1


def _key(item: dict) -> Any:
    return item.get("id", repr(sorted(item.items())))


def _texts(item: dict) -> list[str]:
    """The item's texts, those with accents first (they test the rule most), one level down."""
    found: list[str] = []
    for value in item.values():
        values = value.values() if isinstance(value, dict) else [value]
        found += [v for v in values if isinstance(v, str) and words(v)]
    return sorted(found, key=lambda v: unaccent(v) == v.casefold())


@dataclass
class Walked:
    route: str
    reader: str
    count: int
    item: dict | None = None
    typed: str = ""  # the words as a user types them, no accents
    shouted: str = ""  # the same words as written, in capitals
    found: frozenset = frozenset()


@pytest.fixture(scope="module")
def clients(sample_province, django_db_blocker) -> dict[str, Client]:
    with django_db_blocker.unblock():
        return {name: api_client(User.objects.get(username=name)) for name in (*READERS, OFFICER)}


def _walk(clients: dict[str, Client], route: str) -> Walked:
    """Who reads the route, and words that find one of the records it shows."""
    for reader in READERS:
        first = clients[reader].get(route, {"size": 200})
        if first.status_code == 200:
            break
    else:
        pytest.fail(f"no reader of the sample may read {route}")
    body = first.json()
    walked = Walked(route, reader, body["count"])
    tried = 0
    for item in body["items"]:
        for text in _texts(item):
            if tried >= CANDIDATES:
                return walked
            tried += 1
            plain = words(text)[:3]
            typed = " ".join(plain)
            _count, items = _everything(clients[reader], route, q=typed)
            if _key(item) in {_key(i) for i in items}:
                written = [w for w in re.split(r"[\W_]+", text) if w]
                walked.item, walked.typed = item, typed
                walked.shouted = " ".join(written[: len(plain)]).upper()
                walked.found = frozenset(_key(i) for i in items)
                return walked
    return walked


def test_the_walk_finds_every_list_route():
    assert {"/api/v1/patrols", "/api/v1/talks", "/api/v1/notifications", "/api/v1/audit"} <= set(
        ROUTES
    )
    assert len(ROUTES) >= 35


@pytest.mark.parametrize("route", ROUTES)
def test_each_list_route_finds_its_records_by_words_without_accents_or_case(sample, clients, route):
    walked = _walk(clients, route)
    if walked.count == 0:
        pytest.skip("the sample has no record of this list for its readers")
    assert walked.item is not None, f"{route}: no text of its records finds them again"
    reader = clients[walked.reader]
    shouted = {_key(i) for i in _everything(reader, route, q=walked.shouted)[1]}
    assert words(walked.shouted) == walked.typed.split(), (route, walked.shouted)
    assert shouted == walked.found, (route, walked.typed, walked.shouted)
    assert _everything(reader, route, q=NOWHERE) == (0, []), route
    assert _everything(reader, route, q=f"{walked.typed} {NOWHERE}") == (0, []), route


@pytest.mark.parametrize("route", ROUTES)
def test_a_list_search_keeps_to_the_callers_scope(sample, clients, route):
    """The field officer's answer to words is his own list cut by the words: never a record of
    another post that the province's reader finds with them."""
    walked = _walk(clients, route)
    if walked.item is None:
        pytest.skip("nothing to search for in the sample")
    officer = clients[OFFICER]
    if officer.get(route).status_code == 403:
        return  # his role may not read the list at all
    _n, own = _everything(officer, route)
    _m, found = _everything(officer, route, q=walked.typed)
    own_keys, found_keys = {_key(i) for i in own}, {_key(i) for i in found}
    assert found_keys == own_keys & walked.found, route


@pytest.mark.parametrize("q", ["x" * 10_000, "!!!", "?!... --- ,,,"])
@pytest.mark.parametrize("route", ROUTES)
def test_a_list_search_that_is_no_search_is_refused_naming_q(sample, clients, route, q):
    for reader in READERS:
        answer = clients[reader].get(route, {"q": q})
        if answer.status_code != 403:
            break
    assert answer.status_code == 422, (route, answer.content[:300])
    assert [e["field"] for e in answer.json()["errors"]] == ["q"], route


# --- the pages ------------------------------------------------------------------------------

# lists shown whole, not page by page (their rows are few): the context holding their rows
WHOLE = {"/gates/": "gates", "/coordination/budget/": "groups"}


def _page_urls() -> list[str]:
    found: list[str] = []

    def walk(patterns: list, prefix: str) -> None:
        for p in patterns:
            route = str(p.pattern)
            if "<" in route or route.startswith(("api/", "admin/", "static/")):
                continue
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + route)
            elif isinstance(p, URLPattern) and route.endswith("/"):
                found.append("/" + prefix + route)

    walk(get_resolver().url_patterns, "")
    return sorted(u for u in found if not u.endswith(("/new/", "/import/", "/seed/")))


URLS = _page_urls()


@pytest.fixture(scope="module")
def browser(sample_province, django_db_blocker) -> dict[str, Client]:
    with django_db_blocker.unblock():
        out = {}
        for name in READERS:
            out[name] = Client()
            sign_in(out[name], User.objects.get(username=name))
        return out


def _context(answer: Any) -> dict[str, Any]:
    """What the templates of an answer were given (several, when a page includes others)."""
    out: dict[str, Any] = {}
    for context in answer.context if isinstance(answer.context, list) else [answer.context]:
        out.update(context.flatten())
    return out


def _list_page(browser: dict[str, Client], url: str) -> tuple[Client, Any] | None:
    """The reader's client and the page's answer when `url` is a list of records."""
    for name in READERS:
        answer = browser[name].get(url)
        if answer.status_code != 200 or answer.context is None:
            continue
        if url in WHOLE or any(isinstance(v, Page) for v in _context(answer).values()):
            return browser[name], answer
    return None


def test_the_walk_finds_the_list_pages(sample, browser):
    lists = [url for url in URLS if _list_page(browser, url)]
    assert {"/patrols/", "/coordination/talks/", "/notifications/", "/markers/due/"} <= set(lists)
    assert len(lists) >= 34, lists


@pytest.mark.parametrize("url", URLS)
def test_each_list_page_has_a_search_box(sample, browser, url):
    listed = _list_page(browser, url)
    if listed is None:
        pytest.skip("not a list of records")
    client, answer = listed
    assert 'name="q"' in answer.content.decode(), url
    refused = client.get(url, {"q": "!!!"})
    page = refused.content.decode()
    assert refused.status_code == 200, url
    assert "Hãy gõ ít nhất một chữ hoặc một chữ số để tìm." in page, url  # beside the field
    shown = _context(refused)
    assert all(v.paginator.count == 0 for v in shown.values() if isinstance(v, Page)), url
    assert not shown.get(WHOLE.get(url, "")), url  # and nothing listed
