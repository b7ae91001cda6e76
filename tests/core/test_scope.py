"""Unit scope has one rule, in core.scope: every read that limits rows to the actor's units goes
through `scoped()` or `within()`, so a change of the rule reaches every read."""

import re
from pathlib import Path
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser

from biengioi.core.scope import ancestors, readable, within
from biengioi.registry.models import OrgUnit
from tests.conftest import make_unit

SRC = Path(__file__).resolve().parents[2] / "src" / "biengioi"


def test_ancestors_are_the_units_above_nearest_last():
    assert ancestors("/1/4/17/") == ["/1/", "/1/4/"]
    assert ancestors("/1/") == []


def test_an_actor_in_a_post_sees_its_subtree_and_with_ancestors_the_units_above(world):
    subtree = OrgUnit.objects.filter(within(world.alice, "path"))
    assert set(subtree) == {world.post}
    above = OrgUnit.objects.filter(within(world.alice, "path", with_ancestors=True))
    assert set(above) == {world.post, world.bg, world.tbt}


def test_the_province_wide_scope_is_the_actors_whole_province(world):
    province = set(OrgUnit.objects.filter(within(world.alice, "path", province_wide=True)))
    assert world.tbt in province and world.post2 in province
    assert world.tsn not in province


def test_nobody_without_a_unit_or_a_sign_in_sees_anything(world):
    nobody = SimpleNamespace(is_authenticated=True, unit=None)
    assert not OrgUnit.objects.filter(within(nobody, "path")).exists()
    assert not OrgUnit.objects.filter(within(AnonymousUser(), "path")).exists()
    signed_out = SimpleNamespace(is_authenticated=False, unit=world.tbt)
    assert not OrgUnit.objects.filter(within(signed_out, "path", with_ancestors=True)).exists()


# A selector that reads the actor's own unit path to filter by it has written the rule by hand
# (the hand-written scopes of tasks, owed duties, crime operations and awards all did).
_BY_HAND = re.compile(r"\bscope_path\(")


def test_no_selector_writes_the_scope_rule_by_hand():
    offenders = [
        f"{path.relative_to(SRC)}:{n}: {line.strip()}"
        for path in sorted(SRC.rglob("*selectors.py"))
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if _BY_HAND.search(line)
    ]
    assert offenders == [], "scope through core.scope.scoped() or within()"


def test_readable_keeps_the_records_in_each_kinds_scope_and_drops_unknown_kinds(
    world, django_assert_num_queries
):
    other = make_unit("TBT-DBP-X", "Đồn Biên phòng X", "border_post", world.bg)
    refs = [
        ("registry.orgunit", world.post.pk),
        ("registry.orgunit", other.pk),
        ("accounts.user", world.alice.pk),
        ("accounts.user", world.bob.pk),
        ("nowhere.record", 1),
        ("not a label", 2),
    ]
    with django_assert_num_queries(2):
        found = readable(world.alice, refs)
    assert set(found) == {("registry.orgunit", world.post.pk), ("accounts.user", world.alice.pk)}
    assert found[("accounts.user", world.alice.pk)].pk == world.alice.pk
    assert set(readable(world.bob, refs)) == set(refs[:4])
    assert readable(world.charlie, refs) == {}
