"""The words of the five source reports (/work/shared/seeds) typed into the searches of the
sample province: what each must find, for the province's leader and for the field officer of
the Phù Lang post (who finds his own records and the province's shared ones, never another
post's). The header search (`/api/v1/search`) for the kinds it holds; a list's own `q` for the
community records it does not (self-management teams, twinnings, training, programmes).
"""

import pytest

from biengioi.accounts.models import User
from tests.conftest import api_client

pytestmark = pytest.mark.django_db

SAMPLE = " (DỮ LIỆU MẪU)"  # the sample marks each of its records so
LEADER, OFFICER = "lanhdao.tinh", "canbo.phulang"

# what a user types -> kind -> labels that must be among what the header search finds
HEADER = [
    (
        "tuần tra song phương",
        {
            "task": [
                "Tổ chức tuần tra song phương đoạn biên giới khu vực cửa khẩu Phù Lang",
                "Tuần tra song phương hằng tháng đoạn mốc 245 – 255",
            ]
        },
    ),
    (
        "ma túy",
        {"crime_case": ["Bắt đối tượng tàng trữ trái phép chất ma túy tại khu vực biên giới"]},
    ),
    (
        "MA TUY",
        {"crime_case": ["Bắt đối tượng tàng trữ trái phép chất ma túy tại khu vực biên giới"]},
    ),
    (
        "xuất cảnh trái phép",
        {"crime_case": ["Phát hiện 3 công dân xuất cảnh trái phép qua lối mòn"]},
    ),
    ("phao no", {"crime_case": ["Thu giữ pháo nổ vận chuyển trái phép qua biên giới"]}),
    (
        "heroin",
        {"crime_case": ["Bắt quả tang đối tượng vận chuyển trái phép heroin qua đường mòn"]},
    ),
    (
        "đường mòn",
        {
            "incident": ["Nhóm người qua lại biên giới trái phép qua đường mòn"],
            "crime_case": ["Bắt quả tang đối tượng vận chuyển trái phép heroin qua đường mòn"],
        },
    ),
    ("lối mở", {"gate": ["Lối mở Ta Lu"]}),
    ("sat lo", {"incident": ["Mốc bị sạt lở chân đế sau mưa lớn"]}),
    ("hư hỏng, xê dịch", {"incident": ["Mốc bị sạt lở chân đế sau mưa lớn"]}),  # its kind
    ("buon lau", {"crime_case": ["Vận chuyển thuốc lá điếu nhập lậu không có hóa đơn chứng từ"]}),
    ("sơ kết", {"conference": ["Hội nghị sơ kết công tác biên giới 6 tháng đầu năm 2026"]}),
    (
        "mốc quốc giới hư hại",
        {"task": ["Rà soát, đề xuất sửa chữa các mốc quốc giới bị hư hại trên địa bàn"]},
    ),
    (
        "phu lang",
        {
            "gate": ["Cửa khẩu Quốc tế Phù Lang"],
            "unit": ["Đồn Biên phòng Cửa khẩu Quốc tế Phù Lang"],
        },
    ),
    ("moc 222", {"marker": ["Mốc 222(1)", "Mốc 222(2)"]}),
    ("cọc 240", {"marker": ["Mốc 240(1)", "Mốc 240(2)", "Mốc 240(3)"]}),
]

# a list's own search: route -> what a user types -> the field shown -> values it must find
LISTS = [
    (
        "/api/v1/teams",
        "tự quản",
        "name",
        [
            "Tổ tự quản an ninh trật tự bản Khuổi Lừa",
            "Tổ tự quản đường biên, mốc quốc giới thôn Nà Pồ",
        ],
    ),
    (
        "/api/v1/teams",
        "tu quan duong bien",
        "name",
        ["Tổ tự quản đường biên, mốc quốc giới thôn Nà Pồ"],
    ),
    (
        "/api/v1/twinnings",
        "kết nghĩa",
        "second_name",
        ["Đại đội Biên phòng 965 (Lào)", "Bản Huội Sán (huyện Sê Pôn)"],
    ),
    (
        "/api/v1/twinnings",
        "KET NGHIA",
        "second_name",
        ["Đại đội Biên phòng 965 (Lào)", "Bản Huội Sán (huyện Sê Pôn)"],
    ),
    ("/api/v1/programme-beneficiaries", "con nuôi đồn biên phòng", "full_name", ["Lò Văn Páo"]),
    (
        "/api/v1/training-courses",
        "tập huấn tự quản",
        "title",
        ["Tập huấn nghiệp vụ cho tổ tự quản đường biên, mốc quốc giới"],
    ),
    (
        "/api/v1/emulation-movements",
        "toàn dân tham gia",
        "name",
        [
            "Toàn dân tham gia tự quản đường biên, mốc quốc giới và an ninh trật tự ở thôn, bản"
            " khu vực biên giới"
        ],
    ),
    (
        "/api/v1/crime-operations",
        "ma tuy buon lau",
        "name",
        ["Cao điểm trấn áp tội phạm ma túy, buôn lậu trên tuyến biên giới"],
    ),
    (
        "/api/v1/regulations",
        "quy chế phối hợp",
        "title",
        [
            "Quy chế phối hợp giữa Bộ Chỉ huy Bộ đội Biên phòng tỉnh, Sở Ngoại vụ và Công an tỉnh"
            " trong công tác biên giới"
        ],
    ),
    ("/api/v1/exchanges", "gia súc", "subject", ["Tin báo gia súc qua biên giới"]),
]


