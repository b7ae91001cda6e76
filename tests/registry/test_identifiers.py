import pytest
from hypothesis import given
from hypothesis import strategies as st

from biengioi.core.errors import Code, DomainError
from biengioi.registry.identifiers import MarkerId, parse, prefix_key

ids = st.builds(MarkerId, st.integers(0, 99999), st.integers(0, 9999), st.integers(0, 3))


@pytest.mark.parametrize("text", ["1116", "1116/1", "222(2)", "232/5(1)", "0", " 605 (1) "])
def test_identifiers_of_every_shape_parse(text):
    assert str(parse(text)) == text.replace(" ", "")


@pytest.mark.parametrize(
    "text",
    ["", "A12", "12-3", "222(4)", "222(0)", "12/0", "1116/", "(1)", "12.5", "123456", "1/2/3"],
)
def test_malformed_identifiers_are_refused_naming_the_field(text):
    with pytest.raises(DomainError) as err:
        parse(text)
    assert err.value.code == Code.MARKER_ID_INVALID and err.value.field == "identifier"


def test_the_natural_order_of_the_examples():
    texts = [
        "1117",
        "1116/1",
        "222(2)",
        "1116",
        "222(1)",
        "232/5(1)",
        "232/5",
        "232",
        "1116/10",
        "1116/2",
    ]
    ordered = sorted(texts, key=lambda t: parse(t).sort_key)
    assert ordered == [
        "222(1)",
        "222(2)",
        "232",
        "232/5",
        "232/5(1)",
        "1116",
        "1116/1",
        "1116/2",
        "1116/10",
        "1117",
    ]


@given(ids, ids)
def test_the_sort_key_orders_like_the_identifier(a, b):
    assert (a.sort_key < b.sort_key) == (a < b)
    assert (a.sort_key == b.sort_key) == (a == b)


@given(ids)
def test_an_identifier_survives_its_text(mid):
    assert parse(str(mid)) == mid


@given(ids)
def test_a_search_prefix_finds_the_marker_and_its_family(mid):
    assert mid.sort_key.startswith(prefix_key(str(mid.main)))
    if mid.sub:
        assert mid.sort_key.startswith(prefix_key(f"{mid.main}/{mid.sub}"))
    other_main = (mid.main + 1) % 100000
    assert not mid.sort_key.startswith(prefix_key(str(other_main)))
