"""Talks and documents in the header search (issue 23, item 2): found by their words, accents
and case ignored, each with its key facts and its page, and never by a caller outside the scope
of the talks or of the document's owner (dave of the Lý Vạn post, charlie of another province).
"""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from biengioi.coordination.services import document_add, talks_create
from biengioi.core.access import Role
from biengioi.notifications.services import notify
from biengioi.search import selectors
from tests.conftest import api_client, make_user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def held(world, settings, tmp_path):
    """Talks of each post of the province, each with a file kept with it."""
    settings.ATTACHMENTS_DIR = tmp_path / "attachments"
    world.dave = make_user("dave", Role.FIELD_OFFICER, world.post2)
    ours, _ = talks_create(
        actor=world.alice,
        unit_id=world.post.pk,
        level="post",
        counterpart_id=world.counterpart.pk,
        held_on=date(2025, 3, 20),
        host_side="ours",
        place="Cửa khẩu Bản Giốc",
        agenda="Trao đổi tình hình phòng, chống ma túy trên tuyến biên giới.",
    )
    theirs, _ = talks_create(
        actor=world.dave,
        unit_id=world.post2.pk,
        level="post",
        counterpart_id=world.counterpart.pk,
        held_on=date(2025, 4, 2),
        host_side="theirs",
        agenda="Phối hợp tuần tra song phương khu vực Khe Cạn.",
    )
    for actor, talks, name in (
        (world.alice, ours, "Biên bản hội đàm Phù Lãng.pdf"),
        (world.dave, theirs, "Kế hoạch tuần tra Khe Cạn.pdf"),
    ):
        document_add(
            actor=actor,
            file=SimpleUploadedFile(name, PDF, content_type="application/pdf"),
            kind="minutes",
            talks_id=talks.pk,
        )
    world.ours, world.theirs = ours, theirs
    return world


def _found(actor, q) -> dict[str, list]:
    return {g.kind: g.hits for g in selectors.search(actor=actor, q=q)}


def test_talks_are_found_by_their_words_with_their_facts_and_page(held):
    for q in ("ma tuy", "MA TÚY", "phòng chống ma túy"):
        (hit,) = _found(held.alice, q)["talks"]
        assert hit.label == "Hội đàm với Đại đội Biên phòng 963 ngày 20/03/2025"
        assert hit.url == f"/coordination/talks/{held.ours.pk}/"
        assert "Cửa khẩu Bản Giốc" in hit.facts and "Đồn Biên phòng Bản Giốc" in hit.facts
    assert [h.id for h in _found(held.bob, "963")["talks"]] == [held.theirs.pk, held.ours.pk]


def test_documents_are_found_by_their_name_and_lead_to_their_owner(held):
    for q in ("bien ban phu lang", "BIÊN BẢN PHÙ LÃNG", "hội đàm phù lãng"):
        (hit,) = _found(held.alice, q)["document"]
        assert hit.label == "Biên bản hội đàm Phù Lãng.pdf"
        assert hit.url == f"/coordination/talks/{held.ours.pk}/"
        assert "Biên bản" in hit.facts


def test_no_one_outside_the_scope_finds_the_talks_or_their_files(held):
    for actor, q in ((held.dave, "ma tuy"), (held.dave, "phu lang"), (held.alice, "khe can")):
        got = _found(actor, q)
        assert "talks" not in got and "document" not in got, (actor, q, got)
    for q in ("ma tuy", "phu lang", "khe can", "963"):
        got = _found(held.charlie, q)
        assert "talks" not in got and "document" not in got, (q, got)
    assert "talks" in _found(held.dave, "khe can") and "document" in _found(held.dave, "khe can")


def test_the_api_groups_talks_and_documents(held):
    answer = api_client(held.alice).get("/api/v1/search", {"q": "phù lãng"})
    assert answer.status_code == 200
    kinds = {g["kind"]: g for g in answer.json()["groups"]}
    assert kinds["document"]["label"] == "Tài liệu" and kinds["document"]["count"] == 1
    assert api_client(held.dave).get("/api/v1/search", {"q": "phù lãng"}).json()["groups"] == []


def test_the_notifications_search_finds_the_readers_own_only(world, settings):
    """The sample has no notification: the list's search is tried on two written here."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    notify(
        recipients=[world.alice], key="a", title="Báo cáo tháng sắp đến hạn", body="Đồn Bản Giốc"
    )
    notify(recipients=[world.sam], key="b", title="Nhiệm vụ quá hạn", body="Rà soát mốc")
    alice = api_client(world.alice)
    found = alice.get("/api/v1/notifications", {"q": "BAO CAO thang"}).json()
    assert [n["title"] for n in found["items"]] == ["Báo cáo tháng sắp đến hạn"]
    assert alice.get("/api/v1/notifications", {"q": "nhiệm vụ quá hạn"}).json()["count"] == 0
    assert alice.get("/api/v1/notifications", {"q": "!!!"}).status_code == 422
