"""Markers picked by typing: a number that names several markers (240 → 240(1), 240(2), 240(3))
is refused with the candidates named, on the form and in the API, nothing written; the
suggestions offered while typing come from the caller's province, their own post's markers
first, the nearest first when a place is known."""

import pytest

from biengioi.audit.models import AuditRecord
from biengioi.core.errors import Code, DomainError
from biengioi.operations.models import MarkerInspection, Patrol
from biengioi.registry import selectors
from biengioi.registry.services import marker_create
from tests.operations.test_patrol_pages import _form

AMBIGUOUS = "Có nhiều mốc số 240: 240(1), 240(2), 240(3). Chọn một."


def _marker(world, identifier, lon, lat, post=None, kind="main", **fields):
    return marker_create(
        actor=None,
        line_id=world.line.pk,
        identifier=identifier,
        kind=kind,
        lon=lon,
        lat=lat,
        post_id=(post or world.post).pk,
        **fields,
    )


@pytest.fixture
def border(world):
    """Along the TBT border: a triple marker 240, a lone member 250(1), markers 24, 241, 242 of
    the other post (Lý Vạn), and 246 of alice's post far to the east."""
    for part, lon in ((1, 106.6001), (2, 106.6003), (3, 106.6005)):
        _marker(world, f"240({part})", lon, 16.6001, multiplicity="triple")
    _marker(world, "250(1)", 106.605, 16.602, multiplicity="double")
    _marker(world, "24", 106.59, 16.599, post=world.post2)
    _marker(world, "241", 106.601, 16.6012, post=world.post2)
    _marker(world, "242", 106.611, 16.6066, post=world.post2)
    _marker(world, "246", 106.64, 16.62)
    return world


def _resolved(world, text):
    return selectors.marker_by_identifier(
        actor=world.alice, line_id=world.line.pk, identifier=text, field="marker"
    ).identifier


def test_an_exact_or_spoken_number_names_its_marker(border):
    assert _resolved(border, "240(2)") == "240(2)"
    assert _resolved(border, " mốc 240 (3) ") == "240(3)"
    assert _resolved(border, "Moc 600") == "600"
    assert _resolved(border, "250") == "250(1)"  # the only member of that number


def test_a_number_of_a_triple_marker_is_refused_naming_its_members(border):
    with pytest.raises(DomainError) as err:
        _resolved(border, "240")
    assert (err.value.code, err.value.field) == (Code.MARKER_AMBIGUOUS, "marker")
    assert err.value.message == AMBIGUOUS


def test_an_unknown_or_foreign_number_is_still_unknown(border):
    for text in ("239", "1116"):  # 1116 stands on the other province's border
        with pytest.raises(DomainError) as err:
            _resolved(border, text)
        assert err.value.code == Code.MARKER_UNKNOWN


