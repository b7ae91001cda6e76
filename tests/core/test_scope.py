"""core.scope.readable: which records named by (model label, id) a user may read, each by its own
model's scope, in one query per kind of record."""

from biengioi.core.scope import readable
from tests.conftest import make_unit


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
