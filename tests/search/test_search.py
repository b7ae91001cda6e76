"""The one search (issue 23, item 2): what typed words must find, in whose scope, and the
search that is refused.

The vocabulary is the test world's (Bản Giốc, Đàm Thủy, the line's marker 600) and a few
records written here through the services: markers 24 ... 2400 and the double marker 222, an
incident, a crime case, a task and a conference of alice's post.
"""

from datetime import date

import pytest
from django.db import connection
from django.db.models import Value
from django.test import Client
from django.test.utils import CaptureQueriesContext

from biengioi.audit.models import AuditRecord
from biengioi.coordination.services import conference_create, task_create
from biengioi.core.access import Role
from biengioi.core.errors import Code, DomainError
from biengioi.core.search import MAX_LENGTH, Unaccented, words
from biengioi.core.text import unaccent
from biengioi.operations.services import crime_case_create, incident_create
from biengioi.registry.models import OrgUnit
from biengioi.registry.services import marker_create
from biengioi.search import selectors
from tests.conftest import api_client, make_user, sign_in

pytestmark = pytest.mark.django_db


def _marker(world, identifier, multiplicity="single", i=0):
    return marker_create(
        actor=None,
        line_id=world.line.pk,
        identifier=identifier,
        kind="main",
        multiplicity=multiplicity,
        lon=106.61 + i / 10000,
        lat=16.61,
        post_id=world.post.pk,
    )


@pytest.fixture
def found(world):
    """The world with the records the table searches for."""
    for i, identifier in enumerate(["24", "240", "241", "2400", "25", "124"]):
        _marker(world, identifier, i=i)
    _marker(world, "222(1)", "double", i=10)
    _marker(world, "222(2)", "double", i=11)
    incident_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="other",
        title="Phát hiện người vượt biên trái phép",
        description="Hai người đi qua đường mòn gần Khe Cạn lúc 5 giờ sáng.",
        lon=106.61,
        lat=16.61,
        detected_on=date(2025, 9, 1),
        detected_by="Tổ tuần tra",
    )
    crime_case_create(
        actor=world.alice,
        unit_id=world.post.pk,
        category="drugs",
        title="Vận chuyển trái phép chất ma túy",
        detected_on=date(2025, 9, 2),
        lon=106.6,
        lat=16.6,
    )
    task_create(
        actor=world.alice,
        unit_id=world.post.pk,
        title="Rà soát hồ sơ mốc xuống cấp",
        deadline=date(2025, 9, 30),
    )
    conference_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="half_year",
        title="Sơ kết công tác biên phòng Bản Giốc",
        held_on=date(2025, 7, 10),
    )
    return world


def _labels(actor, q):
    return {g.kind: [h.label for h in g.hits] for g in selectors.search(actor=actor, q=q)}


# what a user types -> kind -> labels that must be among what it finds (in this order, first)
TABLE = [
    ("moc 222", {"marker": ["Mốc 222(1)", "Mốc 222(2)"]}),
    ("mốc 222", {"marker": ["Mốc 222(1)", "Mốc 222(2)"]}),
    ("MỐC 222(2)", {"marker": ["Mốc 222(2)"]}),
    ("222", {"marker": ["Mốc 222(1)", "Mốc 222(2)"]}),
    ("cọc 600", {"marker": ["Mốc 600"]}),
    ("24", {"marker": ["Mốc 24", "Mốc 240", "Mốc 241", "Mốc 2400"]}),
    ("moc 24", {"marker": ["Mốc 24", "Mốc 240", "Mốc 241", "Mốc 2400"]}),
    ("ban gioc", {"gate": ["Cửa khẩu Bản Giốc"], "unit": ["Đồn Biên phòng Bản Giốc"]}),
    ("BẢN GIỐC", {"gate": ["Cửa khẩu Bản Giốc"], "unit": ["Đồn Biên phòng Bản Giốc"]}),
    ("dam thuy", {"admin_unit": ["Xã Đàm Thủy"], "unit": ["Xã Đàm Thủy"]}),
    ("Đàm Thuỷ", {"admin_unit": ["Xã Đàm Thủy"]}),
    ("vuot bien", {"incident": ["Phát hiện người vượt biên trái phép"]}),
    ("khe can", {"incident": ["Phát hiện người vượt biên trái phép"]}),
    ("trai phep", {"incident": ["Phát hiện người vượt biên trái phép"]}),
    ("ma tuy", {"crime_case": ["Vận chuyển trái phép chất ma túy"]}),
    ("ho so moc", {"task": ["Rà soát hồ sơ mốc xuống cấp"]}),
    ("so ket ban gioc", {"conference": ["Sơ kết công tác biên phòng Bản Giốc"]}),
    ("D1", {"section": ["D1 · Đoạn mốc 600 – 610"]}),
]


@pytest.mark.parametrize(("q", "wanted"), TABLE)
def test_the_words_a_user_types_find_the_records(found, q, wanted):
    got = _labels(found.bob, q)
    for kind, labels in wanted.items():
        assert got.get(kind, [])[: len(labels)] == labels, (q, kind, got)


def test_a_number_finds_markers_by_its_beginning_the_very_number_first(found):
    got = _labels(found.bob, "24")["marker"]
    assert got == ["Mốc 24", "Mốc 240", "Mốc 241", "Mốc 2400"]
    assert "Mốc 25" not in got and "Mốc 124" not in got