def test_the_patrol_form_names_the_candidates_beside_the_row_and_writes_nothing(border, client):
    client.force_login(border.alice)
    before = (Patrol.objects.count(), MarkerInspection.objects.count(), AuditRecord.objects.count())
    response = client.post(
        "/patrols/new/",
        _form(border, **{"inspections-1-marker": "240", "inspections-1-status": "damaged"}),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert AMBIGUOUS in page
    # beside the second row's marker field, which keeps what was typed
    row = page[page.index('name="inspections-1-marker"') - 400 :]
    assert AMBIGUOUS in row[:400] and 'value="240"' in row
    assert (
        Patrol.objects.count(),
        MarkerInspection.objects.count(),
        AuditRecord.objects.count(),
    ) == before
    from_ambiguous = client.post("/patrols/new/", _form(border, from_marker="240"))
    assert from_ambiguous.status_code == 400 and AMBIGUOUS in from_ambiguous.content.decode()
    assert Patrol.objects.count() == 0
    chosen = client.post("/patrols/new/", _form(border, **{"inspections-1-marker": "240(2)"}))
    assert chosen.status_code == 302
    assert sorted(MarkerInspection.objects.values_list("marker__identifier", flat=True)) == [
        "240(2)",
        "600",
    ]


def test_the_api_resolves_a_typed_number_or_answers_422_with_the_candidates(border, as_user):
    api = as_user(border.alice)
    records = AuditRecord.objects.count()

    def resolve(line, identifier):
        body = {"line_id": line.pk, "identifier": identifier}
        return api.post("/api/v1/markers/resolve", body, content_type="application/json")

    one = resolve(border.line, "mốc 240(1)")
    assert one.status_code == 200 and one.json()["identifier"] == "240(1)"
    many = resolve(border.line, "240")
    assert many.status_code == 422
    assert many.json()["errors"] == [{"field": "identifier", "message": AMBIGUOUS}]
    none = resolve(border.tsn_line, "1116")
    assert none.status_code == 422  # the other province's border holds nothing of alice's
    assert AuditRecord.objects.count() == records  # a read


def _suggested(api, **query):
    response = api.get("/api/v1/markers/suggest", query)
    assert response.status_code == 200, response.content
    return response.json()


def test_suggestions_start_with_the_typed_number_own_post_first(border, as_user):
    api = as_user(border.alice)
    found = _suggested(api, q="24")
    # alice's post (Bản Giốc) first, in natural order; then Lý Vạn's
    assert [m["identifier"] for m in found] == [
        "240(1)",
        "240(2)",
        "240(3)",
        "246",
        "24",
        "241",
        "242",
    ]
    assert [m["own_post"] for m in found] == [True] * 4 + [False] * 3
    first = found[0]
    assert first["post_name"] == "Đồn Biên phòng Bản Giốc" and first["distance_m"] is None
    assert {"id", "identifier", "status", "status_label", "lon", "lat"} <= set(first)
    assert _suggested(api, q="mốc 24", limit=2) == found[:2]
    assert _suggested(api, q="moc 600")[0]["status_label"] == "Nguyên trạng"


def test_a_patrols_suggestions_keep_to_the_markers_its_unit_may_inspect(border, as_user):
    mine = _suggested(as_user(border.alice), q="24", own="true")
    assert [m["identifier"] for m in mine] == ["240(1)", "240(2)", "240(3)", "246"]
    command = _suggested(as_user(border.erin), q="24", own="true")  # the command: both posts
    assert len(command) == 7 and all(m["own_post"] for m in command)


def test_suggestions_put_the_nearest_first_when_a_place_is_known(border, as_user):
    api = as_user(border.alice)
    near = _suggested(api, q="24", near="106.6395,16.6199")  # beside 246
    assert [m["identifier"] for m in near][:4] == ["246", "240(3)", "240(2)", "240(1)"]
    assert near[0]["distance_m"] < 100 < near[1]["distance_m"]
    assert [m["identifier"] for m in near][4:] == ["242", "241", "24"]
    # nothing typed: the markers around the place
    around = _suggested(api, near="106.5901,16.5991")
    assert [m["identifier"] for m in around] == [
        "600",
        "240(1)",
        "240(2)",
        "240(3)",
        "250(1)",
        "246",  # about 5 km away: still around
        "24",  # the nearest of all, but of the other post
        "241",
        "242",
    ]
    _marker(border, "300", 106.5, 16.5)  # about 15 km from 246
    assert "300" in [m["identifier"] for m in _suggested(api, near="106.5901,16.5991")]
    assert "300" not in [m["identifier"] for m in _suggested(api, near="106.6395,16.6199")]
    # a province user has no "own post": the nearest is simply first
    everyone = _suggested(as_user(border.lee), near="106.5901,16.5991")
    assert everyone[0]["identifier"] == "24"


def test_suggestions_stay_in_the_callers_province(border, as_user):
    assert _suggested(as_user(border.alice), q="1116") == []
    assert [m["identifier"] for m in _suggested(as_user(border.charlie), q="1")] == ["1116"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"near": "16.78,106.51"}, "near"),  # latitude first
        ({"near": "106.51"}, "near"),
        ({"near": "105.85,40.0"}, "near"),
        ({"q": "2" * 41}, "q"),
        ({"q": "24", "limit": 0}, "limit"),
    ],
)
def test_bad_suggestion_queries_name_their_field(border, as_user, query, field):
    response = as_user(border.alice).get("/api/v1/markers/suggest", query)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_suggesting_reads_a_fixed_number_of_queries(border, as_user, django_assert_max_num_queries):
    api = as_user(border.alice)
    for n in range(20):
        _marker(border, f"2{n:02d}", 106.6 + n / 1000, 16.6)
    with django_assert_max_num_queries(6):
        assert len(_suggested(api, q="2", near="106.6,16.6", limit=50)) > 20
