"""The menu: each role's groups of work in the order it uses them and nothing it may not use,
the API and the language under the user's own menu, the current page marked."""

import re

import pytest

from biengioi.core.access import Role
from tests.conftest import sign_in

# Each role's groups, first what it does daily (the specification, not derived from the code).
GROUPS = {
    Role.FIELD_OFFICER: ["patrol", "border", "crime", "community", "coordination"],
    Role.UNIT_STAFF: ["patrol", "border", "crime", "community", "coordination", "admin"],
    Role.SECRETARIAT: ["coordination", "patrol", "border", "crime", "community", "admin"],
    Role.LEADER: ["coordination", "patrol", "border", "crime", "community", "admin"],
    Role.ADMINISTRATOR: ["admin", "border", "patrol", "crime", "community", "coordination"],
}
OWN = ["notifications", "tokens", "api"]


def _between(page: str, start: str, end: str) -> str:
    found = re.search(re.escape(start) + r"(.*?)" + re.escape(end), page, re.S)
    assert found, start
    return found.group(1)


def _main_menu(page: str) -> str:
    return _between(page, '<nav class="menu"', "</nav>")


def _own_menu(page: str) -> str:
    return _between(page, '<details class="own"', "</details>")


def _page(client, user, url: str = "/") -> str:
    sign_in(client, user)
    answer = client.get(url)
    assert answer.status_code == 200, answer.status_code
    return answer.content.decode()


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_its_groups_in_the_order_of_its_work(world, client, role):
    page = _page(client, world.by_role(role))
    menu = _main_menu(page)
    assert re.findall(r'data-group="(\w+)"', menu) == GROUPS[role]
    assert re.findall(r'data-menu="(\w+)"', menu)[:2] == ["home", "map"]
    own = re.findall(r'data-menu="(\w+)"', _own_menu(page))
    assert own == OWN
    assert not set(OWN) & set(re.findall(r'data-menu="(\w+)"', menu))


def test_a_field_officer_is_not_offered_the_offices_work(world, client):
    menu = re.findall(r'data-menu="(\w+)"', _main_menu(_page(client, world.alice)))
    for office in ("budget", "units", "users", "audit", "tokens", "api"):
        assert office not in menu
    for daily in ("patrols", "incidents", "markers", "markers_due", "propaganda", "owed"):
        assert daily in menu
    # the budget page itself stays open to him (his post's lines), only not in his menu
    assert client.get("/coordination/budget/").status_code == 200


def test_the_office_finds_the_budget_and_the_administrator_the_audit(world, client):
    assert 'data-menu="budget"' in _main_menu(_page(client, world.sam))
    assert 'data-menu="audit"' not in _main_menu(_page(client, world.sam))
    assert 'data-menu="audit"' in _main_menu(_page(client, world.bob))


def test_the_language_switch_and_signing_out_are_in_the_users_own_menu(world, client):
    own = _own_menu(_page(client, world.alice))
    assert 'class="lang"' in own and 'action="/accounts/logout/"' in own
    assert "Đồn Biên phòng Bản Giốc" in own  # who I am, and for which unit


def test_the_current_page_is_marked_and_its_group_too(world, client):
    menu = _main_menu(_page(client, world.alice, "/incidents/"))
    assert re.findall(r'data-menu="(\w+)"[^>]*aria-current="page"', menu) == ["incidents"]
    assert menu.count("aria-current") == 1
    assert re.findall(r'<details data-group="(\w+)"[^>]*>\s*<summary class="current">', menu) == [
        "patrol"
    ]
    # a page under a list (the overdue incidents) marks the list as where the reader is
    menu = _main_menu(_page(client, world.alice, "/incidents/overdue/"))
    assert re.findall(r'data-menu="(\w+)"[^>]*aria-current="true"', menu) == ["incidents"]
    # the home page marks only itself
    menu = _main_menu(_page(client, world.alice, "/"))
    assert re.findall(r'data-menu="(\w+)"[^>]*aria-current="(\w+)"', menu) == [("home", "page")]
    assert 'class="current"' not in menu


def test_a_page_of_the_own_menu_is_marked_there(world, client):
    page = _page(client, world.alice, "/accounts/tokens/")
    assert 'aria-current="page"' not in _main_menu(page)
    assert re.search(r'data-menu="tokens"[^>]*aria-current="page"', _own_menu(page))


def test_the_menu_needs_no_inline_script(world, client):
    page = _page(client, world.alice, "/incidents/")
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert (' type="module" src="/static/biengioi/menu.js"', "") in scripts
    assert all("src=" in attributes and not body.strip() for attributes, body in scripts)