# a kind or category typed by its label: route -> the filter and its value -> what is typed
KINDS = [
    ("/api/v1/patrols", "kind", "bilateral", "song phương"),
    ("/api/v1/patrols", "kind", "bilateral", "tuan tra song ph"),
    ("/api/v1/incidents", "kind", "marker_damage", "hư hỏng, xê dịch"),
    ("/api/v1/crime-cases", "category", "smuggling", "buôn lậu"),
    ("/api/v1/crime-cases", "category", "drugs", "MA TUY"),
    ("/api/v1/rescue-operations", "kind", "landslide", "sạt lở đất"),
    ("/api/v1/handovers", "kind", "expel", "trục xuất"),
    ("/api/v1/teams", "kind", "village_security", "an ninh trật tự thôn"),
    ("/api/v1/twinnings", "kind", "post_post", "ket nghia don tram"),
]


@pytest.fixture(scope="module")
def clients(sample_province, django_db_blocker):
    with django_db_blocker.unblock():
        return {name: api_client(User.objects.get(username=name)) for name in (LEADER, OFFICER)}


def _bare(label: str) -> str:
    return label.removesuffix(SAMPLE)


def _header(client, q: str) -> dict[str, list[str]]:
    answer = client.get("/api/v1/search", {"q": q})
    assert answer.status_code == 200, answer.content
    return {g["kind"]: [_bare(h["label"]) for h in g["hits"]] for g in answer.json()["groups"]}


@pytest.mark.parametrize(("q", "wanted"), HEADER, ids=[q for q, _ in HEADER])
def test_the_reports_words_find_the_records_in_the_header_search(sample, clients, q, wanted):
    got = _header(clients[LEADER], q)
    for kind, labels in wanted.items():
        assert set(labels) <= set(got.get(kind, [])), (q, kind, got)


@pytest.mark.parametrize(
    ("route", "q", "field", "wanted"), LISTS, ids=[f"{r} {q}" for r, q, _f, _w in LISTS]
)
def test_the_reports_words_find_the_records_in_each_lists_search(
    sample, clients, route, q, field, wanted
):
    answer = clients[LEADER].get(route, {"q": q, "size": 200})
    assert answer.status_code == 200, answer.content
    got = [_bare(item[field]) for item in answer.json()["items"]]
    assert set(wanted) <= set(got), (route, q, got)


def test_a_word_of_the_reports_the_sample_never_uses_finds_nothing(sample, clients):
    for q in ("khai thác IUU", "hàng giả", "mua bán người"):
        assert _header(clients[LEADER], q) == {}, q


def test_the_field_officer_finds_his_posts_talks_not_the_provinces(sample, clients):
    everyone = _header(clients[LEADER], "hội đàm")["talks"]
    his = _header(clients[OFFICER], "hội đàm")["talks"]
    assert his and set(his) < set(everyone)
    assert all("Đại đội Biên phòng 965" in label for label in his), his


def _ids(client, route: str, **params) -> set[int]:
    answer = client.get(route, {**params, "size": 200})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["pages"] <= 1, (route, params)  # the sample fits in a page
    return {item["id"] for item in body["items"]}


@pytest.mark.parametrize(
    ("route", "field", "value", "q"), KINDS, ids=[f"{r} {q}" for r, _f, _v, q in KINDS]
)
def test_a_kind_is_found_by_its_label(sample, clients, route, field, value, q):
    """A list's search finds every record of the kind its words name (the kind's label is
    searched, not only the record's text); the filter proves there are some, and others."""
    client = clients[LEADER]
    of_kind, everything = _ids(client, route, **{field: value}), _ids(client, route)
    assert of_kind and of_kind < everything, (route, value)
    assert of_kind <= _ids(client, route, q=q), (route, q)