def test_each_kind_shows_its_first_rows_and_counts_them_all(found):
    for i in range(7):
        _marker(found, str(2410 + i), i=20 + i)
    (markers,) = [g for g in selectors.search(actor=found.bob, q="24") if g.kind == "marker"]
    assert len(markers.hits) == selectors.LIMIT
    assert markers.count == 11  # 24, 240, 241, 2400 and 2410 ... 2416


def test_another_province_finds_nothing_of_ours(found):
    for q, wanted in TABLE:
        got = _labels(found.charlie, q)
        for kind, labels in wanted.items():
            assert not set(labels) & set(got.get(kind, [])) or kind == "admin_unit", (q, got)


def test_another_post_finds_the_shared_registry_but_not_the_posts_records(found):
    dave = make_user("dave", Role.FIELD_OFFICER, found.post2)
    assert _labels(dave, "moc 222")["marker"] == ["Mốc 222(1)", "Mốc 222(2)"]
    for q in ("vuot bien", "ma tuy", "ho so moc", "so ket ban gioc"):
        got = _labels(dave, q)
        assert not {"incident", "crime_case", "task", "conference"} & set(got), (q, got)
    assert _labels(found.alice, "vuot bien")["incident"]  # the control


def test_the_api_answers_grouped_with_facts_and_links(found):
    answer = api_client(found.alice).get("/api/v1/search", {"q": "vượt biên"})
    assert answer.status_code == 200
    body = answer.json()
    (group,) = [g for g in body["groups"] if g["kind"] == "incident"]
    assert group["count"] == 1 and group["label"] == "Vụ việc biên giới"
    (hit,) = group["hits"]
    assert hit["label"] == "Phát hiện người vượt biên trái phép"
    assert hit["url"] == f"/incidents/{hit['id']}/"
    assert "01/09/2025" in hit["facts"] and "Đồn Biên phòng Bản Giốc" in hit["facts"]


@pytest.mark.parametrize(
    ("q", "code"),
    [("a" * 10_000, None), ("?!... --- ,,,", Code.SEARCH_EMPTY), ("   ", Code.SEARCH_EMPTY)],
)
def test_a_search_that_is_no_search_is_refused_naming_q(found, q, code):
    client = api_client(found.alice)
    records = AuditRecord.objects.count()
    answer = client.get("/api/v1/search", {"q": q})
    assert answer.status_code == 422
    assert [e["field"] for e in answer.json()["errors"]] == ["q"]
    if code is not None:
        with pytest.raises(DomainError) as err:
            selectors.search(actor=found.alice, q=q)
        assert (err.value.code, err.value.field) == (code, "q")
    assert AuditRecord.objects.count() == records


def test_a_search_longer_than_a_search_is_refused_by_the_selector_too(found):
    with pytest.raises(DomainError) as err:
        selectors.search(actor=found.alice, q="x" * (MAX_LENGTH + 1))
    assert (err.value.code, err.value.field) == (Code.TOO_LONG, "q")


def test_the_page_shows_what_is_found_grouped_with_links(found):
    client = Client()
    sign_in(client, found.alice)
    page = client.get("/search/", {"q": "moc 222"}).content.decode()
    assert 'data-testid="search-marker"' in page
    assert 'href="/markers/' in page and "Mốc 222(1)" in page and "Mốc 222(2)" in page
    home = client.get("/").content.decode()
    assert 'action="/search/"' in home and 'name="q"' in home  # the header's search box


@pytest.mark.parametrize("q", ["x" * 10_000, "?!...", ""])
def test_the_page_says_why_a_search_is_refused_and_shows_nothing_else(found, q):
    client = Client()
    sign_in(client, found.alice)
    page = client.get("/search/", {"q": q}).content.decode()
    assert 'data-testid="search-error"' in page
    assert "search-marker" not in page and "search-none" not in page


def test_the_search_takes_as_many_queries_with_more_records(found):
    """Two queries a kind at most (its first rows, and its count once they fill the page),
    however many records match."""
    page, api = Client(), api_client(found.bob)
    sign_in(page, found.bob)

    def grow(start):
        for i in range(start, start + selectors.LIMIT + 1):
            _marker(found, str(2420 + i), i=30 + i)
            incident_create(
                actor=found.alice,
                unit_id=found.post.pk,
                kind="other",
                title=f"Phát hiện vụ thứ {i} gần mốc 24",
                lon=106.61,
                lat=16.61,
                detected_on=date(2025, 9, 3),
                detected_by="Tổ tuần tra",
            )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert page.get("/search/", {"q": "phat hien 24"}).status_code == 200
            assert api.get("/api/v1/search", {"q": "24"}).status_code == 200
        return len(captured.captured_queries)

    grow(0)
    few = queries()
    grow(selectors.LIMIT + 1)
    assert queries() <= few


VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)


@pytest.mark.parametrize(
    "text", [VIETNAMESE, VIETNAMESE.upper(), "Đồn Biên phòng PHÙ LÃNG", "Mốc 222(2) – Nà Sác"]
)
def test_the_database_unaccents_as_python_does(world, text):
    """The copy the database makes (SQLite: a registered function; PostgreSQL: translate())
    is the one core.text.unaccent makes of what the user types."""
    rows = OrgUnit.objects.annotate(plain=Unaccented(Value(text)))
    assert rows.values_list("plain", flat=True).first() == unaccent(text)


def test_words_drop_punctuation_and_accents():
    assert words("Mốc 222(2)!") == ["moc", "222", "2"]
    assert words("?!... ---") == []
