"""Attachments filed by what they are and by their owner: a picture a photo, another file the
owner's own record; re-filed or removed by whoever may change the owner, each step audited, the
bytes of a removed file kept."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from biengioi.audit.models import AuditRecord
from biengioi.core.errors import Code, DomainError
from biengioi.operations.models import Attachment
from biengioi.operations.services import (
    attachment_add,
    attachment_refile,
    attachment_remove,
    incident_create,
    patrol_create,
)
from tests.conftest import sign_in
from tests.operations.test_attachments import PDF, PNG, _docx, _stored_files


@pytest.fixture
def store(settings, tmp_path):
    settings.ATTACHMENTS_DIR = tmp_path / "attachments"
    return settings.ATTACHMENTS_DIR


@pytest.fixture
def patrol(world):
    start = datetime(2025, 9, 12, 0, 30, tzinfo=UTC)
    made, _ = patrol_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="unilateral",
        line_id=world.line.pk,
        started_at=start,
        ended_at=start + timedelta(hours=6),
    )
    return made


@pytest.fixture
def incident(world):
    made, _ = incident_create(
        actor=world.alice,
        unit_id=world.post.pk,
        kind="other",
        title="Vụ việc",
        lon=106.6,
        lat=16.6,
        detected_on=date(2025, 9, 1),
        detected_by="Tổ tuần tra",
    )
    return made


def _add(actor, owner, name, content, kind=None):
    key = "patrol_id" if owner.__class__.__name__ == "Patrol" else "incident_id"
    file = SimpleUploadedFile(name, content)
    return attachment_add(actor=actor, file=file, kind=kind, **{key: owner.pk})[0]


@pytest.mark.parametrize(
    ("owner", "name", "content", "kind"),
    [
        ("incident", "anh.png", PNG, "photo"),
        ("incident", "cong-van.pdf", PDF, "document"),
        ("incident", "bao-cao.docx", None, "document"),
        ("patrol", "anh.png", PNG, "photo"),
        ("patrol", "bien-ban.pdf", PDF, "patrol_record"),
        ("patrol", "bien-ban.docx", None, "patrol_record"),
    ],
)
def test_a_file_sent_without_a_kind_is_filed_by_what_it_is_and_its_owner(
    world, patrol, incident, store, owner, name, content, kind
):
    record = patrol if owner == "patrol" else incident
    kept = _add(world.alice, record, name, content if content is not None else _docx())
    assert kept.kind == kind
    assert AuditRecord.objects.filter(action="attachment.create").get().after["kind"] == kind


def test_an_incident_does_not_take_a_patrol_record(world, incident, store):
    audits = AuditRecord.objects.count()
    with pytest.raises(DomainError) as caught:
        _add(world.alice, incident, "bien-ban.pdf", PDF, kind="patrol_record")
    assert (caught.value.code, caught.value.field) == (Code.DOCUMENT_KIND_NOT_FOR_OWNER, "kind")
    assert "Biên bản tuần tra" in caught.value.message and "vụ việc" in caught.value.message
    assert not Attachment.objects.exists() and _stored_files(store) == []
    assert AuditRecord.objects.count() == audits


def test_a_file_is_refiled_and_the_change_audited(world, incident, store):
    letter = _add(world.alice, incident, "anh-cong-van.png", PNG)
    assert letter.kind == "photo"
    changed = attachment_refile(actor=world.erin, attachment_id=letter.pk, kind="document")
    assert changed.kind == "document" and Attachment.objects.get().kind == "document"
    audit = AuditRecord.objects.get(action="attachment.update")
    assert (audit.before, audit.after) == ({"kind": "photo"}, {"kind": "document"})
    assert audit.actor_username == "erin"  # the post's command may mend its files too


@pytest.mark.parametrize(
    ("name", "content", "kind", "code"),
    [
        ("anh.png", PNG, "patrol_record", Code.DOCUMENT_KIND_NOT_FOR_OWNER),
        ("cong-van.pdf", PDF, "photo", Code.PHOTO_NOT_IMAGE),
        ("anh.png", PNG, "bogus", Code.REQUIRED),
    ],
)
def test_a_file_refiled_as_a_kind_its_owner_cannot_hold_is_refused_and_nothing_changes(
    world, incident, store, name, content, kind, code
):
    kept = _add(world.alice, incident, name, content)
    before = (kept.kind, AuditRecord.objects.count())
    with pytest.raises(DomainError) as caught:
        attachment_refile(actor=world.alice, attachment_id=kept.pk, kind=kind)
    assert (caught.value.code, caught.value.field) == (code, "kind")
    kept.refresh_from_db()
    assert (kept.kind, AuditRecord.objects.count()) == before


def test_a_removed_file_is_hidden_its_bytes_kept_and_the_removal_audited(
    world, patrol, store, as_user
):
    kept = _add(world.alice, patrol, "nham.pdf", PDF)
    (path,) = _stored_files(store)
    attachment_remove(actor=world.alice, attachment_id=kept.pk)
    kept.refresh_from_db()
    assert kept.removed_at is not None and kept.removed_by == world.alice
    assert path.read_bytes() == PDF  # kept: no retention period allows it to go
    audit = AuditRecord.objects.get(action="attachment.delete")
    assert audit.before["sha256"] == kept.sha256 and audit.after["removed_by"] == world.alice.pk
    api = as_user(world.alice)
    assert api.get(f"/api/v1/patrols/{patrol.pk}/attachments").json() == []
    assert api.get(f"/api/v1/attachments/{kept.pk}").status_code == 404
    with pytest.raises(Exception) as again:  # removed once; then it is not there to remove
        attachment_remove(actor=world.alice, attachment_id=kept.pk)
    assert again.typename == "Http404"
    assert AuditRecord.objects.filter(action="attachment.delete").count() == 1


def test_only_those_who_may_change_the_owner_refile_or_remove(world, patrol, store, as_user):
    kept = _add(world.alice, patrol, "bien-ban.pdf", PDF)
    url = f"/api/v1/attachments/{kept.pk}"
    assert (
        as_user(world.lee).patch(url, {"kind": "document"}, "application/json").status_code == 403
    )
    assert as_user(world.lee).delete(url).status_code == 403  # leaders read only
    assert as_user(world.charlie).delete(url).status_code == 404  # another province
    kept.refresh_from_db()
    assert (kept.kind, kept.removed_at) == ("patrol_record", None)


def test_the_api_files_by_content_refiles_and_removes(world, incident, store, as_user):
    api = as_user(world.alice)
    made = api.post(
        f"/api/v1/incidents/{incident.pk}/attachments",
        {"file": SimpleUploadedFile("anh.png", PNG)},
    )
    assert made.status_code == 201 and made.json()["kind"] == "photo"
    url = f"/api/v1/attachments/{made.json()['id']}"
    refused = api.patch(url, {"kind": "patrol_record"}, "application/json")
    assert refused.status_code == 422, refused.content
    assert refused.json()["errors"][0]["field"] == "kind"
    assert Attachment.objects.get().kind == "photo"
    refiled = api.patch(url, {"kind": "document"}, "application/json")
    assert refiled.status_code == 200 and refiled.json()["kind"] == "document"
    assert api.delete(url).status_code == 204
    assert api.get(f"/api/v1/incidents/{incident.pk}/attachments").json() == []


def test_the_incident_page_offers_its_kinds_files_a_png_as_a_photo_and_says_so(
    world, incident, store, client
):
    sign_in(client, world.alice)
    page = client.get(f"/incidents/{incident.pk}/").content.decode()
    form = page[page.index('data-testid="attachment-form"') :]
    assert 'value="photo"' in form and 'value="patrol_record"' not in form
    assert "Theo tệp" in form  # the default: filed by the file
    sent = client.post(
        f"/incidents/{incident.pk}/attachments/",
        {"client_id": str(uuid.uuid4()), "kind": "", "file": SimpleUploadedFile("a.png", PNG)},
        follow=True,
    )
    assert Attachment.objects.get().kind == "photo"
    assert "Đã lưu tệp “a.png” (Ảnh)." in sent.content.decode()


def test_the_pages_refile_and_remove_with_a_confirmation(world, incident, store, client):
    kept = _add(world.alice, incident, "cong-van.pdf", PDF)
    sign_in(client, world.alice)
    asked = client.get(f"/attachments/{kept.pk}/manage/")
    assert asked.status_code == 200 and 'data-testid="attachment-remove"' in asked.content.decode()
    refused = client.post(f"/attachments/{kept.pk}/refile/", {"kind": "photo"})
    assert refused.status_code == 400
    body = refused.content.decode()
    assert 'data-testid="error-summary"' in body and "Ảnh phải là tệp JPEG hoặc PNG." in body
    assert 'href="#id_kind"' in body
    kept.refresh_from_db()
    assert kept.kind == "document"
    # a kind the incident cannot hold is not even offered
    offered = client.post(f"/attachments/{kept.pk}/refile/", {"kind": "patrol_record"})
    assert offered.status_code == 400 and Attachment.objects.get().kind == "document"
    moved = client.post(f"/attachments/{kept.pk}/refile/", {"kind": "document"}, follow=True)
    assert "Đã lưu: tệp “cong-van.pdf” là Văn bản, tài liệu." in moved.content.decode()
    gone = client.post(f"/attachments/{kept.pk}/remove/", follow=True)
    assert gone.redirect_chain[-1][0] == f"/incidents/{incident.pk}/"
    text = gone.content.decode()
    assert "Đã gỡ tệp “cong-van.pdf”." in text
    table = text[text.index('data-testid="attachments"') : text.index("</table>")]
    assert "cong-van.pdf" not in table
    assert client.get(f"/attachments/{kept.pk}/manage/").status_code == 404
