"""The word rule of every search (issue 23, ADR 0016): each typed word but the last must be a
whole word of the record, the last may be a word's beginning; punctuation parts words on both
sides; a choice field is found by its label. The same table is asked of the three ways a search
is made: a model's kept `searched` column, the words computed by the database for a model
without one, and the registry's kept `name_search` column (run on SQLite and on PostgreSQL).
"""

from datetime import date

import pytest

from biengioi.core.search import matching, matching_column, matching_computed, words
from biengioi.operations.models import Incident
from biengioi.operations.services import incident_create
from biengioi.registry.models import OrgUnit, UnitKind
from biengioi.registry.services import unit_create

pytestmark = pytest.mark.django_db

TITLES = {
    "A": "Tổ tự quản đường biên",
    "B": "Xe khách đi Tuyên Quang",
    "C": "Khảo sát cửa khẩu phụ",
    "D": "Đồn Biên phòng Phù Lãng",
    "E": "Vận chuyển trái phép chất ma túy",
    "F": "Mốc 222(2)–Nà Sác bị sạt lở",
}

# what a user types -> the records it finds
TABLE = [
    ("tu quan", "A"),  # and not Tuyên Quang
    ("Tự Quản", "A"),
    ("TU QUAN DUONG BIEN", "A"),
    ("quan tu", "A"),  # the words in any order
    ("tu", "ABE"),  # the last word may be a beginning: "tu" begins "tuyen", "tuy"
    ("tuyen q", "B"),
    ("quang", "B"),
    ("qua", "AB"),  # begins "quan" and "quang"
    ("quan", "AB"),  # begins "quang" too
    ("cua kh", "C"),
    ("cửa khẩu", "C"),
    ("kh cua", ""),  # only the last word may be a beginning
    ("khau cua", "C"),
    ("phu lang", "D"),
    ("lang", "D"),
    ("phu", "CD"),
    ("an", ""),  # inside "quang", "tuyen quang", "lang": no word begins with it
    ("ien", ""),
    ("ma tuy", "E"),
    ("ma", "E"),
    ("a tuy", ""),
    ("222", "F"),
    ("222(2)", "F"),
    ("moc 222 (2)", "F"),
    ("22", "F"),
    ("2 na", "F"),  # "222(2)" holds the word 2
    ("na-sac", "F"),
    ("nà, sác!", "F"),
    ("sac bi", "F"),
    ("sat lo", "F"),
    ("(2)–Nà", "F"),
    ("khach di tuyen", "B"),
    ("bien", "AD"),
    ("bi", "ADF"),
]


def _table():
    return [(q, set(wanted)) for q, wanted in TABLE]


def _check(find):
    """The rows each search of the table finds, wrong ones reported all at once."""
    wrong = [(q, wanted, got) for q, wanted in _table() if (got := find(q)) != wanted]
    assert not wrong, wrong


@pytest.fixture
def incidents(world):
    made = {}
    for key, title in TITLES.items():
        made[key] = incident_create(
            actor=world.alice,
            unit_id=world.post.pk,
            kind="encroachment",
            title=title,
            lon=106.61,
            lat=16.61,
            detected_on=date(2025, 9, 1),
            detected_by="Đội 3",
        )[0]
    return {incident.pk: key for key, incident in made.items()}


def test_the_kept_column_finds_by_the_word_rule(incidents):
    rows = Incident.objects.filter(pk__in=incidents)

    def find(q):
        return {incidents[pk] for pk in matching(rows, q).values_list("pk", flat=True)}

    _check(find)


def test_the_words_computed_by_the_database_find_by_the_word_rule(incidents):
    rows = Incident.objects.filter(pk__in=incidents)

    def find(q):
        found = matching_computed(rows, q, "title", "detected_by")
        return {incidents[pk] for pk in found.values_list("pk", flat=True)}

    _check(find)
    # the fields are kept apart: no word runs from the title into the next field
    assert not matching_computed(rows, "langdoi", "title", "detected_by")
    lang = matching_computed(rows, "lang doi 3", "title", "detected_by")
    assert [incidents[pk] for pk in lang.values_list("pk", flat=True)] == ["D"]


def test_the_registrys_names_find_by_the_word_rule(world):
    units = {}
    for i, (key, title) in enumerate(TITLES.items()):
        unit = unit_create(
            actor=world.bob,
            code=f"W{i}",
            name=title,
            kind=UnitKind.AGENCY,
            parent_id=world.tbt.pk,
        )
        units[unit.pk] = key
    rows = OrgUnit.objects.filter(pk__in=units)

    def find(q):
        found = matching_column(rows, q, "name_search")
        return {units[pk] for pk in found.values_list("pk", flat=True)}

    _check(find)
    assert rows.get(code="W5").name_search == " moc 222 2 na sac bi sat lo "


def test_a_choice_field_is_found_by_its_label_kept_or_computed(incidents, world):
    rows = Incident.objects.filter(pk__in=incidents)
    label = "Xâm canh, xâm cư"  # the kind "encroachment"
    assert matching(rows, label).count() == len(TITLES)
    assert matching_computed(rows, "xam canh", "title", "kind").count() == len(TITLES)
    assert not matching(rows, "encroachment")  # the stored value is no word of the record
    assert not matching_computed(rows, "encroachment", "title", "kind")
    assert not matching_computed(rows, "xam canh", "title")


def test_the_table_types_words_the_search_takes():
    for q, _wanted in TABLE:
        assert words(q), q
